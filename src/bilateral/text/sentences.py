"""Sentence splitting for Kazakh and Russian news text.

razdel splits Cyrillic text of both languages well, with two gaps we close here: it does not
treat a bare line break as a boundary (a headline would merge with the lead), and it ends a
sentence after some abbreviations that continue it ("150 млн долл. США", "в 2023 г. рост").
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files

from razdel import sentenize

_TERMINAL = re.compile(r"[.!?…]['\"»)]*\s*$")
# a line that ends like this expects the next line to go on with the same sentence
_OPEN_END = re.compile(r"([,:(\-]|\b(и|в|на|с|по|о|для|от|до|из|к|у|за|мен|және|пен|бен|мен)\s*)$",
                       re.I)
_BULLET = re.compile(r"^(?:[-*•–—]|\d{1,2}[.)])\s")
_ACRONYM = re.compile(r"^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,5}\b")


@cache
def _abbreviations() -> frozenset[str]:
    data = json.loads(files("bilateral.lexicon").joinpath("abbreviations.json").read_text("utf-8"))
    return frozenset(data["abbreviations"])


def continues(prev_line: str, next_line: str, wrapped: bool = False) -> bool:
    """Whether a line break falls inside a sentence (a wrapped line, not a new paragraph).

    `wrapped`: the document is hard-wrapped (`is_wrapped`), so a line that does not end a
    sentence goes on into the next even when that starts with a capital ("Елбасыны\n
    Беларусь президенті ... қарсы алды")."""
    prev = prev_line.rstrip()
    nxt = next_line.lstrip()
    if not prev or not nxt or _TERMINAL.search(prev) or _BULLET.match(nxt):
        return False
    return nxt[0].islower() or bool(_OPEN_END.search(prev)) or wrapped


def is_wrapped(lines: list[str]) -> bool:
    """A text whose lines were cut at a fixed width: most lines after the headline stop in
    the middle of a sentence, not at its end."""
    body = [x.rstrip() for x in lines[1:-1] if x.strip()]
    open_lines = sum(1 for x in body if not _TERMINAL.search(x))
    return open_lines >= 3 and open_lines >= 0.5 * len(body)


def _ends_with_abbreviation(text: str) -> bool:
    tail = text.rstrip().rsplit(None, 1)[-1].lower() if text.strip() else ""
    tail = tail.lstrip("(\"'")
    return tail in _abbreviations()


def _goes_on(text: str) -> bool:
    """Whether a piece razdel cut off after an abbreviation still belongs to its sentence."""
    first = text.lstrip()
    if not first:
        return False
    if first[0].islower() or first[0].isdigit():
        return True
    return bool(_ACRONYM.match(first)) and _short_tail(first)


def _short_tail(text: str) -> bool:
    """An acronym piece such as "США." on its own, or followed by a lower-case word."""
    words = text.split()
    return len(words) == 1 or (len(words) > 1 and words[1][:1].islower())


def split(block: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in one block of text that has no line breaks."""
    spans: list[tuple[int, int]] = []
    for s in sentenize(block):
        if spans and _ends_with_abbreviation(block[spans[-1][0]:spans[-1][1]]) and _goes_on(s.text):
            spans[-1] = (spans[-1][0], s.stop)
        else:
            spans.append((s.start, s.stop))
    return spans
