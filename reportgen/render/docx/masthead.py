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
from docx.section import _Footer, _Header
from docx.image.image import Image
from docx.shared import Cm, Emu, Length
from lxml import etree

from reportgen.render.docx.barcode import HEIGHT_EMU, WIDTH_EMU, barcode_png
from reportgen.render.docx.marks import QR_EMU, RECYCLE_EMU, qr_png, recycling_png
from reportgen.resolve import canonical, ods_url
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
# The emblem, as issued, stands in the second row beside the organ: a column of its own
# (1.5 cm) cut from the first, the picture 1.2 cm high at most and leaving 0.25 cm free.
EMBLEM_COLUMN = 850
EMBLEM_HEIGHT_CM = 1.2
EMBLEM_WIDTH_CM = 1.25


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
    # With an emblem, its column is cut from the first; the rows span accordingly.
    grid = (EMBLEM_COLUMN, GRID[0] - EMBLEM_COLUMN, *GRID[1:]) if meta.emblem is not None else GRID
    first = len(grid) - len(GRID) + 1  # grid columns under "United Nations"
    table.append(el("w:tblGrid", children=[el("w:gridCol", {"w:w": str(w)}) for w in grid]))

    un = paragraph("MastheadUN", bidi=env.rtl)
    un.append(run(lang.united_nations, env))
    table.append(_row(grid, [(first, [un]), (2, [_symbol_paragraph(meta.symbol, env)])], rule=18,
                      bottom_align=True))

    organ = paragraph("MastheadOrgan", bidi=env.rtl)
    organ.append(run(meta.organ, env))
    lines = [lang.distribution(meta.distribution), lang.masthead_date(meta.date), ""]
    if meta.language != meta.original:
        lines.append(lang.language_line)
    lines.append(lang.original_line(meta.original))
    info = [_info(line, env) for line in lines]
    cells = [(2, [organ]), (1, info)]
    if meta.emblem is not None:  # the emblem beside the organ (at its right, mirrored)
        assert isinstance(env.part, StoryPart)  # the main document part
        emblem = paragraph("MastheadOrgan", bidi=env.rtl)
        emblem.append(_emblem(env.part, meta.emblem.read_bytes()))
        cells.insert(0, (1, [emblem]))
    table.append(_row(grid, cells, rule=18, gutter=True))

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


def _emblem(part: StoryPart, image: bytes) -> etree._Element:
    """The emblem at :data:`EMBLEM_HEIGHT_CM`, or narrower where a wide picture would
    not leave its column's margin free (its aspect kept)."""
    info = Image.from_blob(image)
    height = Cm(EMBLEM_HEIGHT_CM)
    if info.px_width * height > Cm(EMBLEM_WIDTH_CM) * info.px_height:
        return _picture(part, image, Cm(EMBLEM_WIDTH_CM), None)
    return _picture(part, image, None, height)


def _row(grid: tuple[int, ...], cells: list[tuple[int, list[etree._Element]]], rule: int,
         bottom_align: bool = False, gutter: bool = False) -> etree._Element:
    """A masthead row; each cell is (grid columns spanned, paragraphs). With
    ``gutter``, the organ's cell (the one spanning two columns) keeps :data:`GUTTER`
    free at its inner edge (``w:end`` is the trailing side, so a mirrored Arabic
    masthead keeps it too)."""
    row = el("w:tr")
    col = 0
    for span, content in cells:
        width = sum(grid[col:col + span])
        col += span
        tc_pr = [el("w:tcW", {"w:w": str(width), "w:type": "dxa"})]
        if span > 1:
            tc_pr.append(el("w:gridSpan", {"w:val": str(span)}))
        tc_pr.append(el("w:tcBorders", children=[el("w:bottom", {"w:val": "single", "w:sz": str(rule),
                                                                 "w:space": "0", "w:color": "auto"})]))
        if gutter and span == 2:  # CT_TcPr order: tcW, gridSpan, ..., tcBorders, shd, noWrap, tcMar
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
    _fill_blocks(section.first_page_footer, first_page_footer(section.first_page_footer.part, env))

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


WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#: The first-page footer's two columns: job number, dates and barcode | recycling mark and QR code.
FOOTER_GRID = (5669, TEXT_WIDTH - 5669)


def first_page_footer(part: StoryPart, env: Env) -> list[etree._Element]:
    """Page 1's foot as issued: at the bottom left the job number with its letter and
    the processing dates (DDMMYY), the Code 39 barcode of the job number under them; at
    the bottom right the recycling mark and a QR code of the document's address in
    this language (``https://undocs.org/<lang>/<symbol>``). A right-to-left version
    mirrors the two sides, as its running footers are. Without a job number (a draft
    not yet issued) only the dates are printed, as a line."""
    meta = env.meta
    words = [env.lang.footer_job(meta.job)] if meta.job else []
    words += [d.strftime("%d%m%y") for d in meta.processed]
    if not meta.job:
        p = paragraph("Footer")
        if words:
            p.append(text_run("  ".join(words)))
        return [p]
    # Each side aligned to its outer edge; the table mirrors itself (w:bidiVisual).
    near, far = ("right", "left") if env.rtl else ("left", "right")
    job = paragraph("Footer", extra=[el("w:jc", {"w:val": near})])
    job.append(text_run("  ".join(words)))
    barcode = paragraph("Footer", extra=[el("w:spacing", {"w:before": "40"}), el("w:jc", {"w:val": near})])
    barcode.append(_picture(part, barcode_png(meta.job), Emu(WIDTH_EMU), Emu(HEIGHT_EMU)))
    marks = paragraph("Footer", extra=[el("w:jc", {"w:val": far})])
    pictures = [_picture(part, recycling_png(), Emu(RECYCLE_EMU), Emu(RECYCLE_EMU)), text_run("   "),
                _picture(part, qr_png(ods_url(canonical(meta.symbol), env.lang.code)), Emu(QR_EMU), Emu(QR_EMU))]
    marks.extend(reversed(pictures) if env.rtl else pictures)  # the QR code at the outer edge
    table = el("w:tbl", children=[
        el("w:tblPr", children=[*([el("w:bidiVisual")] if env.rtl else []),
                                el("w:tblW", {"w:w": str(TEXT_WIDTH), "w:type": "dxa"}),
                                el("w:tblLayout", {"w:type": "fixed"}),
                                el("w:tblCellMar", children=[el("w:left", {"w:w": "0", "w:type": "dxa"}),
                                                             el("w:right", {"w:w": "0", "w:type": "dxa"})])]),
        el("w:tblGrid", children=[el("w:gridCol", {"w:w": str(w)}) for w in FOOTER_GRID]),
        el("w:tr", children=[_footer_cell(FOOTER_GRID[0], [job, barcode]), _footer_cell(FOOTER_GRID[1], [marks])]),
    ])
    # python-docx numbers each picture by what the part holds already: these are not in it yet
    first_id = part.next_id
    for n, props in enumerate(table.iter(f"{{{WP}}}docPr")):
        props.set("id", str(first_id + n))
    # A story ends with a paragraph: an empty one, a point high, after the table.
    end = paragraph("Footer", extra=[el("w:spacing", {"w:line": "20", "w:lineRule": "exact"})])
    return [table, end]


def _footer_cell(width: int, content: list[etree._Element]) -> etree._Element:
    props = el("w:tcPr", children=[el("w:tcW", {"w:w": str(width), "w:type": "dxa"}),
                                   el("w:vAlign", {"w:val": "bottom"})])
    return el("w:tc", children=[props, *content])


def _picture(part: StoryPart, image: bytes, width: Length | None, height: Length | None) -> etree._Element:
    """An inline picture run; python-docx adds the image part (named and related by
    counting, so reproducible) and its relationship to ``part``."""
    inline = part.new_pic_inline(io.BytesIO(image), width, height)
    return el("w:r", children=[el("w:drawing", children=[inline])])


def _fill(hdr_ftr: _Header | _Footer, style: str, content: list[etree._Element], jc: str | None = None) -> None:
    """Replace the single paragraph python-docx puts in a new header or footer."""
    extra = [el("w:jc", {"w:val": "right" if jc == "end" else "left"})] if jc else []
    p = paragraph(style, extra=extra)
    for node in content:
        p.append(node)
    _fill_blocks(hdr_ftr, [p])


def _fill_blocks(hdr_ftr: _Header | _Footer, blocks: list[etree._Element]) -> None:
    """Replace what python-docx puts in a new header or footer by ``blocks``."""
    hdr_ftr.is_linked_to_previous = False
    root = hdr_ftr.part.element  # the w:hdr / w:ftr (public, unlike the proxy's _element)
    for p in root.findall(el("w:p").tag):
        root.remove(p)
    root.extend(blocks)
