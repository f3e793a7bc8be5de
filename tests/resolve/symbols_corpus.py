"""Data for the symbol tests: real UN document symbols (each with where it was
seen) and near-misses that must never be taken for a symbol.

"public code" means a public GitHub file found with the search tool over
public repositories; the context quoted is what surrounded the symbol there.
"""

from __future__ import annotations

# (symbol, where it was seen)
REAL: list[tuple[str, str]] = [
    # --- this project's own material -------------------------------------------------
    ("CAC/COSP/EG.1/2021/L.1/Add.1", "the seed addendum; ../shared/spec/CONTRACT.md front-matter example"),
    ("CAC/COSP/EG.1/2021/2", "seed (../shared/seeds/000_…txt), paragraph 1, as [CAC/COSP/EG.1/2021/2](#)"),
    ("A/BUR/54/1", "../shared/un-conventions.md, References: '(A/BUR/54/1)第3段'"),
    ("A/RES/217(III)", "UDHR (../shared/udhr: resolution 217 A (III)); undocs.org form"),
    # --- Security Council ------------------------------------------------------------
    ("S/RES/1325 (2000)", "masthead of resolution 1325 (2000), https://ft.dk/samling/20101/almdel/FOU/bilag/144/1015483/index.htm"),
    ("S/RES/2374(2017)", "public code: example URL https://undocs.org/S/RES/2374(2017)"),
    ("S/RES/2202 (2015)", "public code: key_resolutions=[\"S/RES/2202 (2015)\", …]"),
    ("S/PV.10124", "public code: comment 'Document symbols: S/PV.10124, A/RES/79/1'"),
    ("S/PV.6231", "public code: test 'symbol_year(\"S/PV.6231\") is None'"),
    ("S/PRST/1994/16", "public code: symbol→path mapping '\"S/PRST/1994/16\": \"1994/s/prst/1994/16\"'"),
    ("S/PRST/2009/1", "public code: test 'symbol_year(\"S/PRST/2009/1\") == 2009'"),
    ("S/1994/565", "public code: same symbol→path mapping as S/PRST/1994/16"),
    # --- General Assembly ------------------------------------------------------------
    ("A/52/231", "cited in S/RES/1325 (2000), preamble (Beijing Declaration and Platform for Action)"),
    ("A/S-23/10/Rev.1", "cited in S/RES/1325 (2000), preamble (twenty-third special session outcome)"),
    ("A/RES/2758(XXVI)", "public code: footnote link https://undocs.org/zh/A/RES/2758(XXVI)"),
    ("A/RES/80/3", "public code: front matter 'symbol: A/RES/80/3', Awaza Political Declaration"),
    ("A/RES/79/1", "public code: comment 'Document symbols: S/PV.10124, A/RES/79/1'"),
    ("A/RES/72/279", "public code: link https://undocs.org/A/RES/72/279 (Funding Compact)"),
    ("A/RES/64/253", "public code: link https://undocs.org/en/A/RES/64/253 (International Nowruz Day)"),
    ("A/RES/51/210", "public code: symbol→path mapping '\"A/RES/51/210\": \"1997/a/res/51/210\"'"),
    ("A/RES/67/276", "public code: evaluation table row 'A/RES/67/276'"),
    ("A/RES/ES-10/21", "public code: vote table '| A/RES/ES-10/21 | 27 octobre 2023 | Gaza |'"),
    ("A/RES/ES-11/1", "public code: 'Sources: UN General Assembly A/RES/ES-11/1'"),
    ("A/ES-10/L.25", "public code: CSV row '…,ES-10,A/RES/ES-10/21,A/ES-10/L.25,,A/ES-10/PV.41,…'"),
    ("A/ES-10/PV.41", "public code: same CSV row"),
    ("A/72/17", "public code: link https://undocs.org/en/A/72/17 (UNCITRAL report)"),
    ("A/69/517", "public code: JSDoc 'e.g. \"A/69/517\", \"ST/SGB/2024/1\"'"),
    ("A/C.3/79/L.5/Rev.1", "public code: test text 'See document A/C.3/79/L.5/Rev.1 for details.'"),
    ("A/C.3/78/L.41", "public code: TEST_DRAFT = \"A/C.3/78/L.41\""),
    ("A/C.3/55/SR.30", "public code: evaluation table row 'A/C.3/55/SR.30'"),
    ("A/AC.105/1122", "public code: citation 'U.N. Doc. A/AC.105/1122 (2021)' (COPUOS Legal Subcommittee)"),
    ("A/AC.105/C.1/2026/CRP.17", "public code: 'UNOOSA A/AC.105/C.1/2026/CRP.17'"),
    ("A/CONF.183/9", "public code: 'Rome Conference negotiating record (A/CONF.183/9)'"),
    ("A/CONF.164/37", "public code: '1995 UN Fish Stocks Agreement (A/CONF.164/37)'"),
    # --- Human Rights Council --------------------------------------------------------
    ("A/HRC/41/41", "public code: RFC draft reference 'target: https://undocs.org/A/HRC/41/41' (C. Voule)"),
    ("A/HRC/41/CRP.1", "public code: 'informe sobre la muerte de Jamal Khashoggi (A/HRC/41/CRP.1, …)'"),
    ("A/HRC/RES/48/13", "public code: 'en su resolución A/HRC/RES/48/13' (right to a healthy environment)"),
    ("A/HRC/RES/6/1", "public code: table row '| A/HRC/RES/6/1 | 18 | 504 |'"),
    ("A/HRC/DEC/18/117", "public code: comment 'HRC: A/HRC/RES/12/10, A/HRC/DEC/18/117, A/HRC/PRST/15/2'"),
    ("A/HRC/PRST/OS/12/1", "public code: same comment"),
    ("A/HRC/5/1/Add.1", "public code: docstring '(e.g. \"CEDAW/C/GC/33\", \"A/HRC/5/1/Add.1\")'"),
    ("A/HRC/4/30", "public code: tuple (2007, 'A/HRC/4/30', 'HRC 4th session', …)"),
    # --- Economic and Social Council, Commission on Human Rights ---------------------
    ("E/CN.4/Sub.2/AC.5/1999/WP.6", "public code: citation 'U.N. Doc. E/CN.4/Sub.2/AC.5/1999/WP.6 (May 5, 1999)'"),
    ("E/CN.4/Sub.2/2000/L.10", "public code, Chinese text: '(见E/CN.4/Sub.2/2000/L.10和Add.1和2。)'"),
    ("E/CN.4/1999/L.3/Rev.1", "public code: comment 'footnotes like E/CN.4/1999/L.3/Rev.1\\npage 2'"),
    ("E/CN.4/1990/28", "public code: 'UN Special Rapporteur on Romania, …, E/CN.4/1990/28.'"),
    ("E/CN.4/2006/44", "public code: tuple (2006, 'E/CN.4/2006/44', 'CHR 62nd session', …)"),
    ("E/CONF.105/13/CRP.13", "public code: 'Snapshot: `E/CONF.105/13/CRP.13`, dated 2017-07-17'"),
    ("E/ECE/TRANS/505/Rev.3/Add.156/Amend.4", "public code: '[UN/ECE R.157 E/ECE/TRANS/505/Rev.3/Add.156/Amend.4](…)'"),
    ("ECE/TRANS/WP.29/78/Rev.6", "public code: 'specified in Annex 1 of ECE/TRANS/WP.29/78/Rev.6'"),
    ("ECE/TRANS/WP.29/2018/157", "public code: 'Authentic text: ECE/TRANS/WP.29/2018/157'"),
    ("ECE/TRANS/352", "public code: 'ADR 2025 Volume I (UNECE, ECE/TRANS/352)'"),
    # --- treaty bodies ---------------------------------------------------------------
    ("CCPR/C/GC/36", "brief example; Human Rights Committee general comment No. 36"),
    ("CCPR/C/GC/32", "public code: assertion 'gc.citation == \"CCPR/C/GC/32, para. 33\"'"),
    ("CRC/C/GC/25", "public code: 'General Comment No. 25 (2021) … 02 March 2021, CRC/C/GC/25'"),
    ("CRC/C/GC/12", "public code: '\"reportNumber\": \"CRC/C/GC/12\"'"),
    ("CEDAW/C/GC/33", "public code: docstring '(e.g. \"CEDAW/C/GC/33\", \"A/HRC/5/1/Add.1\")'"),
    ("CRPD/C/GC/2", "public code: 'UN CRPD General Comment No. 2 on Art 9 Accessibility 2014 (CRPD/C/GC/2)'"),
    ("E/C.12/GC/21", "public code: 'UN document symbols (\"CCPR/C/GC/34\", \"A/HRC/63/27\", \"E/C.12/GC/21\", …)'"),
    ("CMW/C/GC/4", "public code: same docstring '\"CRC/C/GC/23, CMW/C/GC/4\"'"),
    # --- Secretariat -----------------------------------------------------------------
    ("ST/SGB/2019/8", "brief example; Secretary-General's bulletin"),
    ("ST/SGB/2018/1", "public code: 'the UN Staff Regulations and Rules (ST/SGB/2018/1, 2018 edition)'"),
    ("ST/SGB/2004/15", "public code: link https://www.undocs.org/en/ST/SGB/2004/15 (Use of ICT resources)"),
    ("ST/AI/2002/5", "public code: comment 'references ST/SGB/2007/6 and ST/AI/2002/5'"),
    # --- climate, environment and other series of their own ----------------------------
    ("FCCC/CP/2015/L.9/Rev.1", "public code: 'Paris Agreement, … U.N. Doc. FCCC/CP/2015/L.9/Rev.1.'"),
    ("FCCC/CP/2015/10/Add.1", "public code: 'the full FCCC/CP/2015/10/Add.1 with the §51 no-liability clause'"),
    ("FCCC/CP/1997/7/Add.1", "public code: 'Kyoto Protocol … U.N. Doc FCCC/CP/1997/7/Add.1.'"),
    ("FCCC/CP/1999/7", "public code: 'UNDOC FCCC/CP/1999/7, … https://undocs.org/en/FCCC/CP/1999/7'"),
    ("UNEP/EA.2/Res.15", "public code: 'the United Nations Environment Assembly adopted resolution UNEP/EA.2/Res.15'"),
    ("UNEP/EA.4/Res.6", "public code: 'decided in resolution UNEP/EA.4/Res.6 operative paragraph 3'"),
    ("UNEP/EA.5/Res.14", "public code: 'el mandato de la resolución UNEP/EA.5/Res.14' (plastic pollution)"),
    ("UNEP/EA.5/HLS.1", "public code: 'Document symbol like \\'UNEP/EA.5/HLS.1\\''"),
    ("UNEP/EA.1/L.13", "public code: comment 'UNEP/EA.1/RES.1 → 1/1, UNEP/EA.1/L.13 → 1/L.13'"),
    ("UNEP/EA.7/4", "public code: link https://docs.un.org/en/UNEP/EA.7/4 (UNEP Programme of Work 2026–2027)"),
    ("ISBA/31/C/CRP.1/Rev.2", "public code: 'The current text: ISBA/31/C/CRP.1/Rev.2' (ISA exploitation regulations)"),
    ("BWC/WG/9/CRP.1/Rev.7", "public code: 'catalogue records BWC/WG/9/CRP.1/Rev.7 dated 27 August 2026'"),
]

# The components of a representative set: symbol -> (series, ((kind, text), ...)).
COMPONENTS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "CAC/COSP/EG.1/2021/L.1/Add.1": ("CAC", (
        ("body", "COSP"), ("body", "EG.1"), ("year", "2021"), ("nature", "L.1"), ("suffix", "Add.1"))),
    "CAC/COSP/EG.1/2021/2": ("CAC", (("body", "COSP"), ("body", "EG.1"), ("year", "2021"), ("number", "2"))),
    "A/RES/217(III)": ("A", (("nature", "RES"), ("number", "217"), ("paren", "(III)"))),
    "S/RES/1325 (2000)": ("S", (("nature", "RES"), ("number", "1325"), ("paren", "(2000)"))),
    "S/PV.10124": ("S", (("nature", "PV.10124"),)),
    "S/PRST/2009/1": ("S", (("nature", "PRST"), ("year", "2009"), ("number", "1"))),
    "A/S-23/10/Rev.1": ("A", (("session", "S-23"), ("number", "10"), ("suffix", "Rev.1"))),
    "A/RES/ES-10/21": ("A", (("nature", "RES"), ("session", "ES-10"), ("number", "21"))),
    "A/C.3/79/L.5/Rev.1": ("A", (("body", "C.3"), ("session", "79"), ("nature", "L.5"), ("suffix", "Rev.1"))),
    "A/HRC/41/CRP.1": ("A", (("body", "HRC"), ("session", "41"), ("nature", "CRP.1"))),
    "E/CN.4/Sub.2/AC.5/1999/WP.6": ("E", (
        ("body", "CN.4"), ("body", "Sub.2"), ("body", "AC.5"), ("year", "1999"), ("nature", "WP.6"))),
    "CCPR/C/GC/36": ("CCPR", (("body", "C"), ("body", "GC"), ("number", "36"))),
    "ST/SGB/2019/8": ("ST", (("body", "SGB"), ("year", "2019"), ("number", "8"))),
    "UNEP/EA.5/Res.14": ("UNEP", (("body", "EA.5"), ("nature", "Res.14"))),
    "E/ECE/TRANS/505/Rev.3/Add.156/Amend.4": ("E", (
        ("body", "ECE"), ("body", "TRANS"), ("number", "505"),
        ("suffix", "Rev.3"), ("suffix", "Add.156"), ("suffix", "Amend.4"))),
    "FCCC/CP/2015/10/Add.1": ("FCCC", (("body", "CP"), ("year", "2015"), ("number", "10"), ("suffix", "Add.1"))),
}

# Symbols of the grammar given as examples in the brief / conventions (not all
# checked against a real document): recognised, parsed, round-tripped.
GRAMMAR_EXAMPLES = [
    "A/75/1", "A/75/1*", "A/74/L.1", "S/2021/123", "E/CN.4/Sub.2/1998/13", "A/C.3/75/L.12/Rev.1",
    "A/HRC/46/CRP.1", "S/RES/2532 (2020)", "S/RES/2532(2020)", "A/CONF.234/PC/2", "UNEP/EA.5/Res.1",
    "A/75/PV.12", "E/2021/L.1/Corr.1", "CTOC/COP/2020/10", "A/RES/2625(XXV)", "A/RES/2625 (XXV)",
    "A/75/1/Summary", "TD/B/68/1", "DP/2021/1",
]

# Ordinary text with slashes: no symbol, and nothing malformed either.
NEAR_MISSES: list[str] = [
    "on 6/9/2021",                              # date
    "on 2021/09/06",                            # ISO-ish date
    "the form MM/DD/YYYY",                      # date pattern
    "a ratio of 3/4",                           # fraction
    "resolution 10/6 of the Conference",        # resolution number
    "第 10/6 号决议",                             # resolution number, Chinese
    "القرار 10/6",                               # resolution number, Arabic
    "Human Rights Council resolution 46/1",     # resolution number
    "decision 1/CP.21 of the COP",              # UNFCCC decision number
    "decision 2/CMP.1",                         # UNFCCC decision number
    "the 2020/21 biennium",                     # years
    "2020/21年度",                               # years, Chinese
    "in FY2020/21",                             # fiscal year
    "Q3/2021 results",                          # quarter
    "pages 12/13",                              # page range
    "a 50/50 split",                            # ratio
    "open 24/7",                                # hours
    "at 90 km/h",                               # unit
    "10 m/s",                                   # unit
    "and/or",                                   # conjunction
    "he/she",                                   # pronouns
    "w/o the annex",                            # abbreviation
    "c/o the secretariat",                      # abbreviation
    "TCP/IP",                                   # protocol
    "HTTP/2 and HTTP/1.1",                      # protocol versions
    "IBM OS/2",                                 # product
    "SAP R/3",                                  # product
    "PDF/A-1b",                                 # file format
    "ISO/IEC 27001:2013",                       # standard
    "HIV/AIDS",                                 # disease
    "UNODC/World Bank Stolen Asset Recovery Initiative",
    "the UN/DESA report",                       # department
    "UNDP/UNICEF/WFP joint programme",          # agencies
    "N/A",                                      # not applicable
    "I/O",                                      # input/output
    "A/B testing",                              # letters
    "A/T/G/C/GC/N content",                     # bases (public code)
    "//TR/TD[2]/TABLE/TBODY/TR[2]/TD/B/FONT",   # XPath (public code)
    "CAC/COSP/ and CRC/C/",                     # series named in prose
    "https://undocs.org/en/A/75/1",             # inside a URL
    "https://undocs.org/zh/CAC/COSP/EG.1/2021/2",
    "www.un.org/Depts/DGACM/A/75/1",            # inside a URL without scheme
    "docs/file.md",                             # file path
    "/usr/lib/x86_64/libc.so.6",                # file path
    "tests/resolve/test_symbols.py",            # file path
    "COVID-19",                                 # hyphenated
    "CO2/GDP",                                  # ratio of quantities
    "v1.2/v1.3",                                # versions
    "EUR/USD 1.08",                             # currency pair
    "Table A/1",                                # single-letter label
]

# Symbol-like strings that break the grammar: reported by find_malformed only.
MALFORMED: list[str] = [
    "CAC/COSP/EG.1/2021/L.1/Add.",              # suffix without number
    "A/75/",                                    # trailing slash
    "A//75/1",                                  # empty component
    "A/RES/217(III",                            # unclosed parenthesis
    "E/CN.4/Sub./1998/13",                      # body without number
    "A/75/PV.",                                 # nature without number
    "A/RES/217(XYZ)",                           # not a session numeral
    "S/2021/123/Add.1/75",                      # number after a suffix
]
