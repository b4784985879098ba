"""How a record reads in one line: shared by the CLI's tables, the web pages and the checks'
explanations, so a figure is written the same way everywhere."""

from __future__ import annotations


def describe_event(e: dict) -> str:
    """One line for an event: type, status, date, place, who, framework, what was signed."""
    when = e["date"]
    day = (when["start"] if when["start"] == when["end"] else f"{when['start']}..{when['end']}"
           ) if when else "undated"
    parts = [e["type"], e["status"], day, e["place"] or "", ", ".join(e["participants"]),
             e["framework"] or "", "signed: " + ", ".join(e["signed"]) if e.get("signed") else ""]
    return " · ".join(p for p in parts if p)


def describe_fact(f: dict) -> str:
    """One line a reader can check against the sentence."""
    period = f["period"]
    when = f"{period['start']}..{period['end']}" if period else (
        f"period ? ({f['period_text']})" if f["period_text"] else "no period")
    who = "→".join(f["direction"]) if f["direction"] else "–".join(f["parties"] or [])
    parts = [f["kind"], f["indicator"], f["measure"], f"{format_value(f['value'])} {f['unit']}",
             f["approx"], f["status"] or "", who, when,
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
