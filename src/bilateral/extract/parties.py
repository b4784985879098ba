"""Who a figure is about (parties) and which way a flow goes (direction).

National Kazakhstan–Russia figures are the default in this news; a region, a city or another
country counts only when the text ties it to the figure with a "between/with" construction
("товарооборот с Омской областью", "Шымкент пен Ресей арасындағы"), never because a meeting
happened in Astana. Vocabulary: `lexicon/countries.json` (names and flow forms); places come
from the gazetteer.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

_FLAGS = re.IGNORECASE | re.UNICODE
PAIR = ("KZ", "RU")
# "between/with" words, Russian and Kazakh
# a region named without its name: "облыс", "өңір", "в регионе", "области", "екі өңір"
_GENERIC_REGION = re.compile(r"(?<!\w)(?:облыс\w*|өңір\w*|регион\w*|област(?:ь|и|ью|ей|ях)"
                             r"|республик\w*|край|края|крае)(?!\w)", re.IGNORECASE)
_PLURAL_REGION = re.compile(r"област(?:ях|ей|ям|ями)|облыстар\w*|краях|краев", re.IGNORECASE)
_LINK = re.compile(r"(?<!\w)(?:с|со|между|и|мен|пен|бен|арасында\w*|and|with)(?!\w)", _FLAGS)
_NEAR = 120  # the farthest a place or country is read as a party of a figure's indicator


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str
    start: int
    end: int


def _rx(patterns: list[str]) -> re.Pattern | None:
    if not patterns:
        return None
    alt = "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alt})(?!\w)", _FLAGS)


@cache
def _countries() -> list[dict]:
    data = json.loads(files("bilateral.lexicon").joinpath("countries.json").read_text("utf-8"))
    out = []
    for c in data["countries"]:
        out.append({"code": c["code"], **{k: _rx(c[k]) for k in ("names", "from", "adj", "to",
                                                                 "in")}})
    return out


def find_places(text: str) -> list[Place]:
    """Regions and cities of the gazetteer in `text`, through their inflection."""
    from bilateral.extract.entities import gazetteer

    g = gazetteer()
    out = []
    for start, end, form in g.find(text):
        entry = g.entries.get(form.entity_id)
        if entry is not None and entry.type == "place" and entry.country:
            out.append(Place(entry.name, entry.country, start, end))
    return out


def countries_in(text: str) -> list[tuple[int, str]]:
    return list(_scan(text).countries)


class _Scan:
    """Places and countries of one clause, found once and indexed by position: a sentence with
    many figures asks about each, and scanning it again every time was quadratic."""

    def __init__(self, text: str) -> None:
        self.places = sorted(find_places(text), key=lambda p: p.start)
        self.place_starts = [p.start for p in self.places]
        found = []
        self.names: list[tuple[int, int, str, str]] = []  # (start, end, code, surface)
        for c in _countries():
            for m in c["names"].finditer(text):
                found.append((m.start(), c["code"]))
                self.names.append((m.start(), m.end(), c["code"], m.group()))
            if c["adj"]:
                found.extend((m.start(), c["code"]) for m in c["adj"].finditer(text))
        self.countries = sorted(found)
        self.country_starts = [pos for pos, _ in self.countries]
        self.names.sort()
        self.name_starts = [n[0] for n in self.names]
        self.generic_region = _GENERIC_REGION.search(text) is not None
        # the first country named that is not `code`, for each code named
        self._first_other = {code: next((c for _, c in self.countries if c != code), None)
                             for code in {c for _, c in self.countries}}

    def first_country_except(self, code: str) -> str | None:
        if code in self._first_other:
            return self._first_other[code]
        return self.countries[0][1] if self.countries else None

    def places_near(self, anchor: int, reach: int) -> list[Place]:
        a = bisect_left(self.place_starts, anchor - reach)
        b = bisect_left(self.place_starts, anchor + reach + 1)
        return self.places[a:b]

    def countries_near(self, anchor: int, reach: int) -> list[tuple[int, str]]:
        a = bisect_left(self.country_starts, anchor - reach)
        b = bisect_left(self.country_starts, anchor + reach + 1)
        return self.countries[a:b]

    def names_near(self, anchor: int, reach: int) -> list[tuple[int, int, str, str]]:
        a = bisect_left(self.name_starts, anchor - reach)
        b = bisect_left(self.name_starts, anchor + reach + 1)
        return self.names[a:b]


@lru_cache(maxsize=64)
def _scan(text: str) -> _Scan:
    return _Scan(text)


def parties(clause: str, anchor: int, focus: list[str] | None = None) -> list[str]:
    """Parties of a figure whose indicator stands at `anchor` in `clause`.

    `focus`: the regional pair a regional article is about; a generic "облыс", "в регионе",
    "екі өңір" in the clause refers to it."""
    scan = _scan(clause)
    linked = [p for p in scan.places_near(anchor, 80)
              if _is_linked(clause, p.start, p.end, anchor)]
    if not linked:
        # "Омская область нарастила торговлю с Казахстаном": the region is the subject and
        # the other country the partner
        subject = [p for p in scan.places_near(anchor, 60) if not _venue(clause, p)]
        if subject and any(c != subject[0].country and c in PAIR for c in _linked_countries(
                clause, anchor)):
            linked = subject[:1]
    if any(_PLURAL_REGION.search(clause[p.start:p.end]) for p in linked):
        return list(PAIR)  # "в Западно-Казахстанской, Актюбинской и ... областях"
    by_country: dict[str, list[Place]] = {}
    for p in linked:
        by_country.setdefault(p.country, []).append(p)
    if any(len(v) > 1 for v in by_country.values()):
        return list(PAIR)  # "in the West Kazakhstan, Aktobe and North Kazakhstan regions"
    if len(by_country) == 2:
        kz, ru = by_country.get("KZ"), by_country.get("RU")
        if kz and ru:
            return [kz[0].name, ru[0].name]
    if linked:
        place = min(linked, key=lambda p: abs(p.start - anchor))
        other = scan.first_country_except(place.country) or (
            "RU" if place.country == "KZ" else "KZ")
        return [place.name, other] if place.country == "KZ" else [_kz_side(other), place.name]
    if focus and scan.generic_region:
        return list(focus)
    codes = []
    for _, code in scan.countries_near(anchor, _NEAR - 1):
        if code not in codes:
            codes.append(code)
    foreign = [c for c in codes if c not in PAIR]
    if foreign and _is_linked_country(clause, anchor, foreign[0]):
        home = next((c for c in codes if c in PAIR), "KZ")
        return [home, foreign[0]]
    return list(PAIR)


_VENUE_BEFORE = re.compile(r"(?<!\w)(?:в|во|на|из|под|около)\s+$", re.IGNORECASE)
_KK_LOCATIVE = re.compile(r"(?:да|де|та|те|нда|нде|дан|ден|тан|тен|нан|нен)$", re.IGNORECASE)


def _venue(clause: str, p: Place) -> bool:
    """A place where something happens ("в Омске", "Омбыда"), not a party to a figure."""
    return bool(_VENUE_BEFORE.search(clause, max(0, p.start - 40), p.start) or _KK_LOCATIVE.search(
        clause[p.start:p.end]))


def _linked_countries(clause: str, anchor: int) -> list[str]:
    return [code for start, end, code, surface in _scan(clause).names_near(anchor, 80)
            if _is_linked(clause, start, end, anchor) or _WITH_KK.search(surface)]


_WITH_KK = re.compile(r"(?:мен|пен|бен)$", _FLAGS)


def is_regional(pair: list[str] | None) -> bool:
    return bool(pair) and any(x not in PAIR and len(x) > 2 for x in pair)


def _kz_side(code: str) -> str:
    return code if code else "KZ"


def _is_linked(clause: str, start: int, end: int, anchor: int) -> bool:
    """The place stands in a with/between phrase near the indicator, not as a venue."""
    if abs(start - anchor) > 80:
        return False
    before = clause[max(0, start - 12):start]
    after = clause[end:end + 14]
    return bool(_LINK.search(before) or _LINK.match(after.strip()) or
                re.match(r"\s*(?:мен|пен|бен|и)\b", after))


def has_partner(clause: str, anchor: int) -> bool:
    """Whether a trade figure names its partner ("оборот Оренбуржья с Казахстаном",
    "Ресеймен сауда"), which makes a region's or country's foreign trade a mutual trade."""
    if any(_is_linked(clause, p.start, p.end, anchor)
           for p in _scan(clause).places_near(anchor, 80)):
        return True
    return bool(_linked_countries(clause, anchor))


def _is_linked_country(clause: str, anchor: int, code: str) -> bool:
    return any(c == code and _is_linked(clause, start, end, anchor)
               for start, end, c, _ in _scan(clause).names_near(anchor, 80))


def direction(clause: str) -> list[str] | None:
    """[from, to] of an investment flow, from case forms and adjectives."""
    src = dst = None
    for c in _countries():
        if c["code"] not in PAIR:
            continue
        if c["from"] and c["from"].search(clause):
            src = src or c["code"]
        if (c["to"] and c["to"].search(clause)) or (c["in"] and c["in"].search(clause)):
            dst = dst or c["code"]
    if src is None:
        for c in _countries():
            if c["code"] in PAIR and c["code"] != dst and c["adj"] and c["adj"].search(clause):
                src = c["code"]
                break
    if src and not dst:
        dst = PAIR[1] if src == PAIR[0] else PAIR[0]
    if dst and not src:
        src = PAIR[1] if dst == PAIR[0] else PAIR[0]
    if src and dst and src != dst:
        return [src, dst]
    return None
