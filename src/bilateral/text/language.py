"""Language of a sentence and of a document: Kazakh or Russian.

Kazakh Cyrillic has nine letters Russian lacks; two of them settle a sentence at once. The rest
goes to lingua restricted to the supported languages, built once per process.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

SUPPORTED = {"kk": Language.KAZAKH, "ru": Language.RUSSIAN}
_CODE = {v: k for k, v in SUPPORTED.items()}
_KAZAKH_ONLY = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_CYRILLIC = re.compile(r"[а-яёА-ЯЁәғқңөұүһіӘҒҚҢӨҰҮҺІ]")


@cache
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*SUPPORTED.values()).build()


def detect(text: str) -> str | None:
    """"kk", "ru", or None for text with too little Cyrillic to tell."""
    if len(_KAZAKH_ONLY.findall(text)) >= 2:
        return "kk"
    if len(_CYRILLIC.findall(text)) < 3:
        return None
    found = _detector().detect_language_of(text)
    return _CODE.get(found) if found else None


def majority(langs_and_weights: list[tuple[str | None, int]]) -> str | None:
    """The language that covers most characters."""
    tally: Counter[str] = Counter()
    for lang, weight in langs_and_weights:
        if lang:
            tally[lang] += weight
    return tally.most_common(1)[0][0] if tally else None
