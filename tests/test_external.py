"""The built DOCX through real consumers: the Open XML SDK validator and LibreOffice.

Skipped locally when a tool is absent; required under CI=true (tests/support/tools.py).
The first page of each example version is kept as a PNG under build/render/ for people
to look at.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from reportgen import pipeline
from tests.conftest import FIXTURES, REPO
from tests.support.office import docx_to_pdf, pdf_page_count, pdf_text, render_page_png
from tests.support.openxml_sdk import format_findings, sdk_findings_many

RENDERS = REPO / "build" / "render"


def squeeze(text: str) -> str:
    """LibreOffice spaces CJK from Latin letters and digits (Word's autoSpaceDN); pdftotext
    keeps those gaps and marks right-to-left runs with bidi embedding controls. Compare
    without any whitespace or bidi control."""
    return re.sub(r"[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]+", "", text)


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("minimal")
    loaded = pipeline.load(FIXTURES / "minimal")
    return {b.lang: b.path for b in pipeline.write_all(loaded, pipeline.render_all(loaded), out)}


def test_open_xml_sdk_finds_nothing(example_build: dict[str, Path], fixture_build: dict[str, Path]) -> None:
    paths = list(example_build.values()) + list(fixture_build.values())
    findings = sdk_findings_many(paths)
    assert {p.name + "@" + p.parent.name: format_findings(f) for p, f in findings.items() if f} == {}
    assert set(findings) == set(paths)


@pytest.fixture(scope="module")
def example_pdf(example_build: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pdf")
    pdfs = {}
    for lang, docx in example_build.items():
        pdfs[lang] = docx_to_pdf(docx, out)
        RENDERS.mkdir(parents=True, exist_ok=True)
        render_page_png(pdfs[lang], 1, RENDERS / f"cosp-eg1-2021-add1-{lang}-page1.png", dpi=80)
        shutil.copy(pdfs[lang], RENDERS / f"cosp-eg1-2021-add1-{lang}.pdf")
    return pdfs


def test_english_pdf_text(example_pdf: dict[str, Path]) -> None:
    pdf = example_pdf["en"]
    first = squeeze(pdf_text(pdf, first_page=1, last_page=1))
    for expected in ["United Nations", "CAC/COSP/EG.1/2021/L.1/Add.1", "Distr.: Limited", "7 September 2021",
                     "Original: English", "Vienna, 6–10 September 2021", "Draft report", "Addendum",
                     "III.", "(CAC/COSP/EG.1/2021/2)"]:
        assert squeeze(expected) in first, expected
    assert "V.21-06543 (E)".replace(" ", "") in first
    text = pdf_text(pdf)
    numbers = re.findall(r"^(\d{1,2})\.\s", text, flags=re.M)
    assert numbers == [str(n) for n in range(1, 13)]


def test_chinese_pdf_text(example_pdf: dict[str, Path]) -> None:
    pdf = example_pdf["zh"]
    first = squeeze(pdf_text(pdf, first_page=1, last_page=1))
    for expected in ["联合国", "联合国反腐败公约缔约国会议", "Distr.: Limited", "7 September 2021", "Chinese",
                     "Original: English", "2021年9月6日至10日，维也纳", "报告草稿", "增编", "三.",
                     "（CAC/COSP/EG.1/2021/2）"]:
        assert squeeze(expected) in first, expected
    whole = squeeze(pdf_text(pdf))
    # paragraph 10 goes on over a page break, as in the issued document (tests/render/test_pages_as_issued.py)
    assert "多方向合作取得成功的有益作用。" in whole and "一些发言者举例说明" in whole


@pytest.mark.parametrize("lang", ["ar", "en", "es", "fr", "ru", "zh"])
def test_every_version_renders_its_masthead_and_intact_symbols(example_pdf: dict[str, Path], lang: str) -> None:
    from tests.render.test_example_docx import EXPECTED

    want = EXPECTED[lang]
    raw = pdf_text(example_pdf[lang], first_page=1, last_page=1)
    # pdftotext interleaves the masthead's two columns and extracts right-to-left
    # lines in its own order, so wrapped and Arabic lines are compared word by word.
    words = set(re.findall(r"\w+", raw))
    first = squeeze(raw)
    for text in [want["un"], want["organ"], *want["info"], want["place"], want["title"], want["subtitle"]]:
        assert squeeze(text) in first or set(re.findall(r"\w+", text)) <= words, text
    # the symbols read left to right, also inside Arabic text
    assert "CAC/COSP/EG.1/2021/L.1/Add.1" in first
    assert "CAC/COSP/EG.1/2021/2" in first
    assert re.search(rf"V\.21-06543\(?{want['letter']}\)?", first)


def test_later_pages_carry_running_header_and_page_numbers(example_pdf: dict[str, Path]) -> None:
    pdf = example_pdf["en"]
    pages = pdf_page_count(pdf)
    assert pages >= 2
    second = pdf_text(pdf, first_page=2, last_page=2)
    assert "CAC/COSP/EG.1/2021/L.1/Add.1" in second
    assert f"2/{pages}" in second
    assert "V.21-06543" in second
