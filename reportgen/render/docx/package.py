"""The template package and a reproducible ZIP writer.

The template lives unzipped in ``templates/un_docx/`` at the top of the repository
so every part is reviewable XML; it is zipped in memory and opened with
python-docx. A regular (non-editable) install carries a copy as package data,
``reportgen/templates/un_docx/`` (copied by setup.py's ``build_py``); that copy
is looked for first, then the repository's folder (a checkout or an editable
install).
python-docx stamps ZIP entries with the current time, so the saved package is
rewritten with fixed entry times and order: same sources, same bytes.

The body is not kept as a tree: :class:`StreamedBody` serialises each paragraph
or table as it is made, and the package is saved with a placeholder comment in
``w:body`` that the rewrite replaces by the serialised elements (a report of
thousands of paragraphs would otherwise hold a tree many times the size of its
XML). The result is byte for byte what serialising the whole tree gives.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import IO

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.part import PartFactory, XmlPart
from docx.oxml.ns import qn
from lxml import etree

# python-docx 1.2 has no class for the footnotes part and would load it as an
# opaque blob; registering the generic XmlPart lets us edit it as XML.
PartFactory.part_type_for.setdefault(CT.WML_FOOTNOTES, XmlPart)

#: The template as installed package data (``reportgen/templates/un_docx``).
PACKAGED_TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "templates" / "un_docx"
#: The template in a checkout: ``<repo>/templates/un_docx``, the reviewed original.
REPO_TEMPLATE_DIR = Path(__file__).resolve().parents[3] / "templates" / "un_docx"


def find_template_dir() -> Path:
    """The installed copy if there is one, else the checkout's folder (possibly
    absent: :func:`template_bytes` then says where it looked)."""
    for candidate in (PACKAGED_TEMPLATE_DIR, REPO_TEMPLATE_DIR):
        if (candidate / "[Content_Types].xml").is_file():
            return candidate
    return REPO_TEMPLATE_DIR


TEMPLATE_DIR = find_template_dir()
_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a ZIP entry can carry


def template_files(directory: Path = TEMPLATE_DIR) -> list[Path]:
    """The parts of the template, ``[Content_Types].xml`` first as OPC readers expect."""
    files = [p for p in directory.rglob("*") if p.is_file() and p.name.endswith((".xml", ".rels"))]
    return sorted(files, key=lambda p: (p.name != "[Content_Types].xml", p.relative_to(directory).as_posix()))


@lru_cache(maxsize=4)
def template_bytes(directory: Path = TEMPLATE_DIR) -> bytes:
    if not directory.is_dir():
        looked = directory if directory != REPO_TEMPLATE_DIR else f"{PACKAGED_TEMPLATE_DIR} or {directory}"
        raise FileNotFoundError(f"DOCX template folder not found: {looked}")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in template_files(directory):
            zf.writestr(_info(path.relative_to(directory).as_posix()), path.read_bytes())
    return buffer.getvalue()


def open_template(directory: Path = TEMPLATE_DIR) -> docx.document.Document:
    return docx.Document(io.BytesIO(template_bytes(directory)))


def package_bytes(document: docx.document.Document) -> bytes:
    """The package as python-docx saves it (entry times of the day: not reproducible,
    see :func:`save_reproducibly`)."""
    raw = io.BytesIO()
    document.save(raw)
    return raw.getvalue()


def save_reproducibly(package: docx.document.Document | bytes, body: StreamedBody | None = None) -> bytes:
    """Serialise ``package`` with fixed entry times and a stable entry order.

    ``package`` is the document or what :func:`package_bytes` saved of it (so the
    caller may let the tree go first). With ``body``, its serialised elements take
    the place of the placeholder in ``word/document.xml``, which must hold it
    exactly once; without, the placeholder must not be there at all.
    """
    raw = package if isinstance(package, bytes) else package_bytes(package)
    out = io.BytesIO()
    spliced = False
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        ordered = sorted(names, key=lambda n: (n != "[Content_Types].xml", n))
        for name in ordered:
            data = src.read(name)
            if name != DOCUMENT_XML:
                dst.writestr(_info(name), data)
                continue
            head, tail = split_at_placeholder(data, expected=1 if body is not None else 0)
            del data
            if body is None:
                dst.writestr(_info(name), head)
                continue
            # Streamed into the entry: the whole document.xml is never one bytes object.
            with dst.open(_info(name), "w") as entry:
                entry.write(head)
                body.write_to(entry)
                entry.write(tail)
            spliced = True
    if body is not None and not spliced:
        raise AssertionError(f"the package has no {DOCUMENT_XML} to put the body in")
    return out.getvalue()


#: The part that holds the body.
DOCUMENT_XML = "word/document.xml"
#: The text of the comment that stands where the streamed body goes. Nothing a source
#: says can produce it: the reader takes a source's comments out (they are never
#: rendered), and every text and attribute value is escaped when serialised (``<``
#: is written ``&lt;``), so ``<!--`` cannot come from user text. The template's own
#: comments say other things, and :func:`split_at_placeholder` insists on one.
BODY_PLACEHOLDER = "reportgen:body"
_PLACEHOLDER = b"<!--" + BODY_PLACEHOLDER.encode("ascii") + b"-->"


def split_at_placeholder(xml: bytes, expected: int = 1) -> tuple[bytes, bytes]:
    """``xml`` before and after the body placeholder, which must occur ``expected``
    times (1, or 0 for a document not streamed: then tail is empty)."""
    found = xml.count(_PLACEHOLDER)
    if found != expected:
        raise AssertionError(f"{DOCUMENT_XML} holds the body placeholder {_PLACEHOLDER.decode()} "
                             f"{found} time(s), not {expected}")
    if not expected:
        return xml, b""
    head, _, tail = xml.partition(_PLACEHOLDER)
    return head, tail


# The name of an element's first start tag, then a namespace declaration as libxml2
# writes it (declarations come before attributes; values are double-quoted).
_START_TAG = re.compile(rb"<[^\s/>]+")
_NS_DECLARATION = re.compile(rb' xmlns(?::[^\s=/>]+)?="[^"]*"')


class StreamedBody:
    """The elements of ``w:body`` serialised as they are appended, in order.

    An element is serialised where it would stand (under an element declaring the
    namespaces in scope in ``w:body``), so its prefixes are the document's. lxml
    writes an element serialised on its own with every namespace in scope declared
    on its start tag; those declarations, and only those, are taken out of it: each
    must be one the ``w:document`` root declares, so an element in a namespace the
    root lacks fails here instead of losing its declaration. The element itself is
    not kept.
    """

    def __init__(self, body: etree._Element, before: etree._Element) -> None:
        root = body.getroottree().getroot()
        if root.tag != qn("w:document") or before.getparent() is not body:
            raise AssertionError("StreamedBody needs w:body of a w:document and a child of it")
        self._tag = body.tag
        self._nsmap = dict(body.nsmap)
        # The declarations exactly as libxml2 writes them for the root's own namespaces.
        declared = etree.tostring(etree.Element(root.tag, nsmap=root.nsmap), encoding="UTF-8")
        self._declared = frozenset(_NS_DECLARATION.findall(declared))
        self._parts: list[bytes] | None = []
        before.addprevious(etree.Comment(BODY_PLACEHOLDER))

    def append(self, element: etree._Element) -> None:
        if self._parts is None:
            raise AssertionError("the body was written out already")
        holder = etree.Element(self._tag, nsmap=self._nsmap)
        holder.append(element)  # lxml maps the element's namespaces onto the holder's prefixes
        self._parts.append(self._undeclared(etree.tostring(element, encoding="UTF-8")))

    def _undeclared(self, xml: bytes) -> bytes:
        """``xml`` without the namespace declarations of its first start tag."""
        start = _START_TAG.match(xml)
        assert start is not None, xml[:80]
        pos = start.end()
        while decl := _NS_DECLARATION.match(xml, pos):
            if decl.group(0) not in self._declared:
                raise AssertionError(f"{decl.group(0).decode().strip()} is not declared on the w:document "
                                     f"root: the body cannot be written without it")
            pos = decl.end()
        return xml[:start.end()] + xml[pos:]

    def write_to(self, out: IO[bytes]) -> None:
        """Write the elements to ``out`` and drop them (once only)."""
        parts, self._parts = self._parts, None
        if parts is None:
            raise AssertionError("the body was written out already")
        for i, part in enumerate(parts):
            out.write(part)
            parts[i] = b""  # freed as written


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, whatever the host
    info.external_attr = 0o644 << 16
    return info
