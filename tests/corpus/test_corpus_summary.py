"""``summary.html``: its counts are the tables' counts, the failures are listed with
their located errors, and every value from a file is escaped."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

from lxml import html

from reportgen.corpus import run_corpus
from tests.conftest import FIXTURES
from tests.corpus.conftest import Ran
from tests.corpus.corpus_data import BROKEN, GOOD, rows


def table(page: html.HtmlElement, cls: str) -> dict[str, list[str]]:
    """A summary table's body rows: first cell's text → the other cells' texts."""
    (found,) = page.find_class(cls)
    return {tr[0].text_content().strip(): [td.text_content().strip() for td in tr[1:]]
            for tr in found.iter("tr") if tr.getparent().tag == "tbody"}


def test_counts_by_check_language_organ_and_year_are_the_tables(ran: Ran) -> None:
    page = html.parse(str(ran.out / "summary.html")).getroot()
    ok = {r["report"] for r in rows(ran.out, "documents") if r["status"] == "ok"}
    findings = [r for r in rows(ran.out, "findings") if not r["accepted"] and r["report"] in ok]
    aligned = [r for r in findings if r["stage"] == "align"]
    by_check = Counter((r["check"], r["severity"]) for r in aligned)
    expected = {check: [str(by_check[check, s]) for s in ("error", "warning", "info")] for check, _ in by_check}
    sources = Counter(r["severity"] for r in findings if r["stage"] == "check")
    expected["sources (reportgen check)"] = [str(sources[s]) for s in ("error", "warning", "info")]
    assert table(page, "by-check") == expected
    assert "missing-paragraph" in expected
    by_lang = Counter((r["language"], r["severity"]) for r in aligned)
    assert table(page, "by-language") == {lang: [str(by_lang[lang, s]) for s in ("error", "warning", "info")]
                                          for lang, _ in by_lang}
    documents = [r for r in rows(ran.out, "documents") if r["status"] == "ok"]
    by_organ, by_year = table(page, "by-organ"), table(page, "by-year")
    assert set(by_organ) == {r["organ"] for r in documents}
    assert set(by_year) == {str(r["year"]) for r in documents}
    for key, group in [(k, by_organ) for k in by_organ] + [(k, by_year) for k in by_year]:
        mine = [r for r in documents if key in (r["organ"], str(r["year"]))]
        counted = Counter(f["severity"] for f in findings if f["report"] in {r["report"] for r in mine})
        assert group[key] == [str(len({r["report"] for r in mine})), str(len(mine)),
                              *(str(counted[s]) for s in ("error", "warning", "info"))]
    totals = page.find_class("totals")[0].text_content()
    assert totals.startswith(f"{len(GOOD) + len(BROKEN)} reports, {len(documents)} language versions")


def test_failures_and_worst_documents(ran: Ran) -> None:
    page = html.parse(str(ran.out / "summary.html")).getroot()
    assert table(page, "failures") == {name: [f"{ran.source}/{error}"] for name, error in BROKEN.items()}
    worst = table(page, "worst")
    errors = Counter(r["report"] for r in rows(ran.out, "findings")
                     if r["severity"] == "error" and not r["accepted"] and r["report"] in GOOD)
    assert {name: int(cells[1]) for name, cells in worst.items()} == dict(errors)
    assert "generated-b" in worst


def test_values_from_files_are_text(tmp_path: Path) -> None:
    source = tmp_path / "in"
    shutil.copytree(FIXTURES / "minimal", source / "<b>bold</b>")
    for en in (source / "<b>bold</b>").glob("*.md"):
        text = en.read_text("utf-8")
        en.write_text(text.replace("organ: Ad Hoc Committee on Testing", "organ: <script>alert(1)</script>"), "utf-8")
    run_corpus(source, tmp_path / "out", workers=1)  # front matter with markup: a failed report
    text = (tmp_path / "out" / "summary.html").read_text("utf-8")
    page = html.fromstring(text)
    assert not page.findall(".//script") and not page.findall(".//b")
    assert "<tr><th scope=\"row\">&lt;b&gt;bold&lt;/b&gt;</th>" in text
    failures = table(page, "failures")
    assert list(failures) == ["<b>bold</b>"]
    assert failures["<b>bold</b>"][0].startswith(f"{source}/<b>bold</b>/en.md:7: 'organ' contains '<script>'")
