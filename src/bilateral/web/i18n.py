"""Interface strings in Kazakh, Russian and English, and which one a reader gets.

The strings live in `i18n.json` (one object per language, the same keys in each), so a
translator edits data, not templates. The interface language is separate from the language
of an article: a Kazakh reader may read Russian sources with Kazakh labels.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

LANGS = ("kk", "ru", "en")
DEFAULT = "en"
COOKIE = "ui_lang"


@cache
def strings() -> dict[str, dict[str, str]]:
    return json.loads(files("bilateral.web").joinpath("i18n.json").read_text("utf-8"))


def translate(lang: str, key: str) -> str:
    """The string in `lang`, else in English, else the key itself (a missing translation
    shows up on the page instead of breaking it)."""
    table = strings()
    return table.get(lang, {}).get(key) or table[DEFAULT].get(key) or key


def choose(query: str | None, cookie: str | None, accept_language: str | None) -> str:
    """`?lang=` wins, then the remembered cookie, then the browser's preference."""
    for candidate in (query, cookie):
        if candidate in LANGS:
            return candidate
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGS:
            return code
    return DEFAULT
