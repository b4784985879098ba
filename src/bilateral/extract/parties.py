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
from collections import Counter
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
        out.append({"code": c["code"], "name": c["name"],
                    **{k: _rx(c[k]) for k in ("names", "from", "adj", "to", "in")}})
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


def country_name(code: str) -> str | None:
    """The English name of a country by its ISO code ("UZ" -> "Uzbekistan")."""
    return next((c["name"] for c in _countries() if c["code"] == code), None)


@cache
def _any_country() -> tuple[re.Pattern, list[str]]:
    """One pattern for every country's names and adjectives, a group per country: a sentence
    is scanned once, not once per country."""
    data = json.loads(files("bilateral.lexicon").joinpath("countries.json").read_text("utf-8"))
    codes, groups = [], []
    for c in data["countries"]:
        patterns = [*c["names"], *c["adj"]]
        if patterns:
            alt = "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))
            groups.append(f"(?P<c{len(codes)}>{alt})")
            codes.append(c["code"])
    return re.compile(rf"(?<!\w)(?:{'|'.join(groups)})(?!\w)", _FLAGS), codes


# a country that only names a currency: "долларов США", "АҚШ доллары", "российских рублей"
_CURRENCY_AFTER = re.compile(r"\s*(?:доллар|рубл|юан|теңге|тенге|сом)\w*", _FLAGS)
_CURRENCY_BEFORE = re.compile(r"(?:доллар|рубл|юан|евро)\w*\s*$", _FLAGS)


@lru_cache(maxsize=8192)
def _countries_in(text: str) -> tuple[tuple[int, str], ...]:
    rx, codes = _any_country()
    return tuple((m.start(), codes[int(m.lastgroup[1:])]) for m in rx.finditer(text)
                 if not _CURRENCY_AFTER.match(text, m.end())
                 and not _CURRENCY_BEFORE.search(text[max(0, m.start() - 12):m.start()]))


@lru_cache(maxsize=4096)
def _places(text: str) -> tuple[Place, ...]:
    """`find_places` once per text: a sentence of many figures asks for its places for each."""
    return tuple(find_places(text))


def countries_in(text: str) -> list[tuple[int, str]]:
    """(position, code) of every country named in `text`, by name or adjective."""
    return list(_countries_in(text))


def foreign_counts(texts: list[str]) -> Counter[str]:
    """How often each country other than Kazakhstan is named in a document's sentences."""
    return Counter(code for t in texts for _, code in _countries_in(t) if code != "KZ")


def parties(clause: str, anchor: int, focus: list[str] | None = None,
            region: list[str] | None = None) -> list[str]:
    """Parties of a figure whose indicator stands at `anchor` in `clause`.

    `focus`: the pair a regional or another country's article is about (its headline or lead
    names it); a clause that names no pair, or only a generic "облыс", "в регионе", "екі өңір",
    is about it. `region`: the pair of the region a whole article is about, for a clause that
    names the region only generically or names no party at all."""
    places = _places(clause)
    linked = [p for p in places if _is_linked(clause, p.start, p.end, anchor)]
    if not linked:
        # "Омская область нарастила торговлю с Казахстаном": the region is the subject and
        # the other country the partner
        subject = [p for p in places if abs(p.start - anchor) <= 60 and not _venue(clause, p)]
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
        others = [c for _, c in countries_in(clause) if c != place.country]
        other = others[0] if others else ("RU" if place.country == "KZ" else "KZ")
        return [place.name, other] if place.country == "KZ" else [_kz_side(other), place.name]
    if focus and _GENERIC_REGION.search(clause):
        return list(focus)
    if region and _GENERIC_REGION.search(clause):
        return list(region)  # "облыстың Ресеймен сауда айналымы" in a West Kazakhstan story
    codes = []
    for pos, code in countries_in(clause):
        if code not in codes and abs(pos - anchor) < 120:
            codes.append(code)
    foreign = [c for c in codes if c not in PAIR]
    if foreign and _is_linked_country(clause, anchor, foreign[0]):
        home = next((c for c in codes if c in PAIR), "KZ")
        return [home, foreign[0]]
    if focus and "RU" not in codes:
        return list(focus)  # "товарооборот между двумя странами" in a Kazakhstan–Uzbekistan story
    if region and not codes and not _COUNTRY_WORD.search(clause):
        return list(region)  # "объем товарооборота увеличился" in an Altai Krai story
    return list(PAIR)


# "между странами", "екі ел": a clause about the two countries, not a region
_COUNTRY_WORD = re.compile(r"(?<!\w)(?:стран\w*|государств\w*|ел|елдің|елдер\w*|елі\w*|"
                           r"мемлекет\w*|республик\w*)(?!\w)", re.IGNORECASE)


@cache
def _region_names() -> frozenset[str]:
    return frozenset(p.name for p in _region_places())


_LEAD = 500  # the headline and lead, in characters


def article_region(sentences: list[str]) -> list[str] | None:
    """The pair of the region an article is about: a Kazakh region with Russia, or Kazakhstan
    with a Russian region. The region must be named in the headline or lead (the first 500
    characters) and at least twice in all; a city is never one (a forum's host city is a venue,
    not a party)."""
    counts: dict[Place, int] = {}
    lead: set[str] = set()
    seen = 0  # characters before this sentence
    for text in sentences:
        for p in _places(text):
            if p.name in _region_names():
                key = Place(p.name, p.country, 0, 0)
                counts[key] = counts.get(key, 0) + 1
                if seen + p.start < _LEAD:
                    lead.add(p.name)
        seen += len(text) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 2 or ranked[0][0].name not in lead:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None  # two regions as often: a story about both, or neither
    top = ranked[0][0]
    if top.country == "KZ":
        return [top.name, "RU"]
    return ["KZ", top.name] if top.country == "RU" else None


_VENUE_BEFORE = re.compile(r"(?<!\w)(?:в|во|на|из|под|около)\s+$", re.IGNORECASE)
_KK_LOCATIVE = re.compile(r"(?:да|де|та|те|нда|нде|дан|ден|тан|тен|нан|нен)$", re.IGNORECASE)


def _venue(clause: str, p: Place) -> bool:
    """A place where something happens ("в Омске", "Омбыда"), not a party to a figure."""
    return bool(_VENUE_BEFORE.search(clause[max(0, p.start - 20):p.start]) or _KK_LOCATIVE.search(
        clause[p.start:p.end]))


@lru_cache(maxsize=4096)
def _names_in(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, code) of every country named in `text` (not by adjective): scanned once
    per text, however many figures ask."""
    return tuple((m.start(), m.end(), c["code"]) for c in _countries()
                 for m in c["names"].finditer(text))


def _linked_countries(clause: str, anchor: int) -> list[str]:
    out = []
    for start, end, code in _names_in(clause):
        after = clause[end:end + 25]
        if abs(start - anchor) <= 80 and (
                _is_linked(clause, start, end, anchor)
                or re.search(r"(?:мен|пен|бен)$", clause[start:end], _FLAGS)
                # "Ресей Федерациясымен": the instrumental on the name's second word
                or re.match(r"\s+\w+(?:мен|пен|бен)(?!\w)", after, _FLAGS)):
            out.append(code)
    return out


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


@cache
def _groups() -> re.Pattern:
    data = json.loads(files("bilateral.lexicon").joinpath("groups.json").read_text("utf-8"))
    return _rx(data["groups"])


@lru_cache(maxsize=4096)
def _group_starts(text: str) -> tuple[int, ...]:
    return tuple(m.start() for m in _groups().finditer(text))


def group_partner(clause: str, anchor: int) -> bool:
    """A trade figure whose partner is a group of countries or a region of the world ("со
    странами СНГ", "түркітілдес мемлекеттермен", "Орталық Азиядағы барлық сауда"), with no
    single foreign country named near it."""
    near = [a for a in _group_starts(clause) if abs(a - anchor) <= 80]
    if not near:
        return False
    return not any(code not in ("KZ",) and abs(pos - anchor) <= 80
                   for pos, code in countries_in(clause))


def has_partner(clause: str, anchor: int) -> bool:
    """Whether a trade figure names its partner ("оборот Оренбуржья с Казахстаном",
    "Ресеймен сауда"), which makes a region's or country's foreign trade a mutual trade."""
    if any(_is_linked(clause, p.start, p.end, anchor) for p in _places(clause)):
        return True
    return bool(_linked_countries(clause, anchor))


def _is_linked_country(clause: str, anchor: int, code: str) -> bool:
    return any(c == code and _is_linked(clause, start, end, anchor)
               for start, end, c in _names_in(clause))


# a country in the ablative (from) or dative (to), Kazakh; "из/от X" and "в X" in Russian
# ("Казахстан" itself ends like an ablative: a name ending in -стан is not one)
_KK_FROM = re.compile(r"(?:дан|ден|(?<!с)тан|(?<!с)тен|нан|нен)$", _FLAGS)
_KK_TO = re.compile(r"(?:ға|ге|қа|ке)$", _FLAGS)
_RU_FROM = re.compile(r"(?<!\w)(?:из|от)\s+$", _FLAGS)
_RU_TO = re.compile(r"(?<!\w)(?:в|во)\s+$", _FLAGS)
# a Russian dative is where goods go: "продала Казахстану", "поставляет Китаю"
_RU_DATIVE = re.compile(r"[а-яё](?:у|ю)$", _FLAGS)


_TO_MARKET = re.compile(r"\s+(?:рынок|рынки|нарыққа|нарықтарға|нарығына)(?!\w)", _FLAGS)


@lru_cache(maxsize=4096)
def _flow_marks(clause: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]],
                                      list[tuple[int, str]]]:
    """(position, code) of flow origins, destinations and adjectives ("российские") in a
    clause, for every country: its own from/to forms, or its name in the case that says so."""
    src: list[tuple[int, str]] = []
    dst: list[tuple[int, str]] = []
    adj: list[tuple[int, str]] = []
    for c in _countries():
        code = c["code"]
        for key, out in (("from", src), ("to", dst), ("in", dst), ("adj", adj)):
            if c[key]:
                out.extend((m.start(), code) for m in c[key].finditer(clause))
        if c["adj"]:
            # "на российский рынок", "ресейлік нарыққа": the market a flow goes to
            dst.extend((m.start(), code) for m in c["adj"].finditer(clause)
                       if _TO_MARKET.match(clause, m.end()))
    for start, end, code in _names_in(clause):
        before, word = clause[max(0, start - 4):start], clause[start:end]
        if _RU_FROM.search(before) or _KK_FROM.search(word):
            src.append((start, code))
        elif _RU_TO.search(before) or _KK_TO.search(word) or _RU_DATIVE.search(word):
            dst.append((start, code))
    return src, dst, adj


# a country that owns a flow stands in the nominative or the genitive: "Қазақстан(ның)
# экспорты", never "Ресейге экспорты" (to Russia) or "Ресейден импорт" (from Russia)
_KK_GENITIVE = re.compile(r"(?:ның|нің|дың|дің|тың|тің)$", re.IGNORECASE)


@cache
def _nominatives() -> frozenset[str]:
    data = json.loads(files("bilateral.lexicon").joinpath("countries.json").read_text("utf-8"))
    return frozenset(n.lower() for c in data["countries"] for n in (*c["ru"], *c["kk"]))


def _owner_form(word: str) -> bool:
    return word.lower() in _nominatives() or bool(_KK_GENITIVE.search(word))


def owned_flow(text: str, anchor: int, pair: tuple[str, str] | list[str] = PAIR
               ) -> list[str] | None:
    """[from, to] of an export or import named with its owner: "Қазақстан экспорты",
    "Қазақстанның импорты", "экспорт Казахстана", "казахстанский экспорт". The other side is
    the nearest other country in the sentence, else the other country of `pair` (the pair the
    article is about). None when the flow word has no owner."""
    word = text[anchor:anchor + 12].lower()
    if not word.startswith(("экспорт", "импорт")):
        return None
    end = anchor + len(re.match(r"\w*", text[anchor:]).group())
    owner = None
    for start, stop, code in _names_in(text):
        if 0 <= anchor - stop <= 2 and not text[stop:anchor].strip() \
                and _owner_form(text[start:stop]):
            owner = code  # "Қазақстан экспорты", "Қазақстанның импорты", not "Ресейге экспорты"
        elif 0 <= start - end <= 2 and not text[end:start].strip() and re.search(
                r"(?:а|я|и|ы)$", text[start:stop]):
            owner = code  # "экспорт Казахстана"
    if owner is None and word.startswith("экспорт"):
        owner = next((c for _, stop, c in _adjectives_in(text)
                      if stop <= anchor and not text[stop:anchor].strip()), None)
    if owner is None:
        return None
    others = sorted(((abs(pos - anchor), c) for pos, c in countries_in(text) if c != owner))
    other = others[0][1] if others else next((c for c in pair if c != owner), None)
    if other is None or other == owner or len(other) > 2:
        return None
    return [owner, other] if word.startswith("экспорт") else [other, owner]


# "между Алтайским краем и Республикой Казахстан составил", "Павлодар облысы мен Ресей арасындағы"
_BETWEEN = re.compile(r"(?<!\w)между\s+(?P<a>[^,.]{3,60}?)\s+и\s+(?P<b>[^,.]{3,60}?)"
                      r"(?=\s+(?:составил|достиг|вырос|превысил)|[,.])|"
                      r"(?P<c>[^,.]{3,60}?)\s+(?:мен|пен|бен)\s+(?P<d>[^,.]{3,60}?)\s+арасындағы",
                      _FLAGS)


def pair_flow(text: str, anchor: int) -> list[str] | None:
    """[from, to] of an export or import split off a pair's trade in the same sentence, from
    the side named first (the speaker's): "товарооборот между Алтайским краем и Казахстаном ...,
    из них 360 млн - экспорт, 120 млн - импорта"."""
    word = text[anchor:anchor + 12].lower()
    if not word.startswith(("экспорт", "импорт")):
        return None
    m = _BETWEEN.search(text, 0, anchor)
    if m is None:
        return None
    sides = [_country_of(m.group(g) or "") for g in (("a", "b") if m.group("a") else ("c", "d"))]
    if None in sides or sides[0] == sides[1]:
        return None
    return sides if word.startswith("экспорт") else sides[::-1]


def region_flow(region: list[str], text: str, anchor: int) -> list[str] | None:
    """[from, to] of a region's export or import that names no country, in a story about that
    region ("объём экспортных поставок увеличился почти на 47%" in a Saratov story)."""
    word = text[anchor:anchor + 12].lower()
    if not word.startswith(("экспорт", "импорт")):
        return None
    own = next((p for p in region if len(p) > 2), None)
    place = next((p for p in _places(text) if p.name == own), None) or next(
        (p for p in _region_places() if p.name == own), None)
    if place is None:
        return None
    other = "RU" if place.country == "KZ" else "KZ"
    return [place.country, other] if word.startswith("экспорт") else [other, place.country]


@cache
def _region_places() -> tuple[Place, ...]:
    data = json.loads(files("bilateral.lexicon").joinpath("places.json").read_text("utf-8"))
    return tuple(Place(p["name"], p["country"], 0, 0) for p in data["places"]
                 if p["type"] == "region")


def _country_of(phrase: str) -> str | None:
    """The country of the first place or country a phrase names."""
    places = find_places(phrase)
    names = _names_in(phrase)
    first = min([(p.start, p.country) for p in places] + [(a, c) for a, _, c in names],
                default=None)
    return first[1] if first else None


@lru_cache(maxsize=4096)
def _adjectives_in(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((m.start(), m.end(), c["code"]) for c in _countries() if c["adj"]
                 for m in c["adj"].finditer(text))


def _other_side(clause: str, known: str, where: int, guess: bool) -> str | None:
    """The side of a flow the case forms leave out: another country the clause names by name,
    the nearest first, else (`guess`) the other country of the pair."""
    named = sorted((abs(pos - where), code) for pos, _, code in _names_in(clause)
                   if code != known)
    if named:
        return named[0][1]
    if not guess:
        return None
    return PAIR[1] if known == PAIR[0] else PAIR[0]


def direction(clause: str, anchor: int | None = None, guess: bool = True) -> list[str] | None:
    """[from, to] of a flow (investment, exports, imports) from case forms and adjectives:
    "экспорт из Казахстана в Узбекистан", "российские инвестиции", "Ресейден импорт". The
    side the case forms leave out is another country the clause names, else (`guess`)
    Kazakhstan, or Russia when Kazakhstan is the other side."""
    src_marks, dst_marks, adj_marks = _flow_marks(clause)
    where = len(clause) if anchor is None else anchor

    def nearest(marks: list[tuple[int, str]], skip: str | None = None) -> str | None:
        marks = [m for m in marks if m[1] != skip]
        return min(marks, key=lambda m: abs(m[0] - where))[1] if marks else None

    src = nearest(src_marks)
    dst = nearest(dst_marks, src)
    if src is None:
        src = nearest(adj_marks, dst)
    if src and not dst:
        dst = _other_side(clause, src, where, guess)
    if dst and not src:
        src = _other_side(clause, dst, where, guess)  # "Белоруссия: республика продала Казахстану"
    if src and dst and src != dst:
        return [src, dst]
    return None
