"""The one loader for the per-language data files, and the :class:`Language` they become.

Everything language-specific (wording, date patterns, numeral symbols) is in
``data/<code>.yaml``; this module only knows the *shape* of those files (:data:`SCHEMA`) and
rules that apply to every language. A file is checked completely when it is loaded — every
key present, every template using the right ``{fields}``, every Babel pattern and numeral
system usable — so a broken data file fails at once with its path and key, not halfway
through rendering a report.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from babel.numbers import get_decimal_symbol, get_group_symbol
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from reportgen.model import DISTRIBUTIONS

from . import blocks
from .blocks import Decades, ImportForms, NumberWords, NumbersInNames, TermRules, Times
from .dates import RANGE_KINDS, DateRanges, DateStyle, template_fields
from .numerals import BUILTIN_SYSTEMS, NUMERAL_KINDS, NumeralSystem, normalize_label

__all__ = [
    "LANGUAGES",
    "DISTRIBUTIONS",
    "Language",
    "UnknownLanguage",
    "DataFileError",
    "language",
    "load_language_file",
    "data_path",
]

#: The six official UN languages, ISO 639-1, sorted.
LANGUAGES: tuple[str, ...] = ("ar", "en", "es", "fr", "ru", "zh")
# The distribution kinds are the model's (front matter ``distribution``); each language
# data file must word every one of them.


class UnknownLanguage(ValueError):
    """A language code that is not one of :data:`LANGUAGES`."""

    def __init__(self, code: object) -> None:
        self.code = code
        super().__init__(
            f"unknown language code {code!r}; expected one of {', '.join(LANGUAGES)}"
        )


class DataFileError(ValueError):
    """A language data file that is missing a key or holds an unusable value."""

    def __init__(self, path: Path | str, key: str, problem: str) -> None:
        self.path, self.key, self.problem = str(path), key, problem
        super().__init__(f"{path}: {key}: {problem}")


# --- schema -----------------------------------------------------------------------------

class _Opt:
    """Marks an optional key in :data:`SCHEMA`."""

    def __init__(self, spec: Any) -> None:
        self.spec = spec


class _ListOf:
    """A non-empty list whose items all match ``spec``."""

    def __init__(self, spec: Any) -> None:
        self.spec = spec


class _MapOf:
    """A mapping with free text keys whose values all match ``spec``."""

    def __init__(self, spec: Any) -> None:
        self.spec = spec


_TEXT = str
_DATE_STYLE = {
    "locale": _TEXT,
    "pattern": _TEXT,
    "day_names": _Opt(dict),
    "month_names_from": _Opt(list),
    "month_names_joiner": _Opt(_TEXT),
}
_LABEL = {"system": _TEXT, "format": _TEXT}
_TEXTS = _ListOf(_TEXT)
_FORM_TABLE = _MapOf(_TEXTS)  # a number (the key) -> its forms
_CHAR_TABLE = _MapOf(int)     # a numeral character -> its value
#: the ``number_words`` block (:class:`~.blocks.NumberWords`); a table's keys are checked
#: to be whole numbers by ``_check_number_words``
_NUMBER_WORDS = {
    **{key: _Opt(_FORM_TABLE) for key in ("cardinals", "ordinals", "compound_units", "scales",
                                          "month_variants")},
    **{key: _Opt(_TEXTS) for key in ("stem_endings", "prefixes", "optional_suffixes", "connectors",
                                     "not_numbers", "percent", "month_endings", "counters",
                                     "read_after", "single_not_read")},
    **{key: _Opt(_CHAR_TABLE) for key in ("digits", "units", "big_units")},
    "units_before_tens": _Opt(bool),
    "month_suffix": _Opt(_TEXT),
}

#: Every key a data file must (or, wrapped in ``_Opt``, may) have. A tuple lists the
#: allowed values; a dict is a nested mapping; ``_ListOf``/``_MapOf`` a list or free mapping
#: of one spec; ``str``/``dict``/``list``/``bool`` is a type.
SCHEMA: dict[str, Any] = {
    "code": LANGUAGES,
    "english_name": _TEXT,
    "direction": ("ltr", "rtl"),
    "script": ("latin", "cyrillic", "han", "arabic"),
    "diff_tokens": ("words", "characters"),  # reportgen diff: what one tracked change covers
    "word_lang": _TEXT,
    "latin_word_lang": _Opt(_TEXT),  # w:lang w:val (Latin-script text) when not word_lang
    "babel_locale": _TEXT,
    "job_letter": _TEXT,
    "fonts": {"ascii": _TEXT, "h_ansi": _TEXT, "east_asia": _TEXT, "cs": _TEXT,
              "heading_east_asia": _Opt(_TEXT)},  # headings' face where it differs (黑体)
    "hyphenate": _Opt(bool),  # automatic hyphenation allowed (Word w:autoHyphenation)
    "hyphenation_patterns": _Opt(str),  # pyphen's dictionary, for judging PDF line-end hyphens
    # where ``hyphenate``: Word's limits (twips, lines) and the patterns LibreOffice needs
    "hyphenation": _Opt({"zone": int, "consecutive_limit": int, "caps": bool,
                         "dictionary": _TEXT, "package": _TEXT}),
    # body text size (half-points) and line grid (twips), where a language is set otherwise
    "layout": _Opt({"size": int, "line_pitch": int}),
    # spaces the writer makes no-break: a regular expression whose one group is the space
    "no_break": _Opt(_ListOf({"pattern": _TEXT, "space": ("no-break", "narrow")})),
    # scripts that emphasis (*text*) never slants: UN Chinese marks titles with 《》, not italics
    "upright_scripts": _Opt(_ListOf(("latin", "cyrillic", "han", "arabic"))),
    "united_nations": _TEXT,
    "language_line": _TEXT,
    "masthead": {
        "distribution": {kind: _TEXT for kind in DISTRIBUTIONS},
        "original": _TEXT,
        "language_names": {code: _TEXT for code in LANGUAGES},
        "date": _DATE_STYLE,
    },
    "dates": {**_DATE_STYLE, "ranges": {kind: _TEXT for kind in RANGE_KINDS}},
    "meeting_line": _TEXT,
    "numerals": _Opt(dict),           # name -> system; keys by kind: NUMERAL_SCHEMAS
    "numbering": {
        "chapter": _LABEL,
        "subheading": _LABEL,
        "paragraph": _TEXT,
        "subitems": list,
    },
    # how drafters of this language type markers, read as the UN forms of "numbering"
    "typed_markers": _Opt({
        "fullwidth": _Opt(bool),          # （a） １４． are (a) 14.: full-width forms of the same marker
        "touching": _Opt(bool),           # a marker may touch text of this script: （a）秘书处
        "chapter": _Opt(_ListOf(_TEXT)),  # more chapter templates: "{n}、" (一、)
        "paragraph": _Opt(_ListOf(_TEXT)),  # more paragraph templates: "{n} -" (12 -)
        "subitems": _Opt(_ListOf(_LABEL)),  # more level-1 item labels: han "({n})" (（一）)
    }),
    "number_words": _Opt(_NUMBER_WORDS),  # read by reportgen.align.numbers
    "times": _Opt({              # times of day, read by reportgen.align.numbers
        "separators": _ListOf(_TEXT),   # one character between hour and minutes: ":" "."
        "am": _Opt(_ListOf(_TEXT)),     # markers before or after the hour: a.m., 上午
        "pm": _Opt(_ListOf(_TEXT)),
        "hours": _Opt(_ListOf(_TEXT)),  # after the hour: h (18 h 15), 时, ч.
        "minutes": _Opt(_ListOf(_TEXT)),  # after the minutes: 分, мин.
    }),
    "decades": _Opt({            # a numeral that names a decade, not a number: 前十年
        "words": _ListOf(_TEXT),
        "after": _ListOf(_TEXT),
    }),
    "ranges": _Opt({"connectors": _ListOf(_TEXT)}),   # 2019–2021, 三至五年
    # numbers in names (COVID-19) and spelled out in legal references (第一款), as regular
    # expressions, read by reportgen.align.numbers
    "numbers_in_names": _Opt({"names": _Opt(_ListOf(_TEXT)), "references": _Opt(_ListOf(_TEXT))}),
    "references": {
        "paragraph": _TEXT,
        "paragraphs": _TEXT,
        "chapter": _TEXT,
        "chapter_system": _TEXT,
        "section": _TEXT,
    },
    "import": _Opt({             # what reportgen import recognises on a document's first page
        "agenda": _Opt(_ListOf(_TEXT)),    # an agenda line as printed, "{item}" the item: "Agenda item {item}"
        "contents": _Opt(_ListOf(_TEXT)),  # the table of contents' heading: "Contents"
        "session": _Opt(_ListOf(_TEXT)),   # a session line, "{n}" its ordinal: "{n} session"
    }),
    "terms": {                   # how term-base terms are found in text (reportgen.l10n.stems)
        "match": ("words", "substring"),
        "stemmer": _Opt(_TEXT),           # a snowballstemmer algorithm (words only)
        "skip": _Opt(_ListOf(_TEXT)),     # function words left out of terms and text (words only)
        "ignore": _Opt(_TEXT),            # characters removed before matching (Arabic vowel marks)
    },
}

#: The keys of each numeral ``kind:`` under ``numerals:`` (rules: :data:`NUMERAL_KINDS`).
NUMERAL_SCHEMAS: dict[str, dict[str, Any]] = {
    "alphabet": {"kind": _TEXT, "symbols": _TEXTS, "separator": _Opt(_TEXT)},
    "positional": {
        "kind": _TEXT,
        "symbols": _TEXTS,            # digits 0..9
        "zero": _TEXT,                # written for a gap: 一百零五
        "units": _TEXTS,              # places in a group: 十 百 千
        "big_units": _TEXTS,          # one per group: 万 亿
        "omit_leading_one": _Opt(bool),
    },
    "arabic_ordinal": {
        "kind": _TEXT,
        "definite": _Opt(bool),
        "alone_suffix": _Opt(_TEXT),
        "words": {
            **{key: _TEXT for key in ("first", "ten", "teen", "joiner", "article", "after")},
            "units": _TEXTS,
            "tens": _TEXTS,
            "cardinal": {
                "units": _TEXTS,
                "ten": _TEXT,
                "teen_units": _TEXTS,
                "hundreds": _TEXTS,
                "scales": _ListOf(_TEXTS),
                "genitive": _Opt(_MapOf(_TEXT)),
                "construct": _Opt(_MapOf(_TEXT)),
            },
        },
    },
}

#: ``{fields}`` each template must use, exactly.
_TEMPLATE_FIELDS: dict[str, set[str]] = {
    "masthead.original": {"language"},
    "meeting_line": {"venue", "dates"},
    "numbering.chapter.format": {"n"},
    "numbering.subheading.format": {"n"},
    "numbering.paragraph": {"n"},
    "references.paragraph": {"n"},
    "references.paragraphs": {"a", "b"},
    "references.chapter": {"n"},
    "references.section": {"n"},
    **{f"dates.ranges.{kind}": {"start", "end"} for kind in RANGE_KINDS},
}


def _check(path: Path | str, data: Any, spec: Any, key: str) -> None:
    if isinstance(spec, dict):
        if not isinstance(data, dict):
            raise DataFileError(path, key or "(top level)", "expected a mapping")
        for name, sub in spec.items():
            full = f"{key}.{name}" if key else name
            if name not in data:
                if isinstance(sub, _Opt):
                    continue
                raise DataFileError(path, full, "required key is missing")
            _check(path, data[name], sub.spec if isinstance(sub, _Opt) else sub, full)
        unknown = sorted(set(map(str, data)) - set(spec))
        if unknown:
            raise DataFileError(path, key or "(top level)", f"unknown keys {unknown}")
    elif isinstance(spec, _ListOf):
        if not isinstance(data, list) or not data:
            raise DataFileError(path, key, "expected a non-empty list")
        for i, item in enumerate(data):
            _check(path, item, spec.spec, f"{key}[{i}]")
    elif isinstance(spec, _MapOf):
        if not isinstance(data, dict):
            raise DataFileError(path, key, "expected a mapping")
        for name, item in data.items():
            _check(path, item, spec.spec, f"{key}.{name}")
    elif isinstance(spec, tuple):
        if data not in spec:
            raise DataFileError(path, key, f"{data!r} is not one of {list(spec)}")
    elif spec is str:
        if not isinstance(data, str) or not data:
            raise DataFileError(path, key, "expected non-empty text")
    elif not isinstance(data, spec):
        raise DataFileError(path, key, f"expected a {spec.__name__}")


def _get(data: Mapping[str, Any], dotted: str) -> Any:
    for part in dotted.split("."):
        data = data[part]
    return data


# --- the Language object ------------------------------------------------------------------

@dataclass(frozen=True)
class _Label:
    """A numeral system plus the template around it, e.g. roman + ``"{n}."``."""

    system: NumeralSystem
    template: str

    def format(self, n: int) -> str:
        return self.template.format(n=self.system.format(n))

    def strip(self, text: str) -> str:
        """``text`` without this label's punctuation around the numeral (for parsing)."""
        prefix, _, suffix = self.template.partition("{n}")
        text = normalize_label(text)
        if suffix.strip() and text.endswith(suffix.strip()):
            text = text[: -len(suffix.strip())]
        if prefix.strip() and text.startswith(prefix.strip()):
            text = text[len(prefix.strip()):]
        return text.strip().rstrip(".-–").strip()


@dataclass(frozen=True)
class TypedMarkers:
    """Marker forms drafters of a language type besides the UN forms (data key
    ``typed_markers``): the reader takes them for the same marker, and the DOCX prints
    the UN form, as it does for every marker (INTERFACE §4.2)."""

    fullwidth: bool = False
    touching: bool = False
    chapter: tuple[str, ...] = ()
    paragraph: tuple[str, ...] = ()
    subitems: tuple[_Label, ...] = ()


@dataclass(frozen=True)
class Hyphenation:
    """Word's automatic hyphenation settings for a language that hyphenates, and the
    patterns LibreOffice needs to do it (data key ``hyphenation``)."""

    zone: int  # twips: how far from the right margin a word may end unhyphenated
    consecutive_limit: int  # hyphenated lines in a row, at most
    caps: bool  # whether words in capitals are hyphenated
    dictionary: str  # LibreOffice's (libhyphen's) pattern file: hyph_ru_RU.dic
    package: str  # the Debian/Ubuntu package that installs it


#: The characters a ``no_break`` rule puts in place of the space it matches.
NO_BREAK_SPACES = {"no-break": "\u00a0", "narrow": "\u202f"}


def _respace(match: re.Match[str], space: str) -> str:
    """The match with its one group (spaces only) replaced by ``space``."""
    if not match.group(1).isspace():
        return match.group(0)
    start, end = match.span(1)
    whole = match.group(0)
    return whole[:start - match.start()] + space + whole[end - match.start():]


def _no_break(path: Path | str, rules: list[Mapping[str, Any]]) -> tuple[tuple[re.Pattern[str], str], ...]:
    out = []
    for i, rule in enumerate(rules):
        try:
            pattern = re.compile(rule["pattern"])
        except re.error as exc:
            raise DataFileError(path, f"no_break[{i}].pattern", f"not a regular expression: {exc}") from exc
        if pattern.groups != 1:
            raise DataFileError(path, f"no_break[{i}].pattern", "must hold exactly one group: the space")
        out.append((pattern, NO_BREAK_SPACES[rule["space"]]))
    return tuple(out)


_ROMAN = BUILTIN_SYSTEMS["roman"]
_LATIN_UPPER = BUILTIN_SYSTEMS["latin_upper"]
_LATIN_LOWER = BUILTIN_SYSTEMS["latin_lower"]
_ROMAN_LOWER = BUILTIN_SYSTEMS["roman_lower"]


@dataclass(frozen=True, eq=False)
class Language:
    """One UN language: every wording, date and numbering rule the renderer needs."""

    code: str
    english_name: str
    direction: str
    word_lang: str
    script: str
    babel_locale: str
    job_letter: str
    united_nations: str
    language_line: str
    decimal_symbol: str
    group_symbol: str
    path: str
    _fonts: Mapping[str, str]
    _distribution: Mapping[str, str]
    _original: str
    _language_names: Mapping[str, str]
    _masthead_dates: DateStyle
    _dates: DateStyle
    _ranges: DateRanges
    _meeting_line: str
    _chapter: _Label
    _subheading: _Label
    _paragraph: str
    _subitems: tuple[_Label, ...]
    _refs: Mapping[str, str]
    _chapter_ref_system: NumeralSystem
    #: ``reportgen diff`` tracks changes by ``words`` (with the spaces and punctuation
    #: between them) or by single ``characters`` (scripts written without spaces)
    diff_tokens: str
    #: how term-base terms are found in text (data key ``terms``; :mod:`.stems`)
    terms: TermRules
    #: automatic hyphenation allowed in this version (data key ``hyphenate``)
    hyphenate: bool = False
    #: language of Latin-script text (figures, acronyms) inside this version, Word's
    #: ``w:lang w:val``; the version's own ``word_lang`` unless the data says otherwise
    latin_word_lang: str = ""
    #: the hyphenation dictionary (pyphen's name, e.g. ``ru_RU``) that tells a word broken
    #: at a line end from a hyphenated compound when importing PDF text; "" for none
    hyphenation_patterns: str = ""
    #: Word's hyphenation settings and LibreOffice's patterns (data key ``hyphenation``)
    hyphenation: Hyphenation | None = None
    #: body text size in half-points and the line grid's pitch in twips (data key
    #: ``layout``); 0 where the template's (10 pt, no grid) serve
    text_size: int = 0
    line_pitch: int = 0
    #: spaces the writer makes no-break (data key ``no_break``; :meth:`no_break_spaces`)
    no_break: tuple[tuple[re.Pattern[str], str], ...] = ()
    #: scripts whose characters are set upright inside emphasis (data key ``upright_scripts``)
    upright_scripts: frozenset[str] = frozenset()
    #: marker forms drafters type besides the UN ones (data key ``typed_markers``)
    typed: TypedMarkers = TypedMarkers()
    # blocks single stages read (reportgen.align.numbers, reportgen.importer.masthead)
    #: spelled-out numbers, month forms, Chinese numerals (data key ``number_words``)
    number_words: NumberWords = NumberWords()
    #: times of day (data key ``times``); None: no time is read
    times: Times | None = None
    #: words naming a decade, no number (data key ``decades``)
    decades: Decades | None = None
    #: what joins the two ends of a range: 2019–2021, 三至五年 (data key ``ranges``)
    range_connectors: tuple[str, ...] = ()
    #: names holding a number, references spelling one out (data key ``numbers_in_names``)
    numbers_in_names: NumbersInNames = NumbersInNames()
    #: what ``reportgen import`` recognises on a first page (data key ``import``)
    import_forms: ImportForms = ImportForms()
    # subitem_templates(), worked out once: every line a reader scans asks for it
    _templates: tuple[str, ...] = field(init=False, repr=False, default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "_templates", tuple(label.template for label in self._subitems))

    def __repr__(self) -> str:
        return f"Language({self.code!r})"

    @property
    def fonts(self) -> dict[str, str]:
        """Primary faces by Word ``w:rFonts`` slot: ascii, h_ansi, east_asia, cs."""
        return dict(self._fonts)

    # masthead ----------------------------------------------------------------------------
    def distribution(self, kind: str) -> str:
        """``Distr.: Limited`` etc., in the masthead block's language."""
        if kind not in self._distribution:
            raise ValueError(f"distribution must be one of {', '.join(DISTRIBUTIONS)}, not {kind!r}")
        return self._distribution[kind]

    def original_line(self, original: str) -> str:
        """``Original: English`` naming the language the text was drafted in."""
        if original not in self._language_names:
            raise UnknownLanguage(original)
        return self._original.format(language=self._language_names[original])

    @property
    def masthead_word_lang(self) -> str:
        """``w:lang`` of the distribution block: English for zh, ru and ar, whose
        masthead block is printed in English, else this version's language."""
        locale = self._masthead_dates.locale.replace("_", "-")
        same = locale.split("-")[0] == self.word_lang.split("-")[0]
        return self.word_lang if same else locale

    @property
    def month_names_from(self) -> tuple[str, ...]:
        """Locales whose month names running text uses too, besides ``babel_locale``
        (Arabic: ar_SY and ar_EG, so the UN pair أيلول/سبتمبر is one month)."""
        return self._dates.month_names_from

    def masthead_date(self, date: _dt.date) -> str:
        """Date of issue as the masthead prints it (in English for zh, ru and ar)."""
        return self._masthead_dates.format(date)

    # dates -------------------------------------------------------------------------------
    def format_date(self, date: _dt.date) -> str:
        """A date in running text or the meeting line, in this version's language."""
        return self._dates.format(date)

    def format_date_range(self, start: _dt.date, end: _dt.date) -> str:
        """First to last day of a meeting; a single day when ``start == end``."""
        return self._ranges.format(start, end)

    def meeting_line(self, venue: str | None, start: _dt.date, end: _dt.date | None = None) -> str:
        """Venue and dates in this language's order and punctuation; dates only without venue."""
        dates = self.format_date_range(start, end or start)
        if venue is None or not venue.strip():
            return dates
        return self._meeting_line.format(venue=venue.strip(), dates=dates)

    # numbering ---------------------------------------------------------------------------
    def chapter_number(self, n: int) -> str:
        return self._chapter.format(n)

    def chapter_numeral(self, n: int) -> str:
        """The numeral alone, without the template's punctuation (``III``, ``三``)."""
        return self._chapter.system.format(n)

    def parse_chapter_number(self, text: str) -> int | None:
        """Number of a chapter label written in Roman numerals or this language's own form."""
        bare = self._chapter.strip(text)
        return _ROMAN.parse(bare) or self._chapter.system.parse(bare)

    def subheading_number(self, n: int) -> str:
        return self._subheading.format(n)

    def subheading_numeral(self, n: int) -> str:
        """The letter alone, without the template's punctuation (``C``, ``جيم``)."""
        return self._subheading.system.format(n)

    def reference_template(self, kind: str) -> str:
        """The wording of a reference (``chapter {n}``, ``第{n}章``): also how authors
        sometimes type a heading's number (``Chapter VI.``)."""
        return self._refs[kind]

    def parse_reference_numeral(self, kind: str, text: str) -> int | None:
        """The number a reference's numeral stands for (``الرابع`` in ``الفصل الرابع``)."""
        system = self._chapter_ref_system if kind == "chapter" else self._subheading.system
        return system.parse(normalize_label(text))

    def parse_subheading_number(self, text: str) -> int | None:
        """Number of a sub-heading label: Latin capital letter(s) or this language's own form."""
        bare = self._subheading.strip(text)
        return _LATIN_UPPER.parse(bare) or self._subheading.system.parse(bare)

    def paragraph_number(self, n: int) -> str:
        return self._paragraph.format(n=BUILTIN_SYSTEMS["decimal"].format(n))

    def subitem_marker(self, n: int, level: int = 1) -> str:
        """``(a)`` / ``a)`` / ``(أ)`` for level 1, ``(i)`` … for level 2."""
        return self._subitem_label(level).format(n)

    def parse_subitem_marker(self, text: str, level: int = 1) -> int | None:
        """Number of a sub-item marker, with or without its brackets: Latin (``a``/``i``) or own."""
        label = self._subitem_label(level)
        bare = label.strip(text.strip().strip("()"))
        latin = _LATIN_LOWER if level == 1 else _ROMAN_LOWER
        found = latin.parse(bare) or label.system.parse(bare)
        if found is None and level == 1:
            for typed in self.typed.subitems:  # （一）: another system drafters type
                if (found := typed.system.parse(typed.strip(text.strip()))) is not None:
                    break
        return found

    def subitem_templates(self) -> tuple[str, ...]:
        """How each level of sub-item is printed (``({n})``, ``{n})``, Arabic ``’{n}‘``)."""
        return self._templates

    def _subitem_label(self, level: int) -> _Label:
        if not 1 <= level <= len(self._subitems):
            raise ValueError(f"sub-item level must be 1..{len(self._subitems)}, not {level}")
        return self._subitems[level - 1]

    def no_break_spaces(self, text: str) -> str:
        """``text`` with the spaces this language's typography keeps on one line
        (``2019 года``, ``mot ;``) made no-break; nothing else changes."""
        for pattern, space in self.no_break:
            text = pattern.sub(lambda m: _respace(m, space), text)
        return text

    # footer and references ---------------------------------------------------------------
    def footer_job(self, job: str) -> str:
        """Job number with the language letter, ``V.21-06543 (C)`` (same form in all six)."""
        return f"{job} ({self.job_letter})"

    def paragraph_ref(self, n: int) -> str:
        return self._refs["paragraph"].format(n=n)

    def paragraphs_ref(self, a: int, b: int) -> str:
        if a == b:
            return self.paragraph_ref(a)
        if b < a:
            raise ValueError(f"paragraph range ends before it starts: {a} > {b}")
        return self._refs["paragraphs"].format(a=a, b=b)

    def chapter_ref(self, n: int) -> str:
        return self._refs["chapter"].format(n=self._chapter_ref_system.format(n))

    def section_ref(self, n: int) -> str:
        """A sub-heading as referred to in text ("section A"), its letter in the
        sub-heading's own numeral system."""
        return self._refs["section"].format(n=self._subheading.system.format(n))


# --- building a Language from a file -----------------------------------------------------

# ruamel.yaml's C parser (ruamel.yaml.clib) where installed: five times faster than the
# pure-Python one on these files, with the same result (tests/l10n/test_data_files.py).
_yaml = YAML(typ="safe")


def load_yaml(text: str) -> Any:
    """Parse a language data file (the one YAML loader of ``l10n``)."""
    return _yaml.load(text)


def _date_style(path: Path | str, spec: Mapping[str, Any], key: str) -> DateStyle:
    try:
        days = {int(k): str(v) for k, v in spec.get("day_names", {}).items()}
        return DateStyle(
            locale=spec["locale"],
            pattern=spec["pattern"],
            day_names=MappingProxyType(days),
            month_names_from=tuple(str(x) for x in spec.get("month_names_from", ())),
            month_names_joiner=spec.get("month_names_joiner", "/"),
        )
    except Exception as exc:  # babel's UnknownLocaleError, ValueError from int()
        raise DataFileError(path, key, f"unusable date style: {exc}") from exc


#: Numbers every declared numeral system must write and read back at load time: the
#: places where counting rules change (teens, tens, hundreds, thousands, the "run out" of
#: a 28-letter list), so a data slip that makes two numbers look alike fails early.
_SYSTEM_SAMPLES = (1, 2, 9, 10, 11, 12, 19, 20, 21, 29, 30, 31, 99, 100, 101, 110, 111, 200,
                   999, 1000, 1001, 1100, 2002, 10000, 10010, 100000, 123456)


def _systems(path: Path | str, spec: Mapping[str, Any]) -> dict[str, NumeralSystem]:
    systems: dict[str, NumeralSystem] = dict(BUILTIN_SYSTEMS)
    for name, sys_spec in spec.items():
        key = f"numerals.{name}"
        if not isinstance(sys_spec, dict) or sys_spec.get("kind") not in NUMERAL_KINDS:
            raise DataFileError(path, f"{key}.kind", f"expected one of {sorted(NUMERAL_KINDS)}")
        _check(path, sys_spec, NUMERAL_SCHEMAS[sys_spec["kind"]], key)
        try:
            system = NUMERAL_KINDS[sys_spec["kind"]](sys_spec)
        except ValueError as exc:
            raise DataFileError(path, key, str(exc)) from exc
        for n in _SYSTEM_SAMPLES:
            written = system.format(n)
            if system.parse(written) != n:
                raise DataFileError(path, key, f"{n} is written {written!r}, which reads back "
                                               f"as {system.parse(written)!r}")
        systems[str(name)] = system
    return systems


def _check_numbers_in_names(path: Path | str, block: Any) -> None:
    """Each pattern compiles: a typo in the data fails when it is loaded, not mid-alignment."""
    for key in ("names", "references"):
        for i, pattern in enumerate((block or {}).get(key) or []):
            try:
                re.compile(pattern)
            except re.error as exc:
                raise DataFileError(path, f"numbers_in_names.{key}[{i}]",
                                    f"not a regular expression: {exc}") from exc


def _check_times(path: Path | str, times: Any) -> None:
    """Time words hold no digit (they are matched next to figures); a separator is one
    character that is neither a digit nor a space, or 18 15 would be a time."""
    if not isinstance(times, dict):
        return
    for i, sep in enumerate(times["separators"]):
        if len(sep) != 1 or sep.isdigit() or sep.isspace():
            raise DataFileError(path, f"times.separators[{i}]",
                                f"{sep!r} is not one non-digit, non-space character")
    for key in ("am", "pm", "hours", "minutes"):
        for i, word in enumerate(times.get(key) or []):
            if any(c.isdigit() for c in word):
                raise DataFileError(path, f"times.{key}[{i}]", f"{word!r} holds a digit")


def _check_number_words(path: Path | str, block: Any) -> None:
    """A table's keys are whole numbers (the value its forms stand for), a month's 1-12."""
    for key in ("cardinals", "ordinals", "compound_units", "scales", "month_variants"):
        for value in ((block or {}).get(key) or {}):
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise DataFileError(path, f"number_words.{key}", f"{value!r} is not a whole number")
            if key == "month_variants" and not 1 <= value <= 12:
                raise DataFileError(path, f"number_words.{key}", f"{value!r} is not a month (1-12)")


def _check_terms(path: Path | str, terms: Mapping[str, Any]) -> None:
    """Stems and skipped words only mean something when words are matched; a skipped
    word is one word (the stemmer itself is looked up by reportgen.l10n.stems, which
    imports snowballstemmer only when a term base is used)."""
    if terms["match"] != "words":
        for key in ("stemmer", "skip"):
            if key in terms:
                raise DataFileError(path, f"terms.{key}", f"only for match: words, not {terms['match']!r}")
    for i, word in enumerate(terms.get("skip") or []):
        if len(word.split()) != 1:
            raise DataFileError(path, f"terms.skip[{i}]", f"{word!r} is not one word")


def _label(path: Path | str, spec: Any, key: str, systems: Mapping[str, NumeralSystem]) -> _Label:
    _check(path, spec, _LABEL, key)
    if spec["system"] not in systems:
        raise DataFileError(path, f"{key}.system", f"unknown numeral system {spec['system']!r}")
    if template_fields(spec["format"]) != {"n"}:
        raise DataFileError(path, f"{key}.format", "template must use exactly {n}")
    return _Label(systems[spec["system"]], spec["format"])


def _typed_markers(path: Path | str, spec: Mapping[str, Any],
                   systems: Mapping[str, NumeralSystem]) -> TypedMarkers:
    for key in ("chapter", "paragraph"):
        for i, template in enumerate(spec.get(key, ())):
            if template_fields(template) != {"n"}:
                raise DataFileError(path, f"typed_markers.{key}[{i}]", "template must use exactly {n}")
    return TypedMarkers(
        fullwidth=bool(spec.get("fullwidth", False)),
        touching=bool(spec.get("touching", False)),
        chapter=tuple(spec.get("chapter", ())),
        paragraph=tuple(spec.get("paragraph", ())),
        subitems=tuple(_label(path, item, f"typed_markers.subitems[{i}]", systems)
                       for i, item in enumerate(spec.get("subitems", ()))),
    )


def _build(path: Path | str, data: Any) -> Language:
    _check(path, data, SCHEMA, "")
    for key, fields in _TEMPLATE_FIELDS.items():
        try:
            found = template_fields(_get(data, key))
        except ValueError as exc:
            raise DataFileError(path, key, f"bad template: {exc}") from exc
        if found != fields:
            want = ", ".join("{" + f + "}" for f in sorted(fields))
            raise DataFileError(path, key, f"template must use exactly {want}")
    _check_times(path, data.get("times"))
    _check_numbers_in_names(path, data.get("numbers_in_names"))
    _check_terms(path, data["terms"])
    _check_number_words(path, data.get("number_words"))
    systems = _systems(path, data.get("numerals", {}))
    numbering, refs = data["numbering"], data["references"]
    if not numbering["subitems"]:
        raise DataFileError(path, "numbering.subitems", "expected at least one level")
    if refs["chapter_system"] not in systems:
        raise DataFileError(path, "references.chapter_system", "unknown numeral system")
    dates = _date_style(path, data["dates"], "dates")
    masthead = data["masthead"]
    try:
        decimal = get_decimal_symbol(data["babel_locale"], numbering_system="default")
        group = get_group_symbol(data["babel_locale"], numbering_system="default")
    except Exception as exc:
        raise DataFileError(path, "babel_locale", f"unusable Babel locale: {exc}") from exc
    lang = Language(
        code=data["code"],
        english_name=data["english_name"],
        direction=data["direction"],
        word_lang=data["word_lang"],
        script=data["script"],
        babel_locale=data["babel_locale"],
        job_letter=data["job_letter"],
        united_nations=data["united_nations"],
        language_line=data["language_line"],
        decimal_symbol=decimal,
        group_symbol=group,
        path=str(path),
        _fonts=MappingProxyType(dict(data["fonts"])),
        _distribution=MappingProxyType(dict(masthead["distribution"])),
        _original=masthead["original"],
        _language_names=MappingProxyType(dict(masthead["language_names"])),
        _masthead_dates=_date_style(path, masthead["date"], "masthead.date"),
        _dates=dates,
        _ranges=DateRanges(dates, MappingProxyType(dict(data["dates"]["ranges"]))),
        _meeting_line=data["meeting_line"],
        _chapter=_label(path, numbering["chapter"], "numbering.chapter", systems),
        _subheading=_label(path, numbering["subheading"], "numbering.subheading", systems),
        _paragraph=numbering["paragraph"],
        _subitems=tuple(
            _label(path, spec, f"numbering.subitems[{i}]", systems)
            for i, spec in enumerate(numbering["subitems"])
        ),
        _refs=MappingProxyType(dict(refs)),
        _chapter_ref_system=systems[refs["chapter_system"]],
        diff_tokens=data["diff_tokens"],
        hyphenate=bool(data.get("hyphenate", False)),
        latin_word_lang=data.get("latin_word_lang", data["word_lang"]),
        hyphenation_patterns=data.get("hyphenation_patterns", ""),
        hyphenation=Hyphenation(**data["hyphenation"]) if "hyphenation" in data else None,
        no_break=_no_break(path, data.get("no_break", [])),
        text_size=data.get("layout", {}).get("size", 0),
        line_pitch=data.get("layout", {}).get("line_pitch", 0),
        upright_scripts=frozenset(data.get("upright_scripts", ())),
        typed=_typed_markers(path, data.get("typed_markers", {}), systems),
        terms=blocks.term_rules(data["terms"]),
        number_words=blocks.number_words(data.get("number_words")),
        times=blocks.times(data.get("times")),
        decades=blocks.decades(data.get("decades")),
        range_connectors=blocks.texts(data.get("ranges"), "connectors"),
        numbers_in_names=blocks.numbers_in_names(data.get("numbers_in_names")),
        import_forms=blocks.import_forms(data.get("import")),
    )
    _smoke_test(path, lang)
    return lang


def _smoke_test(path: Path | str, lang: Language) -> None:
    """Format one sample of everything, so a bad Babel pattern fails at load time."""
    day = _dt.date(2021, 9, 7)
    samples = [
        ("masthead.date", lambda: lang.masthead_date(day)),
        ("dates.pattern", lambda: lang.format_date(day)),
        ("dates.ranges.same_month", lambda: lang.format_date_range(day, _dt.date(2021, 9, 10))),
        ("dates.ranges.same_year", lambda: lang.format_date_range(day, _dt.date(2021, 10, 1))),
        ("dates.ranges.other", lambda: lang.format_date_range(day, _dt.date(2022, 1, 3))),
        ("numbering.chapter", lambda: lang.chapter_number(1)),
        ("numbering.subheading", lambda: lang.subheading_number(1)),
        ("numbering.subitems", lambda: [lang.subitem_marker(1, lv + 1) for lv in range(len(lang._subitems))]),
        ("references.chapter_system", lambda: lang.chapter_ref(1)),
        ("references.section", lambda: lang.section_ref(1)),
    ]
    for key, sample in samples:
        try:
            sample()
        except Exception as exc:
            raise DataFileError(path, key, f"cannot format a sample: {exc}") from exc


def load_language_file(path: Path | str) -> Language:
    """Read and validate one data file from an explicit path (tests, or a local override)."""
    return _build(Path(path), _read(Path(path)))


def _read(path: Path) -> Any:
    try:
        return load_yaml(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataFileError(path, "(file)", f"cannot read: {exc.strerror or exc}") from exc
    except YAMLError as exc:
        raise DataFileError(path, "(file)", f"not valid YAML: {exc}") from exc


def _raw(code: str) -> Mapping[str, Any]:
    """The parsed data file of ``code``, read once, by :func:`_language` (which is cached):
    stages see its blocks only as the :class:`Language`'s typed values (.blocks)."""
    data = _read(data_path(code))
    return data if isinstance(data, dict) else {}


def data_path(code: str) -> Path:
    """Path of the packaged data file for ``code``."""
    if code not in LANGUAGES:
        raise UnknownLanguage(code)
    return Path(str(resources.files(__package__).joinpath("data", f"{code}.yaml")))


@lru_cache(maxsize=None)
def _language(code: str) -> Language:
    path = data_path(code)
    lang = _build(path, _raw(code))
    if lang.code != code:
        raise DataFileError(path, "code", f"file for {code!r} says {lang.code!r}")
    return lang


def language(code: str) -> Language:
    """The :class:`Language` for an ISO 639-1 code (cached); :class:`UnknownLanguage` otherwise."""
    if not isinstance(code, str) or code not in LANGUAGES:
        raise UnknownLanguage(code)
    return _language(code)

