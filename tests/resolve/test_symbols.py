"""The UN symbol grammar on real symbols and near-misses."""

from __future__ import annotations

import pytest

from reportgen.resolve.symbols import find_symbols, is_symbol, ods_url

# Real symbols (where each was seen).
REAL = [
    "CAC/COSP/EG.1/2021/L.1/Add.1",  # the seed addendum itself
    "CAC/COSP/EG.1/2021/2",          # cited in the seed, paragraph 1
    "A/RES/217(III)",                # Universal Declaration of Human Rights
    "A/75/1",                        # Report of the Secretary-General on the work of the Organization, 2020
    "S/2021/123",                    # Security Council document series
    "E/CN.4/Sub.2/1998/13",          # Sub-Commission document
    "A/C.3/75/L.12/Rev.1",           # Third Committee draft, revised
    "CTOC/COP/2020/10",              # Conference of the Parties to UNTOC, report
    "CRC/C/GC/25",                   # Committee on the Rights of the Child, general comment 25
    "ST/SGB/2019/8",                 # Secretary-General's bulletin
    "A/HRC/RES/46/1",                # Human Rights Council resolution
    "S/PRST/2021/1",                 # presidential statement
    "A/75/PV.12",                    # verbatim record
    "UNEP/EA.5/Res.1",               # UN Environment Assembly resolution
    "A/CONF.234/PC/2",               # preparatory committee document
    "E/2021/L.1/Corr.1",             # corrigendum
]


@pytest.mark.parametrize("symbol", REAL)
def test_real_symbol_is_recognised_whole(symbol: str) -> None:
    assert is_symbol(symbol)
    assert [m.symbol for m in find_symbols(f"see ({symbol}).")] == [symbol]


@pytest.mark.parametrize("text, expected", [
    ("说明（CAC/COSP/EG.1/2021/2），并", ["CAC/COSP/EG.1/2021/2"]),   # between fullwidth parentheses
    ("见A/78/1。", ["A/78/1"]),                                      # touching Chinese characters
    ("الوثيقة A/75/1 المقدمة", ["A/75/1"]),                           # inside Arabic text
    ("documents A/75/1 and S/2021/123.", ["A/75/1", "S/2021/123"]),
    ("document A/75/1*, reissued", ["A/75/1*"]),
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
])
def test_no_false_hits(text: str) -> None:
    assert find_symbols(text) == []


def test_ods_url_per_language_and_escaped() -> None:
    assert ods_url("CAC/COSP/EG.1/2021/2", "zh") == "https://undocs.org/zh/CAC/COSP/EG.1/2021/2"
    assert ods_url("A/RES/217(III)", "fr") == "https://undocs.org/fr/A/RES/217(III)"
    assert ods_url("A/75/1*", "en") == "https://undocs.org/en/A/75/1%2A"
