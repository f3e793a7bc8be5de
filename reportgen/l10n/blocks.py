"""The blocks of a language data file that single stages read, as typed immutable values.

The number reader (``number_words``, ``times``, ``decades``, ``ranges``,
``numbers_in_names``: :mod:`reportgen.align.numbers`), the term matcher (``terms``:
:mod:`reportgen.l10n.stems`) and the importer's first-page reader (``import``:
:mod:`reportgen.importer.masthead`) each see their block through the :class:`Language`
the loader built and validated (:mod:`.loader`), never the parsed YAML: a malformed block
fails when the file is loaded, with its key, not when a stage first reaches into it.

These classes only hold the values; their shape and rules are checked by the loader
(``SCHEMA``), which then builds them with the functions named after them (:func:`times`
for :class:`Times`), from blocks it has validated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal, Mapping

__all__ = ["Decades", "ImportForms", "NumberWords", "NumbersInNames", "TermRules", "Times",
           "decades", "import_forms", "number_words", "numbers_in_names", "term_rules", "texts",
           "times"]


def _no_forms() -> Mapping[int, tuple[str, ...]]:
    return MappingProxyType({})


def _no_chars() -> Mapping[str, int]:
    return MappingProxyType({})


def texts(block: Mapping[str, Any] | None, key: str) -> tuple[str, ...]:
    """The list ``block[key]`` as text (empty where the key is absent)."""
    return tuple(str(x) for x in ((block or {}).get(key) or ()))


def _forms(block: Mapping[str, Any], key: str) -> Mapping[int, tuple[str, ...]]:
    """A value -> forms table, in the file's order (the first form listed wins)."""
    return MappingProxyType({int(value): tuple(str(f) for f in forms or ())
                             for value, forms in (block.get(key) or {}).items()})


def _chars(block: Mapping[str, Any], key: str) -> Mapping[str, int]:
    """A numeral character -> value table (Chinese ``digits``, ``units``, ``big_units``)."""
    return MappingProxyType({str(char): int(value) for char, value in (block.get(key) or {}).items()})


@dataclass(frozen=True)
class NumberWords:
    """Spelled-out numbers, month forms and Chinese numerals of a language (data key
    ``number_words``), as :mod:`reportgen.align.numbers` reads them. Tables map a value to
    its forms; a form ending in ``-`` is a stem taking each of ``stem_endings``."""

    cardinals: Mapping[int, tuple[str, ...]] = field(default_factory=_no_forms)
    ordinals: Mapping[int, tuple[str, ...]] = field(default_factory=_no_forms)
    #: units read only after tens (un, une: also the indefinite article)
    compound_units: Mapping[int, tuple[str, ...]] = field(default_factory=_no_forms)
    #: after a figure or a number word: million, тысяч
    scales: Mapping[int, tuple[str, ...]] = field(default_factory=_no_forms)
    stem_endings: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()           # clitics: و, ب
    optional_suffixes: tuple[str, ...] = ()  # plural s
    connectors: tuple[str, ...] = ()         # "-", and, et
    not_numbers: tuple[str, ...] = ()        # one another
    percent: tuple[str, ...] = ()            # per cent: not read as 100
    #: UN month forms Babel lacks (يونيه)
    month_variants: Mapping[int, tuple[str, ...]] = field(default_factory=_no_forms)
    month_endings: tuple[str, ...] = ()      # в сентябре
    units_before_tens: bool = False          # ثلاثة عشر
    #: Chinese numerals: digits, units (十 百 千), big units (万 亿) with their values
    digits: Mapping[str, int] = field(default_factory=_no_chars)
    units: Mapping[str, int] = field(default_factory=_no_chars)
    big_units: Mapping[str, int] = field(default_factory=_no_chars)
    counters: tuple[str, ...] = ()
    read_after: tuple[str, ...] = ()
    single_not_read: tuple[str, ...] = ()
    month_suffix: str = ""                   # 月


def number_words(block: Mapping[str, Any] | None) -> NumberWords:
    """The typed ``number_words`` block (its shape already checked by the loader)."""
    block = block or {}
    return NumberWords(
        cardinals=_forms(block, "cardinals"),
        ordinals=_forms(block, "ordinals"),
        compound_units=_forms(block, "compound_units"),
        scales=_forms(block, "scales"),
        stem_endings=texts(block, "stem_endings"),
        prefixes=texts(block, "prefixes"),
        optional_suffixes=texts(block, "optional_suffixes"),
        connectors=texts(block, "connectors"),
        not_numbers=texts(block, "not_numbers"),
        percent=texts(block, "percent"),
        month_variants=_forms(block, "month_variants"),
        month_endings=texts(block, "month_endings"),
        units_before_tens=bool(block.get("units_before_tens")),
        digits=_chars(block, "digits"),
        units=_chars(block, "units"),
        big_units=_chars(block, "big_units"),
        counters=texts(block, "counters"),
        read_after=texts(block, "read_after"),
        single_not_read=texts(block, "single_not_read"),
        month_suffix=str(block.get("month_suffix") or ""),
    )

@dataclass(frozen=True)
class Times:
    """Times of day (data key ``times``): the one-character ``separators`` between hour
    and minutes, a.m./p.m. markers, and the words after the hour and the minutes."""

    separators: tuple[str, ...]
    am: tuple[str, ...] = ()
    pm: tuple[str, ...] = ()
    hours: tuple[str, ...] = ()
    minutes: tuple[str, ...] = ()


def times(block: Mapping[str, Any] | None) -> Times | None:
    """The typed ``times`` block; None where the file has none (no time is read)."""
    if block is None:
        return None
    return Times(texts(block, "separators"), texts(block, "am"), texts(block, "pm"),
                 texts(block, "hours"), texts(block, "minutes"))


@dataclass(frozen=True)
class Decades:
    """Words naming a decade (十年) after which a numeral is no number (data key ``decades``)."""

    words: tuple[str, ...]
    after: tuple[str, ...]


def decades(block: Mapping[str, Any] | None) -> Decades | None:
    """The typed ``decades`` block; None where the file has none."""
    return None if block is None else Decades(texts(block, "words"), texts(block, "after"))


@dataclass(frozen=True)
class NumbersInNames:
    """Regular expressions (data key ``numbers_in_names``): ``names`` whose number is no
    figure (COVID-19), ``references`` whose spelled-out numbers count like figures (第一款)."""

    names: tuple[str, ...] = ()
    references: tuple[str, ...] = ()


def numbers_in_names(block: Mapping[str, Any] | None) -> NumbersInNames:
    """The typed ``numbers_in_names`` block (empty where the file has none)."""
    return NumbersInNames(texts(block, "names"), texts(block, "references"))


@dataclass(frozen=True)
class ImportForms:
    """What ``reportgen import`` recognises on a first page (data key ``import``): agenda
    lines (``{item}`` the item), session lines (``{n}`` the ordinal), the contents heading."""

    agenda: tuple[str, ...] = ()
    session: tuple[str, ...] = ()
    contents: tuple[str, ...] = ()


def import_forms(block: Mapping[str, Any] | None) -> ImportForms:
    """The typed ``import`` block (empty where the file has none: nothing is recognised)."""
    return ImportForms(texts(block, "agenda"), texts(block, "session"), texts(block, "contents"))


@dataclass(frozen=True)
class TermRules:
    """How term-base terms are found in text (data key ``terms``, :mod:`.stems`): by
    stemmed ``words`` or as a ``substring``; ``ignore`` the characters removed first,
    ``skip`` the function words left out, ``stemmer`` a snowballstemmer algorithm ("" none)."""

    match: Literal["words", "substring"]
    ignore: str = ""
    skip: tuple[str, ...] = ()
    stemmer: str = ""


def term_rules(block: Mapping[str, Any]) -> TermRules:
    """The typed ``terms`` block (required in every file)."""
    return TermRules(match=block["match"], ignore=str(block.get("ignore") or ""),
                     skip=texts(block, "skip"), stemmer=str(block.get("stemmer") or ""))
