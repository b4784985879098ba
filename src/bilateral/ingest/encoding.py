"""Bytes to text for Kazakh and Russian news files.

UTF-8 (with or without BOM) is tried first and exactly; legacy Russian encodings (CP1251,
KOI8-R) are recognised by charset-normalizer restricted to them, so a CP1251 file is never
read as some unrelated Western codepage. Anything else is refused rather than mangled.
"""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

LEGACY = ("cp1251", "koi8_r")
# Cyrillic letters (Russian and Kazakh) as UTF-8 byte pairs
_UTF8_CYRILLIC = re.compile(rb"[\xd0-\xd4][\x80-\xbf]")


class DecodeError(ValueError):
    """The bytes are not text in an encoding we support; the message says why."""


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.05


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name)."""
    if looks_binary(data):
        raise DecodeError("binary file, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        try:
            return data.decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise DecodeError(f"starts with a UTF-8 BOM but byte {e.start} is not UTF-8") from e
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        if _mostly_utf8(data):
            # a damaged UTF-8 file read as CP1251 would come out as "РїСЂРёРІРµС‚": refuse
            raise DecodeError(f"invalid UTF-8 at byte {e.start} in an otherwise UTF-8 file") from e
    best = from_bytes(data, cp_isolation=list(LEGACY)).best()
    if best is None or best.chaos > 0.2 or not _cyrillic_enough(str(best)):
        raise DecodeError("not UTF-8, CP1251 or KOI8-R text")
    return str(best), best.encoding


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
