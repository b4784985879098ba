"""Importing this module loads every model the pipeline uses (natasha, the Kazakh tagger,
lingua, the lexicons) by processing a short sample in both languages.

The fork server of `parallel.ProcessPool` imports it before it forks any worker, so workers
start with the models in memory they share; Dask workers import it when asked to warm up.
"""

from __future__ import annotations

from contextlib import suppress
from importlib.resources import files

from bilateral.model import RawDocument
from bilateral.pipeline import process


def load() -> None:
    sample = files("bilateral.lexicon").joinpath("warmup.txt").read_text("utf-8")
    # The fork server must start whatever happens here: a failure comes back on the first
    # real document, which reports it with its name.
    with suppress(Exception):
        process(RawDocument("warm-up", sample, "warm-up"))


load()
