"""How large one document may be and how long it may take: one odd input (a megabyte of digits,
a 200 KB sentence) fails by name, like an unreadable file, instead of stalling a batch or holding
the web server's write lock.

Both bounds are settings (`BILATERAL_MAX_CHARS`, `BILATERAL_MAX_SECONDS`) that the CLI's
`--max-chars` and `--max-seconds` override; 0 switches a bound off. The time bound stops the
pipeline wherever it is: the pipeline is pure (nothing is written until it returns), so a stopped
document leaves nothing behind.
"""

from __future__ import annotations

import ctypes
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

# A news article is a few thousand characters; a million is a book, not an article.
DEFAULT_MAX_CHARS = 1_000_000
# An article takes well under a second; a whole megabyte of hostile text about half a minute.
DEFAULT_MAX_SECONDS = 60.0


class LimitExceeded(Exception):
    """A document over a bound; the message names the bound and how to change it."""


class TooLarge(LimitExceeded):
    pass


class TimedOut(LimitExceeded):
    pass


@dataclass(frozen=True, slots=True)
class Limits:
    max_chars: int | None = DEFAULT_MAX_CHARS
    max_seconds: float | None = DEFAULT_MAX_SECONDS

    @classmethod
    def from_env(cls, max_chars: int | None = None,
                 max_seconds: float | None = None) -> Limits:
        """Explicit values first, then the environment, then the defaults; 0 means no bound."""
        chars = max_chars if max_chars is not None else _env("BILATERAL_MAX_CHARS", int,
                                                             DEFAULT_MAX_CHARS)
        seconds = max_seconds if max_seconds is not None else _env("BILATERAL_MAX_SECONDS",
                                                                   float, DEFAULT_MAX_SECONDS)
        return cls(chars or None, seconds or None)

    def check_size(self, text: str) -> None:
        if self.max_chars and len(text) > self.max_chars:
            raise TooLarge(f"too large: {len(text)} characters, more than the "
                           f"{self.max_chars} allowed (--max-chars, BILATERAL_MAX_CHARS)")


def _env(name: str, kind: type, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        parsed = kind(value)
    except ValueError:
        raise ValueError(f"{name}={value!r} is not a number") from None
    if parsed < 0:
        raise ValueError(f"{name}={value!r} is negative")
    return parsed


@contextmanager
def time_bound(seconds: float | None) -> Iterator[None]:
    """Raise TimedOut in the calling thread once `seconds` have passed.

    A timer thread raises the exception asynchronously in this thread, so the bound holds in
    the CLI's main thread and in the web server's worker threads alike (a signal would serve only
    the main thread). It lands between two Python steps; the extractors make no long single
    step, since each reads a bounded window around each number."""
    if not seconds:
        yield
        return
    target = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    armed = [True]

    def fire() -> None:
        with lock:
            if armed[0]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, ctypes.py_object(_Expired))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        try:
            yield
        finally:
            with lock:
                armed[0] = False
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, None)  # one not raised yet
            timer.cancel()
    except _Expired:  # raised in the body, or in the `finally` just before disarming
        raise TimedOut(f"stopped after {seconds:g} s (--max-seconds, BILATERAL_MAX_SECONDS); "
                       "nothing stored") from None


class _Expired(BaseException):
    """Raised into the thread at the deadline; a BaseException so that no `except Exception`
    inside the pipeline swallows it."""
