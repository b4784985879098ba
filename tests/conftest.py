"""Shared fixtures: the seed articles (when ../shared is beside the project) and a fresh store."""

from __future__ import annotations

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
