"""``reportgen xliff import``: a target typed with Markdown-like syntax (``*Digest*``,
``[^1]``, ``{#x}``, ``@label``, ``[text](url)``) is written as text, as typed, and the
translator hears it, one warning at the unit's ``<trans-unit>`` line (INTERFACE §3.5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from reportgen import model as m
from tests.interchange.test_xliff import EN, FR, X, edit, export, line_of, read

CODES = "for formatting, links, footnotes and references use the source's inline codes"


@pytest.fixture
def report(tmp_path: Path) -> Path:
    folder = tmp_path / "small"
    folder.mkdir()
    (folder / "en.md").write_text(EN, encoding="utf-8")
    (folder / "fr.md").write_text(FR, encoding="utf-8")
    return folder


def set_text(old: str, new: str):  # type: ignore[no-untyped-def]
    """Replace text in a target, wherever it sits among the inline elements."""
    def change(target: etree._Element) -> None:
        for el in target.iter():
            if el.text and old in el.text:
                el.text = el.text.replace(old, new)
            if el.tail and old in el.tail:
                el.tail = el.tail.replace(old, new)
    return change


def paragraph(doc: m.Document, number: int) -> tuple[m.Inline, ...]:
    block = next(b for b in doc.blocks if isinstance(b, m.NumberedParagraph) and b.number == number)
    first = block.blocks[0]
    assert isinstance(first, m.Para)
    return first.content


@pytest.mark.parametrize(("old", "new", "message"), [
    ("le point", "le point sur le *Digest*",
     "'*Digest*' is written as text with its asterisks, not as italics: use your CAT tool's formatting "
     "(the source's inline codes) for italics"),
    ("le point", "le point sur le __Digest__",
     "'__Digest__' is written as text with its underscores, not as bold: use your CAT tool's formatting "
     "(the source's inline codes) for bold"),
    ("le point", "le 1^er^ point",
     "'^er^' is written as text with its carets, not as superscript: use your CAT tool's formatting "
     "(the source's inline codes) for superscript"),
    ("le point", "le point[^3]",
     "'[^3]' is written as text, not as a footnote call: a footnote is the source's "
     '<x ctype="x-footnote"/> inline code'),
    ("le point", "le point {#intro}",
     f"'{{#intro}}' is written as text, as typed, though it looks like Markdown (which a target does not "
     f"use): {CODES}"),
    ("le point", "le point (@opening)",
     "'@opening' is written as text, not as a reference: a reference is the source's "
     '<x ctype="x-reference"/> inline code'),
    ("le point", "le [point](https://un.org/fr)",
     "'[point](https://un.org/fr)' is written as text, not as a link: a link is the source's "
     '<g ctype="link"> inline code, kept around its text'),
    ("le point", "le point <!-- à revoir -->",
     f"'<!--' is written as text, as typed, though it looks like Markdown (which a target does not use): "
     f"{CODES}"),
])
def test_markdown_like_target_is_written_as_text_with_a_warning(cli, report: Path, tmp_path: Path, old: str,
                                                                 new: str, message: str) -> None:
    (report / "fr.md").write_text(FR.replace("(i) un point", "(i) le point"), encoding="utf-8")
    xlf = export(cli, report, "fr", tmp_path / "en-fr.xlf")
    edit(xlf, "p2.a.i", set_text(old, new))
    result = cli("xliff", "import", report, xlf)
    assert (result.code, result.out) == (0, f"{report / 'fr.md'}\n")
    assert result.err == f"{xlf}:{line_of(xlf, 'p2.a.i')}: warning: unit p2.a.i: {message}\n"
    # written as text, as typed: the DOCX will show exactly what the translator typed
    doc = read(report / "fr.md")
    item = next(b for b in doc.blocks if isinstance(b, m.NumberedParagraph) and b.number == 2).blocks[1]
    assert isinstance(item, m.SubItem)
    nested = item.blocks[1]
    assert isinstance(nested, m.SubItem) and isinstance(nested.blocks[0], m.Para)
    assert nested.blocks[0].content == (m.Text(f"{new} subsidiaire."),)


def test_markdown_around_an_inline_code_and_in_several_units(cli, report: Path, tmp_path: Path) -> None:
    xlf = export(cli, report, "fr", tmp_path / "en-fr.xlf")

    def around_the_symbol(target: etree._Element) -> None:  # "*la note (<x s1/>) et*": italics to Markdown
        g, s1 = target.find(f"{X}g"), next(el for el in target.iter(f"{X}x") if el.get("id") == "s1")
        assert (g.tail, s1.tail) == (" et a examiné la note (", ") et ")
        g.tail, s1.tail = " et a examiné *la note (", ") et* "

    edit(xlf, "p1", around_the_symbol)
    edit(xlf, "p2.b", set_text("second point", "**second** point"))
    result = cli("xliff", "import", report, xlf)
    assert result.code == 0
    assert result.err.splitlines() == [
        f"{xlf}:{line_of(xlf, 'p1')}: warning: unit p1: '*la note (A/AC.1/2) et*' is written as text with its "
        "asterisks, not as italics: use your CAT tool's formatting (the source's inline codes) for italics",
        f"{xlf}:{line_of(xlf, 'p2.b')}: warning: unit p2.b: '**second**' is written as text with its asterisks, "
        "not as bold: use your CAT tool's formatting (the source's inline codes) for bold",
    ]
    content = paragraph(read(report / "fr.md"), 1)
    # the <g> italics stay italics; the typed asterisks are text
    assert [x for x in content if isinstance(x, (m.Emph, m.Strong))] == [m.Emph((m.Text("Vienne"),))]
    assert "*la note (" in "".join(x.text for x in content if isinstance(x, m.Text))
    assert "\\*la note" in (report / "fr.md").read_text(encoding="utf-8")


def test_plain_targets_and_the_inline_codes_give_no_warning(cli, report: Path, tmp_path: Path) -> None:
    xlf = export(cli, report, "fr", tmp_path / "en-fr.xlf")
    # an e-mail address, a multiplication, snake_case and formatting as <g>: nothing to say
    edit(xlf, "p2.a", set_text("premier point", "premier point (écrire à info@un.org, 5 * 3, file_name_2)"))
    result = cli("xliff", "import", report, xlf)
    assert (result.code, result.err) == (0, "")


def test_syntax_the_existing_version_already_has_is_not_said_again(cli, report: Path, tmp_path: Path) -> None:
    # the author of fr.md escaped the asterisks: exporting and importing it unchanged says nothing
    (report / "fr.md").write_text(FR.replace("second point", "second \\*point\\*"), encoding="utf-8")
    xlf = export(cli, report, "fr", tmp_path / "en-fr.xlf")
    result = cli("xliff", "import", report, xlf)
    assert (result.code, result.err) == (0, "")
    assert "second \\*point\\*" in (report / "fr.md").read_text(encoding="utf-8")


def test_warnings_come_with_the_errors_of_a_refused_file(cli, report: Path, tmp_path: Path) -> None:
    xlf = export(cli, report, "fr", tmp_path / "en-fr.xlf")
    edit(xlf, "p2.a", set_text("premier point", "*premier* point"))
    edit(xlf, "p1", lambda target: target.remove(next(el for el in target.iter(f"{X}x") if el.get("id") == "r1")))
    before = (report / "fr.md").read_bytes()
    result = cli("xliff", "import", report, xlf)
    assert (result.code, result.out) == (2, "")
    assert result.err.splitlines() == [
        f'{xlf}:{line_of(xlf, "p1")}: unit p1: placeholder <x id="r1"/> (@later) is missing from the target',
        f"{xlf}:{line_of(xlf, 'p2.a')}: warning: unit p2.a: '*premier*' is written as text with its asterisks, "
        "not as italics: use your CAT tool's formatting (the source's inline codes) for italics",
    ]
    assert (report / "fr.md").read_bytes() == before
