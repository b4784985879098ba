"""Files that hold many articles: web archives (WARC), saved RSS/Atom feeds, and .zip or
.tar(.gz) bundles of any supported file, bundles inside bundles included.

Each article keeps where it came from for error messages: `bundle.zip:folder/a.html`,
`crawl.warc.gz#record-3`, `news.rss#entry-2`, `bundle.zip:crawl.warc.gz#record-3`.
"""

from __future__ import annotations

import io
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import BinaryIO

KINDS = {"warc": (".warc", ".warc.gz", ".arc", ".arc.gz"),
         "feed": (".rss", ".atom", ".xml"),
         "zip": (".zip",),
         "tar": (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz")}
MEMBER_MAX = 256 * 1024 * 1024  # a bundled web archive or JSON Lines file may be large
NESTING_MAX = 3  # bundles inside bundles, this deep at most


def container_kind(name: str) -> str | None:
    """"warc", "feed", "zip" or "tar" by the file name; None for a single article."""
    lower = name.lower()
    return next((kind for kind, ends in KINDS.items() if lower.endswith(ends)), None)


def read_container(path: Path) -> Iterator:
    """Every article in a web archive, feed or bundle on disk, or a ReadError per problem."""
    from bilateral.ingest.readers import ReadError

    try:
        with path.open("rb") as fh:
            yield from _read(fh, path.name, str(path), 0)
    except OSError as e:
        yield ReadError(str(path), f"cannot read: {e.strerror or e}")


def _read(fh: BinaryIO, name: str, origin: str, depth: int) -> Iterator:
    from bilateral.ingest.readers import ReadError

    kind = container_kind(name)
    if kind == "warc":
        from bilateral.ingest.warc import read_warc

        yield from read_warc(fh, origin)
    elif kind == "feed":
        from bilateral.ingest.feeds import read_feed

        yield from read_feed(fh.read(), origin, _stem(name))
    else:
        try:
            members = _zip_members(fh) if kind == "zip" else _tar_members(fh)
            found = False
            for member, open_member, size in members:
                where = f"{origin}:{member}"
                if not _supported(member):
                    continue  # pictures, styles and scripts saved beside the pages
                found = True
                yield from _read_member(open_member, size, member, where, depth)
        except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError) as e:
            yield ReadError(origin, f"not a readable {kind} bundle: {e}")
            return
        if not found:
            yield ReadError(origin, "bundle holds no articles")


def _read_member(open_member, size: int, name: str, where: str, depth: int) -> Iterator:
    from bilateral.ingest import readers

    nested = container_kind(name)
    limit = MEMBER_MAX if nested or name.lower().endswith(".jsonl") else readers.MAX_BYTES
    if size > limit:
        yield readers.ReadError(where, f"too large ({size / 2**20:.1f} MB > "
                                       f"{limit // 2**20} MB)")
        return
    with open_member() as fh:
        data = fh.read(limit + 1)
    if nested:
        if depth + 1 >= NESTING_MAX:
            yield readers.ReadError(where, f"bundles nested more than {NESTING_MAX} deep")
            return
        yield from _read(io.BytesIO(data), name, where, depth + 1)
    elif name.lower().endswith(tuple(readers.JSONL_SUFFIXES)):
        yield from readers._jsonl_lines(data.splitlines(), where)
    else:
        html = name.lower().endswith(tuple(readers.HTML_SUFFIXES))
        yield from readers._from_bytes(data, _stem(name), where, html=html)


def _supported(name: str) -> bool:
    from bilateral.ingest.readers import SUFFIXES

    return bool(container_kind(name)) or PurePosixPath(name).suffix.lower() in SUFFIXES


def _stem(name: str) -> str:
    """The file name without folders and extension: "a" for "folder/a.html"."""
    base = PurePosixPath(name).name
    for kind_ends in KINDS.values():
        for end in kind_ends:
            if base.lower().endswith(end):
                return base[: -len(end)]
    return PurePosixPath(base).stem


def _zip_members(fh: BinaryIO):
    with zipfile.ZipFile(fh) as zf:
        for info in sorted(zf.infolist(), key=lambda i: i.filename):
            if not info.is_dir():
                yield info.filename, lambda info=info: zf.open(info), info.file_size


def _tar_members(fh: BinaryIO):
    with tarfile.open(fileobj=fh, mode="r:*") as tf:
        for member in sorted(tf.getmembers(), key=lambda m: m.name):
            if member.isfile():  # links and devices are not articles
                yield member.name, lambda m=member: tf.extractfile(m), member.size
