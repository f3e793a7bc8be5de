"""The *resolve* stage: turn what the author wrote into resolved references.

Today: document symbols in running text and explicit ``[SYMBOL](#)`` links
become ``SymbolRef`` inlines. It runs on the model only (never on rendered
text) so every writer and the alignment checks see the same references.
"""

from __future__ import annotations

from dataclasses import replace

from reportgen import model as m
from reportgen.errors import Diagnostic
from reportgen.resolve.symbols import find_symbols, is_symbol, ods_url

__all__ = ["resolve_document", "ods_url", "find_symbols", "is_symbol"]


def resolve_document(doc: m.Document) -> tuple[m.Document, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []

    def blocks(items: tuple[m.Block, ...], line: int | None) -> tuple[m.Block, ...]:
        out: list[m.Block] = []
        for b in items:
            here = b.line or line
            if isinstance(b, m.Para):
                out.append(replace(b, content=inlines(b.content, here)))
            elif isinstance(b, m.Heading):
                out.append(replace(b, content=inlines(b.content, here)))
            elif isinstance(b, (m.NumberedParagraph, m.SubItem)):
                out.append(replace(b, blocks=blocks(b.blocks, here)))
            else:  # pragma: no cover - every block kind is listed above
                out.append(b)
        return tuple(out)

    def inlines(items: tuple[m.Inline, ...], line: int | None) -> tuple[m.Inline, ...]:
        out: list[m.Inline] = []
        for x in items:
            if isinstance(x, m.Text):
                out.extend(split_symbols(x.text, line))
            elif isinstance(x, m.Link) and x.url in ("#", ""):
                text = "".join(t.text for t in x.content if isinstance(t, m.Text)).strip()
                if is_symbol(text):
                    out.append(m.SymbolRef(text.rstrip("*"), text, line))
                else:
                    diagnostics.append(Diagnostic(
                        "error", doc.path, line,
                        f"'[{text}](#)' links to nothing: the text is not a UN document symbol",
                    ))
                    out.extend(x.content)
            elif isinstance(x, m.Link):
                out.append(replace(x, content=inlines(x.content, line)))
            elif isinstance(x, (m.Emph, m.Strong, m.Superscript, m.Subscript)):
                out.append(replace(x, content=inlines(x.content, line)))
            elif isinstance(x, m.Note):
                out.append(replace(x, blocks=blocks(x.blocks, line)))
            else:
                out.append(x)
        return tuple(out)

    resolved = replace(doc, blocks=blocks(doc.blocks, None))
    return resolved, diagnostics


def split_symbols(text: str, line: int | None) -> list[m.Inline]:
    out: list[m.Inline] = []
    pos = 0
    for match in find_symbols(text):
        if match.start > pos:
            out.append(m.Text(text[pos:match.start]))
        out.append(m.SymbolRef(match.symbol.rstrip("*"), match.symbol, line))
        pos = match.end
    if pos < len(text):
        out.append(m.Text(text[pos:]))
    return out
