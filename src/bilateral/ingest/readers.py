"""Readers: files, folders, JSON Lines and standard input to RawDocuments (web archives,
feeds and bundles: containers.py).

Each input yields documents or a `ReadError` naming the input and the reason, so one bad file
or row never stops a batch.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from bilateral.ingest.containers import container_kind, read_container
from bilateral.ingest.encoding import DecodeError, decode, utf16_lines, without_nul
from bilateral.model import RawDocument

MAX_BYTES = 20 * 1024 * 1024  # a news article is kilobytes; anything this big is not one
TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
LANGS = ("kk", "ru")
KNOWN = ".txt, .html, .htm, .jsonl, web archives (.warc, .warc.gz), feeds (.rss, .atom, " \
    ".xml), bundles (.zip, .tar, .tar.gz, .tgz)"


@dataclass(frozen=True, slots=True)
class ReadError:
    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


Item = RawDocument | ReadError


def read_paths(paths: list[str], names: dict[str, str] | None = None) -> Iterator[Item]:
    """Every document under the given paths, in a stable order ("-" is standard input).

    `names`: what to call a given file instead of its path, in errors and in the store alike
    (the web's uploads, whose temporary folder is nobody's business)."""
    names = names or {}
    for p in paths:
        if p == "-":
            yield from read_stdin()
            continue
        path = Path(p)
        if not path.exists():
            yield ReadError(p, _missing(path))
        elif path.is_dir():
            found = False
            for f in sorted(path.rglob("*")):
                if f.suffix.lower() not in SUFFIXES and not container_kind(f.name):
                    continue
                if f.is_symlink() and not f.exists():
                    found = True
                    yield ReadError(str(f), _missing(f))
                elif f.is_file():
                    found = True
                    yield from read_file(f)
            if not found:
                yield ReadError(p, f"folder holds no articles ({KNOWN})")
        else:
            yield from read_file(path, names.get(p))


def _missing(path: Path) -> str:
    """Why a path that does not exist cannot be read: a link loop and a broken link are named."""
    try:
        os.stat(path)
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "symbolic link loop"
        if path.is_symlink():
            return f"broken symbolic link (to {os.readlink(path)})"
    return "no such file or folder"


def read_file(path: Path, name: str | None = None) -> Iterator[Item]:
    """The documents of one file; `name`: how to call it (by default the path itself)."""
    if container_kind(path.name):
        yield from read_container(path)
        return
    name = name or str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield ReadError(name, f"unsupported file type {suffix or '(none)'}; expected {KNOWN}")
        return
    try:
        size = path.stat().st_size
    except OSError as e:
        yield ReadError(name, f"cannot read: {e.strerror}")
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl_file(path, name)
        return
    if size > MAX_BYTES:
        yield ReadError(name, f"too large for an article ({size / 2**20:.1f} MB > "
                        f"{MAX_BYTES // 2**20} MB)")
        return
    try:
        data = path.read_bytes()
    except OSError as e:
        yield ReadError(name, f"cannot read: {e.strerror}")
        return
    yield from _from_bytes(data, path.stem, name, html=suffix in HTML_SUFFIXES)


def read_stdin() -> Iterator[Item]:
    data = sys.stdin.buffer.read()
    if data.lstrip()[:1] == b"{":
        yield from _jsonl_lines(data.splitlines(), "<stdin>")
    else:
        doc_id = "stdin-" + hashlib.sha256(data).hexdigest()[:12]
        yield from _from_bytes(data, doc_id, "<stdin>", html=data.lstrip()[:1] == b"<",
                               named=True)


def _from_bytes(data: bytes, doc_id: str, origin: str, *, html: bool,
                named: bool = False) -> Iterator[Item]:
    if not data.strip():
        yield ReadError(origin, "empty document")
        return
    try:
        text, encoding = decode(data)
    except DecodeError as e:
        yield ReadError(origin, str(e))
        return
    if html:
        yield _from_html(text, doc_id, origin, encoding, named)
    elif not text.strip():
        yield ReadError(origin, "empty document")
    else:
        yield RawDocument(doc_id=doc_id, text=text, origin=origin, encoding=encoding,
                          named=named)


def _from_html(html: str, doc_id: str, origin: str, encoding: str, named: bool) -> Item:
    try:
        import trafilatura  # loaded only when HTML is read: it costs a second at start-up

        # only a date the page states in its markup (meta tags, <time>): the extensive search
        # would take the first year in the text (or a footer's "© 2019") for the date
        found = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as e:  # a page trafilatura cannot parse is one bad input, not a crash
        return ReadError(origin, f"cannot extract the article from the HTML: {e}")
    if found is None:
        return ReadError(origin, "no article text found in the HTML")
    record = found.as_dict() if hasattr(found, "as_dict") else dict(found)
    text = record.get("text") or ""
    if not text.strip():
        return ReadError(origin, "no article text found in the HTML")
    return RawDocument(
        doc_id=doc_id, text=text, origin=origin, encoding=encoding,
        title=record.get("title") or None, url=record.get("url") or None,
        published=_iso_date(record.get("date")), source=record.get("sitename") or None,
        named=named,
    )


def _read_jsonl_file(path: Path, name: str) -> Iterator[Item]:
    try:
        with path.open("rb") as fh:
            yield from _jsonl_lines(utf16_lines(fh) or fh, name)
    except OSError as e:
        yield ReadError(name, f"cannot read: {e.strerror}")
    except UnicodeDecodeError as e:
        yield ReadError(name, f"UTF-16 text, but byte {e.start} of a row is not UTF-16")


def _jsonl_lines(lines, origin: str) -> Iterator[Item]:
    found = False
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        where = f"{origin}:{n}"
        if len(raw) > MAX_BYTES:
            yield ReadError(where, f"row too large ({len(raw) / 2**20:.1f} MB)")
            continue
        try:
            row = json.loads(raw if isinstance(raw, str) else decode(raw)[0])
        except (DecodeError, json.JSONDecodeError) as e:
            yield ReadError(where, f"malformed JSON row: {e}")
            continue
        found = True
        yield _from_row(row, where)
    if not found:
        yield ReadError(origin, "no JSON rows")


def _from_row(row: object, where: str) -> Item:
    if not isinstance(row, dict):
        return ReadError(where, "row is not a JSON object")
    doc_id, text = row.get("id"), row.get("text")
    if doc_id is None:
        return ReadError(where, "row has no \"id\"")
    # true is an int to Python and 12.5 a number: neither names a document
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int):
        return ReadError(where, f"row's \"id\" {json.dumps(doc_id)} is not a string or a "
                         "whole number")
    doc_id = without_nul(str(doc_id)).strip()
    if not doc_id:
        return ReadError(where, "row's \"id\" is empty")
    if text is None:
        return ReadError(where, f"row {doc_id!r} has no \"text\"")
    if not isinstance(text, str):
        return ReadError(where, f"row {doc_id!r}: \"text\" is {_json_kind(text)}, not a string")
    text = without_nul(text)
    if not text.strip():
        return ReadError(where, f"row {doc_id!r} has an empty \"text\"")
    lang = row.get("lang")
    if lang is not None and lang not in LANGS:
        return ReadError(where, f"row {doc_id!r}: lang {lang!r} is not one of {', '.join(LANGS)}")
    published = row.get("published")
    parsed = _iso_date(published)
    if published and parsed is None:
        return ReadError(where, f"row {doc_id!r}: published {published!r} is not an ISO date")
    return RawDocument(
        doc_id=doc_id, text=text, origin=where, title=_str(row.get("title")),
        url=_str(row.get("url")), published=parsed, source=_str(row.get("source")), lang=lang,
        named=True,
    )


def _json_kind(value: object) -> str:
    return {bool: "true or false", int: "a number", float: "a number", list: "a list",
            dict: "an object"}.get(type(value), type(value).__name__)


def _str(value: object) -> str | None:
    return without_nul(value).strip() or None if isinstance(value, str) else None


def _iso_date(value: object) -> date | None:
    """A date written whole in ISO 8601 ("2023-01-01", "2023-01-01T09:00:00+05:00"); anything
    else, "2023-01-01garbage" included, is no date."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(
            value).date()
    except ValueError:
        return None
