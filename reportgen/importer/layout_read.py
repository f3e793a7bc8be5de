"""A PDF read by its layout (``layout``) → pieces, masthead fields, comments, warnings.

The page tells what the text stream cannot (INTERFACE §3.8, docs/IMPORT.md):

- **where a paragraph ends**: its last line stops short of the right margin (the next
  line's first word would have fitted), or a larger gap than the line pitch follows it,
  or the type changes; a line that runs to the margin goes on, on the next page too;
- **what is a heading**: a block set in bold, in italics or larger than the body that
  does not end as a sentence; its level is its numeral's (chapter, sub-heading) or, for
  a minor or unnumbered heading, the level its type is used at elsewhere (else 3);
- **what is around the text** (``layout_page``): running heads, the table of contents,
  the masthead; **footnotes** (``layout_notes``): their texts become notes where their
  calls stand; the lines of a block become inlines in ``layout_inline``.

Markers are read in sequence by ``structure.Classifier``, the rule of the Word and text
importers: each block is given the role ``structure`` will read it in, so that the two
agree on every marker.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from reportgen import model as m
from reportgen.importer.joining import Joiner
from reportgen.importer.layout import Line, Page, body_size, read_layout
from reportgen.importer.layout_inline import Inlines
from reportgen.importer.layout_notes import NOTE_MARK, NoteText, find_notes
from reportgen.importer.layout_page import contents, masthead_end, masthead_lines, running
from reportgen.importer.masthead import MASTHEAD_LINES, Fields, read_masthead
from reportgen.importer.structure import Classifier, Piece, ends_sentence, structure
from reportgen.l10n import Language

__all__ = ["LayoutImport", "read_pdf_layout"]

_ENDS = tuple(".,;:")  # a block of bold or italic type ending so is text, not a heading
_GAP = 1.35            # a step this many times the usual line pitch separates paragraphs
_TABLE = 3.0           # a gap of this many ems inside a line: text set in columns
_EVEN = 0.1            # gaps differing by at most this many ems are of one width (justified)


@dataclass
class LayoutImport:
    """What the pages give: the body's pieces, the masthead's fields, comments to add,
    warnings (line number, message) and the page of every line."""

    pieces: list[Piece]
    fields: Fields
    comments: list[m.Comment] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    page_of: dict[int, int] = field(default_factory=dict)

    def place(self, no: int) -> str:
        return f"page {self.page_of.get(no, 1)}"


def read_pdf_layout(xml: bytes, lang: Language, source: Path = Path("PDF")) -> LayoutImport:
    """Read ``pdftohtml -xml -i`` output (of the PDF ``source``) as the ``lang`` version
    of a report. A PDF over the limits of its text (reportgen/limits.py) is refused."""
    pages, dropped = read_layout(xml, source)  # refused there, over the limits of its text
    no = 0
    out = LayoutImport([], Fields())
    for page in pages:
        at = no + 1 if page.lines else no  # the page's first line
        out.page_of.setdefault(at, page.number)
        for c in sorted(dropped.get(page.number, ())):
            out.warnings.append((at, f"the character U+{ord(c):04X} (a control character) is left out: "
                                 "a report cannot hold it"))
        for ln in page.lines:
            no += 1
            ln.no = no
            out.page_of[no] = page.number
    _Reader(pages, lang, out).read()
    return out


@dataclass
class _Block:
    """Lines that make one paragraph or heading, the role ``structure`` reads it in
    and the length of its printed marker."""

    lines: list[Line]
    heading: bool = False
    role: str = ""
    marker: int = 0


class _Reader:
    def __init__(self, pages: list[Page], lang: Language, out: LayoutImport) -> None:
        self.lang, self.out = lang, out
        self.size = body_size(pages)
        dropped = running(pages, out.fields)
        self.pages = [[ln for ln in p.lines if ln.no not in dropped] for p in pages]
        for lines in self.pages:
            _lone_calls(lines, self.size)
        self.page_height = {p.number: p.height for p in pages}
        self.pitch = self._pitches()
        self.right = self._right_margin()
        # the text whose words judge hyphens: a line's columns apart, so that a word
        # broken in the masthead's left column ends its line
        self.joiner = Joiner(lang, "\n".join(part.text for lines in self.pages for ln in lines
                                             for part in ln.columns(1.0)))
        self.notes: dict[str, list[m.Note]] = {}
        self.inline = Inlines(self.joiner, self.notes, out.warnings, out.comments, out.place)
        self.styles: dict[tuple[float, bool, bool], int] = {}

    # ------------------------------------------------------------------ page geometry

    def _pitches(self) -> dict[float, float]:
        """The usual step from one line's foot to the next, by type size."""
        steps: dict[float, Counter[float]] = {}
        for lines in self.pages:
            for a, b in zip(lines, lines[1:]):
                step = round(b.bottom - a.bottom, 0)
                if a.size == b.size and 0 < step < 3 * a.size:
                    steps.setdefault(a.size, Counter())[step] += 1
        return {size: c.most_common(1)[0][0] for size, c in steps.items()}

    def _right_margin(self) -> float:
        rights = sorted(ln.right for lines in self.pages for ln in lines if abs(ln.size - self.size) < 1)
        return rights[int(0.95 * (len(rights) - 1))] if rights else 0.0

    def short(self, line: Line, after: Line) -> bool:
        """Whether ``line`` ends before the margin: ``after``'s first word would have fitted."""
        return line.right + 0.3 * line.size + after.first_word() < self.right - 0.3 * line.size

    def gap(self, line: Line, after: Line) -> bool:
        """Whether more space than between the lines of a paragraph separates them."""
        if after.page != line.page:
            return False
        pitch = self.pitch.get(after.size, 1.2 * after.size)
        return after.bottom - line.bottom > _GAP * pitch or after.bottom <= line.bottom

    def styled(self, line: Line) -> bool:
        """Set as a heading is: bold, italic or larger than the body."""
        return line.bold or line.italic or line.size > self.size + 1

    # ------------------------------------------------------------------ reading

    def read(self) -> None:
        lines = [ln for page in self.pages for ln in page]
        toc = {ln.no for ln in contents(lines)}
        if toc:
            first = min(toc)
            message = f"a table of contents ({len(toc)} lines) is left out: the DOCX does not print one"
            self.out.warnings.append((first, message))
            self.out.comments.append(m.Comment(first - 1, f"import: {self.out.place(first)}: {message}"))
        pages = [[ln for ln in page if ln.no not in toc] for page in self.pages]
        notes, taken = find_notes(pages, self.size)
        body = [ln for page in pages for ln in page if ln.no not in taken]
        classify = Classifier(self.lang)
        end = min(masthead_end(body, classify), MASTHEAD_LINES)
        head = masthead_lines(body[:end], self.right, self.joiner.join_all)
        stars = [n for n in notes if n.mark.startswith("*") and n.lines[0].page == (body[0].page if body else 1)]
        for n in stars:  # the title's note, printed at the foot of the first page
            head += [(n.no, ""), (n.no, f"{n.mark} {self.joiner.join_all([ln.text for ln in n.lines])}")]
        head = [(no, self.inline.clean(no, text)) for no, text in head]
        found = read_masthead(head, self.lang, self.joiner.join_all)
        for key, value in found.values.items():
            self.out.fields.set(key, value, found.lines[key])
        self.out.warnings += found.warnings
        self.out.warnings += [(no, f"masthead line not placed in the front matter: {t}") for no, t in found.unplaced]
        for no, text in found.notes:
            message = f"the title's note «{text.replace('-->', '- ->')}» is not imported: front matter has no place for it"
            self.out.warnings.append((no, message))
            self.out.comments.append(m.Comment(0, f"import: {self.out.place(no)}: {message}"))
        numbered = [n for n in notes if n not in stars]
        pieces = {id(n): self._note_pieces(n) for n in numbered}
        for n in numbered:
            self.notes.setdefault(n.mark, []).append(m.Note(structure(pieces[id(n)], self.lang, in_note=True), n.no))
        self._learn_styles(body[end:])
        blocks = self._blocks(body[end:])
        blocks = self._notes_heading(blocks, numbered)
        self._pieces(blocks)
        calls = {id(note) for left in self.notes.values() for note in left}
        for n in numbered:  # a note no call points to: its text at the end, as printed
            note = next((x for x in self.notes.get(n.mark, []) if x.line == n.no and id(x) in calls), None)
            if note is None or not pieces[id(n)]:
                continue
            self.out.warnings.append((n.no, f"note {n.mark} has no call in the text: it is imported as "
                                      "a paragraph at the end"))
            lead, *rest = pieces[id(n)]
            self.out.pieces += [Piece((m.Text(f"{n.mark} "),) + lead.content, lead.line, "continued")]
            self.out.pieces += [Piece(piece.content, piece.line, "continued") for piece in rest]

    def _note_pieces(self, note: NoteText) -> list[Piece]:
        pieces = []
        for block in self._blocks(note.lines, in_note=True):
            content = self.inline.inlines(block.lines, heading=False)
            if content:
                pieces.append(Piece(content, block.lines[0].no))
            self._columns(block)
        return pieces

    def _notes_heading(self, blocks: list[_Block], notes: list[NoteText]) -> list[_Block]:
        """Endnotes printed under a heading of their own ("Notes") after the body: the
        heading is left out with them (they become footnotes), with a warning."""
        if not notes or not blocks:
            return blocks
        last = blocks[-1]
        text = last.lines[0].text
        if len(last.lines) == 1 and last.lines[0].no < notes[0].no and len(text.split()) <= 3 and len(text) <= 30 \
                and not ends_sentence(text) and not _ends(text) and self.styled(last.lines[0]):
            self.out.warnings.append((last.lines[0].no, f"the heading «{last.lines[0].text}» above the notes is "
                                      "left out: the notes are imported as footnotes"))
            return blocks[:-1]
        return blocks

    def _learn_styles(self, lines: list[Line]) -> None:
        """The level each heading type is used at, from the numbered headings."""
        from reportgen.source.markers import heading_splits
        for ln in lines:
            if not self.styled(ln):
                continue
            for numeral, title in heading_splits(ln.text):
                if not title.strip():
                    continue
                key = (ln.size, ln.bold, ln.italic)
                if self.lang.parse_chapter_number(numeral) is not None:
                    self.styles.setdefault(key, 1)
                elif self.lang.parse_subheading_number(numeral) is not None:
                    self.styles.setdefault(key, 2)

    # ------------------------------------------------------------------ blocks

    def _blocks(self, lines: list[Line], in_note: bool = False) -> list[_Block]:
        """Lines grouped into paragraphs and headings, each with the role it is read in,
        markers read in sequence as ``structure`` will read them."""
        classify = Classifier(self.lang)
        self._items: list[float] = []  # where the text of each open sub-item starts
        blocks: list[_Block] = []
        k = 0
        while k < len(lines):
            ln = lines[k]
            if not in_note and self.styled(ln):
                end = k + 1
                while end < len(lines) and self._wraps(lines[end - 1], lines[end], heading=True):
                    end += 1
                if not _ends(lines[end - 1].text):
                    blocks.append(self._open(lines[k:end], classify, in_note, heading=True))
                    k = end
                    continue
            block = self._open([ln], classify, in_note)
            blocks.append(block)
            k += 1
            while k < len(lines) and self._wraps(block.lines[-1], lines[k], heading=False, table=_table(block)) \
                    and not (not in_note and self.styled(lines[k]) and not self.styled(block.lines[-1])):
                if self._marker_starts(block.lines[-1], lines[k], classify, in_note):
                    break
                block.lines.append(lines[k])
                k += 1
        return blocks

    def _open(self, lines: list[Line], classify: Classifier, in_note: bool, heading: bool = False) -> _Block:
        """A block starting at ``lines[0]``, its role decided and the sequence advanced."""
        first = lines[0]
        role = "" if in_note else "continued"
        if heading:
            found = classify.peek(first.text)
            level = found.level if found.kind == "heading" and found.number is not None \
                else self.styles.get((first.size, first.bold, first.italic), 3)
            role = f"heading{level}"
        elif not in_note and classify.peek(first.text, role).kind == "text" and self._items:
            level = max((lv for lv, left in enumerate(self._items, 1) if first.left >= left - 0.5 * self.size),
                        default=0)
            role = f"item{level}" if level else role
        found = classify.peek(first.text, role, None, in_note)
        classify.advance(found)
        if found.kind == "subitem":
            self._items = self._items[:found.level - 1] + [self._text_left(first, found.length)]
        elif found.kind in ("paragraph", "heading"):
            self._items = []
        return _Block(lines, heading, role, found.length)

    def _wraps(self, line: Line, after: Line, heading: bool, table: float | None = None) -> bool:
        """Whether ``after`` continues ``line``'s paragraph or heading (``table``: where
        the last column of the block's table row starts)."""
        if all(c.script for c in after.chunks):
            return after.page == line.page and not heading  # a call the line end pushed down
        if self.short(line, after) or self.gap(line, after):
            return False
        if heading:
            same = (line.size, line.bold, line.italic) == (after.size, after.bold, after.italic)
            return same and after.page == line.page
        if table is not None and after.left < table - line.size:
            return False  # a table's next row
        return abs(line.size - after.size) <= 1 or after.page != line.page

    def _marker_starts(self, line: Line, after: Line, classify: Classifier, in_note: bool) -> bool:
        """A line running on from a full one starts a block only with the next marker,
        after a line that ends a sentence or clause, at the top of a page, or set apart
        from its text by a tab's gap ("12.⇥The …")."""
        role = "" if in_note else "continued"
        found = classify.peek(after.text, role, None, in_note)
        if found.kind not in ("paragraph", "subitem"):
            return False
        ends = "".join(r.text for r in line.runs if not r.script).rstrip()
        return (ends_sentence(ends) or ends.endswith((";", "；")) or after.page != line.page
                or _tabbed(after, found.length))

    # ------------------------------------------------------------------ pieces

    def _pieces(self, blocks: list[_Block]) -> None:
        for block in blocks:
            content = self.inline.inlines(block.lines, heading=block.heading, plain=block.marker)
            if content:
                self.out.pieces.append(Piece(content, block.lines[0].no, block.role))
            self._columns(block)

    def _text_left(self, line: Line, length: int) -> float:
        """Where a sub-item's text starts, after its marker."""
        seen = 0
        for c in line.chunks:
            if seen >= length:
                return c.left
            seen += len(c.text)
        return line.left

    def _columns(self, block: _Block) -> None:
        if any(_last_column(ln) is not None for ln in block.lines):
            self.out.warnings.append((block.lines[0].no, "text set in columns (a table?) is imported as "
                                      "running text, a paragraph a row: check it"))

def _lone_calls(lines: list[Line], size: float) -> None:
    """A footnote call printed at the start of the line after its word (the word ended
    a full line) is a line of its own: a small figure just below a line of body text.
    It is marked raised, so that it stays with that text as its call."""
    for above, line in zip(lines, lines[1:]):
        if len(line.chunks) == 1 and not line.chunks[0].script and line.size <= 0.8 * size \
                and NOTE_MARK.match(line.text) and above.size >= size - 0.5 \
                and 0 < line.bottom - above.bottom < 2 * above.size:
            line.chunks[0].script = "sup"
            line.changed()


def _table(block: _Block) -> float | None:
    return max((c for ln in block.lines if (c := _last_column(ln)) is not None), default=None)


def _last_column(line: Line) -> float | None:
    """Where the last column of a line set in columns starts (a gap of several ems
    between its chunks), or None. Gaps all of one width, three words or more, are a
    justified line's word spacing, however wide (a line of a few words stretched to the
    margin because a long symbol after them did not fit), not columns, whose gaps
    follow the cells' widths."""
    gaps = [b.left - a.right for a, b in zip(line.chunks, line.chunks[1:])]
    if len(gaps) >= 2 and max(gaps) - min(gaps) <= _EVEN * line.size:
        return None
    found = None
    for gap, b in zip(gaps, line.chunks[1:]):
        if gap > _TABLE * line.size:
            found = b.left
    return found


def _tabbed(line: Line, length: int) -> bool:
    """Whether the line's first ``length`` characters (a marker) are a chunk of their
    own, set apart from the text after them by more than a space."""
    first = line.chunks[0]
    return len(line.chunks) > 1 and len(first.text.strip()) >= length - 1 \
        and line.chunks[1].left - first.right > 0.8 * line.size


def _ends(text: str) -> bool:
    return text.rstrip().endswith(_ENDS)
