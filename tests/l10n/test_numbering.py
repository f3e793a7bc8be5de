"""Numeral systems: Roman numerals, Chinese numerals and Arabic ordinals by rule."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.l10n import LANGUAGES, language, parse_roman, to_roman

CHINESE_1_TO_12 = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
ARABIC_1_TO_12 = [
    "أولا", "ثانيا", "ثالثا", "رابعا", "خامسا", "سادسا", "سابعا", "ثامنا", "تاسعا", "عاشرا",
    "حادي عشر", "ثاني عشر",
]


@pytest.mark.parametrize(("text", "value"), [("I", 1), ("IV", 4), ("IX", 9), ("XIV", 14),
                                              ("XL", 40), ("XCIX", 99), ("MMXXI", 2021)])
def test_parse_roman(text, value):
    assert parse_roman(text) == value


@pytest.mark.parametrize("text", ["IIII", "IC", "VV", "IL", "", "iii", "XIVX", "ABC", "3"])
def test_parse_roman_rejects_non_canonical(text):
    assert parse_roman(text) is None


@given(st.integers(min_value=1, max_value=3999))
def test_roman_round_trip(n):
    assert parse_roman(to_roman(n)) == n


@pytest.mark.parametrize("code", LANGUAGES)
def test_roman_chapter_numbers_parse_in_every_language(code):
    lang = language(code)
    assert lang.parse_chapter_number("XIV") == 14
    assert lang.parse_chapter_number("III") == 3
    assert lang.parse_chapter_number("III.") == 3
    for bad in ("IIII", "IC", "", "foo", "3"):
        assert lang.parse_chapter_number(bad) is None
    assert lang.parse_subheading_number("A") == 1
    assert lang.parse_subheading_number("C") == 3
    assert lang.parse_subheading_number("1") is None


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("n", range(1, 31))
def test_chapter_and_subheading_round_trip(code, n):
    lang = language(code)
    assert lang.parse_chapter_number(lang.chapter_number(n)) == n
    assert lang.parse_subheading_number(lang.subheading_number(n)) == n


@pytest.mark.parametrize("n", range(1, 13))
def test_chinese_chapter_numbers(n):
    zh = language("zh")
    assert zh.chapter_number(n) == CHINESE_1_TO_12[n - 1] + "."
    assert zh.parse_chapter_number(CHINESE_1_TO_12[n - 1]) == n


@pytest.mark.parametrize("n", range(1, 13))
def test_arabic_chapter_numbers(n):
    ar = language("ar")
    assert ar.chapter_number(n) == ARABIC_1_TO_12[n - 1] + " -"
    assert ar.parse_chapter_number(ARABIC_1_TO_12[n - 1]) == n


@pytest.mark.parametrize(("n", "han"), [(13, "十三"), (20, "二十"), (21, "二十一"),
                                        (30, "三十"), (45, "四十五"), (99, "九十九")])
def test_chinese_numerals_by_rule(n, han):
    assert language("zh").chapter_number(n) == han + "."
    assert language("zh").chapter_ref(n) == f"第{han}章"


def test_arabic_own_forms_tolerate_tanwin():
    ar = language("ar")
    assert ar.parse_chapter_number("ثالثاً") == 3
    assert ar.parse_subheading_number("باء") == 2
    assert ar.parse_subheading_number("B") == 2
    assert ar.parse_chapter_number("باء") is None


def test_numbers_past_the_old_word_lists_are_written():
    """Arabic once stopped at 30 (ثلاثون) and Chinese at 99; both go on by rule now."""
    assert language("ar").chapter_number(31) == "حادي وثلاثون -"
    assert language("ar").chapter_ref(31) == "الفصل الحادي والثلاثون"
    assert language("zh").chapter_number(100) == "一百."


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("bad", [0, -1])
def test_non_positive_numbers_rejected(code, bad):
    lang = language(code)
    for fn in (lang.chapter_number, lang.subheading_number, lang.paragraph_number,
               lang.subitem_marker):
        with pytest.raises(ValueError):
            fn(bad)


def test_latin_letters_double_past_z():
    en = language("en")
    assert en.subheading_number(26) == "Z."
    assert en.subheading_number(27) == "AA."
    assert en.subheading_number(28) == "BB."
    assert en.subheading_number(53) == "AAA."
    assert en.parse_subheading_number("BB") == 28
    assert en.parse_subheading_number("AB") is None
