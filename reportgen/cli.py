"""The ``reportgen`` command line (INTERFACE §3): a thin layer over :class:`~reportgen.project.Project`."""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from reportgen import manifest as build_manifest
from reportgen.project import Built, Each, Loaded, Outcome, Project
from reportgen.check import citations, merge_repeats, report_lines
from reportgen.errors import Diagnostic, UserError, WorkerError, processed_file, processing
from reportgen.files import cannot_write, write_all_atomically, write_atomically
from reportgen.l10n import LANGUAGES
from reportgen.terminal import printable

EXIT_FINDINGS, EXIT_UNUSABLE, EXIT_INTERNAL = 1, 2, 3

EPILOG = """\b
Exit status:
  0  success
  1  check or align found an (open) error
  2  the input or the invocation is unusable: every error is printed, one
     line each, PATH:LINE: message; no output file is written
  3  internal error (a bug in reportgen): one line naming the file being
     processed; please report it (REPORTGEN_DEBUG=1 shows the traceback)
"""


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EPILOG)
@click.version_option(package_name="reportgen")
def cli() -> None:
    """Multilingual UN meeting reports: Markdown drafts to UN-formatted DOCX."""


def _in_report(command: Callable[..., Any]) -> Callable[..., Any]:
    """Run a command inside ``processing(REPORT_DIR)``, so an internal error
    names at least the report folder when no stage names a file of it."""

    @functools.wraps(command)
    def run(**kwargs: Any) -> Any:
        with processing(kwargs["report_dir"]):
            return command(**kwargs)

    return run


def _load(report_dir: Path, langs: tuple[str, ...] = (), *, strict: bool = True) -> Loaded:
    """Load a report and print its diagnostics (see :func:`_usable`)."""
    return _usable(Project.open(report_dir).load(langs), strict=strict)


E = TypeVar("E", bound=Each)


def _usable(each: E, *, strict: bool = True, named_by_findings: frozenset[Path] = frozenset()) -> E:
    """Print the load's diagnostics. Exit 2 (writing nothing) on any error, or with
    ``strict=False`` only when a version cannot be read at all: alignment still
    compares a version whose numbering has a gap. A structural problem (sub-items out
    of sequence, a number skipped or repeated) of a file in ``named_by_findings`` is left
    to the alignment's own finding (subitem-sequence, missing-paragraph,
    numbering-mismatch, or the merge that explains it), not printed twice."""
    _report([d for d in each.diagnostics if not (d.structural and d.path in named_by_findings)])
    if each.unusable or (strict and each.errors):
        sys.exit(EXIT_UNUSABLE)
    return each


JOBS = click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
                    help="Processes to use, one language version each (default: one per core "
                         "for a large report, otherwise 1; also REPORTGEN_JOBS).")
# Reports this large (all versions) show a progress bar on a terminal.
PROGRESS_BYTES = 2 * 1024 * 1024


@contextmanager
def _progress(project: Project, label: str) -> Iterator[Callable[[Outcome], None] | None]:
    """A bar counting the versions done, on stderr when it is a terminal and the
    report is large; nothing otherwise (no stray output in files and pipes)."""
    files = project.files
    if not sys.stderr.isatty() or sum(p.stat().st_size for p in files.values()) < PROGRESS_BYTES:
        yield None
        return
    with click.progressbar(length=len(files), label=label, file=sys.stderr, show_pos=True,
                           item_show_func=lambda code: code) as bar:
        yield lambda outcome: bar.update(1, outcome.code)


@cli.command()
@click.argument("report_dir", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path),
              help="Output folder (default: build/<report name>/).")
@click.option("--lang", "langs", multiple=True, type=click.Choice(LANGUAGES),
              help="Build only this language version (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON manifest instead of paths.")
@click.option("--pdf", "with_pdf", is_flag=True,
              help="Also write <lang>.pdf (PDF/A-2b) beside each DOCX, through headless LibreOffice, "
                   "which must be installed. The PDF is not byte-identical between runs.")
@click.option("--manifest", type=click.Path(path_type=Path), metavar="FILE",
              help="Also write FILE (JSON: the files written, and the SHA-256 of every file the build read), "
                   "dated when the build began, and FILE.d (those inputs as a make rule), with the outputs: "
                   "what 'make report' uses.")
@JOBS
@_in_report
def build(report_dir: Path, out_dir: Path | None, langs: tuple[str, ...], as_json: bool, with_pdf: bool,
          manifest: Path | None, jobs: int | None) -> None:
    """Write one DOCX per language version of REPORT_DIR (and with --pdf a PDF of each)."""
    soffice = _soffice() if with_pdf else None  # a missing LibreOffice fails before any work
    started = build_manifest.clock(manifest.parent) if manifest is not None else 0  # before anything is read
    project = Project.open(report_dir)
    with _progress(project, "building") as on_done:
        each = _usable(project.build(tuple(langs), jobs=jobs, on_done=on_done))
    rendered = {code: data for code, data in each.values.items() if data is not None}
    out = out_dir or Path("build") / each.name
    docx = {code: out / f"{code}.docx" for code in rendered}
    files = {docx[code]: data for code, data in rendered.items()}
    pdfs = _pdfs(files, soffice, jobs) if soffice else {}
    built = [Built(code, docx[code], each.metas[code].symbol) for code in rendered]
    listing = [{"lang": b.lang, "path": str(b.path), "symbol": b.symbol,
                **({"pdf": str(b.path.with_suffix(".pdf"))} if pdfs else {})} for b in built]
    files |= pdfs
    dated: dict[Path, int] = {}
    if manifest is not None:
        record, rule, changed = build_manifest.record(report_dir, each, listing, manifest, started)
        _report(changed)
        files[manifest], files[build_manifest.depfile(manifest)] = record, rule
        dated = {manifest: 0 if changed else started - 1}
    write_all_atomically(files, dated)  # DOCX, PDF and manifest: the whole set, or nothing
    if as_json:
        _emit(json.dumps(listing, ensure_ascii=False, indent=2) + "\n")
    else:
        _emit_lines(p for b in built for p in (b.path, *([b.path.with_suffix(".pdf")] if pdfs else [])))


@cli.command()
@click.argument("report_dir", type=click.Path(path_type=Path))
@JOBS
@_in_report
def check(report_dir: Path, jobs: int | None) -> None:
    """Validate the sources of REPORT_DIR (front matter, numbering, symbols, labels,
    cited documents, word counts); write nothing.

    Exit 1 when an error is found; 2 when a version cannot be read at all."""
    project = Project.open(report_dir)
    with _progress(project, "checking") as on_done:
        loaded, found = project.check(jobs=jobs, on_done=on_done)
    if loaded.unusable:
        _report(loaded.diagnostics)  # e.g. a version unreadable: nothing to check it against
        sys.exit(EXIT_UNUSABLE)
    diagnostics = merge_repeats(found)
    _report(diagnostics)
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = sum(d.severity == "warning" for d in diagnostics)
    versions = ", ".join(loaded.values)
    click.echo(printable(f"{report_dir}: {len(loaded.values)} versions ({versions}): "
                         f"{_count(errors, 'error')}, {_count(warnings, 'warning')}"), err=True)
    if errors:
        sys.exit(EXIT_FINDINGS)


@cli.command()
@click.argument("report_dir", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@_in_report
def refs(report_dir: Path, as_json: bool) -> None:
    """List every document cited in REPORT_DIR: language, paragraph, line, symbol, title."""
    loaded = _load(report_dir)
    rows = []
    for doc in loaded.report.versions.values():
        with processing(doc.path):
            cited = citations(doc)
        for c in cited:
            entry = loaded.registry.get(c.symbol)
            title = entry.titles.get(c.lang) if entry else None
            rows.append({"lang": c.lang, "paragraph": None if c.paragraph is None else str(c.paragraph),
                         "line": c.line, "symbol": c.symbol, "registered": entry is not None, "title": title})
    if as_json:
        _emit(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    lines = []
    for r in rows:
        shown = r["title"] or ("(no title in this language)" if r["registered"] else "(not registered)")
        lines.append(f"{r['lang']}\t{r['paragraph'] or '-'}\t{r['line'] or '-'}\t{r['symbol']}\t{shown}\n")
    _emit("".join(lines))


@cli.command()
@click.argument("report_dir", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the report to FILE instead of stdout.")
@JOBS
@_in_report
def align(report_dir: Path, fmt: str, output: Path | None, jobs: int | None) -> None:
    """Compare every language version of REPORT_DIR with the original, paragraph by paragraph.

    Exit 1 when a finding of severity error is open (not accepted)."""
    from reportgen.align.text import render_text, summary_line

    project = Project.open(report_dir)
    with _progress(project, "aligning") as progress:
        loaded, aligned = project.align(keep_model=fmt == "html", jobs=jobs, on_done=progress)
    translations = frozenset(path for code, path in loaded.paths.items() if code != project.original)
    _usable(loaded, strict=False, named_by_findings=translations)
    assert aligned is not None  # None only when unusable, and _usable exited
    result = aligned
    if fmt == "json":
        data = json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "html":
        from reportgen.render.html import render_html
        data = render_html(result)
    else:
        colour = output is None and sys.stdout.isatty()
        data = render_text(result, colour=colour)
    if output is not None:
        write_atomically(output, data.encode("utf-8"))
        click.echo(printable(f"{output}: {summary_line(result)}"), err=True)  # what the file holds, counted
    else:
        _emit(data)
    if result.has_errors or loaded.errors:
        sys.exit(EXIT_FINDINGS)


@cli.command()
@click.argument("report_dir", type=click.Path(path_type=Path))
@click.option("--check", "check_id", required=True, help="Check identifier, e.g. length-outlier.")
@click.option("--lang", required=True, type=click.Choice(LANGUAGES), help="Language of the finding.")
@click.option("--paragraph", help="Paragraph number (omit for a document-level finding).")
@click.option("--note", default=None,
              help="Why the finding is acceptable (default: keep the note of an earlier acceptance; "
                   "--note '' removes it).")
@_in_report
def accept(report_dir: Path, check_id: str, lang: str, paragraph: str | None, note: str | None) -> None:
    """Record a reviewed alignment finding as accepted (in REPORT_DIR/accepted.yaml).

    Accepting it again renews the acceptance and keeps its note unless --note is
    given. The acceptance lapses when either paragraph text changes."""
    from reportgen.align import align_report
    from reportgen.align.accept import Acceptance, fingerprint, read_acceptances, renewal, write_acceptances

    _known_check(check_id)
    loaded = _load(report_dir)
    acceptances = read_acceptances(report_dir)
    result = align_report(loaded.report, acceptances=[], terms=loaded.terms)
    matches = [f for f in result.findings
               if (f.check, f.lang, f.paragraph) == (check_id, lang, paragraph)]
    if not matches:
        where = f"paragraph {paragraph}" if paragraph else "the document"
        raise UserError(report_dir, None, f"no {check_id} finding for {lang} at {where} to accept")
    f = matches[0]
    original, version = result.versions[result.original], result.versions[lang]
    recorded, remark = renewal(acceptances, Acceptance(check_id, lang, paragraph, fingerprint(f, original, version)),
                               note)
    path = write_acceptances(report_dir, recorded)
    _emit_lines([f"{path}: accepted {check_id} for {lang}" + (f" paragraph {paragraph}" if paragraph else "")
                 + (f" ({remark})" if remark else "")])


def _known_check(check_id: str) -> None:
    """A misspelt ``--check`` is named with the valid ids (exit 2), not reported as a
    finding that does not exist."""
    import difflib

    from reportgen.align import REGISTRY

    if check_id in REGISTRY:
        return
    ids = sorted(REGISTRY)
    close = difflib.get_close_matches(check_id, ids, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    raise click.ClickException(f"no check '{check_id}': the checks are {', '.join(ids)}{hint}")


@cli.command()
@click.argument("report_dir", type=click.Path(path_type=Path))
@click.option("--lang", required=True, type=click.Choice(LANGUAGES), help="The translation to review.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Output file (default: build/<report name>/review-<CODE>.docx).")
@click.option("--pdf", "with_pdf", is_flag=True, help="Also write the review as PDF beside it, as build --pdf does.")
@JOBS
@_in_report
def review(report_dir: Path, lang: str, output: Path | None, jobs: int | None, with_pdf: bool = False) -> None:
    """Write a bilingual review DOCX of one translation of REPORT_DIR: original and
    translation side by side, one row per aligned paragraph, each alignment finding
    a Word comment on the translation's cell (INTERFACE §3.4). Prints its path.

    Exit 0 whatever the findings (they are in the document); 2 when the report
    cannot be loaded or --lang names no translation of it."""
    from reportgen.align.sidebyside import review_of
    from reportgen.render.docx.review import render_review

    soffice = _soffice() if with_pdf else None  # a missing LibreOffice fails before any work
    project = Project.open(report_dir)
    if lang not in project.files:
        raise UserError(report_dir, None, f"no '{lang}' version: {lang}.md does not exist")
    with _progress(project, "aligning") as progress:
        loaded, aligned = project.align(keep_model=True, jobs=jobs, on_done=progress)
    _usable(loaded, strict=False)
    assert aligned is not None  # None only when unusable, and _usable exited
    if lang == aligned.original:
        others = ", ".join(c for c in aligned.languages if c != lang)
        raise UserError(report_dir, None, f"'{lang}' is the original: review one of its translations ({others})")
    path = output or Path("build") / loaded.name / f"review-{lang}.docx"
    files = {path: render_review(review_of(aligned, lang))}
    write_all_atomically(files | (_pdfs(files, soffice) if soffice else {}))
    _emit_lines([path, *([path.with_suffix(".pdf")] if with_pdf else [])])


@cli.command()
@click.argument("report_dirs", metavar="REPORT_DIR...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write the memory to FILE instead of stdout.")
@JOBS
def tmx(report_dirs: tuple[Path, ...], output: Path | None, jobs: int | None) -> None:
    """Write a TMX 1.4b translation memory of the aligned paragraphs of every
    REPORT_DIR (a folder holding report folders, such as sources/, stands for all of
    them) to stdout or FILE: one unit per heading, paragraph, sub-item and footnote of the
    original, with what each version aligned with it (INTERFACE §3.1). Reads the sources only.

    Exit 2, writing nothing, when a report cannot be loaded."""
    from reportgen.interchange.tmx import memory_units, report_folders, write_tmx

    units, diagnostics, unusable = [], [], False
    for folder in report_folders(report_dirs):
        with processing(folder):
            each, aligned = Project.open(folder).align(keep_model=True, jobs=jobs)
            diagnostics += each.diagnostics
            if aligned is None or each.unusable:
                unusable = True
            elif not unusable:
                units += memory_units(aligned, each.metas[aligned.original].date)
    _report(diagnostics)
    if unusable:
        sys.exit(EXIT_UNUSABLE)
    data = write_tmx(units)
    if output is not None:
        write_atomically(output, data)
    else:
        _emit(data.decode("utf-8"))


CORPUS_EPILOG = """\b
Exit status:
  0       every report was processed (its findings are data, not a failure)
  2       the invocation is unusable (INPUT, OUT, the scheduler): one line
  3       internal error of the run itself (a bug in reportgen)
  10+N    N reports failed (110: 100 or more); each is listed, PATH:LINE: message
"""
#: exit status of a corpus run with N failed reports: 10 + N, at most 110
CORPUS_FAILED, CORPUS_FAILED_MAX = 10, 100


@cli.command(epilog=CORPUS_EPILOG)
@click.argument("source", metavar="INPUT", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(path_type=Path),
              help="Output folder: Parquet tables, tmx/ shards; kept between runs to resume.")
@click.option("--scheduler", metavar="ADDRESS", help="A Dask scheduler (tcp://host:8786); default: local processes.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Local worker processes (default: one per core); with --scheduler, workers to wait for.")
def corpus(source: Path, out_dir: Path, scheduler: str | None, workers: int | None) -> None:
    """Run check, align and the TMX units over every report folder under INPUT (and
    the issued PDF and DOCX files, grouped by symbol and language, imported), on
    Dask, and write findings, links, units and documents as Parquet tables and the
    units as TMX shards (INTERFACE §3.10). A report whose files are unchanged since
    the last run into OUT is not run again; one that cannot be read is a failed row
    of documents.parquet, and the run goes on."""
    from reportgen.corpus import Progress, run_corpus
    from reportgen.corpus.tasks import ReportRows

    with contextlib.ExitStack() as stack:
        on_start: Callable[[Progress], None] | None = None
        on_result: Callable[[Progress, ReportRows], None] | None = None
        if sys.stderr.isatty():
            def start(progress: Progress) -> None:
                bar = stack.enter_context(click.progressbar(
                    length=progress.total, label=f"reports ({progress.reused} unchanged)", file=sys.stderr,
                    show_pos=True, item_show_func=lambda p: p and f"failed {p.failed}, remaining {p.remaining}"))
                nonlocal on_result
                on_result = lambda p, rows: bar.update(1, p)  # noqa: E731
            on_start = start
        totals = run_corpus(source, out_dir, scheduler=scheduler, workers=workers, on_start=on_start,
                            on_result=lambda p, rows: on_result(p, rows) if on_result else None)
    for _, error in totals.failed:
        click.echo(printable(error), err=True)
    rows = totals.rows
    click.echo(printable(
        f"{out_dir}: {_count(totals.reports, 'report')}, {len(totals.failed)} failed; "
        f"{_count(rows['findings'], 'finding')}, {_count(rows['links'], 'link')}, "
        f"{_count(rows['units'], 'unit row')}; {_count(len(totals.shards), 'TMX shard')}"), err=True)
    _emit_lines([out_dir / f"{name}.parquet" for name in ("documents", "findings", "links", "units")]
                + totals.shards + ([totals.summary] if totals.summary else []))
    if totals.failed:
        sys.exit(CORPUS_FAILED + min(len(totals.failed), CORPUS_FAILED_MAX))


@cli.group(epilog=EPILOG)
def xliff() -> None:
    """Exchange a report's text with translation tools as XLIFF 1.2 (INTERFACE §3.5)."""


@xliff.command("export", epilog=EPILOG)
@click.argument("report_dir", type=click.Path(path_type=Path))
@click.option("--lang", required=True, type=click.Choice(LANGUAGES), help="The language to translate into.")
@click.option("-o", "--output", type=click.Path(path_type=Path, allow_dash=True),
              help="Write to FILE ('-': stdout; default: build/<report name>/<original>-<lang>.xlf).")
@_in_report
def xliff_export(report_dir: Path, lang: str, output: Path | None) -> None:
    """Write the original's text as XLIFF 1.2 units for translating REPORT_DIR into
    LANG, each with the existing LANG version's text as its target (state
    "translated") or an empty one (state "new"). Prints the path written."""
    from reportgen.interchange import xliff as xlf

    data, diagnostics = xlf.export(report_dir, lang)
    if data is None:
        _report(diagnostics)
        sys.exit(EXIT_UNUSABLE)
    if output is not None and str(output) == "-":
        _emit(data.decode("utf-8"))
        return
    path = output or Path("build") / report_dir.resolve().name / f"{xlf.original_of(report_dir)}-{lang}.xlf"
    write_atomically(path, data)
    _emit_lines([path])


@xliff.command("import", epilog=EPILOG)
@click.argument("report_dir", type=click.Path(path_type=Path))
@click.argument("file", type=click.Path(path_type=Path))
@_in_report
def xliff_import(report_dir: Path, file: Path) -> None:
    """Write (create or replace) REPORT_DIR/<target-language>.md from the XLIFF FILE:
    the original's structure with each unit's target as its text (an empty or missing
    target keeps the existing version's). Every problem is reported, and then nothing
    is written. A target is text: '*Digest*' is written with its asterisks, with a
    warning that it is not italics. Prints the path written."""
    from reportgen.interchange import xliff as xlf

    imported, diagnostics = xlf.import_(report_dir, file)
    _report(diagnostics)  # the errors, or warnings of text that looks like Markdown
    if imported is None:
        sys.exit(EXIT_UNUSABLE)
    write_atomically(imported.path, imported.text.encode("utf-8"))
    _emit_lines([imported.path])


@cli.command(epilog=EPILOG)
@click.argument("old_dir", type=click.Path(path_type=Path))
@click.argument("new_dir", type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), metavar="OUT_DIR",
              help="Folder to write to (default build/<NEW_DIR name>-diff/).")
@click.option("--pdf", "with_pdf", is_flag=True, help="Also write <lang>.pdf beside each DOCX, as build --pdf does.")
@JOBS
def diff(old_dir: Path, new_dir: Path, out_dir: Path | None, with_pdf: bool = False, jobs: int | None = None) -> None:
    """Write, for every language version in both OLD_DIR and NEW_DIR, OUT_DIR/<lang>.docx:
    the new draft as build renders it, every change from the old draft a Word tracked
    change (INTERFACE §3.6). Paragraphs are matched by content, not number. A version in
    only one folder is skipped with a warning. Reads the sources only; prints each path.
    Versions are compared in parallel as build renders them (-j), with a bar on a terminal."""
    from reportgen.align.revisions import drafts_shared, tracked_version
    from reportgen.parallel import Workers, jobs_for, run_each

    soffice = _soffice() if with_pdf else None  # a missing LibreOffice fails before any work
    drafts, diagnostics = [], []
    for folder in (old_dir, new_dir):
        try:
            drafts.append(Project.open(folder).load(jobs=jobs))
            diagnostics += drafts[-1].diagnostics
        except UserError as exc:
            diagnostics.append(Diagnostic("error", exc.path, exc.line, exc.message))
    if len(drafts) < 2 or any(d.unusable or d.errors for d in drafts):
        _report(diagnostics)
        sys.exit(EXIT_UNUSABLE)
    old, new = drafts
    for mine, other in ((old, new), (new, old)):
        diagnostics += [Diagnostic("warning", path, None, f"no {code} version in {other.directory}: not compared")
                        for code, path in mine.paths.items() if code not in other.values]
    _report(diagnostics)
    common = [code for code in new.values if code in old.values]
    if not common:
        raise UserError(new_dir, None, f"no language version in common with {old_dir}: nothing to compare")
    out = out_dir or Path("build") / f"{new.name}-diff"
    size = sum(p.stat().st_size for d in drafts for p in d.paths.values())
    made: dict[int, bytes] = {}
    shared = {code: (new.paths[code], old.values[code], new.values[code]) for code in common}
    with drafts_shared(shared) as items, Workers(jobs_for(len(items), size, jobs)) as workers:
        if sys.stderr.isatty() and size >= PROGRESS_BYTES:
            with click.progressbar(length=len(items), label="comparing", file=sys.stderr, show_pos=True,
                                   item_show_func=lambda code: code) as bar:
                for k, data in run_each(tracked_version, items, workers):
                    made[k] = data
                    bar.update(1, common[k])
        else:
            made = dict(run_each(tracked_version, items, workers))
    rendered = {out / f"{code}.docx": made[k] for k, code in enumerate(common)}  # in the versions' order
    write_all_atomically(rendered | (_pdfs(rendered, soffice) if soffice else {}))
    _emit_lines(p for d in rendered for p in (d, *([d.with_suffix(".pdf")] if with_pdf else [])))


def _soffice() -> str:
    """LibreOffice for ``build --pdf`` (exit 2 when it is not installed)."""
    from reportgen.render.pdf import find_soffice

    return find_soffice()


def _pdfs(docx: dict[Path, bytes], soffice: str, jobs: int | None = None) -> dict[Path, bytes]:
    """``--pdf``: every PDF is made (by one LibreOffice per core, or ``jobs``; a bar
    on a terminal) before anything is written; a file that cannot be converted is one
    line each, exit 2, and nothing is written. Warnings (hyphenation patterns missing)
    are printed and the PDFs kept."""
    from reportgen.parallel import MIN_BYTES, jobs_for
    from reportgen.render.pdf import convert

    workers = jobs_for(len(docx), MIN_BYTES, jobs)  # a conversion is slow whatever the report's size
    if sys.stderr.isatty():
        with click.progressbar(length=len(docx), label="converting to PDF", file=sys.stderr, show_pos=True,
                               item_show_func=lambda name: name) as bar:
            made, diagnostics = convert(docx, soffice, jobs=workers, on_done=lambda path: bar.update(1, path.name))
    else:
        made, diagnostics = convert(docx, soffice, jobs=workers)
    _report(diagnostics)
    if any(d.severity == "error" for d in diagnostics):
        sys.exit(EXIT_UNUSABLE)
    return made


@cli.command("import", epilog=EPILOG)
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--lang", required=True, type=click.Choice(LANGUAGES), help="The language FILE is written in.")
@click.option("-o", "--output", "report_dir", required=True, type=click.Path(path_type=Path),
              help="The report folder to write <lang>.md into (created if missing).")
@click.option("--symbol", help="The document symbol, when FILE does not print it.")
@click.option("--force", is_flag=True, help="Replace an existing <lang>.md.")
def import_(file: Path, lang: str, report_dir: Path, symbol: str | None, force: bool) -> None:
    """Write a source file, REPORT_DIR/<lang>.md, from a Word file (.docx), a PDF
    (through pdftotext) or the text pdftotext gave: the masthead as front matter,
    chapters, numbered paragraphs, sub-items and footnotes with explicit numbers. An
    existing file is never replaced without --force. Joins the importer was unsure of
    are left as comments '<!-- import: ... -->' that 'reportgen check' lists; what
    could not be imported is reported as a warning. Prints the path written."""
    from reportgen.importer.document import import_document

    target = report_dir / f"{lang}.md"
    if target.exists() and not force:
        raise UserError(target, None, "exists; give --force to replace it")
    imported = import_document(file, lang, report_dir, symbol)
    _report(imported.warnings)
    write_atomically(imported.path, imported.text.encode("utf-8"))
    _emit_lines([imported.path])


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _report(diagnostics: Iterable[Diagnostic]) -> None:
    """Every command prints diagnostics this way (see ``check.report_lines``):
    errors then warnings, by file and line, repeats merged, capped, control
    characters escaped."""
    for line in report_lines(diagnostics):
        click.echo(line, err=True)


STDOUT = "standard output"


def _emit(text: str) -> None:
    """A command's output on stdout (a report, a memory, JSON). Written to the file
    descriptor directly, every byte accounted for: Python's buffered stdout takes a short
    write at a file-size limit as done, and the output would end there, cut, with exit 0.
    So a full disk or a file-size limit behind a redirection is ``cannot write to
    standard output: reason`` (exit 2). (Use ``-o FILE`` for a file that appears whole or
    not at all.)"""
    if not text:
        return
    try:
        fd: int | None = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a file (a test's capture)
        fd = None
    try:
        if fd is None:
            sys.stdout.write(text)
            sys.stdout.flush()
            return
        sys.stdout.flush()
        data = memoryview(text.encode(sys.stdout.encoding or "utf-8", sys.stdout.errors or "strict"))
        while data:
            data = data[os.write(fd, data):]
    except OSError as exc:
        raise cannot_write(STDOUT, exc) from None


def _emit_lines(lines: Iterable[str | Path]) -> None:
    """Lines for people (the paths written), each with its control characters escaped."""
    _emit("".join(printable(str(line)) + "\n" for line in lines))


def _command_path(ctx: click.Context) -> str:
    """``xliff export`` for a subcommand of a group: every name below the program's."""
    names: list[str] = []
    while ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(reversed(names))


def internal_error(exc: BaseException) -> str:
    """The one line that stands for a bug: ``PATH: internal error: Type: message``."""
    where = processed_file(exc) or processed_file() or "reportgen"
    text = " ".join(str(exc).split())
    kind = exc.kind if isinstance(exc, WorkerError) else type(exc).__name__
    what = f"{kind}: {text}" if text else kind
    return f"{where}: internal error: {what} (please report this)"


def main(argv: list[str] | None = None) -> None:
    """Entry point: every failure a user can cause is one line on stderr, exit 2;
    anything else is a bug, also one line (never a traceback), exit 3."""
    try:
        cli.main(args=argv, prog_name="reportgen", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:
        # bare 'reportgen' (or 'reportgen xliff') asks for the help, as '--help' does
        click.echo(exc.ctx.get_help(), color=exc.ctx.color)
        sys.exit(0)
    except UserError as exc:
        _fail(str(exc), EXIT_UNUSABLE)
    except click.UsageError as exc:
        hint = f" (see 'reportgen {_command_path(exc.ctx)} --help')" if exc.ctx and exc.ctx.parent else ""
        # one line: click lists the choices of a missing option on lines of their own
        _fail(f"reportgen: {' '.join(exc.format_message().split())}{hint}", EXIT_UNUSABLE)
    except click.ClickException as exc:
        _fail(f"reportgen: {exc.format_message()}", EXIT_UNUSABLE)
    except click.Abort:
        _fail("reportgen: aborted", EXIT_UNUSABLE)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except OSError as exc:
        if exc.errno in _WRITE_ERRORS:  # a write no stage wrapped: a temporary file of its own
            _fail(f"cannot write to {exc.filename or 'a temporary file'}: {exc.strerror or exc}", EXIT_UNUSABLE)
        where = exc.filename or processed_file(exc) or "reportgen"
        _fail(f"{where}: {exc.strerror or exc}", EXIT_UNUSABLE)
    except Exception as exc:  # a bug: one line naming the file, never a traceback
        if os.environ.get("REPORTGEN_DEBUG"):
            if isinstance(exc, WorkerError):
                click.echo(exc.trace, err=True, nl=False)
            raise
        _fail(internal_error(exc), EXIT_INTERNAL)


# errno values only writing gives: a full disk, a file-size limit, a quota, a read-only file system
_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EROFS})


def _fail(line: str, status: int) -> None:
    """The one line of a failed run, on stderr, control characters escaped (a file
    name or a message from a file never acts on the terminal); then exit."""
    try:
        click.echo(printable(line), err=True)
    except OSError:
        pass  # stderr itself is gone: the status still says it
    sys.exit(status)


if __name__ == "__main__":  # pragma: no cover
    main()
