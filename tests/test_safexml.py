"""``safexml.parse`` reads a file that cannot hold too many elements whole, and any other
the pull parser's way: the same root, or the same refusal at the same line, either way.

A declaration naming UTF-8 takes the whole parse (when the ``<`` bytes are few enough);
the same text without a declaration, or with one naming no encoding, takes the pull parser.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from reportgen import safexml
from reportgen.errors import UserError
from reportgen.limits import TooLarge
from tests.conftest import FIXTURES

UTF8 = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
PLAIN = b'<?xml version="1.0"?>\n'
WHERE = Path("part.xml")


def _both(body: bytes) -> list[bytes]:
    """``body`` behind each of the two prologs (whole parse, pull parser)."""
    return [UTF8 + body, PLAIN + body]


def _refusal(data: bytes) -> tuple[int | None, str]:
    with pytest.raises(UserError) as caught:
        safexml.parse(WHERE, data)
    return caught.value.line, caught.value.message


def _nested(depth: int) -> bytes:
    return b"<r>\n" + b"<a>" * (depth - 1) + b"x" + b"</a>" * (depth - 1) + b"</r>"


def test_a_word_document_reads_the_same_whole_and_pulled(tmp_path: Path, cli) -> None:
    result = cli("build", str(FIXTURES / "minimal"), "-o", str(tmp_path / "out"))
    assert result.code == 0, result.err
    with zipfile.ZipFile(tmp_path / "out" / "en.docx") as z:
        data = z.read("word/document.xml")
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'")  # python-docx's declaration
    whole = safexml.parse(WHERE, data)
    pulled = safexml.parse(WHERE, PLAIN + data.split(b"?>", 1)[1].lstrip())
    assert etree.tostring(whole) == etree.tostring(pulled)
    assert len(whole.findall(".//{*}p")) > 20


@pytest.mark.parametrize("data", _both(_nested(100)))
def test_elements_nested_to_the_limit_are_read(data: bytes) -> None:
    root = safexml.parse(WHERE, data)
    assert max(len(list(e.iterancestors())) + 1 for e in root.iter()) == 100
    assert "".join(root.itertext()) == "\nx"


@pytest.mark.parametrize("data", _both(_nested(101)))
def test_an_element_nested_past_the_limit_is_refused_at_its_line(data: bytes) -> None:
    with pytest.raises(TooLarge) as caught:
        safexml.parse(WHERE, data)
    assert (caught.value.line, caught.value.message) == (3, "elements are nested 101 deep here, over the XML "
                                                            "nesting depth limit of 100 levels")


@pytest.mark.parametrize("data", _both(b"<r>\n<a/>\n</r>\n<?php system('id'); ?>") +
                         _both(b"<r>\n<a>\n<?php system('id'); ?></a>\n</r>"))
def test_a_processing_instruction_anywhere_is_refused_at_its_line(data: bytes) -> None:
    line = data.split(b"<?php")[0].count(b"\n") + 1
    assert _refusal(data) == (line, "an XML processing instruction (<?php …?>) is not accepted: remove it")


@pytest.mark.parametrize("data", _both(b"<r>\n<a>\n</b>\n</r>"))
def test_a_file_not_well_formed_is_refused_at_its_line(data: bytes) -> None:
    line, message = _refusal(data)
    assert (line, message.split(":")[0]) == (4, "not well-formed XML")


def test_more_lt_bytes_than_the_element_limit_in_a_comment_are_read_by_the_pull_parser() -> None:
    """A million and one ``<`` in a comment: no proof there are few elements, so the
    pull parser counts them (two), and the file is read, its comment kept."""
    root = safexml.parse(WHERE, UTF8 + b"<r><!--" + b"<" * 1_000_001 + b"--><a>x</a></r>")
    assert [child.tag for child in root] == [etree.Comment, "a"]
    assert root[0].text == "<" * 1_000_001 and root[1].text == "x"


def test_only_a_file_that_may_hold_too_many_elements_or_is_refused_goes_through_the_pull_parser(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The pull parser's work is the slow part: a declared UTF-8 file read whole never
    calls it; one with another prolog, or one the whole parse cannot accept, does."""
    calls: list[bytes] = []
    pulled = safexml._pulled

    def spy(path: Path, data: bytes) -> etree._Element:
        calls.append(data[:21])
        return pulled(path, data)

    monkeypatch.setattr(safexml, "_pulled", spy)
    safexml.parse(WHERE, UTF8 + _nested(100))
    assert calls == []
    safexml.parse(WHERE, PLAIN + _nested(100))
    assert calls == [PLAIN[:21]]
    with pytest.raises(TooLarge):
        safexml.parse(WHERE, UTF8 + _nested(101))
    assert calls == [PLAIN[:21], UTF8[:21]]
