"""The JSON API: the records of DESIGN.md over HTTP, read-only unless writes were enabled.

Lists answer `{"total", "limit", "offset", "items"}` (facts, documents, search) or
`{"total", "items"}` (corpus-stage results, which are cached whole per state of the store).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from bilateral.extract.indicators import Measure
from bilateral.resolve.timeline import timeline as build_timeline
from bilateral.web import queries, records
from bilateral.web.search import search as run_search
from bilateral.web.state import WebState
from bilateral.web.writes import (
    DocumentIn,
    bearer,
    check_token,
    ingest_row,
    read_limited,
    require_writes,
)

router = APIRouter(prefix="/api")

Limit = Annotated[int, Query(ge=1, le=1000, description="page size, 1..1000")]
Offset = Annotated[int, Query(ge=0, le=queries.MAX_OFFSET, description="records to skip")]
DocLang = Literal["kk", "ru"]
JSON = "application/json"


def state_of(request: Request) -> WebState:
    return request.app.state.web


def json_response(data: object, status: int = 200) -> Response:
    return Response(json.dumps(data, ensure_ascii=False).encode("utf-8"), status,
                    media_type=JSON)


def _cached_json(state: WebState, key: tuple, build) -> Response:
    body = state.memo(key, lambda: json.dumps(build(), ensure_ascii=False).encode("utf-8"))
    return Response(body, media_type=JSON)


@router.get("/facts", tags=["facts"], response_class=Response,
            responses={200: {"content": {JSON: {}}, "description": "a page of Fact records"}})
def facts(
    request: Request,
    indicator: Annotated[str | None, Query(description="e.g. trade_turnover")] = None,
    measure: Annotated[str | None, Query(description="value, count, jobs, growth_pct, "
                                                      "share_pct")] = None,
    kind: Literal["figure", "target"] | None = None,
    status: Annotated[str | None, Query(description="implemented, ongoing, pipeline, "
                                                     "planned, total")] = None,
    period_from: Annotated[date | None, Query(description="period starts on or after "
                                                           "(YYYY-MM-DD)")] = None,
    period_to: Annotated[date | None, Query(description="period ends on or before "
                                                         "(YYYY-MM-DD)")] = None,
    lang: Annotated[DocLang | None, Query(description="language of the evidence")] = None,
    doc_id: str | None = None,
    source: Annotated[str | None, Query(description="the document's outlet")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    """Facts, filtered and paged in SQL, in the order doc_id, evidence start, fact_id."""
    flt = queries.FactFilter(indicator, measure, kind, status, period_from, period_to, lang,
                             doc_id, source)
    total, items = queries.fact_page(state_of(request), flt, limit, offset)
    return Response(queries.page_json(total, limit, offset, items), media_type=JSON)


@router.get("/documents", tags=["documents"])
def documents(request: Request, lang: DocLang | None = None, source: str | None = None,
              limit: Limit = 100, offset: Offset = 0) -> dict:
    """Documents without their text, by doc_id."""
    total, items = queries.document_page(state_of(request), limit, offset, lang, source)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/documents/{doc_id:path}", tags=["documents"])
def document(request: Request, doc_id: str) -> Response:
    """The Document record with its sentences, facts, events and entity mentions."""
    detail = records.document_detail(state_of(request), doc_id)
    if detail is None:
        raise HTTPException(404, f"doc_id: no document {doc_id!r}")
    return json_response(detail)


@router.post("/documents", tags=["documents"], status_code=201,
             openapi_extra={"requestBody": {"required": True, "content": {
                 JSON: {"schema": DocumentIn.model_json_schema()}}}},
             responses={401: {"description": "missing or wrong token"},
                        403: {"description": "writing is switched off"},
                        413: {"description": "body over the size limit"},
                        422: {"description": "invalid row or article"}})
async def add_document(request: Request) -> Response:
    """Ingest one article (a JSON Lines row). Needs --allow-ingest and the bearer token."""
    state = state_of(request)
    require_writes(state)
    check_token(state, bearer(request))
    body = await read_limited(request, state.max_upload_bytes)
    try:
        row = DocumentIn.model_validate_json(body)
    except ValidationError as e:
        raise HTTPException(422, "; ".join(_field_error(x) for x in e.errors())) from None
    summary, failures = await run_in_threadpool(ingest_row, state, row)
    if failures and not (summary.stored or summary.unchanged):
        raise HTTPException(422, "; ".join(failures))
    doc_ids = summary.stored + summary.unchanged
    return json_response({"stored": summary.stored, "unchanged": summary.unchanged,
                          "failed": failures, "notes": summary.notes,
                          "documents": [f"/api/documents/{d}" for d in doc_ids]},
                         201 if summary.stored else 200)


def _field_error(e: dict) -> str:
    where = ".".join(str(x) for x in e.get("loc", ())) or "body"
    return f"{where}: {e.get('msg', 'invalid')}"


@router.get("/claims", tags=["corpus"])
def claims(request: Request, indicator: str | None = None) -> Response:
    """Facts of all documents merged into claims, each with every source."""
    queries.check_indicator(indicator)
    state = state_of(request)
    return _cached_json(state, ("claims", indicator), lambda: _listing(
        [c.record() for c in state.claims(indicator)]))


@router.get("/conflicts", tags=["corpus"])
def conflicts(request: Request, indicator: str | None = None) -> Response:
    """Claims whose sources disagree, with each value and its documents."""
    queries.check_indicator(indicator)
    state = state_of(request)
    return _cached_json(state, ("conflicts", indicator), lambda: _listing(
        [c.record() for c in state.claims(indicator) if c.conflict]))


@router.get("/events", tags=["corpus"])
def events(request: Request,
           per_document: Annotated[bool, Query(description="the events as each document "
                                                           "reports them, not merged")] = False,
           doc_id: Annotated[str | None, Query(description="with per_document")] = None,
           ) -> Response:
    """Meetings and sessions merged across sources (or per document)."""
    state = state_of(request)
    if per_document or doc_id:
        return json_response(_listing(list(state.store.events(doc_id))))
    return _cached_json(state, ("events",), lambda: _listing(state.corpus().events))


@router.get("/entities", tags=["entities"])
def entities(request: Request,
             type: Literal["person", "place", "org", "country"] | None = None) -> dict:
    """People, places, bodies and countries seen in the documents, with their aliases."""
    items = [e for e in state_of(request).entities() if type is None or e["type"] == type]
    return _listing(items)


@router.get("/entities/{entity_id:path}", tags=["entities"])
def entity(request: Request, entity_id: str) -> Response:
    """An entity with its roles (from the gazetteer), meetings and documents."""
    detail = records.entity_detail(state_of(request), entity_id)
    if detail is None:
        raise HTTPException(404, f"entity_id: no entity {entity_id!r} in the documents")
    return json_response(detail)


@router.get("/timeline/{indicator}", tags=["corpus"])
def timeline(request: Request, indicator: str, measure: Measure | None = None) -> Response:
    """An indicator's values over time: one series per measure, status, parties and part of
    the year (full years, nine months, a half ...); "unplaced": figures with no period."""
    queries.check_indicator(indicator)
    state = state_of(request)
    return _cached_json(state, ("timeline", indicator, measure),
                        lambda: build_timeline(state.claims(indicator), indicator, measure))


@router.get("/search", tags=["search"])
def search(request: Request,
           q: Annotated[str, Query(min_length=1, max_length=300,
                                   description="words or a name, in any language")],
           limit: Limit = 100, offset: Offset = 0) -> Response:
    """Sentences containing every word of the query (any inflection) or naming an entity
    the query names, in Kazakh and Russian."""
    result = run_search(state_of(request), q)
    hits = result.hits[offset:offset + limit]
    return json_response({
        "q": q, "total": len(result.hits), "limit": limit, "offset": offset,
        "truncated": result.truncated,
        "entities": [{"entity_id": e["entity_id"], "type": e["type"], "name": e["name"]}
                     for e in result.entities],
        "items": [h.record() for h in hits]})


def _listing(items: list) -> dict:
    return {"total": len(items), "items": items}
