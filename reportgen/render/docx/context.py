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
    part_links: dict[int, "PartLinks"] = field(default_factory=dict)  # by id of the part
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
        links = self.part_links.get(id(part))
        if links is None:
            links = self.part_links[id(part)] = PartLinks(part)
        return links.rid(url)

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


class PartLinks:
    """A part's external hyperlinks by URL, and where its next free rId is looked for.

    python-docx's ``part.relate_to(url, …, is_external=True)`` scans every relationship of
    the part for each URL (quadratic in a report's distinct links: 433,000 comparisons for
    1,100 links). This gives the same ids without the scan: the part's existing hyperlinks
    are read once, and a new one takes the lowest free ``rIdN`` as python-docx would, found
    from the last one taken (relationships are only added while a document renders, so
    every id below it stays taken), through the public ``Relationships.add_relationship``.
    """

    __slots__ = ("rels", "by_url", "next_n")

    def __init__(self, part: Part) -> None:
        self.rels = part.rels
        self.by_url: dict[str, str] = {}
        for rel in self.rels.values():  # the first of equal targets, as python-docx's scan finds
            if rel.is_external and rel.reltype == RT.HYPERLINK:
                self.by_url.setdefault(rel.target_ref, rel.rId)
        self.next_n = 1

    def rid(self, url: str) -> str:
        rid = self.by_url.get(url)
        if rid is None:
            while f"rId{self.next_n}" in self.rels:
                self.next_n += 1
            rid = f"rId{self.next_n}"
            self.rels.add_relationship(RT.HYPERLINK, url, rid, is_external=True)
            self.by_url[url] = rid
        return rid
