"""Per-version work in parallel processes.

The six language versions of a report are independent until they are compared, so
reading, resolving, checking, rendering and preparing them for alignment run one
version per process when the machine has more than one core and the report is large
enough to repay starting the processes. The result is the same either way, byte for
byte (tests/test_parallel.py): tasks only compute, and the caller puts their results
back in the versions' order before anything is printed or written.

Processes are forked (Linux, where the imports and language data already loaded are
shared for free); elsewhere, or with ``REPORTGEN_JOBS=1``, the tasks run one after
another in this process.

Workers die with their parent: each asks the kernel for SIGKILL when the process that
forked it ends (``prctl(PR_SET_PDEATHSIG)``, through ctypes), and exits at once if that
parent is already gone; where there is no ``prctl``, a thread in the worker watches the
parent's pid. So ``kill -9`` of a ``build -j 2`` leaves no worker running on.
"""

from __future__ import annotations

import ctypes
import itertools
import multiprocessing
import os
import pickle
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Generic, TypeVar

from pathlib import Path

from reportgen.errors import UserError, WorkerError, processed_file
from reportgen.files import cannot_write

T = TypeVar("T")
R = TypeVar("R")

JOBS_ENV = "REPORTGEN_JOBS"
# Below this much source text, forking costs more than it saves (about 30 ms a process).
MIN_BYTES = 256 * 1024


def cores() -> int:
    """The cores this process may run on (a container's quota, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def jobs_for(tasks: int, size: int, requested: int | None = None) -> int:
    """How many processes to use for ``tasks`` tasks over ``size`` bytes of source.

    ``requested`` (``--jobs``) or ``REPORTGEN_JOBS`` wins; otherwise one per core
    for a large report, none for a small one."""
    if requested is None:
        env = os.environ.get(JOBS_ENV, "").strip()
        if env:
            if not env.isdigit() or int(env) < 1:
                raise UserError(JOBS_ENV, None, f"expected a positive whole number, got '{env}'")
            requested = int(env)
    if requested is None:
        requested = cores() if size >= MIN_BYTES else 1
    return max(1, min(requested, tasks))


class Workers:
    """Worker processes to run tasks in, or none (``jobs`` 1: each task runs at once,
    in this process). Used as a context manager; tasks may be submitted while
    earlier ones are being collected (alignment starts on a pair of versions as soon
    as both are prepared)."""

    def __init__(self, jobs: int) -> None:
        parallel = jobs > 1 and "fork" in multiprocessing.get_all_start_methods()
        self.pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                                        initializer=die_with_parent, initargs=(os.getpid(),)) if parallel else None
        self.pending: set[Future] = set()

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, task: Callable[[T], R], item: T) -> Future:
        """Run ``task(item)``: a module-level function (sent to the worker by name)."""
        if self.pool is not None:
            future = self.pool.submit(_guarded, task, item)
        else:
            future = Future()
            future.set_result(task(item))  # an exception propagates here, as it would serially
        self.pending.add(future)
        return future

    def completed(self, futures: Sequence[Future]) -> Iterator[Future]:
        """``futures`` as each finishes (in their order when several finish together,
        so that serial and parallel runs fail alike). A UserError raised by a task
        reaches the caller as it is; any other exception arrives as a
        :class:`WorkerError` carrying its type, message, file and traceback."""
        waiting = {f: i for i, f in enumerate(futures)}
        while waiting:
            done, _ = wait(waiting, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=waiting.__getitem__):
                del waiting[future]
                self.pending.discard(future)
                future.result()  # raises the task's exception
                yield future


def run_each(task: Callable[[T], R], items: Sequence[T], workers: Workers) -> Iterator[tuple[int, R]]:
    """``(index, task(item))`` for every item, as each finishes."""
    futures = [workers.submit(task, item) for item in items]
    index = {f: i for i, f in enumerate(futures)}
    for future in workers.completed(futures):
        yield index[future], future.result()


class Shipped(Generic[T]):
    """A value a worker sends back that the caller may not need: it stays pickled
    until :attr:`value` is asked for (the prepared versions, which only the HTML
    report reads). In a serial run it is never pickled at all."""

    __slots__ = ("_value", "_data")

    def __init__(self, value: T) -> None:
        self._value: T | None = value
        self._data: bytes | None = None

    @property
    def value(self) -> T:
        if self._value is None:
            assert self._data is not None
            self._value = pickle.loads(self._data)
        return self._value

    def __getstate__(self) -> bytes:
        if self._data is None:
            self._data = pickle.dumps(self._value, protocol=pickle.HIGHEST_PROTOCOL)
        return self._data

    def __setstate__(self, data: bytes) -> None:
        self._value, self._data = None, data


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
_WATCH_SECONDS = 0.5


def die_with_parent(parent: int) -> None:
    """Run first in each worker: end this process when ``parent`` (the process that
    forked it) ends, whatever ends it, ``kill -9`` included."""
    if not _ask_kernel(signal.SIGKILL):
        threading.Thread(target=_watch, args=(parent,), daemon=True, name="reportgen-parent-watch").start()
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _ask_kernel(sig: int) -> bool:
    """``prctl(PR_SET_PDEATHSIG, sig)`` (Linux); False where it is not available."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)


def _guarded(task: Callable[[T], R], item: T) -> R:
    """Run in the worker: an exception that might not survive pickling goes back as text."""
    try:
        return task(item)
    except UserError:
        raise
    except Exception as exc:
        raise WorkerError(type(exc).__name__, str(exc), processed_file(exc),
                          "".join(traceback.format_exception(exc))) from None
    finally:
        _give_back_memory()


def _give_back_memory() -> None:
    """Return the memory a finished task freed to the system (glibc's ``malloc_trim``, as
    Dask's workers do), so that a worker's next version starts from what it holds, not
    from the high-water mark of the last one. Elsewhere than glibc, nothing happens."""
    global _LIBC
    if _LIBC is None:
        try:
            _LIBC = ctypes.CDLL("libc.so.6")
            _LIBC.malloc_trim  # noqa: B018 (present in glibc only)
        except (OSError, AttributeError):
            _LIBC = False
    if isinstance(_LIBC, ctypes.CDLL):
        _LIBC.malloc_trim(0)


_LIBC: ctypes.CDLL | bool | None = None  # per worker process, loaded on first use


# A relayed value up to this size (pickled) is kept by each worker for its next tasks;
# a larger one is read again per task (memory over time: about 0.2 s a read at 14 MB, the
# original of a report of 8,000 paragraphs, which is kept: reading it again three times
# per worker cost more time than the memory it saved).
KEEP_BYTES = 64 * 1024 * 1024

# Relays by token: a worker forked after a relay was made finds its own copy here.
_RELAYS: dict[int, Relay] = {}
_TOKENS = itertools.count()


class Relay(Generic[T]):
    """One value handed from the task that makes it to the tasks that wait for it,
    whichever process each runs in: the original version, which every translation
    is aligned with. In parallel, through a file in ``folder`` and an event that
    the workers inherit, so a relay must be made before the :class:`Workers`. Sent
    to a task, a relay travels as a token (an event cannot be pickled)."""

    def __init__(self, folder: Path, parallel: bool) -> None:
        self.path = folder / "relay.pickle"
        self.event = multiprocessing.get_context("fork").Event() if parallel else None
        self.token = next(_TOKENS)
        self.made = False  # put() was called in this process
        self.given = False  # the value is held in this process
        self.value: T | None = None
        _RELAYS[self.token] = self

    def __reduce__(self) -> tuple:
        return _relay, (self.token,)

    def put(self, value: T | None) -> None:
        """Hand on ``value`` (None: it could not be made), once."""
        if self.made:
            return
        self.made = self.given = True
        self.value = value
        if self.event is None:
            return
        if value is None:  # nothing to hand on: no file, so a full disk cannot stop the release
            self.event.set()
            return
        partial = self.path.with_suffix(".partial")
        try:
            with open(partial, "wb") as file:  # written as it is pickled: no copy of the bytes held
                pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, self.path)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            self.event.set()  # the waiting tasks get None, and this task reports the disk
            raise cannot_write(partial, exc) from None
        self.event.set()
        self._keep(self.path.stat().st_size)

    def get(self) -> T | None:
        """The value, waiting for it if need be; None when it could not be made. A
        serial run makes it first, before any task asks: not made by then (the original
        unreadable, so its task never ran) is never.

        A worker keeps the value for its next tasks unless it is large (over
        :data:`KEEP_BYTES` pickled): then it reads it again each time, so that a worker
        does not hold the original of a huge report while it reads its next version."""
        if self.given:
            return self.value
        if self.event is None:
            self.given, self.value = True, None
            return None
        self.event.wait()
        try:
            file = open(self.path, "rb")
        except FileNotFoundError:  # released without a value (it could not be made or written)
            self.given, self.value = True, None
            return None
        with file:  # read as it is unpickled: no copy of the bytes held
            value = pickle.load(file)
        self.given, self.value = True, value
        self._keep(self.path.stat().st_size)
        return value

    def _keep(self, size: int) -> None:
        if size > KEEP_BYTES:  # the caller holds it for as long as it needs it
            self.given, self.value = False, None

    def close(self) -> None:
        """Release every task still waiting (with None), and forget the relay."""
        self.put(None)
        _RELAYS.pop(self.token, None)


def _relay(token: int) -> Relay:
    return _RELAYS[token]
