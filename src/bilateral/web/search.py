"""Full-text search over both languages, tolerant of inflection, and by entity.

A sentence matches when every word of the query meets a word of the sentence on a shared stem
(`text.inflect.stems`: "товарооборот" finds "товарооборота", "сауда" finds "саудасы"), or when
it mentions an entity the query names, in any spelling or language the linker knows
("Smailov", "Смаилов", "Смайылов" all reach Alikhan Smailov's mentions in Kazakh and Russian).

SQLite's LIKE folds only ASCII case, so the prefilter asks for the stem in lower, Title and
UPPER case and Python makes the real decision; an FTS5 table would make the prefilter
an index lookup on a large store.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import or_, select

from bilateral.extract.entities import link
from bilateral.store import schema
from bilateral.text.inflect import TOKEN, fold, stems
from bilateral.web.state import WebState

MIN_SHARED = 4  # a shared stem shorter than this is a coincidence ("сау" in "сауда", "сауық")
MAX_CANDIDATES = 5000  # sentences examined per query; beyond this the result says "truncated"


@dataclass
class Hit:
    doc_id: str
    idx: int
    start: int
    end: int
    lang: str | None
    text: str
    matches: list[tuple[int, int]] = field(default_factory=list)  # offsets in the document
    entities: list[str] = field(default_factory=list)

    def record(self) -> dict:
        return {"doc_id": self.doc_id, "sentence": self.idx, "start": self.start,
                "end": self.end, "lang": self.lang, "text": self.text,
                "matches": [list(m) for m in sorted(set(self.matches))],
                "entities": sorted(set(self.entities))}


@dataclass
class Result:
    query: str
    hits: list[Hit]
    entities: list[dict]
    truncated: bool


def _shared(a: frozenset[str], b: frozenset[str], need: int) -> bool:
    return any(len(s) >= need for s in a & b)


def _query_words(q: str) -> list[tuple[frozenset[str], int]]:
    out = []
    for tok in TOKEN.findall(q):
        word = fold(tok)
        if word:
            out.append((stems(tok), min(MIN_SHARED, len(word))))
    return out


def _prefilter_key(words: list[tuple[frozenset[str], int]]) -> str:
    """A substring every matching sentence contains: each stem of a word is a prefix of the
    word, so the shortest stem long enough to count is in every match of that word."""
    keys = [min((s for s in st if len(s) >= need), key=len) for st, need in words]
    return max(keys, key=len)


def _like(pattern: str) -> str:
    return "%" + pattern.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def match_spans(text: str, words: list[tuple[frozenset[str], int]]) -> list[tuple[int, int]]:
    """Spans of `text` matching the query words, or [] unless every word is matched."""
    spans: list[tuple[int, int]] = []
    found = [False] * len(words)
    for m in TOKEN.finditer(text):
        st = stems(m.group())
        hit = False
        for i, (wst, need) in enumerate(words):
            if _shared(st, wst, need):
                found[i] = hit = True
        if hit:
            spans.append((m.start(), m.end()))
    return spans if all(found) else []


def matching_entities(state: WebState, q: str) -> list[dict]:
    """Entities the query names: through the linker (Cyrillic forms, inflected, either
    language), by a word of the canonical English name ("Smailov"), or by a word of a name
    seen in the text (a person outside the gazetteer: "Келимбетов" finds Kairat Kelimbetov)."""
    ids = {x.entity_id for x in link(q, None, set())}
    words = _query_words(q)
    known = state.entities()
    if words:
        for e in known:
            forms = (e["name"], *(e["aliases"] if e["type"] == "person" else ()))
            name_words = [stems(t) for form in forms for t in TOKEN.findall(form)]
            if any(_shared(nw, wst, max(need, 3)) for wst, need in words for nw in name_words):
                ids.add(e["entity_id"])
    return [e for e in known if e["entity_id"] in ids]


def search(state: WebState, q: str) -> Result:
    s, m = schema.sentences, schema.mentions
    words = _query_words(q)
    entities = matching_entities(state, q)
    hits: dict[tuple[str, int], Hit] = {}
    truncated = False
    with state.store.engine.connect() as c:
        if words:
            key = _prefilter_key(words)
            variants = {key, key[:1].upper() + key[1:], key.upper()}
            rows = c.execute(select(s.c.doc_id, s.c.idx, s.c.start, s.c.end, s.c.lang, s.c.text)
                             .where(or_(*(s.c.text.like(_like(v), escape="\\")
                                          for v in sorted(variants))))
                             .order_by(s.c.doc_id, s.c.idx).limit(MAX_CANDIDATES + 1)).all()
            truncated = len(rows) > MAX_CANDIDATES
            for r in rows[:MAX_CANDIDATES]:
                spans = match_spans(r.text, words)
                if spans:
                    hits[(r.doc_id, r.idx)] = Hit(r.doc_id, r.idx, r.start, r.end, r.lang,
                                                  r.text, [(r.start + a, r.start + b)
                                                           for a, b in spans])
        if entities:
            ids = [e["entity_id"] for e in entities]
            rows = c.execute(
                select(m.c.entity_id, m.c.start.label("m_start"), m.c.end.label("m_end"),
                       s.c.doc_id, s.c.idx, s.c.start, s.c.end, s.c.lang, s.c.text)
                .select_from(m.join(s, (s.c.doc_id == m.c.doc_id) & (s.c.start <= m.c.start)
                                    & (m.c.start < s.c.end)))
                .where(m.c.entity_id.in_(ids)).order_by(s.c.doc_id, s.c.idx)
                .limit(MAX_CANDIDATES + 1)).all()
            truncated = truncated or len(rows) > MAX_CANDIDATES
            for r in rows[:MAX_CANDIDATES]:
                hit = hits.get((r.doc_id, r.idx))
                if hit is None:
                    hit = hits[(r.doc_id, r.idx)] = Hit(r.doc_id, r.idx, r.start, r.end,
                                                        r.lang, r.text)
                hit.matches.append((r.m_start, r.m_end))
                hit.entities.append(r.entity_id)
    ordered = [hits[k] for k in sorted(hits)]
    return Result(q, ordered, entities, truncated)
