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

import os
import re
import selectors
import shutil
import subprocess
import time
from pathlib import Path

from lxml import etree

from reportgen import safexml
from reportgen.errors import UserError
from reportgen.limits import PDF_TEXT_BYTES, XML_BYTES, Limit, TooLarge, size

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
    out, err, code = _run(source, [exe, "-xml", "-i", "-stdout", "-noroundcoord", "-enc", "UTF-8", str(source)],
                          XML_BYTES, "its layout (pdftohtml -xml)")
    if code != 0 or not out.strip():
        said = [" ".join(ln.split()) for ln in err.decode("utf-8", "replace").splitlines() if ln.strip()]
        why = "; ".join(dict.fromkeys(said)) or f"exit status {code}"
        raise UserError(source, None, f"pdftohtml cannot read it: {why}")
    return out


def pdf_text(source: Path, logical_order: bool) -> str:
    """The PDF's text, lines as printed (``logical_order``: pdftotext's plain output,
    for right-to-left scripts)."""
    exe = shutil.which("pdftotext")
    if exe is None:
        raise UserError(source, None, "reading a PDF needs pdftotext (poppler-utils); "
                        "install it, or import the text pdftotext gives")
    mode = [] if logical_order else ["-bbox-layout"]
    out, err, code = _run(source, [exe, *mode, "-enc", "UTF-8", str(source), "-"],
                          PDF_TEXT_BYTES if logical_order else XML_BYTES,
                          "its text (pdftotext)" if logical_order else "its text's layout (pdftotext -bbox-layout)")
    if code != 0:
        why = " ".join(err.decode("utf-8", "replace").split()) or f"exit status {code}"
        raise UserError(source, None, f"pdftotext cannot read it: {why}")
    return _neutrals(out.decode("utf-8", "replace")) if logical_order else bbox_text(out, source)


_STDERR_KEPT = 64 * 1024  # poppler may warn once per glyph: what is kept of it for a message


def _run(source: Path, command: list[str], limit: Limit, what: str) -> tuple[bytes, bytes, int]:
    """Run a poppler tool on ``source``: its output, its messages and its exit status.
    The output is read as it comes and the tool is stopped as soon as it passes
    ``limit`` (a PDF of a million lines is refused after the first 64 MB of its layout,
    never held whole) or runs longer than ``PDFTOTEXT_TIMEOUT``."""
    tool = Path(command[0]).name
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    assert proc.stdout is not None and proc.stderr is not None
    out: list[bytes] = []
    err = bytearray()
    count = 0
    deadline = time.monotonic() + PDFTOTEXT_TIMEOUT
    try:
        with selectors.DefaultSelector() as selector:
            selector.register(proc.stdout, selectors.EVENT_READ)
            selector.register(proc.stderr, selectors.EVENT_READ)
            while selector.get_map():
                left = deadline - time.monotonic()
                if left <= 0:
                    raise UserError(source, None, f"{tool} took more than {PDFTOTEXT_TIMEOUT} s")
                for key, _ in selector.select(timeout=left):
                    chunk = os.read(key.fd, 1 << 20)
                    if not chunk:
                        selector.unregister(key.fileobj)
                    elif key.fileobj is proc.stdout:
                        count += len(chunk)
                        if limit.exceeded(count):
                            raise TooLarge(source, None, limit.over(f"{what} is over {size(limit.value)}"),
                                           limit)
                        out.append(chunk)
                    elif len(err) < _STDERR_KEPT:
                        err += chunk
        code = proc.wait(timeout=max(deadline - time.monotonic(), 1))
    except subprocess.TimeoutExpired:
        raise UserError(source, None, f"{tool} took more than {PDFTOTEXT_TIMEOUT} s") from None
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    return b"".join(out), bytes(err), code


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


# Characters XML cannot hold, which pdftotext writes as they are in the PDF's text: left
# out (the text reader leaves out the rest a report cannot hold, with a warning)
_NOT_XML = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def bbox_text(xhtml: bytes, source: Path = Path("PDF")) -> str:
    """``pdftotext -bbox-layout`` output as text: a line per printed line, a blank line
    between blocks, a form feed between pages. Parsed by the safe XML parser (its
    DOCTYPE only names XHTML's DTD, which is not read), with its limits: the text comes
    from the PDF."""
    root = safexml.parse(Path(f"{source} (pdftotext -bbox-layout)"), _NOT_XML.sub(b"", xhtml), names_dtd=True)
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
