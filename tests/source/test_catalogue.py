"""A catalogue of bad inputs. Each one is refused by ``reportgen build`` with exit 2
and the exact ``PATH:LINE: message`` lines, no traceback, no output written, and
the sources byte for byte as they were."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

import pytest

HEAD = ("---\nsymbol: A/AC.1/2024/L.1\ndistribution: limited\ndate: 2024-03-01\nlanguage: en\noriginal: en\n"
        "organ: Committee\ntitle: Draft report\n---\n\n")  # the body starts at line 11
LIMIT_MB = 16

BODY_CASES: dict[str, tuple[str, list[str]]] = {
    # -- the silent changes of the issue, now refused at their line
    "undefined footnote": ("1. Text.[^2]\n", ["11: footnote [^2] is referenced but not defined: add a line '[^2]: text'"]),
    "unused footnote": ("1. Text.\n\n[^9]: Never cited.\n", ["13: footnote [^9] is defined but never referenced"]),
    "inline html": ("1. Some <b>bold</b> text.\n", [
        "11: raw markup '<b>' is not supported in a report: write the text without tags",
        "11: raw markup '</b>' is not supported in a report: write the text without tags"]),
    "raw openxml": ("1. Text <w:p/> here.\n",
                    ["11: raw markup '<w:p/>' is not supported in a report: write the text without tags"]),
    "label with a space": ("# I. {# intro} Opening\n\n1. Text.\n", [
        "11: '{# intro}' is not a valid label: write {#name}, a name of letters, digits, '-' and '_' with no "
        "spaces, starting with a letter"]),
    "label in running text": ("1. Text.\n\n   {#late} more text.\n",
                              ["13: a label {#name} may only follow a paragraph, chapter or sub-heading number"]),
    "unclosed comment": ("1. Text. <!-- verify\n\n2. More.\n", ["11: comment '<!--' is never closed with '-->'"]),
    "stray comment end": ("1. Text --> more.\n", ["11: '-->' closes no comment: a comment is written <!-- text -->"]),
    # -- markers and numbering
    "sub-item out of sequence": ("1. Lead:\n\n    (a) one;\n\n    (c) three.\n",
                                 ["15: sub-item (c) is out of sequence: expected (b)"]),
    "sub-item out of sequence inside a list": ("1. Lead:\n    (a) one;\n    (c) three.\n",
                                               ["13: sub-item (c) is out of sequence: expected (b)"]),
    "sub-item outside a paragraph": ("# I. Title\n\n(a) stray.\n", [
        "13: sub-item (a) is outside a numbered paragraph: put it under a paragraph 'N. text'"]),
    "roman item without a letter item": ("1. Lead:\n\n    (ii) two.\n",
                                         ["13: sub-item (ii) is out of sequence: expected (a)"]),
    "duplicate number": ("1. One.\n\n2. Two.\n\n2. Again.\n", ["15: paragraph 2 is numbered twice: expected 3"]),
    "skipped number": ("1. One.\n\n3. Three.\n", ["13: paragraph 3 follows paragraph 1: expected 2"]),
    "zero": ("0. Zero.\n", ["11: paragraph numbers start at 1 or above"]),
    "negative": ("-1. Minus one.\n", ["11: paragraph numbers start at 1 or above"]),
    "empty paragraph": ("1.\n\n2. Two.\n", ["11: paragraph 1 has no text after its number"]),
    "chapter skipped": ("# I. One\n\n1. A.\n\n# III. Three\n\n2. B.\n", ["15: chapter III follows chapter I: expected II"]),
    "heading too deep": ("#### Deep\n", ["11: heading level 4 is too deep: use '#' (chapter), '##' or '###'"]),
    # -- constructs a report cannot hold
    "code block": ("1. Text.\n\n```\ncode\n```\n", ["13: a code block is not supported in a report"]),
    "code span": ("1. Run `make`.\n", ["11: code ('`make`') is not supported in a report; to print a backtick, write \\`"]),
    "table": ("1. Text.\n\n| a | b |\n|---|---|\n", ["13: a table is not supported in a report: write the figures in the text"]),
    "image": ("1. See ![chart](chart.png).\n", ["11: images are not supported in a report"]),
    "bullet list": ("1. Text.\n\n- a bullet\n", ["13: a bullet list is not supported in a report: use sub-items (a), (b)"]),
    "horizontal rule": ("1. Text.\n\n---\n\n2. More.\n", ["13: a horizontal rule is not supported in a report"]),
    "underline heading": ("Title\n=====\n", ["12: an '===' underline heading is not supported: write '# Title'"]),
    "strikethrough": ("1. Not ~~this~~.\n", ["11: strikethrough ('~~text~~') is not supported in a report"]),
    "1,000 nested block quotes": ("1. Text.\n\n" + ">" * 1000 + " deep\n",
                                  ["13: a block quotation ('>') is not supported in a report"]),
    "2,000 nested emphasis markers": ("1. " + "*" * 2000 + "x" + "*" * 2000 + "\n",
                                      ["11: formatting is nested more than 18 levels deep"]),
    # -- links
    "javascript link": ("1. [Click](javascript:alert(1)).\n", [
        "11: link target 'javascript:alert(1)' is not allowed: links must start with http://, https:// or "
        "mailto: (or be (#) around a document symbol)"]),
    "file link": ("1. [Secret](file:///etc/passwd).\n", [
        "11: link target 'file:///etc/passwd' is not allowed: links must start with http://, https:// or "
        "mailto: (or be (#) around a document symbol)"]),
    "unreadable link": ("1. [UN](https://un.org/a b).\n", [
        "11: this link cannot be read: write [text](https://address) with no spaces in the address"]),
    "symbol link to a non-symbol": ("1. See [the note](#).\n",
                                    ["11: '[the note](#)' links to nothing: the text is not a UN document symbol"]),
    # -- footnotes
    "footnote referenced twice": ("1. One.[^1] Two.[^1]\n\n[^1]: Note.\n", [
        "11: footnote [^1] is referenced twice (first at line 11); a footnote is referenced once"]),
    "footnote defined twice": ("1. One.[^1]\n\n[^1]: Note.\n\n[^1]: Again.\n",
                               ["15: footnote [^1] is defined twice (first at line 13)"]),
    "footnote in a footnote": ("1. One.[^1]\n\n[^1]: Note.[^2]\n\n[^2]: Inner.\n",
                               ["13: a footnote cannot hold another footnote"]),
    "malformed footnote reference": ("1. One.[^ 1]\n", ["11: a footnote reference must be written [^name], with no spaces"]),
    # -- references
    "unknown label": ("1. As in @nowhere.\n", ["11: unknown label '@nowhere' (this file defines no labels)"]),
    # -- characters a document cannot hold, typed or as references
    "vertical tab": ("1. A\x0bB.\n", ["11: the character U+000B (a control character) cannot appear in a document: remove it"]),
    "form feed in a heading": ("# I. Title\x0c\n", ["11: the character U+000C (a control character) cannot appear in a document: remove it"]),
    "escape in a footnote": ("1. A.[^1]\n\n[^1]: Note \x1b.\n",
                             ["13: the character U+001B (a control character) cannot appear in a document: remove it"]),
    "non-character U+FFFE": ("1. A\ufffe.\n", ["11: the character U+FFFE (a control character) cannot appear in a document: remove it"]),
    "non-character U+FFFF": ("1. A\uffff.\n", ["11: the character U+FFFF (a control character) cannot appear in a document: remove it"]),
    "character reference to a control": ("1. A&#x0b;B.\n", [
        "11: the character reference &#x0b; stands for a character that cannot appear in a document"]),
    "character reference to a surrogate": ("1. A&#xD800;B.\n", [
        "11: the character reference &#xD800; stands for a character that cannot appear in a document"]),
    "character reference to U+FFFF": ("1. A&#65535;B.\n", [
        "11: the character reference &#65535; stands for a character that cannot appear in a document"]),
}


# Front matter: (old line, new line(s)) edits of HEAD, and the expected messages.
FRONT_CASES: dict[str, tuple[tuple[str, str], list[str]]] = {
    **{f"missing {key}": ((f"{line}\n", ""), [f"2: front matter lacks required key '{key}'"])
       for key, line in [("symbol", "symbol: A/AC.1/2024/L.1"), ("distribution", "distribution: limited"),
                         ("date", "date: 2024-03-01"), ("language", "language: en"), ("original", "original: en"),
                         ("organ", "organ: Committee"), ("title", "title: Draft report")]},
    "impossible date": (("date: 2024-03-01", "date: 2024-02-30"),
                        ["4: 'date' value '2024-02-30' is not a real date (February 2024 has 29 days)"]),
    "impossible meeting date": (("title: Draft report", "title: Draft report\ndates: [2021-09-06, 2021-02-30]"),
                                ["9: 'dates' value '2021-02-30' is not a real date (February 2021 has 28 days)"]),
    "date in words": (("date: 2024-03-01", "date: 1 March 2024"),
                      ["4: 'date' value '1 March 2024' is not a date of the form YYYY-MM-DD"]),
    "unknown distribution": (("distribution: limited", "distribution: secret"),
                             ["3: distribution 'secret' is not one of: general, limited, restricted"]),
    "language not the file's": (("language: en", "language: fr"),
                                ["5: language 'fr' does not match the file name 'en.md'"]),
    "unknown original": (("original: en", "original: english"),
                         ["6: original 'english' is not one of: ar, en, es, fr, ru, zh"]),
    "title is a list": (("title: Draft report", "title: [a, b]"), ["8: 'title' must be text, not a list"]),
    "unknown key": (("organ: Committee", "organ: Committee\nchair: Ms. X"), [
        "8: unknown front matter key 'chair' (known keys: symbol, distribution, date, language, original, organ, "
        "title, subtitle, meeting, venue, dates, agenda, job, processed, emblem, word_limit)"]),
    "duplicate key": (("organ: Committee", "organ: Committee\norgan: Council"),
                      ["8: front matter key 'organ' is given twice (first at line 7)"]),
    "timestamp tag on the title": (("title: Draft report", "title: !!timestamp 2021-01-01"),
                                   ["8: 'title' must be text, not a date"]),
    "bad int tag": (("title: Draft report", "title: Draft report\nword_limit: !!int abc"),
                    ["9: word_limit 'abc' must be 'secretariat' (8,500), 'other' (10,700) or a number of words"]),
    "python tag": (("title: Draft report", "title: !!python/object/apply:os.system [echo]"), [
        "8: 'title' uses the YAML tag '!!python/object/apply:os.system', which is not allowed here: remove it"]),
    "nested 10,000 deep": (("title: Draft report", "title: " + "[" * 10000), ["8: front matter is nested too deeply"]),
    "control character in the title": (("title: Draft report", 'title: "Draft\\x0breport"'),
                                       ["8: 'title' contains the control character U+000B, which cannot appear in a document"]),
    "bad word limit": (("title: Draft report", "title: Draft report\nword_limit: short"),
                       ["9: word_limit 'short' must be 'secretariat' (8,500), 'other' (10,700) or a number of words"]),
    "bad job number": (("title: Draft report", "title: Draft report\njob: V-1234"), [
        "9: 'job' value 'V-1234' is not a job number: write it as printed in the footer, e.g. 21-12345 (New York), "
        "GE.21-12345 (Geneva), V.21-12345 (Vienna) or K2112345 (Nairobi)"]),
}


@pytest.mark.parametrize("case", sorted(FRONT_CASES))
def test_front_matter_is_refused_at_its_line(cli, tmp_path: Path, case: str) -> None:
    (old, new), messages = FRONT_CASES[case]
    assert old in HEAD
    source = _write(tmp_path / "r", "en.md", HEAD.replace(old, new, 1) + "1. Text.\n")
    _refused(cli, source.parent, tmp_path / "out", [f"{source}:{m}" for m in messages])


def test_a_one_megabyte_title_builds(cli, tmp_path: Path) -> None:
    title = "Draft report " * 80_000
    source = _write(tmp_path / "r", "en.md", HEAD.replace("title: Draft report", f"title: {title}") + "1. Text.\n")
    result = cli("build", source.parent, "-o", tmp_path / "out")
    assert result.code == 0, result.err[:500]


REGISTRY_CASES: dict[str, tuple[str, list[str]]] = {
    "impossible date": ("A/1:\n  date: 2024-02-30\n  title:\n    en: A title\n",
                        ["2: 'A/1': date '2024-02-30' is not a real date (February 2024 has 29 days)"]),
    "no title": ("A/1:\n  date: 2024-02-01\n", ["1: 'A/1' needs a 'title' mapping of language codes to titles"]),
    "unknown title language": ("A/1:\n  title:\n    de: Ein Titel\n",
                               ["3: 'A/1': title language 'de' is not one of: ar, en, es, fr, ru, zh"]),
    "listed twice": ("A/1:\n  title: {en: One}\nA/1:\n  title: {en: Two}\n", ["3: 'A/1' is listed twice (first at line 1)"]),
    "not a mapping": ("- A/1\n", ["1: a documents registry maps document symbols to their titles"]),
}


@pytest.mark.parametrize("case", sorted(REGISTRY_CASES))
def test_documents_registry_is_refused_at_its_line(cli, tmp_path: Path, case: str) -> None:
    text, messages = REGISTRY_CASES[case]
    report = tmp_path / "r"
    _write(report, "en.md", HEAD + "1. Text.\n")
    registry = _write(report, "documents.yaml", text)
    _refused(cli, report, tmp_path / "out", [f"{registry}:{m}" for m in messages])


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _refused(cli, report: Path, out: Path, expected: list[str]) -> None:
    before = _snapshot(report)
    result = cli("build", report, "-o", out)
    assert result.code == 2, result.err
    assert "Traceback" not in result.err
    assert result.err.splitlines() == expected
    assert result.out == ""
    assert not out.exists()
    assert _snapshot(report) == before


@pytest.mark.parametrize("case", sorted(BODY_CASES))
def test_body_is_refused_at_its_line(cli, tmp_path: Path, case: str) -> None:
    body, messages = BODY_CASES[case]
    source = _write(tmp_path / "r", "en.md", HEAD + body)
    _refused(cli, source.parent, tmp_path / "out", [f"{source}:{m}" for m in messages])


FILE_CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "empty file": (lambda d: _write(d, "en.md", b""),
                   "{p}: file is empty: a language version starts with its front matter ('---')"),
    "binary file": (lambda d: _write(d, "en.md", b"PK\x03\x04\x00\x00binary"),
                    "{p}: this is not a text file (it holds binary data)"),
    "not UTF-8": (lambda d: _write(d, "en.md", (HEAD + "1. Caf\xe9.\n").encode("latin-1")),
                  "{p}:11: file is not valid UTF-8 text: save it as UTF-8"),
    "lone surrogate bytes": (lambda d: _write(d, "en.md", HEAD.encode() + b"1. A\xed\xa0\x80.\n"),
                             "{p}:11: file is not valid UTF-8 text: save it as UTF-8"),
    "no front matter": (lambda d: _write(d, "en.md", "1. Text.\n"),
                        "{p}:1: missing YAML front matter: the file must start with a '---' line"),
    "front matter not closed": (lambda d: _write(d, "en.md", HEAD.replace("---\n\n", "\n")),
                                "{p}:1: front matter is not closed: no '---' line after the opening one"),
    "20 MB source": (lambda d: _write(d, "en.md", HEAD + ("1. " + "word " * 4_200_000 + "\n")),
                     f"{{p}}: file is 20 MB; a language version may be at most {LIMIT_MB} MB"),
}


@pytest.mark.parametrize("case", sorted(FILE_CASES))
def test_unusable_file_is_refused(cli, tmp_path: Path, case: str) -> None:
    make, message = FILE_CASES[case]
    path = make(tmp_path / "r")
    _refused(cli, path.parent, tmp_path / "out", [message.format(p=path)])


def test_every_error_of_every_version_in_one_run(cli, tmp_path: Path) -> None:
    report = tmp_path / "r"
    en = _write(report, "en.md", HEAD + "1. One.[^2]\n\n3. Three.\n")
    fr = _write(report, "fr.md", HEAD.replace("language: en", "language: fr") + "1. Un <i>x</i>.\n")
    zh = _write(report, "zh.md", HEAD.replace("language: en", "language: zh") + "1. 一\x0b。\n")
    _refused(cli, report, tmp_path / "out", [
        f"{en}:11: footnote [^2] is referenced but not defined: add a line '[^2]: text'",
        f"{en}:13: paragraph 3 follows paragraph 1: expected 2",
        f"{fr}:11: raw markup '<i>' is not supported in a report: write the text without tags",
        f"{fr}:11: raw markup '</i>' is not supported in a report: write the text without tags",
        f"{zh}:11: the character U+000B (a control character) cannot appear in a document: remove it",
    ])


def test_errors_are_capped_with_a_count_of_the_rest(cli, tmp_path: Path) -> None:
    source = _write(tmp_path / "r", "en.md", HEAD + "".join(f"1. Text <b>{i}.\n\n" for i in range(60)))
    result = cli("build", source.parent, "-o", tmp_path / "out")
    lines = result.err.splitlines()
    assert result.code == 2
    assert len(lines) == 51
    assert lines[0] == f"{source}:11: raw markup '<b>' is not supported in a report: write the text without tags"
    assert lines[-1] == "... and 69 more errors (fix these and run again)"


def test_version_saved_under_another_name_is_named(cli, tmp_path: Path) -> None:
    report = tmp_path / "r"
    _write(report, "fr.md", HEAD.replace("language: en", "language: fr") + "1. Un.\n")
    markdown = _write(report, "en.markdown", HEAD + "1. One.\n")
    upper = _write(report, "ZH.md", HEAD + "1. One.\n")
    _refused(cli, report, tmp_path / "out", [
        f"{upper}: not a language version: name it zh.md",
        f"{markdown}: not a language version: name it en.md",
    ])


def test_symlink_out_of_the_report_folder(cli, tmp_path: Path) -> None:
    outside = _write(tmp_path / "elsewhere", "secret.md", HEAD + "1. Secret.\n")
    report = tmp_path / "r"
    _write(report, "fr.md", HEAD.replace("language: en", "language: fr") + "1. Un.\n")
    os.symlink(outside, report / "en.md")
    _refused(cli, report, tmp_path / "out", [f"{report / 'en.md'}: is a link to a file outside the report folder"])


def test_output_folder_that_cannot_be_written(cli, tmp_path: Path) -> None:
    source = _write(tmp_path / "r", "en.md", HEAD + "1. One.\n")
    blocker = _write(tmp_path, "out", "a file where the folder should be")
    result = cli("build", source.parent, "-o", blocker)
    assert result.code == 2
    assert result.err.splitlines() == [f"cannot write to {blocker}: not a folder"]
    assert blocker.read_text() == "a file where the folder should be"


def test_bom_and_crlf_are_accepted(cli, tmp_path: Path) -> None:
    text = "\ufeff" + (HEAD + "1. One.\n\n    (a) item;\n\n2. Two.\n").replace("\n", "\r\n")
    source = _write(tmp_path / "r", "en.md", text)
    result = cli("build", source.parent, "-o", tmp_path / "out")
    assert result.code == 0, result.err
    assert (tmp_path / "out" / "en.docx").is_file()


def test_a_comment_is_never_printed(cli, tmp_path: Path) -> None:
    from tests.support.docx_read import Docx

    source = _write(tmp_path / "r", "en.md", HEAD + "<!-- a note to the editor -->\n1. One <!-- verify --> two.\n")
    assert cli("build", source.parent, "-o", tmp_path / "out").code == 0
    texts = [p.text for p in Docx(tmp_path / "out" / "en.docx").body_paragraphs()]
    assert "1.\tOne  two." in texts
    assert not any("verify" in t or "editor" in t for t in texts)
