"""Records passed between pipeline stages.

Every record is frozen: a stage takes records and returns new ones, so each stage can be
tested alone and mapped over many documents. Offsets (`start`, `end`) always point into one
text: the cleaned document text, or the sentence string an extractor was given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

APPROX = ("exact", "about", "almost", "over", "under")


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What a reader produced: text plus whatever metadata the container carried."""

    doc_id: str
    text: str
    origin: str  # the file (and row) it came from, for error messages
    title: str | None = None
    url: str | None = None
    published: date | None = None
    source: str | None = None
    lang: str | None = None
    encoding: str | None = None
    named: bool = False  # the input gave the id itself (a JSON Lines "id"), not a file name


@dataclass(frozen=True, slots=True)
class Sentence:
    idx: int
    start: int
    end: int
    text: str
    lang: str
    repeats: int = 1  # how many times it occurred in the original (collapsed repeats)


@dataclass(frozen=True, slots=True)
class Dropped:
    """A piece of the original that did not reach the extractors, and why."""

    text: str
    reason: str  # "boilerplate: ...", "repeat of sentence N", ...
    orig_start: int


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    lang: str | None
    published: date | None
    title: str | None
    source: str | None
    url: str | None
    place: str | None
    text: str
    sentences: tuple[Sentence, ...]
    dropped: tuple[Dropped, ...] = ()
    # (clean_start, orig_start, length) runs: cleaned text -> original characters
    offset_map: tuple[tuple[int, int, int], ...] = ()
    raw_text: str = ""
    content_hash: str = ""

    def to_record(self) -> dict:
        """The Document contract of DESIGN.md."""
        return {
            "doc_id": self.doc_id,
            "lang": self.lang,
            "published": self.published.isoformat() if self.published else None,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "place": self.place,
            "text": self.text,
            "sentences": len(self.sentences),
        }


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in a string, normalised.

    `value` has its scale applied (18.5e9 for "18,5 млрд"); `value_max` is set for ranges
    ("6-7"). `unit` is a currency code, "percent", or None for a bare number.
    `start`/`end` cover the number with its scale, unit and approximator.
    """

    value: float
    unit: str | None
    approx: str
    start: int
    end: int
    text: str
    value_max: float | None = None
    in_words: bool = False


@dataclass(frozen=True, slots=True)
class PeriodMention:
    """A time expression found in a string, before or after resolution.

    `kind`: "year", "day", "partial" (months of a year), "quarter", "half", "relative_year",
    "deadline", "since". Year fields: `year` when the text states it, else `year_rel`
    (0 = this year, -1 = last year) to be resolved against the document date.
    `months` is (first, last) month, `days` is (first, last) day of the first/last month.
    """

    kind: str
    start: int
    end: int
    text: str
    year: int | None = None
    year_rel: int | None = None
    months: tuple[int, int] | None = None
    days: tuple[int, int] | None = None
    is_deadline: bool = False
    is_comparison: bool = False  # "по сравнению с аналогичным периодом 2021 года"
    extra: dict = field(default_factory=dict, compare=False, hash=False)
