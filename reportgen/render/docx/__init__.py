"""The *render/docx* stage: a resolved document model → DOCX bytes.

The only package that knows OOXML. It starts from the reviewable template in
``templates/un_docx/``, applies the language's fonts and ``w:lang`` to the
document defaults, writes masthead, body, footnotes, headers and footers, and
serialises reproducibly.
"""

from __future__ import annotations

import datetime as dt

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from reportgen.l10n import Language, language
from reportgen.model import Document
from reportgen.render.docx.body import name_bookmarks, render_blocks
from reportgen.render.docx.context import Env, State
from reportgen.render.docx.masthead import headers_and_footers, masthead
from reportgen.render.docx.oxml import el
from reportgen.render.docx.package import open_template, save_reproducibly

__all__ = ["render_docx"]


def render_docx(doc: Document) -> bytes:
    lang = language(doc.meta.language)
    document = open_template()
    main = document.part
    footnotes_part = main.part_related_by(RT.FOOTNOTES)
    env = Env(lang=lang, meta=doc.meta, part=main)
    state = State(footnotes_part=footnotes_part)

    _language_defaults(document, lang)
    body = document.element.body
    sect_pr = body.find(qn("w:sectPr"))

    def append(p) -> None:
        sect_pr.addprevious(p)

    for node in masthead(env):
        append(node)
    name_bookmarks(doc.blocks, state)
    render_blocks(doc.blocks, env, state, append)
    if env.rtl:
        # The section itself runs right to left (page numbers, columns).
        sect_pr.find(qn("w:docGrid")).addprevious(el("w:bidi"))  # CT_SectPr order: bidi before docGrid
    headers_and_footers(document, env)
    _properties(document, doc, lang)
    return save_reproducibly(document)


def _language_defaults(document, lang: Language) -> None:
    """Fonts and proofing language of the version, on the document defaults."""
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attr, key in (("w:ascii", "ascii"), ("w:hAnsi", "h_ansi"), ("w:eastAsia", "east_asia"), ("w:cs", "cs")):
        fonts.set(qn(attr), lang.fonts[key])
    lang_el = rpr.find(qn("w:lang"))
    lang_el.set(qn("w:val"), lang.word_lang)
    if lang.script == "han":
        lang_el.set(qn("w:eastAsia"), lang.word_lang)
    if lang.direction == "rtl":
        lang_el.set(qn("w:bidi"), lang.word_lang)


def _properties(document, doc: Document, lang: Language) -> None:
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
