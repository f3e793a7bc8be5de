"""The bilingual review of one translation, as rows: what ``reportgen review``
prints (the OOXML is written by ``render/docx/review.py``; this module knows no
format).

One row per link of the content alignment (``AlignmentResult.pairs[lang]``), in
the original's order, so a defect is one row, never a shift of every row after
it: a missing paragraph has an empty translation side, an extra one an empty
original side, merged paragraphs stand together on the original's side of one
row, a split paragraph's parts together on the translation's side, a moved one
in the row of its original. The original's headings (chapters, sections) are
rows of their own, paired with the translation's heading of the same level,
number and occurrence, as in the HTML report (``align/html.py``).

Each finding, open or accepted, is placed on one row, by the rules the HTML
report follows: a missing paragraph on the row where it is missing; otherwise
the row holding the translation's line the finding points at (preferring the
row of the finding's paragraph), else the row of the original's paragraph.
Findings no row takes (front matter, a heading the original lacks) belong to
the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import assert_never

from reportgen import model as m
from reportgen.align.findings import CheckId, Finding, Link, Pair, Unit, Version, missing_unit_line
from reportgen.align.result import AlignmentResult
from reportgen.errors import UserError

__all__ = ["Review", "Row", "review_of"]

# (level, number, occurrence): a heading's key, the same in every version
HeadingKey = tuple[int, int | None, int]


@dataclass
class Row:
    """One line of the review table. ``kind``: heading, same, moved, missing,
    extra, merged or split."""

    kind: str
    original: tuple[Unit, ...] = ()
    version: tuple[Unit, ...] = ()
    original_heading: m.Heading | None = None
    version_heading: m.Heading | None = None
    findings: list[Finding] = field(default_factory=list)
    accepted: list[Finding] = field(default_factory=list)
    expect_line: int | None = None  # a missing unit: where its finding points in the version

    def numbers(self) -> list[int]:
        """The original's paragraph numbers this row answers to."""
        return [u.number for u in self.original if u.number is not None]


@dataclass(frozen=True)
class Review:
    """A translation against the original, row by row, with the findings that
    belong to no row (``document``, ``document_accepted``)."""

    report: str
    symbol: str
    original: Version
    version: Version
    rows: tuple[Row, ...]
    document: tuple[Finding, ...]
    document_accepted: tuple[Finding, ...]

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.rows for f in r.findings] + list(self.document)


def review_of(result: AlignmentResult, lang: str) -> Review:
    """The review of translation ``lang`` in ``result`` (aligned with its models kept:
    ``pipeline.align(..., keep_model=True)``)."""
    pair = result.pairs.get(lang)
    if pair is None:
        raise UserError(_path_of(result, lang), None, f"no alignment of '{lang}' with the original "
                                                      f"'{result.original}': nothing to review")
    rows = _rows(pair)
    document = _place([f for f in result.findings if f.lang == lang], rows, "findings")
    accepted = _place([f for f in result.accepted if f.lang == lang], rows, "accepted")
    return Review(result.report, result.symbol, pair.original, pair.version, tuple(rows),
                  tuple(document), tuple(accepted))


def _path_of(result: AlignmentResult, lang: str) -> Path:
    version = result.versions.get(lang)
    return version.doc.path if version is not None else Path(f"{lang}.md")


# ------------------------------------------------------------------ rows


def _rows(pair: Pair) -> list[Row]:
    orig, mine = pair.original.segments, pair.version.segments
    headings = _headings(pair.original)  # (segments before it, key, heading)
    theirs = {key: h for _, key, h in _headings(pair.version)}
    rows: list[Row] = []
    pending = 0  # original headings emitted so far

    def headings_up_to(index: int) -> None:
        """Emit the original's headings that stand before its segment ``index``."""
        nonlocal pending
        while pending < len(headings) and headings[pending][0] <= index:
            _, key, h = headings[pending]
            rows.append(Row("heading", original_heading=h, version_heading=theirs.get(key)))
            pending += 1

    last: int | None = None  # the original's last segment placed
    for k, link in enumerate(pair.links):
        if link.original:
            headings_up_to(min(link.original))
            last = max(link.original) if last is None else max(last, *link.original)
        else:
            # an extra unit that opens the next chapter stands after that chapter's heading
            nxt = _next_original(pair.links, k)
            u = mine[link.version[0]]
            if nxt is not None and (last is None or (u.chapter != orig[last].chapter
                                                     and u.chapter == orig[nxt].chapter)):
                headings_up_to(nxt)
        row = Row(_kind(link), tuple(orig[i] for i in link.original), tuple(mine[j] for j in link.version))
        if not link.version:
            row.expect_line = missing_unit_line(pair.links, k, mine)
        rows.append(row)
    headings_up_to(len(orig))  # headings after the last paragraph
    return rows


def _kind(link: Link) -> str:
    if not link.original:
        return "extra"
    if not link.version:
        return "missing"
    if len(link.original) > 1:
        return "merged"
    if len(link.version) > 1:
        return "split"
    return "moved" if link.moved else "same"


def _next_original(links: tuple[Link, ...], k: int) -> int | None:
    return next((min(link.original) for link in links[k + 1:] if link.original), None)


def _headings(version: Version) -> list[tuple[int, HeadingKey, m.Heading]]:
    """Every heading of ``version`` with the number of segments before it and its key."""
    out: list[tuple[int, HeadingKey, m.Heading]] = []
    seen: dict[tuple[int, int | None], int] = {}
    segments = 0
    for b in version.doc.blocks:
        match b:
            case m.Heading():
                n = seen[(b.level, b.number)] = seen.get((b.level, b.number), 0) + 1
                out.append((segments, (b.level, b.number, n), b))
            case m.NumberedParagraph() | m.Para():
                segments += 1
            case m.SubItem():  # pragma: no cover - the reader nests sub-items in paragraphs
                pass
            case _:
                assert_never(b)
    return out


# ------------------------------------------------------------------ findings


def _place(findings: list[Finding], rows: list[Row], slot: str) -> list[Finding]:
    """Put each finding on its row (in ``row.findings`` or ``row.accepted``, by
    ``slot``); return those that belong to the document."""
    by_line: dict[int, list[int]] = {}
    by_number: dict[int, int] = {}
    for r, row in enumerate(rows):
        for line in _version_lines(row):
            by_line.setdefault(line, []).append(r)
        for n in row.numbers():
            by_number.setdefault(n, r)
    document: list[Finding] = []
    for f in findings:
        found = _row_of(f, rows, by_line, by_number, slot)
        if found is None:
            document.append(f)
        else:
            getattr(rows[found], slot).append(f)
    return document


def _row_of(f: Finding, rows: list[Row], by_line: dict[int, list[int]], by_number: dict[int, int],
            slot: str) -> int | None:
    number = int(f.paragraph) if f.paragraph is not None and f.paragraph.isdigit() else None
    if f.check in (CheckId.MISSING_PARAGRAPH, CheckId.UNNUMBERED_MISMATCH):
        for r, row in enumerate(rows):
            if row.kind != "missing" or any(x.check == f.check for x in getattr(row, slot)):
                continue
            if (f.check == CheckId.MISSING_PARAGRAPH and number is not None and row.numbers() == [number]) or \
                    (f.check == CheckId.UNNUMBERED_MISMATCH and f.paragraph is None and not row.numbers()
                     and row.expect_line == f.line):
                return r
    candidates = by_line.get(f.line, []) if f.line is not None else []
    for r in candidates:
        if number is not None and number in rows[r].numbers():
            return r
    if candidates:
        return candidates[0]
    return by_number.get(number) if number is not None else None


def _version_lines(row: Row) -> set[int]:
    """Every line of the translation's side of ``row``: its paragraphs, sub-items,
    footnotes and heading."""
    lines: set[int | None] = set()
    for u in row.version:
        lines.add(u.line)
        if u.block is not None:
            blocks = (u.block,)
            lines |= {b.line for b in m.walk_blocks(blocks)}
            lines |= {x.line for x, _, _ in m.walk(blocks) if isinstance(x, m.Note)}
    if row.version_heading is not None:
        lines.add(row.version_heading.line)
    return {line for line in lines if line is not None}
