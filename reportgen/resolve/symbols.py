"""UN document symbols, recognised by their grammar rather than a list of bodies.

Grammar (UN Library, "United Nations Document Series Symbols"), as implemented::

    symbol    := series ("/" component)+ [" " paren] ["*"]
    series    := 1-10 capitals                      A  S  E  ST  CAC  CCPR  UNEP  FCCC
    component := number [paren]                     75  2021  217(III)  2374(2017)
               | CAPS "-" digits                    S-23  ES-10       (special sessions)
               | CAPS ["." digits]                  COSP  C  EG.1  CN.4  CONF.234  RES  L.1  PV.12
               | Capitalised "." digits             Sub.2  Res.1  Add.1  Corr.1  Rev.1  Amend.1
               | "Summary"
    paren     := "(" roman numeral | year ")"       (III)  (XXV)  (2020)

plus these rules, which is what separates ``A/75/1`` from ``TCP/IP``,
``HTTP/2`` or ``R/3``:

* the last component before the suffixes carries a number;
* suffixes (``Add.``, ``Amend.``, ``Corr.``, ``Rev.``, ``Summary``) follow a
  numbered component and are followed only by suffixes, ``*`` only at the end;
* at least two components follow the series, unless the only one is a dotted
  nature or body with a number (``S/PV.10124``); so ``SC/6816`` (a press
  release) and ``OS/2`` are not symbols;
* a parenthetical session or year replaces the session component: it follows
  a number directly preceded by a lettered component (``A/RES/217(III)``,
  ``S/RES/2532(2020)``), never a number that already has a session
  (``A/RES/ES-11/1 (2022)`` is ``A/RES/ES-11/1`` followed by a remark).

Security Council resolutions are printed ``S/RES/2532 (2020)``, with a space.
That form is recognised as ONE symbol (the match covers the year, so the
reader sees the whole symbol as link text), and :func:`ods_url` drops the
space, linking ``https://undocs.org/<lang>/S/RES/2532(2020)``, the form the
Official Document System uses. ``S/RES/2532`` alone is also a symbol.

Components get a descriptive ``kind`` (series, body, nature, session, year,
number, paren, suffix). Natures are told from bodies by the short closed list
of nature markers in the grammar (``RES``, ``L.``, ``PV.`` …); any other
capitalised component is a body, known or not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

__all__ = [
    "Component", "Match", "Symbol", "find_malformed", "find_symbols",
    "is_symbol", "ods_url", "parse_symbol",
]

#: Nature markers of the grammar (what kind of document), upper-cased.
NATURES = frozenset({
    "CRP", "DEC", "INF", "L", "MISC", "NGO", "PET", "PRST", "PV", "R", "RES", "SR", "WP",
})
#: Suffixes, as written.
SUFFIXES = frozenset({"Add", "Amend", "Corr", "Rev", "Summary"})

_ROMAN = re.compile(r"(?=[IVXLCDM])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_PAREN = r"\((?:[IVXLCDM]{1,9}|(?:19|20)\d\d)\)"
_COMP = (
    r"(?:Summary"
    r"|\d{1,5}(?:" + _PAREN + r")?"
    r"|[A-Z]{1,4}-\d{1,3}"
    r"|[A-Z][a-z]{1,6}\.\d{1,5}"
    r"|[A-Z]{1,10}(?:\.\d{1,5})?"
    r")"
)
# Characters that, right before a symbol, make it the tail of a longer token
# (a URL path, a word, a number). Chinese and Arabic letters may touch it.
_BEFORE = r"[A-Za-z0-9_/.\-\\:@#&=?%~+]"
_AFTER = r"[A-Za-z0-9_/(\\\-]|\.[A-Za-z0-9]"
SYMBOL_RE = re.compile(
    rf"(?<!{_BEFORE})[A-Z]{{1,10}}(?:/{_COMP})+(?P<paren> {_PAREN})?(?P<star>\*)?(?!{_AFTER})"
)
# Anything that looks like it wants to be a symbol: capitals, then slashes and
# symbol characters, possibly broken (empty components, dangling dots, "(").
_LOOSE_RE = re.compile(rf"(?<!{_BEFORE})[A-Z]{{1,10}}(?:/[A-Za-z0-9.()*\-]*)+")
_URL_RE = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.\-]*://|www\.)[^\s<>\"'）)\]]+")

_NUMBER_RE = re.compile(r"\d{1,5}")
_SESSION_RE = re.compile(r"[A-Z]{1,4}-\d{1,3}")
_WORD_RE = re.compile(r"(?P<name>[A-Z]{1,10}|[A-Z][a-z]{1,6})(?:\.(?P<num>\d{1,5}))?")
_ATTACHED_RE = re.compile(r"(\d{1,5})(" + _PAREN + r")")
_SPACED_RE = re.compile(r"(.*) (" + _PAREN + r")")


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    symbol: str


@dataclass(frozen=True)
class Component:
    """One part of a symbol as written: ``kind``, ``text`` and the separator before it."""

    kind: str   # body | nature | session | year | number | paren | suffix
    text: str   # "EG.1", "2021", "(III)", "Add.1", "*"
    sep: str = "/"

    @property
    def name(self) -> str:
        """The lettered part: ``EG`` of ``EG.1``, ``Add`` of ``Add.1``, ``S`` of ``S-23``."""
        m = re.match(r"[A-Za-z]+", self.text)
        return m.group(0) if m else ""

    @property
    def number(self) -> str:
        """The number carried: ``1`` of ``EG.1``, ``2021``, ``III`` of ``(III)``."""
        m = re.search(r"\d+|(?<=\()[IVXLCDM]+(?=\))", self.text)
        return m.group(0) if m else ""


@dataclass(frozen=True)
class Symbol:
    """A parsed symbol; ``str()`` gives back the text exactly as written."""

    series: str
    parts: tuple[Component, ...]

    def __str__(self) -> str:
        return self.series + "".join(p.sep + p.text for p in self.parts)

    def kinds(self) -> tuple[str, ...]:
        return tuple(p.kind for p in self.parts)

    def of_kind(self, kind: str) -> tuple[str, ...]:
        return tuple(p.text for p in self.parts if p.kind == kind)

    @property
    def reissued(self) -> bool:
        """Ends with ``*`` (reissued for technical reasons)."""
        return bool(self.parts) and self.parts[-1].text == "*"

    @property
    def link_form(self) -> str:
        """The symbol as the Official Document System writes it (no space before a parenthesis)."""
        return str(self).replace(" (", "(")


def _valid_paren(paren: str) -> bool:
    inner = paren[1:-1]
    if inner.isdigit():
        return 1945 <= int(inner) <= 2099
    return bool(_ROMAN.fullmatch(inner))


def parse_symbol(text: str) -> Symbol | None:
    """The components of ``text`` if it is exactly one document symbol, else None.

    Parsed once per distinct string: a report names the same few hundred symbols
    thousands of times (resolve, align, check each ask), and the result is immutable."""
    if not isinstance(text, str) or len(text) > 200:
        return None
    return _parsed(text)


@lru_cache(maxsize=1 << 16)
def _parsed(text: str) -> Symbol | None:
    """:func:`parse_symbol` itself, kept per string (bounded: a fuzzer's strings cannot grow it)."""
    rest = text
    tail: list[Component] = []
    if rest.endswith("*"):
        rest = rest[:-1]
        tail.insert(0, Component("suffix", "*", ""))
    spaced = _SPACED_RE.fullmatch(rest)
    if spaced:
        rest = spaced.group(1)
        tail.insert(0, Component("paren", spaced.group(2), " "))
    pieces = rest.split("/")
    series = pieces[0]
    if not re.fullmatch(r"[A-Z]{1,10}", series) or len(pieces) < 2:
        return None

    raw: list[Component] = []
    for piece in pieces[1:]:
        if _NUMBER_RE.fullmatch(piece):
            raw.append(Component("number", piece))
        elif (att := _ATTACHED_RE.fullmatch(piece)):
            raw.append(Component("number", att.group(1)))
            raw.append(Component("paren", att.group(2), ""))
        elif piece == "Summary":
            raw.append(Component("suffix", piece))
        elif _SESSION_RE.fullmatch(piece):
            raw.append(Component("session", piece))
        elif (word := _WORD_RE.fullmatch(piece)):
            name, num = word.group("name"), word.group("num")
            if name in SUFFIXES:
                if num is None:
                    return None
                raw.append(Component("suffix", piece))
            elif name.isupper():
                raw.append(Component("nature" if name in NATURES else "body", piece))
            elif num is not None:            # Sub.2, Res.1: mixed case needs its number
                raw.append(Component("nature" if name.upper() in NATURES else "body", piece))
            else:
                return None
        else:
            return None
    parts = raw + tail

    # Suffixes close the symbol: after them only suffixes (and "*" last).
    core_end = len(parts)
    for i, p in enumerate(parts):
        if p.kind == "suffix":
            core_end = i
            break
    if any(p.kind != "suffix" for p in parts[core_end:]):
        return None
    core = parts[:core_end]
    if not core:
        return None
    # The last component of the core carries a number.
    last = core[-1]
    if last.kind == "paren":
        if len(core) < 2 or core[-2].kind != "number":
            return None
    elif not any(ch.isdigit() for ch in last.text):
        return None
    # Parentheticals: a real session numeral or year, after a number whose
    # session is not otherwise given (preceded by a lettered component).
    for i, p in enumerate(core):
        if p.kind != "paren":
            continue
        if not _valid_paren(p.text) or i < 2 or core[i - 1].kind != "number":
            return None
        if core[i - 2].kind not in ("nature", "body"):
            return None
        if p.sep == " " and i != len(core) - 1:
            return None
    # Enough structure: two components after the series, or one dotted one.
    named = [p for p in core if p.kind != "paren"]
    if len(named) < 2 and not (len(named) == 1 and "." in named[0].text):
        return None

    # Descriptive kinds for the numbers: the last bare number is the document
    # number, earlier ones a year (four digits) or a session.
    numbers = [i for i, p in enumerate(core) if p.kind == "number"]
    letters_after = {i for i in numbers
                     if any(q.kind in ("body", "nature", "session") for q in core[i + 1:])}
    final = [i for i in numbers if i not in letters_after]
    number_at = final[-1] if final else None
    out: list[Component] = []
    for i, p in enumerate(parts):
        if p.kind == "number" and i != number_at:
            year = len(p.text) == 4 and 1945 <= int(p.text) <= 2099
            p = Component("year" if year else "session", p.text, p.sep)
        out.append(p)
    symbol = Symbol(series, tuple(out))
    return symbol if str(symbol) == text else None


def _url_spans(text: str) -> list[tuple[int, int]]:
    if "://" not in text and "www." not in text:  # the regex tries every letter; most text has no URL
        return []
    return [m.span() for m in _URL_RE.finditer(text)]


def _inside(spans: list[tuple[int, int]], start: int) -> bool:
    return any(a <= start < b for a, b in spans)


def find_symbols(text: str) -> list[Match]:
    """Every document symbol in running text, in order (never inside a URL)."""
    out: list[Match] = []
    if "/" not in text:  # every symbol has a slash: most runs of text are done here
        return out
    urls = _url_spans(text)
    for match in SYMBOL_RE.finditer(text):
        start = match.start()
        if _inside(urls, start):
            continue
        candidates = [match.end()]
        if match.group("paren"):   # "A/RES/ES-11/1 (2022)": keep the symbol, drop the remark
            candidates.append(match.start("paren"))
        for end in candidates:
            if parse_symbol(text[start:end]) is not None:
                out.append(Match(start, end, text[start:end]))
                break
    return out


def _trim(token: str) -> str:
    """Sentence punctuation and unbalanced closing parentheses are not part of a token."""
    while token:
        if token[-1] == ")" and token.count("(") < token.count(")"):
            token = token[:-1]
        elif token[-1] in ",;:!?":
            token = token[:-1]
        elif token[-1] == "." and (not re.search(r"/[A-Za-z]+\.$", token)
                                   or parse_symbol(token[:-1]) is not None):
            token = token[:-1]   # "A/75/1." ends a sentence; "…/Add." lacks its number
        else:
            break
    return token


def find_malformed(text: str) -> list[Match]:
    """Strings that look like document symbols but break the grammar.

    Symbol-like means: a capitalised series, at least two slashes and a digit
    somewhere (``A/75/``, ``A//75/1``, ``A/RES/217(III``,
    ``E/CN.4/Sub./1998/13``, ``…/L.1/Add.``). Ordinary slashed text has no
    digit (``TCP/IP``, ``UN/DESA``, ``and/or``), starts with a digit (dates,
    fractions, ``10/6``) or has a single slash (``HTTP/2``, ``R/3``).
    """
    out: list[Match] = []
    if text.count("/") < 2:
        return out
    good = find_symbols(text)
    urls = _url_spans(text)
    for match in _LOOSE_RE.finditer(text):
        start = match.start()
        token = _trim(match.group(0))
        end = start + len(token)
        if _inside(urls, start) or parse_symbol(token) is not None:
            continue
        if any(g.start == start and g.end >= end for g in good):
            continue
        if token.count("/") < 2 or not any(ch.isdigit() for ch in token):
            continue
        out.append(Match(start, end, token))
    return out


def is_symbol(text: str) -> bool:
    """Whether ``text`` is exactly one document symbol."""
    return parse_symbol(text.strip()) is not None


def ods_url(symbol: str, lang: str) -> str:
    """Link to the symbol in the Official Document System, in the version's language.

    ``S/RES/2532 (2020)`` as printed links as ``S/RES/2532(2020)``.
    """
    return f"https://undocs.org/{lang}/{quote(symbol.replace(' (', '('), safe='/.()')}"


def canonical(text: str) -> str:
    """The form that identifies a document in every version and in links: no space
    before a parenthesis (``S/RES/2532 (2020)``), no reissue asterisk."""
    parsed = parse_symbol(text.strip())
    form = parsed.link_form if parsed else text.strip()
    return form.rstrip("*")
