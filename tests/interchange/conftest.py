"""Fixtures shared by the interchange tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.interchange.test_xliff import EN, FR


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A two-version report (en original, fr translation) with headings, sub-items,
    footnotes and links: the XLIFF tests' common ground."""
    report = tmp_path / "small"
    report.mkdir()
    (report / "en.md").write_text(EN, encoding="utf-8")
    (report / "fr.md").write_text(FR, encoding="utf-8")
    return report
