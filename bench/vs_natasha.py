"""Side by side with natasha, the closest existing Russian toolkit, on the same articles.

    python bench/vs_natasha.py [--repeat 10] [--workers N] [--rounds 2]

1. Money and percentage figures of ../shared/gold found (value within 0.5 %, same unit) by
   our number extractor and by natasha's MoneyExtractor (natasha has no percentages).
2. Throughput: our whole `ingest` (clean, segment, language, all extractors, store) in one
   process and on N worker processes (default: every core) against natasha's segment +
   morph + NER alone in one process, on the same articles (137 texts, each `--repeat` times
   under new names), all measured in this one run, with CPU time per article beside;
   peak resident memory per worker process (shared model pages counted in each).
Prints the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
MONEY = {"USD", "EUR", "RUB", "KZT"}
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _articles() -> dict[str, str]:
    return {p.stem: p.read_text("utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))}


def _corpus() -> dict[str, str]:
    """The seeds, the articles written for the project and the real news excerpts (Kazakh and
    Russian, long and short): 137 different texts. With --repeat above 1 the same texts come
    again under new names, which favours our per-text caches: quote --repeat 1."""
    texts = _articles()
    data = ROOT / "tests" / "data"
    for f in [*sorted(data.glob("*_articles.jsonl")), *sorted(data.glob("real/*.articles.jsonl"))]:
        for line in f.read_text("utf-8").splitlines():
            row = json.loads(line)
            texts[row["id"]] = row["text"]
    return texts


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
import json, os, sys, tempfile, time
from pathlib import Path
from bilateral.ingest.batch import ingest
from bilateral.ingest.parallel import InProcess, ProcessPool, peak_memory_mb
from bilateral.store.db import Store
src, workers = sys.argv[1], int(sys.argv[2])
# load the models first, as the natasha side does before its clock starts: here, or in the
# fork server every worker is forked from
runner = InProcess() if workers == 1 else ProcessPool(workers)
if workers == 1:
    import bilateral.ingest.warm
else:
    runner.warm()
def cpu_of(pid):  # user + system seconds of a live process (Linux)
    fields = Path(f'/proc/{pid}/stat').read_text().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')
with tempfile.TemporaryDirectory() as tmp:
    store = Store(str(Path(tmp) / 'b.db'))
    c0 = time.process_time(); t0 = time.perf_counter()
    s = ingest([src], store, runner=runner)
    dt = time.perf_counter() - t0; cpu = time.process_time() - c0
cpu += sum(cpu_of(w.rsplit(':', 1)[1]) for w in s.peak_mb) if workers > 1 else 0.0
runner.close()
per_worker = s.peak_mb if workers > 1 else {'main': peak_memory_mb()}
print(json.dumps({'n': len(s.stored), 'seconds': dt, 'cpu': cpu, 'main_mb': peak_memory_mb(),
                  'worker_mb': per_worker}))
"""
_NATASHA = """
import json, resource, sys, time
from pathlib import Path
from natasha import Doc, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter
texts = [p.read_text('utf-8') for p in sorted(Path(sys.argv[1]).glob('*.txt'))]
seg = Segmenter(); emb = NewsEmbedding(); morph = NewsMorphTagger(emb); ner = NewsNERTagger(emb)
c0 = time.process_time(); t0 = time.perf_counter()
for t in texts:
    d = Doc(t); d.segment(seg); d.tag_morph(morph); d.tag_ner(ner)
dt = time.perf_counter() - t0; cpu = time.process_time() - c0
mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({'n': len(texts), 'seconds': dt, 'cpu': cpu, 'main_mb': mb,
                  'worker_mb': {'main': mb}}))
"""


def _measure(code: str, src: Path, *args: str, env: dict[str, str] | None = None) -> dict:
    out = subprocess.run([sys.executable, "-c", code, str(src), *args], capture_output=True,
                         text=True, check=True, env={**os.environ, **(env or {})}).stdout
    return json.loads(out.splitlines()[-1])


def throughput(repeat: int, workers: int, rounds: int) -> None:
    """Natasha, ours in one process and ours on `workers` processes, measured in one run
    (interleaved, best of `rounds`, so that a busy machine weighs on all three alike).
    natasha runs both with and without numpy's own threads (ours keeps them to one, see
    ingest/parallel.run_chunk); the faster is the baseline."""
    texts = _corpus()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        for r in range(repeat):
            for stem, t in texts.items():
                (src / f"{stem}-{r}.txt").write_text(f"{t}\n\n{r}", "utf-8")
        sides = {"natasha": (_NATASHA, (), None),
                 "natasha 1 thread": (_NATASHA, (), ONE_THREAD),
                 "ours x1": (_OURS, ("1",), None),
                 f"ours x{workers}": (_OURS, (str(workers),), None)}
        best: dict[str, dict] = {}
        for _ in range(rounds):
            for name, (code, args, env) in sides.items():
                m = _measure(code, src, *args, env=env)
                if name not in best or m["seconds"] < best[name]["seconds"]:
                    best[name] = m
    rate = {name: m["n"] / m["seconds"] for name, m in best.items()}
    # natasha as fast as it ran: with numpy's own threads or without them
    base = max(rate["natasha"], rate["natasha 1 thread"])
    for name, m in best.items():
        peak = max(m["worker_mb"].values())
        print(f"{name:16s} {m['n']} articles in {m['seconds']:6.2f} s: {rate[name]:5.1f} "
              f"articles/s, {1000 * m['cpu'] / m['n']:5.1f} CPU ms/article, peak memory per "
              f"worker {peak:.0f} MB over {len(m['worker_mb'])} process(es), main process "
              f"{m['main_mb']:.0f} MB")
    for name in ("ours x1", f"ours x{workers}"):
        print(f"throughput ratio {name} / natasha segment+morph+NER: {rate[name] / base:.2f}")
    # CPU time barely depends on what else the machine runs: on a busy machine, read these
    cpu = {name: m["cpu"] / m["n"] for name, m in best.items()}
    their = min(cpu["natasha"], cpu["natasha 1 thread"])
    print(f"CPU per article ours x1 / natasha: {cpu['ours x1'] / their:.2f}; "
          f"ours x{workers} (all processes) / ours x1: "
          f"{cpu[f'ours x{workers}'] / cpu['ours x1']:.2f}")


def main() -> None:
    from bilateral.ingest.parallel import cores

    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--workers", type=int, default=cores(), help="default: every core")
    ap.add_argument("--rounds", type=int, default=2, help="best of this many runs of each")
    args = ap.parse_args()
    figures()
    throughput(args.repeat, args.workers, args.rounds)


if __name__ == "__main__":
    main()
