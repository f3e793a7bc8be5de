"""Masthead lines back to front matter, in every language: each form the renderer
prints (``l10n``) must be read back to the value it printed."""

from __future__ import annotations

import datetime as dt

import pytest

from reportgen.importer.masthead import footer_fields, parse_date, parse_meeting_line, read_masthead
from reportgen.l10n import LANGUAGES, language

RANGES = [(dt.date(2021, 9, 6), dt.date(2021, 9, 10)),     # one month
          (dt.date(2024, 2, 26), dt.date(2024, 3, 1)),     # across months
          (dt.date(2023, 12, 30), dt.date(2024, 1, 2)),    # across years
          (dt.date(2022, 5, 17), dt.date(2022, 5, 17))]    # one day


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_printed_date_and_meeting_line_reads_back(code: str) -> None:
    lang = language(code)
    for start, end in RANGES:
        assert parse_date(lang.masthead_date(start), lang.masthead_date) == start
        line = lang.meeting_line("Vienne", start, end)
        assert parse_meeting_line(line, lang) == ("Vienne", start, end), line
        assert parse_meeting_line(lang.format_date_range(start, end), lang) == (None, start, end)
    assert parse_meeting_line("Draft report", lang) is None


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_masthead_as_printed_reads_back(code: str) -> None:
    lang = language(code)
    start, end = RANGES[0]
    lines = [lang.united_nations, "CAC/COSP/EG.1/2021/L.1/Add.1", "Organ name",
             lang.distribution("general"), lang.masthead_date(dt.date(2021, 9, 7)), lang.language_line,
             lang.original_line("fr"), "Meeting name", lang.meeting_line("City", start, end), "Title", "Subtitle"]
    found = read_masthead(list(enumerate(lines, start=1)), lang, " ".join)
    assert found.values == {"symbol": "CAC/COSP/EG.1/2021/L.1/Add.1", "organ": "Organ name",
                            "distribution": "general", "date": dt.date(2021, 9, 7), "original": "fr",
                            "meeting": "Meeting name", "venue": "City", "dates": (start, end),
                            "title": "Title", "subtitle": "Subtitle"}
    assert found.lines["organ"] == 3 and found.lines["title"] == 10


def test_two_columns_read_as_one_line_are_told_apart() -> None:
    """pdftotext reads the organ's first line and the date beside it as one line, and
    the organ's second line after it."""
    fr = language("fr")
    lines = ["Nations Unies", "CAC/COSP/EG.1/2021/L.1/Add.1", "Distr. limitée",
             "Conférence des États parties à la Convention des 7 septembre 2021",
             "Nations Unies contre la corruption", "Français", "Original : anglais",
             "Réunion d’experts", "Vienne, 6-10 septembre 2021", "Projet de rapport", "Additif"]
    found = read_masthead(list(enumerate(lines, start=1)), fr, " ".join)
    assert found.values["organ"] == "Conférence des États parties à la Convention des Nations Unies contre la corruption"
    assert found.values["date"] == dt.date(2021, 9, 7)
    assert (found.values["meeting"], found.values["venue"]) == ("Réunion d’experts", "Vienne")


@pytest.mark.parametrize("line, expected", [
    ("V.21-06543 (E)  070921  080921", ("V.21-06543", (dt.date(2021, 9, 7), dt.date(2021, 9, 8)))),
    ("24-01234 (C)", ("24-01234", ())),
    ("V.21-06543", ("V.21-06543", ())),
    ("V.21-06543 (E)  310221", None),  # no 31 February: not a footer
    ("12 States attended", None),
])
def test_the_first_page_footer(line: str, expected) -> None:
    assert footer_fields(line) == expected
