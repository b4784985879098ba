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
from datetime import date, timedelta
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
# a place in a title, not a venue: "Генеральный консул Казахстана в Екатеринбурге", "посол
# России в Казахстане"
_TITLE_BEFORE = re.compile(r"(?<!\w)(?:посол\w*|консул\w*|генконсул\w*|представител\w*|"
                           r"торгпред\w*)(?:\s+\S+){0,4}\s+(?:в|во)\s+$", _FLAGS)


@cache
def _lexicon() -> dict:
    data = json.loads(files("bilateral.lexicon").joinpath("events.json").read_text("utf-8"))
    day_before = data["day_before"]
    adverb = rf"\s*(?:[,.]|\s(?:{day_before['adverb_next']}))"
    eve_of = rf"{day_before['word']}(?!{adverb})"  # "накануне визита"
    data["background"].append(eve_of)
    data["relative_days"][rf"{day_before['word']}(?={adverb})"] = -1  # "Накануне на полях"

    def rx(patterns: list[str]) -> re.Pattern:
        alt = "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?:{alt})(?!\w)", _FLAGS)

    return {
        # one pattern at a time: two wordings of one kind may overlap in a sentence
        "triggers": {k: [rx([x]) for x in v] for k, v in data["triggers"].items()},
        "type_priority": data["type_priority"],
        "held": rx(data["held"]),
        "planned": rx(data["planned"]),
        "not_events": rx(data["not_events"]),
        "framework": rx(data["framework_markers"]),
        "non_participant": rx(data["non_participant_markers"]),
        "participation": rx(data["participation"]),
        "reception": rx(data["reception"]),
        "two_sided": rx(data["two_sided"]),
        "both_leaders": rx(data["both_leaders"]),
        "signed": {k: rx(v) for k, v in data["signed"].items()},
        "signing": rx(data["signing"]),
        "plural": re.compile(rf"(?:{'|'.join(data['plural_triggers'])})", _FLAGS),
        "background": re.compile(rf"(?<!\w)(?:{'|'.join(data['background'])})\s+"
                                 r"(?:\S+\s+){0,2}?$", _FLAGS),
        "background_after": re.compile(rf"^\S*\s+(?:\S+\s+){{0,1}}?"
                                       rf"(?:{'|'.join(data['background_after'])})(?!\w)", _FLAGS),
        "background_visit": re.compile(rf"(?<!\w)(?:{'|'.join(data['background_visit'])})\s+"
                                       r"(?:\S+\s+){0,2}?$|^\S*\s+(?:\S+\s+){0,1}?"
                                       rf"(?:{'|'.join(data['background_visit'])})(?!\w)", _FLAGS),
        "repeated": re.compile(rf"(?<!\w)(?:{'|'.join(data['repeated'])})(?!\w)", _FLAGS),
        "repeated_after": re.compile(rf"(?<!\w)(?:{'|'.join(data['repeated_after'])})(?!\w)",
                                     _FLAGS),
        "relative_days": [(rx([k]), int(v)) for k, v in data["relative_days"].items()],
        "eve_of": eve_of,
        "weekdays": [(rx([rf"(?:в|во)\s+{w}"]), n) for w, n in data["weekdays"]["ru"].items()]
        + [(rx([rf"{w}\s+күні"]), n) for w, n in data["weekdays"]["kk"].items()],
        "pairwise": {name: re.compile(rf"(?<!\w)(?:{'|'.join(v)})(?!\w)", _FLAGS)
                     for name, v in data["pairwise_bodies"].items()},
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
    framed: bool = False  # "в ходе переговоров", "келіссөз барысында": part of another event


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Stretches of direct speech (normalised quotes come in pairs)."""
    pos = [i for i, ch in enumerate(text) if ch == _QUOTE]
    return [(pos[k], pos[k + 1]) for k in range(0, len(pos) - 1, 2)]


def _is_speech(quoted: str) -> bool:
    """Direct speech, not a quoted name ("«...өңіраралық форумына»"): long, and a clause of
    its own (a stop or a comma inside, or more than twelve words)."""
    return len(quoted) > 60 and (bool(re.search(r"[.!?,;:]", quoted))
                                 or len(quoted.split()) > 12)


def _inside(spans: list[tuple[int, int]], i: int) -> bool:
    return any(a < i < b for a, b in spans)


def _in_passing(text: str, kind: str, start: int, end: int) -> bool:
    """A trigger that names events in general or in passing, not one the article reports:
    a plural ("встреч", "кездесулерінің"), a count ("алты рет кездесіп"), or a noun governed
    by a background word ("в преддверии визита", "с итогами встречи", "сапар қарсаңында")."""
    lex = _lexicon()
    word = text[start:end].split()[-1]
    if lex["plural"].fullmatch(word.lower()) and kind != "call":
        return True
    if lex["repeated"].search(text[max(0, start - 25):start]) or lex["repeated_after"].search(
            re.split(r"[,;:.]", text[end:end + 80])[0]):
        return True
    before, after = text[max(0, start - 40):start], text[start:end + 40]
    if lex["background"].search(before) or lex["background_after"].match(after):
        return True
    return kind == "visit" and bool(lex["background_visit"].search(before)
                                    or lex["background_visit"].match(after))


def _name_word(text: str, start: int) -> bool:
    """A trigger inside a person's name: "Абзал Сапарбекұлы" holds "сапар" (visit), and so
    does "Сапар Исқақов". A capitalised word inside the sentence that looks like a surname, or
    is followed by one; "XVI Форуме" (a proper name of an event) stays a trigger."""
    if not text[start].isupper() or not text[:start].strip(" \t-–—«»\"'("):
        return False
    words = re.match(r"([\w-]+)(?:\s+([\w-]+))?", text[start:])
    nxt = words.group(2) or ""
    return bool(_SURNAME.search(words.group(1)) or (nxt[:1].isupper() and _SURNAME.search(nxt)))


_SURNAME = re.compile(r"(?:ов|ев|ин|ова|ева|ина|ұлы|қызы|улы|кызы)$")


def _trigger(text: str) -> tuple[str, int, int] | None:
    lex = _lexicon()
    quotes = [q for q in _quoted_spans(text) if _is_speech(text[q[0] + 1:q[1]])]
    hits = []
    for rank, kind in enumerate(lex["type_priority"]):
        for pattern in lex["triggers"][kind]:
            for m in pattern.finditer(text):
                if not _inside(quotes, m.start()) and not _name_word(text, m.start()) \
                        and not _in_passing(text, kind, m.start(), m.end()):
                    hits.append((rank, m.start(), kind, m.end()))
    if not hits:
        return None
    framed = [h for h in hits if _is_framework(text, h[1])]
    # "встретился ... в рамках заседания ЕМПС": the meeting, not its frame; but "сказал в ходе
    # встречи" with nothing else reports the meeting itself
    real = [h for h in hits if h not in framed] or [h for h in framed
                                                    if h[2] in ("meeting", "call")]
    if not real:
        return None
    rank, start, kind, end = min(real)
    return kind, start, end


def _two_sided(text: str, links: list[Link], names: dict[str, str]
               ) -> tuple[str, int, int] | None:
    """A meeting told by what two people did together ("Назарбаев и Путин обсудили")."""
    m = _lexicon()["two_sided"].search(text)
    if m is None or len(_participants(text, links, names)) < 2:
        return None
    return "meeting", m.start(), m.end()


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
        if _TITLE_BEFORE.search(text, max(0, link.start - 80), link.start):
            continue
        if (_RU_PREP.search(text, max(0, link.start - 40), link.start)
                or _KK_LOCATIVE.match(last) or _KK_CITY_WORD.match(text[link.end:link.end + 200])):
            return entry.name
    return None


def _known_place(name: str) -> str | None:
    """A dateline place the gazetteer knows (the pipeline already gave it its name)."""
    g = gazetteer()
    return name if any(e.type == "place" and e.name == name for e in g.entries.values()) \
        else None


def _partner(text: str, doc_partner: str | None) -> str | None:
    """The other country of a bilateral body: named in the sentence, else the document's."""
    from bilateral.extract.parties import countries_in

    named = [code for _, code in countries_in(text) if code != "KZ"]
    return named[0] if named else doc_partner


def _leaders(partner: str | None, when: date | None) -> list[str]:
    """The presidents of Kazakhstan and of the partner country (Russia by default) on a day."""
    if when is None:
        return []
    g = gazetteer()
    out = []
    for code in ("KZ", partner or "RU"):
        eid = g.holder("president", code, when)
        if eid is not None:
            out.append(g.entries[eid].name)
    return out


def _document_partner(doc: Document) -> str | None:
    """The foreign country a document names most (None on a tie or none)."""
    from bilateral.extract.parties import foreign_counts

    top = foreign_counts([s.text for s in doc.sentences]).most_common(2)
    if not top or (len(top) == 2 and top[0][1] == top[1][1]):
        return None
    return top[0][0]


def _pairwise_body(text: str, doc_partner: str | None) -> str | None:
    """"Үкіметаралық комиссия", "Высший межгосударственный совет": the body of Kazakhstan and
    its partner in this story."""
    from bilateral.extract.parties import country_name

    for body, rx in _lexicon()["pairwise"].items():
        if rx.search(text):
            partner = _partner(text, doc_partner)
            name = country_name(partner) if partner else None
            return f"Kazakhstan–{name} {body}" if name else None
    return None


def _framework(text: str, links: list[Link], kind: str, doc_partner: str | None) -> str | None:
    g = gazetteer()
    bodies = [g.entries[x.entity_id] for x in links
              if g.entries.get(x.entity_id) and g.entries[x.entity_id].type == "org"]
    partner = _partner(text, doc_partner)
    if not bodies or (partner not in (None, "RU") and all(
            b.name.startswith("Kazakhstan–Russia") for b in bodies)):
        # the gazetteer's Kazakhstan–Russia bodies go by generic names ("үкіметаралық
        # комиссия") that other pairs' bodies share
        return _pairwise_body(text, doc_partner)
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
    return _pairwise_body(text, doc_partner)


def _body_fits(name: str, kind: str) -> bool:
    low = name.lower()
    return ("commission" in low) if kind == "commission_session" else ("forum" in low)


def _background_spans(text: str) -> list[tuple[int, int]]:
    """Phrases about another event ("в преддверии визита Токаева в РФ", "по приглашению
    Назарбаева"): the people named in them are not this event's participants."""
    lex = _lexicon()
    out = []
    for m in re.finditer(rf"(?<!\w)(?:в\s+преддверии|{lex['eve_of']}|по\s+поручению)(?!\w)",
                         text, _FLAGS):
        stop = re.search(r"[,;:.]|\s(?:и|а)\s", text[m.end():])
        out.append((m.start(), m.end() + (stop.start() if stop else len(text) - m.end())))
    # Kazakh postpositions follow the phrase they govern: "Президентінің тапсырмасы бойынша"
    for m in re.finditer(r"(?<!\w)(?:қарсаңында|тапсырмасы\s+бойынша|шақыруымен)(?!\w)", text,
                         _FLAGS):
        starts = [x.end() for x in re.finditer(r"[,;:.]|\s(?:мен|пен|бен|және)\s",
                                                text[:m.start()])]
        out.append((starts[-1] if starts else 0, m.end()))
    cut = lex["non_participant"].search(text)
    if cut:
        out.append((cut.start(), len(text)))
    return out


def _participants(text: str, links: list[Link], names: dict[str, str]) -> list[str]:
    """People named in the sentence, from the gazetteer or outside it, but not those in a
    phrase about another event or after an agreement reached between others."""
    g = gazetteer()
    background = _background_spans(text)
    out: list[str] = []
    for x in links:
        e = g.entries.get(x.entity_id)
        name = e.name if e is not None and e.type == "person" else names.get(x.entity_id)
        if name is None or _inside(background, x.start):
            continue
        if name not in out:
            out.append(name)
    return out


def _day(d: date) -> dict:
    return {"start": d.isoformat(), "end": d.isoformat()}


def _relative_day(text: str, ref: date | None, status: str) -> dict | None:
    """"вчера", "бүгін", "в понедельник", "сейсенбі күні", counted from the document's date."""
    if ref is None:
        return None
    lex = _lexicon()
    for rx, shift in lex["relative_days"]:
        if rx.search(text):
            return _day(ref + timedelta(days=shift))
    for rx, n in lex["weekdays"]:
        if rx.search(text):
            back = (ref.weekday() - n) % 7
            return _day(ref - timedelta(days=back) if status == "held"
                        else ref + timedelta(days=(n - ref.weekday()) % 7))
    return None


# how precise a period is, for an event's date: a day beats a month beats a year
_PRECISION = {"day": 0, "partial": 1, "quarter": 2, "half": 2, "year": 3}


def _date(s: Sentence, ref: date | None, dateline: dict | None, is_first: bool,
          status: str) -> dict | None:
    """The most precise date the sentence gives: a day (stated, or "вчера", "в понедельник"),
    a month, a year; else the dateline's day for the document's first event."""
    text = s.text
    found: list[tuple[int, dict]] = []
    for m in P.find_periods(text):
        if m.is_deadline or m.is_comparison or m.kind == "since":
            continue
        rank = 0 if m.days else _PRECISION.get(m.kind)
        span = P.resolve(m, ref) if rank is not None else None
        if span:
            found.append((rank, {"start": span[0].isoformat(), "end": span[1].isoformat()}))
    relative = _relative_day(text, ref, status)
    if relative:
        found.append((0, relative))
    if found:
        return min(found, key=lambda x: x[0])[1]
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


def extract_events(doc: Document, links: dict[int, list[Link]], ref: date | None,
                   names: dict[str, str] | None = None) -> list[dict]:
    """Events of a document; `links` maps sentence index to its entity links, `names` the
    people outside the gazetteer to their names."""
    names = names or {}
    lex = _lexicon()
    dateline = _dateline_date(doc, ref)
    partner = _document_partner(doc)
    events: list[_Event] = []
    for s in doc.sentences:
        text = s.text
        found = _trigger(text) or _two_sided(text, links.get(s.idx, []), names)
        if not found:
            continue
        kind, a, b = found
        if lex["not_events"].search(text[max(0, a - 80):]):  # "... өткізуді ұсынды": a proposal
            continue
        if _third_party(text, a):
            continue
        sl = links.get(s.idx, [])
        ev = _Event(kind, _status(text), s, (a, b))
        ev.framed = _is_framework(text, a) or bool(
            re.search(r"(?:в\s+ходе|во\s+время|барысында|кезінде)\s*$|^\S*\s+(?:барысында|"
                      r"кезінде)", text[max(0, a - 15):a] + "|" + text[a:b + 15], _FLAGS))
        ev.participants = _participants(text, sl, names)
        if not ev.participants and s.idx + 1 < len(doc.sentences):
            nxt = doc.sentences[s.idx + 1]
            if lex["participation"].search(nxt.text):
                ev.participants = _participants(nxt.text, links.get(nxt.idx, []), names)
        if len(ev.participants) < 2 and kind in ("meeting", "call") and s.idx \
                and (_same_paragraph(doc, s) or s.idx <= 2):
            # "Х и Y встретились в Астане. В ходе встречи ...", "Путин назвал ... Такое
            # заявление он сделал во время встречи с Назарбаевым": the other side was named just
            # before
            prev = doc.sentences[s.idx - 1]
            ev.participants += [p for p in _participants(prev.text, links.get(prev.idx, []),
                                                         names) if p not in ev.participants]
        if kind == "visit" and ev.participants:
            for nxt in doc.sentences[s.idx + 1:s.idx + 3]:
                if lex["reception"].search(nxt.text):  # the host who received the guest
                    ev.participants += [p for p in _participants(
                        nxt.text, links.get(nxt.idx, []), names) if p not in ev.participants]
        if lex["both_leaders"].search(text):
            ev.participants += [p for p in _leaders(partner, ref) if p not in ev.participants]
        ev.place = _place(text, sl)
        ev.framework = _framework(text, sl, kind, partner)
        ev.date = _date(s, ref, dateline, not events, ev.status)
        ev.signed = _signed(text)
        if not events and ev.place is None and ev.status == "held" and dateline and doc.place:
            ev.place = _known_place(doc.place)  # the dateline: where the story was filed
        if _history(ev, ref):
            continue  # nor does it lend its date or place to the story's event
        merged = _merge_into(events, ev)
        if not merged:
            events.append(ev)
    # an event needs someone taking part, a named body or series, or both a date and a place;
    # one held long before the article is history ("Первый саммит состоялся в 2002 году")
    return [_record(doc, e) for e in events
            if e.participants or e.framework or (e.date and e.place)]


def _history(e: _Event, ref: date | None) -> bool:
    """A held event that ended more than a year before the article's date."""
    if ref is None or e.status != "held" or not e.date:
        return False
    return date.fromisoformat(e.date["end"]) < ref - timedelta(days=366)


def _same_paragraph(doc: Document, s: Sentence) -> bool:
    prev = doc.sentences[s.idx - 1]
    return "\n" not in doc.text[prev.end:s.start]


def _third_party(text: str, start: int) -> bool:
    """An event between other countries ("Россия и Узбекистан провели форум", a summit with
    the US): two countries or more named in the trigger's clause, Kazakhstan not among them."""
    from bilateral.extract.parties import countries_in

    a = max((m.end() for m in re.finditer(r"[,;:]", text[:start])), default=0)
    b = next((start + m.start() for m in re.finditer(r"[,;:.]", text[start:])), len(text))
    codes = {code for _, code in countries_in(text[a:b])}
    return len(codes) >= 2 and "KZ" not in codes


def _merge_into(events: list[_Event], ev: _Event) -> bool:
    """A later mention of the same story completes the first instead of adding an event."""
    for e in events:
        same_people = bool(set(ev.participants) & set(e.participants)) or not ev.participants \
            or not e.participants
        # the talks during a visit or a session are part of it; a meeting reported in its
        # own right ("В Астане состоялась встреча") stays an event beside the visit
        talks = ev.type == "meeting" and (e.type == "meeting" or (
            e.type in ("visit", "commission_session") and ev.framed))
        one_place = ev.type == e.type and ev.place is not None and ev.place == e.place and bool(
            set(ev.participants) & set(e.participants))
        if (ev.type == e.type or talks) and same_people and (ev.status == e.status
                                                             or one_place) and (
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
