"""Property-based tests (hypothesis) of the extractors and of cleaning on text no one wrote on
purpose: arbitrary Unicode, long digit runs, nested brackets, mixed scripts, news words in
random order. Nothing raises; every offset lies inside its text and points at what it claims.

Examples are few and bounded (the machine is small and shared); bench/hostile_text.py runs a
larger fuzzed corpus and prints the slowest documents.
"""

from __future__ import annotations

import math
import unicodedata
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilateral.extract.numbers import find_quantities
from bilateral.extract.periods import find_periods, resolve
from bilateral.model import RawDocument
from bilateral.pipeline import process
from bilateral.text.normalize import normalize, to_original

CYRILLIC = ("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
            "әғқңөұүһіӘҒҚҢӨҰҮҺІ")
NEWS = [
    "товарооборот", "Товарооборот между Казахстаном и Россией", "составил", "вырос на",
    "сократился", "млрд", "млн", "трлн", "тыс.", "мың", "долларов", "$", "US$", "тенге",
    "рублей", "евро", "%", "процента", "пайызға", "раза", "есе", "году", "года", "жылы",
    "за 9 месяцев", "за январь-октябрь", "в прошлом году", "в I квартале", "бірінші жартыжылдық",
    "до 2030 года", "к 2027 году", "2030 жылға дейін", "по сравнению с", "аналогичным периодом",
    "около", "более", "почти", "свыше", "шамамен", "астам", "жуық", "совместных проектов",
    "рабочих мест", "пунктов пропуска", "из", "инвестиции", "из России", "в Казахстан",
    "Ресейден", "Қазақстан мен Ресей арасындағы", "сауда көлемі", "құрады", "артты",
    "с Омской областью", "Шымкент пен Ресей", "доля России", "встреча", "провели переговоры",
    "заседание межправительственной комиссии", "состоится", "кездесті", "Мишустин",
    "Алихан Смаилов", "Токаев", "Путин", "Әлихан Смайылов", "в Астане", "Омбыда", "Нур-Султан",
    "6-7 ноября", "30 января 2025 года", "2019 жылдың 6-7 қарашасында", "(", ")", "[", "]",
    "((", "))", "«", "»", '"', "—", "–", "-", ",", ".", ";", ":", "!", "?", "\n", "\n\n", " ",
    "\u00a0", "\u200b", "\u00ad", "\u0301", "\ufeff", "№", "§", "½", "٣", "١٢", "Ⅻ", "𝟙𝟚",
]
numbers = st.one_of(
    st.from_regex(r"\A[0-9]{1,40}\Z", fullmatch=True),
    st.from_regex(r"\A[0-9]{1,3}(?:[ \u00a0.][0-9]{3}){0,4}(?:,[0-9]{1,3})?\Z", fullmatch=True),
    st.floats(0, 1e12, allow_nan=False).map(lambda x: f"{x:.2f}".replace(".", ",")),
)
pieces = st.one_of(st.sampled_from(NEWS), numbers, st.text(CYRILLIC, max_size=12),
                   st.text(max_size=8))
texts = st.lists(pieces, max_size=40).flatmap(
    lambda xs: st.sampled_from([" ", "", "\n", ", "]).map(lambda sep: sep.join(xs)))

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PIPELINE = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(texts)
def test_numbers_lie_in_their_text(text):
    found = find_quantities(text)
    last = 0
    for q in found:
        assert last <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text
        assert math.isfinite(q.value) and (q.value_max is None or math.isfinite(q.value_max))
        last = q.end  # in order, not overlapping


@FAST
@given(texts, st.none() | st.dates(date(1991, 1, 1), date(2040, 12, 31)))
def test_periods_lie_in_their_text_and_resolve_in_order(text, ref):
    for m in find_periods(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        span = resolve(m, ref)
        if span is not None:
            assert span[0] <= span[1]


@FAST
@given(st.text(max_size=200))
def test_cleaning_traces_every_character_to_its_source(text):
    traced = normalize(text)
    assert len(traced.origin) == len(traced.text)
    assert list(traced.origin) == sorted(traced.origin)
    assert all(0 <= o < len(text) for o in traced.origin)
    for ch, o in zip(traced.text, traced.origin, strict=True):
        if ch.isascii() and ch.isalnum():
            # a letter or digit is its source, or composed from it with combining marks
            assert unicodedata.normalize("NFD", text[o])[0] == ch or text[o] == ch


def _check_document(raw: RawDocument) -> None:
    p = process(raw)
    doc = p.document
    text = doc.text
    assert all(0 <= s.start <= s.end <= len(text) and text[s.start:s.end] == s.text
               for s in doc.sentences)
    by_text = {s.text: s for s in doc.sentences}
    for record in (*p.facts, *p.events):
        ev = record["evidence"]
        s = by_text[ev["sentence"]]  # the evidence is one of the document's sentences
        assert s.start <= ev["start"] < ev["end"] <= s.end
        assert text[ev["start"]:ev["end"]] == s.text[ev["start"] - s.start:ev["end"] - s.start]
        assert to_original(doc.offset_map, ev["start"]) is not None
    for f in p.facts:
        assert math.isfinite(f["value"])
        assert any(c.isdigit() or c.isalpha() for c in text[f["evidence"]["start"]:
                                                            f["evidence"]["end"]])
    for m in p.mentions:
        assert text[m["start"]:m["end"]] == m["surface"]
    for clean, orig, length in doc.offset_map:
        assert 0 <= clean <= clean + length <= len(text)
        assert 0 <= orig <= orig + length <= len(raw.text)


@PIPELINE
@given(texts, st.none() | st.dates(date(2000, 1, 1), date(2030, 12, 31)))
def test_the_pipeline_on_random_news_words(text, published):
    _check_document(RawDocument("fuzz", text or ".", "fuzz", published=published))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(pieces, min_size=1, max_size=12).map(" ".join), st.integers(2_000, 20_000))
def test_long_sentences_without_punctuation(unit, size):
    body = "".join(c for c in unit if c not in ".!?\n") or "1"
    _check_document(RawDocument("long", (body + " ") * (size // (len(body) + 1) + 1), "long"))
