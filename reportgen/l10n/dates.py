"""Dates in UN style, driven by Babel (CLDR) patterns from the language data files.

Babel supplies month names and field formatting; the data files supply the UN pattern
(``d MMMM y`` for English, not CLDR's default) and the few UN habits CLDR lacks, as data:

- ``day_names``: a day written as a word, e.g. French ``1er``;
- ``month_names_from``: month names joined from several locales, e.g. Arabic
  ``أيلول/سبتمبر`` (``ar_SY`` + ``ar_EG``).

UN documents use Western digits and plain text in every language, so all output is passed
through :func:`plain_digits`, which turns any Arabic-Indic digit into ASCII and drops bidi
control marks that CLDR data may carry for Arabic.
"""

from __future__ import annotations

import datetime as _dt
import string
from dataclasses import dataclass, field
from functools import lru_cache
from typing import cast, Mapping

from babel import Locale
from babel.dates import DateTimeFormat, tokenize_pattern

__all__ = ["DateStyle", "DateRanges", "plain_digits", "RANGE_KINDS"]

_BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)
_DIGITS = {**{0x0660 + i: str(i) for i in range(10)}, **{0x06F0 + i: str(i) for i in range(10)}}
_PLAIN = {**_BIDI_CONTROLS, **_DIGITS}

#: Keys of ``dates.ranges`` in a data file: both days in one month, in one year, or neither.
RANGE_KINDS = ("same_month", "same_year", "other")


def plain_digits(text: str) -> str:
    """``text`` with ASCII digits and without bidi control characters."""
    return text.translate(_PLAIN)


@lru_cache(maxsize=None)
def _locale(name: str) -> Locale:
    return Locale.parse(name)


@lru_cache(maxsize=None)
def _tokens(pattern: str) -> tuple[tuple[str, object], ...]:
    return tuple(tokenize_pattern(pattern))


@dataclass(frozen=True)
class DateStyle:
    """How one language writes a single date: Babel locale, pattern and UN overrides."""

    locale: str
    pattern: str
    day_names: Mapping[int, str] = field(default_factory=dict)
    month_names_from: tuple[str, ...] = ()
    month_names_joiner: str = "/"

    def __post_init__(self) -> None:
        _locale(self.locale)  # fail early on a bad locale name
        for name in self.month_names_from:
            _locale(name)

    def _month(self, month: int, context: str) -> str:
        names = (_locale(n).months[context]["wide"][month] for n in self.month_names_from)
        return self.month_names_joiner.join(names)

    def format(self, date: _dt.date, pattern: str | None = None) -> str:
        """``date`` written with ``pattern`` (default: this style's own)."""
        fmt = DateTimeFormat(date, _locale(self.locale))
        out: list[str] = []
        for kind, value in _tokens(pattern or self.pattern):
            if kind == "chars":
                out.append(str(value))
                continue
            char, count = cast(tuple[str, int], value)
            if char == "d" and date.day in self.day_names:
                out.append(self.day_names[date.day])
            elif char in "ML" and count == 4 and self.month_names_from:
                out.append(self._month(date.month, "format" if char == "M" else "stand-alone"))
            else:
                out.append(fmt[char * count])
        return plain_digits("".join(out))


class _Formattable:
    """A date that ``str.format`` renders with the format spec as a Babel pattern.

    This is what lets a range template say ``{start:d}–{end:d MMMM y}``.
    """

    __slots__ = ("date", "style")

    def __init__(self, date: _dt.date, style: DateStyle) -> None:
        self.date = date
        self.style = style

    def __format__(self, spec: str) -> str:
        return self.style.format(self.date, spec or None)


@dataclass(frozen=True)
class DateRanges:
    """Templates for a span of days, one per :data:`RANGE_KINDS` entry.

    Each template uses ``{start:PATTERN}`` and ``{end:PATTERN}``; a bare ``{start}`` uses the
    style's own pattern.
    """

    style: DateStyle
    templates: Mapping[str, str]

    def format(self, start: _dt.date, end: _dt.date) -> str:
        if end < start:
            raise ValueError(f"date range ends before it starts: {start} > {end}")
        if start == end:
            return self.style.format(start)
        if (start.year, start.month) == (end.year, end.month):
            kind = "same_month"
        elif start.year == end.year:
            kind = "same_year"
        else:
            kind = "other"
        template = self.templates[kind]
        return template.format(
            start=_Formattable(start, self.style), end=_Formattable(end, self.style)
        )


def template_fields(template: str) -> set[str]:
    """Names of the ``{fields}`` in a ``str.format`` template (for validation)."""
    return {
        name.split(".")[0].split("[")[0]
        for _, name, _, _ in string.Formatter().parse(template)
        if name is not None
    }
