"""Web archives (WARC, and the older ARC), as crawlers and the Internet Archive write them.

One article per HTML page the archive holds (a `response` or `resource` record with a 2xx
status): its URL is the record's target URI, its text, title and date are read from the
page as for any saved HTML page. The crawl date (WARC-Date) says when the page was fetched,
not when the article appeared, so it is never taken for the publication date.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import BinaryIO

from bilateral.ingest.ids import doc_id_for_url
from bilateral.ingest.readers import MAX_BYTES, ReadError, _from_bytes
from bilateral.model import RawDocument


def read_warc(fh: BinaryIO, origin: str) -> Iterator[RawDocument | ReadError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    pages = records = 0
    try:
        for n, record in enumerate(ArchiveIterator(fh, arc2warc=True), 1):
            records = n
            url = record.rec_headers.get_header("WARC-Target-URI")
            if not _is_page(record) or not url:
                continue
            pages += 1
            where = f"{origin}#record-{n}"
            data = record.content_stream().read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                yield ReadError(where, f"page too large for an article (> "
                                       f"{MAX_BYTES // 2**20} MB)")
                continue
            for item in _from_bytes(data, doc_id_for_url(url), where, html=True,
                                    named=True):  # one URL, one document
                yield dataclasses.replace(item, url=url) if isinstance(item, RawDocument) \
                    else item
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as e:
        yield ReadError(origin, f"not a readable web archive: {e}")
        return
    if not records:
        yield ReadError(origin, "not a readable web archive: no WARC records")
    elif not pages:
        yield ReadError(origin, "web archive holds no HTML pages")


def _is_page(record) -> bool:
    """An HTML page fetched whole: not a redirect, an error page, a picture or a revisit."""
    if record.rec_type == "response" and record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        ctype = record.http_headers.get_header("Content-Type") or ""
        return status.startswith("2") and "html" in ctype.lower()
    if record.rec_type == "resource":
        return "html" in (record.rec_headers.get_header("Content-Type") or "").lower()
    return False
