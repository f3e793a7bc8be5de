"""The first-page footer as issued: job number with its letter, processing dates
DDMMYY, and a Code 39 barcode of the job number's digits under them; the recycling
mark and a QR code of the document's address at the other side; read back from the
DOCX (where LibreOffice puts them: tests/render/test_pages_as_issued.py). The barcode
is decoded here with a decoder and a Code 39 table of the test's own."""

from __future__ import annotations

import io
import re
import struct
import zlib
from pathlib import Path

import pytest
import segno
from lxml import etree

from reportgen.render.docx.barcode import CODE39, barcode_png, barcode_text
from reportgen.render.docx.marks import draw_recycling_png, recycling_png
from tests.support.docx_read import NS, Docx

LANGS = ("ar", "en", "es", "fr", "ru", "zh")
LETTERS = {"ar": "A", "en": "E", "es": "S", "fr": "F", "ru": "R", "zh": "C"}
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
W = "{" + NS["w"] + "}"
WP = {"wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}

# Code 39 (ISO/IEC 16388) as its published bit patterns at narrow:wide 1:2, bar = 1:
# written out independently of the module's n/w table.
STANDARD = {
    "0": "101001101101", "1": "110100101011", "2": "101100101011", "3": "110110010101",
    "4": "101001101011", "5": "110100110101", "6": "101100110101", "7": "101001011011",
    "8": "110100101101", "9": "101100101101", "*": "100101101101",
}


def _as_bits(pattern: str) -> str:
    """The module's n/w pattern at 1:2, bars first, as the standard's bit string."""
    return "".join(("1" if i % 2 == 0 else "0") * (2 if w == "w" else 1) for i, w in enumerate(pattern))


def test_code39_table_matches_the_standard() -> None:
    assert {c: _as_bits(p) for c, p in CODE39.items()} == STANDARD
    assert all(p.count("w") == 3 and len(p) == 9 for p in CODE39.values())  # "3 of 9"


@pytest.mark.parametrize(("job", "text"), [("V.21-06543", "*2106543*"), ("24-01234", "*2401234*")])
def test_barcode_text_is_the_digits_between_asterisks(job: str, text: str) -> None:
    assert barcode_text(job) == text


def decode_png_row(png: bytes) -> tuple[int, int, list[int]]:
    """Width, height and the first scanline (1 = black) of a 1-bit greyscale PNG;
    checks that every row is the same."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, {}
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos:pos + 4])
        kind, data = png[pos + 4:pos + 8], png[pos + 8:pos + 8 + length]
        assert struct.unpack(">I", png[pos + 8 + length:pos + 12 + length])[0] == zlib.crc32(kind + data)
        chunks[kind] = chunks.get(kind, b"") + data
        pos += 12 + length
    width, height, depth, colour, *_ = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    assert (depth, colour) == (1, 0)
    raw = zlib.decompress(chunks[b"IDAT"])
    stride = 1 + (width + 7) // 8
    rows = [raw[i * stride:(i + 1) * stride] for i in range(height)]
    assert len(set(rows)) == 1 and rows[0][0] == 0  # identical rows, filter "none"
    bits = [0 if rows[0][1 + x // 8] & (0x80 >> (x % 8)) else 1 for x in range(width)]
    return width, height, bits


def decode_code39(bits: list[int]) -> str:
    runs = [len(m.group()) for m in re.finditer(r"0+|1+", "".join(map(str, bits)))]
    assert bits[0] == 1 and bits[-1] == 1
    narrow = min(runs)
    assert set(runs) == {narrow, 3 * narrow}  # narrow:wide 1:3, nothing else
    table = {v: k for k, v in STANDARD.items()}
    out = []
    for i in range(0, len(runs), 10):  # 9 elements, then the inter-character gap
        chars = runs[i:i + 9]
        bit = "".join(("1" if j % 2 == 0 else "0") * (2 if r > narrow else 1) for j, r in enumerate(chars))
        out.append(table[bit])
        if i + 9 < len(runs):
            assert runs[i + 9] == narrow
    return "".join(out)


def test_barcode_png_spells_the_job_number() -> None:
    png = barcode_png("V.21-06543")
    width, height, bits = decode_png_row(png)
    assert decode_code39(bits) == "*2106543*"
    assert barcode_png("V.21-06543") == png  # same job, same bytes
    assert decode_code39(decode_png_row(barcode_png("24-01234"))[2]) == "*2401234*"


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Docx]:
    """The example with processing dates in every version, built."""
    from reportgen import pipeline
    from tests.support.issued import issued_example

    src = issued_example(tmp_path_factory.mktemp("src") / "ex")
    loaded = pipeline.load(src)
    assert loaded.errors == []
    out = tmp_path_factory.mktemp("out")
    return {b.lang: Docx(b.path) for b in pipeline.write_all(loaded, pipeline.render_all(loaded), out)}


def _first_footer(docx: Docx) -> str:
    sect = docx.xml("word/document.xml").find("w:body/w:sectPr", NS)
    ref = sect.find("w:footerReference[@w:type='first']", NS)
    return "word/" + docx.rels("word/document.xml")[ref.get(f"{{{NS['r']}}}id")][1]


A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _picture(docx: Docx, part: str, run) -> bytes:
    blip = run.find(f".//{{{A}}}blip")
    return docx.parts["word/" + docx.rels(part)[blip.get(R_EMBED)][1]]


@pytest.mark.parametrize("lang", LANGS)
def test_first_page_footer_carries_job_dates_and_barcode(issued: dict[str, Docx], lang: str) -> None:
    """As issued: a table of two cells at the foot of page 1, job number and dates with
    the barcode under them on one side, the recycling mark and the QR code of the
    document's address on the other; mirrored (w:bidiVisual) in Arabic."""
    docx = issued[lang]
    part = _first_footer(docx)
    footer = docx.xml(part)
    table = footer.find("w:tbl", NS)
    assert [etree.QName(c).localname for c in footer] == ["tbl", "p"]  # a story ends with a paragraph
    assert (table.find("w:tblPr/w:bidiVisual", NS) is not None) == (lang == "ar")
    near, far = table.findall("w:tr/w:tc", NS)
    job, barcode = near.findall("w:p", NS)
    assert Docx.text_of(job) == f"V.21-06543 ({LETTERS[lang]})  070921  080921"
    outer = {"ar": ("right", "left")}.get(lang, ("left", "right"))
    assert [p.find("w:pPr/w:jc", NS).get(W + "val") for p in (job, barcode, far.find("w:p", NS))] == [
        outer[0], outer[0], outer[1]]
    png = _picture(docx, part, barcode.find("w:r", NS))
    assert png == barcode_png("V.21-06543")
    assert decode_code39(decode_png_row(png)[2]) == "*2106543*"
    extent = barcode.find(".//wp:extent", WP)
    assert (int(extent.get("cx")), int(extent.get("cy"))) == (1620000, 288000)  # 4.5 cm x 0.8 cm
    pictures = [r for r in far.findall("w:p/w:r", NS) if r.find("w:drawing", NS) is not None]
    images = [_picture(docx, part, r) for r in pictures]
    if lang == "ar":
        images.reverse()  # the QR code at the outer edge: first in a mirrored row
    recycle, qr = images
    assert recycle == recycling_png()
    url = f"https://undocs.org/{lang}/CAC/COSP/EG.1/2021/L.1/Add.1"
    out = io.BytesIO()
    segno.make(url, error="m", micro=False, boost_error=False).save(out, kind="png", scale=8, border=2)
    assert qr == out.getvalue()  # the QR code of the document's address in this language
    # every picture of the part has an id of its own (Word and the Open XML SDK insist)
    ids = [d.get("id") for d in footer.iter(f"{{{WP['wp']}}}docPr")]
    assert len(ids) == 3 == len(set(ids))
    footers = docx.headers_footers()
    assert footers["footer:default"].count("V.21-06543") == 1  # later pages keep theirs
    assert "070921" not in footers["footer:default"] + footers["footer:even"]


def test_the_recycling_mark_is_drawn_the_same_every_time() -> None:
    png = recycling_png()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png == draw_recycling_png()  # the bytes kept are the bytes drawn
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (132, 132)
    rows = zlib.decompress(png[png.index(b"IDAT") + 4:png.index(b"IEND") - 8])
    stride = 1 + width
    pixels = [rows[y * stride + 1:(y + 1) * stride] for y in range(height)]
    dark = sum(v < 128 for row in pixels for v in row)
    assert 0.15 < dark / (width * height) < 0.45  # three arrows, not a blot nor nothing
    assert all(v == 255 for v in pixels[0]) and all(row[0] == 255 for row in pixels)  # a white margin
    assert pixels[height // 2][width // 2] == 255  # the ring's middle is empty


def test_no_job_means_no_barcode(tmp_path: Path, report_copy, cli) -> None:
    src = report_copy()
    for lang in LANGS:
        path = src / f"{lang}.md"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "job: V.21-06543\nprocessed: [2021-09-07, 2021-09-08]\n", "processed: 2021-09-07\n"), encoding="utf-8")
    assert cli("build", str(src), "-o", str(tmp_path / "out")).code == 0
    docx = Docx(tmp_path / "out" / "en.docx")
    # a draft not yet issued: its dates, no barcode, recycling mark or QR code
    assert docx.headers_footers()["footer:first"] == "070921"
    assert not [n for n in docx.parts if n.startswith("word/media/")]
