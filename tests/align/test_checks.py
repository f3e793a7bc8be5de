"""Alignment checks on a faithful translation and one damaged copy per defect class,
with the exact findings expected (check, language, paragraph, severity, line)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen import pipeline
from reportgen.align import REGISTRY, align_report
from tests.conftest import FIXTURES

FAITHFUL = FIXTURES / "align" / "faithful"


def aligned(tmp_path: Path, *edits: tuple[str, str], lang: str = "fr"):
    folder = tmp_path / "report"
    shutil.copytree(FAITHFUL, folder)
    path = folder / f"{lang}.md"
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return align_report(pipeline.load(folder).report)


def summary(result) -> list[tuple]:
    return [(f.check, f.lang, f.paragraph, f.severity, f.line) for f in result.findings]


def test_faithful_translation_has_no_finding(tmp_path: Path) -> None:
    result = aligned(tmp_path)
    assert summary(result) == []
    assert result.summary() == {"error": 0, "warning": 0, "info": 0}


def test_every_check_is_registered_with_a_description() -> None:
    required = {"missing-paragraph", "extra-paragraph", "merged-paragraphs", "split-paragraph", "order-mismatch",
                "numbering-mismatch", "unnumbered-mismatch", "duplicate-paragraph", "heading-mismatch",
                "subitem-mismatch", "footnote-mismatch", "number-mismatch", "symbol-mismatch",
                "reference-mismatch", "metadata-mismatch", "length-outlier", "untranslated"}
    assert required <= set(REGISTRY)
    for check in REGISTRY.values():
        assert check.severity in ("error", "warning", "info")
        assert check.description.endswith(".")


FR8 = "8. Le Comité a approuvé l’ordre du jour provisoire sans modification."

DEFECTS = {
    "missing-paragraph": (
        [("5. Le Comité a élu son bureau par acclamation à la première séance.\n\n", "")],
        [("missing-paragraph", "5", "error", 28)],
        "paragraph 5 of the original (en.md:30) is missing here"),
    "extra-paragraph": (
        [(FR8, FR8 + "\n\n9. Le Comité a clos la session.")],
        [("extra-paragraph", "8", "error", 38)],
        "paragraph 9 here has no counterpart in the original (inserted after the original's paragraph 8)"),
    "duplicate-paragraph": (
        [("5. Le Comité a élu", "4. Le Comité a élu")],
        [("duplicate-paragraph", "4", "error", 30), ("numbering-mismatch", "5", "error", 30)],
        "paragraph 4 appears again (first at line 28)"),
    "order-mismatch": (
        [("6. Le secrétariat a présenté un aperçu des documents dont le Comité était saisi.\n\n"
          "7. Plusieurs orateurs se sont félicités des progrès accomplis depuis la douzième session.",
          "7. Plusieurs orateurs se sont félicités des progrès accomplis depuis la douzième session.\n\n"
          "6. Le secrétariat a présenté un aperçu des documents dont le Comité était saisi.")],
        [("order-mismatch", "6", "error", 34)],
        "paragraph 6 of the original stands after the original's paragraph 7 here (as paragraph 6)"),
    "heading-mismatch": (
        [("## A. Participation\n\n", "")],
        [("heading-mismatch", None, "error", 12)],
        "headings differ: chapter I here, chapter I, section A in the original"),
    "subitem-mismatch": (
        [("    (b) un programme de travail.\n\n", "")],
        [("subitem-mismatch", "2", "error", 18)],
        "paragraph 2 has 1 sub-item here, the original 2 sub-items"),
    "footnote-mismatch": (
        [("(voir A/75/1).[^1]", "(voir A/75/1)."), ("[^1]: Documents officiels du Comité.\n", "")],
        [("footnote-mismatch", "1", "error", 16)],
        "paragraph 1 has 0 footnote(s) here, the original 1"),
    "unnumbered-mismatch": (
        [("La session s’est tenue au Centre international de Vienne.\n\n", "")],
        [("unnumbered-mismatch", None, "error", 14)],
        "unnumbered paragraph 1 in chapter I of the original (en.md:14) is missing here"),
    "symbol-mismatch": (
        [("(voir A/75/1)", "(voir A/75/2)")],
        [("symbol-mismatch", "1", "error", 16)],
        "paragraph 1: missing A/75/1; not in the original: A/75/2"),
    "reference-mismatch": (
        [("2. Il a adopté", "2. {#two} Il a adopté"), ("indiqué au @opening", "indiqué au @two")],
        [("reference-mismatch", "3", "error", 24)],
        "paragraph 3: the original refers to paragraph 1; this version refers to paragraph 2"),
    "metadata-mismatch": (
        [("job: V.21-06543", "job: V.21-06544")],
        [("metadata-mismatch", None, "error", 9)],
        "'job' is 'V.21-06544' here, 'V.21-06543' in the original"),
    "number-mismatch": (
        [("133 États parties", "134 États parties")],
        [("number-mismatch", "4", "error", 28)],
        "paragraph 4: the original has 133 not found here; this version has 134 not in the original"),
    "number-mismatch-spelled-out": (
        [("depuis la douzième session", "depuis la treizième session")],
        [("number-mismatch", "7", "warning", 34)],
        "paragraph 7: the original has 12 not found here; this version has 13 not in the original"),
    "untranslated": (
        [("4. Des représentants de 133 États parties ont participé à la session.",
          "4. Representatives of 133 States parties attended the session.")],
        [("untranslated", "4", "error", 28)],
        "paragraph 4 is identical to the original"),
    "length-outlier": (
        [("5. Le Comité a élu son bureau par acclamation à la première séance.",
          "5. Le Comité a élu son bureau par acclamation à la première séance, après de longues "
          "consultations officieuses entre les groupes régionaux, qui ont duré plusieurs jours et ont "
          "porté sur la répartition des sièges, la rotation des présidences et la composition du bureau.")],
        [("length-outlier", "5", "warning", 30)],
        None),
}


@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_each_defect_class_is_found_where_it_is(tmp_path: Path, defect: str) -> None:
    edits, expected, message = DEFECTS[defect]
    result = aligned(tmp_path, *edits)
    assert summary(result) == [(c, "fr", p, s, ln) for c, p, s, ln in expected]
    if message is not None:
        assert result.findings[0].message == message


def test_numbers_in_each_languages_notation_are_not_flagged(tmp_path: Path) -> None:
    # 12,345.5 (en) is 12 345,5 (fr); 45 per cent is 45 pour cent; 6 September is 6 septembre
    result = aligned(tmp_path)
    assert [f for f in result.findings if f.check == "number-mismatch"] == []


def test_self_alignment_has_no_finding(tmp_path: Path) -> None:
    from reportgen.align.findings import Pair
    from reportgen.align.prepare import prepare

    loaded = pipeline.load(FAITHFUL)
    for doc in loaded.report.versions.values():
        v = prepare(doc)
        assert [f for check in REGISTRY.values() for f in check.fn(Pair(v, v))] == []
