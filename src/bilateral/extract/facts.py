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
from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date

from bilateral.extract import bases as B
from bilateral.extract import indicators as I
from bilateral.extract import parties as PT
from bilateral.extract import periods as P
from bilateral.extract import targets as T
from bilateral.extract.anchor import reference_date
from bilateral.extract.numbers import find_fractions, find_quantities
from bilateral.model import Document, PeriodMention, Quantity, Sentence

MONEY = {"USD", "EUR", "RUB", "KZT"}
STATUS_INDICATORS = {"coop_projects", "border_checkpoints"}
FLOW_INDICATORS = {"trade_turnover", "agri_trade_turnover", "investment"}
_F = re.IGNORECASE | re.UNICODE
# where one clause ends and the next begins, inside a sentence
_CLAUSE_BREAK = re.compile(
    r";|:\s|,\s+(?=(?:а|но|однако|при\s+этом|тогда\s+как|бұл|ал|алайда|ол|оның\s+ішінде|"
    r"в\s+то\s+время)\b)|\.\s+(?=Ал\b)|\s-\s", _F)
# "6%-ға", "13,1 процентке": a Kazakh percentage in the dative is a change by that much
_KK_DATIVE = re.compile(r"(?:ға|ге|қа|ке)$", _F)
_OF_WHOLE = re.compile(r"(?:(?<!\w)из|(?<!\w)от)\s*$", _F)
_PERCENT_ON = re.compile(r"(?:(?<!\w)на|(?<!\w)в)\s*(?:почти\s+|около\s+|более\s+)?$", _F)
# a sentence that opens like this goes on about the previous sentence's figure
_ANAPHOR = re.compile(r"^[\"'\s-]*(?:(?:\w+\s+){0,2}?(?:это|эти|этих|этим|этими|данн\w+|бұл|"
                      r"осы|они|олар|показател\w*|көрсеткіш\w*)\b|при\s+этом|таким\s+образом|"
                      r"тем\s+самым|ал\s+бұл|осылайша|сөйтіп|оның\s+ішінде|в\s+том\s+числе|"
                      r"из\s+них)", _F)
# "Оның жалпы құны - 14,5 млрд доллар", "Их общая стоимость ...": the cost of the projects just
# counted (a cost is said of projects, not of trade)
_COST_OF_IT = re.compile(r"^[\"'\s-]*(?:оның|олардың|их|его)\s+(?:жалпы\s+|общ\w+\s+)?"
                         r"(?:құны|сомасы|стоимость)\b", _F)
# "По итогам 2021 года он составил $423 млн": a pronoun as the subject of a reporting verb
_PRONOUN_SUBJECT = re.compile(r"(?<!\w)(?:он|она|оно|ол|оның\s+көлемі)\s+(?:\S+\s+){0,2}?"
                              r"(?:составил\w*|достиг\w*|вырос\w*|увеличил\w*|сократил\w*|"
                              r"снизил\w*|превысил\w*|құрады|жетті|өсті|артты|асты|"
                              r"төмендеді|азайды)", _F)
# "..., бұл - ... 11,2 пайызға аз", "..., это на 5% больше": a clause about the last figure
_CLAUSE_ANAPHOR = re.compile(r"[,;:]\s*(?:бұл|это)\s*[-—–]|(?<!\w)(?:данн\w+|этот|этого|бұл|осы)\s+"
                             r"(?:показател\w*|көрсеткіш\w*)", _F)
# a participle ends the words a number can count: "екі өңірді жалғайтын бекет"
# ("бірлескен", joint, is a participle too: past participles are left out)
_PARTICIPLE = re.compile(r"(?:атын|етін|йтын|йтін|ющ\w{2}|ящ\w{2}|ащ\w{2}|ущ\w{2})$", _F)
_PERSONAL = re.compile(r"^[\"'\s-]*(?:\w+\s+){0,2}?(?:они|олар)\b", _F)
_SCALE_WORD = re.compile(r"млрд|миллиард|млн|миллион|трлн|триллион|мың|тыс", _F)
_STOP = re.compile(r"[,;:.()]|\d")


@dataclass
class _Context:
    """What earlier sentences of the document established."""

    indicator: str | None = None
    coop_status: str | None = None
    period: PeriodMention | None = None  # the last figure's period
    currency: str | None = None  # the last money figure's currency
    share: str | None = None  # what the last share figure was a share of
    direction: list[str] | None = None  # the last investment flow's direction
    flow: list[str] | None = None  # the last export's or import's direction
    flow_sentence: int = -1  # the sentence that set `flow`
    partnered: tuple[str, int] | None = None  # the first sentence that names a partnership
    focus: list[str] | None = None  # the pair a regional or another pair's article is about
    partner: list[str] | None = None  # Kazakhstan and the country the whole article names most
    region: list[str] | None = None  # the pair of the region the whole article is about
    period_sentence: int = -1  # the sentence that set `period`


def _clauses(text: str) -> list[tuple[int, int]]:
    cuts = [0] + [m.start() for m in _CLAUSE_BREAK.finditer(text)] + [len(text)]
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def _clause_at(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    return next((c for c in clauses if c[0] <= pos < c[1]), (0, 0))


def _in_parentheses(text: str, q: Quantity) -> bool:
    return text[:q.start].rstrip().endswith("(") and text[q.end:].lstrip().startswith(")")


def _counted_noun(text: str, q: Quantity, vocab: I.Vocabulary) -> tuple[str, int] | None:
    """("jobs" | "count", position) for a counted noun among the next few words, not past
    punctuation or another number ("8 совместных с казахстанскими партнерами проектов")."""
    tail = text[q.end:q.end + 80]
    stop = _STOP.search(tail)
    tail = tail[:stop.start()] if stop else tail
    for k, m in enumerate(re.finditer(r"\S+", tail)):
        if k > 5 or (k and _PARTICIPLE.search(m.group())):
            break  # "екі өңірді жалғайтын ... бекеті": the checkpoint is not what is counted
        rest = tail[m.start():]
        if vocab.jobs.match(rest):
            return "jobs", q.end + m.start()
        if vocab.count_nouns.match(rest):
            return "count", q.end + m.start()
        if vocab.jobs_people.match(rest) and vocab.employment.search(text):
            return "jobs", q.end + m.start()
    return None


def _indicator_at(text: str, start: int, noun: int) -> str:
    """The indicator of a counted noun: the mention that covers or follows it."""
    found = [m for m in I.find_indicators(text[start:noun + 60])
             if m.key != "trade_share" and start + m.end > noun]
    return found[0].key if found else "other"


# "360 миллионов - это объем экспорта", "120 миллионов - импорта": the dash names the figure
_NAMED_AFTER = re.compile(r"^\s*[-—–]\s*(?:это\s+|бұл\s+)?(?:\S+\s+){0,2}?$")


class _ByStart(list):
    """Mentions in order of their start, found by bisection: a long sentence holds many
    mentions and many numbers, and each number asks for its neighbours."""

    def __init__(self, items) -> None:
        super().__init__(items)
        self.starts = [m.start for m in self]
        self._without: dict[str, _ByStart] = {}

    def without(self, key: str) -> _ByStart:
        """The mentions but those of `key`, made once per sentence."""
        if key not in self._without:
            self._without[key] = _ByStart(m for m in self if m.key != key)
        return self._without[key]

    def first_from(self, pos: int, end: int) -> I.Mention | None:
        k = bisect_left(self.starts, pos)
        return self[k] if k < len(self) and self.starts[k] < end else None

    def last_before(self, pos: int, lo: int = 0) -> I.Mention | None:
        k = bisect_left(self.starts, pos)
        return self[k - 1] if k and self.starts[k - 1] >= lo else None


def _nearest_mention(q: Quantity, mentions: list[I.Mention],
                     clause: tuple[int, int], text: str = "") -> I.Mention | None:
    ms = mentions if isinstance(mentions, _ByStart) else _ByStart(mentions)
    named = ms.first_from(q.end, q.end + 40)
    if named is not None and _NAMED_AFTER.match(text[q.end:named.start]):
        return named
    return (ms.last_before(q.start, clause[0])
            or ms.first_from(q.end, min(clause[1], q.end + 60))
            or ms.last_before(q.start))


def _indicator_for(text: str, q: Quantity, mentions: list[I.Mention],
                   clause: tuple[int, int], ctx: _Context, percent: bool,
                   anaphoric: bool) -> tuple[str, int]:
    """Indicator id and the position of the mention it came from."""
    if percent:
        share = [m for m in mentions if m.key == "trade_share" and q.start - 90 <= m.start]
        share = [m for m in share if m.start < q.start] or [
            m for m in share if q.end <= m.start < q.end + 30]
        if share:
            kind = _share_kind(text, share[-1], q)
            if kind == "other" and ctx.share == "trade_share" and not _names_other_base(text):
                kind = "trade_share"  # "Қытайдың үлесі 21,4 пайыз" right after a trade share
            return kind, share[-1].start
    usable = (mentions if isinstance(mentions, _ByStart) else _ByStart(mentions)).without(
        "trade_share")
    m = _nearest_mention(q, usable, clause, text)
    if m is not None and m.key == "investment" and _PROJECTS_WORTH.search(
            text[max(0, m.start - 30):m.start]) and any(
            p.key == "coop_projects" and 0 < m.start - p.end < 80 for p in mentions):
        # "170 совместных проектов с общим объемом инвестиций свыше $50 млрд": their value
        return "coop_projects", m.start
    if m is None:
        # only a sentence that refers back ("Это ...", "Бұл ...") inherits the last indicator
        return (ctx.indicator if anaphoric and ctx.indicator else "other"), q.start
    return m.key, m.start


_PROJECTS_WORTH = re.compile(r"(?<!\w)(?:с|на)\s+(?:общ\w+\s+)?(?:объем\w*|сумм\w*)\s+$", _F)
_TRADE_WORD = re.compile(r"товарооборот|внешнеторгов|торговл|сауда", _F)
_OTHER_BASE = re.compile(r"валют|расчет|расчёт|есеп\s+айырыс|рын(?:ок|ка|ке)|нарық", _F)


# the holder of a share is a kind of trade, not a partner ("шекара маңы саудасына тиесілі",
# "приходится на приграничную торговлю")
_HOLDER_AFTER = re.compile(r"\s*на\s+(?:[\w-]+\s+){0,3}торговл\w*", _F)
_HOLDER_BEFORE = re.compile(r"\s*(?:[\w-]+\s+){0,4}саудасына\s*$", _F)


def _names_other_base(text: str) -> bool:
    """A share of currencies in settlements, of a market: not a share of trade."""
    return bool(_OTHER_BASE.search(text))


def _share_kind(text: str, share: I.Mention, q: Quantity) -> str:
    """A share of trade is trade_share; a share of imports, of settlements, of a market is
    another figure."""
    a, b = min(share.start, q.start), max(share.end, q.end)
    window = text[max(0, a - 120):b + 70]
    keys = {m.key for m in I.find_indicators(window)}
    if PT.group_partner(text, share.start):
        return "other"  # a share of Central Asia's whole trade
    if (_HOLDER_AFTER.match(text, share.end) if text[share.start:share.end].lower().startswith(
            "приход") else share.start >= q.end and _HOLDER_BEFORE.match(text[q.end:share.start])):
        return "other"  # "70 пайызы шекара маңы саудасына тиесілі": held by a kind of trade
    if _TRADE_WORD.search(text[share.start:share.end]):
        return "trade_share"  # "30% всего товарооборота", "жалпы сыртқы сауда көлеміндегі"
    if I.EXPORTS_IMPORTS in keys:
        return "other"
    if keys & {"trade_turnover", I.FOREIGN_TRADE, I.TRADE_GENERIC, "agri_trade_turnover"}:
        return "trade_share"
    if any(m.key == "trade_share" and _TRADE_WORD.search(window[m.start:m.end])
           for m in I.find_indicators(window)):
        return "trade_share"  # "жалпы сыртқы сауда көлеміндегі көрші елдің үлесі"
    return "other"


def _reading(key: str, measure: str, unit: str, value: float, text: str,
             anchor: int) -> _Reading:
    return _Reading(_resolve_special(key, text, anchor), measure, unit, value, anchor,
                    key == I.EXPORTS_IMPORTS)


def _resolve_special(key: str, text: str, anchor: int) -> str:
    """Exports and imports are one-way flows; a country's foreign trade is mutual trade only
    when a partner is named."""
    if key in (I.EXPORTS_IMPORTS, I.PRICES):
        return "other"
    if key in ("trade_turnover", "trade_share", *I.PARTNER_KEYS) and PT.group_partner(text,
                                                                                      anchor):
        return "other"  # trade with the CIS, a share of Central Asia's trade: not a pair's
    if key in I.PARTNER_KEYS:
        return "trade_turnover" if PT.has_partner(text, anchor) else "other"
    return key


def _deadline_for(q: Quantity, periods: list[PeriodMention], clause: tuple[int, int],
                  nxt: int) -> PeriodMention | None:
    """The deadline of a level aimed at: the nearest after it before the next number ("до 3
    млрд в 2018 году и до 5 млрд к 2020 году"), else the clause's before it ("к 2030 году
    довести до 30 млрд"). A plain year right after the level counts too."""
    after = [m for m in periods if q.end <= m.start < min(clause[1], nxt)
             and (m.is_deadline or (not m.is_comparison and m.kind != "since"
                                    and m.start - q.end < 40))]
    if after:
        return after[0]
    before = [m for m in periods if m.is_deadline and clause[0] <= m.start < q.start]
    return before[-1] if before else None


def _period_for(q: Quantity, periods: list[PeriodMention], clause: tuple[int, int],
                text: str, flow: bool) -> PeriodMention | None:
    """The period a figure covers: in its clause, or for flows an earlier clause's."""
    plain = [m for m in periods if not m.is_deadline and m.kind != "since"]
    if _in_parentheses(text, q):
        comparison = [m for m in plain if m.is_comparison and m.end <= q.start]
        if comparison:
            return comparison[-1]
    plain = [m for m in plain if not m.is_comparison and not m.extra.get("same_period")]
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


@dataclass(frozen=True, slots=True)
class _Reading:
    """How one number is read: what it measures and about what."""

    indicator: str
    measure: str
    unit: str
    value: float
    anchor: int
    flow_of_goods: bool = False  # an export or import: it has a direction


def _read(text: str, q: Quantity, mentions: list[I.Mention], clause: tuple[int, int],
          ctx: _Context, vocab: I.Vocabulary, anaphoric: bool) -> _Reading | None:
    ctext = text[clause[0]:clause[1]]
    if q.unit == "percent":
        indicator, anchor = _indicator_for(text, q, mentions, clause, ctx, True, anaphoric)
        if indicator == "other" and not anaphoric and not any(
                m.start < clause[1] for m in mentions):
            return None  # "соның 50 пайызы - ресейлік компаниялар": a share of nothing tracked
        sign = I.growth_sign(ctext, q.start - clause[0], bool(_KK_DATIVE.search(q.text)))
        if indicator in ("trade_share", "other") and any(
                m.key == "trade_share" and abs(m.start - q.start) < 90 for m in mentions):
            return _Reading(indicator, "share_pct", "percent", q.value, anchor)
        if sign is not None or _PERCENT_ON.search(text[:q.start]) or _KK_DATIVE.search(q.text):
            value = -q.value if sign == -1 else q.value
            return _reading(indicator, "growth_pct", "percent", value, text, anchor)
        if indicator not in ("trade_share", "other"):
            # "тауар айналымының 70 пайызы өңіраралық саудаға тиесілі": a part of trade held
            # by something that is no country is not a trade share
            indicator = "other"
        return _reading(indicator, "share_pct", "percent", q.value, text, anchor)
    unit = q.unit
    if (unit is None and _SCALE_WORD.search(q.text) and q.value >= 1e6 and ctx.currency
            and not (ctx.currency in ("USD", "EUR") and q.value >= 1e12)
            and not vocab.physical_units.match(text[q.end:].lstrip())):
        # (a trillion is tenge or roubles in this news, never dollars: left without a unit)
        unit = ctx.currency  # "ещё 71 проект стоимостью около 14 миллиардов": the same currency
    if unit in MONEY:
        indicator, anchor = _indicator_for(text, q, mentions, clause, ctx, False, anaphoric)
        if indicator == "other" and not anaphoric and not any(
                m.start < clause[1] for m in mentions):
            return None  # "бюджетке 20 млрд теңге салық төлеген": a sum of nothing tracked
        return _reading(indicator, "value", unit, q.value, text, anchor)
    times = vocab.times.match(text[q.end:].lstrip())
    if times and q.value > 1 and I.growth_sign(ctext) is not None or (
            times and re.search(r"(?<!\w)в\s*$", text[:q.start], _F)):
        # "вырос в 1,5 раза", "1,5 есе өсті": growth of 50 %
        indicator, anchor = _indicator_for(text, q, mentions, clause, ctx, False, anaphoric)
        sign = I.growth_sign(ctext) or 1
        pct = (q.value - 1) * 100 if sign > 0 else (1 / q.value - 1) * 100
        return _reading(indicator, "growth_pct", "percent", round(pct, 4), text, anchor)
    counted = _counted_noun(text, q, vocab)
    if counted is None and T.aims_at_level(text, q, clause):
        # "довести количество совместных проектов до 200": the noun stands before
        noun = next((m for m in reversed(mentions) if clause[0] <= m.start < q.start
                     and m.key in ("coop_projects", "border_checkpoints")), None)
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


def _with_shares_in_words(quantities: list[Quantity], text: str,
                          mentions: list[I.Mention]) -> list[Quantity]:
    """"На Россию приходится почти пятая часть оборота": a fraction in words beside a share
    word is a share figure."""
    shares = [m for m in mentions if m.key == "trade_share"]
    if not shares:
        return quantities
    extra = [f for f in find_fractions(text)
             if any(abs(m.start - f.start) < 60 for m in shares)
             and not any(q.start < f.end and f.start < q.end for q in quantities)]
    return sorted(quantities + extra, key=lambda q: q.start) if extra else quantities


def _sentence_facts(doc: Document, s: Sentence, ref: date | None, ctx: _Context) -> list[dict]:
    text = s.text
    mentions = _ByStart(I.find_indicators(text))
    quantities = _with_shares_in_words(find_quantities(text), text, mentions)
    if not quantities:
        _remember(ctx, text, mentions, idx=s.idx)
        return []
    vocab = I.vocabulary()
    periods = P.find_periods(text)
    bases = B.find_bases(text, quantities, periods)
    # a base's own period ("против 26,1 млрд в 2023 году") is not the clause's
    periods = [m for m in periods if not B.inside(bases, m)]
    clauses = _clauses(text)
    anaphoric = bool(_ANAPHOR.match(text) or vocab.period_anaphors.search(text)
                     or _PRONOUN_SUBJECT.search(text) or _CLAUSE_ANAPHOR.search(text)
                     or (ctx.indicator == "coop_projects" and _COST_OF_IT.match(text)))
    out: list[dict] = []
    previous: Quantity | None = None
    for k, q in enumerate(quantities):
        clause = _clause_at(clauses, q.start)
        ctext = text[clause[0]:clause[1]]
        if previous is not None and q.unit is None and _OF_WHOLE.search(text[previous.end:q.start]):
            previous = q
            continue  # "29 пунктов пропуска из 30": the whole, not a figure of its own
        previous = q
        # "олар", "они" may be the companies, not the figure: only a word that points at a
        # figure lends the last indicator to a number that names none
        reading = _read(text, q, mentions, clause, ctx, vocab,
                        anaphoric and not _PERSONAL.match(text))
        if reading is None:
            continue
        indicator, measure = reading.indicator, reading.measure
        if indicator == "coop_projects" and not _joint(doc, s, vocab, ctx):
            continue  # "850 инвестициялық жоба": a country's own projects, no partner
        nxt = quantities[k + 1].start if k + 1 < len(quantities) else len(text)
        deadline_m = _deadline_for(q, periods, clause, nxt)
        base = bases.get(k)
        kind = "target" if base is None and T.is_target(text, q, clause, deadline_m) \
            else "figure"
        if kind == "target" and indicator == "other" and ctx.indicator and not any(
                m.start < q.start for m in mentions):
            # "У нас есть заветная цифра - 30 миллиардов достичь": the aim of the figure just
            # reported
            indicator = ctx.indicator
            reading = replace(reading, indicator=indicator)
        flow = indicator in FLOW_INDICATORS or indicator == "other" or measure == "share_pct"
        period_m = None if kind == "target" else _period_for(q, periods, clause, text, flow)
        stock = indicator == "investment" and vocab.stock.search(
            text[max(0, q.start - 80):q.start])
        if stock and (period_m is None or period_m.extra.get("year_end") is None):
            # "накопленные инвестиции", "общий приток инвестиций": a stock covers no year
            # unless the text gives its span ("за 2005-2023 годы")
            period_m = None
        if base is not None:
            span = _base_span(base, period_m, ref)
            if span is not None:
                out.append(_base_record(doc, s, q, reading, span, base, ctx))
            continue
        if period_m is None and flow and measure != "share_pct" and kind == "figure" \
                and not stock and ctx.period is not None and (
                anaphoric or any(m.extra.get("same_period") or m.is_comparison
                                 for m in periods)):
            period_m = ctx.period
        if period_m is None and kind == "figure" and indicator != "investment" and not periods \
                and ctx.period is not None and (
                _same_paragraph(doc, ctx.period_sentence, s)
                or (ctx.period_sentence == s.idx - 1
                    and (measure == "growth_pct" or reading.flow_of_goods))):
            # a paragraph that opened with "по итогам 2024 года" goes on about that year; a
            # growth or an export and import split right after a level, even past a line
            # break, are that level's
            period_m = ctx.period
        status = _status(text, q, clause, mentions, ctx, anaphoric, kind, indicator, vocab)
        direction = None
        if indicator == "investment" or reading.flow_of_goods:
            # the number's own segment, back to the last comma, at most 300 characters
            segment = text[max(text.rfind(",", max(0, q.start - 300), q.start) + 1,
                               q.start - 300):q.end]
            direction = (reading.flow_of_goods and (PT.owned_flow(
                text, reading.anchor, ctx.focus or ctx.partner or PT.PAIR) or PT.pair_flow(
                text, reading.anchor))) or _flow_direction((segment, ctext, text))
            if direction is None and reading.flow_of_goods and ctx.region and not any(
                    m.key in ("trade_turnover", I.FOREIGN_TRADE)
                    and clause[0] <= m.start < clause[1] for m in mentions):
                # a region's own export, not one joined to its trade ("оборота и экспорта")
                direction = PT.region_flow(ctx.region, text, reading.anchor)
            if direction is None and anaphoric and indicator == "investment":
                direction = ctx.direction
            if direction is None and indicator == "investment" and not PT.countries_in(
                    text) and _in_paragraph(doc, s.idx - 1, s):
                # "Қатарлық «Ультрадекор» зауыт салуды бастады. Инвестиция көлемі 90 млрд
                # теңгеден асады": the investor's country is in the sentence before
                direction = PT.direction(doc.sentences[s.idx - 1].text)
            if direction is None and reading.flow_of_goods and _in_paragraph(
                    doc, ctx.flow_sentence, s):
                direction = ctx.flow  # "Импорт рыбы из России ... Поставки выросли на 2,5%"
            if indicator == "investment":
                ctx.direction = direction
            elif direction:
                ctx.flow, ctx.flow_sentence = direction, s.idx
        if indicator == "investment" and direction is None and not PT.countries_in(text):
            # "привлеченные прямые инвестиции составили 14,5 млрд": a country's inflow from
            # everyone, not a flow between two
            indicator = "other"
        # an unclassified figure's parties are not known: an export, a price, a total
        parties = None if direction or indicator == "other" else PT.parties(
            text, reading.anchor, ctx.focus or ctx.partner, ctx.region)
        if parties and parties != list(PT.PAIR) and ctx.focus is None and s.idx <= 2:
            # a regional article or another pair's: its headline or lead names the pair
            ctx.focus = parties
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
            record["base"] = _base(text, periods, quantities, ref, period_m, bases, clause)
        out.append(record)
        if period_m is not None and not period_m.is_comparison:
            ctx.period = period_m
            ctx.period_sentence = s.idx
        if reading.unit in MONEY:
            ctx.currency = reading.unit
        if measure == "share_pct":
            ctx.share = indicator
    _remember(ctx, text, mentions, out, s.idx)
    return out


_SEGMENT_REACH = 200
_SEGMENT_BREAK = re.compile(r"[,;:]|\s(?:и|а|но|ал|және)\s+(?=(?:ещ[её]|тағы|еще)\b)", _F)


def _segment(text: str, q: Quantity, clause: tuple[int, int]) -> str:
    """The comma-delimited part of the clause that holds the number: "Завершены 48 проектов,
    ведется строительство еще 31" gives each number its own status."""
    a, b = clause
    lo = max(a, q.start - _SEGMENT_REACH)  # a segment is a few words: look back a bounded way
    for m in _SEGMENT_BREAK.finditer(text, lo, min(b, q.end + _SEGMENT_REACH)):
        if m.end() <= q.start:
            a = m.end()
        elif m.start() >= q.end:
            b = m.start()
            break
    return text[max(a, lo):min(b, q.end + _SEGMENT_REACH)]


def _status(text: str, q: Quantity, clause: tuple[int, int], mentions: list[I.Mention],
            ctx: _Context, anaphoric: bool, kind: str, indicator: str,
            vocab: I.Vocabulary) -> str | None:
    """A project's or a checkpoint's status: the wording nearest the number (its segment,
    its clause, its sentence), else the previous figure's when the sentence goes on about
    it; a portfolio of projects with no status word is the total."""
    if indicator not in STATUS_INDICATORS:
        return None
    if kind == "target" and indicator != "coop_projects":
        return None  # "29 of 30 checkpoints rebuilt by 2027": a goal, not a stage
    status = (I.status_of(_segment(text, q, clause)) or I.status_of(text[clause[0]:clause[1]])
              or I.status_of(text))
    if status is not None or indicator != "coop_projects" or kind == "target":
        return status or ("total" if kind == "target" else None)
    has_projects = any(m.key == "coop_projects" and not vocab.jobs.match(text[m.start:])
                       for m in mentions)
    if not has_projects or anaphoric:
        status = ctx.coop_status
    return status or "total"


def _joint(doc: Document, s: Sentence, vocab: I.Vocabulary, ctx: _Context) -> bool:
    """Projects of a partnership: the article names one by this sentence (a joint or
    cooperation word, a foreign partner, a pair in its headline)."""
    if ctx.partnered is None or ctx.partnered[0] != doc.doc_id:
        ctx.partnered = (doc.doc_id, next(
            (t.idx for t in doc.sentences if vocab.joint.search(t.text)
             or any(code != "KZ" for _, code in PT.countries_in(t.text))), len(doc.sentences)))
    return ctx.focus is not None or ctx.partnered[1] <= s.idx


def _in_paragraph(doc: Document, earlier: int, s: Sentence) -> bool:
    """An earlier sentence of the same paragraph (no line break between)."""
    if not 0 <= earlier <= s.idx:
        return False
    return "\n" not in doc.text[doc.sentences[earlier].end:s.start]


def _same_paragraph(doc: Document, earlier: int, s: Sentence) -> bool:
    """`s` itself (an earlier figure of it) or the sentence right before it, in the same
    paragraph."""
    return earlier in (s.idx - 1, s.idx) and _in_paragraph(doc, earlier, s)


def _deadline(m: PeriodMention | None, ref: date | None) -> str | None:
    if m is None:
        return None
    if m.is_deadline:
        d = P.deadline_of(m, ref)
    else:  # "до 3 млрд в 2018 году": the end of the period the level is aimed for
        span = P.resolve(m, ref)
        d = span[1] if span else None
    return d.isoformat() if d else None


def _base_span(base: B.Base, clause_period: PeriodMention | None,
               ref: date | None) -> dict | None:
    """A base's own period, or its clause's shifted back ("годом ранее"); else unknown."""
    if base.period is not None:
        return _span(base.period, ref)
    span = _span(clause_period, ref) if base.years_back else None
    if span is None:
        return None
    return {k: _years_before(v, base.years_back or 0) for k, v in span.items()}


def _years_before(day: str, years: int) -> str:
    d = date.fromisoformat(day)
    try:
        return d.replace(year=d.year - years).isoformat()
    except ValueError:  # 29 February
        return d.replace(year=d.year - years, day=28).isoformat()


def _base_record(doc: Document, s: Sentence, q: Quantity, reading: _Reading, span: dict,
                 base: B.Base, ctx: _Context) -> dict:
    """A comparison base reported as the figure of its own period."""
    text = s.text
    return {
        "doc_id": doc.doc_id, "kind": "figure", "indicator": reading.indicator,
        "measure": reading.measure, "value": reading.value, "unit": reading.unit,
        "approx": q.approx, "status": None, "direction": None,
        "parties": None if reading.indicator == "other" else PT.parties(
            text, reading.anchor, ctx.focus or ctx.partner, ctx.region),
        "period": span, "period_text": text[base.start:base.end], "deadline": None,
        "base": None,
        "evidence": {"sentence": text, "start": s.start + q.start, "end": s.start + q.end,
                     "lang": s.lang},
    }


def _base(text: str, periods: list[PeriodMention], quantities: list[Quantity],
          ref: date | None, current: PeriodMention | None, bases: dict[int, B.Base],
          clause: tuple[int, int]) -> dict | None:
    """What a growth figure compares with: the comparison period, and its value when stated.

    "the same period of 2023" takes its months from the figure's own period."""
    stated = [b for b in bases.values() if clause[0] <= b.start < clause[1]]
    if stated:
        b = stated[0]
        q = quantities[b.index]
        return {"period": _base_span(b, current, ref),
                "value": q.value if q.unit in MONEY else None}
    comparison = next((m for m in periods if m.is_comparison), None)
    if comparison is None:
        return None
    if comparison.months is None and comparison.extra.get("same_period") and current:
        comparison = replace(comparison, months=current.months, kind=current.kind)
    value = next((x.value for x in quantities if x.unit in MONEY and x.start > comparison.start
                  and _in_parentheses(text, x)), None)
    span = _span(comparison, ref)
    own = _span(current, ref)
    if span is not None and span == own and comparison.year_rel is not None:
        # "өткен жылы ... өткен жылмен салыстырғанда": last year is the figure's own year; the
        # base is the one before it
        span = {k: _years_before(v, 1) for k, v in span.items()}
    return {"period": span, "value": value}


def _remember(ctx: _Context, text: str, mentions: list[I.Mention],
              facts: list[dict] | None = None, idx: int = -1) -> None:
    """What the next sentences may refer back to: the last figure's indicator (as read,
    'other' for trade with a group), else the last indicator named; an export's direction."""
    keys = [m.key for m in mentions if m.key not in ("trade_share", I.EXPORTS_IMPORTS,
                                                     I.PRICES, *I.PARTNER_KEYS)]
    if facts:
        ctx.indicator = facts[-1]["indicator"]
    elif keys:
        ctx.indicator = keys[-1]
    if any(m.key == I.EXPORTS_IMPORTS for m in mentions) and not any(
            f["direction"] for f in facts or []):
        flow = PT.direction(text)  # "Импорт рыбы из России составил 4,45 тыс. тонн"
        if flow:
            ctx.flow, ctx.flow_sentence = flow, idx
    for f in facts or []:
        if f["indicator"] == "coop_projects" and f["status"]:
            ctx.coop_status = f["status"]


def extract_facts(doc: Document, ref: date | None = None) -> list[dict]:
    """All facts of a document, deduplicated, each with its evidence.

    `ref`: the date the document speaks from (by default its own `reference_date`)."""
    ref = ref or reference_date(doc)
    ctx = _Context(partner=_partner(doc),
                   region=PT.article_region([s.text for s in doc.sentences]))
    seen: dict[str, dict] = {}
    headline: set[str] = set()
    heads = _headline_sentences(doc)
    for s in doc.sentences:
        if s.idx in heads and ctx.focus is None:
            named = PT.parties(s.text, 0)  # "Казахстан и Узбекистан обсудили торговлю"
            ctx.focus = named if named != list(PT.PAIR) else None
        records = _sentence_facts(doc, s, ref, ctx)
        if not any(r["indicator"] == "border_checkpoints" and r["measure"] == "count"
                   for r in records):
            records += _named_checkpoint(doc, s, ctx)
        for record in records:
            fid = fact_id(record)
            if fid not in seen:
                seen[fid] = {"fact_id": fid, **record}
                if s.idx in heads:
                    headline.add(fid)
    facts = _drop_headline_repeats(list(seen.values()), headline)
    return _drop_restatements(facts)


def _flow_direction(scopes: tuple[str, ...]) -> list[str] | None:
    """The narrowest scope (segment, clause, sentence) that names both sides of a flow, else the
    narrowest that names one, the pair's other country standing in for the side left out."""
    for guess in (False, True):
        for scope in scopes:
            found = PT.direction(scope, guess=guess)
            if found:
                return found
    return None


def _named_checkpoint(doc: Document, s: Sentence, ctx: _Context) -> list[dict]:
    """One checkpoint named in quotes whose stage the sentence gives ("Начато строительство
    пункта пропуска «Караузек»", "«Қосақ» өткізу бекетін жаңғырту жұмыстары басталды"): a count
    of one, as a sentence with no number of its own reports it."""
    m = I.vocabulary().named_checkpoint.search(s.text)
    status = I.status_of(s.text) if m else None
    if m is None or status is None or status == "planned" or T.is_target(
            s.text, Quantity(1, None, "exact", m.start(), m.end(), m.group()), (0, len(s.text)),
            None):
        return []
    return [{
        "doc_id": doc.doc_id, "kind": "figure", "indicator": "border_checkpoints",
        "measure": "count", "value": 1, "unit": "count", "approx": "exact", "status": status,
        "direction": None,
        "parties": PT.parties(s.text, m.start(), ctx.focus or ctx.partner, ctx.region),
        "period": None, "period_text": None, "deadline": None, "base": None,
        "evidence": {"sentence": s.text, "start": s.start + m.start(), "end": s.start + m.end(),
                     "lang": s.lang},
    }]


def _partner(doc: Document) -> list[str] | None:
    """Kazakhstan and the foreign country an article is about when that is not Russia: named
    at least twice and more often than Russia ("Қазақ — Қырғыз байланысы ... екі ел"). Its
    unnamed "екіжақты тауар айналымы", "между двумя странами" are that pair's."""
    counts = PT.foreign_counts([s.text for s in doc.sentences])
    if not counts:
        return None
    top = max(counts, key=counts.get)
    if top == "RU" or counts[top] < 2 or counts[top] <= counts.get("RU", 0):
        return None
    return ["KZ", top]


def _headline_sentences(doc: Document) -> set[int]:
    """The headline and subheadline: leading lines of one sentence with no final stop."""
    out: set[int] = set()
    for s in doc.sentences[:3]:
        alone = (s.idx == 0 or "\n" in doc.text[doc.sentences[s.idx - 1].end:s.start]) and (
            s.idx + 1 >= len(doc.sentences)
            or "\n" in doc.text[s.end:doc.sentences[s.idx + 1].start])
        if not alone or re.search(r"[.!?…]$", s.text.strip()):
            break
        out.add(s.idx)
    return out


def _close(headline: float, body: float, approx: str) -> bool:
    """A headline's value repeats the body's: equal, or rounded ("более 20 млрд" for 20,3)."""
    if body == 0:
        return headline == 0
    gap = abs(headline - body) / abs(body)
    return gap <= 0.005 or (approx != "exact" and gap <= 0.15)


def _drop_headline_repeats(facts: list[dict], headline: set[str]) -> list[dict]:
    """A headline that repeats a figure of the article adds no second fact; a number in the
    headline alone is still read."""
    body = [f for f in facts if f["fact_id"] not in headline]
    same = ("kind", "indicator", "measure")
    return [f for f in facts if f["fact_id"] not in headline or not any(
        all(b[k] == f[k] for k in same) and _close(f["value"], b["value"], f["approx"])
        for b in body)]


def _drop_restatements(facts: list[dict]) -> list[dict]:
    """A figure restated later without its period, or a target without its deadline, is the
    same figure, not a new one."""
    same = ("kind", "indicator", "measure", "value", "unit", "status", "direction", "parties")

    def key(f: dict) -> tuple:
        return tuple(json.dumps(f[k]) for k in same)

    dated = {key(f) for f in facts if f["period"] or f["deadline"]}
    return [f for f in facts
            if f["period"] or f["deadline"] or f["period_text"] or key(f) not in dated]
