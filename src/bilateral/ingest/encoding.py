"""Bytes to text for Kazakh and Russian news files.

UTF-8 (with or without BOM) is tried first and exactly, then UTF-16 (with a BOM, or recognised
by its byte pattern: Cyrillic is 0x04 in every other byte). Legacy Russian encodings (CP1251,
KOI8-R) are recognised by charset-normalizer restricted to them, so a CP1251 file is never read
as some unrelated Western codepage. A legacy reading must also look like Cyrillic text: an
ISO-8859-5 or Mac-Cyrillic file read as CP1251 or KOI8-R comes out as capitals inside words or
letters of other Cyrillic alphabets, and is refused rather than stored as mojibake.

NUL characters never reach the store (PostgreSQL cannot hold them in text): `without_nul`
removes them wherever text comes in.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import BinaryIO

from charset_normalizer import from_bytes

LEGACY = ("cp1251", "koi8_r")
# Cyrillic letters (Russian and Kazakh) as UTF-8 byte pairs
_UTF8_CYRILLIC = re.compile(rb"[\xd0-\xd4][\x80-\xbf]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
# letters of Serbian, Macedonian, Ukrainian, Belarusian: never in a Russian legacy file (the
# Kazakh і is allowed), but what Mac-Cyrillic capitals become when read as CP1251
_FOREIGN_CYRILLIC = re.compile(r"[ЂЃЉЊЌЋЏђѓљњќћџЎўЈјЅѕЄєҐґЇї]")
_CAPITAL_INSIDE = re.compile(r"(?<=[а-яё])[А-ЯЁ]")
_LOWER_PAIR = re.compile(r"[а-яё](?=[а-яёА-ЯЁ])")
_CYRILLIC_CAPITAL = re.compile(r"[А-ЯЁ]")
_BOX = re.compile(r"[\u2500-\u259f]")  # what KOI8-R makes of other code pages' letters


class DecodeError(ValueError):
    """The bytes are not text in an encoding we support; the message says why."""


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.05


def without_nul(text: str) -> str:
    return text.replace("\x00", "") if "\x00" in text else text


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name)."""
    utf16 = _utf16(data)
    if utf16 is not None:
        return utf16
    if looks_binary(data):
        raise DecodeError("binary file, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        try:
            return _text(data.decode("utf-8")), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise DecodeError(f"starts with a UTF-8 BOM but byte {e.start} is not UTF-8") from e
    try:
        return _text(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as e:
        if _mostly_utf8(data):
            # a damaged UTF-8 file read as CP1251 would come out as "РїСЂРёРІРµС‚": refuse
            raise DecodeError(f"invalid UTF-8 at byte {e.start} in an otherwise UTF-8 file") from e
    best = from_bytes(data, cp_isolation=list(LEGACY)).best()
    if best is None or best.chaos > 0.2 or not _cyrillic_enough(str(best)):
        raise DecodeError("not UTF-8, UTF-16, CP1251 or KOI8-R text")
    text = str(best)
    doubt = _implausible(text)
    if doubt:
        raise DecodeError(f"not UTF-8, UTF-16, CP1251 or KOI8-R text: read as "
                          f"{best.encoding.upper().replace('_', '-')} it shows {doubt} "
                          "(ISO-8859-5 or Mac-Cyrillic? save it as UTF-8)")
    return _text(text), best.encoding


def _utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text, with a BOM or recognised by its pattern; None for anything else."""
    name = _utf16_name(data[:8192])
    if name is None:
        return None
    try:
        return _text(data.decode(name)), name
    except UnicodeDecodeError as e:
        raise DecodeError(f"UTF-16 text, but byte {e.start} is not UTF-16") from e


def _utf16_name(sample: bytes) -> str | None:
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"  # the BOM says which byte order
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    for name, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        # text in Cyrillic and ASCII: the high byte of every character is 0x04 or 0x00
        if sum(1 for b in high if b in (0, 4)) >= 0.9 * len(high):
            return name
    return None


def utf16_lines(fh: BinaryIO) -> Iterator[str] | None:
    """The lines of a UTF-16 file opened in binary mode (a JSON Lines file saved by a Windows
    editor); None, with the file rewound, for any other encoding."""
    name = _utf16_name(fh.read(8192))
    fh.seek(0)
    return None if name is None else io.TextIOWrapper(fh, encoding=name, newline=None)


def _text(text: str) -> str:
    """Decoded text, or DecodeError when it is mostly control characters."""
    if len(_CONTROL.findall(text[:8192])) > 0.05 * len(text[:8192]):
        raise DecodeError("binary file, not text")
    return without_nul(text)


def _implausible(text: str) -> str | None:
    """What makes a legacy reading look like mojibake, or None when it reads as Cyrillic."""
    letters = sum(1 for c in text if "\u0400" <= c <= "\u04ff")
    foreign = _FOREIGN_CYRILLIC.findall(text)
    if len(foreign) >= 2 and len(foreign) >= 0.002 * letters:
        return f"letters of other alphabets ({' '.join(sorted(set(foreign))[:5])})"
    inside = len(_CAPITAL_INSIDE.findall(text))
    if inside >= 5 and inside >= 0.02 * len(_LOWER_PAIR.findall(text)):
        return "capitals inside words"
    if len(_BOX.findall(text)) >= 2:
        return "box-drawing characters"
    capitals = len(_CYRILLIC_CAPITAL.findall(text))
    if letters >= 50 and capitals > 0.6 * letters:
        return "almost only capitals"
    return None


def _mostly_utf8(data: bytes) -> bool:
    high = sum(1 for b in data if b >= 0x80)
    pairs = len(_UTF8_CYRILLIC.findall(data))
    return high > 0 and pairs * 2 >= high * 0.6


def _cyrillic_enough(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    cyr = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    return cyr / len(letters) >= 0.3
