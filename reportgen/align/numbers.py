"""Numbers in running text, read by value in each language's own notation.

The alignment checker compares the numbers of a translation with those of the original
paragraph by paragraph. Since ``12,345.5`` (en), ``12 345,5`` (fr, ru), ``12.345,5`` (es),
``eleventh``, ``onzième``, ``第十一届``, ``September``, ``сентября``, ``أيلول/سبتمبر`` and
``9月`` must compare equal, every number is reduced to a :class:`Number` whose ``value`` is
a :class:`~decimal.Decimal`:

* figures (``kind="digits"``) in the language's notation: decimal and group symbols come
  from Babel for the language's ``babel_locale`` (:func:`reportgen.l10n.language`); a
  space-like group symbol (fr, ru) also accepts a space, U+00A0 or U+202F. A group is
  taken only as 1-3 leading digits followed by groups of exactly three digits, so
  ``1, 2`` is a list, ``2021`` is never split and ``in 2021.`` ends a sentence. Arabic-Indic
  (٠-٩, with ٫ ٬) and full-width (０-９) digits are normalised. A figure followed by a
  scale word (``1.5 million``, ``150万``) is multiplied out.
* times of day (``kind="time"``) from the ``times:`` block of the language data: hour and
  minutes joined by a ``separators`` character (``18:15``, ``18.15``), an hour word
  (``18 h 15``, ``6时15分``, ``10 ч. 00 м.``) or an a.m./p.m. marker before or after
  (``6.15 p.m.``, ``下午6时15分``). A time is ONE value: hours.minutes on the 24-hour clock,
  ``6.15 p.m.`` = ``18 h 15`` = ``18.15`` = ``下午6时15分`` = ``18:15`` = 18.15. So a time
  on the hour is its hour (``10 a.m.`` = ``10 h`` = ``上午10时`` = ``à 10 heures`` = 10) and
  ``18.15`` compares the same whether a language reads it as a time or as a decimal. A
  separator that is also the decimal symbol (``.`` in en) makes a time only with a marker
  or an hour word: ``6.15 p.m.`` is a time, ``6.15 million`` is not.
* month names (``kind="month"``, value 1-12) from Babel, every width and context, for the
  language's locale plus its ``dates.month_names_from`` (Arabic: ar_SY and ar_EG, so the
  UN pair ``أيلول/سبتمبر`` is ONE month), plus ``month_variants``/``month_endings`` from the
  number-word data (UN ``يونيه``, Russian ``в сентябре``). Abbreviations (``Sept``) count only
  when followed by a period or next to a figure. In Chinese, ``9月`` and ``九月`` are months.
* spelled-out numbers and ordinals (``kind="word"``) from the number-word data (YAML, see
  :func:`number_words`), combined when adjacent (``twenty-one``, ``vingt et un``,
  ``الحادي عشر``).
* Chinese numerals (``kind="word"``), for a language whose number words list ``digits``:
  a run of two or more numeral characters (``三十六``, ``十二``, ``二〇二一``) is read; a
  single character only after ``第`` or ``百分之`` (``第一份``, ``百分之五``), before ``月`` (a
  month), before a counter (``四个问题``, ``两个工作组``) unless it is ``一`` (``一个``,
  ``一位`` mean "a"), at either end of a range (``三至五年``), or a lone
  ``百 千 万 亿 〇 零``. Listed phrases (``万一``, ``千年``, ``两年期``) are never numbers.

Decades: a decade is not a number. "decade", "décennie", "decenio", "десятилетие",
"العقد" carry no numeral, so the implicit 10 of Chinese ``十年`` is dropped where the
``decades:`` data says it names a decade (after ``个``, ``前``, ``国际`` …); the ordinal
before it counts like any ordinal: ``前十年`` = ``the first decade`` (1, in words, is
grammatical: see :func:`comparable`), ``第三个十年`` = ``the third decade`` = 3.

Ranges give both ends, however a language joins them: ``2019–2021`` = ``2019至2021年`` =
``de 2019 a 2021`` = ``с 2019 по 2021 год`` = 2019 and 2021; ``paragraphs 3–5`` = ``第3至5段``.
The ``ranges: connectors`` data lets a single Chinese numeral end a range (``三至五年``) and
an abbreviated end year take its century after a connector that is punctuation
(``2019–21`` = 2021).

Numbers in names are no figures: the ``numbers_in_names: names`` data (regular
expressions) of each language masks ``COVID-19``, ``coronavirus disease 2019``,
``2019冠状病毒病`` and the like, so ``the COVID-19 pandemic`` = ``2019冠状病毒病（COVID-19）
大流行``. Its ``references`` mark legal references whose numbers are spelled out
(``第五十四条第一款（c）项``, ``l’article premier``): their words count like figures, 1 and 2
included, so they equal ``article 54, paragraph 1 (c)``.

Document symbols (:func:`reportgen.resolve.symbols.find_symbols`) contribute nothing;
``10/6`` (a resolution number) is two figures, 10 and 6; a percentage gives its number
(``per cent``, ``pour cent``, ``百分之`` are not read as 100).

Nothing here branches on a language code: every difference is in ``data/<code>.yaml``.

Speed (six versions of 2,000 paragraphs, 8.7 million characters: 14.7 s before, 0.6 s
now): number words, month names and phrases that are no numbers are ONE trie-shaped regex
per language, tried only after a non-word character, on text lower-cased once (a
case-insensitive alternation of hundreds of named groups was tried at every position);
every other regex starts with a character class, so the engine skips to candidates in C;
symbols are searched only around a capital and a slash; everything compiled is cached
per language, the data file included (finding the packaged file took a second).

    >>> [(str(n.value), n.kind) for n in extract_numbers("6–10 September 2021", "en")]
    [('6', 'digits'), ('10', 'digits'), ('9', 'month'), ('2021', 'digits')]
    >>> [(str(n.value), n.kind) for n in extract_numbers("2021年9月6日至10日", "zh")]
    [('2021', 'digits'), ('9', 'month'), ('6', 'digits'), ('10', 'digits')]
    >>> [(str(n.value), n.kind) for n in extract_numbers("at 6.15 p.m.", "en")]
    [('18.15', 'time')]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any, Callable, Iterable, Mapping

from babel import Locale

from reportgen.l10n import language
from reportgen.l10n.blocks import NumberWords
from reportgen.resolve.symbols import find_symbols

__all__ = ["Number", "comparable", "extract_numbers", "number_words"]


@dataclass(frozen=True, slots=True)  # thousands per version: no __dict__ each
class Number:
    """One number of a text: its value, how it was written, and where."""

    value: Decimal
    kind: str       # "digits" | "word" | "month" | "time" | "reference" (a word in 第一款)
    text: str       # as written: "12 345,5", "septembre", "三十六", "9月", "6.15 p.m."
    start: int
    end: int


#: Word numbers with these values are left out of :func:`comparable`: "one", "two",
#: "first", "second" are routinely carried by grammar rather than numerals (articles un/une,
#: "a" = 一个, "another", "both" vs 两个/deux, the Arabic dual الفريقين, "one another").
GRAMMATICAL_WORD_VALUES = frozenset({Decimal(1), Decimal(2)})


def comparable(numbers: Iterable[Number]) -> Counter[Decimal]:
    """What must agree between an original and its translation, as a multiset of values.

    Every figure, every time of day (one value, hours.minutes: ``18 h 15`` = 18.15), every
    date part (day, month, year: a month counts as its number, so ``September`` = ``9月`` =
    9) and every spelled-out number counts by value, whatever its kind (``eleventh`` =
    ``第 11 次`` = 11), except spelled-out 1 and 2 (:data:`GRAMMATICAL_WORD_VALUES`), which
    languages express by articles, pronouns and duals as often as by numerals. A ``1`` or
    ``2`` written in figures does count.
    """
    return Counter(n.value for n in numbers
                   if not (n.kind == "word" and n.value in GRAMMATICAL_WORD_VALUES))


# --------------------------------------------------------------------------- data

def number_words(code: str) -> NumberWords:
    """The number-word data of language ``code``: the ``number_words:`` block of
    ``data/<code>.yaml``, as the l10n loader validated it (cached with the language)."""
    return language(code).number_words


# --------------------------------------------------------------------------- tries

_SPACES = " \u00a0\u202f\u2009"
_HYPHENS = "-\u2010\u2011"
_APOSTROPHES = "'\u2019"
#: How a normalised form's special characters are matched in text.
_CHAR_PATTERN = {" ": r"\s+", "-": f"[{_HYPHENS}]", "'": f"[{_APOSTROPHES}]"}
_KEY_TABLE = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2019": "'"})


def _key(text: str) -> str:
    """A form or a matched text normalised for lookup: lower case, one kind of hyphen
    and apostrophe, single spaces."""
    return " ".join(text.lower().translate(_KEY_TABLE).split())


def _spaced(char: str) -> bool:
    """Whether words of ``char``'s script are delimited (so a form needs word boundaries
    there): every script except Han, whose words touch."""
    return not ("\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or char == "〇")


def _trie(forms: Iterable[str], start_boundary: bool = True,
          end_boundary: str = r"(?!\w)") -> str:
    """One regular expression for ``forms`` (normalised by :func:`_key`), the longest
    matching form first. A trie, not an alternation of hundreds of forms: every branch
    starts with a literal character, so the engine skips in C to positions holding one of
    the first characters and rejects most of them after one comparison. Word boundaries
    apply only next to characters of a script that delimits words (:func:`_spaced`)."""
    root: dict[str, Any] = {}
    for form in forms:
        if not form:
            continue
        node = root
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}

    return _emit(root, "", True, start_boundary, end_boundary) if root else ""


def _emit(node: dict[str, Any], last: str, top: bool, start_boundary: bool, end_boundary: str) -> str:
    """The expression of one trie node (module-level: a recursive nested function is a
    reference cycle, tests/test_cycles.py)."""
    alternatives = []
    for char in sorted(k for k in node if k):
        piece = _CHAR_PATTERN.get(char, re.escape(char))
        if top and start_boundary and _spaced(char):
            piece += rf"(?<!\w.)"           # no word character before the first one
        alternatives.append(piece + _emit(node[char], char, False, start_boundary, end_boundary))
    if "" in node:
        alternatives.append(end_boundary if _spaced(last) else "")
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")"


def _word_start_trie(forms: set[str]) -> tuple[re.Pattern[str] | None, bool]:
    """A regex for ``forms`` whose group 1 is the form, and whether it must run on
    ``" " + text``. When every form starts with a letter of a script that delimits words,
    the regex starts with the non-word character before the form: the engine then stops
    only after spaces and punctuation instead of at most letters (twice as fast)."""
    forms = {f for f in forms if f}
    if not forms:
        return None, False
    if all(_spaced(f[0]) for f in forms):
        return re.compile(rf"\W({_trie(forms, start_boundary=False)})", re.S), True
    return re.compile(f"({_trie(forms)})", re.S), False


# --------------------------------------------------------------------------- notation

_OTHER_DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９"
_ASCII = "0123456789" * 3
_MASK = "\x00"
_MINUS = "-\u2212"


@dataclass(frozen=True)
class _Notation:
    translate: Mapping[int, str]
    foreign_re: re.Pattern[str]             # is there anything to translate?
    number_re: re.Pattern[str]
    group: frozenset[str]
    decimal: str


def _notation(code: str) -> _Notation:
    lang = language(code)
    decimal, group = lang.decimal_symbol, lang.group_symbol
    groups = {group} | (set(_SPACES) if group in _SPACES else set())
    table = dict(zip(map(ord, _OTHER_DIGITS), _ASCII))
    if len(decimal) == 1:
        table[ord("٫")] = decimal
    if len(group) == 1:
        table[ord("٬")] = group
    foreign = re.compile("[" + "".join(chr(c) for c in table) + "]")
    g = "[" + "".join(re.escape(c) for c in sorted(groups)) + "]"
    d = re.escape(decimal)
    # a digit first, then "no digit before it": the engine skips to digits in C
    pattern = (rf"[0-9](?<![0-9][0-9])(?:[0-9]{{0,2}}(?:{g}[0-9]{{3}}(?![0-9]))+|[0-9]*)"
               rf"(?:{d}[0-9]+)?")
    return _Notation(table, foreign, re.compile(pattern), frozenset(groups), decimal)


def _to_decimal(text: str, notation: _Notation) -> Decimal:
    for group in notation.group:
        if group in text:
            text = text.replace(group, "")
    return Decimal(text.replace(notation.decimal, "."))


# --------------------------------------------------------------------------- words, months

def _expand(forms: Iterable[str], endings: Iterable[str], prefixes: Iterable[str] = ("",),
            suffixes: Iterable[str] = ("",)) -> list[str]:
    """Every surface form of ``forms``: a stem (``перв-``) with each of ``endings``
    (the data's ``stem_endings``), each with every clitic prefix and optional suffix."""
    out = []
    for form in forms:
        bodies = [form[:-1] + e for e in endings] if form.endswith("-") and len(form) > 1 \
            else [form]
        out += [_key(p + b + s) for b in bodies for p in prefixes for s in suffixes]
    return out


@dataclass(frozen=True)
class _Lexicon:
    """Number words, month names and phrases that are no numbers, matched in ONE pass:
    the longest form wins (``one another`` over ``one``, ``تشرين الأول`` over ``الأول``),
    and a form may be both a month and a word (French ``sept``: 7, or Sept. for September)."""

    regex: re.Pattern[str] | None                     # group 1 is the form
    shifted: bool                                     # run on " " + text: see _word_start_trie
    # form -> (not a number: not_numbers, percent words;
    #          month, abbreviated, capitalised; word value, read only after tens: un)
    entries: Mapping[str, tuple[bool, tuple[int, bool, bool] | None, tuple[Decimal, bool] | None]]
    scales_re: re.Pattern[str] | None                 # right after a figure
    scale_values: Mapping[str, Decimal]
    connectors: frozenset[str]
    units_before_tens: bool


def _lexicon(code: str) -> _Lexicon:
    data = number_words(code)
    prefixes = ["", *data.prefixes]
    suffixes = ["", *data.optional_suffixes]
    words: dict[str, tuple[Decimal, bool]] = {}
    for table, compound in ((data.cardinals, False), (data.ordinals, False), (data.compound_units, True)):
        for value, forms in table.items():
            for form in _expand(forms, data.stem_endings, prefixes, suffixes):
                words.setdefault(form, (Decimal(value), compound))
    scale_values: dict[str, Decimal] = {}
    for value, forms in data.scales.items():
        for form in _expand(forms, data.stem_endings):
            scale_values.setdefault(form, Decimal(value))
    scales = _trie(scale_values, start_boundary=False)
    masked = frozenset(_key(f) for f in data.not_numbers + data.percent)
    months = _months(code, data, prefixes)
    regex, shifted = _word_start_trie(set(words) | set(months) | masked)
    entries = {key: (key in masked, months.get(key), words.get(key))
               for key in set(words) | set(months) | masked}
    return _Lexicon(
        regex, shifted, entries,
        re.compile(rf"[{_SPACES}]*({scales})", re.S) if scales else None, scale_values,
        frozenset(_key(c) or c for c in data.connectors),
        data.units_before_tens)


def _locales(code: str) -> list[str]:
    lang = language(code)
    return list(dict.fromkeys([lang.babel_locale, *lang.month_names_from]))


def _months(code: str, data: NumberWords, prefixes: list[str]) -> dict[str, tuple[int, bool, bool]]:
    """Month names from Babel and the data. A capitalised form (English ``May``) is a
    month only when written with a capital; a form listed both ways is not capitalised."""
    if data.month_suffix:    # Chinese: 9月 / 九月 by rule (Babel's 一月 … and 1月 …)
        return {}
    wide: dict[int, set[str]] = {m: set() for m in range(1, 13)}
    short: dict[int, set[str]] = {m: set() for m in range(1, 13)}
    for name in _locales(code):
        months = Locale.parse(name).months
        for context in ("format", "stand-alone"):
            for width, target in (("wide", wide), ("abbreviated", short)):
                for month, text in months[context][width].items():
                    target[month].add(str(text).rstrip("."))
    for month, forms in data.month_variants.items():
        wide[month].update(forms)
    endings = data.month_endings
    values: dict[str, tuple[int, bool, bool]] = {}

    def add(form: str, month: int, abbreviated: bool, capital: bool) -> None:
        for key in _expand([form], (), prefixes):
            old = values.get(key)
            if old is None:
                values[key] = (month, abbreviated, capital)
            elif old[0] == month:
                values[key] = (month, old[1] and abbreviated, old[2] and capital)

    for month in range(1, 13):
        for form in wide[month]:
            add(form, month, False, form[:1].isupper())
        if endings:
            stem = _common_prefix(wide[month])
            if len(stem) >= 2:
                for ending in endings:
                    add(stem + ending, month, False, False)
        for form in short[month] - wide[month]:
            add(form, month, True, form[:1].isupper())
    return values


def _common_prefix(forms: Iterable[str]) -> str:
    forms = [f.lower() for f in forms]
    if not forms:
        return ""
    first, last = min(forms), max(forms)
    i = 0
    while i < min(len(first), len(last)) and first[i] == last[i]:
        i += 1
    return first[:i]


# --------------------------------------------------------------------------- times

@dataclass(frozen=True)
class _Times:
    time_re: re.Pattern[str]
    before_re: re.Pattern[str]             # an a.m./p.m. marker written before the hour
    decimal: str                            # a separator that needs a marker or hour word


_NEVER = "(?!)"


def _times(code: str) -> _Times | None:
    data = language(code).times
    if data is None:
        return None

    def words(forms: tuple[str, ...], start_boundary: bool = False) -> str:
        # letters may not follow a time word, digits may: 18h15
        return _trie([_key(f) for f in forms], start_boundary,
                     end_boundary=r"(?![^\W\d])") or _NEVER

    am, pm, hours, minutes = words(data.am), words(data.pm), words(data.hours), words(data.minutes)
    # before the hour, a marker is a word of its own: 下午6时, not "program 6:15"
    before = rf"(?:(?P<am>{words(data.am, True)})|(?P<pm>{words(data.pm, True)}))\s*\Z"
    seps = "".join(re.escape(s) for s in data.separators)
    hour = r"(?P<h>[0-9](?<![0-9.:][0-9])[0-9]?)"      # not inside 15.09.2021
    mm = r"[0-9]{2}(?![0-9]|[.:][0-9])"
    with_sep = rf"(?P<sep>{f'[{seps}]' if seps else _NEVER})(?P<m>{mm})(?:\s*(?P<hw1>{hours}))?"
    with_word = rf"\s*(?P<hw>{hours})(?:\s*(?P<m2>{mm})(?:\s*(?:{minutes}))?)?"
    marker = rf"(?:(?P<am>{am})|(?P<pm>{pm}))"
    # the hour, then minutes or an hour word or a marker, then perhaps a marker
    time_re = rf"{hour}(?:{with_sep}|{with_word}|(?=\s*(?:{am}|{pm})))(?:\s*{marker})?"
    return _Times(re.compile(time_re, re.S), re.compile(before, re.S),
                  language(code).decimal_symbol)


def _read_times(scan: str, times: _Times, add: Callable[..., None]) -> None:
    """Times of day as one value each, hours.minutes on the 24-hour clock."""
    for m in times.time_re.finditer(scan):
        start, end = m.start(), m.end()
        hour, minute = int(m.group("h")), int(m.group("m") or m.group("m2") or 0)
        am, pm = m.group("am") is not None, m.group("pm") is not None
        hour_word = m.group("hw") is not None or m.group("hw1") is not None
        if not (am or pm) and (m.group("sep") or hour_word):      # 下午6时15分
            b = times.before_re.search(scan, max(0, start - 12), start)
            if b:
                start, am, pm = b.start(), b.group("am") is not None, b.group("pm") is not None
        if m.group("sep") == times.decimal and not (am or pm or hour_word):
            continue            # 6.15 million: a decimal, not a time
        if hour > 24 or minute > 59 or ((am or pm) and hour == 0):
            continue
        if pm and hour < 12:
            hour += 12
        elif am and hour == 12:
            hour = 0
        add(Decimal(f"{hour}.{minute:02d}") if minute else Decimal(hour), "time", start, end)


# --------------------------------------------------------------------------- Chinese

@dataclass(frozen=True)
class _Han:
    run_re: re.Pattern[str]
    digits: Mapping[str, int]
    units: Mapping[str, int]
    big: Mapping[str, int]
    counters: tuple[str, ...]
    read_after: tuple[str, ...]
    lonely: frozenset[str]
    suffix: str
    connectors: tuple[str, ...]


def _han(code: str) -> _Han | None:
    data = number_words(code)
    digits, units, big = dict(data.digits), dict(data.units), dict(data.big_units)
    if not digits:
        return None
    chars = "".join(list(digits) + list(units) + list(big))
    return _Han(re.compile(f"[{re.escape(chars)}]+"), digits, units, big,
                tuple(sorted(data.counters, key=len, reverse=True)),
                data.read_after, frozenset(data.single_not_read), data.month_suffix,
                language(code).range_connectors)


def _han_value(run: str, han: _Han) -> Decimal:
    digits, units, big = han.digits, han.units, han.big
    if len(run) > 1 and all(c in digits for c in run):        # 二〇二一
        return Decimal("".join(str(digits[c]) for c in run))
    total = section = digit = 0
    for char in run:
        if char in digits:
            digit = digits[char]
        elif char in units:
            section += (digit or 1) * units[char]
            digit = 0
        else:
            total += (section + digit or 1) * big[char]
            section = digit = 0
    return Decimal(total + section + digit)


# --------------------------------------------------------------------------- per language

@dataclass(frozen=True)
class _Tables:
    """Everything compiled for one language, built once."""

    notation: _Notation
    lexicon: _Lexicon
    times: _Times | None
    han: _Han | None
    decades_re: re.Pattern[str] | None     # group 1: a numeral that names a decade
    big: Mapping[str, Decimal]             # 万 亿 right after a figure
    month_suffix_re: re.Pattern[str] | None
    short_connectors: frozenset[str]       # punctuation joining a range: 2019–21
    stages: tuple[Callable[..., None], ...]
    names_re: re.Pattern[str] | None = None       # names holding a number: COVID-19, G20
    references_re: re.Pattern[str] | None = None  # legal references: 第五十四条第一款


@lru_cache(maxsize=None)
def _tables(code: str) -> _Tables:
    lang = language(code)
    data, named, decades = lang.number_words, lang.numbers_in_names, lang.decades
    decades_re = None
    if decades is not None:
        after = "|".join(map(re.escape, sorted(decades.after, key=len, reverse=True)))
        words = "|".join(map(re.escape, sorted(decades.words, key=len, reverse=True)))
        decades_re = re.compile(f"(?:{after})({words})")
    suffix = data.month_suffix
    connectors = lang.range_connectors
    lexicon, times, han = _lexicon(code), _times(code), _han(code)
    # times before words and figures (p.m. and 时 are theirs); words and months before
    # figures (a month abbreviation looks for a figure next to it); Chinese numerals last
    stages = (([_stage_times] if times else []) + ([_stage_lexicon] if lexicon.regex else [])
              + [_stage_figures] + ([_stage_han] if han else []))
    return _Tables(
        notation=_notation(code),
        lexicon=lexicon,
        times=times,
        han=han,
        stages=tuple(stages),
        decades_re=decades_re,
        big={k: Decimal(v) for k, v in data.big_units.items()},
        month_suffix_re=re.compile(f"[{_SPACES}]*{re.escape(suffix)}") if suffix else None,
        short_connectors=frozenset(c for c in connectors if not any(ch.isalnum() for ch in c)),
        names_re=_alternation(named.names),
        references_re=_alternation(named.references),
    )


def _alternation(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex of the data's ``patterns`` (checked by the loader), case counting: a
    case-insensitive one took five times as long, on every paragraph."""
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def _masked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with ``spans`` blanked out, same length (so positions still index it)."""
    pieces, at = [], 0
    for start, end in sorted(spans):
        if end <= at:
            continue
        start = max(start, at)
        pieces += [text[at:start], _MASK * (end - start)]
        at = end
    pieces.append(text[at:])
    return "".join(pieces)


def _lower(text: str) -> str:
    """Lower case with every position kept (``İ`` lower-cases to two characters)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


# --------------------------------------------------------------------------- reading

#: A document symbol starts with capitals and a slash (A/75/1, CAC/COSP/…).
_SYMBOL_HINT = re.compile(r"[A-Z]/")
#: From a capital-and-slash: the rest of its token and the next token, "… (2022)".
_TOKEN_AND_NEXT = re.compile(r"\S*(?:\s+\S+)?")


def _symbols(text: str) -> list[tuple[int, int]]:
    """Spans of the document symbols of ``text``, found by :func:`find_symbols` in windows
    around each capital-and-slash, not in the whole text (scanning it all took a quarter of
    the reading time). A symbol holds no white space except the one before a ``(2022)``
    remark, and a URL none, so a window from the start of the token to the end of the
    next one, widened while further hints fall inside it, finds exactly what the whole text
    would: both ends of a window are white space or the text's ends."""
    if "/" not in text:
        return []
    hints = [h.start() for h in _SYMBOL_HINT.finditer(text)]
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(hints):
        start = hints[i]
        while start and not text[start - 1].isspace():
            start -= 1
        end = 0
        while i < len(hints) and (not end or hints[i] < end):
            end = max(end, _TOKEN_AND_NEXT.match(text, hints[i]).end())  # type: ignore[union-attr]
            i += 1
        out += [(start + s.start, start + s.end) for s in find_symbols(text[start:end])]
    return out

Add = Callable[[Decimal, str, int, int], None]


def extract_numbers(text: str, lang: str) -> tuple[Number, ...]:
    """Every number of ``text`` (a paragraph without its number) in language ``lang``, in
    order. ``text`` of a :class:`Number` is as written in ``text``; spans index ``text``.
    Read once per paragraph (``Unit.numbers``), for the alignment and the number check."""
    return tuple(_extract_numbers(text, lang))


def _extract_numbers(text: str, lang: str) -> list[Number]:
    tables = _tables(lang)
    notation = tables.notation
    norm = text.translate(notation.translate) if notation.foreign_re.search(text) else text
    found: list[Number] = []
    spans: list[tuple[int, int]] = []      # read or masked: later stages skip them

    def add(value: Decimal, kind: str, start: int, end: int) -> None:
        found.append(Number(value, kind, text[start:end], start, end))
        spans.append((start, end))

    spans += _symbols(norm)
    if tables.names_re is not None:  # a name's number is no figure: COVID-19, 2019冠状病毒病
        spans += [m.span() for m in tables.names_re.finditer(norm)]
    low = _lower(norm)
    if tables.decades_re is not None:
        spans += [m.span(1) for m in tables.decades_re.finditer(low)]
    scan = _masked(low, spans) if spans else low
    last = len(tables.stages) - 1
    for i, stage in enumerate(tables.stages):
        before = len(spans)
        stage(scan, norm, tables, add, spans)
        if len(spans) > before and i < last:
            scan = _masked(scan, spans[before:])
    if tables.references_re is not None and any(n.kind == "word" for n in found):
        found = _as_references(found, [m.span() for m in tables.references_re.finditer(norm)])
    return sorted(found, key=lambda n: n.start)


def _as_references(found: list[Number], spans: list[tuple[int, int]]) -> list[Number]:
    """Spelled-out numbers inside a legal reference (第五十四条第一款) made kind
    "reference": article 54, paragraph 1 counts its 1 like a figure, never as grammar."""
    if not spans:
        return found
    return [Number(n.value, "reference", n.text, n.start, n.end)
            if n.kind == "word" and any(a <= n.start and n.end <= b for a, b in spans) else n for n in found]


def _stage_times(scan: str, norm: str, tables: _Tables, add: Add,
                 spans: list[tuple[int, int]]) -> None:
    if tables.times is not None:
        _read_times(scan, tables.times, add)


def _stage_lexicon(scan: str, norm: str, tables: _Tables, add: Add,
                   spans: list[tuple[int, int]]) -> None:
    lexicon = tables.lexicon
    if lexicon.regex is None:
        return
    months: list[list[int]] = []
    tokens: list[tuple[int, int, Decimal, bool]] = []
    shift = 1 if lexicon.shifted else 0
    entries = lexicon.entries
    for m in lexicon.regex.finditer(" " + scan if shift else scan):
        start, end = m.start(1) - shift, m.end(1) - shift
        entry = entries.get(m.group(1)) or entries.get(_key(m.group(1)))
        if entry is None:
            continue
        masked, month, word = entry
        if masked:
            spans.append((start, end))
        elif month is not None and _is_month(scan, norm, start, end, month):
            months.append([start, end + (month[1] and scan[end:end + 1] == "."), month[0]])
        elif word is not None:
            tokens.append((start, end, word[0], word[1]))
    _add_months(scan, months, add)
    _add_words(scan, tokens, lexicon, add)


def _is_month(scan: str, norm: str, start: int, end: int, month: tuple[int, bool, bool]) -> bool:
    _, abbreviated, capital = month
    if capital and norm[start:end].islower():
        return False                                    # "may", not "May"
    if abbreviated:                                     # Sept. / 6 Sept / Sept 6
        after, before = scan[end:end + 3], scan[max(0, start - 3):start]
        return after.startswith(".") or bool(_DIGIT_AFTER.match(after)) or \
            bool(_DIGIT_BEFORE.search(before))
    return True


_DIGIT_AFTER = re.compile(r"\s*[0-9]")
_DIGIT_BEFORE = re.compile(r"[0-9]\s*$")
_PAIR = re.compile(r"\s*/\s*")


def _add_months(scan: str, hits: list[list[int]], add: Add) -> None:
    # a UN Arabic pair أيلول/سبتمبر (or any X/Y of the same month) is one month
    merged: list[list[int]] = []
    for hit in hits:
        if merged and merged[-1][2] == hit[2] and _PAIR.fullmatch(scan, merged[-1][1], hit[0]):
            merged[-1][1] = hit[1]
        else:
            merged.append(hit)
    for start, end, month in merged:
        add(Decimal(month), "month", start, end)


def _add_words(scan: str, tokens: list[tuple[int, int, Decimal, bool]], lexicon: _Lexicon,
               add: Add) -> None:
    """Adjacent number words make one number: twenty-one, vingt et un, الحادي عشر."""
    i = 0
    while i < len(tokens):
        start, end, total, alone_not_a_number = tokens[i]
        last = total
        j = i + 1
        while j < len(tokens):
            gap = scan[end:tokens[j][0]].strip(_SPACES + "\t\n")
            if gap and gap not in lexicon.connectors:
                break
            v = tokens[j][2]
            if v in (100, 1000) and total < v:
                total = max(total, Decimal(1)) * v
            elif 20 <= last < 100 and last % 10 == 0 and (v < 10 or (last in (60, 80) and v < 20)):
                total += v
            elif total >= 100 and total % 100 == 0 and v < 100:
                total += v
            elif lexicon.units_before_tens and last < 10 and (v == 10 or (20 <= v < 100 and v % 10 == 0)):
                total += v
            else:
                break
            last, end = v, tokens[j][1]
            j += 1
        if not (alone_not_a_number and j == i + 1):
            add(total, "word", start, end)
        i = j


def _stage_figures(scan: str, norm: str, tables: _Tables, add: Add,
                   spans: list[tuple[int, int]]) -> None:
    notation, lexicon, big = tables.notation, tables.lexicon, tables.big
    previous: tuple[int, Decimal] | None = None       # end and value of the last figure
    for m in notation.number_re.finditer(scan):
        start, end = m.start(), m.end()
        value = _to_decimal(m.group(), notation)
        kind = "digits"
        # a sign counts only when it is not a hyphen after a word or a figure (COVID-19, 6-10)
        if start and scan[start - 1] in _MINUS:
            before = scan[start - 2] if start >= 2 else ""
            if not (before.isalnum() or before in _MASK):
                start -= 1
                value = -value
        # an abbreviated end year takes its century: 2019–21 = 2021
        if previous is not None and len(m.group()) == 2 and \
                scan[previous[0]:start].strip() in tables.short_connectors and \
                1000 <= previous[1] <= 2999 and previous[1] == previous[1].to_integral() and \
                value > previous[1] % 100:
            value += previous[1] - previous[1] % 100
        if lexicon.scales_re is not None:
            s = lexicon.scales_re.match(scan, end)
            if s:
                value *= lexicon.scale_values[_key(s.group(1))]
                end = s.end()
        if big and scan[end:end + 1] in big:
            value *= big[scan[end]]
            end += 1
        if tables.month_suffix_re is not None:
            s = tables.month_suffix_re.match(scan, end)
            if s and value == value.to_integral() and 1 <= value <= 12:
                kind, end = "month", s.end()
        previous = (m.end(), value) if kind == "digits" else None
        add(value, kind, start, end)


def _stage_han(scan: str, norm: str, tables: _Tables, add: Add,
               spans: list[tuple[int, int]]) -> None:
    if tables.han is not None:
        _read_han(scan, norm, tables.han, add)


def _read_han(scan: str, norm: str, han: _Han, add: Callable[..., None]) -> None:
    for m in han.run_re.finditer(scan):
        run, start, end = m.group(), m.start(), m.end()
        # context windows, not the rest of the text: markers and counters are short
        before = norm[max(0, start - 8):start].rstrip(_SPACES)
        after = scan[end:end + 8].lstrip(_SPACES)
        value = _han_value(run, han)
        if han.suffix and after.startswith(han.suffix) and 1 <= value <= 12 and \
                (len(run) > 1 or run not in han.lonely - {"一"}):
            add(value, "month", start, end + (len(scan[end:end + 8]) - len(after)) + len(han.suffix))
            continue
        if len(run) == 1:
            after_marker = any(before.endswith(w) for w in han.read_after)
            counted = run not in han.lonely and any(after.startswith(c) for c in han.counters)
            if not (after_marker or counted or _range_end(before, after, han)):
                continue
        add(value, "word", start, end)


def _range_end(before: str, after: str, han: _Han) -> bool:
    """A single numeral at either end of a range: 三至五年, 第三至五段."""
    numeral = han.run_re.pattern
    for c in han.connectors:
        if after.startswith(c) and re.match(rf"\s*(?:[0-9]|{numeral})", after[len(c):]):
            return True
        if before.endswith(c) and re.search(rf"(?:[0-9]|{numeral})\s*$", before[:-len(c)]):
            return True
    return False
