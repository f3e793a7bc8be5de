"""documents.yaml: never a traceback; each bad entry is one PATH:LINE message and
is left out, the good entries are kept."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from reportgen.errors import Diagnostic
from reportgen.source.registry import FILE_NAME, Registry, read_registry

GOOD = """\
A/75/1:
  date: 2020-09-15
  title:
    en: Agenda
    fr: Ordre du jour
"""


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "sources" / "report"
    path.mkdir(parents=True)
    return path


def read(report: Path, text: str | bytes) -> tuple[Registry, list[Diagnostic]]:
    path = report / FILE_NAME
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return read_registry(report)


def problems(report: Path, text: str | bytes) -> list[tuple[int | None, str]]:
    registry, diags = read(report, text)
    assert diags, "an error must be reported"
    assert all(d.severity == "error" and d.path == report / FILE_NAME for d in diags)
    return [(d.line, d.message) for d in diags]


def test_good_entries_are_read(report: Path) -> None:
    registry, diags = read(report, GOOD)
    assert diags == []
    entry = registry.get("A/75/1")
    assert entry is not None
    assert entry.titles == {"en": "Agenda", "fr": "Ordre du jour"}
    assert entry.date == dt.date(2020, 9, 15)
    assert (entry.path, entry.line) == (report / FILE_NAME, 1)
    assert registry.files == (report / FILE_NAME,)


def test_no_registry_is_an_empty_one(report: Path) -> None:
    assert read_registry(report) == (Registry({}, ()), [])


@pytest.mark.parametrize("text", ["", "# nothing yet\n", "~\n", "\ufeff\r\n"])
def test_an_empty_registry(report: Path, text: str) -> None:
    registry, diags = read(report, text)
    assert (registry.entries, diags) == ({}, [])


def test_the_reports_own_file_wins_and_both_are_checked(report: Path) -> None:
    (report.parent / FILE_NAME).write_text(GOOD + "A/75/2:\n  title: {en: Two}\nA/75/3: x\n", encoding="utf-8")
    registry, diags = read(report, "A/75/1:\n  title: {en: Own}\n")
    assert registry.get("A/75/1").titles == {"en": "Own"}
    assert registry.get("A/75/2").titles == {"en": "Two"}
    assert registry.files == (report.parent / FILE_NAME, report / FILE_NAME)
    assert diags == [Diagnostic("error", report.parent / FILE_NAME, 8,
                                "'A/75/3' needs a 'title' mapping of language codes to titles")]


def test_quoted_dates_bom_and_crlf(report: Path) -> None:
    registry, diags = read(report, "\ufeff" + GOOD.replace("2020-09-15", "'2020-09-15'").replace("\n", "\r\n"))
    assert diags == []
    assert registry.get("A/75/1").date == dt.date(2020, 9, 15)


@pytest.mark.parametrize("text, line, message", [
    ("A/75/1:\n  titel: x\n", 1, "'A/75/1' needs a 'title' mapping of language codes to titles"),
    ("A/75/1: Agenda\n", 1, "'A/75/1' needs a 'title' mapping of language codes to titles"),
    ("A/75/1:\n", 1, "'A/75/1' needs a 'title' mapping of language codes to titles"),
    ("A/75/1:\n  title: Agenda\n", 1, "'A/75/1' needs a 'title' mapping of language codes to titles"),
    ("A/75/1:\n  title: [en, Agenda]\n", 1, "'A/75/1' needs a 'title' mapping of language codes to titles"),
    ("A/75/1:\n  title: {en: x}\n  foo: 1\n  bar: 2\n", 1, "'A/75/1' has unknown keys: bar, foo (known: title, date)"),
    ("A/75/1:\n  title:\n    en: x\n    de: y\n", 4,
     "'A/75/1': title language 'de' is not one of: ar, en, es, fr, ru, zh"),
    ("A/75/1:\n  title:\n    1: y\n", 3, "'A/75/1': title language '1' is not one of: ar, en, es, fr, ru, zh"),
    ("A/75/1:\n  title:\n    [en]: y\n", 3, "'A/75/1': title language must be one of: ar, en, es, fr, ru, zh, "
                                            "not a list"),
    ("A/75/1:\n  title:\n    en: [a]\n", 3, "'A/75/1': the en title must be text"),
    ("A/75/1:\n  title:\n    en:\n      - a\n", 3, "'A/75/1': the en title must be text"),
    ("A/75/1:\n  title:\n    en: 12\n", 3, "'A/75/1': the en title must be text"),
    ("A/75/1:\n  title:\n    en: true\n", 3, "'A/75/1': the en title must be text"),
    ("A/75/1:\n  title:\n    en:\n", 3, "'A/75/1': the en title must be text"),
    ("A/75/1:\n  title:\n    en: '  '\n", 3, "'A/75/1': the en title must be text"),
    ("A/75/1:\n  date: 15 September 2020\n  title: {en: x}\n", 2,
     "'A/75/1': date '15 September 2020' is not of the form YYYY-MM-DD"),
    ("A/75/1:\n  date: 2020\n  title: {en: x}\n", 2, "'A/75/1': date '2020' is not of the form YYYY-MM-DD"),
    ("A/75/1:\n  date: [2020-01-01]\n  title: {en: x}\n", 2,
     "'A/75/1': date must be of the form YYYY-MM-DD, not a list"),
    ("A/75/1:\n  date: 2024-02-30\n  title: {en: x}\n", 2,
     "'A/75/1': date '2024-02-30' is not a real date (February 2024 has 29 days)"),
    ("A/75/1:\n  date: '2024-02-30'\n  title: {en: x}\n", 2,
     "'A/75/1': date '2024-02-30' is not a real date (February 2024 has 29 days)"),
    ("A/75/1:\n  date: !!timestamp 2023-02-29\n  title: {en: x}\n", 2,
     "'A/75/1': date '2023-02-29' is not a real date (February 2023 has 28 days)"),
    ("A/75/1:\n  date: 2024-13-01\n  title: {en: x}\n", 2,
     "'A/75/1': date '2024-13-01' is not a real date (there is no month 13)"),
    ("A/75/1:\n  title: {en: x}\nA/75/1:\n  title: {en: y}\n", 3, "'A/75/1' is listed twice (first at line 1)"),
    ("A/75/1:\n  title:\n    en: x\n    en: y\n", 4, "'A/75/1': the en title is given twice (first at line 3)"),
    ("A/75/1:\n  title: {en: x}\n  title: {en: y}\n", 3, "'A/75/1': 'title' is given twice (first at line 2)"),
    ("1234:\n  title: {en: x}\n", 1, "'1234' is read as a number: put the document symbol in quotes"),
    ("~:\n  title: {en: x}\n", 1, "'~' is read as nothing: put the document symbol in quotes"),
    ("true:\n  title: {en: x}\n", 1, "'true' is read as true/false: put the document symbol in quotes"),
    ("[A/1]:\n  title: {en: x}\n", 1, "a document symbol must be text such as 'A/75/1', not a list"),
    ("<<: {A/1: {title: {en: x}}}\n", 1, "'<<' is not a document symbol: the registry does not merge YAML mappings"),
    ("A/75/1: !foo {title: {en: x}}\n", 1, "'A/75/1' uses the YAML tag '!foo', which is not allowed here: remove it"),
    ("!foo A/75/1:\n  title: {en: x}\n", 1, "'A/75/1' uses the YAML tag '!foo', which is not allowed here: remove it"),
    ("A/75/1:\n  title: !!omap [en: x]\n", 1, "'A/75/1' needs a 'title' mapping of language codes to titles"),
    ("A/75/1:\n  title:\n    en: !!binary eHl6\n", 3,
     "'A/75/1': the en title uses the YAML tag '!!binary', which is not allowed here: remove it"),
    ("A/75/1:\n  title:\n    en: !!python/object/apply:os.system [ls]\n", 3,
     "'A/75/1': the en title uses the YAML tag '!!python/object/apply:os.system', which is not allowed here: "
     "remove it"),
    ("A/75/1:\n  date: !!python/object:datetime.date 2020-01-01\n  title: {en: x}\n", 2,
     "'A/75/1': the date uses the YAML tag '!!python/object:datetime.date', which is not allowed here: remove it"),
    ("A/75/1:\n  title:\n    en: a\x0bb\n", 3,
     "'A/75/1' contains the control character U+000B, which cannot appear in a document"),
    ("A/75/1:\n  title:\n    en: \"a\\x0bb\"\n", 3,
     "'A/75/1': the en title contains the control character U+000B, which cannot appear in a document"),
    ("A/75/1:\n  title:\n    en: \"a\\uFFFE\"\n", 3,
     "'A/75/1': the en title contains the invalid character U+FFFE, which cannot appear in a document"),
    ("A/75/1:\n  title:\n    en: \"a\\uD800\"\n", 3,
     "'A/75/1': the en title contains the invalid character U+D800, which cannot appear in a document"),
    ("# note \x07\nA/75/1:\n  title: {en: x}\n", 1,
     "this line contains the control character U+0007, which cannot appear in a document"),
    ("- A/75/1\n", 1, "a documents registry maps document symbols to their titles"),
    ("A/75/1\n", 1, "a documents registry maps document symbols to their titles"),
    ("!!set {A/75/1}\n", 1, "a documents registry maps document symbols to their titles"),
    ("A/75/1:\n  title: {en: x\n", 2, "invalid YAML: the value of 'title' starts with '{', which YAML reads as a "
                                    "mapping, and it is not closed: end it with '}', or put the value in quotes if it is text"),
    ("A/75/1:\n\ttitle: x\n", 2, "invalid YAML: found a tab character: use spaces, or put the value in quotes"),
    ("A/75/1: " + "[" * 10_000 + "\n", 1, "the documents registry is nested too deeply"),
    ("A/75/1: " + "{a: " * 10_000 + "\n", 1, "the documents registry is nested too deeply"),
])
def test_each_bad_entry_is_one_message_at_its_line(report: Path, text: str, line: int, message: str) -> None:
    assert problems(report, text) == [(line, message)]


def test_bad_entries_are_left_out_and_good_ones_kept(report: Path) -> None:
    text = (GOOD
            + "A/75/2:\n  date: 2024-02-30\n  title: {en: Two}\n"
            + "A/75/3:\n  title:\n    de: Drei\n    en: [Three]\n"
            + "A/75/4:\n  title: {zh: 四}\n"
            + "A/75/5:\n  title: {en: \"Five\\x0b\"}\n")
    registry, diags = read(report, text)
    assert sorted(registry.entries) == ["A/75/1", "A/75/4"]
    assert [(d.line, d.message) for d in diags] == [
        (7, "'A/75/2': date '2024-02-30' is not a real date (February 2024 has 29 days)"),
        (11, "'A/75/3': title language 'de' is not one of: ar, en, es, fr, ru, zh"),
        (12, "'A/75/3': the en title must be text"),
        (16, "'A/75/5': the en title contains the control character U+000B, which cannot appear in a document"),
    ]


def test_a_duplicate_keeps_the_first(report: Path) -> None:
    registry, diags = read(report, GOOD + "A/75/1:\n  title: {en: Again}\n")
    assert registry.get("A/75/1").titles["en"] == "Agenda"
    assert [(d.line, d.message) for d in diags] == [(6, "'A/75/1' is listed twice (first at line 1)")]


def test_not_utf8_names_the_line(report: Path) -> None:
    assert problems(report, GOOD.encode() + b"A/75/2:\n  title: {fr: caf\xe9}\n") == [(7, "file is not valid UTF-8")]


def test_unreadable_file(report: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (report / FILE_NAME).write_text(GOOD, encoding="utf-8")

    def refuse(self: Path, *args: object, **kwargs: object) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)  # the registry is read within its size limit (limits.read_limited)
    registry, diags = read_registry(report)
    assert registry.entries == {}
    assert diags == [Diagnostic("error", report / FILE_NAME, None, "cannot read file: Permission denied")]


def test_a_directory_named_like_the_registry_is_not_one(report: Path) -> None:
    (report / FILE_NAME).mkdir()
    assert read_registry(report) == (Registry({}, ()), [])


NASTY = ["\x00", "\x0b", "\ufffe", "\x85", "\r", "\t", "[", "]", "{", "}", ":", "- ", "? ", "!", "!!", "&a ", "*a",
         "|", "'", '"', "\\", "#", "%", "\n", "\n  ", "---", "2024-02-30", "!!binary", "!!timestamp", "<<: ", "~",
         "\\x0b", "\\U00110000"]


def test_no_input_raises(report: Path) -> None:
    rng = random.Random(20200915)
    text = GOOD + "A/75/2:\n  title:\n    zh: 二\n    ru: Два\n"
    for _ in range(200):
        chars = list(text)
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(chars) + 1)
            chars[at:at + rng.randint(0, 3)] = [rng.choice(NASTY)]
        damaged = "".join(chars)
        registry, diags = read(report, damaged)
        lines = damaged.count("\n") + damaged.count("\r") + 1
        assert all(d.line is None or 1 <= d.line <= lines for d in diags), damaged
        assert all(isinstance(e.titles, dict) for e in registry.entries.values())
