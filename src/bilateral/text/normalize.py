"""Character-level normalisation that remembers where every character came from.

Extractors match on one spelling of each dash, quote and space, but evidence must still point
back at the original characters; so each output character carries the index of its source.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# One spelling for matching; every mapping is one character to one character.
_CHAR_MAP = {
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    **dict.fromkeys("\u00ab\u00bb\u201c\u201d\u201e\u201f\u2033\u275d\u275e\uff02", '"'),
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u0060\u00b4", "'"),
    **dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
                    "\u200a\u202f\u205f\u3000\t\u000b\u000c", " "),
}
# Invisible characters that only get in the way of matching.
_DROP = set("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_TABLE = str.maketrans(_CHAR_MAP)


@dataclass(frozen=True, slots=True)
class Traced:
    """A string plus, for each of its characters, the index of its source character."""

    text: str
    origin: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.text)

    def slice(self, start: int, end: int) -> Traced:
        return Traced(self.text[start:end], self.origin[start:end])

    def strip(self) -> Traced:
        s = self.text
        start = len(s) - len(s.lstrip())
        end = len(s.rstrip())
        return self.slice(start, max(start, end))


def _composed(text: str):
    """(index, characters) for each character of `text` in NFC: a base character and its
    combining marks compose together and share the base's index."""
    if unicodedata.is_normalized("NFC", text):
        yield from enumerate(text)
        return
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        yield i, unicodedata.normalize("NFC", text[i:j])
        i = j


def normalize(text: str, base: int = 0) -> Traced:
    """NFC, unified dashes/quotes/spaces, runs of spaces collapsed; origins offset by `base`."""
    if unicodedata.is_normalized("NFC", text) and not _DROP.intersection(text):
        mapped = text.translate(_TABLE)
        if "  " not in mapped:  # the usual line: every character keeps its place
            return Traced(mapped, tuple(range(base, base + len(mapped))))
    out: list[str] = []
    origin: list[int] = []
    for i, chunk in _composed(text):
        for ch in chunk:
            if ch in _DROP:
                continue
            ch = _CHAR_MAP.get(ch, ch)
            if ch == " " and out and out[-1] == " ":
                continue
            out.append(ch)
            origin.append(base + i)
    return Traced("".join(out), tuple(origin))


def join(parts: list[Traced], sep: str) -> Traced:
    """Concatenate traced strings; a separator inherits the origin just after its left part."""
    text: list[str] = []
    origin: list[int] = []
    for k, part in enumerate(parts):
        if k:
            prev = origin[-1] + 1 if origin else 0
            text.append(sep)
            origin.extend([prev] * len(sep))
        text.append(part.text)
        origin.extend(part.origin)
    return Traced("".join(text), tuple(origin))


def runs(origin: tuple[int, ...]) -> tuple[tuple[int, int, int], ...]:
    """Compress an origin array into (clean_start, orig_start, length) runs."""
    out: list[tuple[int, int, int]] = []
    for i, o in enumerate(origin):
        if out:
            cs, os_, ln = out[-1]
            if o == os_ + ln and i == cs + ln:
                out[-1] = (cs, os_, ln + 1)
                continue
        out.append((i, o, 1))
    return tuple(out)


def to_original(offset_map: tuple[tuple[int, int, int], ...], pos: int) -> int | None:
    """Original-text index of cleaned-text position `pos` (None outside the text)."""
    lo, hi = 0, len(offset_map)
    while lo < hi:
        mid = (lo + hi) // 2
        cs, os_, ln = offset_map[mid]
        if pos < cs:
            hi = mid
        elif pos >= cs + ln:
            lo = mid + 1
        else:
            return os_ + (pos - cs)
    return None
