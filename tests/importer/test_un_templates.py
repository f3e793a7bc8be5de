"""Word files made from the UN's own templates: their paragraph styles give the structure
(``l10n/data/word_styles.yaml``, read by ``importer/docx``), and the masthead ends where
the body's styles begin, so text without a numbered paragraph stays the body's.

No real UN Word file is at hand: each test builds one with python-docx, in the styles
the data file lists and cites — Geneva's (HChG, H1G, H23G, H4G, SingleTxtG: the styles
issue 20 names in Geneva's template) and New York's (HCh, H1, H23, SingleTxt: the styles
of this project's template, laid out after New York's). And no input ends in an internal
error: what the Markdown writer cannot express is written in a simpler form, with a
warning at its place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from reportgen import model as m
from reportgen.errors import Diagnostic
from reportgen.importer.document import write_safely
from reportgen.l10n import language
from reportgen.source.reader import read_document

MASTHEAD = ["United Nations", "A/HRC/46/1", "General Assembly", "Distr.: General", "1 March 2021",
            "Original: English", "Human Rights Council", "Forty-sixth session", "22 February–23 March 2021",
            "Annual report", "Report of the Secretary-General"]


def _word(path: Path, paragraphs: list[tuple[str | None, str]]) -> Path:
    """A Word file of ``(style, text)`` paragraphs; each named style is added as a
    paragraph style of that name (its id is the name), as the templates define them."""
    document = docx.Document()
    for style, _ in paragraphs:
        if style and style not in [s.name for s in document.styles]:
            document.styles.add_style(style, WD_STYLE_TYPE.PARAGRAPH)
    for style, text in paragraphs:
        document.add_paragraph(text, style=style)
    # python-docx's default template leaves w:zoom without its required w:percent
    document.settings.element.find(qn("w:zoom")).set(qn("w:percent"), "100")
    document.save(str(path))
    return path


def _import(cli, source: Path, tmp_path: Path, lang: str = "en") -> tuple[m.Document, str]:
    report = tmp_path / "report"
    result = cli("import", str(source), "--lang", lang, "-o", str(report))
    assert result.code == 0, result.err
    doc, problems = read_document(report / f"{lang}.md")
    assert doc is not None and problems == [], problems
    return doc, result.err


def _outline(doc: m.Document) -> list[tuple[str, object, str]]:
    """(kind, number or level, text) of each top-level block and sub-item."""
    out: list[tuple[str, object, str]] = []
    for b in m.walk_blocks(doc.blocks):
        text = "".join(x.text for x in m.block_inlines(b) if isinstance(x, m.Text))
        match b:
            case m.Heading():
                out.append((f"heading{b.level}", b.number, text))
            case m.NumberedParagraph():
                out.append(("paragraph", b.number, ""))
            case m.SubItem():
                out.append(("item", b.index, ""))
            case m.Para():
                out.append(("text", None, text))
    return out


@pytest.mark.parametrize("chapter, section, minor, degree4, body", [
    ("HChG", "H1G", "H23G", "H4G", "SingleTxtG"),   # Geneva
    ("HCh", "H1", "H23", "H4", "SingleTxt"),         # New York
    ("HCh_G", "H1_G", "H23_G", "H4_G", "SingleTxt_G"),  # the same, as a style id may spell it
])
def test_a_report_in_a_template_s_styles(cli, tmp_path: Path, chapter: str, section: str, minor: str,
                                         degree4: str, body: str) -> None:
    source = _word(tmp_path / "report.docx", [(None, line) for line in MASTHEAD] + [
        (chapter, "I.\tIntroduction"),
        (body, "1.\tThe Council met."),
        (section, "A.\tOpening of the session"),
        (minor, "1.\tGeneva meeting"),
        (body, "2.\tIt considered:"),
        (body, "(a)\tThe note;"),
        (degree4, "(i)\tA fourth-degree heading"),
        (body, "3.\tIt adopted the report."),
        (body, "An unnumbered paragraph of the body."),
    ])
    doc, err = _import(cli, source, tmp_path)
    assert err == ""
    assert (doc.meta.meeting, doc.meta.title, doc.meta.subtitle) == \
        ("Human Rights Council Forty-sixth session", "Annual report", "Report of the Secretary-General")
    assert doc.meta.dates == (dt.date(2021, 2, 22), dt.date(2021, 3, 23))
    assert _outline(doc) == [
        ("heading1", 1, "Introduction"), ("paragraph", 1, ""), ("text", None, "The Council met."),
        ("heading2", 1, "Opening of the session"), ("heading3", None, "1. Geneva meeting"),
        ("paragraph", 2, ""), ("text", None, "It considered:"), ("item", 1, ""), ("text", None, "The note;"),
        ("heading3", None, "(i) A fourth-degree heading"), ("paragraph", 3, ""),
        ("text", None, "It adopted the report."), ("text", None, "An unnumbered paragraph of the body.")]


@pytest.mark.parametrize("body", ["SingleTxtG", "SingleTxt", None])
def test_a_resolution_s_unnumbered_paragraphs_stay_the_body_s(cli, tmp_path: Path, body: str | None) -> None:
    """"The General Assembly," and the preambular paragraphs have no number: the body's
    style says where the masthead ends, or (in a file without the templates' styles)
    the first paragraph of running text does, with the phrase before it."""
    preamble = ("Recalling its resolution 55/279 of 12 July 2001, in which it endorsed the Brussels Declaration "
                "and Programme of Action for the Least Developed Countries for the Decade 2001-2010,")
    source = _word(tmp_path / "resolution.docx", [(None, line) for line in MASTHEAD[:8]] + [
        (None, "Agenda item 3"), (None, "The right to development"),
        (body, "The General Assembly,"), (body, preamble),
        (body, "Welcoming the report of the Secretary-General on the right to development, and expressing its "
               "hope that the Conference will set a new partnership for financing development,"),
        (body, "1.\tDecides to continue consideration of the issue."),
    ])
    doc, _ = _import(cli, source, tmp_path)
    assert (doc.meta.meeting, doc.meta.agenda, doc.meta.title) == \
        ("Human Rights Council Forty-sixth session", ("Agenda item 3",), "The right to development")
    assert [kind for kind, _, _ in _outline(doc)] == ["text", "text", "text", "paragraph", "text"]
    assert _outline(doc)[:2] == [("text", None, "The General Assembly,"), ("text", None, preamble)]


def test_a_sub_item_with_no_paragraph_to_hold_it_stays_text(cli, tmp_path: Path) -> None:
    """A table of contents' "b)" once ended the import of a 2009 French report with an
    internal error (exit 3): an item after a heading has no numbered paragraph to
    belong to, so its marker is its text."""
    source = tmp_path / "fr.txt"
    source.write_text("1. Le texte premier.\n\nII. Questions diverses\n\na) Nomination des membres\n\n"
                      "b) Rapport de la Commission\n", encoding="utf-8")
    report = tmp_path / "report"
    result = cli("import", str(source), "--lang", "fr", "-o", str(report), "--symbol", "A/HRC/12/1")
    assert result.code == 0, result.err
    body = (report / "fr.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert body == ("\n1. Le texte premier.\n\n# II. Questions diverses\n\n"
                    "a\\) Nomination des membres\n\nb\\) Rapport de la Commission\n")


def test_what_the_writer_cannot_express_is_written_simpler_with_a_warning(tmp_path: Path) -> None:
    """The safety net behind every import: a block the Markdown writer refuses (a line
    break in a heading, formatting in a superscript) or that would not read back (an
    item outside any paragraph) is written in the nearest form that does."""
    lang = language("en")
    meta = m.Metadata(symbol="A/AC.1/L.1", distribution="general", date=dt.date(2021, 3, 1), language="en",
                      original="en", organ="General Assembly", title="Title")
    blocks = (
        m.NumberedParagraph(1, (m.Para((m.Text("A note"), m.Superscript((m.Emph((m.Text("x"),)),))), 3),), None, 3),
        m.Heading(1, 1, (m.Text("A heading"), m.LineBreak(), m.Text("on two lines")), None, 5),
        m.SubItem(2, 1, (m.Para((m.Text("An item alone."),), 7),), 7),
    )
    doc = m.Document(meta, blocks, tmp_path / "en.md", ())
    warnings: list[Diagnostic] = []
    source = tmp_path / "source.txt"
    text = write_safely(doc, {}, lang, lambda line, message: Diagnostic("warning", source, line, message), warnings)
    assert text.split("---\n", 2)[2] == ("\n1. A notex\n\n# I. A heading on two lines\n\n"
                                         "\\(b) An item alone.\n")
    assert [(w.line, w.message) for w in warnings] == [
        (3, "the source format cannot express it (a superscript or subscript can hold only plain text); "
            "imported as plain text"),
        (5, "the source format cannot express it (a heading cannot hold a line break); imported as plain text"),
        (7, "the source format cannot express it (a sub-item must be inside a numbered paragraph or a "
            "footnote); imported as an unnumbered paragraph")]


def test_the_title_s_note_in_a_word_file_is_named_not_lost(cli, tmp_path: Path) -> None:
    """A footnote the title calls has no place in the front matter: it is kept as a
    comment and named in a warning; the title keeps its own text."""
    import pypandoc

    source = tmp_path / "draft.docx"
    pypandoc.convert_text("\n\n".join(MASTHEAD[:6]) + "\n\nAnnual report[^n]\n\n1.  The text.\n\n"
                          "[^n]: The present document was not edited.\n",
                          "docx", format="markdown", outputfile=str(source))
    report = tmp_path / "report"
    result = cli("import", str(source), "--lang", "en", "-o", str(report))
    assert result.code == 0
    message = ("the title's note «The present document was not edited.» is not imported: "
               "front matter has no place for it")
    assert result.err == f"{source}: warning: paragraph 7: {message}\n"
    doc, problems = read_document(report / "en.md")
    assert doc is not None and problems == []
    assert doc.meta.title == "Annual report"
    assert [c.text for c in doc.comments] == [f"import: paragraph 7: {message}"]
