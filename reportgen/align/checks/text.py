"""Text: paragraphs left untranslated, and paragraphs whose length is far from
what the rest of the document leads one to expect."""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
from collections import Counter
from difflib import SequenceMatcher
from typing import Iterator

from reportgen.align.findings import Finding, Pair, check, finding
from reportgen.l10n import language

# Letters only, by script: enough to tell which script a paragraph is written in.
_SCRIPTS = {
    "latin": re.compile(r"[A-Za-z\u00c0-\u024f]"),
    "cyrillic": re.compile(r"[\u0400-\u04ff]"),
    "han": re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"),
    "arabic": re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]"),
}
SAMPLE = 600          # characters enough to tell a paragraph's script
MIN_LETTERS = 20       # shorter paragraphs (a name, a symbol list) may rightly be identical
SIMILAR = 0.9          # difflib ratio above which a paragraph counts as not translated
MIN_PARAGRAPHS = 6     # fewer common paragraphs give no reliable median ratio
ROBUST_Z = 3.5         # Iglewicz–Hoaglin cut-off for the modified z-score
MIN_FACTOR = 1.75      # and at least this far from the expected length, either way


def script_of(text: str) -> tuple[str | None, int]:
    """The dominant script of ``text`` and the number of letters counted."""
    counts = Counter({name: len(rx.findall(text)) for name, rx in _SCRIPTS.items()})
    name, n = counts.most_common(1)[0]
    total = sum(counts.values())
    return (name if n else None), total


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@check("untranslated", "error",
       "A paragraph is identical or nearly identical to the original, or written in the original's script.")
def untranslated(pair: Pair) -> Iterator[Finding]:
    if pair.lang == pair.original.lang:
        return  # a version compared with itself
    own = language(pair.lang).script
    original_script = language(pair.original.lang).script
    for orig, mine in pair.matched():
        n = orig.number
        dominant, letters = script_of(mine.text[:SAMPLE])
        if letters < MIN_LETTERS:
            continue
        if dominant != own and dominant == original_script:
            yield finding(pair, "untranslated", mine,
                          f"paragraph {n} is written in {dominant} script, like the original, not in {own}",
                          original=orig)
            continue
        a, b = _normal(mine.text), _normal(orig.text)
        if dominant != original_script or _word_overlap(a, b) < SIMILAR / 2:
            continue  # another script, or few words in common: cannot be 90 % the same
        matcher = SequenceMatcher(None, a, b, autojunk=False)
        if matcher.quick_ratio() >= SIMILAR and matcher.ratio() >= SIMILAR:
            same = "identical to" if a == b else f"{matcher.ratio():.0%} the same as"
            yield finding(pair, "untranslated", mine, f"paragraph {n} is {same} the original", original=orig)


def _word_overlap(a: str, b: str) -> float:
    """Share of the shorter text's words found in the other: a cheap bound before difflib."""
    x, y = set(a.split()), set(b.split())
    return len(x & y) / min(len(x), len(y)) if x and y else 0.0


def _length(text: str) -> int:
    return len("".join(text.split()))


@check("length-outlier", "warning",
       "A paragraph is much longer or shorter than the document's usual ratio to the original suggests.")
def length_outlier(pair: Pair) -> Iterator[Finding]:
    """Robust statistics on log length ratios: the median ratio of this language
    pair in this document is the expectation, the median absolute deviation the
    spread; no fixed constant per language."""
    ratios: dict[int, float] = {}
    units = {}
    for orig, mine in pair.matched():
        a, b = _length(mine.text), _length(orig.text)
        if a and b and orig.number is not None:
            ratios[orig.number] = math.log(a / b)
            units[orig.number] = (orig, mine)
    if len(ratios) < MIN_PARAGRAPHS:
        return
    median = statistics.median(ratios.values())
    mad = statistics.median(abs(r - median) for r in ratios.values())
    expected = math.exp(median)
    for n, r in ratios.items():
        deviation = abs(r - median)
        z = 0.6745 * deviation / mad if mad else math.inf
        if z > ROBUST_Z and deviation > math.log(MIN_FACTOR):
            actual = math.exp(r)
            longer = "longer" if r > median else "shorter"
            yield finding(pair, "length-outlier", units[n][1], original=units[n][0], message=
                          f"paragraph {n} is {actual:.2f} times the original's length where this document's "
                          f"median is {expected:.2f}: much {longer} than expected")
