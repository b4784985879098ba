"""One meeting reported by several outlets, in either language, is one event with its sources.

Events are blocked by type family (a meeting, talks and a visit can be one story) and joined
when they share a participant, their dates do not contradict each other and neither do their
places; two undated, placeless reports join only when they name the same two people or more.
"""

from __future__ import annotations

from collections import defaultdict

_FAMILY = {"meeting": "meet", "visit": "meet", "call": "call",
           "commission_session": "session", "forum": "forum"}


def _overlap(a: dict | None, b: dict | None) -> bool | None:
    if not a or not b:
        return None
    return a["start"] <= b["end"] and b["start"] <= a["end"]


def _compatible(a: dict, b: dict) -> bool:
    if a["status"] != b["status"]:
        return False
    dates = _overlap(a["date"], b["date"])
    if dates is False:
        return False
    if a["place"] and b["place"] and a["place"] != b["place"]:
        return False
    shared = set(a["participants"]) & set(b["participants"])
    if a["framework"] and b["framework"] and a["framework"] != b["framework"]:
        return False
    if dates or (a["place"] and a["place"] == b["place"]):
        return bool(shared) or not (a["participants"] and b["participants"])
    return len(shared) >= 2 or bool(a["framework"] and a["framework"] == b["framework"]
                                    and shared)


def merge_events(events: list[dict], published: dict[str, str | None]) -> list[dict]:
    blocks: dict[str, list[dict]] = defaultdict(list)
    for e in sorted(events, key=lambda e: (published.get(e["doc_id"]) or "9999",
                                           e["doc_id"], e["event_id"])):
        blocks[_FAMILY.get(e["type"], e["type"])].append(e)
    merged: list[dict] = []
    for family_events in blocks.values():
        groups: list[dict] = []
        for e in family_events:
            target = next((g for g in groups if any(_compatible(e, x) for x in g["members"])),
                          None)
            if target is None:
                groups.append({"members": [e]})
            else:
                target["members"].append(e)
        merged.extend(_record(g["members"], published) for g in groups)
    return sorted(merged, key=lambda r: ((r["date"] or {}).get("start") or "9999", r["type"]))


def _record(members: list[dict], published: dict[str, str | None]) -> dict:
    first = members[0]
    participants: list[str] = []
    for e in members:
        participants += [p for p in e["participants"] if p not in participants]
    dated = [e["date"] for e in members if e["date"]]
    narrowest = min(dated, key=lambda d: (d["end"] > d["start"], d["start"])) if dated else None
    return {
        "event_id": first["event_id"], "type": first["type"], "status": first["status"],
        "date": narrowest, "place": next((e["place"] for e in members if e["place"]), None),
        "participants": participants,
        "framework": next((e["framework"] for e in members if e["framework"]), None),
        "sources": [{"doc_id": e["doc_id"], "event_id": e["event_id"],
                     "published": published.get(e["doc_id"]), "lang": e["evidence"]["lang"]}
                    for e in members],
    }
