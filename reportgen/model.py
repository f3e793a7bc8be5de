"""The document model: what every stage reads and writes.

Like pandoc's AST, it is a plain tree of immutable values that knows nothing of
Markdown or OOXML. Readers build it, ``resolve`` rewrites it, writers render it.
Every block carries the ``Loc`` it came from so later stages (checks, alignment)
can report ``PATH:LINE`` without going back to the source text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Callable, Iterator, Union, assert_never, get_args


@dataclass(frozen=True, slots=True)
class Loc:
    """A place in a source file (1-based line)."""

    path: Path
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else str(self.path)


# ---------------------------------------------------------------- inlines


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class LineBreak:
    pass


@dataclass(frozen=True, slots=True)
class Emph:
    content: tuple["Inline", ...]


@dataclass(frozen=True, slots=True)
class Strong:
    content: tuple["Inline", ...]


@dataclass(frozen=True, slots=True)
class Superscript:
    content: tuple["Inline", ...]


@dataclass(frozen=True, slots=True)
class Subscript:
    content: tuple["Inline", ...]


@dataclass(frozen=True, slots=True)
class Link:
    """An external hyperlink written by the author."""

    content: tuple["Inline", ...]
    url: str


@dataclass(frozen=True, slots=True)
class SymbolRef:
    """A UN document symbol, linked to the Official Document System.

    ``text`` is what the author wrote (printed unchanged); ``symbol`` the
    normalised symbol used in the link.
    """

    symbol: str
    text: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Ref:
    """``@label`` (or the range ``@first–@last``) as written; *resolve* replaces it."""

    first: str
    last: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class ResolvedRef:
    """A cross-reference with its target's number(s) and the language's wording.

    ``kind`` is "paragraph", "chapter" or "section"; ``numbers`` are the target's
    (first and last, for a range); ``label`` names the target for the link.
    """

    kind: str
    numbers: tuple[int, ...]
    text: str
    label: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Note:
    """A footnote; its body is a sequence of blocks (usually one paragraph)."""

    blocks: tuple["Block", ...]
    line: int | None = None


Inline = Union[Text, LineBreak, Emph, Strong, Superscript, Subscript, Link, SymbolRef, Ref, ResolvedRef, Note]


# ----------------------------------------------------------------- blocks


@dataclass(frozen=True, slots=True)
class Para:
    """A run of inline content: an unnumbered paragraph or one block of a numbered one."""

    content: tuple[Inline, ...]
    line: int | None = None


@dataclass(frozen=True, slots=True)
class SubItem:
    """A sub-item ``(a)`` of a numbered paragraph; ``index`` is 1-based, ``level`` 1 or 2."""

    index: int
    level: int
    blocks: tuple["Block", ...]
    line: int | None = None


@dataclass(frozen=True, slots=True)
class NumberedParagraph:
    """A numbered paragraph: the unit translators align on.

    The number is stored, never regenerated, because it is the alignment key
    and the target of cross-references.
    """

    number: int
    blocks: tuple["Block", ...]
    label: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Heading:
    """A chapter (level 1, ``III.``) or sub-heading (level 2, ``A.``).

    ``number`` is None for an unnumbered heading such as "Annex".
    """

    level: int
    number: int | None
    content: tuple[Inline, ...]
    label: str | None = None
    line: int | None = None


Block = Union[Para, SubItem, NumberedParagraph, Heading]


# ---------------------------------------------------------------- traversal
#
# The model owns its traversal: every stage that reads or rewrites inlines goes
# through ``walk`` or ``map_inlines``, whose ``match`` statements end in
# ``assert_never``. A new construct added to ``Inline`` or ``Block`` then fails
# type checking (and at run time) here, once, instead of being silently skipped
# by one stage. That is how footnote sub-items were once lost.


def inline_children(x: Inline) -> tuple[Inline, ...]:
    """The inlines directly inside ``x`` (not those inside a footnote's blocks)."""
    match x:
        case Emph() | Strong() | Superscript() | Subscript() | Link():
            return x.content
        case Text() | LineBreak() | SymbolRef() | Ref() | ResolvedRef() | Note():
            return ()
        case _:
            assert_never(x)


#: The inlines that only format or link their content (no text of their own).
FORMATTING = (Emph, Strong, Superscript, Subscript, Link)


def leaves(content: tuple[Inline, ...]) -> Iterator[Inline]:
    """The inlines of ``content`` that hold no inlines (text, line breaks, symbols,
    references, footnotes), in order, out of any formatting or link; a footnote is
    one leaf (its blocks are not entered)."""
    stack = list(reversed(content))
    while stack:
        x = stack.pop()
        children = inline_children(x)
        if children or isinstance(x, FORMATTING):
            stack.extend(reversed(children))
        else:
            yield x


def stringify(content: tuple[Inline, ...], *, notes: list[str] | None = None, prose: bool = False,
              line_break: str = " ", codes: str | None = None) -> str:
    """The text of ``content`` as a reader sees it — the one text extractor. Options:

    - ``notes``: each footnote's text (its paragraphs, sub-items included, joined by
      spaces) is appended to this list; the footnote itself adds nothing here;
    - ``prose``: a symbol or reference is a space (its digits are not figures of the
      text: ``A/75/1``, "chapter III"), for reading numbers;
    - ``line_break``: what a line break is;
    - ``codes``: what a symbol, a reference or a footnote stands as, when it is an
      inline code rather than text (XLIFF): one character each, or "" for nothing.
    """
    out: list[str] = []
    for x in content:
        match x:
            case Text():
                out.append(x.text)
            case LineBreak():
                out.append(line_break)
            case Emph() | Strong() | Superscript() | Subscript() | Link():
                out.append(stringify(x.content, notes=notes, prose=prose, line_break=line_break, codes=codes))
            case SymbolRef() | ResolvedRef() | Ref() if codes is not None:
                out.append(codes)
            case SymbolRef() | ResolvedRef():
                out.append(" " if prose else x.text)
            case Ref():
                out.append(" " if prose else f"@{x.first}")
            case Note():
                if codes is not None:
                    out.append(codes)
                if notes is not None:
                    notes.append(" ".join(stringify(b.content, prose=prose) for b in walk_blocks(x.blocks)
                                          if isinstance(b, Para)))
            case _:
                assert_never(x)
    return "".join(out)


def block_children(b: Block) -> tuple[Block, ...]:
    """The blocks directly inside ``b``."""
    match b:
        case NumberedParagraph() | SubItem():
            return b.blocks
        case Para() | Heading():
            return ()
        case _:
            assert_never(b)


def block_inlines(b: Block) -> tuple[Inline, ...]:
    """The inline content a block holds itself (not its children's)."""
    match b:
        case Para() | Heading():
            return b.content
        case NumberedParagraph() | SubItem():
            return ()
        case _:
            assert_never(b)


def walk(blocks: tuple[Block, ...], line: int | None = None,
         paragraph: int | None = None) -> Iterator[tuple[Inline, int | None, int | None]]:
    """Every inline under ``blocks``, depth first, footnotes included, with the line
    of the block holding it and the number of its numbered paragraph (or None)."""
    for b in blocks:
        here = b.line or line
        number = b.number if isinstance(b, NumberedParagraph) else paragraph
        yield from _walk_inlines(block_inlines(b), here, number)
        yield from walk(block_children(b), here, number)


# Module-level rather than nested: a recursive nested function is a reference cycle
# (function → cell → function) that only the cyclic collector frees (see tests/test_cycles.py).
def _walk_inlines(items: tuple[Inline, ...], line: int | None, paragraph: int | None
                  ) -> Iterator[tuple[Inline, int | None, int | None]]:
    for x in items:
        yield x, line, paragraph
        if isinstance(x, Note):
            yield from walk(x.blocks, x.line or line, paragraph)
        else:
            yield from _walk_inlines(inline_children(x), line, paragraph)


def walk_blocks(blocks: tuple[Block, ...]) -> Iterator[Block]:
    """Every block, depth first, including the blocks of footnotes."""
    for b in blocks:
        yield b
        for x in _own_inlines(b):
            if isinstance(x, Note):
                yield from walk_blocks(x.blocks)
        yield from walk_blocks(block_children(b))


def same_content(a: Block | Inline, b: Block | Inline) -> bool:
    """Whether two blocks (or inlines) say the same in the same form, wherever they stand:
    equal in every field but their source lines (``line``), which move with any edit above
    them. ``diff`` renders a block left as it was between drafts once, not once per draft."""
    return _same(a, b)


def _same(a: object, b: object) -> bool:
    if a is b:
        return True
    kind = type(a)
    if kind is not type(b):
        return False
    if kind is Text:
        return a == b  # the commonest node, and one without a line
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(map(_same, a, b))
    names = _COMPARED.get(kind)
    if names is None:  # a value: text, a number, a label
        return a == b
    for name in names:
        if not _same(getattr(a, name), getattr(b, name)):
            return False
    return True


#: The fields :func:`same_content` compares, by class of the model: all but ``line``.
_COMPARED: dict[type, tuple[str, ...]] = {
    cls: tuple(f.name for f in fields(cls) if f.name != "line")
    for cls in (*get_args(Inline), *get_args(Block))
}


def _own_inlines(b: Block) -> Iterator[Inline]:
    """Inlines of ``b`` itself at any depth, not entering footnotes."""
    stack = list(reversed(block_inlines(b)))  # next at the end: pop(0) on a wide paragraph is quadratic
    while stack:
        x = stack.pop()
        yield x
        stack.extend(reversed(inline_children(x)))


Replacement = Union["Inline", list["Inline"], None]


def map_inlines(blocks: tuple[Block, ...], fn: Callable[[Inline, int | None], Replacement],
                line: int | None = None) -> tuple[Block, ...]:
    """Rebuild ``blocks`` with ``fn(inline, line of its block)`` applied to every
    inline, footnotes included; ``fn`` returns a replacement, a list of them, or
    None to keep (and descend into) the inline. The one rewriting traversal."""
    return _InlineMap(fn).blocks(blocks, line)


def map_content(content: tuple[Inline, ...], fn: Callable[[Inline, int | None], Replacement],
                line: int | None = None) -> tuple[Inline, ...]:
    """:func:`map_inlines` on inline content (a unit's text, a heading's title)."""
    return _InlineMap(fn).many(content, line)


class _InlineMap:
    """:func:`map_inlines` for one ``fn`` (a class, not nested functions calling each
    other, which would be reference cycles). Nodes nothing changed in are kept as they
    are (the model is immutable), so a pass that touches few inlines rebuilds few nodes."""

    def __init__(self, fn: Callable[[Inline, int | None], Replacement]) -> None:
        self.fn = fn

    def blocks(self, blocks: tuple[Block, ...], line: int | None) -> tuple[Block, ...]:
        out: list[Block] = []
        changed = False
        for b in blocks:
            here = b.line or line
            match b:
                case Para() | Heading():
                    content = self.many(b.content, here)
                    new_b: Block = b if content is b.content else replace(b, content=content)
                case NumberedParagraph() | SubItem():
                    children = self.blocks(b.blocks, here)
                    new_b = b if children is b.blocks else replace(b, blocks=children)
                case _:
                    assert_never(b)
            out.append(new_b)
            changed = changed or new_b is not b
        return tuple(out) if changed else blocks

    def many(self, items: tuple[Inline, ...], line: int | None) -> tuple[Inline, ...]:
        out: list[Inline] = []
        changed = False
        for x in items:
            new = self.fn(x, line)
            if isinstance(new, list):
                out.extend(new)
                changed = True
            elif new is not None:
                out.append(new)
                changed = changed or new is not x
            else:
                y = self.one(x, line)
                out.append(y)
                changed = changed or y is not x
        return tuple(out) if changed else items

    def one(self, x: Inline, line: int | None) -> Inline:
        match x:
            case Emph() | Strong() | Superscript() | Subscript() | Link():
                content = self.many(x.content, line)
                return x if content is x.content else replace(x, content=content)
            case Note():
                blocks = self.blocks(x.blocks, x.line or line)
                return x if blocks is x.blocks else replace(x, blocks=blocks)
            case Text() | LineBreak() | SymbolRef() | Ref() | ResolvedRef():
                return x
            case _:
                assert_never(x)


# --------------------------------------------------------------- document


#: The front matter's distribution kinds (the one list: the reader checks it, each
#: language's data words every kind).
DISTRIBUTIONS: tuple[str, ...] = ("general", "limited", "restricted")
#: The front matter's keys (INTERFACE §2.2) in the order a source writes them: the
#: required ones, then the optional ones; and those printed as written (never parsed).
REQUIRED_KEYS = ("symbol", "distribution", "date", "language", "original", "organ", "title")
OPTIONAL_KEYS = ("subtitle", "meeting", "venue", "dates", "agenda", "job", "processed", "emblem", "word_limit")
PRINTED_KEYS = ("organ", "title", "subtitle", "meeting", "venue")


@dataclass(frozen=True)
class Metadata:
    """Front matter of one language version (INTERFACE §2.2)."""

    symbol: str
    distribution: str
    date: dt.date
    language: str
    original: str
    organ: str
    title: str
    subtitle: str | None = None
    meeting: str | None = None
    venue: str | None = None
    dates: tuple[dt.date, dt.date] | None = None
    agenda: tuple[str, ...] = ()
    job: str | None = None
    word_limit: int = 10700
    # processing dates of this language version (one or two), printed DDMMYY in the footer
    processed: tuple[dt.date, ...] = ()
    # an image for the masthead's emblem slot (absolute path, checked by the reader)
    emblem: Path | None = None
    # line of each key in the source, for error messages
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Comment:
    """An author's ``<!-- … -->`` comment: never printed, listed by ``check``."""

    line: int
    text: str


@dataclass(frozen=True)
class Document:
    """One language version of a report."""

    meta: Metadata
    blocks: tuple[Block, ...]
    path: Path
    comments: tuple[Comment, ...] = ()

    def loc(self, line: int | None) -> Loc:
        return Loc(self.path, line)

    def paragraphs(self) -> list[NumberedParagraph]:
        return [b for b in self.blocks if isinstance(b, NumberedParagraph)]


@dataclass(frozen=True)
class Report:
    """All language versions of one report, keyed by language code."""

    name: str
    directory: Path
    versions: dict[str, Document]

    @property
    def original(self) -> str:
        return next(iter(self.versions.values())).meta.original
