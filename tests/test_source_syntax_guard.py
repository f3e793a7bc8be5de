"""The guard that every test DOCX passes through finds source syntax printed as text."""

from __future__ import annotations

import io
import zipfile

import pytest

from tests.support.ooxml_schema import check_docx
from tests.support.source_syntax import source_syntax_in

DOC = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
       '<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>')


def _docx(text: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", DOC.format(text=text))
    return buf.getvalue()


@pytest.mark.parametrize("text", ["see [^2] here", "{#débats} Debate", "a &lt;!-- note --&gt;", "[A/1](#)",
                                  "as in @globe.", "voir @débats"])
def test_syntax_is_found(text: str) -> None:
    assert len(source_syntax_in(_docx(text))) == 1
    with pytest.raises(AssertionError, match="source syntax printed as text"):
        check_docx(_docx(text), "leak.docx")


@pytest.mark.parametrize("text", ["write to info@un.org", "paragraph 3", "10 @ 5 per cent", "[1] and (#)"])
def test_ordinary_text_passes(text: str) -> None:
    assert source_syntax_in(_docx(text)) == []
