"""What a page prints around the text: running headers and footers, the table of
contents, and the masthead block the body starts below.

All of it is told by position and type, never by the words of one document: a running
header is text that repeats *at the same place* on other pages (the symbol, a page
number, a job number line), so a paragraph number at the top of a page ("22.") that
merely looks like a page number stays text; a table of contents is lines ending in dot
leaders and a page number; the masthead is the first page's text above the first
chapter or paragraph, up to its title block.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from reportgen.importer.layout import Line, Page
from reportgen.importer.masthead import JOB, Fields, footer_fields
from reportgen.importer.structure import Classifier
from reportgen.resolve.symbols import canonical, is_symbol

__all__ = ["running", "contents", "masthead_end", "masthead_lines"]

_PAGE_NUMBER = re.compile(r"^(?:\d{1,4}|-\s*\d{1,4}\s*-|\d{1,4}\s*/\s*\d{1,4}|\(\d{1,4}\))$")
_BARCODE = re.compile(r"^\*[0-9A-Z]+\*$")
_PRIVATE = re.compile(r"^[\ue000-\uf8ff\s]+$")  # a barcode font's glyphs
_EDGE = 3          # lines at each edge of a page that may be running heads
_SAME_PLACE = 0.012  # share of the page height two running heads may differ by
_LEADER = re.compile(r"(?:\.\s?){4,}|…{2,}|(?:\.\s?…)|_{5,}")
_PAGE_REF = re.compile(r"\d{1,4}(?:\s*[-–]\s*\d{1,4})?\s*$")


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()))


def running(pages: list[Page], fields: Fields) -> set[int]:
    """The line numbers (``Line.no``) of running headers and footers, page numbers and
    barcodes; the symbol and the first page's job number line go to ``fields``."""
    edges: list[list[Line]] = []
    for page in pages:
        lines = page.lines
        edges.append([part for ln in (lines[:_EDGE] + lines[-_EDGE:] if len(lines) > 2 * _EDGE else lines)
                      for part in ln.columns()])
    exact: Counter[tuple[str, int]] = Counter()
    shapes: Counter[tuple[str, int]] = Counter()
    for page, edge in zip(pages, edges):
        exact.update({(" ".join(p.text.split()), _place(p, page)) for p in edge})
        shapes.update({(_shape(p.text), _place(p, page)) for p in edge})
    drop: set[int] = set()
    partial: dict[int, int] = Counter()
    for page, edge in zip(pages, edges):
        top_line = page.lines[0].no if page.lines else -1
        bottom = page.lines[-1].no if page.lines else -1
        for part in edge:
            text = part.text.strip()
            place = _place(part, page)
            near = (place - 1, place, place + 1)
            # the same text at the same place on another page (the symbol, a title), or
            # the same shape on most pages ("Page 3 of 16")
            repeated = len(text) < 80 and (sum(exact[(" ".join(text.split()), p)] for p in near) > 1
                                           or sum(shapes[(_shape(text), p)] for p in near) >= max(3, len(pages) / 2))
            extreme = part.no in (top_line, bottom)
            if (footer := footer_fields(text)) is not None:
                fields.set("job", footer[0], part.no)
                if footer[1]:
                    fields.set("processed", footer[1], part.no)
            elif is_symbol(text) and (extreme or repeated):
                fields.set("symbol", canonical(text), part.no)
            elif not (repeated and len(pages) > 1 or _BARCODE.match(text) or _PRIVATE.match(text)
                      or JOB.match(text) or (extreme and _PAGE_NUMBER.match(text))):
                continue
            partial[part.no] += 1
    for page in pages:
        for ln in page.lines:
            if partial.get(ln.no, 0) and partial[ln.no] >= len(ln.columns()):
                drop.add(ln.no)
            elif partial.get(ln.no, 0):
                # a footer line holding the page number and the job number: drop the
                # columns that are running text, keep the others
                keep = [c for part in ln.columns() if not _furniture(part.text.strip()) for c in part.chunks]
                ln.chunks[:] = keep or ln.chunks
                ln.changed()
    return drop


def _place(line: Line, page: Page) -> int:
    return round(line.top / (page.height * _SAME_PLACE or 1))


def _furniture(text: str) -> bool:
    return bool(footer_fields(text) or is_symbol(text) or _PAGE_NUMBER.match(text) or JOB.match(text)
                or _BARCODE.match(text) or _PRIVATE.match(text))


def contents(lines: list[Line]) -> list[Line]:
    """The lines of a table of contents: entries ending in dot leaders and a page
    number, the lines of an entry broken before its leader, and the heading lines
    ("Contents", "Paragraphs Page") just above the first entry."""
    entries = [k for k, ln in enumerate(lines) if _LEADER.search(ln.text) and _PAGE_REF.search(ln.text)]
    if len(entries) < 2:
        return []
    out: set[int] = set()
    run = [entries[0]]
    for k in entries[1:] + [len(lines) + 10]:
        if k - run[-1] <= 4:
            run.append(k)
            continue
        if len(run) >= 2:
            out.update(range(run[0], run[-1] + 1))
            first = lines[run[0]]
            for j in range(run[0] - 1, max(run[0] - 3, -1), -1):
                head = lines[j]  # "Contents", "Paragraphs Page": short, close, not a title
                if head.page != first.page or len(head.text.split()) > 3 or head.size > first.size + 1 \
                        or first.top - head.top > 3 * first.size:
                    break
                out.add(j)
                first = head
        run = [k]
    return [lines[k] for k in sorted(out)]


def masthead_end(lines: list[Line], classify: Classifier) -> int:
    """How many of the first page's lines (body lines in reading order) are the masthead:
    those above the first chapter or paragraph, up to the last line set in bold (the
    title block); the plain lines between the title and the first marker are the body's
    unnumbered paragraphs ("The General Assembly,")."""
    if not lines:
        return 0
    first_page = lines[0].page
    start = next((k for k, ln in enumerate(lines)
                  if ln.page != first_page or classify.peek(ln.text).kind in ("heading", "paragraph")), len(lines))
    bold = [k for k in range(start) if lines[k].bold]
    return bold[-1] + 1 if bold else start


def masthead_lines(lines: list[Line], right: float, join: Callable[[list[str]], str]) -> list[tuple[int, str]]:
    """The masthead as (line, text) in reading order, each column of the top block a
    line of its own (the organ beside the distribution block), the lines of a title
    broken at the right margin joined (``join``: as the script and hyphens want), and
    an empty text where a wider gap than a
    line's sets blocks apart (``read_masthead`` keeps the blocks' fields apart)."""
    parts = [part for ln in lines for part in ln.columns(1.0)]
    out: list[tuple[int, str, Line]] = []
    for part in sorted(parts, key=lambda p: (p.top, p.left)):
        # the line above in the same column (the other column's lines come between)
        at = next((k for k in range(len(out) - 1, -1, -1)
                   if out[k][2].left < part.right and part.left < out[k][2].right), None)
        if at is not None and _wraps(out[at][2], part, right, parts):
            no, text, _ = out[at]
            out[at] = (no, join([text, part.text]), part)
            continue
        above = out[at][2] if at is not None else None
        if above is not None and out[-1][1] and part.top - above.bottom > 1.2 * part.size:
            out.append((part.no, "", part))
        out.append((part.no, part.text, part))
    return [(no, text) for no, text, _ in out]


def _wraps(prev: Line, line: Line, right: float, parts: list[Line]) -> bool:
    """Whether ``line`` continues ``prev`` in the title block: the same bold type, the
    next line, and its first word would not have fitted at the end of ``prev``."""
    if (prev.size, prev.bold, prev.italic) != (line.size, line.bold, line.italic) or not line.bold:
        return False
    if not 0 < line.bottom - prev.bottom <= 1.6 * line.size or abs(line.left - prev.left) > 2 * line.size:
        return False
    beside = [p.left for p in parts if p.left > prev.right and abs(p.top - prev.top) < 3 * prev.size]
    limit = min(beside + [right]) - 0.5 * prev.size
    return prev.right + 0.3 * prev.size + line.first_word() > limit
