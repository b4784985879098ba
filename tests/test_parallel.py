"""Ingest on several cores and on a Dask cluster stores exactly what one process stores."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from typer.testing import CliRunner

from bilateral.cli import app
from bilateral.ingest.batch import ingest
from bilateral.ingest.parallel import ProcessPool, Task, run_chunk
from bilateral.store.db import Store
from conftest import EXAMPLES, SEEDS

runner = CliRunner()
EXPORTS = ("documents", "sentences", "facts", "events", "entities", "claims")
FOOTER = "Свидетельство о регистрации СМИ № 123 выдано Министерством информации"
BODIES = ["Товарооборот между Казахстаном и Россией в 2023 году вырос на 5%.",
          "Премьер-министры Алихан Смаилов и Михаил Мишустин встретились в Москве.",
          "В Омске прошел форум межрегионального сотрудничества двух стран."]


def _run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def _export(db, what: str) -> list[dict]:
    result = _run("export", what, "--db", str(db))
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@pytest.fixture
def folder(tmp_path):
    """The examples, the seeds, and three pages of one outlet sharing a footer: a batch-level
    input (lines repeated across a source) that every worker must see the same."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the project")
    src = tmp_path / "in"
    shutil.copytree(EXAMPLES, src)
    for p in SEEDS.glob("*.txt"):
        shutil.copy(p, src / p.name)
    rows = [json.dumps({"id": f"page{i}", "text": f"{body}\n{FOOTER}", "source": "Example.kz",
                        "published": "2024-01-15"}, ensure_ascii=False)
            for i, body in enumerate(BODIES)]
    (src / "pages.jsonl").write_text("\n".join(rows) + "\n", "utf-8")
    return src


def _articles(folder) -> int:
    """How many articles the folder holds: a file each, a JSON Lines row each."""
    return sum(len(p.read_text("utf-8").splitlines()) if p.suffix == ".jsonl" else 1
               for p in folder.iterdir())


def test_two_workers_and_a_dask_cluster_store_what_one_process_stores(folder, tmp_path):
    pytest.importorskip("distributed")
    ways = {"one": ("--workers", "1"), "two": ("--workers", "2"),
            "dask": ("--dask", "local", "--workers", "2")}
    n = _articles(folder)
    exports = {}
    for name, options in ways.items():
        db = tmp_path / f"{name}.db"
        result = _run("ingest", str(folder), "--db", str(db), *options)
        assert result.exit_code == 0, result.output
        assert f"read {n} · stored {n} · unchanged 0 · failed 0" in result.output
        exports[name] = {what: _export(db, what) for what in EXPORTS}
    one = exports["one"]
    assert all(one[what] for what in EXPORTS)
    pages = {d["doc_id"]: d["text"] for d in one["documents"] if d["doc_id"].startswith("page")}
    assert pages == {f"page{i}": body for i, body in enumerate(BODIES)}  # footer dropped
    assert exports["two"] == one
    assert exports["dask"] == one

    again = _run("ingest", str(folder), "--db", str(tmp_path / "one.db"), "--workers", "2")
    assert f"stored 0 · unchanged {n} · failed 0" in again.output
    assert {what: _export(tmp_path / "one.db", what) for what in EXPORTS} == one


def test_the_work_is_spread_over_the_workers(folder, tmp_path):
    store = Store(str(tmp_path / "t.db"))
    pool = ProcessPool(2)
    try:
        summary = ingest([str(folder)], store, runner=pool)
    finally:
        pool.close()
        store.close()
    assert len(summary.stored) == _articles(folder)
    workers = {w.rsplit(":", 1)[1] for w in summary.peak_mb}
    assert len(workers) == 2 and str(os.getpid()) not in workers


def _dies_on_boom(tasks: list[Task]):
    """A worker that a document kills outright (as the kernel's OOM killer would)."""
    if any(t.raw.doc_id == "boom" for t in tasks):
        os._exit(1)
    return run_chunk(tasks)


def test_a_document_that_kills_its_worker_is_reported_and_the_rest_are_stored(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    ids = [f"a{i}" for i in range(4)] + ["boom"] + [f"b{i}" for i in range(4)]
    rows = [json.dumps({"id": x, "text": f"Товарооборот вырос на {i + 1}% за год.",
                        "lang": "ru"}, ensure_ascii=False) for i, x in enumerate(ids)]
    (src / "rows.jsonl").write_text("\n".join(rows) + "\n", "utf-8")
    store = Store(str(tmp_path / "t.db"))
    pool = ProcessPool(2, fn=_dies_on_boom)
    try:
        summary = ingest([str(src)], store, runner=pool)
    finally:
        pool.close()
    assert [str(f) for f in summary.failed] == [
        f"{src / 'rows.jsonl'}:5: could not process: the worker process died"]
    assert sorted(summary.stored) == sorted(x for x in ids if x != "boom")
    assert sorted(d["doc_id"] for d in store.documents()) == sorted(summary.stored)
    store.close()


def test_a_scheduler_that_is_not_there_is_named_and_nothing_is_half_done(folder, tmp_path):
    pytest.importorskip("distributed")
    db = tmp_path / "t.db"
    result = _run("ingest", str(folder), "--db", str(db), "--dask", "no-such-scheduler")
    assert result.exit_code == 2
    assert "no Dask scheduler at no-such-scheduler" in result.output
    assert _export(db, "documents") == []
