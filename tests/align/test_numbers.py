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
    # COVID-19 is a name (data: numbers_in_names), its 19 no figure
    ("en", "6-10 Sept. 2021; COVID-19", [("6", D), ("10", D), ("9", M), ("2021", D)]),
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
    ("zh", "第三十六条、第十二次、第一份、四个问题、两个工作组", [  # 第三十六条: article 36, a reference
        ("36", "reference"), ("12", W), ("1", W), ("4", W), ("2", W)]),
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
    assert "eleventh" in number_words("en").ordinals[11]
    assert set(LANGUAGES) <= {"ar", "en", "es", "fr", "ru", "zh"}
    for code in LANGUAGES:
        words = number_words(code)
        assert words.cardinals or words.digits, code


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


# --------------------------------------------------------------- numbers as people write them

T = "time"

#: (lang, text, exact reading). A time is one value, hours.minutes on the 24-hour clock.
WRITTEN_CASES = [
    # times of day
    ("en", "at 6.15 p.m.", [("18.15", T)]),
    ("en", "at 6:15 pm", [("18.15", T)]),
    ("en", "at 18:15", [("18.15", T)]),
    ("fr", "à 18 h 15", [("18.15", T)]),
    ("fr", "à 18h15", [("18.15", T)]),
    ("es", "a las 18.15 horas", [("18.15", T)]),
    ("es", "a las 6.15 p. m.", [("18.15", T)]),
    ("ru", "в 18.15", [("18.15", T)]),
    ("ru", "в 18 ч. 15 м.", [("18.15", T)]),
    ("zh", "下午6时15分", [("18.15", T)]),
    ("zh", "18时15分", [("18.15", T)]),
    ("zh", "18：15", [("18.15", T)]),
    ("ar", "الساعة 6:15 مساءً", [("18.15", T)]),
    ("ar", "الساعة 18:15", [("18.15", T)]),
    ("en", "at 10 a.m.", [("10", T)]),
    ("fr", "à 10 h", [("10", T)]),
    ("fr", "à 10 heures", [("10", T)]),
    ("es", "a las 10.00 horas", [("10", T)]),
    ("ru", "в 10 ч. 00 м.", [("10", T)]),
    ("zh", "上午10时", [("10", T)]),
    ("ar", "الساعة 10 صباحا", [("10", T)]),
    ("en", "from 10 a.m. to 1 p.m.", [("10", T), ("13", T)]),
    ("zh", "上午10时至下午1时", [("10", T), ("13", T)]),
    ("en", "12 a.m. and 12.30 p.m.", [("0", T), ("12.3", T)]),
    # ... and what is no time
    ("en", "6.15 million people", [("6150000", D)]),
    ("en", "a ratio of 3:1", [("3", D), ("1", D)]),
    ("ru", "15.09.2021", [("15", D), ("9", D), ("2021", D)]),
    ("es", "10.000 personas", [("10000", D)]),
    ("fr", "10 ha", [("10", D)]),
    ("zh", "6小时", [("6", D)]),
    ("zh", "下午3次会议", [("3", D)]),
    # decades: the implicit 10 of 十年 is dropped, the ordinal counts
    ("zh", "前十年", []),
    ("zh", "第二个十年", [("2", W)]),
    ("zh", "第三个十年", [("3", W)]),
    ("zh", "联合国国际十年", []),
    ("zh", "过去十年", [("10", W)]),          # "the past ten years": a number
    ("en", "the first decade", [("1", W)]),
    ("en", "the second decade", [("2", W)]),
    ("en", "the third decade", [("3", W)]),
    ("fr", "la première décennie", [("1", W)]),
    ("fr", "la troisième décennie", [("3", W)]),
    ("es", "el primer decenio", [("1", W)]),
    ("ru", "первое десятилетие", [("1", W)]),
    ("ar", "العقد الأول", [("1", W)]),
    # ranges: both ends, however the language joins them
    ("en", "2019–2021", [("2019", D), ("2021", D)]),
    ("en", "2019-2021", [("2019", D), ("2021", D)]),
    ("en", "from 2019 to 2021", [("2019", D), ("2021", D)]),
    ("zh", "2019至2021年", [("2019", D), ("2021", D)]),
    ("es", "de 2019 a 2021", [("2019", D), ("2021", D)]),
    ("fr", "de 2019 à 2021", [("2019", D), ("2021", D)]),
    ("ru", "с 2019 по 2021 год", [("2019", D), ("2021", D)]),
    ("ar", "من 2019 إلى 2021", [("2019", D), ("2021", D)]),
    ("en", "paragraphs 3–5", [("3", D), ("5", D)]),
    ("zh", "第3至5段", [("3", D), ("5", D)]),
    ("fr", "paragraphes 3 à 5", [("3", D), ("5", D)]),
    ("zh", "三至五年", [("3", W), ("5", W)]),
    ("zh", "第三至五段", [("3", W), ("5", W)]),
    ("en", "in 2019–21", [("2019", D), ("2021", D)]),
    ("en", "from 2019 to 20 States", [("2019", D), ("20", D)]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), WRITTEN_CASES)
def test_numbers_as_people_write_them(lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert read(text, lang) == expected


#: Each group says the same thing in several languages: the numbers must compare equal.
SAME = {
    "6.15 p.m.": [("en", "The meeting rose at 6.15 p.m."), ("fr", "La séance est levée à 18 h 15."),
                  ("es", "Se levanta la sesión a las 18.15 horas."), ("ru", "Заседание закрывается в 18.15."),
                  ("zh", "下午6时15分散会。"), ("ar", "رفعت الجلسة الساعة 18:15."),
                  ("en", "The meeting rose at 18:15.")],
    "10 a.m.": [("en", "at 10 a.m."), ("fr", "à 10 h"), ("zh", "上午10时"), ("fr", "à 10 heures"),
                ("es", "a las 10.00 horas"), ("ru", "в 10 ч. 00 м."), ("ar", "الساعة 10 صباحا")],
    "first decade": [("zh", "前十年"), ("en", "the first decade"), ("fr", "la première décennie"),
                     ("es", "el primer decenio"), ("ru", "первое десятилетие"), ("ar", "العقد الأول")],
    "second decade": [("zh", "第二个十年"), ("en", "the second decade"), ("fr", "la deuxième décennie")],
    "third decade": [("zh", "第三个十年"), ("en", "the third decade"), ("fr", "la troisième décennie"),
                     ("ru", "третье десятилетие")],
    "2019–2021": [("en", "2019–2021"), ("en", "2019-2021"), ("zh", "2019至2021年"),
                  ("es", "de 2019 a 2021"), ("ru", "с 2019 по 2021 год"), ("ar", "من 2019 إلى 2021"),
                  ("en", "2019–21")],
    "paragraphs 3–5": [("en", "paragraphs 3–5"), ("zh", "第3至5段"), ("zh", "第三至五段"),
                       ("fr", "paragraphes 3 à 5"), ("ru", "пункты 3–5")],
}


@pytest.mark.parametrize("group", sorted(SAME))
def test_known_false_positives_compare_equal(group: str) -> None:
    (lang0, text0), *others = SAME[group]
    want = comparable(extract_numbers(text0, lang0))
    for lang, text in others:
        assert comparable(extract_numbers(text, lang)) == want, (group, lang, text)


def test_a_real_difference_still_differs() -> None:
    en = comparable(extract_numbers("The meeting rose at 6.15 p.m.", "en"))
    assert en == Counter({Decimal("18.15"): 1})
    for lang, text in [("fr", "La séance est levée à 18 h 30."), ("zh", "下午6时30分散会。"),
                       ("es", "a las 18.30 horas"), ("en", "at 6.30 p.m."), ("en", "at 6.15 a.m."),
                       ("ru", "в 19.15")]:
        assert comparable(extract_numbers(text, lang)) != en, (lang, text)
    assert comparable(extract_numbers("第四个十年", "zh")) != \
        comparable(extract_numbers("the third decade", "en"))
    assert comparable(extract_numbers("2019至2022年", "zh")) != \
        comparable(extract_numbers("2019–2021", "en"))


def test_times_decades_and_ranges_are_data() -> None:
    """The forms come from the language files, one block per language (typed by the
    l10n loader: Language.times, .range_connectors, .decades)."""
    for code in LANGUAGES:
        times = language(code).times
        assert times is not None and times.separators, code
        assert language(code).range_connectors, code
    decades, en_times, zh_times = language("zh").decades, language("en").times, language("zh").times
    assert decades is not None and "十年" in decades.words
    assert en_times is not None and "p.m." in en_times.pm
    assert zh_times is not None and "下午" in zh_times.pm


def test_code_holds_no_per_language_branches() -> None:
    """As in reportgen/l10n: the reader never compares with a language code."""
    import ast

    import reportgen.align.numbers as module

    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            for const in ast.walk(node):
                assert not (isinstance(const, ast.Constant) and const.value in LANGUAGES), \
                    f"numbers.py:{node.lineno} compares with {const.value!r}"


# --------------------------------------------------------------- the check on times

def _aligned_pair(tmp_path: Path, en: str, fr: str):
    import shutil

    from reportgen import pipeline
    from reportgen.align import align_report
    from tests.conftest import FIXTURES

    folder = tmp_path / "report"
    shutil.copytree(FIXTURES / "align" / "faithful", folder)
    for lang, old, new in [("en", "4. Representatives of 133 States parties attended the session.", en),
                           ("fr", "4. Des représentants de 133 États parties ont participé à la session.", fr)]:
        path = folder / f"{lang}.md"
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = align_report(pipeline.load(folder).report)
    return [f for f in result.findings if f.check == "number-mismatch"]


def test_check_takes_a_time_as_one_value(tmp_path: Path) -> None:
    assert _aligned_pair(tmp_path, "4. The meeting rose at 6.15 p.m. in the first decade.",
                         "4. La séance est levée à 18 h 15 de la première décennie.") == []
    found = _aligned_pair(tmp_path / "2", "4. The meeting rose at 6.15 p.m.",
                          "4. La séance est levée à 18 h 30.")
    assert [(f.severity, f.paragraph) for f in found] == [("error", "4")]
    assert "18.15" in found[0].message and "18.3" in found[0].message


# --------------------------------------------------------------- speed

def test_symbols_read_in_windows_as_in_the_whole_text() -> None:
    """extract_numbers gives find_symbols only the tokens around a capital and a slash."""
    from reportgen.align.numbers import _symbols
    from reportgen.resolve.symbols import find_symbols

    texts = [para for lang in LANGUAGES for para in paragraphs(lang).values()] + [
        "See A/RES/ES-11/1 (2022) and A/75/1 (XXI), https://undocs.org/A/75/1 or E/2021/1*.",
        "UNODC/World Bank; A/75/1,A/75/2 (2021) and/or CAC/COSP/EG.1/2021/2 (2021)(b)",
        "A/75/1", "(A/RES/S-32/1).", "x A/ B/1 C/D/2 (1999) (2000) A/75/1 (2020)",
    ]
    for text in texts:
        assert _symbols(text) == [(s.start, s.end) for s in find_symbols(text)], text


def test_long_text_reads_in_linear_time() -> None:
    """A paragraph 200 times longer takes about 200 times as long, not 40,000 times."""
    import time

    para = paragraphs("en")[7] + " At 6.15 p.m., on 6 September 2021, twenty-one States. "
    extract_numbers(para, "en")
    start = time.perf_counter()
    short = extract_numbers(para, "en")
    one = time.perf_counter() - start
    start = time.perf_counter()
    long = extract_numbers(para * 200, "en")
    assert len(long) == 200 * len(short)
    assert time.perf_counter() - start < max(2000 * one, 0.5)
