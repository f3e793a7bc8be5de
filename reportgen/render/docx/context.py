"""What the DOCX writer knows while it renders, split as pandoc's writers do:
``Env`` is read-only (language, direction, where we are), ``State`` accumulates
(footnote ids, relationship ids) and is threaded through one document.
"""

from __future__ import annotations

from typing import Any

from dataclasses import dataclass, field, replace

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part, XmlPart
from lxml import etree

from reportgen.l10n import Language
from reportgen.model import Metadata


@dataclass(frozen=True)
class Env:
    lang: Language
    meta: Metadata
    part: Part  # the part (document, header, footer, footnotes) whose relationships runs use
    bold: bool = False
    italic: bool = False
    vert: str | None = None  # "superscript" | "subscript"

    @property
    def rtl(self) -> bool:
        return self.lang.direction == "rtl"

    def styled(self, **changes: Any) -> "Env":
        """This environment with some run formatting changed (italic=True, vert=…)."""
        return replace(self, **changes)


@dataclass
class State:
    footnotes_part: XmlPart  # word/footnotes.xml, edited in place
    next_footnote: int = 1
    rels: dict[tuple[int, str], str] = field(default_factory=dict)
    bookmarks: dict[str, str] = field(default_factory=dict)  # label -> bookmark name
    next_bookmark: int = 0

    def hyperlink_rid(self, part: Part, url: str) -> str:
        """One relationship per (part, URL): Word rejects duplicate ids, not duplicate targets."""
        key = (id(part), url)
        if key not in self.rels:
            self.rels[key] = part.relate_to(url, RT.HYPERLINK, is_external=True)
        return self.rels[key]

    @property
    def footnotes(self) -> etree._Element:
        return self.footnotes_part.element

    def new_bookmark_id(self) -> str:
        self.next_bookmark += 1
        return str(self.next_bookmark)

    def new_footnote_id(self) -> int:
        fid = self.next_footnote
        self.next_footnote += 1
        return fid
