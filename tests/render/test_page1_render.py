"""Page 1 of all six versions through LibreOffice, with processing dates: the
footer as issued, the Russian masthead on one line, Chinese numbers kept whole
and headings in 黑体. PNGs are kept under build/render/ for people to look at."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from reportgen import pipeline
from tests.conftest import REPO
from tests.support import tools
from tests.support.issued import issued_example
from tests.support.office import docx_to_pdf, pdf_text, render_page_png

pytestmark = pytest.mark.external

RENDERS = REPO / "build" / "render"
LETTERS = {"ar": "A", "en": "E", "es": "S", "fr": "F", "ru": "R", "zh": "C"}


@pytest.fixture(scope="module")
def issued_pdf(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    src = issued_example(tmp_path_factory.mktemp("src") / "ex")
    loaded = pipeline.load(src)
    assert loaded.errors == []
    out = tmp_path_factory.mktemp("issued")
    pdfs = {}
    for built in pipeline.write_all(loaded, pipeline.render_all(loaded), out):
        pdfs[built.lang] = docx_to_pdf(built.path, out / "pdf")
        RENDERS.mkdir(parents=True, exist_ok=True)
        render_page_png(pdfs[built.lang], 1, RENDERS / f"cosp-eg1-2021-add1-issued-{built.lang}-page1.png", dpi=80)
    return pdfs


@pytest.mark.parametrize("lang", sorted(LETTERS))
def test_footer_prints_job_and_processing_dates(issued_pdf: dict[str, Path], lang: str) -> None:
    text = re.sub(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", pdf_text(issued_pdf[lang], first_page=1, last_page=1))
    assert f"V.21-06543 ({LETTERS[lang]}) 070921 080921" in re.sub(r"[ \t]+", " ", text)


def test_russian_united_nations_stays_on_one_line(issued_pdf: dict[str, Path]) -> None:
    lines = pdf_text(issued_pdf["ru"], layout=True, first_page=1, last_page=1).splitlines()
    assert any("Организация Объединенных Наций" in line for line in lines)


def test_chinese_numbers_and_latin_words_are_not_split(issued_pdf: dict[str, Path]) -> None:
    lines = [line.strip() for line in pdf_text(issued_pdf["zh"]).splitlines() if line.strip()]
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for first, second in zip(lines, lines[1:]):
        if not (cjk.search(first) and cjk.search(second)):  # the English masthead block breaks as English
            continue
        assert not (re.search(r"[0-9A-Za-z]$", first) and re.match(r"[0-9A-Za-z]", second)), (first, second)
    assert any("32 个缔约国" in line for line in lines)


def test_chinese_headings_use_the_heiti_face(issued_pdf: dict[str, Path]) -> None:
    # SimHei is substituted by a sans CJK face (the project's fonts.conf); body text by a serif one
    fonts = subprocess.run([tools.require("pdffonts"), "-f", "1", "-l", "1", str(issued_pdf["zh"])],
                           capture_output=True, text=True, check=True).stdout
    assert re.search(r"Sans.*CJK|CJK.*Sans|Hei", fonts), fonts
    assert re.search(r"Serif.*CJK|CJK.*Serif|Song|Sun", fonts), fonts


def test_libreoffice_takes_russian_hyphenation(tmp_path: Path, example_build: dict[str, Path]) -> None:
    """w:autoHyphenation becomes hyphenation on LibreOffice's default paragraph style
    (the break points need the hyphen-ru dictionary, which only a renderer supplies)."""
    import zipfile

    soffice = tools.require("soffice")
    found = {}
    for lang in ("ru", "en"):
        subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
                        "--convert-to", "odt", "--outdir", str(tmp_path), str(example_build[lang])],
                       capture_output=True, timeout=180, check=True)
        styles = zipfile.ZipFile(tmp_path / f"{lang}.odt").read("styles.xml").decode()
        found[lang] = 'fo:hyphenate="true"' in styles
    assert found == {"ru": True, "en": False}
