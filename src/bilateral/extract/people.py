"""People the gazetteer does not know: natasha for Russian sentences, our KazNERD tagger for
Kazakh ones.

Only full names (two tokens or more) become people: a lone capitalised word is too often a
place or a company. A name is kept under its normalised nominative form ("Ивану Петрову" ->
"Иван Петров"); that form is its canonical name until the gazetteer learns an English one.
Both taggers are loaded on first use only: a batch whose people are all in the gazetteer never
pays for them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from bilateral.extract.entities import Link, entity_id, gazetteer
from bilateral.text.inflect import TOKEN, stems

# a capitalised word that is not the first of its sentence, or a capitalised pair
_CANDIDATE = re.compile(r"(?:^|[^.!?]\s)[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+\s+"
                        r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі-]+")
_KK_SURNAME = re.compile(r"(?:ов|ев|ин|ова|ева|ина|ұлы|қызы|улы|кызы|баев|бекова?)$")


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    start: int
    end: int
    surface: str


@cache
def _natasha():
    from natasha import (
        Doc,
        MorphVocab,
        NewsEmbedding,
        NewsMorphTagger,
        NewsNERTagger,
        Segmenter,
    )

    emb = NewsEmbedding()
    return Doc, Segmenter(), NewsMorphTagger(emb), NewsNERTagger(emb), MorphVocab()


def _russian(text: str) -> list[Person]:
    Doc, segmenter, morph, ner, vocab = _natasha()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_ner(ner)
    spans = [s for s in doc.spans if s.type == "PER" and len(s.text.split()) >= 2]
    if not spans:
        return []
    doc.tag_morph(morph)  # normalisation needs the morphology of the name's tokens
    out = []
    for s in doc.spans:
        if s.type == "PER" and len(s.text.split()) >= 2:
            s.normalize(vocab)
            out.append(Person(s.normal, s.start, s.stop, s.text))
    return out


def _kazakh(text: str) -> list[Person]:
    from bilateral.text import kk_ner

    toks = list(TOKEN.finditer(text))
    words = [t.group() for t in toks]
    out = []
    for a, b, label in kk_ner.entities(words):
        if label != "PERSON" or b - a < 2:
            continue
        start, end = toks[a].start(), toks[b - 1].end()
        out.append(Person(" ".join(_kk_nominative(w) for w in words[a:b]), start, end,
                          text[start:end]))
    return out


def _kk_nominative(word: str) -> str:
    """"Шаққалиевтың" -> "Шаққалиев": the stem that looks like a surname, else the word."""
    for s in sorted(stems(word), key=len):
        if _KK_SURNAME.search(s):
            return s[:1].upper() + s[1:]
    return word


def _covered(links: list[Link]):
    """Whether a span overlaps one of `links`: by bisection over their starts with the
    farthest end so far, since a long sentence holds many links and many candidates."""
    spans = sorted((x.start, x.end) for x in links)
    starts = [a for a, _ in spans]
    reach = list(accumulate((b for _, b in spans), max))

    def covered(start: int, end: int) -> bool:
        k = bisect_left(starts, end)  # the links that start before `end`
        return k > 0 and reach[k - 1] > start

    return covered


def unknown_people(text: str, lang: str, links: list[Link]) -> list[Person]:
    """Full names in a sentence that no gazetteer link covers."""
    covered = _covered(links)
    if all(covered(m.start(), m.end()) for m in _CANDIDATE.finditer(text)):
        return []  # every capitalised pair is a known entity: no tagger needed
    found = _russian(text) if lang == "ru" else _kazakh(text)
    g = gazetteer()
    out = []
    for p in found:
        p = _without_address(p)
        if p is None:
            continue
        if covered(p.start, p.end):
            continue
        # a name made of known places or bodies is not a person ("Батыс Еуропа")
        if any(g.find(w) for w in p.surface.split()):
            continue
        out.append(p)
    return out


# forms of address before a name: "Уважаемый Касым-Жомарт Кемелевич", "Құрметті ..."
_ADDRESS = re.compile(r"^(?:уважаем\w*|дорог\w*|господин\w*|госпож\w*|құрметті|қадірлі)\s+",
                      re.IGNORECASE)


def _without_address(p: Person) -> Person | None:
    m = _ADDRESS.match(p.surface)
    if not m:
        return p
    rest = p.surface[m.end():]
    if len(rest.split()) < 2:
        return None
    name = p.name.split(None, 1)[1] if len(p.name.split()) > len(rest.split()) else p.name
    return Person(name, p.start + m.end(), p.end, rest)


def person_id(name: str) -> str:
    return entity_id("person", name)
