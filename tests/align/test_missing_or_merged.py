"""Between a dropped paragraph and a merge, content decides (issue 23): a short
paragraph dropped from a translation adds so little length to its neighbour that the
alignment by length alone called it merged ("2 and 3 merged"); the paragraph's own
concepts, figures and names, absent from its neighbour's translation, say it is
missing. A real merge of the same paragraphs keeps both's content and stays a merge.

On the real UDHR (../shared/udhr): articles 3, 9 and 24 are short ones the aligner
used to misread.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from reportgen import pipeline
from reportgen.align import align_report
from reportgen.align.match import Features, _absent
from tests.align import udhr
from tests.align.damage import STRUCTURAL, damage_file
from tests.align.measure_damage import gold_pairs, pairs


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    udhr.require()
    return udhr.write_udhr_report(tmp_path_factory.mktemp("udhr"))


@pytest.mark.parametrize("renumber", [True, False], ids=["renumbered", "numbers-kept"])
@pytest.mark.parametrize("lang", ["fr", "zh"])
@pytest.mark.parametrize("at", [2, 8, 23])
@pytest.mark.parametrize(("kind", "check"), [("drop", "missing-paragraph"), ("merge", "merged-paragraphs")])
def test_content_decides_between_missing_and_merged(clean: Path, tmp_path: Path, kind: str, check: str, at: int,
                                                    lang: str, renumber: bool) -> None:
    report = tmp_path / "udhr"
    shutil.copytree(clean, report)
    done = damage_file(report / f"{lang}.md", kind, at, renumber)
    result = align_report(pipeline.load(report).report)
    named = [(f.check, f.paragraph) for f in result.findings if f.lang == lang and f.check in STRUCTURAL]
    assert named == [(check, str(at + 1))]
    assert pairs(result, lang) == gold_pairs(done)


def _features(concepts: dict[str, int]) -> Features:
    from collections import Counter
    return Features(10, Counter(), Counter(), Counter(), Counter(), 0, (), (0, 0, 0, 0), concepts=Counter(concepts))


def test_absent_needs_enough_content_to_judge() -> None:
    short = _features({"session": 1})
    neighbour = _features({"torture": 1, "treatment": 1})
    far = _features({"torture": 1, "treatment": 1})
    assert _absent(short, neighbour, far) is None  # one concept of its own: too little to say
    lost = _features({"life": 1, "security": 1, "person": 1})
    assert _absent(lost, neighbour, far) is True
    kept = _features({"torture": 1, "treatment": 1, "life": 1, "security": 1, "person": 1})
    assert _absent(lost, neighbour, kept) is False


def test_kept_numbers_decide_where_content_does_not(clean: Path, tmp_path: Path) -> None:
    """Article 6 dropped from the Chinese version, the numbers kept: its concepts
    (everyone, right, person) are in article 7's translation too, so content leaves it
    open; the unit carries 7, and 6 is nowhere: 6 is missing, not merged."""
    report = tmp_path / "udhr"
    shutil.copytree(clean, report)
    done = damage_file(report / "zh.md", "drop", 5, False)
    result = align_report(pipeline.load(report).report)
    named = [(f.check, f.paragraph) for f in result.findings if f.lang == "zh" and f.check in STRUCTURAL]
    assert named == [("missing-paragraph", "6")]
    assert pairs(result, "zh") == gold_pairs(done)


def test_kept_second_needs_the_first_number_gone() -> None:
    from reportgen.align.match import _kept_second

    def numbered(n: int | None) -> Features:
        return replace(_features({}), number=n)

    assert _kept_second(numbered(6), numbered(7), numbered(7), {1, 2, 3, 4, 5, 7, 8})
    assert not _kept_second(numbered(6), numbered(7), numbered(7), {1, 2, 3, 4, 5, 6, 7})  # 6 is elsewhere
    assert not _kept_second(numbered(6), numbered(7), numbered(6), {1, 2, 3, 4, 5, 6, 8})  # a merge's number
    assert not _kept_second(numbered(None), numbered(7), numbered(7), {7})
