"""``review --pdf`` and ``diff --pdf`` through the same LibreOffice path and font
substitutions as ``build --pdf`` (render/pdf.py), and ``--pdf``'s progress bar.

The LibreOffice tests are external (skipped locally without it, required under CI=true);
the review's and the diff's pages are kept under build/render/ for people to look at.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import reportgen.cli as cli_module
from tests.conftest import EXAMPLE, REPO
from tests.render.test_pages_as_issued import _ink, _inked
from tests.render.test_pdf import CONVERTING, _fake_soffice
from tests.support import tools
from tests.support.office import render_page_png

RENDERS = REPO / "build" / "render"


def _run(*args: str | Path) -> subprocess.CompletedProcess:
    for name in ("soffice", "pdffonts", "pdftoppm"):
        tools.require(name)
    return subprocess.run([sys.executable, "-m", "reportgen.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=600, cwd=REPO)


def _faces(pdf: Path) -> set[str]:
    listing = subprocess.run([tools.require("pdffonts"), str(pdf)], capture_output=True, text=True, check=True)
    return {line.split()[0].split("+", 1)[-1] for line in listing.stdout.splitlines()[2:]}


@pytest.mark.external
def test_review_pdf_sets_each_column_in_its_language_s_free_face(tmp_path: Path) -> None:
    out = tmp_path / "review-ar.docx"
    proc = _run("review", EXAMPLE, "--lang", "ar", "-o", out, "--pdf")
    assert (proc.returncode, proc.stderr, proc.stdout) == (0, "", f"{out}\n{out.with_suffix('.pdf')}\n")
    pdf = out.with_suffix(".pdf")
    faces = _faces(pdf)
    assert any(f.startswith("Amiri") for f in faces) and "LiberationSerif" in faces, faces
    assert not any(f.startswith("DejaVu") for f in faces), faces  # no fallback: the substitutions reached it
    render_page_png(pdf, 1, RENDERS / "review-ar-page1.png", dpi=60)


def _renumbered(tmp_path: Path) -> Path:
    """The example with a paragraph inserted after paragraph 9 in en and ar (10 → 11 …)."""
    new = tmp_path / "new"
    new.mkdir()
    for lang, added in (("en", "A new paragraph added for the test."), ("ar", "فقرة جديدة مضافة للاختبار.")):
        text = (EXAMPLE / f"{lang}.md").read_text(encoding="utf-8")
        text = re.sub(r"^(\d+)\.", lambda m: f"{int(m.group(1)) + (int(m.group(1)) >= 10)}.", text, flags=re.M)
        text = text.replace("\n11. ", f"\n10. {added}\n\n11. ", 1)
        (new / f"{lang}.md").write_text(text, encoding="utf-8")
    shutil.copy(EXAMPLE / "documents.yaml", new / "documents.yaml")
    return new


@pytest.mark.external
def test_diff_pdf_puts_change_bars_on_the_side_lines_start(tmp_path: Path) -> None:
    """Left of an English page, right of an Arabic one (LibreOffice's change bars are an
    application setting: a right-to-left document is converted with them at the right)."""
    old = tmp_path / "old"
    old.mkdir()
    for name in ("en.md", "ar.md", "documents.yaml"):
        shutil.copy(EXAMPLE / name, old / name)
    out = tmp_path / "diff"
    proc = _run("diff", old, _renumbered(tmp_path), "-o", out, "--pdf")
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout.splitlines() == [str(out / f) for f in ("ar.docx", "ar.pdf", "en.docx", "en.pdf")]
    margin = 56.7
    for lang, bars_at in (("en", "left"), ("ar", "right")):
        pdf = out / f"{lang}.pdf"
        pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run([tools.require("pdfinfo"), str(pdf)], text=True,
                                                                 capture_output=True).stdout).group(1))
        left = right = 0
        for page in range(1, pages + 1):
            rows = _ink(pdf, page, tmp_path)
            width = len(rows[0])
            body = (60, len(rows) - 90)  # between the running head and the foot
            left += _inked(rows, 4, margin - 2, *body)
            right += _inked(rows, width - margin + 2, width - 4, *body)
            render_page_png(pdf, page, RENDERS / f"diff-{lang}-page{page}.png", dpi=60)
        assert (left > 20, right > 20) == ((True, False) if bars_at == "left" else (False, True)), (lang, left, right)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_pdf_conversion_shows_a_bar_on_a_terminal_and_nothing_elsewhere(cli, tmp_path: Path, monkeypatch) -> None:
    _fake_soffice(tmp_path / "bin", CONVERTING)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    made = cli_module._pdfs({tmp_path / "out" / f"{n}.docx": b"PK" for n in ("en", "fr", "zh")},
                            str(tmp_path / "bin" / "soffice"), jobs=2)
    assert sorted(p.name for p in made) == ["en.pdf", "fr.pdf", "zh.pdf"]
    frames = terminal.getvalue().split("\r")
    assert frames[-1].startswith("\x1b[?25lconverting to PDF  [" + "#" * 36 + "]  3/3")
    result = cli("build", EXAMPLE, "-o", tmp_path / "built", "--pdf", "--lang", "en")  # captured: no bar
    assert (result.code, result.err) == (0, "")
