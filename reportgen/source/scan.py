"""Block structure by markers: the lines of a report body → a tree of blocks.

A report's structure is given by its markers, not by CommonMark's indentation
arithmetic (where a sub-item under ``104.`` must be indented exactly five spaces
and one indented four becomes a code block). The rules (README, "Structure"):

- ``N.`` starts a numbered paragraph; ``(a)``/``a)`` and ``(i)`` start sub-items,
  which belong to the numbered paragraph (or footnote) above them at any
  indentation; ``(i)`` nests under ``(a)``; where a marker could be a letter or a
  Roman numeral the sequence decides (``(i)`` after ``(h)`` is the letter i).
- ``#``/``##``/``###`` are headings; ``[^n]:`` starts a footnote definition.
- After a blank line, an *indented* block continues the paragraph or footnote
  above it (the innermost open sub-item when indented deeper than its marker);
  an unindented block is an unnumbered paragraph.
- Without a blank line before it, a line continues the block above it, unless it
  starts with a heading or a footnote definition, or a marker that continues the
  sequence: the next paragraph number, the next item of an open list, or a
  first item ``(a)``/``(i)`` after a line ending in a colon.

Constructs a report cannot hold (tables, code, quotations, bullet lists, rules)
are refused at their line. Inline content is parsed later (``inline.py``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Union

from reportgen.l10n import Language
from reportgen.source.inline import BAD_CHARS
from reportgen.source.markers import (NUMBER, Found, ItemSequence, invisible_lead, outline_number,
                                      paragraph_marker, subitem_marker)

# ---------------------------------------------------------------- tree


@dataclass
class Lines:
    """A run of text lines, each ``(line number, text)`` with indentation removed."""

    lines: list[tuple[int, str]]

    @property
    def line(self) -> int:
        return self.lines[0][0]


@dataclass
class HeadingB:
    level: int
    line: int
    text: str


@dataclass
class SubItemB:
    index: int
    level: int
    line: int
    indent: int
    marker: str
    children: list["Child"] = field(default_factory=list)
    last_child_index: int = 0  # last (i) index under this item


@dataclass
class ParagraphB:
    """A numbered paragraph (``number`` set) or a footnote definition (``name`` set)."""

    line: int
    number: int | None = None
    name: str | None = None
    children: list["Child"] = field(default_factory=list)
    last_index: int = 0  # last (a) index in this container


Child = Union[Lines, SubItemB]
TopBlock = Union[HeadingB, ParagraphB, Lines]


@dataclass(frozen=True)
class Problem:
    line: int
    message: str
    severity: str = "error"
    # an error of the numbering only (a sub-item out of sequence): build and check refuse
    # it, but the document stays readable, so alignment compares it and names it
    structural: bool = False


# ------------------------------------------------------------- markers

_HEADING = re.compile(r"#+(?=[ \t]|$)")
# "#III. Title", "＃ 标题": a heading marker without its space, or typed full width
_HEADING_LOOKALIKE = re.compile(r"(?:#+|＃+)(?=[^\s#＃])|＃+(?=[ \t\u3000]|$)")
_HEADING_NUMBERED = re.compile(r"#+[IVXLCDM\d]+\.")
_SPACES = " \t\u3000"
_CLOSING_HASHES = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_DIGITS = re.compile(r"-?\d*")
_FOOTNOTE_DEF = re.compile(r"\[\^([^\]]*)\]:")
_FENCE = re.compile(r"(`{3,}|~{3,})")
_RULE = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_SETEXT = re.compile(r"=+[ \t]*$")
_BULLET = re.compile(r"[-*+](?:[ \t]|$)")
_COLON = (":", "：", "\uff1a")

TAB = 4


def _indent(raw: str) -> tuple[int, str]:
    """Indentation in columns (a tab counts as four) and the text after it."""
    col, i = 0, 0
    while i < len(raw) and raw[i] in " \t":
        col = col + TAB - col % TAB if raw[i] == "\t" else col + 1
        i += 1
    return col, raw[i:]


class Scanner:
    """One pass over the lines; ``problems`` collects every refusal."""

    def __init__(self, lang: Language) -> None:
        self.lang = lang
        self.top: list[TopBlock] = []
        self.problems: list[Problem] = []
        self.container: ParagraphB | None = None  # open numbered paragraph or footnote
        self.subs: list[SubItemB] = []  # open sub-items, outermost first
        self.current: Lines | None = None  # block receiving continuation lines
        self.last_number: int | None = None
        self.skip_until_blank = False
        self.fence: str | None = None
        self.items = ItemSequence(lang)

    # ---------------------------------------------------------------- driver

    def scan(self, lines: list[str | None], first: int = 1) -> list[TopBlock]:
        """``lines[k]`` is line ``first + k``; ``None`` marks a line that held only a
        comment: it neither separates nor continues blocks."""
        after_blank = True
        for k, raw in enumerate(lines):
            no = first + k
            if raw is None:
                continue
            if self.fence is not None:
                if raw.strip().startswith(self.fence):
                    self.fence = None
                continue
            if not raw.strip():
                self.current, after_blank, self.skip_until_blank = None, True, False
                continue
            if self.skip_until_blank:
                continue
            self.line(no, raw, after_blank)
            after_blank = False
        return self.top

    def line(self, no: int, raw: str, after_blank: bool) -> None:
        indent, text = _indent(raw)
        text = self.unhidden(no, text)
        if self.refused(no, text):
            return
        if m := _HEADING.match(text):
            self.heading(no, len(m.group(0)), text[m.end():])
            return
        if (m := _HEADING_LOOKALIKE.match(text)) and self.heading_lookalike(no, m.group(0), text, after_blank):
            return
        if m := _FOOTNOTE_DEF.match(text):
            self.footnote(no, m.group(1), text[m.end():])
            return
        expected = (self.last_number or 0) + 1
        if found := paragraph_marker(self.lang, text):
            number = found.value or 0
            opens = after_blank or self.current is None
            # a look-alike ("14 States", "14:") counts only opening an unindented block
            if (opens and not indent and number == expected and self.last_number is not None) if found.lookalike \
                    else (opens or number == expected):
                if found.problem:
                    self.problems.append(Problem(no, found.problem))
                self.numbered(no, number, text[found.end:])
                return
        if (found := subitem_marker(self.lang, text)) and self.item(no, indent, found, text, after_blank):
            return
        if (after_blank or self.current is None) and not indent and (outline := outline_number(text)):
            self.problems.append(Problem(no, f"'{outline}' at the start of this paragraph is printed as written: "
                                             "UN paragraphs are numbered 1, 2, 3 throughout, and their parts "
                                             "are sub-items (a), (b)", "warning"))
        self.text(no, indent, text, after_blank)

    def item(self, no: int, indent: int, found: Found, text: str, after_blank: bool) -> bool:
        """A sub-item marker the sequence takes (its typed form's problem reported first)."""
        before = len(self.problems)
        if not self.subitem(no, indent, found.marker, found.token, text[found.end:], after_blank):
            return False
        if found.problem:
            self.problems.insert(before, Problem(no, found.problem))
        return True

    def unhidden(self, no: int, text: str) -> str:
        """``text`` without invisible characters before a marker, which would hide it: a
        paragraph "\ufeff31." is paragraph 31, and the character is named at this line
        (by the reader when no document may hold it, a BOM or direction control; here
        when it is one a text may hold elsewhere, a zero-width space or a direction mark)."""
        hidden, visible = invisible_lead(text)
        if not hidden or not (visible.startswith(("#", "[^")) or paragraph_marker(self.lang, visible)
                              or subitem_marker(self.lang, visible)):
            return text
        allowed = [c for c in hidden if not BAD_CHARS.match(c)]
        if allowed:
            shown = visible.split()[0] if visible.split() else visible
            self.problems.append(Problem(no, f"the invisible character {_char_name(allowed[0])} before '{shown}' "
                                             "hides the marker: remove it"))
        return visible

    def heading_lookalike(self, no: int, hashes: str, text: str, after_blank: bool) -> bool:
        """``#III. Title`` (no space) or ``＃ 标题`` (a full-width '#'): a heading when it is
        plainly meant as one, refused at its line (or accepted, full width, where the
        version's drafters type so); ``#Title`` opening a paragraph is text, with a warning."""
        level, rest = len(hashes), text[len(hashes):]
        wide, plain = hashes.startswith("＃"), "#" * len(hashes)
        if wide and self.lang.typed.fullwidth and (not rest or rest[0] in _SPACES):
            self.heading(no, level, rest)
            return True
        title = rest.strip(_SPACES)[:30]
        fix = f"write '{plain} {title}'"
        if wide or _HEADING_NUMBERED.match(text):
            what = f"'{hashes}' is a full-width '#'" if wide else f"'{plain}' needs a space after it"
            self.problems.append(Problem(no, f"{what}: {fix}"))
            self.heading(no, level, rest)
            return True
        if after_blank or self.current is None:
            self.problems.append(Problem(no, f"'{text.split()[0][:30]}' at the start of this paragraph is printed "
                                             f"as written: for a heading, {fix}", "warning"))
        return False

    # ------------------------------------------------------------ refusals

    def refused(self, no: int, text: str) -> bool:
        """Constructs a report cannot hold, refused once per block at their line."""
        message = None
        if m := _FENCE.match(text):
            self.fence = m.group(1)[0] * 3
            message = "a code block is not supported in a report"
        elif text.startswith("|"):
            message = "a table is not supported in a report: write the figures in the text"
        elif text.startswith(">"):
            message = "a block quotation ('>') is not supported in a report"
        elif _RULE.match(text):
            message = "a horizontal rule is not supported in a report"
        elif _BULLET.match(text):
            message = "a bullet list is not supported in a report: use sub-items (a), (b)"
        elif _SETEXT.match(text) and self.current is not None:
            message = "an '===' underline heading is not supported: write '# Title'"
        elif NUMBER.match(text) and text.startswith("-"):
            message = "paragraph numbers start at 1 or above"
        if message is None:
            return False
        self.problems.append(Problem(no, message))
        self.current = None
        self.skip_until_blank = self.fence is None
        return True

    # ------------------------------------------------------------- blocks

    def close(self) -> None:
        self.container, self.subs, self.current = None, [], None

    def heading(self, no: int, level: int, rest: str) -> None:
        self.close()
        if level > 3:
            self.problems.append(Problem(no, f"heading level {level} is too deep: use '#' (chapter), '##' or '###'"))
            return
        # "## A. Title ##": a closing run of '#' (CommonMark's) is no part of the title
        self.top.append(HeadingB(level, no, _CLOSING_HASHES.sub("", rest).strip()))

    def footnote(self, no: int, name: str, rest: str) -> None:
        self.close()
        if not re.fullmatch(r"[^\s\[\]^]+", name):
            self.problems.append(Problem(no, f"'[^{name}]:' is not a footnote name: use letters or digits, as [^1]:"))
            self.skip_until_blank = True
            return
        self.container = ParagraphB(no, name=name)
        self.top.append(self.container)
        self.current = self._new_lines(self.container.children, no, rest)

    def numbered(self, no: int, number: int, rest: str) -> None:
        self.close()
        if number < 1:
            self.problems.append(Problem(no, "paragraph numbers start at 1 or above"))
        self.last_number = number
        self.container = ParagraphB(no, number=number)
        self.top.append(self.container)
        lead = rest.lstrip(" \t")
        if (found := subitem_marker(self.lang, lead)) and self.item(no, len(rest) - len(lead), found, lead, True):
            return  # "11. (a) Everyone ...": the paragraph opens straight on its first item
        self.current = self._new_lines(self.container.children, no, rest)

    def subitem(self, no: int, indent: int, marker: str, token: str, rest: str, after_blank: bool) -> bool:
        """Place a sub-item by its marker; False when the line is ordinary text."""
        container = self.container
        level1 = self.subs[0] if self.subs else None
        choice = self._classify(token, container, level1)
        if choice is None:
            return False
        level, index, in_sequence = choice
        if not after_blank and self.current is not None:
            # Inside a block, only a marker that continues an open list, or a first
            # item after a lead-in ending in a colon, starts an item: "(a) of
            # article 5" wrapped onto a new line is text.
            starts = (self._previous_text().rstrip().endswith(_COLON) if index == 1 else in_sequence)
            if not starts:
                inside_list = bool(self.subs) and self.current is self.subs[-1].children[-1]
                if not inside_list:
                    self.problems.append(Problem(
                        no, f"'{marker}' at the start of this line is read as text, not as a sub-item: "
                            "to start a sub-item, leave a blank line before it or end the line above with a colon",
                        "warning"))
                    return False
                # inside a list, a line led by a marker is meant as an item: out of sequence
        if container is None:
            self.problems.append(Problem(no, f"sub-item {marker} is outside a numbered paragraph: "
                                             "put it under a paragraph 'N. text'"))
            self.current, self.skip_until_blank = None, True
            return True
        if level == 2 and level1 is None:
            self.problems.append(Problem(no, f"sub-item {marker} must follow an item such as (a)"))
            self.current, self.skip_until_blank = None, True
            return True
        if not in_sequence:
            expected_index = (container.last_index if level == 1 else level1.last_child_index) + 1  # type: ignore[union-attr]
            expected = self.lang.subitem_marker(expected_index, level)
            self.problems.append(Problem(no, f"sub-item {marker} is out of sequence: expected {expected}"
                                             + _other_script(marker, expected), structural=True))
        item = SubItemB(index, level, no, indent, marker)
        if level == 1:
            container.last_index = index
            container.children.append(item)
            self.subs = [item]
        else:
            assert level1 is not None
            level1.last_child_index = index
            level1.children.append(item)
            self.subs = [level1, item]
        self.current = self._new_lines(item.children, no, rest)
        return True

    def _classify(self, token: str, container: ParagraphB | None,
                  level1: SubItemB | None) -> tuple[int, int, bool] | None:
        """(level, index, continues the sequence) of a marker (``markers.ItemSequence``)."""
        return self.items.classify(token, (container.last_index if container else 0) + 1,
                                   level1.last_child_index + 1 if level1 else None,
                                   level1 is not None and level1.last_child_index > 0)

    def text(self, no: int, indent: int, text: str, after_blank: bool) -> None:
        if not after_blank and self.current is not None:
            self.current.lines.append((no, text))
            return
        if indent > 0 and self.container is not None:
            # A continuation block: of the innermost open sub-item it is indented
            # deeper than, else of the paragraph or footnote itself.
            while self.subs and indent <= self.subs[-1].indent:
                self.subs.pop()
            owner = self.subs[-1].children if self.subs else self.container.children
            self.current = self._new_lines(owner, no, text, marker=False)
            return
        self.close()
        self.current = Lines([(no, text)])
        self.top.append(self.current)

    # ------------------------------------------------------------- helpers

    def _previous_text(self) -> str:
        return self.current.lines[-1][1] if self.current and self.current.lines else ""

    @staticmethod
    def _new_lines(owner: list[Child], no: int, rest: str, marker: bool = True) -> Lines:
        """A text block for a container; an empty first line (``5.`` alone) still
        opens it, so the next line continues the paragraph. The space after a marker
        may be any (a no-break space from Word, an ideographic space); a continuation
        block (``marker`` False) keeps a no-break space it starts with, as text."""
        text = rest.lstrip() if marker else rest.lstrip(" \t")
        block = Lines([(no, text)] if text.strip() else [])
        owner.append(block)
        return block


def structure_at(lang: Language, line: str, expected: int | None = None) -> int | None:
    """Where a line (as written, indentation removed) reads as structure to the scanner:
    the index of the character a writer escapes to keep the line text (``14\\.``,
    ``\\(a)``, ``\\#``), or None. The one statement of the scanner's line starts, for
    ``render/markdown``: markers in the UN and typed forms, look-alikes of the paragraph
    number ``expected`` (``14 States``, ``14:``; only when it is that number), ``#``
    headings and their look-alikes, footnote definitions, refused constructs, and
    invisible characters in front of any of them."""
    hidden, visible = invisible_lead(line)
    if hidden:
        return 0 if structure_at(lang, visible, expected) is not None else None
    if (line.startswith(("#", "＃", "|", ">")) or _FOOTNOTE_DEF.match(line) or _FENCE.match(line)
            or _RULE.match(line) or _BULLET.match(line) or _SETEXT.match(line)):
        return 0
    run = len(line) - len(line.lstrip("*_"))  # "**14.**": the marker inside emphasis
    if run and (paragraph_marker(lang, line) or subitem_marker(lang, line)):
        inner = structure_at(lang, line[run:].replace(line[:run], "", 1), expected)
        return run + inner if inner is not None else None
    if (found := paragraph_marker(lang, line)) and (not found.lookalike or found.value == expected):
        digits = _DIGITS.match(line).end()  # type: ignore[union-attr]  # always matches
        after = line[digits:].lstrip(" \t")
        # the punctuation after the number ("14.", "12 -", "14 :"), or the space of "14 States"
        return digits if not after or after[0].isalnum() else len(line) - len(after)
    if found := subitem_marker(lang, line):
        return found.marker.index(")") if found.marker[:1].isascii() and found.marker[:1].isalpha() else 0
    return None


def _other_script(marker: str, expected: str) -> str:
    """A note for a marker that only looks like the expected one: a Cyrillic 'с' typed
    for the Latin 'c' (a Russian keyboard), named, since the two print alike."""
    if not expected.isascii():
        return ""
    odd = [c for c in marker if c.isalpha() and not c.isascii()]
    return f" ('{odd[0]}' is {unicodedata.name(odd[0], 'not a Latin letter')})" if odd else ""


def _char_name(ch: str) -> str:
    return f"U+{ord(ch):04X} ({unicodedata.name(ch, 'a format character')})"


def scan(lines: list[str | None], lang: Language, first: int = 1) -> tuple[list[TopBlock], list[Problem]]:
    scanner = Scanner(lang)
    top = scanner.scan(lines, first)
    return top, scanner.problems

