"""Line-level detection of web-page furniture: menus, footers, teasers, credits, counters.

Copied news pages carry the site around the article: "Версия для печати", other stories'
headlines, "©2025 … Все права защищены". Names and numbers in there must never become
records, so we drop such lines before sentence splitting, using signals that hold for any site:
vocabulary (in a data file), the shape of a line (menus, bare times and links), where it stands
(after the article's end) and repetition across pages of one source.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

_WORD = re.compile(r"\w+", re.UNICODE)
_TERMINAL = re.compile(r"[.!?…:;\"»)]\s*$")
_TIME_ONLY = re.compile(r"^\s*\d{1,2}:\d{2}(:\d{2})?\s*[:.]?\s*$")
_URL = re.compile(r"https?://|www\.|\b[\w-]+\.(?:kz|ru|com|org|net|info)(?:/\S*)?\b", re.I)
_MENU_SPLIT = re.compile(r"\s{2,}|\s*[|•·]\s*|\t")
# An end marker this far into the page (share of characters) starts the trailing furniture.
_END_ZONE = 0.4


@dataclass(frozen=True, slots=True)
class Lexicon:
    end_markers: tuple[str, ...]
    line_markers: tuple[str, ...]
    copyright_signs: tuple[str, ...]
    social_words: tuple[str, ...]


@cache
def lexicon() -> Lexicon:
    data = json.loads(files("bilateral.lexicon").joinpath("boilerplate.json").read_text("utf-8"))
    return Lexicon(tuple(data["end_markers"]), tuple(data["line_markers"]),
                   tuple(data["copyright_signs"]), tuple(data["social_words"]))


def line_key(line: str) -> str:
    """A spelling-insensitive fingerprint of a line, for repetition across documents."""
    core = " ".join(_WORD.findall(line.lower()))
    return hashlib.sha1(core.encode("utf-8")).hexdigest()[:16]


def _words(line: str) -> int:
    return len(_WORD.findall(line))


def _is_menu(line: str) -> bool:
    parts = [p for p in _MENU_SPLIT.split(line.strip()) if p]
    return (
        len(parts) >= 2
        and all(_words(p) <= 3 for p in parts)
        and not _TERMINAL.search(line)
        and not any(ch.isdigit() for ch in line)
    )


def _is_short_item(line: str) -> bool:
    return _words(line) <= 3 and not _TERMINAL.search(line)


def classify(lines: list[str], repeated: frozenset[str] = frozenset()) -> list[str | None]:
    """For each line, None to keep it or the reason it is furniture.

    `repeated` holds `line_key`s seen on other pages of the same source.
    """
    lex = lexicon()
    total = sum(len(x) + 1 for x in lines) or 1
    reasons: list[str | None] = [None] * len(lines)
    seen_chars = 0
    content_before = False
    ended_at: int | None = None
    for i, raw in enumerate(lines):
        line = raw.strip()
        pos = seen_chars / total
        seen_chars += len(raw) + 1
        if not line:
            continue
        if ended_at is not None:
            reasons[i] = f"after the article's end (line {ended_at + 1})"
            continue
        low = " ".join(line.lower().split())
        n_words = _words(line)
        end = next((m for m in lex.end_markers if m in low), None)
        if end is None and n_words <= 40 and any(s in low for s in lex.copyright_signs):
            end = "©"
        if end is not None and n_words <= 40:
            if content_before and pos >= _END_ZONE:
                ended_at = i
                reasons[i] = f"end of article: {end!r}"
            else:
                reasons[i] = f"page furniture: {end!r}"
            continue
        start_marker = next(
            (m for m in lex.line_markers if low.startswith(m) or low == m.rstrip(":")), None
        )
        if start_marker is not None and n_words <= 15:
            reasons[i] = f"page furniture: {start_marker!r}"
        elif n_words <= 12 and any(w in low for w in lex.social_words):
            reasons[i] = "page furniture: subscription prompt"
        elif _TIME_ONLY.match(line):
            reasons[i] = "bare time stamp"
        elif _URL.search(line) and n_words <= 12:
            reasons[i] = "link"
        elif _is_menu(raw):
            reasons[i] = "menu"
        elif line_key(line) in repeated:
            reasons[i] = "repeated on other pages of this source"
        else:
            content_before = content_before or n_words > 3
    _drop_item_runs(lines, reasons)
    return reasons


def _drop_item_runs(lines: list[str], reasons: list[str | None]) -> None:
    """Three or more short unpunctuated lines in a row are a menu written one item per line."""
    run: list[int] = []

    def flush() -> None:
        if len(run) >= 3:
            for k in run:
                reasons[k] = reasons[k] or "menu"
        run.clear()

    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if reasons[i] is None and _is_short_item(line) and not any(c.isdigit() for c in line):
            run.append(i)
        else:
            flush()
    flush()
