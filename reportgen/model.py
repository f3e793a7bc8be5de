"""The document model: what every stage reads and writes.

Like pandoc's AST, it is a plain tree of immutable values that knows nothing of
Markdown or OOXML. Readers build it, ``resolve`` rewrites it, writers render it.
Every block carries the ``Loc`` it came from so later stages (checks, alignment)
can report ``PATH:LINE`` without going back to the source text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Union


@dataclass(frozen=True)
class Loc:
    """A place in a source file (1-based line)."""

    path: Path
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else str(self.path)


# ---------------------------------------------------------------- inlines


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class LineBreak:
    pass


@dataclass(frozen=True)
class Emph:
    content: tuple["Inline", ...]


@dataclass(frozen=True)
class Strong:
    content: tuple["Inline", ...]


@dataclass(frozen=True)
class Superscript:
    content: tuple["Inline", ...]


@dataclass(frozen=True)
class Subscript:
    content: tuple["Inline", ...]


@dataclass(frozen=True)
class Link:
    """An external hyperlink written by the author."""

    content: tuple["Inline", ...]
    url: str


@dataclass(frozen=True)
class SymbolRef:
    """A UN document symbol, linked to the Official Document System.

    ``text`` is what the author wrote (printed unchanged); ``symbol`` the
    normalised symbol used in the link.
    """

    symbol: str
    text: str
    line: int | None = None


@dataclass(frozen=True)
class Ref:
    """``@label`` (or the range ``@first–@last``) as written; *resolve* replaces it."""

    first: str
    last: str | None = None
    line: int | None = None


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Note:
    """A footnote; its body is a sequence of blocks (usually one paragraph)."""

    blocks: tuple["Block", ...]
    line: int | None = None


Inline = Union[Text, LineBreak, Emph, Strong, Superscript, Subscript, Link, SymbolRef, Ref, ResolvedRef, Note]


# ----------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Para:
    """A run of inline content: an unnumbered paragraph or one block of a numbered one."""

    content: tuple[Inline, ...]
    line: int | None = None


@dataclass(frozen=True)
class SubItem:
    """A sub-item ``(a)`` of a numbered paragraph; ``index`` is 1-based, ``level`` 1 or 2."""

    index: int
    level: int
    blocks: tuple["Block", ...]
    line: int | None = None


@dataclass(frozen=True)
class NumberedParagraph:
    """A numbered paragraph: the unit translators align on.

    The number is stored, never regenerated, because it is the alignment key
    and the target of cross-references.
    """

    number: int
    blocks: tuple["Block", ...]
    label: str | None = None
    line: int | None = None


@dataclass(frozen=True)
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


def walk(blocks: tuple[Block, ...], line: int | None = None,
         paragraph: int | None = None) -> Iterator[tuple[Inline, int | None, int | None]]:
    """Every inline under ``blocks``, depth first, footnotes included, with the line
    of the block holding it and the number of its numbered paragraph (or None).
    The one read-only traversal the checks share; ``resolve.walk`` rewrites."""

    def inlines(items: tuple[Inline, ...], line: int | None, paragraph: int | None):
        for x in items:
            yield x, line, paragraph
            if isinstance(x, (Emph, Strong, Superscript, Subscript, Link)):
                yield from inlines(x.content, line, paragraph)
            elif isinstance(x, Note):
                yield from walk(x.blocks, x.line or line, paragraph)

    for b in blocks:
        here = b.line or line
        if isinstance(b, (Para, Heading)):
            yield from inlines(b.content, here, paragraph)
        elif isinstance(b, NumberedParagraph):
            yield from walk(b.blocks, here, b.number)
        elif isinstance(b, SubItem):
            yield from walk(b.blocks, here, paragraph)


# --------------------------------------------------------------- document


DISTRIBUTIONS = ("general", "limited", "restricted")


@dataclass(frozen=True)
class Metadata:
    """Front matter of one language version (CONTRACT §2)."""

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
    # line of each key in the source, for error messages
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Document:
    """One language version of a report."""

    meta: Metadata
    blocks: tuple[Block, ...]
    path: Path

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
