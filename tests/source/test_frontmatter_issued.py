"""Front matter keys of the issued page 1: ``processed`` (processing dates) and
``emblem`` (an image file); each mistake is refused at its line, nothing written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reportgen import pipeline
from tests.support.images import jpeg, png

JOB = "job: V.21-06543\n"
PROCESSED = "processed: [2021-09-07, 2021-09-08]\n"  # the example's own dates, which each test replaces
LINE = 14  # the line after job: in the example's en.md


def _edit(src: Path, added: str) -> Path:
    path = src / "en.md"
    text = path.read_text(encoding="utf-8")
    assert text.split("\n")[LINE - 2] == JOB.strip()
    path.write_text(text.replace(JOB + PROCESSED, JOB + added, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(("added", "line", "message"), [
    ("processed: [2021-09-08, 2021-09-07]\n", LINE, "'processed' ends (2021-09-07) before it starts (2021-09-08)"),
    ("processed: [2021-09-07, 2021-09-08, 2021-09-09]\n", LINE,
     "'processed' must be one or two dates: [YYYY-MM-DD, YYYY-MM-DD]"),
    ("processed: 2021-13-01\n", LINE, "'processed' value '2021-13-01' is not a real date (there is no month 13)"),
    ("processed:\n  - 2021-09-07\n  - 7 Sept\n", LINE + 2,
     "'processed' value '7 Sept' is not a date of the form YYYY-MM-DD"),
    ("processed: {a: 1}\n", LINE, "'processed' must be one or two dates: [YYYY-MM-DD, YYYY-MM-DD]"),
    ("emblem: [a.png]\n", LINE, "'emblem' must be text, not a list"),
    ("emblem: nowhere.png\n", LINE, "emblem file 'nowhere.png' not found in the report folder"),
    ("emblem: en.md\n", LINE, "emblem file 'en.md' is not a PNG or JPEG image"),
])
def test_bad_values_are_refused_at_their_line(report_copy, cli, tmp_path: Path, added: str, line: int,
                                              message: str) -> None:
    src = report_copy()
    path = _edit(src, added)
    out = tmp_path / "out"
    result = cli("build", str(src), "-o", str(out))
    assert result.code == 2
    assert result.err.strip().split("\n") == [f"{path}:{line}: {message}"]
    assert not out.exists()


def test_good_values_reach_the_model(report_copy) -> None:
    src = report_copy()
    (src / "seal.jpg").write_bytes(jpeg())  # a whole image: a damaged one is refused (tests/test_attacks_files.py)
    _edit(src, "processed: [2021-09-07, 2021-09-08]\nemblem: seal.jpg\n")
    loaded = pipeline.load(src)
    meta = loaded.metas["en"]
    assert meta.processed == (dt.date(2021, 9, 7), dt.date(2021, 9, 8))
    assert meta.emblem == (src / "seal.jpg").resolve()
    other = loaded.metas["fr"]
    # per version: fr keeps the example's own dates and has no emblem
    assert (other.processed, other.emblem) == ((dt.date(2021, 9, 7), dt.date(2021, 9, 8)), None)


def test_one_processing_date(report_copy) -> None:
    src = report_copy()
    _edit(src, "processed: 2021-09-07\n")
    meta = pipeline.load(src).metas["en"]
    assert meta.processed == (dt.date(2021, 9, 7),)


def test_markdown_writer_writes_the_keys_back(report_copy, tmp_path: Path) -> None:
    """reportgen's Markdown writer keeps them, in INTERFACE §2.2 order (after job)."""
    from reportgen.render.markdown import write_document
    from reportgen.source.reader import read_document

    src = report_copy()
    (src / "seal.png").write_bytes(png())
    _edit(src, "processed: [2021-09-07, 2021-09-08]\nemblem: seal.png\n")
    doc, diagnostics = read_document(src / "en.md")
    assert doc is not None and diagnostics == []
    text = write_document(doc)
    # relative to the report folder again, so that the folder moves with its emblem
    assert "job: V.21-06543\nprocessed: [2021-09-07, 2021-09-08]\nemblem: seal.png\n---\n" in text
    (src / "en.md").write_text(text, encoding="utf-8")
    back, diagnostics = read_document(src / "en.md")
    assert diagnostics == [] and back is not None
    assert (back.meta.processed, back.meta.emblem) == (doc.meta.processed, doc.meta.emblem)
