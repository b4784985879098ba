"""Crash and resume: an ingest of thousands of articles killed with SIGKILL half-way, then run
again.

    python bench/crash_resume.py [FOLDER] [--articles 2000] [--kill-at 0.5]

The articles are the given folder's (default: the seeds) repeated with a marker line, each a
distinct document. Prints the documents stored before the kill, whether the store opened and
passed integrity_check, documents with missing rows, the documents stored after the resume,
and those lost (expected: 0).
"""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "seeds"


def count(db: Path) -> int:
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)) as c:
            return c.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def partial_documents(db: Path) -> list[str]:
    """Documents whose sentences are not all there (the row count their document announces)."""
    with closing(sqlite3.connect(db)) as c:
        return [r[0] for r in c.execute(
            "SELECT d.doc_id FROM documents d LEFT JOIN (SELECT doc_id, COUNT(*) n FROM "
            "sentences GROUP BY doc_id) s ON s.doc_id = d.doc_id WHERE COALESCE(s.n, 0) != "
            "d.n_sentences")]


def ingest_command(folder: Path, db: Path) -> list[str]:
    return [sys.executable, "-c", "from bilateral.cli import main; main()", "ingest",
            str(folder), "--db", str(db)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", nargs="?", default=str(DEFAULT))
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--kill-at", type=float, default=0.5, help="share stored before the kill")
    args = ap.parse_args()
    texts = sorted(Path(args.folder).glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        src, db = Path(tmp) / "in", Path(tmp) / "crash.db"
        src.mkdir()
        for k in range(args.articles):
            t = texts[k % len(texts)]
            (src / f"{t.stem}-{k}.txt").write_text(t.read_text("utf-8") + f"\n\n{k}", "utf-8")
        t0 = time.perf_counter()
        run = subprocess.Popen(ingest_command(src, db), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
        while count(db) < args.kill_at * args.articles and run.poll() is None:
            time.sleep(0.05)
        os.kill(run.pid, signal.SIGKILL)
        run.wait()
        before = count(db)
        print(f"articles {args.articles}; killed after {time.perf_counter() - t0:.1f} s with "
              f"{before} stored")
        with closing(sqlite3.connect(db)) as c:
            check = c.execute("PRAGMA integrity_check").fetchone()[0]
        print(f"store opens: integrity_check {check}; documents missing rows: "
              f"{len(partial_documents(db))}")
        t0 = time.perf_counter()
        done = subprocess.run(ingest_command(src, db), capture_output=True, text=True)
        tail = [x for x in done.stderr.splitlines() if x.startswith("read ")]
        print(f"resume: exit {done.returncode} in {time.perf_counter() - t0:.1f} s; "
              f"{tail[0] if tail else done.stderr[-300:]}")
        after = count(db)
        with closing(sqlite3.connect(db)) as c:
            ids = [r[0] for r in c.execute("SELECT doc_id FROM documents")]
        expected = {p.stem for p in src.glob("*.txt")}
        print(f"stored after resume {after}; lost {len(expected - set(ids))}; "
              f"duplicates {len(ids) - len(set(ids))}; documents missing rows "
              f"{len(partial_documents(db))}")


if __name__ == "__main__":
    main()
