"""Numeral systems for chapter, sub-heading and sub-item labels.

The *rules* live here (Roman numerals, alphabet counting, positional numeral words, Arabic
ordinals); the *symbols* (Chinese digits, Arabic letter names, ordinal words) live in the
language data files. A data file either names a built-in system (``roman``, ``latin_upper``
…) or declares its own under ``numerals:`` with one of the kinds in :data:`NUMERAL_KINDS`,
so adding or correcting a language never touches code.

Every system formats *any* ``n >= 1`` (a report never runs out of chapter numbers) and
parses its own output back (``parse`` returns ``None`` for text that is not one of its
numerals), which is what lets a translator write either ``III`` or ``三`` in a heading.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Protocol, Sequence

__all__ = [
    "NumeralSystem",
    "RomanSystem",
    "DecimalSystem",
    "AlphabetSystem",
    "PositionalSystem",
    "ArabicOrdinalSystem",
    "BUILTIN_SYSTEMS",
    "NUMERAL_KINDS",
    "to_roman",
    "parse_roman",
    "normalize_label",
]

_ROMAN_RE = re.compile(r"M*(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
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
    """Upper-case Roman numeral for any ``n >= 1``.

    Past 3999 the thousands are written as repeated ``M`` (4000 = ``MMMM``, 10000 = ten
    ``M``): no overline is needed, any keyboard can type it, and it reads unambiguously.
    """
    _check_positive(n)
    thousands, n = divmod(n, 1000)
    out = ["M" * thousands]
    for value, symbol in _ROMAN_VALUES[1:]:
        count, n = divmod(n, value)
        out.append(symbol * count)
    return "".join(out)


def parse_roman(text: str) -> int | None:
    """Value of a strictly canonical upper-case Roman numeral (``XIV``, ``MMMMI``), else ``None``.

    Strict on purpose: ``IIII`` or ``IC`` in a heading is more likely a typo than a number.
    Only ``M`` may repeat freely (the rule of :func:`to_roman` past 3999).
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


def _texts(values: object, what: str, length: int | None = None) -> tuple[str, ...]:
    """``values`` as a tuple of non-empty strings, of ``length`` items if given."""
    if not isinstance(values, (list, tuple)) or not values:
        raise ValueError(f"{what}: expected a non-empty list")
    out = tuple(str(v) for v in values)
    if not all(out):
        raise ValueError(f"{what}: empty entry")
    if length is not None and len(out) != length:
        raise ValueError(f"{what}: expected {length} entries, got {len(out)}")
    return out


@dataclass(frozen=True)
class RomanSystem:
    """Roman numerals, upper or lower case (``III`` / ``iii``)."""

    lower: bool = False

    def format(self, n: int) -> str:
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
    """Letters (or letter names) in order; past the last one the letter is repeated.

    With 26 letters: 27 -> ``aa``, 28 -> ``bb`` … 52 -> ``zz``, 53 -> ``aaa``. This is the
    UN style for long lists of sub-paragraphs (``(z)``, ``(aa)``, ``(bb)``), rather than the
    spreadsheet style ``aa``, ``ab``. ``separator`` goes between repeats of a multi-letter
    name (Arabic letter names: 29 -> ``ألف ألف``).
    """

    letters: tuple[str, ...]
    separator: str = ""
    _index: Mapping[str, int] = field(init=False, repr=False, compare=False)
    # the letters of _index by their first character, in its order: parse() tries only
    # those a text can start with (it runs on the first word of every imported paragraph)
    _by_first: Mapping[str, tuple[tuple[str, int], ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {normalize_label(x): i for i, x in enumerate(self.letters)}
        if "" in index or len(index) != len(self.letters):
            raise ValueError("alphabet letters must be distinct and non-empty")
        object.__setattr__(self, "_index", index)
        by_first: dict[str, list[tuple[str, int]]] = {}
        for letter, i in index.items():
            by_first.setdefault(letter[0], []).append((letter, i))
        object.__setattr__(self, "_by_first", {c: tuple(v) for c, v in by_first.items()})

    def format(self, n: int) -> str:
        _check_positive(n)
        repeat, index = divmod(n - 1, len(self.letters))
        return self.separator.join([self.letters[index]] * (repeat + 1))

    def parse(self, text: str) -> int | None:
        text = normalize_label(text)
        sep = self.separator
        # a letter repeated starts with the letter: the others cannot match
        for letter, index in self._by_first.get(text[:1], ()):
            unit = letter + sep
            if text and (len(text) + len(sep)) % len(unit) == 0:
                repeat = (len(text) + len(sep)) // len(unit)
                if sep.join([letter] * repeat) == text:
                    return (repeat - 1) * len(self.letters) + index + 1
        return None


# --- Chinese-style positional numerals ---------------------------------------------------

@dataclass(frozen=True)
class PositionalSystem:
    """Numeral words from digits and place words, for any n (Chinese ``一百零五``).

    Rule (standard Chinese counting): digits go in groups of ``len(units) + 1`` (4: 个十百千);
    group *k* is followed by ``big_units[k - 1]`` (万 = 10^4, 亿 = 10^8); past the largest
    big unit the count before it is itself a numeral (一万亿 = 10^12, 一亿亿 = 10^16).
    In a group every non-zero digit is followed by its place word; a run of zeros between
    digits is one ``zero`` (一百零五, 一千零一), trailing zeros are dropped (一百一十). A
    part after a big unit starts with ``zero`` when its highest place is empty (一万零五百,
    一亿零一万). With ``omit_leading_one`` a numeral *starting* with 一十 drops the 一 (十一,
    十万), but not elsewhere (一百一十, 一万零一十). 1..99 is ``[digit]十[digit]``.
    """

    digits: tuple[str, ...]
    units: tuple[str, ...]
    big_units: tuple[str, ...]
    zero: str
    omit_leading_one: bool = True
    _tokens: Mapping[str, tuple[str, int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.digits) != 10:
            raise ValueError("a positional numeral system needs exactly ten digits (0..9)")
        if not self.units or not self.big_units:
            raise ValueError("a positional numeral system needs place words and big units")
        symbols = [*self.digits, *self.units, *self.big_units]
        if len(set(symbols)) != len(symbols) or self.zero in symbols[1:] or "" in symbols:
            raise ValueError("positional numeral symbols must be distinct and non-empty")
        base = 10 ** (len(self.units) + 1)
        tokens: dict[str, tuple[str, int]] = {self.zero: ("digit", 0)}
        tokens.update((d, ("digit", i)) for i, d in enumerate(self.digits))
        tokens.update((u, ("unit", 10 ** (i + 1))) for i, u in enumerate(self.units))
        tokens.update((b, ("big", base ** (i + 1))) for i, b in enumerate(self.big_units))
        object.__setattr__(self, "_tokens", tokens)

    def format(self, n: int) -> str:
        _check_positive(n)
        return self._format(n, leading=True)

    def _format(self, n: int, leading: bool) -> str:
        base = 10 ** (len(self.units) + 1)
        for i in reversed(range(len(self.big_units))):
            value = base ** (i + 1)
            if n >= value:
                high, low = divmod(n, value)
                out = self._format(high, leading) + self.big_units[i]
                if low:
                    out += (self.zero if low < value // 10 else "") + self._format(low, False)
                return out
        return self._group(n, leading)

    def _group(self, n: int, leading: bool) -> str:
        out: list[str] = []
        gap = False
        for place in reversed(range(len(self.units) + 1)):
            digit = n // 10 ** place % 10
            if digit == 0:
                gap = bool(out)
                continue
            if gap:
                out.append(self.zero)
                gap = False
            bare_ten = place == 1 and digit == 1 and not out and leading and self.omit_leading_one
            word = "" if bare_ten else self.digits[digit]
            out.append(word + (self.units[place - 1] if place else ""))
        return "".join(out)

    def parse(self, text: str) -> int | None:
        text = normalize_label(text)
        longest = max(map(len, self._tokens))
        top = 10 ** ((len(self.units) + 1) * len(self.big_units))
        total = section = digit = 0
        i = 0
        while i < len(text):
            for size in range(min(longest, len(text) - i), 0, -1):
                token = self._tokens.get(text[i:i + size])
                if token:
                    break
            else:
                return None
            i += size
            kind, value = token
            if kind == "digit":
                digit = value
            elif kind == "unit":
                section, digit = section + (digit or 1) * value, 0
            elif value == top:  # the largest counts all before it: 一万亿, 一亿零一亿
                total, section, digit = ((total + section + digit) or 1) * value, 0, 0
            else:  # a smaller big unit counts what follows the last larger one: 一亿零一万
                low = total % value
                total = total - low + ((low + section + digit) or 1) * value
                section = digit = 0
        n = total + section + digit
        return n if n >= 1 and self.format(n) == text else None


# --- Arabic ordinals ---------------------------------------------------------------------

#: Roles of the words of an Arabic numeral: a number word takes the article and case
#: endings; the teen word (عشر) and the counted scale noun (tamyiz: آلاف, ألفا) do not.
_NUM, _FIXED, _TAMYIZ, _TAMYIZ_ACC = range(4)
_Part = tuple[str, int, bool]  # word, role, written after the joiner


def _ending(word: str, rules: Sequence[tuple[str, str]]) -> str:
    """``word`` with the first matching ending rewritten (dual ان -> ين, …)."""
    for old, new in rules:
        if word.endswith(old):
            return word[: len(word) - len(old)] + new
    return word


@dataclass(frozen=True)
class ArabicOrdinalSystem:
    """Arabic ordinal numbers by rule, for any n (chapter labels ثالثا, references الفصل الثالث).

    * 1..10 alone: ``first`` (1), ``units`` (2..9) or ``ten``, plus ``alone_suffix`` (the
      adverbial alif of a chapter label: أولا, ثالثا, عاشرا);
    * 11..19: unit, space, ``teen`` (حادي عشر), 1 being ``units[0]`` (حادي) in compounds;
    * 20, 30 …: ``tens`` (عشرون); 21..99: unit, space, ``joiner`` + tens (حادي وعشرون);
    * a multiple of 100: its cardinal number (مائة, ألف, ألف ومائتان, ثلاثة آلاف);
    * otherwise the ordinal of the last two digits (never the "alone" form), ``after``, and
      the rest as a definite genitive cardinal: حادي عشر بعد المائة, خامس بعد الألفين
      (the classical rule, seen in e.g. الدورة السابعة بعد المائة).

    With ``definite`` each number word takes ``article`` (الحادي والعشرون, المائة), but not
    the teen word or a counted noun (الحادي عشر, الثلاثة آلاف). Cardinals (``card_*``,
    ``hundreds``, ``scales``) follow standard grammar: conjuncts largest first joined by
    ``joiner``; a count of 1 or 2 is the scale's singular or dual (ألف, ألفان); otherwise
    the count is followed by the plural after 3..10 (ثلاثة آلاف), the accusative singular
    after 11..99 (أحد عشر ألفا) and the singular after a round hundred (مائة ألف), by its
    last two digits; a count past 100 ending in 1 or 2 is split (101 000: مائة ألف وألف,
    102 000: مائة ألف وألفان). A count's last word takes its
    construct form (``construct`` endings: مائتا ألف). ``genitive`` endings apply to number
    words after ``after`` (بعد المائتين). Past the largest scale the count is itself a
    cardinal (ألف مليار).
    """

    first: str
    units: tuple[str, ...]
    ten: str
    teen: str
    tens: tuple[str, ...]
    joiner: str
    article: str
    after: str
    card_units: tuple[str, ...]
    card_ten: str
    teen_units: tuple[str, ...]
    hundreds: tuple[str, ...]
    scales: tuple[tuple[str, str, str, str], ...]  # singular, dual, plural, accusative
    genitive: tuple[tuple[str, str], ...]
    construct: tuple[tuple[str, str], ...]
    definite: bool = False
    alone_suffix: str = ""
    _readings: Mapping[str, tuple[tuple[str, int], ...]] = field(
        init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name, want in (("units", 9), ("tens", 8), ("card_units", 9), ("teen_units", 9),
                           ("hundreds", 9)):
            _texts(getattr(self, name), name, want)
        if not self.scales:
            raise ValueError("scales: expected at least one (thousand)")
        for scale in self.scales:
            _texts(scale, "scales ([singular, dual, plural, accusative])", 4)
        object.__setattr__(self, "_readings", self._build_readings())

    # formatting ---------------------------------------------------------------------------
    def format(self, n: int) -> str:
        _check_positive(n)
        rest, base = n % 100, n - n % 100
        if n <= 10:
            return self._render(self._ordinal(n, alone=True), self.definite) + self.alone_suffix
        if not base:
            return self._render(self._ordinal(rest, alone=False), self.definite)
        if not rest:
            return self._render(self._cardinal(base), self.definite)
        ordinal = self._render(self._ordinal(rest, alone=False), self.definite)
        return f"{ordinal} {self.after} {self._render(self._cardinal(base), True, genitive=True)}"

    def _render(self, parts: list[_Part], definite: bool, genitive: bool = False) -> str:
        words = []
        for word, role, joined in parts:
            if role == _NUM:
                word = _ending(word, self.genitive) if genitive else word
                word = self.article + word if definite else word
            words.append(self.joiner + word if joined else word)
        return " ".join(words)

    def _tens_and_units(self, n: int, units: tuple[str, ...], one: str, ten: str,
                        teen_units: tuple[str, ...]) -> list[_Part]:
        """1..99: unit, ten, unit + teen, tens, or unit + joined tens."""
        tens, unit = divmod(n, 10)
        if n == 1:
            return [(one, _NUM, False)]
        if n < 10:
            return [(units[n - 1], _NUM, False)]
        if n == 10:
            return [(ten, _NUM, False)]
        if tens == 1:
            return [(teen_units[unit - 1], _NUM, False), (self.teen, _FIXED, False)]
        if not unit:
            return [(self.tens[tens - 2], _NUM, False)]
        return [(units[unit - 1], _NUM, False), (self.tens[tens - 2], _NUM, True)]

    def _ordinal(self, n: int, alone: bool) -> list[_Part]:
        one = self.first if alone else self.units[0]
        return self._tens_and_units(n, self.units, one, self.ten, self.units)

    def _cardinal(self, n: int) -> list[_Part]:
        conjuncts: list[list[_Part]] = []
        for i in reversed(range(len(self.scales))):
            count, n = divmod(n, 1000 ** (i + 1))
            if count:
                conjuncts += self._scaled(count, i)
        hundreds, n = divmod(n, 100)
        if hundreds:
            conjuncts.append([(self.hundreds[hundreds - 1], _NUM, False)])
        if n:
            conjuncts.append(self._tens_and_units(
                n, self.card_units, self.card_units[0], self.card_ten, self.teen_units))
        out: list[_Part] = []
        for k, (head, *tail) in enumerate(conjuncts):
            out += [(head[0], head[1], k > 0), *tail]
        return out

    def _scaled(self, count: int, i: int) -> list[list[_Part]]:
        """``count`` thousands (i = 0), millions (1) …, as one or two conjuncts."""
        singular, dual, plural, accusative = self.scales[i]
        if count <= 2:
            return [[(singular if count == 1 else dual, _NUM, False)]]
        last = count % 100
        if count > 100 and last in (1, 2):
            return self._scaled(count - last, i) + self._scaled(last, i)
        noun: _Part = (singular, _TAMYIZ, False)
        if 3 <= last <= 10:
            noun = (plural, _TAMYIZ, False)
        elif last >= 11:
            noun = (accusative, _TAMYIZ_ACC, False)
        *head, (word, role, joined) = self._cardinal(count)
        if role == _NUM:
            word = _ending(word, self.construct)
        elif role == _TAMYIZ_ACC:  # أحد عشر ألفا -> أحد عشر ألف مليار
            word, role = next(s[0] for s in self.scales if s[3] == word), _TAMYIZ
        return [[*head, (word, role, joined), noun]]

    # parsing -----------------------------------------------------------------------------
    def _build_readings(self) -> dict[str, tuple[tuple[str, int], ...]]:
        """Every word form the rules can write, with what it may mean (some mean two
        things: ألفا is 2000 before a scale word, else "thousand" counted)."""
        found: dict[str, set[tuple[str, int]]] = {}

        def add(word: str, reading: tuple[str, int], number_word: bool = True,
                joined: tuple[str, int] | None = None) -> None:
            forms = {word}
            if number_word:
                cases = {word, _ending(word, self.construct)}
                cases |= {_ending(w, self.genitive) for w in cases}
                forms = {p + w for w in cases for p in ("", self.article)}
            for form in forms:
                found.setdefault(normalize_label(form), set()).add(reading)
                found.setdefault(normalize_label(self.joiner + form), set()).add(joined or reading)

        for value, word in enumerate([self.first, *self.units[1:], self.ten], 1):
            add(word + self.alone_suffix, ("add", value), number_word=False)
            add(self.article + word + self.alone_suffix, ("add", value), number_word=False)
        add(self.first, ("add", 1))
        for words in (self.units, self.card_units, self.teen_units):
            for value, word in enumerate(words, 1):
                add(word, ("add", value))
        for value, word in enumerate(self.tens, 2):
            add(word, ("add", 10 * value))
        for value, word in enumerate(self.hundreds, 1):
            add(word, ("add", 100 * value))
        for word in (self.ten, self.card_ten):
            add(word, ("add", 10))
        add(self.teen, ("add", 10), number_word=False)
        add(self.after, ("after", 0), number_word=False)
        for i, (singular, dual, plural, accusative) in enumerate(self.scales):
            scale = 1000 ** (i + 1)
            counted = ("top" if i == len(self.scales) - 1 else "scale", scale)
            add(singular, counted, joined=("group", scale))  # مائة ألف | وألف
            add(dual, ("group", 2 * scale))
            for word in (plural, accusative):
                add(word, counted, number_word=False)
        return {form: tuple(sorted(r)) for form, r in found.items()}

    def parse(self, text: str) -> int | None:
        text = normalize_label(text)
        options = [self._readings.get(token, ()) for token in text.split(" ")]
        if not text or not all(options):
            return None
        for i, here in enumerate(options):
            # ألفا مليار: a dual right before a counted noun is a count (2000), else the noun
            nxt = options[i + 1] if i + 1 < len(options) else ()
            before_noun = any(kind in ("scale", "top") for kind, _ in nxt)
            options[i] = tuple(r for r in here if (r[0] == "group") == before_noun) or here
        for readings in itertools.islice(itertools.product(*options), 256):
            n = self._evaluate(readings)
            if n >= 1 and normalize_label(self.format(n)) == text:
                return n
        return None

    @staticmethod
    def _evaluate(readings: Sequence[tuple[str, int]]) -> int:
        """A value for a reading of the words; ``parse`` keeps it only if it formats back."""
        done = total = current = 0
        for kind, value in readings:
            if kind == "after":  # حادي عشر | بعد | المائة: the parts add up
                done, total, current = done + total + current, 0, 0
            elif kind == "add":
                current += value
            elif kind == "group":  # a whole group: ملياران وثلاثة آلاف, مائة ألف وألف
                total += value
            elif kind == "top":  # the largest scale counts all before it: ألف مليار
                total, current = ((total + current) or 1) * value, 0
            else:  # a scale counts what precedes it below it: مائة ألف
                low = total % value
                total, current = total - low + ((low + current) or 1) * value, 0
        return done + total + current


_LATIN = tuple("abcdefghijklmnopqrstuvwxyz")

#: Systems any data file may name without declaring them.
BUILTIN_SYSTEMS: dict[str, NumeralSystem] = {
    "roman": RomanSystem(lower=False),
    "roman_lower": RomanSystem(lower=True),
    "latin_upper": AlphabetSystem(tuple(c.upper() for c in _LATIN)),
    "latin_lower": AlphabetSystem(_LATIN),
    "decimal": DecimalSystem(),
}


def _make_alphabet(spec: Mapping[str, Any]) -> NumeralSystem:
    return AlphabetSystem(_texts(spec["symbols"], "symbols"), str(spec.get("separator", "")))


def _make_positional(spec: Mapping[str, Any]) -> NumeralSystem:
    return PositionalSystem(
        digits=_texts(spec["symbols"], "symbols", 10),
        units=_texts(spec["units"], "units"),
        big_units=_texts(spec["big_units"], "big_units"),
        zero=str(spec["zero"]),
        omit_leading_one=bool(spec.get("omit_leading_one", True)),
    )


def _four(words: tuple[str, ...]) -> tuple[str, str, str, str]:
    """A scale's four forms (singular, dual, plural, accusative); ``_texts`` checked the count."""
    singular, dual, plural, accusative = words
    return singular, dual, plural, accusative


def _make_arabic_ordinal(spec: Mapping[str, Any]) -> NumeralSystem:
    words, card = spec["words"], spec["words"]["cardinal"]

    def endings(key: str) -> tuple[tuple[str, str], ...]:
        return tuple((str(k), str(v)) for k, v in card.get(key, {}).items())

    return ArabicOrdinalSystem(
        first=str(words["first"]),
        units=_texts(words["units"], "units", 9),
        ten=str(words["ten"]),
        teen=str(words["teen"]),
        tens=_texts(words["tens"], "tens", 8),
        joiner=str(words["joiner"]),
        article=str(words["article"]),
        after=str(words["after"]),
        card_units=_texts(card["units"], "cardinal.units", 9),
        card_ten=str(card["ten"]),
        teen_units=_texts(card["teen_units"], "cardinal.teen_units", 9),
        hundreds=_texts(card["hundreds"], "cardinal.hundreds", 9),
        scales=tuple(_four(_texts(s, "cardinal.scales", 4)) for s in card["scales"]),
        genitive=endings("genitive"),
        construct=endings("construct"),
        definite=bool(spec.get("definite", False)),
        alone_suffix=str(spec.get("alone_suffix", "")),
    )


#: ``kind:`` values a data file may use under ``numerals:`` (their keys: loader.NUMERAL_SCHEMAS).
NUMERAL_KINDS: dict[str, Callable[[Mapping[str, Any]], NumeralSystem]] = {
    "alphabet": _make_alphabet,
    "positional": _make_positional,
    "arabic_ordinal": _make_arabic_ordinal,
}
