"""Read a built DOCX back for assertions: text, styles, links, notes, headers."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = {"w": W, "r": R}


def _q(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


@dataclass(frozen=True)
class Para:
    style: str | None
    text: str
    bidi: bool


class Docx:
    def __init__(self, path: Path) -> None:
        self.path = path
        with zipfile.ZipFile(path) as zf:
            self.parts = {n: zf.read(n) for n in zf.namelist()}

    def xml(self, part: str) -> etree._Element:
        return etree.fromstring(self.parts[part])

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """rId -> (type, target) for a part."""
        folder, name = part.rsplit("/", 1) if "/" in part else ("", part)
        rels_name = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
        if rels_name not in self.parts:
            return {}
        root = etree.fromstring(self.parts[rels_name])
        return {r.get("Id"): (r.get("Type").rsplit("/", 1)[-1], r.get("Target"))
                for r in root.iter(f"{{{PR}}}Relationship")}

    @staticmethod
    def text_of(p: etree._Element) -> str:
        out = []
        for node in p.iter(_q("w:t"), _q("w:tab"), _q("w:br")):
            if node.tag == _q("w:t"):
                out.append(node.text or "")
            elif node.tag == _q("w:tab"):
                out.append("\t")
            else:
                out.append("\n")
        return "".join(out)

    def paragraphs(self, part: str = "word/document.xml") -> list[Para]:
        out = []
        for p in self.xml(part).iter(_q("w:p")):
            style = p.find("w:pPr/w:pStyle", NS)
            out.append(Para(style.get(_q("w:val")) if style is not None else None,
                            self.text_of(p), p.find("w:pPr/w:bidi", NS) is not None))
        return out

    def body_paragraphs(self) -> list[Para]:
        """Paragraphs of the body outside the masthead table."""
        body = self.xml("word/document.xml").find("w:body", NS)
        return [Para(p.find("w:pPr/w:pStyle", NS).get(_q("w:val")) if p.find("w:pPr/w:pStyle", NS) is not None else None,
                     self.text_of(p), p.find("w:pPr/w:bidi", NS) is not None)
                for p in body.findall("w:p", NS)]

    def masthead_cells(self) -> list[list[str]]:
        table = self.xml("word/document.xml").find("w:body/w:tbl", NS)
        return [["\n".join(self.text_of(p) for p in tc.findall("w:p", NS)) for tc in tr.findall("w:tc", NS)]
                for tr in table.findall("w:tr", NS)]

    def hyperlinks(self, part: str = "word/document.xml") -> list[tuple[str, str]]:
        """External links: (text, target URL)."""
        rels = self.rels(part)
        return [(self.text_of(h), rels[h.get(_q("r:id"))][1])
                for h in self.xml(part).iter(_q("w:hyperlink")) if h.get(_q("r:id"))]

    def internal_links(self, part: str = "word/document.xml") -> list[tuple[str, str]]:
        """Links to bookmarks: (text, bookmark name)."""
        return [(self.text_of(h), h.get(_q("w:anchor")))
                for h in self.xml(part).iter(_q("w:hyperlink")) if h.get(_q("w:anchor"))]

    def bookmarks(self) -> dict[str, str]:
        """Bookmark name -> text of the paragraph that holds it."""
        out = {}
        for start in self.xml("word/document.xml").iter(_q("w:bookmarkStart")):
            out[start.get(_q("w:name"))] = self.text_of(start.getparent())
        return out

    def footnotes(self) -> dict[str, str]:
        if "word/footnotes.xml" not in self.parts:
            return {}
        out = {}
        for fn in self.xml("word/footnotes.xml").findall("w:footnote", NS):
            if fn.get(_q("w:type")) in ("separator", "continuationSeparator"):
                continue
            out[fn.get(_q("w:id"))] = "\n".join(self.text_of(p) for p in fn.findall("w:p", NS)).strip()
        return out

    def footnote_refs(self) -> list[str]:
        return [r.get(_q("w:id")) for r in self.xml("word/document.xml").iter(_q("w:footnoteReference"))]

    def headers_footers(self) -> dict[str, str]:
        """'header:default' / 'footer:first' ... -> text, with field codes as {PAGE}."""
        sect = self.xml("word/document.xml").find("w:body/w:sectPr", NS)
        rels = self.rels("word/document.xml")
        out = {}
        for ref in list(sect):
            kind = etree.QName(ref).localname
            if kind not in ("headerReference", "footerReference"):
                continue
            target = "word/" + rels[ref.get(_q("r:id"))][1]
            root = self.xml(target)
            for fld in root.iter(_q("w:fldSimple")):
                instr = fld.get(_q("w:instr")).strip()
                for t in fld.iter(_q("w:t")):
                    t.text = ""
                fld.insert(0, etree.Element(_q("w:r")))
                fld[0].append(etree.Element(_q("w:t")))
                fld[0][0].text = "{" + instr + "}"
            text = "\n".join(self.text_of(p) for p in root.iter(_q("w:p")))
            out[f"{kind[:6]}:{ref.get(_q('w:type'))}"] = text
        return out

    def page_size(self) -> tuple[int, int]:
        pg = self.xml("word/document.xml").find("w:body/w:sectPr/w:pgSz", NS)
        return int(pg.get(_q("w:w"))), int(pg.get(_q("w:h")))
