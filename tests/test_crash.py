"""An ingest killed with SIGKILL in the middle leaves a store that opens, in which every
document is whole; the same ingest again stores every document exactly once.
bench/crash_resume.py does the same with thousands of articles and prints the figures."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

from bilateral.ingest.batch import ingest
from bilateral.model import RawDocument
from bilateral.pipeline import process
from bilateral.store.db import Store
from conftest import write_articles

ARTICLES = 150


def _stored(db: Path) -> int:
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)) as c:
            return c.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def _whole(db: Path) -> dict[str, tuple[int, int, int]]:
    """Per stored document: (sentences, facts, events) rows, where the sentence count must
    also be the one its document row announces (else -1)."""
    with sqlite3.connect(db) as c:
        announced = dict(c.execute("SELECT doc_id, n_sentences FROM documents"))
        counts = {t: dict(c.execute(f"SELECT doc_id, COUNT(*) FROM {t} GROUP BY doc_id"))
                  for t in ("sentences", "facts", "events")}
    return {d: (counts["sentences"].get(d, 0) if counts["sentences"].get(d) == n else -1,
                counts["facts"].get(d, 0), counts["events"].get(d, 0))
            for d, n in announced.items()}


def test_a_killed_ingest_leaves_whole_documents_and_resumes(tmp_path):
    folder = tmp_path / "in"
    ids = write_articles(folder, range(ARTICLES))
    db = tmp_path / "k.db"
    run = subprocess.Popen(
        [sys.executable, "-c", "from bilateral.cli import main; main()", "ingest", str(folder),
         "--db", str(db), "--max-seconds", "0"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _stored(db) < ARTICLES // 5 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    before = _stored(db)
    assert 0 < before < ARTICLES, "killed in the middle"

    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    expected = {}
    for doc_id in ids:
        p = process(RawDocument(doc_id, (folder / f"{doc_id}.txt").read_text("utf-8"), doc_id))
        expected[doc_id] = (len(p.document.sentences), len(p.facts), len(p.events))
    for doc_id, rows in _whole(db).items():  # every stored document has all its rows
        assert rows == expected[doc_id], doc_id

    store = Store(str(db))  # it opens, and the same ingest completes it
    summary = ingest([str(folder)], store)
    store.close()
    assert summary.ok and len(summary.unchanged) == before
    assert len(summary.stored) == ARTICLES - before
    with sqlite3.connect(db) as c:
        assert sorted(r[0] for r in c.execute("SELECT doc_id FROM documents")) == ids
    assert _whole(db) == expected
