"""Small builders for WordprocessingML elements.

Only the ``render.docx`` package touches OOXML; the rest of reportgen sees the
document model. Element order inside ``w:pPr``/``w:rPr`` is fixed by the
schema (CT_PPr, CT_RPr sequences), so properties are always emitted through
``ppr``/``rpr`` below, never appended ad hoc.
"""

from __future__ import annotations

from typing import Iterable

from docx.oxml.ns import qn
from lxml import etree

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# CT_RPr child order (ISO/IEC 29500-1 §17.3.2.28), the subset we write.
_RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "noProof", "color", "sz", "szCs",
              "u", "vertAlign", "rtl", "cs", "lang")
# CT_PPr child order (§17.3.1.26), the subset we write.
_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "widowControl", "pBdr",
              "tabs", "bidi", "spacing", "ind", "jc", "outlineLvl", "rPr")


def el(tag: str, attrs: dict[str, str] | None = None, children: Iterable[etree._Element] = ()) -> etree._Element:
    """``el("w:tab", {"w:val": "left"})``: an element with qualified attributes."""
    node = etree.Element(qn(tag))
    for key, value in (attrs or {}).items():
        node.set(qn(key) if ":" in key else key, value)
    for child in children:
        node.append(child)
    return node


def _ordered(tag: str, order: tuple[str, ...], items: list[etree._Element]) -> etree._Element:
    rank = {name: i for i, name in enumerate(order)}
    node = el(tag)
    for child in sorted(items, key=lambda c: rank[etree.QName(c).localname]):
        node.append(child)
    return node


def rpr(*items: etree._Element) -> etree._Element:
    return _ordered("w:rPr", _RPR_ORDER, list(items))


def ppr(*items: etree._Element) -> etree._Element:
    return _ordered("w:pPr", _PPR_ORDER, list(items))


def text_run(text: str, props: list[etree._Element] | None = None) -> etree._Element:
    """A run of text; tabs in ``text`` become ``w:tab`` (Word ignores a literal tab in ``w:t``)."""
    run = el("w:r")
    if props:
        run.append(rpr(*props))
    for i, chunk in enumerate(text.split("\t")):
        if i:
            run.append(el("w:tab"))
        if chunk:
            t = el("w:t")
            t.text = chunk
            if chunk != chunk.strip():
                t.set(XML_SPACE, "preserve")
            run.append(t)
    return run


def paragraph(style: str, *, bidi: bool = False, extra: list[etree._Element] | None = None) -> etree._Element:
    p = el("w:p")
    items = [el("w:pStyle", {"w:val": style})]
    if bidi:
        items.append(el("w:bidi"))
    items.extend(extra or [])
    p.append(ppr(*items))
    return p


def simple_field(instr: str, placeholder: str) -> etree._Element:
    """A field such as PAGE; Word and LibreOffice recompute the placeholder."""
    return el("w:fldSimple", {"w:instr": f" {instr} "}, [text_run(placeholder)])
