"""Front matter: every user mistake is one PATH:LINE message."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reportgen.errors import UserError
from reportgen.source.reader import read_document

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


def write(tmp_path: Path, text: str, name: str = "en.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_front_matter_is_read(tmp_path: Path) -> None:
    doc, diagnostics = read_document(write(tmp_path, GOOD))
    assert diagnostics == []
    assert doc.meta.symbol == "A/AC.1/2024/L.1"
    assert doc.meta.date == dt.date(2024, 3, 1)
    assert doc.meta.dates == (dt.date(2024, 2, 26), dt.date(2024, 3, 1))
    assert doc.meta.job == "V.24-01234"
    assert doc.meta.lines["organ"] == 7


@pytest.mark.parametrize("change, line, message", [
    (("distribution: limited", "distribution: secret"), 3,
     "distribution 'secret' is not one of: general, limited, restricted"),
    (("date: 2024-03-01", "date: 1 March 2024"), 4, "'date' value '1 March 2024' is not a date of the form YYYY-MM-DD"),
    (("language: en", "language: fr"), 5, "language 'fr' does not match the file name 'en.md'"),
    (("language: en", "language: de"), 5, "language 'de' is not one of: ar, en, es, fr, ru, zh"),
    (("original: en", "original: english"), 6, "original 'english' is not one of: ar, en, es, fr, ru, zh"),
    (("organ: Committee", "organ: [a, b]"), 7, "'organ' must be text, not a list"),
    (("dates: [2024-02-26, 2024-03-01]", "dates: [2024-03-01, 2024-02-26]"), 9,
     "'dates' ends (2024-02-26) before it starts (2024-03-01)"),
    (("dates: [2024-02-26, 2024-03-01]", "dates: 2024-02-26"), 9,
     "'dates' must be a list of two dates: [YYYY-MM-DD, YYYY-MM-DD]"),
    (("job: V.24-01234", "job: V-1234"), 10, "job number 'V-1234' is not of the form YY-NNNNN or V.YY-NNNNN"),
    (("job: V.24-01234", "jobb: V.24-01234"), 10, "unknown front matter key 'jobb'"),
    (("title: Draft report", "title: [unclosed"), 9, "invalid YAML front matter"),
])
def test_front_matter_errors_name_the_line(tmp_path: Path, change: tuple[str, str], line: int, message: str) -> None:
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(UserError) as info:
        read_document(path)
    assert info.value.path == path
    assert info.value.line == line
    assert info.value.message.startswith(message)


def test_missing_required_key(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("organ: Committee\n", ""))
    with pytest.raises(UserError) as info:
        read_document(path)
    assert str(info.value) == f"{path}:2: front matter lacks required key 'organ'"


def test_missing_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path, "1. Text.\n")
    with pytest.raises(UserError) as info:
        read_document(path)
    assert str(info.value) == f"{path}:1: missing YAML front matter: the file must start with a '---' line"


def test_unclosed_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path, "---\nsymbol: A/1\n")
    with pytest.raises(UserError, match="front matter is not closed"):
        read_document(path)


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "en.md"
    path.write_bytes(GOOD.encode() + b"2. caf\xe9\n")
    with pytest.raises(UserError) as info:
        read_document(path)
    assert (info.value.line, info.value.message) == (14, "file is not valid UTF-8")


def test_quoted_iso_date_and_bom_and_crlf(tmp_path: Path) -> None:
    text = "\ufeff" + GOOD.replace("date: 2024-03-01", "date: '2024-03-01'").replace("\n", "\r\n")
    doc, _ = read_document(write(tmp_path, text))
    assert doc.meta.date == dt.date(2024, 3, 1)
    assert doc.paragraphs()[0].line == 13
