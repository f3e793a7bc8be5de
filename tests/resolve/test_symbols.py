"""The UN symbol grammar on real symbols, near-misses and malformed symbols."""

from __future__ import annotations

import pytest

from reportgen.resolve.symbols import (
    Component, Symbol, find_malformed, find_symbols, is_symbol, ods_url, parse_symbol,
)
from tests.resolve.symbols_corpus import COMPONENTS, GRAMMAR_EXAMPLES, MALFORMED, NEAR_MISSES, REAL

REAL_SYMBOLS = [s for s, _ in REAL]
ALL_SYMBOLS = REAL_SYMBOLS + GRAMMAR_EXAMPLES

# Running text around a symbol, in each language (the symbol is never translated).
CONTEXTS = [
    "see ({}).",                                   # English, in parentheses, sentence end
    "as stated in document {}, the Conference",    # English, followed by a comma
    "见{}。",                                       # Chinese, touching the characters
    "秘书处的说明（{}），并阐述了四个问题",            # Chinese, fullwidth parentheses
    "（{}）第3段",                                   # Chinese paragraph reference
    "الوثيقة {} المقدمة",                           # Arabic, between words
    "انظر الوثيقة ({})،",                           # Arabic, parentheses and Arabic comma
    "voir le document {}.",                        # French
    "см. документ {};",                            # Russian
]


def test_corpus_sizes() -> None:
    assert len(set(REAL_SYMBOLS)) == len(REAL_SYMBOLS) >= 40
    assert len(set(NEAR_MISSES)) == len(NEAR_MISSES) >= 40
    assert all(where for _, where in REAL)


@pytest.mark.parametrize("symbol", ALL_SYMBOLS)
def test_symbol_is_recognised_parsed_and_round_trips(symbol: str) -> None:
    assert is_symbol(symbol)
    parsed = parse_symbol(symbol)
    assert isinstance(parsed, Symbol)
    assert str(parsed) == symbol
    assert parsed.series == symbol.split("/")[0]
    assert parsed.parts and all(isinstance(p, Component) for p in parsed.parts)
    assert find_malformed(symbol) == []


@pytest.mark.parametrize("context", CONTEXTS)
@pytest.mark.parametrize("symbol", ALL_SYMBOLS)
def test_symbol_found_whole_in_running_text(symbol: str, context: str) -> None:
    text = context.format(symbol)
    found = find_symbols(text)
    assert [m.symbol for m in found] == [symbol]
    assert text[found[0].start:found[0].end] == symbol
    assert find_malformed(text) == []


@pytest.mark.parametrize("symbol", sorted(COMPONENTS))
def test_components(symbol: str) -> None:
    series, parts = COMPONENTS[symbol]
    parsed = parse_symbol(symbol)
    assert parsed is not None
    assert parsed.series == series
    assert tuple((p.kind, p.text) for p in parsed.parts) == parts


def test_component_details() -> None:
    parsed = parse_symbol("A/RES/217(III)")
    assert parsed is not None
    assert parsed.parts[-1].number == "III" and parsed.parts[-1].sep == ""
    eg = parse_symbol("CAC/COSP/EG.1/2021/2")
    assert eg is not None and (eg.parts[1].name, eg.parts[1].number) == ("EG", "1")
    star = parse_symbol("A/75/1*")
    assert star is not None and star.reissued and star.parts[-1] == Component("suffix", "*", "")
    assert star.of_kind("number") == ("1",) and star.of_kind("session") == ("75",)
    sc = parse_symbol("S/RES/2532 (2020)")
    assert sc is not None and sc.parts[-1].sep == " " and sc.link_form == "S/RES/2532(2020)"


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_miss_gives_no_hit(text: str) -> None:
    assert find_symbols(text) == []
    assert find_malformed(text) == []


@pytest.mark.parametrize("symbol", MALFORMED)
def test_malformed_is_reported_not_found(symbol: str) -> None:
    assert parse_symbol(symbol) is None
    assert not is_symbol(symbol)
    for text in (symbol, f"see {symbol} and", f"见{symbol}，并", f"الوثيقة {symbol} المقدمة"):
        assert find_symbols(text) == [], text
        assert [m.symbol for m in find_malformed(text)] == [symbol], text


@pytest.mark.parametrize("text", [
    "A/75/1",                 # a single slash-less ending is fine; these are not
    "A/75/1.", "A/75/1,", "(A/75/1)", "A/RES/217(III).", "(A/RES/217(III))",
])
def test_sentence_punctuation_is_not_malformed(text: str) -> None:
    assert find_malformed(text) == []
    assert len(find_symbols(text)) == 1


@pytest.mark.parametrize("text, expected", [
    ("说明（CAC/COSP/EG.1/2021/2），并", ["CAC/COSP/EG.1/2021/2"]),   # between fullwidth parentheses
    ("见A/78/1。", ["A/78/1"]),                                      # touching Chinese characters
    ("الوثيقة A/75/1 المقدمة", ["A/75/1"]),                           # inside Arabic text
    ("documents A/75/1 and S/2021/123.", ["A/75/1", "S/2021/123"]),
    ("document A/75/1*, reissued", ["A/75/1*"]),
    ("see A/75/1.", ["A/75/1"]),                                     # sentence full stop
    ("(见E/CN.4/Sub.2/2000/L.10和Add.1和2。)", ["E/CN.4/Sub.2/2000/L.10"]),  # public code, Chinese
    ("resolution S/RES/2532 (2020) of 1 July 2020", ["S/RES/2532 (2020)"]),
    ("第S/RES/2532 (2020)号决议", ["S/RES/2532 (2020)"]),
    ("UNGA A/RES/ES-11/1 (2022)", ["A/RES/ES-11/1"]),   # the year is a remark: the session is in the symbol
    ("A/75/1 (2020)", ["A/75/1"]),
    ("resolution 2625 (XXV) (A/RES/2625 (XXV))", ["A/RES/2625 (XXV)"]),
    ("https://undocs.org/en/A/75/1 and A/75/2", ["A/75/2"]),
    ("see [A/75/1](https://undocs.org/en/A/75/1).", ["A/75/1"]),
    ("A/75/1/Add.1 and Corr.1", ["A/75/1/Add.1"]),
])
def test_symbols_found_in_running_text(text: str, expected: list[str]) -> None:
    assert [m.symbol for m in find_symbols(text)] == expected


@pytest.mark.parametrize("text", [
    "第 10/6 号决议",                       # resolution number, not a symbol
    "resolution 10/6 of the Conference",
    "on 6/9/2021",                          # date
    "a ratio of 3/4",                       # fraction
    "UNODC/World Bank Stolen Asset Recovery Initiative",
    "the UN/DESA report",
    "https://undocs.org/en/A/75/1",         # inside a URL
    "TCP/IP",
    "COVID-19",
    "SC/6816",                              # press release: one bare number after the series
])
def test_no_false_hits(text: str) -> None:
    assert find_symbols(text) == []


def test_parse_rejects_non_symbols() -> None:
    for text in ("", "A", "A/", "a/75/1", " A/75/1", "A/75/1 ", "R/3", "HTTP/2", "A/Add.1/75",
                 "A/75/1**", "A/RES/ES-11/1 (2022)", "A/75/1 (2020)", "S/RES/2532 (1066)"):
        assert parse_symbol(text) is None, text


def test_ods_url_per_language_and_escaped() -> None:
    assert ods_url("CAC/COSP/EG.1/2021/2", "zh") == "https://undocs.org/zh/CAC/COSP/EG.1/2021/2"
    assert ods_url("A/RES/217(III)", "fr") == "https://undocs.org/fr/A/RES/217(III)"
    assert ods_url("A/75/1*", "en") == "https://undocs.org/en/A/75/1%2A"
    # The Security Council prints a space before the year; the link has none.
    assert ods_url("S/RES/2532 (2020)", "ar") == "https://undocs.org/ar/S/RES/2532(2020)"
    assert ods_url("S/RES/2532(2020)", "ar") == "https://undocs.org/ar/S/RES/2532(2020)"


def test_versions_citing_with_and_without_the_space_cite_the_same_document() -> None:
    from reportgen import model as m
    from reportgen.resolve import split_symbols

    with_space = [x for x in split_symbols("resolution S/RES/2532 (2020) and A/75/1*.", 3) if isinstance(x, m.SymbolRef)]
    without = [x for x in split_symbols("第S/RES/2532(2020)号决议", 3) if isinstance(x, m.SymbolRef)]
    assert [(x.symbol, x.text) for x in with_space] == [("S/RES/2532(2020)", "S/RES/2532 (2020)"), ("A/75/1", "A/75/1*")]
    assert [x.symbol for x in without] == ["S/RES/2532(2020)"]
