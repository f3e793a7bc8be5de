"""`reportgen tmx`: a TMX 1.4b memory of every translatable unit (headings,
paragraphs, their blocks, sub-items and footnotes), read back with translate-toolkit
and validated against the TMX 1.4 DTD (``../shared/interchange-schemas/tmx14.dtd``).
Counts and texts are derived from the sources themselves (the Markdown, the UDHR XML),
not from the alignment."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lxml import etree
from translate.storage.tmx import tmxfile

from tests.align import udhr
from tests.conftest import EXAMPLE, FIXTURES
from tests.support.shared import require_shared

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EXAMPLE_LANGS = ["en", "ar", "es", "fr", "ru", "zh"]  # the original first, then by code


def read_back(path: Path) -> list[list[tuple[str, str]]]:
    """Each unit's (language, text) pairs, in order, as translate-toolkit reads them;
    the file first validated against the TMX 1.4 DTD."""
    dtd = etree.DTD(str(require_shared("interchange-schemas") / "tmx14.dtd"))
    assert dtd.validate(etree.parse(str(path))), [str(e) for e in dtd.error_log][:5]
    store = tmxfile.parsefile(str(path))
    return [[(node.get(XML_LANG), unit.getNodeText(node)) for node in unit.getlanguageNodes()]
            for unit in store.units]


def numbered(folder: Path, lang: str) -> dict[int, str]:
    """Paragraph number → its text, from a version whose paragraphs are one plain line each."""
    text = folder.joinpath(f"{lang}.md").read_text(encoding="utf-8")
    return {int(m.group(1)): m.group(2) for m in re.finditer(r"^(\d+)\. (.*)$", text, re.M)}


def props(tu: etree._Element) -> dict[str, str]:
    return {p.get("type"): p.text for p in tu.findall("prop")}


def test_example_memory(cli, tmp_path: Path) -> None:
    out = tmp_path / "example.tmx"
    result = cli("tmx", EXAMPLE, "-o", out)
    assert (result.code, result.out, result.err) == (0, "", "")
    units = read_back(out)
    paragraphs = {lang: numbered(EXAMPLE, lang) for lang in EXAMPLE_LANGS}
    headings = {lang: re.findall(r"^# \S+(?:\.| -) (.*)$", (EXAMPLE / f"{lang}.md").read_text(encoding="utf-8"), re.M)
                for lang in EXAMPLE_LANGS}
    assert len(headings["en"]) == 1
    # the chapter heading, then one per paragraph of the original
    assert len(units) == 1 + len(paragraphs["en"]) == 13
    assert all([lang for lang, _ in unit] == EXAMPLE_LANGS for unit in units)
    assert units[0] == [(lang, headings[lang][0]) for lang in EXAMPLE_LANGS]
    assert units[9] == [(lang, paragraphs[lang][9]) for lang in EXAMPLE_LANGS]  # paragraph 9, verbatim
    store = tmxfile.parsefile(str(out))
    root = etree.fromstring(out.read_bytes())
    header = root.find("header")
    assert (root.get("version"), header.get("srclang"), header.get("segtype"), header.get("creationtool")) == \
        ("1.4", "en", "paragraph", "reportgen")
    first, second = root.findall("body/tu")[:2]
    assert (first.get("srclang"), first.get("tuid"), first.get("creationdate")) == \
        ("en", "cosp-eg1-2021-add1:1", "20210907T000000Z")
    assert [(p.get("type"), p.text) for p in first.findall("prop")] == [
        ("x-report", "cosp-eg1-2021-add1"), ("x-symbol", "CAC/COSP/EG.1/2021/L.1/Add.1"), ("x-unit", "ch3"),
        ("x-kind", "heading")]
    assert [(p.get("type"), p.text) for p in second.findall("prop")] == [
        ("x-report", "cosp-eg1-2021-add1"), ("x-symbol", "CAC/COSP/EG.1/2021/L.1/Add.1"), ("x-unit", "p1"),
        ("x-kind", "paragraph"), ("x-paragraph", "1")]
    assert store.units[1].gettarget("fr") == paragraphs["fr"][1]


def _lines(folder: Path, lang: str) -> list[str]:
    """The text of every heading, paragraph, sub-item and block line of a fixture version
    (one line each), markers, labels and footnote marks taken off, comments left out;
    a reference as printed (``printed``: label → its printed form)."""
    out = []
    body = folder.joinpath(f"{lang}.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    for line in body.split("\n"):
        text = re.sub(r"^\s*(?:#+ \S+\.|\d+\.|\([a-z]+\)|\[\^\d+\]:)?\s*(?:\{#[^}]*\}\s*)?", "", line)
        if text and not text.startswith("<!--"):
            out.append(re.sub(r"\[\^\d+\]", "", text))
    return out


def test_headings_sub_items_and_footnotes_are_units_of_their_own(cli, tmp_path: Path) -> None:
    report = FIXTURES / "continuing"
    out = tmp_path / "continuing.tmx"
    assert cli("tmx", report, "-o", out).code == 0
    units = read_back(out)
    tus = etree.fromstring(out.read_bytes()).findall("body/tu")
    described = [(p["x-unit"], p["x-kind"], p.get("x-paragraph"), p.get("x-item")) for p in map(props, tus)]
    assert described == [
        ("ch3", "heading", None, None),
        ("p101", "paragraph", "101", None), ("p101.fn1", "footnote", "101", None),
        ("p101.fn1.a", "sub-item", "101", "(a)"), ("p101.fn1.b", "sub-item", "101", "(b)"),
        ("p102", "paragraph", "102", None), ("p102.a", "sub-item", "102", "(a)"),
        ("p102.b", "sub-item", "102", "(b)"), ("p102.b.i", "sub-item", "102", "(b)(i)"),
        ("p102.b.ii", "sub-item", "102", "(b)(ii)"), ("p102.c", "sub-item", "102", "(c)"),
        ("p103", "paragraph", "103", None), ("p103.a", "sub-item", "103", "(a)"), ("p103.b", "sub-item", "103", "(b)"),
        ("p104", "paragraph", "104", None), ("p105", "paragraph", "105", None),
        ("p106", "paragraph", "106", None), ("p106.a", "sub-item", "106", "(a)"), ("p106.2", "block", "106", None)]
    # each unit's text is its own line of the source, nothing joined, no space added;
    # in the file, the footnote's lines stand after paragraph 101's
    printed = {"en": {"@débats": "chapter III", "@p104": "paragraph 104"},
               "zh": {"@débats": "第三章", "@p104": "第104段"}}
    for lang in ("en", "zh"):
        lines = _lines(report, lang)
        for label, shown in printed[lang].items():
            lines = [line.replace(label, shown) for line in lines]
        lines = lines[:2] + lines[-3:] + lines[2:-3]
        assert [dict(u)[lang] for u in units] == lines
    assert dict(units[6])["zh"] == "加强合作；" and dict(units[5])["zh"] == "会议建议各缔约国："


def test_the_same_bytes_on_a_second_run_and_on_stdout(cli, tmp_path: Path) -> None:
    first, second = tmp_path / "1.tmx", tmp_path / "2.tmx"
    assert cli("tmx", EXAMPLE, "-o", first).code == 0
    assert cli("tmx", EXAMPLE, "-o", second, "-j", "2").code == 0
    assert first.read_bytes() == second.read_bytes()
    result = cli("tmx", EXAMPLE)
    assert result.code == 0
    assert result.out.encode("utf-8") == first.read_bytes()


def test_a_missing_paragraph_has_no_tuv(cli, report_copy, tmp_path: Path) -> None:
    # the Russian translator left out paragraph 5 and renumbered the rest (no load error)
    src = report_copy()
    ru = src / "ru.md"
    lines = ru.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("5. "))
    del lines[start:start + 2]
    text = re.sub(r"^(\d+)\. ", lambda m: f"{int(m.group(1)) - (int(m.group(1)) > 5)}. ", "\n".join(lines),
                  flags=re.M)
    ru.write_text(text, encoding="utf-8")
    out = tmp_path / "m.tmx"
    result = cli("tmx", src, "-o", out)
    assert (result.code, result.err) == (0, "")
    units = read_back(out)
    assert len(units) == 13  # the heading and the 12 paragraphs
    assert [lang for lang, _ in units[5]] == ["en", "ar", "es", "fr", "zh"]
    assert dict(units[6])["ru"] == numbered(src, "ru")[5]  # the original's 6 is the Russian 5


@pytest.fixture
def declaration(tmp_path: Path) -> Path:
    udhr.require()
    return udhr.write_udhr_report(tmp_path / "reports" / "udhr")


def _xml(lang: str) -> etree._Element:
    return etree.parse(str(udhr.UDHR / f"udhr_{udhr.LANGUAGES[lang][0]}.xml")).getroot()


def _preamble(lang: str) -> list[str]:
    return [udhr._text(p) for p in _xml(lang).find(f"{udhr.NS}preamble").findall(f"{udhr.NS}para")]


def _articles(lang: str) -> list[str]:
    """The text of every paragraph of every article, in order: each a unit (an article's
    first paragraph, its further ones as blocks, its list items as sub-items)."""
    return [udhr._text(p) for a in _xml(lang).findall(f"{udhr.NS}article") for p in a.iter(f"{udhr.NS}para")]


def test_udhr_memory(cli, declaration: Path, tmp_path: Path) -> None:
    out = tmp_path / "udhr.tmx"
    assert cli("tmx", declaration, "-o", out).code == 0
    units = read_back(out)
    preamble = {lang: _preamble(lang) for lang in ("en", "fr", "zh")}
    # The English preamble has ten paragraphs, the French nine ("Now, therefore," has none)
    # and the Chinese eight: the first six correspond one to one, the rest make one unit.
    assert [len(p) for p in preamble.values()] == [10, 9, 8]
    articles = {lang: _articles(lang) for lang in ("en", "fr", "zh")}
    assert len(articles["en"]) == 50
    assert len(units) == 1 + 6 + 1 + len(articles["en"])  # the preamble's heading first
    assert all([lang for lang, _ in unit] == ["en", "fr", "zh"] for unit in units)
    assert units[0] == [(lang, udhr.PREAMBLE[lang]) for lang in ("en", "fr", "zh")]
    assert units[1] == [(lang, preamble[lang][0]) for lang in ("en", "fr", "zh")]
    # joined with a space, but with nothing in Chinese (written without spaces)
    assert units[7] == [("en", " ".join(preamble["en"][6:])), ("fr", " ".join(preamble["fr"][6:])),
                        ("zh", "".join(preamble["zh"][6:]))]
    for lang in ("en", "fr", "zh"):  # every paragraph and list item of an article, verbatim
        assert [dict(u)[lang] for u in units[8:]] == articles[lang]
    tus = etree.fromstring(out.read_bytes()).findall("body/tu")
    kinds = [(p["x-unit"], p["x-kind"], p.get("x-paragraph")) for p in map(props, tus)]
    assert kinds[:2] == [("top.h1", "heading", None), ("top.u1", "paragraph", None)]
    assert kinds[7] == ("top.u7", "paragraphs", None)
    assert {k for _, k, _ in kinds[8:]} == {"paragraph", "block", "sub-item"}


def test_two_reports_in_one_memory(cli, declaration: Path, tmp_path: Path) -> None:
    out = tmp_path / "both.tmx"
    assert cli("tmx", EXAMPLE, declaration, "-o", out).code == 0
    units = read_back(out)
    assert len(units) == 13 + 58
    assert units[1][0] == ("en", numbered(EXAMPLE, "en")[1])
    assert units[13 + 1][0] == ("en", _preamble("en")[0])
    assert etree.fromstring(out.read_bytes()).find("header").get("srclang") == "en"


def test_a_folder_of_reports_is_every_report_in_it_by_name(cli, declaration: Path, tmp_path: Path) -> None:
    reports = declaration.parent
    shutil.copytree(EXAMPLE, reports / "a-example")
    (reports / "terms.csv").write_text("en,fr\nhuman rights,droits de l'homme\n", encoding="utf-8")  # not a report
    by_folder, by_name = tmp_path / "folder.tmx", tmp_path / "names.tmx"
    assert cli("tmx", reports, "-o", by_folder).code == 0
    assert cli("tmx", reports / "a-example", declaration, "-o", by_name).code == 0
    assert by_folder.read_bytes() == by_name.read_bytes()
    assert len(read_back(by_folder)) == 13 + 58


def test_reports_with_different_originals_make_srclang_all(cli, report_copy, tmp_path: Path) -> None:
    src = report_copy()
    for path in src.glob("*.md"):
        path.write_text(path.read_text(encoding="utf-8").replace("original: en", "original: zh"), encoding="utf-8")
    out = tmp_path / "mixed.tmx"
    assert cli("tmx", EXAMPLE, src, "-o", out).code == 0
    root = etree.fromstring(out.read_bytes())
    assert root.find("header").get("srclang") == "*all*"
    tus = root.findall("body/tu")
    assert (tus[0].get("srclang"), tus[13].get("srclang")) == ("en", "zh")
    assert [t.get(XML_LANG) for t in tus[13].findall("tuv")] == ["zh", "ar", "en", "es", "fr", "ru"]


def test_an_unusable_report_is_exit_2_one_line_and_no_file(cli, report_copy, tmp_path: Path) -> None:
    src = report_copy()
    zh = src / "zh.md"
    zh.write_text(zh.read_text(encoding="utf-8").replace("distribution: limited", "distribution: secret"),
                  encoding="utf-8")
    out = tmp_path / "m.tmx"
    result = cli("tmx", EXAMPLE, src, "-o", out)
    assert (result.code, result.out) == (2, "")
    assert result.err.splitlines() == [f"{zh}:3: distribution 'secret' is not one of: general, limited, restricted"]
    assert not out.exists()


def test_a_folder_that_is_no_report(cli, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("tmx", empty)
    assert (result.code, result.out) == (2, "")
    assert result.err == f"{empty}: no language versions found (expected files such as en.md and zh.md)\n"
