"""The store's tables (SQLAlchemy Core), portable between SQLite and PostgreSQL.

Each per-document table carries `doc_id`, so replacing a document is one delete per table and
one insert, inside one transaction. Full records are kept as JSON beside the indexed columns
that queries filter on, so exports give back exactly the contract of DESIGN.md.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

# One row: the version of this schema the store is at (store/migrations.py).
schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("doc_id", String(200), primary_key=True),
    Column("content_hash", String(64), nullable=False),
    Column("lang", String(8)),
    Column("published", String(10)),
    Column("ref_date", String(10)),  # published, or the date the text itself fixes
    Column("title", Text),
    Column("source", String(200), index=True),
    Column("url", Text),
    Column("place", String(200)),
    Column("text", Text, nullable=False),
    Column("raw_text", Text, nullable=False),
    Column("offset_map", Text, nullable=False),  # JSON [[clean_start, orig_start, length], ...]
    Column("dropped", Text, nullable=False),  # JSON [{"text", "reason", "orig_start"}, ...]
    Column("n_sentences", Integer, nullable=False),
    Column("origin", Text),
    Column("minhash", LargeBinary),  # signature of the text, for near-duplicate search
)

sentences = Table(
    "sentences",
    metadata,
    Column("doc_id", String(200), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("lang", String(8)),
    Column("repeats", Integer, nullable=False, default=1),
)

# Fingerprints of each document's lines, to recognise furniture repeated across one source.
doc_lines = Table(
    "doc_lines",
    metadata,
    Column("doc_id", String(200), nullable=False),
    Column("source", String(200)),
    Column("line_key", String(16), nullable=False),
    Index("ix_doc_lines_source_key", "source", "line_key"),
    Index("ix_doc_lines_doc", "doc_id"),
)

facts = Table(
    "facts",
    metadata,
    Column("fact_id", String(64), primary_key=True),
    Column("doc_id", String(200), nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("indicator", String(64), nullable=False),
    Column("measure", String(16), nullable=False),
    Column("value", Float, nullable=False),
    Column("unit", String(16)),
    Column("approx", String(8)),
    Column("status", String(16)),
    Column("period_start", String(10)),
    Column("period_end", String(10)),
    Column("deadline", String(10)),
    Column("lang", String(8)),
    Column("start", Integer),
    Column("end", Integer),
    Column("record", Text, nullable=False),  # the Fact contract as JSON
    Index("ix_facts_indicator_period", "indicator", "measure", "period_start"),
    # /api/facts?indicator=... pages in (doc_id, start, fact_id) order straight off this index
    Index("ix_facts_indicator_order", "indicator", "doc_id", "start", "fact_id"),
)

events = Table(
    "events",
    metadata,
    Column("event_id", String(64), primary_key=True),
    Column("doc_id", String(200), nullable=False, index=True),
    Column("type", String(32), nullable=False),
    Column("status", String(16)),
    Column("date_start", String(10)),
    Column("date_end", String(10)),
    Column("place", String(200)),
    Column("record", Text, nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("entity_id", String(64), primary_key=True),
    Column("type", String(16), nullable=False),
    Column("name", String(300), nullable=False, index=True),
    Column("wikidata", String(32)),
    Column("record", Text, nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    Column("doc_id", String(200), nullable=False, index=True),
    Column("entity_id", String(64), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("surface", Text, nullable=False),
)

PER_DOCUMENT = (sentences, doc_lines, facts, events, mentions)
