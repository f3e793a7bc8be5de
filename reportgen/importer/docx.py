"""A Word file → pieces, masthead fields and footnotes (``package`` opens it, lxml reads it).

The body's paragraphs become :class:`Piece` objects for ``structure``; the paragraphs
before the first heading or numbered paragraph are the masthead; the first-page footer
gives the job number and processing dates; footnotes come from the footnotes part.
Word's automatic list numbering is computed (``numbering.ListNumbering``) and kept as
explicit numbers. Whatever has no place in the source format (tables after the
masthead, pictures, equations, tracked deletions) is reported as a warning naming the
paragraph, never dropped silently.

A Word file comes from outside, so nothing in it is trusted to be what Word writes:
characters a report cannot hold are left out with a warning (``chars``), in text, link
addresses and list labels alike; a bookmark name that is no label name is made one or
left out; a footnote is read once, and a note reference inside a note (a note calling
itself) is left out, so no file recurses or multiplies; list numbers past Word's own
maximum are refused (``numbering``).

Speed: every paragraph's style role, every character style's formatting and every
style's numbering are looked up once per style, not once per paragraph or run; elements
are dispatched on their tag string, not through ``etree.QName``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

from reportgen import model as m
from reportgen.importer.chars import without_refused
from reportgen.importer.masthead import MASTHEAD_LINES, Fields, footer_fields, read_masthead
from reportgen.importer.numbering import ListNumbering, NumberingLimit
from reportgen.importer.package import RT, W, Relationship, WordPackage
from reportgen.importer.structure import Classifier, Piece, plain_text, structure
from reportgen.l10n import DataFileError, Language
from reportgen.l10n.loader import load_yaml
from reportgen.limits import TooLarge
from reportgen.render.markdown import normalize
from reportgen.resolve.symbols import canonical, is_symbol
from reportgen.source.inline import NAME

__all__ = ["WordImport", "read_docx", "label_of"]

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


_P, _TBL, _BODY, _PPR, _RPR, _R = _w("p"), _w("tbl"), _w("body"), _w("pPr"), _w("rPr"), _w("r")
_HYPERLINK, _VAL, _STYLE_ID, _T, _RSTYLE = _w("hyperlink"), _w("val"), _w("styleId"), _w("t"), _w("rStyle")
_SECT = _w("sectPr")

# The part of a report each paragraph style marks (l10n/data/word_styles.yaml).
STYLES_PATH = Path(__file__).resolve().parent.parent / "l10n" / "data" / "word_styles.yaml"
_ROLE_NAMES = {"heading1", "heading2", "heading3", "text", "continued", "item1", "item2"}
_MASTHEAD_ROLES = {"skip", "symbol", "organ", "info", "meeting", "agenda", "place", "title", "subtitle"}


@lru_cache(maxsize=None)
def style_roles(path: Path = STYLES_PATH) -> dict[str, str]:
    """Style key (:func:`_key`) → role, from the data file; checked on load."""
    data = load_yaml(path.read_text(encoding="utf-8"))
    styles = data.get("styles") if isinstance(data, dict) else None
    if not isinstance(styles, dict) or not styles:
        raise DataFileError(path, "styles", "expected a mapping of style names to roles")
    out: dict[str, str] = {}
    for name, role in styles.items():
        ok = isinstance(role, str) and (role in _ROLE_NAMES or (role.startswith("m:") and role[2:] in _MASTHEAD_ROLES))
        if not isinstance(name, str) or not name.strip() or not ok:
            raise DataFileError(path, f"styles.{name}", f"unknown role {role!r}: one of "
                                f"{', '.join(sorted(_ROLE_NAMES))} or m:<field>")
        if _key(name) in out and out[_key(name)] != role:
            raise DataFileError(path, f"styles.{name}", "the same style as another name, with another role")
        out[_key(name)] = role
    return out


# How running text's paragraphs (and a resolution's preambular ones) end, in any script
_CLAUSE_ENDS = (".", ";", ":", ",", "。", "；", "：", "，", "،", "؛")
_OFF = {"0", "false", "off", "none"}
_SKIPPED = {"pPr", "rPr", "proofErr", "commentRangeStart", "commentRangeEnd", "bookmarkEnd", "permStart",
            "permEnd", "lastRenderedPageBreak", "annotationRef", "footnoteRef", "endnoteRef", "separator",
            "continuationSeparator", "commentReference", "softHyphen", "delText", "delInstrText"}
_PLAIN = (False, False, False, False)
_LABEL_NAME = re.compile(NAME)


@dataclass
class WordImport:
    pieces: list[Piece]
    fields: Fields
    warnings: list[tuple[int | None, str]] = field(default_factory=list)


def _key(name: str) -> str:
    """``HCh_G`` → ``hchg``, ``Heading 1`` → ``heading1``: case, spaces, underscores and
    hyphens off, so the names Word shows and the ids it stores compare equal."""
    return re.sub(r"[\s_-]", "", name.lower())


def _local(tag: object) -> str:
    """An element's local name ("" for a comment or processing instruction)."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


class _Styles:
    """Roles of paragraph styles (through ``w:basedOn``) and formatting of character
    styles, each worked out once per style."""

    def __init__(self, root: etree._Element | None) -> None:
        self.by_id: dict[str, etree._Element] = {}
        if root is not None:
            for s in root.iter(_w("style")):
                self.by_id[s.get(_STYLE_ID, "")] = s
        self._roles: dict[str | None, str] = {}
        self._formats: dict[str | None, dict[str, bool]] = {}

    def role(self, style_id: str | None) -> str:
        if style_id not in self._roles:
            self._roles[style_id] = self._role(style_id)
        return self._roles[style_id]

    def _role(self, style_id: str | None) -> str:
        seen = 0
        roles = style_roles()
        while style_id and style_id in self.by_id and seen < 10:
            s = self.by_id[style_id]
            name = s.find(_w("name"))
            for key in (_key(style_id), _key(name.get(_VAL, "")) if name is not None else ""):
                if key in roles:
                    return roles[key]
            based = s.find(_w("basedOn"))
            style_id = based.get(_VAL) if based is not None else None
            seen += 1
        return ""

    def key(self, rpr: etree._Element) -> tuple[bool, bool, bool, bool]:
        """Bold, italic, superscript and subscript of a run with properties ``rpr``: its
        character style's, then its own."""
        style = rpr.find(_RSTYLE)
        fmt = self.formatting(style.get(_VAL) if style is not None else None)
        direct = _direct(rpr)
        if not direct and not fmt:
            return _PLAIN
        fmt = {**fmt, **direct}
        return fmt.get("bold", False), fmt.get("italic", False), fmt.get("sup", False), fmt.get("sub", False)

    def formatting(self, style_id: str | None) -> dict[str, bool]:
        """Bold, italic and vertical alignment a character style gives (through basedOn)."""
        if style_id not in self._formats:
            out: dict[str, bool] = {}
            chain: list[etree._Element] = []
            at = style_id
            while at and at in self.by_id and len(chain) < 10:
                chain.append(self.by_id[at])
                based = self.by_id[at].find(_w("basedOn"))
                at = based.get(_VAL) if based is not None else None
            for s in reversed(chain):
                rpr = s.find(_RPR)
                if rpr is not None:
                    out.update(_direct(rpr))
            self._formats[style_id] = out
        return self._formats[style_id]


def _on(el: etree._Element | None) -> bool | None:
    if el is None:
        return None
    return el.get(_VAL, "true").lower() not in _OFF


_FORMAT_TAGS = {_w("b"): 0, _w("bCs"): 1, _w("i"): 2, _w("iCs"): 3, _w("vertAlign"): 4}


def _direct(rpr: etree._Element) -> dict[str, bool]:
    """The formatting ``w:rPr`` sets: bold from ``w:b`` (else ``w:bCs``), italic from
    ``w:i`` (else ``w:iCs``), the first of each counting; super- or subscript."""
    found: list[etree._Element | None] = [None] * 5
    for child in rpr:
        slot = _FORMAT_TAGS.get(child.tag)
        if slot is not None and found[slot] is None:
            found[slot] = child
    out: dict[str, bool] = {}
    for name, a, b in (("bold", 0, 1), ("italic", 2, 3)):
        el = found[a] if found[a] is not None else found[b]
        if el is not None:
            out[name] = el.get(_VAL, "true").lower() not in _OFF
    vert = found[4]
    if vert is not None:
        v = vert.get(_VAL)
        out["sup"], out["sub"] = v == "superscript", v == "subscript"
    return out


def read_docx(path: Path, lang: Language) -> WordImport:
    """Read the Word file ``path``; a file that is not one, or is over the limits, is
    a ``UserError``."""
    package = WordPackage(path)
    try:
        return _Reader(package, path, lang).read()
    finally:
        package.close()


class _Reader:
    def __init__(self, package: WordPackage, path: Path, lang: Language) -> None:
        self.package, self.path, self.lang = package, path, lang
        main = package.main
        root = package.part(main)
        self.body = root.find(_BODY) if root is not None else None
        styles = package.related(main, RT.STYLES)
        styles_root = package.part(styles[0]) if styles else None
        self.styles = _Styles(styles_root)
        numbering = package.related(main, RT.NUMBERING)
        self.numbering = ListNumbering(package.part(numbering[-1]) if numbering else None, styles_root)
        # footnote or endnote → its element and the links of its part (rIds are per part)
        self.notes: dict[str, tuple[etree._Element, dict[str, str]]] = {}
        for kind, reltype in (("footnote", RT.FOOTNOTES), ("endnote", RT.ENDNOTES)):
            for name in package.related(main, reltype):
                part = package.part(name)
                urls = _urls(package, name)
                for note in () if part is None else part.iter(_w(kind)):
                    self.notes[f"{kind}:{note.get(_w('id'))}"] = (note, urls)
        self.urls = _urls(package, main)
        self.result = WordImport([], Fields())
        self.at = 0  # body paragraph being read (1-based), for warnings
        self.warned: set[str] = set()
        self.noted: set[str] = set()  # notes read already: each is imported once
        self.labels: set[str] = set()

    def warn(self, message: str, once: bool = False) -> None:
        if once and message in self.warned:
            return
        self.warned.add(message)
        self.result.warnings.append((self.at, message))

    # ---------------------------------------------------------------- body

    def read(self) -> WordImport:
        entries: list[tuple[int, etree._Element, str, str | None]] = []  # position, element, role, Word's label
        for at, block in enumerate(self._blocks(self.body), start=1):
            self.at = at
            if block.tag == _TBL:
                entries.append((at, block, "table", None))
                continue
            entries.append((at, block, self.styles.role(_style(block)), self._list_label(block)))
        start = self._body_start(entries)
        masthead: list[tuple[int, str]] = []
        direct: list[tuple[str, int, str]] = []
        for at, block, role, _ in entries[:start]:
            self.at = at
            if role == "table":
                masthead += [(at, self._masthead_text(p)) for p in block.iter(_P)]
            elif role.startswith("m:"):
                direct.append((role[2:], at, self._masthead_text(block)))
            else:
                masthead.append((at, self._masthead_text(block)))
        for at, block, role, label in entries[start:]:
            self.at = at
            if role == "table":
                self.warn("a table is not imported (the source format has no tables); its text is left out")
                continue
            if self.numbering.is_bullet(block):
                self.warn("a bulleted paragraph is imported as an unnumbered paragraph "
                          "(the source format has no bullets)")
            content = self._inlines(block)
            if _blank(content) and label is None:  # tabs and breaks only: prints as an empty paragraph
                continue
            # a body style says where the body is, not what a paragraph is: markers do
            kind = "" if role == "text" or role.startswith("m:") else role
            self.result.pieces.append(Piece(content, at, kind, label, self._label(block)))
        self._masthead(masthead, direct)
        self._footer()
        return self.result

    def _list_label(self, block: etree._Element) -> str | None:
        """Word's list label of ``block``, without the characters a report cannot hold;
        a number past Word's maximum is refused, naming the paragraph."""
        try:
            label = self.numbering.label(block)
        except NumberingLimit as exc:
            raise TooLarge(self.path, None, f"paragraph {self.at}: {exc.message}", exc.limit) from None
        if label is None:
            return None
        label, dropped = without_refused(label)
        for warning in dropped:
            self.warn(f"in its list number: {warning}", once=True)
        return label

    def _body_start(self, entries: list[tuple[int, etree._Element, str, str | None]]) -> int:
        """Where the masthead ends: at the first paragraph in a style of the body (a
        heading, body text, a continuation), the first chapter or numbered paragraph,
        or, in a file without the templates' styles, the first paragraph of running
        text (150 characters or more, ending as a sentence or clause does) — with the
        short phrases ending in a comma or colon just before it ("The General
        Assembly,"), which no title ends with. Front matter takes only the masthead, and
        a masthead is at most ``MASTHEAD_LINES`` paragraphs: the rest is the body's."""
        detect = Classifier(self.lang)
        for k, (_, block, role, label) in enumerate(entries):
            if role == "table" or role.startswith("m:"):
                continue
            if role and role != "table":
                return min(k, MASTHEAD_LINES)
            text = self._plain(block)
            if detect.peek(text, "", label).kind in ("heading", "paragraph"):
                return min(k, MASTHEAD_LINES)
            if len(text) >= 150 and text.rstrip().endswith(_CLAUSE_ENDS):
                while k > 0 and entries[k - 1][2] == "" and self._plain(entries[k - 1][1]).endswith(
                        (",", ":", "，", "：", "،")):
                    k -= 1
                return min(k, MASTHEAD_LINES)
        return min(len(entries), MASTHEAD_LINES)

    def _blocks(self, parent: etree._Element | None) -> Iterator[etree._Element]:
        if parent is None:
            return
        for child in parent:
            tag = child.tag
            if tag == _P or tag == _TBL:
                yield child
            elif tag in (_w("sdt"), _w("sdtContent"), _w("customXml")):
                yield from self._blocks(child)

    def _label(self, p: etree._Element) -> str | None:
        """The label of a paragraph holding a cross-reference bookmark (Word's ``_Ref…``),
        made a label name if it is not one, each used once."""
        for b in p.iter(_w("bookmarkStart")):
            name = b.get(_w("name"), "")
            if not name.startswith("_Ref"):
                continue
            label = label_of(name)
            if label is None:
                self.warn(f"the bookmark «{_shown(name)}» gives no label name: the paragraph is imported "
                          "without a label")
                return None
            if label in self.labels:
                self.warn(f"the bookmark «{_shown(name)}» gives the label '{_shown(label)}', which an earlier "
                          "paragraph has: the paragraph is imported without a label")
                return None
            if label != _word_label(name):
                self.warn(f"the bookmark «{_shown(name)}» is not a label name: it is imported as "
                          f"{{#{_shown(label)}}}")
            self.labels.add(label)
            return label
        return None

    # ----------------------------------------------------------- masthead

    def _masthead(self, lines: list[tuple[int, str]], direct: list[tuple[str, int, str]]) -> None:
        fields = self.result.fields
        for role, no, text in direct:
            match role:
                case "symbol" if is_symbol(text):
                    fields.set("symbol", canonical(text), no)
                case "organ" | "meeting" | "title" | "subtitle":
                    fields.set(role, text, no)
                case "agenda":
                    agenda = list(fields.values.get("agenda", ())) + [text]  # type: ignore[call-overload]
                    fields.values["agenda"] = tuple(agenda)
                    fields.lines.setdefault("agenda", no)
                case _:
                    lines.append((no, text))
        found = read_masthead(lines, self.lang, lambda parts: " ".join(parts))
        for key, value in found.values.items():
            fields.set(key, value, found.lines[key])
        for no, text in found.unplaced:
            self.result.warnings.append((no, f"masthead line not placed in the front matter: {text}"))

    def _footer(self) -> None:
        """The job number and processing dates of the first-page footer, the symbol of
        a header: each section's first-page and default footers and headers (a section
        without one shows the one before it, already read)."""
        if self.body is None:
            return
        rels = self.package.relationships(self.package.main)
        for section in _sections(self.body):
            for kind, text in self._story(section, rels, "footer"):
                if (hit := footer_fields(text.replace("\t", " "))) is not None:
                    self.result.fields.set("job", hit[0], 0)
                    if hit[1]:
                        self.result.fields.set("processed", hit[1], 0)
            for kind, text in self._story(section, rels, "header"):
                if is_symbol(text.strip()):
                    self.result.fields.set("symbol", canonical(text.strip()), 0)

    def _story(self, section: etree._Element, rels: dict[str, Relationship], kind: str) -> Iterator[tuple[str, str]]:
        """The text of each paragraph of the section's first-page, then default, header
        or footer (``kind``), those in its tables included (a footer as issued sets the
        job number and the barcode in the cells of a table)."""
        for which in ("first", "default"):
            ref = next((r for r in section.iterchildren(_w(f"{kind}Reference")) if r.get(_w("type")) == which), None)
            rel = rels.get(ref.get(f"{{{R}}}id")) if ref is not None else None
            root = self.package.part(rel.target) if rel is not None and not rel.external else None
            for p in () if root is None else root.iter(_P):
                yield which, _story_text(p)

    # ------------------------------------------------------------ inlines

    def _masthead_text(self, p: etree._Element) -> str:
        """A masthead paragraph's text, its formatting aside; a footnote it calls (the
        title's "*" note) is kept in ``fields.notes``, its mark in the text."""
        text: list[str] = []
        for x in _flat(self._inlines(p, quiet=True)):
            if isinstance(x, m.Note):
                note = " ".join(t.text for b in m.walk_blocks(x.blocks) for t in _flat(m.block_inlines(b))
                                if isinstance(t, m.Text))
                self.result.fields.notes.append((self.at, note.strip()))
            elif isinstance(x, m.Text):
                text.append(x.text)
            elif isinstance(x, m.LineBreak):
                text.append(" ")
        return " ".join("".join(text).split())

    def _plain(self, p: etree._Element) -> str:
        """A paragraph's leading text, for the body's start (notes stand in, unread)."""
        return plain_text(self._inlines(p, quiet=True, peek=True)).strip()

    def _inlines(self, p: etree._Element, quiet: bool = False, urls: dict[str, str] | None = None,
                 peek: bool = False) -> tuple[m.Inline, ...]:
        runs = _Runs(self, quiet, self.urls if urls is None else urls, peek)
        runs.children(p)
        return runs.content()


class _Runs:
    """The inline content of one paragraph: runs with their formatting, links, notes."""

    def __init__(self, reader: _Reader, quiet: bool, urls: dict[str, str], peek: bool = False,
                 in_note: bool = False) -> None:
        self.reader, self.quiet, self.urls, self.peek, self.in_note = reader, quiet, urls, peek, in_note
        self.items: list[tuple[m.Inline, tuple[bool, bool, bool, bool]]] = []
        self.field: list[str] = []  # instruction text of the complex fields open here
        self.in_instr = False

    def warn(self, message: str) -> None:
        if not self.quiet:
            self.reader.warn(message, once=True)

    def dropped(self, warnings: list[str], where: str = "") -> None:
        """Characters left out are said even where other warnings are not (the masthead):
        only the first look at a paragraph, for where the body starts, is silent."""
        if not self.peek:
            for warning in warnings:
                self.reader.warn(where + warning, once=True)

    def children(self, parent: etree._Element) -> None:
        for child in parent:
            local = _local(child.tag)
            if local == "r":
                self.run(child)
            elif local == "hyperlink":
                self.link(child)
            elif local in ("ins", "moveTo", "smartTag", "customXml", "sdt", "sdtContent", "fldSimple", "dir", "bdo"):
                self.children(child)
            elif local in ("del", "moveFrom"):
                self.warn("tracked changes: the text is imported as if they were accepted")
            elif local in ("oMath", "oMathPara"):
                self.warn("an equation is not imported")

    def run(self, r: etree._Element) -> None:
        rpr = r.find(_RPR)
        key = _PLAIN if rpr is None else self.reader.styles.key(rpr)
        items = self.items
        for child in r:
            tag = child.tag
            if tag == _RPR:
                continue
            local = "t" if tag == _T else _local(tag)
            if local == "t":
                if self.in_instr:
                    continue
                text = child.text or ""
                if not text.isprintable():
                    text, dropped = without_refused(text)
                    self.dropped(dropped)
                items.append((m.Text(text), key))
                continue
            if local == "fldChar":
                kind = child.get(_w("fldCharType"))
                if kind == "begin":
                    self.field.append("")
                    self.in_instr = True
                elif kind == "separate":
                    self.in_instr = False
                elif kind == "end" and self.field:
                    self.field.pop()
                    self.in_instr = False
                continue
            if local == "instrText" and self.field:
                self.field[-1] += child.text or ""
                continue
            if self.in_instr:
                continue
            match local:
                case "tab" | "ptab":
                    items.append((m.Text("\t"), key))
                case "br" if child.get(_w("type"), "textWrapping") == "textWrapping":
                    items.append((m.LineBreak(), key))
                case "br":
                    self.warn("a page or column break is not imported")
                case "cr":
                    items.append((m.LineBreak(), key))
                case "noBreakHyphen":
                    items.append((m.Text("\u2011"), key))
                case "footnoteReference" | "endnoteReference":
                    self.note(child, local[:-len("Reference")])
                case "drawing" | "pict" | "object":
                    self.warn("a picture or embedded object is not imported")
                case "sym":
                    self.warn("a symbol-font character (w:sym) is not imported")
                case _:
                    continue

    def link(self, h: etree._Element) -> None:
        inner = _Runs(self.reader, self.quiet, self.urls, self.peek, self.in_note)
        inner.children(h)
        content = inner.content()
        rid, anchor = h.get(f"{{{R}}}id"), h.get(_w("anchor"))
        url = self.urls.get(rid or "", "")
        if url and not url.isprintable():
            url, dropped = without_refused(url)
            self.dropped(dropped, "in a link's address: ")
        text = plain_text(content)
        if anchor:
            self.items.append((m.Link(content, "#" + anchor), _PLAIN))
        elif url and is_symbol(text.strip()) and ("undocs.org" in url or "documents.un.org" in url):
            self.items.append((m.SymbolRef(canonical(text.strip()), text), _PLAIN))
        elif url.startswith(("http://", "https://", "mailto:")):
            self.items.append((m.Link(content, url), _PLAIN))
        else:
            self.warn(f"a link to {_shown(url) or 'nothing'} is imported as its text only")
            self.items += [(x, _PLAIN) for x in content]

    def note(self, ref: etree._Element, kind: str) -> None:
        """The footnote (or endnote) ``ref`` calls, read once: a second call of the same
        note, or a call inside a note (a note calling itself), is left out."""
        number = ref.get(_w("id"))
        key = f"{kind}:{number}"
        found = self.reader.notes.get(key)
        if found is not None and self.peek:  # the body's start is judged by leading text: a note ends it, unread
            self.items.append((m.Note(()), _PLAIN))
            return
        if found is None:
            self.warn(f"a {kind} reference without its {kind} is not imported")
            return
        if self.in_note:
            self.warn(f"a {kind} reference inside a {kind} ({kind} {_shown(number or '')}) is left out: "
                      "notes cannot hold notes")
            return
        if key in self.reader.noted:
            self.warn(f"{kind} {_shown(number or '')} is referenced again: a note is imported once, "
                      "at its first reference")
            return
        self.reader.noted.add(key)
        element, urls = found
        if kind == "endnote":
            self.warn("an endnote is imported as a footnote")
        pieces = []
        for p in element.iter(_P):
            runs = _Runs(self.reader, self.quiet, urls, in_note=True)
            runs.children(p)
            content = _trimmed(runs.content())
            if content and isinstance(content[0], m.Text):
                content = (m.Text(content[0].text.lstrip(" \t\u00a0")),) + content[1:]
            if plain_text(content) or len(content) > 1:
                pieces.append(Piece(content, self.reader.at))
        blocks = structure(pieces, self.reader.lang, in_note=True)
        if not blocks:  # a footnote with no text: the source format has no empty note
            self.warn(f"{kind} {_shown(number or '')} has no text: it is left out")
            return
        self.items.append((m.Note(blocks), _PLAIN))

    def content(self) -> tuple[m.Inline, ...]:
        """The items, runs of the same formatting grouped in one emphasis each."""
        out: list[m.Inline] = []
        items = self.items
        k, count = 0, len(items)
        while k < count:
            item, key = items[k]
            if key == _PLAIN:
                out.append(item)
                k += 1
                continue
            group = [item]
            while k + 1 < count and items[k + 1][1] == key:
                k += 1
                group.append(items[k][0])
            k += 1
            out.append(_formatted(tuple(group), key))
        return normalize(tuple(out))


def _formatted(content: tuple[m.Inline, ...], key: tuple[bool, bool, bool, bool]) -> m.Inline:
    bold, italic, sup, sub = key
    node: tuple[m.Inline, ...] = content
    if sup:
        node = (m.Superscript(node),)
    elif sub:
        node = (m.Subscript(node),)
    if italic:
        node = (m.Emph(node),)
    if bold:
        node = (m.Strong(node),)
    return node[0] if len(node) == 1 else m.Emph(node)


def _flat(content: tuple[m.Inline, ...]) -> list[m.Inline]:
    """Text, line breaks and notes of ``content``, out of any formatting or link."""
    out: list[m.Inline] = []
    for x in content:
        if isinstance(x, (m.Text, m.LineBreak, m.Note)):
            out.append(x)
        elif isinstance(x, m.SymbolRef):
            out.append(m.Text(x.text))
        else:
            out += _flat(m.inline_children(x))
    return out


def _word_label(bookmark: str) -> str:
    """The label a cross-reference bookmark names: ours are ``_Ref_<label>``, Word's own
    ``_Ref<digits>`` (a label must start with a letter: ``ref<digits>``)."""
    label = re.sub(r"^_Ref_?", "", bookmark)
    return label if re.match(r"[^\W\d_]", label) else f"ref{label}"


def label_of(bookmark: str) -> str | None:
    """The source label for a cross-reference bookmark (:func:`_word_label`), made a
    label name where it is not one: its words joined by ``-``, after ``ref-`` if the first
    is no letter; None when that is no label name either (Chinese characters, which a
    label cannot hold, or nothing left)."""
    label = _word_label(bookmark)
    if _LABEL_NAME.fullmatch(label):
        return label
    made = "-".join(re.findall(r"\w+", label))
    if made and not re.match(r"[^\W\d_]", made):
        made = "ref-" + made
    return made if made and _LABEL_NAME.fullmatch(made) else None


def _blank(content: tuple[m.Inline, ...]) -> bool:
    """Whether ``content`` prints nothing but space: blank text and line breaks only."""
    return all(isinstance(x, m.LineBreak) or isinstance(x, m.Text) and not x.text.strip() for x in content)


def _trimmed(content: tuple[m.Inline, ...]) -> tuple[m.Inline, ...]:
    """A note paragraph's content without the line breaks and blank text at its ends:
    a break there prints nothing, and the source format has no form for it."""
    items = list(content)
    while items and (isinstance(items[-1], m.LineBreak) or isinstance(items[-1], m.Text) and not items[-1].text.strip()):
        items.pop()
    while items and (isinstance(items[0], m.LineBreak) or isinstance(items[0], m.Text) and not items[0].text.strip()):
        items.pop(0)
    return tuple(items)


def _shown(text: str, limit: int = 60) -> str:
    """``text`` for a message: at most ``limit`` characters."""
    return text if len(text) <= limit else text[:limit] + "…"


def _urls(package: WordPackage, part: str) -> dict[str, str]:
    """rId → target of a part's external relationships (hyperlinks)."""
    return {rid: rel.target for rid, rel in package.relationships(part).items() if rel.external}


def _sections(body: etree._Element) -> Iterator[etree._Element]:
    """The section properties of ``body`` in document order: those ending a section in
    a paragraph's properties, then the body's last (python-docx's ``sections``)."""
    for child in body:
        if child.tag == _P:
            ppr = child.find(_PPR)
            if ppr is not None:
                yield from ppr.iterchildren(_SECT)
        elif child.tag == _SECT:
            yield child


def _style(p: etree._Element) -> str | None:
    ppr = p.find(_PPR)
    style = ppr.find(_w("pStyle")) if ppr is not None else None
    return style.get(_VAL) if style is not None else None


_STORY_TEXT = {_w("t"): None, _w("tab"): "\t", _w("ptab"): "\t", _w("cr"): "\n", _w("noBreakHyphen"): "-"}


def _story_text(p: etree._Element) -> str:
    """A header or footer paragraph's text as python-docx's ``Paragraph.text`` gives it:
    its runs and the runs of its links, a tab as ``\\t``, a line break as ``\\n``."""
    out: list[str] = []
    for child in p:
        runs = [child] if child.tag == _R else list(child.iterchildren(_R)) if child.tag == _HYPERLINK else []
        for r in runs:
            for x in r:
                if x.tag in _STORY_TEXT:
                    out.append(_STORY_TEXT[x.tag] or x.text or "")
                elif x.tag == _w("br"):
                    out.append("\n" if x.get(_w("type"), "textWrapping") == "textWrapping" else "")
    text, _ = without_refused("".join(out))
    return text
