"""Paged reads for the HTTP API, done in SQL so that a page costs the same on any store size.

Fact records are stored as JSON text beside their indexed columns; a page of facts is the
stored text joined into the response as it is, never parsed and dumped again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from fastapi import HTTPException
from sqlalchemy import bindparam, func, select

from bilateral.extract.indicators import indicator_ids
from bilateral.store import schema
from bilateral.web.state import WebState

F = schema.facts
D = schema.documents
FACT_ORDER = (F.c.doc_id, F.c.start, F.c.fact_id)


EQUAL = ("indicator", "measure", "kind", "status", "lang", "doc_id")


@dataclass(frozen=True, slots=True)
class FactFilter:
    indicator: str | None = None
    measure: str | None = None
    kind: str | None = None
    status: str | None = None
    period_from: date | None = None  # the period starts on or after this day
    period_to: date | None = None  # the period ends on or before this day
    lang: str | None = None
    doc_id: str | None = None
    source: str | None = None  # the outlet of the document

    def values(self) -> dict[str, str]:
        """The filters that are set, by the name of their bound parameter."""
        out = {name: getattr(self, name) for name in EQUAL if getattr(self, name)}
        if self.period_from:
            out["period_from"] = self.period_from.isoformat()
        if self.period_to:
            out["period_to"] = self.period_to.isoformat()
        if self.source:
            out["source"] = self.source
        return out

    def conditions(self, indicator_indexed: bool = True) -> list:
        """WHERE terms with named parameters (see `values`). `indicator_indexed=False` writes
        the indicator test so that SQLite cannot answer it from an index
        (`indicator || '' = ?`): see `fact_page`."""
        set_ = self.values()
        out = []
        for name in EQUAL:
            if name in set_:
                col = F.c[name]
                if name == "indicator" and not indicator_indexed:
                    col = col.concat("")
                out.append(col == bindparam(name))
        if "period_from" in set_:
            out.append(F.c.period_start >= bindparam("period_from"))
        if "period_to" in set_:
            out.append(F.c.period_end <= bindparam("period_to"))
        if "source" in set_:
            out.append(F.c.doc_id.in_(select(D.c.doc_id)
                                      .where(D.c.source == bindparam("source"))))
        return out


def _page_sql(state: WebState, flt: FactFilter, walk: bool) -> tuple[str, tuple | None, dict]:
    """SQL text of a page query, its parameter order (None for named parameters) and the
    values of its constant parameters, compiled once per filter shape.

    A page of facts is the hottest call of the API; building and compiling the statement
    each time cost more than SQLite's own work on the indexed page.
    """
    key = ("fact_page", tuple(flt.values()), walk)
    found = state.statements.get(key)
    if found is None:
        stmt = (select(F.c.record).where(*flt.conditions(indicator_indexed=not walk))
                .order_by(*FACT_ORDER).limit(bindparam("limit")).offset(bindparam("offset")))
        compiled = stmt.compile(dialect=state.store.engine.dialect)
        found = state.statements[key] = (
            str(compiled), tuple(compiled.positiontup) if compiled.positional else None,
            {k: v for k, v in compiled.construct_params(_check=False).items()
             if v is not None})
    return found


def fact_page(state: WebState, flt: FactFilter, limit: int, offset: int) -> tuple[int, list[str]]:
    """(total, fact records as JSON text) in the stable order doc_id, evidence start, fact_id.

    SQLite answers `indicator = ?` from ix_facts_indicator_period and then sorts every match
    to find one page: on 100 000 facts that is ~100 ms a call. Without an index that is ordered
    like the page (indicator, doc_id, start, ...), a page near the front of a large result is
    cheaper read by walking ix_facts_doc_id in order and skipping the other indicators; this
    picks whichever of the two reads fewer rows.
    """
    values = flt.values()
    with state.store.engine.connect() as c:
        total = state.count(("facts", flt), lambda: c.execute(
            select(func.count()).select_from(F).where(*flt.conditions()), values).scalar_one())
        if total == 0 or offset >= total:
            return total, []
        walk = bool(state.sqlite and not state.ordered_fact_index and flt.indicator
                    and not flt.doc_id
                    and (offset + limit) * state.fact_count() / total < 2 * total)
        sql, order, constants = _page_sql(state, flt, walk)
        bound = {**constants, **values, "limit": limit, "offset": offset}
        params = tuple(bound[k] for k in order) if order is not None else bound
        return total, list(c.exec_driver_sql(sql, params).scalars().all())


def page_json(total: int, limit: int, offset: int, items_json: list[str]) -> bytes:
    """The paged envelope around records that are JSON text already."""
    head = json.dumps({"total": total, "limit": limit, "offset": offset})[:-1]
    return (head + ', "items": [' + ", ".join(items_json) + "]}").encode("utf-8")


DOCUMENT_COLUMNS = (D.c.doc_id, D.c.lang, D.c.published, D.c.title, D.c.source, D.c.url,
                    D.c.place, D.c.n_sentences)


def _document_row(r) -> dict:
    """The Document record without its text (a list must not carry every article)."""
    return {"doc_id": r.doc_id, "lang": r.lang, "published": r.published, "title": r.title,
            "source": r.source, "url": r.url, "place": r.place, "sentences": r.n_sentences}


def document_page(state: WebState, limit: int, offset: int, lang: str | None = None,
                  source: str | None = None, latest_first: bool = False) -> tuple[int, list]:
    conds = []
    if lang:
        conds.append(D.c.lang == lang)
    if source:
        conds.append(D.c.source == source)
    order = ((D.c.published.desc().nulls_last(), D.c.doc_id) if latest_first
             else (D.c.doc_id,))
    with state.store.engine.connect() as c:
        total = c.execute(select(func.count()).select_from(D).where(*conds)).scalar_one()
        rows = c.execute(select(*DOCUMENT_COLUMNS).where(*conds).order_by(*order)
                         .limit(limit).offset(offset))
        return total, [_document_row(r) for r in rows]


def document_summaries(state: WebState, doc_ids: list[str]) -> dict[str, dict]:
    """Title, date and outlet of the given documents, for lists of sources."""
    if not doc_ids:
        return {}
    with state.store.engine.connect() as c:
        rows = c.execute(select(*DOCUMENT_COLUMNS).where(D.c.doc_id.in_(sorted(set(doc_ids)))))
        return {r.doc_id: _document_row(r) for r in rows}


def counts(state: WebState) -> dict[str, int]:
    def build() -> dict[str, int]:
        with state.store.engine.connect() as c:
            n = {name: c.execute(select(func.count()).select_from(t)).scalar_one()
                 for name, t in (("documents", D), ("facts", F), ("events", schema.events),
                                 ("sentences", schema.sentences))}
        n["entities"] = len(state.entities())
        return n
    return state.memo("counts", build)


# The farthest a page may reach: far past any store, and inside SQLite's 64-bit integers.
MAX_OFFSET = 10**9


def check_indicator(indicator: str | None) -> None:
    """404 for an indicator outside the vocabulary: results are cached per indicator, so one
    asked for by any string would let a client fill the server's memory."""
    if indicator is not None and indicator not in indicator_ids():
        raise HTTPException(404, f"indicator: no indicator {indicator[:100]!r}; known: "
                                 f"{', '.join(sorted(indicator_ids()))}")


def indicators(state: WebState) -> list[tuple[str, int]]:
    """Indicators present in the store with their number of facts, most frequent first."""
    def build() -> list[tuple[str, int]]:
        with state.store.engine.connect() as c:
            rows = c.execute(select(F.c.indicator, func.count()).group_by(F.c.indicator)
                             .order_by(func.count().desc(), F.c.indicator))
            return [(r[0], r[1]) for r in rows]
    return state.memo("indicators", build)


def entity_aliases(state: WebState, entity_id: str) -> dict[str, list[str]]:
    """The surface forms of an entity's mentions, by the language of their sentence."""
    m, s = schema.mentions, schema.sentences
    q = (select(m.c.surface, s.c.lang).select_from(
        m.join(s, (s.c.doc_id == m.c.doc_id) & (s.c.start <= m.c.start) & (m.c.start < s.c.end)))
        .where(m.c.entity_id == entity_id))
    out: dict[str, set[str]] = {}
    with state.store.engine.connect() as c:
        for surface, lang in c.execute(q):
            out.setdefault(lang or "?", set()).add(surface.strip().rstrip(".,"))
    return {lang: sorted(forms) for lang, forms in sorted(out.items())}
