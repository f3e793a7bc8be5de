"""Front matter: every user mistake is one PATH:LINE message, all of them in one
pass, and no input whatever ends in a traceback."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from reportgen.errors import Diagnostic, UserError
from reportgen.model import Metadata
from reportgen.source import frontmatter
from reportgen.source.frontmatter import REQUIRED

PATH = Path("sources/report/en.md")

GOOD = """\
---
symbol: A/AC.1/2024/L.1
distribution: limited
date: 2024-03-01
language: en
original: en
organ: Committee
title: Draft report
dates: [2024-02-26, 2024-03-01]
job: V.24-01234
---

1. Text.
"""
JOB_FORMS = ("write it as printed in the footer, e.g. 21-12345 (New York), GE.21-12345 (Geneva), V.21-12345 "
             "(Vienna) or K2112345 (Nairobi)")
KNOWN = ("symbol, distribution, date, language, original, organ, title, subtitle, meeting, venue, dates, "
         "agenda, job, processed, emblem, word_limit")


def parse(text: str, path: Path = PATH) -> tuple[Metadata | None, list[Diagnostic]]:
    return frontmatter.parse(path, frontmatter.split(path, text))


def problems(text: str) -> list[tuple[int | None, str]]:
    """(line, message) of every diagnostic; there must be some, and no Metadata."""
    meta, diags = parse(text)
    assert meta is None
    assert diags, "an error must be reported"
    assert all(d.severity == "error" and d.path == PATH for d in diags)
    return [(d.line, d.message) for d in diags]


def change(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new)


def test_valid_front_matter_is_read() -> None:
    meta, diags = parse(GOOD)
    assert diags == []
    assert meta is not None
    assert meta.symbol == "A/AC.1/2024/L.1"
    assert meta.date == dt.date(2024, 3, 1)
    assert meta.dates == (dt.date(2024, 2, 26), dt.date(2024, 3, 1))
    assert meta.job == "V.24-01234"
    assert meta.word_limit == 10700
    assert meta.lines["organ"] == 7


def test_optional_keys_are_read() -> None:
    meta, diags = parse(change("job: V.24-01234", "job: V.24-01234\nsubtitle: ' Addendum '\nmeeting: M\nvenue: Vienna\n"
                               "agenda: [Item 1, Item 2]\nword_limit: secretariat"))
    assert diags == []
    assert meta is not None
    assert (meta.subtitle, meta.meeting, meta.venue, meta.agenda, meta.word_limit) == (
        "Addendum", "M", "Vienna", ("Item 1", "Item 2"), 8500)


@pytest.mark.parametrize("old, new, value", [
    ("date: 2024-03-01", "date: '2024-03-01'", dt.date(2024, 3, 1)),
    ("date: 2024-03-01", "date: !!str 2024-03-01", dt.date(2024, 3, 1)),
    ("date: 2024-03-01", "date: 2024-03-01T10:00:00Z", dt.date(2024, 3, 1)),
    ("title: Draft report", "title: !!str 2024", "2024"),
    ("title: Draft report", 'title: "Smile \\uD83D\\uDE00"', "Smile \U0001F600"),
    ("title: Draft report", "title: \"Tab\tinside 'quotes'\"", "Tab\tinside 'quotes'"),
    ("job: V.24-01234", "job: V.24-01234\nword_limit: 1_000", 1000),
    ("job: V.24-01234", "job: V.24-01234\nword_limit:", 10700),
    ("job: V.24-01234", "job: V.24-01234\nagenda: Item 3", ("Item 3",)),
])
def test_accepted_spellings(old: str, new: str, value: object) -> None:
    meta, diags = parse(change(old, new))
    assert diags == []
    key = new.split("\n")[-1].split(":")[0]
    assert getattr(meta, key) == value


def test_a_one_megabyte_title_is_accepted() -> None:
    meta, diags = parse(change("title: Draft report", "title: " + "x" * 1_000_000))
    assert diags == []
    assert meta is not None and len(meta.title) == 1_000_000


@pytest.mark.parametrize("old, new, line, message", [
    ("distribution: limited", "distribution: secret", 3,
     "distribution 'secret' is not one of: general, limited, restricted"),
    ("date: 2024-03-01", "date: 1 March 2024", 4, "'date' value '1 March 2024' is not a date of the form YYYY-MM-DD"),
    ("language: en", "language: fr", 5, "language 'fr' does not match the file name 'en.md'"),
    ("language: en", "language: de", 5, "language 'de' is not one of: ar, en, es, fr, ru, zh"),
    ("original: en", "original: english", 6, "original 'english' is not one of: ar, en, es, fr, ru, zh"),
    ("organ: Committee", "organ: [a, b]", 7, "'organ' must be text, not a list"),
    ("dates: [2024-02-26, 2024-03-01]", "dates: [2024-03-01, 2024-02-26]", 9,
     "'dates' ends (2024-02-26) before it starts (2024-03-01)"),
    ("dates: [2024-02-26, 2024-03-01]", "dates: 2024-02-26", 9,
     "'dates' must be a list of two dates: [YYYY-MM-DD, YYYY-MM-DD]"),
    ("dates: [2024-02-26, 2024-03-01]", "dates: [2024-02-26]", 9,
     "'dates' must be a list of two dates: [YYYY-MM-DD, YYYY-MM-DD]"),
    ("job: V.24-01234", "job: V-1234", 10, f"'job' value 'V-1234' is not a job number: {JOB_FORMS}"),
    ("job: V.24-01234", "jobb: V.24-01234", 10, f"unknown front matter key 'jobb' (known keys: {KNOWN})"),
    ("title: Draft report", "title: [unclosed", 8, "invalid YAML front matter: the value of 'title' starts with "
     "'[', which YAML reads as a list, and it is not closed: end it with ']', or put the value in quotes if it is "
     "text"),
    ("job: V.24-01234", "job: V.24-01234\nword_limit: short", 11,
     "word_limit 'short' must be 'secretariat' (8,500), 'other' (10,700) or a number of words"),
    ("job: V.24-01234", "job: V.24-01234\nword_limit: -5", 11,
     "word_limit '-5' must be 'secretariat' (8,500), 'other' (10,700) or a number of words"),
    ("job: V.24-01234", "job: V.24-01234\nword_limit: " + "9" * 5000, 11,
     "word_limit '" + "9" * 79 + "…' must be 'secretariat' (8,500), 'other' (10,700) or a number of words"),
    ("job: V.24-01234", "job: V.24-01234\nagenda: [a, [b]]", 11, "'agenda' must be a line of text or a list of lines"),
    ("job: V.24-01234", "job: V.24-01234\nagenda:\n  - a\n  - 3", 13,
     "'agenda' must be a line of text or a list of lines"),
    ("title: Draft report", "title: Tab\tinside", 8,
     "invalid YAML front matter: found a tab character: use spaces, or put the value in quotes"),
    ("title: Draft report", "title: *nowhere", 8, "invalid YAML front matter: the value of 'title' starts with "
     "'*', which YAML reserves: put the value in quotes, title: \"*nowhere\""),
    ("title: Draft report", 'title: "\\U00110000"', 8,
     "invalid YAML front matter: an escape code near this line names no character"),
])
def test_front_matter_errors_name_the_line(old: str, new: str, line: int, message: str) -> None:
    assert problems(change(old, new)) == [(line, message)]


def test_every_problem_is_reported_in_one_pass() -> None:
    text = (change("distribution: limited", "distribution: secret")
            .replace("organ: Committee", "organ: [a, b]")
            .replace("job: V.24-01234", "jobb: V.24-01234"))
    assert problems(text) == [
        (3, "distribution 'secret' is not one of: general, limited, restricted"),
        (7, "'organ' must be text, not a list"),
        (10, f"unknown front matter key 'jobb' (known keys: {KNOWN})"),
    ]


@pytest.mark.parametrize("key", REQUIRED)
def test_each_missing_required_key(key: str) -> None:
    line = next(x for x in GOOD.splitlines() if x.startswith(f"{key}:"))
    assert problems(GOOD.replace(line + "\n", "")) == [(2, f"front matter lacks required key '{key}'")]


def test_all_missing_keys_at_once_and_empty_values() -> None:
    text = "---\n# The essentials:\nsymbol:\ntitle: ''\n---\n"
    assert problems(text) == [(2, f"front matter lacks required key '{k}'") for k in REQUIRED if k not in
                              ("symbol", "title")] + [
        (3, "front matter key 'symbol' is empty, but it is required"),
        (4, "front matter key 'title' is empty, but it is required"),
    ]


def test_empty_front_matter_lacks_every_required_key() -> None:
    assert problems("---\n---\n") == [(2, f"front matter lacks required key '{k}'") for k in REQUIRED]
    assert problems("---\n# just a comment\n---\n") == [(2, f"front matter lacks required key '{k}'")
                                                        for k in REQUIRED]


@pytest.mark.parametrize("front, message", [
    ("- a\n- b", "front matter must be a mapping of keys to values (one 'key: value' per line), not a list"),
    ("just words", "front matter must be a mapping of keys to values (one 'key: value' per line), not text"),
    ("42", "front matter must be a mapping of keys to values (one 'key: value' per line), not a number"),
    ("!!omap [a: 1]", "front matter uses the YAML tag '!!omap', which is not allowed here: remove it"),
])
def test_front_matter_that_is_not_a_mapping(front: str, message: str) -> None:
    assert problems(f"---\n{front}\n---\n") == [(2, message)]


TEXT_KEYS = ("symbol", "distribution", "language", "original", "organ", "title")


@pytest.mark.parametrize("key", TEXT_KEYS + ("subtitle", "meeting", "venue", "job"))
@pytest.mark.parametrize("value, what", [
    ("[a, b]", "a list"),
    ("{a: 1}", "a mapping"),
    ("\n  - a\n  - b", "a list"),
    ("12", "a number"),
    ("1.5", "a number"),
    ("true", "true/false"),
    ("2024-01-01", "a date"),
    ("!!timestamp 2021-01-01", "a date"),
    ("!!int 7", "a number"),
])
def test_wrong_type_for_each_text_key(key: str, value: str, what: str) -> None:
    text = _with(key, value)
    line = _line_of(text, key)
    assert problems(text) == [(line, f"'{key}' must be text, not {what}")]


def _with(key: str, value: str) -> str:
    """GOOD with ``key`` set to ``value`` (added before the end if it is not there)."""
    lines = GOOD.split("\n")
    for i, x in enumerate(lines):
        if x.startswith(f"{key}:"):
            lines[i] = f"{key}: {value}"
            return "\n".join(lines)
    end = lines.index("---", 1)
    return "\n".join(lines[:end] + [f"{key}: {value}"] + lines[end:])


def _line_of(text: str, key: str) -> int:
    return next(i for i, x in enumerate(text.split("\n"), 1) if x.startswith(f"{key}:"))


@pytest.mark.parametrize("key, value, message", [
    ("date", "[2024-01-01]", "'date' must be a date of the form YYYY-MM-DD, not a list"),
    ("date", "{a: 1}", "'date' must be a date of the form YYYY-MM-DD, not a mapping"),
    ("date", "20240", "'date' value '20240' is not a date of the form YYYY-MM-DD"),
    ("date", "true", "'date' value 'true' is not a date of the form YYYY-MM-DD"),
    ("dates", "{a: 1}", "'dates' must be a list of two dates: [YYYY-MM-DD, YYYY-MM-DD]"),
    ("dates", "[a, 2024-01-01]", "'dates' value 'a' is not a date of the form YYYY-MM-DD"),
    ("dates", "[[2024-01-01], 2024-01-02]", "'dates' must be a date of the form YYYY-MM-DD, not a list"),
    ("agenda", "{a: 1}", "'agenda' must be a line of text or a list of lines"),
    ("agenda", "12", "'agenda' must be a line of text or a list of lines"),
    ("word_limit", "[1]", "word_limit must be 'secretariat' (8,500), 'other' (10,700) or a number of words, "
                          "not a list"),
    ("word_limit", "true", "word_limit 'true' must be 'secretariat' (8,500), 'other' (10,700) or a number of words"),
    ("word_limit", "1.5", "word_limit '1.5' must be 'secretariat' (8,500), 'other' (10,700) or a number of words"),
    ("word_limit", "0", "word_limit '0' must be 'secretariat' (8,500), 'other' (10,700) or a number of words"),
])
def test_wrong_type_for_other_keys(key: str, value: str, message: str) -> None:
    text = _with(key, value)
    assert problems(text) == [(_line_of(text, key), message)]


@pytest.mark.parametrize("key, value, message", [
    ("date", "2024-02-30", "'date' value '2024-02-30' is not a real date (February 2024 has 29 days)"),
    ("date", "'2024-02-30'", "'date' value '2024-02-30' is not a real date (February 2024 has 29 days)"),
    ("date", '"2023-02-29"', "'date' value '2023-02-29' is not a real date (February 2023 has 28 days)"),
    ("date", "2024-04-31", "'date' value '2024-04-31' is not a real date (April 2024 has 30 days)"),
    ("date", "2024-13-01", "'date' value '2024-13-01' is not a real date (there is no month 13)"),
    ("date", "2024-00-10", "'date' value '2024-00-10' is not a real date (there is no month 0)"),
    ("date", "2024-01-00", "'date' value '2024-01-00' is not a real date (there is no day 0)"),
    ("date", "0000-01-01", "'date' value '0000-01-01' is not a real date (there is no year 0)"),
    ("date", "2024-02-30T10:00:00Z", "'date' value '2024-02-30T10:00:00Z' is not a real date "
                                     "(February 2024 has 29 days)"),
    ("date", "!!timestamp 2024-02-30", "'date' value '2024-02-30' is not a real date (February 2024 has 29 days)"),
    ("date", "!!timestamp abc", "'date' value 'abc' is not a date of the form YYYY-MM-DD"),
    ("dates", "[2021-09-06, 2021-02-30]", "'dates' value '2021-02-30' is not a real date (February 2021 has 28 days)"),
    ("dates", "['2021-09-06', '2021-09-31']", "'dates' value '2021-09-31' is not a real date "
                                              "(September 2021 has 30 days)"),
])
def test_impossible_dates(key: str, value: str, message: str) -> None:
    text = _with(key, value)
    assert problems(text) == [(_line_of(text, key), message)]


def test_impossible_dates_in_a_block_list_name_their_own_line() -> None:
    text = _with("dates", "\n  - 2021-02-30\n  - 2021-02-31")
    line = _line_of(text, "dates")
    assert problems(text) == [
        (line + 1, "'dates' value '2021-02-30' is not a real date (February 2021 has 28 days)"),
        (line + 2, "'dates' value '2021-02-31' is not a real date (February 2021 has 28 days)"),
    ]


@pytest.mark.parametrize("key, value, tag", [
    ("title", "!!binary xyz", "!!binary"),
    ("title", "!!binary aGVsbG8=", "!!binary"),
    ("title", "!!python/object:os.system ls", "!!python/object:os.system"),
    ("title", "!!python/name:os.system", "!!python/name:os.system"),
    ("title", "!!python/object/apply:os.system [echo pwned]", "!!python/object/apply:os.system"),
    ("title", "!<tag:yaml.org,2002:python/object/apply:os.system> [ls]", "!!python/object/apply:os.system"),
    ("title", "!!set {a}", "!!set"),
    ("title", "!!str [1]", "!!str"),
    ("organ", "!!omap [a: 1]", "!!omap"),
    ("date", "!foo 2024-01-01", "!foo"),
    ("word_limit", "!!python/object:os.system 1", "!!python/object:os.system"),
])
def test_yaml_tags_are_refused_never_run(key: str, value: str, tag: str) -> None:
    text = _with(key, value)
    assert problems(text) == [(_line_of(text, key), f"'{key}' uses the YAML tag '{tag}', which is not allowed here: "
                                                    "remove it")]


@pytest.mark.parametrize("key, value, message", [
    ("word_limit", "!!int abc",
     "word_limit 'abc' must be 'secretariat' (8,500), 'other' (10,700) or a number of words"),
    ("word_limit", "!!int 0x",
     "word_limit '0x' must be 'secretariat' (8,500), 'other' (10,700) or a number of words"),
    ("title", "!!int abc", "'title' must be text, not a number"),
    ("title", "!!float x", "'title' must be text, not a number"),
    ("title", "!!bool x", "'title' must be text, not true/false"),
])
def test_standard_tags_with_wrong_values(key: str, value: str, message: str) -> None:
    text = _with(key, value)
    assert problems(text) == [(_line_of(text, key), message)]


def test_a_tag_on_a_key_is_refused() -> None:
    text = change("title: Draft report", "!foo title: Draft report")
    assert problems(text)[-1] == (8, "front matter key 'title' uses the YAML tag '!foo', which is not allowed here: "
                                     "remove it")


@pytest.mark.parametrize("depth_text", [
    "[" * 10_000,
    "[" * 10_000 + "]" * 10_000,
    "{a: " * 10_000,
    "\n  " + "- " * 10_000 + "x",
])
def test_deep_nesting_is_a_diagnostic_not_a_recursion_error(depth_text: str) -> None:
    text = change("title: Draft report", "title: " + depth_text)
    assert problems(text) == [(8 if depth_text[0] != "\n" else 9, "front matter is nested too deeply")]


def test_self_referencing_alias_is_harmless() -> None:
    assert problems(change("title: Draft report", "title: &a [*a]")) == [(8, "'title' must be text, not a list")]


CONTROLS = [chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)]]
INVALID = ["\ufffe", "\uffff", "\ud800", "\udfff"]


def _char_message(key: str, char: str) -> str:
    what = "invalid" if char in "\ufffe\uffff" or "\ud800" <= char <= "\udfff" else "control"
    return f"'{key}' contains the {what} character U+{ord(char):04X}, which cannot appear in a document"


@pytest.mark.parametrize("char", CONTROLS + INVALID, ids=lambda c: f"U+{ord(c):04X}")
def test_forbidden_characters_typed_directly(char: str) -> None:
    text = change("title: Draft report", f"title: Draft{char}report")
    assert problems(text) == [(8, _char_message("title", char))]


@pytest.mark.parametrize("char", CONTROLS + INVALID, ids=lambda c: f"U+{ord(c):04X}")
def test_forbidden_characters_as_yaml_escapes(char: str) -> None:
    text = change("organ: Committee", f'organ: "Commit\\u{ord(char):04X}tee"')
    assert problems(text) == [(7, _char_message("organ", char))]


@pytest.mark.parametrize("escape, char", [("\\x0b", "\x0b"), ("\\0", "\x00"), ("\\a", "\x07"), ("\\e", "\x1b"),
                                          ("\\N", "\x85"), ("\\x7f", "\x7f"), ("\\uFFFE", "\ufffe"),
                                          ("\\uD800", "\ud800"), ("\\uDE00\\uD83D", "\ude00")])
def test_named_escapes(escape: str, char: str) -> None:
    text = change("title: Draft report", f'title: "a{escape}b"')
    assert problems(text) == [(8, _char_message("title", char))]


def test_forbidden_characters_everywhere_in_one_pass() -> None:
    text = (change("title: Draft report", "title: a\x0bb")
            .replace("organ: Committee", 'organ: "x\\x01"')
            .replace("job: V.24-01234", "job: V.24-01234\nagenda:\n  - fine\n  - \"bad\\x1f\"\n# note\x02"))
    assert problems(text) == [
        (7, _char_message("organ", "\x01")),
        (8, _char_message("title", "\x0b")),
        (13, _char_message("agenda", "\x1f")),
        (14, "this line contains the control character U+0002, which cannot appear in a document"),
    ]


def test_a_control_character_does_not_hide_a_yaml_error() -> None:
    text = change("title: Draft report", "title: a\x0bb").replace("job: V.24-01234", "job: [a")
    assert problems(text) == [
        (8, "this line contains the control character U+000B, which cannot appear in a document"),
        (10, "invalid YAML front matter: the value of 'job' starts with '[', which YAML reads as a list, and it "
             "is not closed: end it with ']', or put the value in quotes if it is text"),
    ]


def test_line_numbers_ignore_what_ruamel_counts_as_line_breaks() -> None:
    """ruamel counts U+0085 and a lone CR as line breaks; the file's lines do not."""
    text = (change("title: Draft report", "title: a\x85b\u2028c")
            .replace("organ: Committee", "organ: \"Commit\rtee\"")
            .replace("job: V.24-01234", "job: x"))
    assert problems(text) == [
        (8, _char_message("title", "\x85")),
        (10, f"'job' value 'x' is not a job number: {JOB_FORMS}"),
    ]


def test_duplicate_keys_are_each_reported() -> None:
    text = change("job: V.24-01234", "job: V.24-01234\ntitle: Again\njob: V.24-99999\n'title': Thrice")
    assert problems(text) == [
        (11, "front matter key 'title' is given twice (first at line 8)"),
        (12, "front matter key 'job' is given twice (first at line 10)"),
        (13, "front matter key 'title' is given twice (first at line 8)"),
    ]


@pytest.mark.parametrize("key, message", [
    ("1", "front matter key '1' is not a word such as 'title'"),
    ("true", "front matter key 'true' is not a word such as 'title'"),
    ("null", "front matter key 'null' is not a word such as 'title'"),
    ("~", "front matter key '~' is not a word such as 'title'"),
    ("2024-01-01", "front matter key '2024-01-01' is not a word such as 'title'"),
    ("[a]", "a front matter key must be a word such as 'title', not a list"),
    ("{a: 1}", "a front matter key must be a word such as 'title', not a mapping"),
    ("? [a, b]\n", "a front matter key must be a word such as 'title', not a list"),
    ("", "this front matter line has a value but no key"),
    ("<<", f"unknown front matter key '<<' (known keys: {KNOWN})"),
    ('"ti\\x0btle"', f"unknown front matter key 'ti<U+000B>tle' (known keys: {KNOWN})"),
])
def test_keys_that_are_not_words(key: str, message: str) -> None:
    text = change("job: V.24-01234", f"job: V.24-01234\n{key}: x")
    assert problems(text) == [(11, message)]


def test_long_values_are_shortened_in_messages() -> None:
    text = change("distribution: limited", "distribution: " + "x" * 10_000)
    assert problems(text) == [(3, "distribution '" + "x" * 79 + "…' is not one of: general, limited, restricted")]


def test_missing_front_matter() -> None:
    with pytest.raises(UserError) as info:
        frontmatter.split(PATH, "1. Text.\n")
    assert str(info.value) == f"{PATH}:1: missing YAML front matter: the file must start with a '---' line"


def test_unclosed_front_matter() -> None:
    with pytest.raises(UserError) as info:
        frontmatter.split(PATH, "---\nsymbol: A/1\n")
    assert str(info.value) == f"{PATH}:1: front matter is not closed: no '---' line after the opening one"


NASTY = ["\x00", "\x0b", "\ufffe", "\ud800", "\x85", "\u2028", "\r", "\t", "[", "]", "{", "}", ":", "- ", "? ",
         "!", "!!", "&a ", "*a", "|", ">", "'", '"', "\\", "#", "%", "@", "`", ",", "\n", "\n  ", "---", "...",
         "2024-02-30", "!!python/object:os.system", "!!binary", "!!int", "!!timestamp", "<<: ", "~", "\\x0b",
         "\\U00110000", "\\uD800"]


def test_no_input_raises() -> None:
    """Random damage to good front matter: never an exception, always a verdict,
    every line inside the front matter."""
    rng = random.Random(20240301)
    front_lines = GOOD.split("\n").index("---", 1)
    for _ in range(400):
        chars = list(GOOD[4: GOOD.index("\n---\n", 4)])
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(chars) + 1)
            chars[at:at + rng.randint(0, 3)] = [rng.choice(NASTY)]
        front = "".join(chars).replace("\n---", "\n- --").replace("\n...", "\n. ..")
        meta, diags = parse(f"---\n{front}\n---\n")
        assert (meta is None) == bool(diags), front
        lines = front.count("\n") + 2
        assert all(isinstance(d.line, int) and 2 <= d.line <= max(lines, front_lines) for d in diags), front
