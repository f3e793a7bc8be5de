"""Numeral systems for chapter, sub-heading and sub-item labels.

The *rules* live here (Roman numerals, alphabet counting, positional numeral words); the
*symbols* (Chinese digits, Arabic letter names, ordinal words) live in the language data
files. A data file either names a built-in system (``roman``, ``latin_upper`` …) or declares
its own under ``numerals:`` with one of the kinds below, so adding or correcting a language
never touches code.

Every system formats ``n >= 1`` and parses its own output back (``parse`` returns ``None``
for text that is not one of its numerals), which is what lets a translator write either
``III`` or ``三`` in a heading.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Mapping, Protocol

__all__ = [
    "NumeralSystem",
    "RomanSystem",
    "DecimalSystem",
    "AlphabetSystem",
    "WordListSystem",
    "PositionalSystem",
    "BUILTIN_SYSTEMS",
    "NUMERAL_KINDS",
    "to_roman",
    "parse_roman",
    "normalize_label",
]

_ROMAN_RE = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ROMAN_VALUES = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)
_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def normalize_label(text: str) -> str:
    """Canonical form of a numeral label for comparison.

    NFC, surrounding whitespace removed, and Arabic diacritics (tanwin etc., U+064B–U+0652)
    and tatweel dropped, so ``ثالثاً`` and ``ثالثا`` are the same label. Harmless for the
    other scripts, hence applied to all.
    """
    text = unicodedata.normalize("NFC", text).strip()
    return "".join(ch for ch in text if not ("\u064b" <= ch <= "\u0652" or ch == "\u0640"))


def to_roman(n: int) -> str:
    """Upper-case Roman numeral for 1..3999."""
    if not 1 <= n <= 3999:
        raise ValueError(f"Roman numerals cover 1..3999, not {n}")
    out = []
    for value, symbol in _ROMAN_VALUES:
        count, n = divmod(n, value)
        out.append(symbol * count)
    return "".join(out)


def parse_roman(text: str) -> int | None:
    """Value of a strictly canonical upper-case Roman numeral (``XIV``), else ``None``.

    Strict on purpose: ``IIII`` or ``IC`` in a heading is more likely a typo than a number.
    """
    if not text or not _ROMAN_RE.fullmatch(text):
        return None
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN_DIGITS[ch]
        nxt = _ROMAN_DIGITS[text[i + 1]] if i + 1 < len(text) else 0
        total += -value if value < nxt else value
    return total


class NumeralSystem(Protocol):
    """A way of writing positive integers as labels."""

    def format(self, n: int) -> str: ...

    def parse(self, text: str) -> int | None: ...


def _check_positive(n: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"numbering starts at 1, got {n!r}")


@dataclass(frozen=True)
class RomanSystem:
    """Roman numerals, upper or lower case (``III`` / ``iii``)."""

    lower: bool = False

    def format(self, n: int) -> str:
        _check_positive(n)
        roman = to_roman(n)
        return roman.lower() if self.lower else roman

    def parse(self, text: str) -> int | None:
        text = normalize_label(text)
        if self.lower:
            return parse_roman(text.upper()) if text == text.lower() else None
        return parse_roman(text)


@dataclass(frozen=True)
class DecimalSystem:
    """ASCII digits: paragraph numbers are identical in every language version."""

    def format(self, n: int) -> str:
        _check_positive(n)
        return str(n)

    def parse(self, text: str) -> int | None:
        text = normalize_label(text)
        if text.isascii() and text.isdigit() and not text.startswith("0"):
            return int(text)
        return None


@dataclass(frozen=True)
class AlphabetSystem:
    """Letters in order; past the last letter the letter is repeated.

    With 26 letters: 27 -> ``aa``, 28 -> ``bb`` … 52 -> ``zz``, 53 -> ``aaa``. This is the
    UN style for long lists of sub-paragraphs (``(z)``, ``(aa)``, ``(bb)``), rather than the
    spreadsheet style ``aa``, ``ab``.
    """

    letters: tuple[str, ...]

    def format(self, n: int) -> str:
        _check_positive(n)
        repeat, index = divmod(n - 1, len(self.letters))
        return self.letters[index] * (repeat + 1)

    def parse(self, text: str) -> int | None:
        text = normalize_label(text)
        for index, letter in enumerate(self.letters):
            letter = normalize_label(letter)
            if letter and text and len(text) % len(letter) == 0:
                repeat = len(text) // len(letter)
                if letter * repeat == text:
                    return (repeat - 1) * len(self.letters) + index + 1
        return None


@dataclass(frozen=True)
class WordListSystem:
    """An explicit list of words, item *k* naming *k*+1 (Arabic ordinals, letter names).

    Numbers past the end of the list cannot be written: ``format`` raises ``ValueError``.
    """

    words: tuple[str, ...]
    _index: Mapping[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "_index", {normalize_label(w): i + 1 for i, w in enumerate(self.words)}
        )

    def format(self, n: int) -> str:
        _check_positive(n)
        if n > len(self.words):
            raise ValueError(f"no numeral word for {n}: the list stops at {len(self.words)}")
        return self.words[n - 1]

    def parse(self, text: str) -> int | None:
        return self._index.get(normalize_label(text))


@dataclass(frozen=True)
class PositionalSystem:
    """Numeral words built from ten digits and a word for ten, for 1..99 (Chinese ``二十三``).

    Rule: ``[digit(tens)] ten [digit(units)]``, omitting a zero units digit, and omitting the
    tens digit when it is one and ``omit_leading_one`` is set (``十一``, not ``一十一``).
    """

    digits: tuple[str, ...]
    ten: str
    omit_leading_one: bool = True
    _index: Mapping[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.digits) != 10:
            raise ValueError("a positional numeral system needs exactly ten digits (0..9)")
        object.__setattr__(self, "_index", {self.format(n): n for n in range(1, 100)})

    def format(self, n: int) -> str:
        _check_positive(n)
        if n > 99:
            raise ValueError(f"positional numeral words cover 1..99, not {n}")
        tens, units = divmod(n, 10)
        if tens == 0:
            return self.digits[units]
        head = "" if tens == 1 and self.omit_leading_one else self.digits[tens]
        return head + self.ten + (self.digits[units] if units else "")

    def parse(self, text: str) -> int | None:
        return self._index.get(normalize_label(text))


_LATIN = tuple("abcdefghijklmnopqrstuvwxyz")

#: Systems any data file may name without declaring them.
BUILTIN_SYSTEMS: dict[str, NumeralSystem] = {
    "roman": RomanSystem(lower=False),
    "roman_lower": RomanSystem(lower=True),
    "latin_upper": AlphabetSystem(tuple(c.upper() for c in _LATIN)),
    "latin_lower": AlphabetSystem(_LATIN),
    "decimal": DecimalSystem(),
}


def _make_alphabet(spec: Mapping[str, object]) -> NumeralSystem:
    return AlphabetSystem(tuple(str(x) for x in spec["symbols"]))  # type: ignore[union-attr]


def _make_words(spec: Mapping[str, object]) -> NumeralSystem:
    return WordListSystem(tuple(str(x) for x in spec["symbols"]))  # type: ignore[union-attr]


def _make_positional(spec: Mapping[str, object]) -> NumeralSystem:
    return PositionalSystem(
        digits=tuple(str(x) for x in spec["symbols"]),  # type: ignore[union-attr]
        ten=str(spec["ten"]),
        omit_leading_one=bool(spec.get("omit_leading_one", True)),
    )


#: ``kind:`` values a data file may use under ``numerals:``, with the extra keys each needs.
NUMERAL_KINDS = {
    "alphabet": (_make_alphabet, ("symbols",)),
    "words": (_make_words, ("symbols",)),
    "positional": (_make_positional, ("symbols", "ten")),
}
