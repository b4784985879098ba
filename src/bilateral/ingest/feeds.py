"""RSS and Atom feeds saved as files (feedparser): one article per entry, with its link, its
title, the outlet (the feed's title) and the date the entry states.

The date is read in the feed's own time zone ("Tue, 12 Mar 2024 01:30 +0600" is the 12th,
not the 11th in UTC). An RSS entry's dc:date counts as its publication date; an Atom
entry's <updated> does not (it says when the entry last changed), only <published> does.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from bilateral.ingest.ids import doc_id_for_url
from bilateral.model import RawDocument

BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")


def read_feed(data: bytes, origin: str, stem: str) -> Iterator:
    import feedparser

    from bilateral.ingest.readers import ReadError

    parsed = feedparser.parse(data)
    if not parsed.get("version") or not parsed.entries:
        reason = parsed.get("bozo_exception")
        yield ReadError(origin, "not an RSS or Atom feed, or a feed with no entries"
                        + (f": {reason}" if reason else ""))
        return
    atom = str(parsed.get("version", "")).startswith("atom")
    source = (parsed.feed.get("title") or "").strip() or None
    for n, entry in enumerate(parsed.entries, 1):
        where = f"{origin}#entry-{n}"
        text = entry_text(entry)
        if not text.strip():
            yield ReadError(where, "feed entry has no text")
            continue
        link = (entry.get("link") or "").strip() or None
        key = entry.get("id") or entry.get("title") or text
        doc_id = doc_id_for_url(link) if link else \
            f"{stem}-{hashlib.sha256(key.encode()).hexdigest()[:8]}"
        stated = entry.get("published") or (None if atom else entry.get("updated"))
        yield RawDocument(doc_id=doc_id, text=text, origin=where,
                          title=(entry.get("title") or "").strip() or None, url=link,
                          published=stated_date(stated), source=source,
                          named=link is not None)  # one link, one document


def entry_text(entry) -> str:
    """The entry's full content where the feed carries it, else its summary, as text with
    one paragraph a line."""
    content = entry.get("content") or []
    part = content[0] if content else entry.get("summary_detail") or {}
    value = part.get("value") or entry.get("summary") or ""
    if "html" not in (part.get("type") or "text/html"):
        return value
    return html_text(value)


def html_text(fragment: str) -> str:
    if not fragment.strip():
        return ""
    import lxml.html

    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for el in root.iter(*BLOCKS):
        el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def stated_date(value: str | None) -> date | None:
    """The calendar day a feed's date names, in its own time zone; None if unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return parsedate_to_datetime(value).date()  # RSS: RFC 822
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(value).date()  # Atom, dc:date: ISO 8601
    except ValueError:
        return None
