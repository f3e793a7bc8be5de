"""Masthead lines → front matter: the inverse of ``render/docx/masthead``.

Each printed line is recognised by formatting candidates with the language's own data and
comparing (a date is the one whose ``masthead_date`` prints exactly this line; the
distribution is the kind whose wording this is), never by patterns written per language.
What is left is the organ (before the distribution block), the meeting (after it) and the
title and subtitle (after the venue and dates).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import product

from reportgen.l10n import LANGUAGES, Language, language
from reportgen.l10n.dates import plain_digits
from reportgen.l10n.jobs import JOB_PATTERN
from reportgen.model import DISTRIBUTIONS
from reportgen.resolve.symbols import canonical, is_symbol

__all__ = ["WIDE", "Fields", "read_masthead", "parse_date", "parse_meeting_line", "JOB", "footer_fields"]

# "V.21-06543 (C)  070921  080921": job number (any duty station's form: l10n/jobs.py),
# language letter, processing dates DDMMYY
JOB = re.compile(rf"^(?:{JOB_PATTERN})\b")
_FOOTER = re.compile(rf"^({JOB_PATTERN})(?:\s*\([A-Z]\))?((?:\s+\d{{6}}){{0,2}})\s*(?:\*\d+\*)?\s*$")
_NUMBER = re.compile(r"\d+")


@dataclass
class Fields:
    """Front matter found in a masthead; ``lines`` says where each came from."""

    values: dict[str, object] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    unplaced: list[tuple[int, str]] = field(default_factory=list)

    def set(self, key: str, value: object, line: int) -> None:
        if key not in self.values:
            self.values[key] = value
            self.lines[key] = line


def _candidates(text: str) -> Iterator[dt.date]:
    """Dates whose day and year are numbers in ``text`` (any month)."""
    numbers = [int(n) for n in _NUMBER.findall(plain_digits(text))]
    years = {n for n in numbers if 1900 <= n <= 2200}
    days = {n for n in numbers if 1 <= n <= 31}
    for year, month, day in product(sorted(years), range(1, 13), sorted(days)):
        try:
            yield dt.date(year, month, day)
        except ValueError:
            continue


# Characters set without spaces between them: Han, kana, Hangul and the full-width and
# CJK punctuation around them.
WIDE = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\uac00-\ud7af]"
# A space beside a Chinese character: where a PDF's text shows a figure set apart from
# Chinese ("2021 年 9 月"), Word and LibreOffice space them apart in layout, not in text.
_WIDE_SPACE = re.compile(rf"(?<={WIDE}) +| +(?={WIDE})")


def squash(text: str) -> str:
    """``text`` with any space character as a plain space (French masthead lines hold
    no-break spaces that PDF text gives as plain ones) and none beside Chinese."""
    text = "".join(" " if unicodedata.category(c) == "Zs" else c for c in text)
    return _WIDE_SPACE.sub("", " ".join(text.split()))


def parse_date(text: str, fmt: Callable[[dt.date], str]) -> dt.date | None:
    """The date that ``fmt`` prints as exactly ``text``, if there is one."""
    text = squash(text)
    return next((d for d in _candidates(text) if squash(fmt(d)) == text), None)


def parse_meeting_line(text: str, lang: Language) -> tuple[str | None, dt.date, dt.date] | None:
    """(venue, first day, last day) of a line ``meeting_line`` prints as ``text``."""
    text = squash(text)
    dates = list(_candidates(text))
    if not dates or len(dates) > 400:
        return None
    for start in dates:
        for end in dates:
            if end < start or (end - start).days > 60:
                continue
            shown = lang.format_date_range(start, end)
            if shown not in text:
                continue
            if shown == text:
                return None, start, end
            pre, _, post = lang.meeting_line("\ue000", start, end).partition("\ue000")
            if text.startswith(pre) and text.endswith(post) and len(text) > len(pre) + len(post):
                venue = text[len(pre):len(text) - len(post)].strip()
                if lang.meeting_line(venue, start, end) == text:
                    return venue, start, end
    return None


def footer_fields(text: str) -> tuple[str, tuple[dt.date, ...]] | None:
    """Job number and processing dates from a first-page footer line, as issued."""
    hit = _FOOTER.match(text.strip())
    if not hit:
        return None
    processed = []
    for ddmmyy in hit.group(2).split():
        try:
            processed.append(dt.datetime.strptime(ddmmyy, "%d%m%y").date())
        except ValueError:
            return None
    return hit.group(1), tuple(processed)


def _distribution(text: str) -> str | None:
    for code in LANGUAGES:
        for kind in DISTRIBUTIONS:
            if squash(language(code).distribution(kind)) == text:
                return kind
    return None


def _original(text: str, lang: Language) -> str | None:
    return next((code for code in LANGUAGES if squash(lang.original_line(code)) == text), None)


def _known(text: str, lang: Language) -> bool:
    return (_distribution(text) is not None or _original(text, lang) is not None
            or parse_date(text, lang.masthead_date) is not None)


def _untangle(lines: list[tuple[int, str]], lang: Language) -> list[tuple[int, str]]:
    """Undo what PDF text does to the masthead's two columns: a line of the left column
    and one of the right read as one line ("… la Convention des 7 septembre 2021"), and
    "United Nations" broken over two lines."""
    out: list[tuple[int, str]] = []
    un = squash(lang.united_nations)
    k = 0
    while k < len(lines):
        no, text = lines[k][0], squash(lines[k][1])
        if k + 1 < len(lines) and squash(text + " " + lines[k + 1][1]) == un:
            out.append((no, un))
            k += 2
            continue
        words = text.split(" ")
        for cut in range(1, len(words)):
            tail = " ".join(words[cut:])
            if any(c.isdigit() for c in tail) or len(words) - cut <= 4:
                if not _known(text, lang) and _known(tail, lang) and parse_meeting_line(text, lang) is None:
                    out += [(no, " ".join(words[:cut])), (no, tail)]
                    break
        else:
            out.append((no, text))
        k += 1
    return out


def read_masthead(lines: list[tuple[int, str]], lang: Language, join: Callable[[list[str]], str]) -> Fields:
    """Front matter from the masthead's lines (line number, text), in reading order.
    ``join`` joins lines of one field as the script wants (with or without spaces)."""
    found = Fields()
    before: list[tuple[int, str]] = []  # before the distribution block: the organ
    after: list[tuple[int, str]] = []   # after it: meeting, venue and dates, title, subtitle
    seen_block = False
    lines = _untangle(lines, lang)
    # The distribution block (right column) ends with the "Original" line; PDF text may
    # interleave the organ's lines (left column) with it, so those before it are the organ's.
    last = max((k for k, (_, t) in enumerate(lines) if _original(squash(t), lang)), default=-1)
    for k, (no, raw) in enumerate(lines):
        text = squash(raw)
        if not text or text == squash(lang.united_nations):
            continue
        if is_symbol(text):
            found.set("symbol", canonical(text), no)
        elif (kind := _distribution(text)) is not None:
            found.set("distribution", kind, no)
            seen_block = True
        elif "date" not in found.values and (date := parse_date(text, lang.masthead_date)) is not None:
            found.set("date", date, no)
            seen_block = True
        elif text == squash(lang.language_line) and seen_block:
            continue
        elif (original := _original(text, lang)) is not None:
            found.set("original", original, no)
            seen_block = True
        else:
            (after if (seen_block and k > last) else before).append((no, text))
    if not seen_block:  # no distribution block to tell the organ by: title lines
        before, after = [], before
    if before:
        found.set("organ", join([t for _, t in before]), before[0][0])
    venue_at = next((i for i, (_, t) in enumerate(after) if parse_meeting_line(t, lang)), None)
    if venue_at is not None:
        no, text = after[venue_at]
        venue, start, end = parse_meeting_line(text, lang)  # type: ignore[misc]
        if venue:
            found.set("venue", venue, no)
        found.set("dates", (start, end), no)
        meeting, titles = after[:venue_at], after[venue_at + 1:]
    else:
        meeting, titles = after[:-2], after[-2:]
    if meeting:
        found.set("meeting", join([t for _, t in meeting]), meeting[0][0])
    if titles:
        found.set("title", titles[0][1], titles[0][0])
    if len(titles) > 1:
        found.set("subtitle", titles[1][1], titles[1][0])
    found.unplaced += titles[2:]
    return found
