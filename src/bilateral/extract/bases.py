"""Comparison bases: the earlier value a figure is compared with, and the period it covers.

"В 2024 году товарооборот составил 27,8 млрд долларов по сравнению с 26,1 млрд годом ранее":
26,1 млрд is the value of 2023, not a second value for 2024. "2016 жылғы 9 млрд доллармен
салыстырғанда", "вырос с 20 до 26 млрд", "20 млрд доллардан 26 млрд долларға дейін" likewise.
A base takes its own period: one stated next to it ("против 26,1 млрд в 2023 году", "2016
жылғы 9 млрд"), or one year before the clause's ("годом ранее", "бір жыл бұрын"), or none.
Vocabulary: `lexicon/bases.json`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from bilateral.model import PeriodMention, Quantity

_F = re.IGNORECASE | re.UNICODE
_NEAR = 40  # how far a base's own period may stand from it


@dataclass(frozen=True, slots=True)
class Base:
    """A number that is a comparison base; `period` is its own period when stated next to
    it, `years_back` the shift from the clause's period ("годом ранее": 1)."""

    index: int  # position of the number in the sentence's quantities
    start: int  # where the comparison phrase begins
    end: int  # where it ends (after its own period, when there is one)
    period: PeriodMention | None = None
    years_back: int | None = None


def _alt(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))


@cache
def _lexicon() -> dict[str, re.Pattern]:
    data = json.loads(files("bilateral.lexicon").joinpath("bases.json").read_text("utf-8"))
    return {
        "before": re.compile(rf"(?<!\w)(?:{_alt(data['before_ru'])})\s*$", _F),
        "comparing": re.compile(rf"(?<!\w)(?:{_alt(data['before_ru'])})(?!\w)", _F),
        "from": re.compile(rf"(?<!\w)(?:{_alt(data['from_ru'])})\s*$", _F),
        "to": re.compile(rf"^\s*(?:\S+\s+){{0,3}}?(?:{_alt(data['to_ru'])})\s", _F),
        "after_kk": re.compile(rf"^\s*(?:{_alt(data['after_kk'])})(?!\w)", _F),
        "ablative": re.compile(rf"(?:{_alt(data['ablative_kk'])})$", _F),
        "until_kk": re.compile(rf"^\s*(?:-?\s*\w+\s+)?(?:{_alt(data['until_kk'])})(?!\w)", _F),
        "year_back": re.compile(rf"^\s*(?:{_alt(data['year_back'])})(?!\w)", _F),
    }


def _is_base(text: str, quantities: list[Quantity], k: int) -> bool:
    lex = _lexicon()
    q = quantities[k]
    before = text[max(0, q.start - 40):q.start]
    if lex["before"].search(before) or lex["after_kk"].match(text[q.end:q.end + 30]):
        return True
    later = quantities[k + 1] if k + 1 < len(quantities) else None
    if later is None:
        return False
    # "вырос с 20 до 26 млрд", "20 млрд доллардан 26 млрд долларға дейін"
    if lex["from"].search(before) and lex["to"].match(text[q.end:later.start + 1]):
        return True
    return bool(lex["ablative"].search(q.text)) and bool(
        lex["until_kk"].match(text[later.end:later.end + 30]))


def _own_period(text: str, q: Quantity, periods: list[PeriodMention]) -> PeriodMention | None:
    """A period right after the base ("против 24 млрд в 2022 году"), else right before it
    ("2016 жылғы 9 млрд доллармен") with no comparison word between: nothing but a few words
    apart, no punctuation, no other number."""
    usable = [m for m in periods if not m.is_deadline and m.kind != "since"]
    for m in usable:
        if 0 <= m.start - q.end <= _NEAR and not re.search(r"[,;:.]|\d", text[q.end:m.start]):
            return m
    for m in usable:
        between = text[m.end:q.start]
        if 0 <= q.start - m.end <= _NEAR and not re.search(r"[,;:.]|\d", between) \
                and not _lexicon()["comparing"].search(between):
            return m
    return None


def find_bases(text: str, quantities: list[Quantity],
               periods: list[PeriodMention]) -> dict[int, Base]:
    """The comparison bases of a sentence, by their index in `quantities`."""
    out: dict[int, Base] = {}
    for k, q in enumerate(quantities):
        if not _is_base(text, quantities, k):
            continue
        own = _own_period(text, q, periods)
        back = _lexicon()["year_back"].match(text[q.end:q.end + 30])
        start = min(q.start, own.start if own else q.start)
        end = max(q.end, own.end if own else (q.end + back.end() if back else q.end))
        out[k] = Base(k, start, end, own, 1 if back and own is None else None)
    return out


def inside(bases: dict[int, Base], m: PeriodMention) -> bool:
    """Is a period mention a base's own period (not a period for the clause's figures)?"""
    return any(b.period is not None and b.period.start == m.start for b in bases.values())
