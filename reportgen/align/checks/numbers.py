"""Numbers by value: every figure, date part and percentage of a paragraph, read
in each language's own notation, must be found in the translation too."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Iterator

from reportgen.align.findings import CheckId, Finding, Pair, check, finding
from reportgen.align.numbers import comparable


#: Kinds written in figures: a missing one is an error (a time, 18.15, is one value).
_FIGURES = frozenset({"digits", "time"})


def _show(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else str(value)


@check(CheckId.NUMBER_MISMATCH, "error",
       "A figure, date or percentage of the original is missing or different in the translation.")
def number_mismatch(pair: Pair) -> Iterator[Finding]:
    """A figure in digits present on one side only is an error; a difference in
    spelled-out numbers or month names only is a warning."""
    for orig_u, mine_u in pair.matched():
        n = orig_u.number
        mine, orig = mine_u.numbers, orig_u.numbers
        mine_all, orig_all = comparable(mine), comparable(orig)
        if mine_all == orig_all:
            continue
        mine_digits = Counter(x.value for x in mine if x.kind in _FIGURES)
        orig_digits = Counter(x.value for x in orig if x.kind in _FIGURES)
        missing, extra = orig_all - mine_all, mine_all - orig_all
        # An error when a figure written in digits has no counterpart at all.
        digit_gap = any(orig_digits[v] > mine_all[v] for v in missing) or \
            any(mine_digits[v] > orig_all[v] for v in extra)
        parts = []
        if missing:
            parts.append("the original has " + ", ".join(_show(v) for v in sorted(missing.elements())) +
                         " not found here")
        if extra:
            parts.append("this version has " + ", ".join(_show(v) for v in sorted(extra.elements())) +
                         " not in the original")
        yield finding(pair, CheckId.NUMBER_MISMATCH, mine_u, f"paragraph {n}: {'; '.join(parts)}", original=orig_u,
                      severity="error" if digit_gap else "warning",
                      items=[x.text for x in mine if x.value in extra],
                      original_items=[x.text for x in orig if x.value in missing])
