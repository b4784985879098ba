"""Train the Kazakh NER CRF shipped as ``bilateral/models/kk_ner.crfsuite``.

Data: the KazNERD validation split (IS2AI, CC BY 4.0; Yeshpanov, Khassanov, Varol, LREC 2022).
Every tenth group of sentences is held out and scored; the rest trains the model. A group is a
sentence plus its adjacent twin (KazNERD repeats many sentences with numbers once in words, once
in digits), so no held-out sentence is seen in training. The split, features and scoring come
from ``bilateral.text.kk_ner`` so they match the runtime and the tests.

Usage: python scripts/train_kk_ner.py [--data PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pycrfsuite

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from bilateral.text import kk_ner  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "kaznerd" / "IOB2_valid.txt"
DEFAULT_OUT = ROOT / "src" / "bilateral" / "models" / "kk_ner.crfsuite"

# L1 prunes most candidate feature weights (keeps the file small and the model from memorising
# rare words); L2 spreads weight over correlated features (word, stems, suffixes). Chosen on the
# held-out part among c1/c2 in {0.1/0.01, 0.2/0.01, 0.05/0.05}; the differences were within noise.
PARAMS = {
    "c1": 0.05,
    "c2": 0.05,
    "max_iterations": 200,
    "feature.possible_transitions": True,
}


def train(sentences: list[kk_ner.Sentence], out: Path, params: dict) -> None:
    """Fit a CRF on gold sentences and write it to ``out``."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for sent in sentences:
        trainer.append(kk_ner.features([w for w, _ in sent]), [t for _, t in sent])
    trainer.set_params(params)
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def predict(model: Path, sentences: list[kk_ner.Sentence]) -> list[list[str]]:
    """Tags from the just-written model file (not the packaged one, which may be older)."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    try:
        return [list(tagger.tag(kk_ner.features([w for w, _ in s]))) for s in sentences]
    finally:
        tagger.close()


def report(scores: dict) -> str:
    """Per-class table and the two headline numbers."""
    lines = [f"{'class':<16}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>9}"]
    for kind, s in scores["classes"].items():
        lines.append(
            f"{kind:<16}{s['precision']:>10.3f}{s['recall']:>10.3f}{s['f1']:>10.3f}"
            f"{s['support']:>9d}"
        )
    lines.append(f"micro_f1       {scores['micro_f1']:.4f}")
    lines.append(f"core_micro_f1  {scores['core_micro_f1']:.4f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="KazNERD IOB2 file")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the model")
    ap.add_argument("--params", type=json.loads, default={}, help="JSON overrides of PARAMS")
    args = ap.parse_args(argv)

    sentences = kk_ner.read_iob2(args.data)
    train_part, held = kk_ner.split(sentences)
    print(f"sentences: {len(sentences)} (train {len(train_part)}, held out {len(held)})")

    t0 = time.perf_counter()
    train(train_part, args.out, {**PARAMS, **args.params})
    elapsed = time.perf_counter() - t0
    size = args.out.stat().st_size
    print(f"trained in {elapsed:.1f} s; model {args.out} {size / 1e6:.2f} MB")

    t0 = time.perf_counter()
    pred = predict(args.out, held)
    elapsed = time.perf_counter() - t0
    n_tokens = sum(len(s) for s in held)
    print(f"tagged {n_tokens} tokens in {elapsed:.2f} s ({n_tokens / elapsed:.0f} tokens/s)")

    print(report(kk_ner.score([[t for _, t in s] for s in held], pred)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
