"""What a figure is about: indicator, measure, status, target wording, growth direction.

All vocabulary lives in `lexicon/indicators.json`, written on stems so that every inflected form
of "товарооборот" or "жоба" matches; this module compiles it once and finds mentions with their
spans, so the fact builder can read the structure of a clause around each number.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right, insort
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from typing import Literal

_FLAGS = re.IGNORECASE | re.UNICODE


@dataclass(frozen=True, slots=True)
class Mention:
    key: str  # an indicator id, a status, "up"/"down", ...
    start: int
    end: int


def _load(name: str) -> dict:
    return json.loads(files("bilateral.lexicon").joinpath(name).read_text("utf-8"))


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))


class _Finder:
    """One regular expression per key, each matched on word boundaries."""

    def __init__(self, groups: dict[str, list[str]]) -> None:
        self.rx = {k: re.compile(rf"(?<!\w)(?:{_alternation(v)})(?!\w)", _FLAGS)
                   for k, v in groups.items() if v}
        self.rank = {k: i for i, k in enumerate(groups)}

    def find(self, text: str) -> list[Mention]:
        found = [Mention(k, m.start(), m.end()) for k, rx in self.rx.items()
                 for m in rx.finditer(text)]
        # where mentions overlap, the key listed first in the lexicon wins (the more specific:
        # "торговлю продовольствием" over "взаимную торговлю"), then the longer one
        found.sort(key=lambda m: (self.rank[m.key], -(m.end - m.start), m.start))
        out: list[Mention] = []
        taken: list[tuple[int, int]] = []  # spans of `out`, sorted: only neighbours can overlap
        for m in found:
            i = bisect_right(taken, (m.start, m.end))
            if not any(m.start < e and s < m.end for s, e in taken[max(0, i - 1):i + 1]):
                out.append(m)
                insort(taken, (m.start, m.end))
        return sorted(out, key=lambda m: m.start)


# lexicon keys that mark a figure as something other than an indicator of its own
EXPORTS_IMPORTS = "exports_imports"
FOREIGN_TRADE = "foreign_trade"
TRADE_GENERIC = "trade_generic"
PARTNER_KEYS = (FOREIGN_TRADE, TRADE_GENERIC)  # mutual trade only when a partner is named
PRICES = "prices"  # a price or tariff: a figure, but 'other'


@dataclass(frozen=True)
class Vocabulary:
    indicators: _Finder
    jobs: re.Pattern
    jobs_people: re.Pattern
    physical_units: re.Pattern
    employment: re.Pattern
    count_nouns: re.Pattern
    growth: _Finder
    times: re.Pattern
    status: _Finder
    status_priority: tuple[str, ...]
    period_anaphors: re.Pattern
    stock: re.Pattern
    joint: re.Pattern
    named_checkpoint: re.Pattern


@cache
def vocabulary() -> Vocabulary:
    data = _load("indicators.json")

    def rx(patterns: list[str]) -> re.Pattern:
        return re.compile(rf"(?<!\w)(?:{_alternation(patterns)})(?!\w)", _FLAGS)

    growth = dict(data["growth_words"])
    times = growth.pop("times")
    return Vocabulary(
        indicators=_Finder(data["indicators"]),
        jobs=rx(data["measures"]["jobs"]),
        jobs_people=rx(data["measures"]["jobs_people"]),
        physical_units=rx(data["measures"]["physical_units"]),
        employment=rx(data["measures"]["employment"]),
        count_nouns=rx(data["measures"]["count_nouns"]),
        growth=_Finder(growth),
        times=rx(times),
        status=_Finder(data["status_words"]),
        status_priority=tuple(data["status_priority"]),
        period_anaphors=rx(data["period_anaphors"]),
        stock=rx(data["stock_words"]),
        joint=rx(data["joint_words"]),
        named_checkpoint=rx(data["named_checkpoint"]),
    )


def find_indicators(text: str) -> list[Mention]:
    return vocabulary().indicators.find(text)


@lru_cache(maxsize=4096)
def status_of(text: str) -> str | None:
    """The project status a clause states; the most tentative wording wins
    ("реализуются или находятся в проработке" is pipeline)."""
    v = vocabulary()
    keys = {m.key for m in v.status.find(text)}
    return next((s for s in v.status_priority if s in keys), None)


@lru_cache(maxsize=4096)
def growth_sign(text: str, at: int | None = None, verb_after: bool = False) -> int | None:
    """+1 for growth wording, -1 for decline, None when the clause says neither.

    `at`: where the number stands. A Russian change is worded before its number ("сократилась
    на 9%, ... а увеличение ... на 20%"), a Kazakh one after it (`verb_after`: "5%-ға
    қысқарды"); the nearest wording on that side decides, else the nearest on the other."""
    found = vocabulary().growth.find(text)
    if not found:
        return None
    if at is None:
        return -1 if found[-1].key == "down" else 1
    before = [m for m in found if m.start < at]
    after = [m for m in found if m.start >= at]
    near = (after[:1] or before[-1:]) if verb_after else (before[-1:] or after[:1])
    return -1 if near[0].key == "down" else 1


Measure = Literal["value", "count", "jobs", "growth_pct", "share_pct"]


def indicator_ids() -> frozenset[str]:
    """Every indicator a fact can carry: the lexicon's, less the keys that only mark a figure
    as something else, and "other"."""
    keys = set(vocabulary().indicators.rx) - {EXPORTS_IMPORTS, PRICES, *PARTNER_KEYS}
    return frozenset(keys | {"other"})
