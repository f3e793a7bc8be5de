"""Document model → source Markdown: the inverse of ``source.reader.read_document`` (a writer, as ``render/docx`` is).

``write_document(doc)`` writes a whole language version (front matter and body) in the
source format of INTERFACE §2, in one canonical layout, such that reading it back gives
the same model (lines aside). It is the writer behind ``reportgen xliff import`` and any
later importer (DOCX, PDF): a reader of another format builds the model, this writes it.

Escaping, the heart of it, is ``inline.py`` beside it: decided in context, on the written
characters; ordinary text (``l'été``, ``1er``, ``e-mail@un.org``) stays as it is.

A model the format cannot express (formatting inside a superscript, a line break in a
heading) raises :class:`WriteError`; the reader never produces one.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from pathlib import Path
from dataclasses import dataclass, replace
from typing import assert_never

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from reportgen import model as m
from reportgen.l10n import Language, language
from reportgen.l10n.numerals import BUILTIN_SYSTEMS
# The writer comes after the model, like every writer: symbols.py is a leaf module (the
# UN symbol grammar), used to tell whether a symbol written as plain text is found again.
from reportgen.resolve.symbols import find_symbols
from reportgen.source.frontmatter import WORD_LIMITS
from reportgen.source.inline import LABEL
from reportgen.source.markers import heading_number
from reportgen.source.scan import structure_at
from reportgen.render.markdown.inline import Inlines, WriteError, escaped

__all__ = ["WriteError", "write_document", "write_front_matter", "write_inlines", "normalize"]

INDENT = 4  # columns per level: sub-items (a) at 4, (i) at 8, their continuation deeper

# ------------------------------------------------------------------- blocks


@dataclass
class _Open:
    """An item the block scanner will hold open: its marker's indentation."""

    indent: int


class _Writer:
    """Writes one document's blocks; collects footnote definitions as they are met."""

    def __init__(self, lang: Language) -> None:
        self.lang = lang
        self.notes: list[str] = []
        self.in_note = False
        self.last_number: int | None = None  # of the numbered paragraph written last
        self.top_level = False  # writing an unnumbered paragraph of the body's own

    def structure_at(self, line: str, first: bool) -> int | None:
        """The scanner's line starts (scan.structure_at); a look-alike of the next
        paragraph number ("14 States") counts only opening an unnumbered paragraph."""
        due = self.last_number + 1 if first and self.top_level and self.last_number is not None else None
        return structure_at(self.lang, line, due)

    # inline content -----------------------------------------------------------------------

    def inlines(self, content: tuple[m.Inline, ...], line_start: bool = True) -> str:
        layout = Inlines(self)
        layout.many(content)
        return layout.finish(line_start)

    def note(self, note: m.Note) -> int:
        """Number the footnote and write its definition (for the end of the file)."""
        if self.in_note:
            raise WriteError("a footnote cannot hold another footnote")
        self.notes.append("")
        number = len(self.notes)
        self.in_note = True
        try:
            self.notes[number - 1] = self.container(f"[^{number}]:", note.blocks, 0, note=True)
        finally:
            self.in_note = False
        return number

    def plain_symbol(self, items: tuple[m.Inline, ...], k: int) -> bool:
        """Whether a symbol written as plain text is found again by the resolver, in the
        text around it; otherwise it is written ``[SYMBOL](#)``."""
        prev, next_ = (items[k - 1] if k > 0 else None), (items[k + 1] if k + 1 < len(items) else None)
        before = prev.text if isinstance(prev, m.Text) else ""
        after = next_.text if isinstance(next_, m.Text) else ""
        symbol = items[k]
        assert isinstance(symbol, m.SymbolRef)
        found = find_symbols(before + symbol.text + after)
        return any(f.start == len(before) and f.symbol == symbol.text for f in found)

    # blocks -------------------------------------------------------------------------------

    def block(self, b: m.Block) -> str:
        match b:
            case m.Heading():
                return self.heading(b)
            case m.NumberedParagraph():
                label = f" {{#{_label(b.label)}}}" if b.label else ""
                self.last_number = b.number
                return self.container(f"{b.number}.{label}", b.blocks, 0)
            case m.Para():
                self.top_level = True
                try:
                    return self.para(b, 0)
                finally:
                    self.top_level = False
            case m.SubItem():
                raise WriteError("a sub-item must be inside a numbered paragraph or a footnote")
            case _:
                assert_never(b)

    def heading(self, h: m.Heading) -> str:
        if not 1 <= h.level <= 3 or (h.level == 3 and h.number is not None):
            raise WriteError(f"a heading of level {h.level} with this number cannot be written")
        if _has_break(h.content):
            raise WriteError("a heading cannot hold a line break")
        if not h.content:
            raise WriteError("a heading needs a title")
        title = self.inlines(h.content, line_start=False)
        head = "#" * h.level
        if h.number is not None:
            number = (self.lang.chapter_number if h.level == 1 else self.lang.subheading_number)(h.number)
            head += " " + number
        elif h.level < 3:
            title = self.unnumbered_title(title, h.level)
        if h.label:
            head += f" {{#{_label(h.label)}}}"
        return f"{head} {title}"

    def unnumbered_title(self, title: str, level: int) -> str:
        """A title the reader would read a numeral in (``I. Intro``, ``ثالثا - …``,
        ``四、…``, or one typed wrongly, ``Chapter VI. …``) gets the punctuation after that
        numeral escaped (``I\\. Intro``; ``&#12289;`` for a character that has no
        backslash escape), as often as it takes."""
        for _ in range(len(title)):
            read = heading_number(self.lang, level, title)
            if (read.number is None and read.problem is None) or read.at is None:
                return title
            title = title[:read.at] + escaped(title[read.at]) + title[read.at + 1:]
        raise WriteError(f"the heading '{title}' cannot be written unnumbered")

    def para(self, p: m.Para, indent: int) -> str:
        """A text block; lines after a line break are indented like its first."""
        if not p.content:
            raise WriteError("an empty paragraph cannot be written")
        return self.inlines(p.content).replace("\n", "\n" + " " * indent)

    def container(self, head: str, blocks: tuple[m.Block, ...], depth: int, note: bool = False) -> str:
        """A numbered paragraph or footnote definition (``head`` is ``12. {#label}`` or
        ``[^1]:``) and its blocks: the first on the head's line, sub-items and
        continuation blocks indented under it."""
        opened: list[_Open] = []
        first = blocks[0] if blocks else None
        if isinstance(first, m.Para):
            chunks = [head + " " + self.para(first, INDENT)]
            rest = blocks[1:]
        elif isinstance(first, m.SubItem) and not note and "{#" not in head:
            # "12. (a) text": the paragraph opens on its first item, whose marker the
            # scanner places one column in (scan.py numbered())
            opened.append(_Open(1))
            chunks = [head + " " + self.item_line(first, INDENT)]
            chunks += self.children(_after_first(first), depth + 2, opened, 1)
            rest = blocks[1:]
        elif isinstance(first, m.SubItem) and note:
            chunks = [head]  # "[^1]:" alone, its items after a blank line
            rest = blocks
        else:
            raise WriteError("a numbered paragraph needs text (a labelled one, text before its items)")
        chunks += self.children(rest, depth + 1, opened, 0)
        return "\n\n".join(chunks)

    def children(self, blocks: tuple[m.Block, ...], depth: int, opened: list[_Open], base: int) -> list[str]:
        """Blocks inside a container at ``depth`` (1 = a paragraph's own): sub-items and
        continuation blocks. ``opened`` mirrors the scanner's open items (``opened[:base]``
        are the container's own and its ancestors'): a continuation block joins the
        innermost open item it is indented deeper than."""
        chunks: list[str] = []
        for b in blocks:
            match b:
                case m.SubItem():
                    if b.level != depth:
                        raise WriteError(f"a level-{b.level} sub-item cannot be written at this place")
                    indent = INDENT * depth
                    del opened[base:]
                    opened.append(_Open(indent))
                    chunks.append(" " * indent + self.item_line(b, indent))
                    chunks += self.children(_after_first(b), depth + 1, opened, len(opened))
                case m.Para():
                    indent = min([INDENT * depth] + [o.indent for o in opened[base:]])
                    if indent < 1 or (base and indent <= opened[base - 1].indent):
                        raise WriteError("this continuation block cannot be placed")
                    del opened[base:]
                    chunks.append(" " * indent + self.para(b, indent))
                case m.NumberedParagraph() | m.Heading():
                    raise WriteError("a numbered paragraph or heading cannot be inside another block")
                case _:
                    assert_never(b)
        return chunks

    def item_line(self, item: m.SubItem, indent: int) -> str:
        """``(a) text`` (Latin letters and Roman numerals, which every language reads)."""
        system = BUILTIN_SYSTEMS["latin_lower" if item.level == 1 else "roman_lower"]
        marker = f"({system.format(item.index)})"
        first = item.blocks[0] if item.blocks else None
        if not isinstance(first, m.Para):
            raise WriteError(f"sub-item {marker} must start with text")
        return marker + " " + self.para(first, indent + INDENT)


def _has_break(items: tuple[m.Inline, ...]) -> bool:
    """A line break in these inlines, footnotes aside (a heading is one line)."""
    return any(isinstance(x, m.LineBreak) or (not isinstance(x, m.Note) and _has_break(m.inline_children(x)))
               for x in items)


def _after_first(item: m.SubItem) -> tuple[m.Block, ...]:
    """An item's blocks after the text on its marker's line."""
    return item.blocks[1:]


def _label(label: str) -> str:
    if not LABEL.fullmatch(f"{{#{label}}}"):
        raise WriteError(f"'{label}' is not a label name")
    return label


# -------------------------------------------------------------- front matter

_YAML = YAML(typ="rt")
_YAML.width = 1_000_000  # one line per value: never folded
_YAML.allow_unicode = True
_YAML.indent(mapping=2, sequence=4, offset=2)


def write_front_matter(meta: m.Metadata, folder: Path | None = None,
                       placeholders: Mapping[str, str] | None = None) -> str:
    """The front matter, keys in the order of INTERFACE §2.2, quoted only where YAML needs it.
    ``folder``: where the file goes; a path in it (the emblem) is written relative to it.
    ``placeholders``: keys written empty with a comment saying why (an importer's fields
    the input lacked), which the reader reports until someone fills them in."""
    data = CommentedMap()
    for key in m.REQUIRED_KEYS + tuple(k for k in m.OPTIONAL_KEYS if k in m.PRINTED_KEYS):
        value = getattr(meta, key)
        if placeholders and key in placeholders:
            data[key] = None
            data.yaml_add_eol_comment(placeholders[key], key)
        elif value is not None:
            data[key] = value
    if meta.dates is not None:
        # new date objects: the same object twice (a one-day meeting) would be written
        # as a YAML alias, "[&id001 2021-09-10, *id001]"
        dates = CommentedSeq([dt.date(d.year, d.month, d.day) for d in meta.dates])
        dates.fa.set_flow_style()
        data["dates"] = dates
    if len(meta.agenda) == 1:
        data["agenda"] = meta.agenda[0]
    elif meta.agenda:
        data["agenda"] = CommentedSeq(list(meta.agenda))
    if meta.job is not None:
        data["job"] = meta.job
    if meta.processed:
        processed = CommentedSeq([dt.date(d.year, d.month, d.day) for d in meta.processed])
        processed.fa.set_flow_style()
        data["processed"] = processed
    if meta.emblem is not None:  # the reader resolved it against its folder: relative again
        data["emblem"] = _relative(meta.emblem, folder).as_posix()
    if meta.word_limit != WORD_LIMITS["other"] or "word_limit" in meta.lines:
        names = {v: k for k, v in WORD_LIMITS.items()}
        data["word_limit"] = names.get(meta.word_limit, meta.word_limit)
    for key, value in data.items():
        if isinstance(value, str) and (value != value.strip() or not value or "\n" in value):
            raise WriteError(f"front matter '{key}' cannot be written as one line of text")
    out = io.StringIO()
    _YAML.dump(data, out)
    return "---\n" + out.getvalue() + "---\n"


def _relative(path: Path, folder: Path | None) -> Path:
    """``path`` relative to ``folder`` when it lies inside it (a report folder moves with
    its emblem), else as it is."""
    if folder is None or not path.is_absolute():
        return path
    try:
        return path.relative_to(folder.resolve())
    except ValueError:
        try:
            return path.relative_to(folder.absolute())
        except ValueError:
            return path


# ------------------------------------------------------------------ document


def write_document(doc: m.Document, placeholders: Mapping[str, str] | None = None) -> str:
    """The whole language version: front matter, blocks separated by blank lines,
    comments before the first block after them, footnote definitions at the end
    (``placeholders``: see :func:`write_front_matter`)."""
    writer = _Writer(language(doc.meta.language))
    chunks: list[str] = []
    comments = sorted(doc.comments, key=lambda c: c.line)
    for b in doc.blocks:
        while comments and b.line is not None and comments[0].line < b.line:
            chunks.append(_comment(comments.pop(0)))
        chunks.append(writer.block(b))
    chunks += [_comment(c) for c in comments]
    chunks += writer.notes
    return write_front_matter(doc.meta, doc.path.parent, placeholders) + "\n" + "\n\n".join(chunks) + "\n"


def write_inlines(content: tuple[m.Inline, ...], lang: str = "en") -> str:
    """One block's inline content as written in a paragraph (footnote definitions, if
    any, are not included): for tests and for checking a translator's text."""
    return _Writer(language(lang)).inlines(content)


def _comment(c: m.Comment) -> str:
    if "-->" in c.text:
        raise WriteError("a comment cannot hold '-->'")
    return f"<!-- {c.text} -->" if c.text else "<!-- -->"


# ------------------------------------------------------------------ normalise


def normalize(items: tuple[m.Inline, ...]) -> tuple[m.Inline, ...]:
    """The reader's form of an inline sequence built by other means (an importer):
    adjacent text joined, empty text and empty formatting dropped, adjacent superscripts
    or subscripts joined (``~a~~b~`` would be strikethrough). Adjacent emphases stay
    apart: ``*a*_b_`` writes them."""
    out: list[m.Inline] = []
    for x in items:
        match x:
            case m.Text():
                if not x.text:
                    continue
                if out and isinstance(out[-1], m.Text):
                    out[-1] = m.Text(out[-1].text + x.text)
                    continue
                out.append(x)
            case m.Emph() | m.Strong() | m.Superscript() | m.Subscript() | m.Link():
                content = normalize(x.content)
                if not content:
                    continue
                prev = out[-1] if out else None
                if type(prev) is type(x) and isinstance(x, (m.Superscript, m.Subscript)):
                    out[-1] = replace(x, content=normalize(prev.content + content))
                    continue
                out.append(replace(x, content=content))
            case m.Note():
                out.append(replace(x, blocks=tuple(_normalize_block(b) for b in x.blocks)))
            case m.LineBreak() | m.SymbolRef() | m.Ref() | m.ResolvedRef():
                out.append(x)
            case _:
                assert_never(x)
    return tuple(out)


def _normalize_block(b: m.Block) -> m.Block:
    match b:
        case m.Para() | m.Heading():
            return replace(b, content=normalize(b.content))
        case m.NumberedParagraph() | m.SubItem():
            return replace(b, blocks=tuple(_normalize_block(c) for c in b.blocks))
        case _:
            assert_never(b)

