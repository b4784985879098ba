"""Fact records: each reported figure or target with its indicator, measure, period and parties.

A number is read in its clause, not by the nearest keyword: the counted noun right after it
("26 совместных проектов", "24 тыс. рабочих мест"), the verb that states it ("составил",
"вырос на", "құрады", "артты"), the status verb of projects, "до $30 млрд" after a verb of
bringing something up to a level (a target), the comparison year whose value stands in
parentheses (the base of a growth figure). What the text does not fix stays null.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from datetime import date

from bilateral.extract import indicators as I
from bilateral.extract import parties as PT
from bilateral.extract import periods as P
from bilateral.extract.anchor import reference_date
from bilateral.extract.numbers import find_quantities
from bilateral.model import Document, PeriodMention, Quantity, Sentence

MONEY = {"USD", "EUR", "RUB", "KZT"}
FLOW_INDICATORS = {"trade_turnover", "agri_trade_turnover", "investment"}
# where one clause ends and the next begins, inside a sentence
_CLAUSE_BREAK = re.compile(
    r";|:\s|,\s+(?=(?:а|но|однако|при\s+этом|тогда\s+как|бұл|ал|алайда|ол|оның\s+ішінде|"
    r"в\s+то\s+время)\b)|\.\s+(?=Ал\b)|\s-\s",
    re.IGNORECASE,
)
_BEFORE_TARGET = re.compile(r"(?:(?<!\w)до|(?<!\w)к)\s*(?:уровня\s+)?(?:почти\s+|около\s+)?$",
                            re.IGNORECASE)
# Kazakh puts the level in the dative before its verb: "35 млрд долларға жеткізу", "...-ға дейін"
_AFTER_TARGET_KK = re.compile(
    r"^\S*\s*(?:-?\s*(?:ға|ге|қа|ке|на|не))?\s*(?:дейін|(?:\w+(?:ға|ге|қа|ке)\s+)?"
    r"(?:жеткіз|арттыр|ұлғайт|көбейт)\w*)", re.IGNORECASE)
# "6%-ға", "13,1 процентке": a Kazakh percentage in the dative is a change by that much
_KK_DATIVE = re.compile(r"(?:ға|ге|қа|ке)$", re.IGNORECASE)
_OF_WHOLE = re.compile(r"(?:(?<!\w)из|(?<!\w)от)\s*$", re.IGNORECASE)
_PERCENT_ON = re.compile(r"(?:(?<!\w)на|(?<!\w)в)\s*(?:почти\s+|около\s+|более\s+)?$",
                         re.IGNORECASE)


# a sentence that opens like this goes on about the previous sentence's figure
_ANAPHOR = re.compile(r"^(?:это|при\s+этом|таким\s+образом|тем\s+самым|бұл|ал\s+бұл|"
                      r"осылайша|сөйтіп)\b", re.IGNORECASE)


@dataclass
class _Context:
    """What earlier sentences of the document established."""

    indicator: str | None = None
    coop_status: str | None = None
    period: PeriodMention | None = None  # the last figure's period


def _clauses(text: str) -> list[tuple[int, int]]:
    cuts = [0] + [m.start() for m in _CLAUSE_BREAK.finditer(text)] + [len(text)]
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def _clause_at(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    return next((c for c in clauses if c[0] <= pos < c[1]), (0, 0))


def _in_parentheses(text: str, q: Quantity) -> bool:
    return text[:q.start].rstrip().endswith("(") and text[q.end:].lstrip().startswith(")")


def _measure_of_count(text: str, q: Quantity, vocab: I.Vocabulary) -> str | None:
    """"jobs" or "count" when a counted noun follows the number closely."""
    head = text[q.end:q.end + 45]
    for m in re.finditer(r"\S+", head):
        if m.start() > 40:
            break
        rest = head[m.start():]
        if vocab.jobs.match(rest):
            return "jobs"
        if vocab.count_nouns.match(rest):
            return "count"
    return None


def _count_indicator(text: str, q: Quantity) -> str:
    ahead = text[q.end:q.end + 45]
    found = [m for m in I.find_indicators(ahead) if m.key != "trade_share"]
    return found[0].key if found else "other"


def _indicator_for(text: str, q: Quantity, mentions: list[I.Mention],
                   clause: tuple[int, int], ctx: _Context, percent: bool) -> tuple[str, int]:
    """Indicator id and the position of the mention it came from."""
    usable = [m for m in mentions if percent or m.key != "trade_share"]
    share = [m for m in usable if m.key == "trade_share" and q.start - 80 <= m.start < q.start]
    if percent and share:
        return "trade_share", share[-1].start
    usable = [m for m in usable if m.key != "trade_share"]
    before = [m for m in usable if clause[0] <= m.start < q.start]
    if before:
        return before[-1].key, before[-1].start
    after = [m for m in usable if q.end <= m.start < min(clause[1], q.end + 60)]
    if after:
        return after[0].key, after[0].start
    earlier = [m for m in usable if m.start < q.start]
    if earlier:
        return earlier[-1].key, earlier[-1].start
    if ctx.indicator:
        return ctx.indicator, 0
    return "other", q.start


def _is_target(text: str, q: Quantity, clause: tuple[int, int], vocab: I.Vocabulary,
               deadline: PeriodMention | None) -> bool:
    ctext = text[clause[0]:clause[1]]
    if vocab.target.search(ctext) and (_BEFORE_TARGET.search(text[:q.start])
                                       or _AFTER_TARGET_KK.match(text[q.end:])):
        return True
    return deadline is not None and bool(vocab.future.search(ctext))


def _period_for(q: Quantity, periods: list[PeriodMention], clause: tuple[int, int],
                text: str, flow: bool) -> PeriodMention | None:
    """The period a figure covers: in its clause, or for flows an earlier clause's."""
    plain = [m for m in periods if not m.is_deadline and m.kind != "since"]
    if _in_parentheses(text, q):
        comparison = [m for m in plain if m.is_comparison and m.end <= q.start]
        if comparison:
            return comparison[-1]
    plain = [m for m in plain if not m.is_comparison]
    before = [m for m in plain if m.end <= q.start]
    same_clause = [m for m in before if m.start >= clause[0]]
    if same_clause:
        return same_clause[-1]
    after = [m for m in plain if q.end <= m.start < clause[1]]
    if after:
        return after[0]
    return before[-1] if before and flow else None


def _span(m: PeriodMention | None, ref: date | None) -> dict | None:
    if m is None:
        return None
    span = P.resolve(m, ref)
    return {"start": span[0].isoformat(), "end": span[1].isoformat()} if span else None


def fact_id(record: dict) -> str:
    key = {k: record[k] for k in ("doc_id", "kind", "indicator", "measure", "value", "unit",
                                  "status", "direction", "parties", "period", "deadline")}
    blob = json.dumps(key, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:16]


def _sentence_facts(doc: Document, s: Sentence, ref: date | None, ctx: _Context) -> list[dict]:
    text = s.text
    quantities = find_quantities(text)
    mentions = I.find_indicators(text)
    if not quantities:
        _remember(ctx, text, mentions)
        return []
    vocab = I.vocabulary()
    periods = P.find_periods(text)
    clauses = _clauses(text)
    out: list[dict] = []
    previous: Quantity | None = None
    for q in quantities:
        clause = _clause_at(clauses, q.start)
        ctext = text[clause[0]:clause[1]]
        if previous is not None and q.unit is None and _OF_WHOLE.search(text[previous.end:q.start]):
            previous = q
            continue  # "29 пунктов пропуска из 30": the whole, not a figure of its own
        previous = q
        value = q.value
        if q.unit == "percent":
            indicator, anchor = _indicator_for(text, q, mentions, clause, ctx, percent=True)
            sign = I.growth_sign(ctext)
            if indicator == "trade_share":
                measure = "share_pct"
            elif sign is not None or _PERCENT_ON.search(text[:q.start]) or _KK_DATIVE.search(
                    q.text):
                measure = "growth_pct"
                value = -value if sign == -1 else value
            else:
                measure = "share_pct"
            unit = "percent"
        elif q.unit in MONEY:
            indicator, anchor = _indicator_for(text, q, mentions, clause, ctx, percent=False)
            measure, unit = "value", q.unit
        else:
            measure = _measure_of_count(text, q, vocab)
            if measure is None:
                continue  # a bare number that counts nothing we track
            indicator = "coop_projects" if measure == "jobs" else _count_indicator(text, q)
            if indicator == "other":
                continue
            anchor = q.end
            unit = measure if measure == "jobs" else "count"
        deadline_m = next((m for m in periods if m.is_deadline
                           and clause[0] <= m.start < clause[1]), None)
        kind = "target" if _is_target(text, q, clause, vocab, deadline_m) else "figure"
        flow = indicator in FLOW_INDICATORS
        period_m = None if kind == "target" else _period_for(q, periods, clause, text, flow)
        if period_m is None and flow and kind == "figure" and _ANAPHOR.match(text):
            period_m = ctx.period
        status = None
        if indicator == "coop_projects":
            has_projects = any(m.key == "coop_projects" and not vocab.jobs.match(text[m.start:])
                               for m in mentions)
            status = I.status_of(ctext) or I.status_of(text)
            if status is None and not has_projects:
                status = ctx.coop_status
        direction = PT.direction(ctext) if indicator == "investment" else None
        if direction is None and indicator == "investment":
            direction = PT.direction(text)
        parties = None if direction else PT.parties(text, anchor)
        record = {
            "doc_id": doc.doc_id,
            "kind": kind,
            "indicator": indicator,
            "measure": measure,
            "value": value,
            "unit": unit,
            "approx": q.approx,
            "status": status,
            "direction": direction,
            "parties": parties,
            "period": _span(period_m, ref),
            "period_text": period_m.text if period_m else None,
            "deadline": _deadline(deadline_m, ref) if kind == "target" else None,
            "base": None,
            "evidence": {"sentence": text, "start": s.start + q.start, "end": s.start + q.end,
                         "lang": s.lang},
        }
        if measure == "growth_pct":
            record["base"] = _base(text, periods, quantities, ref, period_m)
        out.append(record)
        if period_m is not None and not period_m.is_comparison:
            ctx.period = period_m
    _remember(ctx, text, mentions, out)
    return out


def _deadline(m: PeriodMention | None, ref: date | None) -> str | None:
    if m is None:
        return None
    d = P.deadline_of(m, ref)
    return d.isoformat() if d else None


def _base(text: str, periods: list[PeriodMention], quantities: list[Quantity],
          ref: date | None, current: PeriodMention | None) -> dict | None:
    """What a growth figure compares with: the comparison period, and its value when stated.

    "the same period of 2023" takes its months from the figure's own period."""
    comparison = next((m for m in periods if m.is_comparison), None)
    if comparison is None:
        return None
    if comparison.months is None and comparison.extra.get("same_period") and current:
        comparison = replace(comparison, months=current.months, kind=current.kind)
    value = next((x.value for x in quantities if x.unit in MONEY and x.start > comparison.start
                  and _in_parentheses(text, x)), None)
    return {"period": _span(comparison, ref), "value": value}


def _remember(ctx: _Context, text: str, mentions: list[I.Mention],
              facts: list[dict] | None = None) -> None:
    keys = [m.key for m in mentions if m.key != "trade_share"]
    if keys:
        ctx.indicator = keys[-1]
    for f in facts or []:
        if f["indicator"] == "coop_projects" and f["status"]:
            ctx.coop_status = f["status"]


def extract_facts(doc: Document, ref: date | None = None) -> list[dict]:
    """All facts of a document, deduplicated, each with its evidence.

    `ref`: the date the document speaks from (by default its own `reference_date`)."""
    ref = ref or reference_date(doc)
    ctx = _Context()
    seen: dict[str, dict] = {}
    for s in doc.sentences:
        for record in _sentence_facts(doc, s, ref, ctx):
            fid = fact_id(record)
            if fid not in seen:
                seen[fid] = {"fact_id": fid, **record}
    return _drop_restatements(list(seen.values()))


def _drop_restatements(facts: list[dict]) -> list[dict]:
    """A figure restated later without its period is the same figure, not a new one."""
    same = ("kind", "indicator", "measure", "value", "unit", "status", "direction", "parties")
    def key(f: dict) -> tuple:
        return tuple(json.dumps(f[k]) for k in same)

    dated = {key(f) for f in facts if f["period"]}
    return [f for f in facts if f["period"] or f["period_text"] or key(f) not in dated]
