"""How the corpus stage grows with the store: 10 000 to 100 000 facts (5 per document) on
SQLite, and 1 000 000 on a PostgreSQL server.

    python bench/resolve_scale.py [--sizes 10000,20000,50000,100000]
                                  [--pg postgresql://user:pw@host/db] [--pg-sizes 1000000]

Builds each store directly (documents with MinHash signatures, facts with evidence) so that
the figure is the corpus stage alone, then times `resolve.stage.run` and prints seconds,
facts per second and the growth ratio against the smallest size. Values repeat across
documents the way real coverage does (many outlets, a few hundred distinct figures a year).
On PostgreSQL (`--pg`, or $BILATERAL_TEST_PG) each size is built in a schema of its own,
dropped afterwards; `scripts/test_postgres.sh` starts a throwaway server.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, insert, text

from bilateral.resolve import duplicates
from bilateral.resolve.stage import run
from bilateral.store import schema
from bilateral.store.db import Store, _fact_row, url_for

INDICATORS = ["trade_turnover", "agri_trade_turnover", "investment", "coop_projects"]
WORDS = ["товарооборот", "составил", "вырос", "проекты", "инвестиции", "сауда", "көлемі",
         "құрады", "жоба", "министр", "встреча", "Астана", "Москва", "транзит", "граница",
         "энергетика"]


def build(store: Store, n_facts: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    n_docs = n_facts // 5
    docs, facts = [], []
    for d in range(n_docs):
        doc_id = f"d{d:06d}"
        text = " ".join(rnd.choice(WORDS) for _ in range(120))
        year = 2015 + d % 10
        docs.append({"doc_id": doc_id, "content_hash": "x", "lang": rnd.choice(["kk", "ru"]),
                     "published": f"{year + 1}-0{1 + d % 9}-1{d % 9}", "ref_date": None,
                     "title": None, "source": f"s{d % 24}", "url": None, "place": None,
                     "text": text, "raw_text": text, "offset_map": "[]", "dropped": "[]",
                     "n_sentences": 5, "origin": "bench",
                     "minhash": duplicates.signature(text).tobytes()})
        for k in range(5):
            indicator = INDICATORS[k % 4]
            measure = "count" if indicator == "coop_projects" else "value"
            value = round(rnd.uniform(10, 30), 1) * (1 if measure == "count" else 1e9)
            period = None if measure == "count" else {"start": f"{year}-01-01",
                                                     "end": f"{year}-12-31"}
            f = {"fact_id": f"{doc_id}-{k}", "doc_id": doc_id, "kind": "figure",
                 "indicator": indicator, "measure": measure, "value": value,
                 "unit": "count" if measure == "count" else "USD", "approx": "exact",
                 "status": "implemented" if measure == "count" else None,
                 "direction": ["RU", "KZ"] if indicator == "investment" else None,
                 "parties": None if indicator == "investment" else ["KZ", "RU"],
                 "period": period, "period_text": None, "deadline": None, "base": None,
                 "evidence": {"sentence": "…", "start": k * 10, "end": k * 10 + 8,
                              "lang": "ru"}}
            facts.append(_fact_row(f))
    if store.engine.dialect.name == "postgresql":
        _copy(store, schema.documents, docs)
        _copy(store, schema.facts, facts)
        return
    with store.engine.begin() as c:
        c.execute(insert(schema.documents), docs)
        for i in range(0, len(facts), 20000):
            c.execute(insert(schema.facts), facts[i:i + 20000])


def _copy(store: Store, table, rows: list[dict]) -> None:
    """PostgreSQL's COPY: a million rows in seconds rather than minutes of INSERTs."""
    columns = [c.name for c in table.columns]
    quoted = ", ".join(f'"{c}"' for c in columns)
    conn = store.engine.raw_connection()
    try:
        with conn.cursor() as cur, cur.copy(f"COPY {table.name} ({quoted}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[c] for c in columns])
        conn.commit()
    finally:
        conn.close()


@contextmanager
def pg_store(url: str, name: str) -> Iterator[Store]:
    """A store in a fresh schema of the server's database, dropped afterwards."""
    admin = create_engine(url_for(url))
    with admin.begin() as c:
        c.execute(text(f'CREATE SCHEMA "{name}"'))
    store = Store(f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{name}")
    try:
        yield store
    finally:
        store.close()
        with admin.begin() as c:
            c.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()


def measure(store: Store, n: int, base: float | None) -> float:
    """Build, time the corpus stage, print a line; the seconds per fact."""
    build(store, n)
    t0 = time.perf_counter()
    corpus = run(store, translations=False)
    dt = time.perf_counter() - t0
    base = base or dt / n
    print(f"{store.engine.dialect.name:10s} {n:>7} facts / {n // 5:>6} documents: "
          f"{dt:7.2f} s, {n / dt:8.0f} facts/s, {len(corpus.claims):>6} claims, "
          f"{sum(c.conflict for c in corpus.claims):>5} conflicts, "
          f"cost per fact x{dt / n / base:.2f} of the smallest", flush=True)
    return dt / n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,20000,50000,100000")
    ap.add_argument("--pg", default=os.environ.get("BILATERAL_TEST_PG"),
                    help="a PostgreSQL database URL (default: $BILATERAL_TEST_PG)")
    ap.add_argument("--pg-sizes", default="1000000")
    args = ap.parse_args()
    base = None
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(x) for x in args.sizes.split(",") if x):
            store = Store(str(Path(tmp) / f"b{n}.db"))
            cost = measure(store, n, base)
            base = base or cost
            store.close()
    if args.pg:
        for n in (int(x) for x in args.pg_sizes.split(",") if x):
            with pg_store(args.pg, f"bench_resolve_{n}") as store:
                measure(store, n, base)
    else:
        print("PostgreSQL sizes skipped: pass --pg URL or set BILATERAL_TEST_PG")
    print(json.dumps({"note": "translations off: candidate pairs need real shared figures"}))


if __name__ == "__main__":
    main()
