"""A PDF's pages as printed: poppler's ``pdftohtml -xml`` chunks grouped into lines.

``pdftohtml -xml`` gives every run of text with its box (top, left, width, height, in
pixels at its zoom), its font (size, family) and ``<b>``/``<i>``/``<a>`` marks. What a
reader of the page sees, and what the text stream loses, is here: which words share a
baseline, which are smaller and raised (a footnote call glued to a word, the mark in
front of a footnote), where a line ends against the right margin, how far it is
indented, how large and heavy its type is. ``layout_read`` decides what each line is.

The XML is parsed by the safe XML parser (``safexml``: no DTD read, no entities, no
network, the element count and depth limits): the file comes from poppler, but its text
comes from the PDF.
"""

from __future__ import annotations

import bisect
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from pathlib import Path

from lxml import etree

from reportgen import safexml
from reportgen.importer.masthead import WIDE
from reportgen.limits import PDF_LINE_CHARS, PDF_TEXT_LINES, TooLarge

__all__ = ["Run", "Chunk", "Line", "Page", "read_layout", "body_size"]

_SPACES = re.compile(r"[ \t\r\n]+")
_WIDE = re.compile(WIDE)
# Two chunks of a line are one word ("A" + "/HRC/…", "三" + ".") when the gap between
# them is under this share of the line's height; a space is a quarter of it or more.
_JOINED = 0.1
_SMALL = 0.8     # a chunk this much smaller than its line's type may be a superscript
_RAISED = 0.15   # … raised when its foot is this share of the line's height above the line's
_COLUMN = 3.0    # a gap this many times the type size separates columns of one line
_TAB = 0.5       # … and a gap of half the size is more than a space
_NEAR = 1.5      # smaller type this close to a line's chunk (in its sizes) belongs to it


@dataclass(frozen=True)
class Run:
    """Text with one formatting: ``script`` is ``sup`` for a raised chunk (a footnote
    call, "26th"), ``sub`` for a lowered one."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None
    script: str = ""


@dataclass
class Chunk:
    """One ``<text>`` of pdftohtml: a run of words in one font, on one baseline."""

    top: float
    left: float
    width: float
    height: float
    size: float
    runs: tuple[Run, ...]
    script: str = ""

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height

    @cached_property
    def text(self) -> str:
        return _SPACES.sub(" ", "".join(r.text for r in self.runs))

    @cached_property
    def letters(self) -> int:
        return len(self.text) - self.text.count(" ")


@dataclass
class Line:
    """The chunks printed on one baseline, left to right, and where the line is."""

    page: int
    chunks: list[Chunk]
    no: int = 0  # its place in the document's reading order, from 1 (comments are placed by it)

    def changed(self) -> None:
        """Forget what was worked out from the chunks (after they, or a script mark, change)."""
        for name in ("base", "size", "text_chunks", "runs", "text"):
            self.__dict__.pop(name, None)

    @cached_property
    def base(self) -> Chunk:
        """The chunk whose type the line is set in (the one with most letters)."""
        return max(self.chunks, key=lambda c: (not c.script, c.letters, c.size))

    @cached_property
    def size(self) -> float:
        """The line's type size: the size most of its letters are set in."""
        sizes: Counter[float] = Counter()
        for c in self.chunks:
            if not c.script:
                sizes[c.size] += c.letters
        return sizes.most_common(1)[0][0] if sizes else self.base.size

    @property
    def top(self) -> float:
        return min(c.top for c in self.chunks if not c.script) if self.text_chunks else self.chunks[0].top

    @property
    def bottom(self) -> float:
        return max(c.bottom for c in self.text_chunks) if self.text_chunks else self.chunks[0].bottom

    @property
    def left(self) -> float:
        return self.chunks[0].left

    @property
    def right(self) -> float:
        return self.chunks[-1].right

    @cached_property
    def text_chunks(self) -> list[Chunk]:
        return [c for c in self.chunks if not c.script]

    @cached_property
    def runs(self) -> tuple[Run, ...]:
        """The line's text as runs, a space between chunks set apart."""
        out: list[Run] = []
        prev: Chunk | None = None
        for c in self.chunks:
            # a gap is a space between words, but not beside a Chinese character, where
            # the typesetter spaces figures and Latin apart itself (a typed space there
            # is in the text), unless it is as wide as a tab (after a marker)
            gap = c.left - prev.right if prev is not None else 0.0
            if prev is not None and gap > _JOINED * max(self.base.height, 1) and (
                    gap > _TAB * self.size
                    or not (_WIDE.match(prev.text.rstrip()[-1:] or " ") or _WIDE.match(c.text.lstrip()[:1] or " "))):
                out.append(Run(" "))
            out += [Run(_SPACES.sub(" ", r.text), r.bold, r.italic, r.href, c.script) for r in c.runs if r.text]
            prev = c
        # one space between words, wherever the chunks put theirs
        spaced: list[Run] = []
        for r in out:
            text = r.text
            if spaced and spaced[-1].text.endswith(" ") and text.startswith(" "):
                text = text[1:]
            if text:
                spaced.append(Run(text, r.bold, r.italic, r.href, r.script))
        return tuple(spaced)

    @cached_property
    def text(self) -> str:
        """The line's text, superscripts included, spaces collapsed."""
        return _SPACES.sub(" ", "".join(r.text for r in self.runs)).strip()

    @property
    def bold(self) -> bool:
        """Every letter (superscripts aside) is bold."""
        return _all(self.runs, "bold")

    @property
    def italic(self) -> bool:
        return _all(self.runs, "italic")

    @property
    def spaced_start(self) -> bool:
        """Whether the line's text starts with a space character (a typed one)."""
        return self.chunks[0].runs[0].text[:1].isspace()

    @property
    def spaced_end(self) -> bool:
        return self.chunks[-1].runs[-1].text[-1:].isspace()

    def first_word(self) -> float:
        """The printed width of the line's first word as the typesetter moved it: with
        a footnote call glued to it, and with the next word when it is a single letter
        (bound to it by a no-break space, as Russian "с" and "в" are)."""
        chars: list[tuple[str, float]] = []  # the line's start, each character's width
        prev: Chunk | None = None
        for c in self.chunks:
            if prev is not None and c.left - prev.right > _JOINED * max(self.base.height, 1):
                chars.append((" ", 0.0))
            per = c.width / max(len(c.text), 1)
            chars += [(ch, per) for ch in c.text]
            prev = c
            if len(chars) > 60:
                break
        while chars and chars[0][0] == " ":
            chars.pop(0)
        text = "".join(ch for ch, _ in chars)
        end = text.find(" ") if " " in text else len(text)
        if end == 1 and text[0].isalpha() and " " in text[2:]:
            end = text.index(" ", 2)
        elif end == 1 and text[0].isalpha():
            end = len(text)
        return sum(w for _, w in chars[:end])

    def columns(self, gap: float = _COLUMN) -> list[Line]:
        """The line cut where a gap of ``gap`` times its type size separates columns
        (the masthead's two blocks, a footer's page number and job number)."""
        parts: list[list[Chunk]] = [[self.chunks[0]]]
        for c in self.chunks[1:]:
            if c.left - parts[-1][-1].right > gap * self.size:
                parts.append([])
            parts[-1].append(c)
        if len(parts) == 1:
            return [self]
        return [Line(self.page, p, self.no) for p in parts]


def _all(runs: tuple[Run, ...], attr: str) -> bool:
    letters = [r for r in runs if not r.script and any(ch.isalnum() for ch in r.text)]
    return bool(letters) and all(getattr(r, attr) for r in letters)


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)


# Characters XML cannot hold, which pdftohtml writes as they are in the PDF's text
_NOT_XML = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Text between tags of more bytes than a line may have characters (a character is at
# least a byte): measured in characters before the XML is parsed
_LONG_TEXT = re.compile(rb"(?<![^<>])[^<>]{%d,}" % (PDF_LINE_CHARS.value + 1))  # tried at a run's start only: linear


def read_layout(xml: bytes, source: Path = Path("PDF")) -> tuple[list[Page], dict[int, set[str]]]:
    """The pages of ``pdftohtml -xml -i`` output (of the PDF ``source``), each with its
    lines top to bottom, and the control characters left out of each page (XML cannot
    hold them, nor a report). Over the limits of a PDF's text (lines, line length) it is
    refused as soon as the lines read pass them, before the rest is read."""
    dropped: dict[int, set[str]] = {}
    starts: list[int] | None = None
    for long in _LONG_TEXT.finditer(xml):
        # a text node longer than a line may be (libxml2 would refuse one over 10 MB,
        # with advice for programmers): refused as a line of that page, before parsing
        chars = len(html.unescape(long.group().decode("utf-8", "replace")))
        if PDF_LINE_CHARS.exceeded(chars):
            starts = [hit.start() for hit in re.finditer(rb"<page ", xml)]
            page = bisect.bisect_left(starts, long.start()) or 1
            raise TooLarge(source, None, PDF_LINE_CHARS.over(f"page {page} holds a line of {chars:,} characters"),
                           PDF_LINE_CHARS)
    if _NOT_XML.search(xml):
        starts = starts or [hit.start() for hit in re.finditer(rb"<page ", xml)]
        for hit in _NOT_XML.finditer(xml):
            page = bisect.bisect_left(starts, hit.start()) or 1
            dropped.setdefault(page, set()).add(hit.group().decode("ascii"))
        xml = _NOT_XML.sub(b"", xml)
    # the safe parser, its limits included: the XML is poppler's, its text the PDF's
    root = safexml.parse(Path(f"{source} (pdftohtml -xml)"), xml, names_dtd=True)
    fonts: dict[str, tuple[float, bool, bool]] = {}
    pages: list[Page] = []
    count = 0
    for page in root.iter("page"):
        for spec in page.iter("fontspec"):
            family = (spec.get("family") or "").lower()
            fonts[spec.get("id", "")] = (_number(spec.get("size")), "bold" in family or "black" in family,
                                         "italic" in family or "oblique" in family)
        chunks = [c for t in page.iter("text") if (c := _chunk(t, fonts)) is not None]
        out = Page(int(_number(page.get("number"))), _number(page.get("width")), _number(page.get("height")))
        out.lines = _lines(out.number, chunks)
        pages.append(out)
        count += len(out.lines)
        if PDF_TEXT_LINES.exceeded(count):
            raise TooLarge(source, None, PDF_TEXT_LINES.over(f"it holds over {PDF_TEXT_LINES.value:,} lines of text"),
                           PDF_TEXT_LINES)
        for ln in out.lines:
            if PDF_LINE_CHARS.exceeded(len(ln.text)):
                raise TooLarge(source, None, PDF_LINE_CHARS.over(f"page {out.number} holds a line of "
                                                                 f"{len(ln.text):,} characters"), PDF_LINE_CHARS)
    return pages, dropped


def _number(value: str | None) -> float:
    try:
        return float(value or 0)
    except ValueError:
        return 0.0


def _chunk(el: etree._Element, fonts: dict[str, tuple[float, bool, bool]]) -> Chunk | None:
    size, bold, italic = fonts.get(el.get("font", ""), (0.0, False, False))
    runs: list[Run] = []
    # (node, its formatting) to enter, or (text, formatting) to emit: an explicit stack,
    # in document order (a tail after its element's content)
    stack: list[tuple[etree._Element | str, bool, bool, str | None]] = [(el, bold, italic, None)]
    while stack:
        node, b, i, href = stack.pop()
        if isinstance(node, str):
            runs.append(Run(node, b, i, href))
            continue
        tag = node.tag if isinstance(node.tag, str) else ""
        inner = (b or tag == "b", i or tag == "i", node.get("href") if tag == "a" else href)
        todo: list[tuple[etree._Element | str, bool, bool, str | None]] = []
        if node.text:
            todo.append((node.text, *inner))
        for child in node:
            todo.append((child, *inner))
            if child.tail:
                todo.append((child.tail, *inner))
        stack += reversed(todo)
    if not "".join(r.text for r in runs).strip():
        return None
    return Chunk(_number(el.get("top")), _number(el.get("left")), _number(el.get("width")),
                 _number(el.get("height")), size, tuple(runs))


def _lines(page: int, chunks: list[Chunk]) -> list[Line]:
    """Chunks grouped by baseline, the largest type first: a chunk joins a line whose
    foot it shares, or, set smaller, a line whose height it lies within (a raised
    footnote call, the rest of a symbol printed after its large first letter)."""
    groups: list[_Group] = []
    buckets: dict[int, list[_Group]] = {}
    for c in sorted(chunks, key=lambda c: (-c.size, c.top, c.left)):
        near = [g for k in range(int(c.bottom // _BUCKET) - 2, int(c.bottom // _BUCKET) + 3)
                for g in buckets.get(k, ()) if g.takes(c)]
        home = min(near, key=lambda g: g.distance(c), default=None)  # the line it is printed beside
        if home is None:
            home = _Group(c)
            groups.append(home)
            buckets.setdefault(int(c.bottom // _BUCKET), []).append(home)
        else:
            home.chunks.append(c)
    lines = []
    for g in groups:
        g.chunks.sort(key=lambda c: c.left)
        line = Line(page, g.chunks)
        _scripts(line)
        lines.append(line)
    lines.sort(key=lambda ln: (ln.top, ln.left))
    return lines


_BUCKET = 10.0


class _Group:
    """A line being gathered: its chunks and the box of the type it is set in."""

    def __init__(self, first: Chunk) -> None:
        self.chunks = [first]
        self.top, self.bottom, self.height, self.size = first.top, first.bottom, first.height, first.size

    def distance(self, c: Chunk) -> float:
        return min(max(c.left - o.right, o.left - c.right, 0.0) for o in self.chunks)

    def takes(self, c: Chunk) -> bool:
        if any(min(c.right, o.right) - max(c.left, o.left) > 0.5 for o in self.chunks):
            return False  # a chunk above or below another is on another line
        if abs(c.bottom - self.bottom) <= 0.25 * min(c.height, self.height) \
                and min(c.bottom, self.bottom) > max(c.top, self.top):
            return True
        # smaller type within the line's height, beside one of its chunks: a
        # superscript, a footnote's mark, the rest of a symbol after its large first letter
        return (c.size <= _SMALL * self.size and c.top >= self.top - 0.2 * self.height
                and c.bottom <= self.bottom + 0.3 * self.height
                and self.distance(c) < _NEAR * self.size)


def _scripts(line: Line) -> None:
    """Mark the short chunks set smaller than the line, glued to a word and raised
    (``sup``: a footnote call, "26th") or lowered (``sub``)."""
    base = line.base
    chunks = line.chunks
    for k, c in enumerate(chunks):
        if c is base or c.size > _SMALL * base.size or not 0 < c.letters <= _SCRIPT_LETTERS:
            continue
        glued = any(abs(gap) <= 0.3 * base.size for gap in (
            [c.left - chunks[k - 1].right] if k else []) + ([chunks[k + 1].left - c.right] if k + 1 < len(chunks) else []))
        if not glued:
            continue
        if c.bottom <= base.bottom - _RAISED * base.height:
            c.script = "sup"
        elif c.bottom >= base.bottom + _RAISED * base.height:
            c.script = "sub"
    line.changed()


_SCRIPT_LETTERS = 6


def body_size(pages: list[Page]) -> float:
    """The size most of the document's letters are set in."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            for c in line.chunks:
                if not c.script:
                    sizes[c.size] += c.letters
    return sizes.most_common(1)[0][0] if sizes else 0.0
