"""The *align* stage: every language version checked against the original,
paragraph by paragraph, on the document model (INTERFACE §5).

``prepare`` turns each version into comparable units; every check registered
in ``checks/`` runs on each (original, translation) pair; acceptances a
reviewer recorded set findings aside while both texts stay unchanged.
"""

from __future__ import annotations

from reportgen.align.accept import Acceptance, fingerprint, read_acceptances
from reportgen.align.checks import REGISTRY
from reportgen.align.findings import Finding, Pair
from reportgen.align.prepare import prepare
from reportgen.align.result import AlignmentResult
from reportgen.errors import UserError
from reportgen.model import Report

__all__ = ["align_report", "AlignmentResult", "Finding", "REGISTRY"]


def align_report(report: Report, acceptances: list[Acceptance] | None = None) -> AlignmentResult:
    original_code = report.original
    if original_code not in report.versions:
        raise UserError(report.directory, None,
                        f"the original version {original_code}.md is missing: nothing to align against")
    acceptances = read_acceptances(report.directory) if acceptances is None else acceptances
    accepted_by_key = {a.key(): a for a in acceptances}
    versions = {code: prepare(doc) for code, doc in report.versions.items()}
    original = versions[original_code]
    open_: list[Finding] = []
    accepted: list[Finding] = []
    for code, version in versions.items():
        if code == original_code:
            continue
        pair = Pair(original, version)
        for check in REGISTRY.values():
            for f in check.fn(pair):
                acceptance = accepted_by_key.get((f.check, f.lang, f.paragraph))
                if acceptance and acceptance.hash == fingerprint(f, original, version):
                    accepted.append(f)
                else:
                    open_.append(f)
    languages = (original_code,) + tuple(c for c in report.versions if c != original_code)
    return AlignmentResult(
        report=report.name,
        symbol=report.versions[original_code].meta.symbol,
        original=original_code,
        languages=languages,
        findings=tuple(sorted(open_, key=_order)),
        accepted=tuple(sorted(accepted, key=_order)),
        versions=versions,
    )


def _order(f: Finding) -> tuple:
    return (f.lang, int(f.paragraph) if f.paragraph is not None else -1, f.line or 0, f.check, f.message)
