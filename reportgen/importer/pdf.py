"""A PDF → the text ``pdftext`` reads, through poppler's ``pdftotext``.

pdftotext's plain output joins a word hyphenated at a line end *and drops its hyphen*,
a compound's own included ("Open-ended" → "Openended", "государствами-участниками" →
"государствамиучастниками"), before anyone can judge the join. Its ``-bbox-layout``
output keeps every printed line, word and hyphen, with poppler's reading order (flows,
blocks) and positions; this module writes it out as lines (blocks apart by a blank
line, pages by form feeds), so that ``pdftext`` judges each hyphen itself.

Right-to-left text is the exception: ``-bbox-layout`` gives its words in visual order
with their letters reversed, so a right-to-left version (``direction: rtl`` in the
language data) is read from the plain output, which keeps logical order.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from lxml import etree

from reportgen.errors import UserError

__all__ = ["pdf_text", "bbox_text", "PDFTOTEXT_TIMEOUT"]

PDFTOTEXT_TIMEOUT = 120  # seconds; a PDF of several hundred pages takes a few
XHTML = "{http://www.w3.org/1999/xhtml}"
# Two words of a line are one ("CAC" + "/COSP/…" in two sizes) when the gap between them
# is under this share of the line's height; a space is a quarter of it or more.
_JOINED = 0.1


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
    return done.stdout.decode("utf-8", "replace") if logical_order else bbox_text(done.stdout)


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
