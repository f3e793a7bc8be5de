"""The stages wired together: source → resolve → render → write.

The CLI and the tests call these; each stage stays unaware of the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.check import check_report
from reportgen.errors import Diagnostic
from reportgen.files import write_atomically
from reportgen.model import Document, Report
from reportgen.render.docx import render_docx
from reportgen.resolve import resolve_document
from reportgen.source import read_report
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

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def load(directory: Path, langs: tuple[str, ...] = ()) -> Loaded:
    """Read and resolve every language version, gathering every diagnostic."""
    report, diagnostics = read_report(directory, langs)
    versions: dict[str, Document] = {}
    for code, doc in report.versions.items():
        resolved, found = resolve_document(doc)
        versions[code] = resolved
        diagnostics.extend(found)
    return Loaded(Report(report.name, report.directory, versions), diagnostics, read_registry(directory))


def check(loaded: Loaded) -> list[Diagnostic]:
    """Everything ``reportgen check`` reports: the load's diagnostics, then the
    report-level checks (registry, malformed symbols, word counts)."""
    return loaded.diagnostics + check_report(loaded.report, loaded.registry)


def render_all(loaded: Loaded) -> dict[str, bytes]:
    return {code: render_docx(doc) for code, doc in loaded.report.versions.items()}


def write_all(loaded: Loaded, rendered: dict[str, bytes], out_dir: Path) -> list[Built]:
    """Write every version only once all have rendered: no partial output."""
    built = []
    for code, data in rendered.items():
        path = out_dir / f"{code}.docx"
        write_atomically(path, data)
        built.append(Built(code, path, loaded.report.versions[code].meta.symbol))
    return built
