"""Whole-ingest speed and memory: the seeds (or any folder) repeated N times into a fresh store.

    python bench/ingest_speed.py [FOLDER] [--repeat 40]

Prints articles per second and the peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from bilateral.ingest.batch import ingest
from bilateral.store.db import Store

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "seeds"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", nargs="?", default=str(DEFAULT))
    ap.add_argument("--repeat", type=int, default=40)
    args = ap.parse_args()
    texts = sorted(Path(args.folder).glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        for r in range(args.repeat):
            for t in texts:
                # a distinct document each time: same text, new id, a marker line
                (src / f"{t.stem}-{r}.txt").write_text(t.read_text("utf-8") + f"\n\n{r}", "utf-8")
        store = Store(str(Path(tmp) / "bench.db"))
        n = args.repeat * len(texts)
        t0 = time.perf_counter()
        summary = ingest([str(src)], store)
        dt = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {n}  stored: {len(summary.stored)}  failed: {len(summary.failed)}")
    print(f"ingest: {dt:.2f} s  {n / dt:.1f} articles/s  peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
