"""Numbering never runs out: every system of every language writes and reads any n >= 1.

Expected strings are written out by hand from the counting rules (Arabic ordinals,
Chinese numerals, Roman numerals), not computed with the code under test.
"""

from __future__ import annotations


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from reportgen.l10n import LANGUAGES, DataFileError, data_path, language, load_language_file
from reportgen.l10n.loader import NUMERAL_SCHEMAS
from reportgen.l10n.numerals import (
    BUILTIN_SYSTEMS,
    NUMERAL_KINDS,
    AlphabetSystem,
    NumeralSystem,
    RomanSystem,
    normalize_label,
    parse_roman,
    to_roman,
)
from tests.support.sources import edited_data_file

SPOT_VALUES = (1999, 2000, 2021, 3999, 4000, 4001, 9999, 10000, 10001, 12345, 100000, 1000000)

# The forms of 1..30 as the finite word lists had them before the rule replaced them.
AR_LABELS_1_TO_30 = [
    "أولا", "ثانيا", "ثالثا", "رابعا", "خامسا", "سادسا", "سابعا", "ثامنا", "تاسعا", "عاشرا",
    "حادي عشر", "ثاني عشر", "ثالث عشر", "رابع عشر", "خامس عشر",
    "سادس عشر", "سابع عشر", "ثامن عشر", "تاسع عشر", "عشرون",
    "حادي وعشرون", "ثاني وعشرون", "ثالث وعشرون", "رابع وعشرون", "خامس وعشرون",
    "سادس وعشرون", "سابع وعشرون", "ثامن وعشرون", "تاسع وعشرون", "ثلاثون",
]
AR_ADJECTIVES_1_TO_30 = [
    "الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع",
    "العاشر", "الحادي عشر", "الثاني عشر", "الثالث عشر", "الرابع عشر", "الخامس عشر",
    "السادس عشر", "السابع عشر", "الثامن عشر", "التاسع عشر", "العشرون",
    "الحادي والعشرون", "الثاني والعشرون", "الثالث والعشرون", "الرابع والعشرون",
    "الخامس والعشرون", "السادس والعشرون", "السابع والعشرون", "الثامن والعشرون",
    "التاسع والعشرون", "الثلاثون",
]

# n: (chapter label, ordinal adjective as in "الفصل ...")
AR_BEYOND_30 = {
    31: ("حادي وثلاثون", "الحادي والثلاثون"),
    40: ("أربعون", "الأربعون"),
    45: ("خامس وأربعون", "الخامس والأربعون"),
    99: ("تاسع وتسعون", "التاسع والتسعون"),
    100: ("مائة", "المائة"),
    101: ("حادي بعد المائة", "الحادي بعد المائة"),
    102: ("ثاني بعد المائة", "الثاني بعد المائة"),
    107: ("سابع بعد المائة", "السابع بعد المائة"),
    110: ("عاشر بعد المائة", "العاشر بعد المائة"),
    111: ("حادي عشر بعد المائة", "الحادي عشر بعد المائة"),
    112: ("ثاني عشر بعد المائة", "الثاني عشر بعد المائة"),
    120: ("عشرون بعد المائة", "العشرون بعد المائة"),
    148: ("ثامن وأربعون بعد المائة", "الثامن والأربعون بعد المائة"),
    200: ("مائتان", "المائتان"),
    220: ("عشرون بعد المائتين", "العشرون بعد المائتين"),
    300: ("ثلاثمائة", "الثلاثمائة"),
    999: ("تاسع وتسعون بعد التسعمائة", "التاسع والتسعون بعد التسعمائة"),
    1000: ("ألف", "الألف"),
    1001: ("حادي بعد الألف", "الحادي بعد الألف"),
    1100: ("ألف ومائة", "الألف والمائة"),
    1212: ("ثاني عشر بعد الألف والمائتين", "الثاني عشر بعد الألف والمائتين"),
    2000: ("ألفان", "الألفان"),
    2002: ("ثاني بعد الألفين", "الثاني بعد الألفين"),
    3000: ("ثلاثة آلاف", "الثلاثة آلاف"),
    10000: ("عشرة آلاف", "العشرة آلاف"),
    10001: ("حادي بعد العشرة آلاف", "الحادي بعد العشرة آلاف"),
    11000: ("أحد عشر ألفا", "الأحد عشر ألفا"),
    12000: ("اثنا عشر ألفا", "الاثنا عشر ألفا"),
    12005: ("خامس بعد الاثني عشر ألفا", "الخامس بعد الاثني عشر ألفا"),
    21000: ("واحد وعشرون ألفا", "الواحد والعشرون ألفا"),
    100000: ("مائة ألف", "المائة ألف"),
    101000: ("مائة ألف وألف", "المائة ألف والألف"),
    103000: ("مائة وثلاثة آلاف", "المائة والثلاثة آلاف"),
    200000: ("مائتا ألف", "المائتا ألف"),
    200001: ("حادي بعد المائتي ألف", "الحادي بعد المائتي ألف"),
    1000000: ("مليون", "المليون"),
    3000000: ("ثلاثة ملايين", "الثلاثة ملايين"),
}

ZH = {
    1: "一", 10: "十", 11: "十一", 20: "二十", 23: "二十三", 99: "九十九",
    100: "一百", 101: "一百零一", 105: "一百零五", 110: "一百一十", 111: "一百一十一",
    120: "一百二十", 200: "二百", 999: "九百九十九", 1000: "一千", 1001: "一千零一",
    1010: "一千零一十", 1100: "一千一百", 1234: "一千二百三十四", 2021: "二千零二十一",
    9999: "九千九百九十九", 10000: "一万", 10001: "一万零一", 10010: "一万零一十",
    10100: "一万零一百", 11000: "一万一千", 12345: "一万二千三百四十五", 100000: "十万",
    110000: "十一万", 1000000: "一百万", 10000000: "一千万", 100000000: "一亿",
    100010000: "一亿零一万", 101000000: "一亿零一百万", 110000000: "一亿一千万",
    1000000000: "十亿", 10**12: "一万亿", 10**12 + 1: "一万亿零一",
}

ROMAN = {3999: "MMMCMXCIX", 4000: "MMMM", 4001: "MMMMI", 4999: "MMMMCMXCIX",
         5000: "MMMMM", 10000: "M" * 10, 12345: "M" * 12 + "CCCXLV"}

AR_LETTER_NAMES = {1: "ألف", 2: "باء", 28: "غين", 29: "ألف ألف", 30: "باء باء",
                   56: "غين غين", 57: "ألف ألف ألف"}


def _declared_systems() -> list[tuple[str, NumeralSystem]]:
    """Every system any data file declares, plus the built-ins, by name."""
    found = [(f"builtin:{name}", system) for name, system in BUILTIN_SYSTEMS.items()]
    for code in LANGUAGES:
        data = YAML(typ="safe", pure=True).load(data_path(code).read_text(encoding="utf-8"))
        for name, spec in (data.get("numerals") or {}).items():
            found.append((f"{code}:{name}", NUMERAL_KINDS[spec["kind"]](spec)))
    return found


SYSTEMS = _declared_systems()
SYSTEM_IDS = [name for name, _ in SYSTEMS]


def _levels(code: str) -> list[int]:
    lang, levels = language(code), []
    while True:
        try:
            lang.subitem_marker(1, len(levels) + 1)
        except ValueError:
            return levels
        levels.append(len(levels) + 1)


# --- exact forms --------------------------------------------------------------------------

@pytest.mark.parametrize("n", range(1, 31))
def test_arabic_forms_up_to_30_are_unchanged(n):
    ar = language("ar")
    assert ar.chapter_number(n) == AR_LABELS_1_TO_30[n - 1] + " -"
    assert ar.chapter_ref(n) == "الفصل " + AR_ADJECTIVES_1_TO_30[n - 1]
    assert ar.parse_chapter_number(AR_LABELS_1_TO_30[n - 1]) == n


@pytest.mark.parametrize(("n", "label", "adjective"),
                         [(n, *forms) for n, forms in AR_BEYOND_30.items()])
def test_arabic_ordinals_by_rule(n, label, adjective):
    ar = language("ar")
    assert ar.chapter_number(n) == f"{label} -"
    assert ar.chapter_ref(n) == f"الفصل {adjective}"
    assert ar.parse_chapter_number(f"{label} -") == n
    assert ar.parse_chapter_number(label) == n


def test_arabic_label_tolerates_tanwin_past_30():
    assert language("ar").parse_chapter_number("حادي وثلاثون -") == 31
    assert language("ar").parse_chapter_number("ثالثاً -") == 3


@pytest.mark.parametrize("text", ["الثالث", "ثالث", "أولا عشر", "مائة مائة", "حادي بعد",
                                  "بعد المائة", "حادي عشر بعد مائة", "ثلاثون وحادي", "واحد"])
def test_arabic_non_canonical_labels_rejected(text):
    assert language("ar").parse_chapter_number(text) is None


@pytest.mark.parametrize(("n", "han"), ZH.items())
def test_chinese_numerals_by_rule(n, han):
    zh = language("zh")
    assert zh.chapter_number(n) == f"{han}."
    assert zh.chapter_ref(n) == f"第{han}章"
    assert zh.parse_chapter_number(han) == n


@pytest.mark.parametrize("text", ["一十", "一十一", "一百十", "一百零零五", "零一", "百", "一万零",
                                  "二十〇", "一百五", "十十"])
def test_chinese_non_canonical_numerals_rejected(text):
    assert language("zh").parse_chapter_number(text) is None


def test_chinese_1_to_99_as_before():
    """The old rule: [tens digit]十[units digit], 一 dropped before a leading 十."""
    digits = "〇一二三四五六七八九"
    for n in range(1, 100):
        tens, units = divmod(n, 10)
        old = digits[n] if n < 10 else (
            ("" if tens == 1 else digits[tens]) + "十" + (digits[units] if units else ""))
        assert language("zh").chapter_number(n) == old + "."


@pytest.mark.parametrize(("n", "roman"), ROMAN.items())
def test_roman_past_3999_repeats_m(n, roman):
    assert to_roman(n) == roman
    assert parse_roman(roman) == n
    assert language("en").chapter_number(n) == roman + "."
    assert language("fr").chapter_ref(n) == f"chapitre {roman}"
    assert language("en").parse_chapter_number(roman + ".") == n


@pytest.mark.parametrize("text", ["MMMMIIII", "MMMMIC", "MMMMDD", "MMMMVV"])
def test_roman_past_3999_still_strict(text):
    assert parse_roman(text) is None


@pytest.mark.parametrize(("n", "name"), AR_LETTER_NAMES.items())
def test_arabic_letter_names_repeat(n, name):
    ar = language("ar")
    assert ar.subheading_number(n) == f"{name} -"
    assert ar.section_ref(n) == f"الفرع {name}"
    assert ar.parse_subheading_number(f"{name} -") == n


def test_arabic_subitem_letters_repeat():
    ar = language("ar")
    assert ar.subitem_marker(29) == "(أأ)"
    assert ar.subitem_marker(33) == "(هـهـ)"
    assert ar.subitem_marker(57) == "(أأأ)"
    assert ar.parse_subitem_marker("(هـهـ)") == 33


# --- any count, every language ------------------------------------------------------------

@pytest.mark.parametrize("code", LANGUAGES)
def test_every_label_and_reference_up_to_1000_and_beyond(code):
    lang = language(code)
    levels = _levels(code)
    assert levels, "at least one sub-item level"
    for n in [*range(1, 1001), *SPOT_VALUES]:
        assert lang.parse_chapter_number(lang.chapter_number(n)) == n
        assert lang.parse_subheading_number(lang.subheading_number(n)) == n
        for level in levels:
            assert lang.parse_subitem_marker(lang.subitem_marker(n, level), level) == n
        assert lang.chapter_ref(n) and lang.section_ref(n)


@pytest.mark.parametrize(("name", "system"), SYSTEMS, ids=SYSTEM_IDS)
def test_every_system_is_one_to_one_up_to_2000(name, system):
    written = [system.format(n) for n in range(1, 2001)]
    assert len(set(written)) == len(written)
    assert all(system.parse(text) == n for n, text in enumerate(written, 1))


@pytest.mark.parametrize(("name", "system"), SYSTEMS, ids=SYSTEM_IDS)
@settings(max_examples=150, deadline=None)
@given(n=st.integers(min_value=1, max_value=10**40))
def test_every_system_round_trips(name, system, n):
    if isinstance(system, (RomanSystem, AlphabetSystem)):
        n = n % 100_000 + 1  # these grow linearly with n: keep the strings short
    assert system.parse(system.format(n)) == n


@pytest.mark.parametrize(("name", "system"), SYSTEMS, ids=SYSTEM_IDS)
@given(text=st.text(min_size=1, max_size=12))
def test_parse_accepts_only_own_output(name, system, text):
    n = system.parse(text)
    assert n is None or (n >= 1 and normalize_label(system.format(n)) == normalize_label(text))


# --- the loader checks the rule data -----------------------------------------------------

def test_every_numeral_kind_has_a_schema():
    assert set(NUMERAL_SCHEMAS) == set(NUMERAL_KINDS)


@pytest.mark.parametrize(
    ("code", "pattern", "replacement", "key"),
    [
        ("zh", r"^    big_units:.*\n", "", "numerals.han.big_units"),
        ("zh", r"^    zero: 零", "    zero: 零\n    ten: 十", "numerals.han"),
        ("zh", r"^    units: \[十, 百, 千\]", "    units: []", "numerals.han.units"),
        ("zh", r"^    kind: positional", "    kind: words", "numerals.han.kind"),
        ("ar", r"^      tens: \[عشرون, ", "      tens: [", "numerals.ordinals"),
        ("ar", r"^      after: بعد", "      after: [بعد]", "numerals.ordinals.words.after"),
        ("ar", r"^    separator: \" \"", '    separator: ""', "numerals.letter_names.separator"),
        # a slip that makes two numbers look alike: 2 would be written like 1
        ("ar", r"^      first: أول", "      first: ثاني", "numerals.ordinals"),
        ("zh", r"^    zero: 零", "    zero: 一", "numerals.han"),
    ],
)
def test_bad_numeral_data_rejected(tmp_path, code, pattern, replacement, key):
    with pytest.raises(DataFileError) as info:
        load_language_file(edited_data_file(tmp_path, code, pattern, replacement))
    assert info.value.key == key, str(info.value)


def test_an_alphabet_reads_letters_sharing_a_first_character_in_its_order() -> None:
    """Letters are tried in the alphabet's order among those the text starts with: with
    "a" before "aa", "aa" is "a" twice (4), not the second letter; "ab" is the third."""
    system = AlphabetSystem(("a", "aa", "ab"))
    assert [system.parse(t) for t in ("a", "aa", "ab", "aaa", "abab", "b", "", " ab ")] == [1, 4, 3, 7, 6, None, None, 3]
    names = AlphabetSystem(("ألف", "أ", "باء"), " ")
    assert [names.parse(t) for t in ("ألف", "أ", "أ أ", "ألف ألف", "باء باء باء", "ألفأ")] == [1, 2, 5, 4, 9, None]
