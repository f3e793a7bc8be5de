"""Files a report names, from outside (issue 21): emblems, the registry and the term base.

Each attack ends in one exact line ``PATH:LINE: message``, exit 2, nothing written, within
bounded time (and memory, in a subprocess, where the input could make it grow): a path
leading out of the report folder (absolute, ``..``, a link), a damaged or oversized image,
a companion file over its size limit, a CSV cell over the cell limit, a term holding a
terminal escape sequence; and no control character from a file reaches the terminal raw.
"""

from __future__ import annotations

import os
import shutil
import struct
import time
from pathlib import Path

import pytest

from reportgen import limits
from reportgen.check import report_lines
from reportgen.errors import Diagnostic
from reportgen.images import image_problem
from reportgen.paths import Outside, inside
from tests.conftest import FIXTURES
from tests.support.attacks import GB, leftovers, run_limited
from tests.support.docx_read import Docx
from tests.support.images import PNG_SIGNATURE, chunk, jpeg, png

FAITHFUL = FIXTURES / "align" / "faithful"
JOB = "job: V.21-06543\n"
LINE = 10  # the emblem line, after job: in the fixture's en.md
FIX = "put the image in the report folder and give its path from there (emblem: assets/emblem.png)"
RESAVE = "save it again as PNG from an image editor"


@pytest.fixture
def report(tmp_path: Path) -> Path:
    folder = tmp_path / "sources" / "report"
    shutil.copytree(FAITHFUL, folder)
    return folder


def with_emblem(report: Path, value: str) -> Path:
    path = report / "en.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(JOB, JOB + f"emblem: {value}\n", 1), encoding="utf-8")
    assert path.read_text(encoding="utf-8").split("\n")[LINE - 1] == f"emblem: {value}"
    return path


def refused(cli, report: Path, tmp_path: Path, line: str) -> None:
    """``build`` and ``check`` both refuse with exactly ``line``; nothing is written."""
    out = tmp_path / "out"
    started = time.monotonic()
    built = cli("build", report, "-o", out)
    assert (built.code, built.out, built.err.splitlines()) == (2, "", [line])
    assert time.monotonic() - started < 20
    assert not out.exists()
    checked = cli("check", report)
    assert checked.code == 2 and line in checked.err.splitlines()


# -- one rule for paths -------------------------------------------------------------------

def test_an_emblem_by_absolute_path_is_refused(cli, report: Path, tmp_path: Path) -> None:
    image = tmp_path / "elsewhere.png"
    image.write_bytes(png())
    en = with_emblem(report, str(image))
    refused(cli, report, tmp_path,
            f"{en}:{LINE}: emblem file '{image}' is an absolute path, not a path inside the report folder: {FIX}")


def test_an_emblem_above_the_report_folder_is_refused(cli, report: Path, tmp_path: Path) -> None:
    (tmp_path / "x.png").write_bytes(png())
    en = with_emblem(report, "../../x.png")
    refused(cli, report, tmp_path,
            f"{en}:{LINE}: emblem file '../../x.png' leads out of the report folder ('..'): {FIX}")


def test_an_emblem_linked_from_outside_is_refused(cli, report: Path, tmp_path: Path) -> None:
    (tmp_path / "secret.png").write_bytes(png())
    (report / "assets").mkdir()
    (report / "assets" / "emblem.png").symlink_to(tmp_path / "secret.png")
    en = with_emblem(report, "assets/emblem.png")
    refused(cli, report, tmp_path, f"{en}:{LINE}: emblem file 'assets/emblem.png' is a link to a file outside the "
                                   f"report folder: {FIX}")


def test_an_emblem_inside_is_embedded_links_and_dots_included(cli, report: Path, tmp_path: Path) -> None:
    (report / "assets").mkdir()
    (report / "assets" / "real.png").write_bytes(png(3, 2))
    (report / "assets" / "emblem.png").symlink_to("real.png")  # a link that stays inside
    with_emblem(report, "assets/../assets/emblem.png")
    result = cli("build", report, "-o", tmp_path / "out", "--lang", "en")
    assert (result.code, result.err) == (0, "")
    parts = Docx(tmp_path / "out" / "en.docx").parts
    assert png(3, 2) in [data for name, data in parts.items() if name.startswith("word/media/")]


def test_the_rule_itself() -> None:
    base = FAITHFUL
    assert inside(base, "en.md") == (base / "en.md").resolve()
    for name, why in [("/etc/passwd", "is an absolute path, not a path inside the report folder"),
                      ("C:/x.png", "is an absolute path, not a path inside the report folder"),
                      ("a/../../x", "leads out of the report folder ('..')")]:
        with pytest.raises(Outside) as caught:
            inside(base, name)
        assert str(caught.value) == why


def test_a_version_linked_from_outside_is_not_read_by_any_command(cli, report: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (report / "fr.md").rename(outside / "fr.md")
    (report / "fr.md").symlink_to(outside / "fr.md")
    line = f"{report / 'fr.md'}: is a link to a file outside the report folder"
    for command in (("build", "-o", tmp_path / "out"), ("check",), ("align",), ("refs",)):
        result = cli(command[0], report, *command[1:])
        assert (result.code, result.out, result.err.splitlines()) == (2, "", [line]), command
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", ["documents.yaml", "terms.csv", "terms.tbx"])
def test_a_project_wide_companion_linked_from_outside_is_not_read(cli, report: Path, tmp_path: Path,
                                                                  name: str) -> None:
    secret = tmp_path / "secret"
    secret.write_text("not read\n", encoding="utf-8")
    (report.parent / name).symlink_to(secret)
    result = cli("check", report)
    assert (result.code, result.err.splitlines()[0]) == (
        2, f"{report.parent / name}: is a link to a file outside its folder ({report.parent})")
    assert "not read" not in result.err


def test_a_version_that_is_a_pipe_is_refused_not_waited_for(cli, report: Path) -> None:
    (report / "fr.md").unlink()
    os.mkfifo(report / "fr.md")
    result = cli("check", report)
    assert result.err.splitlines()[0] == (f"{report / 'fr.md'}: is not a regular file: a language version is a "
                                          "UTF-8 text file")
    assert result.code == 2


# -- images: valid, and within limits, before anything is decoded ---------------------------

def _png_header(width: int, height: int, depth: int = 8, colour: int = 2) -> bytes:
    return PNG_SIGNATURE + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0))


def _without_app0(data: bytes) -> bytes:
    """The JPEG without its JFIF segment (APP0), which it starts with."""
    assert data[2:4] == b"\xff\xe0"
    return data[:2] + data[4 + int.from_bytes(data[4:6], "big"):]


GOOD = png(4, 3)
IMAGES = {
    "garbage after the PNG signature": (
        PNG_SIGNATURE + b"garbage!" * 64,
        f"is a damaged PNG image (it does not start with its header chunk, IHDR): {RESAVE}"),
    "garbage after the JPEG signature": (
        b"\xff\xd8\xff" + b"garbage!" * 64,
        f"is a damaged JPEG image (a segment runs past the end of the file): {RESAVE}"),
    "a truncated PNG": (GOOD[:len(GOOD) - 20], f"is a damaged PNG image (its IDAT chunk is cut short): {RESAVE}"),
    "a PNG without its end": (GOOD[:-12], f"is a damaged PNG image (it ends before its last chunk, IEND: the file "
                                          f"is cut short): {RESAVE}"),
    "a wrong checksum": (GOOD[:-1] + bytes([GOOD[-1] ^ 1]),
                         f"is a damaged PNG image (the checksum of its IEND chunk is wrong): {RESAVE}"),
    "zero width": (png(0, 3, raw=b""), f"is a damaged PNG image (it is 0 × 3 pixels): {RESAVE}"),
    "image data short of its size": (png(4, 3, raw=b"\0" * 5), f"is a damaged PNG image (its image data is cut "
                                                               f"short): {RESAVE}"),
    "6 gigapixels in a few bytes": (_png_header(80_000, 80_000, 1, 0)
                                    + chunk(b"IDAT", b"\x78\x9c\x03\x00\x00\x00\x00\x01") + chunk(b"IEND", b""),
                                    "is 80,000 × 80,000 pixels, over the image side limit of 10,000 pixels: scale it "
                                    "down (the emblem is printed 1 cm high: a few hundred pixels are plenty)"),
    "30 megapixels": (_png_header(6_000, 5_000) + chunk(b"IEND", b""),
                      "is 6,000 × 5,000 pixels, over the image size limit of 25,000,000 pixels: scale it down (the "
                      "emblem is printed 1 cm high: a few hundred pixels are plenty)"),
    "a resolution of 0 dots per inch": (png(4, 3, extra=chunk(b"pHYs", struct.pack(">IIB", 1, 1, 1))),
                                        f"has a header the DOCX writer cannot read (ZeroDivisionError): {RESAVE}"),
    "a JPEG without JFIF or Exif": (_without_app0(jpeg()),
                                    "is a JPEG image without a JFIF or Exif header, which Word documents do not take: "
                                    f"{RESAVE}"),
    "a truncated JPEG": (jpeg()[:len(jpeg()) // 2], f"is a damaged JPEG image (it has no end marker: the file is cut "
                                                    f"short): {RESAVE}"),
}


@pytest.mark.parametrize("case", sorted(IMAGES))
def test_a_damaged_or_oversized_emblem_is_refused_at_its_line(cli, report: Path, tmp_path: Path, case: str) -> None:
    data, problem = IMAGES[case]
    (report / "assets").mkdir()
    (report / "assets" / "emblem.png").write_bytes(data)
    en = with_emblem(report, "assets/emblem.png")
    refused(cli, report, tmp_path, f"{en}:{LINE}: emblem file 'assets/emblem.png' {problem}")


def test_good_images_pass() -> None:
    assert image_problem(png(4, 3)) is None
    assert image_problem(jpeg()) is None


def test_a_gigapixel_png_is_refused_in_bounded_time_and_memory(report: Path, tmp_path: Path) -> None:
    """The header says 6.4 gigapixels; decoding it would need gigabytes. Refused from the
    header, in a process that may not map more than 1 GB."""
    data, problem = IMAGES["6 gigapixels in a few bytes"]
    (report / "assets").mkdir()
    (report / "assets" / "emblem.png").write_bytes(data)
    en = with_emblem(report, "assets/emblem.png")
    run = run_limited("build", report, "-o", tmp_path / "out", memory=GB, timeout=60)
    assert (run.code, run.lines) == (2, [f"{en}:{LINE}: emblem file 'assets/emblem.png' {problem}"])
    assert run.seconds < 30
    assert not (tmp_path / "out").exists()


def test_an_emblem_over_the_file_size_limit_is_refused_unread(cli, report: Path, tmp_path: Path) -> None:
    (report / "assets").mkdir()
    with (report / "assets" / "emblem.png").open("wb") as fh:
        fh.write(PNG_SIGNATURE)
        fh.truncate(limits.IMAGE_BYTES.value + 1)  # sparse: nothing is read to refuse it
    en = with_emblem(report, "assets/emblem.png")
    refused(cli, report, tmp_path, f"{en}:{LINE}: emblem file 'assets/emblem.png': the file is 16 MB, over the image "
                                   "file size limit of 16 MB: the emblem is printed 1 cm high: save it smaller")


# -- companions: size, CSV cells, terms ---------------------------------------------------------

@pytest.mark.parametrize("name", ["documents.yaml", "terms.csv", "terms.tbx"])
def test_a_companion_over_the_size_limit_is_refused_unread(cli, report: Path, name: str) -> None:
    with (report / name).open("wb") as fh:
        fh.truncate(limits.COMPANION_BYTES.value + 1)
    result = cli("check", report)
    advice = {"documents.yaml": "split it between the report folders that cite the documents",
              "terms.csv": "split the term base, or keep only the terms reports use",
              "terms.tbx": "split the term base, or keep only the terms reports use"}[name]
    assert (result.code, result.err.splitlines()[0]) == (
        2, f"{report / name}: the file is 16 MB, over the companion file size limit of 16 MB: {advice}")


@pytest.mark.parametrize("size", [10_001, 131_073, 200_000])
def test_a_csv_cell_over_the_limit_is_refused_at_its_row(cli, report: Path, size: int) -> None:
    """Over 128 KB, the csv module's own limit used to end in an internal error."""
    (report / "terms.csv").write_text(f"en,fr\nhuman rights,droits de l'homme\nx{'y' * (size - 1)},z\n",
                                      encoding="utf-8")
    result = cli("check", report)
    said = f"a cell holds {size:,} characters" if size < 131_072 else "a cell is longer still"
    assert (result.code, result.err.splitlines()[0]) == (
        2, f"{report / 'terms.csv'}:3: {said}, over the term base cell limit of 10,000 characters: a cell "
           "holds the terms of one language, separated by '|'")


def test_a_term_with_a_terminal_escape_is_refused_and_never_printed_raw(cli, report: Path) -> None:
    (report / "terms.csv").write_text("en,fr\n\x1b[31mhuman rights\x1b]0;pwned\x07,droits\n", encoding="utf-8")
    result = cli("check", report)
    assert result.code == 2
    assert result.err.splitlines()[0] == (
        f"{report / 'terms.csv'}:2: column 'en': term '\\x1b[31mhuman rights\\x1b]0;pwned\\x07' contains U+001B "
        "(a control character), which cannot appear in a document: remove it from the term")
    assert "\x1b" not in result.err and "\x07" not in result.err


def test_a_tbx_with_entities_is_refused_one_naming_its_dtd_is_read(cli, report: Path) -> None:
    bomb = ('<?xml version="1.0"?>\n<!DOCTYPE martif [\n<!ENTITY a "aaaaaaaaaa">\n<!ENTITY b "&a;&a;&a;&a;&a;">\n]>\n'
            "<martif><text><body><termEntry><langSet xml:lang='en'><tig><term>&b;</term></tig></langSet></termEntry>"
            "</body></text></martif>\n")
    (report / "terms.tbx").write_text(bomb, encoding="utf-8")
    result = cli("check", report)
    assert (result.code, result.err.splitlines()[0]) == (
        2, f"{report / 'terms.tbx'}:2: XML with a DTD of its own (<!DOCTYPE … [ … ]>) is not accepted: remove the "
           "part in brackets (reportgen reads no DTD and no entities)")
    (report / "terms.tbx").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE martif SYSTEM "http://example.invalid/TBXBasic.dtd">\n<martif><text><body>'
        "<termEntry><langSet xml:lang='en'><tig><term>human rights</term></tig></langSet></termEntry>"
        "</body></text></martif>\n", encoding="utf-8")
    assert cli("check", report).code == 0  # named, never fetched


# -- nothing raw reaches a terminal -------------------------------------------------------------

def test_report_lines_escape_control_characters() -> None:
    lines = report_lines([Diagnostic("error", Path("a\x1bb.md"), 3, "term '\x1b[2J' \u202egnp.exe\x85"),
                          Diagnostic("warning", Path("x.md"), 1, "tab\tstays")])
    assert lines == ["a\\x1bb.md:3: term '\\x1b[2J' \\u202egnp.exe\\x85", "x.md:1: warning: tab\tstays"]


def test_the_cli_error_path_escapes_control_characters(cli, tmp_path: Path) -> None:
    name = tmp_path / "\x1b]0;owned\x07folder"
    result = cli("build", name)
    shown = str(name).replace("\x1b", "\\x1b").replace("\x07", "\\x07")
    assert (result.code, result.err) == (
        2, f"{shown}: not a report folder (expected a directory holding en.md, zh.md, ...)\n")
