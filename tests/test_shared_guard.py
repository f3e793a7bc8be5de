"""The ``../shared`` rule: tests that need the third-party data beside the checkout
skip with one stated reason when it is absent (a user's fresh clone) and fail under
``CI=true``; DOCX produced by tests are still built, only their schema validation is
left out, and the session summary says so."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen import pipeline
from tests.conftest import FIXTURES, REPO
from tests.support import ooxml_schema, shared, tools


def test_schemas_available() -> None:
    """Skipped (the one ``../shared`` reason) when the ISO/IEC 29500 schemas are absent:
    then no DOCX a test produces is schema-validated; required under CI=true."""
    path = tools.require_schemas()
    assert (path / "microsoft" / "wml-2010.xsd").is_file()


def test_minimal_fixture_builds(tmp_path: Path) -> None:
    """A DOCX left under tmp_path: the autouse fixture validates it (or, without the
    schemas, counts it as not validated)."""
    loaded = pipeline.load(FIXTURES / "minimal")
    built = pipeline.write_all(loaded, pipeline.render_all(loaded), tmp_path / "out")
    assert sorted(b.lang for b in built) == ["ar", "en", "zh"]


def test_shared_is_beside_the_checkout() -> None:
    assert shared.SHARED == REPO.parent / "shared"
    assert tools.DEFAULT_SCHEMAS_DIR == shared.SHARED / "ooxml-schemas"


def test_require_shared_returns_present_data(monkeypatch, tmp_path: Path) -> None:
    (tmp_path / "udhr").mkdir()
    (tmp_path / "udhr" / "x.xml").write_text("<x/>", encoding="utf-8")
    monkeypatch.setattr(shared, "SHARED", tmp_path)
    assert shared.require_shared("udhr/x.xml") == tmp_path / "udhr" / "x.xml"
    assert shared.available("udhr", "udhr/x.xml")
    assert not shared.available("udhr/y.xml")


def test_require_shared_skips_locally_with_one_reason_and_fails_in_ci(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(shared, "SHARED", tmp_path / "shared")
    monkeypatch.delenv("CI", raising=False)
    for what in ("udhr/udhr_eng.xml", "ooxml-schemas"):
        with pytest.raises(pytest.skip.Exception) as skipped:
            shared.require_shared(what)
        assert str(skipped.value) == shared.REASON
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception) as failed:
        shared.require_shared("udhr/udhr_eng.xml")
    assert str(tmp_path / "shared" / "udhr" / "udhr_eng.xml") in str(failed.value)
    assert "required under CI=true" in str(failed.value)


def test_schemas_skip_with_the_shared_reason(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(shared, "SHARED", tmp_path / "shared")
    monkeypatch.setattr(tools, "DEFAULT_SCHEMAS_DIR", tmp_path / "shared" / "ooxml-schemas")
    monkeypatch.delenv("OOXML_SCHEMAS_DIR", raising=False)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception) as skipped:
        tools.require_schemas()
    assert str(skipped.value) == shared.REASON
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        tools.require_schemas()


def test_tools_follow_the_same_ci_rule(monkeypatch) -> None:
    monkeypatch.setenv("CI", "true")
    assert tools.in_ci is shared.in_ci
    with pytest.raises(pytest.fail.Exception, match="required because CI=true"):
        tools.require("definitely-not-a-tool-xyz")


def test_check_docx_without_schemas_records_and_goes_on(monkeypatch) -> None:
    not_validated: list[str] = []
    monkeypatch.setattr(ooxml_schema, "NOT_VALIDATED", not_validated)
    monkeypatch.setattr(tools, "schemas_dir", lambda: None)
    monkeypatch.delenv("CI", raising=False)
    ooxml_schema.check_docx(b"not even a zip", name="x.docx")
    assert not_validated == ["x.docx"]
    monkeypatch.setenv("CI", "true")  # under CI the missing schemas fail the test
    with pytest.raises(pytest.fail.Exception):
        ooxml_schema.check_docx(b"not even a zip", name="y.docx")
    assert not_validated == ["x.docx"]


# ---------------------------------------------------------------------------
# A fresh clone: the checkout copied to a folder with no ``shared`` beside it
# ---------------------------------------------------------------------------

_INNER = [
    "tests/align/test_udhr_align.py",
    "tests/align/test_udhr_fixture.py",
    "tests/render/test_golden.py",
    "tests/test_shared_guard.py::test_schemas_available",
    "tests/test_shared_guard.py::test_minimal_fixture_builds",
]


@pytest.fixture(scope="module")
def fresh_clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    clone = tmp_path_factory.mktemp("fresh") / "main"
    clone.mkdir()
    shutil.copy(REPO / "pyproject.toml", clone / "pyproject.toml")
    for name in ("reportgen", "tests", "sources", "templates"):
        shutil.copytree(REPO / name, clone / name, ignore=shutil.ignore_patterns("__pycache__"))
    assert not (clone.parent / "shared").exists()
    return clone


def _pytest_in(clone: Path, basetemp: Path, ci: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"CI", "OOXML_SCHEMAS_DIR", "PYTEST_ADDOPTS"}}
    env["PYTHONPATH"] = str(clone)
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--basetemp", str(basetemp), *_INNER],
        cwd=clone, env=env, capture_output=True, text=True, timeout=600,
    )


@pytest.mark.slow
def test_fresh_clone_passes_and_says_what_it_skipped(fresh_clone: Path, tmp_path_factory) -> None:
    proc = _pytest_in(fresh_clone, tmp_path_factory.mktemp("inner"), ci=False)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    skips = [line for line in out.splitlines() if line.startswith("SKIPPED")]
    assert skips and all(line.endswith(": " + shared.REASON) for line in skips), out  # one stated reason
    assert "DOCX schema validation OFF" in out, out
    assert "passed" in out.splitlines()[-1] and "error" not in out.splitlines()[-1], out


@pytest.mark.slow
def test_fresh_clone_under_ci_requires_shared(fresh_clone: Path, tmp_path_factory) -> None:
    proc = _pytest_in(fresh_clone, tmp_path_factory.mktemp("inner-ci"), ci=True)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "SKIPPED" not in out, out
    missing = str(fresh_clone.parent / "shared")
    assert f"{missing}/udhr/udhr_eng.xml not found: {shared.REASON}" in out, out
    assert f"{missing}/ooxml-schemas/microsoft/wml-2010.xsd not found" in out, out
    assert "DOCX schema validation OFF" not in out, out
