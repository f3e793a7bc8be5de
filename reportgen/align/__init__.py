"""The *align* stage: every language version checked against the original,
paragraph by paragraph, on the document model (INTERFACE §5).

``prepare`` turns each version into comparable units; every check registered
in ``checks/`` runs on each (original, translation) pair; acceptances a
reviewer recorded set findings aside while both texts stay unchanged.
"""

from __future__ import annotations

from reportgen.align.accept import Acceptance, fingerprint, read_acceptances
from reportgen.align.checks import REGISTRY
from reportgen.align.findings import Finding, Link, Pair, Version
from reportgen.align.match import (Features, align, anchor_pairs, calibrate, features, moves, recalibrate,
                                    with_moves)
from reportgen.align.numbers import comparable, extract_numbers
from reportgen.align.prepare import prepare
from reportgen.l10n import language
from reportgen.l10n.lexicon import lexicon
from reportgen.l10n.numerals import BUILTIN_SYSTEMS
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
    versions = {code: prepare(doc, _roman) for code, doc in report.versions.items()}
    original = versions[original_code]
    original_features = _features(original)
    open_: list[Finding] = []
    accepted: list[Finding] = []
    pairs: dict[str, Pair] = {}
    for code, version in versions.items():
        if code == original_code:
            continue
        pair = Pair(original, version, tuple(_align(original_features, _features(version))))
        pairs[code] = pair
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
        pairs=pairs,
    )


def _features(version: Version) -> list[Features]:
    words = lexicon(version.lang)
    latin = language(version.lang).script == "latin"
    return [features(u, comparable(extract_numbers(u.prose, version.lang)), words.concepts(u.prose), latin=latin)
            for u in version.segments]


def _align(orig: list[Features], mine: list[Features]) -> list[Link]:
    """Content alignment of one version with the original, moves included."""
    scorer = calibrate(orig, mine)
    # the length ratio again from the anchors (or a first alignment where there are few)
    anchors = [Link((i,), (j,)) for i, j in anchor_pairs(orig, mine, scorer)]
    scorer = recalibrate(anchors if len(anchors) >= 20 else align(orig, mine, scorer), orig, mine)
    links = align(orig, mine, scorer)
    return with_moves(links, moves(links, orig, mine, scorer))


def _roman(n: int) -> str:
    """Chapters in messages as the documents number them (chapter V)."""
    return BUILTIN_SYSTEMS["roman"].format(n)


def _order(f: Finding) -> tuple:
    return (f.lang, int(f.paragraph) if f.paragraph is not None else -1, f.line or 0, f.check, f.message)
