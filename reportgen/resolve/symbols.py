"""UN document symbols, recognised by their grammar rather than a list of bodies.

A symbol is a series or organ (``A``, ``S``, ``E``, ``ST``, ``CAC``, ``CRC``…)
followed by ``/``-separated components: subsidiary bodies and natures written
in capitals with an optional ``.number`` (``COSP``, ``EG.1``, ``C.3``, ``L.1``,
``PV.12``), sessions, years and numbers in digits (``2021``, ``217(III)``),
and suffixes (``Add.1``, ``Corr.2``, ``Rev.1``, ``Summary``, ``*``). It must
end in a component carrying a number, which is what separates ``A/75/1`` from
an abbreviation pair such as ``UNODC/WB``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

_HEAD = r"[A-Z][A-Z0-9]{0,9}"
_PART = (
    r"(?:"
    r"\d{1,5}(?:\([A-Z0-9.\-]+\))?"        # session, year, number; 217(III)
    r"|[A-Z]{1,10}(?:\.\d{1,4}[A-Z]?)*"      # body or nature: COSP, EG.1, CN.4, L.1
    r"|(?:Add|Amend|Corr|Rev|Sub|Res|Dec)\.\d{1,4}"  # suffixes and mixed-case bodies
    r"|Summary"
    r")"
)
# Not preceded by something that would make this the tail of a longer token
# (a URL path, a word): Chinese and Arabic letters may touch a symbol directly.
SYMBOL_RE = re.compile(
    rf"(?<![A-Za-z0-9/.\-_])({_HEAD}(?:/{_PART})+)(\*)?(?![A-Za-z0-9/])"
)


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    symbol: str


def _has_number(component: str) -> bool:
    return any(ch.isdigit() for ch in component) or component == "Summary"


def find_symbols(text: str) -> list[Match]:
    """Every document symbol in running text, in order."""
    out = []
    for match in SYMBOL_RE.finditer(text):
        symbol = match.group(1)
        # Trailing sentence punctuation is not part of the symbol: "see A/75/1."
        if not _has_number(symbol.rsplit("/", 1)[-1]):
            continue
        end = match.end()
        out.append(Match(match.start(), end, text[match.start():end]))
    return out


def is_symbol(text: str) -> bool:
    """Whether ``text`` is exactly one document symbol."""
    found = find_symbols(text.strip())
    return len(found) == 1 and found[0].symbol == text.strip()


def ods_url(symbol: str, lang: str) -> str:
    """Link to the symbol in the Official Document System, in the version's language."""
    return f"https://undocs.org/{lang}/{quote(symbol, safe='/.()')}"
