"""The *render/docx* stage: a resolved document model → DOCX bytes.

The only package that knows OOXML. It starts from the reviewable template in
``templates/un_docx/``, applies the language's fonts and ``w:lang`` to the
document defaults, writes masthead, body, footnotes, headers and footers, and
serialises reproducibly. Masthead and body are serialised element by element as
they are made (``package.StreamedBody``), never held as one tree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import XmlPart
from docx.oxml.ns import qn
from lxml import etree

from reportgen.l10n import Language, language
from reportgen.model import Document, Metadata
from reportgen.render.docx.body import Styles, name_bookmarks, number_width, paragraph_numbers, render_blocks
from reportgen.render.docx.context import Env, State
from reportgen.render.docx.masthead import headers_and_footers, masthead
from reportgen.render.docx.oxml import el
from reportgen.render.docx.package import StreamedBody, open_template, package_bytes, save_reproducibly

__all__ = ["render_docx", "Skeleton", "language_defaults", "document_properties"]

#: The heading styles of the template (chapter, sub-heading, minor heading) and the
#: title and subtitle, which issued Chinese documents set in the same face.
HEADING_STYLES = ("HCh", "H1", "H23", "ReportTitle", "ReportSubtitle")


def render_docx(doc: Document) -> bytes:
    # The document tree is out of reach once _render returns (python-docx's objects
    # refer to each other, so the cyclic collector frees it: without the body, the
    # template's parts and footnotes.xml, about 2 MB for 8000 paragraphs).
    package, body = _render(doc)
    return save_reproducibly(package, body)


def _render(doc: Document) -> tuple[bytes, StreamedBody]:
    """The package as python-docx saves it, with a placeholder where the body goes,
    and the body serialised. Nothing looks back at an element once appended (a
    bookmark is added to its paragraph before, a footnote goes to footnotes.xml),
    so each is serialised and dropped at once."""
    skeleton = Skeleton.of(doc.meta)
    for node in masthead(skeleton.env):
        skeleton.body.append(node)
    skeleton.fit_numbers(paragraph_numbers(doc.blocks, skeleton.env))
    name_bookmarks(doc.blocks, skeleton.state)
    render_blocks(doc.blocks, skeleton.env, skeleton.state, skeleton.body.append)
    return skeleton.finish(doc)


@dataclass
class Skeleton:
    """A report version's document as every writer of it starts and ends it (``build``
    and ``diff``; the review is a table of two versions and makes its own page): the
    template, the version's fonts and language on the document defaults, the body
    streamed before the section properties, and the writer's environment and state.
    ``finish`` adds what follows the body (the section's direction, the running headers
    and footers, the document properties) and gives the package and the body."""

    document: DocxDocument
    env: Env
    state: State
    body: StreamedBody
    sect_pr: etree._Element

    @classmethod
    def of(cls, meta: Metadata) -> "Skeleton":
        lang = language(meta.language)
        document = open_template()
        footnotes_part = document.part.part_related_by(RT.FOOTNOTES)
        assert isinstance(footnotes_part, XmlPart)  # package.py loads the footnotes part as XML
        language_defaults(document, lang)
        sect_pr = document.element.body.find(qn("w:sectPr"))
        return cls(document, Env(lang=lang, meta=meta, part=document.part), State(footnotes_part=footnotes_part),
                   StreamedBody(document.element.body, before=sect_pr), sect_pr)

    def fit_numbers(self, numbers: list[str]) -> None:
        """Hang paragraph numbers as wide as the widest of ``numbers`` needs (``103 -``
        in an addendum continuing at 101; a struck and a new number side by side in a
        diff): a number wider than the style's hanging indent pushes its text to the
        next tab stop. The text keeps its place; the numbers start further out."""
        style = self.document.styles.element.get_by_id(Styles.numbered)
        ind = style.pPr.find(qn("w:ind"))
        size = int(self.document.styles.element.find(qn("w:docDefaults")).find(f".//{qn('w:sz')}").get(qn("w:val")))
        needed = max((number_width(n, size) for n in numbers), default=0)
        if needed > int(ind.get(qn("w:hanging"))):
            ind.set(qn("w:hanging"), str(-(-needed // 20) * 20))  # whole points

    def finish(self, doc: Document) -> tuple[bytes, StreamedBody]:
        if self.env.rtl:
            # The section itself runs right to left (page numbers, columns).
            self.sect_pr.find(qn("w:docGrid")).addprevious(el("w:bidi"))  # CT_SectPr: bidi before docGrid
            # The footnote separators start at the right margin, where the notes' lines do.
            for note in self.state.footnotes.iterchildren(qn("w:footnote")):
                if note.get(qn("w:type")) in ("separator", "continuationSeparator"):
                    for ppr in note.iter(qn("w:pPr")):
                        ppr.insert(0, el("w:bidi"))  # CT_PPr: bidi before spacing
        headers_and_footers(self.document, self.env)
        document_properties(self.document, doc, self.env.lang)
        return package_bytes(self.document), self.body


def language_defaults(document: DocxDocument, lang: Language) -> None:
    """Fonts and proofing language of the version, on the document defaults."""
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attr, key in (("w:ascii", "ascii"), ("w:hAnsi", "h_ansi"), ("w:eastAsia", "east_asia"), ("w:cs", "cs")):
        fonts.set(qn(attr), lang.fonts[key])
    if heading_face := lang.fonts.get("heading_east_asia"):
        # Chinese headings are set in 黑体 (SimHei) in issued documents, body text in 宋体.
        for style_id in HEADING_STYLES:
            style_rpr = document.styles.element.get_by_id(style_id).get_or_add_rPr()
            style_rpr.get_or_add_rFonts().set(qn("w:eastAsia"), heading_face)
    if lang.hyphenate:  # document-wide settings (CT_Settings: in this order after defaultTabStop)
        settings = [el("w:autoHyphenation")]
        if rules := lang.hyphenation:
            settings += [el("w:consecutiveHyphenLimit", {"w:val": str(rules.consecutive_limit)}),
                         el("w:hyphenationZone", {"w:val": str(rules.zone)})]
            if not rules.caps:
                settings.append(el("w:doNotHyphenateCaps"))
        document.settings.element.find(qn("w:defaultTabStop")).addnext(settings[0])
        for before, after in zip(settings, settings[1:]):
            before.addnext(after)
    if lang.text_size:
        for tag in ("w:sz", "w:szCs"):
            rpr.find(qn(tag)).set(qn("w:val"), str(lang.text_size))
    if lang.line_pitch:  # the body on a line grid (w:docGrid; the masthead styles keep off it)
        grid = document.element.body.find(qn("w:sectPr")).find(qn("w:docGrid"))
        grid.attrib.clear()
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(lang.line_pitch))
    lang_el = rpr.find(qn("w:lang"))
    lang_el.set(qn("w:val"), lang.latin_word_lang)
    if lang.script == "han":
        lang_el.set(qn("w:eastAsia"), lang.word_lang)
    if lang.direction == "rtl":
        lang_el.set(qn("w:bidi"), lang.word_lang)


def document_properties(document: DocxDocument, doc: Document, lang: Language) -> None:
    """Document properties come from the front matter, never the clock."""
    meta = doc.meta
    props = document.core_properties
    # Core properties hold at most 255 characters (python-docx enforces the limit Word
    # applies to docProps/core.xml); the full title is printed in the document itself.
    props.title = _property(f"{meta.title} ({meta.subtitle})" if meta.subtitle else meta.title)
    props.subject = _property(meta.organ)
    props.identifier = meta.symbol
    props.language = lang.word_lang
    props.author = "United Nations"
    props.last_modified_by = "reportgen"
    props.revision = 1
    stamp = dt.datetime.combine(meta.date, dt.time(0, 0))
    props.created = stamp
    props.modified = stamp


def _property(text: str, limit: int = 255) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
