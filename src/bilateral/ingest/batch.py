"""Ingesting a batch: read everything, learn the furniture each source repeats, process, store.

Kept apart from the CLI so that tests, the web upload and scripts share one path.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from bilateral.ingest.ids import assign as assign_ids
from bilateral.ingest.parallel import InProcess, Outcome, Runner, Task, chunk_size, chunked
from bilateral.ingest.readers import ReadError, read_paths
from bilateral.limits import Limits
from bilateral.model import RawDocument
from bilateral.pipeline import Processed, content_hash, guess_source, line_keys, options_of
from bilateral.store.db import Store

# A line on this many pages of one source is the site's, not an article's.
REPEAT_PAGES = 2
# Two pages sharing more than this share of the smaller one's lines are copies of one article.
COPY_SHARE = 0.8
# Documents per write transaction: few commits, and a failed batch is cheap to retry one by one.
WRITE_BATCH = 50


@dataclass
class Summary:
    read: int = 0
    stored: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[ReadError] = field(default_factory=list)
    peak_mb: dict[str, float] = field(default_factory=dict)  # per worker (host:pid)
    notes: list[str] = field(default_factory=list)  # ids changed, inputs stored once

    @property
    def ok(self) -> bool:
        return not self.failed


def repeated_lines(
    docs: list[RawDocument], sources: list[str | None], store: Store
) -> dict[str | None, frozenset[str]]:
    """Per source, the line fingerprints found on REPEAT_PAGES or more of its pages.

    Two pages that share nearly all their lines are copies of one article (republished or
    re-ingested), not evidence of site furniture: a line counts only when it stands on two
    pages that are different articles, or the article itself would be taken for furniture.
    """
    seen: dict[str, dict[str, set[str]]] = store.line_docs({s for s in sources if s})
    for raw, source in zip(docs, sources, strict=True):
        if not source:
            continue
        for key in line_keys(raw):
            seen[source][key].add(raw.doc_id)
    out: dict[str | None, frozenset[str]] = {None: frozenset()}
    for source, keys in seen.items():
        per_doc: dict[str, set[str]] = defaultdict(set)
        for key, ids in keys.items():
            for doc_id in ids:
                per_doc[doc_id].add(key)
        out[source] = frozenset(k for k, ids in keys.items()
                                if len(ids) >= REPEAT_PAGES and _distinct_pages(ids, per_doc))
    return out


def _distinct_pages(ids: set[str], per_doc: dict[str, set[str]]) -> bool:
    """Whether at least two of these pages are different articles, not copies of one."""
    ordered = sorted(ids)
    first = per_doc[ordered[0]]
    for other in ordered[1:]:
        second = per_doc[other]
        if len(first & second) <= COPY_SHARE * min(len(first), len(second)):
            return True
    return False


def ingest(
    paths: list[str],
    store: Store,
    *,
    lang: str | None = None,
    published: date | None = None,
    on_item: Callable[[str], None] | None = None,
    on_total: Callable[[int], None] | None = None,
    runner: Runner | None = None,
    limits: Limits | None = None,
    names: dict[str, str] | None = None,
) -> Summary:
    """Read, learn each source's repeated lines over the whole batch, process the new or
    changed documents with `runner` (default: this process), store them from here in
    batches. The result is the same, in the same order, whichever runner does the work.

    `limits`: the per-document size and time bounds (by default from the environment);
    `names`: what to call given files instead of their paths (see `read_paths`)."""
    limits = limits or Limits.from_env()
    summary = Summary()
    docs: list[RawDocument] = []
    for item in read_paths(paths, names):
        if isinstance(item, ReadError):
            summary.failed.append(item)
        else:
            docs.append(item)
    summary.read = len(docs)
    known = store.hashes()
    docs, summary.notes = assign_ids(docs, store.origins(), store.raw_text)
    if on_total:
        on_total(len(docs))
    sources = [_source_or_none(d) for d in docs]
    repeated = repeated_lines(docs, sources, store)
    options = options_of(lang, published)
    tasks: list[Task] = []
    for raw, source in zip(docs, sources, strict=True):
        # only the document's own lines can be dropped for recurring: the rest of its
        # source's set would change nothing and need not travel to a worker
        rep = repeated.get(source, frozenset()) & frozenset(line_keys(raw))
        if known.get(raw.doc_id) == content_hash(raw, rep, options):
            summary.unchanged.append(raw.doc_id)
            if on_item:
                on_item(raw.doc_id)
        else:
            tasks.append(Task(raw, rep, lang, published, limits))
    runner = runner or InProcess()
    where = {d.doc_id: (d.origin, s) for d, s in zip(docs, sources, strict=True)}
    writer = _Writer(store, summary, where)
    for chunk in runner.map(chunked(tasks, chunk_size(len(tasks), runner.workers))):
        if chunk.worker:
            summary.peak_mb[chunk.worker] = max(chunk.peak_mb,
                                                summary.peak_mb.get(chunk.worker, 0.0))
        for outcome in chunk.outcomes:
            writer.add(outcome)
            if on_item:
                on_item(outcome.doc_id)
    writer.flush()
    return summary


class _Writer:
    """The one writer: stores processed documents WRITE_BATCH at a time, each batch in one
    transaction; when a batch fails, its documents are written one by one so that only the
    ones that cannot be stored are reported."""

    def __init__(self, store: Store, summary: Summary,
                 where: dict[str, tuple[str, str | None]]) -> None:
        self.store, self.summary, self.where = store, summary, where
        self.pending: list[tuple[Processed, str, str | None]] = []

    def add(self, outcome: Outcome) -> None:
        origin, source = self.where[outcome.doc_id]
        if outcome.processed is None:
            self.summary.failed.append(ReadError(origin, outcome.error or "could not process"))
        elif not outcome.processed.document.sentences:
            self.summary.failed.append(ReadError(origin, "no article text after cleaning"))
        else:
            self.pending.append((outcome.processed, origin, source))
            if len(self.pending) >= WRITE_BATCH:
                self.flush()

    def flush(self) -> None:
        items, self.pending = self.pending, []
        if not items:
            return
        try:
            self.store.save_many(items)
        except Exception:
            for item in items:
                try:
                    self.store.save(*item)
                except Exception as e:
                    self.summary.failed.append(ReadError(item[1], f"could not store: {e!r}"))
                else:
                    self.summary.stored.append(item[0].document.doc_id)
        else:
            self.summary.stored.extend(p.document.doc_id for p, _, _ in items)


def _source_or_none(raw: RawDocument) -> str | None:
    try:
        return guess_source(raw)
    except Exception:  # the document's own processing will report what is wrong with it
        return None
