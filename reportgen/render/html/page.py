"""The alignment report as one self-contained HTML page (INTERFACE §5.5), written
from the side-by-side model (``align/sidebyside.py``: its rows, cells and placed
findings; this module only labels and shows them).

One column per language (original first), one row per row of the model: a unit of
the original, a heading, or a unit a translation adds. Each cell shows its units
with the version's own number where it differs; a missing paragraph leaves an empty
cell, merged paragraphs span the original's rows, a moved one is marked.

The items a finding names (numbers, symbols, labels) are marked in the text where
they occur (``text.py``), and the findings of a unit are listed in the cell of their
language. The page opens on what to do: the findings of each language, in the
order of the text, each in plain words and linked to its row. The table shows the
original beside one language (the first with findings), radio buttons and CSS rules
choosing another or all six, and a checkbox, ticked at first, shows only the rows
with findings in the languages shown: no script, so it all works with scripts off
and the file stays one inert page. Everything is inline: no font, no image, no URL,
so the file can be mailed or archived and opened offline. All text goes through
Jinja2's autoescaping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jinja2

from reportgen import model as m
from reportgen.align import sidebyside as sbs
from reportgen.align.findings import CheckId, REGISTRY, SEVERITIES, Finding, Unit
from reportgen.align.result import AlignmentResult
from reportgen.align.sidebyside import SideBySide, side_by_side
from reportgen.l10n import LANGUAGES, language
from reportgen.render.html.text import PARA, Shown, note_numbers, shown

__all__ = ["render_html"]

TEMPLATES = Path(__file__).resolve().parent / "templates"

_RANK = {s: i for i, s in enumerate(SEVERITIES)}  # error first


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
    errors: set[str] = field(default_factory=set)  # the languages (CSS keys) with an error in it
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
                        (["has-errors"] if self.errors else []) + [f"errors-{k}" for k in sorted(self.errors)] +
                        (["quiet"] if self.quiet else []))


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
    view = side_by_side(result, languages)
    rows, document = _table(view, columns), view.document
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


def _table(view: SideBySide, columns: list[Column]) -> list[Row]:
    """The rows of the page: the side-by-side model's rows, labelled, their cells
    tagged, their units shown with the items of their findings marked."""
    result = view.result
    original = result.original
    keys = {c.lang: c.key for c in columns}
    rows: list[Row] = []
    anchors: set[str] = set()

    def anchor(base: str) -> str:
        name, k = base, 1
        while name in anchors:
            k += 1
            name = f"{base}-{k}"
        anchors.add(name)
        return name

    index = 0  # the original's units so far
    for r, model in enumerate(view.rows):
        if model.kind == "extra":
            row = Row("extra", anchor(f"x-{model.extra}-{model.cells[model.extra].units[0].line or r}"), "", "+",
                      "not in the original", extra=keys[model.extra])
        elif model.kind == "heading":
            row = Row("heading", anchor(f"h-{r}"), "", "", level=model.level, key=model.key)
        elif model.unit is not None and model.unit.number is not None:
            row = Row("paragraph", anchor(f"p-{model.unit.number}"), str(model.unit.number), str(model.unit.number))
        else:
            u = model.unit
            row = Row("unnumbered", anchor(f"u-{index}"), "", "–",
                      f"unnumbered paragraph {u.index} {u.place}".rstrip() if u is not None else "")
        index += model.kind in ("paragraph", "unnumbered")
        for code, found in model.cells.items():
            row.cells[code] = _cell(found, row)
        row.errors = {keys.get(c.lang, c.lang) for c in row.cells.values() if any(f.severity == "error"
                                                                                  for f in c.findings)}
        row.langs = {keys.get(c.lang, c.lang) for c in row.cells.values() if c.findings}
        rows.append(row)
    _group_quiet(rows, view.spans)
    notes = {code: note_numbers(version.doc) for code, version in view.shown.items()}
    for r, row in enumerate(rows):
        original_marks = [(f.severity, f.check, f.original_items, keys.get(c.lang, c.lang))
                          for c in row.cells.values() for f in c.findings]
        for shows in row.cells.values():
            marks = original_marks if shows.lang == original else \
                [(f.severity, f.check, f.items, "") for f in shows.findings]
            shows.units = [shown(u, shows.lang, marks, notes[shows.lang],
                                 None if shows.lang == original else shows.number, shows.kind)
                           for u in shows.source]
            shows.findings.sort(key=_order)
        row.order = [row.cells[c.lang] if c.lang in row.cells else _blank(row, c) for c in columns
                     if c.lang in row.cells or r not in view.spans.get(c.lang, {})]
    return rows


#: The tag a cell of each kind carries (a merge's names the original's paragraphs).
_TAGS = {"missing": "missing", "extra": "not in the original", "merged-above": "(merged above)", "moved": "moved"}


def _cell(cell: sbs.Cell, row: Row) -> Cell:
    """A cell of the model as the page shows it (its units are shown later, once the
    row's findings are known)."""
    tags = [_TAGS[cell.kind]] if cell.kind in _TAGS else []
    if cell.kind == "merged":
        tags = [f"merged: {_numbers(list(cell.originals))}"]
    elif cell.kind == "split":
        tags = [f"split into {len(cell.units)} here"]
    heading = _heading_text(cell.lang, cell.heading) if cell.heading is not None else ""
    paragraph = "" if cell.kind in ("heading", "extra") else row.paragraph
    return Cell(cell.lang, _direction(cell.lang), cell.kind, paragraph, source=list(cell.units),
                findings=cell.findings, tags=tags, rowspan=cell.rowspan, heading=heading,
                heading_line=cell.heading.line if cell.heading is not None else None,
                number=cell.number, expect_line=cell.expect_line)


def _blank(row: Row, col: Column) -> Cell:
    kind = {"extra": "absent" if col.original else "none", "heading": "missing"}.get(row.kind, "missing")
    return Cell(col.lang, col.direction, kind, row.paragraph)


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


def _heading_text(code: str, heading: m.Heading) -> str:
    """The heading as printed: its number in the language's form, then its text."""
    text = m.stringify(heading.content).strip()
    label = _heading_number(code, heading.level, heading.number)
    return f"{label} {text}" if label else text


def _heading_number(code: str, level: int, number: int | None) -> str:
    if number is None or level > 2:
        return ""
    if code not in LANGUAGES:
        return f"{number}."
    lang = language(code)
    return lang.chapter_number(number) if level == 1 else lang.subheading_number(number)
