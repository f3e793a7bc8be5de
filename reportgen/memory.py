"""Memory habits every stage may use, with no knowledge of processes (``parallel``)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector over work that makes no reference
    cycles: reading, resolving, checking and aligning (tests/test_cycles.py holds
    them to it). Their millions of small objects would otherwise be traversed again
    and again by full collections that find nothing: a fifth of their time. Memory
    is still freed by reference counting. Rendering is not paused: python-docx's
    part graph has cycles."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
