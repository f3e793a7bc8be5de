"""Paragraphs as found in a Word file or PDF text → the model's blocks.

Both importers end in the same question: is this paragraph a chapter, a sub-heading, a
numbered paragraph, a sub-item, or text? The answer is read from the printed marker at its
start (``III.``, ``三.``, ``ثالثا -``, ``12.``, ``1 -``, ``(a)``, ``a)``, ``(أ)``), in the
language's own forms from its data file, and from the *sequence*: only the next number
or the next item is a marker, so a line of running text that happens to start with
``2021.`` or ``(c)`` is not taken for one. That is the source reader's rule too
(INTERFACE §2.3), which keeps an imported file readable as it was imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from reportgen import model as m
from reportgen.l10n import Language
from reportgen.source.markers import ItemSequence, heading_splits, paragraph_marker, subitem_marker

__all__ = ["Piece", "Marker", "Classifier", "structure", "drop_prefix", "plain_text"]

# A sentinel formatted through the language's paragraph template ("{n}." or "{n} -") to
# build the pattern that finds printed paragraph numbers.
_SENTINEL = 987654321
_TERMINAL = tuple(".。!?！？:：;；…")
# A number or letter before a tab at a heading's start: "1.\t", "(a)\t", "IV.\t"
_MARKER_TAB = re.compile(r"^(\(?[^\s()]{1,8}[.)])\t")


@dataclass(frozen=True)
class Piece:
    """One paragraph as the input gives it.

    ``content`` starts with its printed marker, if any (as text); ``marker`` is a label
    Word's automatic numbering shows in front of it (not part of the text); ``role`` is what
    the input's paragraph style says it is (``heading1``, ``heading2``, ``heading3``,
    ``continued`` (a block of the numbered paragraph), ``item1``/``item2`` (a block of the
    open sub-item of that level) or ``""``); ``line`` is where it is in the input (a line of PDF text, or
    a paragraph's position in a Word body), used to place comments and warnings."""

    content: tuple[m.Inline, ...]
    line: int
    role: str = ""
    marker: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class Marker:
    """What a piece's start says it is: ``kind`` is heading, paragraph, subitem or text."""

    kind: str
    number: int | None = None
    level: int = 0
    length: int = 0  # characters of the printed marker (and the space after it) to drop


def plain_text(content: tuple[m.Inline, ...]) -> str:
    """The characters of leading text, up to the first non-text inline."""
    out = []
    for x in content:
        if not isinstance(x, m.Text):
            break
        out.append(x.text)
    return "".join(out)


def drop_prefix(content: tuple[m.Inline, ...], n: int) -> tuple[m.Inline, ...]:
    """``content`` without its first ``n`` characters of leading text (the marker)."""
    out = list(content)
    while n > 0 and out and isinstance(first := out[0], m.Text):
        out.pop(0)
        if len(first.text) > n:
            out.insert(0, m.Text(first.text[n:]))
        n -= len(first.text)
    if out and isinstance(lead := out[0], m.Text):
        rest = lead.text.lstrip(" \t\u00a0")
        out[0] = m.Text(rest)
        if not rest:
            out.pop(0)
    return tuple(out)


@dataclass
class Classifier:
    """Reads markers in sequence, as the source reader does: the next paragraph number,
    the next sub-item of either level, the next chapter or sub-heading."""

    lang: Language
    paragraph: int | None = None  # last numbered paragraph
    items: list[int] = field(default_factory=list)  # open sub-item indexes, by level
    chapter: int | None = None
    section: int | None = None

    def __post_init__(self) -> None:
        self._items = ItemSequence(self.lang)  # the source reader's letter-or-Roman rule

    def peek(self, text: str, role: str = "", marker: str | None = None, in_note: bool = False) -> Marker:
        """What ``text`` (a paragraph's start) is, without advancing."""
        if marker is not None:  # Word numbering: the label precedes the text
            found = self._marked(marker + "\t", role, in_note)
            if found.kind != "text":
                return replace(found, length=0)
        return self._marked(text, role, in_note)

    def _marked(self, text: str, role: str, in_note: bool) -> Marker:
        if role.startswith("heading") or (not in_note and not role):
            if (h := self._heading(text, role)) is not None:
                return h
        if not in_note and not role.startswith("heading"):
            # the language's printed form ("12.", Arabic "12 -") as the source reader reads it
            found = paragraph_marker(self.lang, text)
            if found is not None and not found.lookalike and self._next_paragraph(found.value or 0):
                return Marker("paragraph", found.value, 0, found.end)
        if (self.paragraph is not None or in_note) and not role.startswith("heading"):
            if (item := self._subitem(text)) is not None:
                return item
        if role.startswith("heading"):
            return Marker("heading", None, int(role[-1]))
        return Marker("text")

    def _next_paragraph(self, n: int) -> bool:
        return n > 0 and (self.paragraph is None or n == self.paragraph + 1)

    def _heading(self, text: str, role: str) -> Marker | None:
        levels = (int(role[-1]),) if role else (1, 2)
        for numeral, title in heading_splits(text.replace("\t", " ")):
            if not title.strip() or " " in numeral.strip() and 1 not in levels:
                continue
            length = len(text) - len(title.lstrip())
            if 1 in levels and (n := self.lang.parse_chapter_number(numeral)) is not None:
                if role or self.chapter is None or n == self.chapter + 1:
                    return Marker("heading", n, 1, length)
            if 2 in levels and (n := self.lang.parse_subheading_number(numeral)) is not None:
                if role or (self.chapter is not None and n == (self.section or 0) + 1):
                    return Marker("heading", n, 2, length)
        return None

    def _subitem(self, text: str) -> Marker | None:
        """The next sub-item of either level, in a form the source reader reads."""
        found = subitem_marker(self.lang, text)
        if found is None:
            return None
        depth = len(self.items)
        choice = self._items.classify(found.token, self.items[0] + 1 if depth else 1,
                                      (self.items[1] + 1 if depth > 1 else 1) if depth else None, depth > 1)
        if choice is None or not choice[2]:
            return None  # only the next item is a marker: "(c)" after "(a)" is text
        level, index, _ = choice
        return Marker("subitem", index, level, found.end)

    def advance(self, found: Marker) -> None:
        """Move the sequence past ``found``."""
        match found.kind:
            case "heading" if found.level == 1 and found.number is not None:
                self.chapter, self.section = found.number, None
                self.items = []
            case "heading" if found.level == 2 and found.number is not None:
                self.section = found.number
                self.items = []
            case "paragraph":
                self.paragraph = found.number
                self.items = []
            case "subitem":
                self.items = self.items[:found.level - 1] + [found.number or 0]
            case "heading":  # an unnumbered heading (Annex) closes the items too
                self.items = []
            case _:
                pass


class _Open:
    """A numbered paragraph or sub-item being filled (the model is immutable)."""

    def __init__(self, kind: str, number: int, level: int, line: int, label: str | None) -> None:
        self.kind, self.number, self.level, self.line, self.label = kind, number, level, line, label
        self.blocks: list[m.Block | _Open] = []

    def freeze(self) -> m.Block:
        blocks = tuple(b.freeze() if isinstance(b, _Open) else b for b in self.blocks)
        if self.kind == "paragraph":
            return m.NumberedParagraph(self.number, blocks, self.label, self.line)
        return m.SubItem(self.number, self.level, blocks, self.line)


def structure(pieces: list[Piece], lang: Language, in_note: bool = False) -> tuple[m.Block, ...]:
    """The blocks ``pieces`` make: markers read in sequence, continuations kept with the
    item they continue, everything else an unnumbered paragraph. In a footnote only
    sub-items are markers."""
    classify = Classifier(lang)
    top: list[m.Block | _Open] = []
    stack: list[_Open] = []  # the open numbered paragraph and its open sub-items
    for piece in pieces:
        found = classify.peek(plain_text(piece.content), piece.role, piece.marker, in_note)
        if found.kind == "subitem" and not in_note and not (stack and (found.level == 1 or len(stack) > 1)):
            # no numbered paragraph (or item) open to hold it, as after a heading or an
            # unnumbered paragraph: the marker is the text's ("b)" in a table of contents)
            found = Marker("text")
        classify.advance(found)
        content = drop_prefix(piece.content, found.length)
        if piece.marker is not None and found.kind == "text":
            # Word numbering out of sequence: the number is kept as text, never lost
            content = (m.Text(piece.marker + " "),) + content
        match found.kind:
            case "heading":
                stack = []
                if found.number is None and content and isinstance(content[0], m.Text):
                    # a minor heading's number ("1.\tGeneva meeting", "(a)\t…") is its text:
                    # the tab Word sets after it is a space there
                    content = (m.Text(_MARKER_TAB.sub(r"\1 ", content[0].text, count=1)),) + content[1:]
                top.append(m.Heading(found.level, found.number, content, piece.label, piece.line))
            case "paragraph":
                stack = [_Open("paragraph", found.number or 0, 0, piece.line, piece.label)]
                stack[0].blocks.append(m.Para(content, piece.line))
                top.append(stack[0])
            case "subitem":
                item = _Open("subitem", found.number or 0, found.level, piece.line, None)
                item.blocks.append(m.Para(content, piece.line))
                del stack[found.level if stack and stack[0].kind == "paragraph" else found.level - 1:]
                (stack[-1].blocks if stack else top).append(item)
                stack.append(item)
            case _:
                # a continuation of the numbered paragraph ("continued"), of the open
                # sub-item of a level ("item1", "item2"), or in a footnote of the last item
                owner = None
                if stack and piece.role == "continued":
                    owner = stack[0]
                elif stack and piece.role.startswith("item"):
                    owner = next((o for o in reversed(stack) if o.kind == "subitem"
                                  and o.level <= int(piece.role[-1])), stack[-1])
                elif stack and in_note:
                    owner = stack[-1]
                if owner is not None:
                    owner.blocks.append(m.Para(content, piece.line))
                else:
                    stack = []
                    top.append(m.Para(content, piece.line))
    return tuple(b.freeze() if isinstance(b, _Open) else b for b in top)


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends as a paragraph may end (a full stop, colon, closing quote…)."""
    stripped = text.rstrip().rstrip("\"'”’»)）」』")
    return stripped.endswith(_TERMINAL)
