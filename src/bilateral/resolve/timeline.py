"""Timelines: how one indicator moved, point by point, each point with its sources.

One series per indicator, measure, status and parties (and direction for flows with one).
Flows are placed by their period (2017, 2018, January–August 2019 ...), stock figures such as
projects implemented by their as-of date (the publication date). A point whose sources
disagree carries a conflict mark and every value.
"""

from __future__ import annotations

import json
from collections import defaultdict

from bilateral.resolve.claims import Claim

UNIT_LABEL = {"USD": "US dollars", "EUR": "euros", "RUB": "roubles", "KZT": "tenge",
              "percent": "%", "count": "count", "jobs": "jobs"}


def series(claims: list[Claim], indicator: str, measure: str | None = None) -> list[dict]:
    """Series of an indicator, each {"key": {...}, "points": [...]}, points in time order."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for c in claims:
        r = c.record()
        if r["indicator"] != indicator or r["kind"] != "figure":
            continue
        if measure and r["measure"] != measure:
            continue
        when = r["period"]["end"] if r["period"] else r["as_of"]
        if when is None:
            continue  # not placed in time: not on a timeline
        key = (r["measure"], r["unit"], r["status"], json.dumps(r["direction"]),
               json.dumps(r["parties"]))
        groups[key].append({
            "period": r["period"], "as_of": r["as_of"], "at": when, "value": r["value"],
            "values": r["values"], "conflict": r["conflict"], "sources": r["sources"],
            "approx": sorted({s["approx"] for s in r["sources"]}),
        })
    out = []
    for key, points in sorted(groups.items()):
        m, unit, status, direction, parties = key
        out.append({
            "key": {"indicator": indicator, "measure": m, "unit": unit, "status": status,
                    "direction": json.loads(direction), "parties": json.loads(parties)},
            "points": sorted(points, key=lambda p: (p["at"], p["period"]["start"]
                                                    if p["period"] else "")),
        })
    return out


def label(p: dict) -> str:
    if p["period"]:
        s, e = p["period"]["start"], p["period"]["end"]
        if s[5:] == "01-01" and e[5:] == "12-31" and s[:4] == e[:4]:
            return s[:4]
        return f"{s[:7]}..{e[:7]}"
    return f"as of {p['as_of']}"


def draw(all_series: list[dict], path: str) -> None:
    """A chart of the series (PNG or SVG by the file name), axes labelled with units."""
    import matplotlib

    matplotlib.use("Agg")
    from datetime import date

    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 4.5))
    units = set()
    for s in all_series:
        k = s["key"]
        xs = [date.fromisoformat(p["at"]) for p in s["points"]]
        scale = 1e9 if k["unit"] in ("USD", "EUR", "RUB", "KZT") else 1
        ys = [p["value"] / scale for p in s["points"]]
        name = " ".join(x for x in (k["measure"], k["status"] or "",
                                    "–".join(k["parties"] or k["direction"] or [])) if x)
        ax.plot(xs, ys, marker="o", label=name)
        for x, y, p in zip(xs, ys, s["points"], strict=True):
            ax.annotate(label(p) + (" (conflict)" if p["conflict"] else ""), (x, y),
                        textcoords="offset points", xytext=(0, 6), ha="center", fontsize=7,
                        color="red" if p["conflict"] else "black")
        units.add(("bn " if scale == 1e9 else "") + UNIT_LABEL.get(k["unit"], k["unit"]))
    ax.set_xlabel("end of period / as-of date")
    ax.set_ylabel(", ".join(sorted(units)))
    if all_series:
        ax.set_title(all_series[0]["key"]["indicator"])
        ax.legend(fontsize=7)
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
