"""Cyrillic person names in the Latin spelling English Wikipedia uses ("Қайрат Келімбетов" ->
"Kairat Kelimbetov", "Сергей Лавров" -> "Sergey Lavrov").

Canonical names are English Wikipedia titles; a person the gazetteer does not know still needs
one, so that "Ерлан Қарин" in a Kazakh text and "Ерлан Карин" in a Russian one are one entity
with one readable id. The rules are data (`lexicon/romanisation.json`); this module only walks
a word and applies the longest rule whose context fits.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@cache
def _lexicon() -> dict:
    data = json.loads(files("bilateral.lexicon").joinpath("romanisation.json").read_text("utf-8"))
    rules = sorted(data["rules"], key=lambda r: -len(r[0]))
    return {"vowels": set(data["vowels"]) | {"ь", "ъ"}, "letters": data["letters"],
            "rules": rules, "given": data["given_names"]}


def _fits(where: str, word: str, i: int, n: int, vowels: set[str]) -> bool:
    before = word[i - 1] if i else ""
    after = word[i + n] if i + n < len(word) else ""
    if where == "any":
        return True
    if where == "initial":
        return not before
    if where == "after_vowel":
        return not before or before in vowels
    if where == "final":
        return not after
    if where == "vowel_before_consonant":
        return bool(before) and before in vowels and bool(after) and after not in vowels
    raise ValueError(f"romanisation.json: unknown context {where!r}")


def romanise_word(word: str) -> str:
    """One Cyrillic word; Latin letters, digits and other characters pass through."""
    lex = _lexicon()
    low = word.lower()
    given = lex["given"].get(low)
    if given:
        return given if word[:1].isupper() else given.lower()
    out: list[str] = []
    i = 0
    while i < len(low):
        for seq, latin, where in lex["rules"]:
            if low.startswith(seq, i) and _fits(where, low, i, len(seq), lex["vowels"]):
                out.append(latin)
                i += len(seq)
                break
        else:
            out.append(lex["letters"].get(low[i], low[i]))
            i += 1
    text = "".join(out)
    if word.isupper() and len(word) > 1:
        return text.upper()
    return text[:1].upper() + text[1:] if word[:1].isupper() else text


def romanise(name: str) -> str:
    """A whole name, word by word; hyphens, spaces and punctuation are kept."""
    return _WORD.sub(lambda m: romanise_word(m.group()), name)
