"""One report folder → its rows: the task every Dask worker runs.

A task is a pure function of one report folder (and the digest the driver computed
for it), so the same code runs in a local process or on any machine of a cluster that
sees the folder. It runs what the single-report commands run, the one way a report is
read (:class:`~reportgen.project.Project`, each version read once for both:
``check_and_align``): ``check`` (its diagnostics, repeats merged as ``reportgen check``
prints them), ``align`` (findings, accepted findings, links) and the
TMX units (``interchange.tmx.memory_units``, as ``reportgen tmx``), and writes the
report's TMX here, where the work is spread (translate-toolkit takes some 0.5 ms a unit:
in the client it would be the run's bottleneck). It returns plain rows and bytes; the
client writes them (``corpus/store.py``).

A report that cannot be read (no version, a version unreadable) is not an exception
here: it is one ``documents`` row with its located error, ``PATH:LINE: message``. A bug
is caught too (``PATH: internal error: …``), so one bad document never stops a run;
such a result is not kept for the next run, which tries again.

Issued documents (:func:`process_issued`) are first imported, as ``reportgen import
--symbol`` does, into a temporary report folder, then read as any report: their rows
name the issued files (``documents.path``), the import's warnings are findings of stage
``import``, and an import that fails makes the report a failed row with its error.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reportgen.check import merge_repeats
from reportgen.errors import Diagnostic, UserError, WorkerError, processed_file, processing

__all__ = ["ReportRows", "Row", "process_report", "process_issued", "failed_rows"]

Row = dict[str, Any]


@dataclass(frozen=True)
class ReportRows:
    """Everything one report gives, table by table. ``keep``: the result depends on the
    inputs only (a failure of the machine or a bug is not kept: the next run retries)."""

    report: str
    digest: str
    documents: list[Row]
    findings: list[Row] = field(default_factory=list)
    links: list[Row] = field(default_factory=list)
    units: list[Row] = field(default_factory=list)
    tmx: bytes = b""  # the report's memory as ``write_tmx`` writes it (``join_tmx`` makes the shards)
    failed: bool = False
    keep: bool = True

    @property
    def error(self) -> str | None:
        return self.documents[0]["error"] if self.failed else None


def process_report(folder: str, report: str, digest: str) -> ReportRows:
    """The rows of the report in ``folder`` (named ``report`` in the tables)."""
    path = Path(folder)
    try:
        with processing(path):
            return _rows(path, report, digest)
    except UserError as exc:  # no version at all: nothing to read
        return failed_rows(report, digest, str(exc.diagnostic))
    except Exception as exc:  # a bug: one line naming the file, as the CLI says it
        return failed_rows(report, digest, _internal(exc, path), keep=False)


def process_issued(files: list[tuple[str, str, str]], symbol: str, digest: str) -> ReportRows:
    """The rows of the report ``symbol`` made of issued ``files``: ``(lang, file, shown)``,
    ``shown`` the file's name in the tables (its path under INPUT)."""
    import tempfile

    from reportgen.files import write_atomically
    from reportgen.importer.document import import_document

    shown = {Path(path): name for _, path, name in files}
    langs = {Path(path): lang for lang, path, _ in files}
    warnings: list[Row] = []
    folder = Path()
    try:
        with tempfile.TemporaryDirectory(prefix="reportgen-issued-") as temp:
            folder = Path(temp)
            for lang, path, name in files:
                imported = import_document(Path(path), lang, folder, symbol)
                warnings += [_diagnostic(symbol, None, d, langs, folder, stage="import", shown=name)
                             for d in merge_repeats(imported.warnings)]
                write_atomically(imported.path, imported.text.encode("utf-8"))
            with processing(folder):
                rows = _unfolded(_rows(folder, symbol, digest, issued={lang: name for lang, _, name in files}), folder)
    except UserError as exc:  # a file the importer cannot read
        d = exc.diagnostic
        return failed_rows(symbol, digest, str(d).replace(f"{folder}/", ""), findings=warnings + [
            _diagnostic(symbol, None, d, langs, folder, stage="import", shown=shown.get(d.path))])
    except Exception as exc:  # a bug
        return failed_rows(symbol, digest, _internal(exc, Path(files[0][1])), keep=False)
    original = next((d["symbol"] for d in rows.documents if d["language"] == d["original"]), None)
    for row in warnings:  # as every finding: the original's symbol
        row["symbol"] = original
    return replace(rows, findings=warnings + rows.findings, documents=[
        {**d, "warnings": d["warnings"] + sum(w["language"] == d["language"] for w in warnings)}
        for d in rows.documents])


def _unfolded(rows: ReportRows, folder: Path) -> ReportRows:
    """The rows with the temporary folder's path taken out of messages (``documents.yaml``
    for ``/tmp/…/documents.yaml``): a task's answer must not depend on where it ran."""
    prefix = f"{folder}/"
    for row in rows.findings:
        row["message"] = row["message"].replace(prefix, "")
    for row in rows.documents:
        if row["error"] is not None:
            row["error"] = row["error"].replace(prefix, "")
    return rows


def failed_rows(report: str, digest: str, error: str, *, findings: list[Row] | None = None,
                keep: bool = True) -> ReportRows:
    """A report that gave nothing but its error: one ``documents`` row."""
    row = _document(report, digest, error=error)
    return ReportRows(report, digest, [row], findings or [], failed=True, keep=keep)


def _rows(folder: Path, report: str, digest: str, issued: dict[str, str] | None = None) -> ReportRows:
    """``issued``: the issued file (as shown) each version was imported from."""
    from reportgen.interchange.tmx import memory_units, write_tmx
    from reportgen.project import Project

    project = Project.open(folder)
    langs = {path: code for code, path in project.files.items()}
    each, found, aligned = project.check_and_align(keep_model=True)  # each version read once
    if each.unusable or aligned is None:  # as ``reportgen check``: every diagnostic of the load, exit 2
        diagnostics = merge_repeats(each.diagnostics)
        first = next(d for d in diagnostics if d.severity == "error")
        return failed_rows(report, digest, _located(first, folder, issued),
                           findings=[_diagnostic(report, None, d, langs, folder) for d in diagnostics])
    original = each.metas[aligned.original]
    symbol = original.symbol
    findings = [_diagnostic(report, symbol, d, langs, folder) for d in merge_repeats(found)]
    findings += [_finding(report, symbol, f.as_json(), accepted=False) for f in aligned.findings]
    findings += [_finding(report, symbol, f.as_json(), accepted=True) for f in aligned.accepted]
    links = [_link(report, symbol, code, k, row.as_json())
             for code, rows in aligned.links.items() for k, row in enumerate(rows)]
    units: list[Row] = []
    memory = [replace(u, report=report) for u in memory_units(aligned, original.date)]  # named as in the tables
    for position, u in enumerate(memory, start=1):
        for order, (code, text) in enumerate(u.texts):
            units.append({"report": report, "symbol": u.symbol, "unit_index": position, "unit": u.unit,
                          "kind": u.kind, "item": u.item, "paragraph": ", ".join(map(str, u.paragraphs)),
                          "original": u.original, "date": u.date, "order": order, "language": code,
                          "text": text})
    documents = []
    for code, meta in each.metas.items():
        mine = [f for f in findings if f["language"] == code]
        version = aligned.versions.get(code)
        documents.append(_document(
            report, digest, symbol=meta.symbol, language=code, original=aligned.original, organ=original.organ,
            date=meta.date, path=issued[code] if issued else str(each.paths[code].relative_to(folder)),
            paragraphs=None if version is None else len(version.segments),
            errors=sum(f["severity"] == "error" and not f["accepted"] for f in mine),
            warnings=sum(f["severity"] == "warning" and not f["accepted"] for f in mine)))
    return ReportRows(report, digest, documents, findings, links, units, write_tmx(memory) if memory else b"")


def _document(report: str, digest: str, *, symbol: str | None = None, language: str | None = None,
              original: str | None = None, organ: str | None = None, date: dt.date | None = None,
              path: str | None = None, paragraphs: int | None = None, errors: int = 0, warnings: int = 0,
              error: str | None = None) -> Row:
    return {"report": report, "symbol": symbol, "language": language, "original": original, "organ": organ,
            "date": date, "year": None if date is None else date.year, "path": path, "paragraphs": paragraphs,
            "errors": errors + (error is not None), "warnings": warnings,
            "status": "ok" if error is None else "failed", "error": error, "digest": digest}


def _located(d: Diagnostic, folder: Path, issued: dict[str, str] | None) -> str:
    """``PATH:LINE: message``; for an imported version the temporary folder is not named
    (a task's answer must not depend on it): ``ISSUED: imported as en.md:LINE: message``."""
    if issued is None:
        return str(d)
    try:
        relative = d.path.relative_to(folder)
    except ValueError:
        return str(d)
    source = issued.get(relative.stem) if relative.suffix == ".md" else None
    return f"{source}: imported as {replace(d, path=relative)}" if source else str(replace(d, path=relative))


def _diagnostic(report: str, symbol: str | None, d: Diagnostic, langs: dict[Path, str], folder: Path, *,
                stage: str = "check", shown: str | None = None) -> Row:
    """A diagnostic of ``check`` (or of a load that failed, or of an import): no check id, a file and line."""
    try:
        path = shown or str(d.path.relative_to(folder))
    except ValueError:
        path = str(d.path)
    return {"report": report, "symbol": symbol, "language": langs.get(d.path), "paragraph": None,
            "version_paragraph": None, "line": d.line, "check": None, "severity": d.severity,
            "message": d.message, "stage": stage, "accepted": False, "path": path}


def _finding(report: str, symbol: str, f: dict[str, Any], *, accepted: bool) -> Row:
    """A finding of ``align`` as its JSON gives it (INTERFACE §5.1)."""
    return {"report": report, "symbol": symbol, "language": f["lang"], "paragraph": f["paragraph"],
            "version_paragraph": f["version_paragraph"], "line": f["line"], "check": f["check"],
            "severity": f["severity"], "message": f["message"], "stage": "align", "accepted": accepted,
            "path": f"{f['lang']}.md"}


def _link(report: str, symbol: str, code: str, position: int, row: dict[str, Any]) -> Row:
    out: Row = {"report": report, "symbol": symbol, "language": code, "position": position,
                "type": row["type"], "score": row["score"]}
    for side in ("original", "version"):
        out[f"{side}_ids"] = [u["id"] for u in row[side]]
        out[f"{side}_paragraphs"] = [u["paragraph"] for u in row[side]]
        out[f"{side}_lines"] = [u["line"] for u in row[side]]
    # the paragraph a reader looks for: the original's first numbered one, else the version's
    numbered = [p for p in out["original_paragraphs"] + out["version_paragraphs"] if p is not None]
    out["paragraph"] = numbered[0] if numbered else None
    return out


def _internal(exc: BaseException, folder: Path) -> str:
    """``PATH: internal error: Type: message`` (as ``cli.internal_error`` words it)."""
    where = processed_file(exc) or folder
    text = " ".join(str(exc).split())
    kind = exc.kind if isinstance(exc, WorkerError) else type(exc).__name__
    return f"{where}: internal error: {kind}: {text}" if text else f"{where}: internal error: {kind}"
