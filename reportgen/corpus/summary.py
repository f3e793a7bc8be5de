"""``summary.html``: what a corpus run found, counted, for a person to read first.

Counted from the Parquet tables the run wrote, batch by batch (only the columns
counted are read: a corpus of any size is never held), so the page says exactly what
the tables say: open findings by check and by language (and the sources' own
diagnostics, ``reportgen check``'s, apart), reports and findings by organ and by year,
the documents with the most open errors, and every report that failed with its
located error. Jinja2 with autoescaping, as the alignment report
(``render/html``): every value from a file is text; the page has no script and no URL.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import pyarrow.parquet as pq

__all__ = ["write_summary", "Summary"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
SEVERITIES = ("error", "warning", "info")
WORST = 20  # documents listed as the worst


@dataclass
class Counts:
    """Open findings of one group by severity."""

    error: int = 0
    warning: int = 0
    info: int = 0

    def add(self, severity: str) -> None:
        setattr(self, severity, getattr(self, severity) + 1)


@dataclass
class Group:
    """A row of the organ and year tables: reports, language versions, open findings."""

    reports: set[str] = field(default_factory=set)
    versions: int = 0
    findings: Counts = field(default_factory=Counts)


@dataclass
class Worst:
    report: str
    symbol: str
    errors: int
    warnings: int


@dataclass
class Summary:
    reports: int = 0
    versions: int = 0
    units: int = 0
    links: int = 0
    by_check: dict[str, Counts] = field(default_factory=dict)
    by_language: dict[str, Counts] = field(default_factory=dict)
    sources: Counts = field(default_factory=Counts)  # reportgen check's diagnostics
    by_organ: dict[str, Group] = field(default_factory=dict)
    by_year: dict[str, Group] = field(default_factory=dict)
    worst: list[Worst] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)


def write_summary(out: Path) -> Path:
    """Write ``out/summary.html`` from the tables in ``out``; returns its path."""
    page = _environment().get_template("summary.html.j2").render(s=summarise(out), severities=SEVERITIES)
    path = out / "summary.html"
    temp = out / ".summary.html.tmp"
    temp.write_text(page, "utf-8")
    temp.replace(path)
    return path


def summarise(out: Path) -> Summary:
    s = Summary()
    where: dict[str, tuple[str, str]] = {}  # report -> (organ, year)
    symbols: dict[str, str] = {}
    open_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    reports: set[str] = set()
    for r in _rows(out / "documents.parquet", ["report", "symbol", "original", "language", "organ", "year",
                                               "status", "error"]):
        reports.add(r["report"])
        if r["status"] == "failed":
            s.failures.append((r["report"], r["error"]))
            continue
        s.versions += 1
        if r["language"] == r["original"]:
            symbols[r["report"]] = r["symbol"]
        place = (r["organ"] or "(none)", str(r["year"]) if r["year"] is not None else "(none)")
        where[r["report"]] = place
        for groups, key in ((s.by_organ, place[0]), (s.by_year, place[1])):
            group = groups.setdefault(key, Group())
            group.reports.add(r["report"])
            group.versions += 1
    s.reports = len(reports)
    for r in _rows(out / "findings.parquet", ["report", "language", "check", "severity", "stage", "accepted"]):
        if r["accepted"] or r["report"] not in where:  # a failed report's diagnostics are its failure
            continue
        if r["stage"] != "align":  # check's and the import's diagnostics: no check id
            s.sources.add(r["severity"])
        else:
            s.by_check.setdefault(r["check"], Counts()).add(r["severity"])
            s.by_language.setdefault(r["language"], Counts()).add(r["severity"])
        organ, year = where[r["report"]]
        s.by_organ[organ].findings.add(r["severity"])
        s.by_year[year].findings.add(r["severity"])
        if r["severity"] in ("error", "warning"):
            open_counts[r["report"]][r["severity"] == "warning"] += 1
    s.units = sum(1 for r in _rows(out / "units.parquet", ["order"]) if r["order"] == 0)
    s.links = pq.ParquetFile(out / "links.parquet").metadata.num_rows
    ranked = sorted(open_counts, key=lambda k: (-open_counts[k][0], -open_counts[k][1], k))
    s.worst = [Worst(k, symbols.get(k, ""), *open_counts[k]) for k in ranked[:WORST] if open_counts[k][0]]
    s.by_check = dict(sorted(s.by_check.items(), key=lambda kv: (-kv[1].error, -kv[1].warning, kv[0])))
    s.by_language = dict(sorted(s.by_language.items()))
    s.by_organ = dict(sorted(s.by_organ.items()))
    s.by_year = dict(sorted(s.by_year.items()))
    return s


def _rows(path: Path, columns: list[str]) -> Iterator[dict[str, Any]]:
    for batch in pq.ParquetFile(path).iter_batches(columns=columns):
        yield from batch.to_pylist()


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=True)
