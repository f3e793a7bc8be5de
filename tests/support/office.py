"""LibreOffice (headless) and poppler helpers: DOCX -> PDF -> text / PNG.

* :func:`docx_to_pdf` converts with ``soffice --headless --convert-to pdf``
  using a PRIVATE user profile ``<outdir>/.lo-profile`` (passed as
  ``-env:UserInstallation=file://...``) so parallel test workers and CI jobs
  never share/lock a profile.  Use a distinct *outdir* per concurrent
  conversion (``tmp_path`` is).  Re-using the same outdir re-uses its profile,
  which saves ~1 s per conversion.
* :func:`pdf_text` defaults to plain ``pdftotext`` (reading order, single
  spaces between words): right for "does the PDF contain this sentence"
  checks.  ``layout=True`` uses ``pdftotext -layout``, which keeps the
  physical arrangement (columns, tables, right-aligned symbols, tab stops) but
  pads justified lines with extra spaces, so normalise whitespace before
  searching in it.  Pages are separated by form feeds (``\\f``) in both modes.
* :func:`pdf_page_count` uses ``pdfinfo`` when present, else counts pages via
  ``pdftotext``.
* :func:`render_page_png` renders one page with ``pdftoppm -png -singlefile``.

All tools are located with :func:`tests.support.tools.require` (skip locally,
fail under ``CI=true``).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
from importlib import resources
from pathlib import Path

from . import tools

__all__ = ["docx_to_pdf", "pdf_text", "pdf_page_count", "render_page_png",
           "normalize_ws", "ConversionError"]

#: fontconfig substitutions of the UN faces by the free faces CI installs: the file
#: shipped with the package, which ``reportgen build --pdf`` uses too
FONTS_CONF = Path(str(resources.files("reportgen.render") / "fonts.conf"))

#: seconds allowed for one LibreOffice conversion (first start creates the profile)
CONVERT_TIMEOUT = 180


class ConversionError(RuntimeError):
    """LibreOffice did not produce the PDF; the message carries its output."""


def _run(cmd: list[str], timeout: float, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run *cmd* in its own process group; kill the whole group on timeout
    (``soffice`` is a wrapper script around ``soffice.bin``)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, env=env)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = proc.communicate()
        raise ConversionError(
            f"timed out after {timeout}s: {' '.join(cmd)}\n--- stdout ---\n{out}\n"
            f"--- stderr ---\n{err}"
        ) from None
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def docx_to_pdf(docx: Path | str, outdir: Path | str, *, timeout: float = CONVERT_TIMEOUT) -> Path:
    """Convert *docx* to ``<outdir>/<stem>.pdf`` with headless LibreOffice."""
    soffice = tools.require("soffice")
    docx = Path(docx).resolve()
    outdir = Path(outdir).resolve()
    if not docx.is_file():
        raise FileNotFoundError(docx)
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / ".lo-profile"
    pdf = outdir / (docx.stem + ".pdf")
    if pdf.exists():
        pdf.unlink()
    cmd = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
        "--nolockcheck",
        "--convert-to", "pdf:writer_pdf_Export",
        "--outdir", str(outdir),
        str(docx),
    ]
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}
    result = _run(cmd, timeout, env=env)
    # soffice exits 0 even when it could not load the file: trust only the PDF.
    if result.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        raise ConversionError(
            f"LibreOffice failed to convert {docx} (exit {result.returncode})\n"
            f"command: {' '.join(cmd)}\n--- stdout ---\n{result.stdout}\n"
            f"--- stderr ---\n{result.stderr}"
        )
    return pdf


def pdf_text(pdf: Path | str, *, layout: bool = False, first_page: int | None = None,
             last_page: int | None = None, timeout: float = 60) -> str:
    """Text of *pdf* (UTF-8) via ``pdftotext``; see module doc for *layout*."""
    exe = tools.require("pdftotext")
    cmd = [exe, "-enc", "UTF-8"]
    if layout:
        cmd.append("-layout")
    if first_page is not None:
        cmd += ["-f", str(first_page)]
    if last_page is not None:
        cmd += ["-l", str(last_page)]
    cmd += [str(pdf), "-"]
    proc = subprocess.run(cmd, capture_output=True, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"pdftotext failed on {pdf}: {proc.stderr.decode(errors='replace')}")
    return proc.stdout.decode("utf-8")


def normalize_ws(text: str) -> str:
    """Collapse every run of whitespace (incl. NBSP, line and page breaks) to one space."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def pdf_page_count(pdf: Path | str) -> int:
    """Number of pages of *pdf*."""
    pdfinfo = tools.find("pdfinfo")
    if pdfinfo:
        proc = subprocess.run([pdfinfo, str(pdf)], capture_output=True, timeout=60)
        if proc.returncode != 0:
            raise RuntimeError(f"pdfinfo failed on {pdf}: {proc.stderr.decode(errors='replace')}")
        m = re.search(rb"^Pages:\s+(\d+)\s*$", proc.stdout, re.M)
        if m:
            return int(m.group(1))
    # pdftotext ends every page with a form feed
    return pdf_text(pdf).count("\f")


def render_page_png(pdf: Path | str, page: int, out_png: Path | str, *, dpi: int = 100,
                    timeout: float = 120) -> Path:
    """Render 1-based *page* of *pdf* to *out_png* (PNG) at *dpi*; return its path."""
    exe = tools.require("pdftoppm")
    out_png = Path(out_png)
    if out_png.suffix.lower() != ".png":
        out_png = out_png.with_name(out_png.name + ".png")
    out_png.parent.mkdir(parents=True, exist_ok=True)
    prefix = out_png.with_suffix("")
    cmd = [exe, "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
           str(pdf), str(prefix)]
    proc = subprocess.run(cmd, capture_output=True, timeout=timeout)
    if proc.returncode != 0 or not out_png.is_file():
        raise RuntimeError(f"pdftoppm failed for page {page} of {pdf} (exit {proc.returncode}): "
                           f"{proc.stderr.decode(errors='replace')}")
    return out_png
