"""Pandoc AST → document model.

The reader keeps what the Markdown *says* (numbers as written, labels, lines);
it decides nothing about how anything is printed. Problems that leave the
document usable (a skipped paragraph number) are returned as diagnostics, so
``check`` can list them all; problems that make it unreadable raise ``UserError``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen import model as m
from reportgen.errors import Diagnostic, UserError
from reportgen.l10n import Language, language
from reportgen.source import frontmatter
from reportgen.source.pandoc import Node, item_lines, read_ast, unwrap_blocks, unwrap_inlines

# Label names (ASCII, so that Chinese text may touch them): a letter, then letters,
# digits, "-" and "_", with "." or ":" only inside.
_NAME = r"[A-Za-z](?:[\w-]*\w)?(?:[.:]\w(?:[\w-]*\w)?)*"
LABEL = re.compile(rf"^\{{#({_NAME})\}}\s*", re.ASCII)
# "@label" or a range "@first–@last" ("--" and "-" too); not an e-mail address, which
# has a Latin letter or digit before the "@" (Chinese text may touch the "@").
REFERENCE = re.compile(rf"(?<![A-Za-z0-9_@/.])@({_NAME})(?:\s*(?:–|--|-)\s*@({_NAME}))?", re.ASCII)
# "III. Title", "三. 标题", "ثالثا - العنوان": a numeral, then "." or " -", then the title.
HEADING_NUMBER = re.compile(r"^(\S+?)(?:\.|\s+-)\s+(.*)$", re.S)

SUBITEM_STYLES = {"LowerAlpha": 1, "UpperAlpha": 1, "LowerRoman": 2, "UpperRoman": 2}


@dataclass
class _Reader:
    path: Path
    source_lines: list[str]
    lang: Language
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error(self, line: int | None, message: str) -> None:
        self.diagnostics.append(Diagnostic("error", self.path, line, message))

    # ----------------------------------------------------------- blocks

    def blocks(self, nodes: list[Node]) -> list[m.Block]:
        out: list[m.Block] = []
        for node in nodes:
            if node.t == "Header":
                out.append(self.heading(node))
            elif node.t == "OrderedList" and node.c[0][1]["t"] in ("Decimal", "DefaultStyle", "Example"):
                out.extend(self.numbered(node))
            elif node.t in ("Para", "Plain"):
                out.append(m.Para(self.inlines(node.c, node.line), node.line))
            elif node.t == "OrderedList":
                raise UserError(self.path, node.line, "sub-item outside a numbered paragraph: indent it under 'N. text'")
            elif node.t == "HorizontalRule":
                continue
            else:
                raise UserError(self.path, node.line, f"{_describe(node.t)} is not supported in a report")
        return out

    def heading(self, node: Node) -> m.Heading:
        level, _attr, raw = node.c
        if level > 3:
            raise UserError(self.path, node.line, f"heading level {level} is too deep: use '#' (chapter), '##' or '###'")
        content = self.inlines(raw, node.line)
        text = _plain(content)
        number: int | None = None
        match = HEADING_NUMBER.match(text)
        if match and level <= 2:
            parse = self.lang.parse_chapter_number if level == 1 else self.lang.parse_subheading_number
            number = parse(match.group(1))
            if number is not None:
                content = _drop_prefix(content, len(text) - len(match.group(2)))
        content, label = _take_label(content)
        return m.Heading(level, number, tuple(content), label, node.line)

    def numbered(self, node: Node) -> list[m.NumberedParagraph]:
        out = []
        lines = item_lines(node)
        for item, line in zip(node.c[1], lines):
            number = self._written_number(line, node.c[0][0] + len(out))
            blocks = self.item_blocks(unwrap_blocks(item, line), level=0)
            label = None
            if blocks and isinstance(blocks[0], m.Para):
                content, label = _take_label(list(blocks[0].content))
                blocks[0] = m.Para(tuple(content), blocks[0].line)
            out.append(m.NumberedParagraph(number, tuple(blocks), label, line))
        return out

    def item_blocks(self, nodes: list[Node], level: int) -> list[m.Block]:
        out: list[m.Block] = []
        for node in nodes:
            if node.t in ("Para", "Plain"):
                out.append(m.Para(self.inlines(node.c, node.line), node.line))
            elif node.t == "OrderedList" and node.c[0][1]["t"] in SUBITEM_STYLES and level < 2:
                start = node.c[0][0]
                for i, (item, line) in enumerate(zip(node.c[1], item_lines(node))):
                    blocks = self.item_blocks(unwrap_blocks(item, line), level + 1)
                    out.append(m.SubItem(start + i, level + 1, tuple(blocks), line))
            elif node.t == "OrderedList" and level < 2:
                raise UserError(self.path, node.line, "a numbered list inside a paragraph must use letters: '(a) text'")
            elif node.t == "OrderedList":
                raise UserError(self.path, node.line, "sub-items nest at most two levels: (a), then (i)")
            else:
                raise UserError(self.path, node.line, f"{_describe(node.t)} is not supported inside a paragraph")
        return out

    def _written_number(self, line: int | None, fallback: int) -> int:
        """The paragraph number exactly as typed: pandoc only keeps a list's start."""
        if line is not None and 0 < line <= len(self.source_lines):
            match = re.match(r"\s*(\d+)[.)]", self.source_lines[line - 1])
            if match:
                return int(match.group(1))
        return fallback

    # ---------------------------------------------------------- inlines

    def inlines(self, raw: list[dict[str, Any]], line: int | None = None) -> tuple[m.Inline, ...]:
        out: list[m.Inline] = []
        for i in unwrap_inlines(raw):
            t, c = i["t"], i.get("c")
            if t == "Str":
                _append_text(out, c)
            elif t == "Space":
                _append_text(out, " ")
            elif t == "SoftBreak":
                _append_text(out, _SOFT)
            elif t == "LineBreak":
                out.append(m.LineBreak())
            elif t == "Emph":
                out.append(m.Emph(self.inlines(c, line)))
            elif t == "Strong":
                out.append(m.Strong(self.inlines(c, line)))
            elif t == "Superscript":
                out.append(m.Superscript(self.inlines(c, line)))
            elif t == "Subscript":
                out.append(m.Subscript(self.inlines(c, line)))
            elif t in ("Strikeout", "Underline", "SmallCaps", "Span"):
                for x in self.inlines(c[-1], line):
                    _append(out, x)
            elif t == "Quoted":
                open_, close = ("\u201c", "\u201d") if c[0]["t"] == "DoubleQuote" else ("\u2018", "\u2019")
                _append_text(out, open_)
                for x in self.inlines(c[1], line):
                    _append(out, x)
                _append_text(out, close)
            elif t in ("Code", "Math", "RawInline"):
                _append_text(out, c[1])
            elif t == "Link":
                out.append(m.Link(self.inlines(c[1], line), c[2][0]))
            elif t == "Note":
                # pandoc gives footnote bodies no position: they take the line of the reference
                nodes = unwrap_blocks(c, line)
                out.append(m.Note(tuple(self.item_blocks(nodes, level=0)), line))
            elif t == "Image":
                raise UserError(self.path, None, "images are not supported in a report")
            else:  # Cite and anything newer: keep the words
                _append_text(out, _stringify(c))
        return tuple(y for x in out for y in _references(_soft_breaks(x), line))


def read_document(path: Path) -> tuple[m.Document, list[Diagnostic]]:
    """Read one language version: front matter, then the body through pandoc."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(path, None, f"cannot read file: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UserError(path, line, "file is not valid UTF-8") from None
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    parts = frontmatter.split(path, text)
    meta = frontmatter.parse(path, parts)
    reader = _Reader(path, text.split("\n"), language(meta.language))
    ast = read_ast(path, parts.body)
    blocks = reader.blocks(unwrap_blocks(ast["blocks"]))
    check_numbering(reader, blocks)
    return m.Document(meta, tuple(blocks), path), reader.diagnostics


def check_numbering(reader: _Reader, blocks: list[m.Block]) -> None:
    """Paragraph numbers increase by one from wherever the document starts (an
    addendum continues its parent's count), and chapters likewise."""
    expected: int | None = None
    chapter: int | None = None
    for b in blocks:
        if isinstance(b, m.NumberedParagraph):
            if expected is not None and b.number == expected - 1:
                reader.error(b.line, f"paragraph {b.number} is numbered twice: expected {expected}")
            elif expected is not None and b.number != expected:
                reader.error(b.line, f"paragraph {b.number} follows paragraph {expected - 1}: expected {expected}")
            elif b.number < 1:
                reader.error(b.line, "paragraph numbers start at 1 or above")
            expected = b.number + 1
        elif isinstance(b, m.Heading) and b.level == 1 and b.number is not None:
            if chapter is not None and b.number != chapter + 1:
                reader.error(b.line, f"chapter {b.number} follows chapter {chapter}: expected {chapter + 1}")
            chapter = b.number


# ------------------------------------------------------------ helpers

_SOFT = "\x00"
# A line break inside Chinese text is not a space (pandoc's commonmark reader
# ignores east_asian_line_breaks); elsewhere it is one.
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_SOFT_CJK = re.compile(f"(?<=[{_CJK}])\x00(?=[{_CJK}])")


def _references(x: m.Inline, line: int | None) -> list[m.Inline]:
    """Split ``@label`` references out of text (CONTRACT §2)."""
    if not isinstance(x, m.Text) or "@" not in x.text:
        return [x]
    out: list[m.Inline] = []
    pos = 0
    for match in REFERENCE.finditer(x.text):
        if match.start() > pos:
            out.append(m.Text(x.text[pos:match.start()]))
        out.append(m.Ref(match.group(1), match.group(2), line))
        pos = match.end()
    if pos < len(x.text):
        out.append(m.Text(x.text[pos:]))
    return out


def _soft_breaks(x: m.Inline) -> m.Inline:
    if isinstance(x, m.Text) and _SOFT in x.text:
        return m.Text(_SOFT_CJK.sub("", x.text).replace(_SOFT, " "))
    return x


def _append_text(out: list[m.Inline], s: str) -> None:
    if out and isinstance(out[-1], m.Text):
        out[-1] = m.Text(out[-1].text + s)
    else:
        out.append(m.Text(s))


def _append(out: list[m.Inline], x: m.Inline) -> None:
    if isinstance(x, m.Text):
        _append_text(out, x.text)
    else:
        out.append(x)


def _plain(content: tuple[m.Inline, ...] | list[m.Inline]) -> str:
    return "".join(x.text if isinstance(x, m.Text) else "\ufffc" for x in content)


def _drop_prefix(content: tuple[m.Inline, ...], n: int) -> list[m.Inline]:
    """Remove the first ``n`` characters of plain text (the typed heading number)."""
    out = list(content)
    while n > 0 and out and isinstance(out[0], m.Text):
        head = out.pop(0).text
        if len(head) > n:
            out.insert(0, m.Text(head[n:]))
        n -= len(head)
    return out


def _take_label(content: list[m.Inline] | tuple[m.Inline, ...]) -> tuple[list[m.Inline], str | None]:
    """Split a leading ``{#label}`` off a paragraph or heading (CONTRACT §2)."""
    content = list(content)
    if content and isinstance(content[0], m.Text):
        stripped = content[0].text.lstrip()
        match = LABEL.match(stripped)
        if match:
            rest = stripped[match.end():]
            content = ([m.Text(rest)] if rest else []) + content[1:]
            return content, match.group(1)
    if content and isinstance(content[0], m.Text) and content[0].text.startswith(" "):
        content[0] = m.Text(content[0].text.lstrip())
    return content, None


def _stringify(c: Any) -> str:
    if isinstance(c, dict):
        if c.get("t") == "Str":
            return c["c"]
        if c.get("t") in ("Space", "SoftBreak"):
            return " "
        return _stringify(c.get("c"))
    if isinstance(c, list):
        return "".join(_stringify(x) for x in c)
    return ""


def _describe(t: str) -> str:
    return {
        "BulletList": "a bullet list",
        "Table": "a table",
        "BlockQuote": "a block quotation",
        "CodeBlock": "a code block",
        "RawBlock": "raw markup",
        "DefinitionList": "a definition list",
        "Figure": "a figure",
        "LineBlock": "a line block",
        "Div": "a fenced div",
    }.get(t, f"a {t} block")
