"""Countries: one entry per country feeds both the entity linker and the parties patterns."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

from bilateral.extract.entities import gazetteer, link
from bilateral.extract.facts import extract_facts
from bilateral.extract.parties import _countries, countries_in
from bilateral.model import RawDocument
from bilateral.pipeline import process


def _data() -> list[dict]:
    path = files("bilateral.lexicon").joinpath("countries.json")
    return json.loads(path.read_text("utf-8"))["countries"]


def _found(kind: str, text: str) -> set[str]:
    """Codes whose `kind` patterns ("names" or "adj") match somewhere in `text`."""
    return {c["code"] for c in _countries() if c[kind] and c[kind].search(text.lower())}


def test_one_entry_per_country_and_every_entry_has_name_patterns():
    codes = [c["code"] for c in _data()]
    assert len(codes) == len(set(codes))
    assert all(c["names"] for c in _countries())


@pytest.mark.parametrize("entry", _data(), ids=lambda c: c["code"])
def test_each_nominative_form_is_found_by_its_own_pattern_and_no_other(entry):
    """The linker's forms and the parties patterns describe the same country: "Южная Корея"
    is South Korea for both, and "Северная Корея" is not South Korea for either."""
    for form in entry["ru"] + entry["kk"]:
        assert _found("names", form) == {entry["code"]}, form
    for form in entry["adjectives"]["ru"] + entry["adjectives"]["kk"]:
        assert entry["code"] in _found("adj", form) | _found("names", form), form


@pytest.mark.parametrize("text", [
    "грузить", "грузится зерно", "индивидуальный предприниматель", "индекс цен", "индустрия",
    "корень проблемы", "корейка", "катаракта", "польза", "пользователи", "английский язык",
    "англичане", "европейский рынок", "Папа Франциск", "он не мог есін жоғалтпады",
    "ақша қаражаты", "бірінші қатарда", "мысалы", "үндеу жолдады", "американка",
])
def test_ordinary_words_are_no_country(text):
    assert not _found("names", text), text
    assert not _found("adj", text), text


@pytest.mark.parametrize(("text", "code"), [
    ("товарооборот с Южной Кореей", "KR"),
    ("инвестиции из Кореи", "KR"),
    ("Кореямен сауда", "KR"),
    ("поставки в Северную Корею", "KP"),
    ("о Северной Корее", "KP"),
    ("в Индии", "IN"),
    ("Грузией", "GE"),
    ("в Англии", "GB"),
    ("экспорт во Францию", "FR"),
])
def test_case_forms_of_closed_patterns(text, code):
    assert {c for _, c in countries_in(text)} == {code}, text


def test_linker_names_the_country_in_both_languages():
    g = gazetteer()

    def names(text: str) -> set[str]:
        return {g.entries[x.entity_id].name for x in link(text, None)}

    assert "South Korea" in names("Делегация Кореи прибыла в Астану.")
    assert "South Korea" in names("Оңтүстік Кореяның инвестициялары өсті.")
    assert "United Kingdom" in names("Ұлыбританиямен келісім жасалды.")
    assert "Afghanistan" in names("Поставки в Афганистан выросли.")
    assert "North Korea" in names("Санкции против Северной Кореи продлены.")
    assert "South Korea" not in names("Санкции против Северной Кореи продлены.")
    assert "European Union" in names("Еуропалық одақпен сауда өсті.")
    assert g.entries["org:European_Union"].type == "org"  # a union, not a state


@pytest.mark.parametrize(("text", "parties"), [
    ("Товарооборот Казахстана с Вьетнамом в 2024 году составил 1,2 млрд долларов.", ["KZ", "VN"]),
    ("Товарооборот между Казахстаном и ЕС в 2023 году составил 40 млрд долларов.", ["KZ", "EU"]),
    ("Қазақстан мен Жапония арасындағы тауар айналымы 2023 жылы 2 млрд доллар болды.",
     ["KZ", "JP"]),
    ("Товарооборот Казахстана с Кореей в 2023 году вырос до 6 млрд долларов.", ["KZ", "KR"]),
])
def test_trade_with_a_new_partner_names_it(text, parties):
    doc = process(RawDocument("t", text, "t")).document
    found = [f for f in extract_facts(doc) if f["indicator"] == "trade_turnover"]
    assert found and all(f["parties"] == parties for f in found), found

