"""A report version as translation units with stable ids, and back.

A unit is one text block a translator translates on its own: a heading, the first block
of a numbered paragraph, each continuation block, each sub-item, each footnote (and its
sub-items), each unnumbered paragraph, and the front-matter fields that are text in the
version's language. Ids come from the structure, never from the text or a running count
of the whole document, so a re-export after an edit elsewhere gives the same ids:

- ``ch3`` (chapter III), ``ch3.A`` (its sub-heading A; ``secA`` before any chapter);
- ``p12`` (paragraph 12's first block), ``p12.2`` (its second text block), ``p12.a``,
  ``p12.a.ii`` (sub-items), ``p12.fn1`` (the first footnote referenced in ``p12``; its
  own blocks ``p12.fn1.2``, ``p12.fn1.a``);
- ``p12.u1``, ``ch3.h1`` (the first unnumbered paragraph or minor heading after the
  numbered paragraph or heading named; ``top.u1`` before any);
- ``meta.title``, ``meta.organ``, ``meta.agenda.1``.

Labels are not used in ids: ids are those of the numbers, which the versions share.
:func:`units` lists them; :func:`rebuild` puts new content into the same structure, by
the same traversal (one class, so the two cannot disagree).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import assert_never

from reportgen import model as m
from reportgen.l10n.numerals import BUILTIN_SYSTEMS

META_FIELDS = ("organ", "title", "subtitle", "meeting", "venue")

_LETTER = BUILTIN_SYSTEMS["latin_lower"]
_ROMAN = BUILTIN_SYSTEMS["roman_lower"]
_UPPER = BUILTIN_SYSTEMS["latin_upper"]
_CHAPTER = BUILTIN_SYSTEMS["roman"]


@dataclass(frozen=True)
class Unit:
    """One unit: its id, inline content, source line and a description for translators
    ("paragraph 12, sub-item (a)")."""

    id: str
    content: tuple[m.Inline, ...]
    line: int | None
    what: str
    meta: bool = False
    heading: bool = False  # a heading's title: one line, no line break


NoteBlocks = Callable[[int, m.Note], tuple[m.Block, ...]]
# ``fill(unit id, content, line, what, note_blocks)`` returns the unit's new content (or
# records it). ``note_blocks(k, note)`` walks footnote ``k`` of the unit, whose blocks
# are units too (ids ``<unit>.fn<k>...``), and returns them rebuilt.
Fill = Callable[[str, tuple[m.Inline, ...], int | None, str, NoteBlocks], tuple[m.Inline, ...]]


class _Walk:
    """The one traversal that names units (see the module docstring)."""

    def __init__(self, fill: Fill) -> None:
        self.fill = fill
        self.seen: dict[str, int] = {}
        self.headings: set[str] = set()  # ids of the units that are headings

    def unique(self, uid: str) -> str:
        """An id repeated by the document itself (two sub-headings A in one chapter)
        gets ``~2``, ``~3``: deterministic, and the first keeps its plain id."""
        count = self.seen.get(uid, 0) + 1
        self.seen[uid] = count
        return uid if count == 1 else f"{uid}~{count}"

    def content(self, uid: str, content: tuple[m.Inline, ...], line: int | None, what: str
                ) -> tuple[m.Inline, ...]:
        def note_blocks(k: int, note: m.Note) -> tuple[m.Block, ...]:
            return self.inner(f"{uid}.fn{k}", note.blocks, f"{what}, footnote {k}")

        return self.fill(uid, content, line, what, note_blocks)

    def document(self, blocks: tuple[m.Block, ...]) -> tuple[m.Block, ...]:
        anchor, chapter = "top", ""
        counts: dict[str, int] = {}
        out: list[m.Block] = []
        for b in blocks:
            match b:
                case m.Heading() if b.number is not None and b.level == 1:
                    anchor = chapter = self.unique(f"ch{b.number}")
                    self.headings.add(anchor)
                    what = f"chapter {_CHAPTER.format(b.number)}"
                    out.append(replace(b, content=self.content(anchor, b.content, b.line, what)))
                case m.Heading() if b.number is not None:
                    letter = _UPPER.format(b.number)
                    anchor = self.unique(f"{chapter}.{letter}" if chapter else f"sec{letter}")
                    self.headings.add(anchor)
                    out.append(replace(b, content=self.content(anchor, b.content, b.line, f"section {letter}")))
                case m.Heading():
                    k = counts[anchor + ".h"] = counts.get(anchor + ".h", 0) + 1
                    uid = self.unique(f"{anchor}.h{k}")
                    self.headings.add(uid)
                    out.append(replace(b, content=self.content(uid, b.content, b.line, "heading")))
                case m.NumberedParagraph():
                    anchor = self.unique(f"p{b.number}")
                    out.append(replace(b, blocks=self.inner(anchor, b.blocks, f"paragraph {b.number}")))
                case m.Para():
                    k = counts[anchor + ".u"] = counts.get(anchor + ".u", 0) + 1
                    uid = self.unique(f"{anchor}.u{k}")
                    out.append(replace(b, content=self.content(uid, b.content, b.line, "unnumbered paragraph")))
                case m.SubItem():
                    raise ValueError("a sub-item outside a paragraph")  # the reader never makes one
                case _:
                    assert_never(b)
        return tuple(out)

    def inner(self, prefix: str, blocks: tuple[m.Block, ...], what: str) -> tuple[m.Block, ...]:
        """The blocks of a paragraph, sub-item or footnote whose id is ``prefix``."""
        out: list[m.Block] = []
        paras = 0
        for b in blocks:
            match b:
                case m.Para():
                    paras += 1
                    uid = prefix if paras == 1 else self.unique(f"{prefix}.{paras}")
                    where = what if paras == 1 else f"{what}, block {paras}"
                    out.append(replace(b, content=self.content(uid, b.content, b.line, where)))
                case m.SubItem():
                    marker = (_LETTER if b.level == 1 else _ROMAN).format(b.index)
                    uid = self.unique(f"{prefix}.{marker}")
                    out.append(replace(b, blocks=self.inner(uid, b.blocks, f"{what}, sub-item ({marker})")))
                case m.NumberedParagraph() | m.Heading():
                    raise ValueError("a paragraph or heading inside a paragraph")  # never made
                case _:
                    assert_never(b)
        return tuple(out)


def footnotes(content: tuple[m.Inline, ...]) -> list[m.Note]:
    """The footnotes referenced in a unit's content, in order (at any depth)."""
    out: list[m.Note] = []
    stack = list(reversed(content))
    while stack:
        x = stack.pop()
        if isinstance(x, m.Note):
            out.append(x)
        else:
            stack.extend(reversed(m.inline_children(x)))
    return out


def units(doc: m.Document) -> list[Unit]:
    """Every unit of a version, in document order (a footnote right after the unit
    that references it), the front-matter fields first."""
    found: list[Unit] = []
    for key in META_FIELDS:
        value = getattr(doc.meta, key)
        if value is not None:
            found.append(Unit(f"meta.{key}", (m.Text(value),), doc.meta.lines.get(key), key, meta=True))
    for k, line in enumerate(doc.meta.agenda, 1):
        found.append(Unit(f"meta.agenda.{k}", (m.Text(line),), doc.meta.lines.get("agenda"),
                          f"agenda line {k}", meta=True))

    def record(uid: str, content: tuple[m.Inline, ...], line: int | None, what: str,
               note_blocks: NoteBlocks) -> tuple[m.Inline, ...]:
        found.append(Unit(uid, content, line, what))
        for k, note in enumerate(footnotes(content), 1):
            note_blocks(k, note)
        return content

    walk = _Walk(record)
    walk.document(doc.blocks)
    return [replace(u, heading=True) if u.id in walk.headings else u for u in found]


def rebuild(blocks: tuple[m.Block, ...], fill: Fill) -> tuple[m.Block, ...]:
    """``blocks`` with each unit's content replaced by ``fill(...)`` (see :data:`Fill`)."""
    return _Walk(fill).document(blocks)
