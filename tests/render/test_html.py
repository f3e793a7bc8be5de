"""The HTML alignment report (reportgen/render/html), over the side-by-side model (reportgen/align/sidebyside.py): rows that follow the
content alignment (missing, merged, split, extra, moved units), highlighting,
sub-items and footnotes, direction, escaping, self-containment, the filter, and
what a real browser makes of it."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest

from reportgen import pipeline
from reportgen.model import Note, SubItem, walk
from reportgen.align import align_report
from reportgen.align.findings import Finding, Link, Pair, Version
from reportgen.align.sidebyside import by_number
from reportgen.render.html import render_html
from reportgen.render.html.text import highlight
from reportgen.align.prepare import prepare
from reportgen.align.result import AlignmentResult
from reportgen.source.reader import read_document
from tests.conftest import FIXTURES

SCRIPT = "<script>alert(1)</script>"
# As written in a source: raw markup is refused, an escaped "<" is text.
SCRIPT_SOURCE = SCRIPT.replace("<", "\\<")

FRONT = """---
symbol: A/AC.1/2021/L.1
distribution: general
date: 2021-03-15
language: {lang}
original: en
organ: Committee
title: Report
---

# I. Matters

"""

SOURCES = {
    "en": [
        "1. In 2012, the Committee met on 12 March and adopted 3 decisions (A/75/1).",
        f"2. The text {SCRIPT_SOURCE} & more.",
        "3. Third paragraph.",
    ],
    "fr": [
        "1. En 2012, le Comité s’est réuni le 13 mars et a adopté 3 décisions (A/75/1).",
        f"2. Le texte {SCRIPT_SOURCE} & plus.",
    ],
    "ar": [
        "1. في عام 2012، اجتمعت اللجنة في 12 آذار/مارس واعتمدت 4 مقررات (A/75/1).",
        "2. النص والمزيد.",
        "3. الفقرة الثالثة.",
    ],
}


def _version(tmp_path: Path, lang: str, sources: dict[str, list[str]] | None = None,
             notes: str = "", *, strict: bool = True) -> Version:
    """Read a small Markdown version and prepare it as the checks see it (``strict``:
    with no diagnostic, such as numbers out of order)."""
    path = tmp_path / "src" / f"{lang}.md"
    path.parent.mkdir(exist_ok=True)
    body = "\n\n".join((sources or SOURCES)[lang]) + "\n"
    path.write_text(FRONT.format(lang=lang) + body + (f"\n{notes}\n" if notes else ""), encoding="utf-8")
    doc, diagnostics = read_document(path)
    assert doc is not None and (diagnostics == [] or not strict), diagnostics
    return prepare(doc)


def one_to_one(original: Version, version: Version) -> Pair:
    return Pair(original, version, tuple(Link((i,), (i,)) for i in range(len(original.segments))))


def F(severity, check, lang, paragraph, line, message, items=(), original_items=()) -> Finding:
    return Finding(severity, check, lang, paragraph, line, message, tuple(items), tuple(original_items))


# lines: the heading at 11, paragraphs 1, 2, 3 at 13, 15, 17
FINDINGS = (
    F("warning", "number-mismatch", "ar", "1", 13, "4 where the original has 3", ["4"], ["3"]),
    F("info", "length-outlier", "ar", "2", 15, "paragraph 2 is much shorter than the original"),
    F("warning", "metadata-mismatch", "fr", None, 5, f"title differs: {SCRIPT}"),
    F("error", "number-mismatch", "fr", "1", 13, "13 where the original has 12", ["13"], ["12"]),
    F("error", "missing-paragraph", "fr", "3", 15, "paragraph 3 of the original (en.md:17) is missing"),
)
ACCEPTED = (
    F("info", "untranslated", "ar", "3", 17, "accepted: left in the original wording", ["الثالثة"]),
)


@pytest.fixture
def result(tmp_path: Path) -> AlignmentResult:
    versions = {lang: _version(tmp_path, lang) for lang in ("en", "ar", "fr")}
    en, fr = versions["en"], versions["fr"]
    pairs = {"ar": one_to_one(en, versions["ar"]),
             "fr": Pair(en, fr, (Link((0,), (0,)), Link((1,), (1,)), Link((2,), ())))}
    return AlignmentResult(
        report="demo-2021", symbol="A/AC.1/2021/L.1", original="en", languages=("en", "ar", "fr"),
        findings=FINDINGS, accepted=ACCEPTED, versions=versions, pairs=pairs,
    )


@pytest.fixture
def html(result: AlignmentResult) -> str:
    return render_html(result)


@pytest.fixture
def tree(html: str):
    return lxml.html.document_fromstring(html)


def _text(el) -> str:
    return el.text_content().strip()


def _finding_key(el) -> tuple[str, str, str, str, str]:
    return (el.get("data-check"), el.get("data-lang"), el.get("data-paragraph"), el.get("data-severity"),
            _text(el.find_class("message")[0]))


def _expected(findings) -> set[tuple[str, str, str, str, str]]:
    return {(f.check, f.lang, f.paragraph or "", f.severity, f.message) for f in findings}


# ----------------------------------------------------------------- content


def test_title_names_report_and_symbol(tree) -> None:
    assert "demo-2021" in tree.findtext(".//title") and "A/AC.1/2021/L.1" in tree.findtext(".//title")
    assert "demo-2021" in _text(tree.find(".//h1"))
    assert _text(tree.find_class("doc-symbol")[0]) == "A/AC.1/2021/L.1"


def test_summary_per_language(tree) -> None:
    table = tree.find_class("summary")[0]
    counts = {}
    for tr in table.xpath(".//tr[@data-lang]"):
        counts[tr.get("data-lang")] = {td.get("data-count"): int(_text(td)) for td in tr.xpath("./td[@data-count]")}
    zero = {"error": 0, "warning": 0, "info": 0, "accepted": 0}
    assert counts == {
        "en": zero,
        "ar": {"error": 0, "warning": 1, "info": 1, "accepted": 1},
        "fr": {"error": 2, "warning": 1, "info": 0, "accepted": 0},
        "": {"error": 2, "warning": 2, "info": 1, "accepted": 1},  # total
    }
    assert [tr.get("data-lang") for tr in table.xpath("./tbody/tr")] == ["en", "ar", "fr"]


def _rows(tree) -> list[tuple[str, str]]:
    return [(tr.get("data-row"), tr.get("data-paragraph"))
            for tr in tree.find_class("versions")[0].xpath("./tbody/tr")]


def test_columns_original_first_and_rows(tree) -> None:
    versions = tree.find_class("versions")[0]
    assert [th.get("data-lang") for th in versions.xpath("./thead/tr/th[@data-lang]")] == ["en", "ar", "fr"]
    assert _rows(tree) == [("heading", ""), ("paragraph", "1"), ("paragraph", "2"), ("paragraph", "3")]
    for tr in versions.xpath("./tbody/tr"):
        assert [td.get("data-lang") for td in tr.xpath("./td[@data-lang]")] == ["en", "ar", "fr"]


def test_heading_rows_show_each_version_heading(tree) -> None:
    (row,) = tree.xpath('//tr[@data-row="heading"]')
    assert [_text(td) for td in row.xpath("./td")] == ["I. Matters", "أولا - Matters", "I. Matters"]
    assert row.xpath('./td[@data-lang="ar"]')[0].get("dir") == "rtl"


def _cell(tree, lang: str, paragraph: str):
    (cell,) = tree.xpath(f'//td[@data-lang="{lang}"][@data-paragraph="{paragraph}"]')
    return cell


def test_cells_hold_the_paragraph_text(tree) -> None:
    assert _text(_cell(tree, "en", "3").find_class("text")[0]) == "Third paragraph."
    assert _text(_cell(tree, "ar", "2").find_class("text")[0]) == "النص والمزيد."


def test_highlighted_items(tree) -> None:
    def marks(lang, paragraph):
        return [_text(m) for m in _cell(tree, lang, paragraph).xpath(".//p[contains(@class,'text')]//mark")]

    assert marks("en", "1") == ["12", "3"]  # both translations' original_items; not "12" inside "2012"
    assert marks("fr", "1") == ["13"]
    assert marks("ar", "1") == ["4"]
    assert marks("en", "2") == [] and marks("ar", "2") == []
    (fr13,) = _cell(tree, "fr", "1").xpath(".//mark")
    assert fr13.get("class") == "hl sev-error" and fr13.get("data-checks") == "number-mismatch"
    (en3,) = [m for m in _cell(tree, "en", "1").xpath(".//mark") if _text(m) == "3"]
    assert en3.get("class") == "hl sev-warning by-ar by-ar-warning"  # the view of ar marks it, fr's does not
    (en12,) = [m for m in _cell(tree, "en", "1").xpath(".//mark") if _text(m) == "12"]
    assert en12.get("class") == "hl sev-error by-fr by-fr-error"
    # the text around the marks is kept whole
    assert _text(_cell(tree, "fr", "1").find_class("text")[0]) == SOURCES["fr"][0][3:]


def test_rtl_cell(tree) -> None:
    for paragraph in ("1", "2", "3"):
        cell = _cell(tree, "ar", paragraph)
        assert (cell.get("lang"), cell.get("dir")) == ("ar", "rtl")
        assert (_cell(tree, "fr", paragraph).get("dir"), _cell(tree, "en", paragraph).get("dir")) == ("ltr", "ltr")
    # the findings list in an Arabic cell is English, left to right
    (ul,) = _cell(tree, "ar", "1").xpath(".//ul")
    assert (ul.get("lang"), ul.get("dir")) == ("en", "ltr")


def test_missing_paragraph_cell(tree) -> None:
    cell = _cell(tree, "fr", "3")
    assert "missing" in cell.get("class").split() and cell.get("data-kind") == "missing"
    assert cell.find_class("text") == [] and cell.find_class("unit") == []
    assert [_text(t) for t in cell.find_class("tag")] == ["missing"]
    (f,) = cell.find_class("finding")
    assert f.get("data-check") == "missing-paragraph" and f.get("data-paragraph") == "3"
    # the row is the original's paragraph 3, shown in full
    assert _text(_cell(tree, "en", "3").find_class("text")[0]) == "Third paragraph."


def test_findings_in_their_cells(tree) -> None:
    (f,) = _cell(tree, "fr", "1").find_class("finding")
    assert _finding_key(f) == ("number-mismatch", "fr", "1", "error", "13 where the original has 12")
    assert _text(f.find_class("badge")[0]) == "error"
    assert _text(f.find_class("source")[0]) == "fr.md:13"
    assert _cell(tree, "en", "1").find_class("finding") == []


def test_document_and_accepted_sections(tree) -> None:
    (document,) = tree.xpath('//section[@id="document"]')
    assert [_finding_key(f) for f in document.find_class("finding")] == [
        ("metadata-mismatch", "fr", "", "warning", f"title differs: {SCRIPT}")]
    (accepted,) = tree.xpath('//section[@id="accepted"]')
    (f,) = accepted.find_class("finding")
    assert _finding_key(f) == ("untranslated", "ar", "3", "info", "accepted: left in the original wording")
    assert "accepted" in f.get("class").split() and f.get("data-accepted") == "true"
    # an accepted finding is not counted, nor marked in the text
    assert _cell(tree, "ar", "3").xpath(".//mark") == [] and _cell(tree, "ar", "3").find_class("finding") == []


def test_every_finding_once_with_its_attributes(tree) -> None:
    found = [_finding_key(f) for f in tree.find_class("finding")]
    assert sorted(found) == sorted(_expected(FINDINGS + ACCEPTED))
    assert len(tree.xpath("//*[@data-check]")) == len(FINDINGS) + len(ACCEPTED)


# ------------------------------------------------------ content alignment

NOTE = "[^1]: Note about 10."
# The original, and versions with: paragraphs 2 and 3 merged, an extra paragraph, 5 split (fr);
# 3 and 4 merged across a heading (es); 2 and 3 exchanged (ru).
STRUCTURE = {
    "en": ["Intro.", "1. Alpha 10, including:\n\n    (a) first;\n\n    (b) second.[^1]", "2. Beta 20.", "3. Gamma 30.",
           "## A. Sub", "4. Delta 40.", "5. Epsilon 50. More 55."],
    "fr": ["Intro fr.", "1. Alpha fr 10, dont :\n\n    (a) premier ;\n\n    (b) second.[^1]", "2. Beta 20. Gamma 30.",
           "## A. Sous", "3. Delta 40.", "4. Extra 99.", "5. Epsilon 50.", "6. More 55."],
    "es": ["Intro es.", "1. Alpha es 10:\n\n    (a) primero;\n\n    (b) segundo.[^1]", "2. Beta es 20.",
           "3. Gamma 30. Delta 40.", "## A. Sub es", "4. Epsilon 50. More 55."],
    "ru": ["Intro ru.", "1. Alpha ru 11:\n\n    (a) pervoe;\n\n    (b) vtoroe.[^1]", "2. Gamma ru 30.",
           "3. Beta ru 20.", "## A. Sub ru", "4. Delta 40.", "5. Epsilon 50. More 55."],
}
LINKS = {
    "fr": (Link((0,), (0,)), Link((1,), (1,)), Link((2, 3), (2,)), Link((4,), (3,)), Link((), (4,)),
           Link((5,), (5, 6))),
    "es": (Link((0,), (0,)), Link((1,), (1,)), Link((2,), (2,)), Link((3, 4), (3,)), Link((5,), (4,))),
    "ru": (Link((0,), (0,)), Link((1,), (1,)), Link((2,), (3,), moved=True), Link((3,), (2,), swapped=True),
           Link((4,), (4,)), Link((5,), (5,))),
}


@pytest.fixture
def structure(tmp_path: Path) -> AlignmentResult:
    versions = {lang: _version(tmp_path, lang, STRUCTURE, NOTE) for lang in STRUCTURE}
    en = versions["en"]

    def at(lang: str, segment: int) -> int | None:
        return versions[lang].segments[segment].line

    findings = (
        F("error", "merged-paragraphs", "fr", "2", at("fr", 2), "paragraphs 2 and 3 of the original are merged"),
        F("error", "numbering-mismatch", "fr", "4", at("fr", 3), "paragraph 3 here is paragraph 4 of the original"),
        F("error", "extra-paragraph", "fr", "4", at("fr", 4), "paragraph 4 here has no counterpart in the original"),
        F("error", "split-paragraph", "fr", "5", at("fr", 5), "paragraph 5 of the original is split"),
        F("error", "merged-paragraphs", "es", "3", at("es", 3), "paragraphs 3 and 4 of the original are merged"),
        F("error", "order-mismatch", "ru", "2", at("ru", 3), "paragraph 2 of the original stands after 3 here"),
        F("warning", "number-mismatch", "ru", "1", at("ru", 1), "11 where the original has 10", ["11"], ["10"]),
    )
    return AlignmentResult(
        report="structure", symbol="A/AC.1/2021/L.1", original="en", languages=("en", "es", "fr", "ru"),
        findings=findings, versions=versions, pairs={k: Pair(en, versions[k], v) for k, v in LINKS.items()},
    )


@pytest.fixture
def stree(structure: AlignmentResult):
    return lxml.html.document_fromstring(render_html(structure))


def _row(tree, kind: str, paragraph: str = ""):
    table = tree.find_class("versions")[0]
    return table.xpath(f'./tbody/tr[@data-row="{kind}"][@data-paragraph="{paragraph}"]')


def _tags(cell) -> list[str]:
    return [_text(t) for t in cell.find_class("tag")]


def _heres(cell) -> list[str]:
    return [_text(h) for h in cell.find_class("here")]


def test_rows_follow_the_original_segments(stree) -> None:
    assert _rows(stree) == [("heading", ""), ("unnumbered", ""), ("paragraph", "1"), ("paragraph", "2"),
                            ("paragraph", "3"), ("heading", ""), ("paragraph", "4"), ("extra", ""),
                            ("paragraph", "5")]
    (intro,) = _row(stree, "unnumbered")
    assert [_text(td.find_class("text")[0]) for td in intro.xpath("./td")] == [
        "Intro.", "Intro es.", "Intro fr.", "Intro ru."]


def test_table_grid_is_rectangular(stree) -> None:
    """Every row fills every column once, counting the cells that span from above."""
    carried: dict[int, int] = {}  # column -> rows it is still spanned
    for tr in stree.find_class("versions")[0].xpath("./tbody/tr"):
        column, cells = 0, tr.xpath("./th | ./td")
        for cell in cells:
            while carried.get(column):
                carried[column] -= 1
                column += 1
            span = int(cell.get("rowspan", "1"))
            if span > 1:
                carried[column] = span - 1
            column += 1
        while carried.get(column):
            carried[column] -= 1
            column += 1
        assert column == 5, (tr.get("id"), column)


def test_merged_paragraphs_span_the_original_rows(stree) -> None:
    cell = _cell(stree, "fr", "2")
    assert (cell.get("data-kind"), cell.get("rowspan")) == ("merged", "2")
    assert _tags(cell) == ["merged: ¶\u202f2–3"]
    assert [_text(p) for p in cell.find_class("text")] == ["Beta 20. Gamma 30."]
    assert [f.get("data-check") for f in cell.find_class("finding")] == ["merged-paragraphs"]
    assert stree.xpath('//td[@data-lang="fr"][@data-paragraph="3"]') == []  # spanned


def test_merged_across_a_heading_is_marked_below(stree) -> None:
    cell = _cell(stree, "es", "3")
    assert cell.get("data-kind") == "merged" and cell.get("rowspan") is None
    assert _tags(cell) == ["merged: ¶\u202f3–4"] and _text(cell.find_class("text")[0]) == "Gamma 30. Delta 40."
    below = _cell(stree, "es", "4")
    assert below.get("data-kind") == "merged-above" and _tags(below) == ["(merged above)"]
    assert below.find_class("text") == [] and below.find_class("finding") == []


def test_split_paragraph_shows_both_units(stree) -> None:
    cell = _cell(stree, "fr", "5")
    assert cell.get("data-kind") == "split" and _tags(cell) == ["split into 2 here"]
    assert [_text(p) for p in cell.find_class("text")] == ["Epsilon 50.", "More 55."]
    assert _heres(cell) == ["here ¶\u202f5", "here ¶\u202f6"]
    assert [f.get("data-check") for f in cell.find_class("finding")] == ["split-paragraph"]


def test_extra_paragraph_has_its_own_row(stree) -> None:
    (row,) = _row(stree, "extra")
    assert _text(row.xpath("./th")[0]) == "+" and row.xpath("./th")[0].get("title") == "not in the original"
    assert [td.get("data-kind") for td in row.xpath("./td")] == ["absent", "none", "extra", "none"]
    (cell,) = row.xpath('./td[@data-lang="fr"]')
    assert _tags(cell) == ["not in the original"] and _heres(cell) == ["here ¶\u202f4"]
    assert _text(cell.find_class("text")[0]) == "Extra 99."
    assert [f.get("data-check") for f in cell.find_class("finding")] == ["extra-paragraph"]


def test_moved_paragraph_stands_in_the_row_of_its_original(stree) -> None:
    moved = _cell(stree, "ru", "2")
    assert moved.get("data-kind") == "moved" and _tags(moved) == ["moved"]
    assert _heres(moved) == ["here ¶\u202f3"] and _text(moved.find_class("text")[0]) == "Beta ru 20."
    assert [f.get("data-check") for f in moved.find_class("finding")] == ["order-mismatch"]
    other = _cell(stree, "ru", "3")
    assert _heres(other) == ["here ¶\u202f2"] and _text(other.find_class("text")[0]) == "Gamma ru 30."


def test_version_number_shown_where_it_differs(stree) -> None:
    assert _heres(_cell(stree, "fr", "4")) == ["here ¶\u202f3"]
    assert [f.get("data-check") for f in _cell(stree, "fr", "4").find_class("finding")] == ["numbering-mismatch"]
    assert _heres(_cell(stree, "fr", "1")) == [] and _heres(_cell(stree, "en", "4")) == []


def test_subitems_and_footnotes(stree) -> None:
    en, fr = _cell(stree, "en", "1"), _cell(stree, "fr", "1")
    assert [_text(p) for p in en.find_class("text")] == ["Alpha 10, including:", "(a) first;", "(b) second.1"]
    assert [_text(m) for m in fr.find_class("marker")] == ["a)", "b)"]  # the language's form
    assert [_text(m) for m in en.find_class("marker")] == ["(a)", "(b)"]
    (call,) = en.xpath(".//p[contains(@class,'text')]//sup[@class='fn']")
    assert _text(call) == "1"
    (note,) = en.find_class("footnote")
    assert _text(note) == "1 Note about 10." and note.find_class("text") == []
    # the original's "10" the Russian version got wrong, in the text and in the footnote
    assert [_text(m) for m in en.xpath(".//mark")] == ["10", "10"]
    assert [_text(m) for m in _cell(stree, "ru", "1").xpath(".//mark")] == ["11"]


def test_every_finding_once_in_its_row(stree, structure: AlignmentResult) -> None:
    found = [_finding_key(f) for f in stree.find_class("finding")]
    assert sorted(found) == sorted(_expected(structure.findings))
    assert stree.xpath('//section[@id="document"]')[0].find_class("finding") == []


def test_a_finding_at_a_subitem_or_footnote_line_is_in_its_row(structure: AlignmentResult) -> None:
    fr = structure.versions["fr"].segments[1].block  # paragraph 1, with (a), (b) and a footnote
    (b,) = [x for x in fr.blocks if isinstance(x, SubItem) and x.index == 2]
    (note,) = [x for x, _, _ in walk((fr,)) if isinstance(x, Note)]
    assert len({fr.line, b.line, note.line}) == 3
    findings = (F("info", "untranslated", "fr", None, b.line, "sub-item (b) is the original's"),
                F("info", "untranslated", "fr", None, note.line, "footnote 1 is the original's"))
    tree = lxml.html.document_fromstring(render_html(replace(structure, findings=findings)))
    assert [_finding_key(f)[4] for f in _cell(tree, "fr", "1").find_class("finding")] == [
        "sub-item (b) is the original's", "footnote 1 is the original's"]  # by line


def test_filter_hides_the_rows_without_findings(stree) -> None:
    section = stree.xpath('//section[@id="paragraphs"]')[0]
    (box,) = section.xpath('./input[@id="only-findings"]')
    assert box.get("type") == "checkbox" and box.get("checked") is not None  # on at first (issue 23)
    (label,) = section.xpath('./label[@for="only-findings"]')
    assert "rows with findings" in _text(label)
    # the count of each view (CSS shows the one chosen): es 3; ru 1, 2; fr 2 to 5 and its extra
    assert [(n.get("class"), _text(n)) for n in label.iter("span")] == [
        ("n n-es", "1"), ("n n-fr", "5"), ("n n-ru", "2"), ("n n-all", "6")]
    assert _text(label).endswith(" of 7)")
    css = "\n".join(s.text_content() for s in stree.xpath("//style"))
    assert re.search(r"#only-findings:checked\s*~\s*table\.versions\s+tr\.quiet\s*\{\s*display:\s*none", css)
    quiet = {(tr.get("data-row"), tr.get("data-paragraph")): "quiet" in tr.get("class").split()
             for tr in section.xpath(".//tbody/tr") if tr.get("data-row") != "heading"}
    assert quiet == {("unnumbered", ""): True, ("paragraph", "1"): False, ("paragraph", "2"): False,
                     ("paragraph", "3"): False,  # spanned by the merged cell of row 2
                     ("paragraph", "4"): False, ("extra", ""): False, ("paragraph", "5"): False}
    headings = [("quiet" in tr.get("class").split()) for tr in section.xpath('.//tbody/tr[@data-row="heading"]')]
    assert headings == [False, False]  # each heads rows with findings


def test_unnumbered_paragraphs_missing_and_extra(tmp_path: Path) -> None:
    sources = {"en": ["Intro.", "Lead.", "1. One."], "fr": ["Intro fr.", "1. Un.", "Ajout."]}
    en, fr = (_version(tmp_path, lang, sources) for lang in ("en", "fr"))
    line = fr.segments[0].line  # a missing unit's finding points at the unit before it
    findings = (
        F("error", "unnumbered-mismatch", "fr", None, line, "unnumbered paragraph 2 of the original is missing"),
        F("error", "unnumbered-mismatch", "fr", "1", fr.segments[2].line, "unnumbered paragraph 2 has no counterpart"),
    )
    links = (Link((0,), (0,)), Link((1,), ()), Link((2,), (1,)), Link((), (2,)))
    tree = lxml.html.document_fromstring(render_html(AlignmentResult(
        report="u", symbol="", original="en", languages=("en", "fr"), findings=findings,
        versions={"en": en, "fr": fr}, pairs={"fr": Pair(en, fr, links)})))
    assert _rows(tree) == [("heading", ""), ("unnumbered", ""), ("unnumbered", ""), ("paragraph", "1"),
                           ("extra", "")]
    lead = tree.xpath('//tr[@id="u-1"]')[0]
    assert lead.xpath("./th")[0].get("title") == "unnumbered paragraph 2 in chapter 1"
    (cell,) = lead.xpath('./td[@data-lang="fr"]')
    assert cell.get("data-kind") == "missing"
    assert [_finding_key(f)[4] for f in cell.find_class("finding")] == [findings[0].message]
    (extra,) = _row(tree, "extra")
    assert [_finding_key(f)[4] for f in extra.find_class("finding")] == [findings[1].message]
    assert _text(extra.xpath('./td[@data-lang="fr"]')[0].find_class("text")[0]) == "Ajout."


def test_real_alignment_of_a_dropped_paragraph(tmp_path: Path) -> None:
    folder = tmp_path / "report"
    shutil.copytree(FIXTURES / "align" / "faithful", folder)
    fr = folder / "fr.md"
    text = fr.read_text(encoding="utf-8")
    text = text.replace("Il a adopté 12 décisions", "Il a adopté 13 décisions")
    text = text.replace("4. Des représentants de 133 États parties ont participé à la session.\n\n", "")
    for n in range(5, 9):
        text = text.replace(f"\n{n}. ", f"\n{n - 1}. ")
    fr.write_text(text, encoding="utf-8")
    result = align_report(pipeline.load(folder).report)
    assert ("missing-paragraph", "4") in [(f.check, f.paragraph) for f in result.findings]
    tree = lxml.html.document_fromstring(render_html(result))
    cell = _cell(tree, "fr", "4")
    assert cell.get("data-kind") == "missing" and "missing-paragraph" in [
        f.get("data-check") for f in cell.find_class("finding")]
    assert _heres(_cell(tree, "fr", "5")) == ["here ¶\u202f4"]
    assert _text(_cell(tree, "fr", "8").find_class("text")[0]).startswith("Le Comité a approuvé")
    assert sorted(_finding_key(f) for f in tree.find_class("finding")) == sorted(_expected(result.findings))
    assert [_text(m) for m in _cell(tree, "fr", "2").find_class("marker")] == ["a)", "b)"]
    # "12" is marked where it stands whole, not in the "12,345.5" of sub-item (a)
    assert [_text(m) for m in _cell(tree, "en", "2").xpath(".//mark")] == ["12"]
    assert [_text(m) for m in _cell(tree, "fr", "2").xpath(".//mark")] == ["13"]


# ------------------------------------------------------------- safety


def test_text_is_escaped(html: str, tree) -> None:
    assert tree.xpath("//script") == []
    assert _text(_cell(tree, "en", "2").find_class("text")[0]) == f"The text {SCRIPT} & more."
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    assert "<script" not in html.lower()


def test_self_contained(html: str, tree) -> None:
    assert tree.xpath("//script | //link | //img | //iframe | //object | //embed | //base") == []
    for el in tree.iter():
        for attr in ("src", "href", "action", "srcset", "poster", "data"):
            value = el.get(attr)
            assert value is None or value.startswith("#"), (el.tag, attr, value)
    css = "\n".join(s.text_content() for s in tree.xpath("//style"))
    assert css and "@import" not in css and "url(" not in css
    assert not re.search(r"https?:|//[a-z]", css, re.I)
    assert not re.search(r"https?://", html)
    assert tree.xpath("//style") and tree.get("lang") == "en"


# ------------------------------------------------------------- helpers


def test_by_number_pairs_units_without_a_content_alignment(tmp_path: Path) -> None:
    en = _version(tmp_path, "en")
    fr = _version(tmp_path, "fr", {"fr": ["1. Un.", "4. Quatre.", "2. Deux."]}, strict=False)
    assert by_number(en.segments, fr.segments) == (  # 4 follows 1 there, 3 is missing
        Link((0,), (0,)), Link((), (1,)), Link((1,), (2,)), Link((2,), ()))
    fr = _version(tmp_path, "fr", {"fr": ["1. Un.", "9. Neuf.", "2. Deux.", "3. Trois."]}, strict=False)
    assert by_number(en.segments, fr.segments) == (
        Link((0,), (0,)), Link((), (1,)), Link((1,), (2,)), Link((2,), (3,)))


def test_a_result_without_pairs_is_shown_by_number(result: AlignmentResult) -> None:
    tree = lxml.html.document_fromstring(render_html(AlignmentResult(
        report=result.report, symbol=result.symbol, original="en", languages=result.languages,
        findings=FINDINGS, accepted=ACCEPTED, versions=result.versions)))
    assert _rows(tree) == [("heading", ""), ("paragraph", "1"), ("paragraph", "2"), ("paragraph", "3")]
    assert _cell(tree, "fr", "3").get("data-kind") == "missing"
    assert sorted(_finding_key(f) for f in tree.find_class("finding")) == sorted(_expected(FINDINGS + ACCEPTED))


def test_highlight_segments() -> None:
    segments = highlight("12 345,5 and 12 and 123 and A/75/1", [
        ("error", "number-mismatch", ("12\u202f345,5", "12"), "fr"),
        ("info", "symbol-mismatch", ("A/75/1",), "zh"),
        ("warning", "number-mismatch", ("12",), "ar"),
    ])
    assert [(s.text, s.severity, s.by) for s in segments] == [
        ("12 345,5", "error", (("fr", "error"),)), (" and ", None, ()),
        ("12", "error", (("ar", "warning"), ("fr", "error"))), (" and 123 and ", None, ()),
        ("A/75/1", "info", (("zh", "info"),))]
    assert segments[2].languages == " by-ar by-ar-warning by-fr by-fr-error"
    # ar's "2030" inside fr's longer "Agenda 2030" counts for ar too: the view of ar marks it
    (_, agenda) = highlight("The Agenda 2030", [("warning", "number-mismatch", ("Agenda 2030",), "fr"),
                                                 ("error", "number-mismatch", ("2030",), "ar")])
    assert (agenda.text, agenda.severity, agenda.by) == ("Agenda 2030", "warning", (("ar", "error"), ("fr", "warning")))
    # a translation's own column names no language
    assert [s.by for s in highlight("12 and 13", [("error", "number-mismatch", ("13",), "")])] == [(), ()]


# What a real browser makes of the page: tests/render/test_html_chromium.py


# ------------------------------------------------------------- what to do (issue 23)


def test_every_check_says_what_to_do() -> None:
    from reportgen.align import REGISTRY
    from reportgen.render.html.page import ADVICE

    assert set(REGISTRY) <= set(ADVICE)


def test_the_page_opens_on_what_to_do(tree) -> None:
    """Each language's findings in the order of the text (those about the document first),
    each in plain words, linked to its row."""
    body = tree.xpath("//body")[0]
    sections = [el.get("id") for el in body.iter("section") if el.get("id")]
    assert sections[0] == "todo"
    groups = tree.xpath('//section[@id="todo"]/section[contains(@class, "todo")]')
    assert [(g.get("data-lang"), g.find("h3").text, [lb.get("for") for lb in g.find("h3").iter("label")])
            for g in groups] == [("ar", "Arabic (ar.md): 2 findings", ["view-ar"]),
                                 ("fr", "French (fr.md): 3 findings", ["view-fr"])]
    items = [[(li.get("data-todo"), li.xpath("./a/@href")[0] if li.xpath("./a") else "",
               _text(li.find_class("advice")[0])) for li in g.xpath("./ol/li")] for g in groups]
    assert items == [
        [("number-mismatch", "#p-1", "Correct the figures to match the original"),
         ("length-outlier", "#p-2", "Check that this paragraph is translated in full, and only once")],
        [("metadata-mismatch", "", "Copy this front-matter entry from the original"),
         ("number-mismatch", "#p-1", "Correct the figures to match the original"),
         ("missing-paragraph", "#p-3", "Translate the missing paragraph and add it here")],
    ]
    ids = set(tree.xpath("//tr/@id"))
    assert all(href[1:] in ids for group in items for _, href, _ in group if href)
    (first,) = [li for li in groups[1].xpath("./ol/li")][:1]
    assert _text(first).startswith("document, line 5 Copy this front-matter entry from the original: title differs:")
    assert SCRIPT in _text(first) and "<script>" not in lxml.html.tostring(first, encoding="unicode")


def test_nothing_to_do(tmp_path: Path, result: AlignmentResult) -> None:
    tree = lxml.html.document_fromstring(render_html(replace(result, findings=(), accepted=())))
    assert _text(tree.xpath('//section[@id="todo"]')[0]) == \
        "What to do\nNothing to do: every version agrees with the original.".replace("\n", "\n")


# ------------------------------------------------------------- the pair view (issue 23)


def _views(tree) -> tuple[list[str], list[str]]:
    """The views' radio buttons, and the one checked as the page opens."""
    radios = tree.xpath('//body/input[@type="radio"][@name="view"]')
    return [r.get("id") for r in radios], [r.get("id") for r in radios if r.get("checked") is not None]


def test_views_open_beside_the_first_translation_with_findings(result: AlignmentResult) -> None:
    tree = lxml.html.document_fromstring(render_html(result))
    assert _views(tree) == (["view-ar", "view-fr", "view-all"], ["view-ar"])
    assert [(lb.get("for"), _text(lb)) for lb in tree.xpath('//nav[@class="views"]/label')] == [
        ("view-ar", "English + Arabic"), ("view-fr", "English + French"), ("view-all", "All 3 languages")]
    only_fr = replace(result, findings=tuple(f for f in result.findings if f.lang == "fr"))
    assert _views(lxml.html.document_fromstring(render_html(only_fr)))[1] == ["view-fr"]
    none = replace(result, findings=(), accepted=())
    clean = lxml.html.document_fromstring(render_html(none))
    assert _views(clean)[1] == ["view-ar"]  # the first translation
    # no row with a finding: every row shown, not an empty table
    assert clean.get_element_by_id("only-findings").get("checked") is None
    assert tree.get_element_by_id("only-findings").get("checked") is not None


def test_every_cell_names_its_column(stree) -> None:
    """The views' rules select columns by class: the header and every cell of a language."""
    table = stree.find_class("versions")[0]
    assert [th.get("class") for th in table.xpath("./thead/tr/th")] == [
        "num", "col col-en", "col col-es", "col col-fr", "col col-ru"]
    for td in table.xpath("./tbody/tr/td"):
        assert f"col-{td.get('data-lang')}" in td.get("class").split()


def test_rows_carry_the_views_that_show_them(stree) -> None:
    """A row shows (filter on) in the view of each language with findings in it; the rows
    a merged cell spans show together in its language's view (French merges 2 and 3);
    a heading where a row of its part shows; an extra row only in its language's view."""
    rows = stree.find_class("versions")[0].xpath("./tbody/tr")
    assert [(tr.get("id"), tr.get("data-views")) for tr in rows] == [
        ("h-0", "es fr ru"), ("u-0", ""), ("p-1", "ru"), ("p-2", "fr ru"), ("p-3", "es fr"), ("h-5", "fr"),
        ("p-4", "fr"), ("x-fr-27", "fr"), ("p-5", "fr")]
    assert [tr.get("id") for tr in rows if "extra-fr" in tr.get("class").split()] == ["x-fr-27"]
    # a row anchor per paragraph, linked from its number
    assert [(tr.get("id"), tr.xpath("./th/a/@href")) for tr in rows[1:4]] == [
        ("u-0", ["#u-0"]), ("p-1", ["#p-1"]), ("p-2", ["#p-2"])]


def test_a_language_code_from_a_file_name_cannot_break_the_rules(result: AlignmentResult) -> None:
    from reportgen.render.html.page import _key

    assert _key("fr") == "fr" and _key('x"]{}<') == "x_____" and _key("") == "_"
