"""Which block of an older draft became which block of the newer one (``reportgen diff``).

Paragraphs are paired by content with the project's own alignment (the same
dynamic programme that pairs a translation with its original), never by number,
so a paragraph inserted in the middle does not turn every later one into a
change. Headings, which the alignment leaves to the structure checks, are paired
by level and text (a changed title pairs with the next heading of its level
whose text is similar enough). A link of several paragraphs (a merge or split to the
alignment, most often a paragraph inserted or deleted beside one kept, between
drafts) keeps its most similar pair; pairs whose texts share too little, and
pairs out of both drafts' order (a moved paragraph), are dropped, so that block
is shown deleted where it was and inserted where it is — what accepting or
rejecting the revisions must give anyway. Paragraphs left as they were pair by their
text alone; only the others go through the alignment (``_paragraph_pairs``).
The DOCX writer (``render/docx/revisions.py``) then diffs each pair's text.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from reportgen import model as m
from reportgen.align import align_pair, prepare_version, textdiff
from reportgen.align.match import longest_increasing
from reportgen.errors import processing
from reportgen.l10n import language

__all__ = ["Step", "TOKENS", "drafts_shared", "revision_steps", "tracked_version"]

#: What one tracked change covers, by the ``diff_tokens`` of the language's data file.
TOKENS = {
    # A word, a run of spaces, or one other character: a changed word is one
    # deletion and one insertion, not a change of letters.
    "words": re.compile(r"\w+|\s+|[^\w\s]"),
    # Scripts written without spaces between words, or whose letters join: one
    # character each (the text is NFC, so marks are composed where Unicode can).
    "characters": re.compile(r"\s+|.", re.DOTALL),
}

#: A one-to-one link whose texts share less than this (ratio of tokens in common) is a
#: paragraph deleted and another inserted, not one paragraph rewritten.
MIN_SIMILARITY = 0.3



@dataclass(frozen=True)
class Step:
    """One top-level block of the diff, in the new draft's order: a pair (``old``
    and ``new``), a deleted block (``new`` None) or an inserted one (``old`` None)."""

    old: m.Block | None
    new: m.Block | None


def revision_steps(old: m.Document, new: m.Document) -> list[Step]:
    """The top-level blocks of both drafts, paired and merged in order: within a
    gap between pairs, the old draft's deleted blocks come before the inserted ones."""
    split = TOKENS[language(new.meta.language).diff_tokens]
    candidates = _paragraph_pairs(old, new, split) + _heading_pairs(old.blocks, new.blocks, split)
    by_new = sorted(((n, o) for o, n in candidates), key=lambda p: p[0])
    pairs = {o: n for n, o in longest_increasing(by_new)}  # old index -> new index
    paired_new = set(pairs.values())
    steps: list[Step] = []
    i = j = 0
    while i < len(old.blocks) or j < len(new.blocks):
        if i < len(old.blocks) and i not in pairs:
            steps.append(Step(old.blocks[i], None))
            i += 1
        elif j < len(new.blocks) and j not in paired_new:
            steps.append(Step(None, new.blocks[j]))
            j += 1
        else:
            assert pairs.get(i) == j, "pairs kept are in both drafts' order"
            steps.append(Step(old.blocks[i], new.blocks[j]))
            i += 1
            j += 1
    return steps


#: The drafts :func:`tracked_version` compares, by language code, set by :func:`drafts_shared`.
_DRAFTS: dict[str, tuple[Path, m.Document, m.Document]] = {}


@contextmanager
def drafts_shared(drafts: dict[str, tuple[Path, m.Document, m.Document]]) -> Iterator[list[str]]:
    """Make ``drafts`` (code → path of the new draft's file, old, new) what
    :func:`tracked_version` finds; yields their codes, the tasks to run. Worker processes
    forked inside the block find them in the memory they share with this one: two drafts
    of six versions are not pickled to them (at 2,000 paragraphs that cost more than the
    second process saved)."""
    _DRAFTS.update(drafts)
    try:
        yield list(drafts)
    finally:
        _DRAFTS.clear()


def tracked_version(code: str) -> bytes:
    """The tracked-changes DOCX of one version of the drafts shared by
    :func:`drafts_shared`: a task for ``parallel.run_each`` (module-level, so that a worker
    process gets it by name); an unexpected error is marked with the file."""
    from reportgen.render.docx.revisions import render_revisions  # python-docx loads only to write

    path, old, new = _DRAFTS[code]
    with processing(path):
        return render_revisions(old, new, revision_steps(old, new))


def _paragraph_pairs(old: m.Document, new: m.Document, split: re.Pattern[str]) -> list[tuple[int, int]]:
    """(old index, new index) of the top-level paragraphs the alignment links, one pair a link.

    Paragraphs whose text is the same in both drafts, in the same order (the runs of
    equal texts ``textdiff`` finds), pair without the alignment: between two drafts most
    paragraphs are unchanged, and preparing them for the alignment (units, figures,
    concepts) was two fifths of a diff. Only the others are prepared and aligned, with
    the drafts' headings, so that every paragraph keeps its chapter; all of them when a
    text is left over in both (a move)."""
    # Version.segments are the top-level numbered and unnumbered paragraphs, in order.
    old_at = [i for i, b in enumerate(old.blocks) if isinstance(b, (m.NumberedParagraph, m.Para))]
    new_at = [j for j, b in enumerate(new.blocks) if isinstance(b, (m.NumberedParagraph, m.Para))]
    out: list[tuple[int, int]] = []
    old_keys, new_keys = [_text_key(old.blocks[i]) for i in old_at], [_text_key(new.blocks[j]) for j in new_at]
    old_rest, new_rest = set(old_at), set(new_at)
    for tag, i1, i2, j1, j2 in textdiff.opcodes(old_keys, new_keys):
        if tag == "equal":
            for o, n in zip(old_at[i1:i2], new_at[j1:j2]):
                out.append((o, n))
                old_rest.discard(o)
                new_rest.discard(n)
    if not old_rest or not new_rest:
        return out
    # A text left over in both drafts (a paragraph moved): which of its places is the
    # move is the whole alignment's to say, as before.
    if not {k for i, k in zip(old_at, old_keys) if i in old_rest}.isdisjoint(
            k for j, k in zip(new_at, new_keys) if j in new_rest):
        out, old_rest, new_rest = [], set(old_at), set(new_at)
    old_at, new_at = sorted(old_rest), sorted(new_rest)
    old_prepared, new_prepared = prepare_version(_only(old, old_rest)), prepare_version(_only(new, new_rest))
    for link in align_pair(old_prepared, new_prepared, ()).links:
        if link.moved or not link.original or not link.version:
            continue
        if len(link.original) == len(link.version) == 1:
            o, n = link.original[0], link.version[0]
            if _similar(old_prepared.version.segments[o].text, new_prepared.version.segments[n].text, split):
                out.append((old_at[o], new_at[n]))
            continue
        # A merge or split (2-1, 1-2, ...) is, between drafts, most often a paragraph
        # inserted or deleted beside one kept: keep its most similar pair.
        ratio, o, n = max((_similarity(old_prepared.version.segments[o].text,
                                       new_prepared.version.segments[n].text, split), o, n)
                          for o in link.original for n in link.version)
        if ratio >= MIN_SIMILARITY:
            out.append((old_at[o], new_at[n]))
    return out


def _similar(a: str, b: str, split: re.Pattern[str]) -> bool:
    """``_similarity(a, b) >= MIN_SIMILARITY``, most often without comparing the texts: the
    tokens in common are at least the longest run both share, so at least their common
    start and their common end, which alone suffice for a paragraph edited at one end."""
    if a == b:
        return True
    ta, tb = split.findall(a), split.findall(b)
    shortest = min(len(ta), len(tb))
    head = next((k for k, (x, y) in enumerate(zip(ta, tb)) if x != y), shortest)
    tail = next((k for k, (x, y) in enumerate(zip(reversed(ta), reversed(tb))) if x != y), shortest)
    total = len(ta) + len(tb)
    if total and 2.0 * max(head, tail) / total >= MIN_SIMILARITY:
        return True
    return textdiff.ratio(ta, tb) >= MIN_SIMILARITY


def _only(doc: m.Document, paragraphs: set[int]) -> m.Document:
    """``doc`` with its headings and only the top-level paragraphs at ``paragraphs``."""
    return replace(doc, blocks=tuple(b for i, b in enumerate(doc.blocks) if i in paragraphs or isinstance(b, m.Heading)))


def _text_key(block: m.Block) -> object:
    """What a paragraph says, footnotes included, without where it stands (its source
    line, its number): equal in both drafts for a paragraph left as it was."""
    match block:
        case m.Para():
            notes: list[str] = []
            return ("para", m.stringify(block.content, notes=notes), *notes)
        case m.NumberedParagraph():
            return ("numbered", block.label, tuple(map(_text_key, block.blocks)))
        case m.SubItem():
            return ("item", block.index, block.level, tuple(map(_text_key, block.blocks)))
        case m.Heading():
            return ("heading", block.level, m.stringify(block.content))


def _similarity(a: str, b: str, split: re.Pattern[str]) -> float:
    """The share of tokens two texts have in common (``textdiff.ratio``: a cost that
    follows the size of the change, not the square of the text's length)."""
    if a == b:
        return 1.0
    return textdiff.ratio(split.findall(a), split.findall(b))


def _heading_pairs(old: tuple[m.Block, ...], new: tuple[m.Block, ...], split: re.Pattern[str]
                   ) -> list[tuple[int, int]]:
    """Headings by level and text: equal ones, then, where they differ, each old
    heading with the next new one of its level whose text is similar enough."""
    old_h = [(i, b.level, m.stringify(b.content).strip()) for i, b in enumerate(old) if isinstance(b, m.Heading)]
    new_h = [(j, b.level, m.stringify(b.content).strip()) for j, b in enumerate(new) if isinstance(b, m.Heading)]
    out = []
    matcher = difflib.SequenceMatcher(None, [h[1:] for h in old_h], [h[1:] for h in new_h], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += [(old_h[i][0], new_h[j][0]) for i, j in zip(range(i1, i2), range(j1, j2))]
            continue
        k = j1
        for i, level, text in old_h[i1:i2]:
            for j in range(k, j2):
                if new_h[j][1] == level and _similarity(text, new_h[j][2], split) >= MIN_SIMILARITY:
                    out.append((i, new_h[j][0]))
                    k = j + 1
                    break
    return out


