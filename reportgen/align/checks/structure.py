"""Structure: the same paragraphs, in the same order, under the same headings,
with the same sub-items, footnotes and unnumbered paragraphs."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from reportgen.align.findings import Finding, Pair, check, finding


def _where(pair: Pair, number: int) -> int | None:
    """The line in the translation where a missing paragraph belongs: after the
    nearest earlier paragraph that the translation has."""
    earlier = [n for n in pair.version.order if n < number]
    return pair.version.units[max(earlier)].line if earlier else None


@check("missing-paragraph", "error", "A paragraph of the original is missing from the translation.")
def missing_paragraph(pair: Pair) -> Iterator[Finding]:
    for n in pair.original.order:
        if n not in pair.version.units:
            orig = pair.original.units[n]
            yield finding(pair, "missing-paragraph", None,
                          f"paragraph {n} of the original ({pair.original.doc.path.name}:{orig.line}) is missing",
                          paragraph=n, line=_where(pair, n))


@check("extra-paragraph", "error", "The translation has a paragraph the original does not have.")
def extra_paragraph(pair: Pair) -> Iterator[Finding]:
    for n in pair.version.order:
        if n not in pair.original.units:
            yield finding(pair, "extra-paragraph", pair.version.units[n],
                          f"paragraph {n} is not in the original")


@check("duplicate-paragraph", "error", "A paragraph number appears more than once in the translation.")
def duplicate_paragraph(pair: Pair) -> Iterator[Finding]:
    for u in pair.version.duplicates:
        first = pair.version.units[u.number]
        yield finding(pair, "duplicate-paragraph", u,
                      f"paragraph {u.number} appears again (first at line {first.line})")


@check("order-mismatch", "error", "Paragraphs stand in a different order than in the original.")
def order_mismatch(pair: Pair) -> Iterator[Finding]:
    mine = [n for n in pair.version.order if n in pair.original.units]
    theirs = pair.common()
    for a, b in zip(mine, theirs):
        if a != b:
            yield finding(pair, "order-mismatch", pair.version.units[a],
                          f"paragraph {a} stands where the original has paragraph {b}")
            return


@check("heading-mismatch", "error", "Chapters and sub-headings differ from the original's.")
def heading_mismatch(pair: Pair) -> Iterator[Finding]:
    mine, theirs = pair.version.structure.headings, pair.original.structure.headings
    shape = [(lv, n) for lv, n, _ in mine]
    original_shape = [(lv, n) for lv, n, _ in theirs]
    if shape != original_shape:
        # the line of the first heading that differs, else of the last one this version has
        differing = [line for (lv, n, line), other in zip(mine, original_shape) if (lv, n) != other]
        line = differing[0] if differing else (mine[-1][2] if mine else None)
        yield finding(pair, "heading-mismatch", None,
                      f"headings differ: {_headings(shape)} here, {_headings(original_shape)} in the original",
                      line=line, items=[_heading(lv, n) for lv, n in shape if (lv, n) not in original_shape],
                      original_items=[_heading(lv, n) for lv, n in original_shape if (lv, n) not in shape])
        return
    for n in pair.common():
        mine_u, orig_u = pair.version.units[n], pair.original.units[n]
        if mine_u.chapter != orig_u.chapter:
            yield finding(pair, "heading-mismatch", mine_u,
                          f"paragraph {n} stands in chapter {mine_u.chapter} here, "
                          f"in chapter {orig_u.chapter} in the original")


def _headings(headings: list[tuple[int, int | None]]) -> str:
    return ", ".join(_heading(lv, n) for lv, n in headings) or "none"


def _heading(level: int, number: int | None) -> str:
    kind = {1: "chapter", 2: "sub-heading"}.get(level, "heading")
    return f"{kind} {number}" if number is not None else f"unnumbered {kind}"


@check("subitem-mismatch", "error", "A paragraph has different sub-items (a), (b)… than in the original.")
def subitem_mismatch(pair: Pair) -> Iterator[Finding]:
    for n in pair.common():
        mine, orig = pair.version.units[n], pair.original.units[n]
        if mine.subitems != orig.subitems:
            yield finding(pair, "subitem-mismatch", mine,
                          f"paragraph {n} has {_subitems(mine.subitems)}, the original {_subitems(orig.subitems)}")


def _subitems(items: tuple[tuple[int, int], ...]) -> str:
    if not items:
        return "no sub-items"
    levels = Counter(level for level, _ in items)
    parts = [f"{levels[1]} sub-item{'s' if levels[1] != 1 else ''}"]
    if levels[2]:
        parts.append(f"{levels[2]} at the second level")
    return " and ".join(parts)


@check("footnote-mismatch", "error", "A paragraph has a different number of footnotes than in the original.")
def footnote_mismatch(pair: Pair) -> Iterator[Finding]:
    for n in pair.common():
        mine, orig = pair.version.units[n], pair.original.units[n]
        if len(mine.footnotes) != len(orig.footnotes):
            yield finding(pair, "footnote-mismatch", mine,
                          f"paragraph {n} has {len(mine.footnotes)} footnote(s), the original {len(orig.footnotes)}")


@check("unnumbered-mismatch", "error",
       "A chapter has a different number of unnumbered paragraphs than in the original.")
def unnumbered_mismatch(pair: Pair) -> Iterator[Finding]:
    mine, orig = pair.version.structure, pair.original.structure
    for position in sorted(set(mine.unnumbered) | set(orig.unnumbered)):
        a, b = mine.unnumbered.get(position, 0), orig.unnumbered.get(position, 0)
        if a != b:
            where = mine.chapter_names.get(position) or orig.chapter_names.get(position, f"under heading {position}")
            yield finding(pair, "unnumbered-mismatch", None,
                          f"{a} unnumbered paragraph(s) {where} here, {b} in the original",
                          line=mine.unnumbered_lines.get(position))
