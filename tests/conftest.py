"""Shared fixtures. Every DOCX a test leaves under its tmp_path is schema-validated
at teardown, so no test can produce an unchecked document.

The schemas are third-party data in ``../shared`` (tests/support/shared.py). Without
them (a user's fresh clone) the tests still run but their DOCX cannot be validated:
the session summary says so, once, with the count; under ``CI=true`` it is a failure.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen.cli import main
from tests.support.ooxml_schema import NOT_VALIDATED, check_docx
from tests.support.shared import REASON

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "sources" / "cosp-eg1-2021-add1"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: takes several seconds (a subprocess pytest run, a wheel build)")


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    if NOT_VALIDATED:
        terminalreporter.section("DOCX schema validation OFF", sep="=", yellow=True, bold=True)
        terminalreporter.line(
            f"{len(NOT_VALIDATED)} DOCX file(s) produced by the tests were NOT validated against "
            f"the ISO/IEC 29500 schemas: {REASON}", yellow=True, bold=True)


@pytest.fixture(autouse=True)
def _validate_produced_docx(request: pytest.FixtureRequest):
    yield
    tmp = request.node.funcargs.get("tmp_path")
    if tmp is None:
        return
    for docx in sorted(Path(tmp).rglob("*.docx")):
        check_docx(docx)


class CliResult:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run ``reportgen`` in-process; returns exit code, stdout and stderr."""

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        out, err = capsys.readouterr()
        return CliResult(code, out, err)

    return run


@pytest.fixture
def report_copy(tmp_path: Path):
    """Copy a fixture report (or the example) into tmp_path so a test may edit it."""

    def copy(source: Path = EXAMPLE) -> Path:
        dest = tmp_path / "src" / source.name
        shutil.copytree(source, dest)
        return dest

    return copy


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    """The faithful alignment fixture (en, fr) with one error-level finding: fr paragraph 4
    says 134 for 133 (a number-mismatch)."""
    folder = tmp_path / "report"
    shutil.copytree(FIXTURES / "align" / "faithful", folder)
    fr = folder / "fr.md"
    fr.write_text(fr.read_text(encoding="utf-8").replace("133 États parties", "134 États parties"), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example report built once for the session, every DOCX validated."""
    from reportgen import pipeline

    out = tmp_path_factory.mktemp("example")
    loaded = pipeline.load(EXAMPLE)
    assert loaded.errors == []
    built = pipeline.write_all(loaded, pipeline.render_all(loaded), out)
    for b in built:
        check_docx(b.path)
    return {b.lang: b.path for b in built}
