"""Markers as authors type them, in six languages (INTERFACE §2.3): each typed form is
read as the same marker (the DOCX shows the UN form) or refused at its own line with
what to write; a mistyped chapter or paragraph number is named where it is, and the
numbering after it is checked as the author meant it (no error at the next marker)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.source.test_catalogue import _refused, _write
from tests.support.docx_read import Docx

HEAD = ("---\nsymbol: A/AC.1/2024/L.1\ndistribution: limited\ndate: 2024-03-01\nlanguage: {lang}\n"
        "original: {lang}\norgan: Committee\ntitle: Draft report\n---\n\n")  # the body starts at line 11

# (language, body, expected lines of `reportgen build` after "PATH:")
REFUSED: dict[str, tuple[str, str, list[str]]] = {
    # -- a paragraph number not typed as one, named at its own line (not at the next paragraph's)
    "number glued to its text": ("en", "13. One.\n\n14.The meeting.\n\n15. Three.\n", [
        "13: paragraph number '14.' is glued to its text: write '14. The', with a space after the number"]),
    "byte-order mark before the number": ("en", "30. One.\n\n\ufeff31. Two.\n\n32. Three.\n", [
        "13: the invisible character U+FEFF (ZERO WIDTH NO-BREAK SPACE), a byte-order mark, cannot appear "
        "inside a document: remove it (for a place where a line may not break, use U+2060 WORD JOINER)"]),
    "zero-width space before the number": ("en", "12. One.\n\n\u200b13. Two.\n\n14. Three.\n", [
        "13: the invisible character U+200B (ZERO WIDTH SPACE) before '13.' hides the marker: remove it"]),
    "full-width number in English": ("en", "13. One.\n\n１４．Two.\n\n15. Three.\n", [
        "13: '１４．' is typed in full-width characters: write '14.'"]),
    "full-width number in Russian": ("ru", "1. Один.\n\n２． Два.\n", [
        "13: '２．' is typed in full-width characters: write '2.'"]),
    "colon for a full stop": ("en", "6. One.\n\n7: Two.\n\n8. Three.\n", [
        "13: '7:' is not how a paragraph is numbered: write '7.'"]),
    "number without its full stop": ("fr", "7. Un.\n\n8 Les participants.\n\n9. Trois.\n", [
        "13: paragraph number '8' has no full stop: write '8. Les'"]),
    # -- sub-items
    "full-width item in English": ("en", "1. Lead:\n\n    （a）one;\n\n    (b) two.\n", [
        "13: '（a）' is typed in full-width characters: write '(a)'"]),
    "item glued to its text": ("es", "1. Texto:\n\n    a) uno;\n\n    b)dos.\n", [
        "15: sub-item 'b)' is glued to its text: write 'b) dos.', with a space after the marker"]),
    "compatibility item in French": ("fr", "1. Texte :\n\n    ⒜ un ;\n", [
        "13: '⒜' is a compatibility form of a marker: write '(a)'"]),
    "a Cyrillic letter among Latin ones": ("ru", "1. Текст:\n\n    a) первое;\n\n    b) второе;\n\n    с) третье.\n", [
        "17: sub-item с) is out of sequence: expected c) ('с' is CYRILLIC SMALL LETTER ES)"]),
    "a paragraph number in bold": ("en", "1. One.\n\n**2.** Two.\n", [
        "13: '**2.**' sets the marker in emphasis: write '2.' (the template sets each marker as the UN prints it)"]),
    "an item in italics": ("fr", "1. Texte :\n\n    *a)* premier ;\n", [
        "13: '*a)*' sets the marker in emphasis: write 'a)' (the template sets each marker as the UN prints it)"]),
    "a space before the full stop": ("es", "2. Dos.\n\n3 . Tres.\n", [
        "13: '3 .' is not how a paragraph is numbered: write '3.'"]),
    # -- chapters: the number the author meant, named at its line
    "'Chapter VI.' as the last chapter": ("en", "# V. Five\n\n1. A.\n\n# Chapter VI. Adoption of the report\n\n2. B.\n", [
        "15: 'Chapter VI.' is not how a chapter is numbered: write '# VI. Adoption of the report'"]),
    "Arabic digits for a chapter": ("en", "# III. Three\n\n1. A.\n\n# 4. Other matters\n\n2. B.\n\n# V. Five\n\n3. C.\n", [
        "15: '4.' is not how a chapter is numbered: write '# IV. Other matters'"]),
    "Chinese chapter form in English": ("en", "# III. Three\n\n1. A.\n\n# 四、其他事项\n\n2. B.\n\n# V. Five\n", [
        "15: '四、' is not how a chapter is numbered: write '# IV. 其他事项'"]),
    "'Chapter IV.' with no title": ("en", "# III. Three\n\n1. A.\n\n# Chapter IV.\n\n2. B.\n", [
        "15: 'Chapter IV.' is not how a chapter is numbered: write '# IV. Title'",
        "15: a heading needs a title"]),
    "'第四章' in Chinese": ("zh", "# 三. 三\n\n1. 甲。\n\n# 第四章 其他事项\n\n2. 乙。\n", [
        "15: '第四章' is not how a chapter is numbered: write '# 四. 其他事项'"]),
    "lower-case Roman chapter": ("en", "# iv. Title\n\n1. A.\n", [
        "11: 'iv.' is not how a chapter is numbered: write '# IV. Title'"]),
    "a sub-heading given one '#'": ("en", "# I. One\n\n## A. First\n\n1. A.\n\n# B. Second\n\n2. B.\n", [
        "17: 'B.' is not how a chapter is numbered: write '# II. Second' for a chapter, or '## B. Second' for a "
        "sub-heading"]),
    "a chapter number in bold": ("en", "# **I.** Opening\n\n1. A.\n", [
        "11: '**I.**' sets the heading's number in emphasis: write '# I. Opening' (the template sets headings in "
        "bold)"]),
    "a Chinese outline sub-heading （一）": ("zh", "# 一. 开幕\n\n## （一）会议开幕\n\n1. 文字。\n", [
        "13: '（一）' is not how a sub-heading is numbered: write '## A. 会议开幕'"]),
    "Arabic chapter with a colon": ("ar", "# أولاً: الافتتاح\n\n1. نص.\n", [
        "11: 'أولاً:' is not how a chapter is numbered: write '# أولا - الافتتاح'"]),
    "chapter numbered twice": ("en", "# I. One\n\n1. A.\n\n# I. Again\n\n2. B.\n", [
        "15: chapter I is numbered twice: expected II"]),
    "no space after '#'": ("en", "#V. Five\n\n1. A.\n", ["11: '#' needs a space after it: write '# V. Five'"]),
    "full-width '#' in English": ("en", "＃ I. One\n\n1. A.\n", ["11: '＃' is a full-width '#': write '# I. One'"]),
    # -- sub-headings, sequence-checked per chapter in each language's letters
    "sub-heading letter skipped": ("en", "# I. One\n\n## A. First\n\n1. A.\n\n## B. Second\n\n2. B.\n\n"
                                         "## E. Fifth\n\n3. C.\n", [
        "21: sub-heading E follows sub-heading B: expected C"]),
    "lower-case sub-heading letter": ("en", "# I. One\n\n## A. First\n\n1. A.\n\n## b. Second\n\n2. B.\n", [
        "17: 'b.' is not how a sub-heading is numbered: write '## B. Second'"]),
    "sub-heading numbered like a paragraph": ("en", "# I. One\n\n## 1. First\n\n1. A.\n", [
        "13: '1.' is not how a sub-heading is numbered: write '## A. First', or '### 1. First' for a "
        "numbered minor heading"]),
    "sub-heading with a chapter numeral": ("en", "# I. One\n\n## IV. First\n\n1. A.\n", [
        "13: 'IV.' is a chapter number: write '# IV. First' for a chapter, or '## D. First' for a sub-heading"]),
    "sub-headings restart in each chapter": ("en", "# I. One\n\n## A. First\n\n1. A.\n\n# II. Two\n\n"
                                                   "## C. Third\n\n2. B.\n", [
        "19: sub-heading C is the first of its chapter: expected A"]),
    "Arabic sub-heading letter skipped": ("ar", "# أولا - الافتتاح\n\n## ألف - الأول\n\n1. نص.\n\n"
                                               "## باء - الثاني\n\n2. نص.\n\n## هاء - الخامس\n\n3. نص.\n", [
        "21: sub-heading هاء follows sub-heading باء: expected جيم"]),
    "Chinese sub-heading letter skipped": ("zh", "# 一. 开幕\n\n## A. 甲\n\n1. 文字。\n\n## C. 丙\n\n2. 文字。\n", [
        "17: sub-heading C follows sub-heading A: expected B"]),
    # -- direction controls and a byte-order mark inside the text
    "right-to-left override": ("en", "1. The symbol \u202eA/75/1 is cited.\n", [
        "11: the direction control U+202E (RIGHT-TO-LEFT OVERRIDE) cannot appear in a document: remove it; "
        "reportgen sets each version's direction and keeps symbols, figures and Latin words left to right"]),
    "isolate in Arabic text": ("ar", "1. نص \u2066A/75/1\u2069 نص.\n", [
        "11: the direction control U+2066 (LEFT-TO-RIGHT ISOLATE) cannot appear in a document: remove it; "
        "reportgen sets each version's direction and keeps symbols, figures and Latin words left to right"]),
    "byte-order mark inside a footnote": ("en", "1. Text.[^1]\n\n[^1]: A \ufeffnote.\n", [
        "13: the invisible character U+FEFF (ZERO WIDTH NO-BREAK SPACE), a byte-order mark, cannot appear "
        "inside a document: remove it (for a place where a line may not break, use U+2060 WORD JOINER)"]),
    "direction control as a character reference": ("en", "1. A &#x202E;B.\n", [
        "11: the character reference &#x202E; stands for a character that cannot appear in a document"]),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_mistyped_marker_is_named_at_its_own_line(cli, tmp_path: Path, case: str) -> None:
    lang, body, messages = REFUSED[case]
    source = _write(tmp_path / "r", f"{lang}.md", HEAD.format(lang=lang) + body)
    _refused(cli, source.parent, tmp_path / "out", [f"{source}:{m}" for m in messages])


# (language, body, the body paragraphs of the DOCX: style and text)
ACCEPTED: dict[str, tuple[str, str, list[tuple[str, str]]]] = {
    "Chinese full-width number and items": ("zh", "１４．委员会审议了下列文件：\n\n（a）秘书处的说明；\n\n（b）其他文件。\n", [
        ("NumberedPara", "14.\t委员会审议了下列文件："), ("SubItem1", "(a)\t秘书处的说明；"),
        ("SubItem1", "(b)\t其他文件。")]),
    "Chinese ideographic full stop after the number": ("zh", "14。委员会审议了文件。\n\n15。 委员会结束。\n", [
        ("NumberedPara", "14.\t委员会审议了文件。"), ("NumberedPara", "15.\t委员会结束。")]),
    "Chinese items numbered （一）": ("zh", "3. 委员会注意到：\n\n（一）第一项；\n\n（二）第二项。\n", [
        ("NumberedPara", "3.\t委员会注意到："), ("SubItem1", "(a)\t第一项；"), ("SubItem1", "(b)\t第二项。")]),
    "Chinese parenthesised ideographs": ("zh", "3. 委员会注意到：\n\n㈠第一项；\n\n㈡第二项。\n", [
        ("NumberedPara", "3.\t委员会注意到："), ("SubItem1", "(a)\t第一项；"), ("SubItem1", "(b)\t第二项。")]),
    "Chinese chapter with the enumeration comma": ("zh", "# 一、开幕\n\n## A. 会议\n\n1.委员会开会。\n\n# 二、闭幕\n\n2. 结束。\n", [
        ("HCh", "一.\t开幕"), ("H1", "A.\t会议"), ("NumberedPara", "1.\t委员会开会。"), ("HCh", "二.\t闭幕"),
        ("NumberedPara", "2.\t结束。")]),
    "Chinese full-width '#' and full stop": ("zh", "＃ 三．其他事项\n\n5. 文字。\n", [
        ("HCh", "三.\t其他事项"), ("NumberedPara", "5.\t文字。")]),
    "Russian items lettered in Cyrillic": ("ru", "1. Комитет рекомендовал:\n\n    а) укрепить;\n\n    б) обмениваться;\n\n"
                                              "    в) представить.\n", [
        ("NumberedPara", "1.\tКомитет рекомендовал:"), ("SubItem1", "a)\tукрепить;"), ("SubItem1", "b)\tобмениваться;"),
        ("SubItem1", "c)\tпредставить.")]),
    "Arabic paragraph numbers as printed": ("ar", "12 - نص الفقرة.\n\n13 - نص آخر.\n", [
        ("NumberedPara", "12 -\tنص الفقرة."), ("NumberedPara", "13 -\tنص آخر.")]),
    "French sub-headings restart in each chapter": ("fr", "# I. Un\n\n## A. Premier\n\n1. Texte.\n\n## B. Deuxième\n\n"
                                                          "2. Texte.\n\n# II. Deux\n\n## A. Premier\n\n3. Texte.\n", [
        ("HCh", "I.\tUn"), ("H1", "A.\tPremier"), ("NumberedPara", "1.\tTexte."), ("H1", "B.\tDeuxième"),
        ("NumberedPara", "2.\tTexte."), ("HCh", "II.\tDeux"), ("H1", "A.\tPremier"), ("NumberedPara", "3.\tTexte.")]),
    "an addendum's first sub-heading is any letter": ("en", "## C. Third\n\n101. Text.\n\n## D. Fourth\n\n102. Text.\n", [
        ("H1", "C.\tThird"), ("NumberedPara", "101.\tText."), ("H1", "D.\tFourth"), ("NumberedPara", "102.\tText.")]),
    "a zero-width space inside the text": ("en", "1. Dis\u200bcussion, and 2030 Agenda.\n\n2030 was named.\n", [
        ("NumberedPara", "1.\tDis\u200bcussion, and 2030 Agenda."), ("SingleTxt", "2030 was named.")]),
    "a no-break space after the number (French, from Word)": ("fr", "1.\u00a0Les participants\u00a0:\n\n"
                                                                  "    a)\u00a0premier ;\n", [
        ("NumberedPara", "1.\tLes participants\u00a0:"), ("SubItem1", "a)\tpremier\u202f;")]),  # as French sets it
    "a closing run of '#' (CommonMark's)": ("en", "# I. Opening #\n\n## A. Attendance ##\n\n1. A.\n", [
        ("HCh", "I.\tOpening"), ("H1", "A.\tAttendance"), ("NumberedPara", "1.\tA.")]),
    "unnumbered headings that only look numbered": ("en", "# Mr. Smith's statement\n\n1. A.\n\n"
                                                          "# 2030 Agenda for Sustainable Development\n\n2. B.\n", [
        ("HCh", "Mr. Smith's statement"), ("NumberedPara", "1.\tA."),
        ("HCh", "2030 Agenda for Sustainable Development"), ("NumberedPara", "2.\tB.")]),
}


@pytest.mark.parametrize("case", sorted(ACCEPTED))
def test_a_typed_form_is_read_as_the_same_marker(cli, tmp_path: Path, case: str) -> None:
    lang, body, paragraphs = ACCEPTED[case]
    source = _write(tmp_path / "r", f"{lang}.md", HEAD.format(lang=lang) + body)
    result = cli("build", source.parent, "-o", tmp_path / "out")
    assert (result.code, result.err) == (0, ""), result.err
    body_paragraphs = [(p.style, p.text) for p in Docx(tmp_path / "out" / f"{lang}.docx").body_paragraphs()]
    assert body_paragraphs[-len(paragraphs):] == paragraphs
    assert body_paragraphs[:-len(paragraphs)] == [("ReportTitle", "Draft report")]


def test_outline_numbers_are_printed_with_a_warning(cli, tmp_path: Path) -> None:
    source = _write(tmp_path / "r", "en.md", HEAD.format(lang="en") + "1. One.\n\n1.1 A part of it.\n")
    result = cli("build", source.parent, "-o", tmp_path / "out")
    assert result.code == 0
    assert result.err.splitlines() == [
        f"{source}:13: warning: '1.1' at the start of this paragraph is printed as written: UN paragraphs are "
        "numbered 1, 2, 3 throughout, and their parts are sub-items (a), (b)"]
    assert [p.text for p in Docx(tmp_path / "out" / "en.docx").body_paragraphs()][-1] == "1.1 A part of it."


def test_a_file_with_carriage_returns_alone_reads_line_by_line(cli, tmp_path: Path) -> None:
    """Classic Mac OS line ends: the lines are the file's, not one line of control characters."""
    source = _write(tmp_path / "r", "en.md", (HEAD.format(lang="en") + "1. One.\n\n2. Two.\n").replace("\n", "\r"))
    result = cli("build", source.parent, "-o", tmp_path / "out")
    assert (result.code, result.err) == (0, "")
    assert [p.text for p in Docx(tmp_path / "out" / "en.docx").body_paragraphs()][-2:] == ["1.\tOne.", "2.\tTwo."]


def test_a_hash_opening_a_paragraph_is_printed_with_a_warning(cli, tmp_path: Path) -> None:
    source = _write(tmp_path / "r", "en.md", HEAD.format(lang="en") + "1. One.\n\n#MeToo was discussed.\n")
    result = cli("build", source.parent, "-o", tmp_path / "out")
    assert result.code == 0
    assert result.err.splitlines() == [
        f"{source}:13: warning: '#MeToo' at the start of this paragraph is printed as written: for a heading, "
        "write '# MeToo was discussed.'"]
    assert [p.text for p in Docx(tmp_path / "out" / "en.docx").body_paragraphs()][-1] == "#MeToo was discussed."


def test_a_wrapped_line_starting_with_the_next_number_continues_its_paragraph(cli, tmp_path: Path) -> None:
    """Only a marker opening a block is one: "14 States" wrapped onto a new line is text."""
    source = _write(tmp_path / "r", "en.md", HEAD.format(lang="en") + "13. Reports were received from\n"
                                                                    "14 States and 2 organizations.\n")
    result = cli("build", source.parent, "-o", tmp_path / "out")
    assert (result.code, result.err) == (0, "")
    assert [p.text for p in Docx(tmp_path / "out" / "en.docx").body_paragraphs()][-1] == \
        "13.\tReports were received from 14 States and 2 organizations."
