"""Shared fixtures: the seed articles (when ../shared is beside the project) and fresh stores,
on SQLite and, where BILATERAL_TEST_PG names a database, on a PostgreSQL server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"
EXAMPLES = ROOT / "examples"


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the project")
    return SEEDS


@pytest.fixture
def gold() -> Path:
    if not GOLD.is_dir():
        pytest.skip("../shared/gold is not beside the project")
    return GOLD


# A PostgreSQL database the tests may fill (each test in a schema of its own, dropped after):
# postgresql://user:password@host:port/database. scripts/test_postgres.sh starts one.
PG_ENV = "BILATERAL_TEST_PG"
# Set (by .ci/run) where the PostgreSQL tests must run: a missing server then fails them.
REQUIRE_PG_ENV = "BILATERAL_REQUIRE_PG"
BACKENDS = ("sqlite", "postgresql")


def pg_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get(REQUIRE_PG_ENV):
            pytest.fail(f"{REQUIRE_PG_ENV} is set but {PG_ENV} is not")
        pytest.skip(f"PostgreSQL: set {PG_ENV} to a database URL to run this on a server")
    return url


@contextmanager
def pg_schema() -> Iterator[str]:
    """A URL whose connections see only a fresh, empty schema of the test database."""
    from sqlalchemy import create_engine, text

    from bilateral.store.db import url_for

    base = pg_url()
    name = f"test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(url_for(base))
    with engine.begin() as c:
        c.execute(text(f'CREATE SCHEMA "{name}"'))
    try:
        yield f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{name}"
    finally:
        with engine.begin() as c:
            c.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        engine.dispose()


@contextmanager
def fresh_db(backend: str, folder: Path) -> Iterator[str]:
    """A `--db` value for an empty store on `backend`."""
    if backend == "sqlite":
        yield str(folder / "test.db")
    else:
        with pg_schema() as url:
            yield url


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path) -> Iterator[str]:
    """An empty store on each backend in turn, as a `--db` value."""
    with fresh_db(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def store(tmp_path):
    from bilateral.store.db import Store

    s = Store(str(tmp_path / "test.db"))
    yield s
    s.close()


# a second source for 2023 that disagrees with the Kazakh example's $27.8 bn: a conflict
CONFLICT_2023 = {"id": "conflict-2023", "published": "2024-03-01", "lang": "ru",
                 "url": "https://example.org/conflict-2023",
                 "text": "Товарооборот между Казахстаном и Россией в 2023 году составил "
                         "26,5 млрд долларов."}


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory) -> Path:
    """The bundled examples and CONFLICT_2023 ingested into a store, once per module."""
    import json

    from typer.testing import CliRunner

    from bilateral.cli import app

    folder = tmp_path_factory.mktemp("examples")
    (folder / "conflict.jsonl").write_text(json.dumps(CONFLICT_2023, ensure_ascii=False),
                                           "utf-8")
    db = folder / "examples.db"
    result = CliRunner().invoke(app, ["ingest", str(EXAMPLES), str(folder / "conflict.jsonl"),
                                      "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def seed_text(name_prefix: str) -> str:
    (path,) = SEEDS.glob(f"{name_prefix}*.txt")
    return path.read_text("utf-8")


# a Russian article long enough to need neither lingua nor a name tagger: quick to ingest,
# with three sentences, a figure, a growth rate and a meeting
TEMPLATE = ("Товарооборот между Казахстаном и Россией за {n} месяцев {year} года составил "
            "{value} млрд долларов, сообщило министерство торговли и интеграции.\n"
            "Рост к прошлому году составил {growth} процента по данным статистики.\n"
            "Премьер-министры Алихан Смаилов и Михаил Мишустин провели встречу в Астане.")


def write_articles(folder: Path, names: range) -> list[str]:
    """Distinct small articles a{i:05d}.txt; returns their ids."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in names:
        text = TEMPLATE.format(n=1 + i % 11, year=2015 + i % 10, value=10 + i % 17,
                               growth=f"{i % 9},{i % 7}")
        (folder / f"a{i:05d}.txt").write_text(text, "utf-8")
    return [f"a{i:05d}" for i in names]
