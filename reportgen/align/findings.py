"""What an alignment check reports, and the registry every check is listed in
(as Okapi CheckMate and translate-toolkit do: a small function per check, with a
severity and a description a translator understands)."""

from __future__ import annotations

from enum import StrEnum
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, Iterable, NamedTuple

from reportgen import model as m
from reportgen.align.numbers import Number
from reportgen.source.termbase import TermBase

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One departure of a version from the original (INTERFACE §5.1)."""

    severity: str
    check: str
    lang: str
    paragraph: str | None
    line: int | None
    message: str
    # the differing items (numbers, symbols, labels) for highlighting in the HTML report
    items: tuple[str, ...] = ()
    original_items: tuple[str, ...] = ()
    # the paragraph's own number in the version, where it differs or the original has none
    version_paragraph: str | None = None

    def as_json(self) -> dict[str, object]:
        return {"severity": self.severity, "check": self.check, "lang": self.lang,
                "paragraph": self.paragraph, "version_paragraph": self.version_paragraph,
                "line": self.line, "message": self.message}


@dataclass(frozen=True, slots=True)  # thousands per version, and sent between processes
class Unit:
    """A numbered paragraph (or, with ``number`` None, an unnumbered one) prepared
    for comparison: its plain text (footnotes apart), and what the checks compare."""

    number: int | None
    line: int | None
    chapter: int | None  # number of the chapter it stands in
    text: str
    prose: str  # text and footnotes without symbols and references: where figures are read
    footnotes: tuple[str, ...]
    subitems: tuple[tuple[int, int], ...]  # (level, index) in order
    symbols: tuple[str, ...]
    references: tuple[tuple[str, tuple[int, ...]], ...]  # (kind, numbers)
    block: m.NumberedParagraph | m.Para | None  # None once sent without the model (align.Prepared)
    place: str = ""  # "in chapter III", "under “Preamble”"
    index: int = 0  # an unnumbered paragraph's position in its place (1-based)
    # what the untranslated check compares piece by piece, symbols and references left out:
    body: str = ""  # the paragraph's text outside its sub-items, footnotes apart
    subitem_texts: tuple[tuple[int, int, int | None, str], ...] = ()  # (level, index, line, own text) in order
    footnote_texts: tuple[tuple[int, int | None, str], ...] = ()  # (number in the document, line, text)
    numbers: tuple[Number, ...] = ()  # figures of the prose, read once (align.numbers)
    letters: int = 0  # characters of the text without spaces: the length the checks compare


@dataclass(frozen=True)
class Structure:
    """Headings in order and the count of unnumbered paragraphs per chapter."""

    headings: tuple[tuple[int, int | None, int | None], ...]  # (level, number, line)
    unnumbered: dict[int, int]  # chapter position (0 = before any chapter) -> count
    unnumbered_lines: dict[int, int | None]  # chapter position -> line of its heading
    chapter_names: dict[int, str] = field(default_factory=dict)  # position -> "chapter III" / "“Preamble”"
    # (level, number, line, text without symbols and references), in order
    heading_texts: tuple[tuple[int, int | None, int | None, str], ...] = ()


@dataclass(frozen=True)
class Version:
    """One language version as the checks see it."""

    lang: str
    doc: m.Document
    units: dict[int, Unit]
    duplicates: tuple[Unit, ...]  # a number seen a second time
    order: tuple[int, ...]  # paragraph numbers as they stand
    structure: Structure = Structure((), {}, {})
    segments: tuple[Unit, ...] = ()  # numbered and unnumbered paragraphs, in order


@dataclass(frozen=True)
class Link:
    """Aligned units: indices into ``Version.segments`` of the original and the
    version (1–1, 1–0, 0–1, 2–1, 1–2); ``moved`` when out of the original's order."""

    original: tuple[int, ...]
    version: tuple[int, ...]
    score: float = 1.0
    moved: bool = False
    swapped: bool = False  # one of two neighbours exchanged (the other link is moved)

    @property
    def kind(self) -> str:
        return f"{len(self.original)}-{len(self.version)}"


#: One side of a link as the JSON report shows it: (id, paragraph, line). ``id`` is the
#: unit's place among its version's paragraphs (numbered and unnumbered, 0-based, in file
#: order), stable while the file is; ``paragraph`` its number, None for an unnumbered one.
#: A plain tuple: thousands travel back from the worker processes, and a tuple pickles
#: as data where a dataclass is rebuilt object by object.
LinkedUnit = tuple[int, int | None, int | None]


class LinkRow(NamedTuple):
    """A link with what a reader of the JSON needs without the texts (INTERFACE §5.1):
    small and cheap to pickle, so it travels back from a worker process with the findings."""

    type: str  # "1-1", "1-0", "0-1", "2-1", "1-2" (any sizes), "swap" or "move"
    score: float
    original: tuple[LinkedUnit, ...]
    version: tuple[LinkedUnit, ...]

    @classmethod
    def of(cls, link: Link, original: tuple[Unit, ...], version: tuple[Unit, ...]) -> LinkRow:
        # both halves of two exchanged neighbours are marked swapped; a longer move, moved
        kind = "swap" if link.swapped else ("move" if link.moved else link.kind)
        return cls(kind, round(link.score, 3),
                   tuple((i, original[i].number, original[i].line) for i in link.original),
                   tuple((j, version[j].number, version[j].line) for j in link.version))

    def as_json(self) -> dict[str, object]:
        return {"type": self.type, "score": self.score,
                "original": [{"id": i, "paragraph": None if n is None else str(n), "line": line}
                             for i, n, line in self.original],
                "version": [{"id": j, "paragraph": None if n is None else str(n), "line": line}
                            for j, n, line in self.version]}


def missing_unit_line(links: tuple[Link, ...], k: int, mine: tuple[Unit, ...]) -> int | None:
    """Where, in the version, the unit of ``links[k]`` that it lacks belongs: after the
    version unit of the nearest earlier link that has one (not a moved one), else where
    the next unit stands. One rule for the finding (``checks/structure.py``) and for the
    reports that place it (HTML, review DOCX)."""
    for earlier in reversed(links[:k]):
        if earlier.version and not earlier.moved:
            return mine[earlier.version[-1]].line
    for later in links[k + 1:]:
        if later.version:
            return mine[later.version[0]].line
    return None


@dataclass(frozen=True)
class Pair:
    """The original and one translation, aligned by content: the input of every check."""

    original: Version
    version: Version
    links: tuple[Link, ...] = ()
    # the report's term base, for the term-mismatch check (None: no term base)
    terms: TermBase | None = field(default=None, compare=False, repr=False)

    @property
    def lang(self) -> str:
        return self.version.lang

    def matched(self) -> list[tuple[Unit, Unit]]:
        """(original unit, version unit) of every one-to-one link between numbered
        paragraphs, in the original's order: what the per-pair checks compare."""
        return list(self._matched)

    @cached_property
    def _matched(self) -> tuple[tuple[Unit, Unit], ...]:  # every check asks for it
        out = []
        for link in self.links:  # the links stand in the original's order
            if link.kind == "1-1":
                a, b = self.original.segments[link.original[0]], self.version.segments[link.version[0]]
                if a.number is not None and b.number is not None:
                    out.append((a, b))
        return tuple(out)

    def common(self) -> list[int]:
        """Original paragraph numbers with a one-to-one counterpart, in order."""
        return [a.number for a, _ in self.matched() if a.number is not None]


CheckFn = Callable[[Pair], Iterable[Finding]]


class CheckId(StrEnum):
    """The alignment checks' identifiers (INTERFACE §5.3), as users name them in
    ``reportgen accept --check`` and as JSON reports them: one constant each, so no
    stage spells one again."""

    MISSING_PARAGRAPH = "missing-paragraph"
    EXTRA_PARAGRAPH = "extra-paragraph"
    MERGED_PARAGRAPHS = "merged-paragraphs"
    SPLIT_PARAGRAPH = "split-paragraph"
    UNNUMBERED_MISMATCH = "unnumbered-mismatch"
    ORDER_MISMATCH = "order-mismatch"
    NUMBERING_MISMATCH = "numbering-mismatch"
    DUPLICATE_PARAGRAPH = "duplicate-paragraph"
    HEADING_MISMATCH = "heading-mismatch"
    SUBITEM_MISMATCH = "subitem-mismatch"
    SUBITEM_SEQUENCE = "subitem-sequence"
    FOOTNOTE_MISMATCH = "footnote-mismatch"
    UNTRANSLATED = "untranslated"
    LENGTH_OUTLIER = "length-outlier"
    TERM_MISMATCH = "term-mismatch"
    NUMBER_MISMATCH = "number-mismatch"
    SYMBOL_MISMATCH = "symbol-mismatch"
    REFERENCE_MISMATCH = "reference-mismatch"
    METADATA_MISMATCH = "metadata-mismatch"


@dataclass(frozen=True)
class Check:
    id: str
    severity: str  # the usual severity; a check may lower or raise it per finding
    description: str
    fn: CheckFn = field(compare=False)


REGISTRY: dict[str, Check] = {}


def check(id: str, severity: str, description: str) -> Callable[[CheckFn], CheckFn]:
    """Register an alignment check under ``id``."""
    def register(fn: CheckFn) -> CheckFn:
        if id in REGISTRY:
            raise ValueError(f"alignment check '{id}' is registered twice")
        REGISTRY[id] = Check(id, severity, description, fn)
        return fn
    return register


def finding(pair: Pair, check_id: str, unit: Unit | None, message: str, *, severity: str | None = None,
            line: int | None = None, paragraph: int | None = None, items: Iterable[str] = (),
            original_items: Iterable[str] = (), original: Unit | None = None) -> Finding:
    """A finding of a registered check about a paragraph of the translation
    (``unit``, matched with the original's ``original``), or about the original's
    ``paragraph`` when the translation lacks it. The finding's paragraph is always
    the original's number; the version's own goes in ``version_paragraph``."""
    number = original.number if original is not None else (paragraph if paragraph is not None else
                                                              (unit.number if unit is not None else None))
    own = unit.number if unit is not None else None
    return Finding(
        severity=severity or REGISTRY[check_id].severity,
        check=check_id,
        lang=pair.lang,
        paragraph=str(number) if number is not None else None,
        line=line if line is not None else (unit.line if unit is not None else None),
        message=message,
        items=tuple(items),
        original_items=tuple(original_items),
        version_paragraph=str(own) if own is not None else None,
    )
