"""The composite records that both the JSON API and the pages show, built once here.

Each is assembled from the store and the corpus stage; nothing is computed here that the
library already computes.
"""

from __future__ import annotations

import os
import re

from bilateral.extract.entities import Role, gazetteer
from bilateral.web import queries
from bilateral.web.state import WebState


def document_detail(state: WebState, doc_id: str) -> dict | None:
    store = state.store
    doc = store.document(doc_id)
    if doc is None:
        return None
    doc = {**doc, "origin": public_origin(doc.get("origin"))}
    return {"document": doc, "sentences": list(store.sentences(doc_id)),
            "facts": list(store.facts(doc_id=doc_id)), "events": list(store.events(doc_id)),
            "mentions": store.mentions(doc_id)}


def public_origin(origin: str | None) -> str | None:
    """Where a document came from, as the server may tell a client: a path relative to what
    the user gave, or the bare file name (with its row) where the path is absolute."""
    if not origin:
        return origin
    path, row = re.fullmatch(r"(.*?)((?::\d+)?)", origin).groups()
    return os.path.basename(path) + row if os.path.isabs(path) else origin


def role_record(r: Role) -> dict:
    return {"role": r.role, "country": r.country,
            "start": r.start.isoformat() if r.start else None,
            "end": r.end.isoformat() if r.end else None, **dict(r.extra)}


def involves(entity: dict, event: dict) -> bool:
    """Whether a (merged) event names the entity: as a participant, its place or its body."""
    name = entity["name"]
    return (name in event.get("participants", ()) or event.get("place") == name
            or event.get("framework") == name)


def entity_detail(state: WebState, entity_id: str) -> dict | None:
    entity = next((e for e in state.entities() if e["entity_id"] == entity_id), None)
    if entity is None:
        return None
    roles = gazetteer().roles.get(entity_id, []) if entity["type"] == "person" else []
    events = [e for e in state.corpus().events if involves(entity, e)]
    docs = queries.document_summaries(state, entity["docs"])
    return {"entity": entity, "roles": [role_record(r) for r in roles],
            "aliases_by_lang": queries.entity_aliases(state, entity_id),
            "events": events, "documents": [docs[d] for d in entity["docs"] if d in docs]}
