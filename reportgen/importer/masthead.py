"""Masthead lines → front matter: the inverse of ``render/docx/masthead``, for every era.

Each printed line is recognised by formatting candidates with the language's own data and
comparing (a date is the one whose ``masthead_date`` prints this line; the distribution is
the kind whose wording this is), never by patterns written per language. The comparison
ignores what changed between eras and what PDF text loses: case ("Distr. GENERAL",
"Original: ENGLISH", "UNITED NATIONS" until about 2010), accents on capitals, the colon
("Distr.: General" today), the kind of space and dash. A field printed over two lines
("Distr." / "GENERAL", "ORIGINAL:" / "ENGLISH") is put together, one printed beside
another on one line (the symbol after "United Nations", the distribution after the
organ) taken apart. The organ's series letter ("A" before "UNITED NATIONS"), the barcode
and the language line are the masthead's own and have no field.

What is left is the organ (before the distribution block), then the meeting, the agenda
(the language's ``import.agenda`` forms and the item's title after them), the venue and
dates, and the title block: the title, and everything after it until the body (the
subtitle, "Report of …" lines) kept whole as the subtitle. A note the title calls with
``*`` is kept apart (``Fields.notes``): the front matter has no place for it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product
from typing import Literal

from reportgen.l10n import LANGUAGES, Language, language
from reportgen.l10n.dates import plain_digits
from reportgen.l10n.jobs import JOB_PATTERN
from reportgen.model import DISTRIBUTIONS
from reportgen.resolve.symbols import canonical, is_symbol

__all__ = ["WIDE", "MASTHEAD_LINES", "Fields", "read_masthead",
           "parse_date", "parse_meeting_line", "JOB", "footer_fields",
           "squash", "loose", "agenda_line", "session_line", "contents_line"]

# "V.21-06543 (C)  070921  080921": job number (any duty station's form: l10n/jobs.py),
# language letter, processing dates DDMMYY
JOB = re.compile(rf"^(?:{JOB_PATTERN})\b")
_FOOTER = re.compile(rf"^({JOB_PATTERN})(?:\s*\([A-Z]\))?((?:\s+\d{{6}}){{0,2}})\s*(?:\*\d+\*)?\s*$")
_BARCODE = re.compile(r"^\*[0-9A-Z]+\*$")
_NUMBER = re.compile(r"\d+")
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212"})
_QUOTES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})
# "*", "**", "†": the marks a title calls a note with
_NOTE = re.compile(r"^(\*{1,3}|[\u2020\u2021])\s*\S")


@dataclass
class Fields:
    """Front matter found in a masthead; ``lines`` says where each came from;
    ``notes`` are the notes the title block calls with ``*`` (line, text)."""

    values: dict[str, object] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    unplaced: list[tuple[int, str]] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)

    def set(self, key: str, value: object, line: int) -> None:
        if key not in self.values:
            self.values[key] = value
            self.lines[key] = line


#: Lines of a masthead: what comes before the body is read as front matter only up to
#: here (a masthead has a few dozen lines; a file without a body start of thousands of
#: short lines would otherwise have each compared with every field, in every language).
MASTHEAD_LINES = 100
# A masthead line longer than this is no field a recogniser reads (a date, a meeting
# line, an agenda or session line, the distribution, "Original: …"): those skip it, so a
# hostile line of megabytes is read once, never compared piece by piece.
_LONG = 500
# A date prints one day and one year (and perhaps the month's number), a meeting line
# two dates: a line with more numbers is neither, and is not tried month by month.
_NUMBERS = 6


def _candidates(text: str) -> Iterator[dt.date]:
    """Dates whose day and year are numbers in ``text`` (any month); none for a line of
    more than a few numbers (``_NUMBERS``), or a long one."""
    if len(text) > _LONG:
        return
    numbers = [int(n) for n in _NUMBER.findall(plain_digits(text))[:_NUMBERS + 1]]
    if len(numbers) > _NUMBERS:
        return
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


def loose(text: str) -> str:
    """``text`` as masthead lines are compared across eras: squashed, case-folded, without
    accents (capitals lost theirs in older documents), colons or curly apostrophes, any
    dash a hyphen-minus ("4–15 November" is "4-15 November" in older documents)."""
    text = unicodedata.normalize("NFKD", squash(text).casefold().translate(_QUOTES).translate(_DASHES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace(":", " ").replace("\uff1a", " ").split())


def parse_date(text: str, fmt: Callable[[dt.date], str]) -> dt.date | None:
    """The date that ``fmt`` prints as ``text`` (compared :func:`loose`-ly: "31 MARCH 2009")."""
    key = loose(text)
    return next((d for d in _candidates(text) if loose(fmt(d)) == key), None)


def parse_meeting_line(text: str, lang: Language) -> tuple[str | None, dt.date, dt.date] | None:
    """(venue, first day, last day) of a line ``meeting_line`` prints as ``text`` (any
    dash for the range's: "2-18 June 2009" in older documents)."""
    if len(text) > _LONG:
        return None
    text = squash(text)
    flat = text.translate(_DASHES)  # one character for one: the venue is cut from ``text``
    dates = list(_candidates(text))
    if not dates or len(dates) > 400:
        return None
    for start in dates:
        for end in dates:
            if end < start or (end - start).days > 60:
                continue
            shown = squash(lang.format_date_range(start, end)).translate(_DASHES)
            if shown not in flat:
                continue
            if shown == flat:
                return None, start, end
            pre, _, post = squash(lang.meeting_line("\ue000", start, end)).translate(_DASHES).partition("\ue000")
            if flat.startswith(pre) and flat.endswith(post) and len(flat) > len(pre) + len(post):
                venue = text[len(pre):len(text) - len(post)].strip()
                if squash(lang.meeting_line(venue, start, end)).translate(_DASHES) == flat:
                    return venue, start, end
    return None


def _meeting(text: str, lang: Language) -> tuple[str | None, dt.date, dt.date] | None:
    """:func:`parse_meeting_line`, and in a right-to-left version also with the figures
    of a range in the order PDF text gives a left-to-right run there ("10-6" for 6-10)."""
    found = parse_meeting_line(text, lang)
    if found is None and lang.direction == "rtl":
        found = parse_meeting_line(re.sub(r"(\d+)([-\u2013])(\d+)", r"\3\2\1", text), lang)
    return found


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


@lru_cache(maxsize=None)
def _wordings() -> tuple[dict[str, str], dict[str, str], set[str], dict[str, set[str]]]:
    """Every language's masthead wording, loose: distribution kinds, originals (code),
    "United Nations", and each version's language line."""
    kinds: dict[str, str] = {}
    originals: dict[str, str] = {}
    united: set[str] = set()
    lines: dict[str, set[str]] = {}
    for code in LANGUAGES:
        lang = language(code)
        for kind in DISTRIBUTIONS:
            kinds.setdefault(loose(lang.distribution(kind)), kind)
        for other in LANGUAGES:
            originals.setdefault(loose(lang.original_line(other)), other)
        united.add(loose(lang.united_nations))
        lines.setdefault(code, set()).add(loose(lang.language_line))
    return kinds, originals, united, lines


def _distribution(text: str) -> str | None:
    return _wordings()[0].get(loose(text))


def _original(text: str) -> str | None:
    return _wordings()[1].get(loose(text))


def _date(text: str, lang: Language) -> dt.date | None:
    """The date of issue this line prints, in the version's masthead form or another
    language's (a translation may keep the original's block). A line with no day and
    year among its numbers is none, in any language (their data is not even formatted)."""
    if next(_candidates(text), None) is None:
        return None
    found = parse_date(text, lang.masthead_date)
    for code in LANGUAGES:
        if found is not None:
            break
        if code != lang.code:
            found = parse_date(text, language(code).masthead_date)
    return found


def _known(text: str, lang: Language) -> bool:
    if len(text) > _LONG:
        return False
    return (_distribution(text) is not None or _original(text) is not None or _date(text, lang) is not None
            or loose(text) in _wordings()[2])


@lru_cache(maxsize=None)
def _forms(code: str, key: Literal["agenda", "session"]) -> tuple[re.Pattern[str], ...]:
    """The language's ``import.<key>`` forms as patterns on :func:`loose` text, the
    placeholder (``{item}``, ``{n}``) a group ``x``."""
    out = []
    forms: tuple[str, ...] = getattr(language(code).import_forms, key)
    for form in forms:
        pre, _, post = re.sub(r"\{(item|n)\}", "\ue000", loose(form)).partition("\ue000")
        body = rf"^{re.escape(pre)}\s*(?P<x>\S.*?)\s*{re.escape(post)}$"
        out.append(re.compile(body.replace(r"\ ", r"\s*")))
    return tuple(out)


def agenda_line(text: str, lang: Language) -> bool:
    """Whether ``text`` is an agenda line ("Agenda item 119 (b)") in the language's forms;
    the item holds a figure."""
    if len(text) > _LONG:
        return False
    key = loose(text)
    return any((hit := form.match(key)) and any(c.isdigit() for c in hit.group("x"))
               for form in _forms(lang.code, "agenda"))


def session_line(text: str, lang: Language) -> bool:
    """Whether ``text`` names a session ("Fifty-sixth session", "Douzième session") in the
    language's forms: an ordinal of at most three words."""
    if len(text) > _LONG:
        return False
    key = loose(text)
    return len(key) <= 50 and any((hit := form.match(key)) and len(hit.group("x").split()) <= 3
                                  for form in _forms(lang.code, "session"))


def contents_line(text: str, lang: Language) -> bool:
    """Whether ``text`` is the heading of a table of contents ("Contents", "CONTENTS")."""
    return len(text) <= _LONG and loose(text) in {loose(t) for t in lang.import_forms.contents}


def _untangle(lines: list[tuple[int, str]], lang: Language) -> list[tuple[int, str]]:
    """Undo what PDF text does to the masthead's columns: a line of the left column and
    one of the right read as one line ("… la Convention des 7 septembre 2021", "United
    Nations A/CONF.192/PC/L.3"), and a field broken over two lines ("United" / "Nations",
    "Distr." / "GENERAL", "ORIGINAL:" / "ENGLISH")."""
    out: list[tuple[int, str]] = []
    k = 0
    while k < len(lines):
        no, text = lines[k][0], squash(lines[k][1])
        if text and k + 1 < len(lines) and lines[k + 1][1] and not _known(text, lang) \
                and not _known(lines[k + 1][1], lang) and _known(text + " " + squash(lines[k + 1][1]), lang):
            out.append((no, text + " " + squash(lines[k + 1][1])))
            k += 2
            continue
        words = text.split(" ")
        if len(words) > 1 and not is_symbol(text) and is_symbol(words[-1]):  # "United Nations A/CONF.192/PC/L.3"
            out += [(no, " ".join(words[:-1])), (no, words[-1])]
            k += 1
            continue
        glued = _glued(text, lang)  # "EspañolOriginal: inglés": two lines read as one, no space
        if glued is not None:
            out += [(no, glued[0]), (no, glued[1])]
            k += 1
            continue
        # a field printed after another on the line is a few words (a date, "Distr.:
        # General"): only the last few cuts are tried, not one per word of a long line
        for cut in range(max(1, len(words) - _TAIL_WORDS), len(words)):
            tail = " ".join(words[cut:])
            if any(c.isdigit() for c in tail) or len(words) - cut <= 4:
                if not _known(text, lang) and _known(tail, lang) and parse_meeting_line(text, lang) is None:
                    out += [(no, " ".join(words[:cut])), (no, tail)]
                    break
        else:
            out.append((no, text))
        k += 1
    return out


_TAIL_WORDS = 8
_Entry = tuple[int, int, str]  # index among the lines after the block, input line, text


def _glued(text: str, lang: Language) -> tuple[str, str] | None:
    """``text`` cut after the version's language line when the rest is a known field."""
    if _known(text, lang):
        return None
    for head in {lang.language_line, *(language(code).language_line for code in LANGUAGES)}:
        if loose(text[:len(head)]) == loose(head) and len(text) > len(head) and _known(text[len(head):], lang):
            return text[:len(head)].strip(), text[len(head):].strip()
    return None


def _groups(entries: list[_Entry]) -> list[list[_Entry]]:
    """The title block's lines in groups, each one field's lines: apart at a blank line,
    together where the line goes on (:func:`_goes_on`)."""
    out: list[list[_Entry]] = []
    apart = True
    for entry in entries:
        if not entry[2]:
            apart = True
            continue
        if out and not apart and _goes_on(out[-1][-1][2], entry[2]):
            out[-1].append(entry)
        else:
            out.append([entry])
        apart = False
    return out


def _goes_on(line: str, following: str) -> bool:
    """Whether ``following`` continues ``line`` in a title block: it starts in lower case,
    ``line`` ends in a hyphen or a short lower-case word ("… High Commissioner for" /
    "Human Rights"), or both are in capitals (an older title); and ``line`` does not end
    with the title's note call ("… Italy*")."""
    if line.endswith(("*", "\u2020", "\u2021")):
        return False
    first = next((c for c in following if c.isalpha()), "")
    last = line.rsplit(" ", 1)[-1]
    return (bool(first) and first.islower()) or line.endswith("-") \
        or (len(last) <= 3 and last.isalpha() and last.islower()) or (_capitals(line) and _capitals(following))


def _capitals(text: str) -> bool:
    """Whether ``text`` is set in capitals (a title before about 2010): cased letters,
    none of them lower case."""
    cased = [c for c in text if c.isalpha() and c.lower() != c.upper()]
    return len(cased) >= 3 and not any(c.islower() for c in cased)


def read_masthead(lines: list[tuple[int, str]], lang: Language, join: Callable[[list[str]], str]) -> Fields:
    """Front matter from the masthead's lines (line number, text), in reading order; an
    empty text is a blank line between blocks. ``join`` joins lines of one field as the
    script wants (with or without spaces)."""
    found = Fields()
    found.unplaced += [(no, t) for no, t in lines[MASTHEAD_LINES:] if t]
    lines = _untangle([(no, t) for no, t in lines[:MASTHEAD_LINES]], lang)
    before: list[tuple[int, str]] = []  # before the distribution block: the organ
    after: list[tuple[int, str]] = []   # after it: meeting, agenda, venue and dates, title block
    seen_block = False
    kinds, originals, united, language_lines = _wordings()
    # The distribution block (right column) ends with the "Original" line; PDF text may
    # interleave the organ's lines (left column) with it, so those before it are the organ's.
    last = max((k for k, (_, t) in enumerate(lines) if t and _original(t)), default=-1)
    symbol_seen = un_seen = False
    for k, (no, text) in enumerate(lines):
        key = loose(text)
        if not text:
            (after if seen_block and k > last else before).append((no, ""))
            continue
        if not seen_block and not un_seen and key in united:  # "United Nations", "UNITED NATIONS"
            un_seen = True
            continue
        if len(text) == 1 and text.isupper() and not seen_block:  # the series letter "A" beside it
            continue
        if is_symbol(text):
            if not symbol_seen:
                found.set("symbol", canonical(text), no)
            symbol_seen = True  # printed again above the session line (1990s): not the meeting's
        elif (kind := kinds.get(key)) is not None:
            found.set("distribution", kind, no)
            seen_block = True
        elif (footer := footer_fields(text)) is not None:  # PDF text may read the footer here
            found.set("job", footer[0], no)
            if footer[1]:
                found.set("processed", footer[1], no)
        elif _BARCODE.match(text):
            continue
        elif "date" not in found.values and (date := _date(text, lang)) is not None:
            found.set("date", date, no)
            seen_block = True
        elif key in language_lines[lang.code] and (seen_block or k < last):
            continue
        elif (original := originals.get(key)) is not None:
            found.set("original", original, no)
            seen_block = True
        else:
            (after if (seen_block and k > last) else before).append((no, text))
    if not seen_block:  # no distribution block to tell the organ by: title lines
        before, after = [], before
    organ = [(no, t) for no, t in before if t]
    if organ:
        name = join([t for _, t in organ])
        found.set("organ", name, organ[0][0])
        # the organ printed again above the session line (1990s New York documents)
        while after and (not after[0][1] or loose(after[0][1]) == loose(name)):
            after.pop(0)
    _after_block(after, lang, join, found)
    return found


def _after_block(after: list[tuple[int, str]], lang: Language, join: Callable[[list[str]], str],
                 found: Fields) -> None:
    """Meeting, agenda, venue and dates, title and subtitle, and the title's notes."""
    entries: list[_Entry] = [(i, no, t) for i, (no, t) in enumerate(after)]
    notes_at = next((i for i, _, t in entries if _NOTE.match(t)), len(entries))
    for _, no, text in entries[notes_at:]:
        if not text:
            continue
        if _NOTE.match(text) or not found.notes:
            found.notes.append((no, text))
        else:
            found.notes[-1] = (found.notes[-1][0], join([found.notes[-1][1], text]))
    entries = entries[:notes_at]
    contents = next((i for i, _, t in entries if t and contents_line(t, lang)), None)
    if contents is not None:  # the table of contents is the body's, not the title's
        found.unplaced += [(no, t) for _, no, t in entries[contents:] if t]
        entries = entries[:contents]
    venue_at = next((i for i, _, t in entries if t and _meeting(t, lang)), None)
    agenda_at = next((i for i, _, t in entries if t and agenda_line(t, lang)), None)
    titles = len(entries)  # where the title block starts
    first = min(i for i in (venue_at, agenda_at, len(entries)) if i is not None)
    session_at = max((i for i, _, t in entries[:first] if t and session_line(t, lang)), default=None)
    if venue_at is not None:
        _, no, text = entries[venue_at]
        venue, start, end = _meeting(text, lang)  # type: ignore[misc]
        if venue:
            found.set("venue", venue, no)
        found.set("dates", (start, end), no)
        titles = venue_at + 1
    meeting_end = min(i for i in (venue_at, agenda_at, len(entries)) if i is not None)
    if agenda_at is not None:
        ends_at_venue = venue_at is not None and venue_at > agenda_at
        item = _groups(entries[agenda_at + 1:venue_at if ends_at_venue else None])
        if not ends_at_venue:  # the item's title, then the title block (the title first)
            item = item[:1] if len(item) > 1 else []
            titles = item[0][-1][0] + 1 if item else agenda_at + 1
        found.set("agenda", (entries[agenda_at][2], *(join([t for _, _, t in g]) for g in item)),
                  entries[agenda_at][1])
    meeting = [e for e in entries[:meeting_end] if e[2]]
    groups = _groups(entries[titles:])
    if venue_at is None and agenda_at is None and session_at is not None:
        meeting, groups = [e for e in entries[:session_at + 1] if e[2]], _groups(entries[session_at + 1:])
    elif venue_at is None and agenda_at is None:
        # nothing tells the meeting from the title: the last two groups are the title block
        every = _groups(entries)
        meeting, groups = [e for g in every[:-2] for e in g], every[-2:]
    if meeting:
        found.set("meeting", join([t for _, _, t in meeting]), meeting[0][1])
    if groups:
        found.set("title", join([t for _, _, t in groups[0]]), groups[0][0][1])
    if len(groups) > 1:
        subtitle = join([t for g in groups[1:] for _, _, t in g])
        found.set("subtitle", subtitle, groups[1][0][1])
        apart = [g[0] for g in groups[2:] if g[0][0] > 0 and not entries[g[0][0] - 1][2]]
        if apart:
            found.warnings.append((apart[0][1], "the title block's lines after the title are kept together as "
                                   f"the subtitle: «{subtitle}»; divide them if they are not one"))
