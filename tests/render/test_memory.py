"""The body is serialised element by element (``package.StreamedBody``) and spliced
into word/document.xml at save time: the result must be byte for byte what
serialising the whole tree gives, and a misplaced placeholder must fail loudly."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from lxml import etree

import reportgen.render.docx as render
from reportgen import pipeline
from reportgen.render.docx.oxml import el, paragraph, text_run
from reportgen.render.docx.package import (
    BODY_PLACEHOLDER,
    DOCUMENT_XML,
    StreamedBody,
    open_template,
    save_reproducibly,
    split_at_placeholder,
)
from tests.conftest import EXAMPLE, FIXTURES


class _InTree:
    """The body as it was built before streaming: every element stays in the tree."""

    def __init__(self, body: etree._Element, before: etree._Element) -> None:
        self.append = before.addprevious


def _document_xml(docx: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        return zf.read(DOCUMENT_XML)


@pytest.mark.parametrize("source", [FIXTURES / "minimal", EXAMPLE], ids=lambda p: p.name)
def test_streamed_body_is_the_whole_tree_serialised(source: Path, monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    # Every construct: masthead table, headings, numbered paragraphs, nested sub-items,
    # continued paragraphs, footnotes, links, references and bookmarks, in ar/en/zh
    # (the minimal fixture) and all six languages (the example).
    loaded = pipeline.load(source)
    streamed = pipeline.render_all(loaded)
    with monkeypatch.context() as patch:
        patch.setattr(render, "StreamedBody", _InTree)
        patch.setattr(render, "save_reproducibly", lambda package, body: save_reproducibly(package))
        whole_tree = pipeline.render_all(loaded)
    assert streamed.keys() == whole_tree.keys()
    for code in streamed:
        xml = _document_xml(streamed[code])
        assert xml == _document_xml(whole_tree[code]), f"{source.name}/{code}: word/document.xml differs"
        assert streamed[code] == whole_tree[code], f"{source.name}/{code}: the package differs"
        root = etree.fromstring(xml)
        assert root.find(qn("w:body")).findall(qn("w:p"))  # the body is there, not a placeholder
        assert BODY_PLACEHOLDER.encode() not in xml
        # Namespaces are declared once, on w:document: none left on a spliced element.
        first_tag_end = xml.index(b">", xml.index(b"<w:document"))
        assert b"xmlns" not in xml[first_tag_end:]
    pipeline.write_all(loaded, streamed, tmp_path)  # schema-validated at teardown


def test_paragraph_count_and_order() -> None:
    document = open_template()
    body_el = document.element.body
    body = StreamedBody(body_el, before=body_el.find(qn("w:sectPr")))
    for i in range(5):
        p = paragraph("SingleTxt")
        p.append(text_run(f"paragraph {i} <!--{BODY_PLACEHOLDER}--> & more"))
        link = el("w:hyperlink", {"r:id": "rId99"})
        link.append(text_run("link"))
        p.append(link)
        body.append(p)
    xml = _document_xml(save_reproducibly(document, body))
    root = etree.fromstring(xml)
    paras = root.find(qn("w:body")).findall(qn("w:p"))
    assert [p.findtext(f"{qn('w:r')}/{qn('w:t')}") for p in paras] == [
        f"paragraph {i} <!--{BODY_PLACEHOLDER}--> & more" for i in range(5)]
    assert root.find(qn("w:body"))[-1].tag == qn("w:sectPr")
    assert all(p.find(qn("w:hyperlink")).get(qn("r:id")) == "rId99" for p in paras)
    assert len(re.findall(rb"xmlns:", xml)) == len(root.nsmap)  # the root's declarations only


def _streamed(placeholders: int) -> tuple[object, StreamedBody]:
    document = open_template()
    body_el = document.element.body
    sect_pr = body_el.find(qn("w:sectPr"))
    body = StreamedBody(body_el, before=sect_pr)
    body.append(paragraph("SingleTxt"))
    for comment in body_el.iter(etree.Comment):
        if comment.text == BODY_PLACEHOLDER:
            body_el.remove(comment)
    for _ in range(placeholders):
        sect_pr.addprevious(etree.Comment(BODY_PLACEHOLDER))
    return document, body


@pytest.mark.parametrize("placeholders", [0, 2])
def test_a_missing_or_doubled_placeholder_fails(placeholders: int) -> None:
    document, body = _streamed(placeholders)
    with pytest.raises(AssertionError, match=rf"placeholder .* {placeholders} time\(s\), not 1"):
        save_reproducibly(document, body)


def test_a_placeholder_without_a_body_fails() -> None:
    document, _ = _streamed(1)
    with pytest.raises(AssertionError, match=r"1 time\(s\), not 0"):
        save_reproducibly(document)


def test_split_at_placeholder() -> None:
    mark = f"<!--{BODY_PLACEHOLDER}-->".encode()
    assert split_at_placeholder(b"<a>" + mark + b"</a>") == (b"<a>", b"</a>")
    assert split_at_placeholder(b"<a></a>", expected=0) == (b"<a></a>", b"")
    for xml in (b"<a></a>", b"<a>" + mark + mark + b"</a>"):
        with pytest.raises(AssertionError):
            split_at_placeholder(xml)


def test_the_body_is_written_once() -> None:
    document, body = _streamed(1)
    save_reproducibly(document, body)
    with pytest.raises(AssertionError, match="written out already"):
        save_reproducibly(document, body)
    with pytest.raises(AssertionError, match="written out already"):
        body.append(paragraph("SingleTxt"))


def test_a_namespace_the_root_does_not_declare_fails() -> None:
    document = open_template()
    body_el = document.element.body
    body = StreamedBody(body_el, before=body_el.find(qn("w:sectPr")))
    foreign = etree.Element(qn("w:p"))
    foreign.set("{urn:example:not-declared}attr", "1")
    with pytest.raises(AssertionError, match="urn:example:not-declared.* not declared on the w:document root"):
        body.append(foreign)
    body.append(paragraph("SingleTxt"))  # the root's own namespaces pass
