"""The records of each kind, read from a store; the corpus stage runs once for all kinds
that need it (claims, conflicts, timeline points)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING, TextIO

from bilateral.resolve.timeline import timeline

if TYPE_CHECKING:
    from bilateral.resolve.stage import Corpus
    from bilateral.store.db import Store

KINDS = ("documents", "sentences", "facts", "events", "entities", "claims", "conflicts",
         "timeline")
# what a workbook or a Parquet folder holds when no kind is named
ALL = ("facts", "claims", "conflicts", "timeline", "events", "entities", "documents")


class Records:
    def __init__(self, store: Store) -> None:
        self.store = store

    @cached_property
    def corpus(self) -> Corpus:
        from bilateral.resolve.stage import run

        return run(self.store)

    @cached_property
    def urls(self) -> dict[str, str]:
        """doc_id -> the article's URL, where it is a web address."""
        return {d["doc_id"]: d["url"] for d in self.store.documents()
                if d["url"] and d["url"].lower().startswith(("http://", "https://"))}

    def of(self, kind: str) -> Iterable[dict]:
        if kind in ("documents", "sentences", "facts", "events", "entities"):
            return getattr(self.store, kind)()
        if kind == "claims":
            return (c.record() for c in self.corpus.claims)
        if kind == "conflicts":
            return (c.record() for c in self.corpus.claims if c.conflict)
        if kind == "timeline":
            return self._points()
        raise ValueError(f"no record kind {kind!r}; one of {', '.join(KINDS)}")

    def _points(self) -> Iterator[dict]:
        """Every point of every indicator's timeline, with its series' key."""
        claims = self.corpus.claims
        for indicator in sorted({c.facts[0]["indicator"] for c in claims}):
            for s in timeline(claims, indicator)["series"]:
                for p in s["points"]:
                    yield {**s["key"], "period": p["period"], "as_of": p["as_of"],
                           "start": p["start"], "end": p["end"], "at": p["at"],
                           "value": p["value"], "values": p["values"],
                           "conflict": p["conflict"], "approx": p["approx"],
                           "sources": p["sources"]}


def write_lines(rows: Iterable[dict], fmt: str, fh: TextIO) -> None:
    """JSON Lines, or CSV with nested values as JSON."""
    if fmt == "jsonl":
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    writer = None
    for r in rows:
        flat = {k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
                for k, v in r.items()}
        if writer is None:
            writer = csv.DictWriter(fh, fieldnames=list(flat))
            writer.writeheader()
        writer.writerow(flat)
