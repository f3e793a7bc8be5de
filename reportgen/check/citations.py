"""Which documents each version cites, where, and whether the registry knows them."""

from __future__ import annotations

from dataclasses import dataclass

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
    out: list[Diagnostic] = []
    where = " or ".join(str(p) for p in registry.files) or str(report.directory / FILE_NAME)
    for doc in report.versions.values():
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
