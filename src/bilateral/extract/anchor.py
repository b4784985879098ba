"""The date a document speaks from, when no reader gave one.

"в прошлом году" or "30 января" mean nothing without the article's date. Many copied texts
lose it, but the text itself can still fix it, and only then do we use it:
- figures reported for the first N months of year Y are known, so a yearless day-month
  ("30 января") that dates the article falls in the first such day after that period
  (seed 003: 10 months of 2024 known, "30 января" -> 2025-01-30);
- an event announced as still ahead with a full date fixes the year the article speaks in
  (seed 000: the forum "2019 жылдың 6-7 қарашасында ... өтеді" -> 2019);
- "this period" compared with "the same period of Y" puts the article in year Y+1.
Anything else leaves the document undated: unresolved beats wrong.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from bilateral.extract import periods as P
from bilateral.model import Document, PeriodMention

# Wording that puts an event ahead of the article (kk and ru).
_AHEAD = re.compile(
    r"(?<!\w)(?:өтеді|өтпек|өткізіледі|өткізілмек|ұйымдастырылады|жоспарлануда|состоится|"
    r"пройд[её]т|будет\s+проведен\w*|планируется|запланирован\w*|намечен\w*)(?!\w)",
    re.IGNORECASE,
)


def _end_of(m: PeriodMention) -> date | None:
    span = P.resolve(m, None)
    return span[1] if span else None


def reference_date(doc: Document) -> date | None:
    if doc.published:
        return doc.published
    mentions = [(s, m) for s in doc.sentences for m in P.find_periods(s.text)]
    # 1. the newest period whose figures the text reports with an explicit year
    known = [e for _, m in mentions
             if m.kind in ("partial", "quarter", "half", "year") and m.year and not m.is_deadline
             and (e := _end_of(m)) is not None and m.months and m.months != (1, 12)]
    yearless_days = [m for _, m in mentions if m.kind == "day" and m.year is None
                     and m.year_rel is None and m.months and m.days]
    if known and yearless_days:
        after = max(known)
        m = yearless_days[0]
        for year in (after.year, after.year + 1):
            try:
                candidate = date(year, m.months[0], m.days[0])
            except ValueError:
                continue
            if candidate > after and candidate - after < timedelta(days=366):
                return candidate
    # 2. one fully dated event still ahead
    ahead = {(m.year, m.months[0], m.days[0]) for s, m in mentions
             if m.kind == "day" and m.year and m.months and m.days and _AHEAD.search(s.text)}
    dated_years = {m.year for _, m in mentions if m.kind == "day" and m.year}
    if len(ahead) == 1 and len(dated_years) == 1:
        y, mo, d = next(iter(ahead))
        try:
            return date(y, mo, d)
        except ValueError:
            return None
    # 3. this period against the same period of a named year
    for s in doc.sentences:
        found = P.find_periods(s.text)
        year = P.comparison_implies_year(found)
        if year is not None:
            rel = next((m.year_rel for m in found if m.year_rel is not None), 0)
            return date(year - rel, 12, 31)
    return None
