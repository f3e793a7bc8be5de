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
    ``--outdir`` argument), ``target`` (what ``--convert-to`` asks for: ``fodt`` or
    ``pdf``) and ``inputs`` (the input paths) set."""
    folder.mkdir()
    exe = folder / "soffice"
    exe.write_text(f"#!{sys.executable}\nimport sys, pathlib\nargs = sys.argv[1:]\n"
                   "outdir = pathlib.Path(args[args.index('--outdir') + 1])\n"
                   "target = args[args.index('--convert-to') + 1].split(':')[0]\n"
                   "inputs = [pathlib.Path(a) for a in args if a.endswith(('.docx', '.fodt'))]\n"
                   "outdir.mkdir(exist_ok=True)\n" + script)
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)


#: Flat ODF as LibreOffice writes it, cut down to what pdf.carry_over reads: the default
#: paragraph style's language and hyphenation, a style that hyphenates (or not), the page
#: layout's direction and its footnote separator.
FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0">
<office:styles><style:default-style style:family="paragraph">
<style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/>
<style:text-properties fo:language="{language}" fo:country="{country}" fo:hyphenate="false"
 loext:hyphenation-no-caps="false" loext:hyphenation-zone="no-limit"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph"><style:text-properties fo:hyphenate="{hyphenate}"/>
</style:style></office:styles>
<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties
 style:writing-mode="{mode}"><style:footnote-sep style:adjustment="left"/></style:page-layout-properties>
</style:page-layout></office:automatic-styles></office:document>
"""
#: A fake LibreOffice: flat ODF of each DOCX as FODT above says for its language (ar
#: right to left, ru hyphenated), then a "PDF" holding its arguments, its environment's
#: FONTCONFIG_FILE and what it was given to convert.
CONVERTING = (
    "import os, json\n"
    f"FODT = {FODT!r}\n"
    "for d in inputs:\n"
    "    if target == 'fodt':\n"
    "        lang = {'ar': ('ar', 'SA', 'false', 'rl-tb'), 'ru': ('ru', 'RU', 'true', 'lr-tb')}.get(\n"
    "            d.stem, ('en', 'GB', 'false', 'lr-tb'))\n"
    "        (outdir / (d.stem + '.fodt')).write_text(FODT.format(language=lang[0], country=lang[1],\n"
    "                                                hyphenate=lang[2], mode=lang[3]))\n"
    "    else:\n"
    "        print('convert', d, '->', outdir / (d.stem + '.pdf'), flush=True)\n"
    "        (outdir / (d.stem + '.pdf')).write_text(json.dumps([args, os.environ['FONTCONFIG_FILE'],\n"
    "            open(os.environ['FONTCONFIG_FILE']).read(), d.read_text()]))\n")


def test_a_file_libreoffice_does_not_convert_is_one_line_and_nothing_is_written(cli, tmp_path: Path,
                                                                                monkeypatch) -> None:
    # LibreOffice exits 0 even when it could not load a file: only the file it writes counts
    _fake_soffice(tmp_path / "bin", "for d in inputs:\n"
                                    "    if target == 'fodt':\n"
                                    "        (outdir / (d.stem + '.fodt')).write_text('<x/>' if d.stem != 'es' else '')\n"
                                    "(outdir / 'en.pdf').write_bytes(b'%PDF-1.6') if target == 'pdf' else None\n"
                                    "(outdir / 'fr.pdf').write_bytes(b'') if target == 'pdf' else None\n")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    out = tmp_path / "out"
    result = cli("build", EXAMPLE, "-o", out, "--pdf")
    assert (result.code, result.out) == (2, "")
    assert result.err.splitlines() == [f"{out / lang}.pdf: cannot convert {lang}.docx to PDF: LibreOffice wrote no PDF"
                                       for lang in LANGS if lang != "en"]
    assert not out.exists()


def test_libreoffice_failing_is_one_line_per_file_with_its_last_message(cli, tmp_path: Path,
                                                                        monkeypatch) -> None:
    _fake_soffice(tmp_path / "bin", "for d in inputs:\n    (outdir / (d.stem + '.' + target)).write_bytes(b'%PDF')\n"
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


def _converted(pdf: bytes) -> tuple[list[str], str, str, str]:
    args, conf_path, conf, fodt = json.loads(pdf)
    return args, conf_path, conf, fodt


def test_each_worker_has_a_profile_of_its_own_and_the_shipped_fonts(tmp_path: Path) -> None:
    """Concurrent LibreOffice processes must not share a user profile; the substitutions
    must reach every process; each DOCX goes through flat ODF, then to PDF/A."""
    _fake_soffice(tmp_path / "bin", CONVERTING)
    names = ["en", "es", "fr", "zh"]
    docx = {tmp_path / "out" / f"{n}.docx": b"PK" for n in names}
    done: list[Path] = []
    pdfs, diagnostics = pdf_writer.convert(docx, str(tmp_path / "bin" / "soffice"), jobs=2, on_done=done.append)
    assert diagnostics == [] and list(pdfs) == [tmp_path / "out" / f"{n}.pdf" for n in names]  # in the given order
    assert sorted(done) == sorted(docx)  # each reported once, as it was made
    profiles = {}
    for n in names:
        args, conf_path, conf, _ = _converted(pdfs[tmp_path / "out" / f"{n}.pdf"])
        profile = [a for a in args if a.startswith("-env:UserInstallation=file://")]
        assert len(profile) == 1 and "/reportgen-pdf-" in profile[0]
        profiles[n] = profile[0]
        assert args[args.index("--convert-to") + 1] == pdf_writer.EXPORT_FILTER
        assert [Path(a).suffix for a in args if a.endswith((".docx", ".fodt"))] == [".fodt", ".fodt"]  # its share
        assert conf == SHIPPED_CONF.read_text(encoding="utf-8") and conf_path == str(SHIPPED_CONF)
    # round robin: en and fr on one worker, es and zh on the other, each with its own profile
    assert profiles["en"] == profiles["fr"] != profiles["es"] == profiles["zh"]
    assert not Path(profiles["en"].split("file://", 1)[1]).parent.exists()  # the scratch folder is gone


def test_what_libreoffice_drops_from_the_docx_is_carried_over(tmp_path: Path, monkeypatch) -> None:
    """Russian: at most two hyphenated lines, the zone, no hyphen in capitals; Arabic:
    the footnote separator at the right and change bars at the right margin."""
    patterns = tmp_path / "hyphen"
    patterns.mkdir()
    (patterns / "hyph_ru_RU.dic").write_text("UTF-8\n", encoding="utf-8")
    monkeypatch.setattr(pdf_writer, "SYSTEM_HYPHENATION_DIRS", (patterns,))
    _fake_soffice(tmp_path / "bin", CONVERTING)
    docx = {tmp_path / "out" / f"{n}.docx": b"PK" for n in ("ru", "ar", "en")}
    pdfs, diagnostics = pdf_writer.convert(docx, str(tmp_path / "bin" / "soffice"))
    assert diagnostics == []
    ru, ar, en = (_converted(pdfs[tmp_path / "out" / f"{n}.pdf"]) for n in ("ru", "ar", "en"))
    assert 'fo:hyphenation-ladder-count="2"' in ru[3]
    assert 'loext:hyphenation-zone="0.630cm"' in ru[3] and 'loext:hyphenation-no-caps="true"' in ru[3]
    assert 'fo:hyphenation-ladder-count="no-limit"' in en[3] and 'style:adjustment="left"' in en[3]
    assert 'style:adjustment="right"' in ar[3]
    profile = {n: next(a for a in c[0] if a.startswith("-env:")) for n, c in (("ru", ru), ("ar", ar), ("en", en))}
    assert profile["ru"] == profile["en"] and profile["ar"] == profile["en"] + "-rtl"


def test_missing_hyphenation_patterns_are_a_warning_and_the_pdf_is_kept(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(pdf_writer, "SYSTEM_HYPHENATION_DIRS", (tmp_path / "nowhere",))
    monkeypatch.delenv("DICPATH", raising=False)
    _fake_soffice(tmp_path / "bin", CONVERTING)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    out = tmp_path / "out"
    result = cli("build", EXAMPLE, "-o", out, "--lang", "ru", "--lang", "en", "--pdf")
    assert (result.code, result.err) == (0, (
        f"{out / 'ru.pdf'}: warning: LibreOffice has no Russian hyphenation patterns (hyph_ru_RU.dic): the PDF is "
        "set without hyphenation, with wider gaps between words; install them and convert again (Debian, Ubuntu: "
        "apt-get install hyphen-ru)\n"))
    assert sorted(p.name for p in out.iterdir()) == ["en.docx", "en.pdf", "ru.docx", "ru.pdf"]


@pytest.mark.external
def test_libreoffice_finds_the_patterns_where_reportgen_looks() -> None:
    """The patterns CI installs (hyphen-ru) are where :func:`pdf.has_patterns` looks."""
    assert pdf_writer.has_patterns("hyph_ru_RU.dic", tools.require("soffice"))
    assert not pdf_writer.has_patterns("hyph_xx_XX.dic", tools.require("soffice"))


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
