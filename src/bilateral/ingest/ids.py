"""Document ids that never make two documents one.

A document's id is its file name without the extension, or the "id" of its JSON Lines row
(DESIGN.md). Two different inputs can share one: `x/article.txt` and `y/article.txt`,
`report.txt` and `report.html`, two rows with one id, or a file whose name an earlier batch
already stored from another place. Then the first keeps the id and each later one gets the id
followed by "~" and the start of a hash of its text ("article~3f2a9c1e"): deterministic, so that
the same batch ingested again finds the same ids, and every such change is reported by name.

The same text under one id is one document, stored once. A file ingested again from the same
place is the same document, changed or not, and replaces its old version; so is a row whose
"id" names a stored document, since there the input itself says which document it is.

An article that comes with a URL but no file name of its own (a page in a web archive, an entry
of a feed) is named from its URL: readable, stable across re-ingests, one per URL.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import urlsplit

from bilateral.model import RawDocument

SEPARATOR = "~"
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


def _suffix(raw: RawDocument) -> str:
    return hashlib.sha256(raw.text.encode("utf-8")).hexdigest()[:8]


def same_place(a: str | None, b: str | None) -> bool:
    """Whether two origins name one file (or one row of one file)."""
    return a is not None and b is not None and os.path.normpath(a) == os.path.normpath(b)


def assign(docs: list[RawDocument], origins: dict[str, str | None],
           text_of: Callable[[str], str | None]) -> tuple[list[RawDocument], list[str]]:
    """Documents with unique ids, and a note for each id changed or each input stored once.

    `origins`: where each stored document came from, by id; `text_of`: a stored document's
    text as read (asked only for an id that another place holds)."""
    taken: dict[str, RawDocument] = {}
    out: list[RawDocument] = []
    notes: list[str] = []
    for raw in docs:
        want = raw.doc_id
        holder = taken.get(want) or _stored_holder(raw, origins, text_of)
        if holder is not None and holder.text != raw.text:
            new = _unique(want, raw, taken, origins, text_of)
            if new in taken:  # the same text is already in this batch under that new id
                holder = taken[new]
            else:
                notes.append(f"{raw.origin}: id {want!r} is already {holder.origin}'s; "
                             f"stored as {new!r}")
                raw, holder = replace(raw, doc_id=new), None
        if holder is not None:
            notes.append(f"{raw.origin}: same text as {holder.origin} under id "
                         f"{holder.doc_id!r}; stored once")
            continue
        taken[raw.doc_id] = raw
        out.append(raw)
    return out, notes


def _stored_holder(raw: RawDocument, origins: dict[str, str | None],
                   text_of: Callable[[str], str | None]) -> RawDocument | None:
    """The stored document from another place that holds `raw`'s id, if any."""
    if raw.named or raw.doc_id not in origins or same_place(origins[raw.doc_id], raw.origin):
        return None  # no such document, or the stored one is this one, changed or not
    text = text_of(raw.doc_id)
    if text is None or text == raw.text:
        return None
    return replace(raw, origin=origins[raw.doc_id] or "an earlier document", text=text)


def _unique(want: str, raw: RawDocument, taken: dict[str, RawDocument],
            origins: dict[str, str | None], text_of: Callable[[str], str | None]) -> str:
    """The id with a hash of the text: free, or held by the same text."""
    base = f"{want}{SEPARATOR}{_suffix(raw)}"
    new, n = base, 1
    while True:
        other = taken[new].text if new in taken else (
            text_of(new) if new in origins else None)
        if other is None or other == raw.text:
            return new
        n += 1
        new = f"{base}-{n}"
