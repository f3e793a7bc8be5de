"""Structure, read from the content alignment: each dropped, inserted, merged,
split or moved paragraph is named once, at the original's paragraph; a version
whose numbering went wrong after such a defect gets one finding for the run of
renumbered paragraphs, never one per paragraph. Then, on the aligned pairs: the
same chapters, sub-items and footnotes."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from reportgen.align.findings import CheckId, Finding, Link, Pair, Unit, check, finding, missing_unit_line
from reportgen.l10n import language


def _units(pair: Pair, link: Link) -> tuple[list[Unit], list[Unit]]:
    return ([pair.original.segments[i] for i in link.original], [pair.version.segments[j] for j in link.version])


def _name(u: Unit) -> str:
    return f"paragraph {u.number}" if u.number is not None else f"unnumbered paragraph {u.index} {u.place}".rstrip()


def _names(units: list[Unit]) -> str:
    if all(u.number is not None for u in units):
        return "paragraphs " + _and([str(u.number) for u in units])
    if all(u.number is None for u in units) and len({u.place for u in units}) == 1:
        return f"unnumbered paragraphs {_and([str(u.index) for u in units])} {units[0].place}".rstrip()
    return _and([_name(u) for u in units])


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _kind(link: Link) -> str:
    """1-0, 0-1, 1-1, or "n-1" / "1-n" for merges and splits of any size."""
    a, b = len(link.original), len(link.version)
    return f"{a}-{b}" if a <= 1 and b <= 1 else ("n-1" if b == 1 else "1-n")


def _numbered(pair: Pair, link: Link) -> bool:
    origs, mine = _units(pair, link)
    return any(u.number is not None for u in origs + mine)


def _defects(pair: Pair, kind: str, numbered: bool, check_id: CheckId) -> Iterator[Finding]:
    """Findings for the links of one kind (1-0, 0-1, 2-1, 1-2) between numbered
    paragraphs, or between unnumbered ones."""
    for link in pair.links:
        if _kind(link) != kind or link.moved or _numbered(pair, link) != numbered:
            continue
        origs, mine = _units(pair, link)
        if kind == "1-0":
            where = f"{pair.original.doc.path.name}:{origs[0].line}"
            yield finding(pair, check_id, None, f"{_name(origs[0])} of the original ({where}) is missing here",
                          paragraph=origs[0].number, line=missing_unit_line(pair.links, pair.links.index(link), pair.version.segments))
        elif kind == "0-1":
            yield finding(pair, check_id, mine[0],
                          f"{_name(mine[0])} here has no counterpart in the original{_after(pair, link)}",
                          paragraph=_previous_original(pair, link))
        elif kind == "n-1":
            yield finding(pair, check_id, mine[0],
                          f"{_names(origs)} of the original are merged into {_name(mine[0])} here",
                          original=origs[0])
        elif kind == "1-n":
            yield finding(pair, check_id, mine[0], f"{_name(origs[0])} of the original is split into "
                                                   f"{_names(mine)} here", original=origs[0])


@check(CheckId.MISSING_PARAGRAPH, "error", "A paragraph of the original has no counterpart in the translation.")
def missing_paragraph(pair: Pair) -> Iterator[Finding]:
    yield from _defects(pair, "1-0", True, CheckId.MISSING_PARAGRAPH)


@check(CheckId.EXTRA_PARAGRAPH, "error", "The translation has a paragraph with no counterpart in the original.")
def extra_paragraph(pair: Pair) -> Iterator[Finding]:
    yield from _defects(pair, "0-1", True, CheckId.EXTRA_PARAGRAPH)


@check(CheckId.MERGED_PARAGRAPHS, "error", "Two paragraphs of the original are merged into one in the translation.")
def merged_paragraphs(pair: Pair) -> Iterator[Finding]:
    yield from _defects(pair, "n-1", True, CheckId.MERGED_PARAGRAPHS)


@check(CheckId.SPLIT_PARAGRAPH, "error", "A paragraph of the original is split into two in the translation.")
def split_paragraph(pair: Pair) -> Iterator[Finding]:
    yield from _defects(pair, "1-n", True, CheckId.SPLIT_PARAGRAPH)


@check(CheckId.UNNUMBERED_MISMATCH, "error",
       "An unnumbered paragraph (a preamble, a lead-in) is missing, added, merged or split.")
def unnumbered_mismatch(pair: Pair) -> Iterator[Finding]:
    for kind in ("1-0", "0-1", "n-1", "1-n"):
        yield from _defects(pair, kind, False, CheckId.UNNUMBERED_MISMATCH)


def _previous_original(pair: Pair, link: Link) -> int | None:
    k = pair.links.index(link)
    for earlier in reversed(pair.links[:k]):
        numbered = [pair.original.segments[i].number for i in earlier.original
                    if pair.original.segments[i].number is not None]
        if numbered:
            return numbered[-1]
    return None


def _after(pair: Pair, link: Link) -> str:
    n = _previous_original(pair, link)
    return f" (inserted after the original's paragraph {n})" if n is not None else ""


@check(CheckId.ORDER_MISMATCH, "error", "A paragraph stands elsewhere than in the original's order.")
def order_mismatch(pair: Pair) -> Iterator[Finding]:
    for link in pair.links:
        if link.moved:
            (orig,), (mine,) = _units(pair, link)
            before = _previous_in_version(pair, link)
            where = f" after the original's paragraph {before}" if before is not None else " first"
            yield finding(pair, CheckId.ORDER_MISMATCH, mine,
                          f"{_name(orig)} of the original stands{where} here (as {_name(mine)})", original=orig)


def _previous_in_version(pair: Pair, link: Link) -> int | None:
    """The original number of the unit just before the moved one in the version."""
    j = link.version[0]
    by_version = {v: l for l in pair.links for v in l.version}
    for k in range(j - 1, -1, -1):
        other = by_version.get(k)
        if other and other.original:
            n = pair.original.segments[other.original[-1]].number
            if n is not None:
                return n
    return None


@check(CheckId.NUMBERING_MISMATCH, "error",
       "After a defect, the translation's paragraph numbers no longer match the original's.")
def numbering_mismatch(pair: Pair) -> Iterator[Finding]:
    """One finding per run of matched paragraphs shifted by the same amount."""
    run: list[tuple[Unit, Unit]] = []

    def report(run: list[tuple[Unit, Unit]]) -> Iterator[Finding]:
        (o1, v1), (o2, v2) = run[0], run[-1]
        if len(run) == 1:
            text = f"paragraph {v1.number} here is paragraph {o1.number} of the original"
        else:
            text = f"paragraphs {v1.number}–{v2.number} here are {o1.number}–{o2.number} of the original"
        yield finding(pair, CheckId.NUMBERING_MISMATCH, v1, text + ": renumber them", original=o1)

    moved = {pair.version.segments[l.version[0]].line for l in pair.links if l.moved or l.swapped}
    for orig, mine in pair.matched():
        if mine.line in moved:
            continue  # reported as moved
        shift = (mine.number or 0) - (orig.number or 0)
        if run and shift == (run[-1][1].number or 0) - (run[-1][0].number or 0) and shift:
            run.append((orig, mine))
            continue
        if run:
            yield from report(run)
        run = [(orig, mine)] if shift else []
    if run:
        yield from report(run)


@check(CheckId.DUPLICATE_PARAGRAPH, "error", "A paragraph number appears more than once in the translation.")
def duplicate_paragraph(pair: Pair) -> Iterator[Finding]:
    """A repeated number, unless it stands on a paragraph the translator split off or
    added, where the split-paragraph or extra-paragraph finding already names it."""
    segments = pair.version.segments
    explained = {id(segments[j]) for link in pair.links if len(link.version) > 1 or not link.original
                 for j in link.version}
    for u in pair.version.duplicates:
        if id(u) in explained or id(pair.version.units[u.number]) in explained:  # type: ignore[index]
            continue
        first = pair.version.units[u.number]  # type: ignore[index]
        yield finding(pair, CheckId.DUPLICATE_PARAGRAPH, u,
                      f"paragraph {u.number} appears again (first at line {first.line})", paragraph=u.number)


@check(CheckId.HEADING_MISMATCH, "error", "Chapters and sub-headings differ from the original's.")
def heading_mismatch(pair: Pair) -> Iterator[Finding]:
    mine, theirs = pair.version.structure.headings, pair.original.structure.headings
    shape = [(lv, n) for lv, n, _ in mine]
    original_shape = [(lv, n) for lv, n, _ in theirs]
    if shape != original_shape:
        # the line of the first heading that differs, else of the last one this version has
        differing = [line for (lv, n, line), other in zip(mine, original_shape) if (lv, n) != other]
        line = differing[0] if differing else (mine[-1][2] if mine else None)
        yield finding(pair, CheckId.HEADING_MISMATCH, None,
                      f"headings differ: {_headings(shape)} here, {_headings(original_shape)} in the original",
                      line=line, items=[_heading(lv, n) for lv, n in shape if (lv, n) not in original_shape],
                      original_items=[_heading(lv, n) for lv, n in original_shape if (lv, n) not in shape])
        return
    for orig_u, mine_u in pair.matched():
        if mine_u.chapter != orig_u.chapter:
            yield finding(pair, CheckId.HEADING_MISMATCH, mine_u,
                          f"paragraph {orig_u.number} stands {mine_u.place} here, {orig_u.place} in the original",
                          original=orig_u)


def _headings(headings: list[tuple[int, int | None]]) -> str:
    return ", ".join(_heading(lv, n) for lv, n in headings) or "none"


def _heading(level: int, number: int | None) -> str:
    """A heading in the document's own terms: chapter V, section A."""
    if number is None:
        return {1: "unnumbered chapter", 2: "unnumbered section"}.get(level, "heading")
    if level == 1:
        return f"chapter {_roman(number)}"
    if level == 2:
        return f"section {_letters(number)}"
    return "heading"


def _roman(n: int) -> str:
    from reportgen.l10n.numerals import BUILTIN_SYSTEMS
    return BUILTIN_SYSTEMS["roman"].format(n)


def _letters(n: int) -> str:
    from reportgen.l10n.numerals import BUILTIN_SYSTEMS
    return BUILTIN_SYSTEMS["latin_upper"].format(n)


@check(CheckId.SUBITEM_MISMATCH, "error", "A paragraph has different sub-items (a), (b)… than in the original.")
def subitem_mismatch(pair: Pair) -> Iterator[Finding]:
    for orig, mine in pair.matched():
        if mine.subitems != orig.subitems:
            if [lv for lv, _ in mine.subitems] == [lv for lv, _ in orig.subitems]:
                continue  # the same sub-items, lettered out of sequence: subitem-sequence says so
            yield finding(pair, CheckId.SUBITEM_MISMATCH, mine,
                          f"paragraph {orig.number} has {_subitems(mine.subitems)} here, "
                          f"the original {_subitems(orig.subitems)}", original=orig)


@check(CheckId.SUBITEM_SEQUENCE, "error",
       "Sub-items of a paragraph do not run (a), (b), (c)… in the translation: one is out of sequence.")
def subitem_sequence(pair: Pair) -> Iterator[Finding]:
    """Sub-items out of sequence, at their line: the reader lets alignment read such a
    version (build and check refuse it). Where the paragraph is half of a merge or a
    split, that finding already says why, and this one is not repeated."""
    explained = {j for link in pair.links if len(link.original) > 1 or len(link.version) > 1 for j in link.version}
    originals = {id(mine): orig for orig, mine in pair.matched()}
    lang = language(pair.lang)
    for j, mine in enumerate(pair.version.segments):
        if j in explained:
            continue
        for level, index, line, expected in _out_of_sequence(mine):
            yield finding(pair, CheckId.SUBITEM_SEQUENCE, mine,
                          f"sub-item {lang.subitem_marker(index, level)} is out of sequence: "
                          f"expected {lang.subitem_marker(expected, level)}",
                          line=line, original=originals.get(id(mine)))


def _out_of_sequence(u: Unit) -> Iterator[tuple[int, int, int | None, int]]:
    """(level, index, line, index expected) of each sub-item that does not follow the one
    before it at its level (the second level starts again under each first-level item)."""
    last = {1: 0, 2: 0}
    for level, index, line, _ in u.subitem_texts:
        if level == 1:
            last[2] = 0
        if index != last[level] + 1:
            yield level, index, line, last[level] + 1
        last[level] = index


def _subitems(items: tuple[tuple[int, int], ...]) -> str:
    if not items:
        return "no sub-items"
    levels = Counter(level for level, _ in items)
    parts = [f"{levels[1]} sub-item{'s' if levels[1] != 1 else ''}"]
    if levels[2]:
        parts.append(f"{levels[2]} at the second level")
    return " and ".join(parts)


@check(CheckId.FOOTNOTE_MISMATCH, "error", "A paragraph has a different number of footnotes than in the original.")
def footnote_mismatch(pair: Pair) -> Iterator[Finding]:
    for orig, mine in pair.matched():
        if len(mine.footnotes) != len(orig.footnotes):
            yield finding(pair, CheckId.FOOTNOTE_MISMATCH, mine,
                          f"paragraph {orig.number} has {len(mine.footnotes)} footnote(s) here, "
                          f"the original {len(orig.footnotes)}", original=orig)
