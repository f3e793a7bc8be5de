"""Golden DOCX: the minimal fixture's parts compared as parsed XML, part by part.

A deliberate change to the output is accepted with
``REPORTGEN_UPDATE_GOLDEN=1 make test`` and reviewed as an XML diff in git.
"""

from __future__ import annotations

import difflib
import os
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from reportgen import pipeline
from tests.conftest import FIXTURES
from tests.support.ooxml_schema import check_docx

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "minimal"
UPDATE = os.environ.get("REPORTGEN_UPDATE_GOLDEN") == "1"
_PARSER = etree.XMLParser(remove_blank_text=True)


def pretty(data: bytes) -> str:
    return etree.tostring(etree.fromstring(data, _PARSER), pretty_print=True, encoding="unicode")


def canonical(data: bytes) -> bytes:
    return etree.tostring(etree.fromstring(data, _PARSER), method="c14n")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    loaded = pipeline.load(FIXTURES / "minimal")
    rendered = pipeline.render_all(loaded)
    for code, data in rendered.items():
        check_docx(data, f"golden {code}.docx")
    return {code: _parts(data) for code, data in rendered.items()}


def _parts(data: bytes) -> dict[str, bytes]:
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n.endswith((".xml", ".rels"))}


@pytest.mark.parametrize("lang", ["ar", "en", "zh"])
def test_parts_match_golden(built: dict[str, dict[str, bytes]], lang: str) -> None:
    folder = GOLDEN / lang
    parts = built[lang]
    if UPDATE:
        for name, data in parts.items():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(pretty(data), encoding="utf-8")
    expected = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert sorted(parts) == expected, "the package's part list changed"
    for name in expected:
        want = (folder / name).read_bytes()
        if canonical(parts[name]) != canonical(want):
            diff = difflib.unified_diff(pretty(want).splitlines(), pretty(parts[name]).splitlines(),
                                        f"golden/{lang}/{name}", f"built/{lang}/{name}", lineterm="", n=2)
            pytest.fail(f"{name} differs from the golden copy:\n" + "\n".join(list(diff)[:80]))
