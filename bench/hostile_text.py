"""Hostile text: a fuzzed corpus through the whole per-document pipeline, the slowest documents
with their times and sizes, and the two long inputs the reliability issue names.

    python bench/hostile_text.py [--docs 300] [--seed 12] [--max-kb 100] [--top 10]

Documents are made, reproducibly from the seed, of the words of the bundled articles (seeds,
examples) recombined with numbers, long digit runs, nested brackets, mixed scripts, arbitrary
Unicode (combining marks, controls, other planes) and sentences with no punctuation at all;
sizes are spread from 100 bytes to --max-kb. Any exception is a bug and is printed. Then: a
200 KB sentence of article words without punctuation, and 100 KB of article prose.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from pathlib import Path

from bilateral.ingest.encoding import decode
from bilateral.model import RawDocument
from bilateral.pipeline import process, warm_up

HERE = Path(__file__).resolve().parent
SOURCES = [HERE.parent.parent / "shared" / "seeds", HERE.parent / "examples"]
KINDS = ("soup", "digits", "brackets", "unicode", "scripts", "no_punctuation")


def article_text() -> str:
    return "\n".join(decode(p.read_bytes())[0] for d in SOURCES if d.is_dir()
                     for p in sorted(d.glob("*.txt")))


def _number(rng: random.Random) -> str:
    return rng.choice([
        str(rng.randint(0, 10**rng.randint(1, 12))),
        f"{rng.randint(0, 999)},{rng.randint(0, 99)}",
        " ".join(str(rng.randint(100, 999)) for _ in range(rng.randint(2, 5))),
        "9" * rng.randint(20, 400),
        f"{rng.randint(1, 99)}%", f"${rng.randint(1, 99)} млрд",
        f"{rng.randint(1, 30)}-{rng.randint(1, 31)}",
    ])


def _unicode(rng: random.Random, n: int) -> str:
    blocks = [(0x20, 0x7E), (0x400, 0x4FF), (0x300, 0x36F), (0x0, 0x1F), (0x2000, 0x206F),
              (0x600, 0x6FF), (0x4E00, 0x4E80), (0x1F600, 0x1F64F), (0x10000, 0x1007F)]
    out = []
    for _ in range(n):
        a, b = rng.choice(blocks)
        out.append(chr(rng.randint(a, b)))
    return "".join(out)


def make(kind: str, size: int, words: list[str], rng: random.Random) -> str:
    parts: list[str] = []
    length = 0
    while length < size:
        if kind == "soup":
            piece = rng.choice([rng.choice(words), _number(rng), rng.choice(".,;:()«»—\n")])
        elif kind == "digits":
            piece = _number(rng)
        elif kind == "brackets":
            depth = rng.randint(1, 12)
            piece = "(" * depth + rng.choice([_number(rng), rng.choice(words)]) + ")" * depth
        elif kind == "unicode":
            piece = _unicode(rng, rng.randint(1, 40))
        elif kind == "scripts":
            piece = rng.choice(words) + _unicode(rng, 2) + rng.choice(["ab", "ΣΩ", "ق", "中"])
        else:  # no_punctuation: article words and numbers, one endless sentence
            piece = rng.choice(words) if rng.random() < 0.8 else _number(rng)
        parts.append(piece)
        length += len(piece) + 1
    return " ".join(parts)[:size]


def timed(text: str, doc_id: str) -> tuple[float, Exception | None]:
    t0 = time.perf_counter()
    try:
        process(RawDocument(doc_id, text, doc_id))
    except Exception as e:  # a bug: reported, the bench goes on
        return time.perf_counter() - t0, e
    return time.perf_counter() - t0, None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--max-kb", type=float, default=100)
    ap.add_argument("--top", type=int, default=10)
    args = ap.parse_args()
    prose = article_text()
    words = re.findall(r"\w+", prose)
    rng = random.Random(args.seed)
    warm_up()  # models load once, outside every timing
    results = []
    for k in range(args.docs):
        kind = KINDS[k % len(KINDS)]
        size = int(100 * (args.max_kb * 10.24) ** rng.random())  # log-uniform 100 B .. max
        text = make(kind, size, words, rng)
        seconds, error = timed(text, f"fuzz-{k}")
        results.append((seconds, len(text), kind, k, error))
        if error is not None:
            print(f"EXCEPTION fuzz-{k} ({kind}, {len(text)} chars): {error!r}")
    times = [r[0] for r in results]
    chars = sum(r[1] for r in results)
    print(f"fuzzed documents {len(results)}, {chars / 1024:.0f} K characters in all, "
          f"{sum(1 for r in results if r[4])} exceptions; per document median "
          f"{statistics.median(times) * 1000:.0f} ms, p95 "
          f"{sorted(times)[int(0.95 * len(times))] * 1000:.0f} ms; "
          f"{chars / sum(times) / 1024:.0f} K characters/s")
    print("slowest:")
    for seconds, size, kind, k, _ in sorted(results, reverse=True)[:args.top]:
        print(f"  fuzz-{k:<4} {kind:15} {size / 1024:7.1f} K chars {seconds:7.2f} s "
              f"({seconds / max(size, 1) * 1024 * 1000:6.1f} ms/K)")
    flat = " ".join(words)
    sentence = (flat * (200 * 1024 // len(flat) + 1))[:200 * 1024]
    seconds, error = timed(sentence, "sentence-200k")
    print(f"200 K-character sentence without punctuation: {seconds:.2f} s"
          + (f" EXCEPTION {error!r}" if error else ""))
    # 100 K characters of article prose, each copy marked so that no sentence is a repeat
    copies = [re.sub(r"(\d+)", lambda m, k=k: str(int(m.group()) + k), prose)
              for k in range(100 * 1024 // len(prose) + 1)]
    document = "\n".join(copies)[:100 * 1024]
    seconds, error = timed(document, "prose-100k")
    print(f"100 K characters of article prose: {seconds:.2f} s"
          + (f" EXCEPTION {error!r}" if error else ""))


if __name__ == "__main__":
    main()
