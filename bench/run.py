"""``make bench``: timings and peak memory of every stage on generated reports of N paragraphs.

    python -m bench.run                      # N = 100, 500, 2000
    python -m bench.run --full               # and 8000
    python -m bench.run --sizes 100,2000 --runs 3 --stages build,noop,pandoc-docx
    BENCH_SIZES=2000 BENCH_STAGES=read make bench

For each N the report is generated (:mod:`bench.generate`, seed 0) into ``build/bench/N/``, and
its dense variant (sub-items under most paragraphs, document symbols in most:
``generate(..., dense=True)``) into ``build/bench/N-dense/`` (``--variants``; the targets
below judge the standard report);
then each stage runs in fresh processes, one stage at a time, and we keep the median
wall-clock time of several runs (5 up to N=500, 3 above; ``--runs``) and the
peak memory of the stage's whole process tree (below):

``read``         ``reportgen.source.read_report(dir)``, all six versions, timed in-process
                 (imports and a warm-up read of the example report excluded);
``build``        ``reportgen build DIR -o OUT``, the whole process (language versions in
                 parallel worker processes, as the CLI decides). Once per N, outside the
                 timing, the same build with ``REPORTGEN_JOBS=1`` and with
                 ``REPORTGEN_JOBS=2`` (at least 2 processes, even for a small report) must
                 write the same bytes as the timed build: "identical bytes: yes" in the note;
``check``        ``reportgen check DIR`` (exit 1 = findings, not a failure);
``align``        ``reportgen align DIR --format json -o FILE`` (exit 1 likewise);
                 (outputs go to ``build/bench/out/N/``, never into the report folder)
``noop``         a no-op ``make report``: a throwaway copy of the Makefile's world under
                 ``build/bench/out/N/make/`` (``SOURCES=`` a copy of the report, ``BUILD=`` an
                 empty folder, ``READY=`` a fresh stamp standing for ``.venv/.installed``, so
                 the repository's sources, build and environment are never touched), one
                 real ``make report`` that builds it, then the timed ``make -s report`` runs,
                 which must do nothing (any output, or a manifest rewritten, fails the stage);
``diff``         ``reportgen diff DIR EDITED -o OUT``: DIR against a later draft of it, every
                 tenth numbered paragraph of every version opening with a few new words
                 (:func:`bench.generate.edit`, written once per N into ``build/bench/out/N/edited``,
                 untimed); a tracked-changes DOCX per version, the versions in parallel;
``pandoc-read``  baseline: ``pandoc -f commonmark_x -t json`` on each of the six files;
``import``       ``reportgen import N/<lang>.docx --lang <lang> -o DIR --force`` on each of
                 the six DOCX the report builds to (built once, untimed, if missing);
``pandoc-docx-read``  baseline: ``pandoc -f docx -t json`` on the same six DOCX;
``pandoc-docx``  baseline: ``pandoc in.md -o out.docx`` on each of the six files,
``corpus-1``, ``corpus-2``  ``reportgen corpus`` over ``BENCH_CORPUS_REPORTS`` (24) generated
                 reports of N paragraphs with 1 and 2 local Dask workers, a fresh OUT each run
                 (standard report, N up to ``BENCH_CORPUS_MAX_N``, 500; at most 3 runs):
                 reports per minute and the peak memory of one worker in the note (bench/corpus.py);

with the pandoc that pypandoc ships. The ratio column divides by ``pandoc-docx`` for
``build`` and by ``pandoc-read`` for ``read``, ``check`` and ``align``.

Peak RSS ("peak RSS MB"): a stage that forks worker processes holds the sum of their
resident sets at once, while ``wait4``'s ``ru_maxrss`` is only the largest single process.
So while each command runs, a thread samples its whole process tree every
``SAMPLE_INTERVAL`` (20 ms): every process in ``/proc`` whose parent chain leads to the
command's process, adding up their resident pages (field 24 of ``/proc/PID/stat``, the
counter ``VmRSS`` shows in ``/proc/PID/status``). The figure is the largest such sum, or
``ru_maxrss`` if that is larger (a peak shorter than the sampling interval); for a stage of
several commands (pandoc on six files), the largest over its commands. A spawned process's
``ru_maxrss`` also counts the memory of this driver it started from (Linux keeps the
high-water mark of the address space that ``exec`` replaces), so it is used only when it
exceeds the driver's own peak (``VmHWM``): otherwise it says nothing about the stage. Pages a forked worker
still shares with its parent count once per process, so the sum may exceed what the
machine really holds; it never understates it by more than a short missed peak. The largest
number of processes seen at once is in the note (and in ``results.json``).

After the table come the performance targets (:func:`targets`), each with the figure
measured in this run and "met" or "NOT met"; a target whose figures were not measured
in this run is left out. A stage that fails is reported as ``failed: <one line>`` and the
run goes on. Everything is printed and written to ``build/bench/results.md`` (and the raw
figures to ``build/bench/results.json``).

Only one benchmark runs at a time (a lock on ``build/bench/.lock``).
"""

from __future__ import annotations

import argparse
import fcntl
import filecmp
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from collections.abc import Callable
from typing import IO, Any, NamedTuple

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "build" / "bench"
BIN = Path(sys.executable).parent
DEFAULT_SIZES = (100, 500, 2000)
FULL_SIZES = (100, 500, 2000, 8000)
STAGES = ("read", "build", "check", "align", "diff", "noop", "import", "pandoc-read", "pandoc-docx",
          "pandoc-docx-read", "corpus-1", "corpus-2")
OURS = ("read", "build", "check", "align")    # reportgen's own stages (the memory and linearity targets)
LINEAR_STAGES = OURS + ("diff",)              # and diff: linear in N too (its memory has no target)
BASELINE = {"read": "pandoc-read", "build": "pandoc-docx", "check": "pandoc-read", "align": "pandoc-read",
            "import": "pandoc-docx-read"}
LANGS = ("ar", "en", "es", "fr", "ru", "zh")
CORPUS_STAGES = ("corpus-1", "corpus-2")    # reportgen corpus with 1 and 2 workers (bench/corpus.py)
CORPUS_MAX_N = int(os.environ.get("BENCH_CORPUS_MAX_N", "500"))
TIMEOUT = float(os.environ.get("BENCH_TIMEOUT", "1200"))   # seconds per stage process
SAMPLE_INTERVAL = 0.02                                      # seconds between two samples of the RSS

# The targets of the performance issue (see targets()).
READ_TARGET = (2000, 1.5)            # read at N=2000 under 1.5 s
BUILD_VS_PANDOC = (2000, 0.5)        # build at N=2000 at most half of pandoc-docx
LINEAR = 4.4                         # time at 4N at most 4.4 × time at N
UNDER_3S = (2000, 3.0)               # check and align at N=2000 under 3 s
RSS_TARGETS = {2000: 300, 8000: 400}  # MB, each of reportgen's stages
NOOP_TARGET = 0.3                    # a no-op make report, seconds
PARALLEL_FROM = 2000                 # from this N the default build must use several processes


#: The generated reports: ``standard`` (bench.generate's rates) and ``dense`` (sub-items
#: under most paragraphs, document symbols in most; ``generate(..., dense=True)``).
VARIANTS = ("standard", "dense")


def folder_name(n: int, variant: str) -> str:
    return str(n) if variant == "standard" else f"{n}-{variant}"


def outputs(report: Path) -> Path:
    """Where a stage writes for ``build/bench/N``: ``build/bench/out/N`` (the report folder
    itself holds only the sources, since the reader notices any other file in it)."""
    path = report.parent / "out" / report.name
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_runs(n: int) -> int:
    """Medians of 5 runs where runs are short, of 3 above: the linearity target compares
    N=2000 with N=8000, and one run on a shared host varies by a fifth."""
    return 5 if n <= 500 else 3


# ---------------------------------------------------------------- measuring


@dataclass
class Result:
    stage: str
    n: int
    times: list[float] = field(default_factory=list)
    rss_mb: float | None = None
    failed: str | None = None
    note: str | None = None
    processes: int | None = None          # most processes seen at once in the stage's tree
    identical: bool | None = None         # build: serial and parallel builds wrote the same bytes
    variant: str = "standard"             # the generated report: standard, or dense (VARIANTS)

    @property
    def key(self) -> str:
        """The report's folder under the output folder: ``2000``, ``2000-dense``."""
        return folder_name(self.n, self.variant)

    @property
    def label(self) -> str:
        """The stage as the tables show it: ``build``, ``build (dense)``."""
        return self.stage if self.variant == "standard" else f"{self.stage} ({self.variant})"

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times and not self.failed else None

    @property
    def seconds(self) -> float:
        """The median of a stage that ran (the targets judge only those)."""
        assert self.median is not None
        return self.median


PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_rss(root: int) -> tuple[int, int]:
    """(bytes resident, number of processes) of ``root`` and all its descendants now,
    from one pass over ``/proc/*/stat`` (parent and resident pages of every process)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    with os.scandir("/proc") as entries:
        for entry in entries:
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    data = f.read()
            except OSError:   # gone meanwhile
                continue
            # "pid (comm) state ppid ... rss": comm may hold spaces and parentheses
            fields = data[data.rindex(b")") + 2:].split()
            pid = int(entry.name)
            children.setdefault(int(fields[1]), []).append(pid)
            rss[pid] = int(fields[21]) * PAGE
    if root not in rss:
        return 0, 0
    total, count, todo = 0, 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        count += 1
        todo.extend(children.get(pid, ()))
    return total, count


class TreeSampler:
    """Samples :func:`tree_rss` of ``root`` in a thread every ``interval`` seconds until
    :meth:`stop`; keeps the largest sum (``peak`` bytes) and process count (``processes``)."""

    def __init__(self, root: int, interval: float = SAMPLE_INTERVAL) -> None:
        self.root, self.interval = root, interval
        self.peak = self.processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            total, count = tree_rss(self.root)
            self.peak, self.processes = max(self.peak, total), max(self.processes, count)
            if self._stop.wait(self.interval):
                return

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


class Run(NamedTuple):
    code: int
    out: str
    err: str
    wall: float       # seconds
    rss_mb: float     # peak of the process tree's summed RSS, at least ru_maxrss
    processes: int    # most processes seen at once in the tree


def _own_peak_kb() -> int:
    """This process's peak resident set (``VmHWM``), in KiB; 0 if unknown."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            return next((int(line.split()[1]) for line in f if line.startswith("VmHWM:")), 0)
    except OSError:
        return 0


def _wait(cmd: list[str], timeout: float, **kwargs: Any) -> Run:
    """Run ``cmd``, sampling its process tree's memory (:class:`TreeSampler`). On a
    timeout the process group it leads is killed and ``subprocess.TimeoutExpired`` raised."""
    chunks: dict[str, bytes] = {}

    def drain(name: str, stream: IO[bytes]) -> None:
        chunks[name] = stream.read()
        stream.close()

    driver_kb = _own_peak_kb()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, **kwargs)
    sampler = TreeSampler(proc.pid)
    threads = [threading.Thread(target=drain, args=item) for item in (("out", proc.stdout), ("err", proc.stderr))]
    for t in threads:
        t.start()
    expired = threading.Event()

    def kill() -> None:
        expired.set()
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    timer = threading.Timer(timeout, kill)
    timer.start()
    # wait without reaping, so the sampler never reads a reused pid; then reap
    os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)
    wall = time.perf_counter() - start
    sampler.stop()
    _, status, usage = os.wait4(proc.pid, 0)
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)   # reaped here: Popen must not wait again
    for t in threads:
        t.join()
    if expired.is_set():
        raise subprocess.TimeoutExpired(cmd, timeout)
    # ru_maxrss (KiB on Linux) is at least this driver's peak: see the module docstring
    maxrss_kb = usage.ru_maxrss if usage.ru_maxrss > driver_kb else 0
    rss_mb = max(sampler.peak / 2**20, maxrss_kb / 1024)
    return Run(proc.returncode, chunks["out"].decode("utf-8", "replace"),
               chunks["err"].decode("utf-8", "replace"), wall, rss_mb, sampler.processes)


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    line = lines[-1] if lines else "(no message)"
    return line if len(line) <= 160 else line[:157] + "..."


def _processes(count: int | None) -> str:
    return f"{count} process" if count == 1 else f"{count} processes"


def _notes(*parts: str | None) -> str | None:
    return "; ".join(p for p in parts if p) or None


def measure_worker(stage: str, report: Path, runs: int, n: int) -> Result:
    """``read``: timed inside a fresh ``python -m bench.run --worker``."""
    result = Result(stage, n)
    cmd = [sys.executable, "-m", "bench.run", "--worker", stage, str(report), "--runs", str(runs)]
    try:
        run = _wait(cmd, TIMEOUT * runs, cwd=REPO)
    except subprocess.TimeoutExpired:
        result.failed = f"timeout after {TIMEOUT * runs:.0f} s"
        return result
    result.rss_mb, result.processes = run.rss_mb, run.processes
    if run.code != 0:
        result.failed = _last_line(run.err)
        return result
    try:
        data = json.loads(run.out.strip().splitlines()[-1])
        result.times, result.note = data["times"], data.get("note")
    except (IndexError, ValueError, KeyError, TypeError):
        result.failed = "the worker printed no timings: " + _last_line(run.out + "\n" + run.err)
    return result


def measure_command(stage: str, report: Path, runs: int, n: int) -> Result:
    """``build``, ``check``, ``align`` and the pandoc baselines: wall clock of whole processes."""
    result = Result(stage, n, rss_mb=0.0, processes=0)
    if stage == "build":
        shutil.rmtree(outputs(report) / "docx", ignore_errors=True)   # only this run's files, compared below
    for _ in range(runs):
        total = 0.0
        for cmd, ok in _commands(stage, report):
            try:
                run = _wait(cmd, TIMEOUT, cwd=REPO)
            except subprocess.TimeoutExpired:
                result.failed = f"timeout after {TIMEOUT:.0f} s"
                return result
            except OSError as exc:
                result.failed = f"cannot run {cmd[0]}: {exc}"
                return result
            result.rss_mb = max(result.rss_mb or 0.0, run.rss_mb)
            result.processes = max(result.processes or 0, run.processes)
            if run.code not in ok:
                result.failed = f"exit {run.code}: {_last_line(run.err)}"
                return result
            if run.code == 1 and stage in ("check", "align"):
                result.note = "exit 1: the report has findings"
            total += run.wall
        result.times.append(total)
    if stage in ("build", "check", "align", "diff"):
        result.note = _notes(f"up to {_processes(result.processes)}", result.note)
    if stage == "build":
        result.identical, why = identical_builds(report, outputs(report) / "docx")
        result.note = _notes(result.note, f"identical bytes (1 process, 2 processes, default): "
                                          f"{'yes' if result.identical else 'no'}{why}")
    return result


def identical_builds(report: Path, built: Path) -> tuple[bool, str]:
    """Build ``report`` again with ``REPORTGEN_JOBS=1`` and ``=2``; (whether both wrote
    the same files with the same bytes as ``built``, and if not a short why)."""
    reference = sorted(p.name for p in built.glob("*.docx"))
    if not reference:
        return False, ": the timed build wrote no DOCX"
    for jobs in (1, 2):
        out = outputs(report) / f"docx-jobs{jobs}"
        shutil.rmtree(out, ignore_errors=True)
        try:
            cmd = [str(BIN / "reportgen"), "build", str(report), "-o", str(out)]
            proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=TIMEOUT,
                                  env={**os.environ, "REPORTGEN_JOBS": str(jobs)})
            if proc.returncode != 0:
                return False, f": REPORTGEN_JOBS={jobs} build exit {proc.returncode}: {_last_line(proc.stderr)}"
            got = sorted(p.name for p in out.glob("*.docx"))
            differ = sorted(set(reference) ^ set(got) |
                            {name for name in set(reference) & set(got)
                             if not filecmp.cmp(built / name, out / name, shallow=False)})
        finally:
            shutil.rmtree(out, ignore_errors=True)
        if differ:
            return False, f": REPORTGEN_JOBS={jobs} differs in {', '.join(differ)}"
    return True, ""


def measure_noop(report: Path, runs: int, n: int) -> Result:
    """``noop``: ``make report`` in a throwaway world already built (see the module docstring)."""
    result = Result("noop", n, rss_mb=0.0, processes=0)
    if shutil.which("make") is None:
        result.failed = "make is not installed"
        return result
    world = outputs(report) / "make"
    shutil.rmtree(world, ignore_errors=True)
    try:
        sources, build = world / "sources", world / "build"
        # copy2 keeps the generated files' times: the sources stay older than the outputs
        shutil.copytree(report, sources / report.name, copy_function=shutil.copy2)
        ready = world / "installed"
        ready.touch()   # newer than pyproject.toml: make sees an installed environment
        cmd = ["make", "-C", str(REPO), "report", f"SOURCES={sources}", f"BUILD={build}", f"READY={ready}",
               f"BIN={BIN}"]
        env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
        first = _wait(cmd, TIMEOUT, env=env)
        manifest = build / report.name / "manifest.json"
        if first.code != 0 or not manifest.is_file():
            result.failed = f"the first make report: exit {first.code}: {_last_line(first.err or first.out)}"
            return result
        stamp = manifest.stat().st_mtime_ns
        for _ in range(runs):
            run = _wait(cmd[:1] + ["-s"] + cmd[1:], TIMEOUT, env=env)
            result.rss_mb = max(result.rss_mb or 0.0, run.rss_mb)
            result.processes = max(result.processes or 0, run.processes)
            if run.code != 0:
                result.failed = f"exit {run.code}: {_last_line(run.err)}"
                return result
            if run.out.strip() or manifest.stat().st_mtime_ns != stamp:
                result.failed = "make report was not a no-op (did reportgen/ change meanwhile?): " + \
                    _last_line(run.out or run.err)
                return result
            result.times.append(run.wall)
        result.note = f"the first make report (a full build): {first.wall:.1f} s"
    except subprocess.TimeoutExpired:
        result.failed = f"timeout after {TIMEOUT:.0f} s"
    finally:
        shutil.rmtree(world, ignore_errors=True)
    return result


def _pandoc() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def _commands(stage: str, report: Path) -> list[tuple[list[str], tuple[int, ...]]]:
    reportgen = str(BIN / "reportgen")
    if stage == "build":
        return [([reportgen, "build", str(report), "-o", str(outputs(report) / "docx")], (0,))]
    if stage == "check":
        return [([reportgen, "check", str(report)], (0, 1))]
    if stage == "align":
        return [([reportgen, "align", str(report), "--format", "json", "-o", str(outputs(report) / "alignment.json")], (0, 1))]
    if stage == "diff":
        return [([reportgen, "diff", str(report), str(_edited(report)), "-o", str(outputs(report) / "diff")], (0,))]
    if stage == "import":
        docx = _built_docx(report)
        return [([reportgen, "import", str(docx / f"{lang}.docx"), "--lang", lang, "-o",
                  str(outputs(report) / "import"), "--force"], (0,)) for lang in LANGS]
    pandoc = _pandoc()
    if stage == "pandoc-docx-read":
        docx = _built_docx(report)
        return [([pandoc, "-f", "docx", "-t", "json", "-o", os.devnull, str(docx / f"{lang}.docx")], (0,))
                for lang in LANGS]
    if stage == "pandoc-read":
        return [([pandoc, "-f", "commonmark_x", "-t", "json", "-o", os.devnull, str(report / f"{lang}.md")], (0,))
                for lang in LANGS]
    if stage == "pandoc-docx":
        # outside build/: pandoc prints our {#label} and @label syntax as text, and these
        # files are timing baselines, not documents anyone should open as reportgen output
        out = Path(tempfile.gettempdir()) / "reportgen-bench-pandoc" / report.name
        out.mkdir(parents=True, exist_ok=True)
        return [([pandoc, str(report / f"{lang}.md"), "-o", str(out / f"{lang}.docx")], (0,)) for lang in LANGS]
    raise ValueError(stage)


def _built_docx(report: Path) -> Path:
    """The report's six DOCX (the ``build`` stage's output), built now, untimed, if missing."""
    docx = outputs(report) / "docx"
    if not all((docx / f"{lang}.docx").exists() for lang in LANGS):
        subprocess.run([str(BIN / "reportgen"), "build", str(report), "-o", str(docx)], check=True,
                       capture_output=True, timeout=3600)
    return docx


def _edited(report: Path) -> Path:
    """The later draft the ``diff`` stage compares ``report`` with, written now if missing."""
    from bench.generate import edit

    edited = outputs(report) / "edited"
    if not (edited / "documents.yaml").exists():
        edit(report, edited)
    return edited


def measure(stage: str, report: Path, runs: int, n: int) -> Result:
    if stage in CORPUS_STAGES:
        return measure_corpus_stage(stage, report, runs, n)
    if stage == "read":
        return measure_worker(stage, report, runs, n)
    try:
        if stage == "noop":
            return measure_noop(report, runs, n)
        return measure_command(stage, report, runs, n)
    except Exception as exc:   # e.g. pypandoc missing: report it, go on
        return Result(stage, n, failed=_last_line(f"{type(exc).__name__}: {exc}"))


def measure_corpus_stage(stage: str, report: Path, runs: int, n: int) -> Result:
    """``corpus-1``, ``corpus-2``: whole ``reportgen corpus`` runs (bench/corpus.py), at most 3."""
    from bench.corpus import measure_corpus

    try:
        got = measure_corpus(stage, report.parent / "out", n, min(runs, 3), str(BIN / "reportgen"), TIMEOUT)
    except Exception as exc:  # noqa: BLE001 - reported in the table
        return Result(stage, n, failed=_last_line(f"{type(exc).__name__}: {exc}"))
    times, rss, note = got["times"], got["rss_mb"], got["note"]
    assert isinstance(times, list) and isinstance(rss, float) and isinstance(note, str)
    return Result(stage, n, times=times, rss_mb=rss, note=note)


# ---------------------------------------------------------------- the worker


def worker(stage: str, report: Path, runs: int) -> None:
    """Run the in-process ``read`` stage ``runs`` times; print {"times": [...]} as the last
    line. On an exception: its one-line description on stderr, exit 3."""
    try:
        from reportgen.source import read_report

        if stage != "read":
            raise ValueError(f"not an in-process stage: {stage}")
        example = REPO / "sources" / "cosp-eg1-2021-add1"
        if example.is_dir():   # warm-up: imports, language data, caches
            read_report(example)
        times, note = [], None
        for _ in range(runs):
            start = time.perf_counter()
            report_obj, diagnostics = read_report(report)
            errors = [d for d in diagnostics if d.severity == "error"]
            if errors:
                note = f"{len(errors)} errors in the diagnostics, e.g. {errors[0]}"
            times.append(time.perf_counter() - start)
    except BaseException as exc:  # noqa: BLE001 - reported, never raised
        if os.environ.get("BENCH_DEBUG"):
            traceback.print_exc()
        message = str(exc).strip().splitlines()
        print(f"{type(exc).__name__}: {message[0] if message else ''}", file=sys.stderr)
        sys.exit(3)
    print(json.dumps({"times": times, "note": note}))


# ---------------------------------------------------------------- the targets


@dataclass
class Target:
    target: str
    figure: str
    met: bool | None     # None: the stage failed, nothing to judge

    def line(self) -> str:
        verdict = "not measured" if self.met is None else "met" if self.met else "NOT met"
        return f"- {self.target}: {self.figure}: {verdict}"


def targets(results: list[Result]) -> list[Target]:
    """The performance targets whose figures this run measured, each judged."""
    results = [r for r in results if r.variant == "standard"]   # the targets are the standard report's
    by_key = {(r.stage, r.n): r for r in results}
    ns = sorted({r.n for r in results})
    found: list[Target] = []

    def judged(label: str, r: Result, figure: Callable[[Result], str], ok: Callable[[Result], bool]) -> None:
        if r.failed:
            found.append(Target(label, f"the stage failed ({r.failed})", None))
        else:
            found.append(Target(label, figure(r), ok(r)))

    n, limit = READ_TARGET
    if (r := by_key.get(("read", n))):
        judged(f"read at N={n} (target < {limit} s)", r, lambda r: f"{r.seconds:.2f} s", lambda r: r.seconds < limit)

    n, share = BUILD_VS_PANDOC
    build, pandoc = by_key.get(("build", n)), by_key.get(("pandoc-docx", n))
    if build and pandoc:
        label = f"build at N={n} (target ≤ {share} × pandoc-docx)"
        if pandoc.failed:
            found.append(Target(label, f"pandoc-docx failed ({pandoc.failed})", None))
        else:
            judged(label, build, lambda r: f"{r.seconds:.2f} s = {r.seconds / pandoc.seconds:.2f} × pandoc-docx "
                                           f"({pandoc.seconds:.2f} s)",
                   lambda r: r.seconds <= share * pandoc.seconds)

    for stage in LINEAR_STAGES:
        for n in ns:
            small, large = by_key.get((stage, n)), by_key.get((stage, 4 * n))
            if small and large and not small.failed and not large.failed:
                ratio = large.seconds / small.seconds
                found.append(Target(f"{stage} linear in N, {n} → {4 * n} (target ≤ {LINEAR} ×)",
                                    f"{small.seconds:.2f} s → {large.seconds:.2f} s = {ratio:.2f} ×", ratio <= LINEAR))

    n, limit = UNDER_3S
    for stage in ("check", "align"):
        if (r := by_key.get((stage, n))):
            judged(f"{stage} at N={n} (target < {limit:g} s)", r, lambda r: f"{r.seconds:.2f} s",
                   lambda r: r.seconds < limit)

    for n, limit in RSS_TARGETS.items():
        for stage in OURS:
            if (r := by_key.get((stage, n))):
                judged(f"peak RSS of {stage} at N={n} (target < {limit} MB)", r,
                       lambda r: f"{r.rss_mb:.0f} MB, {_processes(r.processes)}",
                       lambda r: (r.rss_mb or 0.0) < limit)

    for n in ns:
        if (r := by_key.get(("noop", n))):
            judged(f"no-op make report at N={n} (target < {NOOP_TARGET} s)", r, lambda r: f"{r.seconds:.3f} s",
                   lambda r: r.seconds < NOOP_TARGET)

    for n in ns:
        if (r := by_key.get(("build", n))):
            judged(f"build at N={n} with 1, 2 and the default number of processes (target: identical bytes)", r,
                   lambda r: "identical bytes" if r.identical else f"different bytes ({r.note})",
                   lambda r: bool(r.identical))
            if n >= PARALLEL_FROM:
                judged(f"build at N={n} in parallel processes by default (target > 1 process)", r,
                       lambda r: f"up to {_processes(r.processes)}", lambda r: (r.processes or 0) > 1)
    return found


# ---------------------------------------------------------------- the table


def _fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return f"{seconds:.3f}" if seconds < 10 else f"{seconds:.1f}"


def _ratio(result: Result, by_key: dict[tuple[str, int, str], Result]) -> str:
    base = by_key.get((BASELINE.get(result.stage, ""), result.n, result.variant))  # pandoc on the same report
    if result.median is None or base is None or not base.median:
        return "–"
    return f"{result.median / base.median:.2f}×"


def table(results: list[Result], sizes: dict[str, dict]) -> str:
    by_key = {(r.stage, r.n, r.variant): r for r in results}
    lines = ["| stage | N | input MB | runs | median s | peak RSS MB | × pandoc | note |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    for r in results:
        if r.failed:
            cells = ["failed: " + r.failed.replace("|", "\\|"), "", "", ""]
            median, rss, ratio, note = cells
        else:
            median, ratio = _fmt_time(r.median), _ratio(r, by_key)
            rss = f"{r.rss_mb:.0f}" if r.rss_mb is not None else "–"
            note = (r.note or "").replace("|", "\\|")
        lines.append(f"| {r.label} | {r.n} | {sizes[r.key]['mb']:.1f} | {len(r.times) or '–'} | {median} | "
                     f"{rss} | {ratio} | {note} |")
    return "\n".join(lines)


def pivot(results: list[Result], ns: list[int]) -> str:
    """Median seconds, stage × N (each variant's rows after the standard report's)."""
    by_key = {(r.stage, r.variant, r.n): r for r in results}
    rows = [(s, v) for v in VARIANTS for s in STAGES if any((s, v, n) in by_key for n in ns)]
    lines = ["| median s | " + " | ".join(f"N={n}" for n in ns) + " |", "|---|" + "---:|" * len(ns)]
    for s, v in rows:
        cells = []
        for n in ns:
            r = by_key.get((s, v, n))
            cells.append("" if r is None else "failed" if r.failed else _fmt_time(r.median))
        lines.append(f"| {Result(s, 0, variant=v).label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
        mem_gb = int(mem.split()[1]) / 1024 / 1024
    except (OSError, StopIteration, ValueError):
        mem_gb = 0
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                                text=True, check=False).stdout.strip()
    except OSError:
        commit = ""
    try:
        import pypandoc

        pandoc = f"pandoc {pypandoc.get_pandoc_version()}"
    except Exception:  # noqa: BLE001 - only a label
        pandoc = "pandoc unavailable"
    dirty = ""
    try:
        if subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "reportgen"], cwd=REPO,
                          capture_output=True, text=True, check=False).stdout.strip():
            dirty = " (reportgen/ has uncommitted changes)"
    except OSError:
        pass
    return (f"{os.cpu_count()} CPUs ({cpu}), {mem_gb:.1f} GB RAM, Python {platform.python_version()}, {pandoc}, "
            f"commit {commit or '?'}{dirty}, {time.strftime('%Y-%m-%d %H:%M')}")


# ---------------------------------------------------------------- main


def _parse_list(text: str | None) -> list[str]:
    return [t.strip() for t in (text or "").split(",") if t.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="also N=8000")
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES"),
                        help="comma-separated N (default 100,500,2000; env BENCH_SIZES)")
    parser.add_argument("--stages", default=os.environ.get("BENCH_STAGES"),
                        help=f"comma-separated stages among {','.join(STAGES)} (env BENCH_STAGES)")
    parser.add_argument("--runs", type=int, default=int(os.environ["BENCH_RUNS"]) if os.environ.get("BENCH_RUNS") else None,
                        help="runs per stage (default 5 up to N=500, 3 above; env BENCH_RUNS)")
    parser.add_argument("--variants", default=os.environ.get("BENCH_VARIANTS"),
                        help=f"comma-separated generated reports among {','.join(VARIANTS)} (default both; "
                             "env BENCH_VARIANTS)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=OUT, help="where reports and results go (default build/bench)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("report", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        worker(args.worker, args.report, args.runs or 1)
        return 0

    from bench.generate import generate

    ns = [int(s) for s in _parse_list(args.sizes)] or list(FULL_SIZES if args.full else DEFAULT_SIZES)
    if args.full and args.sizes:
        ns = sorted(set(ns) | {8000})
    stages = _parse_list(args.stages) or list(STAGES)
    unknown = [s for s in stages if s not in STAGES]
    if unknown:
        parser.error(f"unknown stage(s) {', '.join(unknown)}; choose among {', '.join(STAGES)}")
    variants = _parse_list(args.variants) or list(VARIANTS)
    if any(v not in VARIANTS for v in variants):
        parser.error(f"unknown variant(s) {', '.join(v for v in variants if v not in VARIANTS)}; "
                     f"choose among {', '.join(VARIANTS)}")

    args.out = args.out.resolve()   # make runs in the repository: its paths must not be relative
    args.out.mkdir(parents=True, exist_ok=True)
    lock = open(args.out / ".lock", "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(f"another benchmark is running (lock {args.out / '.lock'}); wait for it", file=sys.stderr)
        return 2

    print(f"reportgen benchmark: N = {', '.join(map(str, ns))}; stages: {', '.join(stages)}; "
          f"reports: {', '.join(variants)}", flush=True)
    results: list[Result] = []
    sizes: dict[str, dict] = {}
    for n in ns:
        for variant in variants:
            key = folder_name(n, variant)
            report = args.out / key
            start = time.perf_counter()
            try:
                paths = generate(report, n, args.seed, dense=variant == "dense")
            except Exception as exc:  # noqa: BLE001 - reported in the table
                sizes[key] = {"mb": 0.0, "generate_s": 0.0}
                why = _last_line(f"generating the report: {type(exc).__name__}: {exc}")
                results.extend(Result(stage, n, failed=why, variant=variant) for stage in stages)
                print(f"N={n} ({variant}): failed: {why}", flush=True)
                continue
            mb = sum(p.stat().st_size for p in paths.values()) / 1e6
            sizes[key] = {"mb": mb, "generate_s": time.perf_counter() - start}
            runs = args.runs or default_runs(n)
            print(f"N={n} ({variant}): generated {report.relative_to(REPO) if report.is_relative_to(REPO) else report} "
                  f"({mb:.1f} MB, six versions) in {sizes[key]['generate_s']:.1f} s; {runs} run(s) per stage",
                  flush=True)
            for stage in stages:
                if stage in CORPUS_STAGES and (variant != "standard" or n > CORPUS_MAX_N):
                    continue  # a corpus of the standard report, of sizes that run in minutes (bench/corpus.py)
                r = measure(stage, report, runs, n)
                r.variant = variant
                results.append(r)
                shown = f"failed: {r.failed}" if r.failed else f"{_fmt_time(r.median)} s, {r.rss_mb or 0:.0f} MB"
                print(f"  {stage:12} {shown}", flush=True)

    where = machine()
    judged = targets(results)
    text = "\n".join([
        "# reportgen benchmark",
        "",
        f"`python -m bench.run` on {where}.",
        "Generated reports (bench/generate.py, seed "
        f"{args.seed}): N numbered paragraphs in each of six versions; \"(dense)\": the variant with "
        "sub-items under most paragraphs and document symbols in most (the targets are the standard report's).",
        "",
        pivot(results, ns),
        "",
        table(results, sizes),
        "",
        "Ratios: `build` ÷ `pandoc-docx`; `read`, `check`, `align` ÷ `pandoc-read`; `import` ÷ "
        "`pandoc-docx-read` (six files each).",
        "Peak RSS: the largest sum of the resident sets of the stage's process and all its descendants",
        f"(sampled every {SAMPLE_INTERVAL * 1000:.0f} ms; `wait4`'s ru_maxrss if larger and above the driver's own peak);",
        "shared pages of forked workers count once per process. For `read`, a Python worker with reportgen",
        "imported; for pandoc, the largest of the six runs. `noop`: a no-op `make report`.",
        "",
        "## Targets",
        "",
        *([t.line() for t in judged] or ["(none of the targets' figures was measured in this run)"]),
    ])
    print()
    print(text)
    (args.out / "results.md").write_text(text.rstrip("\n") + "\n", encoding="utf-8")
    (args.out / "results.json").write_text(json.dumps(
        {"machine": where, "sizes": sizes, "results": [asdict(r) | {"median": r.median} for r in results],
         "targets": [asdict(t) for t in judged]},
        indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"\nwritten to {args.out / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
