"""PDFs written byte by byte, with a text layer that says what a hostile producer wants.

A PDF's text layer is not its glyphs: a font's ``/ToUnicode`` map says which characters
each code stands for, and nothing stops it from naming control characters, Unicode
non-characters or direction overrides, which ``pdftohtml`` and ``pdftotext`` then give
as the text. :func:`pdf_file` writes pages of lines in Helvetica (the glyph of ``a`` for
every code, as the page shows it) whose codes map to any characters, so the attack tests
(tests/importer/test_hostile_pdf.py) can give the importer what no office program writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path


def _cmap(chars: Sequence[str]) -> bytes:
    """A ToUnicode CMap: code k+1 → ``chars[k]`` (UTF-16BE, as the CMap wants)."""
    entries = "".join(f"<{k + 1:02X}> <{c.encode('utf-16-be').hex().upper()}>\n" for k, c in enumerate(chars))
    return (b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            b"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            b"1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
            + f"{len(chars)} beginbfchar\n".encode() + entries.encode() + b"endbfchar\n"
            b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")


def _string(text: str, codes: dict[str, int]) -> bytes:
    """``text`` as a PDF string: each character its code in the font (ASCII as itself)."""
    out = bytearray()
    for c in text:
        b = codes.get(c, ord(c) if ord(c) < 128 else ord("?"))
        out += b"\\" + bytes([b]) if b in b"()\\" else bytes([b])
    return bytes(out)


def pdf_file(path: Path, pages: Iterable[Sequence[str]], special: Sequence[str] = ()) -> Path:
    """A PDF at ``path``: each page a sequence of lines (12 pt apart from the top, 10 pt
    Helvetica). ``special``: characters (at most 31) the text layer gives for codes 1 to
    31, so a line may hold them; every other character must be ASCII."""
    assert len(special) <= 31
    codes = {c: k + 1 for k, c in enumerate(special)}
    # codes 1-31 show the glyph "a" (Differences) and read as ``special`` (ToUnicode);
    # printable ASCII reads as itself (a ToUnicode entry each, since one map covers the font)
    mapped = list(special) + [" "] * (31 - len(special)) + [chr(c) for c in range(32, 127)]
    cmap = _cmap(mapped)
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    tree = add(b"")
    font = add(b"")
    unicode_map = add(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"endstream")
    differences = b" ".join([b"/a"] * 31)
    objects[font - 1] = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
                         b"/BaseEncoding /WinAnsiEncoding /Differences [1 " + differences + b"] >> "
                         b"/ToUnicode %d 0 R >>" % unicode_map)
    kids: list[int] = []
    for lines in pages:
        ops = [b"BT /F1 10 Tf 12 TL 50 800 Td"]
        ops += [b"(" + _string(line, codes) + b") Tj T*" for line in lines]
        ops.append(b"ET")
        content = b"\n".join(ops)
        stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R "
                        b">> >> /Contents %d 0 R >>" % (tree, font, stream)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    objects[tree - 1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
                         + b"] /Count %d >>" % len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % at for at in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    path.write_bytes(bytes(out))
    return path
