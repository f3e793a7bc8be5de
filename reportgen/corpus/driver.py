"""The Dask driver of ``reportgen corpus``: one task per report, results written as they come.

Dask (``dask.distributed``) is the engine: with no scheduler address, a
``LocalCluster`` of worker processes on this machine (one per core, or ``workers``);
given ``tcp://host:8786``, the cluster behind it, whose workers must see INPUT at the
same path. A task is :func:`~reportgen.corpus.tasks.process_report` (a report folder) or
:func:`~reportgen.corpus.tasks.process_issued` (issued documents to import), sent by name;
an issued file that gave no report fails in the client, with no task.

The client keeps a bounded window of tasks in flight (``WINDOW`` per worker thread) and writes
each result as it completes (``store.put``), then releases it, so neither the client nor
a worker holds more than a few reports. A worker that dies is Dask's to handle: its
tasks are run again elsewhere (``distributed.scheduler.allowed-failures``); a task that
still cannot finish becomes a failed report that the next run retries.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen.corpus.inputs import Report, find_inputs
from reportgen.corpus.store import Store, Totals
from reportgen.corpus.summary import write_summary
from reportgen.corpus.tasks import ReportRows, failed_rows, process_issued, process_report
from reportgen.errors import UserError

__all__ = ["run_corpus", "Progress"]

CONNECT_TIMEOUT = "20s"  # to reach the scheduler given with --scheduler
WINDOW = 2  # tasks in flight per worker thread: one running, one waiting to start


@dataclass
class Progress:
    """Counts for a progress display: reports done (of those to run), failed, reused."""

    total: int
    reused: int
    done: int = 0
    failed: int = 0

    @property
    def remaining(self) -> int:
        return self.total - self.done


def run_corpus(source: Path, out: Path, *, scheduler: str | None = None, workers: int | None = None,
               on_result: Callable[[Progress, ReportRows], None] | None = None,
               on_start: Callable[[Progress], None] | None = None) -> Totals:
    """Run every report under ``source`` that ``out`` does not hold yet, then write the tables."""
    if not source.is_dir():
        raise UserError(source, None, "no such folder" if not source.exists() else "not a folder")
    reports = find_inputs(source, exclude=out)
    if not reports:
        raise UserError(source, None, "holds no report folder (a folder with <lang>.md files)")
    store = Store(out)
    todo = [r for r in reports if not store.done(r)]
    progress = Progress(total=len(todo), reused=len(reports) - len(todo))
    if on_start is not None:
        on_start(progress)

    def put(rows: ReportRows) -> None:
        store.put(rows)
        progress.done += 1
        progress.failed += rows.failed
        if on_result is not None:
            on_result(progress, rows)

    for report in todo:  # a file that gave no report: its row needs no worker
        if report.problem is not None:
            put(failed_rows(report.name, report.digest, report.problem))
    tasks = [r for r in todo if r.problem is None]
    if tasks:
        with _client(scheduler, workers) as client:
            for rows in _results(client, tasks):
                put(rows)
    totals = store.assemble(reports)
    totals.summary = write_summary(out)
    return totals


def _results(client: Any, todo: list[Report]) -> Iterator[ReportRows]:
    """Each report's rows as its task completes, with ``WINDOW`` tasks per worker thread in
    flight: counted again as each completes, so workers that join a running cluster get work."""
    from distributed import as_completed

    pending = enumerate(todo)
    running: dict[str, Report] = {}
    queue = as_completed()

    def top_up() -> None:
        slots = max(1, WINDOW * sum(client.nthreads().values()))
        while len(running) < slots:
            index, report = next(pending, (0, None))
            if report is None:
                return
            key = f"report-{index}-{report.digest[:16]}"
            if report.files:
                future = client.submit(process_issued, list(report.files), report.name, report.digest, key=key,
                                       pure=False)
            else:
                future = client.submit(process_report, str(report.folder.resolve()), report.name, report.digest,
                                       key=key, pure=False)
            running[future.key] = report
            queue.add(future)

    top_up()
    for future in queue:
        report = running.pop(future.key)
        try:
            rows: ReportRows = future.result()
        except Exception as exc:  # the task's worker died too often: retried by the next run
            text = " ".join(str(exc).split()) or type(exc).__name__
            rows = failed_rows(report.name, report.digest, f"{report.folder}: not processed: {text}", keep=False)
        future.release()
        yield rows
        top_up()


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int | None) -> Iterator[Any]:
    """A client of the cluster at ``scheduler``, or of a local cluster of worker processes."""
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise UserError("--scheduler", None, f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        with client:
            if workers:
                client.wait_for_workers(workers)
            yield client
        return
    count = workers or len(os.sched_getaffinity(0))
    with LocalCluster(n_workers=count, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client
