"""Document ids for articles that come with a URL but no file name of their own (a page in
a web archive, an entry of a feed): readable, stable across re-ingests, one per URL."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

SLUG_MAX = 60


def doc_id_for_url(url: str) -> str:
    """The URL's last path segment (its host for a home page) and a short hash of the whole
    URL: "tovarooborot-vyros-3fa2b1c0" for https://example.kz/news/tovarooborot-vyros.html."""
    parts = urlsplit(url.strip())
    segments = [s for s in parts.path.split("/") if s]
    name = re.sub(r"\.(s?html?|php|aspx?|jsp)$", "", segments[-1], flags=re.I) if segments \
        else parts.hostname or "page"
    slug = re.sub(r"[^\w-]+", "-", name).strip("-_")[:SLUG_MAX] or "page"
    return f"{slug}-{hashlib.sha256(url.strip().encode()).hexdigest()[:8]}"
