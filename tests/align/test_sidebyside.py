"""The side-by-side model (reportgen/align/sidebyside.py) that the HTML report and the
bilingual review both write: its rows and cells for given links, the one placement
rule, and the review's pair of one translation (a merge on one row). The links are
set by hand, so each rule is met exactly once, whatever the aligner would find."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reportgen.align.findings import CheckId, Finding, Link
from reportgen.align.result import AlignmentResult
from reportgen.align.sidebyside import review_of, side_by_side
from reportgen.errors import UserError
from reportgen.project import Project
from tests.support.sources import FRONT

EN = """# I. Opening

1. The Committee met on 3 March 2024 with 41 delegations.

2. It adopted 12 decisions and 7 resolutions.

3. It heard 15 statements from observers.

# II. Documents

4. The secretariat presented 19 items.

5. A budget of 250,000 dollars was approved.

6. The Committee elected 3 vice-chairs.

7. The session closed on 8 March.
"""
FR = """# I. Ouverture

1. Le Comité s'est réuni le 3 mars 2024 avec 41 délégations ; il a adopté 12 décisions et 7 résolutions.

2. Il a entendu 15 déclarations ; le secrétariat a présenté 19 points.

# II. Documents

3. Un budget de 250 000 dollars a été approuvé.

4. La session a été close le 8 mars.

5. Un paragraphe que l'original n'a pas.
"""


@pytest.fixture(scope="module")
def aligned(tmp_path_factory: pytest.TempPathFactory) -> AlignmentResult:
    folder = tmp_path_factory.mktemp("sbs")
    (folder / "en.md").write_text(FRONT.format(lang="en") + EN, encoding="utf-8")
    (folder / "fr.md").write_text(FRONT.format(lang="fr") + FR, encoding="utf-8")
    _, result = Project.open(folder).align(keep_model=True, jobs=1)
    assert result is not None
    pair = result.pairs["fr"]
    links = (Link((0, 1), (0,)), Link((2, 3), (1,)), Link((4,), (2,)), Link((5,), ()), Link((6,), (3,)),
             Link((), (4,)))
    return replace(result, pairs={"fr": replace(pair, links=links)}, findings=(), accepted=())


def _finding(check: str, lang: str, paragraph: str | None, line: int | None) -> Finding:
    return Finding("error", check, lang, paragraph, line, f"{check} at {paragraph}")


def _line(result: AlignmentResult, lang: str, number: int) -> int:
    line = result.versions[lang].units[number].line
    assert line is not None
    return line


def test_rows_and_cells_follow_the_links(aligned: AlignmentResult) -> None:
    view = side_by_side(aligned)
    assert view.languages == ["en", "fr"]
    assert [(r.kind, r.number) for r in view.rows] == [
        ("heading", None), ("paragraph", 1), ("paragraph", 2), ("paragraph", 3), ("heading", None),
        ("paragraph", 4), ("paragraph", 5), ("paragraph", 6), ("paragraph", 7), ("extra", None)]
    fr = [(r.cells["fr"].kind, r.cells["fr"].numbers(), [u.number for u in r.cells["fr"].units],
           r.cells["fr"].rowspan) if "fr" in r.cells else None for r in view.rows]
    assert fr == [
        ("heading", [], [], 1),
        ("merged", [1, 2], [1], 2),       # spans the row of 2
        None,                             # spanned
        ("merged", [3, 4], [2], 1),       # a heading stands between 3 and 4: not spanned
        ("heading", [], [], 1),
        ("merged-above", [4], [], 1),
        ("same", [5], [3], 1),
        ("missing", [6], [], 1),
        ("same", [7], [4], 1),
        ("extra", [], [5], 1)]
    assert view.spans == {"fr": {2: 1}}
    assert [r.cells["en"].kind for r in view.rows if r.kind != "extra"] == \
        ["heading", "original", "original", "original", "heading", "original", "original", "original", "original"]
    assert view.rows[7].cells["fr"].expect_line == _line(aligned, "fr", 3)  # after the unit before it


def test_one_rule_places_every_finding(aligned: AlignmentResult) -> None:
    missing = _finding(CheckId.MISSING_PARAGRAPH, "fr", "6", _line(aligned, "fr", 3))
    by_number = _finding(CheckId.NUMBER_MISMATCH, "fr", "4", None)          # row of 4: merged above
    by_line = _finding(CheckId.NUMBER_MISMATCH, "fr", "5", _line(aligned, "fr", 3))
    spanned = _finding(CheckId.LENGTH_OUTLIER, "fr", "2", None)             # row of 2: spanned
    own = _finding(CheckId.SUBITEM_SEQUENCE, "en", "1", _line(aligned, "en", 1))  # the original's own
    front = _finding(CheckId.METADATA_MISMATCH, "fr", None, 3)              # front matter: no cell
    accepted = _finding(CheckId.MERGED_PARAGRAPHS, "fr", "1", _line(aligned, "fr", 1))
    view = side_by_side(replace(aligned, findings=(missing, by_number, by_line, spanned, own, front),
                                accepted=(accepted,)))
    placed = {(r, f.check, f.paragraph) for r, row in enumerate(view.rows) for c in row.cells.values()
              for f in c.findings}
    assert placed == {(7, CheckId.MISSING_PARAGRAPH, "6"), (3, CheckId.NUMBER_MISMATCH, "4"),
                      (6, CheckId.NUMBER_MISMATCH, "5"), (1, CheckId.LENGTH_OUTLIER, "2")}
    assert all(f.lang == "fr" for row in view.rows for c in row.cells.values() for f in c.findings
               if c.lang == "fr")
    assert view.document == [own, front]
    assert view.rows[1].cells["fr"].accepted == [accepted] and view.document_accepted == []


def test_the_review_is_the_pair_with_a_merge_on_one_row(aligned: AlignmentResult) -> None:
    missing = _finding(CheckId.MISSING_PARAGRAPH, "fr", "6", _line(aligned, "fr", 3))
    front = _finding(CheckId.METADATA_MISMATCH, "fr", None, 3)
    review = review_of(replace(aligned, findings=(missing, front)), "fr")
    assert [(r.kind, [u.number for u in r.original], [u.number for u in r.version]) for r in review.rows] == [
        ("heading", [], []), ("merged", [1, 2], [1]), ("merged", [3, 4], [2]), ("heading", [], []),
        ("same", [5], [3]), ("missing", [6], []), ("same", [7], [4]), ("extra", [], [5])]
    headings = [(r.original_heading, r.version_heading) for r in review.rows if r.kind == "heading"]
    assert [(o.number, v.number) for o, v in headings if o is not None and v is not None] == [(1, 1), (2, 2)]
    assert review.rows[5].findings == [missing] and review.document == (front,)
    assert review.findings == [missing, front]


def test_a_review_of_a_language_without_an_alignment_is_refused(aligned: AlignmentResult) -> None:
    with pytest.raises(UserError) as caught:
        review_of(aligned, "zh")
    assert str(caught.value) == "zh.md: no alignment of 'zh' with the original 'en': nothing to review"


def test_without_links_units_pair_by_number(aligned: AlignmentResult) -> None:
    pair = aligned.pairs["fr"]
    view = side_by_side(replace(aligned, pairs={"fr": replace(pair, links=())}))
    assert [(r.number, [u.number for u in r.cells["fr"].units]) for r in view.rows
            if r.kind == "paragraph"] == [(1, [1]), (2, [2]), (3, [3]), (4, [4]), (5, [5]), (6, []), (7, [])]
    assert view.rows[-1].kind == "paragraph"  # every fr number has its row: no extra


def test_without_the_original_every_finding_is_the_documents(aligned: AlignmentResult) -> None:
    front = _finding(CheckId.METADATA_MISMATCH, "fr", None, 3)
    view = side_by_side(replace(aligned, original="es", findings=(front,)))
    assert (view.rows, view.document) == ([], [front])
