"""The progress bar of long runs: on a terminal only, one step per language version."""

from __future__ import annotations

import io
import sys
from types import SimpleNamespace

import pytest

import reportgen.cli as cli_module
from reportgen.project import Project
from tests.conftest import EXAMPLE


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_large_report_on_a_terminal_shows_a_bar_counting_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(cli_module, "PROGRESS_BYTES", 0)  # the example counts as large
    with cli_module._progress(Project.open(EXAMPLE), "building") as on_done:
        assert on_done is not None
        for code in ("en", "ar", "es", "fr", "ru", "zh"):
            on_done(SimpleNamespace(code=code))
    frames = terminal.getvalue().split("\r")
    assert frames[-1] == "\x1b[?25lbuilding  [" + "#" * 36 + "]  6/6  zh\x1b[?25h\n"
    assert any("3/6" in frame and " es" in frame for frame in frames)


def test_no_bar_off_a_terminal_or_for_a_small_report(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # a file or a pipe
    monkeypatch.setattr(cli_module, "PROGRESS_BYTES", 0)
    with cli_module._progress(Project.open(EXAMPLE), "building") as on_done:
        assert on_done is None
    monkeypatch.setattr(sys, "stderr", Terminal())
    monkeypatch.setattr(cli_module, "PROGRESS_BYTES", 2 * 1024 * 1024)  # the example is 60 KB
    with cli_module._progress(Project.open(EXAMPLE), "building") as on_done:
        assert on_done is None
    assert sys.stderr.getvalue() == ""


@pytest.mark.parametrize("command", ["build", "check", "align"])
def test_commands_print_no_progress_into_captured_output(cli, monkeypatch, tmp_path, command) -> None:
    monkeypatch.setattr(cli_module, "PROGRESS_BYTES", 0)
    args = ["-o", tmp_path / "out"] if command == "build" else []
    result = cli(command, EXAMPLE, *args)
    assert result.code == 0
    assert "[#" not in result.err and "%" not in result.err
