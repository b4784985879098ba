"""Where the per-document stage runs: in this process, in worker processes on this machine, or
on a Dask cluster.

Every runner calls `run_chunk`, the one function a worker executes (it wraps the pure
`pipeline.process`), and hands the results back in input order, so the one writer stores the
same rows in the same order whichever runner did the work. Only the documents and the few
batch-level line fingerprints each one needs travel to the workers; nothing travels back but
the records.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import resource
import socket
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date
from functools import partial
from importlib import import_module
from itertools import islice
from typing import Any, Protocol

import numpy  # noqa: F401  (loads the BLAS library first, so that threadpool_limits reaches it)
from threadpoolctl import threadpool_limits

from bilateral.limits import LimitExceeded, Limits
from bilateral.model import RawDocument
from bilateral.pipeline import Processed, process_within

# Chunks in flight per worker: enough that a worker never waits while the writer writes.
WINDOW_PER_WORKER = 4
MAX_CHUNK = 16  # documents per chunk at most: small enough to keep every worker busy to the end
# The fork server imports this module first, so every worker starts with the models loaded.
PRELOAD = "bilateral.ingest.warm"


@dataclass(frozen=True, slots=True)
class Task:
    """One document and everything `process` needs besides it."""

    raw: RawDocument
    repeated: frozenset[str]  # the document's own line fingerprints that recur in its source
    lang: str | None = None
    published: date | None = None
    limits: Limits | None = None  # the per-document size and time bounds


@dataclass(frozen=True, slots=True)
class Outcome:
    doc_id: str
    processed: Processed | None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Chunk:
    outcomes: list[Outcome]
    worker: str  # host:pid of the process that ran it
    peak_mb: float  # that process's peak resident memory so far


def run_chunk(tasks: list[Task]) -> Chunk:
    """Process documents one by one; a document that fails is reported, not raised.

    numpy's BLAS (natasha's matrix products) keeps to one thread meanwhile: a worker is one
    of one per core, and on matrices this small its own threads only spin, taking half the
    CPU time and fighting the other workers for the cores (Dask's nanny does the same)."""
    outcomes = []
    with threadpool_limits(1):
        for t in tasks:
            try:
                outcomes.append(Outcome(t.raw.doc_id, process_within(
                    t.raw, t.limits or Limits(None, None), t.repeated, lang=t.lang,
                    published=t.published)))
            except LimitExceeded as e:
                outcomes.append(Outcome(t.raw.doc_id, None, str(e)))
            except Exception as e:  # one broken document must not stop the batch
                outcomes.append(Outcome(t.raw.doc_id, None, f"could not process: {e!r}"))
    return Chunk(outcomes, f"{socket.gethostname()}:{os.getpid()}", peak_memory_mb())


def load_models() -> None:
    """Import the module whose import loads the pipeline's models (once per process)."""
    import_module(PRELOAD)


def peak_memory_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)  # bytes there, KiB here


def chunk_size(n_tasks: int, workers: int) -> int:
    return max(1, min(MAX_CHUNK, n_tasks // (workers * WINDOW_PER_WORKER)))


def chunked(tasks: list[Task], size: int) -> list[list[Task]]:
    return [tasks[i:i + size] for i in range(0, len(tasks), size)]


class RunnerError(Exception):
    """The runner cannot start (no cluster, a missing extra): nothing was processed."""


class Runner(Protocol):
    workers: int

    def map(self, chunks: list[list[Task]]) -> Iterator[Chunk]:
        """`run_chunk` of every chunk, yielded in the order of `chunks`."""
        ...

    def close(self) -> None: ...


class InProcess:
    """The per-document stage in this process: no start-up cost, one core."""

    workers = 1

    def map(self, chunks: list[list[Task]]) -> Iterator[Chunk]:
        return (run_chunk(c) for c in chunks)

    def close(self) -> None:
        pass


def in_order(submit: Callable[[list[Task]], Any], chunks: Iterable[list[Task]],
             window: int) -> Iterator[tuple[list[Task], Any]]:
    """(chunk, future) in input order, with `window` chunks submitted ahead of the one being
    taken, so that results never pile up faster than the writer stores them."""
    it = iter(chunks)
    pending = deque((c, submit(c)) for c in islice(it, window))
    while pending:
        chunk, future = pending.popleft()
        following = next(it, None)
        if following is not None:
            pending.append((following, submit(following)))
        yield chunk, future


class ProcessPool:
    """Worker processes on this machine.

    Workers are forked from a fork server that has imported the pipeline and loaded its
    models (natasha, the Kazakh tagger, lingua) once, so a worker starts in milliseconds and
    shares the models' memory with its siblings; where there is no fork server (Windows),
    workers are spawned and load the models themselves.
    `fn` is what a worker runs on a chunk (`run_chunk`; tests put a crashing one in).
    """

    def __init__(self, workers: int, fn: Callable[[list[Task]], Chunk] = run_chunk) -> None:
        self.workers = workers
        self.fn = fn
        self._executor: ProcessPoolExecutor | None = None

    @staticmethod
    def _context():
        if "forkserver" in multiprocessing.get_all_start_methods():
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload([PRELOAD])
            return ctx
        return multiprocessing.get_context("spawn")

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(self.workers, mp_context=self._context())
        return self._executor

    def warm(self) -> None:
        """Start every worker now (benchmarks time the work, not the start)."""
        list(self._pool().map(run_chunk, [[]] * self.workers * 2))

    def map(self, chunks: list[list[Task]]) -> Iterator[Chunk]:
        if len(chunks) <= 1 and self._executor is None:
            yield from (self.fn(c) for c in chunks)  # one chunk: a pool would only add its start
            return
        rest = deque(chunks)
        window = self.workers * WINDOW_PER_WORKER
        while rest:
            pool = self._pool()
            taken = 0
            try:
                for _, future in in_order(partial(pool.submit, self.fn), list(rest), window):
                    result = future.result()
                    taken += 1
                    yield result
                return
            except BrokenProcessPool:
                # A worker died (killed, out of memory, a crash in native code) and took the
                # pool with it: every chunk in flight is a suspect. Run the suspects one
                # document at a time so that only a document that kills a worker on its own
                # is reported, then go on in a fresh pool.
                for _ in range(taken):
                    rest.popleft()
                self.close()
                suspects = [rest.popleft() for _ in range(min(window + 1, len(rest)))]
                yield from self._one_at_a_time(suspects)

    def _one_at_a_time(self, chunks: list[list[Task]]) -> Iterator[Chunk]:
        """Each document alone in a one-worker pool, replaced whenever a document kills it."""
        pool: ProcessPoolExecutor | None = None
        for chunk in chunks:
            outcomes: list[Outcome] = []
            worker, peak = "", 0.0
            for task in chunk:
                pool = pool or ProcessPoolExecutor(1, mp_context=self._context())
                try:
                    done = pool.submit(self.fn, [task]).result()
                except BrokenProcessPool:
                    pool.shutdown()
                    pool = None
                    outcomes.append(Outcome(task.raw.doc_id, None,
                                            "could not process: the worker process died"))
                    continue
                outcomes.extend(done.outcomes)
                worker, peak = done.worker, max(peak, done.peak_mb)
            yield Chunk(outcomes, worker, peak)
        if pool is not None:
            pool.shutdown()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None


class DaskCluster:
    """The per-document stage mapped over a dask.distributed cluster; the store is written
    here, by the client. `address` is a scheduler ("tcp://host:8786") or "local" for a
    LocalCluster of `workers` single-threaded processes on this machine."""

    def __init__(self, address: str, workers: int) -> None:
        self.address = address
        self.workers = workers
        self._client = None
        self._cluster = None

    def _connect(self):
        if self._client is None:
            try:
                from distributed import Client, LocalCluster
            except ImportError:
                raise RunnerError("--dask needs dask.distributed: "
                                  "pip install 'bilateral[dask]'") from None
            if self.address == "local":
                self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1,
                                             processes=True, dashboard_address=None,
                                             silence_logs=logging.ERROR)
                self._client = Client(self._cluster)
            else:
                try:
                    self._client = Client(self.address)
                except (OSError, ValueError) as e:  # unreachable, or not an address
                    raise RunnerError(f"no Dask scheduler at {self.address}: {e}") from None
            self.workers = max(1, sum(self._client.nthreads().values()))
        return self._client

    def warm(self) -> None:
        """Load the models on every worker now (benchmarks time the work, not the start)."""
        self._connect().run(load_models)

    def map(self, chunks: list[list[Task]]) -> Iterator[Chunk]:
        client = self._connect()
        window = self.workers * WINDOW_PER_WORKER
        for chunk, future in in_order(partial(client.submit, run_chunk, pure=False),
                                      chunks, window):
            try:
                yield future.result()
            except Exception as e:  # a worker lost for good (KilledWorker) or unreachable
                reason = f"could not process on the cluster: {e!r}"
                yield Chunk([Outcome(t.raw.doc_id, None, reason) for t in chunk], "", 0.0)
            future.release()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._client = self._cluster = None


def cores() -> int:
    """The cores this process may use (a container's share, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def runner_for(workers: int | None = None, dask: str | None = None) -> Runner:
    """The runner the CLI asks for: `--dask ADDRESS`, else `--workers N` (default: every
    core; 1 runs in this process)."""
    n = workers or cores()
    if dask:
        return DaskCluster(dask, n)
    return ProcessPool(n) if n > 1 else InProcess()
