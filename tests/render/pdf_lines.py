"""The lines of a PDF as LibreOffice set them, read with ``pdftotext -bbox-layout``:
the checks of issue 24 on where lines break (inside a document symbol, after a
hyphen in a heading) and where things stand on a page.

``pdftotext -bbox-layout`` writes XHTML: per page its ``flow``s, ``block``s,
``line``s and ``word``s, each with its box in points (origin top left). A line's
text here is its words joined by one space, which is how a reader would retype it.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from tests.support import tools

XHTML = "{http://www.w3.org/1999/xhtml}"
#: Bidi controls pdftotext puts around right-to-left text.
BIDI = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Line:
    page: int  # 1-based
    block: int  # index of its block on the page
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def y0(self) -> float:
        return min(w.y0 for w in self.words)

    @property
    def y1(self) -> float:
        return max(w.y1 for w in self.words)


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    lines: tuple[Line, ...]


def pages(pdf: Path, first: int | None = None, last: int | None = None) -> list[Page]:
    """Every page's lines, in pdftotext's reading order."""
    cmd = [tools.require("pdftotext"), "-bbox-layout", "-enc", "UTF-8"]
    if first is not None:
        cmd += ["-f", str(first)]
    if last is not None:
        cmd += ["-l", str(last)]
    proc = subprocess.run([*cmd, str(pdf), "-"], capture_output=True, timeout=300, check=True)
    root = etree.fromstring(proc.stdout, etree.XMLParser(huge_tree=True, recover=True))
    out = []
    for n, page in enumerate(root.iter(f"{XHTML}page"), start=first or 1):
        lines = []
        for b, block in enumerate(page.iter(f"{XHTML}block")):
            for line in block.iter(f"{XHTML}line"):
                words = tuple(Word(BIDI.sub("", w.text or ""), *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
                              for w in line.iter(f"{XHTML}word"))
                words = tuple(w for w in words if w.text)
                if words:
                    lines.append(Line(n, b, words))
        out.append(Page(n, float(page.get("width")), float(page.get("height")), tuple(lines)))
    return out


def consecutive(all_pages: list[Page]) -> list[tuple[Line, Line]]:
    """Pairs of lines where the first ends and the second goes on: within a block."""
    pairs = []
    for page in all_pages:
        for a, b in zip(page.lines, page.lines[1:]):
            if a.block == b.block:
                pairs.append((a, b))
    return pairs


def broken_symbols(all_pages: list[Page], symbols: set[str]) -> list[tuple[str, str, str]]:
    """(symbol, end of the line, start of the next) for each line break inside one of
    ``symbols``: the line ends with the symbol's first part (or that part and a
    hyphen LibreOffice added) and the next starts with the rest."""
    found = []
    for a, b in consecutive(all_pages):
        tail, head = a.text.rstrip(), b.text.lstrip()
        for symbol in symbols:
            for k in range(1, len(symbol)):
                first, rest = symbol[:k].rstrip(), symbol[k:].lstrip()
                if not first or not rest:
                    continue
                ends = tail.endswith(first) or (tail.endswith("-") and tail[:-1].endswith(first)
                                                 and symbol[k] != "-")
                if ends and head.startswith(rest):
                    found.append((symbol, tail[-30:], head[:30]))
                    break
    return found


def hyphenated_lines(all_pages: list[Page], texts: list[str]) -> list[str]:
    """The ``texts`` (headings, masthead lines) that the PDF does not hold whole once
    its lines are joined by spaces: a word of them was hyphenated at a line end."""
    flat = " ".join(line.text for page in all_pages for line in page.lines)
    flat = re.sub(r"\s+", " ", flat.replace("\u00a0", " "))
    return [t for t in texts if re.sub(r"\s+", " ", t.replace("\u00a0", " ")) not in flat]


def visual_lines(page: Page, tolerance: float = 2.0) -> list[list[Word]]:
    """The page's words grouped by the line they stand on (their baselines within
    ``tolerance`` points), each left to right: a paragraph number and its text are one
    visual line even where pdftotext reads them as two blocks."""
    words = sorted((w for line in page.lines for w in line.words), key=lambda w: (w.y1, w.x0))
    rows: list[list[Word]] = []
    for word in words:
        if rows and abs(rows[-1][0].y1 - word.y1) <= tolerance:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w.x0) for row in rows]


def first_line_offsets(all_pages: list[Page], rtl: bool) -> dict[int, float]:
    """For each paragraph number (``12.``, or ``12 -`` at the right of a right-to-left
    line) that starts a visual line, where its text starts: the left edge of the first
    word after it, or in a right-to-left line the right edge of the word before it."""
    out: dict[int, float] = {}
    for page in all_pages:
        for row in visual_lines(page):
            texts = [w.text for w in row]
            if rtl and len(row) > 2 and texts[-1].isdigit() and texts[-2] == "-":  # "- 12", visually
                out.setdefault(int(texts[-1]), row[-3].x1)
            elif not rtl and len(row) > 2 and re.fullmatch(r"\d+\.", texts[0]):
                out.setdefault(int(texts[0][:-1]), row[1].x0)
    return out
