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
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import replace

from bilateral.model import RawDocument

SEPARATOR = "~"


def _suffix(raw: RawDocument) -> str:
    return hashlib.sha256(raw.text.encode("utf-8")).hexdigest()[:8]


def same_place(a: str | None, b: str | None) -> bool:
    """Whether two origins name one file (or one row of one file)."""
    return a is not None and b is not None and os.path.normpath(a) == os.path.normpath(b)


Lookup = Callable[[str], tuple[str | None, str] | None]


def assign(docs: list[RawDocument], stored: Lookup) -> tuple[list[RawDocument], list[str]]:
    """Documents with unique ids, and a note for each id changed or each input stored once.

    `stored`: the (origin, raw text) of the stored document with a given id, or None."""
    taken: dict[str, RawDocument] = {}
    out: list[RawDocument] = []
    notes: list[str] = []
    for raw in docs:
        want = raw.doc_id
        holder = _holder(raw, taken.get(want), stored(want))
        if holder is not None and holder.text != raw.text:
            new = _unique(want, raw, taken, stored)
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


def _holder(raw: RawDocument, in_batch: RawDocument | None,
            in_store: tuple[str | None, str] | None) -> RawDocument | None:
    """The other document that holds `raw`'s id, if any."""
    if in_batch is not None:
        return in_batch
    if in_store is None:
        return None
    origin, text = in_store
    if raw.named or text == raw.text or same_place(origin, raw.origin):
        return None  # the stored document itself, changed or not
    return replace(raw, origin=origin or "an earlier document", text=text)


def _unique(want: str, raw: RawDocument, taken: dict[str, RawDocument], stored: Lookup) -> str:
    """The id with a hash of the text: free, or held by the same text."""
    base = f"{want}{SEPARATOR}{_suffix(raw)}"
    new, n = base, 1
    while True:
        other = taken[new].text if new in taken else (stored(new) or (None, None))[1]
        if other is None or other == raw.text:
            return new
        n += 1
        new = f"{base}-{n}"
