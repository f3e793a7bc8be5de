"""Pages as issued (issue 24), read from LibreOffice's PDF with ``pdftotext -bbox-layout``
(tests/render/pdf_lines.py) and checked against the DOCX they come from:

* no hyphen at a line end in a heading or masthead line of the Russian example and
  benchmark;
* no line break inside a document symbol, in any language of the benchmark;
* no line break at a no-break space of a language's data (Russian, French);
* the Arabic first lines start at the same place after numbers of 1, 2 and 3 digits;
* the footnote separator at the right of an Arabic page;
* page 1's footer: job number and dates, barcode under them, at the bottom left
  (right in Arabic); recycling mark and QR code at the bottom right (left in Arabic);
* the Chinese example breaks its pages after the paragraphs the issued document does
  (the seed, shared/seeds: its blank lines are its page breaks).

External: LibreOffice and poppler (skipped locally without them, required under CI=true).
Page 1 and a body page of every version are kept under build/render/ for people to look at.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import generate
from tests.conftest import EXAMPLE, FIXTURES, REPO
from tests.render.pdf_lines import (Line, Page, Word, broken_symbols, consecutive, first_line_offsets,
                                    hyphenated_lines, pages)
from tests.support import tools
from tests.support.docx_read import NS, Docx
from tests.support.office import render_page_png
from tests.support.ooxml_schema import check_docx
from tests.support.shared import require_shared

pytestmark = pytest.mark.external

LANGS = ("ar", "en", "es", "fr", "ru", "zh")
LETTERS = {"ar": "A", "en": "E", "es": "S", "fr": "F", "ru": "R", "zh": "C"}
RENDERS = REPO / "build" / "render"
#: Paragraph styles whose lines must never end in a hyphen LibreOffice added.
UNHYPHENATED = {"MastheadUN", "MastheadOrgan", "Meeting", "MeetingPlace", "Agenda", "ReportTitle",
                "ReportSubtitle", "HCh", "H1", "H23"}
#: The benchmark as `make bench` generates it (docs/PERFORMANCE.md): 2,000 paragraphs a version.
BENCH_PARAGRAPHS = 2000


def _build(source: Path, out: Path, *langs: str) -> dict[str, tuple[Docx, Path]]:
    """``reportgen build SOURCE --pdf`` as a user runs it; each version's DOCX and PDF."""
    for name in ("soffice", "pdftotext", "pdftoppm"):
        tools.require(name)
    picked = [arg for lang in langs for arg in ("--lang", lang)]
    proc = subprocess.run([sys.executable, "-m", "reportgen.cli", "build", str(source), "-o", str(out), "--pdf",
                           *picked], capture_output=True, text=True, timeout=1200, cwd=REPO)
    assert (proc.returncode, proc.stderr) == (0, "")
    made = sorted(out.glob("*.docx"))
    for docx in made:  # the module's fixtures build outside tmp_path, which conftest validates
        check_docx(docx)
    return {p.stem: (Docx(p), p.with_suffix(".pdf")) for p in made}


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Docx, Path]]:
    built = _build(EXAMPLE, tmp_path_factory.mktemp("example") / "out")
    for lang, (_, pdf) in built.items():  # page 1 and a body page, for people to look at
        for page in (1, 2):
            render_page_png(pdf, page, RENDERS / f"issued-{lang}-page{page}.png", dpi=60)
    return built


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Docx, Path]]:
    source = tmp_path_factory.mktemp("bench") / "2000"
    generate(source, BENCH_PARAGRAPHS, seed=0)
    return _build(source, tmp_path_factory.mktemp("bench-out") / "out")


def _symbols(docx: Docx) -> set[str]:
    """The document symbols the DOCX links to ODS, as a reader retypes them."""
    return {text.replace("\u2060", "").replace("\u00a0", " ")
            for text, url in docx.hyperlinks() if url.startswith("https://undocs.org/")}


def _unhyphenated_texts(docx: Docx) -> list[str]:
    """The text of every masthead, title and heading paragraph (a heading without its
    number), invisible joiners out, as the PDF must hold it whole."""
    out = []
    for p in docx.paragraphs():
        if p.style in UNHYPHENATED and p.text.strip():
            out.append(p.text.split("\t")[-1].replace("\u2060", ""))
    return out


# -- hyphenation ------------------------------------------------------------------------


def test_russian_headings_and_masthead_end_no_line_in_a_hyphen(example, bench) -> None:
    for built in (example, bench):
        docx, pdf = built["ru"]
        texts = _unhyphenated_texts(docx)
        assert len(texts) >= 6
        assert hyphenated_lines(pages(pdf), texts) == []


def test_russian_body_is_hyphenated_two_lines_in_a_row_at_most(example) -> None:
    """Hyphenation works (the patterns are there) and keeps to the data's limit."""
    docx, pdf = example["ru"]
    run, longest, hyphens = 0, 0, 0
    for page in pages(pdf):
        for line in page.lines:
            ends = bool(re.search(r"[а-яё]-$", line.text))  # a word cut, not a dash
            hyphens += ends
            run = run + 1 if ends else 0
            longest = max(longest, run)
    assert hyphens >= 5
    assert longest <= 2


# -- symbols ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_no_line_breaks_inside_a_document_symbol(bench, example, lang: str) -> None:
    for built in (bench, example):
        docx, pdf = built[lang]
        symbols = _symbols(docx)
        assert symbols
        all_pages = pages(pdf)
        assert broken_symbols(all_pages, symbols) == []
    # and the symbols are there to break: each is found whole in the text
    flat = " ".join(line.text for page in all_pages for line in page.lines)
    assert all(re.sub(r"\s", "", s) in re.sub(r"\s", "", flat) for s in symbols)


#: The spaces a language's ``no_break`` rules put in (l10n/data/*.yaml).
KEPT_SPACES = "\u00a0\u202f"


def _kept_pairs(docx: Docx) -> set[tuple[str, str]]:
    """(word before, word after) of each no-break space in the body's text outside a
    document symbol (test_no_line_breaks_inside_a_document_symbol's), leaving out pairs
    that stand somewhere else with an ordinary space between them, where they may break."""
    kept: set[tuple[str, str]] = set()
    free: set[tuple[str, str]] = set()
    symbols = {s.replace(" ", "\u00a0") for s in _symbols(docx)}
    for p in docx.paragraphs():
        text = p.text.replace("\u2060", "")
        for symbol in symbols:
            text = text.replace(symbol, "SYMBOL")
        for m in re.finditer(rf"(\S+)([ {KEPT_SPACES}])(?=(\S+))", text):
            (free if m.group(2) == " " else kept).add((m.group(1), m.group(3)))
    return kept - free


def broken_kept_spaces(all_pages: list[Page], pairs: set[tuple[str, str]]) -> list[tuple[str, str]]:
    """(end of a line, start of the next) where a line broke at one of ``pairs``' spaces."""
    found = []
    for a, b in consecutive(all_pages):
        tail = re.split(rf"[\s{KEPT_SPACES}]+", a.text.strip())[-1]
        head = re.split(rf"[\s{KEPT_SPACES}]+", b.text.strip())[0]
        if any(tail.endswith(before) and head.startswith(after) for before, after in pairs):
            found.append((a.text[-30:], b.text[:30]))
    return found


@pytest.mark.parametrize("lang", ["fr", "ru"])
def test_lines_never_break_at_the_no_break_spaces_of_the_language(bench, example, lang: str) -> None:
    """``2019 года``, ``УНП ООН``, ``mot ;``, ``« mot »``: LibreOffice honours the
    writer's U+00A0 and U+202F, so no line of the PDF ends at one."""
    kept = 0
    for built in (example, bench):
        docx, pdf = built[lang]
        pairs = _kept_pairs(docx)
        kept += len(pairs)
        assert broken_kept_spaces(pages(pdf), pairs) == []
    assert kept >= 5  # the rules had spaces to keep


def test_a_line_break_at_an_ordinary_space_is_found() -> None:
    """The check above can fail: a page whose lines break at ``2019 | года``."""
    def line(block: int, *texts: str) -> Line:
        return Line(1, block, tuple(Word(t, 0, 0, 1, 1) for t in texts))

    page = Page(1, 595, 842, (line(0, "в", "июне", "2019"), line(0, "года", "было"), line(1, "УНП"),
                              line(2, "ООН", "сообщило")))
    assert broken_kept_spaces([page], {("2019", "года"), ("УНП", "ООН")}) == [("в июне 2019", "года было")]


# -- Arabic paragraph numbers -----------------------------------------------------------------


def test_arabic_first_lines_start_alike_for_one_two_and_three_digit_numbers(tmp_path: Path) -> None:
    source = tmp_path / "src"
    generate(source, 120, seed=0, start=1)
    for path in source.glob("??.md"):
        if path.stem != "ar":
            path.unlink()
    _, pdf = _build(source, tmp_path / "out", "ar")["ar"]
    offsets = first_line_offsets(pages(pdf), rtl=True)
    by_digits = {d: [x for n, x in offsets.items() if len(str(n)) == d] for d in (1, 2, 3)}
    assert all(len(xs) >= 5 for xs in by_digits.values()), {d: len(xs) for d, xs in by_digits.items()}
    everything = [x for xs in by_digits.values() for x in xs]
    assert max(everything) - min(everything) < 1.0, by_digits  # points: one place, glyph edges aside


# -- page 1's footer ----------------------------------------------------------------------------


def _ink(pdf: Path, page: int, tmp: Path, dpi: int = 72) -> list[bytes]:
    """Page ``page`` as grey rows (one byte a pixel, 0 black), one pixel a point at 72 dpi."""
    prefix = tmp / f"{pdf.stem}-ink"
    subprocess.run([tools.require("pdftoppm"), "-r", str(dpi), "-gray", "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(prefix)], check=True, timeout=120)
    data = prefix.with_suffix(".pgm").read_bytes()
    magic, width, height, _, pixels = re.match(rb"(P5)\s+(\d+)\s+(\d+)\s+(\d+)\s(.*)", data, re.S).groups()
    w, h = int(width), int(height)
    return [pixels[y * w:(y + 1) * w] for y in range(h)]


def _inked(rows: list[bytes], x0: float, x1: float, y0: float, y1: float) -> int:
    """How many dark pixels the box (in points) holds."""
    return sum(1 for row in rows[int(y0):int(y1)] for v in row[int(x0):int(x1)] if v < 128)


@pytest.mark.parametrize("lang", LANGS)
def test_page1_footer_elements_in_their_places(example, lang: str, tmp_path: Path) -> None:
    docx, pdf = example[lang]
    page: Page = pages(pdf, 1, 1)[0]
    job = [line for line in page.lines if line.text.startswith(f"V.21-06543 ({LETTERS[lang]})")]
    assert len(job) == 1 and job[0].text.split() == ["V.21-06543", f"({LETTERS[lang]})", "070921", "080921"]
    line = job[0]
    margin = 56.7  # 2 cm
    assert line.y0 > 0.85 * page.height  # at the foot of the page
    if lang == "ar":  # mirrored: at the right margin
        assert abs(line.x1 - (page.width - margin)) < 2
    else:
        assert abs(line.x0 - margin) < 2
    rows = _ink(pdf, 1, tmp_path)
    # the barcode under the job number: bars across 4.5 cm below the line, nothing else there
    below = (line.y1 + 1, line.y1 + 1 + 0.8 * 28.35)
    bar_x = (line.x1 - 4.5 * 28.35, line.x1) if lang == "ar" else (line.x0, line.x0 + 4.5 * 28.35)
    assert _inked(rows, *bar_x, *below) > 300
    # the recycling mark and the QR code at the other side's foot, level with the barcode
    far = (margin, margin + 4 * 28.35) if lang == "ar" else (page.width - margin - 4 * 28.35, page.width - margin)
    foot = (line.y0 - 0.8 * 28.35, below[1] + 2)
    assert _inked(rows, *far, *foot) > 400
    middle = (page.width / 2 - 2 * 28.35, page.width / 2 + 2 * 28.35)
    assert _inked(rows, *middle, line.y0, below[1] + 2) == 0  # nothing between the two sides
    # the QR code is the outermost of the two: the last 1.5 cm at the margin holds ink
    qr = (margin, margin + 1.5 * 28.35) if lang == "ar" else (page.width - margin - 1.5 * 28.35, page.width - margin)
    assert _inked(rows, *qr, *foot) > 200


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_footnote_separator_starts_where_the_notes_lines_start(lang: str, tmp_path: Path) -> None:
    """At the right margin of an Arabic page (LibreOffice's import puts it at the left
    whatever the DOCX says: render/pdf.py carries it over), the left of an English one."""
    _, pdf = _build(FIXTURES / "minimal", tmp_path / "out", lang)[lang]
    page = pages(pdf, 1, 1)[0]
    notes = [line for line in page.lines if "A/78/1" in line.text and line.y0 > 0.75 * page.height]
    assert len(notes) == 1  # the footnote, at the foot of page 1
    rows = _ink(pdf, 1, tmp_path)
    above = (notes[0].y0 - 10, notes[0].y0 - 0.5)  # the separator, just above the note
    margin = 56.7
    left = _inked(rows, margin - 1, page.width / 2, *above)
    right = _inked(rows, page.width / 2, page.width - margin + 1, *above)
    assert (left > 80, right > 80) == ((False, True) if lang == "ar" else (True, False)), (left, right)


# -- Chinese pages as issued ------------------------------------------------------------------


def _seed_pages() -> list[tuple[list[int], bool]]:
    """Per page of the issued Chinese document (the seed: pdftotext of it, whose blank
    lines in the body are its page breaks: several between pages 1 and 2, one inside
    paragraph 10), the paragraph numbers starting on it and whether it ends inside a
    paragraph."""
    seed = sorted(require_shared("seeds").glob("*.txt"))[0]
    lines = seed.read_text(encoding="utf-8").splitlines()
    out: list[tuple[list[int], bool]] = [([], False)]
    blanks, body = 0, False
    for line in lines:
        if not line.strip():
            blanks += 1
            continue
        number = re.match(r"(\d+)\. ", line)
        if body and blanks and (blanks >= 2 or not number):  # a page break
            out.append(([], not number))  # the next page goes on with a paragraph
        blanks = 0
        if number:
            body = True
            out[-1][0].append(int(number.group(1)))
    # each page's flag says whether it ends inside a paragraph: shift them onto their page
    return [(numbers, out[i + 1][1] if i + 1 < len(out) else False) for i, (numbers, _) in enumerate(out)]


def _our_pages(pdf: Path) -> list[tuple[list[int], bool]]:
    out = []
    for page in pages(pdf):
        body = sorted((line for line in page.lines if not line.text.startswith(("CAC/", "V.21-"))
                       and not re.fullmatch(r"\d+/\d+", line.text)), key=lambda line: (line.y0, line.x0))
        numbers = [int(m.group(1)) for line in body if (m := re.match(r"(\d+)\.$", line.words[0].text))]
        goes_on = bool(body) and not re.match(r"\d+\.$", body[0].words[0].text)  # a paragraph begun before
        out.append((numbers, goes_on))
    # a page ends inside a paragraph when the next page goes on with it
    return [(numbers, out[i + 1][1] if i + 1 < len(out) else False) for i, (numbers, _) in enumerate(out)]


def test_chinese_page_breaks_fall_after_the_paragraphs_the_issued_document_breaks_after(example) -> None:
    issued = _seed_pages()
    ours = _our_pages(example["zh"][1])
    # the seed's page 1 ends after paragraph 3; its page 2 ends inside paragraph 10
    assert issued[0] == ([1, 2, 3], False) and issued[1][0][-1] == 10 and issued[1][1]
    assert [numbers for numbers, _ in ours] == [numbers for numbers, _ in issued]
    assert [inside for _, inside in ours] == [inside for _, inside in issued]
