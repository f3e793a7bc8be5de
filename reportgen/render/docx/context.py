"""What the DOCX writer knows while it renders, split as pandoc's writers do:
``Env`` is read-only (language, direction, where we are, how this document sets
its runs), ``State`` accumulates (footnote ids, relationship ids) and is threaded
through one document.

One writer serves every DOCX reportgen makes; what differs between them is said
here, in the environment: a built report links symbols and references and sets
footnotes as Word footnotes in the template's styles, while the bilingual review
(two languages in one document) prints them as text, numbers its footnotes after
each table cell, and names each run's fonts and size.
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
    # How this document sets what it renders (the build's way by default):
    links: bool = True  # symbols, links and references as hyperlinks (else their text)
    footnotes: bool = True  # notes as Word footnotes (else a number, the note kept in State.pending_notes)
    fonts: bool = False  # each run names the language's fonts (a document of two languages)
    size: str | None = None  # each run's size in half-points (w:sz), else the style's
    colour: str | None = None  # each run's colour (w:color), else the style's

    @property
    def rtl(self) -> bool:
        return self.lang.direction == "rtl"

    def styled(self, **changes: Any) -> "Env":
        """This environment with some run formatting changed (italic=True, vert=…)."""
        return replace(self, **changes)


@dataclass
class State:
    footnotes_part: XmlPart | None = None  # word/footnotes.xml, edited in place (Env.footnotes)
    next_footnote: int = 1
    rels: dict[tuple[int, str], str] = field(default_factory=dict)
    bookmarks: dict[str, str] = field(default_factory=dict)  # label -> bookmark name
    next_bookmark: int = 0
    # Env.footnotes False: each note's number in the document (by id of the model's Note),
    # and the notes called since the caller last took them (printed where it chooses)
    note_numbers: dict[int, int] = field(default_factory=dict)
    pending_notes: list = field(default_factory=list)

    def take_notes(self) -> list:
        """The notes called since the last call (Env.footnotes False), in order."""
        notes, self.pending_notes = self.pending_notes, []
        return notes

    def hyperlink_rid(self, part: Part, url: str) -> str:
        """One relationship per (part, URL): Word rejects duplicate ids, not duplicate targets."""
        key = (id(part), url)
        if key not in self.rels:
            self.rels[key] = part.relate_to(url, RT.HYPERLINK, is_external=True)
        return self.rels[key]

    @property
    def footnotes(self) -> etree._Element:
        assert self.footnotes_part is not None, "a document with Word footnotes names its footnotes part"
        return self.footnotes_part.element

    def new_bookmark_id(self) -> str:
        self.next_bookmark += 1
        return str(self.next_bookmark)

    def new_footnote_id(self) -> int:
        fid = self.next_footnote
        self.next_footnote += 1
        return fid
