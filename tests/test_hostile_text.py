"""Text no one expected: long runs of numbers, sentences without punctuation. Each extractor
reads a bounded neighbourhood of each number, so one odd document cannot stall a batch."""

from __future__ import annotations

import time

from bilateral.extract import parties
from bilateral.model import RawDocument
from bilateral.pipeline import process


def _run_of_numbers(size: int) -> str:
    return "Товарооборот с Омской областью составил " + " ".join(
        f"{i} млрд долларов" for i in range(size // 10))[:size]


def test_places_are_found_once_per_sentence_however_many_figures_it_holds(monkeypatch):
    calls = []
    real = parties.find_places

    def counting(text: str):
        calls.append(len(text))
        return real(text)

    monkeypatch.setattr(parties, "find_places", counting)
    p = process(RawDocument("many", _run_of_numbers(3000), "many"))
    figures = [f for f in p.facts if f["indicator"] == "trade_turnover"]
    assert figures, "the run's figures are read"
    assert figures[0]["parties"] == ["KZ", "Omsk Oblast"]
    assert len(calls) <= 2 * len(p.document.sentences), len(calls)


def test_a_long_run_of_numbers_is_read_in_about_linear_time():
    # before: 7 KB took 1.5 s and grew with the square of the length (48 KB: over a minute);
    # bench/hostile_text.py prints the real figures. This bound is only a generous sanity check.
    text = _run_of_numbers(48_000)
    t0 = time.perf_counter()
    p = process(RawDocument("run", text, "run"))
    assert time.perf_counter() - t0 < 20
    assert len(p.document.sentences) == 1
    assert all(0 <= f["evidence"]["start"] < f["evidence"]["end"] <= len(p.document.text)
               for f in p.facts)
