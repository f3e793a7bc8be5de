"""Markdown body → document model, with the source line of everything."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import model as m
from reportgen.source import read_report
from reportgen.source.reader import read_document
from tests.conftest import EXAMPLE, FIXTURES

HEAD = """\
---
symbol: A/AC.1/2024/L.1
distribution: limited
date: 2024-03-01
language: {lang}
original: en
organ: Committee
title: Draft report
---
"""


def write(tmp_path: Path, body: str, lang: str = "en") -> Path:
    path = tmp_path / f"{lang}.md"
    path.write_text(HEAD.format(lang=lang) + body, encoding="utf-8")
    return path


def plain(content) -> str:
    out = []
    for x in content:
        if isinstance(x, m.Text):
            out.append(x.text)
        elif isinstance(x, (m.Emph, m.Strong, m.Link)):
            out.append(plain(x.content))
        elif isinstance(x, m.SymbolRef):
            out.append(x.text)
    return "".join(out)


def test_minimal_fixture_structure() -> None:
    doc, diagnostics = read_document(FIXTURES / "minimal" / "en.md")
    assert diagnostics == []
    kinds = [(type(b).__name__, getattr(b, "number", None), b.line) for b in doc.blocks]
    assert kinds == [
        ("Heading", 2, 17), ("Para", None, 19), ("Heading", 1, 21),
        ("NumberedParagraph", 4, 23), ("NumberedParagraph", 5, 25),
        ("Heading", 2, 37), ("NumberedParagraph", 6, 39),
    ]
    p4, p5 = doc.paragraphs()[:2]
    assert p4.label == "opening"
    assert plain(p4.blocks[0].content).startswith("The session was opened on 26 February 2024")
    note = [x for x in p4.blocks[0].content if isinstance(x, m.Note)]
    assert len(note) == 1 and plain(note[0].blocks[0].content) == "Official Records, see A/78/1 and ."
    # a reference in a footnote is reported at the footnote definition's own line
    assert note[0].blocks[0].content[-2:] == (m.Ref("considered", None, 41), m.Text("."))
    # sub-items (a), (b) with (i), (ii) nested under (b), then a continuation block
    subs = [b for b in p5.blocks if isinstance(b, m.SubItem)]
    assert [(s.index, s.level, s.line) for s in subs] == [(1, 1, 27), (2, 1, 29)]
    nested = [b for b in subs[1].blocks if isinstance(b, m.SubItem)]
    assert [(s.index, s.level) for s in nested] == [(1, 2), (2, 2)]
    assert plain(p5.blocks[-1].content) == "The Committee took note of the documents."
    emph = [x for x in subs[1].blocks[0].content if isinstance(x, m.Emph)]
    assert plain(emph[0].content) == "revised"


def test_chinese_heading_numeral_and_label_in_any_language() -> None:
    doc, _ = read_document(FIXTURES / "minimal" / "zh.md")
    chapter = doc.blocks[0]
    assert isinstance(chapter, m.Heading) and chapter.number == 2
    assert plain(chapter.content) == "会议安排"
    assert doc.paragraphs()[0].label == "opening"


def test_example_zh_paragraph_10_is_whole() -> None:
    doc, diagnostics = read_document(EXAMPLE / "zh.md")
    assert diagnostics == []
    numbers = [p.number for p in doc.paragraphs()]
    assert numbers == list(range(1, 13))
    p10 = plain(doc.paragraphs()[9].blocks[0].content)
    assert "的有益作用。一些发言者举例说明" in p10
    assert p10.endswith("设立的电子系统。")


def test_typed_numbers_are_kept_and_gaps_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "\n3. Three.\n\n4. Four.\n\n6. Six.\n\n7. Seven.\n")
    doc, diagnostics = read_document(path)
    assert [p.number for p in doc.paragraphs()] == [3, 4, 6, 7]
    assert [str(d) for d in diagnostics] == [f"{path}:15: paragraph 6 follows paragraph 4: expected 5"]


def test_numbering_continues_across_headings(tmp_path: Path) -> None:
    path = write(tmp_path, "\n# I. One\n\n1. A.\n\n# II. Two\n\n2. B.\n\n# IV. Four\n\n1. C.\n")
    _, diagnostics = read_document(path)
    assert [str(d) for d in diagnostics] == [
        f"{path}:19: chapter IV follows chapter II: expected III",
        f"{path}:21: paragraph 1 follows paragraph 2: expected 3",
    ]


def test_soft_line_breaks_in_chinese_do_not_become_spaces(tmp_path: Path) -> None:
    path = write(tmp_path, "\n1. 秘书处的一名代表\n介绍了最新情况。\n", lang="zh")
    doc, _ = read_document(path)
    assert plain(doc.paragraphs()[0].blocks[0].content) == "秘书处的一名代表介绍了最新情况。"


def test_dollar_amounts_are_text_not_maths(tmp_path: Path) -> None:
    path = write(tmp_path, "\n1. Between $5 million and $6 million.\n")
    doc, _ = read_document(path)
    assert plain(doc.paragraphs()[0].blocks[0].content) == "Between $5 million and $6 million."


@pytest.mark.parametrize("body, line, message", [
    ("\n- a bullet\n", 11, "a bullet list is not supported in a report: use sub-items (a), (b)"),
    ("\n(a) stray sub-item\n", 11,
     "sub-item (a) is outside a numbered paragraph: put it under a paragraph 'N. text'"),
    ("\n1. Text\n\n   | a | b |\n   |---|---|\n   | 1 | 2 |\n", 13,
     "a table is not supported in a report: write the figures in the text"),
    ("\n#### Too deep\n", 11, "heading level 4 is too deep: use '#' (chapter), '##' or '###'"),
])
def test_unsupported_markdown_is_a_located_error(tmp_path: Path, body: str, line: int, message: str) -> None:
    path = write(tmp_path, body)
    doc, diagnostics = read_document(path)
    assert doc is None
    assert [str(d) for d in diagnostics] == [f"{path}:{line}: {message}"]


def test_report_checks_shared_metadata(tmp_path: Path) -> None:
    write(tmp_path, "\n1. One.\n", lang="en")
    zh = tmp_path / "zh.md"
    zh.write_text(HEAD.format(lang="zh").replace("2024-03-01", "2024-03-02") + "\n1. 一。\n", encoding="utf-8")
    _, diagnostics = read_report(tmp_path)
    assert [str(d) for d in diagnostics] == [f"{zh}:4: 'date' is '2024-03-02' here but '2024-03-01' in en.md"]


def test_report_names_non_language_files(tmp_path: Path) -> None:
    write(tmp_path, "\n1. One.\n")
    (tmp_path / "zh-CN.md").write_text("x", encoding="utf-8")
    report, diagnostics = read_report(tmp_path)
    assert list(report.versions) == ["en"]
    assert [d.path.name for d in diagnostics] == ["zh-CN.md"]


def test_bom_and_crlf_keep_the_file_lines(tmp_path: Path) -> None:
    path = tmp_path / "en.md"
    text = "\ufeff" + (HEAD.format(lang="en") + "\n1. One.\n\n2. Two <b>x.\n")
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    doc, diagnostics = read_document(path)
    line = text.count("\n", 0, text.index("2. Two")) + 1
    assert [str(d) for d in diagnostics] == [
        f"{path}:{line}: raw markup '<b>' is not supported in a report: write the text without tags"]


def test_invalid_utf8_is_reported_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "en.md"
    path.write_bytes((HEAD.format(lang="en") + "\n1. One.\n\n2. Caf").encode() + b"\xe9.\n")
    doc, diagnostics = read_document(path)
    line = (HEAD.format(lang="en") + "\n1. One.\n\n").count("\n") + 1
    assert doc is None
    assert [str(d) for d in diagnostics] == [f"{path}:{line}: file is not valid UTF-8 text: save it as UTF-8"]


def test_references_inside_emphasis_and_on_later_lines_keep_their_line(tmp_path: Path) -> None:
    path = write(tmp_path, "\n1. {#a} See *@a* and\nalso @b, 见\n会议.\n")
    doc, _ = read_document(path)
    content = doc.paragraphs()[0].blocks[0].content
    refs = [x for x in m.walk(doc.blocks) if isinstance(x[0], m.Ref)]
    assert [(r.first, r.line) for r, _, _ in refs] == [("a", 11), ("b", 12)]
    assert plain(content).endswith(", 见会议.")
