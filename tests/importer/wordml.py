"""Word files written part by part, as a hostile or broken producer could write them.

python-docx writes only what is valid; the attack tests (tests/importer/test_hostile_docx.py)
and the import property (tests/importer/test_fuzz_docx.py) need parts it would never
write: a DTD in the footnotes, a list starting at 10¹², a footnote calling itself, a
zip entry that lies about its size. :func:`word_file` zips the parts of a minimal
package (content types, relationships, the main document, and whichever of styles,
numbering, footnotes and hyperlinks are given) with each part's XML as written here.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path
from xml.sax.saxutils import quoteattr

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_NS = f'xmlns:w="{W}" xmlns:r="{R}"'
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def para(text: str = "", style: str | None = None, num: tuple[int, int] | None = None, inner: str = "") -> str:
    """A ``w:p`` holding ``text`` in one run (escaped), then ``inner`` (raw XML), in
    paragraph style ``style``, in list ``num`` (numId, ilvl)."""
    ppr = ""
    if style or num:
        ppr = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "")
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>' if num else ""
        ppr += "</w:pPr>"
    run = f"<w:r><w:t xml:space=\"preserve\">{escape(text)}</w:t></w:r>" if text else ""
    return f"<w:p>{ppr}{run}{inner}</w:p>"


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def document(body: str) -> str:
    return f"{HEAD}<w:document {_NS}><w:body>{body}</w:body></w:document>"


def footnotes(notes: dict[int, str]) -> str:
    """A footnotes part: the two separators Word writes, then each note's paragraphs (raw XML)."""
    out = [f'<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
           f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
           "</w:footnote>"]
    out += [f'<w:footnote w:id="{k}">{body}</w:footnote>' for k, body in notes.items()]
    return f"{HEAD}<w:footnotes {_NS}>{''.join(out)}</w:footnotes>"


def note_ref(number: int) -> str:
    return f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{number}"/></w:r>'


def numbering(start: str, fmt: str = "decimal", text: str = "%1.", num_id: int = 1) -> str:
    """One list (abstract numbering 0, ``w:num`` ``num_id``) whose first level starts at
    ``start`` (as written: any string) in format ``fmt``."""
    level = (f'<w:lvl w:ilvl="0"><w:start w:val={quoteattr(start)}/><w:numFmt w:val="{fmt}"/>'
             f"<w:lvlText w:val={quoteattr(text)}/></w:lvl>")
    return (f'{HEAD}<w:numbering {_NS}><w:abstractNum w:abstractNumId="0">{level}</w:abstractNum>'
            f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


def word_file(path: Path, body: str, *, parts: dict[str, str | bytes] | None = None,
              links: dict[str, str] | None = None, prolog: dict[str, str] | None = None) -> Path:
    """A ``.docx`` at ``path`` whose body is ``body`` (raw XML inside ``w:body``).

    ``parts``: further parts by name, among ``word/styles.xml``, ``word/numbering.xml``,
    ``word/footnotes.xml`` (each related to the document), or any other entry (written
    as given, with no relationship); ``links``: rId → external hyperlink target (raw:
    may hold character references); ``prolog``: part name → text put after the XML
    declaration (a DOCTYPE)."""
    parts = dict(parts or {})
    related = {"word/styles.xml": ("styles", "styles+xml"), "word/numbering.xml": ("numbering", "numbering+xml"),
               "word/footnotes.xml": ("footnotes", "footnotes+xml")}
    rels = [f'<Relationship Id="rIdP{k}" Type="{_REL}{kind}" Target="{name[5:]}"/>'
            for k, (name, (kind, _)) in enumerate(related.items()) if name in parts]
    rels += [f'<Relationship Id="{rid}" Type="{_REL}hyperlink" Target="{target}" TargetMode="External"/>'
             for rid, target in (links or {}).items()]
    overrides = [f'<Override PartName="/{name}" ContentType="{_MAIN}.{ct}"/>'
                 for name, (_, ct) in related.items() if name in parts]
    entries: dict[str, str | bytes] = {
        "[Content_Types].xml": (f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                                'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                                f'<Override PartName="/word/document.xml" ContentType="{_MAIN}.document.main+xml"/>'
                                f'{"".join(overrides)}</Types>'),
        "_rels/.rels": (f'{HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                        f'<Relationship Id="rId1" Type="{_REL}officeDocument" Target="word/document.xml"/>'
                        "</Relationships>"),
        "word/_rels/document.xml.rels": (f'{HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/'
                                         f'2006/relationships">{"".join(rels)}</Relationships>'),
        "word/document.xml": document(body),
    }
    entries.update(parts)
    for name, text in (prolog or {}).items():
        value = entries[name]
        assert isinstance(value, str) and value.startswith(HEAD)
        entries[name] = HEAD + text + "\n" + value[len(HEAD):]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return path


def declare_size(path: Path, member: str, size: int) -> None:
    """Make the zip at ``path`` declare ``size`` as ``member``'s uncompressed size (in
    its local header and the central directory), whatever its data inflates to."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = 0
        while (at := data.find(signature, at)) >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            length = struct.unpack_from("<H", data, at + (26 if signature == b"PK\x03\x04" else 28))[0]
            if bytes(data[name_at:name_at + length]) == name:
                struct.pack_into("<I", data, at + offset, size)
            at += 4
    path.write_bytes(bytes(data))


def inflating_to(path: Path, member: str, size: int, body: str = "") -> Path:
    """A Word file (body ``body``) holding ``member`` whose data inflates to ``size``
    bytes of zeros while its headers declare 1,000: a zip bomb that lies."""
    word_file(path, body or para("Text."))
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info, old.read(info))
        assert size < 1 << 31  # no zip64 extra field: the header's 32-bit sizes are the ones that lie
        info = zipfile.ZipInfo(member)
        info.compress_type = zipfile.ZIP_DEFLATED
        with new.open(info, "w") as fh:
            chunk = bytes(1 << 20)
            for _ in range(size >> 20):
                fh.write(chunk)
    path.write_bytes(buffer.getvalue())
    declare_size(path, member, 1000)
    return path
