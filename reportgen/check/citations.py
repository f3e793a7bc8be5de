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
    out: list[Citation] = []
    lang = doc.meta.language

    def inlines(items: tuple[m.Inline, ...], paragraph: int | None) -> None:
        for x in items:
            if isinstance(x, m.SymbolRef):
                out.append(Citation(lang, paragraph, x.line, x.symbol))
            elif isinstance(x, m.Note):
                blocks(x.blocks, paragraph)
            elif isinstance(x, (m.Emph, m.Strong, m.Superscript, m.Subscript, m.Link)):
                inlines(x.content, paragraph)

    def blocks(items: tuple[m.Block, ...], paragraph: int | None) -> None:
        for b in items:
            if isinstance(b, (m.Para, m.Heading)):
                inlines(b.content, paragraph)
            elif isinstance(b, m.NumberedParagraph):
                blocks(b.blocks, b.number)
            elif isinstance(b, m.SubItem):
                blocks(b.blocks, paragraph)

    blocks(doc.blocks, None)
    return out


def texts(doc: m.Document) -> list[tuple[int | None, str]]:
    """(line, text) of every plain text run of a version, footnotes included."""
    out: list[tuple[int | None, str]] = []

    def inlines(items: tuple[m.Inline, ...], line: int | None) -> None:
        for x in items:
            if isinstance(x, m.Text):
                out.append((line, x.text))
            elif isinstance(x, m.Note):
                blocks(x.blocks, x.line or line)
            elif isinstance(x, (m.Emph, m.Strong, m.Superscript, m.Subscript, m.Link)):
                inlines(x.content, line)

    def blocks(items: tuple[m.Block, ...], line: int | None) -> None:
        for b in items:
            here = b.line or line
            if isinstance(b, (m.Para, m.Heading)):
                inlines(b.content, here)
            elif isinstance(b, (m.NumberedParagraph, m.SubItem)):
                blocks(b.blocks, here)

    blocks(doc.blocks, None)
    return out


def check_citations(report: m.Report, registry: Registry) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    where = " or ".join(str(p) for p in registry.files) or str(report.directory / FILE_NAME)
    for doc in report.versions.values():
        for c in citations(doc):
            if registry.get(c.symbol) is None:
                out.append(Diagnostic("warning", doc.path, c.line,
                                      f"{c.symbol} is cited but not registered in {where}"))
        for line, text in texts(doc):
            for match in find_malformed(text):
                out.append(Diagnostic("warning", doc.path, line,
                                      f"'{match.symbol}' looks like a document symbol but is malformed"))
    return out
