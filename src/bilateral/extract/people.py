"""People the gazetteer does not know: natasha for Russian sentences, our KazNERD tagger for
Kazakh ones.

Only full names (two tokens or more) become people: a lone capitalised word is too often a
place or a company. A name is normalised to its nominative form ("Ивану Петрову" ->
"Иван Петров") and romanised the way English Wikipedia titles are ("Ivan Petrov",
`text/translit.py`): that is its canonical name until the gazetteer learns the real title;
the forms in the text stay as its aliases.
Both taggers are loaded on first use only: a batch whose people are all in the gazetteer never
pays for them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from bilateral.extract.entities import Link, entity_id, gazetteer
from bilateral.text.inflect import TOKEN, fold, stems
from bilateral.text.translit import romanise

# a capitalised pair, not opening its sentence; a lookahead, so that pairs may overlap
# ("главой Татарстана Рустамом Миннихановым": the place must not hide the name after it)
_CANDIDATE = re.compile(r"(?<![.!?]\s)(?<!\w)(?=([A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+\s+"
                        r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі-]+))")
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
            normal = s.normal if s.normal != s.text else _instrumental(s.text)
            out.append(Person(normal, s.start, s.stop, s.text))
    return out


_INSTRUMENTAL_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын)ым$")


def _instrumental(name: str) -> str:
    """A man's name in the instrumental that natasha left as it was ("с консулом Жарасом
    Мамутбековым"): a surname in -овым or -иным is only ever that case, so its given name
    (-ом, -еем) and patronymic (-ичем) are in it too."""
    words = name.split()
    if not _INSTRUMENTAL_SURNAME.search(words[-1]):
        return name
    given, *middle = words[:-1]
    if given.endswith(("еем", "аем")):
        given = given[:-2] + "й"  # "Сергеем" -> "Сергей"
    elif given.endswith("ом"):
        given = given[:-2]  # "Жарасом" -> "Жарас"
    middle = [w[:-2] if w.endswith("ичем") else w for w in middle]
    return " ".join([given, *middle, words[-1][:-2]])


def _kazakh(text: str) -> list[Person]:
    from bilateral.text import kk_ner

    toks = list(TOKEN.finditer(text))
    words = [t.group() for t in toks]
    out = []
    for a, b, label in kk_ner.entities(words):
        if label != "PERSON" or b - a < 2:
            continue
        start, end = toks[a].start(), toks[b - 1].end()
        # a name declines on its last word: "Алексей Шапошниковтың"
        name = [_kk_nominative(w, last=k == b - 1) for k, w in enumerate(words[a:b], a)]
        out.append(Person(" ".join(name), start, end, text[start:end]))
    return out


def _kk_nominative(word: str, last: bool = True) -> str:
    """"Шаққалиевтың" -> "Шаққалиев": the stem that looks like a surname; for the last word
    of a name ("Ердоғанмен" -> "Ердоған") else the shortest stem of four letters or more."""
    found = sorted(stems(word), key=len)
    stem = next((s for s in found if _KK_SURNAME.search(s)), None)
    if stem is None and last:
        stem = next((s for s in found if len(s) >= 4), None)
    return stem[:1].upper() + stem[1:] if stem else word


_CONTEXT = 6  # words of context a tagger gets on each side of an unknown capitalised pair


def _windows(text: str, pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Stretches of the sentence around the unknown pairs, merged where they overlap: the
    Russian tagger reads a few words of context, not a 60-word sentence, per name."""
    words = [m.span() for m in re.finditer(r"\S+", text)]
    ends = [e for _, e in words]
    spans: list[tuple[int, int]] = []
    for a, b in pairs:
        first = bisect_right(ends, a)  # the word that holds the pair's first letter
        last = bisect_left(ends, b)
        lo, hi = words[max(0, first - _CONTEXT)][0], words[min(len(words) - 1,
                                                               last + _CONTEXT)][1]
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(hi, spans[-1][1]))
        else:
            spans.append((lo, hi))
    return spans


def _russian_near(text: str, pairs: list[tuple[int, int]]) -> list[Person]:
    out = []
    for lo, hi in _windows(text, pairs):
        out += [Person(p.name, p.start + lo, p.end + lo, p.surface)
                for p in _russian(text[lo:hi])]
    return out


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
    pairs = [m.span(1) for m in _CANDIDATE.finditer(text) if not covered(*m.span(1))]
    if not pairs:
        return []  # every capitalised pair is a known entity: no tagger needed
    found = _russian_near(text, pairs) if lang == "ru" else _kazakh(text)
    g = gazetteer()
    out = []
    for p in found:
        p = _without_address(p)
        if p is None:
            continue
        if covered(p.start, p.end):
            continue
        # a name made of known places or bodies is not a person ("Батыс Еуропа"), nor one
        # holding an ordinary word ("Ертең Кремльде": tomorrow in the Kremlin)
        if any(fold(w) in g.not_names or any(
                g.entries[f.entity_id].type in ("place", "org", "country")
                for _, _, f in g.find(w) if f.entity_id in g.entries)
               for w in p.surface.split()):
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


def canonical_name(name: str) -> str:
    """The Latin name of a person outside the gazetteer: "Қайрат Келімбетов" and
    "Кайрат Келимбетов" are both "Kairat Kelimbetov"."""
    return romanise(name)


def person_id(name: str) -> str:
    return entity_id("person", canonical_name(name))
