"""Rendering of every block and inline kind, on the minimal fixture report."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import pipeline
from tests.conftest import FIXTURES
from tests.render.typeset import typed
from tests.support.docx_read import NS, Docx


@pytest.fixture
def minimal(tmp_path: Path) -> dict[str, Docx]:
    loaded = pipeline.load(FIXTURES / "minimal")
    assert loaded.diagnostics == []
    built = pipeline.write_all(loaded, pipeline.render_all(loaded), tmp_path)
    return {b.lang: Docx(b.path) for b in built}


def test_body_structure_en(minimal: dict[str, Docx]) -> None:
    body = [(p.style, typed(p.text)) for p in minimal["en"].body_paragraphs()][5:]
    assert body == [
        ("HCh", "II.\tOrganization of the session"),
        ("SingleTxt", "An unnumbered introductory paragraph."),
        ("H1", "A.\tOpening"),
        ("NumberedPara", "4.\tThe session was opened on 26 February 2024 (see A/AC.123/2024/1)."),
        ("NumberedPara", "5.\tThe Committee considered the following:"),
        ("SubItem1", "(a)\tthe note by the Secretariat (A/AC.123/2024/2);"),
        ("SubItem1", "(b)\ta revised text, including:"),
        ("SubItem2", "(i)\tthe annex;"),
        ("SubItem2", "(ii)\tthe appendix."),
        ("ParaContinued", "The Committee took note of the documents."),
        ("H1", "B.\tAttendance"),
        ("NumberedPara", "6.\tRepresentatives of 42 States attended; see also E/CN.4/Sub.2/1998/13, "
                         "paragraphs 4–5 and chapter II."),
    ]


def test_body_structure_zh_uses_chinese_forms(minimal: dict[str, Docx]) -> None:
    body = [(p.style, typed(p.text)) for p in minimal["zh"].body_paragraphs()]
    assert ("HCh", "二.\t会议安排") in body
    assert ("H1", "A.\t开幕") in body
    assert ("SubItem1", "(a)\t秘书处的说明（A/AC.123/2024/2）；") in body
    assert ("MeetingPlace", "2024年2月26日至3月1日，纽约") in body
    assert ("Agenda", "议程项目4：通过报告") in body


def test_emphasis_becomes_run_properties(minimal: dict[str, Docx]) -> None:
    doc = minimal["en"].xml("word/document.xml")
    italic = [r.findtext("w:t", namespaces=NS) for r in doc.xpath(".//w:r[w:rPr/w:i]", namespaces=NS)]
    bold = [r.findtext("w:t", namespaces=NS) for r in doc.xpath("w:body/w:p//w:r[w:rPr/w:b]", namespaces=NS)]
    assert italic == ["revised"]
    assert bold == ["annex"]


def test_real_footnote_with_its_own_link(minimal: dict[str, Docx]) -> None:
    docx = minimal["en"]
    assert docx.footnote_refs() == ["1"]
    assert docx.footnotes() == {"1": "Official Records, see A/\u206078/\u20601 and paragraph 5."}
    # The link inside the footnote is a relationship of the footnotes part.
    assert docx.hyperlinks("word/footnotes.xml") == [("A/\u206078/\u20601", "https://undocs.org/en/A/78/1")]


def test_every_symbol_linked_once_per_target(minimal: dict[str, Docx]) -> None:
    assert [(typed(text), url) for text, url in minimal["zh"].hyperlinks()] == [
        ("A/AC.123/2024/1", "https://undocs.org/zh/A/AC.123/2024/1"),
        ("A/AC.123/2024/2", "https://undocs.org/zh/A/AC.123/2024/2"),
        ("E/CN.4/Sub.2/1998/13", "https://undocs.org/zh/E/CN.4/Sub.2/1998/13"),
    ]


def test_original_version_has_no_language_line(minimal: dict[str, Docx]) -> None:
    cells = minimal["en"].masthead_cells()
    assert cells[1][1] == "Distr.: Limited\n1 March 2024\n\nOriginal: English"
    # the job number, then (pictures) the barcode under it, the recycling mark and QR code
    assert minimal["en"].headers_footers()["footer:first"] == "24-01234 (E)\n\n   \n"
