"""Word list numbering computed as Word shows it: files from real producers (pandoc,
LibreOffice), then hand-written numbering.xml for each rule of ECMA-376 §17.9."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import docx
import pypandoc
import pytest
from lxml import etree

from reportgen.importer.numbering import ListNumbering
from tests.support import office, tools

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = f"{{{W}}}"


# ---------------------------------------------------------------- real producers

def _read_back(path: Path) -> list[tuple[str | None, str]]:
    """(label, text) of every body paragraph, in order, as the importer will ask."""
    document = docx.Document(str(path))
    numbering = document.part.numbering_part.element
    numbers = ListNumbering(numbering, document.styles.element)
    return [(numbers.label(p), "".join(t.text or "" for t in p.iter(f"{_W}t")).strip())
            for p in document.element.body.iterchildren(f"{_W}p")]


PANDOC_MD = """\
Intro paragraph.

4. four
5. five

    (a) alpha
    (b) beta

        i. one
        ii. two
        iii. three

    (c) gamma

6. six

Between.

1. again one
2. again two

Between again.

1. third list one
"""

PANDOC_LABELS = [
    (None, "Intro paragraph."), ("4.", "four"), ("5.", "five"), ("(a)", "alpha"),
    ("(b)", "beta"), ("i.", "one"), ("ii.", "two"), ("iii.", "three"), ("(c)", "gamma"),
    ("6.", "six"), (None, "Between."), ("1.", "again one"), ("2.", "again two"),
    (None, "Between again."), ("1.", "third list one"),
]


def _pandoc_docx(tmp_path: Path) -> Path:
    out = tmp_path / "pandoc.docx"
    pypandoc.convert_text(PANDOC_MD, "docx", format="markdown", outputfile=str(out))
    return out


def test_pandoc_lists_start_nest_and_restart(tmp_path: Path) -> None:
    # pandoc writes one abstract numbering per list style and start, so the two "1." lists
    # share one: each gets its own w:num with a startOverride, which restarts the count.
    assert _read_back(_pandoc_docx(tmp_path)) == PANDOC_LABELS


LIBREOFFICE_FODT = """\
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:styles>
  <text:list-style style:name="Paras">
   <text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/>
   <text:list-level-style-number text:level="2" style:num-format="a" style:num-prefix="(" style:num-suffix=")"/>
   <text:list-level-style-number text:level="3" style:num-format="i" style:num-prefix="(" style:num-suffix=")"/>
  </text:list-style>
 </office:styles>
 <office:body><office:text>
  <text:p>Introduction</text:p>
  <text:list xml:id="list1" text:style-name="Paras">
   <text:list-item><text:p>First paragraph.</text:p></text:list-item>
   <text:list-item><text:p>Second paragraph:</text:p>
    <text:list>
     <text:list-item><text:p>alpha;</text:p></text:list-item>
     <text:list-item><text:p>beta:</text:p>
      <text:list>
       <text:list-item><text:p>one;</text:p></text:list-item>
       <text:list-item><text:p>two;</text:p></text:list-item>
      </text:list>
     </text:list-item>
     <text:list-item><text:p>gamma.</text:p></text:list-item>
    </text:list>
   </text:list-item>
  </text:list>
  <text:p>An interruption.</text:p>
  <text:list text:continue-list="list1" text:style-name="Paras">
   <text:list-item><text:p>Third paragraph.</text:p></text:list-item>
  </text:list>
  <text:p>Conclusions</text:p>
  <text:list text:style-name="Paras">
   <text:list-item text:start-value="10"><text:p>Tenth paragraph.</text:p></text:list-item>
   <text:list-item><text:p>Eleventh paragraph.</text:p></text:list-item>
  </text:list>
 </office:text></office:body>
</office:document>
"""

LIBREOFFICE_FODT_LABELS = [
    (None, "Introduction"), ("1.", "First paragraph."), ("2.", "Second paragraph:"),
    ("(a)", "alpha;"), ("(b)", "beta:"), ("(i)", "one;"), ("(ii)", "two;"), ("(c)", "gamma."),
    (None, "An interruption."), ("3.", "Third paragraph."), (None, "Conclusions"),
    # LibreOffice writes "start at 10" as a w:num with startOverride 10 for the first
    # item and the list's plain w:num (same abstract numbering) for the next: Word, and
    # this module, continue the shared count there.
    ("10.", "Tenth paragraph."), ("11.", "Eleventh paragraph."),
]

LIBREOFFICE_HTML = """\
<html><body>
<p>Intro.</p>
<ol><li>First item</li>
<li>Second item<ol type="a"><li>alpha</li><li>beta<ol type="i"><li>one</li><li>two</li></ol></li></ol></li>
<li>Third item</li></ol>
<p>Between.</p>
<ol start="7"><li>seven</li><li>eight</li></ol>
</body></html>
"""

LIBREOFFICE_HTML_LABELS = [
    (None, "Intro."), ("1.", "First item"), ("2.", "Second item"), ("a.", "alpha"),
    ("b.", "beta"), ("i.", "one"), ("ii.", "two"), ("3.", "Third item"), (None, "Between."),
    ("7.", "seven"), ("8.", "eight"),
]


def _libreoffice_docx(tmp_path: Path, name: str, content: str) -> Path:
    """``soffice --convert-to docx`` with a private profile (as tests/support/office.py)."""
    soffice = tools.require("soffice")
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    profile = tmp_path / ".lo-profile"
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
         "--norestore", "--nologo", "--nodefault", "--nolockcheck",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=office.CONVERT_TIMEOUT,
        env={**os.environ, "FONTCONFIG_FILE": str(office.FONTS_CONF)})
    out = source.with_suffix(".docx")
    assert out.is_file(), f"LibreOffice wrote no DOCX:\n{result.stdout}\n{result.stderr}"
    return out


@pytest.mark.external
@pytest.mark.parametrize(("name", "content", "expected"), [
    ("lists.fodt", LIBREOFFICE_FODT, LIBREOFFICE_FODT_LABELS),
    ("lists.html", LIBREOFFICE_HTML, LIBREOFFICE_HTML_LABELS),
], ids=["odt", "html"])
def test_libreoffice_lists(tmp_path: Path, name: str, content: str,
                           expected: list[tuple[str | None, str]]) -> None:
    assert _read_back(_libreoffice_docx(tmp_path, name, content)) == expected


@pytest.mark.external
def test_libreoffice_prints_the_labels_computed(tmp_path: Path) -> None:
    """A second implementation agrees: LibreOffice's layout of both producers' files shows
    each paragraph with exactly the label computed here (spaces and tabs aside)."""
    files = [(_pandoc_docx(tmp_path), PANDOC_LABELS),
             (_libreoffice_docx(tmp_path, "lists.fodt", LIBREOFFICE_FODT), LIBREOFFICE_FODT_LABELS)]
    for path, expected in files:
        assert _read_back(path) == expected
        pdf = office.docx_to_pdf(path, tmp_path / f"pdf-{path.stem}")
        lines = ["".join(line.split()) for line in office.pdf_text(pdf).splitlines() if line.strip()]
        assert lines == ["".join(((label or "") + text).split()) for label, text in expected]


# ---------------------------------------------------------------- hand-written numbering.xml

def _lvl(ilvl: int, fmt: str = "decimal", text: str | None = None, *, start: int | None = 1,
         restart: int | None = None, style: str | None = None, legal: bool = False) -> str:
    """A w:lvl, its children in CT_Lvl's schema order."""
    text = f"%{ilvl + 1}." if text is None else text
    return (f'<w:lvl w:ilvl="{ilvl}">'
            + (f'<w:start w:val="{start}"/>' if start is not None else "")
            + f'<w:numFmt w:val="{fmt}"/>'
            + (f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else "")
            + (f'<w:pStyle w:val="{style}"/>' if style else "")
            + ("<w:isLgl/>" if legal else "")
            + f'<w:lvlText w:val="{text}"/></w:lvl>')


def _abstract(aid: int, *lvls: str, link: str = "") -> str:
    return f'<w:abstractNum w:abstractNumId="{aid}">{link}{"".join(lvls)}</w:abstractNum>'


def _num(nid: int, aid: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>'


def _start_override(ilvl: int, value: int, lvl: str = "") -> str:
    return f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{value}"/>{lvl}</w:lvlOverride>'


def _numbering(*parts: str) -> etree._Element:
    # CT_Numbering: every abstractNum before every num
    ordered = sorted(parts, key=lambda part: not part.startswith("<w:abstractNum"))
    return etree.fromstring(f'<w:numbering xmlns:w="{W}" xmlns:mc="{MC}">{"".join(ordered)}</w:numbering>')


def _styles(*styles: str) -> etree._Element:
    return etree.fromstring(f'<w:styles xmlns:w="{W}">{"".join(styles)}</w:styles>')


def _style(sid: str, *, based_on: str | None = None, num: int | None = None,
           ilvl: int | None = None, kind: str = "paragraph", default: bool = False) -> str:
    numpr = "" if num is None and ilvl is None else (
        "<w:pPr><w:numPr>" + (f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else "")
        + (f'<w:numId w:val="{num}"/>' if num is not None else "") + "</w:numPr></w:pPr>")
    return (f'<w:style w:type="{kind}" w:styleId="{sid}"' + (' w:default="1"' if default else "")
            + f'><w:name w:val="{sid}"/>' + (f'<w:basedOn w:val="{based_on}"/>' if based_on else "")
            + f"{numpr}</w:style>")


def _p(num: int | None = None, ilvl: int | None = None, style: str | None = None) -> etree._Element:
    ppr = (f'<w:pStyle w:val="{style}"/>' if style else "") + (
        "" if num is None and ilvl is None else
        "<w:numPr>" + (f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else "")
        + (f'<w:numId w:val="{num}"/>' if num is not None else "") + "</w:numPr>")
    return etree.fromstring(f'<w:p xmlns:w="{W}"><w:pPr>{ppr}</w:pPr><w:r><w:t>x</w:t></w:r></w:p>')


def _labels(numbers: ListNumbering, paragraphs: list[etree._Element]) -> list[str | None]:
    return [numbers.label(p) for p in paragraphs]


DECIMAL = _abstract(0, _lvl(0), _lvl(1, "lowerLetter", "(%2)"), _lvl(2, "lowerRoman", "(%3)"))


def test_start_override_restarts_the_shared_sequence() -> None:
    numbers = ListNumbering(_numbering(DECIMAL, _num(1, 0), _num(2, 0, _start_override(0, 1))), None)
    # num 2 restarts the count of abstract 0 where it is first used; num 1 then continues
    # that shared count, as Word does ("continue previous list"), not its own old one
    assert _labels(numbers, [_p(1, 0), _p(1, 0), _p(1, 0), _p(), _p(2, 0), _p(2, 0), _p(1, 0)]) == [
        "1.", "2.", "3.", None, "1.", "2.", "3."]


def test_start_override_restarts_once_per_num() -> None:
    numbers = ListNumbering(_numbering(DECIMAL, _num(1, 0), _num(2, 0, _start_override(0, 7))), None)
    assert _labels(numbers, [_p(2, 0), _p(1, 0), _p(2, 0), _p(1, 0)]) == ["7.", "8.", "9.", "10."]


def test_nums_sharing_an_abstract_continue() -> None:
    numbers = ListNumbering(_numbering(DECIMAL, _num(1, 0), _num(3, 0)), None)
    assert _labels(numbers, [_p(1, 0), _p(1, 0), _p(), _p(3, 0), _p(3, 0)]) == [
        "1.", "2.", None, "3.", "4."]


def test_separate_abstracts_count_separately() -> None:
    other = _abstract(1, _lvl(0))
    numbers = ListNumbering(_numbering(DECIMAL, other, _num(1, 0), _num(2, 1)), None)
    assert _labels(numbers, [_p(1, 0), _p(2, 0), _p(1, 0), _p(2, 0)]) == ["1.", "1.", "2.", "2."]


def test_deeper_levels_restart_after_a_shallower_one() -> None:
    numbers = ListNumbering(_numbering(DECIMAL, _num(1, 0)), None)
    paragraphs = [_p(1, 0), _p(1, 1), _p(1, 2), _p(1, 2), _p(1, 1), _p(1, 2), _p(1, 0), _p(1, 1), _p(1, 2)]
    assert _labels(numbers, paragraphs) == [
        "1.", "(a)", "(i)", "(ii)", "(b)", "(i)", "2.", "(a)", "(i)"]


def test_lvl_restart_zero_never_restarts_and_one_only_after_level_one() -> None:
    abstract = _abstract(0, _lvl(0), _lvl(1, "lowerLetter", "(%2)", restart=0),
                         _lvl(2, "lowerRoman", "%3)", restart=1))
    numbers = ListNumbering(_numbering(abstract, _num(1, 0)), None)
    paragraphs = [_p(1, 0), _p(1, 1), _p(1, 2), _p(1, 1), _p(1, 2), _p(1, 0), _p(1, 1), _p(1, 2)]
    # level 1 never restarts; level 2 restarts after level 1 of the spec's 1-based count
    # (ilvl 0) only, so not after "(b)"
    assert _labels(numbers, paragraphs) == ["1.", "(a)", "i)", "(b)", "ii)", "2.", "(c)", "i)"]


def test_lvl_restart_naming_its_own_or_a_deeper_level_is_the_default() -> None:
    abstract = _abstract(0, _lvl(0), _lvl(1, "lowerLetter", "(%2)", restart=2),
                         _lvl(2, "lowerRoman", "%3)", restart=7))
    numbers = ListNumbering(_numbering(abstract, _num(1, 0)), None)
    paragraphs = [_p(1, 0), _p(1, 1), _p(1, 2), _p(1, 1), _p(1, 2), _p(1, 0), _p(1, 1), _p(1, 2)]
    assert _labels(numbers, paragraphs) == ["1.", "(a)", "i)", "(b)", "i)", "2.", "(a)", "i)"]


def test_numbering_from_the_paragraph_style_and_its_based_on_chain() -> None:
    abstract = _abstract(0, _lvl(0), _lvl(1, "lowerLetter", "(%2)"),
                         _lvl(2, "lowerRoman", "(%3)", style="Deep"))
    styles = _styles(
        _style("Normal", default=True),
        _style("ListBase", based_on="Normal", num=5),
        _style("Para", based_on="ListBase"),  # numbering two basedOn steps away
        _style("Sub", based_on="Para", ilvl=1),  # ilvl from here, numId from ListBase
        _style("Deep", num=5),  # numId only: the level is the w:lvl linked to the style
    )
    numbers = ListNumbering(_numbering(abstract, _num(5, 0)), styles)
    paragraphs = [_p(style="Para"), _p(style="Sub"), _p(style="Deep"), _p(style="Sub"),
                  _p(0, style="Para"),  # numId 0 on the paragraph switches the style's off
                  _p(ilvl=1, style="Para"),  # the paragraph's ilvl wins over the style's
                  _p(style="Para"), _p(), _p(style="Normal")]
    assert [numbers.level(p) for p in paragraphs] == [0, 1, 2, 1, None, 1, 0, None, None]
    assert _labels(numbers, paragraphs) == [
        "1.", "(a)", "(i)", "(b)", None, "(c)", "2.", None, None]


def test_based_on_loop_ends() -> None:
    styles = _styles(_style("A", based_on="B", ilvl=1), _style("B", based_on="A", num=1))
    numbers = ListNumbering(_numbering(DECIMAL, _num(1, 0)), styles)
    # B inherits its ilvl from A, its basedOn, which is based on B again
    assert _labels(numbers, [_p(style="A"), _p(style="B")]) == ["(a)", "(b)"]


def test_default_paragraph_style_numbering_applies_without_pstyle() -> None:
    numbers = ListNumbering(_numbering(DECIMAL, _num(1, 0)), _styles(_style("Body", num=1, default=True)))
    assert _labels(numbers, [_p(), _p(), _p(style="Other")]) == ["1.", "2.", "3."]


def test_num_id_zero_missing_num_and_no_numbering_part() -> None:
    numbers = ListNumbering(_numbering(DECIMAL, _num(1, 0)), None)
    paragraphs = [_p(0, 0), _p(9, 0), _p(1, 0), _p(1, 9)]
    assert [numbers.level(p) for p in paragraphs] == [None, None, 0, None]
    assert _labels(numbers, paragraphs) == [None, None, "1.", None]
    bare = ListNumbering(None, None)
    assert (bare.label(_p(1, 0)), bare.level(_p(1, 0)), bare.is_bullet(_p(1, 0))) == (None, None, False)


def test_multilevel_text_and_a_skipped_level() -> None:
    abstract = _abstract(0, _lvl(0, text="%1."), _lvl(1, text="%1.%2."), _lvl(2, text="%1.%2.%3."))
    numbers = ListNumbering(_numbering(abstract, _num(1, 0)), None)
    paragraphs = [_p(1, 0), _p(1, 1), _p(1, 1), _p(1, 2), _p(1, 0), _p(1, 1), _p(1, 0), _p(1, 2)]
    # a level not used since its restart shows 0: Word's "3.0.1." for a level-3 paragraph
    # straight after a level-1 one
    assert _labels(numbers, paragraphs) == [
        "1.", "1.1.", "1.2.", "1.2.1.", "2.", "2.1.", "3.", "3.0.1."]


def test_is_lgl_shows_every_level_in_decimal() -> None:
    # the spec's own example (§17.9.4): A, A.a, A.b, 1.2.1, 1.2.2, B, B.a, 2.1.1
    abstract = _abstract(0, _lvl(0, "upperLetter", "%1"), _lvl(1, "lowerLetter", "%1.%2"),
                         _lvl(2, "decimal", "%1.%2.%3", legal=True))
    numbers = ListNumbering(_numbering(abstract, _num(1, 0)), None)
    paragraphs = [_p(1, 0), _p(1, 1), _p(1, 1), _p(1, 2), _p(1, 2), _p(1, 0), _p(1, 1), _p(1, 2)]
    assert _labels(numbers, paragraphs) == ["A", "A.a", "A.b", "1.2.1", "1.2.2", "B", "B.a", "2.1.1"]


@pytest.mark.parametrize(("fmt", "start", "expected"), [
    ("lowerLetter", 1, ["a", "b", "c"]),
    ("lowerLetter", 26, ["z", "aa", "bb"]),  # Word repeats the letter past z
    ("upperLetter", 52, ["ZZ", "AAA", "BBB"]),
    ("lowerRoman", 3, ["iii", "iv", "v"]),
    ("lowerRoman", 8, ["viii", "ix", "x"]),
    ("upperRoman", 39, ["XXXIX", "XL", "XLI"]),
    ("upperRoman", 1994, ["MCMXCIV", "MCMXCV", "MCMXCVI"]),
    ("upperRoman", 3999, ["MMMCMXCIX", "MMMM", "MMMMI"]),
    ("decimalZero", 9, ["09", "10", "11"]),
    ("decimal", 0, ["0", "1", "2"]),
    ("ordinalText", 1, ["1", "2", "3"]),  # words of a language: kept as digits
])
def test_number_formats(fmt: str, start: int, expected: list[str]) -> None:
    numbers = ListNumbering(_numbering(_abstract(0, _lvl(0, fmt, "%1", start=start)), _num(1, 0)), None)
    assert _labels(numbers, [_p(1, 0)] * 3) == expected


def test_omitted_start_is_zero_and_omitted_format_decimal() -> None:
    lvl = '<w:lvl w:ilvl="0"><w:lvlText w:val="%1."/></w:lvl>'
    numbers = ListNumbering(_numbering(_abstract(0, lvl), _num(1, 0)), None)
    assert _labels(numbers, [_p(1, 0), _p(1, 0)]) == ["0.", "1."]


def test_alternate_content_format_uses_the_fallback() -> None:
    lvl = ('<w:lvl w:ilvl="0"><w:start w:val="3"/><mc:AlternateContent>'
           '<mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice>'
           '<mc:Fallback><w:numFmt w:val="decimalZero"/></mc:Fallback></mc:AlternateContent>'
           '<w:lvlText w:val="%1."/></w:lvl>')
    numbers = ListNumbering(_numbering(_abstract(0, lvl), _num(1, 0)), None)
    assert _labels(numbers, [_p(1, 0)]) == ["03."]


def test_bullets_and_unnumbered_levels_have_no_label() -> None:
    abstract = _abstract(0, _lvl(0), _lvl(1, "bullet", "\u2022"), _lvl(2, "none", "%3"))
    numbers = ListNumbering(_numbering(abstract, _num(1, 0)), None)
    paragraphs = [_p(1, 0), _p(1, 1), _p(1, 2), _p(1, 0), _p()]
    assert [numbers.is_bullet(p) for p in paragraphs] == [False, True, False, False, False]
    assert [numbers.level(p) for p in paragraphs] == [0, 1, 2, 0, None]
    assert _labels(numbers, paragraphs) == ["1.", None, None, "2.", None]


def test_level_and_is_bullet_do_not_advance() -> None:
    numbers = ListNumbering(_numbering(DECIMAL, _num(1, 0)), None)
    p = _p(1, 0)
    for _ in range(3):
        assert (numbers.level(p), numbers.is_bullet(p)) == (0, False)
    assert _labels(numbers, [p, p]) == ["1.", "2."]


def test_full_level_override() -> None:
    roman = _lvl(0, "upperRoman", "%1)", start=4)
    numbers = ListNumbering(_numbering(
        DECIMAL, _num(1, 0),
        _num(2, 0, f'<w:lvlOverride w:ilvl="0">{roman}</w:lvlOverride>'),
        _num(3, 0, _start_override(0, 2, roman))), None)
    # num 2 has the overriding look and start; num 3's startOverride wins over the
    # w:lvl's start and restarts the shared count; num 1 keeps the abstract's look
    assert _labels(numbers, [_p(2, 0), _p(2, 0), _p(1, 0), _p(3, 0), _p(1, 0)]) == [
        "IV)", "V)", "6.", "II)", "3."]


def test_override_lvl_restart_is_ignored() -> None:
    # [MS-OI29500]: Word ignores lvlRestart inside an override's w:lvl
    never = _lvl(1, "lowerLetter", "(%2)", restart=0)
    numbers = ListNumbering(_numbering(DECIMAL, _num(1, 0, f'<w:lvlOverride w:ilvl="1">{never}</w:lvlOverride>')), None)
    assert _labels(numbers, [_p(1, 0), _p(1, 1), _p(1, 0), _p(1, 1)]) == ["1.", "(a)", "2.", "(a)"]


def test_num_style_link_leads_to_the_styles_numbering() -> None:
    link = _abstract(10, link='<w:numStyleLink w:val="UNList"/>')
    base = _abstract(11, _lvl(0, "lowerLetter", "(%1)"), link='<w:styleLink w:val="UNList"/>')
    styles = _styles(_style("UNList", num=20, kind="numbering"))
    numbers = ListNumbering(_numbering(link, base, _num(20, 11), _num(21, 10)), styles)
    # both nums end at abstract 11, so they share its count
    assert _labels(numbers, [_p(21, 0), _p(21, 0), _p(20, 0)]) == ["(a)", "(b)", "(c)"]


def test_circular_num_style_link_is_unnumbered() -> None:
    link = _abstract(10, link='<w:numStyleLink w:val="Loop"/>')
    styles = _styles(_style("Loop", num=21, kind="numbering"))
    numbers = ListNumbering(_numbering(link, _num(21, 10)), styles)
    assert (numbers.label(_p(21, 0)), numbers.level(_p(21, 0))) == (None, None)
