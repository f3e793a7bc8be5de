"""The ``corpus-1`` and ``corpus-2`` stages of ``make bench``: ``reportgen corpus`` with 1 and 2 workers.

For a size N (the standard report only, N up to ``BENCH_CORPUS_MAX_N``, default 500), the
stage writes ``BENCH_CORPUS_REPORTS`` (default 24) generated reports of N paragraphs in six
languages (seeds 0, 1, …) into ``OUT/corpus-N/in/`` once, untimed, then times whole runs of
``reportgen corpus IN -o OUT --workers W`` into an empty OUT each time (nothing reused:
every report is processed). Its note gives reports per minute (reports ÷ median wall
time, the cluster's start included) and the peak resident set of the largest single
process below the command, which is a Dask worker's (``peak per worker``): each process
of the tree is sampled on its own, where the stage's ``peak RSS MB`` is the tree's sum.
docs/SCALING.md turns the figures into a cluster's size.
"""

from __future__ import annotations

import os
import shutil
import signal
import statistics
import subprocess
import threading
import time
from pathlib import Path

STAGES = {"corpus-1": 1, "corpus-2": 2}
REPORTS = int(os.environ.get("BENCH_CORPUS_REPORTS", "24"))
PAGE = os.sysconf("SC_PAGE_SIZE")


def corpus_input(root: Path, n: int, reports: int = REPORTS) -> Path:
    """``reports`` generated reports of ``n`` paragraphs under ``root/corpus-N/in`` (kept between stages)."""
    from bench.generate import generate

    source = root / f"corpus-{n}-{reports}" / "in"
    for k in range(reports):
        if not (source / f"r{k:04d}" / "zh.md").exists():
            generate(source / f"r{k:04d}", n, seed=k)
    return source


def processes_rss(root: int) -> dict[int, int]:
    """Resident bytes of every process below ``root`` (not ``root`` itself), now."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                data = f.read()
        except OSError:
            continue
        fields = data[data.rindex(b")") + 2:].split()
        children.setdefault(int(fields[1]), []).append(int(name))
        rss[int(name)] = int(fields[21]) * PAGE
    out: dict[int, int] = {}
    todo = list(children.get(root, ()))
    while todo:
        pid = todo.pop()
        out[pid] = rss.get(pid, 0)
        todo.extend(children.get(pid, ()))
    return out


class WorkerPeak:
    """The largest resident set any single process below ``root`` reached (sampled)."""

    def __init__(self, root: int, interval: float = 0.05) -> None:
        self.root, self.interval, self.peak = root, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak = max([self.peak, *processes_rss(self.root).values()])

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def measure_corpus(stage: str, root: Path, n: int, runs: int, reportgen: str, timeout: float) -> dict[str, object]:
    """Times of ``runs`` corpus runs (fresh OUT each), the tree's peak (MB), the worker peak (MB), a note."""
    from bench.run import TreeSampler

    workers = STAGES[stage]
    source = corpus_input(root, n)
    out = root / f"corpus-{n}-{REPORTS}" / f"out-{workers}"
    times: list[float] = []
    tree_mb = worker_mb = 0.0
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        start = time.perf_counter()
        proc = subprocess.Popen([reportgen, "corpus", str(source), "-o", str(out), "--workers", str(workers)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        tree, single = TreeSampler(proc.pid), WorkerPeak(proc.pid)
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise
        finally:
            tree.stop()
            single.stop()
        if proc.returncode != 0:
            lines = err.decode("utf-8", "replace").strip().splitlines()
            raise RuntimeError(f"exit {proc.returncode}: {lines[-1] if lines else ''}")
        times.append(time.perf_counter() - start)
        tree_mb, worker_mb = max(tree_mb, tree.peak / 2**20), max(worker_mb, single.peak / 2**20)
    median = statistics.median(times)
    note = (f"{REPORTS} reports of N paragraphs × 6 languages, {workers} worker{'s' if workers > 1 else ''}: "
            f"{REPORTS / median * 60:.0f} reports/min ({median / REPORTS:.2f} s a report, cluster start included); "
            f"peak per worker {worker_mb:.0f} MB")
    return {"times": times, "rss_mb": tree_mb, "worker_mb": worker_mb, "note": note}
