"""What the extractors read: a document with its Latin Kazakh sentences rendered in Cyrillic.

`Document.text` stays what the outlet wrote: evidence quotes the original sentence and every
offset points into that text (DESIGN.md). The extractors, whose lexicons and gazetteer are
Cyrillic, are given a twin instead: the same document with each Latin Kazakh sentence in
Cyrillic (`text/latin_kk.py`), the same sentence indices, languages and paragraph breaks, and
a map from each of its characters to the original one. What they return is mapped back: spans
through that map, the evidence sentence and any phrase quoted from it ("period_text") to the
original characters it was read from. Facts, people, events and periods therefore need no
knowledge of the script; a document without Latin Kazakh is its own twin and nothing changes.

A document is read this way when one of its sentences is recognisably Latin Kazakh; then every
mostly-Latin sentence of it is rendered (a short "Erteń Kremlde kelissózder ótedi." has too few
known words to be recognised alone), in the one alphabet the document uses.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from bilateral.model import Document, Sentence
from bilateral.text import latin_kk
from bilateral.text import metadata as metadata_

_IDS = frozenset({"doc_id", "fact_id", "event_id"})
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@dataclass(frozen=True, slots=True)
class Reading:
    original: Document
    document: Document  # what the extractors are given
    origin: tuple[int, ...] = ()  # reading character -> original character; () when the same

    @property
    def same(self) -> bool:
        return self.document is self.original

    def start(self, pos: int) -> int:
        """The original offset of a span's start in the reading."""
        return self.origin[pos] if pos < len(self.origin) else len(self.original.text)

    def end(self, pos: int) -> int:
        """The original offset of a span's end: past the whole source of its last character
        ("ш" read from "sh")."""
        after = self.start(pos)
        return max(after, self.origin[pos - 1] + 1) if pos > 0 else after

    def _sentence(self, pos: int) -> int:
        starts = [s.start for s in self.document.sentences]
        return max(0, bisect.bisect_right(starts, pos) - 1)

    def _phrase(self, value: str, k: int) -> str:
        """A phrase quoted from reading sentence `k`, or from an earlier one (a period carried
        over from the sentence before), as the original writes it."""
        text, s = self.document.text, self.document.sentences[k]
        at = text.find(value, s.start, s.end)
        if at < 0:
            at = text.rfind(value, 0, s.start)
        if at < 0:
            return value
        a, b = self.start(at), self.end(at + len(value))
        return self.original.text[a:b]

    def record(self, r: dict) -> dict:
        """A fact or an event with its evidence and quoted phrases in the original."""
        ev = r.get("evidence")
        if self.same or not ev:
            return r
        k = self._sentence(ev["start"])
        out = {key: self._phrase(v, k) if key not in _IDS and isinstance(v, str)
               and _CYRILLIC.search(v) else v for key, v in r.items()}
        sentence = (self.original.sentences[k].text
                    if ev["sentence"] == self.document.sentences[k].text
                    else self._phrase(ev["sentence"], k))
        out["evidence"] = {**ev, "sentence": sentence, "start": self.start(ev["start"]),
                           "end": self.end(ev["end"])}
        return out

    def mention(self, m: dict) -> dict:
        if self.same:
            return m
        a, b = self.start(m["start"]), self.end(m["end"])
        return {**m, "start": a, "end": b, "surface": self.original.text[a:b]}


def _convertible(doc: Document) -> tuple[latin_kk.Alphabet, set[int]] | None:
    known = [s.text for s in doc.sentences
             if s.lang == "kk" and latin_kk.is_latin_kazakh(s.text)]
    if not known:
        return None
    ids = {s.idx for s in doc.sentences if latin_kk.mostly_latin(s.text) and s.lang == "kk"}
    return latin_kk.alphabet_of(known), ids


def read(doc: Document) -> Reading:
    """The document as the extractors should read it."""
    found = _convertible(doc)
    if found is None:
        return Reading(doc, doc)
    alphabet, ids = found
    parts: list[str] = []
    origin: list[int] = []
    sentences: list[Sentence] = []
    pos = 0
    for s in doc.sentences:
        parts.append(doc.text[pos:s.start])
        origin.extend(range(pos, s.start))
        if s.idx in ids:
            traced = latin_kk.to_cyrillic(s.text, alphabet)
            text, where = traced.text, [s.start + i for i in traced.origin]
        else:
            text, where = s.text, list(range(s.start, s.end))
        start = len(origin)
        parts.append(text)
        origin.extend(where)
        sentences.append(replace(s, start=start, end=start + len(text), text=text))
        pos = s.end
    parts.append(doc.text[pos:])
    origin.extend(range(pos, len(doc.text)))
    twin = replace(doc, text="".join(parts), sentences=tuple(sentences))
    return Reading(doc, twin, tuple(origin))


def metadata(lines: list[str]) -> metadata_.Found:
    """What the text says of itself (`text/metadata.py`), with a Latin Kazakh date line or
    dateline read in Cyrillic ("12 Maýsym, 2019", "Astana. 6 qarasha."); the title stays as
    written."""
    known = [x for x in lines if latin_kk.is_latin_kazakh(x)]
    if not known:
        return metadata_.find(lines)
    alphabet = latin_kk.alphabet_of(known)
    cyrillic = [latin_kk.to_cyrillic(x, alphabet).text if latin_kk.mostly_latin(x) else x
                for x in lines]
    found = metadata_.find(cyrillic)
    title = next((x.strip() for x, y in zip(lines, cyrillic, strict=True)
                  if y.strip() == found.title), None)
    return replace(found, title=title)
