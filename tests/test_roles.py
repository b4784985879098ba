"""People of the gazetteer: role phrases resolve by tenure, and tenures are consistent."""

from __future__ import annotations

import json
from datetime import date, timedelta
from importlib.resources import files
from itertools import combinations

import pytest

from bilateral.extract.entities import _date, gazetteer, link

# offices held by several people at once
_SHARED = {"deputy_prime_minister", "presidential_aide", "commission_cochair"}


def _lexicon(name: str) -> dict:
    return json.loads(files("bilateral.lexicon").joinpath(name).read_text("utf-8"))


def people(text: str, when: date) -> list[str]:
    g = gazetteer()
    return [g.entries[x.entity_id].name for x in link(text, when)
            if g.entries[x.entity_id].type == "person"]


@pytest.mark.parametrize(("text", "when", "expected"), [
    ("Председатель Коллегии ЕЭК выступил на форуме.", date(2017, 5, 1), "Tigran Sargsyan"),
    ("Председатель Коллегии ЕЭК выступил на форуме.", date(2022, 5, 1), "Mikhail Myasnikovich"),
    ("ЕЭК алқасының төрағасы сөз сөйледі.", date(2024, 5, 1), "Bakhytzhan Sagintayev"),
    ("Президент Татарстана посетил Астану.", date(2019, 5, 1), "Rustam Minnikhanov"),
    ("Глава Башкирии встретился с послом.", date(2017, 5, 1), "Rustem Khamitov"),
    ("Башқұртстан басшысы Астанаға келді.", date(2021, 5, 1), "Radiy Khabirov"),
    ("Аким Павлодарской области провел совещание.", date(2021, 5, 1), "Abylkair Skakov"),
    ("Аким Павлодарской области провел совещание.", date(2023, 5, 1), "Asain Baikhanov"),
    ("Абай облысының әкімі мәлімдеді.", date(2023, 5, 1), "Nurlan Urankhayev"),
    ("Абай облысының әкімі мәлімдеді.", date(2025, 6, 1), "Berik Uali"),
    ("Губернатор Самарской области прибыл в Уральск.", date(2016, 6, 1), "Nikolay Merkushkin"),
    ("Аким ЗКО встретился с губернатором.", date(2021, 6, 1), "Gali Iskaliyev"),
    ("Руководитель администрации президента Казахстана выступил.", date(2016, 8, 1),
     "Adilbek Zhaksybekov"),
    ("Министр сельского хозяйства Казахстана посетил Омск.", date(2018, 6, 1), "Umirzak Shukeyev"),
    ("Ақтөбе облысының әкімі Орынборға барды.", date(2023, 9, 10), "Askhat Shakharov"),
])
def test_new_roles_resolve_by_date(text, when, expected):
    assert people(text, when) == [expected]


def test_a_role_outside_every_known_tenure_stays_unresolved():
    # the Pavlodar akim between 2020-01-16 and 2020-01-31 is not verified: nobody
    assert people("Аким Павлодарской области провел совещание.", date(2020, 1, 20)) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Радий Хабиров и Рустам Минниханов подписали соглашение.",
     ["Radiy Khabirov", "Rustam Minnikhanov"]),
    ("Ғали Есқалиев Орынбор облысының губернаторымен кездесті.", ["Gali Iskaliyev"]),
    ("Тигран Саркисянмен кездесу өтті.", ["Tigran Sargsyan"]),
])
def test_new_people_by_name_in_both_languages(text, expected):
    assert people(text, date(2021, 6, 1))[:len(expected)] == expected


def test_single_holder_offices_never_overlap_by_more_than_a_day():
    """Two governors of one region, or two foreign ministers of one country, on the same day
    would leave a role phrase unresolved: a tenure typed wrong shows up here."""
    slots: dict[tuple, list[tuple[str, date, date]]] = {}
    for p in _lexicon("people.json")["people"]:
        for r in p["roles"]:
            if r["role"] in _SHARED or r.get("acting"):
                continue
            key = (r["role"], r.get("country"), r.get("region") or r.get("host"))
            slots.setdefault(key, []).append((p["name"], _date(r.get("start")) or date.min,
                                              _date(r.get("end")) or date.max))
    clashes = [(key, a[0], b[0]) for key, held in slots.items() for a, b in combinations(held, 2)
               if min(a[2], b[2]) - max(a[1], b[1]) > timedelta(days=1)]
    assert clashes == []


def test_roles_name_places_countries_and_bodies_the_gazetteer_knows():
    places = {p["name"] for p in _lexicon("places.json")["places"]}
    codes = {c["code"] for c in _lexicon("countries.json")["countries"]}
    bodies = {b["name"] for b in _lexicon("bodies.json")["bodies"]}
    data = _lexicon("people.json")
    for p in data["people"]:
        assert p["ru"] and p["kk"], p["name"]
        for r in p["roles"]:
            assert r.get("region") is None or r["region"] in places, (p["name"], r)
            assert r.get("host") is None or r["host"] in codes, (p["name"], r)
            assert r.get("body") is None or r["body"] in bodies, (p["name"], r)
    for lang in ("ru", "kk"):
        for phrase, spec in data["role_phrases"][lang].items():
            assert len(spec) < 3 or spec[2] in places | codes, phrase
