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


def seed_text(name_prefix: str) -> str:
    (path,) = SEEDS.glob(f"{name_prefix}*.txt")
    return path.read_text("utf-8")
