"""How a record reads in one line: shared by the CLI's listings, the web pages, the charts and
the checks' explanations, so a figure, a period or a pair of parties is written the same way
everywhere."""

from __future__ import annotations

from datetime import date, timedelta

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
UNIT_SHOWN = {"percent": "%", "count": "", None: ""}


def describe_event(e: dict) -> str:
    """One line for an event: type, status, date, place, who, framework, what was signed."""
    parts = [e["type"], e["status"], when(e) or "undated", e["place"] or "",
             ", ".join(e["participants"]), e["framework"] or "",
             "signed: " + ", ".join(e["signed"]) if e.get("signed") else ""]
    return " · ".join(p for p in parts if p)


def describe_fact(f: dict) -> str:
    """One line a reader can check against the sentence."""
    period = f["period"]
    span = f"{period['start']}..{period['end']}" if period else (
        f"period ? ({f['period_text']})" if f["period_text"] else "no period")
    parts = [f["kind"], f["indicator"], f["measure"], f"{format_value(f['value'])} {f['unit']}",
             f["approx"], f["status"] or "", parties(f), span,
             f"by {f['deadline']}" if f["deadline"] else ""]
    return " · ".join(p for p in parts if p)


def format_value(value: float) -> str:
    """18.5e9 as "18.5 bn", 24000 as "24 000": how a reader writes figures."""
    for scale, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "mn")):
        if abs(value) >= scale:
            return f"{value / scale:g} {word}"
    return f"{value:,.10g}".replace(",", " ")


def money(value: float, unit: str) -> str:
    return f"{format_value(value)} {unit}"


def show_value(value: float, unit: str | None) -> str:
    """A number with its unit as a reader writes it: "18.5 bn USD", "4.5 %", "117"."""
    shown = UNIT_SHOWN.get(unit, unit)
    return f"{format_value(value)} {shown}".strip()


def fact_value(r: dict) -> str:
    """A fact's or claim's value with its qualifier and what it measures: "about 6 bn USD",
    "+4.5 %" for growth, "18 % share", "over 20 000 jobs"."""
    shown = show_value(r["value"], r["unit"])
    if r["measure"] == "growth_pct" and r["value"] > 0:
        shown = "+" + shown
    elif r["measure"] == "share_pct":
        shown += " share"
    approx = r.get("approx")
    return f"{approx} {shown}" if approx and approx != "exact" else shown


def parties(r: dict) -> str:
    """Who a figure is about: "RU→KZ" for a flow with a direction, else "KZ–RU"."""
    if r.get("direction"):
        return "→".join(r["direction"])
    return "–".join(r.get("parties") or [])


def part_of_year(period: dict) -> str | None:
    """Which part of a calendar year a period covers: "year", "H1", "Q3", "Jan–Sep", "Mar";
    None for a period that is not whole months of one year."""
    start, end = date.fromisoformat(period["start"]), date.fromisoformat(period["end"])
    if start.year != end.year or start.day != 1 or (end + timedelta(days=1)).day != 1:
        return None
    first, last = start.month, end.month
    if (first, last) == (1, 12):
        return "year"
    if last - first == 5 and first in (1, 7):
        return f"H{first // 6 + 1}"
    if last - first == 2 and first % 3 == 1:
        return f"Q{first // 3 + 1}"
    if first == last:
        return MONTHS[first - 1]
    return f"{MONTHS[first - 1]}–{MONTHS[last - 1]}"


def period_label(period: dict) -> str:
    """A period as a reader writes it: "2023", "2024 H1", "2024 Jan–Sep", "2005–2022"."""
    part = part_of_year(period)
    start, end = period["start"], period["end"]
    if part:
        return start[:4] if part == "year" else f"{start[:4]} {part}"
    if start[4:] == "-01-01" and end[4:] == "-12-31":
        return f"{start[:4]}–{end[:4]}"
    return start if start == end else f"{start}..{end}"


def when(r: dict | None) -> str:
    """A record's time: its period, its day or days, the date it holds as of, its deadline;
    for a fact whose period the text leaves open, "?" and the phrase; else nothing."""
    if not r:
        return ""
    if r.get("period"):
        return period_label(r["period"])
    if r.get("date"):
        d = r["date"]
        return d["start"] if d["start"] == d["end"] else f"{d['start']}..{d['end']}"
    if r.get("as_of"):
        return f"as of {r['as_of']}"
    if r.get("deadline"):
        return f"by {r['deadline']}"
    return f"? {r['period_text']}" if r.get("period_text") else ""
