"""A PDF → its page layout (poppler's ``pdftohtml -xml``) for ``layout_read``, or, for a
right-to-left version, the text ``pdftext`` reads (poppler's ``pdftotext``).

``pdftohtml -xml -i -noroundcoord`` gives every run of text with its box and font, which
is what tells a paragraph's end, a heading, a footnote and its call, a running header
(``layout``); it writes no file (``-stdout``, images ignored). It gives right-to-left text
in visual order, its letters reversed ("ةدحتملا ممألا"), and maps some Arabic ligatures
to wrong characters, so a right-to-left version (``direction: rtl`` in the language data)
is read from ``pdftotext``'s plain output, which keeps logical order; the punctuation it
embeds with a left-to-right run is put back where it belongs (``_neutrals``).

``bbox_text`` writes ``pdftotext -bbox-layout`` output as lines (blocks apart by a blank
line, pages by form feeds), every printed line, word and hyphen kept: the form the text
reader judges hyphens in (the plain output drops a line-end hyphen, a compound's too).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from lxml import etree

from reportgen.errors import UserError
from reportgen.limits import XML_BYTES, TooLarge, size

__all__ = ["pdf_text", "pdf_layout", "bbox_text", "PDFTOTEXT_TIMEOUT"]

PDFTOTEXT_TIMEOUT = 120  # seconds; a PDF of several hundred pages takes a few
XHTML = "{http://www.w3.org/1999/xhtml}"
# Two words of a line are one ("CAC" + "/COSP/…" in two sizes) when the gap between them
# is under this share of the line's height; a space is a quarter of it or more.
_JOINED = 0.1


def pdf_layout(source: Path) -> bytes:
    """The PDF's pages as ``pdftohtml -xml -i`` lays them out (pixel coordinates,
    unrounded); no image or other file is written."""
    exe = shutil.which("pdftohtml")
    if exe is None:
        raise UserError(source, None, "reading a PDF needs pdftohtml (poppler-utils); "
                        "install it, or import the text pdftotext gives")
    try:
        done = subprocess.run([exe, "-xml", "-i", "-stdout", "-noroundcoord", "-enc", "UTF-8", str(source)],
                              capture_output=True, timeout=PDFTOTEXT_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise UserError(source, None, f"pdftohtml took more than {PDFTOTEXT_TIMEOUT} s") from None
    if XML_BYTES.exceeded(len(done.stdout)):  # held in memory while it is read
        raise TooLarge(source, None, XML_BYTES.over(f"its layout (pdftohtml -xml) is {size(len(done.stdout))}"),
                       XML_BYTES)
    if done.returncode != 0 or not done.stdout.strip():
        said = [" ".join(ln.split()) for ln in done.stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
        why = "; ".join(dict.fromkeys(said)) or f"exit status {done.returncode}"
        raise UserError(source, None, f"pdftohtml cannot read it: {why}")
    return done.stdout


def pdf_text(source: Path, logical_order: bool) -> str:
    """The PDF's text, lines as printed (``logical_order``: pdftotext's plain output,
    for right-to-left scripts)."""
    exe = shutil.which("pdftotext")
    if exe is None:
        raise UserError(source, None, "reading a PDF needs pdftotext (poppler-utils); "
                        "install it, or import the text pdftotext gives")
    mode = [] if logical_order else ["-bbox-layout"]
    try:
        done = subprocess.run([exe, *mode, "-enc", "UTF-8", str(source), "-"], capture_output=True,
                              timeout=PDFTOTEXT_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise UserError(source, None, f"pdftotext took more than {PDFTOTEXT_TIMEOUT} s") from None
    if done.returncode != 0:
        why = " ".join(done.stderr.decode("utf-8", "replace").split()) or f"exit status {done.returncode}"
        raise UserError(source, None, f"pdftotext cannot read it: {why}")
    return _neutrals(done.stdout.decode("utf-8", "replace")) if logical_order else bbox_text(done.stdout)


# A left-to-right embedding (LRE … PDF) pdftotext puts in a right-to-left line
_EMBEDDED = re.compile("\u202a([^\u202a\u202b\u202c]*)\u202c")


def _neutrals(text: str) -> str:
    """pdftotext's plain output of a right-to-left line embeds each left-to-right run
    with the punctuation and spaces printed beside it, in the order they are printed:
    "السابقة‪ .‬وأشار", "(‪ ،)CAC/COSP/EG.1/2021/2‬وتناول". Those neutrals belong to the
    right-to-left text around the run, where what is printed left of the run comes after
    it: "السابقة. وأشار", "(CAC/COSP/EG.1/2021/2)، وتناول". A run of figures and a
    hyphen without a space ("-1", a paragraph number) is left as it is."""
    def fix(hit: re.Match[str]) -> str:
        run = hit.group(1)
        start = next((k for k, c in enumerate(run) if c.isalnum()), len(run))
        end = len(run) - next((k for k, c in enumerate(reversed(run)) if c.isalnum()), 0)
        lead, core, trail = run[:start], run[start:end], run[end:]
        if not any(c.isalpha() for c in core) and " " not in run:
            return hit.group(0)
        return "\u202a" + trail[::-1] + core + lead[::-1] + "\u202c"
    return _EMBEDDED.sub(fix, text)


def bbox_text(xhtml: bytes) -> str:
    """``pdftotext -bbox-layout`` output as text: a line per printed line, a blank line
    between blocks, a form feed between pages."""
    parser = etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False, huge_tree=True)
    root = etree.fromstring(xhtml, parser)
    pages = []
    for page in root.iter(f"{XHTML}page"):
        blocks = ["\n".join(_line(line) for line in block.iter(f"{XHTML}line"))
                  for block in page.iter(f"{XHTML}block")]
        pages.append("\n\n".join(blocks))
    return "\n\f".join(pages) + "\n"


def _line(line: etree._Element) -> str:
    height = float(line.get("yMax", 0)) - float(line.get("yMin", 0))
    out: list[str] = []
    end: float | None = None
    for word in line.iter(f"{XHTML}word"):
        if end is not None and float(word.get("xMin", 0)) - end > _JOINED * height:
            out.append(" ")
        out.append(word.text or "")
        end = float(word.get("xMax", 0))
    return "".join(out)
