"""What one running app holds: the store, the write settings, and a cache of corpus-stage results.

The corpus stage (claims, conflicts, timelines, merged events) reads every fact and takes
seconds on a large store, so its results are computed once and kept until the store changes.
"Changes" is judged by a fingerprint (row counts of documents, facts and events and the newest
write to them, read at most once a second) plus a counter bumped by this app's own writes, so a
document ingested through the web shows at once and one ingested by the CLI within a second.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from sqlalchemy import event, func, inspect, select, text

from bilateral.resolve.stage import Corpus, run
from bilateral.store import schema
from bilateral.store.db import Store

WATCHED = (schema.documents, schema.facts, schema.events)
FINGERPRINT_TTL = 1.0  # seconds a fingerprint is trusted before the store is asked again
MAX_COUNTS = 4096  # distinct filters whose row counts are kept per state of the store
# cached corpus-stage results kept at once, the least recently used dropped first: the keys
# come from requests (an indicator, a measure), so the cache must not grow with them
MAX_MEMO = 256
# read-mostly serving: map the file instead of copying pages into each connection's cache
SQLITE_MMAP_BYTES = 256 * 2**20


def _serving_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
    cur.close()


class WebState:
    def __init__(self, store: Store, allow_ingest: bool, token: str | None,
                 max_upload_bytes: int) -> None:
        self.store = store
        self.allow_ingest = allow_ingest
        self.token = token
        self.max_upload_bytes = max_upload_bytes
        self.sqlite = store.engine.dialect.name == "sqlite"
        self._watch: sqlite3.Connection | None = None  # see _newest_write
        self._watch_lock = threading.Lock()
        if self.sqlite:
            event.listen(store.engine, "connect", _serving_pragmas)
            store.engine.dispose()  # connections opened before the listener lack the pragma
            if store.engine.url.database not in (None, "", ":memory:"):
                self._watch = sqlite3.connect(store.engine.url.database,
                                              check_same_thread=False)
        self.ordered_fact_index = self._has_ordered_fact_index()
        self.write_lock = threading.Lock()
        self._lock = threading.RLock()
        self._generation = 0
        self._fingerprint: tuple | None = None
        self._checked = 0.0
        self._memo: OrderedDict[Any, Any] = OrderedDict()
        self._memo_for: tuple | None = None
        self.statements: dict[Any, Any] = {}  # compiled SQL per query shape (queries.py)
        self._counts: dict[Any, int] = {}
        self._counts_for: tuple | None = None

    def _has_ordered_fact_index(self) -> bool:
        """Whether an index serves `WHERE indicator = ? ORDER BY doc_id, start, fact_id`
        (see queries.fact_page: without one, large pages are read in document order)."""
        for ix in inspect(self.store.engine).get_indexes("facts"):
            if list(ix["column_names"][:3]) == ["indicator", "doc_id", "start"]:
                return True
        return False

    # --- change detection ----------------------------------------------------------------

    def fingerprint(self) -> tuple:
        now = time.monotonic()
        fp = self._fingerprint
        if fp is not None and now - self._checked < FINGERPRINT_TTL:
            return fp
        with self.store.engine.connect() as c:
            counts = tuple(c.execute(select(func.count()).select_from(t)).scalar_one()
                           for t in WATCHED)
            fp = (self._generation, counts, self._newest_write(c))
        self._fingerprint, self._checked = fp, now
        return fp

    def _newest_write(self, c) -> Any:
        """What moves whenever a row is replaced, which counts alone miss: SQLite's
        data_version (bumped by every commit of another connection; a replaced row may get
        its old rowid back), PostgreSQL's newest writing transaction (xmin) per table."""
        if self._watch is not None:
            with self._watch_lock:
                return self._watch.execute("PRAGMA data_version").fetchone()[0]
        if self.store.engine.dialect.name == "postgresql":
            return tuple(c.execute(text(f"SELECT max(xmin::text::bigint) FROM {t.name}"))
                         .scalar_one() for t in WATCHED)
        return None

    def fact_count(self) -> int:
        return self.fingerprint()[1][WATCHED.index(schema.facts)]

    def changed(self) -> None:
        """This app wrote to the store: forget every cached result now."""
        with self._lock:
            self._generation += 1
            self._fingerprint = None

    # --- cached results ------------------------------------------------------------------

    def memo(self, key: Any, build: Callable[[], Any]) -> Any:
        """`build()` once per state of the store; concurrent callers wait for the first."""
        fp = self.fingerprint()
        with self._lock:
            if self._memo_for != fp:
                self._memo, self._memo_for = OrderedDict(), fp
            if key in self._memo:
                self._memo.move_to_end(key)
                return self._memo[key]
            value = self._memo[key] = build()
            while len(self._memo) > MAX_MEMO:
                self._memo.popitem(last=False)
            return value

    def count(self, key: Any, build: Callable[[], int]) -> int:
        """A row count per filter and state of the store: paging through one result asks
        for the same COUNT on every page, and on 100 000 facts it costs more than the page."""
        fp = self.fingerprint()
        if self._counts_for != fp or len(self._counts) >= MAX_COUNTS:
            self._counts, self._counts_for = {}, fp
        counts = self._counts
        if key not in counts:
            counts[key] = build()  # two threads may both count once; both get the same
        return counts[key]

    def corpus(self) -> Corpus:
        return self.memo("corpus", lambda: run(self.store))

    def claims(self, indicator: str | None = None) -> list:
        """Claims of one indicator (all when None), filtered the way resolve.stage.run does,
        from the one cached corpus instead of a run per indicator."""
        claims = self.corpus().claims
        if indicator:
            claims = [c for c in claims if c.facts[0]["indicator"] == indicator]
        return claims

    def entities(self) -> list[dict]:
        return self.memo("entities", lambda: list(self.store.entities()))
