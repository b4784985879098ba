"""The dashboard: server-rendered pages over the same records as the API.

Templates get article text only as plain strings (Jinja2 escapes them) or as the markup that
`highlight.render` built from escaped pieces; nothing from an article is marked safe.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Annotated
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from bilateral.display import MONTHS, describe_fact, parties, show_value, when
from bilateral.extract.entities import entity_id as make_entity_id
from bilateral.extract.indicators import Measure
from bilateral.resolve.timeline import AS_OF, YEAR, timeline
from bilateral.web import i18n, queries, records
from bilateral.web.highlight import Mark, render
from bilateral.web.search import search as run_search
from bilateral.web.state import WebState
from bilateral.web.writes import (
    DocumentIn,
    check_token,
    ingest_files,
    ingest_row,
    read_limited,
    require_writes,
    safe_name,
)

router = APIRouter(include_in_schema=False)
PAGE = 50  # documents per page of the document list
SOURCES_SHOWN = 10  # sources listed per chart point; the API has them all
# levels before rates on an indicator page: the value is what a reader looks for first
MEASURE_ORDER = {"value": 0, "count": 1, "jobs": 2, "share_pct": 3, "growth_pct": 4}


def doc_url(doc_id: str, fact_id: str | None = None) -> str:
    return "/documents/" + quote(doc_id, safe="") + (f"#fact-{fact_id}" if fact_id else "")


def entity_url(entity_id: str) -> str:
    return "/entities/" + quote(entity_id, safe=":")


def person_url(name: str, type_: str = "person") -> str:
    return entity_url(make_entity_id(type_, name))


def safe_href(url: str | None) -> str | None:
    """An article's own URL only when it is http(s): a `javascript:` URL must not be a link."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
        autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(doc_url=doc_url, entity_url=entity_url, person_url=person_url,
                       show_value=show_value, when=when, describe_fact=describe_fact,
                       safe_href=safe_href)
    return env


templates = Jinja2Templates(env=_environment())


def state_of(request: Request) -> WebState:
    return request.app.state.web


def ui_language(request: Request) -> str:
    return i18n.choose(request.query_params.get("lang"), request.cookies.get(i18n.COOKIE),
                       request.headers.get("accept-language"))


def page(request: Request, name: str, status: int = 200, **ctx) -> HTMLResponse:
    """Render a template with the interface language, its strings and the switch links;
    a `?lang=` choice is remembered in a cookie."""
    ui = ui_language(request)
    params = dict(request.query_params)
    links = {}
    for code in i18n.LANGS:
        params["lang"] = code
        links[code] = request.url.path + "?" + urlencode(params)
    t = partial(i18n.translate, ui)
    state = state_of(request)
    response = templates.TemplateResponse(request, name, {
        "t": t, "ui": ui, "langs": i18n.LANGS, "lang_links": links,
        "writes": state.allow_ingest and bool(state.token),
        "indicator_name": lambda ind: t(f"indicator.{ind}") if t(f"indicator.{ind}") !=
        f"indicator.{ind}" else ind, **ctx}, status_code=status)
    if request.query_params.get("lang") in i18n.LANGS:
        response.set_cookie(i18n.COOKIE, ui, max_age=365 * 24 * 3600, samesite="lax")
    return response


def _overview_data(state: WebState) -> dict:
    corpus = state.corpus()
    meetings = sorted((e for e in corpus.events if e["date"]),
                      key=lambda e: e["date"]["start"], reverse=True)[:8]
    claims = [c.record() for c in corpus.claims]
    figures = [c for c in claims if c["kind"] == "figure" and c["indicator"] != "other"
               and (c["period"] or c["as_of"])]
    figures.sort(key=lambda c: (c["period"] or {}).get("end") or c["as_of"] or "", reverse=True)
    conflicts = []
    for c in (c for c in claims if c["conflict"]):
        by_value: dict[float, list[dict]] = {}
        for src in c["sources"]:
            by_value.setdefault(src["value"], []).append(src)
        conflicts.append({**c, "by_value": sorted(by_value.items())})
        if len(conflicts) == 50:
            break
    return {"n_claims": len(claims), "meetings": meetings, "figures": figures[:10],
            "conflicts": conflicts}


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    state = state_of(request)
    data = state.memo("overview", lambda: _overview_data(state))
    _, latest_docs = queries.document_page(state, 8, 0, latest_first=True)
    return page(request, "overview.html", counts=queries.counts(state),
                indicators=queries.indicators(state), latest_docs=latest_docs, **data)


def _charts(state: WebState, indicator: str, measure: str | None) -> dict:
    """Chart data of an indicator page: one chart per measure, status and parties (values
    before rates), one line in it per part of the year, and the figures with no period."""
    tl = timeline(state.claims(indicator), indicator)
    charts: dict[tuple, dict] = {}
    for s in tl["series"]:
        k = s["key"]
        if measure is not None and k["measure"] != measure:
            continue
        chart = charts.setdefault((k["measure"], k["unit"], k["status"], parties(k)), {
            "name": " · ".join(x for x in (k["measure"], k["status"] or "", parties(k)) if x),
            "measure": k["measure"], "unit": k["unit"], "traces": []})
        chart["traces"].append({"span": k["span"], "points": [
            _chart_point(p, k["unit"]) for p in s["points"]]})
    shown = sorted(charts.values(), key=lambda c: MEASURE_ORDER.get(c["measure"], 9))
    unplaced = [{"text": show_value(u["value"], u["unit"]), "measure": u["measure"],
                 "parties": parties(u), "period_text": u["period_text"],
                 "sources": [_chart_source(x, u["unit"]) for x in u["sources"][:SOURCES_SHOWN]]}
                for u in tl["unplaced"] if measure is None or u["measure"] == measure]
    return {"charts": shown, "unplaced": unplaced,
            "measures": sorted({s["key"]["measure"] for s in tl["series"]})}


def _chart_point(p: dict, unit: str) -> dict:
    return {"x": p["at"], "start": p["start"], "end": p["end"], "y": p["value"],
            "label": when(p), "conflict": p["conflict"], "text": show_value(p["value"], unit),
            "values": [show_value(v, unit) for v in p["values"]],
            "href": doc_url(p["sources"][0]["doc_id"], p["sources"][0]["fact_id"]),
            "n_sources": len(p["sources"]),
            "sources": [_chart_source(x, unit) for x in p["sources"][:SOURCES_SHOWN]]}


def _chart_source(x: dict, unit: str) -> dict:
    return {"doc_id": x["doc_id"], "fact_id": x["fact_id"], "published": x["published"],
            "lang": x["lang"], "value": show_value(x["value"], unit),
            "href": doc_url(x["doc_id"], x["fact_id"])}


def span_name(span: str, t) -> str:
    """A series' part of the year in the interface language: "full year", "H1", "Jan–Sep"."""
    if span == YEAR:
        return t("chart.full_year")
    if span == AS_OF:
        return t("chart.as_of")
    if span[0] in "HQ" and span[1:].isdigit():
        return t("chart.half" if span[0] == "H" else "chart.quarter").format(n=span[1])
    months = t("chart.months").split()
    names = span.split("–")
    if len(months) == 12 and all(n in MONTHS for n in names):
        return "–".join(months[MONTHS.index(n)] for n in names)
    return span


@router.get("/indicators/{indicator}", response_class=HTMLResponse)
def indicator_page(request: Request, indicator: str,
                   measure: Measure | None = None) -> HTMLResponse:
    queries.check_indicator(indicator)
    state = state_of(request)
    data = state.memo(("charts", indicator, measure), lambda: _charts(state, indicator, measure))
    t = partial(i18n.translate, ui_language(request))
    charts = [{**c, "traces": [{**tr, "name": span_name(tr["span"], t)} for tr in c["traces"]]}
              for c in data["charts"]]
    return page(request, "indicator.html", indicator=indicator, measure=measure,
                indicators=queries.indicators(state), **{**data, "charts": charts})


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request) -> HTMLResponse:
    events = sorted(state_of(request).corpus().events,
                    key=lambda e: (e["date"] or {}).get("start") or "", reverse=True)
    years: dict[str, list[dict]] = {}
    for e in events:
        years.setdefault(((e["date"] or {}).get("start") or "")[:4] or "?", []).append(e)
    return page(request, "events.html", years=years)


@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request) -> HTMLResponse:
    groups: dict[str, list[dict]] = {}
    for e in state_of(request).entities():
        groups.setdefault(e["type"], []).append(e)
    order = [t for t in ("person", "country", "place", "org") if t in groups]
    return page(request, "entities.html", groups=[(t, groups[t]) for t in order])


@router.get("/entities/{entity_id:path}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str) -> HTMLResponse:
    detail = records.entity_detail(state_of(request), entity_id)
    if detail is None:
        raise HTTPException(404, f"no entity {entity_id!r} in the documents")
    return page(request, "entity.html", **detail)


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request,
                   p: Annotated[int, Query(ge=1, le=queries.MAX_OFFSET // PAGE,
                                           description="page number")] = 1,
                   ) -> HTMLResponse:
    total, docs = queries.document_page(state_of(request), PAGE, (p - 1) * PAGE,
                                        latest_first=True)
    return page(request, "documents.html", docs=docs, total=total, p=p,
                pages=max(1, -(-total // PAGE)))


def document_marks(state: WebState, detail: dict) -> list[Mark]:
    """Sentences, figures, meetings and names of one document as marks over its text."""
    known = {e["entity_id"]: e for e in state.entities()}
    facts, events = detail["facts"], detail["events"]
    fact_starts = [f["evidence"]["start"] for f in facts]
    marks = [Mark(s["start"], s["end"], "sentence", f"s-{s['idx']}",
                  "has-fact" if any(s["start"] <= x < s["end"] for x in fact_starts) else "",
                  data=(("lang", s["lang"] or ""), ("idx", str(s["idx"]))))
             for s in detail["sentences"]]
    for f in facts:
        ev = f["evidence"]
        marks.append(Mark(ev["start"], ev["end"], "fact", f"fact-{f['fact_id']}",
                          f"kind-{f['kind']}", describe_fact(f), f,
                          (("indicator", f["indicator"]),)))
    for e in events:
        ev = e["evidence"]
        title = " · ".join(x for x in (e["type"], e["status"], when(e), e["place"] or "",
                                       ", ".join(e["participants"])) if x)
        marks.append(Mark(ev["start"], ev["end"], "event", f"event-{e['event_id']}",
                          f"status-{e['status']}", title, e))
    for n, m in enumerate(detail["mentions"]):
        ent = known.get(m["entity_id"], {})
        marks.append(Mark(m["start"], m["end"], "mention", f"m-{n}",
                          f"etype-{ent.get('type', 'other')}", ent.get("name", m["entity_id"]),
                          {**m, "name": ent.get("name"), "type": ent.get("type")},
                          (("entity", m["entity_id"]),)))
    return marks


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str) -> HTMLResponse:
    state = state_of(request)
    detail = records.document_detail(state, doc_id)
    if detail is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    doc = detail["document"]
    known = {e["entity_id"]: e for e in state.entities()}
    names = sorted({m["entity_id"] for m in detail["mentions"]},
                   key=lambda x: (known.get(x, {}).get("type", ""), x))
    return page(request, "document.html", doc=doc, facts=detail["facts"],
                events=detail["events"], body=render(doc["text"], document_marks(state, detail)),
                names=[known.get(x, {"entity_id": x, "name": x, "type": "?"}) for x in names])


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request,
                q: Annotated[str, Query(max_length=300)] = "") -> HTMLResponse:
    result = run_search(state_of(request), q) if q.strip() else None
    hits = []
    if result:
        for h in result.hits[:200]:
            marks = [Mark(a - h.start, b - h.start, "match") for a, b in h.matches]
            hits.append({"hit": h, "html": render(h.text, marks)})
    return page(request, "search.html", q=q, result=result, hits=hits)


@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request) -> HTMLResponse:
    state = state_of(request)
    if not (state.allow_ingest and state.token):
        return page(request, "upload.html", status=403, disabled=True)
    return page(request, "upload.html", limit=state.max_upload_bytes)


@router.post("/upload", response_class=HTMLResponse)
async def upload(request: Request) -> HTMLResponse:
    """The form's post: a file, or a typed article; the token comes as a form field."""
    state = state_of(request)
    require_writes(state)
    body = await read_limited(request, state.max_upload_bytes)

    async def replay() -> dict:
        return {"type": "http.request", "body": body, "more_body": False}

    form = await Request(request.scope, replay).form(max_part_size=state.max_upload_bytes)
    token = form.get("token")
    check_token(state, token if isinstance(token, str) else None)
    uploads = [f for f in form.getlist("file") if isinstance(f, UploadFile) and f.filename]
    if uploads:
        files = [(safe_name(f.filename), await f.read()) for f in uploads]
        summary, failures = await run_in_threadpool(ingest_files, state, files)
    else:
        fields = {k: v.strip() for k in ("id", "text", "title", "url", "published", "source",
                                         "lang") if isinstance(v := form.get(k), str) and v.strip()}
        try:
            row = DocumentIn.model_validate(fields)
        except ValidationError as e:
            return page(request, "upload.html", status=422, limit=state.max_upload_bytes,
                        failures=[f"{'.'.join(map(str, x['loc'])) or 'form'}: {x['msg']}"
                                  for x in e.errors()])
        summary, failures = await run_in_threadpool(ingest_row, state, row)
    status = 200 if (summary.stored or summary.unchanged) else 422
    return page(request, "upload.html", status=status, limit=state.max_upload_bytes,
                summary=summary, failures=failures)


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> RedirectResponse:
    return RedirectResponse("/static/favicon.svg")
