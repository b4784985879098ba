"""A PostgreSQL server as the store: the same records as SQLite, and two processes ingesting
into it at once lose nothing. Runs where BILATERAL_TEST_PG names a database (.ci/run starts
one); the other store tests run on both backends through the `db` fixture."""

from __future__ import annotations

import json
import multiprocessing
import random
import shutil
import threading

import pytest
from typer.testing import CliRunner

from bilateral.cli import app
from bilateral.store.db import Store
from conftest import EXAMPLES, SEEDS, pg_schema

runner = CliRunner()
EXPORTS = ("documents", "sentences", "facts", "events", "entities", "claims")


def _export(db: str, what: str) -> list[dict]:
    result = runner.invoke(app, ["export", what, "--db", db], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def _exports(db: str) -> dict[str, list[dict]]:
    return {what: _export(db, what) for what in EXPORTS}


def test_postgresql_holds_the_records_sqlite_holds(tmp_path):
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the project")
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder)
    for p in SEEDS.glob("*.txt"):
        shutil.copy(p, folder / p.name)
    lite = str(tmp_path / "t.db")
    with pg_schema() as pg:
        for db in (lite, pg):
            result = runner.invoke(app, ["ingest", str(folder), "--db", db, "--workers", "1"])
            assert result.exit_code == 0, result.output
        on_sqlite, on_server = _exports(lite), _exports(pg)
    assert all(on_sqlite[what] for what in EXPORTS)
    assert on_server == on_sqlite


def _rows(first: int, last: int) -> str:
    """Short articles that all name the same people and places, so that two writers add the
    same entities at the same moment."""
    rows = []
    for i in range(first, last):
        text = (f"Алихан Смаилов и Михаил Мишустин встретились в Москве {1 + i % 28} марта. "
                f"Товарооборот между Казахстаном и Россией составил {10 + i / 10:.1f} млрд "
                "долларов.")
        rows.append(json.dumps({"id": f"doc{i:03d}", "text": text, "lang": "ru",
                                "published": "2024-03-30"}, ensure_ascii=False))
    return "\n".join(rows) + "\n"


def _write_at_once(db: str, items: list, rounds: int, seed: int, start, errors) -> None:
    """One of two writers: the same documents, again and again, in an order of its own."""
    store = Store(db)
    order = random.Random(seed)
    start.wait()
    try:
        for _ in range(rounds):
            store.save_many(order.sample(items, len(items)))
    except Exception as e:
        errors.put(repr(e))
    finally:
        store.close()
        errors.put(None)


def test_two_processes_writing_one_server_at_once_lose_nothing(tmp_path):
    """Two ingests into one server meet on the documents both hold and on the entities all
    of them name: each writer replaces a document whole, neither fails, nothing is lost."""
    from bilateral.ingest.batch import ingest
    from bilateral.ingest.readers import read_paths
    from bilateral.pipeline import process

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "rows.jsonl").write_text(_rows(0, 30), "utf-8")
    reference = Store(str(tmp_path / "one.db"))
    assert ingest([str(folder)], reference).ok
    reference.close()
    items = [(process(raw), raw.origin, None) for raw in read_paths([str(folder)])]
    ctx = multiprocessing.get_context("spawn")
    start, errors = ctx.Barrier(2), ctx.Queue()
    with pg_schema() as pg:
        Store(pg).close()  # the tables exist before the race, as on a server in use
        writers = [ctx.Process(target=_write_at_once, args=(pg, part, 20, seed, start, errors))
                   for seed, part in enumerate((items[:20], items[10:]))]
        for w in writers:
            w.start()
        reported = [errors.get(timeout=300) for _ in writers]
        for w in writers:
            w.join()
        stored = _exports(pg)
    assert reported == [None, None]
    assert stored == _exports(str(tmp_path / "one.db"))


def test_an_entity_another_writer_is_adding_does_not_fail_the_document(tmp_path):
    """Two documents in two transactions name a new person: the second writer waits for the
    first and keeps its entity, instead of failing on a duplicate key."""
    from sqlalchemy import insert

    from bilateral.ingest.readers import read_paths
    from bilateral.pipeline import process
    from bilateral.store import schema

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "rows.jsonl").write_text(_rows(0, 1), "utf-8")
    (raw,) = read_paths([str(folder)])
    doc = process(raw)
    assert doc.entities
    with pg_schema() as pg:
        store = Store(pg)
        failures: list[Exception] = []

        def second_writer() -> None:
            try:
                store.save(doc, raw.origin, None)
            except Exception as e:
                failures.append(e)

        with store.engine.connect() as other:
            first = other.begin()
            other.execute(insert(schema.entities), [
                {"entity_id": e["entity_id"], "type": e["type"], "name": e["name"],
                 "wikidata": e["wikidata"], "record": json.dumps(e)} for e in doc.entities])
            thread = threading.Thread(target=second_writer)
            thread.start()
            thread.join(timeout=1.0)  # it waits on the first writer's uncommitted rows
            first.commit()
        thread.join()
        names = {e["name"] for e in store.entities()}
        store.close()
    assert failures == []
    assert names == {e["name"] for e in doc.entities}
