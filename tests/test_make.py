"""`make report` builds every report under sources/ and rebuilds only what changed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of what `make report` reads, using this test run's environment."""
    dest = tmp_path / "repo"
    dest.mkdir()
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(REPO / name, dest / name)
    for name in ("sources", "templates", "reportgen"):
        shutil.copytree(REPO / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    ready = dest / ".venv" / ".installed"
    ready.parent.mkdir()
    ready.touch()  # the environment exists: this run's interpreter
    return dest


def make(checkout: Path, *args: str, status: int = 0) -> str:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    bin_dir = Path(sys.executable).parent
    proc = subprocess.run(["make", "-C", str(checkout), f"BIN={bin_dir}", *args],
                          capture_output=True, text=True, env={**os.environ, "MAKEFLAGS": ""})
    assert (proc.returncode != 0) == (status != 0), proc.stdout + proc.stderr
    return proc.stdout


def test_report_builds_every_version_then_only_what_changed(checkout: Path) -> None:
    first = make(checkout, "report")
    out = checkout / "build" / "cosp-eg1-2021-add1"
    assert sorted(p.name for p in out.glob("*.docx")) == [f"{c}.docx" for c in ("ar", "en", "es", "fr", "ru", "zh")]
    assert "wrote build/cosp-eg1-2021-add1/zh.docx" in first
    assert "reportgen build" not in make(checkout, "report")  # nothing changed: nothing rebuilt
    time.sleep(1.1)
    (checkout / "sources" / "cosp-eg1-2021-add1" / "zh.md").touch()
    assert "reportgen build sources/cosp-eg1-2021-add1" in make(checkout, "report")


def test_align_writes_both_reports_and_fails_on_open_errors(checkout: Path) -> None:
    import json

    make(checkout, "align")
    out = checkout / "build" / "cosp-eg1-2021-add1"
    assert json.loads((out / "alignment.json").read_text(encoding="utf-8"))["summary"] == \
        {"error": 0, "warning": 0, "info": 0}
    assert 'data-lang="zh"' in (out / "alignment.html").read_text(encoding="utf-8")
    zh = checkout / "sources" / "cosp-eg1-2021-add1" / "zh.md"
    zh.write_text(zh.read_text(encoding="utf-8").replace("133 个缔约国", "134 个缔约国"), encoding="utf-8")
    make(checkout, "align", status=2)
    data = json.loads((out / "alignment.json").read_text(encoding="utf-8"))
    assert [(f["check"], f["lang"], f["paragraph"]) for f in data["findings"]] == [("number-mismatch", "zh", "4")]
