"""Latency of the HTTP API on a store of 100 000 facts under 32 concurrent clients.

    python bench/web_latency.py [--facts 100000] [--clients 32] [--seconds 10] [--db PATH]
                                [--ordered-index]

Builds the store with `build` from bench/resolve_scale.py (or reuses --db when it exists),
serves `bilateral.web.create_app` with uvicorn on a free loopback port in a subprocess, asks
each endpoint once to warm the corpus-stage cache (that first call's time is printed apart),
then runs the clients for the given seconds per endpoint and prints p50, p95 and requests per
second. Target: /api/facts p95 <= 100 ms.

Each client is a closed loop on its own keep-alive connection, written on asyncio streams:
httpx spends about a millisecond of CPU per request, which on a small machine is taken from
the server being measured. `--ordered-index` adds the index proposed for schema.py,
facts(indicator, doc_id, start, fact_id), so the figures with and without it can be compared.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

BENCH = Path(__file__).resolve().parent
ENDPOINTS = [
    "/api/facts?indicator=trade_turnover",
    "/api/facts?indicator=coop_projects&limit=50&offset=1000",
    "/api/claims?indicator=trade_turnover",
    "/api/timeline/trade_turnover",
]
SERVER = """
import os, sys, uvicorn
os.environ["BILATERAL_DB"] = sys.argv[1]
uvicorn.run("bilateral.web.app:app_from_env", factory=True, host="127.0.0.1",
            port=int(sys.argv[2]), workers=int(sys.argv[3]), log_level="warning",
            access_log=False)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_store(path: Path, n_facts: int) -> None:
    sys.path.insert(0, str(BENCH))  # bench/ is scripts, not a package
    from resolve_scale import build

    from bilateral.store.db import Store

    t0 = time.perf_counter()
    store = Store(str(path))
    try:
        build(store, n_facts)
    finally:
        store.close()
    print(f"built {n_facts} facts in {time.perf_counter() - t0:.1f} s: {path}", flush=True)


def wait_ready(base: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            if httpx.get(base + "/api/documents?limit=1", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("server did not answer in time")


async def _client(port: int, path: str, stop: float, latencies: list[float],
                  errors: list[int]) -> None:
    """One keep-alive connection sending its next GET when the last answer is read."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    request = (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
               "Accept: application/json\r\n\r\n").encode()
    try:
        while time.perf_counter() < stop:
            t0 = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                          if line.lower().startswith(b"content-length:"))
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - t0)
            if head[9:12] != b"200":
                errors.append(int(head[9:12]))
    finally:
        writer.close()


async def load(port: int, path: str, clients: int, seconds: float) -> list[float]:
    """Closed loop: `clients` connections, each sending its next request when answered."""
    latencies: list[float] = []
    errors: list[int] = []
    stop = time.perf_counter() + seconds
    await asyncio.gather(*(_client(port, path, stop, latencies, errors)
                           for _ in range(clients)))
    if errors:
        print(f"  {len(errors)} non-200 answers: {sorted(set(errors))}", flush=True)
    return latencies


def has_ordered_index(db: Path) -> bool:
    """The store's schema creates it; an older store file may lack it."""
    import sqlite3

    with sqlite3.connect(db) as c:
        return bool(c.execute("SELECT 1 FROM sqlite_master WHERE type='index' AND "
                              "name='ix_facts_indicator_order'").fetchone())


def run_loop(coro):
    """uvloop where installed (uvicorn[standard] brings it): a cheaper client loop."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coro)
    return uvloop.run(coro)


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--facts", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--db", help="store to reuse (built there if missing)")
    ap.add_argument("--workers", type=int, default=2, help="server processes (bilateral serve "
                    "--workers)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "web.db"
        if not db.exists():
            build_store(db, args.facts)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen([sys.executable, "-c", SERVER, str(db), str(port),
                                 str(args.workers)],
                                env={**os.environ, "PYTHONUNBUFFERED": "1"})
        try:
            wait_ready(base, proc)
            first: dict[str, tuple[float, int, int]] = {}
            for path in ENDPOINTS:  # fill the caches before any clock runs
                t0 = time.perf_counter()
                r = httpx.get(base + path, timeout=600)
                body = r.json()
                first[path] = (time.perf_counter() - t0, r.status_code,
                               body.get("total", len(body.get("series", []))))
            results = {}
            for path in ENDPOINTS:
                lat = run_loop(load(port, path, args.clients, args.seconds))
                took, status, total = first[path]
                results[path] = {
                    "first_call_ms": round(took * 1000, 1), "requests": len(lat),
                    "rps": round(len(lat) / args.seconds, 1),
                    "p50_ms": round(pct(lat, 50) * 1000, 1),
                    "p95_ms": round(pct(lat, 95) * 1000, 1), "total": total}
                print(f"{path:<58} p50 {results[path]['p50_ms']:7.1f} ms  "
                      f"p95 {results[path]['p95_ms']:7.1f} ms  "
                      f"{results[path]['rps']:7.1f} req/s  (first call "
                      f"{results[path]['first_call_ms']:.0f} ms, {status})", flush=True)
            print(json.dumps({"clients": args.clients, "seconds": args.seconds,
                              "cpus": os.cpu_count(), "ordered_index": has_ordered_index(db),
                              "workers": args.workers,
                              "results": results}))
        finally:
            proc.terminate()
            proc.wait(10)


if __name__ == "__main__":
    main()
