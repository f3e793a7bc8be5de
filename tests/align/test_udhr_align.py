"""The real UDHR texts (English, French, Chinese; ../shared/udhr) as a report:
the 30 articles correspond exactly, the preambles really differ in length."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import pipeline
from reportgen.align import align_report
from tests.align import udhr


@pytest.fixture(scope="module")
def udhr_result(tmp_path_factory: pytest.TempPathFactory):
    udhr.require()  # ../shared/udhr: skipped without it, required under CI=true
    folder = udhr.write_udhr_report(tmp_path_factory.mktemp("udhr"))
    loaded = pipeline.load(folder)
    return folder, align_report(loaded.report)


def test_articles_align_with_no_finding(udhr_result) -> None:
    _, result = udhr_result
    assert [f for f in result.findings if f.paragraph is not None] == []
    assert sorted(result.versions["en"].units) == list(range(1, 31))


def test_preamble_difference_is_reported(udhr_result) -> None:
    folder, result = udhr_result
    assert [(f.check, f.lang, f.paragraph, f.severity, f.message) for f in result.findings] == [
        # French leaves out "Now, therefore," (10 preamble paragraphs against 9): the
        # finding names it with the paragraph it is read into; Chinese joins the last
        # three ("因此现在，大会，发布…") into one.
        ("unnumbered-mismatch", "fr", None, "error",
         "unnumbered paragraphs 7 and 8 under “Preamble” of the original are merged into "
         "unnumbered paragraph 7 under “Préambule” here"),
        ("unnumbered-mismatch", "zh", None, "error",
         "unnumbered paragraphs 8, 9 and 10 under “Preamble” of the original are merged into "
         "unnumbered paragraph 8 under “序言” here"),
    ]
