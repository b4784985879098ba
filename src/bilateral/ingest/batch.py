"""Ingesting a batch: read everything, learn the furniture each source repeats, process, store.

Kept apart from the CLI so that tests, the web upload and scripts share one path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from bilateral.ingest.readers import ReadError, read_paths
from bilateral.model import RawDocument
from bilateral.pipeline import content_hash, guess_source, line_keys, options_of, process
from bilateral.store.db import Store

# A line on this many pages of one source is the site's, not an article's.
REPEAT_PAGES = 2


@dataclass
class Summary:
    read: int = 0
    stored: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[ReadError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def repeated_lines(
    docs: list[RawDocument], sources: list[str | None], store: Store
) -> dict[str | None, frozenset[str]]:
    """Per source, the line fingerprints found on REPEAT_PAGES or more of its pages."""
    seen: dict[str, dict[str, set[str]]] = store.line_docs({s for s in sources if s})
    for raw, source in zip(docs, sources, strict=True):
        if not source:
            continue
        for key in line_keys(raw):
            seen[source][key].add(raw.doc_id)
    out: dict[str | None, frozenset[str]] = {None: frozenset()}
    for source, keys in seen.items():
        out[source] = frozenset(k for k, ids in keys.items() if len(ids) >= REPEAT_PAGES)
    return out


def ingest(
    paths: list[str],
    store: Store,
    *,
    lang: str | None = None,
    published: date | None = None,
    on_item: Callable[[str], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> Summary:
    summary = Summary()
    docs: list[RawDocument] = []
    for item in read_paths(paths):
        if isinstance(item, ReadError):
            summary.failed.append(item)
        else:
            docs.append(item)
    summary.read = len(docs)
    docs = _last_of_each_id(docs)
    if on_total:
        on_total(len(docs))
    sources = [_source_or_none(d) for d in docs]
    repeated = repeated_lines(docs, sources, store)
    known = store.hashes()
    options = options_of(lang, published)
    for raw, source in zip(docs, sources, strict=True):
        rep = repeated.get(source, frozenset())
        try:
            if known.get(raw.doc_id) == content_hash(raw, rep, options):
                summary.unchanged.append(raw.doc_id)
                if on_item:
                    on_item(raw.doc_id)
                continue
            result = process(raw, rep, lang=lang, published=published)
            if not result.document.sentences:
                summary.failed.append(ReadError(raw.origin, "no article text after cleaning"))
            else:
                store.save(result, raw.origin, source)
                summary.stored.append(raw.doc_id)
        except Exception as e:  # one broken document must not stop the batch
            summary.failed.append(ReadError(raw.origin, f"could not process: {e!r}"))
        if on_item:
            on_item(raw.doc_id)
    return summary


def _source_or_none(raw: RawDocument) -> str | None:
    try:
        return guess_source(raw)
    except Exception:  # the document's own processing will report what is wrong with it
        return None


def _last_of_each_id(docs: list[RawDocument]) -> list[RawDocument]:
    """Two inputs with one id: the later one wins, as a re-ingest would."""
    last = {d.doc_id: i for i, d in enumerate(docs)}
    return [d for i, d in enumerate(docs) if last[d.doc_id] == i]
