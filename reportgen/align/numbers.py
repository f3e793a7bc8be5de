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
* month names (``kind="month"``, value 1-12) from Babel, every width and context, for the
  language's locale plus its ``dates.month_names_from`` (Arabic: ar_SY and ar_EG, so the
  UN pair ``أيلول/سبتمبر`` is ONE month), plus ``month_variants``/``month_endings`` from the
  number-word data (UN ``يونيه``, Russian ``в сентябре``). Abbreviations (``Sept``) count only
  when followed by a period or next to a figure. In Chinese, ``9月`` and ``九月`` are months.
* spelled-out numbers and ordinals (``kind="word"``) from the number-word data (YAML, see
  :func:`number_words`), combined when adjacent (``twenty-one``, ``vingt et un``,
  ``الحادي عشر``).
* Chinese numerals (``kind="word"``): a run of two or more numeral characters
  (``三十六``, ``十二``, ``二〇二一``) is read; a single character only after ``第`` or
  ``百分之`` (``第一份``, ``百分之五``), before ``月`` (a month), or before a counter
  (``四个问题``, ``两个工作组``) unless it is ``一`` (``一个``, ``一位`` mean "a"), or a lone
  ``百 千 万 亿 〇 零``. Listed phrases (``万一``, ``千年``, ``两年期``) are never numbers.

Document symbols (:func:`reportgen.resolve.symbols.find_symbols`) contribute nothing;
``10/6`` (a resolution number) is two figures, 10 and 6; ranges ``6–10`` give both ends; a
percentage gives its number (``per cent``, ``pour cent``, ``百分之`` are not read as 100).

    >>> [(str(n.value), n.kind) for n in extract_numbers("6–10 September 2021", "en")]
    [('6', 'digits'), ('10', 'digits'), ('9', 'month'), ('2021', 'digits')]
    >>> [(str(n.value), n.kind) for n in extract_numbers("2021年9月6日至10日", "zh")]
    [('2021', 'digits'), ('9', 'month'), ('6', 'digits'), ('10', 'digits')]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

from babel import Locale
from ruamel.yaml import YAML

from reportgen.l10n import data_path, language
from reportgen.resolve.symbols import find_symbols

__all__ = ["Number", "comparable", "extract_numbers", "number_words"]


@dataclass(frozen=True)
class Number:
    """One number of a text: its value, how it was written, and where."""

    value: Decimal
    kind: str       # "digits" | "word" | "month"
    text: str       # as written: "12 345,5", "septembre", "三十六", "9月"
    start: int
    end: int


#: Word numbers with these values are left out of :func:`comparable`: "one", "two",
#: "first", "second" are routinely carried by grammar rather than numerals (articles un/une,
#: "a" = 一个, "another", "both" vs 两个/deux, the Arabic dual الفريقين, "one another").
GRAMMATICAL_WORD_VALUES = frozenset({Decimal(1), Decimal(2)})


def comparable(numbers: Iterable[Number]) -> Counter[Decimal]:
    """What must agree between an original and its translation, as a multiset of values.

    Every figure, every date part (day, month, year: a month counts as its number, so
    ``September`` = ``9月`` = 9) and every spelled-out number counts by value, whatever its
    kind (``eleventh`` = ``第 11 次`` = 11), except spelled-out 1 and 2
    (:data:`GRAMMATICAL_WORD_VALUES`), which languages express by articles, pronouns and
    duals as often as by numerals. A ``1`` or ``2`` written in figures does count.
    """
    return Counter(n.value for n in numbers
                   if not (n.kind == "word" and n.value in GRAMMATICAL_WORD_VALUES))


# --------------------------------------------------------------------------- data



@lru_cache(maxsize=None)
def _yaml_file(path: str) -> Any:
    with open(path, encoding="utf-8") as handle:
        return YAML(typ="safe").load(handle) or {}


def number_words(code: str) -> Mapping[str, Any]:
    """The number-word data of language ``code`` (cached): the ``number_words:`` key
    of ``data/<code>.yaml``."""
    own = _yaml_file(str(data_path(code)))
    return (own.get("number_words") if isinstance(own, dict) else None) or {}


# --------------------------------------------------------------------------- notation

_SPACES = " \u00a0\u202f\u2009"
_DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９"
_ASCII = "0123456789" * 3
_MASK = "\x00"
_MINUS = "-\u2212"


@dataclass(frozen=True)
class _Notation:
    translate: Mapping[int, str]
    number_re: re.Pattern[str]
    group: frozenset[str]
    decimal: str


@lru_cache(maxsize=None)
def _notation(code: str) -> _Notation:
    lang = language(code)
    decimal, group = lang.decimal_symbol, lang.group_symbol
    groups = {group} | (set(_SPACES) if group in _SPACES else set())
    table = dict(zip(map(ord, _DIGITS), _ASCII))
    if len(decimal) == 1:
        table[ord("٫")] = decimal
    if len(group) == 1:
        table[ord("٬")] = group
    g = "[" + "".join(re.escape(c) for c in sorted(groups)) + "]"
    d = re.escape(decimal)
    pattern = (rf"(?<![0-9])(?:[0-9]{{1,3}}(?:{g}[0-9]{{3}}(?![0-9]))+|[0-9]+)"
               rf"(?:{d}[0-9]+)?")
    return _Notation(table, re.compile(pattern), frozenset(groups), decimal)


def _to_decimal(text: str, notation: _Notation) -> Decimal:
    plain = "".join(c for c in text if c not in notation.group)
    return Decimal(plain.replace(notation.decimal, "."))


# --------------------------------------------------------------------------- words

def _form_pattern(form: str, data: Mapping[str, Any]) -> str:
    stem = form.endswith("-") and len(form) > 1
    body = form[:-1] if stem else form
    parts = [re.escape(p) for p in body.split()]
    out = r"\s+".join(parts).replace(r"\-", "[-\u2010\u2011]")
    out = re.sub("['’]", "['’]", out)
    if stem:
        endings = sorted(data.get("stem_endings") or [], key=len, reverse=True)
        out += "(?:" + "|".join(map(re.escape, endings)) + ")"
    return out


def _prefix_pattern(data: Mapping[str, Any]) -> str:
    prefixes = sorted(data.get("prefixes") or [], key=len, reverse=True)
    return "(?:" + "|".join(map(re.escape, prefixes)) + ")?" if prefixes else ""


def _alternation(forms: Iterable[tuple[str, str]]) -> str:
    """Longest forms first, so ``dix-sept`` wins over ``dix``, ``الحادي عشر`` over ``عشر``."""
    ordered = sorted(set(forms), key=lambda f: len(f[0]), reverse=True)
    return "|".join(p for _, p in ordered)


@dataclass(frozen=True)
class _Words:
    words_re: re.Pattern[str] | None
    values: Mapping[str, Decimal]           # group name -> value
    compound_only: frozenset[str]           # group names read only after tens: vingt et un
    scales_re: re.Pattern[str] | None       # right after a figure
    scale_values: Mapping[str, Decimal]
    mask_re: re.Pattern[str] | None         # not_numbers and percent words
    connectors: frozenset[str]
    units_before_tens: bool


@lru_cache(maxsize=None)
def _words(code: str) -> _Words:
    data = number_words(code)
    suffix = "(?:" + "|".join(map(re.escape, data.get("optional_suffixes") or [])) + ")?" \
        if data.get("optional_suffixes") else ""
    prefix = _prefix_pattern(data)
    groups: list[tuple[str, str]] = []
    values: dict[str, Decimal] = {}
    compound_only: set[str] = set()
    for table in ("cardinals", "ordinals", "compound_units"):
        for value, forms in (data.get(table) or {}).items():
            for form in forms or []:
                name = f"w{len(values)}"
                values[name] = Decimal(value)
                if table == "compound_units":
                    compound_only.add(name)
                groups.append((form, f"(?P<{name}>{_form_pattern(str(form), data)})"))
    words_re = None
    if groups:
        words_re = re.compile(rf"(?<!\w){prefix}(?:{_alternation(groups)}){suffix}(?!\w)",
                              re.IGNORECASE)
    scale_groups: list[tuple[str, str]] = []
    scale_values: dict[str, Decimal] = {}
    for value, forms in (data.get("scales") or {}).items():
        for form in forms or []:
            name = f"s{len(scale_values)}"
            scale_values[name] = Decimal(value)
            scale_groups.append((form, f"(?P<{name}>{_form_pattern(str(form), data)})"))
    scales_re = None
    if scale_groups:
        scales_re = re.compile(rf"[{_SPACES}]*(?:{_alternation(scale_groups)})(?!\w)",
                               re.IGNORECASE)
    masked = [str(f) for f in (data.get("not_numbers") or []) + (data.get("percent") or [])]
    mask_re = None
    if masked:
        alternation = _alternation((f, _form_pattern(f, data)) for f in masked)
        boundary_l, boundary_r = ("", "") if code == "zh" else (r"(?<!\w)", r"(?!\w)")
        mask_re = re.compile(f"{boundary_l}(?:{alternation}){boundary_r}", re.IGNORECASE)
    return _Words(words_re, values, frozenset(compound_only), scales_re, scale_values, mask_re,
                  frozenset(str(c).lower() for c in data.get("connectors") or []),
                  bool(data.get("units_before_tens")))


# --------------------------------------------------------------------------- months

@dataclass(frozen=True)
class _Months:
    month_re: re.Pattern[str] | None
    values: Mapping[str, int]
    abbreviated: frozenset[str]             # group names needing a period or a figure
    suffix: str                             # Chinese 月


def _locales(code: str) -> list[str]:
    raw = _yaml_file(str(data_path(code)))
    names = [language(code).babel_locale]
    dates = raw.get("dates") if isinstance(raw, dict) else None
    if isinstance(dates, dict):
        names += [str(n) for n in dates.get("month_names_from") or []]
    return list(dict.fromkeys(names))


@lru_cache(maxsize=None)
def _months(code: str) -> _Months:
    data = number_words(code)
    suffix = str(data.get("month_suffix") or "")
    if suffix:      # Chinese: 9月 / 九月 by rule (Babel's 一月 … and 1月 … are exactly that)
        return _Months(None, {}, frozenset(), suffix)
    wide: dict[int, set[str]] = {m: set() for m in range(1, 13)}
    short: dict[int, set[str]] = {m: set() for m in range(1, 13)}
    for name in _locales(code):
        months = Locale.parse(name).months
        for context in ("format", "stand-alone"):
            for width, target in (("wide", wide), ("abbreviated", short)):
                for month, text in months[context][width].items():
                    target[month].add(str(text).rstrip("."))
    for month, forms in (data.get("month_variants") or {}).items():
        wide[int(month)].update(str(f) for f in forms)
    endings = [str(e) for e in data.get("month_endings") or []]
    prefix = _prefix_pattern(data)
    groups: list[tuple[str, str]] = []
    values: dict[str, int] = {}
    abbreviated: set[str] = set()

    def add(form: str, month: int, pattern: str, abbr: bool = False) -> None:
        name = f"m{len(values)}"
        values[name] = month
        if abbr:
            abbreviated.add(name)
        flags = "" if form[:1].isupper() else "(?i:"
        body = f"(?P<{name}>{pattern})"
        groups.append((form, f"{flags}{body})" if flags else body))

    for month in range(1, 13):
        for form in wide[month]:
            add(form, month, _form_pattern(form, {}))
        if endings:
            stem = _common_prefix(wide[month])
            if len(stem) >= 2:
                alt = "|".join(map(re.escape, sorted(endings, key=len, reverse=True)))
                add(stem + "~", month, f"{re.escape(stem)}(?:{alt})")
        for form in short[month] - wide[month]:
            add(form, month, _form_pattern(form, {}), abbr=True)
    month_re = re.compile(rf"(?<!\w){prefix}(?:{_alternation(groups)})(?!\w)")
    return _Months(month_re, values, frozenset(abbreviated), "")


def _common_prefix(forms: Iterable[str]) -> str:
    forms = [f.lower() for f in forms]
    if not forms:
        return ""
    first, last = min(forms), max(forms)
    i = 0
    while i < min(len(first), len(last)) and first[i] == last[i]:
        i += 1
    return first[:i]


# --------------------------------------------------------------------------- reading

def extract_numbers(text: str, lang: str) -> list[Number]:
    """Every number of ``text`` (a paragraph without its number) in language ``lang``, in
    order. ``text`` of a :class:`Number` is as written in ``text``; spans index ``text``."""
    notation = _notation(lang)
    norm = text.translate(notation.translate)
    buf = list(norm)
    found: list[Number] = []

    def mask(start: int, end: int) -> None:
        buf[start:end] = _MASK * (end - start)

    def current() -> str:
        return "".join(buf)

    def add(value: Decimal, kind: str, start: int, end: int) -> None:
        found.append(Number(value, kind, text[start:end], start, end))
        mask(start, end)

    for match in find_symbols(norm):
        mask(match.start, match.end)
    words = _words(lang)
    if words.mask_re is not None:
        for m in words.mask_re.finditer(current()):
            mask(m.start(), m.end())
    _read_months(current(), lang, add)
    _read_figures(current(), norm, lang, notation, words, add)
    if lang == "zh":
        _read_han(current(), norm, number_words(lang), add)
    else:
        _read_words(current(), words, add)
    return sorted(found, key=lambda n: n.start)


def _read_months(scan: str, lang: str, add: Any) -> None:
    months = _months(lang)
    if months.month_re is None:
        return
    hits = []
    for m in months.month_re.finditer(scan):
        name = next(k for k, v in m.groupdict().items() if v is not None)
        if name in months.abbreviated:
            after, before = scan[m.end():m.end() + 3], scan[max(0, m.start() - 3):m.start()]
            if not (after.startswith(".") or re.match(r"\s*[0-9]", after)
                    or re.search(r"[0-9]\s*$", before)):
                continue
            end = m.end() + 1 if after.startswith(".") else m.end()
        else:
            end = m.end()
        hits.append([m.start(), end, months.values[name]])
    # a UN Arabic pair أيلول/سبتمبر (or any X/Y of the same month) is one month
    merged: list[list[int]] = []
    for hit in hits:
        if merged and merged[-1][2] == hit[2] and \
                re.fullmatch(r"\s*/\s*", scan[merged[-1][1]:hit[0]]):
            merged[-1][1] = hit[1]
        else:
            merged.append(hit)
    for start, end, month in merged:
        add(Decimal(month), "month", start, end)


def _read_figures(scan: str, norm: str, lang: str, notation: _Notation, words: _Words,
                  add: Any) -> None:
    data = number_words(lang)
    suffix = str(data.get("month_suffix") or "")
    big = {str(k): Decimal(v) for k, v in (data.get("big_units") or {}).items()}
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
        rest = scan[end:]
        if words.scales_re is not None:
            s = words.scales_re.match(rest)
            if s:
                name = next(k for k, v in s.groupdict().items() if v is not None)
                value *= words.scale_values[name]
                end += s.end()
                rest = scan[end:]
        if big and rest[:1] in big:
            value *= big[rest[0]]
            end += 1
            rest = scan[end:]
        if suffix:
            s = re.match(rf"[{_SPACES}]*{re.escape(suffix)}", rest)
            if s and value == value.to_integral() and 1 <= value <= 12:
                kind, end = "month", end + s.end()
        add(value, kind, start, end)


def _read_words(scan: str, words: _Words, add: Any) -> None:
    if words.words_re is None:
        return
    tokens = []
    for m in words.words_re.finditer(scan):
        name = next(k for k, v in m.groupdict().items() if v is not None)
        tokens.append((m.start(), m.end(), words.values[name], name in words.compound_only))
    i = 0
    while i < len(tokens):
        start, end, total, alone_not_a_number = tokens[i]
        last = total
        j = i + 1
        while j < len(tokens):
            gap = scan[end:tokens[j][0]].strip(_SPACES + "\t\n").lower()
            if gap and gap not in words.connectors:
                break
            v = tokens[j][2]
            if v in (100, 1000) and total < v:
                total = max(total, Decimal(1)) * v
            elif 20 <= last < 100 and last % 10 == 0 and (v < 10 or (last in (60, 80) and v < 20)):
                total += v
            elif total >= 100 and total % 100 == 0 and v < 100:
                total += v
            elif words.units_before_tens and last < 10 and (v == 10 or (20 <= v < 100 and v % 10 == 0)):
                total += v
            else:
                break
            last, end = v, tokens[j][1]
            j += 1
        if not (alone_not_a_number and j == i + 1):
            add(total, "word", start, end)
        i = j


def _han_value(run: str, digits: Mapping[str, int], units: Mapping[str, int],
               big: Mapping[str, int]) -> Decimal:
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


def _read_han(scan: str, norm: str, data: Mapping[str, Any], add: Any) -> None:
    digits = {str(k): int(v) for k, v in (data.get("digits") or {}).items()}
    units = {str(k): int(v) for k, v in (data.get("units") or {}).items()}
    big = {str(k): int(v) for k, v in (data.get("big_units") or {}).items()}
    counters = sorted((str(c) for c in data.get("counters") or []), key=len, reverse=True)
    read_after = [str(c) for c in data.get("read_after") or []]
    lonely = {str(c) for c in data.get("single_not_read") or []}
    suffix = str(data.get("month_suffix") or "")
    chars = "".join(list(digits) + list(units) + list(big))
    if not chars:
        return
    for m in re.finditer(f"[{re.escape(chars)}]+", scan):
        run, start, end = m.group(), m.start(), m.end()
        before = norm[:start].rstrip(_SPACES)
        after = scan[end:].lstrip(_SPACES)
        value = _han_value(run, digits, units, big)
        if suffix and after.startswith(suffix) and 1 <= value <= 12 and \
                (len(run) > 1 or run not in lonely - {"一"}):
            add(value, "month", start, end + (len(scan[end:]) - len(after)) + len(suffix))
            continue
        if len(run) == 1:
            after_marker = any(before.endswith(w) for w in read_after)
            counted = run not in lonely and any(after.startswith(c) for c in counters)
            if not (after_marker or counted):
                continue
        add(value, "word", start, end)
