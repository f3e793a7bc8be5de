"""``reportgen import`` of PDF text: the project's seed (a real Chinese draft report as
pdftotext gave it) and the artefacts of PDF text, one by one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reportgen import model as m
from reportgen.source.reader import read_document
from tests.conftest import EXAMPLE
from tests.support import tools
from tests.support.shared import require_shared

SEED = "seeds/000_efee6117658673a9.txt"


def _paragraph_texts(doc: m.Document) -> list[tuple[int | None, str]]:
    """(number, text) of every heading and numbered paragraph, footnotes aside."""
    out = []
    for b in doc.blocks:
        text = "".join(x.text if isinstance(x, m.Text) else x.text if isinstance(x, m.SymbolRef) else ""
                       for x, _, _ in m.walk((b,)))
        out.append((getattr(b, "number", None), text))
    return out


def test_the_seed_imports_to_the_example_paragraph_for_paragraph(cli, tmp_path: Path) -> None:
    seed = require_shared(SEED)
    report = tmp_path / "report"
    result = cli("import", str(seed), "--lang", "zh", "-o", str(report), "--symbol", "CAC/COSP/EG.1/2021/L.1/Add.1")
    assert (result.code, result.err) == (0, "")
    imported, problems = read_document(report / "zh.md")
    example, _ = read_document(EXAMPLE / "zh.md")
    assert problems == [] and imported is not None and example is not None
    assert _paragraph_texts(imported) == _paragraph_texts(example)
    assert [p.number for p in imported.paragraphs()] == list(range(1, 13))
    # paragraph 10, cut by a page break in the seed, is whole again
    assert "取得成功的有益作用。一些发言者举例说明了" in _paragraph_texts(imported)[10][1]
    # the masthead: everything but the job number, which the seed does not print
    assert (imported.meta.organ, imported.meta.title, imported.meta.subtitle, imported.meta.venue) == \
        (example.meta.organ, example.meta.title, example.meta.subtitle, example.meta.venue)
    assert (imported.meta.date, imported.meta.dates, imported.meta.original, imported.meta.distribution) == \
        (example.meta.date, example.meta.dates, "en", "limited")
    assert imported.meta.meeting == example.meta.meeting


def test_the_seed_without_a_symbol_leaves_a_placeholder_check_reports(cli, tmp_path: Path) -> None:
    seed = require_shared(SEED)
    report = tmp_path / "report"
    assert cli("import", str(seed), "--lang", "zh", "-o", str(report)).code == 0
    text = (report / "zh.md").read_text(encoding="utf-8")
    assert text.startswith("---\nsymbol:  # import: not found in 000_efee6117658673a9.txt; fill in\n")
    result = cli("check", str(report))
    assert result.code == 2
    assert result.err.splitlines()[0] == f"{report / 'zh.md'}:2: front matter key 'symbol' is empty, but it is required"


# pdftotext's reading of a two-page English report: the masthead's columns, lone markers
# before a blank line, a running header and footer, a paragraph cut by the page break,
# words hyphenated at line ends (one the text writes whole elsewhere, one it does not).
PAGES = """\
United Nations
Ad Hoc Committee on Testing

A/AC.123/2024/L.2/Add.3
Distr.: Limited
1 March 2024
Original: English

Third session
New York, 26 February–1 March 2024

Draft report
Addendum
II.

Organization of the session
4.

The session was opened on 26 February 2024. The co-
operation of the States was noted; cooperation is key.
5.

The Committee considered the follow-
ing:
(a)

the note by the Secretariat (A/AC.123/2024/2);
(b)

a revised text.
6.

Representatives of 42 States attended the
24-01234 (E)  010324  020324
*2401234*
\f
A/AC.123/2024/L.2/Add.3

session and the meeting, in the
2/2
usual way; a long-
term view and a cross-
border one were given, the border being
one to cross.
"""


def test_pdf_text_is_rejoined_and_its_guesses_are_listed(cli, tmp_path: Path) -> None:
    source = tmp_path / "en.txt"
    source.write_text(PAGES, encoding="utf-8")
    report = tmp_path / "report"
    result = cli("import", str(source), "--lang", "en", "-o", str(report))
    assert (result.code, result.err) == (0, "")
    text = (report / "en.md").read_text(encoding="utf-8")
    assert text == """\
---
symbol: A/AC.123/2024/L.2/Add.3
distribution: limited
date: 2024-03-01
language: en
original: en
organ: Ad Hoc Committee on Testing
title: Draft report
subtitle: Addendum
meeting: Third session
venue: New York
dates: [2024-02-26, 2024-03-01]
job: 24-01234
processed: [2024-03-01, 2024-03-02]
---

# II. Organization of the session

4. The session was opened on 26 February 2024. The cooperation of the States was noted; cooperation is key.

5. The Committee considered the following:

    (a) the note by the Secretariat (A/AC.123/2024/2);

    (b) a revised text.

<!-- import: line 42: kept the hyphen in «long-term» at a line end; was it «longterm»? -->

<!-- import: line 43: kept the hyphen in «cross-border» at a line end; was it «crossborder»? -->

6. Representatives of 42 States attended the session and the meeting, in the usual way; a long-term view and a cross-border one were given, the border being one to cross.
"""
    result = cli("check", str(report))
    # "co-/operation" is whole elsewhere in the text, "follow-/ing" a break the English
    # patterns allow where "ing" is no word: joined, no question asked. "long-/term": no
    # break there, so a hyphen of the text, kept but asked; "cross-/border": both halves
    # words of the text where a break is allowed, kept and asked.
    assert [line for line in result.err.splitlines() if "comment:" in line] == [
        f"{report / 'en.md'}:27: info: comment: import: line 42: kept the hyphen in «long-term» at a line end; "
        "was it «longterm»?",
        f"{report / 'en.md'}:29: info: comment: import: line 43: kept the hyphen in «cross-border» at a line "
        "end; was it «crossborder»?"]


def test_a_paragraph_after_a_page_break_that_may_be_new_is_flagged(cli, tmp_path: Path) -> None:
    source = tmp_path / "en.txt"
    source.write_text("1. The first paragraph ends here.\n\f\nA sentence after the page break.\n", encoding="utf-8")
    report = tmp_path / "report"
    assert cli("import", str(source), "--lang", "en", "-o", str(report), "--symbol", "A/AC.1/L.1").code == 0
    body = (report / "en.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert body == ("\n1. The first paragraph ends here.\n\n"
                    "    A sentence after the page break.\n\n"
                    "<!-- import: line 3: after a page break, kept as a paragraph of its own: join it to "
                    "the text before it if it continues it -->\n")


@pytest.fixture(scope="module")
def built_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    for name in ("soffice", "pdftotext"):
        tools.require(name)
    out = tmp_path_factory.mktemp("pdf")
    proc = subprocess.run([sys.executable, "-m", "reportgen.cli", "build", str(EXAMPLE), "-o", str(out),
                           "--lang", "en", "--lang", "es", "--lang", "ru", "--pdf"],
                          capture_output=True, text=True, timeout=600)
    assert (proc.returncode, proc.stderr) == (0, "")
    for docx in out.glob("*.docx"):  # validated by the build's own tests; not this module's output
        docx.unlink()
    return out


@pytest.mark.external
@pytest.mark.parametrize("lang", ("en", "es", "ru"))
def test_a_built_pdf_imports_to_its_source_text(cli, built_pdfs: Path, tmp_path: Path, lang: str) -> None:
    """Read through pdftotext -bbox-layout: every printed hyphen is there to judge
    (plain pdftotext would have made "Open-ended" "Openended")."""
    report = tmp_path / "report"
    result = cli("import", str(built_pdfs / f"{lang}.pdf"), "--lang", lang, "-o", str(report))
    assert (result.code, result.err) == (0, "")
    imported, problems = read_document(report / f"{lang}.md")
    example, _ = read_document(EXAMPLE / f"{lang}.md")
    assert problems == [] and imported is not None and example is not None
    assert imported.meta == example.meta
    assert _paragraph_texts(imported) == _paragraph_texts(example)
    # only a hyphen both ways plausible is asked about (ru: a compound where a break is allowed)
    assert all("kept the hyphen in «" in c.text for c in imported.comments)
    assert len(imported.comments) <= 1


@pytest.mark.external
def test_a_pdf_pdftotext_cannot_read_is_one_line_and_nothing_written(cli, tmp_path: Path) -> None:
    tools.require("pdftohtml")
    source = tmp_path / "broken.pdf"
    source.write_bytes(b"%PDF-1.7\nnot really\n")
    report = tmp_path / "report"
    result = cli("import", str(source), "--lang", "en", "-o", str(report))
    assert result.code == 2 and result.out == "" and result.err.count("\n") == 1
    assert result.err.startswith(f"{source}: pdftohtml cannot read it: ")
    assert not report.exists()


def test_a_pdf_without_pdftotext_says_what_to_install(cli, tmp_path: Path, monkeypatch) -> None:
    source = tmp_path / "report.pdf"
    source.write_bytes(b"%PDF-1.7\n")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = cli("import", str(source), "--lang", "en", "-o", str(tmp_path / "report"))
    assert (result.code, result.err) == (2, f"{source}: reading a PDF needs pdftohtml (poppler-utils); "
                                             "install it, or import the text pdftotext gives\n")
    assert not (tmp_path / "report").exists()


def test_a_line_end_hyphen_after_a_word_that_begins_many_words_is_a_cut_in_hyphenated_text() -> None:
    """«по-» / «следующего»: both halves are words of the text and the patterns allow the
    cut. "по" also begins many of the text's words, so in a text whose typesetter cuts
    words (here «органи-» / «зации», written whole elsewhere) it is a cut; in a text set
    without hyphenation the hyphen is kept, with the note."""
    from reportgen.importer.joining import Joiner
    from reportgen.l10n import language

    ru = language("ru")
    words = "по поводу после подготовки повышения поддержки под следующих организации\n"
    hyphenated = Joiner(ru, words + "работа органи-\nзации\nдля по-\nследующего утверждения")
    assert hyphenated.join("для по-", "следующего утверждения") == ("для последующего утверждения", None)
    plain = Joiner(ru, words + "для по-\nследующего утверждения")
    assert plain.join("для по-", "следующего утверждения") == (
        "для по-следующего утверждения", "kept the hyphen in «по-следующего» at a line end; was it «последующего»?")
    few = Joiner(ru, "по следующих организации\nработа органи-\nзации\nдля по-\nследующего утверждения")
    assert few.join("для по-", "следующего")[0] == "для по-следующего"  # "по" begins no other word here
