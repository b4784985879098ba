"""The store behind one small interface: SQLite by default, PostgreSQL by URL.

Writing a document replaces all its rows in one transaction, so a failure half-way leaves the
previous version intact and never a mixture.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections import defaultdict
from collections.abc import Iterator

from sqlalchemy import Engine, create_engine, delete, event, insert, make_url, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from bilateral.pipeline import Processed
from bilateral.store import migrations, schema

DEFAULT_DB = "bilateral.db"


def url_for(db: str | None) -> str:
    """A SQLAlchemy URL from `--db`, `BILATERAL_DB` or the default file."""
    db = db or os.environ.get("BILATERAL_DB") or DEFAULT_DB
    if "://" in db:
        if db.startswith("postgresql://"):
            return "postgresql+psycopg://" + db[len("postgresql://"):]
        return db
    return f"sqlite:///{db}"


def _check_folder(url: str) -> None:
    path = make_url(url).database
    if path and path != ":memory:" and not path.startswith("file:"):
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            raise StoreError(f"{path}: folder {folder} does not exist")
        if os.path.isdir(path):
            raise StoreError(f"{path}: is a folder, not a database file")


def _engine_options(url: str) -> dict:
    if make_url(url).get_backend_name() == "sqlite":
        return {"connect_args": {"timeout": SQLITE_BUSY_SECONDS}}
    return {}


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    _wal(cur)
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _wal(cur) -> None:
    """Write-ahead logging, which lets readers go on while one process writes. The mode is kept
    in the file; switching to it needs a moment alone with the file, and SQLite answers "locked"
    at once rather than wait, so processes opening a new store together try again."""
    deadline = time.monotonic() + SQLITE_BUSY_SECONDS
    while True:
        try:
            if cur.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class StoreError(RuntimeError):
    """The store cannot be opened or read: the message names it and says why, in one line."""


def where(url: str) -> str:
    """The store as a user named it: the SQLite file, or the URL without its password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def problem(url: str, e: Exception) -> StoreError:
    """One line for an error of the database itself (not of a query's logic)."""
    orig = getattr(e, "orig", None) or e
    reason = str(orig).splitlines()[0] if str(orig) else type(orig).__name__
    low = reason.lower()
    if "file is not a database" in low:
        reason = "not a database (an SQLite file was expected)"
    elif "malformed" in low or "disk image" in low:
        reason = f"the database file is damaged, perhaps truncated ({reason})"
    elif "unable to open database file" in low:
        reason = "cannot open the database file (missing folder or no permission)"
    return StoreError(f"{where(url)}: {reason}")


# SQLite waits this long for another process's write (a concurrent ingest) before giving up
SQLITE_BUSY_SECONDS = 60


class Store:
    def __init__(self, db: str | None = None) -> None:
        self.url = url_for(db)
        if make_url(self.url).get_backend_name() == "sqlite":
            _check_folder(self.url)
        try:
            self.engine: Engine = create_engine(self.url, **_engine_options(self.url))
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "handle_error", self._one_line)
            migrations.upgrade(self.engine)
        except migrations.SchemaTooNew as e:
            raise StoreError(f"{where(self.url)}: {e}") from e
        except (SQLAlchemyError, DBAPIError, ImportError) as e:
            raise problem(self.url, e) from e

    def close(self) -> None:
        self.engine.dispose()

    def _one_line(self, context) -> StoreError | None:
        """A damaged, locked or unreachable database, at any query: a StoreError naming the
        store, instead of the driver's exception. A constraint, a query's own error, or a
        server's transient one (a PostgreSQL serialization failure, which a caller may
        retry) stays as it is."""
        orig = context.original_exception
        dbapi = self.engine.dialect.loaded_dbapi
        sqlite = self.engine.dialect.name == "sqlite"
        if (type(orig) is dbapi.DatabaseError or context.is_disconnect
                or (sqlite and isinstance(orig, dbapi.OperationalError))):
            return problem(self.url, orig)
        return None

    # --- reading -------------------------------------------------------------------------

    def hashes(self) -> dict[str, str]:
        with self.engine.connect() as c:
            rows = c.execute(select(schema.documents.c.doc_id, schema.documents.c.content_hash))
            return {r.doc_id: r.content_hash for r in rows}

    def origins(self) -> dict[str, str | None]:
        """Where each stored document came from: with its text (`raw_text`), what tells a
        changed version of a document from a different one that shares its id."""
        t = schema.documents
        with self.engine.connect() as c:
            return {r.doc_id: r.origin for r in c.execute(select(t.c.doc_id, t.c.origin))}

    def raw_text(self, doc_id: str) -> str | None:
        """A stored document's text as it was read, before cleaning."""
        t = schema.documents
        with self.engine.connect() as c:
            return c.execute(select(t.c.raw_text).where(t.c.doc_id == doc_id)).scalar()

    def line_docs(self, sources: set[str]) -> dict[str, dict[str, set[str]]]:
        """source -> line_key -> doc_ids that carry that line."""
        out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        if not sources:
            return out
        t = schema.doc_lines
        with self.engine.connect() as c:
            rows = c.execute(select(t.c.source, t.c.line_key, t.c.doc_id)
                             .where(t.c.source.in_(sorted(sources))))
            for r in rows:
                out[r.source][r.line_key].add(r.doc_id)
        return out

    def documents(self) -> Iterator[dict]:
        t = schema.documents
        with self.engine.connect() as c:
            for r in c.execute(select(t).order_by(t.c.doc_id)):
                yield self._document_record(r)

    def document(self, doc_id: str) -> dict | None:
        t = schema.documents
        with self.engine.connect() as c:
            r = c.execute(select(t).where(t.c.doc_id == doc_id)).first()
            return self._document_record(r, full=True) if r else None

    @staticmethod
    def _document_record(r, full: bool = False) -> dict:
        rec = {
            "doc_id": r.doc_id, "lang": r.lang, "published": r.published, "title": r.title,
            "source": r.source, "url": r.url, "place": r.place, "text": r.text,
            "sentences": r.n_sentences,
        }
        if full:
            rec["dropped"] = json.loads(r.dropped)
            rec["origin"] = r.origin
        return rec

    def sentences(self, doc_id: str | None = None) -> Iterator[dict]:
        t = schema.sentences
        q = select(t).order_by(t.c.doc_id, t.c.idx)
        if doc_id is not None:
            q = q.where(t.c.doc_id == doc_id)
        with self.engine.connect() as c:
            for r in c.execute(q):
                yield {"doc_id": r.doc_id, "idx": r.idx, "start": r.start, "end": r.end,
                       "text": r.text, "lang": r.lang, "repeats": r.repeats}

    def facts(self, indicator: str | None = None, doc_id: str | None = None,
              lang: str | None = None) -> Iterator[dict]:
        t = schema.facts
        q = select(t.c.record).order_by(t.c.doc_id, t.c.start, t.c.fact_id)
        if indicator:
            q = q.where(t.c.indicator == indicator)
        if doc_id:
            q = q.where(t.c.doc_id == doc_id)
        if lang:
            q = q.where(t.c.lang == lang)
        with self.engine.connect() as c:
            for r in c.execute(q):
                yield json.loads(r.record)

    def events(self, doc_id: str | None = None) -> Iterator[dict]:
        t = schema.events
        q = select(t.c.record).order_by(t.c.doc_id, t.c.date_start, t.c.event_id)
        if doc_id:
            q = q.where(t.c.doc_id == doc_id)
        with self.engine.connect() as c:
            for r in c.execute(q):
                yield json.loads(r.record)

    def entities(self, type_: str | None = None) -> Iterator[dict]:
        """Entity records with the aliases and documents their mentions give them."""
        t, m = schema.entities, schema.mentions
        q = select(t).order_by(t.c.type, t.c.name)
        if type_:
            q = q.where(t.c.type == type_)
        with self.engine.connect() as c:
            seen: dict[str, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
            for r in c.execute(select(m.c.entity_id, m.c.surface, m.c.doc_id)):
                seen[r.entity_id][0].add(r.surface)
                seen[r.entity_id][1].add(r.doc_id)
            for r in c.execute(q):
                if r.entity_id not in seen:
                    continue
                aliases, docs = seen[r.entity_id]
                yield {"entity_id": r.entity_id, "type": r.type, "name": r.name,
                       "aliases": sorted(aliases), "wikidata": r.wikidata,
                       "docs": sorted(docs)}

    def corpus(self) -> dict[str, dict]:
        """Per document what the corpus stage needs: date, language, text, signature."""
        t = schema.documents
        with self.engine.connect() as c:
            rows = c.execute(select(t.c.doc_id, t.c.published, t.c.ref_date, t.c.lang, t.c.text,
                                    t.c.minhash))
            return {r.doc_id: {"published": r.published, "ref_date": r.ref_date,
                               "lang": r.lang, "text": r.text, "minhash": r.minhash}
                    for r in rows}

    def mentions(self, doc_id: str) -> list[dict]:
        m = schema.mentions
        with self.engine.connect() as c:
            rows = c.execute(select(m).where(m.c.doc_id == doc_id).order_by(m.c.start))
            return [{"entity_id": r.entity_id, "start": r.start, "end": r.end,
                     "surface": r.surface} for r in rows]

    # --- writing -------------------------------------------------------------------------

    def save(self, p: Processed, origin: str, source_key: str | None) -> None:
        """Replace every row of the document with the new ones, atomically."""
        self.save_many([(p, origin, source_key)])

    def save_many(self, items: list[tuple[Processed, str, str | None]]) -> None:
        """Replace the rows of several documents in one transaction: the batch writer's
        unit, all stored or none. Two processes writing one document take turns."""
        if not items:
            return
        ids = [p.document.doc_id for p, _, _ in items]
        with self.engine.begin() as c:
            self._lock_documents(c, ids)
            for table in schema.PER_DOCUMENT:
                c.execute(delete(table).where(table.c.doc_id.in_(ids)))
            c.execute(delete(schema.documents).where(schema.documents.c.doc_id.in_(ids)))
            rows: dict[str, list[dict]] = defaultdict(list)
            entities: dict[str, dict] = {}
            for p, origin, source_key in items:
                _document_rows(p, origin, source_key, rows)
                entities.update((e["entity_id"], e) for e in p.entities)
            for table in (schema.documents, *schema.PER_DOCUMENT):
                if rows[table.name]:
                    c.execute(insert(table), rows[table.name])
            self._add_entities(c, [entities[k] for k in sorted(entities)])

    def _lock_documents(self, c, ids: list[str]) -> None:
        """On PostgreSQL, hold a transaction lock per document id, taken in one global order
        so that two writers never deadlock: a second writer of the same document waits for
        the first to commit and then replaces its rows, instead of failing on a duplicate."""
        if self.engine.dialect.name != "postgresql":
            return  # SQLite has one writer at a time
        for key in sorted({_lock_key(x) for x in ids}):
            c.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})

    def _add_entities(self, c, entities: list[dict]) -> None:
        """Entities are shared across documents: add the ones not stored yet. Inserted in id
        order and skipped on conflict, so concurrent writers neither fail nor deadlock."""
        if not entities:
            return
        rows = [{"entity_id": e["entity_id"], "type": e["type"], "name": e["name"],
                 "wikidata": e.get("wikidata"), "record": json.dumps(e, ensure_ascii=False)}
                for e in entities]
        dialect = self.engine.dialect.name
        if dialect in _UPSERT:
            c.execute(_UPSERT[dialect](schema.entities).on_conflict_do_nothing(), rows)
            return
        t = schema.entities
        have = {r.entity_id for r in c.execute(select(t.c.entity_id).where(
            t.c.entity_id.in_([r["entity_id"] for r in rows])))}
        new = [r for r in rows if r["entity_id"] not in have]
        if new:
            c.execute(insert(t), new)


_UPSERT = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def _lock_key(doc_id: str) -> int:
    """A signed 64-bit advisory-lock key for a document id."""
    digest = hashlib.sha1(b"bilateral.document:" + doc_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _document_rows(p: Processed, origin: str, source_key: str | None,
                   rows: dict[str, list[dict]]) -> None:
    """The rows of one document, appended per table name."""
    d = p.document
    rows["documents"].append(dict(
        doc_id=d.doc_id, content_hash=d.content_hash, lang=d.lang,
        published=d.published.isoformat() if d.published else None,
        ref_date=p.ref_date.isoformat() if p.ref_date else None, title=d.title,
        source=d.source, url=d.url, place=d.place, text=d.text, raw_text=d.raw_text,
        offset_map=json.dumps(d.offset_map),
        dropped=json.dumps([{"text": x.text, "reason": x.reason,
                             "orig_start": x.orig_start} for x in d.dropped],
                           ensure_ascii=False),
        n_sentences=len(d.sentences), origin=origin, minhash=p.signature or None,
    ))
    rows["sentences"].extend(
        {"doc_id": d.doc_id, "idx": s.idx, "start": s.start, "end": s.end,
         "text": s.text, "lang": s.lang, "repeats": s.repeats} for s in d.sentences)
    rows["doc_lines"].extend({"doc_id": d.doc_id, "source": source_key, "line_key": k}
                             for k in p.line_keys)
    rows["facts"].extend(_fact_row(f) for f in p.facts)
    rows["events"].extend(_event_row(e) for e in p.events)
    rows["mentions"].extend({"doc_id": d.doc_id, **m} for m in p.mentions)


def _event_row(e: dict) -> dict:
    when = e.get("date") or {}
    return {"event_id": e["event_id"], "doc_id": e["doc_id"], "type": e["type"],
            "status": e["status"], "date_start": when.get("start"), "date_end": when.get("end"),
            "place": e.get("place"), "record": json.dumps(e, ensure_ascii=False)}


def _fact_row(f: dict) -> dict:
    period = f.get("period") or {}
    ev = f.get("evidence") or {}
    return {
        "fact_id": f["fact_id"], "doc_id": f["doc_id"], "kind": f["kind"],
        "indicator": f["indicator"], "measure": f["measure"], "value": f["value"],
        "unit": f.get("unit"), "approx": f.get("approx"), "status": f.get("status"),
        "period_start": period.get("start"), "period_end": period.get("end"),
        "deadline": f.get("deadline"), "lang": ev.get("lang"), "start": ev.get("start"),
        "end": ev.get("end"), "record": json.dumps(f, ensure_ascii=False, sort_keys=False),
    }
