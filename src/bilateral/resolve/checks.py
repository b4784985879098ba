"""Consistency checks over claims: does the arithmetic the sources imply add up?

- growth against levels: a growth rate for a period against the values of that period and of
  its base ($16.4 bn in 2017 x 1.131 = $18.55 bn, reported $18.5 bn: consistent);
- parts against wholes: implemented + ongoing + pipeline projects against a stated total;
- partial year against full year: eight months cannot exceed the year;
- targets against the latest figures: how far a target stands from the latest annual level.
Each check names its facts and documents and says in one line why it passes or fails. Checks
run within a document and across documents alike: they read claims, which span both.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from bilateral.display import money
from bilateral.resolve.claims import Claim
from bilateral.resolve.values import value_range


@dataclass(frozen=True)
class Check:
    name: str
    status: str  # pass | fail
    facts: tuple[str, ...]
    doc_ids: tuple[str, ...]
    explanation: str

    def record(self) -> dict:
        return {"name": self.name, "status": self.status, "facts": list(self.facts),
                "doc_ids": list(self.doc_ids), "explanation": self.explanation}


def _ids(claims: list[Claim]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    facts = tuple(f["fact_id"] for c in claims for f in c.facts)
    docs = tuple(sorted({f["doc_id"] for c in claims for f in c.facts}))
    return facts, docs


def _series_key(c: Claim) -> tuple:
    f = c.facts[0]
    return (f["indicator"], f["unit"], f["status"], str(f["direction"]), str(f["parties"]))


def _period(c: Claim) -> tuple[str, str] | None:
    p = c.facts[0]["period"]
    return (p["start"], p["end"]) if p else None


def _range_of(c: Claim):
    f = c.facts[0]
    return value_range(f["value"], f["approx"], f.get("_surface"))


def growth_against_levels(claims: list[Claim]) -> list[Check]:
    levels: dict[tuple, dict[tuple, Claim]] = defaultdict(dict)
    for c in claims:
        f = c.facts[0]
        if f["kind"] == "figure" and f["measure"] == "value" and _period(c):
            levels[_series_key(c)][_period(c)] = c
    out = []
    for c in claims:
        f = c.facts[0]
        base = f.get("base") or {}
        if f["measure"] != "growth_pct" or not _period(c) or not base.get("period"):
            continue
        series = next((v for k, v in levels.items() if k[0] == f["indicator"]
                       and k[2:] == (f["status"], str(f["direction"]), str(f["parties"]))),
                      None)
        if not series:
            continue
        now = series.get(_period(c))
        before = series.get((base["period"]["start"], base["period"]["end"]))
        if not now or not before:
            continue
        unit = now.facts[0]["unit"]
        g = f["value"]
        lo, hi = _range_of(before), _range_of(now)
        # the growth rate is rounded too: half its last digit
        g_step = 0.05 if round(g, 1) == g else 0.5
        expected_lo = lo.low * (1 + (g - g_step) / 100)
        expected_hi = lo.high * (1 + (g + g_step) / 100)
        ok = expected_lo <= hi.high and hi.low <= expected_hi
        expected = before.facts[0]["value"] * (1 + g / 100)
        rounded = float(f"{expected:.4g}")  # "18.55 bn", as a reader would write it
        facts, docs = _ids([before, c, now])
        out.append(Check(
            "growth_against_levels", "pass" if ok else "fail", facts, docs,
            f"{money(before.facts[0]['value'], unit)} ({base['period']['start'][:4]}) x "
            f"{1 + g / 100:.4g} = {money(rounded, unit)}; reported "
            f"{money(now.facts[0]['value'], unit)} ({_period(c)[0][:4]}): "
            + ("consistent" if ok else "does not add up")))
    return out


def parts_against_whole(claims: list[Claim]) -> list[Check]:
    """Projects by status against the stated total, in one document at one date."""
    groups: dict[tuple, dict[str, Claim]] = defaultdict(dict)
    for c in claims:
        for f in c.facts:
            if f["indicator"] == "coop_projects" and f["kind"] == "figure" and f["status"]:
                groups[(f["doc_id"], f["measure"], f["unit"])][f["status"]] = c
    out = []
    for (_doc, measure, _unit), by_status in sorted(groups.items()):
        total = by_status.get("total")
        parts = [by_status[s] for s in ("implemented", "ongoing", "pipeline") if s in by_status]
        if not total or not parts:
            continue
        low = sum(_range_of(p).low for p in parts)
        whole = _range_of(total)
        ok = low <= whole.high
        listed = " + ".join(f"{p.facts[0]['value']:g} {p.facts[0]['status']}" for p in parts)
        facts, docs = _ids([*parts, total])
        out.append(Check(
            "parts_against_whole", "pass" if ok else "fail", facts, docs,
            f"{listed} = {sum(p.facts[0]['value'] for p in parts):g} against a total of "
            f"{total.facts[0]['value']:g} {measure}: "
            + ("within the total" if ok else "the parts exceed the whole")))
    return out


def partial_against_full_year(claims: list[Claim]) -> list[Check]:
    full: dict[tuple, Claim] = {}
    partial: list[Claim] = []
    for c in claims:
        f = c.facts[0]
        p = _period(c)
        if f["kind"] != "figure" or f["measure"] != "value" or not p:
            continue
        start, end = date.fromisoformat(p[0]), date.fromisoformat(p[1])
        if start.year != end.year or start.month != 1 or start.day != 1:
            continue
        if (end.month, end.day) == (12, 31):
            full[(*_series_key(c), start.year)] = c
        else:
            partial.append(c)
    out = []
    for c in partial:
        year = int(_period(c)[0][:4])
        whole = full.get((*_series_key(c), year))
        if not whole:
            continue
        ok = _range_of(c).low <= _range_of(whole).high
        unit = c.facts[0]["unit"]
        facts, docs = _ids([c, whole])
        out.append(Check(
            "partial_against_full_year", "pass" if ok else "fail", facts, docs,
            f"{money(c.facts[0]['value'], unit)} for {_period(c)[0]}..{_period(c)[1]} against "
            f"{money(whole.facts[0]['value'], unit)} for {year}: "
            + ("part within the year" if ok else "a part of the year exceeds the whole year")))
    return out


def targets_against_latest(claims: list[Claim]) -> list[Check]:
    annual: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        f = c.facts[0]
        if f["kind"] == "figure" and f["measure"] == "value" and _period(c):
            annual[(f["indicator"], f["unit"], str(f["parties"]))].append(c)
    out = []
    for c in claims:
        f = c.facts[0]
        if f["kind"] != "target" or f["measure"] != "value":
            continue
        series = annual.get((f["indicator"], f["unit"], str(f["parties"])))
        if not series:
            continue
        latest = max(series, key=lambda x: _period(x)[1])
        lv = latest.facts[0]["value"]
        ok = f["value"] >= _range_of(latest).low
        gap = (f["value"] / lv - 1) * 100 if lv else 0.0
        facts, docs = _ids([c, latest])
        by = f" by {f['deadline']}" if f["deadline"] else ""
        out.append(Check(
            "target_against_latest", "pass" if ok else "fail", facts, docs,
            f"target {money(f['value'], f['unit'])}{by} is {gap:+.0f} % against the latest "
            f"figure {money(lv, f['unit'])} ({_period(latest)[0]}..{_period(latest)[1]})"
            + ("" if ok else ": the target is already below the reported level")))
    return out


CHECKS = (growth_against_levels, parts_against_whole, partial_against_full_year,
          targets_against_latest)


def run_checks(claims: list[Claim]) -> list[Check]:
    out: list[Check] = []
    for check in CHECKS:
        out.extend(check(claims))
    return out
