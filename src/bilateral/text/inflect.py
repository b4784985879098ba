"""Matching names through inflection: Kazakh case and possessive endings, Russian case endings.

Gazetteer forms are written in the nominative; running text inflects them ("Смайыловтың",
"Мишустиным", "Ресейдегі", "в Астане"). Instead of a full morphological analyser (pymorphy3
guesses wrong on Kazakh surnames in Russian text, and hunspell-kk knows too few of our
tokens), each token is reduced to its candidate stems by stripping the few regular endings in
`lexicon/endings.json`, and the stems are looked up in the gazetteer.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files

TOKEN = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*\.?|\d+", re.UNICODE)


@cache
def _endings() -> tuple[tuple[str, ...], int]:
    data = json.loads(files("bilateral.lexicon").joinpath("endings.json").read_text("utf-8"))
    ends = sorted(set(data["kk"]) | set(data["ru"]), key=len, reverse=True)
    return tuple(ends), int(data["min_stem"])


@cache
def fold(token: str) -> str:
    """Lower case, ё as е, hyphenated case suffix dropped ("ҚР-ның" -> "қр")."""
    t = token.lower().replace("ё", "е").rstrip(".")
    if "-" in t:
        head, _, tail = t.rpartition("-")
        if len(tail) <= 4 and tail in _endings()[0]:
            t = head
    return t


@cache
def stems(token: str) -> frozenset[str]:
    """The token itself and what is left after stripping one known ending."""
    t = fold(token)
    ends, min_stem = _endings()
    out = {t}
    for e in ends:
        if t.endswith(e) and len(t) - len(e) >= min_stem:
            out.add(t[: -len(e)])
    # Russian surnames in -ов/-ев/-ин take the ending after the suffix: "Смаиловым" -> "смаилов"
    return frozenset(out)


@cache
def _is_ending(rest: str) -> bool:
    """An inflectional ending, or two in a row (possessive + case: "ы" + "ның")."""
    ends = _endings()[0]
    return not rest or rest in ends or any(
        rest[:k] in ends and rest[k:] in ends for k in range(1, len(rest)))


@cache
def loose_equal(a: str, b: str) -> bool:
    """Two words that differ only in their endings (for role phrases: "председателем" ~
    "председатель", "министрінің" ~ "министрі"), not in a derivation ("министрлігі",
    the ministry, is not "министрі", the minister)."""
    a, b = fold(a), fold(b)
    if a == b:
        return True
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= 4 and _is_ending(a[n:]) and _is_ending(b[n:])
