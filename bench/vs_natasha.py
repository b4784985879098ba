"""Side by side with natasha, the closest existing Russian toolkit, on the same articles.

    python bench/vs_natasha.py [--repeat 20]

1. Money and percentage figures of ../shared/gold found (value within 0.5 %, same unit) by
   our number extractor and by natasha's MoneyExtractor (natasha has no percentages).
2. Throughput: our whole `ingest` (clean, segment, language, all extractors, store) against
   natasha's segment + morph + NER alone, on the same articles; peak memory of each.
Prints the ratios. natasha is a benchmark-only dependency: pip install natasha.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
MONEY = {"USD", "EUR", "RUB", "KZT"}


def _articles() -> dict[str, str]:
    return {p.stem: p.read_text("utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))}


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.005 * abs(b)


def figures() -> None:
    from natasha import MoneyExtractor, MorphVocab

    from bilateral.extract.numbers import find_quantities

    gold_file = SHARED / "gold" / "seeds.facts.jsonl"
    gold = [json.loads(x) for x in gold_file.read_text("utf-8").splitlines()]
    gold = [g for g in gold if g["unit"] in MONEY | {"percent"}]
    texts = _articles()
    ours = [(q.value, q.unit) for t in texts.values() for q in find_quantities(t)]
    extractor = MoneyExtractor(MorphVocab())
    theirs = []
    for t in texts.values():
        for m in extractor(t):
            theirs.append((float(m.fact.amount), m.fact.currency))

    def hits(found, unit_filter) -> int:
        n = 0
        for g in gold:
            if g["unit"] in unit_filter and any(u == g["unit"] and _close(v, g["value"])
                                                for v, u in found):
                n += 1
        return n

    money_total = sum(g["unit"] in MONEY for g in gold)
    pct_total = sum(g["unit"] == "percent" for g in gold)
    our_money, their_money = hits(ours, MONEY), hits(theirs, MONEY)
    print(f"money figures found: ours {our_money}/{money_total}, natasha {their_money}/"
          f"{money_total}  (ratio {our_money / max(their_money, 1):.1f}x)")
    print(f"percentages found:   ours {hits(ours, {'percent'})}/{pct_total}, natasha n/a")


_OURS = """
import resource, sys, tempfile, time
from pathlib import Path
from bilateral.ingest.batch import ingest
from bilateral.store.db import Store
src = sys.argv[1]
from bilateral.model import RawDocument
from bilateral.pipeline import process
# load the models first, as the natasha side does before its clock starts
for p in sorted(Path(src).glob('*.txt'))[:5]:
    process(RawDocument(p.stem, p.read_text('utf-8'), str(p)))
with tempfile.TemporaryDirectory() as tmp:
    store = Store(str(Path(tmp) / 'b.db'))
    t0 = time.perf_counter(); s = ingest([src], store); dt = time.perf_counter() - t0
print(len(s.stored), dt, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""
_NATASHA = """
import resource, sys, time
from pathlib import Path
from natasha import Doc, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter
texts = [p.read_text('utf-8') for p in sorted(Path(sys.argv[1]).glob('*.txt'))]
seg = Segmenter(); emb = NewsEmbedding(); morph = NewsMorphTagger(emb); ner = NewsNERTagger(emb)
t0 = time.perf_counter()
for t in texts:
    d = Doc(t); d.segment(seg); d.tag_morph(morph); d.tag_ner(ner)
dt = time.perf_counter() - t0
print(len(texts), dt, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def throughput(repeat: int) -> None:
    texts = _articles()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        for r in range(repeat):
            for stem, t in texts.items():
                (src / f"{stem}-{r}.txt").write_text(f"{t}\n\n{r}", "utf-8")
        results = {}
        for name, code in (("ours", _OURS), ("natasha", _NATASHA)):
            out = subprocess.run([sys.executable, "-c", code, str(src)], capture_output=True,
                                 text=True, check=True).stdout.split()
            n, dt, mem = int(out[0]), float(out[1]), float(out[2])
            results[name] = (n / dt, mem)
            print(f"{name:8s} {n} articles in {dt:.2f} s: {n / dt:.1f} articles/s, "
                  f"peak memory {mem:.0f} MB")
    ratio = results["ours"][0] / results["natasha"][0]
    print(f"throughput ratio ours / natasha segment+morph+NER: {ratio:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    figures()
    throughput(args.repeat)


if __name__ == "__main__":
    main()
