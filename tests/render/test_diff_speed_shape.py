"""``reportgen diff`` on a generated report and a later draft of it (``bench.generate``:
every tenth paragraph opens with a few new words): the versions compared in parallel
give the same bytes as one after another, and each edit is one tracked insertion of
exactly its words, in Chinese too (no space added). Every DOCX written here is schema
validated at teardown (tests/conftest.py)."""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from bench.generate import EDIT_EVERY, EDITED, edit, generate

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LANGS = ("ar", "en", "es", "fr", "ru", "zh")


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("drafts")
    generate(root / "old", 40)
    edit(root / "old", root / "new")
    return root / "old", root / "new"


def _insertions(path: Path) -> list[str]:
    body = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml")).find(f"{W}body")
    return ["".join(t.text or "" for t in ins.iter(f"{W}t")) for ins in body.iter(f"{W}ins")]


def _deletions(path: Path) -> int:
    return sum(1 for _ in etree.fromstring(zipfile.ZipFile(path).read("word/document.xml")).iter(f"{W}del"))


def test_parallel_and_serial_diffs_write_the_same_bytes(cli, drafts: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = drafts
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    first = cli("diff", old, new, "-o", serial, "-j", "1")
    second = cli("diff", old, new, "-o", parallel, "-j", "2")
    assert (first.code, first.err, second.code, second.err) == (0, "", 0, "")
    assert first.out.splitlines() == [str(serial / f"{code}.docx") for code in LANGS]
    assert second.out.splitlines() == [str(parallel / f"{code}.docx") for code in LANGS]
    for code in LANGS:
        assert (serial / f"{code}.docx").read_bytes() == (parallel / f"{code}.docx").read_bytes(), code


def test_each_edit_is_one_insertion_of_its_words(cli, drafts: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = drafts
    assert cli("diff", old, new, "-o", tmp_path / "diff").code == 0
    paragraphs = len(re.findall(r"(?m)^\d+\. ", (old / "en.md").read_text(encoding="utf-8")))
    edits = (paragraphs + EDIT_EVERY - 1) // EDIT_EVERY
    assert paragraphs == 40 and edits == 4
    for code in LANGS:
        path = tmp_path / "diff" / f"{code}.docx"
        assert _insertions(path) == [EDITED[code]] * edits, code
        assert _deletions(path) == 0
    assert EDITED["zh"] == "经修正，"  # no space before the paragraph's own first character


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_counts_the_versions_compared_on_a_terminal(drafts: tuple[Path, Path], tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import reportgen.cli as cli_module

    old, new = drafts
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(cli_module, "PROGRESS_BYTES", 0)  # the generated drafts count as large
    cli_module.main(["diff", str(old), str(new), "-o", str(tmp_path / "diff"), "-j", "1"])
    frames = terminal.getvalue().split("\r")
    assert frames[-1] == "\x1b[?25lcomparing  [" + "#" * 36 + "]  6/6  zh\x1b[?25h\n"
    assert any("3/6" in frame and " es" in frame for frame in frames)
    assert sorted(p.name for p in (tmp_path / "diff").iterdir()) == [f"{code}.docx" for code in LANGS]


def test_no_bar_off_a_terminal(cli, drafts: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                               ) -> None:
    import reportgen.cli as cli_module

    monkeypatch.setattr(cli_module, "PROGRESS_BYTES", 0)
    result = cli("diff", *drafts, "-o", tmp_path / "diff")
    assert (result.code, result.err) == (0, "")
