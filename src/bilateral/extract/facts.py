"""Fact records: each reported figure or target with its indicator, measure, period and parties.

A number is read in its clause, not by the nearest keyword: the counted noun right after it
("26 совместных проектов", "24 тыс. рабочих мест"), the verb that states it ("составил",
"вырос на", "құрады", "артты"), the status verb of projects, "до $30 млрд" after a verb of
bringing something up to a level (a target), a deadline in a future clause, the comparison year
whose value stands in parentheses (the base of a growth figure). Exports, imports and a
country's whole foreign trade are figures too, but not mutual trade: they become "other".
What the text does not fix stays null.
"""

from __future__ import annotations

import hashlib
import json
import re
from bisect import bisect_left, bisect_right
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
_F = re.IGNORECASE | re.UNICODE
# where one clause ends and the next begins, inside a sentence
_CLAUSE_BREAK = re.compile(
    r";|:\s|,\s+(?=(?:а|но|однако|при\s+этом|тогда\s+как|бұл|ал|алайда|ол|оның\s+ішінде|"
    r"в\s+то\s+время)\b)|\.\s+(?=Ал\b)|\s-\s", _F)
_BEFORE_TARGET = re.compile(r"(?:(?<!\w)до|(?<!\w)к|(?<!\w)на\s+уровень|(?<!\w)в)\s*"
                            r"(?:уровня\s+)?(?:почти\s+|около\s+)?$", _F)
# Kazakh puts the level in the dative before its verb: "35 млрд долларға жеткізу", "...-ға дейін"
_AFTER_TARGET_KK = re.compile(
    r"^\S*\s*(?:-?\s*(?:ға|ге|қа|ке|на|не))?\s*(?:дейін|(?:\w+(?:ға|ге|қа|ке)\s+)?"
    r"(?:жеткіз|арттыр|ұлғайт|көбейт)\w*)", _F)
# "6%-ға", "13,1 процентке": a Kazakh percentage in the dative is a change by that much
_KK_DATIVE = re.compile(r"(?:ға|ге|қа|ке)$", _F)
_OF_WHOLE = re.compile(r"(?:(?<!\w)из|(?<!\w)от)\s*$", _F)
_PERCENT_ON = re.compile(r"(?:(?<!\w)на|(?<!\w)в)\s*(?:почти\s+|около\s+|более\s+)?$", _F)
_TIMES_IN = re.compile(r"(?<!\w)в\s*$", _F)
# a sentence that opens like this goes on about the previous sentence's figure
_ANAPHOR = re.compile(r"^[\"'\s-]*(?:(?:\w+\s+){0,2}?(?:это|эти|этих|этим|этими|данн\w+|бұл|"
                      r"осы|они|олар|показател\w*|көрсеткіш\w*)\b|при\s+этом|таким\s+образом|"
                      r"тем\s+самым|ал\s+бұл|осылайша|сөйтіп|оның\s+ішінде|в\s+том\s+числе|"
                      r"из\s+них)", _F)
_SCALE_WORD = re.compile(r"млрд|миллиард|млн|миллион|трлн|триллион|мың|тыс", _F)
_STOP = re.compile(r"[,;:.()]|\d")
# How far before or after a number its wording is read ("до", "вырос в", "1,5 раза"): far
# longer than any such cue, and bounded, so that a long sentence costs linear time.
_LOOK = 120
# How far back an investment's direction is read in the number's own segment of the clause.
_SEGMENT = 300


@dataclass
class _Context:
    """What earlier sentences of the document established."""

    indicator: str | None = None
    coop_status: str | None = None
    period: PeriodMention | None = None  # the last figure's period
    currency: str | None = None  # the last money figure's currency
    share: str | None = None  # what the last share figure was a share of
    direction: list[str] | None = None  # the last investment flow's direction
    focus: list[str] | None = None  # the regional pair a regional article is about
    period_sentence: int = -1  # the sentence that set `period`


class _Span:
    """A clause or a whole sentence, with what has been read from it. Each reading is made once
    however many numbers the span holds: searching it again for every number made a long
    sentence cost the square of its length."""

    __slots__ = ("start", "end", "text", "_memo")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.start, self.end = start, end
        self.text = text[start:end]
        self._memo: dict = {}

    def once(self, key: object, read):
        if key not in self._memo:
            self._memo[key] = read(self.text)
        return self._memo[key]

    def has(self, rx: re.Pattern) -> bool:
        return self.once(rx, lambda t: rx.search(t) is not None)


class _ByStart:
    """Records sorted by start, looked up by position by bisection. Records out of order (never
    seen from the finders) fall back to scanning the list, which gives the same answers."""

    def __init__(self, items: list) -> None:
        self.items = items
        self.starts = [m.start for m in items]
        self.ends = [m.end for m in items]
        self.ordered = self.starts == sorted(self.starts) and self.ends == sorted(self.ends)

    def last_before(self, pos: int, lo: int = 0):
        """The last record with lo <= start < pos."""
        if not self.ordered:
            return next((m for m in reversed(self.items) if lo <= m.start < pos), None)
        i = bisect_left(self.starts, pos)
        return self.items[i - 1] if i and self.starts[i - 1] >= lo else None

    def first_from(self, pos: int, hi: int):
        """The first record with pos <= start < hi."""
        if not self.ordered:
            return next((m for m in self.items if pos <= m.start < hi), None)
        i = bisect_left(self.starts, pos)
        return self.items[i] if i < len(self.items) and self.starts[i] < hi else None

    def last_ending_by(self, pos: int, lo: int | None = None):
        """The last record that ends at or before pos (and starts at or after lo)."""
        if not self.ordered:
            return next((m for m in reversed(self.items)
                         if m.end <= pos and (lo is None or m.start >= lo)), None)
        i = bisect_right(self.ends, pos)
        return self.items[i - 1] if i and (lo is None or self.starts[i - 1] >= lo) else None


class _Scan:
    """One sentence indexed once: its clauses, indicator mentions, periods and commas, so that
    each number costs a bounded look around it rather than a pass over the sentence."""

    def __init__(self, text: str, mentions: list[I.Mention],
                 periods: list[PeriodMention]) -> None:
        self.text = text
        self.whole = _Span(text, 0, len(text))
        self.clauses = [_Span(text, a, b) for a, b in _clauses(text)]
        self.clause_starts = [c.start for c in self.clauses]
        self.usable = _ByStart([m for m in mentions if m.key != "trade_share"])
        self.shares = _ByStart([m for m in mentions if m.key == "trade_share"])
        self.nouns = _ByStart([m for m in mentions
                               if m.key in ("coop_projects", "border_checkpoints")])
        plain = [m for m in periods if not m.is_deadline and m.kind != "since"]
        self.comparisons = _ByStart([m for m in plain if m.is_comparison])
        self.plain = _ByStart([m for m in plain if not m.is_comparison
                               and not m.extra.get("same_period")])
        self.deadlines = _ByStart([m for m in periods if m.is_deadline])
        self.commas = [m.start() for m in re.finditer(",", text)]

    def clause_at(self, pos: int) -> _Span:
        i = bisect_left(self.clause_starts, pos + 1) - 1
        if i >= 0 and pos < self.clauses[i].end:
            return self.clauses[i]
        return _Span(self.text, 0, 0)

    def comma_between(self, a: int, b: int) -> bool:
        i = bisect_left(self.commas, a)
        return i < len(self.commas) and self.commas[i] < b

    def last_comma_before(self, pos: int) -> int:
        i = bisect_left(self.commas, pos)
        return self.commas[i - 1] if i else -1


def _clauses(text: str) -> list[tuple[int, int]]:
    cuts = [0] + [m.start() for m in _CLAUSE_BREAK.finditer(text)] + [len(text)]
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def _ends_before(rx: re.Pattern, text: str, pos: int) -> bool:
    """Whether `rx` (anchored with `$`) matches text just before `pos`, looking back a bounded
    window only."""
    return rx.search(text, max(0, pos - _LOOK), pos) is not None


def _after(text: str, pos: int) -> str:
    """The text right after `pos`, bounded, without leading spaces."""
    return text[pos:pos + _LOOK].lstrip()


def _in_parentheses(text: str, q: Quantity) -> bool:
    a, b = q.start, q.end
    while a and text[a - 1].isspace():
        a -= 1
    while b < len(text) and text[b].isspace():
        b += 1
    return a > 0 and text[a - 1] == "(" and b < len(text) and text[b] == ")"


def _counted_noun(text: str, q: Quantity, vocab: I.Vocabulary,
                  scan: _Scan) -> tuple[str, int] | None:
    """("jobs" | "count", position) for a counted noun among the next few words, not past
    punctuation or another number ("8 совместных с казахстанскими партнерами проектов")."""
    tail = text[q.end:q.end + 80]
    stop = _STOP.search(tail)
    tail = tail[:stop.start()] if stop else tail
    for k, m in enumerate(re.finditer(r"\S+", tail)):
        if k > 5:
            break
        rest = tail[m.start():]
        if vocab.jobs.match(rest):
            return "jobs", q.end + m.start()
        if vocab.count_nouns.match(rest):
            return "count", q.end + m.start()
        if vocab.jobs_people.match(rest) and scan.whole.has(vocab.employment):
            return "jobs", q.end + m.start()
    return None


def _indicator_at(text: str, start: int, noun: int) -> str:
    """The indicator of a counted noun: the mention that covers or follows it."""
    found = [m for m in I.find_indicators(text[start:noun + 60])
             if m.key != "trade_share" and start + m.end > noun]
    return found[0].key if found else "other"


def _nearest_mention(q: Quantity, mentions: _ByStart, clause: _Span) -> I.Mention | None:
    return (mentions.last_before(q.start, clause.start)
            or mentions.first_from(q.end, min(clause.end, q.end + 60))
            or mentions.last_before(q.start))


def _indicator_for(text: str, q: Quantity, scan: _Scan,
                   clause: _Span, ctx: _Context, percent: bool,
                   anaphoric: bool) -> tuple[str, int]:
    """Indicator id and the position of the mention it came from."""
    if percent:
        share = (scan.shares.last_before(q.start, q.start - 90)
                 or scan.shares.last_before(q.end + 30, q.end))
        if share:
            kind = _share_kind(text, share, q)
            if kind == "other" and ctx.share == "trade_share" and not scan.whole.once(
                    _names_other_base, _names_other_base):
                kind = "trade_share"  # "Қытайдың үлесі 21,4 пайыз" right after a trade share
            return kind, share.start
    m = _nearest_mention(q, scan.usable, clause)
    if m is None:
        # only a sentence that refers back ("Это ...", "Бұл ...") inherits the last indicator
        return (ctx.indicator if anaphoric and ctx.indicator else "other"), q.start
    return m.key, m.start


_OTHER_BASE = re.compile(r"валют|расчет|расчёт|есеп\s+айырыс|рын(?:ок|ка|ке)|нарық", _F)


def _names_other_base(text: str) -> bool:
    """A share of currencies in settlements, of a market: not a share of trade."""
    return bool(_OTHER_BASE.search(text))


def _share_kind(text: str, share: I.Mention, q: Quantity) -> str:
    """A share of trade is trade_share; a share of imports, of settlements, of a market is
    another figure."""
    a, b = min(share.start, q.start), max(share.end, q.end)
    window = text[max(0, a - 120):b + 70]
    keys = {m.key for m in I.find_indicators(window)}
    if I.EXPORTS_IMPORTS in keys:
        return "other"
    if keys & {"trade_turnover", I.FOREIGN_TRADE, I.TRADE_GENERIC, "agri_trade_turnover"}:
        return "trade_share"
    return "other"


def _reading(key: str, measure: str, unit: str, value: float, text: str,
             anchor: int) -> _Reading:
    return _Reading(_resolve_special(key, text, anchor), measure, unit, value, anchor,
                    key == I.EXPORTS_IMPORTS)


def _resolve_special(key: str, text: str, anchor: int) -> str:
    """Exports and imports are one-way flows; a country's foreign trade is mutual trade only
    when a partner is named."""
    if key == I.EXPORTS_IMPORTS:
        return "other"
    if key in I.PARTNER_KEYS:
        return "trade_turnover" if PT.has_partner(text, anchor) else "other"
    return key


def _is_target(text: str, q: Quantity, clause: _Span, vocab: I.Vocabulary,
               deadline: PeriodMention | None, scan: _Scan) -> bool:
    if clause.has(vocab.target) and (_ends_before(_BEFORE_TARGET, text, q.start)
                                     or _AFTER_TARGET_KK.match(text[q.end:q.end + _LOOK])):
        return True
    reach = vocab.target.search(text[max(clause.start, q.start - 25):q.start])
    if reach and clause.has(vocab.future) and not clause.has(vocab.past):
        return True  # "может достичь $5 млрд", "планируем выйти на 30 млрд"
    if deadline is not None and not clause.has(vocab.past):
        # the deadline governs this number unless a comma separates them after the number
        return not scan.comma_between(q.end, deadline.start)
    return False


def _period_for(q: Quantity, scan: _Scan, clause: _Span,
                text: str, flow: bool) -> PeriodMention | None:
    """The period a figure covers: in its clause, or for flows an earlier clause's."""
    if _in_parentheses(text, q):
        comparison = scan.comparisons.last_ending_by(q.start)
        if comparison:
            return comparison
    same_clause = scan.plain.last_ending_by(q.start, clause.start)
    if same_clause:
        return same_clause
    before = scan.plain.last_ending_by(q.start)
    after = scan.plain.first_from(q.end, clause.end)
    if after:
        return after
    return before if before and flow else None


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


@dataclass(frozen=True, slots=True)
class _Reading:
    """How one number is read: what it measures and about what."""

    indicator: str
    measure: str
    unit: str
    value: float
    anchor: int
    flow_of_goods: bool = False  # an export or import: it has a direction


def _read(text: str, q: Quantity, scan: _Scan, clause: _Span,
          ctx: _Context, vocab: I.Vocabulary, anaphoric: bool) -> _Reading | None:
    if q.unit == "percent":
        indicator, anchor = _indicator_for(text, q, scan, clause, ctx, True, anaphoric)
        sign = clause.once(I.growth_sign, I.growth_sign)
        if indicator in ("trade_share", "other") and scan.shares.last_before(
                q.start + 90, q.start - 89):
            return _Reading(indicator, "share_pct", "percent", q.value, anchor)
        if (sign is not None or _ends_before(_PERCENT_ON, text, q.start)
                or _KK_DATIVE.search(q.text)):
            value = -q.value if sign == -1 else q.value
            return _reading(indicator, "growth_pct", "percent", value, text, anchor)
        return _reading(indicator, "share_pct", "percent", q.value, text, anchor)
    unit = q.unit
    if (unit is None and _SCALE_WORD.search(q.text) and q.value >= 1e6 and ctx.currency
            and not vocab.physical_units.match(_after(text, q.end))):
        unit = ctx.currency  # "ещё 71 проект стоимостью около 14 миллиардов": the same currency
    if unit in MONEY:
        indicator, anchor = _indicator_for(text, q, scan, clause, ctx, False, anaphoric)
        return _reading(indicator, "value", unit, q.value, text, anchor)
    times = vocab.times.match(_after(text, q.end))
    sign = clause.once(I.growth_sign, I.growth_sign)
    if times and q.value > 1 and sign is not None or (
            times and _ends_before(_TIMES_IN, text, q.start)):
        # "вырос в 1,5 раза", "1,5 есе өсті": growth of 50 %
        indicator, anchor = _indicator_for(text, q, scan, clause, ctx, False, anaphoric)
        sign = sign or 1
        pct = (q.value - 1) * 100 if sign > 0 else (1 / q.value - 1) * 100
        return _reading(indicator, "growth_pct", "percent", round(pct, 4), text, anchor)
    counted = _counted_noun(text, q, vocab, scan)
    if counted is None and _ends_before(_BEFORE_TARGET, text, q.start) and clause.has(
            vocab.target):
        # "довести количество совместных проектов до 200": the noun stands before
        noun = scan.nouns.last_before(q.start, clause.start)
        if noun is not None:
            return _Reading(noun.key, "count", "count", q.value, noun.start)
    if counted is None:
        return None  # a bare number that counts nothing we track
    measure, pos = counted
    indicator = "coop_projects" if measure == "jobs" else _indicator_at(text, q.end, pos)
    if indicator in ("other", I.EXPORTS_IMPORTS, *I.PARTNER_KEYS, "trade_turnover",
                     "agri_trade_turnover", "investment"):
        return None
    return _Reading(indicator, measure, measure if measure == "jobs" else "count", q.value, pos)


def _sentence_facts(doc: Document, s: Sentence, ref: date | None, ctx: _Context) -> list[dict]:
    text = s.text
    quantities = find_quantities(text)
    mentions = I.find_indicators(text)
    if not quantities:
        _remember(ctx, text, mentions)
        return []
    vocab = I.vocabulary()
    periods = P.find_periods(text)
    scan = _Scan(text, mentions, periods)
    anaphoric = bool(_ANAPHOR.match(text)) or bool(vocab.period_anaphors.search(text))
    compares = any(m.extra.get("same_period") or m.is_comparison for m in periods)
    out: list[dict] = []
    previous: Quantity | None = None
    for q in quantities:
        clause = scan.clause_at(q.start)
        if previous is not None and q.unit is None and _OF_WHOLE.search(text[previous.end:q.start]):
            previous = q
            continue  # "29 пунктов пропуска из 30": the whole, not a figure of its own
        previous = q
        reading = _read(text, q, scan, clause, ctx, vocab, anaphoric)
        if reading is None:
            continue
        indicator, measure = reading.indicator, reading.measure
        deadline_m = scan.deadlines.first_from(clause.start, clause.end)
        kind = "target" if _is_target(text, q, clause, vocab, deadline_m, scan) else "figure"
        flow = indicator in FLOW_INDICATORS or indicator == "other" or measure == "share_pct"
        period_m = None if kind == "target" else _period_for(q, scan, clause, text, flow)
        if period_m is None and flow and measure != "share_pct" and kind == "figure" \
                and ctx.period is not None and (anaphoric or compares):
            period_m = ctx.period
        if period_m is None and kind == "figure" and indicator != "investment" and not periods \
                and ctx.period is not None and _same_paragraph(doc, ctx.period_sentence, s):
            # a paragraph that opened with "по итогам 2024 года" goes on about that year
            period_m = ctx.period
        status = None
        if indicator == "coop_projects":
            has_projects = scan.whole.once("has_projects", lambda t: any(
                m.key == "coop_projects" and not vocab.jobs.match(t[m.start:m.start + _LOOK])
                for m in mentions))
            status = clause.once(I.status_of, I.status_of) or scan.whole.once(
                I.status_of, I.status_of)
            if status is None and (not has_projects or anaphoric):
                status = ctx.coop_status
            if status is None and kind == "target":
                status = "total"
        direction = None
        if indicator == "investment" or reading.flow_of_goods:
            segment = text[max(scan.last_comma_before(q.start) + 1, q.start - _SEGMENT):q.end]
            direction = PT.direction(segment) or clause.once(
                PT.direction, PT.direction) or scan.whole.once(PT.direction, PT.direction)
            if direction is None and anaphoric and indicator == "investment":
                direction = ctx.direction
            if indicator == "investment":
                ctx.direction = direction
        # an unclassified figure's parties are not known: an export, a price, a total
        parties = None if direction or indicator == "other" else PT.parties(
            text, reading.anchor, ctx.focus)
        if PT.is_regional(parties) and ctx.focus is None and s.idx <= 2:
            ctx.focus = parties  # a regional article: its headline or lead names the region
        record = {
            "doc_id": doc.doc_id,
            "kind": kind,
            "indicator": indicator,
            "measure": measure,
            "value": reading.value,
            "unit": reading.unit,
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
            record["base"] = _base(text, periods, quantities, ref, period_m, scan)
        out.append(record)
        if period_m is not None and not period_m.is_comparison:
            ctx.period = period_m
            ctx.period_sentence = s.idx
        if reading.unit in MONEY:
            ctx.currency = reading.unit
        if measure == "share_pct":
            ctx.share = indicator
    _remember(ctx, text, mentions, out)
    return out


def _same_paragraph(doc: Document, earlier: int, s: Sentence) -> bool:
    """The sentence right before `s`, in the same paragraph (no line break between)."""
    if earlier != s.idx - 1 or earlier < 0:
        return False
    prev = doc.sentences[earlier]
    return "\n" not in doc.text[prev.end:s.start]


def _deadline(m: PeriodMention | None, ref: date | None) -> str | None:
    if m is None:
        return None
    d = P.deadline_of(m, ref)
    return d.isoformat() if d else None


def _base(text: str, periods: list[PeriodMention], quantities: list[Quantity],
          ref: date | None, current: PeriodMention | None, scan: _Scan) -> dict | None:
    """What a growth figure compares with: the comparison period, and its value when stated.

    "the same period of 2023" takes its months from the figure's own period."""
    comparison = next((m for m in periods if m.is_comparison), None)
    if comparison is None:
        return None
    value = scan.whole.once("base_value", lambda t: next(
        (x.value for x in quantities if x.unit in MONEY and x.start > comparison.start
         and _in_parentheses(t, x)), None))
    if comparison.months is None and comparison.extra.get("same_period") and current:
        comparison = replace(comparison, months=current.months, kind=current.kind)
    return {"period": _span(comparison, ref), "value": value}


def _remember(ctx: _Context, text: str, mentions: list[I.Mention],
              facts: list[dict] | None = None) -> None:
    keys = [m.key for m in mentions if m.key not in ("trade_share", I.EXPORTS_IMPORTS,
                                                     *I.PARTNER_KEYS)]
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
