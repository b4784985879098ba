"""Scoring a store against gold files in the format of ../shared/gold.

Match rule (DESIGN.md): same doc_id, kind, indicator, measure, and value within 0.5 %; then
period, approx, status, direction and deadline are checked on the matches. Loose scores count
matches; strict scores count matches whose checked attributes are all right.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

KEY = ("doc_id", "kind", "indicator", "measure")
CHECKED = ("period", "approx", "status", "direction", "deadline")
REPORTED = (*CHECKED, "parties")
TOLERANCE = 0.005


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class FactReport:
    loose: Score
    strict: Score
    attributes: dict[str, float]
    misses: list[dict] = field(default_factory=list)
    extras: list[dict] = field(default_factory=list)
    wrong: list[dict] = field(default_factory=list)  # matched, with the attributes that differ

    def as_dict(self) -> dict:
        return {"loose": self.loose.as_dict(), "strict": self.strict.as_dict(),
                "attributes": self.attributes, "misses": self.misses, "extras": self.extras,
                "wrong": self.wrong}


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]


def _value_close(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE * max(abs(b), 1e-9)


def _same(attr: str, system: dict, gold: dict) -> bool:
    return system.get(attr) == gold.get(attr)


def score_facts(system: list[dict], gold: list[dict]) -> FactReport:
    docs = {g["doc_id"] for g in gold}
    system = [f for f in system if f["doc_id"] in docs]
    used: set[int] = set()
    loose, strict = Score(), Score()
    right = {a: 0 for a in REPORTED}
    matched = 0
    report = FactReport(loose, strict, {})
    # required gold first, so an optional one never takes a required one's match
    for g in sorted(gold, key=lambda g: bool(g.get("optional"))):
        candidates = [
            i for i, f in enumerate(system) if i not in used
            and all(f.get(k) == g.get(k) for k in KEY) and _value_close(f["value"], g["value"])
        ]
        if not candidates:
            if not g.get("optional"):
                loose.fn += 1
                strict.fn += 1
                report.misses.append(g)
            continue
        best = max(candidates, key=lambda i: sum(_same(a, system[i], g) for a in CHECKED))
        used.add(best)
        if g.get("optional"):
            continue
        f = system[best]
        loose.tp += 1
        matched += 1
        for a in REPORTED:
            right[a] += _same(a, f, g)
        differ = [a for a in CHECKED if not _same(a, f, g)]
        if differ:
            strict.fn += 1
            strict.fp += 1
            report.wrong.append({"gold": g, "system": f, "differ": differ})
        else:
            strict.tp += 1
    for i, f in enumerate(system):
        if i not in used:
            loose.fp += 1
            strict.fp += 1
            report.extras.append(f)
    report.attributes = {a: round(right[a] / matched, 4) if matched else 0.0 for a in REPORTED}
    return report


def _slot_names(slot) -> set[str]:
    return set(slot) if isinstance(slot, list) else {slot}


def _fits(value, gold) -> bool:
    """A gold attribute: "any" (not scored), a list of acceptable values, or one value."""
    if gold == "any":
        return True
    if isinstance(gold, list) and gold and all(isinstance(x, str) for x in gold):
        return value in gold
    return value == gold


def score_persons(system: dict[str, set[str]], gold: list[dict]) -> tuple[Score, list, list]:
    """Per document: each gold slot (a name or its acceptable spellings) against the people
    the store links to that document; optional slots count neither way."""
    sc = Score()
    misses, extras = [], []
    for g in gold:
        found = set(system.get(g["doc_id"], set()))
        for slot in g.get("persons", []):
            names = _slot_names(slot)
            if found & names:
                sc.tp += 1
                found -= names
            else:
                sc.fn += 1
                misses.append((g["doc_id"], sorted(names)))
        for slot in g.get("optional", []):
            found -= _slot_names(slot)
        sc.fp += len(found)
        extras.extend((g["doc_id"], name) for name in sorted(found))
    return sc, misses, extras


EVENT_ATTRS = ("status", "date", "place", "participants", "framework")


def _participants_fit(system: list[str], gold: list) -> bool:
    left = set(system)
    for slot in gold:
        names = _slot_names(slot)
        if not left & names:
            return False
        left -= names
    return not left


def _event_attr(attr: str, e: dict, g: dict) -> bool:
    if attr == "participants":
        return _participants_fit(e.get("participants", []), g.get("participants", []))
    return _fits(e.get(attr), g.get(attr))


def score_events(system: list[dict], gold: list[dict]) -> dict:
    """Match on doc_id and type (the best candidate by agreeing attributes), then check
    status, date, place, participants and framework on the matches."""
    docs = {g["doc_id"] for g in gold}
    system = [e for e in system if e["doc_id"] in docs]
    used: set[int] = set()
    sc = Score()
    right = dict.fromkeys(EVENT_ATTRS, 0)
    misses, wrong = [], []
    for g in sorted(gold, key=lambda g: bool(g.get("optional"))):
        cands = [i for i, e in enumerate(system) if i not in used
                 and e["doc_id"] == g["doc_id"] and e["type"] == g["type"]]
        if not cands:
            if not g.get("optional"):
                sc.fn += 1
                misses.append(g)
            continue
        best = max(cands, key=lambda i: sum(_event_attr(a, system[i], g) for a in EVENT_ATTRS))
        used.add(best)
        if g.get("optional"):
            continue
        sc.tp += 1
        differ = [a for a in EVENT_ATTRS if not _event_attr(a, system[best], g)]
        for a in EVENT_ATTRS:
            right[a] += a not in differ
        if differ:
            wrong.append({"gold": g, "system": system[best], "differ": differ})
    extras = [e for i, e in enumerate(system) if i not in used]
    sc.fp += len(extras)
    return {"score": sc, "attributes": {a: round(right[a] / sc.tp, 4) if sc.tp else 0.0
                                        for a in EVENT_ATTRS},
            "misses": misses, "extras": extras, "wrong": wrong}
