"""A time limit for code that used to hang (a test that fails instead of blocking the suite)."""
from __future__ import annotations

import signal
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def at_most(seconds: float) -> Iterator[None]:
    """Raise TimeoutError inside the block when it runs longer than ``seconds`` (main thread, POSIX only)."""
    def fail(*_) -> None:
        raise TimeoutError(f"took longer than {seconds} s")
    previous = signal.signal(signal.SIGALRM, fail)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
