"""``reportgen import`` of a PDF read by its layout, on pages described here as poppler's
``pdftohtml -xml`` describes them (position, size and font of every run of text): running
heads, a paragraph number at the top of a page, footnotes with sub-items, a table of
contents, headings by type, preambular paragraphs, hyphens. The real issued PDFs are in
``test_import_real_pdf.py``, reportgen's own in ``test_import_own_pdf.py``."""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from html import escape
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen import model as m
from reportgen.errors import UserError
from reportgen.importer import document
from reportgen.importer.layout_read import read_pdf_layout
from reportgen.importer.structure import structure
from reportgen.l10n import language
from reportgen.source.reader import read_document

# id: (size, family) as pdftohtml names them; ",Bold"/",Italic" mark the weight and slant
FONTS = {"body": (15, "Times New Roman"), "bold": (15, "Times New Roman,Bold"),
         "italic": (15, "Times New Roman,Italic"), "h1": (21, "Times New Roman,Bold"),
         "un": (21, "Times New Roman"), "big": (30, "Times New Roman,Bold"), "letter": (30, "Times New Roman"),
         "small": (14, "Times New Roman"), "sup": (9, "Times New Roman"), "head": (14, "Times New Roman,Bold")}
RIGHT = 727  # the text's right margin, as in A/HRC/WG.6/34/ITA/3


def t(top: float, left: float, text: str, font: str = "body", right: float | None = None) -> str:
    """One ``<text>``: ``right`` for a line set to the margin, else a width from its length."""
    size = FONTS[font][0]
    width = (right - left) if right is not None else len(text) * size * 0.45
    height = size * (0.6 if font == "sup" else 0.87)
    return f'<text top="{top}" left="{left}" width="{width}" height="{height}" font="{font}">{escape(text)}</text>'


def after(prev: str, text: str, font: str, raised: float = 2.0) -> str:
    """A run glued to the end of ``prev`` (a footnote call), its top ``raised`` below
    ``prev``'s top: its foot well above ``prev``'s, being smaller."""
    attrs = dict(re.findall(r'(\w+)="([^"]*)"', prev))
    left = float(attrs["left"]) + float(attrs["width"])
    return t(float(attrs["top"]) + raised, left, text, font)


def pdf(*pages: list[str]) -> bytes:
    specs = "".join(f'<fontspec id="{k}" size="{s}" family="{f}" color="#000000"/>' for k, (s, f) in FONTS.items())
    body = "".join(f'<page number="{n}" position="absolute" top="0" left="0" height="1263" width="892">'
                   f'{specs if n == 1 else ""}{"".join(texts)}</page>' for n, texts in enumerate(pages, start=1))
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<pdf2xml producer="poppler">{body}</pdf2xml>'.encode()


def masthead(symbol_rest: str = "/75/123") -> list[str]:
    return [t(60, 179, "United Nations", "un"), t(58, 651, "A", "letter"), t(68, 651 + 13.5, symbol_rest),
            t(100, 179, "General Assembly", "big"), t(108, 588, "Distr.: General"),
            t(126, 588, "1 March 2021"), t(162, 588, "Original: English"),
            t(314, 85, "Seventy-fifth session", "bold")]


LINE_2 = t(618, 170, "resolution 74/1 of the General Assembly on the preparation of this docu-", right=RIGHT)
LINE_3 = t(636, 170, "ment and its annex.")
REPORT = pdf(
    masthead() + [
        t(415, 149, "Report of the Secretary-General", "h1"),
        t(470, 85, "Contents", "italic"),
        t(497, 170, "I. Introduction ..................................................... 2", right=RIGHT),
        t(515, 170, "II. Other matters ................................................. 2", right=RIGHT),
        t(560, 135, "I. Introduction", "h1"),
        t(600, 170, "1."), t(600, 213, "The Secretary-General submits the present report in accordance with", right=RIGHT),
        LINE_2, LINE_3, after(LINE_3, "1", "sup"),
        t(663, 170, "2."), t(663, 213, "The document covers the following:"),
        t(690, 213, "(a)"), t(690, 255, "Cooperation;"),
        t(717, 213, "(b)"), t(717, 255, "Assistance."),
        t(1100, 157, "1", "sup"), t(1102, 161, "See the earlier reports of the Secretary-General:", "small"),
        t(1119, 170, "(a) the first;", "small"), t(1136, 170, "(b) the second.", "small"),
        t(1165, 85, "GE.21-01234(E)"),
    ],
    [
        t(67, 85, "A/75/123", "head"),
        t(110, 170, "3."), t(110, 213, "The third paragraph starts at the top of the page and runs on to the", right=RIGHT),
        t(128, 170, "margin of the page before it ends."),
        t(165, 170, "Minor matters", "italic"),
        t(200, 170, "4."), t(200, 213, "The fourth paragraph."),
        t(1208, 85, "2", "head"),
    ],
    [
        t(67, 671, "A/75/123", "head"),
        t(110, 170, "5."), t(110, 213, "The fifth paragraph, also at the top of its page."),
        t(1208, 801, "3", "head"),
    ],
)


def _plain(content: tuple[m.Inline, ...]) -> str:
    return "".join(x.text if isinstance(x, m.Text) else "[^]" if isinstance(x, m.Note) else _plain(m.inline_children(x))
                   for x in content)


def _read(xml: bytes, lang: str = "en"):
    found = read_pdf_layout(xml, language(lang))
    return found, structure(found.pieces, language(lang))


def test_running_heads_go_and_a_paragraph_number_at_a_page_top_stays() -> None:
    found, blocks = _read(REPORT)
    assert [b.number for b in blocks if isinstance(b, m.NumberedParagraph)] == [1, 2, 3, 4, 5]
    third = next(b for b in blocks if isinstance(b, m.NumberedParagraph) and b.number == 3)
    assert _plain(third.blocks[0].content) == ("The third paragraph starts at the top of the page and runs on to "
                                               "the margin of the page before it ends.")
    every = " ".join(_plain(b.content) for b in m.walk_blocks(blocks) if isinstance(b, (m.Para, m.Heading)))
    assert "A/75/123" not in every and "GE.21" not in every
    assert (found.fields.values["symbol"], found.fields.values["job"]) == ("A/75/123", "GE.21-01234")


def test_the_masthead_is_front_matter_and_nothing_else_is() -> None:
    found, _ = _read(REPORT)
    values = found.fields.values
    assert (values["distribution"], values["date"], values["original"]) == ("general", dt.date(2021, 3, 1), "en")
    assert (values["organ"], values["meeting"], values["title"]) == \
        ("General Assembly", "Seventy-fifth session", "Report of the Secretary-General")


def test_a_footnote_is_rebuilt_with_its_sub_items_where_its_call_stands() -> None:
    _, blocks = _read(REPORT)
    first = next(b for b in blocks if isinstance(b, m.NumberedParagraph))
    content = first.blocks[0].content
    assert _plain(content) == ("The Secretary-General submits the present report in accordance with resolution 74/1 "
                               "of the General Assembly on the preparation of this document and its annex.[^]")
    note = content[-1]
    assert isinstance(note, m.Note)
    assert [type(b).__name__ for b in note.blocks] == ["Para", "SubItem", "SubItem"]
    assert _plain(note.blocks[0].content) == "See the earlier reports of the Secretary-General:"
    assert [(b.index, _plain(b.blocks[0].content)) for b in note.blocks[1:]] == [(1, "the first;"), (2, "the second.")]


def test_headings_by_type_and_numeral_and_sub_items_by_marker() -> None:
    _, blocks = _read(REPORT)
    headings = [(b.level, b.number, _plain(b.content)) for b in blocks if isinstance(b, m.Heading)]
    assert headings == [(1, 1, "Introduction"), (3, None, "Minor matters")]
    second = next(b for b in blocks if isinstance(b, m.NumberedParagraph) and b.number == 2)
    assert [(b.index, _plain(b.blocks[0].content)) for b in second.blocks if isinstance(b, m.SubItem)] == \
        [(1, "Cooperation;"), (2, "Assistance.")]


def test_the_table_of_contents_is_left_out_with_a_warning_and_a_comment(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(document, "pdf_layout", lambda source: REPORT)
    source = tmp_path / "report.pdf"
    source.write_bytes(b"%PDF-1.7\n")
    result = cli("import", str(source), "--lang", "en", "-o", str(tmp_path / "out"))
    assert (result.code, result.err) == (0, f"{source}: warning: page 1: a table of contents (3 lines) is left out: "
                                            "the DOCX does not print one\n")
    text = (tmp_path / "out" / "en.md").read_text(encoding="utf-8")
    assert "<!-- import: page 1: a table of contents (3 lines) is left out: the DOCX does not print one -->" in text
    assert "....." not in text and "Contents" not in text
    doc, problems = read_document(tmp_path / "out" / "en.md")
    assert problems == [] and doc is not None


def test_preambular_paragraphs_stay_paragraphs_after_the_masthead() -> None:
    xml = pdf(masthead("/RES/75/1") + [
        t(415, 149, "75/1. Declaration on the commemoration", "h1"),
        t(470, 170, "The General Assembly,", "italic"),
        t(497, 213, "Recalling its resolution 74/1,"),
        t(524, 213, "Noting the report of the Secretary-General,"),
        t(560, 170, "1."), t(560, 213, "Adopts the following declaration."),
    ])
    found, blocks = _read(xml)
    assert found.fields.values["title"] == "75/1. Declaration on the commemoration"
    assert "meeting" in found.fields.values and found.fields.values["meeting"] == "Seventy-fifth session"
    assert [(type(b).__name__, _plain(b.content) if isinstance(b, m.Para) else b.number) for b in blocks] == [
        ("Para", "The General Assembly,"), ("Para", "Recalling its resolution 74/1,"),
        ("Para", "Noting the report of the Secretary-General,"), ("NumberedParagraph", 1)]
    assert isinstance(blocks[0].content[0], m.Emph)


def test_a_pdf_over_the_text_limits_is_refused_in_one_line(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(document, "pdf_layout", lambda source: pdf(masthead() + [t(600, 170, "x" * 10_001)]))
    source = tmp_path / "report.pdf"
    source.write_bytes(b"%PDF-1.7\n")
    result = cli("import", str(source), "--lang", "en", "-o", str(tmp_path / "out"))
    assert (result.code, result.out, result.err) == (2, "", f"{source}: page 1 holds a line of 10,001 characters, "
                                                            "over the PDF text line length limit of 10,000 characters\n")
    assert not (tmp_path / "out").exists()


def test_control_characters_poppler_writes_into_its_xml_are_left_out_with_a_warning() -> None:
    xml = pdf(masthead() + [t(415, 149, "Report", "h1"), t(560, 170, "1."), t(560, 213, "A bell\x07 rang.")])
    found, blocks = _read(xml)
    assert found.warnings == [(1, "the character U+0007 (a control character) is left out: a report cannot hold it")]
    assert _plain(blocks[0].blocks[0].content) == "A bell rang."


@pytest.mark.parametrize("font", ["bold", "italic"])
def test_a_sentence_set_in_bold_or_italics_is_text_not_a_heading(font: str) -> None:
    xml = pdf(masthead() + [
        t(415, 149, "Report", "h1"),
        t(560, 170, "1."), t(560, 213, "The first paragraph."),
        t(600, 170, "An emphasised sentence that ends the paragraph.", font),
    ])
    _, blocks = _read(xml)
    assert len(blocks) == 1 and isinstance(blocks[0], m.NumberedParagraph)
    emphasis = blocks[0].blocks[1].content[0]
    assert isinstance(emphasis, m.Strong if font == "bold" else m.Emph)


# ---------------------------------------------------------------------------- property

EXAMPLES = int(os.environ.get("REPORTGEN_FUZZ_EXAMPLES", "40"))
WORDS = ["The", "meeting", "noted", "1.", "2.", "12.", "(a)", "(b)", "(i)", "I.", "II.", "A.", "B.", "*", "1", "2",
         "docu-", "ment", "–", "Notes", "Contents", ".........", "3", "A/75/1", "GE.21-01234(E)", "Distr.: General",
         "1 March 2021", "Original: English", "会议", "。", "слово", "\u202e", "\x0b", "&", "<b>", "[^1]", "{#x}",
         "@label", "# ", "-->", "`"]


@st.composite
def pages(draw: st.DrawFn) -> bytes:
    """Pages of runs of text anywhere, in any font, some raised beside another."""
    out = []
    for _ in range(draw(st.integers(1, 3))):
        texts = []
        for _ in range(draw(st.integers(0, 25))):
            top = draw(st.sampled_from([58, 60, 67, 100, 110, 126, 128, 162, 415, 560, 600, 618, 636, 1100, 1102,
                                        1165, 1208]) | st.integers(0, 1263))
            left = draw(st.sampled_from([85, 149, 157, 161, 170, 213, 588, 651, 671]) | st.integers(0, 892))
            words = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8)))
            font = draw(st.sampled_from(sorted(FONTS)))
            right = draw(st.sampled_from([None, RIGHT]))
            texts.append(t(top, left, words, font, right if right is None or right > left else None))
        out.append(texts)
    return pdf(*out)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(xml=pages())
def test_any_layout_imports_to_a_source_that_reads_back_or_is_refused(xml: bytes) -> None:
    """Whatever the pages hold: a source the reader reads back (placeholders aside), or
    a refusal — never an internal error."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.pdf"
        source.write_bytes(b"%PDF-1.7\n")
        original = document.pdf_layout
        document.pdf_layout = lambda path: xml  # type: ignore[assignment]
        try:
            imported = document.import_document(source, "en", Path(tmp) / "out")
        except UserError:
            return
        finally:
            document.pdf_layout = original  # type: ignore[assignment]
        assert imported.text.startswith("---\n")


def test_a_justified_line_of_wide_even_gaps_is_not_set_in_columns() -> None:
    """Page 11 of the generated Russian PDF: "низации Объединенных Наций против коррупции»"
    stretched to the margin (the symbol after it did not fit), gaps of 46.4 pt at 15 pt
    type — over three ems, but all one width. Cells of a table leave gaps of their own."""
    from reportgen.importer.layout import Chunk, Line, Run
    from reportgen.importer.layout_read import _last_column

    def line(*spans: tuple[float, float]) -> Line:
        return Line(11, [Chunk(100, left, right - left, 13, 15, (Run("слово"),)) for left, right in spans])

    justified = line((255, 308.4), (354.8, 451), (497.4, 539), (585.4, 630), (676.4, 758))
    assert _last_column(justified) is None
    table = line((72, 150), (250, 300), (420, 480))  # gaps of 100 and 120 pt
    assert _last_column(table) == 420
    two = line((72, 150), (250, 300))  # one wide gap: nothing to compare it with, columns
    assert _last_column(two) == 250
