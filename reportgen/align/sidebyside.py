"""The side-by-side model: the original and its translations aligned row by row,
every finding placed on one cell. Both views of an alignment write it: the HTML
report (``render/html``, all languages) and the bilingual review
(``render/docx/review.py``, the original beside one translation, through
:func:`review_of`). This module knows no format.

Rows follow the original (the content alignment, ``AlignmentResult.pairs``): one
per unit of the original (numbered and unnumbered paragraphs), its headings as rows
of their own, and a row for each unit a translation adds, after the original's unit
before it (or before the next one, after its heading, where it stands in that
unit's chapter). Each translation has a cell on the rows it answers: a missing
paragraph an empty ``missing`` cell, merged paragraphs one ``merged`` cell spanning
the original's rows (``merged-above`` marks where a heading stands between them), a
split both units in one cell, a moved one in the row of its original. A
translation's heading sits on the original's heading of the same level, number and
occurrence.

One placement rule puts each finding of a translation (open or accepted) on a cell
of its language: a missing paragraph on the cell where it is missing; otherwise the
cell holding the line the finding points at (preferring the cell answering the
finding's paragraph), else the cell answering the original's paragraph of that
number. What no cell takes (front matter, a heading the original lacks, the
original's own findings) belongs to the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportgen import model as m
from reportgen.align.findings import CheckId, Finding, Link, Unit, Version, missing_unit_line
from reportgen.align.prepare import prepare
from reportgen.align.result import AlignmentResult
from reportgen.errors import UserError

__all__ = ["Cell", "HeadingKey", "Review", "ReviewRow", "Row", "SideBySide", "by_number", "review_of",
           "side_by_side"]

#: (level, number, occurrence): a heading's key, the same in every version
HeadingKey = tuple[int, int | None, int]


@dataclass
class Cell:
    """What one language has on one row. ``kind``: original, heading, same, moved,
    missing, merged, merged-above, split or extra."""

    lang: str
    kind: str
    units: tuple[Unit, ...] = ()
    originals: tuple[Unit, ...] = ()  # the original's units it answers (a merge: all of them)
    heading: m.Heading | None = None
    rowspan: int = 1
    expect_line: int | None = None  # a missing unit: where its finding points in the version
    findings: list[Finding] = field(default_factory=list)
    accepted: list[Finding] = field(default_factory=list)

    @property
    def number(self) -> int | None:
        """The original's number of the (first) paragraph the cell answers."""
        return self.originals[0].number if self.originals else None

    def numbers(self) -> list[int]:
        return [u.number for u in self.originals if u.number is not None]

    def lines(self) -> set[int]:
        """Every line of the cell in its version: paragraphs, sub-items, footnotes, heading."""
        lines = {line for u in self.units for line in unit_lines(u)}
        if self.heading is not None:
            lines.add(self.heading.line)
        return {line for line in lines if line is not None}


@dataclass
class Row:
    """A unit of the original (``paragraph``, ``unnumbered``), a unit one
    translation adds (``extra``, its language in ``extra``), or a ``heading``."""

    kind: str
    unit: Unit | None = None  # the original's unit
    key: HeadingKey | None = None  # of a heading
    level: int = 0  # of a heading
    extra: str = ""
    cells: dict[str, Cell] = field(default_factory=dict)  # by language; absent where spanned

    @property
    def number(self) -> int | None:
        return self.unit.number if self.unit is not None else None


@dataclass
class SideBySide:
    """The rows, and the findings no row takes. ``spans``: per translation, each row a
    merged cell spans, to the row of that cell."""

    result: AlignmentResult
    languages: list[str]  # the columns: the original first where it is known
    shown: dict[str, Version]  # per language, the version whose units its cells hold
    rows: list[Row]
    spans: dict[str, dict[int, int]]
    document: list[Finding]
    document_accepted: list[Finding]


def side_by_side(result: AlignmentResult, languages: list[str] | None = None) -> SideBySide:
    """``result`` as rows for the columns ``languages`` (default: every version, in the
    result's order), the original among them; a language without a version has none."""
    codes = [c for c in (languages if languages is not None else list(result.languages) or list(result.versions))
             if c in result.versions]
    if result.original not in result.versions:
        return SideBySide(result, codes, {}, [], {}, list(result.findings), list(result.accepted))
    original = result.versions[result.original]
    orig = _segments(original)
    translations = [c for c in codes if c != result.original]
    links: dict[str, tuple[Link, ...]] = {}
    mine: dict[str, tuple[Unit, ...]] = {}
    shown: dict[str, Version] = {original.lang: original}
    for code in translations:
        pair = result.pairs.get(code)
        if pair is not None and pair.links:
            links[code], mine[code], shown[code] = pair.links, pair.version.segments, pair.version
        else:  # no content alignment given: pair the units by number
            shown[code] = result.versions[code]
            mine[code] = _segments(shown[code])
            links[code] = by_number(orig, mine[code])

    rows, unit_row = _rows(original, orig, {code: (links[code], mine[code]) for code in translations})
    spans: dict[str, dict[int, int]] = {}
    answers: dict[str, dict[int, int]] = {}  # per translation: row -> the row of the cell answering it
    for code in translations:
        spans[code], answers[code] = _fill(rows, unit_row, code, orig, mine[code], links[code],
                                           {key: h for key, h in headings(shown[code])})
    document = _place(list(result.findings), rows, answers, "findings")
    accepted = _place(list(result.accepted), rows, answers, "accepted")
    return SideBySide(result, codes, shown, rows, spans, document, accepted)


def _segments(version: Version) -> tuple[Unit, ...]:
    return version.segments or prepare(version.doc).segments


def _rows(original: Version, orig: tuple[Unit, ...],
          aligned: dict[str, tuple[tuple[Link, ...], tuple[Unit, ...]]]) -> tuple[list[Row], dict[int, int]]:
    """The original's rows and the translations' extra rows; the row of each of the
    original's units (by index)."""
    before: dict[int, list[tuple[str, Unit]]] = {}
    after: dict[int, list[tuple[str, Unit]]] = {}
    for code, (links, mine) in aligned.items():
        last: int | None = None
        for link in links:
            if link.original:
                last = max(link.original) if last is None else max(last, *link.original)
                continue
            for j in link.version:
                u = mine[j]
                nxt = 0 if last is None else last + 1
                if nxt < len(orig) and (last is None or (u.chapter != orig[last].chapter
                                                         and u.chapter == orig[nxt].chapter)):
                    before.setdefault(nxt, []).append((code, u))
                else:
                    after.setdefault(-1 if last is None else last, []).append((code, u))

    rows: list[Row] = []
    unit_row: dict[int, int] = {}

    def extra_rows(extras: list[tuple[str, Unit]]) -> None:
        rows.extend(Row("extra", extra=code, cells={code: Cell(code, "extra", (u,))}) for code, u in extras)

    keys = iter(headings(original))
    index = 0
    extra_rows(after.get(-1, []))
    for b in original.doc.blocks:
        if isinstance(b, m.Heading):
            key, _ = next(keys)
            rows.append(Row("heading", key=key, level=b.level,
                            cells={original.lang: Cell(original.lang, "heading", heading=b)}))
        elif isinstance(b, (m.NumberedParagraph, m.Para)) and index < len(orig):
            u = orig[index]
            extra_rows(before.get(index, []))
            unit_row[index] = len(rows)
            rows.append(Row("paragraph" if u.number is not None else "unnumbered", unit=u,
                            cells={original.lang: Cell(original.lang, "original", (u,), (u,))}))
            extra_rows(after.get(index, []))
            index += 1
    return rows, unit_row


def _fill(rows: list[Row], unit_row: dict[int, int], code: str, orig: tuple[Unit, ...], mine: tuple[Unit, ...],
          links: tuple[Link, ...], theirs: dict[HeadingKey, m.Heading]) -> tuple[dict[int, int], dict[int, int]]:
    """The cells of one translation; returns the rows its merged cells span and, for
    placing findings, every row a merged cell answers (spanned or marked merged above)."""
    spans: dict[int, int] = {}
    answers: dict[int, int] = {}
    for row in rows:
        if row.kind == "heading" and row.key is not None and row.key in theirs:
            row.cells[code] = Cell(code, "heading", heading=theirs[row.key])
    for k, link in enumerate(links):
        if not link.original or any(i not in unit_row for i in link.original):
            continue  # extras have their rows already
        first = unit_row[link.original[0]]
        cell = Cell(code, "same", tuple(mine[j] for j in link.version), tuple(orig[i] for i in link.original))
        if not cell.units:
            cell.kind, cell.expect_line = "missing", missing_unit_line(links, k, mine)
        elif len(link.original) > 1:
            cell.kind = "merged"
            last = unit_row[link.original[-1]]
            between = range(first + 1, last + 1)
            if last > first and all(rows[r].kind != "heading" and code not in rows[r].cells for r in between):
                cell.rowspan = last - first + 1
                spans.update({r: first for r in between})
            else:  # a heading in between: the merged cell once, marked in the others
                for i in link.original[1:]:
                    r = unit_row[i]
                    rows[r].cells[code] = Cell(code, "merged-above", originals=(orig[i],))
                    answers[r] = first
        elif len(cell.units) > 1:
            cell.kind = "split"
        elif link.moved:
            cell.kind = "moved"
        rows[first].cells[code] = cell
    return spans, answers | spans


# ------------------------------------------------------------------ findings


def _place(findings: list[Finding], rows: list[Row], answers: dict[str, dict[int, int]], slot: str) -> list[Finding]:
    """Put each finding of a translation on its cell (``cell.findings`` or
    ``cell.accepted``, by ``slot``); return those that belong to the document."""
    by_line: dict[tuple[str, int], list[int]] = {}
    missing: dict[str, list[int]] = {}
    by_number: dict[int, int] = {}
    for r, row in enumerate(rows):
        if row.number is not None:
            by_number.setdefault(row.number, r)
        for cell in row.cells.values():
            for line in cell.lines():
                by_line.setdefault((cell.lang, line), []).append(r)
            if cell.kind == "missing":
                missing.setdefault(cell.lang, []).append(r)
    document: list[Finding] = []
    for f in findings:
        found = _row_of(f, rows, by_line, missing, by_number, slot) if f.lang in answers else None
        at = rows[answers[f.lang].get(found, found)].cells.get(f.lang) if found is not None else None
        if at is None:
            document.append(f)
        else:
            getattr(at, slot).append(f)
    return document


def _row_of(f: Finding, rows: list[Row], by_line: dict[tuple[str, int], list[int]], missing: dict[str, list[int]],
            by_number: dict[int, int], slot: str) -> int | None:
    number = int(f.paragraph) if f.paragraph is not None and f.paragraph.isdigit() else None
    if f.check == CheckId.MISSING_PARAGRAPH or (f.check == CheckId.UNNUMBERED_MISMATCH and f.paragraph is None):
        for r in missing.get(f.lang, []):
            cell = rows[r].cells[f.lang]
            fits = (number is not None and cell.numbers() == [number] if f.check == CheckId.MISSING_PARAGRAPH
                    else rows[r].kind == "unnumbered" and cell.expect_line == f.line)
            if fits and not any(x.check == f.check for x in getattr(cell, slot)):
                return r
    candidates = by_line.get((f.lang, f.line), []) if f.line is not None else []
    for r in candidates:
        if number is not None and number in rows[r].cells[f.lang].numbers():
            return r
    if candidates:
        return candidates[0]
    return by_number.get(number) if number is not None else None


def unit_lines(unit: Unit) -> set[int | None]:
    """Every line of ``unit``: its paragraphs, sub-items and footnotes."""
    blocks: tuple[m.Block, ...] = (unit.block,) if unit.block is not None else ()
    return ({unit.line} | {b.line for b in m.walk_blocks(blocks)}
            | {x.line for x, _, _ in m.walk(blocks) if isinstance(x, m.Note)})


# ------------------------------------------------------------------ headings and links


def headings(version: Version) -> list[tuple[HeadingKey, m.Heading]]:
    """Every heading of ``version`` with its key."""
    seen: dict[tuple[int, int | None], int] = {}
    out: list[tuple[HeadingKey, m.Heading]] = []
    for b in version.doc.blocks:
        if isinstance(b, m.Heading):
            k = seen[(b.level, b.number)] = seen.get((b.level, b.number), 0) + 1
            out.append(((b.level, b.number, k), b))
    return out


def by_number(orig: tuple[Unit, ...], mine: tuple[Unit, ...]) -> tuple[Link, ...]:
    """Links pairing units by number (unnumbered ones by place and position): for
    a result that carries no content alignment. A unit the original lacks follows
    the link of the version unit before it."""
    def key(u: Unit) -> tuple[object, ...]:
        return ("n", u.number) if u.number is not None else ("u", u.place, u.index)

    where: dict[tuple[object, ...], int] = {}
    for j, u in enumerate(mine):
        where.setdefault(key(u), j)
    links = [Link((i,), (where[key(u)],) if key(u) in where else ()) for i, u in enumerate(orig)]
    used = {j: k for k, link in enumerate(links) for j in link.version}
    extras: dict[int, list[Link]] = {}
    position = -1
    for j in range(len(mine)):
        if j in used:
            position = used[j]
        else:
            extras.setdefault(position, []).append(Link((), (j,)))
    out = list(extras.get(-1, []))
    for k, link in enumerate(links):
        out.append(link)
        out.extend(extras.get(k, []))
    return tuple(out)


# ------------------------------------------------------------------ the review of one translation


@dataclass
class ReviewRow:
    """One row of the bilingual review. ``kind``: heading, same, moved, missing,
    extra, merged or split."""

    kind: str
    original: tuple[Unit, ...] = ()
    version: tuple[Unit, ...] = ()
    original_heading: m.Heading | None = None
    version_heading: m.Heading | None = None
    findings: list[Finding] = field(default_factory=list)
    accepted: list[Finding] = field(default_factory=list)


@dataclass(frozen=True)
class Review:
    """A translation against the original, row by row: the side-by-side rows of the
    pair, a merge on one row; with the findings that belong to no row."""

    report: str
    symbol: str
    original: Version
    version: Version
    rows: tuple[ReviewRow, ...]
    document: tuple[Finding, ...]
    document_accepted: tuple[Finding, ...]

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.rows for f in r.findings] + list(self.document)


def review_of(result: AlignmentResult, lang: str) -> Review:
    """The review of translation ``lang`` in ``result`` (aligned with its models kept:
    ``Project.align(keep_model=True)``)."""
    pair = result.pairs.get(lang)
    if pair is None:
        version = result.versions.get(lang)
        raise UserError(version.doc.path if version is not None else Path(f"{lang}.md"), None,
                        f"no alignment of '{lang}' with the original '{result.original}': nothing to review")
    view = side_by_side(result, [result.original, lang])
    rows: list[ReviewRow] = []
    for r, row in enumerate(view.rows):
        cell = row.cells.get(lang)
        if row.kind == "heading":
            rows.append(ReviewRow("heading", original_heading=row.cells[result.original].heading,
                                  version_heading=cell.heading if cell is not None else None))
        elif cell is not None and cell.kind != "merged-above" and r not in view.spans[lang]:
            rows.append(ReviewRow(cell.kind, cell.originals, cell.units, findings=cell.findings,
                                  accepted=cell.accepted))
    return Review(result.report, result.symbol, pair.original, pair.version, tuple(rows),
                  tuple(f for f in view.document if f.lang == lang),
                  tuple(f for f in view.document_accepted if f.lang == lang))
