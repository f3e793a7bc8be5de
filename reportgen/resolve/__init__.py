"""The *resolve* stage: what the author wrote → resolved references.

Two passes over the model (never over rendered text, so every writer and the
alignment checks see the same references):

1. document symbols in running text and explicit ``[SYMBOL](#)`` links become
   ``SymbolRef`` inlines (``symbols.py``: the UN symbol grammar);
2. ``@label`` references become ``ResolvedRef`` with the target's number in the
   language's wording, after all targets are collected (``references.py``).
"""

from __future__ import annotations

from dataclasses import replace

from reportgen import model as m
from reportgen.errors import Diagnostic
from reportgen.resolve.references import collect_targets, resolve_references
from reportgen.resolve.symbols import canonical, find_symbols, is_symbol, ods_url
from reportgen.resolve.walk import map_inlines

__all__ = ["resolve_document", "link_symbols", "resolve_references", "collect_targets",
           "ods_url", "find_symbols", "is_symbol"]


def resolve_document(doc: m.Document) -> tuple[m.Document, list[Diagnostic]]:
    linked, diagnostics = link_symbols(doc)
    resolved, found = resolve_references(linked)
    return resolved, diagnostics + found


def link_symbols(doc: m.Document) -> tuple[m.Document, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []

    def inline(x: m.Inline, line: int | None) -> m.Inline | list[m.Inline] | None:
        if isinstance(x, m.Text):
            parts = split_symbols(x.text, line)
            return None if len(parts) == 1 and isinstance(parts[0], m.Text) else parts
        if isinstance(x, m.Link) and x.url in ("#", ""):
            text = "".join(t.text for t in x.content if isinstance(t, m.Text)).strip()
            if is_symbol(text):
                return m.SymbolRef(canonical(text), text, line)
            diagnostics.append(Diagnostic(
                "error", doc.path, line,
                f"'[{text}](#)' links to nothing: the text is not a UN document symbol"))
            return list(x.content)
        if isinstance(x, m.Link):
            return x  # an author's link keeps its text: no link inside a link
        return None

    return replace(doc, blocks=map_inlines(doc.blocks, inline)), diagnostics


def split_symbols(text: str, line: int | None) -> list[m.Inline]:
    out: list[m.Inline] = []
    pos = 0
    for match in find_symbols(text):
        if match.start > pos:
            out.append(m.Text(text[pos:match.start]))
        out.append(m.SymbolRef(canonical(match.symbol), match.symbol, line))
        pos = match.end
    if pos < len(text):
        out.append(m.Text(text[pos:]))
    return out
