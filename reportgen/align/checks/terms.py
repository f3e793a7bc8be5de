"""Terminology: where a paragraph of the original uses a term of the report's term
base (``terms.tbx``/``terms.csv``, read by ``reportgen.source.termbase``), the
aligned paragraph of the translation must use one of that concept's approved terms
in its language. Terms are found through inflection (``reportgen.l10n.stems``), so
"droit de l’homme" renders "human rights" as well as "droits de l'homme" does."""

from __future__ import annotations

import weakref
from typing import Iterator

from reportgen.align.findings import CheckId, Finding, Pair, Version, check, finding
from reportgen.l10n.stems import matcher
from reportgen.source.termbase import TermBase


def _quoted(terms: tuple[str, ...]) -> str:
    shown = [f'"{t}"' for t in terms]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]


# What the original holds, kept for the next pair: the original's terms do not depend
# on the translation, so aligning several translations with the same original object
# (in one process, however the versions were shared out) works them out once.
_last: tuple[weakref.ref[Version], TermBase, dict[int, tuple[tuple[int, str], ...]]] | None = None


def _original_terms(original: Version, terms: TermBase) -> dict[int, tuple[tuple[int, str], ...]]:
    """For each numbered paragraph of the original (by the unit's id: the units of the
    original object, alive as long as it is), the entries whose term it uses: (index of
    the entry, the term found). Each paragraph is cut and stemmed once."""
    global _last
    if _last is not None and _last[0]() is original and _last[1] == terms:  # each task unpickles its own
        return _last[2]
    find = matcher(original.lang)
    keyed = [(i, t, k) for i, entry in enumerate(terms.entries) for t in entry.terms(original.lang)
             if (k := find.key(t))]
    found: dict[int, tuple[tuple[int, str], ...]] = {}
    for u in original.segments:
        if u.number is None:
            continue
        key = find.key(u.prose)
        hits: dict[int, str] = {}
        for i, term, k in keyed:
            if i not in hits and k in key:
                hits[i] = term
        found[id(u)] = tuple(hits.items())
    _last = (weakref.ref(original), terms, found)
    return found


@check(CheckId.TERM_MISMATCH, "warning",
       "A term of the term base in the original is not rendered by an approved term of the translation's language.")
def term_mismatch(pair: Pair) -> Iterator[Finding]:
    terms = pair.terms
    if not terms:
        return
    mine = matcher(pair.lang)
    # each entry's approved terms here with their keys (none: the entry lacks this language)
    wanted = [tuple((t, k) for t in entry.terms(pair.lang) if (k := mine.key(t))) for entry in terms.entries]
    if not any(wanted):
        return
    found = _original_terms(pair.original, terms)
    for orig, unit in pair.matched():
        unit_key = None  # the paragraph is cut and stemmed once, and only if a term asks
        for i, hit in found[id(orig)]:
            if not wanted[i]:
                continue
            if unit_key is None:
                unit_key = mine.key(unit.prose)
            if not any(k in unit_key for _, k in wanted[i]):
                yield finding(pair, CheckId.TERM_MISMATCH, unit,
                              f'"{hit}" should be rendered as {_quoted(tuple(t for t, _ in wanted[i]))}',
                              original=orig, original_items=(hit,))
