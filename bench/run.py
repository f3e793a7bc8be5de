"""``make bench``: timings and peak memory of every stage on generated reports of N paragraphs.

    python -m bench.run                      # N = 100, 500, 2000
    python -m bench.run --full               # and 8000
    python -m bench.run --sizes 100,2000 --runs 3 --stages read,pandoc-read
    BENCH_SIZES=2000 BENCH_STAGES=read make bench

For each N the report is generated (:mod:`bench.generate`, seed 0) into ``build/bench/N/``;
then each stage runs in a fresh process, one stage at a time, and we keep the median
wall-clock time of several runs (5 up to N=500, 3 up to 2000, 1 above; ``--runs``) and the
peak resident set of the process and its children (``wait4``):

``read``         ``reportgen.source.read_report(dir)``, all six versions, timed in-process
                 (imports and a warm-up read of the example report excluded) — the headline;
``build``        ``pipeline.load`` + ``render_all`` + ``write_all`` in-process, as ``reportgen build``;
``check``        ``reportgen check DIR`` (exit 1 = findings, not a failure);
``align``        ``reportgen align DIR --format json -o FILE`` (exit 1 likewise);
                 (outputs go to ``build/bench/out/N/``, never into the report folder)
``pandoc-read``  baseline: ``pandoc -f commonmark_x -t json`` on each of the six files;
``pandoc-docx``  baseline: ``pandoc in.md -o out.docx`` on each of the six files,

with the pandoc that pypandoc ships. The ratio column divides by ``pandoc-docx`` for
``build`` and by ``pandoc-read`` for the others. A stage that fails is reported as
``failed: <one line>`` and the run goes on. The table is printed and written to
``build/bench/results.md`` (and the raw figures to ``build/bench/results.json``).

Only one benchmark runs at a time (a lock on ``build/bench/.lock``).
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import platform
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

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "build" / "bench"
BIN = Path(sys.executable).parent
DEFAULT_SIZES = (100, 500, 2000)
FULL_SIZES = (100, 500, 2000, 8000)
STAGES = ("read", "build", "check", "align", "pandoc-read", "pandoc-docx")
BASELINE = {"read": "pandoc-read", "build": "pandoc-docx", "check": "pandoc-read", "align": "pandoc-read"}
LANGS = ("ar", "en", "es", "fr", "ru", "zh")
TIMEOUT = float(os.environ.get("BENCH_TIMEOUT", "1200"))   # seconds per stage process
READ_TARGET = (2000, 1.5)                                    # read at N=2000 under 1.5 s


def outputs(report: Path) -> Path:
    """Where a stage writes for ``build/bench/N``: ``build/bench/out/N`` (the report folder
    itself holds only the sources, since the reader notices any other file in it)."""
    path = report.parent / "out" / report.name
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_runs(n: int) -> int:
    return 5 if n <= 500 else 3 if n <= 2000 else 1


# ---------------------------------------------------------------- measuring


@dataclass
class Result:
    stage: str
    n: int
    times: list[float] = field(default_factory=list)
    rss_mb: float | None = None
    failed: str | None = None
    note: str | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times and not self.failed else None


def _wait(cmd: list[str], timeout: float, **kwargs) -> tuple[int, str, str, float, float]:
    """Run ``cmd``; returns (exit status, stdout, stderr, wall seconds, peak RSS in MB of the
    process and of the children it waited for, from ``wait4``). On a timeout the process
    group it leads is killed and ``subprocess.TimeoutExpired`` raised."""
    chunks: dict[str, bytes] = {}

    def drain(name: str, stream) -> None:
        chunks[name] = stream.read()
        stream.close()

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, **kwargs)
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
    _, status, usage = os.wait4(proc.pid, 0)
    timer.cancel()
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)   # reaped here: Popen must not wait again
    for t in threads:
        t.join()
    if expired.is_set():
        raise subprocess.TimeoutExpired(cmd, timeout)
    rss_mb = usage.ru_maxrss / 1024                       # KiB on Linux
    return (proc.returncode, chunks["out"].decode("utf-8", "replace"),
            chunks["err"].decode("utf-8", "replace"), wall, rss_mb)


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    line = lines[-1] if lines else "(no message)"
    return line if len(line) <= 160 else line[:157] + "..."


def measure_worker(stage: str, report: Path, runs: int, n: int) -> Result:
    """``read`` and ``build``: timed inside a fresh ``python -m bench.run --worker``."""
    result = Result(stage, n)
    cmd = [sys.executable, "-m", "bench.run", "--worker", stage, str(report), "--runs", str(runs)]
    try:
        code, out, err, _, rss = _wait(cmd, TIMEOUT * runs, cwd=REPO)
    except subprocess.TimeoutExpired:
        result.failed = f"timeout after {TIMEOUT * runs:.0f} s"
        return result
    result.rss_mb = rss
    if code != 0:
        result.failed = _last_line(err)
        return result
    try:
        data = json.loads(out.strip().splitlines()[-1])
        result.times, result.note = data["times"], data.get("note")
    except (IndexError, ValueError, KeyError, TypeError):
        result.failed = "the worker printed no timings: " + _last_line(out + "\n" + err)
    return result


def measure_command(stage: str, report: Path, runs: int, n: int) -> Result:
    """``check``, ``align`` and the pandoc baselines: wall clock of whole processes."""
    result = Result(stage, n)
    rss = 0.0
    for _ in range(runs):
        total = 0.0
        for cmd, ok in _commands(stage, report):
            try:
                code, _, err, wall, peak = _wait(cmd, TIMEOUT, cwd=REPO)
            except subprocess.TimeoutExpired:
                result.failed = f"timeout after {TIMEOUT:.0f} s"
                return result
            except OSError as exc:
                result.failed = f"cannot run {cmd[0]}: {exc}"
                return result
            rss = max(rss, peak)
            if code not in ok:
                result.failed = f"exit {code}: {_last_line(err)}"
                result.rss_mb = rss
                return result
            if code == 1 and stage in ("check", "align"):
                result.note = "exit 1: the report has findings"
            total += wall
        result.times.append(total)
    result.rss_mb = rss
    return result


def _pandoc() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def _commands(stage: str, report: Path) -> list[tuple[list[str], tuple[int, ...]]]:
    reportgen = str(BIN / "reportgen")
    if stage == "check":
        return [([reportgen, "check", str(report)], (0, 1))]
    if stage == "align":
        return [([reportgen, "align", str(report), "--format", "json", "-o", str(outputs(report) / "alignment.json")], (0, 1))]
    pandoc = _pandoc()
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


def measure(stage: str, report: Path, runs: int, n: int) -> Result:
    if stage in ("read", "build"):
        return measure_worker(stage, report, runs, n)
    try:
        return measure_command(stage, report, runs, n)
    except Exception as exc:   # e.g. pypandoc missing: report it, go on
        return Result(stage, n, failed=_last_line(f"{type(exc).__name__}: {exc}"))


# ---------------------------------------------------------------- the worker


def worker(stage: str, report: Path, runs: int) -> None:
    """Run one in-process stage ``runs`` times; print {"times": [...]} as the last line.
    On an exception: its one-line description on stderr, exit 3."""
    try:
        from reportgen import pipeline
        from reportgen.source import read_report

        example = REPO / "sources" / "cosp-eg1-2021-add1"
        if example.is_dir():   # warm-up: imports, language data, caches
            read_report(example)
        times, note = [], None
        for _ in range(runs):
            start = time.perf_counter()
            if stage == "read":
                report_obj, diagnostics = read_report(report)
                errors = [d for d in diagnostics if d.severity == "error"]
                if errors:
                    note = f"{len(errors)} errors in the diagnostics, e.g. {errors[0]}"
            elif stage == "build":
                loaded = pipeline.load(report)
                if loaded.errors:
                    raise RuntimeError(f"{len(loaded.errors)} errors, first: {loaded.errors[0]}")
                loaded_at = time.perf_counter()
                pipeline.write_all(loaded, pipeline.render_all(loaded), outputs(report) / "docx")
                note = f"load {loaded_at - start:.2f} s + render and write {time.perf_counter() - loaded_at:.2f} s"
            else:
                raise ValueError(f"not an in-process stage: {stage}")
            times.append(time.perf_counter() - start)
    except BaseException as exc:  # noqa: BLE001 - reported, never raised
        if os.environ.get("BENCH_DEBUG"):
            traceback.print_exc()
        message = str(exc).strip().splitlines()
        print(f"{type(exc).__name__}: {message[0] if message else ''}", file=sys.stderr)
        sys.exit(3)
    print(json.dumps({"times": times, "note": note}))


# ---------------------------------------------------------------- the table


def _fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return f"{seconds:.3f}" if seconds < 10 else f"{seconds:.1f}"


def _ratio(result: Result, by_key: dict[tuple[str, int], Result]) -> str:
    base = by_key.get((BASELINE.get(result.stage, ""), result.n))
    if result.median is None or base is None or not base.median:
        return "–"
    return f"{result.median / base.median:.2f}×"


def table(results: list[Result], sizes: dict[int, dict]) -> str:
    by_key = {(r.stage, r.n): r for r in results}
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
        lines.append(f"| {r.stage} | {r.n} | {sizes[r.n]['mb']:.1f} | {len(r.times) or '–'} | {median} | "
                     f"{rss} | {ratio} | {note} |")
    return "\n".join(lines)


def pivot(results: list[Result], ns: list[int]) -> str:
    """Median seconds, stage × N."""
    by_key = {(r.stage, r.n): r for r in results}
    stages = [s for s in STAGES if any((s, n) in by_key for n in ns)]
    lines = ["| median s | " + " | ".join(f"N={n}" for n in ns) + " |", "|---|" + "---:|" * len(ns)]
    for s in stages:
        cells = []
        for n in ns:
            r = by_key.get((s, n))
            cells.append("" if r is None else "failed" if r.failed else _fmt_time(r.median))
        lines.append(f"| {s} | " + " | ".join(cells) + " |")
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
                        help="runs per stage (default 5 up to N=500, 3 up to 2000, 1 above; env BENCH_RUNS)")
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

    args.out.mkdir(parents=True, exist_ok=True)
    lock = open(args.out / ".lock", "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(f"another benchmark is running (lock {args.out / '.lock'}); wait for it", file=sys.stderr)
        return 2

    print(f"reportgen benchmark: N = {', '.join(map(str, ns))}; stages: {', '.join(stages)}", flush=True)
    results: list[Result] = []
    sizes: dict[int, dict] = {}
    for n in ns:
        report = args.out / str(n)
        start = time.perf_counter()
        try:
            paths = generate(report, n, args.seed)
        except Exception as exc:  # noqa: BLE001 - reported in the table
            sizes[n] = {"mb": 0.0, "generate_s": 0.0}
            why = _last_line(f"generating the report: {type(exc).__name__}: {exc}")
            results.extend(Result(stage, n, failed=why) for stage in stages)
            print(f"N={n}: failed: {why}", flush=True)
            continue
        mb = sum(p.stat().st_size for p in paths.values()) / 1e6
        sizes[n] = {"mb": mb, "generate_s": time.perf_counter() - start}
        runs = args.runs or default_runs(n)
        print(f"N={n}: generated {report.relative_to(REPO) if report.is_relative_to(REPO) else report} "
              f"({mb:.1f} MB, six versions) in {sizes[n]['generate_s']:.1f} s; {runs} run(s) per stage", flush=True)
        for stage in stages:
            r = measure(stage, report, runs, n)
            results.append(r)
            shown = f"failed: {r.failed}" if r.failed else f"{_fmt_time(r.median)} s, {r.rss_mb or 0:.0f} MB"
            print(f"  {stage:12} {shown}", flush=True)

    where = machine()
    text = "\n".join([
        "# reportgen benchmark",
        "",
        f"`python -m bench.run` on {where}.",
        "Generated reports (bench/generate.py, seed "
        f"{args.seed}): N numbered paragraphs in each of six versions.",
        "",
        pivot(results, ns),
        "",
        table(results, sizes),
        "",
        "Ratios: `build` ÷ `pandoc-docx`; `read`, `check`, `align` ÷ `pandoc-read` (six files each).",
        "Peak RSS: of the stage's process and the children it waited for (for `read` and `build`,",
        "a Python worker with reportgen imported; for pandoc, the largest of the six runs).",
    ])
    target_n, target_s = READ_TARGET
    read = next((r for r in results if r.stage == "read" and r.n == target_n), None)
    if read is not None:
        verdict = (f"failed ({read.failed})" if read.failed
                   else f"{read.median:.2f} s: {'meets' if read.median < target_s else 'MISSES'} the target")
        text += f"\n\nHeadline: read_report at N={target_n}: {verdict} (< {target_s} s).\n"
    print()
    print(text)
    (args.out / "results.md").write_text(text.rstrip("\n") + "\n", encoding="utf-8")
    (args.out / "results.json").write_text(json.dumps(
        {"machine": where, "sizes": sizes, "results": [asdict(r) | {"median": r.median} for r in results]},
        indent=2), encoding="utf-8")
    print(f"\nwritten to {args.out / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
