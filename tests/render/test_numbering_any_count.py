"""Numbering never runs out: an Arabic and a Chinese report with 35 chapters build,
and each chapter heading prints the language's own numeral (written here by hand
from the UN forms, not from the data files). The headings are typed in each
language's own numerals too, multi-word Arabic ones included."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.l10n import language
from tests.support.docx_read import Docx

HEAD = ("---\nsymbol: A/AC.1/2024/L.1\ndistribution: limited\ndate: 2024-03-01\nlanguage: {lang}\noriginal: en\n"
        "organ: Committee\ntitle: Draft report\n---\n\n")
EXPECTED = {
    "ar": {1: "أولا -", 11: "حادي عشر -", 30: "ثلاثون -", 31: "حادي وثلاثون -", 35: "خامس وثلاثون -"},
    "zh": {1: "一.", 11: "十一.", 30: "三十.", 31: "三十一.", 35: "三十五."},
}


@pytest.mark.parametrize("lang", sorted(EXPECTED))
def test_35_chapters_typed_in_the_language_build_with_its_numerals(cli, tmp_path: Path, lang: str) -> None:
    lg = language(lang)
    report = tmp_path / "r"
    report.mkdir()
    chapters = "".join(f"# {lg.chapter_number(n)} Chapter {n}\n\n{n}. Text {n}.\n\n" for n in range(1, 36))
    (report / f"{lang}.md").write_text(HEAD.format(lang=lang) + chapters, encoding="utf-8")
    result = cli("build", report, "-o", tmp_path / "out")
    assert result.code == 0, result.err
    headings = [p.text.split("\t")[0] for p in Docx(tmp_path / "out" / f"{lang}.docx").body_paragraphs()
                if p.style == "HCh"]
    assert len(headings) == 35
    for n, numeral in EXPECTED[lang].items():
        assert headings[n - 1] == numeral
