"""The HTML alignment report (reportgen/align/html.py): content, highlighting,
direction, escaping, self-containment, and what a real browser makes of it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from types import SimpleNamespace

import lxml.html
import pytest

from reportgen.align.findings import Finding, Unit, Version
from reportgen.align.html import highlight, render_html, rows_order
from reportgen.align.result import AlignmentResult
from reportgen.source.reader import read_document
from tests.support.tools import require

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


def _version(tmp_path: Path, lang: str) -> Version:
    """Read a small Markdown version and prepare it as the checks see it."""
    path = tmp_path / "src" / f"{lang}.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(FRONT.format(lang=lang) + "\n\n".join(SOURCES[lang]) + "\n", encoding="utf-8")
    doc, diagnostics = read_document(path)
    assert diagnostics == []
    units = {}
    for p in doc.paragraphs():
        text = " ".join(x.text for b in p.blocks for x in b.content)
        units[p.number] = _unit(p, text)
    return Version(lang, doc, units, (), tuple(units))


def _unit(block, text: str) -> Unit:
    fields = dict(number=block.number, line=block.line, chapter=1, text=text, prose=text, footnotes=(),
                  subitems=(), symbols=(), references=(), block=block)
    names = Unit.__dataclass_fields__  # tolerate fields added to Unit since
    return Unit(**{k: v for k, v in fields.items() if k in names},
                **{k: () for k in names if k not in fields})


def F(severity, check, lang, paragraph, line, message, items=(), original_items=()) -> Finding:
    return Finding(severity, check, lang, paragraph, line, message, tuple(items), tuple(original_items))


FINDINGS = (
    F("warning", "number-mismatch", "ar", "1", 12, "4 where the original has 3", ["4"], ["3"]),
    F("info", "length-outlier", "ar", "2", 14, "paragraph 2 is much shorter than the original"),
    F("warning", "metadata-mismatch", "fr", None, 5, f"title differs: {SCRIPT}"),
    F("error", "number-mismatch", "fr", "1", 12, "13 where the original has 12", ["13"], ["12"]),
    F("error", "missing-paragraph", "fr", "3", 14, "paragraph 3 of the original (en.md:16) is missing"),
)
ACCEPTED = (
    F("info", "untranslated", "ar", "3", 16, "accepted: left in the original wording", ["الثالثة"]),
)


@pytest.fixture
def result(tmp_path: Path) -> AlignmentResult:
    versions = {lang: _version(tmp_path, lang) for lang in ("en", "ar", "fr")}
    return AlignmentResult(
        report="demo-2021", symbol="A/AC.1/2021/L.1", original="en", languages=("en", "ar", "fr"),
        findings=FINDINGS, accepted=ACCEPTED, versions=versions,
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


def test_columns_original_first_and_rows(tree) -> None:
    versions = tree.find_class("versions")[0]
    assert [th.get("data-lang") for th in versions.xpath("./thead/tr/th[@data-lang]")] == ["en", "ar", "fr"]
    assert [tr.get("data-paragraph") for tr in versions.xpath("./tbody/tr")] == ["1", "2", "3"]
    for tr in versions.xpath("./tbody/tr"):
        assert [td.get("data-lang") for td in tr.xpath("./td[@data-lang]")] == ["en", "ar", "fr"]


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
    assert en3.get("class") == "hl sev-warning"
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
    assert "missing" in cell.get("class").split()
    assert cell.find_class("text") == []
    (f,) = cell.find_class("finding")
    assert f.get("data-check") == "missing-paragraph"


def test_findings_in_their_cells(tree) -> None:
    (f,) = _cell(tree, "fr", "1").find_class("finding")
    assert _finding_key(f) == ("number-mismatch", "fr", "1", "error", "13 where the original has 12")
    assert _text(f.find_class("badge")[0]) == "error"
    assert _text(f.find_class("source")[0]) == "fr.md:12"
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


def test_rows_order_places_extras_after_their_predecessor() -> None:
    v = lambda lang, *order: SimpleNamespace(lang=lang, order=order)  # noqa: E731
    assert rows_order("en", [v("fr", 1, 2, 9, 3), v("en", 1, 2, 3, 4), v("ar", 0, 1, 3, 7, 8)]) == [
        0, 1, 2, 9, 3, 7, 8, 4]


def test_highlight_segments() -> None:
    segments = highlight("12 345,5 and 12 and 123 and A/75/1", [
        ("error", "number-mismatch", ("12\u202f345,5", "12")),
        ("info", "symbol-mismatch", ("A/75/1",)),
        ("warning", "number-mismatch", ("12",)),
    ])
    assert [(s.text, s.severity) for s in segments] == [
        ("12 345,5", "error"), (" and ", None), ("12", "error"), (" and 123 and ", None), ("A/75/1", "info")]


# ------------------------------------------------------------- browser


def test_chromium_renders_every_finding(tmp_path: Path, html: str) -> None:
    chromium = require("chromium")
    page = tmp_path / "report.html"
    page.write_text(html, encoding="utf-8")
    profile = tmp_path / "profile"
    profile.mkdir()
    proc = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
        capture_output=True, timeout=180, check=False,
    )
    dom = proc.stdout.decode("utf-8")
    assert proc.returncode == 0 and "</html>" in dom, proc.stderr.decode("utf-8", "replace")[-2000:]
    tree = lxml.html.document_fromstring(dom)
    found = [_finding_key(f) for f in tree.find_class("finding")]
    assert sorted(found) == sorted(_expected(FINDINGS + ACCEPTED))
    assert tree.xpath("//script") == []
    (cell,) = tree.xpath('//td[@data-lang="ar"][@data-paragraph="1"]')
    assert cell.get("dir") == "rtl" and [m.text_content() for m in cell.xpath(".//mark")] == ["4"]
