"""``reportgen build --pdf`` (reportgen/render/pdf.py): the example's six PDFs through
LibreOffice, read back with poppler; and the failures, with LibreOffice absent or broken.

The PDF tests are ``external``: skipped locally without LibreOffice, poppler or
fontconfig, required under CI=true (tests/support/tools.py). Page 1 of each PDF is kept
as build/render/pdf-<lang>-page1.png for people to look at.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from reportgen.render import pdf as pdf_writer
from tests.conftest import EXAMPLE, REPO
from tests.support import office, tools
from tests.test_make import checkout, make  # noqa: F401 (a fixture)

LANGS = ["ar", "en", "es", "fr", "ru", "zh"]
RENDERS = REPO / "build" / "render"
SHIPPED_CONF = Path(str(resources.files("reportgen.render") / "fonts.conf"))

#: Phrases of each version's sources (mid-line, no hyphen) that the text layer must
#: give back whole: Arabic in logical order, Chinese without stray characters.
PHRASES = {
    "ar": ["قدم ممثل للأمانة عرضا لآخر المستجدات", "الشبكة العالمية لسلطات إنفاذ القانون",
           "الدروس المستفادة والممارسات", "مشروع التقرير"],
    "en": ["A representative of the Secretariat", "Global Operational Network", "Draft report"],
    "es": ["Convención de las Naciones Unidas contra la Corrupción", "Proyecto de informe"],
    "fr": ["Convention des Nations Unies contre la corruption", "Projet de rapport"],
    "ru": ["Представитель Секретариата рассказал о последних событиях",
           "Глобальной оперативной сети правоохранительных органов", "Проект доклада"],
    "zh": ["秘书处的一名代表介绍了源自缔约国会议决议和以往专家会议的各项任务的最新执行情况",
           "反腐败执法机构全球行动网络", "报告草稿", "联合国反腐败公约缔约国会议"],
}
#: The free face each version's script must be set in (pdffonts names, subset prefix off).
#: The Noto CJK collection's faces share one CFF table, whose name is the Japanese
#: face's, so the PDF cannot tell the SC face from the JP one: that the SC face is the
#: one chosen is test_fonts_conf_maps_the_un_faces_to_free_faces's to show.
FACES = {"ar": "Amiri", "zh": "NotoSerifCJK"}
BIDI = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _tool(name: str) -> str:
    return tools.require(name)


def _run(*cmd: str, env: dict[str, str] | None = None) -> str:
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict], Path]:
    """``reportgen build EXAMPLE --pdf --json``, run once as a user runs it."""
    for name in ("soffice", "pdffonts", "pdftotext", "pdfinfo", "pdftoppm"):
        _tool(name)
    out = tmp_path_factory.mktemp("pdf") / "out"
    proc = subprocess.run([sys.executable, "-m", "reportgen.cli", "build", str(EXAMPLE), "-o", str(out),
                           "--pdf", "--json"], capture_output=True, text=True, timeout=600, cwd=REPO)
    assert (proc.returncode, proc.stderr) == (0, "")
    return json.loads(proc.stdout), out


def _text(pdf: Path) -> str:
    """pdftotext's reading, bidi controls and whitespace normalised (Arabic lines come
    with embedding marks; justified lines with wide gaps)."""
    return office.normalize_ws(BIDI.sub("", office.pdf_text(pdf)))


@pytest.mark.external
def test_build_pdf_writes_a_pdf_beside_every_docx(built: tuple[list[dict], Path]) -> None:
    manifest, out = built
    assert [(m["lang"], m["path"], m["pdf"]) for m in manifest] == [
        (lang, str(out / f"{lang}.docx"), str(out / f"{lang}.pdf")) for lang in LANGS]
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{lang}.{ext}" for lang in LANGS for ext in ("docx", "pdf"))
    for lang in LANGS:
        pdf = out / f"{lang}.pdf"
        assert pdf.read_bytes()[:5] == b"%PDF-"
        assert office.pdf_page_count(pdf) >= 2


@pytest.mark.external
@pytest.mark.parametrize("lang", LANGS)
def test_every_font_is_embedded_and_free(built: tuple[list[dict], Path], lang: str) -> None:
    listing = _run(_tool("pdffonts"), str(built[1] / f"{lang}.pdf")).splitlines()[2:]
    assert listing, "no fonts listed"
    rows = [line.split() for line in listing]
    names = {row[0].split("+", 1)[-1] for row in rows}
    # columns from the right: emb sub uni object-number generation
    assert [(row[0], row[-5]) for row in rows if row[-5] != "yes"] == []
    assert {"LiberationSerif", "LiberationSerif-Bold"} <= names
    if lang in FACES:
        assert any(name.startswith(FACES[lang]) for name in names), names
    assert not any(name.startswith("DejaVu") for name in names), names  # no fallback face


@pytest.mark.external
def test_fonts_conf_maps_the_un_faces_to_free_faces() -> None:
    """The shipped substitutions resolve on this machine, to the Simplified Chinese
    faces of the Noto CJK collection (not its first, Japanese, face)."""
    env = {**os.environ, "FONTCONFIG_FILE": str(SHIPPED_CONF)}
    got = {pattern: _run(_tool("fc-match"), "-f", "%{family[0]}|%{postscriptname}", pattern, env=env)
           for pattern in ("Times New Roman", "Times New Roman:bold", "SimSun:lang=zh-cn",
                           "SimHei:lang=zh-cn", "Simplified Arabic:lang=ar", "Simplified Arabic:bold")}
    assert got == {
        "Times New Roman": "Liberation Serif|LiberationSerif",
        "Times New Roman:bold": "Liberation Serif|LiberationSerif-Bold",
        "SimSun:lang=zh-cn": "Noto Serif CJK SC|NotoSerifCJKsc-Regular",
        "SimHei:lang=zh-cn": "Noto Sans CJK SC|NotoSansCJKsc-Regular",
        "Simplified Arabic:lang=ar": "Amiri|Amiri-Regular",
        "Simplified Arabic:bold": "Amiri|Amiri-Bold",
    }


def test_the_tests_render_with_the_shipped_substitutions() -> None:
    assert office.FONTS_CONF == SHIPPED_CONF and SHIPPED_CONF.is_file()
    assert not (REPO / "tests" / "support" / "fonts.conf").exists()


@pytest.mark.external
@pytest.mark.parametrize("lang", LANGS)
def test_text_layer_reads_back_intact(built: tuple[list[dict], Path], lang: str) -> None:
    text = _text(built[1] / f"{lang}.pdf")
    # LibreOffice sets CJK apart from Latin letters and digits; pdftotext keeps the gap
    squeezed = re.sub(r"\s", "", text)
    for phrase in PHRASES[lang]:
        assert phrase in text or (lang == "zh" and phrase in squeezed), phrase
    assert "CAC/COSP/EG.1/2021/2" in text


@pytest.mark.external
def test_arabic_words_hold_no_stray_digits(built: tuple[list[dict], Path]) -> None:
    """The artefact of a broken text layer: a figure read into a word («م88ذكرة»).
    (pdftotext does drop the space between a figure and the Arabic word after it,
    «المادة 36من»: its bidi reading, not the PDF's text.)"""
    text = _text(built[1] / "ar.pdf")
    assert re.findall(r"[\u0621-\u064a]\d+[\u0621-\u064a]", text) == []
    assert re.findall(r"\d", text)  # there are figures to misplace


@pytest.mark.external
def test_pdf_is_pdf_a_2b(built: tuple[list[dict], Path]) -> None:
    for lang in LANGS:
        meta = _run(_tool("pdfinfo"), "-meta", str(built[1] / f"{lang}.pdf"))
        assert "<pdfaid:part>2</pdfaid:part>" in meta and "<pdfaid:conformance>B</pdfaid:conformance>" in meta


@pytest.mark.external
@pytest.mark.parametrize("lang", LANGS)
def test_first_page_rendered_for_people_to_look_at(built: tuple[list[dict], Path], lang: str) -> None:
    png = office.render_page_png(built[1] / f"{lang}.pdf", 1, RENDERS / f"pdf-{lang}-page1.png", dpi=60)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# -- failures: no LibreOffice needed ---------------------------------------------------


def test_missing_libreoffice_fails_before_writing_anything(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = cli("build", EXAMPLE, "-o", tmp_path / "out", "--pdf")
    assert (result.code, result.out) == (2, "")
    assert result.err == ("reportgen: LibreOffice (soffice) is not installed: no soffice or libreoffice on "
                          "PATH; install LibreOffice to write PDFs (e.g. apt-get install libreoffice-writer)\n")
    assert not (tmp_path / "out").exists()


def _fake_soffice(folder: Path, script: str) -> None:
    """An executable ``soffice`` on PATH that runs *script* with ``outdir`` (the
    ``--outdir`` argument) and ``docx`` (the input paths) set."""
    folder.mkdir()
    exe = folder / "soffice"
    exe.write_text(f"#!{sys.executable}\nimport sys, pathlib\nargs = sys.argv[1:]\n"
                   "outdir = pathlib.Path(args[args.index('--outdir') + 1])\n"
                   "docx = [pathlib.Path(a) for a in args if a.endswith('.docx')]\n" + script)
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)


def test_a_file_libreoffice_does_not_convert_is_one_line_and_nothing_is_written(cli, tmp_path: Path,
                                                                                monkeypatch) -> None:
    # LibreOffice exits 0 even when it could not load a file: only the PDF counts
    _fake_soffice(tmp_path / "bin", "outdir.mkdir()\n(outdir / 'en.pdf').write_bytes(b'%PDF-1.6')\n"
                                    "(outdir / 'fr.pdf').write_bytes(b'')\n")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    out = tmp_path / "out"
    result = cli("build", EXAMPLE, "-o", out, "--pdf")
    assert (result.code, result.out) == (2, "")
    assert result.err.splitlines() == [f"{out / lang}.pdf: cannot convert {lang}.docx to PDF: LibreOffice wrote no PDF"
                                       for lang in LANGS if lang != "en"]
    assert not out.exists()


def test_libreoffice_failing_is_one_line_per_file_with_its_last_message(cli, tmp_path: Path,
                                                                        monkeypatch) -> None:
    _fake_soffice(tmp_path / "bin", "outdir.mkdir()\nfor d in docx:\n    (outdir / (d.stem + '.pdf')).write_bytes(b'%PDF')\n"
                                    "print('Error: source file could not be loaded', file=sys.stderr)\nsys.exit(81)\n")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    out = tmp_path / "out"
    result = cli("build", EXAMPLE, "-o", out, "--lang", "ru", "--lang", "zh", "--pdf")
    assert (result.code, result.out) == (2, "")
    assert result.err.splitlines() == [
        f"{out / lang}.pdf: cannot convert {lang}.docx to PDF: LibreOffice exited with status 81 "
        "(Error: source file could not be loaded)" for lang in ("ru", "zh")]
    assert not out.exists()


def test_libreoffice_hanging_is_stopped(tmp_path: Path, monkeypatch) -> None:
    _fake_soffice(tmp_path / "bin", "import time\ntime.sleep(60)\n")
    docx = {tmp_path / "out" / "en.docx": b"PK"}
    pdfs, errors = pdf_writer.convert(docx, str(tmp_path / "bin" / "soffice"), timeout=1)
    assert pdfs == {}
    assert [str(e) for e in errors] == [f"{tmp_path / 'out' / 'en.pdf'}: cannot convert en.docx to PDF: "
                                        "LibreOffice did not finish within 1 s"]


def test_the_converter_gets_a_private_profile_and_the_shipped_fonts(tmp_path: Path) -> None:
    """Concurrent builds must not share LibreOffice's user profile; the substitutions
    must reach LibreOffice's process."""
    _fake_soffice(tmp_path / "bin", "import os, json\noutdir.mkdir()\n"
                  "for d in docx:\n    (outdir / (d.stem + '.pdf')).write_text(json.dumps("
                  "[args, os.environ['FONTCONFIG_FILE'], open(os.environ['FONTCONFIG_FILE']).read()]))\n")
    docx = {tmp_path / "out" / "ar.docx": b"PK", tmp_path / "out" / "zh.docx": b"PK"}
    pdfs, errors = pdf_writer.convert(docx, str(tmp_path / "bin" / "soffice"))
    assert errors == [] and list(pdfs) == [tmp_path / "out" / "ar.pdf", tmp_path / "out" / "zh.pdf"]
    args, conf_path, conf = json.loads(pdfs[tmp_path / "out" / "ar.pdf"])
    profile = [a for a in args if a.startswith("-env:UserInstallation=file://")]
    assert len(profile) == 1 and "/reportgen-pdf-" in profile[0]
    assert args[args.index("--convert-to") + 1] == pdf_writer.EXPORT_FILTER
    assert [Path(a).name for a in args if a.endswith(".docx")] == ["ar.docx", "zh.docx"]  # one run for all
    assert conf == SHIPPED_CONF.read_text(encoding="utf-8")
    assert conf_path == str(SHIPPED_CONF)
    assert not Path(profile[0].split("file://", 1)[1]).parent.exists()  # the temporary folder is gone


@pytest.mark.external
def test_make_pdf_builds_every_pdf_then_only_what_changed(checkout: Path) -> None:
    tools.require("soffice")
    first = make(checkout, "pdf")
    out = checkout / "build" / "cosp-eg1-2021-add1"
    assert sorted(p.name for p in out.glob("*.pdf")) == [f"{lang}.pdf" for lang in LANGS]
    assert sorted(p.name for p in out.glob("*.docx")) == [f"{lang}.docx" for lang in LANGS]
    assert [line for line in first.splitlines() if "wrote" in line] == [
        f"  wrote build/cosp-eg1-2021-add1/{lang}.pdf" for lang in LANGS]
    assert "reportgen build" not in make(checkout, "pdf")  # nothing changed: nothing rebuilt
