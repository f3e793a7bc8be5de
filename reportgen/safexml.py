"""The one XML parser for files from outside: XLIFF from translators, TBX term bases,
the parts of Word files.

What such a file may hold beyond elements, attributes and text is refused, each at
its line, before it can reach code that does not expect it:

- a DTD (``<!DOCTYPE …>``): it is where entities are declared (the "billion laughs",
  an external entity reading ``/etc/passwd`` or a URL); no DTD is ever loaded, no
  entity resolved, nothing fetched from the network. One exception, asked for by the
  TBX reader (``names_dtd=True``): a ``<!DOCTYPE martif SYSTEM "TBXBasic….dtd">`` that
  only *names* an external DTD, as TBX 2008 files conventionally do, is passed over
  unread; one with declarations of its own (``[ … ]``) is refused there too;
- processing instructions (``<?php …?>``): translate-toolkit's inline-code reader
  fails on them (a ``TypeError``), and no format read here uses them;
- a file over the XML size limit, refused before it is read; a tree of more elements,
  or nested deeper, than the limits allow, refused while it is parsed (a pull parser fed
  in chunks), so a hostile file never grows into memory; text nodes over 10 MB
  (libxml2's own limit without ``huge_tree``).

Every refusal is a :class:`~reportgen.errors.UserError` at ``FILE:LINE``, as are
well-formedness errors (``not well-formed XML: …``). Comments are kept (the caller
decides: a comment inside an XLIFF target would cut its text short).

Speed: the pull parser hands every element to Python twice (its start and end), which
costs several times the parse itself on a Word document of 2,000 paragraphs. So a file
that cannot hold more elements than the limit — declared UTF-8, where each element needs
a ``<`` byte, and with no more ``<`` bytes than the limit — is parsed whole by the same
libxml2 parser, with the same options and chunks, and only then asked, in C (XPath),
whether an element is nested past the limit or a processing instruction is anywhere.
Any answer but "no", or a well-formedness error, and the file is parsed again the pull
parser's way, which finds the first thing refused and says where, as before: the same
root or the same refusal either way.
"""

from __future__ import annotations

import re
from itertools import count
from pathlib import Path

from lxml import etree

from reportgen.errors import UserError
from reportgen.limits import XML_BYTES, XML_DEPTH, XML_ELEMENTS, TooLarge, read_limited, size

__all__ = ["parse", "read", "DTD_REFUSED"]

DTD_REFUSED = ("XML with a DTD is not accepted: remove the <!DOCTYPE …> declaration "
               "(reportgen reads no DTD and no entities)")
INTERNAL_DTD_REFUSED = ("XML with a DTD of its own (<!DOCTYPE … [ … ]>) is not accepted: remove the part in "
                        "brackets (reportgen reads no DTD and no entities)")
_CHUNK = 1 << 20
_PROLOG_CHARS = 65536
_PLACE = re.compile(r"(, line \d+)*, line \d+, column \d+$")  # lxml adds the place, once or twice
# The parser's options, the same for both ways of parsing (see the module docstring).
# "internal": an undefined entity is an error at its line ("False" reports it as "no
# element found"); with no DTD there is none to resolve, and an external one never is
_OPTIONS: dict[str, object] = dict(resolve_entities="internal", no_network=True, load_dtd=False,
                                   dtd_validation=False, huge_tree=False, remove_comments=False,
                                   remove_pis=False, strip_cdata=False)
# An XML declaration naming UTF-8 (after a byte-order mark, if any): libxml2 then reads
# the bytes as UTF-8, where a "<" is the byte 0x3C and nothing else contains that byte.
_UTF8 = re.compile(rb"(?:\xef\xbb\xbf)?<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*([\"'])[0-9.]+\1"
                   rb"[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*([\"'])utf-8\2", re.IGNORECASE)
# Whether the tree has an element at the first depth past the limit (the root is depth 1)
_TOO_DEEP = etree.XPath("boolean(/" + "/".join("*" * next(d for d in count(1) if XML_DEPTH.exceeded(d))) + ")")
_HAS_PI = etree.XPath("boolean(//processing-instruction())")


def read(path: Path, advice: str = "", names_dtd: bool = False) -> etree._Element:
    """Read and :func:`parse` the XML file ``path``, refused by its size before it is
    read. OSError is left to the caller."""
    return parse(path, read_limited(path, XML_BYTES, advice), names_dtd)


def parse(path: Path, data: bytes, names_dtd: bool = False) -> etree._Element:
    """The root element of ``data`` (the XML file or part ``path``), or a UserError at
    the line of the first thing refused (see the module docstring). ``names_dtd``: a
    DOCTYPE that only names an external DTD is passed over (TBX)."""
    if XML_BYTES.exceeded(len(data)):
        raise TooLarge(path, None, XML_BYTES.over(f"the file is {size(len(data))}"), XML_BYTES)
    doctype = _doctype(data)
    if doctype is not None:
        line, subset = doctype
        if subset or not names_dtd:
            raise UserError(path, line, INTERNAL_DTD_REFUSED if names_dtd else DTD_REFUSED)
    root = _whole(data) if _UTF8.match(data) and not XML_ELEMENTS.exceeded(data.count(b"<")) else None
    if root is None:
        root = _pulled(path, data)
    info = root.getroottree().docinfo
    if info.doctype and not names_dtd or info.externalDTD is not None or _declares(info.internalDTD):
        raise UserError(path, None, DTD_REFUSED)  # a prolog the scan below could not read
    for node in root.iter(etree.Entity, etree.PI):
        if isinstance(node, etree._ProcessingInstruction):
            raise UserError(path, node.sourceline, _pi_refused(node))
        raise UserError(path, node.sourceline, DTD_REFUSED)  # pragma: no cover - needs a DTD
    return root


def _whole(data: bytes) -> etree._Element | None:
    """The root of ``data`` parsed whole, or None when it is not well-formed, nests an
    element past the limit or holds a processing instruction: then only the pull
    parser says where. The caller has made sure the element count cannot be over."""
    parser = etree.XMLParser(**_OPTIONS)
    try:
        for at in range(0, max(len(data), 1), _CHUNK):
            parser.feed(data[at:at + _CHUNK])
        root = parser.close()
    except etree.XMLSyntaxError:
        return None
    tree = root.getroottree()
    return None if _TOO_DEEP(tree) or _HAS_PI(tree) else root


def _pulled(path: Path, data: bytes) -> etree._Element:
    """The root of ``data`` read by a pull parser fed in chunks, each element counted
    and its depth checked as it starts: the first one past a limit, or the first
    processing instruction, refused at its line before the rest is read."""
    parser = etree.XMLPullParser(events=("start", "end", "pi"), **_OPTIONS)
    elements = depth = 0
    try:
        for at in range(0, max(len(data), 1), _CHUNK):
            parser.feed(data[at:at + _CHUNK])
            for event, node in parser.read_events():
                if event == "start":
                    elements += 1
                    depth += 1
                    if XML_ELEMENTS.exceeded(elements):
                        raise TooLarge(path, node.sourceline,
                                       XML_ELEMENTS.over(f"the file holds over {XML_ELEMENTS.value:,} elements"),
                                       XML_ELEMENTS)
                    if XML_DEPTH.exceeded(depth):
                        raise TooLarge(path, node.sourceline,
                                       XML_DEPTH.over(f"elements are nested {depth} deep here"), XML_DEPTH)
                elif event == "end":
                    depth -= 1
                else:
                    raise UserError(path, node.sourceline, _pi_refused(node))
        root: etree._Element = parser.close()
    except etree.XMLSyntaxError as exc:
        raise UserError(path, exc.lineno or None, f"not well-formed XML: {_PLACE.sub('', str(exc.msg))}") from None
    return root


def _pi_refused(node: etree._Element) -> str:
    target = node.target if isinstance(node, etree._ProcessingInstruction) else "?"
    return f"an XML processing instruction (<?{target} …?>) is not accepted: remove it"


def _declares(dtd: etree.DTD | None) -> bool:
    """Whether a DTD read from the document itself declares anything."""
    if dtd is None:
        return False
    return any(True for _ in dtd.iterentities()) or any(True for _ in dtd.iterelements())


def _doctype(data: bytes) -> tuple[int, bool] | None:
    """The line of a ``<!DOCTYPE`` in the prolog (before the first element), and whether
    it has declarations of its own (``[ … ]``), read in the file's encoding family (UTF-8
    or another ASCII-compatible one, UTF-16 either way); None when there is none.
    Anything this misses is refused after parsing (docinfo)."""
    head = data[:_PROLOG_CHARS * 2]
    if head.startswith((b"\xff\xfe", b"<\x00")):
        text = head.decode("utf-16-le", "replace")
    elif head.startswith((b"\xfe\xff", b"\x00<")):
        text = head.decode("utf-16-be", "replace")
    else:
        text = head.decode("latin-1")
    text = text.lstrip("\ufeff\u00ef\u00bb\u00bf")
    pos = 0
    while pos < len(text):
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        if text.startswith("<?", pos):
            closer = "?>"
        elif text.startswith("<!--", pos):
            closer = "-->"
        elif text.startswith("<!", pos) and text[pos + 2:pos + 9].upper() == "DOCTYPE":
            return text.count("\n", 0, pos) + 1, _has_subset(text, pos + 9)
        else:
            return None
        end = text.find(closer, pos + 2)
        if end < 0:
            return None
        pos = end + len(closer)
    return None


def _has_subset(text: str, pos: int) -> bool:
    """Whether the DOCTYPE whose name starts at ``pos`` opens an internal subset before its
    end (quoted identifiers passed over); an unterminated one counts as having one."""
    quote = ""
    for ch in text[pos:]:
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch == "[":
            return True
        elif ch == ">":
            return False
    return True
