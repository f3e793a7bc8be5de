"""Report-level checks run by ``reportgen check`` on the resolved model: cited
documents against the registry, symbol-like strings that are malformed, and
word counts against the UN limits. Each yields diagnostics; none writes.

:func:`report_lines` is how every command shows diagnostics: errors first,
then warnings, then notes, each sorted by (file, line); a warning repeated in
a file is one line; errors and warnings are capped at :data:`LIMIT` lines;
control characters are escaped.
"""

from __future__ import annotations

from collections.abc import Iterable

from pathlib import Path

from reportgen.check.citations import Citation, check_version_citations, citations, registry_name
from reportgen.check.terms import check_version_terms
from reportgen.check.wordcount import check_version_word_count, word_count
from reportgen.errors import Diagnostic
from reportgen.model import Document, Report
from reportgen.source.registry import Registry
from reportgen.source.termbase import TermBase
from reportgen.terminal import printable

__all__ = ["Citation", "citations", "check_report", "check_version", "word_count", "merge_repeats",
           "report_lines", "LIMIT"]

LIMIT = 50  # errors (and warnings) shown in one run; the rest are counted


def check_report(report: Report, registry: Registry) -> list[Diagnostic]:
    return [d for doc in report.versions.values() for d in check_version(doc, registry, report.directory)]


def check_version(doc: Document, registry: Registry, directory: Path,
                  terms: TermBase | None = None) -> list[Diagnostic]:
    """The checks of one version, which need no other version (so each can run in
    its own process): cited documents, malformed symbols, the word count, forbidden
    terms of the term base, and the authors' comments as notes (they are never
    printed in a DOCX)."""
    comments = [Diagnostic("info", doc.path, c.line, f"comment: {c.text}") for c in doc.comments]
    return (check_version_citations(doc, registry, registry_name(registry, directory))
            + [check_version_word_count(doc)] + check_version_terms(doc, terms or TermBase()) + comments)


def merge_repeats(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Drop exact duplicates; make the warnings of one file that share a message
    one warning at the first line: ``message (N times, first here)``. Errors
    keep every line, since each is a place to fix. Order is otherwise kept."""
    seen: set[Diagnostic] = set()
    repeats: dict[tuple, list[Diagnostic]] = {}
    order: list[Diagnostic | tuple] = []
    for d in diagnostics:
        if d in seen:
            continue
        seen.add(d)
        if d.severity != "warning":
            order.append(d)
            continue
        key = (d.path, d.message)
        if key not in repeats:
            repeats[key] = []
            order.append(key)
        repeats[key].append(d)
    out: list[Diagnostic] = []
    for item in order:
        if isinstance(item, Diagnostic):
            out.append(item)
            continue
        same = repeats[item]
        if len(same) == 1:
            out.append(same[0])
        else:
            first = min(same, key=_line)
            out.append(Diagnostic(first.severity, first.path, first.line,
                                  f"{first.message} ({len(same)} times, first here)"))
    return out


def report_lines(diagnostics: Iterable[Diagnostic], limit: int = LIMIT) -> list[str]:
    """The lines to print for ``diagnostics``: repeats merged, errors then
    warnings then the rest, each sorted by (file, line), errors and warnings
    capped at ``limit`` with one closing line counting the others. Control
    characters from the files (a term, a file name) are escaped, never sent raw
    to a terminal (``terminal.printable``)."""
    merged = merge_repeats(diagnostics)
    lines: list[str] = []
    severities = ["error", "warning"] + sorted({d.severity for d in merged} - {"error", "warning"})
    for severity in severities:
        group = sorted((d for d in merged if d.severity == severity), key=_place)
        capped = severity in ("error", "warning") and len(group) > limit
        lines += [printable(str(d)) for d in (group[:limit] if capped else group)]
        if capped:
            more = len(group) - limit
            lines.append(f"... and {more} more {severity}{'' if more == 1 else 's'}"
                         + (" (fix these and run again)" if severity == "error" else ""))
    return lines


def _line(d: Diagnostic) -> tuple[bool, int]:
    return d.line is None, d.line or 0


def _place(d: Diagnostic) -> tuple[str, int]:
    return str(d.path), d.line or 0
