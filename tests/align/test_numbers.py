"""reportgen.align.numbers: numbers by value in six languages' notations."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.align.numbers import Number, comparable, extract_numbers, number_words
from reportgen.l10n import LANGUAGES, language

EXAMPLE = Path(__file__).resolve().parents[2] / "sources" / "cosp-eg1-2021-add1"


def read(text: str, lang: str) -> list[tuple[str, str]]:
    return [(format(n.value.normalize(), "f"), n.kind) for n in extract_numbers(text, lang)]


D, W, M = "digits", "word", "month"

CASES = [
    # notation: groups, decimals, lists, sentence ends, years
    ("en", "It cost 12,345.5 dollars in 2021.", [("12345.5", D), ("2021", D)]),
    ("en", "Items 1, 2 and 3; total 1,234.", [("1", D), ("2", D), ("3", D), ("1234", D)]),
    ("en", "In 2021, 133 States", [("2021", D), ("133", D)]),
    ("fr", "soit 12 345,5 euros", [("12345.5", D)]),
    ("fr", "soit 12\u00a0345,5 ou 12\u202f345,5", [("12345.5", D), ("12345.5", D)]),
    ("fr", "un taux de 1,5 en 2021.", [("1.5", D), ("2021", D)]),
    ("es", "un total de 12.345,5 en 2021.", [("12345.5", D), ("2021", D)]),
    ("ru", "всего 12 345,5 в 2021 году", [("12345.5", D), ("2021", D)]),
    ("zh", "共计12,345.5美元", [("12345.5", D)]),
    ("ar", "بلغ 12,345.5 دولارا في عام 2021.", [("12345.5", D), ("2021", D)]),
    ("ar", "بلغ ١٢٬٣٤٥٫٥ دولارا", [("12345.5", D)]),
    ("zh", "共计１２３４５人", [("12345", D)]),
    ("en", "a fall of -5 points", [("-5", D)]),
    ("en", "1.5 million people", [("1500000", D)]),
    ("zh", "150万人", [("1500000", D)]),
    # percentages
    ("en", "25%, 25 % and 25 per cent", [("25", D), ("25", D), ("25", D)]),
    ("fr", "25 pour cent", [("25", D)]),
    ("es", "25 por ciento", [("25", D)]),
    ("ru", "25 процентов", [("25", D)]),
    ("zh", "百分之二十五和百分之五", [("25", W), ("5", W)]),
    # ranges and dates
    ("en", "6–10 September 2021", [("6", D), ("10", D), ("9", M), ("2021", D)]),
    ("en", "6-10 Sept. 2021; COVID-19", [("6", D), ("10", D), ("9", M), ("2021", D), ("19", D)]),
    ("zh", "2021年9月6日至10日", [("2021", D), ("9", M), ("6", D), ("10", D)]),
    ("zh", "二〇二一年九月和十二月", [("2021", W), ("9", M), ("12", M)]),
    ("fr", "du 6 au 10 septembre et en Octobre", [("6", D), ("10", D), ("9", M), ("10", M)]),
    ("es", "del 6 al 10 de septiembre", [("6", D), ("10", D), ("9", M)]),
    ("ru", "6–10 сентября; в сентябре; сентябрь; в июле", [("6", D), ("10", D), ("9", M), ("9", M),
                                                        ("9", M), ("7", M)]),
    ("ar", "6-10 أيلول/سبتمبر 2021 وفي حزيران/يونيه", [("6", D), ("10", D), ("9", M),
                                                     ("2021", D), ("6", M)]),
    ("ar", "في أيلول وفي سبتمبر", [("9", M), ("9", M)]),
    ("en", "Member States may wish to decide", []),
    # resolution numbers and symbols
    ("en", "resolution 10/6 and document CAC/COSP/EG.1/2021/2", [("10", D), ("6", D)]),
    # words and ordinals
    ("en", "at its eleventh session, twelve speakers and twenty-one States",
     [("11", W), ("12", W), ("21", W)]),
    ("en", "one hundred and five; they help one another", [("105", W)]),
    ("fr", "à sa onzième session, quatre points, vingt et un États", [("11", W), ("4", W), ("21", W)]),
    ("fr", "un représentant a présenté une note", []),
    ("es", "su undécimo período; la duodécima reunión; treinta y dos", [("11", W), ("12", W), ("32", W)]),
    ("ru", "одиннадцатый, одиннадцатого, двенадцатой сессии, двадцать первой", [
        ("11", W), ("11", W), ("12", W), ("21", W)]),
    ("ar", "في دورته الحادية عشرة، واجتماعه الثاني عشر، وأربع مسائل", [("11", W), ("12", W), ("4", W)]),
    # Chinese numerals
    ("zh", "第三十六条、第十二次、第一份、四个问题、两个工作组", [
        ("36", W), ("12", W), ("1", W), ("4", W), ("2", W)]),
    ("zh", "一些发言者和一位发言者、一个网站、万一", []),
    ("zh", "第 11 次会议", [("11", D)]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_examples(lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert read(text, lang) == expected


def test_number_fields() -> None:
    text = "soit 12 345,5 euros en septembre"
    a, b = extract_numbers(text, "fr")
    assert a == Number(Decimal("12345.5"), "digits", "12 345,5", 5, 13)
    assert (b.value, b.kind, b.text, text[b.start:b.end]) == (9, "month", "septembre", "septembre")
    ar = extract_numbers("في تشرين الأول/أكتوبر 2021", "ar")[0]
    assert (ar.value, ar.kind, ar.text) == (10, "month", "تشرين الأول/أكتوبر")


def test_word_data_is_data() -> None:
    assert "eleventh" in number_words("en")["ordinals"][11]
    assert set(LANGUAGES) <= {"ar", "en", "es", "fr", "ru", "zh"}
    for code in LANGUAGES:
        assert number_words(code), code


def test_comparable() -> None:
    en = extract_numbers("In addition, one speaker noted both topics at the eleventh session", "en")
    zh = extract_numbers("此外，一位发言者就这两个专题在第 11 届会议上发言", "zh")
    assert comparable(en) == comparable(zh) == Counter({Decimal(11): 1})
    assert comparable(extract_numbers("1 and 2", "en")) == Counter({Decimal(1): 1, Decimal(2): 1})


# --------------------------------------------------------------- the example report

def paragraphs(lang: str) -> dict[int, str]:
    out = {}
    for line in (EXAMPLE / f"{lang}.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"(\d+)\.\s+(.*)", line)
        if m:
            out[int(m.group(1))] = re.sub(r"\[([^\]]*)\]\(#[^)]*\)", r"\1", m.group(2))
    return out


@pytest.mark.parametrize("lang", ["zh", "fr", "es", "ru", "ar"])
def test_example_report_numbers_agree(lang: str) -> None:
    en, other = paragraphs("en"), paragraphs(lang)
    assert sorted(en) == sorted(other) == list(range(1, 13))
    for n in range(1, 13):
        assert comparable(extract_numbers(other[n], lang)) == \
            comparable(extract_numbers(en[n], "en")), (lang, n)


def test_example_report_symbols_contribute_nothing() -> None:
    for lang in LANGUAGES:
        para = paragraphs(lang)[1]
        assert "CAC/COSP/EG.1/2021/2" in para
        assert comparable(extract_numbers(para, lang)) == Counter({Decimal(4): 1}), lang


def test_example_report_dates() -> None:
    expected = Counter({Decimal(2021): 1, Decimal(3): 1, Decimal(25): 1, Decimal(26): 1})
    for lang in LANGUAGES:
        values = comparable(extract_numbers(paragraphs(lang)[6], lang))
        assert values & expected == expected, lang


# --------------------------------------------------------------- Babel round trip

@settings(max_examples=150, deadline=None)
@given(value=st.decimals(min_value=-10**12, max_value=10**12, places=3,
                         allow_nan=False, allow_infinity=False),
       lang=st.sampled_from(sorted(LANGUAGES)))
def test_babel_formatted_numbers_read_back(value: Decimal, lang: str) -> None:
    text = format_decimal(value, locale=language(lang).babel_locale)
    found = extract_numbers(f"x {text} y", lang)
    assert [n.value for n in found] == [value], (text, found)
    assert [n.kind for n in found] == ["digits"]


def test_article_is_one_only_inside_a_number() -> None:
    assert read("vingt et un États et un intervenant", "fr") == [("21", W)]
    assert read("treinta y un Estados y un orador", "es") == [("31", W)]
