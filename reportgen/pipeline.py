"""The stages wired together: source → resolve → render → write.

The CLI and the tests call these; each stage stays unaware of the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.check import check_report
from reportgen.errors import Diagnostic, processing
from reportgen.files import write_all_atomically
from reportgen.model import Document, Report
from reportgen.render.docx import render_docx
from reportgen.resolve import resolve_document
from reportgen.source import language_files, read_report
from reportgen.source.registry import Registry, read_registry


@dataclass(frozen=True)
class Built:
    lang: str
    path: Path
    symbol: str


@dataclass(frozen=True)
class Loaded:
    report: Report
    diagnostics: list[Diagnostic]
    registry: Registry
    # language versions that could not be read at all (no document to check or align)
    unreadable: tuple[str, ...] = ()

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def unusable(self) -> bool:
        """An error in a file that yielded no document (a version that cannot be read,
        ``documents.yaml``, a misnamed file): there is nothing to check or align it with.
        Errors inside readable versions (numbering, references) are findings."""
        read = {doc.path for doc in self.report.versions.values()}
        return bool(self.unreadable) or any(d.path not in read for d in self.errors)


def load(directory: Path, langs: tuple[str, ...] = ()) -> Loaded:
    """Read and resolve every language version, gathering every diagnostic."""
    report, diagnostics = read_report(directory, langs)
    versions: dict[str, Document] = {}
    for code, doc in report.versions.items():
        with processing(doc.path):
            resolved, found = resolve_document(doc)
        versions[code] = resolved
        diagnostics.extend(found)
    registry, found = read_registry(directory)
    diagnostics.extend(found)
    wanted = [c for c in language_files(directory) if not langs or c in langs]
    unreadable = tuple(c for c in wanted if c not in versions)
    return Loaded(Report(report.name, report.directory, versions), diagnostics, registry, unreadable)


def check(loaded: Loaded) -> list[Diagnostic]:
    """Everything ``reportgen check`` reports: the load's diagnostics, the
    report-level checks (registry, malformed symbols, word counts), and the
    authors' comments as notes (they are never printed in a DOCX)."""
    comments = [Diagnostic("info", doc.path, c.line, f"comment: {c.text}")
                for doc in loaded.report.versions.values() for c in doc.comments]
    return loaded.diagnostics + check_report(loaded.report, loaded.registry) + comments


def render_all(loaded: Loaded) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for code, doc in loaded.report.versions.items():
        with processing(doc.path):
            out[code] = render_docx(doc)
    return out


def write_all(loaded: Loaded, rendered: dict[str, bytes], out_dir: Path) -> list[Built]:
    """Write every version or none: all are renamed into place only once all are written."""
    paths = {code: out_dir / f"{code}.docx" for code in rendered}
    write_all_atomically({paths[code]: data for code, data in rendered.items()})
    return [Built(code, paths[code], loaded.report.versions[code].meta.symbol) for code in rendered]
