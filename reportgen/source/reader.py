"""One language version: bytes → front matter + block tree + inlines → document model.

The reader keeps what the source *says* (numbers as typed, labels, lines) and
decides nothing about printing. It never stops at the first problem: every
refusal in the file is returned as a diagnostic, and the document is None when
any of them is an error, so ``check`` and ``build`` list them all in one run.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportgen import model as m
from reportgen.errors import Diagnostic, UserError
from reportgen.l10n import LANGUAGES, Language, language
from reportgen.source import frontmatter
from reportgen.source.inline import BAD_CHARS, DIRECTION_CONTROLS, LABEL, InlineReader
from reportgen.source.markers import heading_number
from reportgen.source.scan import HeadingB, Lines, ParagraphB, SubItemB, TopBlock, scan

_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
# Sources larger than this are refused before parsing: a report in six languages of
# several hundred pages is a few MB per version.
MAX_BYTES = 16 * 1024 * 1024
# Marks where a comment stood (a non-character: refused in sources, so never typed).
_GONE = "\uffff"


@dataclass
class _Reader:
    path: Path
    lang: Language
    diagnostics: list[Diagnostic] = field(default_factory=list)
    definitions: dict[str, ParagraphB] = field(default_factory=dict)
    used: dict[str, int] = field(default_factory=dict)  # footnote name -> line of its reference
    in_note: bool = False

    @property
    def inline(self) -> InlineReader:
        # made per use, not kept: a kept one would hold bound methods of this reader,
        # a reference cycle keeping every scanned block alive until the cyclic collector runs
        return InlineReader(self.error, self.note, self.warning)

    def error(self, line: int | None, message: str) -> None:
        self.diagnostics.append(Diagnostic("error", self.path, line, message))

    def warning(self, line: int | None, message: str) -> None:
        self.diagnostics.append(Diagnostic("warning", self.path, line, message))

    # ----------------------------------------------------------- blocks

    def document(self, top: list[TopBlock]) -> list[m.Block]:
        for block in top:
            if isinstance(block, ParagraphB) and block.name is not None:
                if block.name in self.definitions:
                    first = self.definitions[block.name].line
                    self.error(block.line, f"footnote [^{block.name}] is defined twice (first at line {first})")
                else:
                    self.definitions[block.name] = block
        out: list[m.Block] = []
        for block in top:
            match block:
                case HeadingB():
                    out.append(self.heading(block))
                case ParagraphB() if block.number is not None:
                    out.append(self.numbered(block))
                case ParagraphB():
                    pass  # a footnote definition: read where it is referenced
                case Lines():
                    out.append(m.Para(self.inline.read(block.lines), block.line))
        for name, definition in self.definitions.items():
            if name not in self.used:
                self.error(definition.line, f"footnote [^{name}] is defined but never referenced")
        return out

    def heading(self, block: HeadingB) -> m.Heading:
        text, label = self._label(block.text, block.line, "heading")
        number: int | None = None
        if block.level <= 2:
            read = heading_number(self.lang, block.level, text)
            if read.problem:
                self.error(block.line, read.problem)
            if read.number is not None:
                number, text = read.number, read.title
                text, label = self._label(text, block.line, "heading") if label is None else (text, label)
        if not text.strip():
            self.error(block.line, "a heading needs a title")
        content = self.inline.read([(block.line, text)])
        return m.Heading(block.level, number, content, label, block.line)

    def numbered(self, block: ParagraphB) -> m.NumberedParagraph:
        label = None
        first = next((c for c in block.children if isinstance(c, Lines) and c.lines), None)
        if first is not None and first is block.children[0]:
            no, text = first.lines[0]
            text, label = self._label(text, no, "paragraph")
            first.lines[0] = (no, text)
        blocks = self.children(block.children)
        if not blocks or (isinstance(blocks[0], m.Para) and not blocks[0].content):
            self.error(block.line, f"paragraph {block.number} has no text after its number")
        return m.NumberedParagraph(block.number or 0, tuple(blocks), label, block.line)

    def children(self, children: list[Lines | SubItemB]) -> list[m.Block]:
        out: list[m.Block] = []
        for child in children:
            match child:
                case Lines() if child.lines:
                    if LABEL.match(child.lines[0][1]):
                        self.error(child.line, "a label {#name} may only follow a paragraph, chapter "
                                               "or sub-heading number")
                    out.append(m.Para(self.inline.read(child.lines), child.line))
                case Lines():
                    pass
                case SubItemB():
                    blocks = self.children(child.children)
                    if not blocks:
                        self.error(child.line, f"sub-item {child.marker} has no text")
                    out.append(m.SubItem(child.index, child.level, tuple(blocks), child.line))
        return out

    def note(self, name: str, line: int) -> m.Note | None:
        """The footnote ``[^name]`` referenced at ``line``, read from its definition."""
        definition = self.definitions.get(name)
        if definition is None:
            self.error(line, f"footnote [^{name}] is referenced but not defined: add a line '[^{name}]: text'")
            return None
        if name in self.used:
            self.error(line, f"footnote [^{name}] is referenced twice (first at line {self.used[name]}); "
                             "a footnote is referenced once")
            return None
        self.used[name] = line
        if self.in_note:
            self.error(line, "a footnote cannot hold another footnote")
            return None
        self.in_note = True
        try:
            blocks = self.children(definition.children)
        finally:
            self.in_note = False
        if not blocks:
            self.error(definition.line, f"footnote [^{name}] has no text")
        return m.Note(tuple(blocks), definition.line)

    def _label(self, text: str, line: int, where: str) -> tuple[str, str | None]:
        """Split a leading ``{#label}`` off; a malformed one is refused, never printed."""
        stripped = text.lstrip()
        if not stripped.startswith("{#"):
            return text, None
        match = LABEL.match(stripped)
        if match is None:
            shown = stripped[: stripped.find("}") + 1] if "}" in stripped else stripped[:20]
            self.error(line, f"'{shown}' is not a valid label: write {{#name}}, a name of letters, "
                             "digits, '-' and '_' with no spaces, starting with a letter")
            return stripped[len(shown):].lstrip(), None
        return stripped[match.end():], match.group(1)


def check_numbering(reader: _Reader, blocks: list[m.Block]) -> None:
    """Paragraph numbers increase by one from wherever the document starts (an
    addendum continues its parent's count), and chapters likewise; sub-headings run
    A, B, C from each chapter's start (from any letter in the document's first chapter,
    or before it)."""
    expected: int | None = None
    chapter: int | None = None
    section: int | None = None
    seen_chapter = False
    lang = reader.lang
    for b in blocks:
        if isinstance(b, m.NumberedParagraph):
            if b.number < 1:
                pass  # reported by the scanner
            elif expected is not None and b.number == expected - 1:
                reader.error(b.line, f"paragraph {b.number} is numbered twice: expected {expected}")
            elif expected is not None and b.number != expected:
                reader.error(b.line, f"paragraph {b.number} follows paragraph {expected - 1}: expected {expected}")
            expected = b.number + 1
        elif isinstance(b, m.Heading) and b.level == 1:
            # a chapter starts its sub-headings at A; the document's first may continue a
            # chapter of the parent document (an addendum's "II." then "C.")
            section = 0 if seen_chapter else None
            seen_chapter = True
            if b.number is None:
                continue
            if chapter is not None and b.number != chapter + 1:
                shown, want = lang.chapter_numeral(b.number), lang.chapter_numeral(chapter + 1)
                after = ("is numbered twice" if b.number == chapter
                         else f"follows chapter {lang.chapter_numeral(chapter)}")
                reader.error(b.line, f"chapter {shown} {after}: expected {want}")
            chapter = b.number
        elif isinstance(b, m.Heading) and b.level == 2 and b.number is not None:
            if section is not None and b.number != section + 1:
                shown, want = lang.subheading_numeral(b.number), lang.subheading_numeral(section + 1)
                after = ("is the first of its chapter" if section == 0
                         else "is lettered twice" if b.number == section
                         else f"follows sub-heading {lang.subheading_numeral(section)}")
                reader.error(b.line, f"sub-heading {shown} {after}: expected {want}")
            section = b.number


# ------------------------------------------------------------ the file


def decode(path: Path) -> str:
    """The file as text: UTF-8 (a BOM and CRLF line ends accepted)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UserError(path, None, f"file is {size / 1048576:.0f} MB; a language version may be at most "
                                        f"{MAX_BYTES // 1048576} MB")
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(path, None, f"cannot read file: {exc.strerror or exc}") from None
    if not raw.strip():
        raise UserError(path, None, "file is empty: a language version starts with its front matter ('---')")
    if b"\x00" in raw[:8192]:
        raise UserError(path, None, "this is not a text file (it holds binary data)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UserError(path, line, "file is not valid UTF-8 text: save it as UTF-8") from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    if "\r" in text and "\n" not in text.rstrip("\r"):
        text = text.replace("\r", "\n")  # carriage returns alone end the lines (classic Mac OS)
    return text


def _refused_char(ch: str) -> str:
    """Why a character is refused, and the fix."""
    name = f"U+{ord(ch):04X} ({unicodedata.name(ch, 'a control character')})"
    if ch in DIRECTION_CONTROLS:
        # Word and LibreOffice obey them: an override prints "A/75/1" as "1/57/A"
        return (f"the direction control {name} cannot appear in a document: remove it; reportgen "
                "sets each version's direction and keeps symbols, figures and Latin words left to right")
    if ch == "\ufeff":
        return (f"the invisible character {name}, a byte-order mark, cannot appear inside a document: remove it "
                "(for a place where a line may not break, use U+2060 WORD JOINER)")
    return f"the character {name} cannot appear in a document: remove it"


def body_lines(reader: _Reader, body: str, comments: list[m.Comment]) -> list[str | None]:
    """The body's lines with characters a document cannot hold refused, and
    comments taken out (into ``comments``). A line that held only a comment
    becomes None: it neither separates nor continues blocks."""
    lines = body.split("\n")
    for no, line in enumerate(lines, 1):
        # isprintable() is a fast filter: every forbidden character is unprintable
        if not line.isprintable() and (bad := BAD_CHARS.search(line)):
            reader.error(no, _refused_char(bad.group(0)))
            lines[no - 1] = BAD_CHARS.sub("", line)
    if "<!--" not in body:
        return list(lines)
    text = "\n".join(lines)
    pieces: list[str] = []
    pos, at = 0, 1  # at: the line of ``pos`` (counted on, not from the start: quadratic)
    for match in _COMMENT.finditer(text):
        at += text.count("\n", pos, match.start())
        comments.append(m.Comment(at, " ".join(match.group(1).split())))
        pieces += [text[pos:match.start()], "\n" * match.group(0).count("\n") + _GONE]
        at += match.group(0).count("\n")
        pos = match.end()
    pieces.append(text[pos:])
    text = "".join(pieces)
    unclosed = text.find("<!--")
    if unclosed >= 0:
        reader.error(text.count("\n", 0, unclosed) + 1, "comment '<!--' is never closed with '-->'")
        text = text[:unclosed] + _GONE + "\n" * text.count("\n", unclosed)
    out: list[str | None] = []
    for line in text.split("\n"):
        if _GONE in line:
            line = line.replace(_GONE, "")
            out.append(line if line.strip() else None)
        else:
            out.append(line)
    return out


def read_document(path: Path) -> tuple[m.Document | None, list[Diagnostic]]:
    """Read one language version; the document is None when any error was found but
    errors of numbering (gaps, repeats, sub-items out of sequence), which alignment names."""
    try:
        text = decode(path)
        parts = frontmatter.split(path, text)
    except UserError as exc:
        return None, [exc.diagnostic]
    meta, diagnostics = frontmatter.parse(path, parts)
    code = meta.language if meta else (path.stem if path.stem in LANGUAGES else "en")
    reader = _Reader(path, language(code))
    comments: list[m.Comment] = []
    # The body keeps the front matter as blank lines, so line numbers are the file's.
    lines = body_lines(reader, parts.body, comments)
    top, problems = scan(lines, reader.lang)
    for p in problems:
        reader.diagnostics.append(Diagnostic(p.severity, path, p.line, p.message, p.structural))
    blocks = reader.document(top)
    diagnostics += reader.diagnostics
    structural = {(p.line, p.message) for p in problems if p.structural}
    unreadable = meta is None or any(d.severity == "error" and (d.line, d.message) not in structural
                                     for d in diagnostics)
    # Numbering errors leave the document readable: alignment still compares a
    # version with a gap, a repeated number or sub-items out of sequence (and names
    # them), while build and check refuse it.
    numbering = _Reader(path, reader.lang)
    check_numbering(numbering, blocks)
    # structural: alignment names a translation's gap or repeat itself (missing-paragraph,
    # numbering-mismatch, duplicate-paragraph…); the load need not print it again
    diagnostics += [replace(d, structural=True) for d in numbering.diagnostics]
    if unreadable or meta is None:
        return None, diagnostics
    return m.Document(meta, tuple(blocks), path, tuple(comments)), diagnostics
