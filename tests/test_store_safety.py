"""The store under more than one writer, across versions, and when the file is not what it
should be: ingests at once all finish and lose nothing; every failure is one line."""

from __future__ import annotations

import multiprocessing
import sqlite3
import sys

import pytest

from bilateral.store.db import Store
from conftest import write_articles


def _ingest_at_once(db: str, folder: str, barrier) -> None:
    from bilateral.ingest.batch import ingest

    barrier.wait()  # every process opens the store at the same moment
    store = Store(db)
    summary = ingest([folder], store)
    store.close()
    sys.exit(0 if summary.ok else 3)


def _run_together(db: str, folders: list[str]) -> list[int]:
    from bilateral.pipeline import warm_up

    warm_up()  # models loaded once, before the fork, rather than in every writer
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(len(folders))
    procs = [ctx.Process(target=_ingest_at_once, args=(db, f, barrier)) for f in folders]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    return [p.exitcode for p in procs]


def _doc_ids(db: str) -> list[str]:
    with sqlite3.connect(db) as c:
        return [r[0] for r in c.execute("SELECT doc_id FROM documents ORDER BY doc_id")]


@pytest.mark.parametrize("writers", [2, 4])
@pytest.mark.parametrize("existing", [False, True], ids=["new store", "existing store"])
def test_ingests_at_once_all_finish_and_lose_nothing(tmp_path, writers, existing):
    db = str(tmp_path / "s.db")
    expected = []
    if existing:
        expected += write_articles(tmp_path / "before", range(1000, 1003))
        Store(db).close()
        _run_together(db, [str(tmp_path / "before")])
    folders = []
    for w in range(writers):
        # each writer has its own articles and one shared with the others
        expected += write_articles(tmp_path / f"w{w}", range(w * 10, w * 10 + 6))
        write_articles(tmp_path / f"w{w}", range(900, 901))
        folders.append(str(tmp_path / f"w{w}"))
    expected.append("a00900")
    assert _run_together(db, folders) == [0] * writers
    assert _doc_ids(db) == sorted(expected)
    from bilateral.store import migrations

    with sqlite3.connect(db) as c:
        assert c.execute("SELECT version FROM schema_version").fetchall() == [
            (migrations.CURRENT,)]
        per_doc = dict(c.execute("SELECT doc_id, COUNT(*) FROM sentences GROUP BY doc_id"))
        assert set(per_doc.values()) == {3}
        assert set(per_doc) == set(expected)


def test_a_store_from_before_versions_is_adopted(tmp_path):
    from bilateral.store import schema

    db = tmp_path / "old.db"
    with sqlite3.connect(db) as c:  # the documents table alone, no version, no other tables
        c.execute("CREATE TABLE documents (doc_id VARCHAR(200) PRIMARY KEY, content_hash "
                  "VARCHAR(64) NOT NULL, lang VARCHAR(8), published VARCHAR(10), ref_date "
                  "VARCHAR(10), title TEXT, source VARCHAR(200), url TEXT, place VARCHAR(200), "
                  "text TEXT NOT NULL, raw_text TEXT NOT NULL, offset_map TEXT NOT NULL, dropped "
                  "TEXT NOT NULL, n_sentences INTEGER NOT NULL, origin TEXT, minhash BLOB)")
    Store(str(db)).close()
    with sqlite3.connect(db) as c:
        tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        indexes = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert c.execute("SELECT version FROM schema_version").fetchall() == [(1,)]
    assert {t.name for t in schema.metadata.sorted_tables} <= tables
    assert "ix_facts_indicator_order" in indexes and "ix_doc_lines_doc" in indexes


def test_a_store_from_a_newer_bilateral_is_refused_by_name(tmp_path):
    from bilateral.store.db import StoreError

    db = tmp_path / "new.db"
    Store(str(db)).close()
    with sqlite3.connect(db) as c:
        c.execute("UPDATE schema_version SET version = 99")
    with pytest.raises(StoreError, match=r"new\.db: schema version 99 is newer"):
        Store(str(db))


def test_a_bad_database_or_output_is_one_line_and_a_failure(tmp_path, monkeypatch, capsys):
    from bilateral.cli import main

    (tmp_path / "notes.db").write_text("shopping list\n", "utf-8")
    good = tmp_path / "good.db"
    Store(str(good)).close()
    (tmp_path / "cut.db").write_bytes(good.read_bytes()[:3000])
    monkeypatch.chdir(tmp_path)
    cases = {
        ("docs", "--db", "notes.db"): "notes.db: not a database",
        ("docs", "--db", "missing/x.db"): "missing/x.db: folder",
        ("facts", "--db", "cut.db"): "cut.db: the database file is damaged",
        ("export", "facts", "--db", "good.db", "--output", "."): ".: is a folder",
    }
    for args, expected in cases.items():
        monkeypatch.setattr(sys, "argv", ["bilateral", *args])
        with pytest.raises(SystemExit) as done:
            main()
        assert done.value.code == 1, args
        lines = capsys.readouterr().err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(expected), (args, lines)
