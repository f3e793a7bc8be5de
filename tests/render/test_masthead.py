"""Masthead and typography of page 1: column widths, the gutter before the
distribution block, the emblem slot, heading fonts and hyphenation per language."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from tests.support.docx_read import NS, Docx

LANGS = ("ar", "en", "es", "fr", "ru", "zh")
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
W = "{" + NS["w"] + "}"
WPD = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"

# East Asian face of each heading style, per language (None: the document default).
HEADING_EAST_ASIA = {"ar": None, "en": None, "es": None, "fr": None, "ru": None, "zh": "SimHei"}
HYPHENATE = {"ar": False, "en": False, "es": False, "fr": False, "ru": True, "zh": False}


def tiny_png(width: int = 2, height: int = 2) -> bytes:
    """A small RGB PNG, written here: no emblem ships with reportgen."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = (b"\x00" + b"\x00\x66\xcc" * width) * height
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_column_widths_and_gutter(example_build: dict[str, Path]) -> None:
    for lang in LANGS:
        doc = Docx(example_build[lang]).xml("word/document.xml")
        table = doc.find("w:body/w:tbl", NS)
        grid = [int(c.get(W + "w")) for c in table.findall("w:tblGrid/w:gridCol", NS)]
        # "United Nations" gets 8 cm (Russian «Организация Объединенных Наций», about 7.4 cm
        # at 14 pt, on one line); the symbol 9 cm; the distribution block its 6.5 cm.
        assert grid == [4536, 1417, 3685] and sum(grid) == 9638
        rows = table.findall("w:tr", NS)
        organ_cell = rows[1].find("w:tc", NS)
        gutter = organ_cell.find("w:tcPr/w:tcMar/w:end", NS)
        assert int(gutter.get(W + "w")) >= 284  # at least 0.5 cm before "Distr."
        assert rows[0].findall("w:tc", NS)[1].find("w:tcPr/w:tcMar", NS) is None


@pytest.mark.parametrize("lang", LANGS)
def test_heading_fonts_and_hyphenation(example_build: dict[str, Path], lang: str) -> None:
    docx = Docx(example_build[lang])
    styles = docx.xml("word/styles.xml")
    for style_id in ("HCh", "H1", "H23", "ReportTitle", "ReportSubtitle"):
        fonts = styles.find(f"w:style[@w:styleId='{style_id}']/w:rPr/w:rFonts", NS)
        face = None if fonts is None else fonts.get(W + "eastAsia")
        assert face == HEADING_EAST_ASIA[lang], style_id
    settings = docx.xml("word/settings.xml")
    assert (settings.find("w:autoHyphenation", NS) is not None) == HYPHENATE[lang]


def test_emblem_stands_beside_the_organ(tmp_path: Path, report_copy, cli) -> None:
    """As issued: the emblem in the second row, in a column of its own before the organ
    (after it, mirrored, in Arabic); "United Nations" alone in the first row."""
    src = report_copy()
    emblem = tiny_png()
    (src / "emblem.png").write_bytes(emblem)
    for lang in ("en", "ar"):
        path = src / f"{lang}.md"
        path.write_text(path.read_text(encoding="utf-8").replace("job: V.21-06543\n",
                                                                 "job: V.21-06543\nemblem: emblem.png\n"),
                        encoding="utf-8")
    result = cli("build", str(src), "-o", str(tmp_path / "out"))
    assert result.code == 0, result.err
    for lang, name in (("en", "United Nations"), ("ar", "الأمم المتحدة")):
        docx = Docx(tmp_path / "out" / f"{lang}.docx")
        table = docx.xml("word/document.xml").find("w:body/w:tbl", NS)
        grid = [int(c.get(W + "w")) for c in table.findall("w:tblGrid/w:gridCol", NS)]
        assert grid == [850, 3686, 1417, 3685] and sum(grid) == 9638  # the first column cut in two
        first, second = table.findall("w:tr", NS)
        assert [Docx.text_of(tc) for tc in first.findall("w:tc", NS)] == [name, "CAC/COSP/EG.1/2021/L.1/Add.1"]
        assert first.find("w:tc/w:tcPr/w:gridSpan", NS).get(W + "val") == "2"
        assert first.find(".//w:drawing", NS) is None
        cells = second.findall("w:tc", NS)
        assert [c.find("w:tcPr/w:gridSpan", NS) is not None for c in cells] == [False, True, False]
        picture = cells[0].find("w:p/w:r/w:drawing", NS)
        blip = picture.find(f".//{{{A}}}blip")
        assert docx.parts["word/" + docx.rels("word/document.xml")[blip.get(R_EMBED)][1]] == emblem
        extent = picture.find(".//wp:extent", {"wp": WPD})
        assert int(extent.get("cy")) == 432000 == int(extent.get("cx"))  # 1.2 cm; square as the picture is
        assert Docx.text_of(cells[1]).startswith("Conference of" if lang == "en" else "مؤتمر")
        assert cells[1].find("w:tcPr/w:tcMar/w:end", NS) is not None  # the gutter before "Distr."
    plain = Docx(tmp_path / "out" / "fr.docx").xml("word/document.xml")
    assert plain.find("w:body/w:tbl//w:drawing", NS) is None  # only where the version asks for it
    assert len(plain.findall("w:body/w:tbl/w:tblGrid/w:gridCol", NS)) == 3


def test_a_wide_emblem_is_narrowed_to_its_column(tmp_path: Path, report_copy, cli) -> None:
    src = report_copy()
    (src / "wide.png").write_bytes(tiny_png(width=6, height=2))
    path = src / "en.md"
    path.write_text(path.read_text(encoding="utf-8").replace("job: V.21-06543\n", "job: V.21-06543\nemblem: wide.png\n"),
                    encoding="utf-8")
    assert cli("build", str(src), "-o", str(tmp_path / "out"), "--lang", "en").code == 0
    extent = Docx(tmp_path / "out" / "en.docx").xml("word/document.xml").find(".//wp:extent", {"wp": WPD})
    assert (int(extent.get("cx")), int(extent.get("cy"))) == (450000, 150000)  # 1.25 cm wide, its aspect kept
