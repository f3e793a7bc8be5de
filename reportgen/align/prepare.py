"""A language version as the alignment checks see it: numbered paragraphs with
their plain text, footnotes, sub-items, symbols and references, and the
structure (headings, unnumbered paragraphs) around them.

Works on the resolved document model, never on rendered text, so references
are compared by target number and symbols by their canonical form.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable, assert_never

from reportgen import model as m
from reportgen.align.findings import Structure, Unit, Version
from reportgen.align.numbers import extract_numbers


def unit(block: m.NumberedParagraph | m.Para, chapter: int | None, place: str = "", index: int = 0,
         first_note: int = 1, *, lang: str) -> Unit:
    """A numbered paragraph, or an unnumbered one (``number`` None), as compared;
    ``first_note`` is the document-wide number of its first footnote. Its figures are
    read here, once (``lang``: the version's language), for the alignment and the checks."""
    texts: list[str] = []
    notes: list[str] = []
    prose: list[str] = []
    prose_notes: list[str] = []
    body: list[str] = []
    subitems: list[tuple[int, int]] = []
    subitem_texts: list[tuple[int, int, int | None, list[str]]] = []

    parts = _Parts(texts, notes, prose, prose_notes, body, subitems, subitem_texts)
    parts.collect((block,) if isinstance(block, m.Para) else block.blocks, None)
    inlines = [x for x, _, _ in m.walk((block,))]
    note_lines = [x.line for x in inlines if isinstance(x, m.Note)]
    # The three texts are most often equal: one string then serves all three, once in
    # memory and once in a pickle sent between processes (pickle keeps shared objects shared).
    prose_text = _join(prose)
    text, own = _same(_join(texts), prose_text), _same(_join(body), prose_text)
    return Unit(
        number=block.number if isinstance(block, m.NumberedParagraph) else None,
        line=block.line,
        chapter=chapter,
        text=text,
        prose=prose_text,
        footnotes=tuple(notes),
        subitems=tuple(subitems),
        symbols=tuple(x.symbol for x in inlines if isinstance(x, m.SymbolRef)),
        references=tuple((x.kind, x.numbers) for x in inlines if isinstance(x, m.ResolvedRef)),
        block=block,
        place=place,
        index=index,
        body=own,
        subitem_texts=tuple((level, i, line, _join(own)) for level, i, line, own in subitem_texts),
        footnote_texts=tuple((first_note + i, line, text.strip())
                             for i, (line, text) in enumerate(zip(note_lines, prose_notes))),
        numbers=extract_numbers(prose_text, lang),
        letters=len("".join(text.split())),
    )


@dataclass
class _Parts:
    """What :func:`unit` gathers from a paragraph's blocks (a class rather than a
    recursive nested function, which would be a reference cycle)."""

    texts: list[str]
    notes: list[str]
    prose: list[str]
    prose_notes: list[str]
    body: list[str]
    subitems: list[tuple[int, int]]
    subitem_texts: list[tuple[int, int, int | None, list[str]]]

    def collect(self, blocks: tuple[m.Block, ...], own: list[str] | None) -> None:
        for b in blocks:
            match b:
                case m.Para():
                    self.texts.append(m.stringify(b.content, notes=self.notes))
                    first = len(self.prose_notes)
                    text = m.stringify(b.content, notes=self.prose_notes, prose=True)
                    self.prose.extend(self.prose_notes[first:])  # footnotes first, as they always stood
                    self.prose.append(text)
                    (self.body if own is None else own).append(text)
                case m.SubItem():
                    self.subitems.append((b.level, b.index))
                    mine: list[str] = []
                    self.subitem_texts.append((b.level, b.index, b.line, mine))
                    self.collect(b.blocks, mine)
                case m.NumberedParagraph() | m.Heading():  # pragma: no cover - not inside a paragraph
                    pass
                case _:
                    assert_never(b)


def _same(text: str, other: str) -> str:
    return other if text == other else text


def _join(texts: list[str]) -> str:
    return " ".join(t.strip() for t in texts if t.strip())


def prepare(doc: m.Document, chapter_name: Callable[[int], str] = str) -> Version:
    """``chapter_name`` prints a chapter number in the document's own terms (III)."""
    units: dict[int, Unit] = {}
    duplicates: list[Unit] = []
    order: list[int] = []
    segments: list[Unit] = []
    headings: list[tuple[int, int | None, int | None]] = []
    heading_texts: list[tuple[int, int | None, int | None, str]] = []
    notes = 0  # footnotes so far, numbered through the document as printed
    unnumbered: Counter[int] = Counter()
    lines: dict[int, int | None] = {0: None}
    names: dict[int, str] = {0: "before the first chapter"}
    chapter: int | None = None
    position = 0
    for b in doc.blocks:
        match b:
            case m.Heading():
                headings.append((b.level, b.number, b.line))
                heading_texts.append((b.level, b.number, b.line, m.stringify(b.content, prose=True).strip()))
                notes += sum(isinstance(x, m.Note) for x, _, _ in m.walk((b,)))
                if b.level == 1:
                    chapter = b.number
                    position += 1
                    lines[position] = b.line
                    names[position] = (f"in chapter {chapter_name(b.number)}" if b.number is not None
                                       else f"under “{m.stringify(b.content).strip()}”")
            case m.NumberedParagraph():
                u = unit(b, chapter, names[position], first_note=notes + 1, lang=doc.meta.language)
                notes += len(u.footnotes)
                segments.append(u)
                if b.number in units:
                    duplicates.append(u)
                else:
                    units[b.number] = u
                    order.append(b.number)
            case m.Para():
                unnumbered[position] += 1
                segments.append(unit(b, chapter, names[position], unnumbered[position], notes + 1,
                                     lang=doc.meta.language))
                notes += len(segments[-1].footnotes)
            case m.SubItem():  # pragma: no cover - the reader nests sub-items in paragraphs
                pass
            case _:
                assert_never(b)
    structure = Structure(tuple(headings), dict(unnumbered), lines, names, tuple(heading_texts))
    return Version(doc.meta.language, doc, units, tuple(duplicates), tuple(order), structure, tuple(segments))
