"""Blocks and inlines of the document model as WordprocessingML paragraphs and runs."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, assert_never

from lxml import etree

from reportgen import model as m
from reportgen.l10n.scripts import script_pattern
from reportgen.render.docx.context import Env, State
from reportgen.render.docx.oxml import el, paragraph, text_run
from reportgen.render.docx.typography import unbreakable
from reportgen.resolve import ods_url

Append = Callable[[etree._Element], None]

# Strong right-to-left letters (Arabic, Hebrew and their presentation forms).
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
# A left-to-right island in right-to-left text: Latin letters and figures with the
# punctuation that binds them ("2021", "10/6", "12,345.5", "COVID-19", "GlobE").
_LTR_SEGMENT = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9./:,%\-\u2013]*[A-Za-z0-9%])?")


@dataclass(frozen=True)
class Styles:
    """Paragraph style ids of templates/un_docx/word/styles.xml."""

    heading = {1: "HCh", 2: "H1", 3: "H23"}
    numbered = "NumberedPara"
    continued = "ParaContinued"
    subitem = {1: "SubItem1", 2: "SubItem2"}
    text = "SingleTxt"
    footnote = "FootnoteText"
    footnote_item = {1: "FootnoteItem1", 2: "FootnoteItem2"}


#: Advance widths in ems of the characters of a paragraph number (digits are half an em
#: in Times New Roman, Liberation Serif and Amiri alike); anything else counts as a digit.
_ADVANCE = {" ": 0.25, ".": 0.25, "-": 0.34, "\u2013": 0.5}
#: The least space between a paragraph number and its text, in ems.
NUMBER_GAP = 0.5


def number_width(text: str, size: int) -> int:
    """How wide a paragraph number (``103 -``) and the gap after it are, in twips, at
    ``size`` half-points: an upper estimate, so that the text after the number's tab
    starts at the same place for numbers of one, two and three digits."""
    return math.ceil((sum(_ADVANCE.get(c, 0.5) for c in text) + NUMBER_GAP) * size * 10)


def paragraph_numbers(blocks: tuple[m.Block, ...], env: Env) -> list[str]:
    """The paragraph numbers of ``blocks`` as printed (``101.``, ``103 -``)."""
    return [env.lang.paragraph_number(b.number) for b in blocks if isinstance(b, m.NumberedParagraph)]


def name_bookmarks(blocks: tuple[m.Block, ...], state: State) -> None:
    """Give every label a bookmark name before rendering, so that references may
    point forward. Word limits names to 40 characters; a leading underscore
    hides them from the bookmark list, as Word's own cross-references do."""
    for block in m.walk_blocks(blocks):
        label = block.label if isinstance(block, (m.Heading, m.NumberedParagraph)) else None
        if not label:
            continue
        base = "_Ref_" + re.sub(r"\W", "_", label, flags=re.ASCII)[:30]
        name, n = base, 1
        while name in state.bookmarks.values():
            n += 1
            name = f"{base}_{n}"
        state.bookmarks[label] = name


def _bookmark(p: etree._Element, label: str | None, state: State) -> etree._Element:
    """Wrap a paragraph's content in the bookmark that references link to."""
    if label and label in state.bookmarks:
        bid = state.new_bookmark_id()
        p.insert(1, el("w:bookmarkStart", {"w:id": bid, "w:name": state.bookmarks[label]}))
        p.append(el("w:bookmarkEnd", {"w:id": bid}))
    return p


def render_blocks(blocks: tuple[m.Block, ...], env: Env, state: State, append: Append) -> None:
    for block in blocks:
        match block:
            case m.Heading():
                append(_bookmark(heading(block, env, state), block.label, state))
            case m.NumberedParagraph():
                numbered(block, env, state, append)
            case m.Para():
                p = paragraph(Styles.text, bidi=env.rtl)
                inlines(block.content, env, state, p)
                append(p)
            case m.SubItem():
                subitem(block, env, state, append)
            case _:
                assert_never(block)


def heading(block: m.Heading, env: Env, state: State) -> etree._Element:
    style = Styles.heading[block.level]
    if block.number is None:
        # No number to hang: cancel the style's hanging indent.
        p = paragraph(style, bidi=env.rtl, extra=[el("w:ind", {"w:hanging": "0"})])
    else:
        p = paragraph(style, bidi=env.rtl)
        number = env.lang.chapter_number(block.number) if block.level == 1 else env.lang.subheading_number(block.number)
        p.append(run(number + "\t", env))
    inlines(block.content, env, state, p)
    return p


def numbered(block: m.NumberedParagraph, env: Env, state: State, append: Append) -> None:
    """The number is typed text plus a tab, never Word numbering: it is the
    alignment key across languages and must survive any conversion."""
    _marked(Styles.numbered, env.lang.paragraph_number(block.number), block.blocks, env, state, append,
            continued=lambda: paragraph(Styles.continued, bidi=env.rtl), label=block.label)


def subitem(block: m.SubItem, env: Env, state: State, append: Append) -> None:
    style = Styles.subitem[block.level]
    _marked(style, env.lang.subitem_marker(block.index, block.level), block.blocks, env, state, append,
            continued=lambda: paragraph(style, bidi=env.rtl, extra=[el("w:ind", {"w:hanging": "0"})]))


def _marked(style: str, marker: str, blocks: tuple[m.Block, ...], env: Env, state: State, append: Append,
            continued: Callable[[], etree._Element], label: str | None = None) -> None:
    """A paragraph led by its marker and a tab (the style hangs the marker);
    further text blocks continue at the text's indent, nested items follow."""
    rest = list(blocks)
    p = paragraph(style, bidi=env.rtl)
    p.append(run(marker, env))
    p.append(run("\t", env))
    if rest and isinstance(lead := rest[0], m.Para):
        inlines(lead.content, env, state, p)
        rest.pop(0)
    append(_bookmark(p, label, state))
    for b in rest:
        if isinstance(b, m.Para):
            cont = continued()
            inlines(b.content, env, state, cont)
            append(cont)
        else:
            render_blocks((b,), env, state, append)


# ------------------------------------------------------------------ inlines


def inlines(content: tuple[m.Inline, ...], env: Env, state: State, parent: etree._Element) -> None:
    for x in content:
        match x:
            case m.Text():
                parent.extend(runs(x.text, env))
            case m.LineBreak():
                parent.append(el("w:r", children=[el("w:br")]))
            case m.Emph():
                inlines(x.content, env.styled(italic=True), state, parent)
            case m.Strong():
                inlines(x.content, env.styled(bold=True), state, parent)
            case m.Superscript():
                inlines(x.content, env.styled(vert="superscript"), state, parent)
            case m.Subscript():
                inlines(x.content, env.styled(vert="subscript"), state, parent)
            case m.SymbolRef():
                # A symbol is one left-to-right run in every language (CAC/COSP/EG.1/2021/2
                # must read the same in Arabic as in English), kept on one line.
                pieces = [run(piece, piece_env, "Hyperlink" if env.links else None, rtl=False, whole=True)
                          for piece, piece_env in slants(unbreakable(x.text), env)]
                if env.links:
                    link = hyperlink(ods_url(x.symbol, env.lang.code), (), env, state)
                    link.extend(pieces)
                    parent.append(link)
                else:
                    parent.extend(pieces)
            case m.ResolvedRef() if env.links:
                # An internal link to the target's bookmark; the text is the number in
                # the language's wording ("paragraph 3", "第3段").
                link = el("w:hyperlink", {"w:anchor": state.bookmarks[x.label], "w:history": "1"})
                link.extend(runs(x.text, env))
                parent.append(link)
            case m.ResolvedRef():
                parent.extend(runs(x.text, env))
            case m.Link() if env.links:
                parent.append(hyperlink(x.url, x.content, env, state))
            case m.Link():
                inlines(x.content, env, state, parent)
            case m.Note() if env.footnotes:
                parent.append(footnote(x, env, state))
            case m.Note():  # a number here; the caller prints the note (take_notes)
                state.pending_notes.append(x)
                parent.extend(runs(str(state.note_numbers.get(id(x), "*")), env.styled(vert="superscript")))
            case m.Ref() if not env.links:
                # a version aligned despite an unknown label keeps its reference: as written
                parent.extend(runs(f"@{x.first}" + (f"–@{x.last}" if x.last else ""), env))
            case m.Ref():  # pragma: no cover - resolve replaces every Ref before a build renders
                raise AssertionError(f"unresolved reference @{x.first} reached the DOCX writer")
            case _:
                assert_never(x)


def run(text: str, env: Env, style: str | None = None, *, rtl: bool | None = None,
        whole: bool = False) -> etree._Element:
    """One run in the version's language; ``rtl`` defaults to "holds Arabic script".
    The language's no-break spaces are applied here (``Language.no_break_spaces``), so
    every DOCX reportgen writes sets them; ``whole`` text (a symbol) is never
    hyphenated (``w:noProof``: neither Word nor LibreOffice hyphenates such text)."""
    props: list[etree._Element] = []
    if style:
        props.append(el("w:rStyle", {"w:val": style}))
    if whole:
        props.append(el("w:noProof"))
    if env.bold:
        props += [el("w:b"), el("w:bCs")]
    if env.italic:
        props += [el("w:i"), el("w:iCs")]
    if env.vert:
        props.append(el("w:vertAlign", {"w:val": env.vert}))
    if env.rtl and (rtl if rtl is not None else bool(_RTL.search(text))):
        props.append(el("w:rtl"))
    props.append(lang_props(env))
    if env.fonts:
        fonts = env.lang.fonts
        props.append(el("w:rFonts", {"w:ascii": fonts["ascii"], "w:hAnsi": fonts["h_ansi"],
                                     "w:eastAsia": fonts["east_asia"], "w:cs": fonts["cs"]}))
    if env.size:
        props += [el("w:sz", {"w:val": env.size}), el("w:szCs", {"w:val": env.size})]
    if env.colour:
        props.append(el("w:color", {"w:val": env.colour}))
    return text_run(env.lang.no_break_spaces(unicodedata.normalize("NFC", text)), props)


def runs(text: str, env: Env, style: str | None = None) -> list[etree._Element]:
    """Text as runs. In a right-to-left version, Latin words, figures and symbols
    become runs of their own without ``w:rtl``: Word lays a run out by its
    ``w:rtl`` flag, and an RTL run reorders ``2021/10`` or ``GlobE-2``. Inside
    emphasis, text of the language's upright scripts is a run without italics
    (``slants``)."""
    out: list[etree._Element] = []
    for piece, piece_env in slants(text, env):
        out += _directed(piece, piece_env, style)
    return out


def _directed(text: str, env: Env, style: str | None) -> list[etree._Element]:
    if not env.rtl:
        return [run(text, env, style)]
    out, pos = [], 0
    for match in _LTR_SEGMENT.finditer(text):
        if match.start() > pos:
            out.append(run(text[pos:match.start()], env, style, rtl=True))
        out.append(run(match.group(0), env, style, rtl=False))
        pos = match.end()
    if pos < len(text):
        out.append(run(text[pos:], env, style, rtl=True))
    return out


def slants(text: str, env: Env) -> list[tuple[str, Env]]:
    """Italic text cut where the script changes between one the language sets upright
    inside emphasis (``upright_scripts``: Han in Chinese, where a title is marked with
    《》 and a slanted character is a synthetic oblique) and any other, each piece with
    the environment it is set in. The model keeps the emphasis; only the print differs."""
    if not env.italic or not env.lang.upright_scripts or not text:
        return [(text, env)]
    upright = script_pattern(*env.lang.upright_scripts)
    out: list[tuple[str, Env]] = []
    pos = 0
    for match in upright.finditer(text):
        if match.start() > pos:
            out.append((text[pos:match.start()], env))
        out.append((match.group(0), env.styled(italic=False)))
        pos = match.end()
    if pos < len(text):
        out.append((text[pos:], env))
    return out


def lang_props(env: Env, word_lang: str | None = None) -> etree._Element:
    """``w:lang`` for a run: the version's language in the slot Word uses for its
    script (``w:eastAsia`` for Chinese, ``w:bidi`` for Arabic), so proofing and
    font choice follow the text."""
    value = word_lang or env.lang.latin_word_lang
    attrs = {"w:val": value}
    if env.lang.script == "han":
        attrs["w:eastAsia"] = env.lang.word_lang
    if env.rtl:
        attrs["w:bidi"] = env.lang.word_lang
    return el("w:lang", attrs)


def hyperlink(url: str, content: tuple[m.Inline, ...], env: Env, state: State) -> etree._Element:
    rid = state.hyperlink_rid(env.part, url)
    link = el("w:hyperlink", {"r:id": rid, "w:history": "1"})
    for x in content:
        if isinstance(x, m.Text):
            link.extend(runs(x.text, env, style="Hyperlink"))
        else:
            inlines((x,), env, state, link)
    return link


def footnote(note: m.Note, env: Env, state: State) -> etree._Element:
    """A real Word footnote: the reference run here, the text in footnotes.xml.
    Sub-items of a footnote are paragraphs of their own with the marker hung."""
    fid = str(state.new_footnote_id())
    body = el("w:footnote", {"w:id": fid})
    # Links inside the footnote belong to the footnotes part's relationships.
    note_env = env.styled(part=state.footnotes_part, bold=False, italic=False, vert=None)

    def blocks_of(blocks: tuple[m.Block, ...]) -> None:
        for b in blocks:
            match b:
                case m.Para():
                    p = paragraph(Styles.footnote, bidi=env.rtl)
                    inlines(b.content, note_env, state, p)
                    body.append(p)
                case m.SubItem():
                    p = paragraph(Styles.footnote_item[b.level], bidi=env.rtl)
                    p.append(run(env.lang.subitem_marker(b.index, b.level), note_env))
                    p.append(run("\t", note_env))
                    rest = list(b.blocks)
                    if rest and isinstance(lead := rest[0], m.Para):
                        inlines(lead.content, note_env, state, p)
                        rest.pop(0)
                    body.append(p)
                    blocks_of(tuple(rest))
                case m.NumberedParagraph() | m.Heading():  # pragma: no cover - the reader never nests them
                    raise AssertionError("a footnote holds paragraphs and sub-items only")
                case _:
                    assert_never(b)

    blocks_of(note.blocks or (m.Para(()),))
    # The footnote's own number leads its first paragraph, after the paragraph properties.
    first = body[0]
    first.insert(1, run("\t", note_env))
    first.insert(1, el("w:r", children=[el("w:rPr", children=[el("w:rStyle", {"w:val": "FootnoteReference"})]),
                                        el("w:footnoteRef")]))
    state.footnotes.append(body)
    return el("w:r", children=[
        el("w:rPr", children=[el("w:rStyle", {"w:val": "FootnoteReference"})]),
        el("w:footnoteReference", {"w:id": fid}),
    ])
