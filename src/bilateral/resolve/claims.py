"""Claims: the facts of many documents that report the same thing, with all their sources.

Facts are blocked by what they report (indicator, measure, kind, unit, status, direction,
parties) and by when: the period for flows, the document's date ("as of": published, or the
date its own text fixes) for stock figures such as projects implemented, the deadline for
targets. Within a block, values that agree
after rounding and qualifiers are one claim; values that do not make the claim a conflict,
each value kept with its sources and dates. A fact with neither period nor date cannot be
placed in time, so it stays a claim of its own. Copies of one article (see duplicates.py)
count once.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field

from bilateral.resolve.values import value_range

STOCK_INDICATORS = {"coop_projects", "border_checkpoints"}


@dataclass
class Claim:
    key: tuple
    facts: list[dict] = field(default_factory=list)
    published: dict[str, str | None] = field(default_factory=dict)

    @property
    def conflict(self) -> bool:
        """Whether two sources disagree. Intervals on a line meet pairwise exactly when the
        highest low end stays under the lowest high end, so one pass does it."""
        ranges = [_range(f) for f in self.independent()]
        return bool(ranges) and max(r.low for r in ranges) > min(r.high for r in ranges)

    def independent(self) -> list[dict]:
        """One fact per group of copied documents."""
        seen: set[str] = set()
        out = []
        for f in self.facts:
            group = f.get("_copy_of") or f["doc_id"]
            if group not in seen:
                seen.add(group)
                out.append(f)
        return out

    def record(self) -> dict:
        first = self.facts[0]
        sources = [{"doc_id": f["doc_id"], "fact_id": f["fact_id"], "value": f["value"],
                    "approx": f["approx"], "published": self.published.get(f["doc_id"]),
                    "lang": f["evidence"]["lang"], "copy_of": f.get("_copy_of")}
                   for f in self.facts]
        values = sorted({f["value"] for f in self.facts})
        rec = {
            "claim_id": claim_id(self.key),
            "indicator": first["indicator"], "measure": first["measure"], "kind": first["kind"],
            "period": first["period"],
            "as_of": self.key[-1] if self.key[-2] == "as_of" else None,
            "status": first["status"], "direction": first["direction"],
            "parties": first["parties"], "deadline": first["deadline"], "unit": first["unit"],
            "value": _agreed_value(self.independent()), "values": values,
            "sources": sources, "independent_sources": len(self.independent()),
            "conflict": self.conflict,
        }
        return rec


def _range(f: dict):
    return value_range(f["value"], f["approx"], f.get("_surface"))


def _agreed_value(facts: list[dict]) -> float:
    """The value most sources state (ties: the most precise, then the earliest)."""
    counts: dict[float, int] = defaultdict(int)
    for f in facts:
        counts[f["value"]] += 1
    return max(counts, key=lambda v: (counts[v], len(repr(v)), -facts.index(
        next(f for f in facts if f["value"] == v))))


def _is_stock(f: dict) -> bool:
    return f["indicator"] in STOCK_INDICATORS and f["kind"] == "figure" and not f["period"]


def claim_key(f: dict, published: str | None) -> tuple:
    base = (f["kind"], f["indicator"], f["measure"], f["unit"], f["status"],
            json.dumps(f["direction"]), json.dumps(f["parties"]))
    if f["kind"] == "target":
        return (*base, "deadline", f["deadline"])
    if f["period"]:
        return (*base, "period", f["period"]["start"], f["period"]["end"])
    if _is_stock(f) and published:
        return (*base, "as_of", published)
    return (*base, "fact", f["fact_id"])  # not placed in time: its own claim


def claim_id(key: tuple) -> str:
    return hashlib.sha256(json.dumps(key, ensure_ascii=False).encode()).hexdigest()[:16]


def build_claims(facts: list[dict], published: dict[str, str | None],
                 copies: dict[str, str] | None = None,
                 surfaces: dict[str, str] | None = None,
                 as_of: dict[str, str | None] | None = None) -> list[Claim]:
    """Group facts into claims. `copies`: doc_id -> the document it copies; `surfaces`:
    fact_id -> the number as written, for its rounding; `as_of`: doc_id -> the date its stock
    figures hold (default: publication)."""
    copies = copies or {}
    surfaces = surfaces or {}
    as_of = as_of or published
    blocks: dict[tuple, Claim] = {}
    order = sorted(facts, key=lambda f: (published.get(f["doc_id"]) or "9999", f["doc_id"],
                                         f["fact_id"]))
    for f in order:
        f = {**f, "_copy_of": copies.get(f["doc_id"]), "_surface": surfaces.get(f["fact_id"])}
        key = claim_key(f, as_of.get(f["doc_id"]))
        claim = blocks.setdefault(key, Claim(key, published=published))
        claim.facts.append(f)
    return sorted(blocks.values(), key=lambda c: (c.facts[0]["indicator"],
                                                  json.dumps(c.key, ensure_ascii=False)))
