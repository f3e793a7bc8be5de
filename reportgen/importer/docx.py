"""A Word file → pieces, masthead fields and footnotes (python-docx opens it, lxml reads it).

The body's paragraphs become :class:`Piece` objects for ``structure``; the paragraphs
before the first heading or numbered paragraph are the masthead; the first-page footer
gives the job number and processing dates; footnotes come from the footnotes part.
Word's automatic list numbering is computed (``numbering.ListNumbering``) and kept as
explicit numbers. Whatever has no place in the source format (tables after the
masthead, pictures, equations, tracked deletions) is reported as a warning naming the
paragraph, never dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from reportgen import model as m
from reportgen.errors import UserError
from reportgen.importer.masthead import Fields, footer_fields, read_masthead
from reportgen.importer.numbering import ListNumbering
from reportgen.importer.structure import Classifier, Piece, plain_text, structure
from reportgen.l10n import DataFileError, Language
from reportgen.l10n.loader import load_yaml
from reportgen.importer.chars import without_refused
from reportgen.render.markdown import normalize
from reportgen.resolve.symbols import canonical, is_symbol

__all__ = ["WordImport", "read_docx", "label_of"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


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


@dataclass
class WordImport:
    pieces: list[Piece]
    fields: Fields
    warnings: list[tuple[int | None, str]] = field(default_factory=list)


def _key(name: str) -> str:
    """``HCh_G`` → ``hchg``, ``Heading 1`` → ``heading1``: case, spaces, underscores and
    hyphens off, so the names Word shows and the ids it stores compare equal."""
    return re.sub(r"[\s_-]", "", name.lower())


class _Styles:
    """Roles of paragraph styles (through ``w:basedOn``) and formatting of character styles."""

    def __init__(self, root: etree._Element | None) -> None:
        self.by_id: dict[str, etree._Element] = {}
        if root is not None:
            for s in root.iter(_w("style")):
                self.by_id[s.get(_w("styleId"), "")] = s

    def role(self, style_id: str | None) -> str:
        seen = 0
        while style_id and style_id in self.by_id and seen < 10:
            s = self.by_id[style_id]
            name = s.find(_w("name"))
            roles = style_roles()
            for key in (_key(style_id), _key(name.get(_w("val"), "")) if name is not None else ""):
                if key in roles:
                    return roles[key]
            based = s.find(_w("basedOn"))
            style_id = based.get(_w("val")) if based is not None else None
            seen += 1
        return ""

    def formatting(self, style_id: str | None) -> dict[str, bool]:
        """Bold, italic and vertical alignment a character style gives (through basedOn)."""
        out: dict[str, bool] = {}
        chain: list[etree._Element] = []
        while style_id and style_id in self.by_id and len(chain) < 10:
            chain.append(self.by_id[style_id])
            based = self.by_id[style_id].find(_w("basedOn"))
            style_id = based.get(_w("val")) if based is not None else None
        for s in reversed(chain):
            rpr = s.find(_w("rPr"))
            if rpr is not None:
                out.update(_direct(rpr))
        return out


def _on(el: etree._Element | None) -> bool | None:
    if el is None:
        return None
    return el.get(_w("val"), "true").lower() not in _OFF


def _direct(rpr: etree._Element) -> dict[str, bool]:
    out: dict[str, bool] = {}
    for name, slots in (("bold", ("b", "bCs")), ("italic", ("i", "iCs"))):
        values = [v for v in (_on(rpr.find(_w(s))) for s in slots) if v is not None]
        if values:
            out[name] = values[0]
    vert = rpr.find(_w("vertAlign"))
    if vert is not None:
        v = vert.get(_w("val"))
        out["sup"], out["sub"] = v == "superscript", v == "subscript"
    return out


def read_docx(path: Path, lang: Language) -> WordImport:
    """Open ``path`` with python-docx and read it; a file that is not a Word document is
    a ``UserError``."""
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise UserError(path, None, f"not a Word (.docx) file: {exc}") from None
    return _Reader(document, path, lang).read()


class _Reader:
    def __init__(self, document: docx.document.Document, path: Path, lang: Language) -> None:
        self.document, self.path, self.lang = document, path, lang
        self.styles = _Styles(document.styles.element)
        part = document.part
        numbering = None
        for rel in part.rels.values():
            if rel.reltype == RT.NUMBERING:
                numbering = etree.fromstring(rel.target_part.blob)
        self.numbering = ListNumbering(numbering, document.styles.element)
        # footnote or endnote → its element and the links of its part (rIds are per part)
        self.notes: dict[str, tuple[etree._Element, dict[str, str]]] = {}
        for rel in part.rels.values():
            if rel.reltype in (RT.FOOTNOTES, RT.ENDNOTES) and not rel.is_external:
                kind = "footnote" if rel.reltype == RT.FOOTNOTES else "endnote"
                urls = _urls(rel.target_part)
                for note in etree.fromstring(rel.target_part.blob).iter(_w(kind)):
                    self.notes[f"{kind}:{note.get(_w('id'))}"] = (note, urls)
        self.urls = _urls(part)
        self.result = WordImport([], Fields())
        self.at = 0  # body paragraph being read (1-based), for warnings
        self.warned: set[str] = set()

    def warn(self, message: str, once: bool = False) -> None:
        if once and message in self.warned:
            return
        self.warned.add(message)
        self.result.warnings.append((self.at, message))

    # ---------------------------------------------------------------- body

    def read(self) -> WordImport:
        entries: list[tuple[int, etree._Element, str, str | None]] = []  # position, element, role, Word's label
        for at, block in enumerate(self._blocks(self.document.element.body), start=1):
            self.at = at
            if block.tag == _w("tbl"):
                entries.append((at, block, "table", None))
                continue
            entries.append((at, block, self.styles.role(_style(block)), self.numbering.label(block)))
        start = self._body_start(entries)
        masthead: list[tuple[int, str]] = []
        direct: list[tuple[str, int, str]] = []
        for at, block, role, _ in entries[:start]:
            self.at = at
            if role == "table":
                masthead += [(at, self._masthead_text(p)) for p in block.iter(_w("p"))]
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
            if not content and label is None:
                continue
            # a body style says where the body is, not what a paragraph is: markers do
            kind = "" if role == "text" or role.startswith("m:") else role
            self.result.pieces.append(Piece(content, at, kind, label, self._label(block)))
        self._masthead(masthead, direct)
        self._footer()
        return self.result

    def _body_start(self, entries: list[tuple[int, etree._Element, str, str | None]]) -> int:
        """Where the masthead ends: at the first paragraph in a style of the body (a
        heading, body text, a continuation), the first chapter or numbered paragraph,
        or, in a file without the templates' styles, the first paragraph of running
        text (150 characters or more, ending as a sentence or clause does) — with the
        short phrases ending in a comma or colon just before it ("The General
        Assembly,"), which no title ends with. Front matter takes only the masthead."""
        detect = Classifier(self.lang)
        for k, (_, block, role, label) in enumerate(entries):
            if role == "table" or role.startswith("m:"):
                continue
            if role and role != "table":
                return k
            text = self._plain(block)
            if detect.peek(text, "", label).kind in ("heading", "paragraph"):
                return k
            if len(text) >= 150 and text.rstrip().endswith(_CLAUSE_ENDS):
                while k > 0 and entries[k - 1][2] == "" and self._plain(entries[k - 1][1]).endswith(
                        (",", ":", "，", "：", "،")):
                    k -= 1
                return k
        return len(entries)

    def _blocks(self, parent: etree._Element):
        for child in parent:
            if child.tag in (_w("p"), _w("tbl")):
                yield child
            elif child.tag in (_w("sdt"), _w("sdtContent"), _w("customXml")):
                yield from self._blocks(child)

    def _label(self, p: etree._Element) -> str | None:
        """The label of a paragraph holding a cross-reference bookmark (Word's ``_Ref…``)."""
        for b in p.iter(_w("bookmarkStart")):
            name = b.get(_w("name"), "")
            if name.startswith("_Ref"):
                return label_of(name)
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
        for section in self.document.sections:
            for footer in (section.first_page_footer, section.footer):
                for p in footer.paragraphs:
                    if (hit := footer_fields(p.text.replace("\t", " "))) is not None:
                        self.result.fields.set("job", hit[0], 0)
                        if hit[1]:
                            self.result.fields.set("processed", hit[1], 0)
            for header in (section.first_page_header, section.header):
                for p in header.paragraphs:
                    if is_symbol(p.text.strip()):
                        self.result.fields.set("symbol", canonical(p.text.strip()), 0)

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
        return plain_text(self._inlines(p, quiet=True)).strip()

    def _inlines(self, p: etree._Element, quiet: bool = False, urls: dict[str, str] | None = None
                 ) -> tuple[m.Inline, ...]:
        runs = _Runs(self, quiet, self.urls if urls is None else urls)
        runs.children(p)
        return runs.content()


class _Runs:
    """The inline content of one paragraph: runs with their formatting, links, notes."""

    def __init__(self, reader: _Reader, quiet: bool, urls: dict[str, str]) -> None:
        self.reader, self.quiet, self.urls = reader, quiet, urls
        self.items: list[tuple[m.Inline, tuple[bool, bool, bool, bool]]] = []
        self.field: list[str] = []  # instruction text of the complex fields open here
        self.in_instr = False

    def warn(self, message: str) -> None:
        if not self.quiet:
            self.reader.warn(message, once=True)

    def children(self, parent: etree._Element) -> None:
        for child in parent:
            if not isinstance(child.tag, str):
                continue
            local = etree.QName(child).localname
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
            elif local in _SKIPPED or local == "bookmarkStart":
                continue

    def run(self, r: etree._Element) -> None:
        rpr = r.find(_w("rPr"))
        fmt: dict[str, bool] = {}
        if rpr is not None:
            style = rpr.find(_w("rStyle"))
            fmt.update(self.reader.styles.formatting(style.get(_w("val")) if style is not None else None))
            fmt.update(_direct(rpr))
        key = (fmt.get("bold", False), fmt.get("italic", False), fmt.get("sup", False), fmt.get("sub", False))
        for child in r:
            local = etree.QName(child).localname if isinstance(child.tag, str) else ""
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
                case "t":
                    text, dropped = without_refused(child.text or "")
                    for warning in dropped:
                        self.warn(warning)
                    self.items.append((m.Text(text), key))
                case "tab" | "ptab":
                    self.items.append((m.Text("\t"), key))
                case "br" if child.get(_w("type"), "textWrapping") == "textWrapping":
                    self.items.append((m.LineBreak(), key))
                case "br":
                    self.warn("a page or column break is not imported")
                case "cr":
                    self.items.append((m.LineBreak(), key))
                case "noBreakHyphen":
                    self.items.append((m.Text("\u2011"), key))
                case "footnoteReference" | "endnoteReference":
                    self.note(child, local[:-len("Reference")])
                case "drawing" | "pict" | "object":
                    self.warn("a picture or embedded object is not imported")
                case "sym":
                    self.warn("a symbol-font character (w:sym) is not imported")
                case _:
                    continue

    def link(self, h: etree._Element) -> None:
        inner = _Runs(self.reader, self.quiet, self.urls)
        inner.children(h)
        content = inner.content()
        rid, anchor = h.get(f"{{{R}}}id"), h.get(_w("anchor"))
        url = self.urls.get(rid or "", "")
        text = plain_text(content)
        if anchor:
            self.items.append((m.Link(content, "#" + anchor), (False,) * 4))
        elif url and is_symbol(text.strip()) and ("undocs.org" in url or "documents.un.org" in url):
            self.items.append((m.SymbolRef(canonical(text.strip()), text), (False,) * 4))
        elif url.startswith(("http://", "https://", "mailto:")):
            self.items.append((m.Link(content, url), (False,) * 4))
        else:
            self.warn(f"a link to {url or 'nothing'} is imported as its text only")
            self.items += [(x, (False,) * 4) for x in content]

    def note(self, ref: etree._Element, kind: str) -> None:
        found = self.reader.notes.get(f"{kind}:{ref.get(_w('id'))}")
        if found is None:
            self.warn(f"a {kind} reference without its {kind} is not imported")
            return
        element, urls = found
        if kind == "endnote":
            self.warn("an endnote is imported as a footnote")
        pieces = []
        for k, p in enumerate(element.iter(_w("p")), start=1):
            content = self.reader._inlines(p, self.quiet, urls)
            if content and isinstance(content[0], m.Text):
                content = (m.Text(content[0].text.lstrip(" \t\u00a0")),) + content[1:]
            if plain_text(content) or len(content) > 1:
                pieces.append(Piece(content, self.reader.at))
        self.items.append((m.Note(structure(pieces, self.reader.lang, in_note=True)), (False,) * 4))

    def content(self) -> tuple[m.Inline, ...]:
        """The items, runs of the same formatting grouped in one emphasis each."""
        out: list[m.Inline] = []
        k = 0
        while k < len(self.items):
            item, key = self.items[k]
            group = [item]
            while k + 1 < len(self.items) and self.items[k + 1][1] == key and any(key):
                k += 1
                group.append(self.items[k][0])
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
    out: list[m.Inline] = [m.Text(x.text) if isinstance(x, m.SymbolRef) else x for x in m.leaves(content)
                           if isinstance(x, (m.Text, m.LineBreak, m.Note, m.SymbolRef))]
    return out


def label_of(bookmark: str) -> str:
    """The source label for a cross-reference bookmark: ours are ``_Ref_<label>``, Word's
    own ``_Ref<digits>`` (a label must start with a letter)."""
    label = re.sub(r"^_Ref_?", "", bookmark)
    return label if re.match(r"[^\W\d_]", label) else f"ref{label}"


def _urls(part) -> dict[str, str]:
    """rId → target of a part's external relationships (hyperlinks)."""
    return {rid: rel.target_ref for rid, rel in part.rels.items() if rel.is_external}


def _style(p: etree._Element) -> str | None:
    style = p.find(f"{_w('pPr')}/{_w('pStyle')}")
    return style.get(_w("val")) if style is not None else None
