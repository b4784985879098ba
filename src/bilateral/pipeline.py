"""The per-document pipeline: raw text and metadata in, a cleaned Document and its records out.

Stages, in order (see `STAGES`): lines -> boilerplate -> metadata -> normalise -> sentences ->
repeats -> language -> extract. The function is pure: the same input gives the same output,
so it runs the same in a test, in the CLI, or mapped over many processes.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from bilateral.limits import Limits, time_bound
from bilateral.model import Document, Dropped, RawDocument, Sentence
from bilateral.text import boilerplate, language, metadata, reading, sentences
from bilateral.text.normalize import Traced, join, normalize, runs

PIPELINE_VERSION = "1"
STAGES = ("lines", "boilerplate", "metadata", "normalise", "sentences", "repeats", "language",
          "extract")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Processed:
    """Everything one document yields; the store writes it in one transaction."""

    document: Document
    line_keys: tuple[str, ...]
    facts: tuple[dict, ...] = ()
    events: tuple[dict, ...] = ()
    mentions: tuple[dict, ...] = ()  # {"entity_id", "start", "end", "surface"}
    entities: tuple[dict, ...] = ()  # {"entity_id", "type", "name", "wikidata"} of mentions
    signature: bytes = b""  # MinHash of the cleaned text (resolve/duplicates.py)
    ref_date: date | None = None  # the date the document speaks from (extract/anchor.py)


def canonical_place(surface: str | None) -> str | None:
    """The gazetteer's name for a dateline place ("Алматы" -> "Almaty"); the surface form when
    the gazetteer does not know it."""
    if not surface:
        return None
    from bilateral.extract.entities import gazetteer

    g = gazetteer()
    for _, _, form in g.find(surface):
        entry = g.entries.get(form.entity_id)
        if entry is not None and entry.type == "place":
            return entry.name
    return surface


def split_lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) for each line, with carriage returns removed."""
    out: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, line.rstrip("\r")))
        pos += len(line) + 1
    return out


@lru_cache(maxsize=4096)  # batch ingest asks for a document's keys three times
def line_keys(raw: RawDocument) -> tuple[str, ...]:
    """Fingerprints of the document's lines, for spotting furniture repeated across a source."""
    return tuple(sorted({boilerplate.line_key(x) for _, x in split_lines(raw.text) if x.strip()}))


def guess_source(raw: RawDocument) -> str | None:
    """The outlet, from the reader or the text, before any cleaning."""
    if raw.source:
        return raw.source
    return metadata.find([x for _, x in split_lines(raw.text)]).source


def options_of(lang: str | None, published: date | None) -> dict:
    """The user's overrides, part of what makes a document's output what it is."""
    return {"lang": lang, "published": published and published.isoformat()}


def content_hash(raw: RawDocument, repeated: frozenset[str], options: dict) -> str:
    keys = set(line_keys(raw))
    payload = {
        "v": PIPELINE_VERSION,
        "text": raw.text,
        "meta": [raw.title, raw.url, raw.published and raw.published.isoformat(), raw.source,
                 raw.lang],
        "repeated": sorted(keys & repeated),
        "options": options,
    }
    blob = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def _sentence_key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def process(
    raw: RawDocument,
    repeated: frozenset[str] = frozenset(),
    *,
    lang: str | None = None,
    published: date | None = None,
) -> Processed:
    """Clean, segment and analyse one document.

    `repeated`: line fingerprints that recur on other pages of the same source.
    `lang`, `published`: values the user forces for the whole document.
    """
    lines = split_lines(raw.text)
    reasons = boilerplate.classify([x for _, x in lines], repeated)
    dropped: list[Dropped] = []
    kept: list[tuple[int, str]] = []
    for (offset, line), reason in zip(lines, reasons, strict=True):
        if reason:
            dropped.append(Dropped(line.strip(), f"boilerplate: {reason}", offset))
        elif line.strip():
            kept.append((offset, line))

    meta = reading.metadata([x for _, x in kept])
    if meta.date_line is not None:
        offset, line = kept.pop(meta.date_line)
        dropped.append(Dropped(line.strip(), "metadata: date line", offset))

    blocks: list[Traced] = []
    wrapped = sentences.is_wrapped([x for _, x in kept])
    for k, (offset, line) in enumerate(kept):
        traced = normalize(line, offset).strip()
        if k and blocks and sentences.continues(kept[k - 1][1], line, wrapped and k > 1):
            blocks[-1] = join([blocks[-1], traced], " ")
        else:
            blocks.append(traced)

    first_seen: dict[str, int] = {}
    counts: dict[int, int] = {}
    kept_blocks: list[list[Traced]] = []
    order = 0
    for block in blocks:
        kept_here: list[Traced] = []
        for a, b in sentences.split(block.text):
            piece = block.slice(a, b).strip()
            if not piece.text:
                continue
            key = _sentence_key(piece.text) or piece.text
            if key in first_seen:
                counts[first_seen[key]] += 1
                dropped.append(Dropped(piece.text, f"repeat of sentence {first_seen[key] + 1}",
                                       piece.origin[0]))
                continue
            first_seen[key] = order
            counts[order] = 1
            order += 1
            kept_here.append(piece)
        if kept_here:
            kept_blocks.append(kept_here)

    text_parts: list[Traced] = []
    spans: list[tuple[int, int, str]] = []
    pos = 0
    for block_sentences in kept_blocks:
        if text_parts:
            pos += 1  # the "\n" between blocks
        for j, piece in enumerate(block_sentences):
            if j:
                pos += 1  # the " " between sentences
            spans.append((pos, pos + len(piece), piece.text))
            pos += len(piece)
        text_parts.append(join(block_sentences, " "))
    clean = join(text_parts, "\n")

    sents = tuple(
        Sentence(idx=i, start=s, end=e, text=t, lang=language.detect(t) or "", repeats=counts[i])
        for i, (s, e, t) in enumerate(spans)
    )
    doc_lang = lang or raw.lang or language.majority([(s.lang, len(s.text)) for s in sents])
    sents = tuple(s if s.lang else replace(s, lang=doc_lang or "") for s in sents)

    document = Document(
        doc_id=raw.doc_id,
        lang=doc_lang,
        published=published or raw.published or meta.published,
        title=raw.title or meta.title,
        source=raw.source or meta.source,
        url=raw.url,
        place=canonical_place(meta.place),
        text=clean.text,
        sentences=sents,
        dropped=tuple(sorted(dropped, key=lambda d: d.orig_start)),
        offset_map=runs(clean.origin),
        raw_text=raw.text,
        content_hash=content_hash(raw, repeated, options_of(lang, published)),
    )
    return analyse(document, line_keys(raw))


def analyse(document: Document, keys: tuple[str, ...] = ()) -> Processed:
    """The extract stage: figures, entity mentions and events of a cleaned document.

    The extractors read `text/reading.py`'s twin of the document (Latin Kazakh in Cyrillic);
    what they find is mapped back onto the document's own text."""
    from bilateral.extract.anchor import reference_date
    from bilateral.extract.entities import link_document
    from bilateral.extract.events import extract_events
    from bilateral.extract.facts import extract_facts
    from bilateral.resolve.duplicates import signature

    twin = reading.read(document)
    doc = twin.document
    ref = reference_date(doc)
    facts = tuple(twin.record(f) for f in extract_facts(doc, ref))
    links, entities = link_document(doc, ref)
    people = {e["entity_id"]: e["name"] for e in entities if e["type"] == "person"}
    events = tuple(twin.record(e) for e in extract_events(doc, links, ref, people))
    mentions = tuple(
        twin.mention({"entity_id": x.entity_id, "start": s.start + x.start,
                      "end": s.start + x.end, "surface": x.surface})
        for s in doc.sentences for x in links.get(s.idx, [])
    )
    return Processed(document=document, line_keys=keys, facts=facts, events=events,
                     mentions=mentions, entities=tuple(entities),
                     signature=signature(document.text).tobytes(), ref_date=ref)


_WARM_UP = (
    RawDocument("warm-up-ru", "Товарооборот Казахстана и России составил 28 млрд долларов. "
                "Иван Петров и Сергей Сидоров встретились в Омске.", "warm-up"),
    RawDocument("warm-up-kk", "Қазақстан мен Ресей арасындағы сауда көлемі 20,3 млрд долларды "
                "құрады. Ерлан Сапаров пен Асқар Бекқожин кездесті.", "warm-up"),
)


@lru_cache(maxsize=1)
def warm_up() -> None:
    """Load the language detector, gazetteer and taggers once, so that the first document's
    time bound measures that document and not the loading of models."""
    for raw in _WARM_UP:
        process(raw)


def process_within(
    raw: RawDocument,
    limits: Limits,
    repeated: frozenset[str] = frozenset(),
    *,
    lang: str | None = None,
    published: date | None = None,
) -> Processed:
    """`process` under the per-document bounds; raises TooLarge or TimedOut (LimitExceeded)."""
    limits.check_size(raw.text)
    if limits.max_seconds:
        warm_up()
    with time_bound(limits.max_seconds):
        return process(raw, repeated, lang=lang, published=published)
