"""What an alignment check reports, and the registry every check is listed in
(as Okapi CheckMate and translate-toolkit do: a small function per check, with a
severity and a description a translator understands)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from reportgen import model as m

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

    def as_json(self) -> dict[str, object]:
        return {"severity": self.severity, "check": self.check, "lang": self.lang,
                "paragraph": self.paragraph, "line": self.line, "message": self.message}


@dataclass(frozen=True)
class Unit:
    """A numbered paragraph prepared for comparison: its plain text (footnotes
    apart), and what the identity checks compare."""

    number: int
    line: int | None
    chapter: int | None  # number of the chapter it stands in
    text: str
    prose: str  # text and footnotes without symbols and references: where figures are read
    footnotes: tuple[str, ...]
    subitems: tuple[tuple[int, int], ...]  # (level, index) in order
    symbols: tuple[str, ...]
    references: tuple[tuple[str, tuple[int, ...]], ...]  # (kind, numbers)
    block: m.NumberedParagraph


@dataclass(frozen=True)
class Structure:
    """Headings in order and the count of unnumbered paragraphs per chapter."""

    headings: tuple[tuple[int, int | None, int | None], ...]  # (level, number, line)
    unnumbered: dict[int, int]  # chapter position (0 = before any chapter) -> count
    unnumbered_lines: dict[int, int | None]  # chapter position -> line of its heading
    chapter_names: dict[int, str] = field(default_factory=dict)  # position -> "chapter III" / "“Preamble”"


@dataclass(frozen=True)
class Version:
    """One language version as the checks see it."""

    lang: str
    doc: m.Document
    units: dict[int, Unit]
    duplicates: tuple[Unit, ...]  # a number seen a second time
    order: tuple[int, ...]  # paragraph numbers as they stand
    structure: Structure = Structure((), {}, {})


@dataclass(frozen=True)
class Pair:
    """The original and one translation: the input of every check."""

    original: Version
    version: Version

    @property
    def lang(self) -> str:
        return self.version.lang

    def common(self) -> list[int]:
        """Paragraph numbers present in both, in the original's order."""
        return [n for n in self.original.order if n in self.version.units]


CheckFn = Callable[[Pair], Iterable[Finding]]


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
            original_items: Iterable[str] = ()) -> Finding:
    """A finding of a registered check about a paragraph of the translation
    (``unit``), or about ``paragraph`` when the translation lacks it."""
    number = unit.number if unit is not None else paragraph
    return Finding(
        severity=severity or REGISTRY[check_id].severity,
        check=check_id,
        lang=pair.lang,
        paragraph=str(number) if number is not None else None,
        line=line if line is not None else (unit.line if unit is not None else None),
        message=message,
        items=tuple(items),
        original_items=tuple(original_items),
    )
