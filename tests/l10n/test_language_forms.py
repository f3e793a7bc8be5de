"""Exact strings for every language: the forms the renderer prints."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.l10n import LANGUAGES, language

D = dt.date


@pytest.mark.parametrize(
    ("code", "english_name", "direction", "word_lang", "script", "job_letter", "un"),
    [
        ("ar", "Arabic", "rtl", "ar-SA", "arabic", "A", "الأمم المتحدة"),
        ("en", "English", "ltr", "en-GB", "latin", "E", "United Nations"),
        ("es", "Spanish", "ltr", "es-ES", "latin", "S", "Naciones Unidas"),
        ("fr", "French", "ltr", "fr-FR", "latin", "F", "Nations Unies"),
        ("ru", "Russian", "ltr", "ru-RU", "cyrillic", "R", "Организация Объединенных Наций"),
        ("zh", "Chinese", "ltr", "zh-CN", "han", "C", "联合国"),
    ],
)
def test_identity(code, english_name, direction, word_lang, script, job_letter, un):
    lang = language(code)
    assert (lang.code, lang.english_name, lang.direction) == (code, english_name, direction)
    assert (lang.word_lang, lang.script, lang.job_letter) == (word_lang, script, job_letter)
    assert lang.united_nations == un
    assert lang.footer_job("V.21-06543") == f"V.21-06543 ({job_letter})"


def test_languages_tuple():
    assert LANGUAGES == ("ar", "en", "es", "fr", "ru", "zh")
    assert language("zh") is language("zh")


@pytest.mark.parametrize(
    ("code", "general", "limited", "restricted"),
    [
        ("ar", "Distr.: General", "Distr.: Limited", "Distr.: Restricted"),
        ("en", "Distr.: General", "Distr.: Limited", "Distr.: Restricted"),
        ("es", "Distr. general", "Distr. limitada", "Distr. reservada"),
        ("fr", "Distr. générale", "Distr. limitée", "Distr. restreinte"),
        ("ru", "Distr.: General", "Distr.: Limited", "Distr.: Restricted"),
        ("zh", "Distr.: General", "Distr.: Limited", "Distr.: Restricted"),
    ],
)
def test_distribution(code, general, limited, restricted):
    lang = language(code)
    assert lang.distribution("general") == general
    assert lang.distribution("limited") == limited
    assert lang.distribution("restricted") == restricted
    with pytest.raises(ValueError):
        lang.distribution("secret")


@pytest.mark.parametrize(
    ("code", "language_line", "original_en", "original_fr"),
    [
        ("ar", "Arabic", "Original: English", "Original: French"),
        ("en", "English", "Original: English", "Original: French"),
        ("es", "Español", "Original: inglés", "Original: francés"),
        ("fr", "Français", "Original\u00a0: anglais", "Original\u00a0: français"),
        ("ru", "Russian", "Original: English", "Original: French"),
        ("zh", "Chinese", "Original: English", "Original: French"),
    ],
)
def test_language_and_original_lines(code, language_line, original_en, original_fr):
    lang = language(code)
    assert lang.language_line == language_line
    assert lang.original_line("en") == original_en
    assert lang.original_line("fr") == original_fr
    for other in LANGUAGES:  # every original can be named
        assert lang.original_line(other)


def test_french_original_has_no_break_space_before_colon():
    line = language("fr").original_line("en")
    assert line == "Original : anglais".replace(" :", "\u00a0:")
    assert unicodedata.name(line[len("Original")]) == "NO-BREAK SPACE"


@pytest.mark.parametrize(
    ("code", "masthead"),
    [
        ("ar", "7 September 2021"),
        ("en", "7 September 2021"),
        ("es", "7 de septiembre de 2021"),
        ("fr", "7 septembre 2021"),
        ("ru", "7 September 2021"),
        ("zh", "7 September 2021"),
    ],
)
def test_masthead_date(code, masthead):
    assert language(code).masthead_date(D(2021, 9, 7)) == masthead


def test_french_masthead_first_of_month():
    assert language("fr").masthead_date(D(2021, 9, 1)) == "1er septembre 2021"


@pytest.mark.parametrize(
    ("code", "day7", "day1"),
    [
        ("ar", "7 أيلول/سبتمبر 2021", "1 أيلول/سبتمبر 2021"),
        ("en", "7 September 2021", "1 September 2021"),
        ("es", "7 de septiembre de 2021", "1 de septiembre de 2021"),
        ("fr", "7 septembre 2021", "1er septembre 2021"),
        ("ru", "7 сентября 2021 года", "1 сентября 2021 года"),
        ("zh", "2021年9月7日", "2021年9月1日"),
    ],
)
def test_format_date(code, day7, day1):
    lang = language(code)
    assert lang.format_date(D(2021, 9, 7)) == day7
    assert lang.format_date(D(2021, 9, 1)) == day1


@pytest.mark.parametrize(
    ("month", "paired"),
    [
        (1, "كانون الثاني/يناير"), (2, "شباط/فبراير"), (3, "آذار/مارس"), (4, "نيسان/أبريل"),
        (5, "أيار/مايو"), (6, "حزيران/يونيو"), (7, "تموز/يوليو"), (8, "آب/أغسطس"),
        (9, "أيلول/سبتمبر"), (10, "تشرين الأول/أكتوبر"), (11, "تشرين الثاني/نوفمبر"),
        (12, "كانون الأول/ديسمبر"),
    ],
)
def test_arabic_paired_month_names(month, paired):
    assert language("ar").format_date(D(2020, month, 16)) == f"16 {paired} 2020"


BIDI_CONTROLS = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@pytest.mark.parametrize("day", [D(2021, 9, 7), D(2020, 7, 16), D(1999, 12, 31), D(2030, 1, 1)])
def test_arabic_dates_ascii_digits_no_bidi_marks(day):
    ar = language("ar")
    texts = [
        ar.format_date(day),
        ar.masthead_date(day),
        ar.format_date_range(day - dt.timedelta(days=40), day),
        ar.meeting_line("فيينا", day, day + dt.timedelta(days=3)),
    ]
    for text in texts:
        assert not BIDI_CONTROLS & set(text), text
        digits = [ch for ch in text if unicodedata.category(ch) == "Nd"]
        assert digits and all(ch in "0123456789" for ch in digits), text


@pytest.mark.parametrize(
    ("code", "same_month", "cross_month", "cross_year"),
    [
        ("ar", "6-10 أيلول/سبتمبر 2021", "30 آب/أغسطس - 3 أيلول/سبتمبر 2021",
         "28 كانون الأول/ديسمبر 2021 - 3 كانون الثاني/يناير 2022"),
        ("en", "6–10 September 2021", "30 August–3 September 2021",
         "28 December 2021–3 January 2022"),
        ("es", "6 a 10 de septiembre de 2021", "30 de agosto a 3 de septiembre de 2021",
         "28 de diciembre de 2021 a 3 de enero de 2022"),
        ("fr", "6-10 septembre 2021", "30 août-3 septembre 2021",
         "28 décembre 2021-3 janvier 2022"),
        ("ru", "6–10 сентября 2021 года", "30 августа – 3 сентября 2021 года",
         "28 декабря 2021 года – 3 января 2022 года"),
        ("zh", "2021年9月6日至10日", "2021年8月30日至9月3日", "2021年12月28日至2022年1月3日"),
    ],
)
def test_date_ranges(code, same_month, cross_month, cross_year):
    lang = language(code)
    assert lang.format_date_range(D(2021, 9, 6), D(2021, 9, 10)) == same_month
    assert lang.format_date_range(D(2021, 8, 30), D(2021, 9, 3)) == cross_month
    assert lang.format_date_range(D(2021, 12, 28), D(2022, 1, 3)) == cross_year


@pytest.mark.parametrize("code", LANGUAGES)
def test_date_range_single_day_and_reversed(code):
    lang = language(code)
    day = D(2021, 9, 7)
    assert lang.format_date_range(day, day) == lang.format_date(day)
    with pytest.raises(ValueError):
        lang.format_date_range(D(2021, 9, 10), D(2021, 9, 6))


def test_french_range_starting_on_the_first():
    assert language("fr").format_date_range(D(2021, 10, 1), D(2021, 10, 5)) == "1er-5 octobre 2021"


@pytest.mark.parametrize(
    ("code", "venue", "line"),
    [
        ("ar", "فيينا", "فيينا، 6-10 أيلول/سبتمبر 2021"),
        ("en", "Vienna", "Vienna, 6–10 September 2021"),
        ("es", "Viena", "Viena, 6 a 10 de septiembre de 2021"),
        ("fr", "Vienne", "Vienne, 6-10 septembre 2021"),
        ("ru", "Вена", "Вена, 6–10 сентября 2021 года"),
        ("zh", "维也纳", "2021年9月6日至10日，维也纳"),
    ],
)
def test_meeting_line(code, venue, line):
    lang = language(code)
    assert lang.meeting_line(venue, D(2021, 9, 6), D(2021, 9, 10)) == line
    assert lang.meeting_line(None, D(2021, 9, 6), D(2021, 9, 10)) == lang.format_date_range(
        D(2021, 9, 6), D(2021, 9, 10)
    )


def test_chinese_meeting_line_matches_seed():
    assert language("zh").meeting_line("维也纳", D(2021, 9, 6), D(2021, 9, 10)) == (
        "2021年9月6日至10日\uff0c维也纳"
    )


@pytest.mark.parametrize(
    ("code", "ch3", "ch11", "ch20", "sub2", "para12"),
    [
        ("ar", "ثالثا -", "حادي عشر -", "عشرون -", "باء -", "12 -"),
        ("en", "III.", "XI.", "XX.", "B.", "12."),
        ("es", "III.", "XI.", "XX.", "B.", "12."),
        ("fr", "III.", "XI.", "XX.", "B.", "12."),
        ("ru", "III.", "XI.", "XX.", "B.", "12."),
        ("zh", "三.", "十一.", "二十.", "B.", "12."),
    ],
)
def test_heading_and_paragraph_numbers(code, ch3, ch11, ch20, sub2, para12):
    lang = language(code)
    assert lang.chapter_number(3) == ch3
    assert lang.chapter_number(11) == ch11
    assert lang.chapter_number(20) == ch20
    assert lang.subheading_number(2) == sub2
    assert lang.paragraph_number(12) == para12


@pytest.mark.parametrize(
    ("code", "a", "b", "aa", "i", "iv"),
    [
        ("ar", "(أ)", "(ب)", "(أأ)", "’1‘", "’4‘"),
        ("en", "(a)", "(b)", "(aa)", "(i)", "(iv)"),
        ("es", "a)", "b)", "aa)", "i)", "iv)"),
        ("fr", "a)", "b)", "aa)", "i)", "iv)"),
        ("ru", "a)", "b)", "aa)", "i)", "iv)"),
        ("zh", "(a)", "(b)", "(aa)", "(i)", "(iv)"),
    ],
)
def test_subitem_markers(code, a, b, aa, i, iv):
    lang = language(code)
    letters = 28 if code == "ar" else 26
    assert lang.subitem_marker(1) == a
    assert lang.subitem_marker(2) == b
    assert lang.subitem_marker(letters + 1) == aa
    assert lang.subitem_marker(1, level=2) == i
    assert lang.subitem_marker(4, level=2) == iv
    for n in (1, 2, 5, letters, letters + 1, 2 * letters + 3):
        assert lang.parse_subitem_marker(lang.subitem_marker(n)) == n
        assert lang.parse_subitem_marker(lang.subitem_marker(n, 2), level=2) == n
    assert lang.parse_subitem_marker("(c)") == 3
    with pytest.raises(ValueError):
        lang.subitem_marker(1, level=3)


def test_arabic_subitem_letters_in_abjad_order():
    ar = language("ar")
    assert [ar.subitem_marker(n) for n in range(1, 11)] == [
        "(أ)", "(ب)", "(ج)", "(د)", "(هـ)", "(و)", "(ز)", "(ح)", "(ط)", "(ي)"
    ]


@pytest.mark.parametrize(
    ("code", "para", "paras", "chapter"),
    [
        ("ar", "الفقرة 3", "الفقرات 3-5", "الفصل الثالث"),
        ("en", "paragraph 3", "paragraphs 3–5", "chapter III"),
        ("es", "párrafo 3", "párrafos 3 a 5", "capítulo III"),
        ("fr", "paragraphe 3", "paragraphes 3 à 5", "chapitre III"),
        ("ru", "пункт 3", "пункты 3–5", "глава III"),
        ("zh", "第3段", "第3至5段", "第三章"),
    ],
)
def test_references(code, para, paras, chapter):
    lang = language(code)
    assert lang.paragraph_ref(3) == para
    assert lang.paragraphs_ref(3, 5) == paras
    assert lang.paragraphs_ref(3, 3) == para
    assert lang.chapter_ref(3) == chapter


@pytest.mark.parametrize(
    ("code", "decimal", "group", "locale"),
    [
        ("ar", ".", ",", "ar"),
        ("en", ".", ",", "en_GB"),
        ("es", ",", ".", "es_ES"),
        ("fr", ",", "\u202f", "fr_FR"),
        ("ru", ",", "\u00a0", "ru_RU"),
        ("zh", ".", ",", "zh_Hans_CN"),
    ],
)
def test_number_symbols(code, decimal, group, locale):
    lang = language(code)
    assert (lang.decimal_symbol, lang.group_symbol, lang.babel_locale) == (decimal, group, locale)


@pytest.mark.parametrize(
    ("code", "ascii_font", "east_asia", "cs"),
    [
        ("ar", "Times New Roman", "Times New Roman", "Simplified Arabic"),
        ("en", "Times New Roman", "Times New Roman", "Times New Roman"),
        ("zh", "Times New Roman", "SimSun", "Times New Roman"),
    ],
)
def test_fonts(code, ascii_font, east_asia, cs):
    fonts = language(code).fonts
    assert (fonts["ascii"], fonts["east_asia"], fonts["cs"]) == (ascii_font, east_asia, cs)
    fonts["ascii"] = "changed"  # a copy: the cached Language is not affected
    assert language(code).fonts["ascii"] == ascii_font


@given(
    code=st.sampled_from(LANGUAGES),
    start=st.dates(min_value=D(1946, 1, 1), max_value=D(2099, 12, 31)),
    days=st.integers(min_value=0, max_value=400),
)
def test_any_range_formats_with_ascii_digits(code, start, days):
    lang = language(code)
    end = start + dt.timedelta(days=days)
    text = lang.meeting_line("X", start, end)
    assert str(end.year) in text
    assert all(ch in "0123456789" for ch in text if unicodedata.category(ch) == "Nd")
    assert not BIDI_CONTROLS & set(text)
