"""Which documents each version cites, where, and whether the registry knows them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen import model as m
from reportgen.errors import Diagnostic
from reportgen.resolve.symbols import find_malformed
from reportgen.source.registry import FILE_NAME, Registry


@dataclass(frozen=True)
class Citation:
    lang: str
    paragraph: int | None  # the numbered paragraph holding it, None outside one
    line: int | None
    symbol: str


def citations(doc: m.Document) -> list[Citation]:
    """Every document symbol cited in a version, in reading order (footnotes included)."""
    return [Citation(doc.meta.language, paragraph, x.line, x.symbol)
            for x, _, paragraph in m.walk(doc.blocks) if isinstance(x, m.SymbolRef)]


def texts(doc: m.Document) -> list[tuple[int | None, str]]:
    """(line, text) of every plain text run of a version, footnotes included."""
    return [(line, x.text) for x, line, _ in m.walk(doc.blocks) if isinstance(x, m.Text)]


def check_citations(report: m.Report, registry: Registry) -> list[Diagnostic]:
    where = registry_name(registry, report.directory)
    return [d for doc in report.versions.values() for d in check_version_citations(doc, registry, where)]


def registry_name(registry: Registry, directory: Path) -> str:
    """How messages name the registry: its files, or the file it would be."""
    return " or ".join(str(p) for p in registry.files) or str(directory / FILE_NAME)


def check_version_citations(doc: m.Document, registry: Registry, where: str) -> list[Diagnostic]:
    """Unregistered and malformed symbols of one version (``where``: the registry's name)."""
    out: list[Diagnostic] = []
    unregistered: dict[str, list[Citation]] = {}
    for c in citations(doc):
        if registry.get(c.symbol) is None:
            unregistered.setdefault(c.symbol, []).append(c)
    for symbol, cited in unregistered.items():
        # one warning per symbol and version, however often it is cited
        first = min(cited, key=lambda c: (c.line is None, c.line or 0))
        message = (f"{symbol} is cited but not registered in {where}" if len(cited) == 1 else
                   f"{symbol} is not registered in {where} (cited {len(cited)} times, first here)")
        out.append(Diagnostic("warning", doc.path, first.line, message))
    for line, text in texts(doc):
        for match in find_malformed(text):
            out.append(Diagnostic("warning", doc.path, line,
                                  f"'{match.symbol}' looks like a document symbol but is malformed"))
    return out
