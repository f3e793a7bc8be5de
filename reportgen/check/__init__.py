"""Report-level checks run by ``reportgen check`` on the resolved model: cited
documents against the registry, symbol-like strings that are malformed, and
word counts against the UN limits. Each yields diagnostics; none writes."""

from __future__ import annotations

from reportgen.check.citations import Citation, check_citations, citations
from reportgen.check.wordcount import check_word_counts, word_count
from reportgen.errors import Diagnostic
from reportgen.model import Report
from reportgen.source.registry import Registry

__all__ = ["Citation", "citations", "check_report", "word_count"]


def check_report(report: Report, registry: Registry) -> list[Diagnostic]:
    return check_citations(report, registry) + check_word_counts(report)
