"""The alignment report as one self-contained HTML page (INTERFACE §5.5).

The versions stand side by side, one column per language (original first) and
one row per unit of the original (numbered and unnumbered paragraphs, with its
headings as separator rows), following the content alignment
(``AlignmentResult.pairs``): each cell shows the unit(s) of its language linked
to the original's, with the version's own number where it differs. A missing
paragraph leaves an empty cell, merged paragraphs span the original's rows, a
split shows both units in one cell, an extra paragraph gets a row of its own
and a moved one stands in the row of its original, marked.

The items a finding names (numbers, symbols, labels) are marked in the text
where they occur, and the findings of a unit are listed in the cell of their
language. The page opens on what to do: the findings of each language, in the
order of the text, each in plain words and linked to its row. The table shows
the original beside one language (the first with findings), radio buttons and CSS
rules choosing another or all six, and a checkbox, ticked at first, shows only the
rows with findings in the languages shown: no script, so it all works with scripts
off and the file stays one inert page. Everything is inline: no font, no image,
no URL, so the file can be mailed or archived and opened offline. All text goes through Jinja2's autoescaping;
highlighting splits the text into pieces and never builds markup from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import jinja2

from reportgen import model as m
from reportgen.align.findings import CheckId, REGISTRY, SEVERITIES, Finding, Link, Unit, Version, missing_unit_line
from reportgen.align.prepare import prepare
from reportgen.align.result import AlignmentResult
from reportgen.l10n import LANGUAGES, language

TEMPLATES = Path(__file__).resolve().parent / "templates"

_RANK = {s: i for i, s in enumerate(SEVERITIES)}  # error first
# spaces inside an item match any space: "12 345" written with a no-break or thin space
_SPACE = "[\\s\u00a0\u202f\u2009\u2007]+"
_CJK = re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\uac00-\ud7af]")
PARA = "¶\u202f"

Mark = tuple[str, str, tuple[str, ...]]  # severity, check, items


@dataclass
class Segment:
    """A piece of a paragraph's text; ``severity`` set when it is marked; ``note``
    (with no text) where a footnote is called."""

    text: str
    severity: str | None = None
    checks: tuple[str, ...] = ()
    note: str = ""

    @property
    def title(self) -> str:
        return ", ".join(self.checks)


@dataclass
class Block:
    """A paragraph of a unit, or of one of its sub-items (``marker`` "(a)")."""

    segments: list[Segment]
    marker: str = ""
    level: int = 0


@dataclass
class Footnote:
    number: str
    segments: list[Segment]


@dataclass
class Shown:
    """A unit of one version as its cell shows it."""

    number: int | None
    here: str  # "here ¶ 11" where the version's number differs from the original's
    blocks: list[Block]
    notes: list[Footnote]
    line: int | None


@dataclass
class Column:
    lang: str
    name: str
    direction: str
    file: str
    original: bool

    @property
    def key(self) -> str:
        return _key(self.lang)


@dataclass
class Cell:
    """What one language has for one row. ``kind``: original, same, moved, missing,
    merged, merged-above, split, extra, none (another language's extra row),
    absent (the original's side of an extra row), heading."""

    lang: str
    direction: str
    kind: str
    paragraph: str = ""  # the row's original number
    source: list[Unit] = field(default_factory=list)
    units: list[Shown] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    rowspan: int = 1
    heading: str = ""
    heading_line: int | None = None
    number: int | None = None  # the original's number the cell answers to
    expect_line: int | None = None  # where the findings of a missing unit point

    @property
    def present(self) -> bool:
        return bool(self.source or self.heading)

    @property
    def title(self) -> str:
        return f"{PARA}{self.paragraph} is missing" if self.kind == "missing" and self.paragraph else ""


@dataclass
class Row:
    """A unit of the original, an extra unit of one version, or a heading."""

    kind: str  # paragraph, unnumbered, extra, heading
    anchor: str
    paragraph: str  # the original's number, "" when none
    label: str
    title: str = ""
    level: int = 0  # of a heading
    key: tuple[int, int | None, int] | None = None  # of a heading: level, number, occurrence
    cells: dict[str, Cell] = field(default_factory=dict)  # by language; a cell another spans is absent
    order: list[Cell] = field(default_factory=list)
    errors: bool = False
    # the views (language CSS keys) in which the filter shows the row: the languages with
    # findings in it, or in the rows shown with it (a heading's part; the rows a merged
    # cell spans, in the view of the cell's language and in that of all languages)
    langs: set[str] = field(default_factory=set)
    extra: str = ""  # of an extra row: the language (CSS key) it belongs to

    @property
    def quiet(self) -> bool:
        """No finding in any language: hidden by the filter in the view of every language."""
        return not self.langs

    @property
    def findings_in(self) -> str:
        return " ".join(sorted(self.langs))

    @property
    def classes(self) -> str:
        return " ".join([f"row-{self.kind}"] + ([f"level-{self.level}"] if self.level else []) +
                        (["has-errors"] if self.errors else []) + (["quiet"] if self.quiet else []))


#: What a translator does about a finding of each check, in plain words (the to-do list
#: the page opens on); the finding's own message follows it.
ADVICE: dict[str, str] = {
    CheckId.MISSING_PARAGRAPH: "Translate the missing paragraph and add it here",
    CheckId.EXTRA_PARAGRAPH: "Remove this paragraph, or find where the original has it",
    CheckId.MERGED_PARAGRAPHS: "Divide this paragraph as the original does",
    CheckId.SPLIT_PARAGRAPH: "Join these paragraphs into one, as in the original",
    CheckId.UNNUMBERED_MISMATCH: "Make the unnumbered paragraphs match the original's",
    CheckId.ORDER_MISMATCH: "Move this paragraph to where the original has it",
    CheckId.NUMBERING_MISMATCH: "Renumber these paragraphs as the original numbers them",
    CheckId.DUPLICATE_PARAGRAPH: "Give this paragraph its own number",
    CheckId.SUBITEM_SEQUENCE: "Letter the sub-items in order: (a), (b), (c)…",
    CheckId.HEADING_MISMATCH: "Make the headings match the original's",
    CheckId.SUBITEM_MISMATCH: "Give this paragraph the original's sub-items",
    CheckId.FOOTNOTE_MISMATCH: "Give this paragraph the original's footnotes",
    CheckId.UNTRANSLATED: "Translate this text",
    CheckId.LENGTH_OUTLIER: "Check that this paragraph is translated in full, and only once",
    CheckId.TERM_MISMATCH: "Use the approved term",
    CheckId.NUMBER_MISMATCH: "Correct the figures to match the original",
    CheckId.SYMBOL_MISMATCH: "Cite the same documents as the original",
    CheckId.REFERENCE_MISMATCH: "Refer to the same paragraphs and chapters as the original",
    CheckId.METADATA_MISMATCH: "Copy this front-matter entry from the original",
}


@dataclass
class Todo:
    """One line of the to-do list: a finding, what to do, and the row it is in."""

    finding: Finding
    advice: str
    anchor: str  # the row's id; "" for a finding about the document (listed under it)


@dataclass
class TodoGroup:
    lang: str
    name: str
    file: str
    items: list[Todo]
    key: str = ""  # the language as a CSS name
    view: bool = False  # a translation with a view of its own (the original has none)


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
    todo: list[TodoGroup] = field(default_factory=list)
    pair: str = ""  # the language shown beside the original as the page opens ("" with none)

    @property
    def translations(self) -> list[Column]:
        """The views besides the six columns: the original beside one of these."""
        return [c for c in self.columns if not c.original]

    @property
    def original_key(self) -> str:
        return next((c.key for c in self.columns if c.original), "")

    @property
    def original_name(self) -> str:
        return next((c.name for c in self.columns if c.original), self.original)

    @property
    def keys(self) -> dict[str, str]:
        return {c.lang: c.key for c in self.columns}

    @property
    def with_findings(self) -> int:
        return sum(not r.quiet and r.kind != "heading" for r in self.rows)

    def with_findings_in(self, key: str) -> int:
        """The rows (not headings) the filter shows in the view of language ``key``."""
        shown = {key, self.original_key}
        return sum(r.kind != "heading" and bool(r.langs & shown) and (r.kind != "extra" or r.extra == key)
                   for r in self.rows)

    @property
    def unit_rows(self) -> int:
        return sum(r.kind != "heading" for r in self.rows)


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


def _key(code: str) -> str:
    """A language code as a CSS name (ids, classes): the page's styles select columns
    and views by it, and a name from a file must not break them."""
    return re.sub(r"[^A-Za-z0-9-]", "_", code) or "_"


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
    rows: list[Row] = []
    document: list[Finding] = []
    if result.original in result.versions:
        rows, document = _table(result, columns)
    else:
        document = list(result.findings)
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
        todo=(todo := _todo(result, languages, rows, document)),
        pair=_pair(columns, todo),
    )


def _pair(columns: list[Column], todo: list[TodoGroup]) -> str:
    """The translation the page opens beside the original: the first with findings, else
    the first; a translator sees at once where their work is."""
    translations = [c for c in columns if not c.original]
    with_findings = {g.lang for g in todo}
    first = next((c for c in translations if c.lang in with_findings), translations[0] if translations else None)
    return first.key if first is not None else ""


def _todo(result: AlignmentResult, languages: list[str], rows: list[Row], document: list[Finding]) -> list[TodoGroup]:
    """The findings of each language (in the languages' order), those about the document
    first, then row by row in the order of the text, each with what to do."""
    groups = []
    for code in languages:
        items = [Todo(f, _advice(f), "") for f in sorted(document, key=_order) if f.lang == code]
        items += [Todo(f, _advice(f), row.anchor) for row in rows
                  for cell in row.cells.values() if cell.lang == code for f in sorted(cell.findings, key=_order)]
        if items:
            groups.append(TodoGroup(code, _name(code), _file(result, code), items, _key(code),
                                    code != result.original and code in result.versions))
    return groups


def _advice(f: Finding) -> str:
    if f.check in ADVICE:
        return ADVICE[f.check]
    return REGISTRY[f.check].description.rstrip(".") if f.check in REGISTRY else f.check


def _order(f: Finding) -> tuple[int, str, int]:
    return (_RANK.get(f.severity, len(_RANK)), f.check, f.line or 0)


def _segments(version: Version) -> tuple[Unit, ...]:
    return version.segments or prepare(version.doc).segments


def _table(result: AlignmentResult, columns: list[Column]) -> tuple[list[Row], list[Finding]]:
    """The rows of the side-by-side table, and the findings no row takes."""
    original = result.versions[result.original]
    orig = _segments(original)
    translations = [c for c in columns if not c.original]
    links: dict[str, tuple[Link, ...]] = {}
    mine: dict[str, tuple[Unit, ...]] = {}
    shown: dict[str, Version] = {original.lang: original}  # the version whose units each column shows
    for col in translations:
        pair = result.pairs.get(col.lang)
        if pair is not None and pair.links:
            links[col.lang], mine[col.lang], shown[col.lang] = pair.links, pair.version.segments, pair.version
        else:  # no content alignment given: pair the units by number
            shown[col.lang] = result.versions[col.lang]
            mine[col.lang] = _segments(shown[col.lang])
            links[col.lang] = by_number(orig, mine[col.lang])

    # extras: after the unit of the original that precedes them, or before the next
    # one (after its heading) where they stand in that unit's chapter
    before: dict[int, list[tuple[str, Unit]]] = {}
    after: dict[int, list[tuple[str, Unit]]] = {}
    for col in translations:
        last: int | None = None
        for link in links[col.lang]:
            if link.original:
                last = max(link.original) if last is None else max(last, *link.original)
                continue
            for j in link.version:
                u = mine[col.lang][j]
                nxt = 0 if last is None else last + 1
                if nxt < len(orig) and (last is None or (u.chapter != orig[last].chapter
                                                         and u.chapter == orig[nxt].chapter)):
                    before.setdefault(nxt, []).append((col.lang, u))
                else:
                    after.setdefault(-1 if last is None else last, []).append((col.lang, u))

    keys = {c.lang: c.key for c in columns}
    rows: list[Row] = []
    unit_row: dict[int, int] = {}  # original segment index -> row index
    anchors: set[str] = set()

    def anchor(base: str) -> str:
        name, k = base, 1
        while name in anchors:
            k += 1
            name = f"{base}-{k}"
        anchors.add(name)
        return name

    def extra_rows(extras: list[tuple[str, Unit]]) -> None:
        for code, u in extras:
            row = Row("extra", anchor(f"x-{code}-{u.line or len(rows)}"), "", "+", "not in the original",
                      extra=keys[code])
            rows.append(row)
            row.cells[code] = Cell(code, _direction(code), "extra", source=[u], tags=["not in the original"])

    headings = _headings(original)
    index = 0
    extra_rows(after.get(-1, []))
    for b in original.doc.blocks:
        if isinstance(b, m.Heading):
            key, text, _ = headings.pop(0)
            row = Row("heading", anchor(f"h-{len(rows)}"), "", "", level=b.level, key=key)
            row.cells[original.lang] = Cell(original.lang, _direction(original.lang), "heading", heading=text,
                                            heading_line=b.line)
            rows.append(row)
        elif isinstance(b, (m.NumberedParagraph, m.Para)) and index < len(orig):
            u = orig[index]
            extra_rows(before.get(index, []))
            number = "" if u.number is None else str(u.number)
            if u.number is not None:
                row = Row("paragraph", anchor(f"p-{u.number}"), number, number)
            else:
                row = Row("unnumbered", anchor(f"u-{index}"), "", "–",
                          f"unnumbered paragraph {u.index} {u.place}".rstrip())
            row.cells[original.lang] = Cell(original.lang, _direction(original.lang), "original", number,
                                            source=[u], number=u.number)
            unit_row[index] = len(rows)
            rows.append(row)
            extra_rows(after.get(index, []))
            index += 1

    owner: dict[str, dict[int, int]] = {}  # per language: row of a spanned cell -> row of the cell spanning it
    for col in translations:
        owner[col.lang] = _fill(rows, unit_row, col, orig, mine[col.lang], links[col.lang],
                                _headings(shown[col.lang]))

    document = _place(result, rows, owner)
    for row in rows:
        row.errors = any(f.severity == "error" for c in row.cells.values() for f in c.findings)
        row.langs = {keys.get(c.lang, c.lang) for c in row.cells.values() if c.findings}
    _group_quiet(rows, owner)
    notes = {code: _note_numbers(version.doc) for code, version in shown.items()}
    for r, row in enumerate(rows):
        original_marks = [(f.severity, f.check, f.original_items) for c in row.cells.values() for f in c.findings]
        for cell in row.cells.values():
            marks = original_marks if cell.lang == original.lang else \
                [(f.severity, f.check, f.items) for f in cell.findings]
            cell.units = [_shown(u, cell.lang, marks, notes[cell.lang],
                                 None if cell.lang == original.lang else cell.number, cell.kind)
                          for u in cell.source]
            cell.findings.sort(key=_order)
        row.order = [row.cells[c.lang] if c.lang in row.cells else _blank(row, c) for c in columns
                     if c.lang in row.cells or r not in owner.get(c.lang, {})]
    return rows, document


def _blank(row: Row, col: Column) -> Cell:
    kind = {"extra": "absent" if col.original else "none", "heading": "missing"}.get(row.kind, "missing")
    return Cell(col.lang, col.direction, kind, row.paragraph)


def _fill(rows: list[Row], unit_row: dict[int, int], col: Column, orig: tuple[Unit, ...],
          mine: tuple[Unit, ...], links: tuple[Link, ...],
          headings: list[tuple[tuple[int, int | None, int], str, int | None]]) -> dict[int, int]:
    """The cells of one translation; returns the rows its merged cells span."""
    code, direction = col.lang, col.direction
    spanned: dict[int, int] = {}
    mine_headings = {key: (text, line) for key, text, line in headings}
    for row in rows:
        if row.kind == "heading":
            found = mine_headings.get(row.key) if row.key is not None else None
            if found is not None:
                row.cells[code] = Cell(code, direction, "heading", heading=found[0], heading_line=found[1])
    for k, link in enumerate(links):
        if not link.original or any(i not in unit_row for i in link.original):
            continue  # extras have their rows already
        first = unit_row[link.original[0]]
        number = orig[link.original[0]].number
        units = [mine[j] for j in link.version]
        cell = Cell(code, direction, "same", rows[first].paragraph, source=units, number=number)
        if not units:
            cell.kind, cell.tags = "missing", ["missing"]
            cell.expect_line = missing_unit_line(links, k, mine)
        elif len(link.original) > 1:
            last = unit_row[link.original[-1]]
            cell.kind, cell.tags = "merged", [f"merged: {_numbers([orig[i] for i in link.original])}"]
            between = range(first + 1, last + 1)
            if last > first and all(rows[r].kind != "heading" and code not in rows[r].cells for r in between):
                cell.rowspan = last - first + 1
                spanned.update({r: first for r in between})
            else:  # a heading in between: the merged cell once, marked in the others
                for i in link.original[1:]:
                    r = unit_row[i]
                    rows[r].cells[code] = Cell(code, direction, "merged-above", rows[r].paragraph,
                                               tags=["(merged above)"], number=orig[i].number)
        elif len(units) > 1:
            cell.kind, cell.tags = "split", [f"split into {len(units)} here"]
        elif link.moved:
            cell.kind, cell.tags = "moved", ["moved"]
        rows[first].cells[code] = cell
    return spanned


def _place(result: AlignmentResult, rows: list[Row], owner: dict[str, dict[int, int]]) -> list[Finding]:
    """Put each open finding in the cell of its row; return those about the document."""
    by_line: dict[tuple[str, int], list[int]] = {}
    missing: dict[str, list[int]] = {}
    by_number: dict[str, int] = {}
    for r, row in enumerate(rows):
        if row.paragraph and row.paragraph not in by_number:
            by_number[row.paragraph] = r
        for cell in row.cells.values():
            lines = {line for u in cell.source for line in _lines(u)} | {cell.heading_line}
            for line in lines:
                if line is not None:
                    by_line.setdefault((cell.lang, line), []).append(r)
            if cell.kind == "missing":
                missing.setdefault(cell.lang, []).append(r)
    document: list[Finding] = []
    for f in result.findings:
        found = _row_of(f, rows, by_line, missing, by_number)
        if found is None or f.lang not in owner:
            document.append(f)
            continue
        at = owner[f.lang].get(found, found)
        placed = rows[at].cells.get(f.lang)
        if placed is None:
            document.append(f)
        else:
            placed.findings.append(f)
    return document


def _lines(unit: Unit) -> set[int | None]:
    """Every line of ``unit``: its paragraphs, sub-items and footnotes."""
    blocks: tuple[m.Block, ...] = (unit.block,) if unit.block is not None else ()
    return ({unit.line} | {b.line for b in m.walk_blocks(blocks)}
            | {x.line for x, _, _ in m.walk(blocks) if isinstance(x, m.Note)})


def _row_of(f: Finding, rows: list[Row], by_line: dict[tuple[str, int], list[int]],
            missing: dict[str, list[int]], by_number: dict[str, int]) -> int | None:
    if f.check == CheckId.MISSING_PARAGRAPH or (f.check == CheckId.UNNUMBERED_MISMATCH and f.paragraph is None):
        for r in missing.get(f.lang, []):
            cell = rows[r].cells[f.lang]
            fits = (cell.paragraph == f.paragraph if f.check == CheckId.MISSING_PARAGRAPH
                    else rows[r].kind == "unnumbered" and cell.expect_line == f.line)
            if fits and not any(x.check == f.check for x in cell.findings):
                return r
    candidates = by_line.get((f.lang, f.line), []) if f.line is not None else []
    for r in candidates:
        if f.paragraph is not None and rows[r].paragraph == f.paragraph:
            return r
    if candidates:
        return candidates[0]
    return by_number.get(f.paragraph) if f.paragraph is not None else None


def _group_quiet(rows: list[Row], owner: dict[str, dict[int, int]]) -> None:
    """Rows a merged cell spans show or hide together where the cell shows (the view
    of its language and that of all); a heading shows when a row of its part (up to
    the next heading of its level) shows, in the views of that row."""
    groups: list[tuple[str, set[int]]] = []
    for code, spans in owner.items():
        by_first: dict[int, set[int]] = {}
        for r, first in spans.items():
            by_first.setdefault(first, {first}).add(r)
        groups += [(_key(code), members) for members in by_first.values()]
    changed = True
    while changed:  # spans of two languages may overlap: until every group agrees
        changed = False
        for key, members in groups:  # shown in the view of all, so in the merged cell's
            if any(rows[r].langs for r in members) and not all(key in rows[r].langs for r in members):
                for r in members:
                    rows[r].langs.add(key)
                changed = True
    levels = range(1, 1 + max((r.level for r in rows if r.kind == "heading"), default=0))
    below = {level: set[str]() for level in levels}  # per level: the languages since the next heading of it
    for row in reversed(rows):
        if row.kind != "heading":
            for langs in below.values():
                langs |= row.langs
            continue
        row.langs |= below.get(row.level, set())
        for level in levels:
            if level >= row.level:
                below[level] = set()


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


def _numbers(units: list[Unit]) -> str:
    """"¶ 5–6" for the original's units a merge joins."""
    numbers = [u.number for u in units]
    known = [n for n in numbers if n is not None]
    if len(known) == len(numbers):
        if known == list(range(known[0], known[0] + len(known))):
            return f"{PARA}{known[0]}–{known[-1]}"
        return PARA + ", ".join(str(n) for n in known)
    if all(n is None for n in numbers):
        return f"{len(numbers)} unnumbered paragraphs"
    return ", ".join(f"{PARA}{n}" if n is not None else "unnumbered" for n in numbers)


# ------------------------------------------------------------ units and headings


def _headings(version: Version) -> list[tuple[tuple[int, int | None, int], str, int | None]]:
    """(level, number, occurrence), the heading as printed, and its line."""
    seen: dict[tuple[int, int | None], int] = {}
    out = []
    for b in version.doc.blocks:
        if isinstance(b, m.Heading):
            k = seen[(b.level, b.number)] = seen.get((b.level, b.number), 0) + 1
            text = m.stringify(b.content).strip()
            label = _heading_number(version.lang, b.level, b.number)
            out.append(((b.level, b.number, k), f"{label} {text}" if label else text, b.line))
    return out


def _heading_number(code: str, level: int, number: int | None) -> str:
    if number is None or level > 2:
        return ""
    if code not in LANGUAGES:
        return f"{number}."
    lang = language(code)
    return lang.chapter_number(number) if level == 1 else lang.subheading_number(number)


def _marker(code: str, index: int, level: int) -> str:
    try:
        return language(code).subitem_marker(index, level) if code in LANGUAGES else f"({index})"
    except ValueError:  # a level the language does not number
        return f"({index})"


def _note_numbers(doc: m.Document) -> dict[int, str]:
    """The number of every footnote of ``doc`` (in order), by identity."""
    out: dict[int, str] = {}
    for x, _, _ in m.walk(doc.blocks):
        if isinstance(x, m.Note):
            out[id(x)] = str(len(out) + 1)
    return out


def _here(unit: Unit, original: int | None, always: bool = False) -> str:
    """"here ¶ 11" where the version's number differs from the original's (``always``
    in a split, whose units each say where they stand)."""
    if unit.number == original and not always:
        return ""
    return f"here {PARA}{unit.number}" if unit.number is not None else "here unnumbered"


def _shown(unit: Unit, code: str, marks: list[Mark], notes: dict[int, str], original: int | None,
           kind: str) -> Shown:
    """``unit`` as its cell shows it: paragraphs and sub-items with their markers,
    footnote calls in the text and the footnotes below, the items of ``marks``
    marked; ``original`` is the number of the original's unit it answers to."""
    paragraphs: list[tuple[str, list[tuple[int, str]], str, int]] = []  # text, footnote calls, marker, level
    bodies: list[tuple[str, str]] = []  # footnote number, text
    pending = ""

    def collect(items: tuple[m.Block, ...], level: int) -> None:
        nonlocal pending
        for b in items:
            if isinstance(b, m.Para):
                text, calls = _flat(b.content, notes, bodies)
                paragraphs.append((text, calls, pending, level))
                pending = ""
            elif isinstance(b, m.SubItem):
                pending = f"{pending} {_marker(code, b.index, b.level)}".strip()
                collect(b.blocks, b.level)

    collect((unit.block,) if isinstance(unit.block, m.Para) else unit.block.blocks if unit.block else (), 0)
    # an item found whole somewhere in the unit is not also marked inside a longer number elsewhere
    texts = [p[0] for p in paragraphs] + [body for _, body in bodies]
    whole = frozenset(item for _, _, items in marks for item in items
                      if any(_found(t, item) for t in texts))
    blocks = [Block(_with_notes(highlight(text, marks, whole=whole), calls), marker, level)
              for text, calls, marker, level in paragraphs]
    footnotes = [Footnote(number, highlight(body, marks, whole=whole)) for number, body in bodies]
    here = "" if kind == "original" else _here(unit, original, always=kind == "split")
    return Shown(unit.number, here, blocks, footnotes, unit.line)


def _flat(content: tuple[m.Inline, ...], notes: dict[int, str],
          bodies: list[tuple[str, str]]) -> tuple[str, list[tuple[int, str]]]:
    """The text of ``content`` as ``model.stringify`` reads it (footnotes apart), and where
    each footnote is called; the footnotes (number, text) go to ``bodies``."""
    parts: list[str] = []
    calls: list[tuple[int, str]] = []
    size = 0

    def walk(items: tuple[m.Inline, ...]) -> None:
        nonlocal size
        for x in items:
            if isinstance(x, m.Note):
                number = notes.get(id(x), "*")
                calls.append((size, number))
                bodies.append((number, " ".join(m.stringify(b.content).strip() for b in m.walk_blocks(x.blocks)
                                                if isinstance(b, m.Para))))
            elif isinstance(x, m.FORMATTING):
                walk(x.content)
            else:
                piece = m.stringify((x,))
                parts.append(piece)
                size += len(piece)

    walk(content)
    text = "".join(parts)
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    return text, [(min(max(p - lead, 0), len(text)), n) for p, n in calls]


def _with_notes(segments: list[Segment], calls: list[tuple[int, str]]) -> list[Segment]:
    """``segments`` with a footnote call at each position of ``calls``."""
    if not calls:
        return segments
    out: list[Segment] = []
    pending = sorted(calls)
    start = 0
    for s in segments:
        end = start + len(s.text)
        cut = start
        while pending and pending[0][0] <= end:
            p, number = pending.pop(0)
            if p > cut:
                out.append(replace(s, text=s.text[cut - start:p - start]))
            out.append(Segment("", note=number))
            cut = max(cut, p)
        if cut < end:
            out.append(replace(s, text=s.text[cut - start:]))
        start = end
    out.extend(Segment("", note=n) for _, n in pending)
    return out


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
    if c.isdigit():  # nor the "12" of "12,345.5" or "12 345"
        return r"(?<!\d)(?<!\d[.,])" if before else r"(?!\d|[.,]\d|[ \u00a0\u202f\u2009]\d{3}(?!\d))"
    if c.isalpha() and not _CJK.match(c):
        cls = r"[^\W_]" if c.isalnum() else r"\w"
    else:
        return ""
    return f"(?<!{cls})" if before else f"(?!{cls})"


def _spans(text: str, item: str, whole: bool = False) -> list[tuple[int, int]]:
    pattern = _pattern(item.strip())
    if pattern is None:
        return []
    spans = [m.span() for m in pattern.finditer(text) if m.end() > m.start()]
    if not spans and not whole:  # written inside a word, e.g. "第12段": still show where it is
        spans = [m.span() for m in re.finditer(re.escape(item.strip()), text)]
    return spans


def _found(text: str, item: str) -> bool:
    pattern = _pattern(item.strip())
    return pattern is not None and pattern.search(text) is not None


def highlight(text: str, marks: list[Mark], *, whole: frozenset[str] = frozenset()) -> list[Segment]:
    """Split ``text`` into plain and marked segments. ``marks`` holds (severity,
    check, items); every occurrence of every item is marked, the longest item
    winning where two overlap; a segment takes the gravest severity of the
    findings that name it. An item not found whole is looked for inside words,
    unless it is in ``whole`` (found whole elsewhere in the same unit)."""
    candidates: list[tuple[int, int, str, str]] = []
    for severity, check, items in marks:
        for item in items:
            if item and item.strip():
                candidates.extend((s, e, severity, check) for s, e in _spans(text, item, item in whole))
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


__all__ = ["render_html", "highlight", "by_number"]
