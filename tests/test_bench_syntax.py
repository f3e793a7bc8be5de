"""The benchmark's six versions (``bench/generate.py``, the example report's sentences
as real authors typed them) build with no source syntax in any DOCX: the autouse guard
(tests/conftest.py) checks every DOCX left under ``tmp_path``. Issue 19: the Chinese
``出版的*《追回资产案件摘要》*。`` printed its asterisks 130 times, with no warning."""

from __future__ import annotations

from pathlib import Path

from bench.generate import generate
from reportgen import model as m
from reportgen.source.reader import read_document
from tests.support.docx_read import NS, Docx, _q
from tests.support.source_syntax import source_syntax_in

TITLE = "《追回资产案件摘要》"


def _emphasised(content: tuple[m.Inline, ...]) -> list[str]:
    """The plain text of every Emph, at any depth."""
    out = []
    for x in content:
        if isinstance(x, m.Emph):
            out.append("".join(t.text for t in x.content if isinstance(t, m.Text)))
        if not isinstance(x, m.Note):
            out += _emphasised(m.inline_children(x))
    return out


def test_the_benchmark_builds_without_source_syntax(cli, tmp_path: Path) -> None:
    paths = generate(tmp_path / "bench", 120)
    result = cli("build", tmp_path / "bench", "-o", tmp_path / "out")
    assert (result.code, result.err) == (0, "")
    built = sorted((tmp_path / "out").glob("*.docx"))
    assert [p.stem for p in built] == ["ar", "en", "es", "fr", "ru", "zh"]
    for docx in built:
        assert source_syntax_in(docx) == [], docx.name

    doc, diagnostics = read_document(paths["zh"])
    assert diagnostics == [] and doc is not None
    titles = [text for block in m.walk_blocks(doc.blocks) if isinstance(block, (m.Para, m.Heading))
              for text in _emphasised(block.content)]
    assert titles and set(titles) == {TITLE}

    zh = Docx(tmp_path / "out" / "zh.docx")
    texts = [zh.text_of(p) for p in zh.xml("word/document.xml").iter(_q("w:p"))]
    assert sum(TITLE in t for t in texts) > 0 and not any("*" in t for t in texts)
    title_runs = [r for part in ("word/document.xml", "word/footnotes.xml") for r in zh.xml(part).iter(_q("w:r"))
                  if "".join(t.text or "" for t in r.findall("w:t", NS)) == TITLE]
    assert len(title_runs) == len(titles)
    assert all(r.find("w:rPr/w:i", NS) is None for r in title_runs)  # upright: Han is never slanted
