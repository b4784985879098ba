"""A bounded load test of the HTTP server, and its memory under requests that each ask for
something new.

    python bench/web_load.py [--facts 100000] [--clients 32] [--seconds 20]
                             [--distinct 15000] [--param-chars 2000] [--api-only]
                             [--db PATH]

Builds a store of --facts facts (bench/resolve_scale.py's `build`, or reuses --db), serves it
with one uvicorn process, then:
1. load: --clients keep-alive clients for --seconds, each going round a mix of API calls and
   pages (fact pages at many offsets, documents, claims, conflicts, timelines, search, the
   overview and indicator pages, HEAD /); prints requests, errors (a 5xx, a dropped
   connection or a 4xx the mix did not ask for) and p50/p95/p99;
2. distinct: --distinct requests whose parameters are all different (long made-up indicators
   on timelines, claims, conflicts and indicator pages, measures, offsets, search words),
   from the same clients; prints the answers by status and the server's resident memory
   before and after (VmRSS of the server process).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))  # bench/ is scripts, not a package
from web_latency import SERVER, build_store, free_port, pct, run_loop, wait_ready  # noqa: E402

MIX = [
    "/api/facts?indicator=trade_turnover", "/api/facts?limit=50&offset={n}",
    "/api/facts?indicator=coop_projects&limit=20&offset={n}", "/api/documents?offset={n}",
    "/api/documents/d{d:06d}", "/api/claims?indicator=investment",
    "/api/conflicts?indicator=trade_turnover", "/api/timeline/agri_trade_turnover",
    "/api/timeline/trade_turnover?measure=value", "/api/search?q=товарооборот&limit=10",
    "/", "/documents?p={p}", "/indicators/coop_projects", "HEAD /",
]


def distinct_path(k: int, chars: int) -> str:
    made_up = f"indicator-{k:05d}-" + "x" * chars
    return [f"/api/timeline/{made_up}", f"/api/claims?indicator={made_up}",
            f"/api/conflicts?indicator={made_up}", f"/indicators/{made_up}",
            f"/api/timeline/trade_turnover?measure=m{k}", f"/api/facts?offset={k * 7}",
            f"/api/search?q=слово{k}"][k % 7]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _client(port: int, paths, latencies: list[float], statuses: Counter,
                  stop: float | None) -> None:
    """One keep-alive connection sending its next request when the last answer is read."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        for path in paths:
            if stop is not None and time.perf_counter() >= stop:
                break
            method, _, target = path.rpartition(" ")
            method, target = method or "GET", quote(target, safe="/?=&")
            t0 = time.perf_counter()
            try:
                writer.write(f"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
                head = await reader.readuntil(b"\r\n\r\n")
                length = next((int(x.split(b":", 1)[1]) for x in head.split(b"\r\n")
                               if x.lower().startswith(b"content-length:")), 0)
                if method != "HEAD":
                    await reader.readexactly(length)
                statuses[int(head[9:12])] += 1
            except (ConnectionError, asyncio.IncompleteReadError) as e:
                statuses[type(e).__name__] += 1
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                continue
            latencies.append(time.perf_counter() - t0)
    finally:
        writer.close()


def _mix(seed: int, n_docs: int, api_only: bool):
    mix = [m for m in MIX if m.startswith("/api/")] if api_only else MIX
    k = seed
    while True:
        k += 1
        yield mix[k % len(mix)].format(n=(k * 37) % 90_000, d=(k * 13) % n_docs, p=1 + k % 200)


async def run_load(port: int, clients: int, seconds: float, n_docs: int, api_only: bool):
    latencies: list[float] = []
    statuses: Counter = Counter()
    stop = time.perf_counter() + seconds
    await asyncio.gather(*(_client(port, _mix(c * 1000, n_docs, api_only), latencies, statuses,
                                   stop) for c in range(clients)))
    return latencies, statuses


async def run_distinct(port: int, clients: int, total: int, chars: int):
    latencies: list[float] = []
    statuses: Counter = Counter()
    share = [[distinct_path(k, chars) for k in range(c, total, clients)]
             for c in range(clients)]
    await asyncio.gather(*(_client(port, paths, latencies, statuses, None) for paths in share))
    return latencies, statuses


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--facts", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--distinct", type=int, default=15_000)
    ap.add_argument("--db", help="store to reuse (built there if missing)")
    ap.add_argument("--api-only", action="store_true", help="the load mix without HTML pages")
    ap.add_argument("--param-chars", type=int, default=2000,
                    help="length of each made-up indicator in the distinct requests")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "web.db"
        if not db.exists():
            build_store(db, args.facts)
        port = free_port()
        proc = subprocess.Popen([sys.executable, "-c", SERVER, str(db), str(port), "1"],
                                env={**os.environ, "PYTHONUNBUFFERED": "1"})
        try:
            wait_ready(f"http://127.0.0.1:{port}", proc)
            n_docs = args.facts // 5
            run_loop(run_load(port, args.clients, 2, n_docs, args.api_only))  # caches filled
            rss_warm = rss_mb(proc.pid)
            lat, statuses = run_loop(run_load(port, args.clients, args.seconds, n_docs,
                                              args.api_only))
            errors = sum(n for s, n in statuses.items() if not isinstance(s, int) or s >= 400)
            print(f"load{' (API only)' if args.api_only else ''}: {args.clients} clients, "
                  f"{args.seconds:g} s, {args.facts} facts: "
                  f"{len(lat)} requests, {errors} errors, p50 {pct(lat, 50) * 1000:.1f} ms, "
                  f"p95 {pct(lat, 95) * 1000:.1f} ms, p99 {pct(lat, 99) * 1000:.1f} ms, "
                  f"{len(lat) / args.seconds:.0f} req/s; statuses {dict(statuses)}", flush=True)
            rss_before = rss_mb(proc.pid)
            t0 = time.perf_counter()
            lat, statuses = run_loop(run_distinct(port, args.clients, args.distinct,
                                                  args.param_chars))
            rss_after = rss_mb(proc.pid)
            seen = dict(sorted(statuses.items(), key=str))
            print(f"distinct: {sum(statuses.values())} requests with distinct parameters in "
                  f"{time.perf_counter() - t0:.0f} s, statuses {seen}, "
                  f"p95 {pct(lat, 95) * 1000:.1f} ms", flush=True)
            print(f"server memory (VmRSS): {rss_warm:.0f} MB warm, {rss_before:.0f} MB after the "
                  f"load, {rss_after:.0f} MB after the distinct requests")
        finally:
            proc.terminate()
            proc.wait(10)


if __name__ == "__main__":
    main()
