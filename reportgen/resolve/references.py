"""Paragraph, chapter and section references, resolved in two passes (as Sphinx does):
first collect every labelled target of a document, then replace each ``@label``
with the target's number in the language's own wording.

Numbers are never stored in references, only labels, so a reference follows its
paragraph when the numbering changes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportgen import model as m
from reportgen.errors import Diagnostic
from reportgen.l10n import Language, language
from reportgen.resolve.walk import map_inlines


@dataclass(frozen=True)
class Target:
    kind: str  # "paragraph" | "chapter" | "section"
    number: int
    line: int | None


def collect_targets(doc: m.Document) -> tuple[dict[str, Target], list[Diagnostic]]:
    """Pass 1: every ``{#label}`` of the document, with duplicates reported."""
    targets: dict[str, Target] = {}
    diagnostics: list[Diagnostic] = []
    for block in doc.blocks:
        target: Target | None = None
        if isinstance(block, m.NumberedParagraph) and block.label:
            target = Target("paragraph", block.number, block.line)
        elif isinstance(block, m.Heading) and block.label:
            if block.number is None or block.level > 2:
                diagnostics.append(Diagnostic(
                    "error", doc.path, block.line,
                    f"label '{block.label}' is on a heading without a number: only numbered chapters "
                    "and sub-headings can be referred to"))
                continue
            target = Target("chapter" if block.level == 1 else "section", block.number, block.line)
        if target is None or not isinstance(block, (m.NumberedParagraph, m.Heading)) or block.label is None:
            continue
        label = block.label
        if label in targets:
            first = targets[label]
            diagnostics.append(Diagnostic(
                "error", doc.path, block.line,
                f"duplicate label '{label}': already defined at line {first.line}"))
            continue
        targets[label] = target
    return targets, diagnostics


def resolve_references(doc: m.Document) -> tuple[m.Document, list[Diagnostic]]:
    """Pass 2: replace every ``Ref`` with a ``ResolvedRef`` or report it."""
    targets, diagnostics = collect_targets(doc)
    lang = language(doc.meta.language)

    def inline(x: m.Inline, line: int | None) -> m.Inline | None:
        if isinstance(x, m.Ref):
            return _resolve(x, targets, lang, doc, diagnostics)
        return None

    return replace(doc, blocks=map_inlines(doc.blocks, inline)), diagnostics


def _resolve(ref: m.Ref, targets: dict[str, Target], lang: Language, doc: m.Document,
             diagnostics: list[Diagnostic]) -> m.Inline:
    def error(message: str) -> m.Inline:
        diagnostics.append(Diagnostic("error", doc.path, ref.line, message))
        written = f"@{ref.first}" + (f"–@{ref.last}" if ref.last else "")
        return m.Text(written)

    first = targets.get(ref.first)
    if first is None:
        return error(f"unknown label '@{ref.first}'{_known(targets)}")
    if ref.last is None:
        text = {"paragraph": lang.paragraph_ref, "chapter": lang.chapter_ref,
                "section": lang.section_ref}[first.kind](first.number)
        return m.ResolvedRef(first.kind, (first.number,), text, ref.first, ref.line)
    last = targets.get(ref.last)
    if last is None:
        return error(f"unknown label '@{ref.last}'{_known(targets)}")
    if first.kind != "paragraph" or last.kind != "paragraph":
        return error(f"'@{ref.first}–@{ref.last}': only paragraphs can form a range")
    if last.number <= first.number:
        return error(f"'@{ref.first}–@{ref.last}': the range must run forward "
                     f"(paragraph {first.number} to {last.number})")
    text = lang.paragraphs_ref(first.number, last.number)
    return m.ResolvedRef("paragraph", (first.number, last.number), text, ref.first, ref.line)


def _known(targets: dict[str, Target]) -> str:
    if not targets:
        return " (this file defines no labels)"
    names = sorted(targets)
    shown = ", ".join(names[:8]) + (", ..." if len(names) > 8 else "")
    return f" (labels here: {shown})"
