"""PDF writer: rendered DOCX through headless LibreOffice (``build --pdf``, ``review --pdf``,
``diff --pdf``).

A writer after ``render/docx``, not a second renderer: the PDF is LibreOffice's layout
of exactly the DOCX that is written beside it, so the two never disagree. It takes the
DOCX *bytes* and their destined paths rather than files already written, so that a
conversion that fails leaves nothing behind (INTERFACE §3.3): the caller writes DOCX and
PDF only once every PDF exists.

Each DOCX goes through LibreOffice twice: to flat ODF (``.fodt``), then to PDF. In
between, what the DOCX says and LibreOffice 7.4's DOCX import drops is put into its
own document (:func:`carry_over`): the hyphenation limits of ``w:consecutiveHyphenLimit``,
``w:hyphenationZone`` and ``w:doNotHyphenateCaps`` (which Word honours), and the
footnote separator at the right margin of a right-to-left document. Change bars are
an application setting in LibreOffice, not a document's: a right-to-left document is
converted with a profile that puts them at the right margin, where its lines start.

The versions are converted in parallel, ``jobs`` LibreOffice processes, each with a
user profile of its own (``soffice`` refuses to start, or hands the job to a running
instance, when another process uses the same profile), in a scratch folder
(``files.scratch_folder``: removed afterwards, and by the next run when this one is
killed). A file done is reported as LibreOffice reports it (``on_done``).

LibreOffice quirks handled here:

* It exits 0 even when it could not load or export a file: only a non-empty file counts.
* The DOCX names Windows faces (Times New Roman, SimSun, SimHei, Simplified Arabic) and
  LibreOffice ignores ``w:altName``; ``fonts.conf`` (package data) maps them to free faces
  through ``FONTCONFIG_FILE``, set for LibreOffice's processes only.
* It hyphenates only with the patterns of the language installed (Debian: ``hyphen-ru``):
  without them it sets Russian unhyphenated, with wide gaps, and says nothing; so a
  version whose language hyphenates and whose patterns are missing gets a warning.
* Its PDF carries the conversion time (``CreationDate``, XMP ``CreateDate``, ``/ID``),
  and LibreOffice 7.x offers no way to fix it (``SOURCE_DATE_EPOCH`` is ignored), so
  the PDF, unlike the DOCX, is not byte-identical between runs.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from lxml import etree

from reportgen.errors import Diagnostic, UserError
from reportgen.files import cannot_write, scratch_folder
from reportgen.l10n import LANGUAGES, Language, language

#: PDF/A-2b (archival: every font embedded, XMP metadata), which LibreOffice exports
#: cleanly; given as the JSON filter options ``--convert-to`` accepts since 7.4.
EXPORT_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
#: The intermediate: flat ODF, one XML file LibreOffice writes and reads whole.
FLAT_FILTER = "fodt"
#: Seconds allowed for one LibreOffice run (start-up creates the profile).
TIMEOUT = 600
#: What ``--pdf`` looks for on PATH, in order (Debian installs both names).
PROGRAMS = ("soffice", "libreoffice")
#: Where LibreOffice finds hyphenation patterns (``hyph_*.dic``) besides its own
#: dictionary extensions: the system's folder (Debian, Ubuntu, Fedora) and DICPATH.
SYSTEM_HYPHENATION_DIRS: tuple[Path, ...] = (Path("/usr/share/hyphen"),)
#: LibreOffice's change-bar position (org.openoffice.Office.Writer/Revision/LinesChanged/Mark,
#: a css.text.HoriOrientation): 1 the right margin, for documents that run right to left.
RIGHT_MARGIN = 1
_PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Writer/Revision/LinesChanged"><prop oor:name="Mark" oor:op="fuse">\
<value>{mark}</value></prop></item>
</oor:items>
"""

STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
LOEXT = "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"


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


def convert(docx: Mapping[Path, bytes], soffice: str, *, jobs: int = 1, timeout: float = TIMEOUT,
            on_done: Callable[[Path], None] | None = None) -> tuple[dict[Path, bytes], list[Diagnostic]]:
    """PDF bytes for each DOCX (``x.docx`` → ``x.pdf`` beside it), made by ``jobs``
    LibreOffice processes at once; plus one error per PDF that could not be made and a
    warning per PDF set without the hyphenation its language needs. ``on_done`` is
    called with each DOCX's path as its PDF is made. The DOCX file names must differ
    (each worker converts its share side by side in one folder)."""
    names = [path.name for path in docx]
    assert len(set(names)) == len(names), f"DOCX names must differ: {names}"
    paths = list(docx)
    workers = max(1, min(jobs, len(paths)))
    lock = threading.Lock()

    def done(path: Path) -> None:
        if on_done is not None:
            with lock:
                on_done(path)

    with scratch_folder("pdf") as work, \
            resources.as_file(resources.files(__package__) / "fonts.conf") as fonts_conf:
        env = {**os.environ, "FONTCONFIG_FILE": str(fonts_conf)}
        shares = [Worker(work / f"worker{i}", soffice, env, timeout, done) for i in range(workers)]
        for i, path in enumerate(paths):
            shares[i % workers].docx[path] = docx[path]
        for worker in shares:
            worker.prepare()  # the DOCX written (cannot_write raises here, before any run)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(Worker.run, shares))
    pdfs: dict[Path, bytes] = {}
    diagnostics: list[Diagnostic] = []
    for path in paths:  # in the given order, whichever worker made it
        worker = shares[paths.index(path) % workers]
        pdf = path.with_suffix(".pdf")
        if path in worker.pdfs:
            pdfs[pdf] = worker.pdfs[path]
            diagnostics += [Diagnostic("warning", pdf, None, w) for w in worker.warnings.get(path, [])]
        else:
            diagnostics.append(Diagnostic("error", pdf, None,
                                          f"cannot convert {path.name} to PDF: {worker.failures.get(path)}"))
    return pdfs, diagnostics


@dataclass
class Worker:
    """One LibreOffice process's share: DOCX → flat ODF → carried over → PDF."""

    folder: Path
    soffice: str
    env: dict[str, str]
    timeout: float
    done: Callable[[Path], None]
    docx: dict[Path, bytes] = field(default_factory=dict)
    pdfs: dict[Path, bytes] = field(default_factory=dict)
    failures: dict[Path, str] = field(default_factory=dict)
    warnings: dict[Path, list[str]] = field(default_factory=dict)

    def prepare(self) -> None:
        source = self.folder / "docx"
        source.mkdir(parents=True)
        for path, data in self.docx.items():
            try:
                (source / path.name).write_bytes(data)
            except OSError as exc:
                raise cannot_write(source / path.name, exc) from None

    def run(self) -> None:
        if not self.docx:
            return
        flat = self.folder / "fodt"
        failure = self._soffice("profile", FLAT_FILTER, flat, [self.folder / "docx" / p.name for p in self.docx])
        groups: dict[bool, list[Path]] = {False: [], True: []}
        for path in self.docx:
            made = flat / f"{path.stem}.fodt"
            if failure is not None or not made.is_file() or made.stat().st_size == 0:
                self.failures[path] = failure or "LibreOffice wrote no PDF"
                continue
            try:
                found = carry_over(made, self.soffice)
            except etree.XMLSyntaxError as exc:  # not LibreOffice's doing: a damaged scratch file
                self.failures[path] = f"LibreOffice's flat ODF cannot be read ({exc})"
                continue
            if found.warning:
                self.warnings[path] = [found.warning]
            groups[found.rtl].append(path)
        target = self.folder / "pdf"
        for rtl, paths in groups.items():
            if not paths:
                continue
            profile = "profile-rtl" if rtl else "profile"
            if rtl and not (self.folder / profile).exists():
                settings = self.folder / profile / "user" / "registrymodifications.xcu"
                settings.parent.mkdir(parents=True)
                settings.write_text(_PROFILE_SETTINGS.format(mark=RIGHT_MARGIN), encoding="utf-8")
            failure = self._soffice(profile, EXPORT_FILTER, target, [flat / f"{p.stem}.fodt" for p in paths],
                                    on_line=self._progress(paths, target))
            for path in paths:
                made = target / f"{path.stem}.pdf"
                if failure is None and made.is_file() and made.stat().st_size > 0:
                    if path not in self.pdfs:
                        self.pdfs[path] = made.read_bytes()  # LibreOffice's own PDF, of our DOCX
                        self.done(path)
                else:
                    self.pdfs.pop(path, None)  # a run that failed makes no PDF, even one it wrote
                    self.failures[path] = failure or "LibreOffice wrote no PDF"

    def _progress(self, paths: list[Path], target: Path) -> Callable[[str], None]:
        """A line handler that reports each PDF as LibreOffice starts on the next file
        (``convert A -> B`` is printed once A is loaded, so the one before is written)."""
        seen = [0]

        def on_line(line: str) -> None:
            if not line.startswith("convert "):
                return
            seen[0] += 1
            if seen[0] >= 2:
                path = paths[seen[0] - 2]
                made = target / f"{path.stem}.pdf"
                if made.is_file() and made.stat().st_size > 0 and path not in self.pdfs:
                    self.pdfs[path] = made.read_bytes()
                    self.done(path)

        return on_line

    def _soffice(self, profile: str, filter_: str, outdir: Path, files: list[Path],
                 on_line: Callable[[str], None] | None = None) -> str | None:
        command = [self.soffice, f"-env:UserInstallation={(self.folder / profile).as_uri()}",
                   "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
                   "--nolockcheck", "--convert-to", filter_, "--outdir", str(outdir), *map(str, files)]
        return _run(command, self.env, self.timeout, on_line)


@dataclass(frozen=True)
class CarriedOver:
    rtl: bool  # the document runs right to left (its PDF: change bars at the right)
    warning: str | None  # the hyphenation patterns its language needs are not installed


def carry_over(fodt: Path, soffice: str) -> CarriedOver:
    """Put into LibreOffice's flat ODF what the DOCX says and LibreOffice 7.4's import
    drops: the hyphenation limits of a language that hyphenates (its data key
    ``hyphenation``: at most N hyphenated lines in a row, the zone, no hyphen in words
    in capitals), and the footnote separator at the right of a right-to-left page.
    Says whether the document runs right to left, and whether LibreOffice lacks the
    hyphenation patterns it needs."""
    tree = etree.parse(str(fodt), etree.XMLParser(huge_tree=True))
    root = tree.getroot()
    rtl = any(p.get(f"{{{STYLE}}}writing-mode") == "rl-tb" for p in root.iter(f"{{{STYLE}}}page-layout-properties"))
    if rtl:
        for separator in root.iter(f"{{{STYLE}}}footnote-sep"):
            separator.set(f"{{{STYLE}}}adjustment", "right")
    lang = _hyphenated_language(root)
    warning = None
    if lang is not None and lang.hyphenation is not None:
        rules = lang.hyphenation
        values = {f"{{{FO}}}hyphenation-ladder-count": str(rules.consecutive_limit),
                  f"{{{LOEXT}}}hyphenation-zone": f"{rules.zone / 567:.3f}cm",
                  f"{{{LOEXT}}}hyphenation-no-caps": "false" if rules.caps else "true"}
        for node in root.iter():
            for name, value in values.items():
                if node.get(name) is not None:
                    node.set(name, value)
        if not has_patterns(rules.dictionary, soffice):
            warning = (f"LibreOffice has no {lang.english_name} hyphenation patterns ({rules.dictionary}): "
                       f"the PDF is set without hyphenation, with wider gaps between words; install them "
                       f"and convert again (Debian, Ubuntu: apt-get install {rules.package})")
    tree.write(str(fodt), encoding="UTF-8", xml_declaration=True)
    return CarriedOver(rtl, warning)


def _hyphenated_language(root: etree._Element) -> Language | None:
    """The document's language when some paragraph style hyphenates (the DOCX said
    ``w:autoHyphenation``), by the default style's ``fo:language``/``fo:country``."""
    if not any(n.get(f"{{{FO}}}hyphenate") == "true" for n in root.iter(f"{{{STYLE}}}text-properties")):
        return None
    for default in root.iter(f"{{{STYLE}}}default-style"):
        if default.get(f"{{{STYLE}}}family") != "paragraph":
            continue
        props = default.find(f"{{{STYLE}}}text-properties")
        if props is None:
            continue
        tag = f"{props.get(f'{{{FO}}}language')}-{props.get(f'{{{FO}}}country')}"
        for code in LANGUAGES:
            if language(code).word_lang == tag:
                return language(code)
    return None


def hyphenation_dirs(soffice: str) -> list[Path]:
    """Where LibreOffice looks for hyphenation patterns: the system's folder, DICPATH,
    and its own dictionary extensions (``share/extensions/dict-*`` beside ``program/``)."""
    dirs = list(SYSTEM_HYPHENATION_DIRS)
    dirs += [Path(p) for p in os.environ.get("DICPATH", "").split(os.pathsep) if p]
    install = Path(os.path.realpath(soffice)).parent.parent
    dirs += sorted((install / "share" / "extensions").glob("*"))
    return dirs


def has_patterns(dictionary: str, soffice: str) -> bool:
    """Whether LibreOffice can find the hyphenation pattern file ``dictionary``."""
    return any((folder / dictionary).is_file() or any(folder.glob(f"**/{dictionary}"))
               for folder in hyphenation_dirs(soffice) if folder.is_dir())


def _run(command: list[str], env: dict[str, str], timeout: float,
         on_line: Callable[[str], None] | None = None) -> str | None:
    """Run LibreOffice in its own process group (``soffice`` is a script that starts
    ``soffice.bin``, which must be killed with it on a timeout), handing each line it
    prints to ``on_line``; None when it ran to a normal end, else why not, in one line."""
    try:
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    except OSError as exc:
        return f"cannot run {command[0]}: {exc.strerror or exc}"
    errors: list[str] = []
    reader = threading.Thread(target=lambda: errors.extend(proc.stderr or ()), daemon=True)
    reader.start()
    expired = threading.Event()

    def kill() -> None:
        expired.set()
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    timer = threading.Timer(timeout, kill)
    timer.start()
    try:
        for line in proc.stdout or ():
            if on_line is not None:
                on_line(line)
        proc.wait()
    finally:
        timer.cancel()
        reader.join()
    if expired.is_set():
        return f"LibreOffice did not finish within {timeout:g} s"
    if proc.returncode != 0:
        last = [line.strip() for line in errors if line.strip()]
        return f"LibreOffice exited with status {proc.returncode}" + (f" ({last[-1]})" if last else "")
    return None
