"""Document metadata that the text itself states: its date line, dateline and outlet.

Readers give what their container knows (a JSONL `published`, an HTML <meta>); plain text
often carries the same at its top ("03.02.2023", "Алматы (Алма-Ата) - 3 февраля /KZinform/")
or in an attribution ("деп хабарлайды Zakon.kz", "сообщает ТАСС"). A year is taken only when
the text writes it.
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files

_CAP = r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]"
_NUMERIC_DATE = re.compile(
    r"^\s*(\d{1,2})[./](\d{1,2})[./](\d{4})(?:\s*(?:г\.|ж\.))?(?:[\s,|]+\d{1,2}:\d{2})?\s*$"
)
_SHORT_DATE_LINE = re.compile(r"(?=.*\d{4})[\w\s.,:|-]+")
_DATELINE = re.compile(
    rf"^(?P<place>{_CAP}[\w-]+(?:[ -]{_CAP}[\w-]+)?)(?:\s*\([^)]{{1,40}}\))?\s*[,.-]\s*"
    r"(?P<date>\d{1,2}\s+[^\W\d_]+\.?(?:\s+\d{4}(?:\s*(?:года|г\.|жыл\w*))?)?)?"
    r"\s*[.,]?\s*-?\s*(?:/(?P<outlet>[^/\n]{2,40})/)?"
)
_ATTRIBUTION = re.compile(
    r"(?:хабарлайды|сообща[ею]т|переда[её]т|пишет|информирует|жазады)\s+"
    r"(?P<outlet>(?:[\w-]+\.(?:kz|ru|com|media|net|org))|(?:[A-Z][\w-]+(?:\s[A-Z0-9][\w-]*)?)"
    r"|(?:[А-ЯЁӘҒҚҢӨҰҮҺІ]{3,}(?:\s\w+)?)|(?:[А-ЯЁ]\w+\s[А-ЯЁ]\w+))"
)


@dataclass(frozen=True, slots=True)
class Found:
    published: date | None = None
    date_line: int | None = None  # index of a line that is only a date (metadata, not article)
    place: str | None = None
    source: str | None = None
    title: str | None = None


@cache
def _outlets() -> dict[str, str]:
    data = json.loads(files("bilateral.lexicon").joinpath("outlets.json").read_text("utf-8"))
    return {alias: o["name"] for o in data["outlets"] for alias in o["aliases"]}


def outlet_name(surface: str) -> str | None:
    """The outlet a surface form names, known or plausibly a name; None for ordinary words."""
    s = surface.strip(" .,/\"'").lower()
    known = _outlets()
    for cut in range(len(s), max(len(s) - 4, 2), -1):  # Kazakh case endings: "Zakon.kz-ке"
        if s[:cut].rstrip("-") in known:
            return known[s[:cut].rstrip("-")]
    raw = surface.strip(" .,/\"'")
    if re.fullmatch(r"[\w-]+\.(kz|ru|com|media|net|org)", raw, re.I) or re.fullmatch(
        r"[A-Z][\w-]+|[А-ЯЁӘҒҚҢӨҰҮҺІ]{3,}", raw
    ):
        return raw
    return None


def _date_from_words(text: str) -> tuple[date | None, tuple[int, int] | None]:
    """A full date, or only (month, day) when the year is not written."""
    from bilateral.extract.periods import find_periods  # month names live with the periods

    for m in find_periods(text):
        if m.kind == "day" and m.months and m.days:
            if m.year:
                try:
                    return date(m.year, m.months[0], m.days[0]), None
                except ValueError:
                    return None, None
            return None, (m.months[0], m.days[0])
    return None, None


def _title(lines: list[str], skip: int | None) -> str | None:
    """A headline: the first line, unpunctuated and short, with more text after it."""
    body = [(i, x.strip()) for i, x in enumerate(lines) if x.strip() and i != skip]
    if len(body) < 2:
        return None
    first = body[0][1]
    if re.search(r"[.!?…;,]$", first) or len(first.split()) > 25 or len(first.split()) < 3:
        return None
    return first


def dateline(line: str) -> re.Match | None:
    """A dateline at the start of a line ("Алматы (Алма-Ата) - 3 февраля /KZinform/"), with
    groups place, date and outlet; None unless it gives a date or an outlet."""
    m = _DATELINE.match(line)
    return m if m and (m.group("date") or m.group("outlet")) else None


def find(lines: list[str]) -> Found:
    """Metadata from the kept lines of a document (boilerplate already removed)."""
    head = [(i, x.strip()) for i, x in enumerate(lines) if x.strip()][:4]
    published: date | None = None
    date_line: int | None = None
    for i, line in head:
        m = _NUMERIC_DATE.match(line)
        if m:
            day, month, year = map(int, m.groups())
            with contextlib.suppress(ValueError):
                published, date_line = date(year, month, day), i
            break
        if len(line.split()) <= 6 and _SHORT_DATE_LINE.fullmatch(line):
            full, _ = _date_from_words(line)
            if full:
                published, date_line = full, i
                break
    place = source = None
    for _, line in head:
        m = dateline(line)
        if m is None:
            continue
        place = m.group("place").title() if m.group("place").isupper() else m.group("place")
        if m.group("outlet"):
            source = outlet_name(m.group("outlet")) or m.group("outlet").strip()
        if m.group("date") and published is None:
            published, _ = _date_from_words(m.group("date"))
        break
    if source is None:
        text = "\n".join(lines)
        for m in _ATTRIBUTION.finditer(text):
            source = outlet_name(m.group("outlet"))
            if source:
                break
    return Found(published, date_line, place, source, _title(lines, date_line))
