"""PDFs and PDF text from outside, made to hurt (issue 21): control characters and
non-characters in the text layer, a line of 20 MB, a million lines, a text layer that
never ends. Each ends in a located one-line error with exit 2 and nothing written, or in
a correct import with warnings naming the page (or line) — never an internal error, a
hang, or a run past 1 GB.

A real PDF's text layer says what its fonts' ToUnicode maps say (``pdfmake.pdf_file``
writes one naming control characters); poppler passes some on and drops or replaces
others, so the readers behind it are also given text through a fake ``pdftohtml`` or
``pdftotext`` on PATH (what a PDF of a million lines would make poppler print, without
the minutes poppler takes), and text files as ``import`` takes them. The CLI runs in a
subprocess under an address-space limit of 1 GB and a timeout
(``tests/support/attacks.run_limited``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from reportgen.source.reader import read_document
from tests.importer.pdfmake import pdf_file
from tests.support.attacks import GB, Run, leftovers, run_limited

MASTHEAD = ["United Nations", "A/AC.9/2021/L.4", "General Assembly", "Distr.: General", "7 September 2021",
            "Original: English", "", "Report of the meeting", ""]
FRONT = ("---\nsymbol: A/AC.9/2021/L.4\ndistribution: general\ndate: 2021-09-07\nlanguage: {lang}\n"
         "original: en\norgan: General Assembly\ntitle: Report of the meeting\n---\n\n")
LINES_FIX = "import a report of at most about 4,000 pages, or its Word file"
LINE_FIX = "PDF text has a line per printed line; give the text as pdftotext writes it (pdftotext -enc UTF-8)"
RTL = "text extracted from a right-to-left PDF may show figures and ranges reversed: check them, or import the Word file"
LEFT_OUT = "the character U+{} ({}) is left out: a report cannot hold it"


@pytest.fixture
def work(tmp_path: Path) -> Path:
    return tmp_path


def _import(work: Path, source: Path, lang: str = "en", tools: Path | None = None) -> Run:
    scratch = work / "tmp"
    scratch.mkdir(exist_ok=True)
    env = {"TMPDIR": str(scratch)}
    if tools is not None:
        env["PATH"] = f"{tools}{os.pathsep}{os.environ.get('PATH', '')}"
    run = run_limited("import", source, "--lang", lang, "-o", work / "report", "--symbol", "A/AC.9/2021/L.4",
                      memory=GB, timeout=120, env=env)
    assert "Traceback" not in run.err and "internal error" not in run.err, run.err
    assert leftovers(scratch) == []
    return run


def refused(work: Path, source: Path, line: str, lang: str = "en", tools: Path | None = None) -> None:
    run = _import(work, source, lang, tools)
    assert (run.code, run.out, run.lines) == (2, "", [line])
    assert not (work / "report").exists()


def imported(work: Path, source: Path, warnings: list[str], lang: str = "en", tools: Path | None = None,
             lines: list[str] | None = None) -> str:
    """The import succeeds with exactly ``warnings`` (each after ``FILE: warning: ``), or
    exactly the stderr ``lines``; the version reads back without an error; its body
    (after the front matter, which must be the masthead's)."""
    run = _import(work, source, lang, tools)
    target = work / "report" / f"{lang}.md"
    if lines is None:
        lines = [f"{source}: warning: {w}" for w in warnings]
    assert (run.code, run.out, run.lines) == (0, f"{target}\n", lines)
    doc, found = read_document(target)
    assert doc is not None and [d for d in found if d.severity == "error"] == [], found
    text = target.read_text(encoding="utf-8")
    assert text.startswith(FRONT.format(lang=lang)), text
    return text[len(FRONT.format(lang=lang)):]


def fake(tools: Path, name: str, code: str) -> Path:
    """A poppler tool ``name`` in ``tools`` that runs ``code`` (Python; ``out`` is its
    binary standard output) whatever it is given."""
    tools.mkdir(exist_ok=True)
    script = tools / name
    script.write_text(f"#!{sys.executable}\nimport sys\nout = sys.stdout.buffer\n{code}\n", encoding="utf-8")
    script.chmod(0o755)
    return tools


def text_file(work: Path, lines: list[str]) -> Path:
    source = work / "page.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return source


# -- characters a report cannot hold -------------------------------------------------------

def test_control_characters_in_a_pdfs_text_layer_are_left_out_with_a_warning(work: Path) -> None:
    """Read by its layout (pdftohtml): poppler passes U+0085 on and replaces a
    non-character by U+FFFD, which a report may hold."""
    source = pdf_file(work / "page.pdf", [MASTHEAD + ["1. The Committee met\u0085 in Vienna.", "",
                                                      "2. It adopted the report\ufdd0."]],
                      special=["\u0085", "\ufdd0"])
    body = imported(work, source, ["page 1: " + LEFT_OUT.format("0085", "a control character")])
    assert body == "1. The Committee met in Vienna.\n\n2. It adopted the report\ufffd.\n"


def test_control_characters_in_a_right_to_left_pdfs_text_are_left_out_with_a_warning(work: Path) -> None:
    """Read in logical order (pdftotext), as an Arabic PDF is."""
    source = pdf_file(work / "page.pdf", [MASTHEAD + ["1. The Committee met\x01 in\x1b Vienna.", "",
                                                      "2. It adopted the report."]], special=["\x01", "\x1b"])
    body = imported(work, source, ["page 1: " + LEFT_OUT.format("0001", "a control character"),
                                   "page 1: " + LEFT_OUT.format("001B", "a control character"), RTL], lang="ar")
    assert body == "1. The Committee met in Vienna.\n\n2. It adopted the report.\n"


def test_controls_and_non_characters_in_pdf_text_are_left_out_with_a_warning(work: Path) -> None:
    source = text_file(work, MASTHEAD + ["1. The Committee\x85 met\x9b in\ufdd0 Vienna\U0010ffff.", "",
                                         "2. It adopted\x7f the report."])
    body = imported(work, source, [], lines=[  # each at its line of the text
        f"{source}:{no}: warning: " + LEFT_OUT.format(code, kind) for no, code, kind in (
            (10, "0085", "a control character"), (10, "009B", "a control character"),
            (10, "FDD0", "a non-character"), (10, "10FFFF", "a non-character"), (12, "007F", "a control character"))])
    assert body == "1. The Committee met in Vienna.\n\n2. It adopted the report.\n"
    assert body == "1. The Committee met in Vienna.\n\n2. It adopted the report.\n"


def test_control_characters_in_a_pdfs_layout_xml_are_left_out_with_a_warning(work: Path) -> None:
    """Characters XML cannot hold, as poppler writes them into its XML unescaped."""
    rows = "".join(f'<text top="{100 + 15 * k}" left="72" width="300" height="12" font="0">{t}</text>\n'
                   for k, t in enumerate(MASTHEAD + ["1. The Committee met\x01 in\x02 Vienna."]) if t)
    tools = fake(work / "bin", "pdftohtml",
                 "out.write(b'<?xml version=\"1.0\" encoding=\"UTF-8\"?>\\n<pdf2xml>\\n<page number=\"1\" "
                 "top=\"0\" left=\"0\" height=\"842\" width=\"595\">\\n<fontspec id=\"0\" size=\"12\" "
                 f"family=\"Times\" color=\"#000000\"/>\\n' + {rows.encode()!r} + b'</page>\\n</pdf2xml>\\n')")
    source = pdf_file(work / "page.pdf", [["x"]])
    body = imported(work, source, ["page 1: " + LEFT_OUT.format("0001", "a control character"),
                                   "page 1: " + LEFT_OUT.format("0002", "a control character")], tools=tools)
    assert body == "1. The Committee met in Vienna.\n"


# -- a line of 20 MB -----------------------------------------------------------------------

def test_a_line_of_20_mb_of_text_is_refused_at_its_line(work: Path) -> None:
    source = text_file(work, MASTHEAD + ["1. " + "a" * (20 << 20)])
    refused(work, source, f"{source}:10: it holds a line of {3 + (20 << 20):,} characters, over the PDF text "
                          f"line length limit of 10,000 characters: {LINE_FIX}")


def test_a_pdf_whose_text_has_a_line_of_20_mb_is_refused_naming_its_page(work: Path) -> None:
    tools = fake(work / "bin", "pdftotext",
                 "out.write('\\n'.join(%r).encode() + b'\\n\\f' + b'a' * (20 << 20) + b'\\n')" % (MASTHEAD,))
    source = pdf_file(work / "page.pdf", [["x"]])
    refused(work, source, f"{source}: page 2 holds a line of {20 << 20:,} characters, over the PDF text line "
                          f"length limit of 10,000 characters: {LINE_FIX}", lang="ar", tools=tools)


def test_a_pdf_whose_layout_has_a_line_of_20_mb_is_refused_naming_its_page(work: Path) -> None:
    """Measured before the XML is parsed (libxml2 would refuse a text node over 10 MB
    with advice for programmers)."""
    tools = fake(work / "bin", "pdftohtml",
                 "out.write(b'<?xml version=\"1.0\" encoding=\"UTF-8\"?>\\n<pdf2xml>\\n<page number=\"1\" "
                 "top=\"0\" left=\"0\" height=\"842\" width=\"595\">\\n</page>\\n<page number=\"2\" top=\"0\" "
                 "left=\"0\" height=\"842\" width=\"595\">\\n<text top=\"100\" left=\"72\" width=\"300\" "
                 "height=\"12\" font=\"0\">' + b'&amp;' * (4 << 20) + b'</text>\\n</page>\\n</pdf2xml>\\n')")
    source = pdf_file(work / "page.pdf", [["x"]])
    refused(work, source, f"{source}: page 2 holds a line of {4 << 20:,} characters, over the PDF text line "
                          "length limit of 10,000 characters", tools=tools)


# -- a million lines -----------------------------------------------------------------------

def test_a_million_lines_of_text_are_refused(work: Path) -> None:
    source = work / "page.txt"
    source.write_text("\n".join(MASTHEAD) + "\n" + "1. Text.\n" * (1_000_000 - len(MASTHEAD)), encoding="utf-8")
    refused(work, source, f"{source}: it holds 1,000,000 lines of text, over the PDF text line count limit of "
                          f"200,000 lines: {LINES_FIX}")


def test_a_pdf_whose_text_has_a_million_lines_is_refused(work: Path) -> None:
    tools = fake(work / "bin", "pdftotext", "out.write(b'1. Text.\\n' * 1_000_000)")
    source = pdf_file(work / "page.pdf", [["x"]])
    refused(work, source, f"{source}: it holds 1,000,000 lines of text, over the PDF text line count limit of "
                          f"200,000 lines: {LINES_FIX}", lang="ar", tools=tools)


def test_a_pdf_whose_layout_has_too_many_lines_is_refused(work: Path) -> None:
    """250,000 printed lines of 50 pages (pdftohtml -xml's 15 MB): refused where the
    lines read pass the limit, before the rest is read."""
    tools = fake(work / "bin", "pdftohtml", "\n".join([
        "out.write(b'<?xml version=\"1.0\" encoding=\"UTF-8\"?>\\n<pdf2xml>\\n')",
        "for p in range(1, 51):",
        "    out.write(b'<page number=\"%d\" top=\"0\" left=\"0\" height=\"842\" width=\"595\">\\n' % p)",
        "    out.write(b''.join(b'<text top=\"%d\" left=\"72\" width=\"30\" height=\"1\" font=\"0\">a</text>\\n' % k"
        " for k in range(5000)))",
        "    out.write(b'</page>\\n')",
        "out.write(b'</pdf2xml>\\n')"]))
    source = pdf_file(work / "page.pdf", [["x"]])
    refused(work, source, f"{source}: it holds over 200,000 lines of text, over the PDF text line count limit of "
                          "200,000 lines", tools=tools)


def test_a_pdf_text_layer_that_never_ends_is_cut_at_the_limit(work: Path) -> None:
    """A tool that writes without end is stopped once its output passes the limit, never
    held whole."""
    tools = fake(work / "bin", "pdftohtml", "while True:\n    out.write(b'<text>a</text>\\n' * 4096)")
    source = pdf_file(work / "page.pdf", [["x"]])
    refused(work, source, f"{source}: its layout (pdftohtml -xml) is over 64 MB, over the XML file size limit "
                          "of 64 MB", tools=tools)
