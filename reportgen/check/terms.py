"""Forbidden variants: a version that uses a term its term base marks as deprecated
or superseded in its language gets a warning at the line, naming the approved
term(s). Terms are found through inflection (``reportgen.l10n.stems``), so the
forbidden "droits humains" is found in "droit humain" too."""

from __future__ import annotations

from typing import assert_never

from reportgen import model as m
from reportgen.errors import Diagnostic
from reportgen.l10n.stems import matcher
from reportgen.source.termbase import TermBase


def _quoted(terms: tuple[str, ...]) -> str:
    shown = [f'"{t}"' for t in terms]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]


def passages(doc: m.Document) -> list[tuple[int | None, str]]:
    """(line, text) of every block of a version, footnotes and headings included: the
    text a reader sees, symbols and references left out (they hold no terms)."""
    out: dict[int | None, list[str]] = {}
    for x, line, _ in m.walk(doc.blocks):
        match x:
            case m.Text():
                out.setdefault(line, []).append(x.text)
            case m.LineBreak() | m.SymbolRef() | m.Ref() | m.ResolvedRef():
                out.setdefault(line, []).append(" ")
            case m.Emph() | m.Strong() | m.Superscript() | m.Subscript() | m.Link() | m.Note():
                pass  # their text comes as their own inlines (a footnote's at its own line)
            case _:
                assert_never(x)
    return [(line, "".join(parts)) for line, parts in out.items()]


def check_version_terms(doc: m.Document, terms: TermBase) -> list[Diagnostic]:
    """A warning for each forbidden term of the version's language, where it is used."""
    lang = doc.meta.language
    find = matcher(lang) if any(entry.forbidden.get(lang) for entry in terms.entries) else None
    if find is None:
        return []
    wanted = []
    for entry in terms.entries:
        approved = entry.terms(lang)
        use = f" (use {_quoted(approved)})" if approved else ""
        wanted += [(key, f'forbidden term "{t.text}"{use}') for t in entry.forbidden.get(lang, ())
                   if (key := find.key(t.text))]
    out = []
    for line, text in passages(doc):
        key = find.key(text)
        out += [Diagnostic("warning", doc.path, line, message) for term, message in wanted if term in key]
    return out
