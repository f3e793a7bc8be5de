"""The done-when figures of issue 23 on the real UDHR (../shared/udhr), en original:
every kind of damage (tests/align/damage.py) at 7 positions, with and without
renumbering, in the French and in the Chinese version; for each case the exit code
``reportgen align`` would give, the pair F1 of its links against the right alignment,
whether the alignment is exact, and whether the defect is named once, at the right
paragraph, with the right check id.

    .venv/bin/python -m tests.align.measure_damage [-v]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from reportgen.align import AlignmentResult
from reportgen.project import Project
from tests.align import udhr
from tests.align.damage import KINDS, STRUCTURAL, Damaged, damage_file, expected_finding, paragraphs

#: positions (0-based) among the 30 articles: the first, the last pair, short articles
#: (3, 9, 24: a drop the length alone takes for a merge) and articles with sub-items
#: (13 and 14, 16 and 17), where a merge gives (a) (b) (a) (b)
POSITIONS = (0, 2, 8, 12, 15, 23, 28)
LANGS = ("fr", "zh")


@dataclass(frozen=True)
class Case:
    lang: str
    kind: str
    at: int
    renumber: bool
    code: int
    f1: float
    exact: bool
    named: bool
    structural: tuple[tuple[str, str | None], ...]


def exit_code(project: Project) -> tuple[int, AlignmentResult | None]:
    """What ``reportgen align`` exits with (cli.align): 2 unusable, 1 an error, else 0."""
    each, result = project.align(keep_model=True, jobs=1)
    if each.unusable or result is None:
        return 2, None
    return (1 if result.has_errors or each.errors else 0), result


def pairs(result: AlignmentResult, lang: str) -> set[tuple[int, int]]:
    """(original's numbered position, version's numbered position) of every link."""
    pair = result.pairs[lang]
    o_pos = {i: k for k, i in enumerate(i for i, u in enumerate(pair.original.segments) if u.number is not None)}
    v_pos = {j: k for k, j in enumerate(j for j, u in enumerate(pair.version.segments) if u.number is not None)}
    return {(o_pos[i], v_pos[j]) for link in pair.links for i in link.original for j in link.version
            if i in o_pos and j in v_pos}


def gold_pairs(done: Damaged) -> set[tuple[int, int]]:
    return {(i, j) for j, origin in enumerate(done.gold) for i in origin}


def f1(found: set[tuple[int, int]], gold: set[tuple[int, int]]) -> float:
    if not found and not gold:
        return 1.0
    hit = len(found & gold)
    precision = hit / len(found) if found else 0.0
    recall = hit / len(gold) if gold else 0.0
    return 2 * precision * recall / (precision + recall) if hit else 0.0


def run_case(clean: Path, work: Path, lang: str, kind: str, at: int, renumber: bool) -> Case:
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(clean, work)
    done = damage_file(work / f"{lang}.md", kind, at, renumber)
    numbers = [p.number for p in paragraphs((clean / "en.md").read_text(encoding="utf-8"))[1]]
    code, result = exit_code(Project.open(work))
    if result is None:
        return Case(lang, kind, at, renumber, code, 0.0, False, False, ())
    found, gold = pairs(result, lang), gold_pairs(done)
    structural = tuple((f.check, f.paragraph) for f in result.findings if f.lang == lang and f.check in STRUCTURAL)
    return Case(lang, kind, at, renumber, code, f1(found, gold), found == gold,
                structural == (expected_finding(kind, at, numbers),), structural)


def measure(verbose: bool = False) -> list[Case]:
    udhr.require()
    with tempfile.TemporaryDirectory() as tmp:
        clean = udhr.write_udhr_report(Path(tmp) / "clean")
        cases = []
        for lang in LANGS:
            for kind in KINDS:
                for at in POSITIONS:
                    for renumber in (True, False):
                        case = run_case(clean, Path(tmp) / "udhr", lang, kind, at, renumber)
                        cases.append(case)
                        if verbose and (case.code == 2 or not case.exact or not case.named):
                            print(case, file=sys.stderr)
    return cases


def main() -> None:
    cases = measure("-v" in sys.argv)
    n = len(cases)
    refused = sum(c.code == 2 for c in cases)
    print(f"cases: {n} (UDHR en original; fr, zh; {', '.join(KINDS)}; positions {POSITIONS}; "
          "renumbered and not)")
    print(f"exit 2: {refused}; exit 0 or 1: {n - refused}")
    print(f"mean pair F1: {sum(c.f1 for c in cases) / n:.4f}")
    print(f"exact alignment: {sum(c.exact for c in cases)}/{n} ({100 * sum(c.exact for c in cases) / n:.1f} %)")
    print(f"defect named once, right paragraph and check: {sum(c.named for c in cases)}/{n}")


if __name__ == "__main__":
    main()
