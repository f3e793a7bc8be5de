"""The UN masthead, title block, running headers and footers.

Layout follows issued UN documents (un-conventions.md): "United Nations" and
the symbol on one line over a thick rule; the organ on the left and the
distribution block on the right; then the meeting, its place and dates, the
title and subtitle. Later pages carry the symbol at the outer edge of the
header (left on even pages, right on odd ones) and the page as ``n/N``.
"""

from __future__ import annotations

import io

import docx.document
from docx.parts.story import StoryPart
from docx.shared import Cm, Emu, Length
from lxml import etree

from reportgen.render.docx.barcode import HEIGHT_EMU, WIDTH_EMU, barcode_png
from reportgen.render.docx.body import lang_props, run
from reportgen.render.docx.context import Env
from reportgen.render.docx.oxml import el, paragraph, simple_field, text_run

TEXT_WIDTH = 9638  # A4 width minus the template's 2 cm margins, in twips
# Three grid columns: row 1 is "United Nations" | symbol (spanning two), row 2
# is organ (spanning two) | distribution block, so a long symbol never wraps.
# The first column (8 cm) holds the longest "United Nations" of the six at 14 pt,
# Russian «Организация Объединенных Наций» (about 7.4 cm in Times New Roman), on
# one line; the symbol keeps 9 cm, the organ and distribution block their widths.
GRID = (4536, 1417, 3685)
# Space kept free at the inner edge of the organ cell, so a long organ line never
# runs into "Distr." (at least 0.5 cm).
GUTTER = 340
EMBLEM_HEIGHT_CM = 1.0


def masthead(env: Env) -> list[etree._Element]:
    meta, lang = env.meta, env.lang
    table = el("w:tbl")
    tbl_pr = [el("w:tblW", {"w:w": str(TEXT_WIDTH), "w:type": "dxa"})]
    if env.rtl:
        tbl_pr.insert(0, el("w:bidiVisual"))  # mirror the masthead for right-to-left versions
    tbl_pr += [el("w:tblLayout", {"w:type": "fixed"}),
               el("w:tblCellMar", children=[el("w:left", {"w:w": "0", "w:type": "dxa"}),
                                            el("w:right", {"w:w": "0", "w:type": "dxa"})])]
    table.append(el("w:tblPr", children=tbl_pr))
    table.append(el("w:tblGrid", children=[el("w:gridCol", {"w:w": str(w)}) for w in GRID]))

    un = paragraph("MastheadUN", bidi=env.rtl)
    if meta.emblem is not None:  # the emblem slot, before "United Nations" (after it, mirrored)
        assert isinstance(env.part, StoryPart)  # the main document part
        un.append(_picture(env.part, meta.emblem.read_bytes(), None, Cm(EMBLEM_HEIGHT_CM)))
        un.append(text_run(" "))
    un.append(run(lang.united_nations, env))
    table.append(_row([(1, [un]), (2, [_symbol_paragraph(meta.symbol, env)])], rule=18, bottom_align=True))

    organ = paragraph("MastheadOrgan", bidi=env.rtl)
    organ.append(run(meta.organ, env))
    lines = [lang.distribution(meta.distribution), lang.masthead_date(meta.date), ""]
    if meta.language != meta.original:
        lines.append(lang.language_line)
    lines.append(lang.original_line(meta.original))
    info = [_info(line, env) for line in lines]
    table.append(_row([(2, [organ]), (1, info)], rule=18, gutter=True))

    out: list[etree._Element] = [table]
    if meta.meeting:
        p = paragraph("Meeting", bidi=env.rtl, extra=[el("w:spacing", {"w:before": "240"})])
        p.append(run(meta.meeting, env))
        out.append(p)
    for line in meta.agenda:
        p = paragraph("Agenda", bidi=env.rtl)
        p.append(run(line, env))
        out.append(p)
    if meta.dates or meta.venue:
        p = paragraph("MeetingPlace", bidi=env.rtl)
        text = lang.meeting_line(meta.venue, *meta.dates) if meta.dates else meta.venue or ""
        p.append(run(text, env))
        out.append(p)
    title = paragraph("ReportTitle", bidi=env.rtl)
    title.append(run(meta.title, env))
    out.append(title)
    if meta.subtitle:
        sub = paragraph("ReportSubtitle", bidi=env.rtl)
        sub.append(run(meta.subtitle, env))
        out.append(sub)
    return out


def _symbol_paragraph(symbol: str, env: Env) -> etree._Element:
    # The series (first element) is printed larger, as on issued documents; the
    # symbol reads left to right in every version and sits at the outer (left)
    # edge of a mirrored Arabic masthead.
    p = paragraph("MastheadSymbol", extra=[el("w:jc", {"w:val": "left"})] if env.rtl else None)
    head, sep, tail = symbol.partition("/")
    lang = lang_props(env, "en-GB")
    p.append(text_run(head, [el("w:sz", {"w:val": "40"}), el("w:szCs", {"w:val": "40"}), lang]))
    if sep:
        p.append(text_run(sep + tail, [lang_props(env, "en-GB")]))
    return p


def _info(text: str, env: Env) -> etree._Element:
    # The distribution block is printed in English (zh, ru, ar) or in French or
    # Spanish, and reads left to right even in the Arabic masthead.
    p = paragraph("MastheadInfo")
    if text:
        p.append(text_run(text, [lang_props(env, env.lang.masthead_word_lang)]))
    return p


def _row(cells: list[tuple[int, list[etree._Element]]], rule: int, bottom_align: bool = False,
         gutter: bool = False) -> etree._Element:
    """A masthead row; each cell is (grid columns spanned, paragraphs). With
    ``gutter``, the first cell keeps :data:`GUTTER` free at its inner edge (``w:end``
    is the trailing side, so a mirrored Arabic masthead keeps it too)."""
    row = el("w:tr")
    col = 0
    for i, (span, content) in enumerate(cells):
        width = sum(GRID[col:col + span])
        col += span
        tc_pr = [el("w:tcW", {"w:w": str(width), "w:type": "dxa"})]
        if span > 1:
            tc_pr.append(el("w:gridSpan", {"w:val": str(span)}))
        tc_pr.append(el("w:tcBorders", children=[el("w:bottom", {"w:val": "single", "w:sz": str(rule),
                                                                 "w:space": "0", "w:color": "auto"})]))
        if gutter and i == 0:  # CT_TcPr order: tcW, gridSpan, ..., tcBorders, shd, noWrap, tcMar
            tc_pr.append(el("w:tcMar", children=[el("w:end", {"w:w": str(GUTTER), "w:type": "dxa"})]))
        if bottom_align:
            tc_pr.append(el("w:vAlign", {"w:val": "bottom"}))
        cell = el("w:tc", children=[el("w:tcPr", children=tc_pr)])
        for p in content:
            cell.append(p)
        row.append(cell)
    return row


# ------------------------------------------------------ headers and footers


def headers_and_footers(document: docx.document.Document, env: Env) -> None:
    meta = env.meta
    section = document.sections[0]
    section.different_first_page_header_footer = True
    document.settings.odd_and_even_pages_header_footer = True

    # First page: the masthead is the header; the footer carries the job number.
    _fill(section.first_page_header, "Normal", [])
    _fill(section.first_page_footer, "Footer", first_page_footer(section.first_page_footer.part, env))

    def job() -> list[etree._Element]:
        return [text_run(meta.job)] if meta.job else []

    def page() -> list[etree._Element]:  # fresh elements each time: lxml moves, never copies
        return [simple_field("PAGE", "2"), text_run("/"), simple_field("NUMPAGES", "2")]

    # Outer edge: even pages on the left, odd pages on the right; a right-to-left
    # document is bound on the other side, so the edges swap.
    even, odd = ("end", "start") if env.rtl else ("start", "end")
    symbol = [text_run(meta.symbol, [lang_props(env, "en-GB")])]
    _fill(section.even_page_header, "Header", symbol, jc=even)
    _fill(section.header, "Header", [text_run(meta.symbol, [lang_props(env, "en-GB")])], jc=odd)
    def left_right(left: list[etree._Element], right: list[etree._Element]) -> list[etree._Element]:
        return left + [text_run("\t")] + right  # the footer style has a right tab at the margin

    if env.rtl:
        even_footer, odd_footer = left_right(job(), page()), left_right(page(), job())
    else:
        even_footer, odd_footer = left_right(page(), job()), left_right(job(), page())
    _fill(section.even_page_footer, "Footer", even_footer)
    _fill(section.footer, "Footer", odd_footer)


def first_page_footer(part: StoryPart, env: Env) -> list[etree._Element]:
    """As issued: job number with its letter and the processing dates DDMMYY at the
    inner edge, the Code 39 barcode of the job number at the outer one (swapped in a
    right-to-left version, as its running footers are)."""
    meta = env.meta
    words = [env.lang.footer_job(meta.job)] if meta.job else []
    words += [d.strftime("%d%m%y") for d in meta.processed]
    text = [text_run("  ".join(words))] if words else []
    if not meta.job:
        return text
    image = _picture(part, barcode_png(meta.job), Emu(WIDTH_EMU), Emu(HEIGHT_EMU))
    left, right = ([image], text) if env.rtl else (text, [image])
    return left + [text_run("\t")] + right  # the footer style has a right tab at the margin


def _picture(part: StoryPart, image: bytes, width: Length | None, height: Length | None) -> etree._Element:
    """An inline picture run; python-docx adds the image part (named and related by
    counting, so reproducible) and its relationship to ``part``."""
    inline = part.new_pic_inline(io.BytesIO(image), width, height)
    return el("w:r", children=[el("w:drawing", children=[inline])])


def _fill(hdr_ftr, style: str, content: list[etree._Element], jc: str | None = None) -> None:
    """Replace the single paragraph python-docx puts in a new header or footer."""
    hdr_ftr.is_linked_to_previous = False
    root = hdr_ftr._element
    for p in root.findall(el("w:p").tag):
        root.remove(p)
    extra = [el("w:jc", {"w:val": "right" if jc == "end" else "left"})] if jc else []
    p = paragraph(style, extra=extra)
    for node in content:
        p.append(node)
    root.append(p)
