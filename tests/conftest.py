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
