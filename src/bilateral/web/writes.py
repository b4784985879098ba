"""Writing through the web: off unless the app was started with allow_ingest and a token.

Uploads go through `ingest.batch.ingest`, the path the CLI takes, by way of a temporary
file per upload, so the web adds no second way of reading, cleaning or storing an article.
"""

from __future__ import annotations

import hmac
import json
import re
import tempfile
from datetime import date
from pathlib import Path

from fastapi import HTTPException, Request
from pydantic import BaseModel, Field

from bilateral.ingest.batch import Summary, ingest
from bilateral.ingest.readers import SUFFIXES
from bilateral.web.state import WebState


class DocumentIn(BaseModel):
    """One article, as a row of a JSON Lines file for `bilateral ingest`."""

    id: str = Field(min_length=1, max_length=200, pattern=r"^[^\n\r]*\S[^\n\r]*$",
                    description="document id, one line")
    text: str = Field(min_length=1, description="the article text")
    title: str | None = None
    url: str | None = None
    published: date | None = Field(None, description="publication date, YYYY-MM-DD")
    source: str | None = Field(None, description="the outlet")
    lang: str | None = Field(None, pattern=r"^(kk|ru)$", description="kk or ru; detected if "
                             "left out")


def require_writes(state: WebState) -> None:
    if not (state.allow_ingest and state.token):
        raise HTTPException(403, "writing is switched off: start the server with "
                                 "--allow-ingest --token TOKEN")


def check_token(state: WebState, given: str | None) -> None:
    if not given or not hmac.compare_digest(given.encode(), (state.token or "").encode()):
        raise HTTPException(401, "a valid token is required: header "
                                 "'Authorization: Bearer TOKEN' or form field 'token'",
                            headers={"WWW-Authenticate": "Bearer"})


def bearer(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


async def read_limited(request: Request, limit: int) -> bytes:
    """The request body, refusing more than `limit` bytes before reading them all."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"body too large: {declared} bytes > {limit} allowed")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413, f"body too large: more than {limit} bytes allowed")
    return bytes(body)


def safe_name(name: str) -> str:
    """A file name fit for a temporary folder; its stem becomes the document id."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[^\w.\-]", "_", base).lstrip(".") or "upload.txt"
    return base[:200]


def ingest_files(state: WebState, files: list[tuple[str, bytes]]) -> tuple[Summary, list[str]]:
    """Store the uploaded files; returns the batch summary and its failures as
    'name: reason'. Each file is named by its upload name alone, in the store too: the
    server's temporary folder is nobody's business. Two uploads with one name are two
    inputs (the batch gives the later one its own id and says so)."""
    with tempfile.TemporaryDirectory(prefix="bilateral-upload-") as tmp:
        paths, names = [], {}
        for k, (name, data) in enumerate(files):
            path = Path(tmp) / str(k) / name
            if path.suffix.lower() not in SUFFIXES:
                return Summary(), [f"{name}: unsupported file type; expected .txt, .html, "
                                   ".htm or .jsonl"]
            path.parent.mkdir()
            path.write_bytes(data)
            paths.append(str(path))
            names[str(path)] = name
        with state.write_lock:
            summary = ingest(paths, state.store, names=names)
        if summary.stored:
            state.changed()
    return summary, [str(f) for f in summary.failed]


def ingest_row(state: WebState, row: DocumentIn) -> tuple[Summary, list[str]]:
    line = json.dumps(row.model_dump(mode="json", exclude_none=True), ensure_ascii=False) + "\n"
    return ingest_files(state, [("upload.jsonl", line.encode("utf-8"))])
