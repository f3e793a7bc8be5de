"""Align never refuses a readable translation (issue 23): a version whose sub-items run
out of sequence, whose numbers repeat or skip — what a translator's merge, split or
insertion leaves — is aligned by content all the same, and the defect is a finding at its
line with a registered check id; only an unreadable file stops ``align``. ``build`` and
``check`` keep refusing those errors.

On the real UDHR (../shared/udhr), damaged by tests/align/damage.py at article 13,
where two paragraphs with sub-items meet (a merge gives (a) (b) (a) (b)).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reportgen.align import REGISTRY
from reportgen.project import Project
from tests.align import udhr
from tests.align.damage import KINDS, STRUCTURAL, damage_file, expected_finding, paragraphs
from tests.align.measure_damage import exit_code, gold_pairs

AT = 12  # article 13: (a) (b), then article 14: (a) (b)


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    udhr.require()  # ../shared/udhr: skipped without it, required under CI=true
    return udhr.write_udhr_report(tmp_path_factory.mktemp("udhr"))


def _copy(clean: Path, tmp_path: Path) -> Path:
    report = tmp_path / "udhr"
    shutil.copytree(clean, report)
    return report


@pytest.mark.parametrize("renumber", [True, False], ids=["renumbered", "numbers-kept"])
@pytest.mark.parametrize("lang", ["fr", "zh"])
@pytest.mark.parametrize("kind", KINDS)
def test_damage_among_sub_items_is_aligned_and_named_once(cli, clean: Path, tmp_path: Path, kind: str, lang: str,
                                                          renumber: bool) -> None:
    report = _copy(clean, tmp_path)
    done = damage_file(report / f"{lang}.md", kind, AT, renumber)
    result = cli("align", report, "--format", "json")
    assert result.code == 1, result.err  # findings, never "unusable"
    data = json.loads(result.out)
    numbers = [p.number for p in paragraphs((clean / "en.md").read_text(encoding="utf-8"))[1]]
    named = [(f["check"], f["paragraph"]) for f in data["findings"] if f["lang"] == lang and f["check"] in STRUCTURAL]
    assert named == [expected_finding(kind, AT, numbers)], named
    # the alignment itself, as JSON gives it, is exactly right, and says what happened
    rows = data["links"][lang]
    assert _json_pairs(rows) == gold_pairs(done)
    numbered = [r for r in rows if any(u["paragraph"] is not None for u in r["original"] + r["version"])]
    assert [r["type"] for r in numbered if r["type"] != "1-1"] == TYPES[kind]


#: kind → the links between numbered paragraphs that are not one-to-one
TYPES = {"drop": ["1-0"], "merge": ["2-1"], "split": ["1-2"], "insert": ["0-1"], "swap": ["swap", "swap"]}


def _json_pairs(rows: list[dict]) -> set[tuple[int, int]]:
    """(original's numbered position, version's numbered position) of every JSON link."""
    numbered = lambda side: sorted({u["id"] for r in rows for u in r[side] if u["paragraph"] is not None})  # noqa: E731
    o_pos = {i: k for k, i in enumerate(numbered("original"))}
    v_pos = {j: k for k, j in enumerate(numbered("version"))}
    return {(o_pos[a["id"]], v_pos[b["id"]]) for r in rows for a in r["original"] for b in r["version"]
            if a["id"] in o_pos and b["id"] in v_pos}


def test_merge_with_sub_items_as_a_translator_makes_it(clean: Path, tmp_path: Path) -> None:
    """The case the reader refused: articles 13 and 14 merged, (a) (b) (a) (b)."""
    report = _copy(clean, tmp_path)
    damage_file(report / "fr.md", "merge", AT, True)
    text = (report / "fr.md").read_text(encoding="utf-8")
    merged = text[text.index("\n13. "):text.index("\n14. ")]
    items = [line.strip().removeprefix("13. ")[:3] for line in merged.split("\n")]
    assert [item for item in items if item.startswith("(")] == ["(a)", "(b)", "(a)", "(b)"]
    code, aligned = exit_code(Project.open(report))
    assert code == 1 and aligned is not None
    mine = [(f.check, f.paragraph, f.version_paragraph, f.message) for f in aligned.findings
            if f.lang == "fr" and f.check in STRUCTURAL | {"numbering-mismatch"}]
    assert mine == [
        ("merged-paragraphs", "13", "13", "paragraphs 13 and 14 of the original are merged into paragraph 13 here"),
        ("numbering-mismatch", "15", "14", "paragraphs 14–29 here are 15–30 of the original: renumber them"),
    ]


def _letter_out_of_sequence(clean: Path, tmp_path: Path) -> tuple[Path, int]:
    """Article 15's (b) lettered (c) in the French version; returns the report and the line."""
    report = _copy(clean, tmp_path)
    path = report / "fr.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(k for k, line in enumerate(lines) if line.startswith("    (b) Nul ne peut être arbitrairement privé "
                                                                   "de sa nationalité"))
    lines[at] = lines[at].replace("(b)", "(c)", 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    return report, at + 1


def test_a_sub_item_out_of_sequence_is_a_finding_at_its_line(cli, clean: Path, tmp_path: Path) -> None:
    report, line = _letter_out_of_sequence(clean, tmp_path)
    result = cli("align", report, "--format", "json")
    assert result.code == 1
    fr = [f for f in json.loads(result.out)["findings"] if f["lang"] == "fr" and f["check"] != "unnumbered-mismatch"]
    assert fr == [{"severity": "error", "check": "subitem-sequence", "lang": "fr", "paragraph": "15",
                   "version_paragraph": "15", "line": line,
                   "message": "sub-item c) is out of sequence: expected b)"}]
    assert "out of sequence" not in result.err  # the finding names it; the load does not repeat it
    check = REGISTRY["subitem-sequence"]
    assert (check.severity, check.description) == (
        "error", "Sub-items of a paragraph do not run (a), (b), (c)… in the translation: one is out of sequence.")


def test_the_original_s_sub_item_out_of_sequence_is_still_printed(cli, clean: Path, tmp_path: Path) -> None:
    """Alignment checks translations against the original, not the original itself:
    the original's own problem stays on stderr."""
    report = _copy(clean, tmp_path)
    path = report / "en.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(k for k, line in enumerate(lines) if line.startswith("    (b) "))
    lines[at] = lines[at].replace("(b)", "(c)", 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    result = cli("align", report, "--format", "json")
    assert result.code == 1
    assert f"{report}/en.md:{at + 1}: sub-item (c) is out of sequence: expected (b)" in result.err.splitlines()


def test_a_translation_s_numbering_gap_is_named_once_by_the_alignment(cli, clean: Path, tmp_path: Path) -> None:
    """Article 9 dropped from the French, the numbers kept (8, 10): align names it
    missing, and the load does not print the gap too; check still prints it."""
    report = _copy(clean, tmp_path)
    damage_file(report / "fr.md", "drop", 8, False)
    result = cli("align", report, "--format", "json")
    assert result.code == 1
    fr = [(f["check"], f["paragraph"]) for f in json.loads(result.out)["findings"]
          if f["lang"] == "fr" and f["check"] != "unnumbered-mismatch"]
    assert fr == [("missing-paragraph", "9")]
    assert "follows paragraph" not in result.err
    gap = next(line for line in cli("check", report).err.splitlines() if "follows paragraph" in line)
    assert gap.startswith(f"{report}/fr.md:") and gap.endswith(": paragraph 10 follows paragraph 8: expected 9")


def test_the_original_s_numbering_gap_is_still_printed(cli, clean: Path, tmp_path: Path) -> None:
    report = _copy(clean, tmp_path)
    damage_file(report / "en.md", "drop", 8, False)
    result = cli("align", report, "--format", "json")
    assert any(line.startswith(f"{report}/en.md:") and line.endswith(": paragraph 10 follows paragraph 8: expected 9")
               for line in result.err.splitlines())


def test_build_and_check_still_refuse_it(cli, clean: Path, tmp_path: Path) -> None:
    report, line = _letter_out_of_sequence(clean, tmp_path)
    error = f"{report}/fr.md:{line}: sub-item (c) is out of sequence: expected b)"
    built = cli("build", report, "-o", tmp_path / "out")
    assert built.code == 2 and error in built.err.splitlines()
    assert not (tmp_path / "out").exists()  # no partial output
    checked = cli("check", report)
    assert checked.code == 1 and error in checked.err.splitlines()


def test_an_unreadable_version_still_stops_align(cli, clean: Path, tmp_path: Path) -> None:
    report = _copy(clean, tmp_path)
    (report / "fr.md").write_bytes((report / "fr.md").read_bytes().replace("Déclaration".encode(), b"D\xe9claration"))
    result = cli("align", report)
    assert result.code == 2
    assert result.out == ""
    assert result.err.splitlines()[0].startswith(f"{report}/fr.md:")
