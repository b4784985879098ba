"""Time expressions in Kazakh and Russian sentences, and the spans of days they stand for.

`find_periods` only reads the text: it never needs the document date, so a mention keeps what
the text says ("за 11 месяцев прошлого года" -> months (1, 11), year_rel -1) and nothing more.
`resolve` turns a mention into dates, using the document date (`ref`) only for what the text
leaves relative or unstated; without `ref` such mentions stay unresolved (DESIGN.md: unresolved
beats wrong).

One combined regular expression, built once at import from lexicon/periods.json, is tried on the
lower-cased text at each token that can begin a period (a number, a month, "прошлого", "биыл", a
preposition followed by one of those...). At each place the first alternative that fits wins, so
alternatives are ordered from the most specific ("2019 жылдың 6-7 қарашасында") to the least
("2019 жылы"). Taking matches left to right makes the mentions ordered and non-overlapping.

Roles. A word before (Russian) or after (Kazakh) a period can change what it is:
- deadline ("до 2030 года", "к 2030 году", "2030 жылға дейін"): kind "deadline", is_deadline; the
  period fields describe the bound. A year as a deadline means its end: "до 2030 года" ->
  2030-12-31, as in policy targets, though "до" can strictly mean "before". A day as a deadline
  is that day ("до 1 июля 2025 года" -> 2025-07-01); a month or quarter, its last day.
  "к 2030 году" can also be a comparison base ("рост на 5% к 2017 году"); it is read as a
  deadline with extra["marker"] == "к", so a caller may flip it when the year is already past.
- since ("с 2020 года", "2020 жылдан бері", "за последние 17 лет", "соңғы 17 жылда",
  "с начала года"): kind "since"; it runs up to the document date, so it resolves only with `ref`.
- comparison ("по сравнению с аналогичным периодом 2021 года", "2017 жылға қарағанда"):
  is_comparison. "The same period" of a year carries no months of its own: kind "partial",
  months None, extra["same_period"] True; its months are those of the figure it is compared
  with, usually a partial-year mention earlier in the sentence. Copying them is the caller's
  job (`fill_same_period` does the usual case); until then `resolve` returns None for it.

Resolving without a stated year: year_rel counts from ref's year; a day or a single month takes
ref's year (it may be a planned event); a span of months, a quarter or a half whose last month is
after ref's month is last year's ("за 11 месяцев" in a January article: a reporting period that
cannot be this year's yet). Deadlines keep ref's year.

extra keys: "year_end" (last year of a multi-year span "2021-2025 годы"), "same_period",
"count"/"unit" (since: "за последние 17 лет" -> 17, "year"), "bound" (the kind a deadline or
since mention had before its role), "end_of" ("до конца ..."), "marker" (the role word).
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from importlib.resources import files

from bilateral.model import PeriodMention

__all__ = [
    "comparison_implies_year",
    "deadline_of",
    "fill_same_period",
    "find_periods",
    "resolve",
]

_LEX: dict = json.loads(
    files("bilateral.lexicon").joinpath("periods.json").read_text(encoding="utf-8")
)


def _norm(s: str) -> str:
    """Lookup key of a matched word: case and inner whitespace do not matter."""
    return " ".join(s.lower().split())


def _alt(words: Iterable[str]) -> str:
    """Alternation of literal words as a prefix tree, longest first ("он бір" beats "он").

    Python's re tries alternatives one by one; factoring prefixes lets a failing position be
    rejected on its first character instead of once per word, which is most of the speed.
    """
    trie: dict = {}
    for w in {_norm(x) for x in words}:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_re(trie)


def _trie_re(node: dict) -> str:
    branches = [
        (r"\s+" if ch == " " else re.escape(ch)) + _trie_re(child)
        for ch, child in sorted(node.items())
        if ch
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word ends here, but a longer one is tried first (greedy "?")
        body = body + "?" if len(branches) == 1 and len(body) == 1 else "(?:" + body + ")?"
    return body


def _table(groups: dict[str, list[str]]) -> dict[str, str]:
    return {_norm(w): role for role, ws in groups.items() for w in ws}


# --- lexicon ---------------------------------------------------------------------------------

_RU_MONTH: dict[str, int] = {_norm(f): m["n"] for m in _LEX["months"] for f in m["ru"]}
_KK_MONTH: dict[str, int] = {m["kk"]: m["n"] for m in _LEX["months"]}
_KK_AMBIGUOUS = frozenset(_LEX["kk_ambiguous_months"])
_KK_LOCATIVE = tuple(_LEX["kk_month_locative"])
_RU_CARD: dict[str, int] = {_norm(k): v for k, v in _LEX["ru_cardinals"].items()}
_RU_ORD: dict[str, int] = {_norm(k): v for k, v in _LEX["ru_ordinals"].items()}
_KK_ORD: dict[str, int] = dict(_LEX["kk_ordinals"])
_KK_CARD: dict[str, int] = dict(_LEX["kk_units"]) | dict(_LEX["kk_tens"])
for _t, _tv in _LEX["kk_tens"].items():
    for _u, _uv in _LEX["kk_units"].items():
        _KK_CARD[f"{_t} {_u}"] = _tv + _uv
_RU_REL: dict[str, int] = {
    _norm(w): int(r) for r, ws in _LEX["ru_relative_year"].items() for w in ws
}
_RU_ABBR: dict[str, int] = {_norm(k): v for k, v in _LEX["ru_relative_abbr"].items()}
_KK_REL: dict[str, int] = {
    _norm(w): int(r) for r, ws in _LEX["kk_relative_year"].items() for w in ws
}
_PRE_ROLE = _table(_LEX["ru_prefixes"])
_POST_ROLE = _table(_LEX["suffixes"])
_KK_STOP = frozenset(_LEX["kk_month_noun_stop"])
_RU_COUNT_LEADS = frozenset(_norm(w) for w in _LEX["ru_month_count_leads"])

# --- pattern ---------------------------------------------------------------------------------

_KL = "а-яёәғқңөұүһі"  # letters of a Kazakh or Russian ending (the text is lower-cased)
_E = r"(?![\w])"  # end of word
_YEAR = r"(?:19|20)\d\d(?!\d)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)"
_MCOUNT = r"(?:1[0-2]|0?[1-9])(?!\d)"
_ROMAN = r"(?:[iі]v|[iі]{1,3})"  # Latin I or Kazakh І, as both are typed (text is lower-cased)
_RU_MONTH_RE = rf"(?:{_alt(_RU_MONTH)}){_E}"
_KK_STEM = _alt(_KK_MONTH)
_KK_STEM_SAFE = _alt(k for k in _KK_MONTH if k not in _KK_AMBIGUOUS)
_KK_REL_RE = _alt(_KK_REL)
_RU_REL_RE = _alt(_RU_REL)
_RU_ABBR_RE = _alt(_RU_ABBR)
_RU_YEAR_NOUN = rf"(?:год(?:а|у|ом|ы|ов|ах|ам)?{_E}|гг?\.|г{_E})"
_KK_YEAR_NOUN = rf"(?:жыл[{_KL}]*|ж\.)"


def _ysa(p: str) -> str:
    """Year after a day, month or count (Russian order): "2023 года", "прошлого года", "т.г."."""
    return (
        rf"(?:(?P<{p}_y>{_YEAR})(?:-?го)?(?:\s*(?:года|году|год|г\.|г{_E}|{_KK_YEAR_NOUN}))?"
        rf"|(?P<{p}_rel>{_RU_REL_RE})\s+год(?:а|у)?{_E}|(?P<{p}_abbr>{_RU_ABBR_RE}))"
    )


def _ys(p: str) -> str:
    """Year before a day, month or count (Kazakh order): "2019 жылдың", "осы жылдың", "биылғы"."""
    return (
        rf"(?:(?:(?P<{p}_y>{_YEAR})(?:-|\s+)(?:жылдың|жылғы|жылы|ж\.)"
        rf"|(?P<{p}_rel>{_KK_REL_RE})|(?P<{p}_bare>жылдың))\s+)?"
    )


_SPECIALS = [
    # "до конца года" / "жыл соңына дейін": this year's end (the bare noun is no period alone).
    rf"(?P<s_eoy>(?:до|к)\s+конц[ау]\s+года{_E}|жыл(?:дың)?\s+(?:соңына|аяғына)\s+(?:дейін|қарай){_E})",
    rf"(?P<s_boy>(?:начиная\s+)?со?\s+начала\s+года{_E}|жыл(?:дың)?\s+басынан\s+(?:бері|бастап){_E})",
    # "с 2021 по 2025 год": a span, not "since 2021"; kept apart so the since-prefix cannot win.
    rf"(?P<s_yr>(?:начиная\s+)?со?\s+(?P<sy1>{_YEAR})(?:\s*(?:года|г\.|г{_E}))?\s*(?:по|до|-)\s*"
    rf"(?P<sy2>{_YEAR})(?:\s*{_RU_YEAR_NOUN})?)",
]

_CORES = [
    rf"(?P<c_nd>(?P<nd_d>{_DAY})\.(?P<nd_m>0?[1-9]|1[0-2])\.(?P<nd_y>{_YEAR})"
    rf"(?:\s*(?:г\.|года|году|ж\.|жыл[{_KL}]*))?)",
    rf"(?P<c_iso>(?P<iso_y>{_YEAR})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12]\d|3[01])(?!\d))",
    # Kazakh day: "2019 жылдың 6-7 қарашасында", "15 қазанда", "15-қазан"
    rf"(?P<c_kd>{_ys('kd')}(?P<kd_d1>{_DAY})(?:\s*-\s*(?P<kd_d2>{_DAY}))?"
    rf"(?:-?(?:ші|шы|інші|ыншы|нші|ншы))?(?:\s+|-)(?P<kd_m>{_KK_STEM})[{_KL}]*"
    rf"(?:\s+(?P<kd_ty>{_YEAR})(?:\s*{_KK_YEAR_NOUN})?)?(?:\s+күн[{_KL}]*)?)",
    # Kazakh day, month first: "қаңтардың 30-ы"
    rf"(?P<c_kd2>{_ys('kd2')}(?P<kd2_m>{_KK_STEM})(?:дың|дің|ның|нің|тың|тің)\s+(?P<kd2_d>{_DAY})"
    rf"-?(?:ы|і|сы|сі|ші|шы|інші|ыншы){_E}(?:\s+күн[{_KL}]*)?)",
    # Kazakh month span: "қаңтар-қыркүйек айларында", "қаңтардан қыркүйекке дейін"
    rf"(?P<c_kmr>{_ys('kmr')}(?:(?P<kmr_m1>{_KK_STEM})\s*-\s*(?P<kmr_m2>{_KK_STEM})[{_KL}]*"
    rf"(?:\s+(?:айлар|аралығ)[{_KL}]*)?|(?P<kmr_f1>{_KK_STEM})(?:дан|ден|нан|нен|тан|тен)\s+"
    rf"(?P<kmr_f2>{_KK_STEM})[{_KL}]{{0,3}}\s+дейін{_E}))",
    # Kazakh count of months: "осы жылдың сегіз айының", "алты айда"
    rf"(?P<c_kp>{_ys('kp')}(?:(?:алғашқы|бірінші)\s+)?(?:(?P<kp_n>{_MCOUNT})|(?P<kp_w>{_alt(_KK_CARD)}))"
    rf"(?:\s+|-)(?:{_alt(_LEX['kk_month_noun'])}){_E})",
    rf"(?P<c_kq>{_ys('kq')}(?:(?P<kq_o>{_alt(_KK_ORD)})\s+|(?P<kq_n>[1-4])(?:-?(?:ші|шы|інші|ыншы|нші))?"
    rf"(?:\s*-\s*|\s+)|(?P<kq_r>{_ROMAN})\s*-?\s*)тоқсан[{_KL}]*)",
    rf"(?P<c_kh>{_ys('kh')}(?:(?P<kh_o>{_alt(_KK_ORD)})\s+|(?P<kh_n>[12])(?:-?(?:ші|шы|інші|нші))?"
    rf"(?:\s*-\s*|\s+)|(?P<kh_r>{_ROMAN})\s*-?\s*)?(?P<kh_u>жартыжылдық[{_KL}]*|жартыжылдығ[{_KL}]*"
    rf"|жарты\s+жыл[{_KL}]*|жартысы[{_KL}]*))",
    rf"(?P<c_kyl>(?P<kyl1>{_YEAR})(?:\s*,\s*|\s+(?:және|мен)\s+)(?P<kyl2>{_YEAR})(?:-|\s+){_KK_YEAR_NOUN})",
    rf"(?P<c_ky>(?P<ky1>{_YEAR})(?:\s*-\s*(?P<ky2>{_YEAR}|\d\d(?!\d)))?(?:-|\s+){_KK_YEAR_NOUN})",
    rf"(?P<c_kl>соңғы\s+(?:(?P<kl_n>\d{{1,3}})(?!\d)|(?P<kl_w>{_alt(_KK_CARD)}))\s+(?P<kl_u>жыл|ай)[{_KL}]*"
    rf"(?:\s+(?:ішінде|бойы){_E})?)",
    rf"(?P<c_kr>{_KK_REL_RE}){_E}",
    # A lone Kazakh month; the ambiguous ones only with "айы"/"айында" (қазан 'cauldron').
    rf"(?P<c_km>{_ys('km')}(?:(?P<km_m>{_KK_STEM_SAFE})(?P<km_suf>[{_KL}]*)"
    rf"(?:\s+(?P<km_ay>айы[{_KL}]*|айында))?|(?P<km_m2>{_KK_STEM})[{_KL}]*\s+(?:айы[{_KL}]*|айында)))",
    # Russian day: "3 февраля 2023 года", "6-7 ноября", "с 3 по 5 февраля", "30 января - 2 февраля"
    rf"(?P<c_rd>(?P<rd_d1>{_DAY})(?:-?го)?(?:\s*(?:-|по)\s*(?P<rd_d2>{_DAY})(?:-?го)?)?\s*"
    rf"(?P<rd_m1>{_RU_MONTH_RE})(?:\s*-\s*(?P<rd_d3>{_DAY})\s*(?P<rd_m2>{_RU_MONTH_RE}))?"
    rf"(?:\s+{_ysa('rd')})?)",
    rf"(?P<c_rmr>(?P<rmr_m1>{_RU_MONTH_RE})\s*(?:-|по)\s*(?P<rmr_m2>{_RU_MONTH_RE})(?:\s+{_ysa('rmr')})?)",
    # Russian count: "11 месяцев прошлого года", "девяти месяцев", "17 лет" (the last only after
    # "за последние")
    rf"(?P<c_rp>(?:(?P<rp_first>первые|первых)\s+)?(?:(?P<rp_n>\d{{1,3}})(?!\d)(?:-?(?:ти|и|ми|х))?"
    rf"|(?P<rp_w>{_alt(_RU_CARD)}))\s+(?P<rp_u>{_alt(_LEX['ru_month_noun'])}|лет|года?){_E}"
    rf"(?:\s+{_ysa('rp')})?)",
    rf"(?P<c_rq>(?:(?P<rq_o>{_alt(_RU_ORD)})|(?P<rq_c>{_alt(_RU_CARD)})|(?P<rq_n>[1-4])"
    rf"(?:-?(?:й|го|м|ом|ый|ого))?|(?P<rq_r>{_ROMAN}))\s*(?P<rq_u>квартал(?:а|е|ом|ы|ов|ам|ах)?{_E}"
    rf"|кв\.(?!\s*(?:м|км){_E}))(?:\s+{_ysa('rq')})?)",
    rf"(?P<c_rh>(?:(?P<rh_o>{_alt(_RU_ORD)})\s+|(?P<rh_n>[12])(?:-?(?:е|ое|м|ом|го|ого))?\s+"
    rf"|(?P<rh_r>{_ROMAN})\s+)?(?P<rh_u>полугоди(?:е|я|и|ем|ю)|пол\s?года){_E}(?:\s+{_ysa('rh')})?)",
    rf"(?P<c_rs>(?:{_alt(_LEX['ru_same_period'])})\s+период(?:а|е|ом|у)?{_E}(?:\s+{_ysa('rs')})?)",
    rf"(?P<c_ryl>(?P<ryl1>{_YEAR})\s*(?:,|и)\s*(?P<ryl2>{_YEAR})\s*(?:годах|годы|годов|годам|гг\.))",
    rf"(?P<c_ry>(?P<ry1>{_YEAR})(?:\s*-\s*(?P<ry2>{_YEAR}|\d\d(?!\d)))?"
    rf"(?:-(?:м|й|го|му|х){_E}(?:\s*{_RU_YEAR_NOUN})?|\s*{_RU_YEAR_NOUN}))",
    rf"(?P<c_rr>(?P<rr_a>{_RU_REL_RE})\s+год(?:а|у|ом)?{_E}|(?P<rr_abbr>{_RU_ABBR_RE}))",
    rf"(?P<c_rm>(?P<rm_m>{_RU_MONTH_RE})(?:\s+{_ysa('rm')})?)",
]

_PRE = rf"(?:(?P<pre>{_alt(_PRE_ROLE)})\s+)?"
_POST = (
    rf"(?:\s+(?:(?P<post_same>(?:{_alt(_LEX['kk_same_period'])})\s+кезең[{_KL}]*"
    rf"(?:\s+(?:салыстырғанда|қарағанда){_E})?)|(?P<post>{_alt(_POST_ROLE)}){_E}))?"
)
# A period starts a word, but a digit may stick to a letter in scraped pages ("новости18апреля").
_LB = r"(?:(?<![\w.,/-])|(?<=[^\W\d_])(?=\d))"

_PATTERN = re.compile(rf"{_LB}(?:{'|'.join(_SPECIALS)}|{_PRE}(?:{'|'.join(_CORES)}){_POST})")
_NAMES = [n for n in _PATTERN.groupindex if n.startswith(("s_", "c_"))]
_INDEX = [(_PATTERN.groupindex[n], n) for n in _NAMES]

# --- parsing helpers -------------------------------------------------------------------------


def _int(g: str | None) -> int | None:
    return int(g) if g else None


def _which(g, prefix: str, ordinals: dict[str, int]) -> int | None:
    """A quarter's or half's number, written as an ordinal word, a digit or a Roman numeral
    (groups PREFIX_o, PREFIX_n, PREFIX_r)."""
    if g(f"{prefix}_o"):
        return ordinals[_norm(g(f"{prefix}_o"))]
    if g(f"{prefix}_n"):
        return int(g(f"{prefix}_n"))
    if g(f"{prefix}_r"):
        return _roman(g(f"{prefix}_r"))
    return None


def _roman(g: str) -> int:
    g = g.upper().replace("І", "I")
    return 4 if g == "IV" else len(g)


def _kk_month(word: str) -> int:
    w = word.lower()
    for stem, n in _KK_MONTH.items():
        if w.startswith(stem):
            return n
    raise KeyError(word)


def _valid_day(year: int | None, month: int, day: int) -> bool:
    return day <= calendar.monthrange(year or 2000, month)[1]  # 2000: a leap year allows 29 Feb


def _ysa_year(m: re.Match, p: str) -> tuple[int | None, int | None, bool]:
    """(year, year_rel, present) of a `_ysa` group."""
    if y := m.group(f"{p}_y"):
        return int(y), None, True
    if r := m.group(f"{p}_rel"):
        return None, _RU_REL[_norm(r)], True
    if a := m.group(f"{p}_abbr"):
        return None, _RU_ABBR[_norm(a)], True
    return None, None, False


def _ys_year(m: re.Match, p: str) -> tuple[int | None, int | None, bool]:
    """(year, year_rel, present) of a `_ys` group; bare "жылдың" is present but fixes nothing."""
    if y := m.group(f"{p}_y"):
        return int(y), None, True
    if r := m.group(f"{p}_rel"):
        return None, _KK_REL[_norm(r)], True
    return None, None, m.group(f"{p}_bare") is not None


def _year_span(y1: int, y2: str | None) -> int | None:
    """Last year of "2021-2025" or "2021-25"; None when it is not after the first."""
    if not y2:
        return y1
    end = int(y2) if len(y2) == 4 else y1 // 100 * 100 + int(y2)
    return end if end > y1 else None


_WORD_AFTER = re.compile(rf"\s*([{_KL}]+)")


def _next_word(text: str, pos: int) -> str:
    w = _WORD_AFTER.match(text, pos)
    return w.group(1).lower() if w else ""


# A parsed core: kind and the fields of PeriodMention; "range" marks a span ("с 3 по 5"), for
# which a leading "с" means "from", not "since".
_Parsed = dict


def _core(name: str, m: re.Match, pre: str | None, text: str) -> _Parsed | list[_Parsed] | None:
    """Fields of the matched alternative `name`; None when context rejects it, so that a later
    token may begin another reading; [] for a date that cannot exist ("31 февраля"), which is
    consumed so that its month is not read as a period of its own."""
    g = m.group
    if name == "s_eoy":
        return {"kind": "relative_year", "year_rel": 0, "role": "deadline_end"}
    if name == "s_boy":
        return {"kind": "relative_year", "year_rel": 0, "role": "since"}
    if name == "s_yr":
        y1 = int(g("sy1"))
        end = _year_span(y1, g("sy2"))
        return None if end is None else {"kind": "year", "year": y1, "year_end": end, "range": True}
    if name in ("c_nd", "c_iso"):
        p = "nd" if name == "c_nd" else "iso"
        y, mo, d = int(g(f"{p}_y")), int(g(f"{p}_m")), int(g(f"{p}_d"))
        if not _valid_day(y, mo, d):
            return []
        return {"kind": "day", "year": y, "months": (mo, mo), "days": (d, d)}
    if name in ("c_kd", "c_kd2"):
        p = name[2:]
        year, rel, _ = _ys_year(m, p)
        if p == "kd":
            d1, d2, mo = int(g("kd_d1")), _int(g("kd_d2")) or int(g("kd_d1")), _kk_month(g("kd_m"))
            if g("kd_ty"):
                year, rel = int(g("kd_ty")), None
        else:
            d1 = d2 = int(g("kd2_d"))
            mo = _kk_month(g("kd2_m"))
        if d2 < d1 or not _valid_day(year, mo, d2):
            return []
        return {
            "kind": "day",
            "year": year,
            "year_rel": rel,
            "months": (mo, mo),
            "days": (d1, d2),
            "range": d2 != d1,
        }
    if name == "c_kmr":
        year, rel, _ = _ys_year(m, "kmr")
        a, b = (g("kmr_m1"), g("kmr_m2")) if g("kmr_m1") else (g("kmr_f1"), g("kmr_f2"))
        m1, m2 = _kk_month(a), _kk_month(b)
        if m2 < m1:
            return None
        return {"kind": "partial", "year": year, "year_rel": rel, "months": (m1, m2), "range": True}
    if name == "c_kp":
        year, rel, ys = _ys_year(m, "kp")
        n = int(g("kp_n")) if g("kp_n") else _KK_CARD[_norm(g("kp_w"))]
        if not 2 <= n <= 12 or (not ys and _next_word(text, m.end()) in _KK_STOP):
            return None
        return {"kind": "partial", "year": year, "year_rel": rel, "months": (1, n)}
    if name == "c_kq":
        year, rel, _ = _ys_year(m, "kq")
        q = _which(g, "kq", _KK_ORD)
        if q is None or not 1 <= q <= 4:
            return None
        return {"kind": "quarter", "year": year, "year_rel": rel, "months": (3 * q - 2, 3 * q)}
    if name == "c_kh":
        year, rel, ys = _ys_year(m, "kh")
        h = _which(g, "kh", _KK_ORD)
        unit = g("kh_u").lower()
        # "жарты жыл" alone is a duration and "жартысы" alone is half of anything.
        if (h is None and not (ys and not unit.startswith("жарты "))) or (
            unit.startswith("жартысы") and not ys
        ):
            return None
        h = h or 1
        if h not in (1, 2):
            return None
        return {
            "kind": "half",
            "year": year,
            "year_rel": rel,
            "months": (1, 6) if h == 1 else (7, 12),
        }
    if name in ("c_kyl", "c_ryl"):
        p = name[2:]
        y1, y2 = int(g(f"{p}1")), int(g(f"{p}2"))
        return [
            {"kind": "year", "year": y1, "start": m.start(), "end": m.end(f"{p}1")},
            {"kind": "year", "year": y2, "start": m.start(f"{p}2"), "end": m.end(name)},
        ]
    if name in ("c_ky", "c_ry"):
        p = name[2:]
        y1 = int(g(f"{p}1"))
        end = _year_span(y1, g(f"{p}2"))
        if end is None:
            return None
        out: _Parsed = {"kind": "year", "year": y1}
        if end != y1:
            out.update(year_end=end, range=True)
        return out
    if name == "c_kl":
        n = int(g("kl_n")) if g("kl_n") else _KK_CARD[_norm(g("kl_w"))]
        return {
            "kind": "since",
            "count": n,
            "unit": "year" if g("kl_u").lower() == "жыл" else "month",
            "role": "last",
        }
    if name == "c_kr":
        return {"kind": "relative_year", "year_rel": _KK_REL[_norm(g("c_kr"))]}
    if name == "c_km":
        year, rel, ys = _ys_year(m, "km")
        if g("km_m2"):
            return {
                "kind": "partial",
                "year": year,
                "year_rel": rel,
                "months": (_kk_month(g("km_m2")),) * 2,
            }
        suf = g("km_suf").lower()
        if not (ys or g("km_ay") or suf.endswith(_KK_LOCATIVE)):
            return None
        return {
            "kind": "partial",
            "year": year,
            "year_rel": rel,
            "months": (_kk_month(g("km_m")),) * 2,
        }
    if name == "c_rd":
        year, rel, _ = _ysa_year(m, "rd")
        d1, m1 = int(g("rd_d1")), _RU_MONTH[_norm(g("rd_m1"))]
        if g("rd_m2"):
            d2, m2 = int(g("rd_d3")), _RU_MONTH[_norm(g("rd_m2"))]
            if m2 <= m1:
                return None
        else:
            d2, m2 = _int(g("rd_d2")) or d1, m1
            if d2 < d1:
                return None
        if not (_valid_day(year, m1, d1) and _valid_day(year, m2, d2)):
            return []
        return {
            "kind": "day",
            "year": year,
            "year_rel": rel,
            "months": (m1, m2),
            "days": (d1, d2),
            "range": (m1, d1) != (m2, d2),
        }
    if name == "c_rmr":
        year, rel, _ = _ysa_year(m, "rmr")
        m1, m2 = _RU_MONTH[_norm(g("rmr_m1"))], _RU_MONTH[_norm(g("rmr_m2"))]
        if m2 <= m1:
            return None
        return {"kind": "partial", "year": year, "year_rel": rel, "months": (m1, m2), "range": True}
    if name == "c_rp":
        year, rel, ysa = _ysa_year(m, "rp")
        n = int(g("rp_n")) if g("rp_n") else _RU_CARD[_norm(g("rp_w"))]
        unit = g("rp_u").lower()
        role = _PRE_ROLE.get(_norm(pre)) if pre else None
        if role == "last":
            return {
                "kind": "since",
                "count": n,
                "unit": "month" if unit.startswith("мес") else "year",
                "role": "last",
            }
        if not unit.startswith("мес") or not 2 <= n <= 12:
            return None
        if not (ysa or g("rp_first") or (pre and _norm(pre) in _RU_COUNT_LEADS)):
            return None  # "в течение 6 месяцев": a duration
        return {"kind": "partial", "year": year, "year_rel": rel, "months": (1, n)}
    if name == "c_rq":
        year, rel, _ = _ysa_year(m, "rq")
        unit = g("rq_u").lower()
        if g("rq_c") or (
            g("rq_n") and pre and _norm(pre) == "за" and unit in ("квартала", "кварталов")
        ):
            # "за три квартала", "за 3 квартала": the first n quarters together
            n = _RU_CARD[_norm(g("rq_c"))] if g("rq_c") else int(g("rq_n"))
            if not 2 <= n <= 4:
                return None
            return {"kind": "partial", "year": year, "year_rel": rel, "months": (1, 3 * n)}
        q = _which(g, "rq", _RU_ORD)
        if q is None or not 1 <= q <= 4:
            return None
        return {"kind": "quarter", "year": year, "year_rel": rel, "months": (3 * q - 2, 3 * q)}
    if name == "c_rh":
        year, rel, ysa = _ysa_year(m, "rh")
        h = _which(g, "rh", _RU_ORD)
        unit = g("rh_u").lower()
        if h is None and (unit.startswith("пол ") or unit == "полгода" or not (pre or ysa)):
            return None  # "полгода" alone is a duration
        h = h or 1
        if h not in (1, 2):
            return None
        return {
            "kind": "half",
            "year": year,
            "year_rel": rel,
            "months": (1, 6) if h == 1 else (7, 12),
        }
    if name == "c_rs":
        year, rel, _ = _ysa_year(m, "rs")
        return {
            "kind": "partial",
            "year": year,
            "year_rel": rel,
            "same_period": True,
            "role": "comparison",
        }
    if name == "c_rr":
        if g("rr_abbr"):
            return {"kind": "relative_year", "year_rel": _RU_ABBR[_norm(g("rr_abbr"))]}
        return {"kind": "relative_year", "year_rel": _RU_REL[_norm(g("rr_a"))]}
    if name == "c_rm":
        year, rel, ysa = _ysa_year(m, "rm")
        if not (ysa or pre):
            return None  # "Марта" is also a name
        mo = _RU_MONTH[_norm(g("rm_m"))]
        return {"kind": "partial", "year": year, "year_rel": rel, "months": (mo, mo)}
    raise AssertionError(name)


def _build(
    p: _Parsed, m: re.Match, text: str, role: str | None, marker: str | None
) -> PeriodMention:
    """Apply the role word to a parsed core and make the record."""
    kind = p["kind"]
    role = p.get("role") or role
    if role == "last" and kind != "since":
        role = None  # "за последние" only makes a count of years or months a "since"
    if role == "since" and (p.get("range") or m.group(0).endswith(("годом", "периодом"))):
        # "с 3 по 5 февраля" is a span; "с прошлым годом" is the tail of a comparison
        role = "comparison" if not p.get("range") else None
    extra: dict = {}
    for k in ("year_end", "same_period", "count", "unit"):
        if k in p:
            extra[k] = p[k]
    if p.get("same_period"):
        role = "comparison"
    is_deadline = is_comparison = False
    if role in ("deadline", "deadline_end"):
        extra["bound"] = kind
        if role == "deadline_end":
            extra["end_of"] = True
        kind, is_deadline = "deadline", True
    elif role in ("since", "last"):
        if kind != "since":
            extra["bound"] = kind
        kind = "since"
    elif role == "comparison":
        is_comparison = True
    if marker and role:
        extra["marker"] = _norm(marker)
    start, end = p.get("start", m.start()), p.get("end", m.end())
    return PeriodMention(
        kind=kind,
        start=start,
        end=end,
        text=text[start:end],
        year=p.get("year"),
        year_rel=p.get("year_rel"),
        months=p.get("months"),
        days=p.get("days"),
        is_deadline=is_deadline,
        is_comparison=is_comparison,
        extra=extra,
    )


# --- scanning --------------------------------------------------------------------------------

# Matching is tried only where a token that can begin a period starts: a number, a Roman numeral
# or one of these words. Scanning every position costs ten times as much; the tests check that
# both ways find the same. A word that starts a new kind of period must be added here.
_TRIGGERS = frozenset(
    [w.split()[0] for w in [*_RU_REL, *_KK_REL, *_RU_CARD, *_RU_ORD, *_KK_CARD, *_KK_ORD]]
    + [w.split()[0].split(".")[0] for w in [*_RU_ABBR, *_RU_MONTH, *_LEX["ru_same_period"]]]
    + ["жыл", "жылдың", "соңғы", "алғашқы", "бірінші", "пол", "полгода"]
    + ["i", "ii", "iii", "iv", "і", "іі", "ііі", "іv"]
)
_TRIGGER_STEMS = (*_KK_MONTH, "жарты", "полугоди")
_STEM_HEADS = frozenset(w[:4] for w in _TRIGGER_STEMS)  # a cheap test before startswith
# Prepositions ("в", "на", "по итогам") are everywhere; they are worth a match only when what
# follows them can begin a period ("года" for "до конца года", "с начала года").
_PREFIX_FIRST = (
    frozenset(w.split()[0] for ws in _LEX["ru_prefixes"].values() for w in ws) - _TRIGGERS
)
_PREFIX = re.compile(rf"(?:{_alt(_PRE_ROLE)}|до\s+конца|со?\s+начала)\s+")
_TOKEN = re.compile(r"\d+|[^\W\d_]+")
# Other dashes become "-" and letters lower case, one character for one, so offsets still hold.
_DASH_CHARS = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_DASH = re.compile(f"[{_DASH_CHARS}]")


def _fold(text: str) -> str:
    if _DASH.search(text):
        for c in _DASH_CHARS:
            text = text.replace(c, "-")
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer ("İ"): keep it as it is
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low


def _is_trigger(tok: str) -> bool:
    return (
        tok in _TRIGGERS
        or tok[0] in "0123456789"
        or (tok[:4] in _STEM_HEADS and tok.startswith(_TRIGGER_STEMS))
    )


def _starts(scan: str, every_word: bool) -> list[int]:
    """Offsets where a period may begin: every token start, or only the promising ones."""
    out = []
    triggers, heads, stems, prefix_first = _TRIGGERS, _STEM_HEADS, _TRIGGER_STEMS, _PREFIX_FIRST
    for t in _TOKEN.finditer(scan):
        tok = t.group()
        if (
            every_word
            or tok in triggers
            or tok[0] in "0123456789"
            or (tok[:4] in heads and tok.startswith(stems))
        ):
            out.append(t.start())
        elif tok in prefix_first and (p := _PREFIX.match(scan, t.start())):
            nxt = _TOKEN.match(scan, p.end())
            if nxt and (_is_trigger(nxt.group()) or nxt.group() == "года"):
                out.append(t.start())
    return out


def find_periods(text: str) -> list[PeriodMention]:
    """Time expressions in `text`, in order, non-overlapping, unresolved (no document date
    needed)."""
    return _find(text, every_word=False)


def _find(text: str, every_word: bool) -> list[PeriodMention]:
    out: list[PeriodMention] = []
    scan = _fold(text)
    pos = 0
    match = _PATTERN.match
    for start in _starts(scan, every_word):
        if start < pos or (m := match(scan, start)) is None:
            continue
        regs = m.regs
        name = next(nm for i, nm in _INDEX if regs[i][0] != -1)
        pre, post = m.group("pre"), m.group("post")
        parsed = _core(name, m, pre, scan)
        if parsed is None:
            continue  # context said no; a later token may still start another reading
        if post and (_POST_ROLE[_norm(post)] != "plain" or not pre):
            role, marker = _POST_ROLE[_norm(post)], post
        elif m.group("post_same"):
            role, marker = "comparison", m.group("post_same")
            for p in parsed if isinstance(parsed, list) else [parsed]:
                p["same_period"] = True
                if p["kind"] == "year":
                    p["kind"] = "partial"  # the same months of that year, not the whole year
        elif pre:
            role, marker = _PRE_ROLE[_norm(pre)], pre
        else:
            role = marker = None
        for p in parsed if isinstance(parsed, list) else [parsed]:
            out.append(_build(p, m, text, role, marker))
        pos = m.end()
    return out


# --- resolution ------------------------------------------------------------------------------

_PARTS = ("partial", "quarter", "half")  # kinds that are parts of a year


def _last_day(y: int, mo: int) -> int:
    return calendar.monthrange(y, mo)[1]


def _year_of(m: PeriodMention, ref: date | None) -> int | None:
    """The (first) year of a mention; ref.year stands in only where the text leaves it open.

    A reporting period (months, quarter, half) without a year that ends after ref's month cannot
    have been reported yet this year ("за 11 месяцев" in a January article), so it is last
    year's. A day, a single month or a deadline takes ref's year as it is: the text may speak of
    the future ("6-7 ноября пройдёт форум").
    """
    if m.year is not None:
        return m.year
    if ref is None:
        return None
    if m.year_rel is not None:
        return ref.year + m.year_rel
    if m.kind in _PARTS and m.months and m.months[0] != m.months[1] and m.months[1] > ref.month:
        return ref.year - 1
    return ref.year


def _span(m: PeriodMention, year: int) -> tuple[date, date] | None:
    try:
        if m.months is None:
            return date(year, 1, 1), date(m.extra.get("year_end", year), 12, 31)
        m1, m2 = m.months
        y2 = year if m2 >= m1 else year + 1  # "30 декабря - 2 января"
        if m.days is None:
            return date(year, m1, 1), date(y2, m2, _last_day(y2, m2))
        return date(year, m1, m.days[0]), date(y2, m2, m.days[1])
    except ValueError:  # 29 February of a common year
        return None


def _minus(ref: date, years: int = 0, months: int = 0) -> date:
    total = ref.year * 12 + ref.month - 1 - years * 12 - months
    y, mo = divmod(total, 12)
    mo += 1
    return date(y, mo, min(ref.day, _last_day(y, mo)))


def _resolve_since(m: PeriodMention, ref: date | None) -> tuple[date, date] | None:
    """From the stated start up to the document date; unknowable without that date."""
    if ref is None:
        return None
    if "count" in m.extra:
        n = m.extra["count"]
        start = _minus(ref, months=n) if m.extra.get("unit") == "month" else _minus(ref, years=n)
        return start, ref
    year = m.year if m.year is not None else ref.year + (m.year_rel or 0)
    mo = m.months[0] if m.months else 1
    day = m.days[0] if m.days else 1
    try:
        start = date(year, mo, day)
    except ValueError:
        return None
    return (start, ref) if start <= ref else None


def resolve(m: PeriodMention, ref: date | None) -> tuple[date, date] | None:
    """The span the mention covers, resolving relative years against `ref` (the document date);
    None when the text does not fix the year and there is no ref.

    A deadline resolves to its bound ("до конца 2027 года" -> all of 2027; `deadline_of` takes the
    end). "The same period" of a year resolves only once its months are filled in.
    """
    if m.kind == "since":
        return _resolve_since(m, ref)
    if m.extra.get("same_period") and m.months is None:
        return None
    year = _year_of(m, ref)
    return None if year is None else _span(m, year)


def deadline_of(m: PeriodMention, ref: date | None) -> date | None:
    """For deadline mentions ("до конца 2027 года", "2030 жылға дейін"): the last day."""
    if not m.is_deadline:
        return None
    span = resolve(m, ref)
    return span[1] if span else None


def comparison_implies_year(mentions: Sequence[PeriodMention]) -> int | None:
    """The year of the current period implied by "compared with the same period of year Y": Y + 1.

    Only same-period comparisons count: they are year-on-year by definition, whereas
    "по сравнению с 2010 годом" may span any number of years.
    """
    for m in mentions:
        if m.is_comparison and m.extra.get("same_period") and m.year is not None:
            return m.year + 1
    return None


def fill_same_period(mentions: Sequence[PeriodMention]) -> list[PeriodMention]:
    """Give each "same period of Y" comparison the months of the period it is compared with.

    That is the nearest partial year, quarter or half before it in the list (one sentence), or
    failing that the nearest after it: "за 11 месяцев прошлого года ... по сравнению с
    аналогичным периодом 2021 года" -> months (1, 11) of 2021.
    """
    out = list(mentions)
    for i, m in enumerate(out):
        if not (m.extra.get("same_period") and m.months is None):
            continue
        before = [x for x in out[:i] if x.months and not x.is_comparison and x.kind in _PARTS]
        after = [x for x in out[i + 1 :] if x.months and not x.is_comparison and x.kind in _PARTS]
        src = before[-1] if before else after[0] if after else None
        if src is not None:
            out[i] = replace(m, kind=src.kind, months=src.months, extra=dict(m.extra))
    return out
