"""The guard that every test DOCX passes through finds source syntax printed as text."""

from __future__ import annotations

import io
import zipfile

import pytest

from tests.support.ooxml_schema import check_docx
from tests.support.source_syntax import source_syntax_in

DOC = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
       '{paragraphs}</w:body></w:document>')


def _docx(*paragraphs: str) -> bytes:
    """A package holding only a body with these paragraphs, one run each."""
    buf = io.BytesIO()
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", DOC.format(paragraphs=body))
    return buf.getvalue()


@pytest.mark.parametrize("text", [
    "see [^2] here", "{#débats} Debate", "a &lt;!-- note --&gt;", "[A/1](#)", "as in @globe.", "voir @débats",
    # "@" before a letter of any script, also touching Chinese or Arabic text
    "见@别处。", "как указано в @пункт", "انظر @globe", "see (@annex)",
    # emphasis markers paired in one paragraph, any script
    "出版的*《追回资产案件摘要》*。", "**「重要」**です", "the *Digest of Asset Recovery Cases*", "a **bold** word",
    "***both***", "an _emphasised_ word", "le *Recueil*, publié", "*x*", "__init__",
    # a full-width sub-item marker the reader did not read, at a paragraph's start
    "（a）秘书处的说明", "（一）会议安排", "（iv）其他",
])
def test_syntax_is_found(text: str) -> None:
    assert len(source_syntax_in(_docx(text))) == 1
    with pytest.raises(AssertionError, match="source syntax printed as text"):
        check_docx(_docx(text), "leak.docx")


@pytest.mark.parametrize("text", [
    "write to info@un.org", "paragraph 3", "10 @ 5 per cent", "[1] and (#)", "mail: a.b@un.org, c_d@un.org",
    "5 * 3 * 2", "a * b", "snake_case_name", "x_1 and y_2", "Data as of 2020*", "2020* and 2021*", "* estimate",
    "score *", "a ** b ** c", "_ and _", "见第3段（a）项", "(a)\t秘书处", "（2015年，维也纳）",
])
def test_ordinary_text_passes(text: str) -> None:
    assert source_syntax_in(_docx(text)) == []


def test_markers_pair_only_within_a_paragraph() -> None:
    assert source_syntax_in(_docx("Estimated 2020*", "*Provisional figures.")) == []
    assert source_syntax_in(_docx("first _half", "second_ half")) == []
    assert len(source_syntax_in(_docx("plain", "an *emphasis* here"))) == 1


def test_a_sub_item_marker_only_at_a_paragraph_start() -> None:
    assert source_syntax_in(_docx("秘书处", "如（a）项所述")) == []
    assert len(source_syntax_in(_docx("秘书处", "（b）如上所述"))) == 1
