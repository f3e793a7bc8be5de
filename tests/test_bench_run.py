"""bench/run.py: the `make bench` driver — a small end-to-end run, the process-tree memory
sampler, and the targets' verdicts."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.run import Result, TreeSampler, _wait, targets, tree_rss
from tests.conftest import REPO

MB = 2**20


def test_a_small_run_times_every_requested_stage_and_judges_the_targets(tmp_path: Path) -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed (the noop stage runs make report)")
    stages = ["build", "check", "align", "diff", "noop", "import"]
    proc = subprocess.run([sys.executable, "-m", "bench.run", "--sizes", "20", "--runs", "1",
                           "--stages", ",".join(stages), "--out", str(tmp_path)],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    # both generated reports: the standard one and the dense variant, every stage on each
    assert sorted((r["stage"], r["variant"]) for r in data["results"]) == \
        sorted((s, v) for s in stages for v in ("standard", "dense"))
    dense = {r["stage"]: r for r in data["results"] if r["variant"] == "dense"}
    results = {r["stage"]: r for r in data["results"] if r["variant"] == "standard"}
    assert data["sizes"]["20-dense"]["mb"] > data["sizes"]["20"]["mb"] > 0
    for stage, r in [*results.items(), *dense.items()]:
        assert r["failed"] is None, (stage, r["failed"])
        assert r["n"] == 20 and len(r["times"]) == 1
        assert r["median"] > 0, stage
        assert r["rss_mb"] > 0 and r["processes"] >= 1, stage
    assert results["noop"]["median"] < 1.0
    assert results["build"]["identical"] is True
    assert "identical bytes (1 process, 2 processes, default): yes" in results["build"]["note"]

    text = (tmp_path / "results.md").read_text(encoding="utf-8")
    assert "| stage | N | input MB | runs | median s | peak RSS MB |" in text
    assert "\n| build (dense) | 20 | " in text and "\n| diff (dense) | " in text
    targets_section = text.split("\n## Targets\n", 1)[1]
    assert "- no-op make report at N=20 (target < 0.3 s): " in targets_section
    assert "(target: identical bytes): identical bytes: met" in targets_section
    listed = [line for line in targets_section.splitlines() if line.startswith("- ")]
    assert len(listed) == len(data["targets"])
    for line, target in zip(listed, data["targets"]):
        assert line.startswith(f"- {target['target']}: {target['figure']}: ")
    # the throwaway make world is gone; the repository's own build/ was not used
    assert not (tmp_path / "out" / "20" / "make").exists()
    assert sorted(p.name for p in (tmp_path / "out" / "20" / "docx").glob("*.docx")) == \
        [f"{lang}.docx" for lang in ("ar", "en", "es", "fr", "ru", "zh")]
    # diff: the report against its edited draft (written beside the outputs), a DOCX a version
    assert (tmp_path / "out" / "20" / "edited" / "documents.yaml").exists()
    assert sorted(p.name for p in (tmp_path / "out" / "20" / "diff").glob("*.docx")) == \
        [f"{lang}.docx" for lang in ("ar", "en", "es", "fr", "ru", "zh")]
    assert sorted(p.name for p in (tmp_path / "out" / "20-dense" / "diff").glob("*.docx")) == \
        [f"{lang}.docx" for lang in ("ar", "en", "es", "fr", "ru", "zh")]


# Two forked children each hold 40 MB of their own (written, so resident) for a while:
# the tree holds at least 80 MB at once, while no single process ever holds more than ~50.
TREE = """
import os, time
pids = []
for _ in range(2):
    pid = os.fork()
    if pid == 0:
        block = b"x" * (40 * 2**20)
        time.sleep(0.6)
        os._exit(0)
    pids.append(pid)
for pid in pids:
    os.waitpid(pid, 0)
"""


def test_the_peak_is_of_the_whole_process_tree_at_once() -> None:
    run = _wait([sys.executable, "-c", TREE], timeout=30)
    assert run.code == 0, run.err
    assert run.processes == 3
    assert run.rss_mb >= 80


def test_a_single_process_holding_60_mb() -> None:
    run = _wait([sys.executable, "-c", "import time; block = b'x' * (60 * 2**20); time.sleep(0.3)"], timeout=30)
    assert run.code == 0, run.err
    assert run.processes == 1
    assert 60 <= run.rss_mb < 200


def test_a_small_command_is_not_charged_with_the_driver_s_memory() -> None:
    # ru_maxrss of a spawned process includes the spawning process's peak (kept across exec)
    ballast = b"x" * (100 * 2**20)
    run = _wait(["sleep", "0.05"], timeout=30)
    assert len(ballast) and run.code == 0
    assert run.rss_mb < 20


def test_tree_rss_agrees_with_vmrss_and_the_sampler_stops() -> None:
    proc = subprocess.Popen([sys.executable, "-c", "import sys, time; block = b'x' * (60 * 2**20); "
                             "print('ready', flush=True); sys.stdin.read()"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline() == "ready\n"
        sampler = TreeSampler(proc.pid, interval=0.01)
        total, count = tree_rss(proc.pid)
        vmrss = next(int(line.split()[1]) * 1024 for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines()
                     if line.startswith("VmRSS:"))
        assert count == 1
        assert abs(total - vmrss) < 4 * MB and total >= 60 * MB
        sampler.stop()
        assert sampler.peak >= 60 * MB and sampler.processes == 1
    finally:
        proc.communicate("")
    assert tree_rss(proc.pid) == (0, 0)   # gone: nothing to count


def _r(stage: str, n: int, seconds: float, rss: float = 100.0, **kw) -> Result:
    return Result(stage, n, times=[seconds], rss_mb=rss, processes=kw.pop("processes", 3), **kw)


def test_targets_are_judged_only_on_what_was_measured() -> None:
    results = [
        _r("build", 500, 0.5, identical=True), _r("build", 2000, 2.1, identical=True),
        _r("build", 8000, 9.5, rss=420, identical=False, note="different"),
        _r("pandoc-docx", 2000, 12.6),
        _r("check", 2000, 2.9, rss=310), _r("align", 2000, 0, failed="exit 2: boom"),
        _r("noop", 2000, 0.05, processes=1),
        _r("diff", 500, 3.0, rss=500), _r("diff", 2000, 14.0, rss=900),
        _r("check", 2000, 9.0, rss=900, variant="dense"),   # the dense variant: no target judges it
    ]
    lines = {t.target: (t.figure, t.met) for t in targets(results)}
    assert lines["build at N=2000 (target ≤ 0.5 × pandoc-docx)"] == \
        ("2.10 s = 0.17 × pandoc-docx (12.60 s)", True)
    assert lines["build linear in N, 500 → 2000 (target ≤ 4.4 ×)"] == ("0.50 s → 2.10 s = 4.20 ×", True)
    assert lines["build linear in N, 2000 → 8000 (target ≤ 4.4 ×)"][1] is False   # 4.52 ×
    assert lines["check at N=2000 (target < 3 s)"] == ("2.90 s", True)
    assert lines["align at N=2000 (target < 3 s)"] == ("the stage failed (exit 2: boom)", None)
    assert lines["peak RSS of check at N=2000 (target < 300 MB)"] == ("310 MB, 3 processes", False)
    assert lines["peak RSS of build at N=8000 (target < 400 MB)"][1] is False
    assert lines["no-op make report at N=2000 (target < 0.3 s)"] == ("0.050 s", True)
    assert lines["build at N=8000 with 1, 2 and the default number of processes (target: identical bytes)"][1] is False
    assert lines["build at N=2000 in parallel processes by default (target > 1 process)"] == ("up to 3 processes", True)
    assert not any(t.startswith("read") or "N=500 in parallel" in t for t in lines)   # not measured / not a target
    assert lines["diff linear in N, 500 → 2000 (target ≤ 4.4 ×)"] == ("3.00 s → 14.00 s = 4.67 ×", False)
    assert not any(t.startswith("peak RSS of diff") for t in lines)   # diff's memory has no target
