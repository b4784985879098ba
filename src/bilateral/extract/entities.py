"""Linking mentions of people, places, countries and bodies to one entity in both languages.

The gazetteer (`lexicon/people.json`, `places.json`, `bodies.json`) lists each entity once, under
its English Wikipedia title, with its Kazakh and Russian forms in the nominative. A mention in
running text is found through its inflection (`text/inflect.py`), by full name, by surname
after a full mention (or a surname only one person in the gazetteer bears), by initials
("М. Мишустин"), or by a role phrase resolved through tenure at the document's date
("Премьер-министр Казахстана" in January 2025 is Olzhas Bektenov).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files

from bilateral.text.inflect import TOKEN, fold, loose_equal, stems

# a stem shared by a form and a text token must be this long to count as the same word
_MIN_SHARED = 4


@dataclass(frozen=True, slots=True)
class Entry:
    entity_id: str
    type: str  # person | place | org | country
    name: str
    wikidata: str | None = None
    country: str | None = None  # for places: ISO code; for countries: their own code


@dataclass(frozen=True, slots=True)
class Role:
    role: str
    country: str | None
    start: date | None
    end: date | None
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Link:
    entity_id: str
    start: int
    end: int
    surface: str
    via: str  # name | surname | role | abbr | ner


@dataclass(frozen=True, slots=True)
class _Form:
    tokens: tuple[str, ...]
    entity_id: str
    kind: str  # full | surname | place | org | country | adjective


def _drops_final(token: str) -> bool:
    """A Russian noun whose last letter goes in its other cases ("край" - "краем", "Тула" -
    "Туле"), with a stem of three letters or more left."""
    return len(token) >= 4 and token[-1] in "йаяь"


def entity_id(type_: str, name: str) -> str:
    """A readable, stable id: the canonical name is unique within its type."""
    return f"{type_}:{name.replace(' ', '_')}"


def _date(value: str | None) -> date | None:
    if not value:
        return None
    parts = (value + "-01-01")[:10] if len(value) == 4 else (value + "-01")[:10]
    try:
        return date.fromisoformat(parts if len(value) < 10 else value[:10])
    except ValueError:
        return None


def _read(name: str) -> dict:
    path = files("bilateral.lexicon").joinpath(name)
    return json.loads(path.read_text("utf-8")) if path.is_file() else {}


def _keys(token: str) -> set[str]:
    """Index keys of one nominative form token: its stems, so that the inflected text form
    meets it on a shared stem (Астана/Астане on "астан", Омская/Омской on "омск")."""
    t = fold(token)
    return {t} | {k for k in stems(t) if len(k) >= _MIN_SHARED}


class Gazetteer:
    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.roles: dict[str, list[Role]] = defaultdict(list)
        # (phrase tokens, role, country, qualifier: the region of a governor, the host country
        # of an ambassador)
        self.role_phrases: list[tuple[tuple[str, ...], str, str | None, str | None]] = []
        self._index: dict[str, list[_Form]] = defaultdict(list)
        self._surnames: dict[str, set[str]] = defaultdict(set)
        self._given: dict[str, set[str]] = defaultdict(set)
        # (given name, patronymic) -> people, from full Russian forms
        self._patronymics: dict[tuple[str, str], set[str]] = defaultdict(set)
        # ordinary words that look like names ("Ертең", "қарағанда"): never part of one
        self.not_names = frozenset(fold(w) for w in _read("not_names.json").get("words", []))
        self._load_people(_read("people.json"))
        self._load_places(_read("places.json"))
        self._load_countries(_read("countries.json"))
        self._load_bodies(_read("bodies.json"))

    # --- building -------------------------------------------------------------------------

    def _add(self, form: str, eid: str, kind: str) -> None:
        tokens = tuple(fold(t) for t in TOKEN.findall(form))
        if not tokens:
            return
        f = _Form(tokens, eid, kind)
        keys = _keys(tokens[0])
        if kind in ("place", "full") and _drops_final(tokens[0]):
            keys.add(tokens[0][:-1])  # "Уфа" is "в Уфе", "Тула" is "в Туле"
        for key in keys:
            if f not in self._index[key]:
                self._index[key].append(f)

    def _entry(self, type_: str, item: dict, country: str | None = None) -> str:
        eid = entity_id(type_, item["name"])
        self.entries[eid] = Entry(eid, type_, item["name"], item.get("wikidata") or None, country)
        return eid

    def _load_people(self, data: dict) -> None:
        for p in data.get("people", []):
            eid = self._entry("person", p)
            for lang in ("ru", "kk"):
                for form in p.get(lang, []):
                    self._add(form, eid, "full")
                    parts = form.split()
                    if len(parts) >= 2:  # "Смаилов Алихан" in official order
                        self._add(" ".join(parts[1:2] + parts[:1]), eid, "full")
                    patronymic = [k for k, w in enumerate(parts) if _PATRONYMIC.search(w)]
                    if patronymic and patronymic[0] >= 1:
                        k = patronymic[0]
                        self._patronymics[(fold(parts[k - 1]), fold(parts[k]))].add(eid)
                for s in p.get("surnames", {}).get(lang, []):
                    self._add(s, eid, "surname")
                    self._surnames[fold(s)].add(eid)
                for given in p.get("given", {}).get(lang, []):
                    self._given[fold(given)].add(eid)
            for r in p.get("roles", []):
                extra = tuple((k, str(v)) for k, v in r.items()
                              if k not in ("role", "country", "start", "end"))
                self.roles[eid].append(Role(r["role"], r.get("country"), _date(r.get("start")),
                                            _date(r.get("end")), extra))
        for lang in ("ru", "kk"):
            for phrase, spec in data.get("role_phrases", {}).get(lang, {}).items():
                toks = tuple(fold(t) for t in TOKEN.findall(phrase))
                if toks:
                    qualifier = spec[2] if len(spec) > 2 else None
                    self.role_phrases.append((toks, spec[0], spec[1], qualifier))
        self.role_phrases.sort(key=lambda r: -len(r[0]))
        # role phrases by the first four letters of their first word: loose_equal needs a
        # common prefix of four, so no other phrase can match a token
        self.role_index: dict[str, list] = defaultdict(list)
        for entry in self.role_phrases:
            self.role_index[entry[0][0][:4]].append(entry)

    def _load_places(self, data: dict) -> None:
        for p in data.get("places", []):
            eid = self._entry("place", p, p.get("country"))
            for lang in ("ru", "kk"):
                for form in p.get(lang, []):
                    self._add(form, eid, "place")

    def _load_countries(self, data: dict) -> None:
        """`countries.json` also holds the patterns parties.py reads: one entry per country."""
        for c in data.get("countries", []):
            eid = self._entry(c.get("type", "country"), c, c.get("code"))
            for lang in ("ru", "kk"):
                for form in c.get(lang, []):
                    self._add(form, eid, "country")
                for form in c.get("adjectives", {}).get(lang, []):
                    self._add(form, eid, "adjective")

    def _load_bodies(self, data: dict) -> None:
        for b in data.get("bodies", []):
            eid = self._entry(b.get("type", "org"), b)
            for lang in ("ru", "kk"):
                for form in b.get(lang, []):
                    self._add(form, eid, "org")
                for form in b.get("abbr", {}).get(lang, []):
                    self._add(form, eid, "org")

    # --- matching -------------------------------------------------------------------------

    def _token_matches(self, form_token: str, token: str, strict: bool = False) -> bool:
        """Places and bodies decline like adjectives and nouns, so a shared stem will do;
        a person's name must appear whole ("Сапаров" is not in "сапары", a visit)."""
        cand = stems(token)
        if form_token in cand:
            return True
        if strict:  # "Алексей" - "Алексеем", "Мария" - "Марии": the last letter is an ending
            return len(form_token) >= 4 and form_token[-1] in "аяйь" and form_token[:-1] in cand
        # "Алтайским краем", "Югры": a final -й, -а, -я, -ь is itself an ending
        return any(len(k) >= _MIN_SHARED for k in _keys(form_token) & cand) or (
            _drops_final(form_token) and form_token[:-1] in cand)

    def find(self, text: str) -> list[tuple[int, int, _Form]]:
        """Gazetteer forms in `text`: (start, end, form), longest first, non-overlapping."""
        toks = list(TOKEN.finditer(text))
        found: list[tuple[int, int, _Form]] = []
        i = 0
        while i < len(toks):
            best: tuple[int, _Form] | None = None
            if fold(toks[i].group()) in self.not_names:
                i += 1
                continue
            for key in stems(toks[i].group()):
                for f in self._index.get(key, ()):
                    n = len(f.tokens)
                    if i + n > len(toks) or (best and n <= best[0]):
                        continue
                    strict = f.kind in ("full", "surname")
                    if all(self._token_matches(f.tokens[k], toks[i + k].group(), strict)
                           for k in range(n)):
                        best = (n, f)
                    elif f.kind == "full" and n == 2 and i + 2 < len(toks) and \
                            _PATRONYMIC.search(toks[i + 1].group()) and \
                            self._token_matches(f.tokens[0], toks[i].group(), True) and \
                            self._token_matches(f.tokens[1], toks[i + 2].group(), True):
                        best = (3, f)  # "Дауреном Аскербековичем Абаевым"
            if best:
                n, f = best
                found.append((toks[i].start(), toks[i + n - 1].end(), f))
                i += n
            else:
                i += 1
        return found

    def by_given_name(self, name: str) -> str | None:
        """The one person of the gazetteer with this first name ("Касым-Жомарт Кемелевич",
        name and patronymic, is Tokayev); None when several share it."""
        parts = name.split()
        first = parts[0] if parts else ""
        for key in stems(first):
            owners = self._given.get(key)
            if owners and len(owners) == 1:
                return next(iter(owners))
        if len(parts) >= 2:  # "Владимир Владимирович": several Vladimirs, one Vladimirovich
            pair = (fold(parts[0]), fold(parts[1]))
            owners = self._patronymics.get(pair, set())
            if len(owners) == 1:
                return next(iter(owners))
        return None

    def by_surname(self, name: str) -> str | None:
        """A tagged name whose surname is one gazetteer person's and whose first name agrees
        ("Реджеп Тайып Ердоған", spelt otherwise than the gazetteer's forms)."""
        parts = name.split()
        if len(parts) < 2:
            return None
        owners = set().union(*(self._surnames.get(k, set()) for k in stems(parts[-1])))
        if len(owners) != 1:
            return None
        eid = next(iter(owners))
        given = {key for key in stems(parts[0]) if key in self._given}
        return eid if any(eid in self._given[k] for k in given) else None

    def is_leader(self, eid: str) -> bool:
        """A president or head of government: referred to by surname alone in this news."""
        return any(r.role in ("president", "prime_minister") for r in self.roles.get(eid, ()))

    def holder(self, role: str, country: str | None, when: date,
               qualifier: str | None = None) -> str | None:
        """Who held a role in a country on a date (None if nobody or several)."""
        found = {eid for eid, roles in self.roles.items() for r in roles
                 if r.role == role and (country is None or r.country == country)
                 and (qualifier is None or qualifier in dict(r.extra).values())
                 and (r.start is None or r.start <= when) and (r.end is None or when <= r.end)
                 and dict(r.extra).get("acting") != "True"}
        return found.pop() if len(found) == 1 else None


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer()


_INITIAL = re.compile(r"(?<!\w)[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]\.\s*$")


def link(text: str, when: date | None, known: set[str] | None = None) -> list[Link]:
    """Entity mentions in one sentence.

    `known`: persons already named in full earlier in the document, so that a bare surname
    resolves to them; `when`: the document's date, for role phrases.
    """
    g = gazetteer()
    known = known if known is not None else set()
    out: list[Link] = []
    for start, end, form in g.find(text):
        surface = text[start:end]
        if form.kind == "surname":
            owners = g._surnames.get(form.tokens[0], {form.entity_id})
            named = owners & known
            if len(named) == 1:
                eid = named.pop()
            elif len(owners) == 1 and g.is_leader(form.entity_id):
                eid = form.entity_id  # "Путин", "Токаев": known by surname alone
            else:
                continue  # a bare surname nobody was named by in full stays unlinked
            initial = _INITIAL.search(text, max(0, start - 20), start)
            if initial:
                start = initial.start()
                surface = text[start:end]
            out.append(Link(eid, start, end, surface, "surname"))
            continue
        if form.kind == "full":
            known.add(form.entity_id)
        if surface.endswith(".") and len(surface.rsplit(None, 1)[-1]) > 3:
            end -= 1  # the sentence's full stop, not an abbreviation's
            surface = surface[:-1]
        via = "abbr" if surface.isupper() and len(surface) <= 6 else "name"
        out.append(Link(form.entity_id, start, end, surface, via))
    if when is not None:
        out.extend(_role_links(text, when, out))
    return sorted(out, key=lambda x: x.start)


def _role_links(text: str, when: date, taken: list[Link]) -> list[Link]:
    """Role-only mentions ("Президент Казахстана", "ресейлік премьер"), resolved by tenure;
    a role phrase followed by the holder's name is part of that name's mention instead."""
    g = gazetteer()
    toks = list(TOKEN.finditer(text))
    people = sorted(x.start for x in taken if g.entries[x.entity_id].type == "person")
    out: list[Link] = []
    i = 0
    while i < len(toks):
        hit = None
        for phrase, role, country, qualifier in g.role_index.get(fold(toks[i].group())[:4], ()):
            n = len(phrase)
            if i + n <= len(toks) and all(loose_equal(phrase[k], toks[i + k].group())
                                          and _same_role_case(phrase[k], toks[i + k].group())
                                          for k in range(n)):
                hit = (n, role, country, qualifier)
                break
        if not hit:
            i += 1
            continue
        n, role, country, qualifier = hit
        start, end = toks[i].start(), toks[i + n - 1].end()
        if _deputy(toks, i, n):
            i += n
            continue  # "заместителя министра транспорта России", "министрінің орынбасары"
        eid = g.holder(role, country, when, qualifier)
        k = bisect_left(people, end)
        followed = k < len(people) and people[k] - end < 3
        if eid and not followed:
            out.append(Link(eid, start, end, text[start:end], "role"))
        i += n
    return out


# the Kazakh cases that say whose office and where: "Қазақстанның Ресейдегі елшісі" (Kazakhstan's
# ambassador in Russia) is not "Қазақстандағы Ресей елшісі" (Russia's ambassador in Kazakhstan)
_KK_GENITIVE = re.compile(r"(?:ның|нің|дың|дің|тың|тің)$")
_KK_LOCATIVE_ADJ = re.compile(r"(?:дағы|дегі|тағы|тегі|ндағы|ндегі)$")


def _same_role_case(phrase_token: str, token: str) -> bool:
    token = fold(token)
    return all(bool(rx.search(phrase_token)) == bool(rx.search(token))
               for rx in (_KK_GENITIVE, _KK_LOCATIVE_ADJ)
               if rx.search(phrase_token) or rx.search(token))


_DEPUTY_BEFORE = re.compile(r"(?:заместител|замминистр|замглав|зам|помощник|советник)\w*$",
                            re.IGNORECASE)
_DEPUTY_AFTER = re.compile(r"(?:орынбасар|кеңесші|көмекші)\w*$", re.IGNORECASE)
_KK_PLURAL = re.compile(r"(?:лар|лер|дар|дер|тар|тер)(?:ы|і|ын|ін|ының|інің|ымен|імен)?$",
                        re.IGNORECASE)


def _deputy(toks: list[re.Match], i: int, n: int) -> bool:
    """A role phrase inside a deputy's or adviser's title names another office; a plural one
    ("премьер-министрлері") names no single holder."""
    before = toks[i - 1].group() if i else ""
    after = [t.group() for t in toks[i + n:i + n + 2]]
    return bool(_DEPUTY_BEFORE.match(before) or any(_DEPUTY_AFTER.match(w) for w in after)
                or _KK_PLURAL.search(toks[i + n - 1].group()))


# a Russian patronymic: name and patronymic address one person, whose first name is enough
_PATRONYMIC = re.compile(r"(?:ович|евич|ьич|овна|евна|ична|инична)\w*$", re.IGNORECASE)


def link_document(doc, when: date | None,
                  find_people: bool = True) -> tuple[dict[int, list[Link]], list[dict]]:
    """Links per sentence index, and the entity records they point at.

    `find_people`: also tag people the gazetteer lacks (natasha / the KazNERD tagger)."""
    from bilateral.extract.people import canonical_name, person_id, unknown_people

    g = gazetteer()
    known: set[str] = set()
    links: dict[int, list[Link]] = {}
    new: dict[str, str] = {}
    for s in doc.sentences:
        found = link(s.text, when, known)
        if find_people:
            for p in unknown_people(s.text, s.lang, found):
                eid = g.by_given_name(p.name) if _PATRONYMIC.search(p.surface) else None
                eid = eid or g.by_surname(p.name)
                if eid is None:
                    eid = person_id(p.name)
                    new[eid] = canonical_name(p.name)
                found.append(Link(eid, p.start, p.end, p.surface, "ner"))
            found.sort(key=lambda x: x.start)
            # "губернатора Омской области Виталия Хоценко": the role is the named person's title
            found = [x for x in found if x.via != "role" or not any(
                y.via == "ner" and 0 <= y.start - x.end < 3 for y in found)]
        if found:
            links[s.idx] = found
    used = sorted({x.entity_id for xs in links.values() for x in xs})
    entities = []
    for e in used:
        if e in g.entries:
            entry = g.entries[e]
            entities.append({"entity_id": e, "type": entry.type, "name": entry.name,
                             "wikidata": entry.wikidata})
        elif e in new:
            entities.append({"entity_id": e, "type": "person", "name": new[e],
                             "wikidata": None})
    return links, entities
