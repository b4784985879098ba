"""The corpus stage: claims, conflicts, checks, timelines and merged events over the store.

It reads what ingest stored (facts, events, MinHash signatures) and can be re-run at any time;
every step is blocked (claims by indicator and period, copies by LSH buckets, translations by
shared figures), so its cost grows with the number of facts, not with pairs of documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from bilateral.resolve import duplicates
from bilateral.resolve.checks import Check, run_checks
from bilateral.resolve.claims import Claim, build_claims
from bilateral.resolve.events import merge_events
from bilateral.store.db import Store


@dataclass
class Corpus:
    claims: list[Claim] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    copies: dict[str, str] = field(default_factory=dict)  # doc_id -> the document it copies
    events: list[dict] = field(default_factory=list)
    published: dict[str, str | None] = field(default_factory=dict)


def find_copies(store: Store, docs: dict[str, dict], facts: list[dict],
                translations: bool = True) -> dict[str, str]:
    signatures = {d: np.frombuffer(v["minhash"], dtype=np.uint64)
                  for d, v in docs.items() if v["minhash"]}
    published = {d: v["published"] for d, v in docs.items()}
    copies = duplicates.copy_groups(signatures, published)
    if translations:
        langs = {d: v["lang"] for d, v in docs.items()}
        for a, b in sorted(duplicates.translation_candidates(facts, langs)):
            if a in copies or b in copies:
                continue
            sa = [s["text"] for s in store.sentences(a)]
            sb = [s["text"] for s in store.sentences(b)]
            if duplicates.is_translation(sa, sb):
                first, second = sorted((a, b), key=lambda d: (published.get(d) or "9999", d))
                copies[second] = first
    return copies


def run(store: Store, indicator: str | None = None, translations: bool = True) -> Corpus:
    docs = store.corpus()
    published = {d: v["published"] for d, v in docs.items()}
    facts = list(store.facts())
    copies = find_copies(store, docs, facts, translations)
    surfaces = {f["fact_id"]: docs[f["doc_id"]]["text"][f["evidence"]["start"]:
                                                        f["evidence"]["end"]]
                for f in facts if f["doc_id"] in docs}
    # stock figures are placed at the date the document speaks from, stated or inferred
    as_of = {d: v["ref_date"] or v["published"] for d, v in docs.items()}
    claims = build_claims(facts, published, copies, surfaces, as_of)
    checks = run_checks(claims)
    if indicator:
        claims = [c for c in claims if c.facts[0]["indicator"] == indicator]
        checks = [k for k in checks if any(f["indicator"] == indicator for c in claims
                                           for f in c.facts if f["fact_id"] in k.facts)]
    events = merge_events(list(store.events()), published)
    return Corpus(claims, checks, copies, events, published)
