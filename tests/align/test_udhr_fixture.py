"""The UDHR test report (tests/align/udhr.py) reads back as intended."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from reportgen import model as m
from reportgen.source.reader import read_document
from tests.align import udhr


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    udhr.require()  # ../shared/udhr: skipped without it, required under CI=true
    return udhr.write_udhr_report(tmp_path_factory.mktemp("udhr") / "udhr")


def _plain(content) -> str:
    out = []
    for x in content:
        assert isinstance(x, m.Text), f"unexpected inline {x!r}"
        out.append(x.text)
    return "".join(out)


def _read(report: Path, lang: str) -> m.Document:
    doc, diagnostics = read_document(report / f"{lang}.md")
    assert diagnostics == []
    return doc


@pytest.mark.parametrize(("lang", "preamble", "heading"),
                         [("en", 10, "Preamble"), ("fr", 9, "Préambule"), ("zh", 8, "序言")])
def test_counts(report: Path, lang: str, preamble: int, heading: str) -> None:
    doc = _read(report, lang)
    assert doc.meta.symbol == "A/RES/217(III)"
    assert doc.meta.original == "en" and doc.meta.language == lang
    first = doc.blocks[0]
    assert isinstance(first, m.Heading) and first.number is None and _plain(first.content) == heading
    numbered_at = next(i for i, b in enumerate(doc.blocks) if isinstance(b, m.NumberedParagraph))
    assert numbered_at == 1 + preamble
    assert all(isinstance(b, m.Para) for b in doc.blocks[1:numbered_at])
    assert [p.number for p in doc.paragraphs()] == list(range(1, 31))
    assert len(doc.blocks) == 1 + preamble + 30  # no article heading of its own


@pytest.mark.parametrize("lang", ["en", "fr", "zh"])
def test_text_round_trips(report: Path, lang: str) -> None:
    """Every article reads back as the XML's words, structure included."""
    doc = _read(report, lang)
    key, _organ = udhr.LANGUAGES[lang]
    root = etree.parse(str(udhr.UDHR / f"udhr_{key}.xml")).getroot()
    title = " ".join(root.findtext(f"{udhr.NS}title").split())
    assert doc.meta.title == title
    for article, para in zip(root.findall(f"{udhr.NS}article"), doc.paragraphs(), strict=True):
        assert para.number == int(article.get("number"))
        items = article.findall(f"{udhr.NS}orderedlist/{udhr.NS}listitem")
        if items:
            assert [(s.index, s.level) for s in para.blocks] == [(i, 1) for i in range(1, len(items) + 1)]
            got = [_plain(s.blocks[0].content) for s in para.blocks]
        else:
            assert all(isinstance(b, m.Para) for b in para.blocks)
            items = article.findall(f"{udhr.NS}para")
            got = [_plain(b.content) for b in para.blocks]
        assert got == [udhr._text(e) for e in items]


def test_sub_item_structure_agrees(report: Path) -> None:
    shapes = {lang: [tuple((type(b).__name__) for b in p.blocks) for p in _read(report, lang).paragraphs()]
              for lang in udhr.LANGUAGES}
    assert shapes["fr"] == shapes["en"] == shapes["zh"]
    assert shapes["en"][1] == ("Para", "Para")  # article 2: two paragraphs
    assert shapes["en"][22] == ("SubItem",) * 4  # article 23: four numbered items


@pytest.mark.parametrize("text", [
    "1. Not a list", "12) nor this", "(a) not a sub-item", "(iv) nor this", "- not a bullet", "# not a heading",
    ": not a definition", "*stars* and _underscores_ and `code`", "[link](http://x) and [^1] and {#label}",
    "<script>alert(1)</script> & &amp;", "mail x@y.org", "'single' and \"double\" quotes",
    "a \\ backslash, ~sub~ and ^sup^, $x$ | pipe!",
])
def test_escape_round_trips(tmp_path: Path, text: str) -> None:
    source = tmp_path / "en.md"
    source.write_text(
        "---\nsymbol: A/1\ndistribution: general\ndate: 2020-01-01\nlanguage: en\noriginal: en\n"
        f"organ: O\ntitle: T\n---\n\n{udhr.escape(text)}\n\n1. {udhr.escape(text)}\n",
        encoding="utf-8",
    )
    doc, diagnostics = read_document(source)
    assert diagnostics == []
    assert len(doc.blocks) == 2
    assert _plain(doc.blocks[0].content) == text
    assert _plain(doc.blocks[1].blocks[0].content) == text
