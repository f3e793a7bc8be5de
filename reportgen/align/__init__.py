"""The *align* stage: every language version checked against the original,
paragraph by paragraph, on the document model (INTERFACE §5).

``prepare`` turns each version into comparable units; every check registered
in ``checks/`` runs on each (original, translation) pair; acceptances a
reviewer recorded set findings aside while both texts stay unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from reportgen.align.accept import Acceptance, fingerprint, read_acceptances
from reportgen.align.checks import REGISTRY
from reportgen.align.findings import Finding, Link, LinkRow, Pair, Unit, Version
from reportgen.align.match import (Features, align, anchor_pairs, calibrate, features, key_matches, moves,
                                    recalibrate, unmerged, with_moves)
from reportgen.align.numbers import comparable
from reportgen.align.prepare import prepare
from reportgen.l10n import language
from reportgen.l10n.lexicon import lexicon
from reportgen.l10n.numerals import BUILTIN_SYSTEMS
from reportgen.align.result import AlignmentResult
from reportgen.errors import UserError
from reportgen.model import Document, Metadata, Report
from reportgen.source import original_named
from reportgen.source.termbase import TermBase, read_termbase

__all__ = ["align_report", "align_prepared", "align_pair", "assemble", "PairOutcome", "prepare_version", "Prepared", "AlignmentResult", "Finding",
           "REGISTRY"]


@dataclass(frozen=True)
class Prepared:
    """One version ready to align: its units and their features (computed per
    version, so each can be prepared in its own process)."""

    version: Version
    features: list[Features]

    def without_model(self) -> Prepared:
        """The same without the document's blocks, which only the HTML report shows:
        a third of the size to send back from a worker process (reportgen.parallel)."""
        v = self.version
        light: dict[int, Unit] = {}  # units appear in several fields: keep them shared

        def bare(u: Unit) -> Unit:
            if id(u) not in light:
                light[id(u)] = replace(u, block=None)
            return light[id(u)]

        doc = replace(v.doc, blocks=(), comments=())
        version = replace(v, doc=doc, units={k: bare(u) for k, u in v.units.items()},
                          duplicates=tuple(map(bare, v.duplicates)), segments=tuple(map(bare, v.segments)))
        return Prepared(version, self.features)


def prepare_version(doc: Document, *, keep_model: bool = True) -> Prepared:
    """``keep_model=False``: see :meth:`Prepared.without_model`."""
    version = prepare(doc, _roman)
    prepared = Prepared(version, _features(version))
    return prepared if keep_model else prepared.without_model()


def align_report(report: Report, acceptances: list[Acceptance] | None = None,
                 terms: TermBase | None = None) -> AlignmentResult:
    prepared = {code: prepare_version(doc) for code, doc in report.versions.items()}
    return align_prepared(report.name, report.directory, prepared, acceptances, terms)


def align_prepared(name: str, directory: Path, prepared: dict[str, Prepared],
                   acceptances: list[Acceptance] | None = None, terms: TermBase | None = None) -> AlignmentResult:
    """Align every prepared version (by code, in file order) with the original.
    ``acceptances`` and ``terms`` are read from ``directory`` when not given."""
    if not prepared:
        raise UserError(directory, None, "no language version to align")
    acceptances = read_acceptances(directory) if acceptances is None else acceptances
    terms = read_termbase(directory)[0] if terms is None else terms  # its errors are the load's
    original = original_of(p.version.doc.meta for p in prepared.values())
    if original not in prepared:
        raise missing_original(directory, original)
    outcomes = {code: align_pair(prepared[original], p, acceptances, terms)
                for code, p in prepared.items() if code != original}
    versions = {code: p.version for code, p in prepared.items()}
    return assemble(name, prepared[original].version.doc.meta.symbol, original, list(prepared), outcomes, versions)


def original_of(metas: Iterable[Metadata]) -> str:
    """The original's code (``source.original_named``: the first version names it)."""
    original = original_named(metas)
    assert original is not None, "aligning needs at least one version"
    return original


def missing_original(directory: Path, original: str) -> UserError:
    return UserError(directory, None, f"the original version {original}.md is missing: nothing to align against")


@dataclass(frozen=True)
class PairOutcome:
    """One translation aligned with the original: the links and the findings of
    every check, open and accepted (small: sent back from a worker process)."""

    links: tuple[Link, ...]
    open: tuple[Finding, ...]
    accepted: tuple[Finding, ...]
    rows: tuple[LinkRow, ...] = ()  # the links with ids, numbers and lines: the JSON's


def align_pair(original: Prepared, mine: Prepared, acceptances: Sequence[Acceptance],
               terms: TermBase | None = None) -> PairOutcome:
    """Align one translation with the original by content, then run every registered check
    (``terms``: the report's term base, for the term-mismatch check)."""
    accepted_by_key = {a.key(): a for a in acceptances}
    pair = Pair(original.version, mine.version, tuple(_align(original.features, mine.features)), terms)
    open_: list[Finding] = []
    accepted: list[Finding] = []
    for check in REGISTRY.values():
        for f in check.fn(pair):
            acceptance = accepted_by_key.get((f.check, f.lang, f.paragraph))
            if acceptance and acceptance.hash == fingerprint(f, original.version, mine.version):
                accepted.append(f)
            else:
                open_.append(f)
    rows = tuple(LinkRow.of(link, original.version.segments, mine.version.segments) for link in pair.links)
    return PairOutcome(pair.links, tuple(open_), tuple(accepted), rows)


def assemble(name: str, symbol: str, original: str, codes: Sequence[str], outcomes: Mapping[str, PairOutcome],
             versions: Mapping[str, Version]) -> AlignmentResult:
    """The result, in a fixed order whatever order the pairs were aligned in.
    ``codes``: the versions in file order; ``versions`` may be empty when no output
    needs the texts (JSON and text list findings only)."""
    ordered = [outcomes[code] for code in codes if code in outcomes]  # not in the order they finished
    findings = [f for o in ordered for f in o.open]
    accepted = [f for o in ordered for f in o.accepted]
    pairs = {code: Pair(versions[original], versions[code], outcomes[code].links)
             for code in codes if code in outcomes and code in versions and original in versions}
    return AlignmentResult(
        report=name,
        symbol=symbol,
        original=original,
        languages=(original,) + tuple(c for c in codes if c != original),
        findings=tuple(sorted(findings, key=_order)),
        accepted=tuple(sorted(accepted, key=_order)),
        versions={code: versions[code] for code in codes if code in versions},
        pairs=pairs,
        links={code: outcomes[code].rows for code in codes if code in outcomes},
    )


def _features(version: Version) -> list[Features]:
    words = lexicon(version.lang)
    latin = language(version.lang).script == "latin"
    return [features(u, comparable(u.numbers), words.concepts(u.prose), latin=latin)
            for u in version.segments]


def _align(orig: list[Features], mine: list[Features]) -> list[Link]:
    """Content alignment of one version with the original, moves included."""
    scorer = calibrate(orig, mine)
    candidates = key_matches(orig, mine)
    # the length ratio again from the anchors (or a first alignment where there are few)
    anchors = [Link((i,), (j,)) for i, j in anchor_pairs(orig, mine, scorer, candidates)]
    scorer = recalibrate(anchors if len(anchors) >= 20 else align(orig, mine, scorer, candidates), orig, mine)
    links = unmerged(align(orig, mine, scorer, candidates), orig, mine, scorer)
    return with_moves(links, moves(links, orig, mine, scorer))


def _roman(n: int) -> str:
    """Chapters in messages as the documents number them (chapter V)."""
    return BUILTIN_SYSTEMS["roman"].format(n)


def _order(f: Finding) -> tuple:
    return (f.lang, int(f.paragraph) if f.paragraph is not None else -1, f.line or 0, f.check, f.message)
