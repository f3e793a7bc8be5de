"""``Project.check_and_align`` (each version read once, for ``reportgen corpus``) gives
what ``Project.check`` and ``Project.align`` give, read twice: on the fixtures, a
generated report with a paragraph left out, and the reports whose original cannot be
aligned first (no version names an existing original, versions that disagree, an
original that cannot be read)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.generate import generate
from reportgen.errors import UserError
from reportgen.project import Project
from tests.conftest import EXAMPLE, FIXTURES
from tests.corpus.corpus_data import leave_out_paragraph


def _edited(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    if name == "generated-gap":
        generate(folder, 12, seed=3)
        leave_out_paragraph(folder / "fr.md")
        return folder
    shutil.copytree(FIXTURES / "minimal", folder)
    for md in sorted(folder.glob("*.md")):
        text = md.read_text("utf-8")
        if name == "original-missing":
            text = text.replace("original: en", "original: fr")
        elif name == "originals-disagree" and md.name == "ar.md":
            text = text.replace("original: en", "original: zh")
        elif name == "original-unreadable" and md.name == "en.md":
            text = text.replace("organ: Ad Hoc Committee on Testing", "organ: <b>x</b>")
        md.write_text(text, "utf-8")
    return folder


CASES = [EXAMPLE, FIXTURES / "minimal", FIXTURES / "continuing", FIXTURES / "align" / "faithful",
         "generated-gap", "original-missing", "originals-disagree", "original-unreadable"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c if isinstance(c, str) else c.name)
def test_the_same_diagnostics_findings_links_and_versions(case: Path | str, tmp_path: Path) -> None:
    folder = _edited(tmp_path, case) if isinstance(case, str) else case
    checked, expected_found = Project.open(folder).check(jobs=1)
    if not checked.unusable:
        try:
            aligned_each, expected = Project.open(folder).align(keep_model=True, jobs=1)
        except UserError as exc:  # align refuses the report: so does the corpus task, with the same line
            with pytest.raises(UserError) as refused:
                Project.open(folder).check_and_align(keep_model=True)
            assert str(refused.value) == str(exc)
            return
    else:
        aligned_each, expected = None, None
    each, found, result = Project.open(folder).check_and_align(keep_model=True)
    assert found == expected_found
    assert each.unusable == checked.unusable
    if expected is None:
        assert result is None
        return
    assert result is not None and aligned_each is not None
    assert result.as_json() == expected.as_json()
    assert sorted(result.versions) == sorted(expected.versions)
    assert {c: len(v.segments) for c, v in result.versions.items()} == \
        {c: len(v.segments) for c, v in expected.versions.items()}
    assert each.metas == aligned_each.metas and each.paths == aligned_each.paths


def test_the_cases_cover_each_path(tmp_path: Path) -> None:
    """Each edited case takes the path it stands for (so the test above cannot pass vacuously)."""
    missing = Project.open(_edited(tmp_path, "original-missing"))
    assert missing.original == "fr"  # not a version: aligned in one go, which refuses it
    with pytest.raises(UserError, match="the original version fr.md is missing: nothing to align against"):
        missing.check_and_align()
    unreadable = Project.open(_edited(tmp_path, "original-unreadable"))
    assert unreadable.check_and_align()[2] is None and unreadable.check(jobs=1)[0].unusable
    gap = Project.open(_edited(tmp_path, "generated-gap")).check_and_align()[2]
    assert gap is not None and any(f.check == "missing-paragraph" for f in gap.findings)
