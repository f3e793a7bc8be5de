"""The outcome of aligning a report: findings (open and accepted) and the
versions they refer to, serialised per INTERFACE §5.1."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportgen.align.findings import SEVERITIES, Finding, LinkRow, Pair, Version


@dataclass(frozen=True)
class AlignmentResult:
    report: str
    symbol: str
    original: str
    languages: tuple[str, ...]  # original first, then the others in code order
    findings: tuple[Finding, ...]  # open findings, sorted by language, paragraph, check
    accepted: tuple[Finding, ...] = ()  # findings a reviewer accepted (still valid)
    versions: dict[str, Version] = field(default_factory=dict)
    pairs: dict[str, Pair] = field(default_factory=dict)  # each translation aligned with the original
    # each translation's links, kept without the texts, so JSON lists them however it ran
    links: dict[str, tuple[LinkRow, ...]] = field(default_factory=dict)

    def summary(self) -> dict[str, int]:
        return {s: sum(f.severity == s for f in self.findings) for s in SEVERITIES}

    def summary_for(self, lang: str) -> dict[str, int]:
        return {s: sum(f.severity == s and f.lang == lang for f in self.findings) for s in SEVERITIES}

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def as_json(self) -> dict[str, object]:
        return {
            "report": self.report,
            "symbol": self.symbol,
            "original": self.original,
            "languages": list(self.languages),
            "findings": [f.as_json() for f in self.findings],
            "accepted": [f.as_json() for f in self.accepted],
            "summary": self.summary(),
            "links": {code: [row.as_json() for row in rows] for code, rows in self.links.items()},
        }
