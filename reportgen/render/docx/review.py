"""The bilingual review DOCX (``reportgen review``, INTERFACE §3.4): the Word
counterpart of the HTML alignment report for one translation, for a reviser to
mark up by hand.

Landscape A4 (two columns of prose read best at about 13 cm each, and Word's
comment pane still leaves them that width): a title block, then a two-column
table, **original | translation**, one row per row of the pair's side-by-side model
(``align.sidebyside.review_of``: each link of the content alignment, and the
original's headings), with a header row
repeated on every page. Each cell shows its units as the documents number them
(the version's own paragraph number, sub-item markers in its form), footnotes
after the text in smaller type, in its language's UN fonts (``w:rFonts`` with
``w:eastAsia`` and ``w:cs``) and ``w:lang``; an Arabic column runs right to left
(``w:bidi`` paragraphs, ``w:rtl`` runs with Latin and figures kept apart, as
``body.runs`` does), while the table itself stays left to right.

Every finding for the language is a Word comment (python-docx's comments API),
author "reportgen", initials "RG", dated the original's date of issue (never the
clock: the same sources give the same bytes), anchored on the whole translation
cell of its row; findings about the document as a whole are anchored on the
title line. Accepted findings are comments too, headed "accepted", so that a
reviser does not undo a difference already judged right; the rows with open
findings are shaded (errors light red, warnings light yellow).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import assert_never

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.opc.part import Part, XmlPart
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from lxml import etree

from reportgen import model as m
from reportgen.align.findings import Finding, Unit, Version
from reportgen.align.sidebyside import Review, ReviewRow
from reportgen.l10n import Language, language
from reportgen.render.docx.body import inlines, runs
from reportgen.render.docx.context import Env, State
from reportgen.render.docx.oxml import el, ppr, simple_field
from reportgen.render.docx.package import open_template, save_reproducibly

__all__ = ["render_review", "AUTHOR", "INITIALS"]

AUTHOR, INITIALS = "reportgen", "RG"
#: the review's own words (title, labels, comments) are English, as the alignment messages are
UI_LANGUAGE = "en"

# Landscape A4 in twentieths of a point, 2 cm margins: two columns of 12.85 cm.
PAGE_W, PAGE_H, MARGIN = 16838, 11906, 1134
COLUMN = (PAGE_W - 2 * MARGIN) // 2
INDENT = 567  # 1 cm: where the text of a numbered paragraph starts; each sub-item level 1 cm more
NOTE_INDENT = 284
SMALL = "16"  # footnotes: 8 pt (half-points), the text 10 pt (document default)

SHADE = {"error": "FBE3E3", "warning": "FFF3CC", "info": "EAF1FB"}
HEADER_SHADE, HEADING_SHADE, BORDER = "D9D9D9", "F2F2F2", "A6A6A6"
# An empty side. No brackets: in an Arabic cell they would be mirrored around English words.
PLACEHOLDER = {"missing": "— not in this version —", "extra": "— not in the original —",
               "heading": "— no such heading —"}


@dataclass(frozen=True)
class Side:
    """One column: the version it shows, how its runs are made (the build's writer, set
    for a two-language document: text for links, footnotes numbered after the cell,
    every run naming its fonts), and its footnotes' numbers and the ones called."""

    version: Version
    env: Env
    state: State

    @property
    def lang(self) -> Language:
        return self.env.lang


def _side(version: Version, part: Part) -> Side:
    env = Env(lang=language(version.lang), meta=version.doc.meta, part=part, links=False, footnotes=False,
              fonts=True)
    return Side(version, env, State(note_numbers=_note_numbers(version.doc)))


def render_review(review: Review) -> bytes:
    """The review document of ``review`` (see the module docstring) as DOCX bytes."""
    document = open_template()
    part = document.part
    original, version = _side(review.original, part), _side(review.version, part)
    ui = Env(lang=language(UI_LANGUAGE), meta=review.original.doc.meta, part=part, links=False, footnotes=False,
             fonts=True)
    _page_setup(document, review)
    _comment_styles(document)

    sect_pr = document.element.body.find(qn("w:sectPr"))
    # python-docx's proxies (tables, runs) need its own element classes: parse what lxml built
    for node in _title(review, original, version, ui) + [_table(review, original, version, ui)]:
        sect_pr.addprevious(parse_xml(etree.tostring(node)))

    table = document.tables[0]
    for r, row in enumerate(review.rows, start=1):  # row 0 is the header
        cell = table.rows[r].cells[1]
        anchor = [x for p in cell.paragraphs for x in p.runs]
        for f, accepted in [(f, False) for f in row.findings] + [(f, True) for f in row.accepted]:
            document.add_comment(anchor, _comment_text(f, accepted), AUTHOR, INITIALS)
    title = document.paragraphs[0].runs
    for f, accepted in [(f, False) for f in review.document] + [(f, True) for f in review.document_accepted]:
        document.add_comment(title, _comment_text(f, accepted), AUTHOR, INITIALS)
    _date_comments(document, review.original.doc.meta.date)
    _properties(document, review)
    return save_reproducibly(document)


def _comment_text(f: Finding, accepted: bool) -> str:
    """Two lines: what kind of finding (the check id, for ``reportgen accept``), then its message."""
    return f"{'accepted' if accepted else f.severity} · {f.check}\n{f.message}"


# ------------------------------------------------------------------ page, styles, properties


def _page_setup(document: DocxDocument, review: Review) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Twips(PAGE_W), Twips(PAGE_H)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Twips(MARGIN))
    section.header_distance = section.footer_distance = Twips(MARGIN // 2)
    section.different_first_page_header_footer = False  # the template's masthead page has none
    footer = section.footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    # python-docx has no field API, and a Paragraph's element is private; the footer
    # part's element (public) holds the same w:p, so the fields go in through it.
    element = footer.part.element.find(qn("w:p"))
    assert element is not None
    p.add_run(f"{review.symbol} — review {review.original.lang} → {review.version.lang} — page ")
    element.append(simple_field("PAGE", "1"))
    p.add_run(" of ")
    element.append(simple_field("NUMPAGES", "1"))


def _comment_styles(document: DocxDocument) -> None:
    """The styles python-docx's comments name (Word's built-in "annotation text" and
    "annotation reference"), which the UN template does not define."""
    styles = document.styles
    text = styles.add_style("annotation text", WD_STYLE_TYPE.PARAGRAPH)
    text.style_id, text.base_style = "CommentText", styles["Normal"]
    text.font.size = Pt(9)
    ref = styles.add_style("annotation reference", WD_STYLE_TYPE.CHARACTER)
    ref.style_id = "CommentReference"
    ref.font.size = Pt(8)


def _date_comments(document: DocxDocument, date: dt.date) -> None:
    """python-docx dates each comment with the clock; a fixed date keeps the bytes
    reproducible (the comments part is reached as the footnotes part is in __init__)."""
    if not document.comments:
        return
    stamp = f"{date.isoformat()}T00:00:00Z"
    comments = document.part.part_related_by(RT.COMMENTS)
    assert isinstance(comments, XmlPart)  # python-docx loads the comments part as XML
    for comment in comments.element.iterchildren(qn("w:comment")):
        comment.set(qn("w:date"), stamp)


def _properties(document: DocxDocument, review: Review) -> None:
    """Document properties from the front matter, never the clock."""
    meta = review.original.doc.meta
    props = document.core_properties
    props.title = f"{review.symbol} — review: {review.original.lang} → {review.version.lang}"[:255]
    props.subject = "Bilingual review of a translation against the original"
    props.identifier = review.symbol
    props.language = language(review.version.lang).word_lang
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.revision = 1
    props.created = props.modified = dt.datetime.combine(meta.date, dt.time(0, 0))


# ------------------------------------------------------------------ title block


def _title(review: Review, original: Side, version: Side, ui: Env) -> list[etree._Element]:
    """The symbol line (document-level findings are comments on it), each version's
    title, and a line saying how to read the table."""
    head = _para(ui, after=120)
    head.extend(runs(f"{review.symbol} — review: {original.lang.code} → {version.lang.code}",
                     ui.styled(bold=True, size="28")))
    out = [head]
    for side in (original, version):
        meta = side.version.doc.meta
        p = _para(side.env, after=0 if side is original else 120)
        p.extend(runs(f"{meta.title} — {meta.subtitle}" if meta.subtitle else meta.title,
                      side.env.styled(bold=True)))
        out.append(p)
    counts = {s: sum(f.severity == s for f in review.findings) for s in SHADE}
    accepted = sum(len(r.accepted) for r in review.rows) + len(review.document_accepted)
    text = (f"{version.version.doc.path.name} against the original {original.version.doc.path.name}: "
            f"{_count(counts['error'], 'error')}, {_count(counts['warning'], 'warning')}, {counts['info']} info "
            f"open; {accepted} accepted. Each finding is a comment on the "
            f"translation's cell of its row (findings about the whole document: on the first line); "
            f"rows with open findings are shaded, red for errors, yellow for warnings.")
    note = _para(ui, after=120)
    note.extend(runs(text, ui.styled(size="18")))
    out.append(note)
    return out


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


# ------------------------------------------------------------------ table


def _table(review: Review, original: Side, version: Side, ui: Env) -> etree._Element:
    border = {"w:val": "single", "w:sz": "4", "w:space": "0", "w:color": BORDER}
    tbl = el("w:tbl", children=[
        el("w:tblPr", children=[  # CT_TblPr order; no w:bidiVisual: the table stays left to right
            el("w:tblW", {"w:w": str(2 * COLUMN), "w:type": "dxa"}),
            el("w:tblBorders", children=[el(f"w:{edge}", border)
                                         for edge in ("top", "left", "bottom", "right", "insideH", "insideV")]),
            el("w:tblLayout", {"w:type": "fixed"}),
            el("w:tblCellMar", children=[el(f"w:{edge}", {"w:w": w, "w:type": "dxa"})
                                         for edge, w in (("top", "57"), ("left", "85"), ("bottom", "57"),
                                                         ("right", "85"))]),
        ]),
        el("w:tblGrid", children=[el("w:gridCol", {"w:w": str(COLUMN)}) for _ in range(2)]),
    ])
    header = el("w:tr", children=[el("w:trPr", children=[el("w:tblHeader")])])
    for label, side in (("Original", original), ("Translation", version)):
        p = _para(ui)
        p.extend(runs(f"{label} ({side.lang.english_name}, {side.version.doc.path.name})", ui.styled(bold=True)))
        header.append(_cell([p], HEADER_SHADE))
    tbl.append(header)
    for row in review.rows:
        tbl.append(_row(row, original, version, ui))
    return tbl


def _row(row: ReviewRow, original: Side, version: Side, ui: Env) -> etree._Element:
    if row.kind == "heading":
        cells = [_cell(_heading(h, side) if h is not None else [_placeholder(PLACEHOLDER["heading"], side, ui)],
                       HEADING_SHADE)
                 for h, side in ((row.original_heading, original), (row.version_heading, version))]
        return el("w:tr", children=cells)
    severities = {f.severity for f in row.findings}
    shade = next((SHADE[s] for s in SHADE if s in severities), None)
    left = [p for u in row.original for p in _unit(u, original)] or \
        [_placeholder(PLACEHOLDER[row.kind], original, ui)]
    right = [p for u in row.version for p in _unit(u, version)] or \
        [_placeholder(PLACEHOLDER[row.kind], version, ui)]
    return el("w:tr", children=[_cell(left, shade), _cell(right, shade)])


def _cell(paragraphs: list[etree._Element], shade: str | None) -> etree._Element:
    props = [el("w:tcW", {"w:w": str(COLUMN), "w:type": "dxa"})]
    if shade:
        props.append(el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": shade}))
    return el("w:tc", children=[el("w:tcPr", children=props), *paragraphs])


def _placeholder(text: str, side: Side, ui: Env) -> etree._Element:
    """An empty side, said in the review's words (italic, grey), in the column's direction."""
    p = _para(side.env)
    p.extend(runs(text, ui.styled(italic=True, colour="7F7F7F")))
    return p


# ------------------------------------------------------------------ cell content


def _heading(h: m.Heading, side: Side) -> list[etree._Element]:
    lang = side.lang
    p = _para(side.env)
    env = side.env.styled(bold=True)
    if h.number is not None and h.level <= 2:
        number = lang.chapter_number(h.number) if h.level == 1 else lang.subheading_number(h.number)
        p.extend(runs(number + " ", env))
    inlines(h.content, env, side.state, p)
    return [p] + _footnotes(side.state.take_notes(), side)


def _unit(u: Unit, side: Side) -> list[etree._Element]:
    """A paragraph of one version with its number, sub-items and footnotes."""
    out: list[etree._Element] = []
    block = u.block
    match block:
        case m.NumberedParagraph():
            _marked(side.lang.paragraph_number(block.number), block.blocks, 0, side, out)
        case m.Para():
            p = _para(side.env)
            inlines(block.content, side.env, side.state, p)
            out.append(p)
        case None:  # pragma: no cover - the review is made from an alignment that kept its models
            raise AssertionError("the review needs the versions' models (pipeline.align(keep_model=True))")
        case _:
            assert_never(block)
    return out + _footnotes(side.state.take_notes(), side)


def _marked(marker: str, blocks: tuple[m.Block, ...], level: int, side: Side, out: list[etree._Element]) -> None:
    """A paragraph led by its marker and a tab, hung ``level`` + 1 indents deep;
    further text continues at the text's indent, nested items follow."""
    left = INDENT * (level + 1)
    rest = list(blocks)
    p = _para(side.env, left=left, hanging=INDENT)
    p.extend(runs(marker + "\t", side.env))
    if rest and isinstance(lead := rest[0], m.Para):
        inlines(lead.content, side.env, side.state, p)
        rest.pop(0)
    out.append(p)
    for b in rest:
        match b:
            case m.Para():
                cont = _para(side.env, left=left)
                inlines(b.content, side.env, side.state, cont)
                out.append(cont)
            case m.SubItem():
                _marked(side.lang.subitem_marker(b.index, b.level), b.blocks, b.level, side, out)
            case m.NumberedParagraph() | m.Heading():  # pragma: no cover - never inside a paragraph
                raise AssertionError("a paragraph holds paragraphs and sub-items only")
            case _:
                assert_never(b)


def _footnotes(notes: list[m.Note], side: Side) -> list[etree._Element]:
    """The footnotes called in a cell, after its text, in smaller type, each led by
    its number in the document."""
    out: list[etree._Element] = []
    small = side.env.styled(size=SMALL)
    for note in notes:
        lead = runs(str(side.state.note_numbers.get(id(note), "*")), small.styled(vert="superscript")) + \
            runs("\t", small)
        _note_blocks(note.blocks or (m.Para(()),), 0, lead, side, out)
    return out


def _note_blocks(blocks: tuple[m.Block, ...], level: int, lead: list[etree._Element] | None, side: Side,
                 out: list[etree._Element]) -> None:
    """A footnote's paragraphs and sub-items; ``lead`` (a number or a marker, then a
    tab) opens the first paragraph, hung one indent from its text."""
    left = NOTE_INDENT * (level + 1)
    small = side.env.styled(size=SMALL)
    for b in blocks:
        match b:
            case m.Para():
                p = _para(side.env, left=left, hanging=NOTE_INDENT if lead else None)
                p.extend(lead or [])
                lead = None
                inlines(b.content, small, side.state, p)
                out.append(p)
            case m.SubItem():
                if lead:  # a footnote that opens on its first item: the number on a line of its own
                    out.append(_para(side.env, left=left, hanging=NOTE_INDENT))
                    out[-1].extend(lead)
                    lead = None
                _note_blocks(b.blocks, b.level, runs(side.lang.subitem_marker(b.index, b.level) + "\t", small),
                             side, out)
            case m.NumberedParagraph() | m.Heading():  # pragma: no cover - never in a footnote
                raise AssertionError("a footnote holds paragraphs and sub-items only")
            case _:
                assert_never(b)
    if lead:  # an item with no text of its own
        out.append(_para(side.env, left=left, hanging=NOTE_INDENT))
        out[-1].extend(lead)


def _note_numbers(doc: m.Document) -> dict[int, int]:
    """Every footnote of ``doc``, numbered in order through the document, by identity."""
    out: dict[int, int] = {}
    for x, _, _ in m.walk(doc.blocks):
        if isinstance(x, m.Note):
            out[id(x)] = len(out) + 1
    return out


# ------------------------------------------------------------------ paragraphs and runs


def _para(env: Env, *, left: int | None = None, hanging: int | None = None, after: int = 60) -> etree._Element:
    """A paragraph in ``env``'s direction (``w:bidi`` for Arabic), 3 pt after by default."""
    items = [el("w:spacing", {"w:after": str(after)})]
    if env.rtl:
        items.append(el("w:bidi"))
    if left is not None:
        ind = {"w:left": str(left)}
        if hanging:
            ind["w:hanging"] = str(hanging)
        items.append(el("w:ind", ind))
    return el("w:p", children=[ppr(*items)])
