"""Timelines: how one indicator moved, point by point, each point with its sources.

A line joins only values that cover the same part of a year. Nine months of 2024 are not a
fall from all of 2023, so full years form one series, January–September of each year
another, each half and each quarter their own (compared with the same part of other years).
Series are kept apart by indicator, measure, status and parties (and direction for flows)
too. A flow is drawn across the period it covers, its marker in the middle; a stock figure
such as projects implemented stands at the date it holds as of (stated or published). A
figure with neither period nor date is not placed on any line: it is listed beside them.
A point whose sources disagree carries a conflict mark and every value.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date

from bilateral.display import MONTHS, part_of_year, parties, show_value, when
from bilateral.resolve.claims import Claim

UNIT_LABEL = {"USD": "US dollars", "EUR": "euros", "RUB": "roubles", "KZT": "tenge",
              "percent": "%", "count": "count", "jobs": "jobs"}
YEAR, AS_OF = "year", "as of"


def span_of(r: dict) -> str | None:
    """What part of time a point covers, the same for every year: "year", "H1", "Jan–Sep",
    "as of" for a stock figure; None when the record is not placed in time."""
    p = r["period"]
    if p:
        part = part_of_year(p)
        if part:
            return part
        start, end = date.fromisoformat(p["start"]), date.fromisoformat(p["end"])
        if p["start"][4:] == "-01-01" and p["end"][4:] == "-12-31":
            return f"{end.year - start.year + 1} years"
        return f"{p['start'][5:]}..{p['end'][5:]}" + (
            f" +{end.year - start.year}y" if end.year != start.year else "")
    return AS_OF if r.get("as_of") else None


def span_order(span: str) -> tuple:
    """Full years first, then parts of a year by their first month, then the rest."""
    if span == YEAR:
        return (0, 0, span)
    first = span[:3]
    if span[0] in "HQ" and span[1:].isdigit():
        return (1, (int(span[1]) - 1) * (6 if span[0] == "H" else 3), span)
    if first in MONTHS:
        return (1, MONTHS.index(first), span)
    return (2 if span != AS_OF else 3, 0, span)


def timeline(claims: list[Claim], indicator: str, measure: str | None = None) -> dict:
    """{"indicator", "series": [{"key", "name", "points"}], "unplaced": [claims]}: the
    series in a stable order (values before rates, full years before parts), points in time
    order; "unplaced" the figures that no line can hold."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    unplaced = []
    for c in claims:
        r = c.record()
        if r["indicator"] != indicator or r["kind"] != "figure":
            continue
        if measure and r["measure"] != measure:
            continue
        span = span_of(r)
        if span is None:
            unplaced.append({**r, "period_text": c.facts[0].get("period_text")})
            continue
        start, end = ((r["period"]["start"], r["period"]["end"]) if r["period"]
                      else (r["as_of"], r["as_of"]))
        key = (r["measure"], r["unit"], r["status"] or "", json.dumps(r["direction"]),
               json.dumps(r["parties"]), span)
        groups[key].append({
            "period": r["period"], "as_of": r["as_of"], "start": start, "end": end,
            "at": _middle(start, end), "value": r["value"], "values": r["values"],
            "conflict": r["conflict"], "sources": r["sources"],
            "approx": sorted({s["approx"] for s in r["sources"]}),
        })
    out = []
    for key in sorted(groups, key=lambda k: (*k[:5], span_order(k[5]))):
        m, unit, status, direction, who, span = key
        k = {"indicator": indicator, "measure": m, "unit": unit, "status": status or None,
             "direction": json.loads(direction), "parties": json.loads(who), "span": span}
        out.append({"key": k, "name": series_name(k),
                    "points": sorted(groups[key], key=lambda p: (p["start"], p["end"]))})
    return {"indicator": indicator, "measure": measure, "series": out, "unplaced": unplaced}


def series_name(k: dict) -> str:
    span = {YEAR: "full year", AS_OF: "as of date"}.get(k["span"], k["span"])
    return " · ".join(x for x in (k["measure"], k["status"] or "", parties(k), span) if x)


def _middle(start: str, end: str) -> str:
    a, b = date.fromisoformat(start), date.fromisoformat(end)
    return date.fromordinal((a.toordinal() + b.toordinal()) // 2).isoformat()


def draw(tl: dict, path: str) -> None:
    """A chart of the series (PNG or SVG by the file name), axes labelled with units: each
    value drawn across the period it covers, one line per part of the year, and the figures
    with no period listed beside the chart."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10, 4.8))
    units = set()
    for s in tl["series"]:
        k = s["key"]
        scale = 1e9 if k["unit"] in ("USD", "EUR", "RUB", "KZT") else 1
        xs = [date.fromisoformat(p["at"]) for p in s["points"]]
        ys = [p["value"] / scale for p in s["points"]]
        (line,) = ax.plot(xs, ys, marker="o", label=s["name"],
                          linestyle="-" if k["span"] in (YEAR, AS_OF) else "--")
        for x, y, p in zip(xs, ys, s["points"], strict=True):
            if p["start"] != p["end"]:  # the stretch of time the value covers
                ax.hlines(y, date.fromisoformat(p["start"]), date.fromisoformat(p["end"]),
                          colors=line.get_color(), linewidth=5, alpha=0.25)
            ax.annotate(when(p) + (" (conflict)" if p["conflict"] else ""), (x, y),
                        textcoords="offset points", xytext=(0, 6), ha="center", fontsize=7,
                        color="red" if p["conflict"] else "black")
        units.add(("bn " if scale == 1e9 else "") + UNIT_LABEL.get(k["unit"], k["unit"]))
    ax.set_xlabel("period covered (marker: its middle) / as-of date")
    ax.set_ylabel(", ".join(sorted(units)))
    ax.set_title(tl["indicator"])
    if all(p["value"] >= 0 for s in tl["series"] for p in s["points"]):
        ax.set_ylim(bottom=0)  # a cut axis makes a small change look like a fall
    if tl["series"]:
        ax.legend(fontsize=7)
    if tl["unplaced"]:
        fig.subplots_adjust(right=0.7)
        fig.text(0.72, 0.88, "not placed in time:\n" + "\n".join(
            f"{show_value(u['value'], u['unit'])} {parties(u)} · "
            f"{', '.join(x['doc_id'] for x in u['sources'])}"[:48]
            for u in tl["unplaced"][:20]), va="top", fontsize=7)
    fig.autofmt_xdate()
    fig.savefig(path, bbox_inches="tight")
    plt.close(fig)
