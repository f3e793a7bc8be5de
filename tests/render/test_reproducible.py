"""Same sources, same bytes; and the package is laid out deterministically."""

from __future__ import annotations

import zipfile
from pathlib import Path

from reportgen import pipeline
from tests.conftest import EXAMPLE, FIXTURES


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    for source in (EXAMPLE, FIXTURES / "minimal"):
        loaded = pipeline.load(source)
        first = pipeline.render_all(loaded)
        second = pipeline.render_all(pipeline.load(source))
        assert first.keys() == second.keys()
        for code in first:
            assert first[code] == second[code], f"{source.name}/{code} differs between builds"
        pipeline.write_all(loaded, first, tmp_path / source.name)


def test_zip_entries_have_fixed_times_and_order(example_build: dict[str, Path]) -> None:
    with zipfile.ZipFile(example_build["zh"]) as zf:
        infos = zf.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert [i.filename for i in infos[1:]] == sorted(i.filename for i in infos[1:])
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
