"""Events: who met whom, when, where and in what framework.

A trigger ("встретился", "кездесуі өтті", "рабочий визит", "Үкіметаралық комиссияның
отырысы", "форумы өтеді") opens an event in its sentence; tense and wording say whether it
was held or is planned; the place is a gazetteer place in a locative or directional form
("Сочиде", "в Астане", "в Москву"), never a capital in the nominative standing for its
government; a body after "в рамках"/"аясында" is the framework, not an event of its own.
Later triggers of the same story (the talks during a visit, the headline of a meeting) merge
into the first. Direct speech is not read for events: leaders quote past visits loosely.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib.resources import files

from bilateral.extract import periods as P
from bilateral.extract.entities import Link, gazetteer
from bilateral.model import Document, Sentence
from bilateral.text import metadata

_FLAGS = re.IGNORECASE | re.UNICODE
# a place name in a locative or directional form: Kazakh -да/-де/-та/-те/-нда/-нде,
# "X қаласында", Russian "в/во X" (in, to)
_KK_LOCATIVE = re.compile(r"^\S*?(?:да|де|та|те|нда|нде|ға|ге|қа|ке)$", _FLAGS)
_KK_CITY_WORD = re.compile(r"^\s*(?:\([^)]*\)\s*)?(?:қаласы\w*|облысы\w*|өңірі\w*)", _FLAGS)
_RU_PREP = re.compile(r"(?<!\w)(?:в|во|на)\s+(?:город\w*\s+)?$", _FLAGS)
_QUOTE = '"'


@cache
def _lexicon() -> dict:
    data = json.loads(files("bilateral.lexicon").joinpath("events.json").read_text("utf-8"))

    def rx(patterns: list[str]) -> re.Pattern:
        alt = "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?:{alt})(?!\w)", _FLAGS)

    return {
        "triggers": {k: rx(v) for k, v in data["triggers"].items()},
        "type_priority": data["type_priority"],
        "held": rx(data["held"]),
        "planned": rx(data["planned"]),
        "not_events": rx(data["not_events"]),
        "framework": rx(data["framework_markers"]),
        "non_participant": rx(data["non_participant_markers"]),
        "participation": rx(data["participation"]),
        "signed": {k: rx(v) for k, v in data["signed"].items()},
        "signing": rx(data["signing"]),
    }


@dataclass
class _Event:
    type: str
    status: str
    sentence: Sentence
    trigger: tuple[int, int]
    date: dict | None = None
    place: str | None = None
    participants: list[str] = field(default_factory=list)
    framework: str | None = None
    signed: list[str] = field(default_factory=list)


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Stretches of direct speech (normalised quotes come in pairs)."""
    pos = [i for i, ch in enumerate(text) if ch == _QUOTE]
    return [(pos[k], pos[k + 1]) for k in range(0, len(pos) - 1, 2)]


def _inside(spans: list[tuple[int, int]], i: int) -> bool:
    return any(a < i < b for a, b in spans)


def _trigger(text: str) -> tuple[str, int, int] | None:
    lex = _lexicon()
    quotes = [q for q in _quoted_spans(text) if q[1] - q[0] > 60]  # speech, not a title
    hits = []
    for rank, kind in enumerate(lex["type_priority"]):
        for m in lex["triggers"][kind].finditer(text):
            if not _inside(quotes, m.start()):
                hits.append((rank, m.start(), kind, m.end()))
    if not hits:
        return None
    framed = [h for h in hits if _is_framework(text, h[1])]
    real = [h for h in hits if h not in framed] or []
    if not real:
        return None
    rank, start, kind, end = min(real)
    return kind, start, end


def _is_framework(text: str, pos: int) -> bool:
    """"в рамках заседания ЕМПС" / "кеңес жұмысы аясында": the session frames another event."""
    lex = _lexicon()
    before = text[max(0, pos - 40):pos]
    after = text[pos:pos + 80]
    if lex["framework"].search(before):
        return True
    return bool(re.match(r"^\S+(?:\s+\S+){0,3}?\s+(?:аясында|шеңберінде)", after, _FLAGS))


def _status(text: str) -> str:
    lex = _lexicon()
    planned = lex["planned"].search(text)
    held = lex["held"].search(text)
    if planned and (not held or planned.start() > held.start() or "шешім" in planned.group()):
        return "planned"
    return "held"


def _place(text: str, links: list[Link]) -> str | None:
    g = gazetteer()
    for link in links:
        entry = g.entries.get(link.entity_id)
        if entry is None or entry.type != "place":
            continue
        last = link.surface.split()[-1]
        if (_RU_PREP.search(text, max(0, link.start - 40), link.start)
                or _KK_LOCATIVE.match(last) or _KK_CITY_WORD.match(text[link.end:link.end + 200])):
            return entry.name
    return None


def _known_place(name: str) -> str | None:
    """A dateline place the gazetteer knows (the pipeline already gave it its name)."""
    g = gazetteer()
    return name if any(e.type == "place" and e.name == name for e in g.entries.values()) \
        else None


def _framework(text: str, links: list[Link], kind: str) -> str | None:
    g = gazetteer()
    bodies = [g.entries[x.entity_id] for x in links
              if g.entries.get(x.entity_id) and g.entries[x.entity_id].type == "org"]
    if not bodies:
        return None
    lex = _lexicon()
    for b in bodies:
        if kind in ("commission_session", "forum") and _body_fits(b.name, kind):
            return b.name
    for x in links:
        e = g.entries.get(x.entity_id)
        if e and e.type == "org" and (lex["framework"].search(text[max(0, x.start - 60):x.start])
                                      or re.match(r"^[^.]{0,40}?(?:аясында|шеңберінде)",
                                                  text[x.end:x.end + 60], _FLAGS)):
            return e.name
    return None


def _body_fits(name: str, kind: str) -> bool:
    low = name.lower()
    return ("commission" in low) if kind == "commission_session" else ("forum" in low)


def _participants(text: str, links: list[Link]) -> list[str]:
    g = gazetteer()
    lex = _lexicon()
    cut = lex["non_participant"].search(text)
    out: list[str] = []
    for x in links:
        e = g.entries.get(x.entity_id)
        if e is None or e.type != "person" or (cut and x.start > cut.start()):
            continue
        if e.name not in out:
            out.append(e.name)
    return out


def _date(s: Sentence, kind: str, ref: date | None, doc: Document, dateline: dict | None,
          is_first: bool) -> dict | None:
    text = s.text
    for m in P.find_periods(text):
        if m.is_deadline or m.is_comparison or m.kind == "since":
            continue
        if m.kind in ("day", "year", "partial") or m.days:
            span = P.resolve(m, ref)
            if span:
                return {"start": span[0].isoformat(), "end": span[1].isoformat()}
    if is_first and dateline:
        return dateline
    return None


def _signed(text: str) -> list[str]:
    lex = _lexicon()
    if not lex["signing"].search(text):
        return []
    return [k for k, rx in lex["signed"].items() if rx.search(text)]


def event_id(record: dict) -> str:
    key = {k: record[k] for k in ("doc_id", "type", "status", "date", "place", "participants",
                                  "framework")}
    blob = json.dumps(key, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:16]


def _dateline_date(doc: Document, ref: date | None) -> dict | None:
    """The dateline's day ("Алматы - 3 февраля /KZinform/"), when the year is known."""
    for s in doc.sentences[:3]:
        m = metadata.dateline(s.text)
        if m and m.group("date"):
            for pm in P.find_periods(m.group("date")):
                span = P.resolve(pm, ref)
                if span and pm.kind == "day":
                    return {"start": span[0].isoformat(), "end": span[1].isoformat()}
    return None


def extract_events(doc: Document, links: dict[int, list[Link]], ref: date | None) -> list[dict]:
    """Events of a document; `links` maps sentence index to its entity links."""
    lex = _lexicon()
    dateline = _dateline_date(doc, ref)
    events: list[_Event] = []
    for s in doc.sentences:
        text = s.text
        found = _trigger(text)
        if not found:
            continue
        kind, a, b = found
        if lex["not_events"].search(text[max(0, a - 80):b + 10]):
            continue
        sl = links.get(s.idx, [])
        ev = _Event(kind, _status(text), s, (a, b))
        ev.participants = _participants(text, sl)
        if not ev.participants and s.idx + 1 < len(doc.sentences):
            nxt = doc.sentences[s.idx + 1]
            if lex["participation"].search(nxt.text):
                ev.participants = _participants(nxt.text, links.get(nxt.idx, []))
        ev.place = _place(text, sl)
        ev.framework = _framework(text, sl, kind)
        ev.date = _date(s, kind, ref, doc, dateline, is_first=not events)
        ev.signed = _signed(text)
        if not events and ev.place is None and ev.status == "held" and dateline and doc.place:
            ev.place = _known_place(doc.place)  # the dateline: where the story was filed
        merged = _merge_into(events, ev)
        if not merged:
            events.append(ev)
    return [_record(doc, e) for e in events]


def _merge_into(events: list[_Event], ev: _Event) -> bool:
    """A later mention of the same story completes the first instead of adding an event."""
    for e in events:
        same_people = bool(set(ev.participants) & set(e.participants)) or not ev.participants \
            or not e.participants
        talks = ev.type == "meeting" and e.type in ("meeting", "visit", "commission_session")
        if (ev.type == e.type or talks) and same_people and ev.status == e.status and (
            ev.date is None or e.date is None or ev.date == e.date
        ) and (ev.framework in (None, e.framework) or e.framework is None):
            if len(e.participants) < 2 or set(e.participants) < set(ev.participants):
                e.participants += [p for p in ev.participants if p not in e.participants]
            e.place = e.place or ev.place
            e.date = e.date or ev.date
            e.framework = e.framework or ev.framework
            e.signed += [x for x in ev.signed if x not in e.signed]
            return True
    # signing reported in a later sentence belongs to the first held event
    return False


def _record(doc: Document, e: _Event) -> dict:
    s = e.sentence
    record = {
        "doc_id": doc.doc_id,
        "type": e.type,
        "status": e.status,
        "date": e.date,
        "place": e.place,
        "participants": e.participants,
        "framework": e.framework,
        "signed": e.signed,
        "evidence": {"sentence": s.text, "start": s.start + e.trigger[0],
                     "end": s.start + e.trigger[1], "lang": s.lang},
    }
    return {"event_id": event_id(record), **record}
