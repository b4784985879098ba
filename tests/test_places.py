"""Places: every Russian federal subject and Kazakh region, found in both languages, and a
regional figure credited to its region."""

from __future__ import annotations

import json
from collections import Counter
from importlib.resources import files

import pytest

from bilateral.extract.entities import gazetteer, link
from bilateral.extract.facts import extract_facts
from bilateral.model import RawDocument
from bilateral.pipeline import process


def _places() -> list[dict]:
    path = files("bilateral.lexicon").joinpath("places.json")
    return json.loads(path.read_text("utf-8"))["places"]


def names(text: str) -> list[str]:
    g = gazetteer()
    return [g.entries[x.entity_id].name for x in link(text, None)]


def test_the_85_federal_subjects_as_russia_counts_them_each_in_both_languages():
    subjects = [p for p in _places() if "federal_subject" in p]
    assert Counter(p["federal_subject"] for p in subjects) == {
        "oblast": 46, "republic": 22, "krai": 9, "autonomous_okrug": 4, "federal_city": 3,
        "autonomous_oblast": 1}
    assert all(p["ru"] and p["kk"] for p in subjects)
    # annexed in 2014: Russia counts them, the country stays Ukraine
    crimea = {p["name"]: p for p in subjects if p["country"] != "RU"}
    assert {n: (p["country"], p["administered_by"]) for n, p in crimea.items()} == {
        "Republic of Crimea": ("UA", "RU"), "Sevastopol": ("UA", "RU")}


def test_every_kazakh_region_and_republican_city_and_every_city_region_exists():
    places = _places()
    by_name = {p["name"]: p for p in places}
    assert len(by_name) == len(places)
    kz_regions = [p for p in places if p["country"] == "KZ" and p["type"] == "region"]
    assert len(kz_regions) == 17
    assert {p["name"] for p in places if p.get("republican_city")} == {
        "Astana", "Almaty", "Shymkent"}
    assert all(p["region"] in by_name for p in places if "region" in p)


@pytest.mark.parametrize(("text", "expected"), [
    ("Делегация Республики Саха (Якутия) прибыла в Астану.", "Sakha Republic"),
    ("Қазақстан мен Татарстан Республикасы арасындағы сауда өсті.", "Tatarstan"),
    ("Башқұртстанмен ынтымақтастық дамып келеді.", "Bashkortostan"),
    ("На Ямале работают казахстанские компании.", "Yamalo-Nenets Autonomous Okrug"),
    ("Кузбасс поставляет уголь в Казахстан.", "Kemerovo Oblast"),
    ("Свердлов облысының делегациясы келді.", "Sverdlovsk Oblast"),
    ("Челябі облысымен сауда өсті.", "Chelyabinsk Oblast"),
    ("Соглашение подписали с Ханты-Мансийским автономным округом — Югрой.",
     "Khanty-Mansi Autonomous Okrug"),
    ("Чебоксарыда форум өтті.", "Cheboksary"),
    ("Тыва Республикасының делегациясы келді.", "Tuva"),
    ("Экспорт в Орловскую область вырос.", "Oryol Oblast"),
    ("Омбы облысы мен Павлодар облысы арасындағы байланыс.", "Omsk Oblast"),
    ("Кездесу Өскеменде өтті.", "Oskemen"),
    ("Встреча прошла в Усть-Каменогорске.", "Oskemen"),
    ("Форум прошел в Уральске.", "Oral, Kazakhstan"),
    ("Делегация прибыла в Семипалатинск.", "Semey"),
    ("Ұлытау облысының әкімі сөз сөйледі.", "Ulytau Region"),
    ("Қазан қаласында форум өтті.", "Kazan"),
    ("Президент Минскіге ресми сапармен барды.", "Minsk"),  # the linking vowel of a cluster
])
def test_places_in_both_languages_and_their_case_forms(text, expected):
    assert expected in names(text)


@pytest.mark.parametrize(("text", "not_expected"), [
    ("Кездесу 2024 жылғы 15 қазанда өтті.", "Kazan"),  # қазан: October
    ("Ол Отан қорғаны болды.", "Kurgan, Kurgan Oblast"),  # қорған: defender
    ("Андрей Шевченко выступил на форуме.", "Aktau"),  # Aktau was Shevchenko until 1991
    ("Жамбыл Жабаевтың мұражайы.", "Taraz"),  # the poet, not the city's 1990s name
    ("Курская область и Курганская область.", "Kurgan, Kurgan Oblast"),
])
def test_common_words_and_surnames_are_not_places(text, not_expected):
    assert not_expected not in names(text)


@pytest.mark.parametrize(("text", "parties"), [
    ("Товарооборот Казахстана с Чувашией вырос в 35 раз и составил 120 млн долларов.",
     ["KZ", "Chuvashia"]),
    ("Қазақстан мен Татарстан арасындағы тауар айналымы 2023 жылы 1,5 млрд долларды құрады.",
     ["KZ", "Tatarstan"]),
    ("Товарооборот Кузбасса с Казахстаном в 2023 году составил 800 млн долларов.",
     ["KZ", "Kemerovo Oblast"]),
    ("Башқұртстан мен Қазақстан арасындағы тауар айналымы 700 млн доллардан асты.",
     ["KZ", "Bashkortostan"]),
    ("Объем торговли между Свердловской областью и Казахстаном превысил 2 млрд долларов.",
     ["KZ", "Sverdlovsk Oblast"]),
])
def test_trade_with_a_russian_region_is_credited_to_the_region(text, parties):
    doc = process(RawDocument("t", text, "t")).document
    found = [f for f in extract_facts(doc) if f["indicator"] == "trade_turnover"]
    assert found and all(f["parties"] == parties for f in found), found
