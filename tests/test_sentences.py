"""Sentence boundaries razdel alone gets wrong in our news text."""

from __future__ import annotations

import pytest

from bilateral.model import RawDocument
from bilateral.pipeline import process
from bilateral.text.sentences import split


def _sentences(text: str) -> list[str]:
    return [s.text for s in process(RawDocument("d", text, "d")).document.sentences]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("В 2023 г. товарооборот вырос. Это рекорд.",
         ["В 2023 г. товарооборот вырос.", "Это рекорд."]),
        ("Инвестиции составили 150 млн долл. США. Казахстан готов продолжать.",
         ["Инвестиции составили 150 млн долл. США.", "Казахстан готов продолжать."]),
        ("Встреча прошла 3 февр. в Москве. Стороны обсудили торговлю.",
         ["Встреча прошла 3 февр. в Москве.", "Стороны обсудили торговлю."]),
        ("Объём достиг 2,5 млрд. долл. в прошлом году.",
         ["Объём достиг 2,5 млрд. долл. в прошлом году."]),
        ("Сауда көлемі 2023 ж. 5 пайызға өсті. Бұл жақсы нәтиже.",
         ["Сауда көлемі 2023 ж. 5 пайызға өсті.", "Бұл жақсы нәтиже."]),
    ],
)
def test_abbreviations_do_not_end_sentences(text, expected):
    assert [text[a:b] for a, b in split(text)] == expected


def test_a_headline_on_its_own_line_is_its_own_sentence():
    assert _sentences("Главы правительств встретились в Астане\nПереговоры прошли 30 января.") == [
        "Главы правительств встретились в Астане", "Переговоры прошли 30 января."]


def test_a_line_wrapped_mid_sentence_is_joined():
    assert _sentences("Стороны обсудили развитие транспортных\nкоридоров и логистики.") == [
        "Стороны обсудили развитие транспортных коридоров и логистики."]
