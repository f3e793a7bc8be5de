"""PDF writer: the rendered DOCX through headless LibreOffice (``reportgen build --pdf``).

A writer after ``render/docx``, not a second renderer: the PDF is LibreOffice's layout
of exactly the DOCX that is written beside it, so the two never disagree. It takes the
DOCX *bytes* and their destined paths rather than files already written, so that a
conversion that fails leaves nothing behind (INTERFACE §3.3): the caller writes DOCX and
PDF only once every PDF exists.

LibreOffice quirks handled here:

* ``soffice`` refuses to start, or hands the job to a running instance, when another
  process uses the same user profile; every run gets a private profile in a temporary
  folder (``-env:UserInstallation``), so concurrent builds do not clash.
* It exits 0 even when it could not load or export a file: only a non-empty PDF counts.
* The DOCX names Windows faces (Times New Roman, SimSun, SimHei, Simplified Arabic) and
  LibreOffice ignores ``w:altName``; ``fonts.conf`` (package data) maps them to free faces
  through ``FONTCONFIG_FILE``, set for LibreOffice's process only.
* Its PDF carries the conversion time (``CreationDate``, XMP ``CreateDate``, ``/ID``),
  and LibreOffice 7.x offers no way to fix it (``SOURCE_DATE_EPOCH`` is ignored), so
  the PDF, unlike the DOCX, is not byte-identical between runs.

The work is done in a scratch folder (``files.scratch_folder``: removed afterwards, and
by the next run when this one is killed); a disk that fills up there is ``cannot write
to X: reason``, like any other output, and nothing is written beside the DOCX.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from collections.abc import Mapping
from importlib import resources
from pathlib import Path

from reportgen.errors import Diagnostic, UserError
from reportgen.files import cannot_write, scratch_folder

#: PDF/A-2b (archival: every font embedded, XMP metadata), which LibreOffice exports
#: cleanly; given as the JSON filter options ``--convert-to`` accepts since 7.4.
EXPORT_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
#: Seconds allowed for the one LibreOffice run of a build (start-up creates the profile).
TIMEOUT = 600
#: What ``--pdf`` looks for on PATH, in order (Debian installs both names).
PROGRAMS = ("soffice", "libreoffice")


def find_soffice() -> str:
    """The LibreOffice executable on PATH; a user error when there is none, raised
    before anything is rendered or written."""
    for name in PROGRAMS:
        found = shutil.which(name)
        if found:
            return found
    raise UserError("reportgen", None,
                    "LibreOffice (soffice) is not installed: no soffice or libreoffice on PATH; "
                    "install LibreOffice to write PDFs (e.g. apt-get install libreoffice-writer)")


def convert(docx: Mapping[Path, bytes], soffice: str,
            timeout: float = TIMEOUT) -> tuple[dict[Path, bytes], list[Diagnostic]]:
    """PDF bytes for each DOCX (``x.docx`` → ``x.pdf`` beside it), from one LibreOffice
    run over all of them; plus one error per PDF that could not be made. The DOCX file
    names must differ (they are converted side by side in one folder)."""
    names = [path.name for path in docx]
    assert len(set(names)) == len(names), f"DOCX names must differ: {names}"
    with scratch_folder("pdf") as work, \
            resources.as_file(resources.files(__package__) / "fonts.conf") as fonts_conf:
        source, target = work / "docx", work / "pdf"
        source.mkdir()
        for path, data in docx.items():
            try:
                (source / path.name).write_bytes(data)
            except OSError as exc:
                raise cannot_write(source / path.name, exc) from None
        command = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}",
                   "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
                   "--nolockcheck", "--convert-to", EXPORT_FILTER, "--outdir", str(target),
                   *(str(source / name) for name in names)]
        env = {**os.environ, "FONTCONFIG_FILE": str(fonts_conf)}
        failure = _run(command, env, timeout)
        pdfs: dict[Path, bytes] = {}
        errors: list[Diagnostic] = []
        for path in docx:
            made = target / f"{path.stem}.pdf"
            pdf = path.with_suffix(".pdf")
            if failure is None and made.is_file() and made.stat().st_size > 0:
                pdfs[pdf] = made.read_bytes()  # a PDF of LibreOffice's own making, from our DOCX
            else:
                why = failure or "LibreOffice wrote no PDF"
                errors.append(Diagnostic("error", pdf, None, f"cannot convert {path.name} to PDF: {why}"))
    return pdfs, errors


def _run(command: list[str], env: dict[str, str], timeout: float) -> str | None:
    """Run LibreOffice in its own process group (``soffice`` is a script that starts
    ``soffice.bin``, which must be killed with it on a timeout); None when it ran to a
    normal end, else why not, in one line."""
    try:
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    except OSError as exc:
        return f"cannot run {command[0]}: {exc.strerror or exc}"
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.communicate()
        return f"LibreOffice did not finish within {timeout:g} s"
    if proc.returncode != 0:
        last = [line.strip() for line in err.splitlines() if line.strip()]
        return f"LibreOffice exited with status {proc.returncode}" + (f" ({last[-1]})" if last else "")
    return None
