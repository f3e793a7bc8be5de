"""Accept or reject every tracked change of a WordprocessingML part, as Word does,
written from the specification (ISO/IEC 29500-1 §17.13.5) independently of
reportgen's writer, so that the diff tests compare what a reader would get.

- Accept all: ``w:del`` runs go, ``w:ins`` wrappers are unwrapped; a paragraph
  whose mark is deleted (``w:pPr/w:rPr/w:del``) joins the next paragraph (what is
  left of its content goes to the start of the next one).
- Reject all: ``w:ins`` runs go, ``w:del`` wrappers are unwrapped and their
  ``w:delText`` becomes ``w:t``; a paragraph whose mark was inserted joins the next.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from tests.support.docx_read import NS, Docx, _q


def accept_all(xml: bytes) -> etree._Element:
    return _apply(etree.fromstring(xml), drop="w:del", keep="w:ins")


def reject_all(xml: bytes) -> etree._Element:
    return _apply(etree.fromstring(xml), drop="w:ins", keep="w:del")


def _apply(root: etree._Element, drop: str, keep: str) -> etree._Element:
    # Content revisions first (those outside a paragraph mark's properties).
    for node in list(root.iter(_q(drop))):
        if node.getparent().tag != _q("w:rPr"):
            node.getparent().remove(node)
    for node in list(root.iter(_q(keep))):
        if node.getparent().tag == _q("w:rPr"):
            continue
        parent, at = node.getparent(), node.getparent().index(node)
        for child in reversed(list(node)):
            parent.insert(at, child)
        parent.remove(node)
    for t in root.iter(_q("w:delText")):  # left only when rejecting: the deleted text is back
        t.tag = _q("w:t")
    # Paragraph marks: a dropped mark joins its paragraph to the next one.
    for p in list(root.iter(_q("w:p"))):
        mark_rpr = p.find("w:pPr/w:rPr", NS)
        if mark_rpr is None:
            continue
        if mark_rpr.find(drop, NS) is not None:
            following = p.getnext()
            assert following is not None and following.tag == _q("w:p"), "a removed paragraph mark needs a next paragraph"
            content = [c for c in p if c.tag != _q("w:pPr")]
            at = 1 if following.find("w:pPr", NS) is not None else 0
            for child in reversed(content):
                following.insert(at, child)
            p.getparent().remove(p)
        for mark in mark_rpr.findall(keep, NS):
            mark_rpr.remove(mark)
    return root


def body_texts(root: etree._Element) -> list[tuple[str | None, str]]:
    """(style, text) of each paragraph of the body, those of tables (the masthead)
    included, in document order."""
    out = []
    for child in root.find("w:body", NS):
        for p in ([child] if child.tag == _q("w:p") else child.iter(_q("w:p"))):
            style = p.find("w:pPr/w:pStyle", NS)
            out.append((style.get(_q("w:val")) if style is not None else None, Docx.text_of(p)))
    return out


def footnote_texts(document: etree._Element, footnotes: etree._Element) -> list[str]:
    """The text of each footnote in the order the body calls them."""
    by_id = {fn.get(_q("w:id")): "\n".join(Docx.text_of(p) for p in fn.findall("w:p", NS)).strip()
             for fn in footnotes.findall("w:footnote", NS)}
    return [by_id[r.get(_q("w:id"))] for r in document.iter(_q("w:footnoteReference"))]


def applied(path: Path, how: str) -> tuple[list[tuple[str | None, str]], list[str]]:
    """Body texts and footnote texts of ``path`` with every revision accepted or rejected."""
    apply = accept_all if how == "accept" else reject_all
    with zipfile.ZipFile(path) as zf:
        document = apply(zf.read("word/document.xml"))
        footnotes = apply(zf.read("word/footnotes.xml"))
    return body_texts(document), footnote_texts(document, footnotes)


def built(path: Path) -> tuple[list[tuple[str | None, str]], list[str]]:
    """The same read from a plain build."""
    with zipfile.ZipFile(path) as zf:
        document = etree.fromstring(zf.read("word/document.xml"))
        footnotes = etree.fromstring(zf.read("word/footnotes.xml"))
    return body_texts(document), footnote_texts(document, footnotes)


def revisions(path: Path, part: str = "word/document.xml") -> list[tuple[str, str]]:
    """Every ``w:ins``/``w:del`` of the part as (kind, text), in order."""
    root = Docx(path).xml(part)
    out = []
    for node in root.iter(_q("w:ins"), _q("w:del")):
        kind = etree.QName(node).localname
        text = "".join(t.text or "" for t in node.iter(_q("w:t"), _q("w:delText")))
        out.append((kind, text))
    return out
