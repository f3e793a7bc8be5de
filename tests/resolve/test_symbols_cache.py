"""A symbol is parsed once per distinct string (``resolve.symbols.parse_symbol``):
align's resolve step asked 26,400 times for a few hundred strings."""

from __future__ import annotations

from reportgen.resolve import symbols
from reportgen.resolve.symbols import find_symbols, parse_symbol


def test_the_same_string_is_parsed_once() -> None:
    symbols._parsed.cache_clear()
    first = parse_symbol("CAC/COSP/EG.1/2021/L.1/Add.1")
    assert first is not None and str(first) == "CAC/COSP/EG.1/2021/L.1/Add.1"
    assert [parse_symbol("CAC/COSP/EG.1/2021/L.1/Add.1") for _ in range(3)] == [first] * 3
    assert parse_symbol("TCP/IP") is None and parse_symbol("TCP/IP") is None
    info = symbols._parsed.cache_info()
    assert (info.misses, info.hits) == (2, 4)


def test_finding_symbols_in_repeated_text_parses_each_candidate_once() -> None:
    sentence = "See A/75/1 and S/RES/2532 (2020), not TCP/IP. "
    symbols._parsed.cache_clear()
    find_symbols(sentence)
    once = symbols._parsed.cache_info()
    symbols._parsed.cache_clear()
    found = find_symbols(sentence * 50)
    assert [f.symbol for f in found[:2]] == ["A/75/1", "S/RES/2532 (2020)"] and len(found) == 100
    info = symbols._parsed.cache_info()
    assert (info.misses, info.hits) == (once.misses, 50 * (once.misses + once.hits) - once.misses)


def test_what_is_not_a_string_or_too_long_is_no_symbol_and_not_cached() -> None:
    symbols._parsed.cache_clear()
    assert parse_symbol(None) is None  # type: ignore[arg-type]
    assert parse_symbol("A/" + "1" * 300) is None
    assert symbols._parsed.cache_info().currsize == 0
