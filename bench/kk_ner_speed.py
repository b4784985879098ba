"""Speed of the shipped Kazakh tagger: load time, tokens per second, size of its files.

    python bench/kk_ner_speed.py [--repeat 3]

Tags the held-out block of ../shared/data/kaznerd/IOB2_valid.txt (see ``kk_ner.split``) with
``kk_ner.tag``, the call the pipeline makes, and prints the best of ``--repeat`` passes. The
figures depend on the machine and its load: compare two versions on one machine, one after the
other.
"""

from __future__ import annotations

import argparse
import time
from importlib.resources import files
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KAZNERD = ROOT.parent / "shared" / "data" / "kaznerd" / "IOB2_valid.txt"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    t0 = time.perf_counter()
    from bilateral.text import kk_ner

    kk_ner.tag(["Астана"])  # reads the model and the word classes
    print(f"import and load: {time.perf_counter() - t0:.2f} s")
    for name in kk_ner.PACKAGED_FILES:
        size = files(kk_ner.MODEL_PACKAGE).joinpath(name).read_bytes()
        print(f"{name}: {len(size) / 1e6:.2f} MB")

    _, held = kk_ner.split(kk_ner.read_iob2(KAZNERD))
    sentences = [[w for w, _ in s] for s in held]
    n_tokens = sum(map(len, sentences))
    best = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for tokens in sentences:
            kk_ner.tag(tokens)
        best = min(best, time.perf_counter() - t0)
    print(f"tagged {n_tokens} tokens in {best:.2f} s: {n_tokens / best:.0f} tokens/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
