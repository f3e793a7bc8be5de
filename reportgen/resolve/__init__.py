"""The *resolve* stage: what the author wrote → resolved references.

Two passes over the model (never over rendered text, so every writer and the
alignment checks see the same references):

1. document symbols in running text and explicit ``[SYMBOL](#)`` links become
   ``SymbolRef`` inlines (``symbols.py``: the UN symbol grammar);
2. ``@label`` references become ``ResolvedRef`` with the target's number in the
   language's wording, after all targets are collected (``references.py``).

The front matter's own ``symbol`` is checked here too, by the same grammar: it is
printed in the masthead and every header, so ``see below`` must not pass (the
reader cannot check it: ``source`` does not import ``resolve``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from reportgen import model as m
from reportgen.errors import Diagnostic
from reportgen.l10n import plain_digits
from reportgen.resolve.references import collect_targets, resolve_references
from reportgen.resolve.symbols import canonical, find_symbols, is_symbol, ods_url, parse_symbol
from reportgen.resolve.walk import map_inlines
from reportgen.source.yamlnodes import shown

__all__ = ["resolve_document", "link_symbols", "resolve_references", "collect_targets",
           "ods_url", "find_symbols", "is_symbol", "symbol_problem", "metadata_diagnostics"]

#: What to write instead, in every message about a value that is not a symbol.
SYMBOL_ADVICE = "write it as issued, e.g. A/AC.1/2024/L.1"
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))


def resolve_document(doc: m.Document) -> tuple[m.Document, list[Diagnostic]]:
    linked, diagnostics = link_symbols(doc)
    resolved, found = resolve_references(linked)
    return resolved, metadata_diagnostics(doc) + diagnostics + found


def metadata_diagnostics(doc: m.Document) -> list[Diagnostic]:
    """The front matter's ``symbol`` by the grammar, at its key's line."""
    problem = symbol_problem(doc.meta.symbol)
    if problem is None:
        return []
    return [Diagnostic("error", doc.path, doc.meta.lines.get("symbol"),
                       f"'symbol' value '{shown(doc.meta.symbol)}' {problem}")]


def symbol_problem(text: str) -> str | None:
    """None when ``text`` is one UN document symbol; otherwise the end of a message
    ("is not a UN document symbol (it ends with '/'): write it as issued, …"), with
    what is wrong when the grammar can tell. One rule for the front matter and
    ``import --symbol``."""
    text = text.strip()
    if parse_symbol(text) is not None and text.isascii():  # the grammar's \d takes ٧٥ too
        return None
    why = _why_not_symbol(text)
    return f"is not a UN document symbol{f' ({why})' if why else ''}: {SYMBOL_ADVICE}"


def _why_not_symbol(text: str) -> str | None:
    """What keeps a nearly right symbol from being one, if it is one thing."""
    if (wide := unicodedata.normalize("NFKC", text)) != text and parse_symbol(wide) is not None:
        return "it is typed in full-width characters: use '/' and ASCII letters and digits"
    if (digits := plain_digits(text)) != text and parse_symbol(digits) is not None:
        return "it has digits other than 0-9"
    if (dashed := text.translate(_DASHES)) != text and parse_symbol(dashed) is not None:
        return "it has a dash where a symbol has '-'"
    if parse_symbol(text.upper()) is not None:
        return "it has lower-case letters where a symbol has capitals"
    if re.search(r"\s", text) and parse_symbol(re.sub(r"\s+", "", text)) is not None:
        return "it has a space inside"
    found = find_symbols(text)
    if len(found) > 1:
        return "it holds more than one symbol: give this document's own"
    if len(found) == 1:
        return f"only '{shown(found[0].symbol)}' of it is a symbol"
    if not re.match(r"[A-Z]{1,10}/", text):
        return None  # not symbol-like at all ("see below"): no reason to give
    if text.endswith("/"):
        return "it ends with '/'"
    if "//" in text:
        return "it has an empty part between '//'"
    if (part := re.search(r"(?:^|/)([A-Za-z]+\.)(?:/|$)", text)) is not None:
        return f"'{shown(part.group(1))}' lacks its number"
    if text.count("(") != text.count(")"):
        return "a parenthesis is not closed"
    return None


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
