"""The alignment report as one self-contained HTML page (INTERFACE §5.5).

The versions stand side by side, one row per paragraph number, one column per
language (original first); the items a finding names (numbers, symbols,
labels) are marked in the text where they occur, and the findings of a
paragraph are listed in the cell of their language. Everything is inline: no
script, no font, no image, no URL, so the file can be mailed or archived and
opened offline. All text goes through Jinja2's autoescaping; highlighting
splits the text into pieces and never builds markup from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jinja2

from reportgen.align.findings import REGISTRY, SEVERITIES, Finding, Version
from reportgen.align.result import AlignmentResult
from reportgen.l10n import LANGUAGES, language

TEMPLATES = Path(__file__).resolve().parent / "templates"

_RANK = {s: i for i, s in enumerate(SEVERITIES)}  # error first
# spaces inside an item match any space: "12 345" written with a no-break or thin space
_SPACE = "[\\s\u00a0\u202f\u2009\u2007]+"
_CJK = re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\uac00-\ud7af]")


@dataclass
class Segment:
    """A piece of a paragraph's text; ``severity`` set when it is marked."""

    text: str
    severity: str | None = None
    checks: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return ", ".join(self.checks)


@dataclass
class Column:
    lang: str
    name: str
    direction: str
    file: str
    original: bool


@dataclass
class Cell:
    lang: str
    direction: str
    present: bool
    segments: list[Segment]
    repeats: list[list[Segment]]  # the text of a paragraph number seen again
    findings: list[Finding]


@dataclass
class Row:
    paragraph: str
    cells: list[Cell]
    errors: bool = False


@dataclass
class SummaryRow:
    lang: str
    name: str
    original: bool
    counts: dict[str, int]
    accepted: int


@dataclass
class Page:
    title: str
    report: str
    symbol: str
    original: str
    columns: list[Column]
    summary: list[SummaryRow]
    totals: dict[str, int]
    accepted_total: int
    document: list[Finding]
    rows: list[Row]
    accepted: list[Finding]
    files: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)


# ------------------------------------------------------------------ API


def render_html(result: AlignmentResult) -> str:
    """The alignment report ``result`` as a complete HTML document."""
    return _environment().get_template("report.html.j2").render(page=_page(result))


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


# ------------------------------------------------------------ page model


def _name(code: str) -> str:
    return language(code).english_name if code in LANGUAGES else code


def _direction(code: str) -> str:
    return language(code).direction if code in LANGUAGES else "ltr"


def _file(result: AlignmentResult, code: str) -> str:
    version = result.versions.get(code)
    return version.doc.path.name if version is not None else f"{code}.md"


def _page(result: AlignmentResult) -> Page:
    languages = list(result.languages) or list(result.versions)
    columns = [
        Column(code, _name(code), _direction(code), _file(result, code), code == result.original)
        for code in languages if code in result.versions
    ]
    numbers = rows_order(result.original, [result.versions[c.lang] for c in columns])
    keys = {str(n) for n in numbers}
    shown = {c.lang for c in columns}

    by_cell: dict[tuple[str, str], list[Finding]] = {}
    document: list[Finding] = []
    for f in result.findings:
        if f.paragraph is not None and f.paragraph in keys and f.lang in shown:
            by_cell.setdefault((f.lang, f.paragraph), []).append(f)
        else:  # about the whole document, or a paragraph no version shows
            document.append(f)

    rows = []
    for n in numbers:
        key = str(n)
        cells = []
        for col in columns:
            version = result.versions[col.lang]
            found = sorted(by_cell.get((col.lang, key), []), key=_order)
            if col.original:  # the original's side of every finding about this paragraph
                marks = [(f.severity, f.check, f.original_items) for f in result.findings if f.paragraph == key]
            else:
                marks = [(f.severity, f.check, f.items) for f in found]
            unit = version.units.get(n)
            repeats = [u for u in version.duplicates if u.number == n]
            cells.append(Cell(
                lang=col.lang,
                direction=col.direction,
                present=unit is not None,
                segments=highlight(unit.text, marks) if unit is not None else [],
                repeats=[highlight(u.text, marks) for u in repeats],
                findings=found,
            ))
        rows.append(Row(key, cells, any(f.severity == "error" for c in cells for f in c.findings)))

    summary = [
        SummaryRow(code, _name(code), code == result.original, result.summary_for(code),
                   sum(f.lang == code for f in result.accepted))
        for code in languages
    ]
    return Page(
        title=f"Alignment report: {result.report}" + (f" ({result.symbol})" if result.symbol else ""),
        report=result.report,
        symbol=result.symbol,
        original=result.original,
        columns=columns,
        summary=summary,
        totals=result.summary(),
        accepted_total=len(result.accepted),
        document=sorted(document, key=_order),
        rows=rows,
        accepted=list(result.accepted),
        files={code: _file(result, code) for code in {*languages, *(f.lang for f in result.findings),
                                                     *(f.lang for f in result.accepted)}},
        descriptions={k: c.description for k, c in REGISTRY.items()},
    )


def _order(f: Finding) -> tuple[int, str, int]:
    return (_RANK.get(f.severity, len(_RANK)), f.check, f.line or 0)


def rows_order(original: str, versions: list[Version]) -> list[int]:
    """Paragraph numbers of all versions: the original's order, then each number
    only another version has right after the number it follows there."""
    rows: list[int] = []
    ordered = sorted(versions, key=lambda v: v.lang != original)  # original first
    for version in ordered:
        position = -1
        for n in version.order:
            if n in rows:
                position = rows.index(n)
            else:
                position += 1
                rows.insert(position, n)
    return rows


# ------------------------------------------------------------ highlighting


def _pattern(item: str) -> re.Pattern[str] | None:
    """``item`` as a regular expression: its spaces match any space, and it does
    not match inside a longer number or word ("12" is not marked in "123")."""
    words = item.split()
    if not words:
        return None
    body = _SPACE.join(re.escape(w) for w in words)
    return re.compile(_boundary(item[0], before=True) + body + _boundary(item[-1], before=False))


def _boundary(c: str, *, before: bool) -> str:
    if c.isdigit():
        cls = r"\d"
    elif c.isalpha() and not _CJK.match(c):
        cls = r"[^\W_]" if c.isalnum() else r"\w"
    else:
        return ""
    return f"(?<!{cls})" if before else f"(?!{cls})"


def _spans(text: str, item: str) -> list[tuple[int, int]]:
    pattern = _pattern(item.strip())
    if pattern is None:
        return []
    spans = [m.span() for m in pattern.finditer(text) if m.end() > m.start()]
    if not spans:  # written inside a word, e.g. "第12段": still show where it is
        spans = [m.span() for m in re.finditer(re.escape(item.strip()), text)]
    return spans


def highlight(text: str, marks: list[tuple[str, str, tuple[str, ...]]]) -> list[Segment]:
    """Split ``text`` into plain and marked segments. ``marks`` holds (severity,
    check, items); every occurrence of every item is marked, the longest item
    winning where two overlap; a segment takes the gravest severity of the
    findings that name it."""
    candidates: list[tuple[int, int, str, str]] = []
    for severity, check, items in marks:
        for item in items:
            if item and item.strip():
                candidates.extend((s, e, severity, check) for s, e in _spans(text, item))
    # longest first, then leftmost; keep what does not overlap an accepted span
    chosen: dict[tuple[int, int], tuple[str, set[str]]] = {}
    for s, e, severity, check in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0])):
        if (s, e) in chosen:
            old, checks = chosen[(s, e)]
            checks.add(check)
            if _RANK.get(severity, 9) < _RANK.get(old, 9):
                chosen[(s, e)] = (severity, checks)
            continue
        if any(s < ce and cs < e for cs, ce in chosen):
            continue
        chosen[(s, e)] = (severity, {check})
    segments: list[Segment] = []
    position = 0
    for (s, e), (severity, checks) in sorted(chosen.items()):
        if s > position:
            segments.append(Segment(text[position:s]))
        segments.append(Segment(text[s:e], severity, tuple(sorted(checks))))
        position = e
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments


__all__ = ["render_html", "highlight", "rows_order"]
