"""Kazakh written in the Latin alphabet: telling it apart, and reading it back into Cyrillic.

Outlets publish Kazakh in Latin letters (lat.egemen.kz, qz.inform.kz: "Qazaqstan men Reseı
arasyndaǵy taýar aınalymy 12,2 mlrd dollardy qurady"). lingua knows no Latin Kazakh, and every
lexicon of the project is Cyrillic, so such text is detected by its letters and frequent words
and rendered in Cyrillic for the extractors. The rendering is a `Traced`: each Cyrillic character
remembers the Latin character it came from, so that evidence still points into the original.
The two alphabets in use (2018 with acute accents, 2021 with Turkic letters) and every rule are
data in `lexicon/latin_kk.json`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from bilateral.text.normalize import Traced

_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")
# web addresses and handles stay as written: "Egemen.kz", "akorda.kz", "https://..."
_KEEP = re.compile(r"https?://\S+|\S+@\S+|[\w-]+(?:\.[\w-]+)*\.(?:kz|ru|com|org|net|media|info)"
                   r"\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Alphabet:
    name: str
    letters: dict[str, str]
    sequences: tuple[tuple[str, str, str], ...]  # (Latin, Cyrillic, where), longest first
    glide: str
    glide_vowels: frozenset[str]
    capital_i: dict[str, str]
    markers: frozenset[str]


@cache
def _lexicon() -> dict:
    data = json.loads(files("bilateral.lexicon").joinpath("latin_kk.json").read_text("utf-8"))
    alphabets = {
        name: Alphabet(name, a["letters"],
                       tuple(sorted(map(tuple, a["sequences"]), key=lambda r: -len(r[0]))),
                       a["glide"], frozenset(a["glide_vowels"]), a["capital_I"],
                       frozenset(a["markers"]))
        for name, a in data["alphabets"].items()
    }
    return {
        "alphabets": alphabets,
        "homoglyphs": data["cyrillic_homoglyphs"],
        "loans": sorted(data["loan_stems"].items(), key=lambda kv: -len(kv[0])),
        "words": frozenset(w.lower() for w in data["words"]),
        "min_words": data["min_words"],
        "min_words_with_markers": data["min_words_with_markers"],
        "foreign": frozenset(data["foreign_letters"]),
        "share": data["min_latin_share"],
        "markers": frozenset().union(*(a.markers for a in alphabets.values())),
    }


def _is_latin(ch: str) -> bool:
    return ch.isalpha() and (ch < "\u0250" or "\u1e00" <= ch <= "\u1eff")


def latin_share(text: str) -> float:
    """The share of a text's letters that are Latin (0.0 for a text without letters)."""
    letters = [c for c in text if c.isalpha()]
    return sum(map(_is_latin, letters)) / len(letters) if letters else 0.0


def mostly_latin(text: str) -> bool:
    return latin_share(text) >= _lexicon()["share"]


def is_latin_kazakh(text: str) -> bool:
    """Whether a sentence is Kazakh in Latin letters: mostly Latin, with frequent Kazakh words
    ("men", "jáne", "Reseı", "mlrd") and no letter of a neighbouring Latin alphabet."""
    lex = _lexicon()
    if not mostly_latin(text):
        return False
    low = text.lower()
    if lex["foreign"].intersection(low):
        return False
    words = len(lex["words"].intersection(_WORD.findall(low)))
    if words >= lex["min_words"]:
        return True
    return words >= lex["min_words_with_markers"] and bool(lex["markers"].intersection(low))


def alphabet_of(texts: list[str]) -> Alphabet:
    """The alphabet whose own letters the texts use most; 2018 when they use neither."""
    alphabets = _lexicon()["alphabets"]
    low = "".join(texts).lower()
    counts = {name: sum(low.count(m) for m in a.markers) for name, a in alphabets.items()}
    best = max(sorted(counts), key=lambda n: (counts[n], n == "2018"))
    return alphabets[best]


@cache
def _brands() -> frozenset[str]:
    """Outlet names written in Latin letters ("Kazinform", "Tengrinews"): kept as written, so
    that `text/metadata.py` still knows them."""
    data = json.loads(files("bilateral.lexicon").joinpath("outlets.json").read_text("utf-8"))
    return frozenset(alias for o in data["outlets"] for alias in o["aliases"]
                     if alias.isascii() and alias.isalpha())


def _units(word: str, base: int) -> list[tuple[str, int]]:
    """(character, source index) with Cyrillic look-alikes read as Latin and combining accents
    composed onto their letter ("О" + U+0301 typed for "Ó")."""
    homoglyphs = _lexicon()["homoglyphs"]
    out: list[tuple[str, int]] = []
    for i, ch in enumerate(word):
        if unicodedata.combining(ch) and out:
            composed = unicodedata.normalize("NFC", out[-1][0] + ch)
            if len(composed) == 1:
                out[-1] = (composed, out[-1][1])
            continue
        out.append((homoglyphs.get(ch, ch), base + i))
    return out


def _capital_i(low: list[str], a: Alphabet) -> str:
    """A capital I: и when the word has и elsewhere or only back vowels, else і."""
    rule = a.capital_i
    back = any(c in rule["back_vowels"] for c in low)
    front = any(c in rule["front_vowels"] for c in low)
    return a.glide if a.glide in low or (back and not front) else rule["i"]


def _word(word: str, base: int, a: Alphabet) -> list[tuple[str, int]] | None:
    """One word in Cyrillic as (character, source index), or None when it is foreign."""
    units = _units(word, base)
    low = [c.lower() if c not in "Iİ" else c for c, _ in units]
    for k, c in enumerate(low):
        if c == "İ":
            low[k] = "i"
        elif c == "I":
            low[k] = _capital_i(low, a)
    upper = [c.isupper() for c, _ in units]
    all_upper = all(upper) and len(units) > 1
    out: list[tuple[str, int]] = []
    k = 0
    while k < len(low):
        after_vowel = k == 0 or low[k - 1] in a.glide_vowels
        # "ıa" after "ı" is я as well: "Federatsııa" is ц + и + я
        fits = after_vowel or low[k - 1] == a.glide
        chunk = next(((n, cyr) for lat, cyr, where in a.sequences
                      if (n := len(lat)) and "".join(low[k:k + n]) == lat
                      and (where == "any" or fits)), None)
        if chunk is None:
            c = low[k]
            if c == a.glide:
                cyr = "й" if k and after_vowel else "и"
            elif c in a.letters:
                cyr = a.letters[c]
            else:
                return None
            chunk = (1, cyr)
        n, cyr = chunk
        if any(upper[k:k + n]):
            cyr = cyr.upper() if all_upper else cyr[:1].upper() + cyr[1:]
        out.extend((ch, units[k][1]) for ch in cyr)
        k += n
    return _loan(out)


def _loan(chars: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Restore the ь, э or ъ of a loanword ("премер" -> "премьер"); an inserted letter takes
    the source index of the letter before it."""
    text = "".join(c for c, _ in chars).lower()
    for old, new in _lexicon()["loans"]:
        if not text.startswith(old):
            continue
        head: list[tuple[str, int]] = []
        i = 0
        for j, ch in enumerate(new):
            if i < len(old) and (old[i] == ch or len(new) - j == len(old) - i):
                head.append((ch.upper() if chars[i][0].isupper() else ch, chars[i][1]))
                i += 1
            else:
                head.append((ch, head[-1][1] if head else chars[0][1]))
        return head + chars[len(old):]
    return chars


def to_cyrillic(text: str, alphabet: Alphabet) -> Traced:
    """`text` with its Latin Kazakh words in Cyrillic; origins index into `text`. Digits,
    punctuation, Cyrillic words, web addresses and foreign words stay as they are."""
    keep = [m.span() for m in _KEEP.finditer(text)]
    out: list[str] = []
    origin: list[int] = []
    pos = 0
    for m in _WORD.finditer(text):
        if any(a <= m.start() < b for a, b in keep) or not any(map(_is_latin, m.group())) \
                or m.group().lower() in _brands():
            continue
        out.extend(text[pos:m.start()])
        origin.extend(range(pos, m.start()))
        converted = _word(m.group(), m.start(), alphabet)
        if converted is None:
            out.extend(m.group())
            origin.extend(range(m.start(), m.end()))
        else:
            out.extend(c for c, _ in converted)
            origin.extend(i for _, i in converted)
        pos = m.end()
    out.extend(text[pos:])
    origin.extend(range(pos, len(text)))
    return Traced("".join(out), tuple(origin))
