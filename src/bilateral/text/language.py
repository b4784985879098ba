"""Language of a sentence and of a document: Kazakh or Russian.

Kazakh Cyrillic has nine letters Russian lacks; two of them settle a sentence at once. Kazakh in
Latin letters, which lingua does not know, is told by its letters and words (`text/latin_kk.py`).
The rest goes to lingua restricted to the supported languages, built once per process.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from bilateral.text import latin_kk

SUPPORTED = {"kk": Language.KAZAKH, "ru": Language.RUSSIAN}
_CODE = {v: k for k, v in SUPPORTED.items()}
_KAZAKH_ONLY = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
# Cyrillic letters from which a sentence with no Kazakh-only letter is taken as Russian
# (checked against lingua on the seeds, examples and development sets: no disagreement)
_LONG_RUSSIAN = 60
_CYRILLIC = re.compile(r"[а-яёА-ЯЁәғқңөұүһіӘҒҚҢӨҰҮҺІ]")


@cache
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*SUPPORTED.values()).build()


def detect(text: str) -> str | None:
    """"kk", "ru", or None for text with too little Cyrillic or Latin Kazakh to tell."""
    kazakh = len(_KAZAKH_ONLY.findall(text))
    if kazakh >= 2:
        return "kk"
    cyrillic = len(_CYRILLIC.findall(text))
    if cyrillic < 3:
        return "kk" if latin_kk.is_latin_kazakh(text) else None
    if kazakh == 0 and cyrillic >= _LONG_RUSSIAN:
        return "ru"  # a long Kazakh sentence without one of its nine letters does not occur
    found = _detector().detect_language_of(text)
    return _CODE.get(found) if found else None


def majority(langs_and_weights: list[tuple[str | None, int]]) -> str | None:
    """The language that covers most characters."""
    tally: Counter[str] = Counter()
    for lang, weight in langs_and_weights:
        if lang:
            tally[lang] += weight
    return tally.most_common(1)[0][0] if tally else None
