"""A Word file's package, opened as a file from outside: limits first, then only the
parts the importer reads, each through the one safe XML parser.

A ``.docx`` is a zip of XML parts tied together by relationships (ECMA-376 Part 2, Open
Packaging Conventions). A hostile one may hold a part that inflates to gigabytes, tens of
thousands of entries, a DTD with entities (the "billion laughs", an external entity
naming ``/etc/passwd``), or a tree nested past any reason. So, before any part is parsed:

- the zip is judged by ``limits.check_zip``: entry count, each entry's declared and
  actual (inflated, streamed) size, and the whole;
- a part is read by ``limits.read_zip_member`` (refused as soon as it inflates past the
  part limit, whatever it declares) and parsed by ``safexml.parse``: no DTD, no entity,
  no processing instruction, no network, the element count and depth limits — each
  refusal at its line, the file named ``FILE (word/footnotes.xml)`` as the PDF text
  reader names ``FILE (pdftotext)``;
- only the parts the importer reads are parsed (the main document, its styles,
  numbering, notes, headers and footers, their relationships and the content types);
  a part nothing reads is never parsed, so whatever it holds cannot act.

python-docx is not used to read: it parses every XML part it knows when it opens a
package (settings, comments, core properties), builds a proxy object for every element
the importer touches, and has no limits of its own. The relationships it would resolve
are a few lines here (``Target`` relative to the source part's folder, as python-docx's
``PackURI.from_rel_ref`` resolves it).
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from reportgen import safexml
from reportgen.errors import UserError
from reportgen.limits import check_zip, read_zip_member

__all__ = ["WordPackage", "Relationship", "RT", "WORD_MAIN", "W"]

#: WordprocessingML's namespace, for every reader of the package's parts (docx, numbering).
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#: The content type of a Word document's main part (what python-docx accepts too).
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_NOT_WORD = "not a Word (.docx) file"
_SAVE = "open it in Word and save it as a Word Document (.docx)"


class RT:
    """Relationship types the importer follows."""

    OFFICE_DOCUMENT = _OFFICE + "officeDocument"
    STYLES = _OFFICE + "styles"
    NUMBERING = _OFFICE + "numbering"
    FOOTNOTES = _OFFICE + "footnotes"
    ENDNOTES = _OFFICE + "endnotes"
    HEADER = _OFFICE + "header"
    FOOTER = _OFFICE + "footer"


@dataclass(frozen=True)
class Relationship:
    """One ``<Relationship>``: its type, and the part it leads to (a zip entry name) or,
    external, its target as written (a hyperlink's address)."""

    type: str
    target: str
    external: bool


class WordPackage:
    """A ``.docx`` opened and checked against the limits; its parts parsed on demand."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.archive = zipfile.ZipFile(path)
        except OSError as exc:
            raise UserError(path, None, f"cannot read it: {exc.strerror or _said(exc)}") from None
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
            raise UserError(path, None, f"{_NOT_WORD}: {_what(path)}: {_SAVE}") from None
        try:
            check_zip(path, self.archive)
        except RuntimeError:  # zipfile: an entry encrypted with a password
            raise UserError(path, None, f"{_NOT_WORD}: its parts are encrypted: {_SAVE} without a password") from None
        self.entries = {info.filename: info for info in self.archive.infolist()}
        self._folded = {name.lower(): name for name in self.entries}
        self._parsed: dict[str, etree._Element] = {}
        self._rels: dict[str, dict[str, Relationship]] = {}
        main = [r.target for r in self.relationships("").values() if r.type == RT.OFFICE_DOCUMENT and not r.external]
        if not main or self._entry(main[0]) is None:
            raise UserError(path, None, f"{_NOT_WORD}: it has no main document part: {_SAVE}")
        self.main = main[0]
        kind = self.content_type(self.main)
        if kind != WORD_MAIN:
            raise UserError(path, None, f"{_NOT_WORD}: its main part is {kind or 'of no declared type'}, "
                                        f"not a Word document: {_SAVE}")

    def close(self) -> None:
        self.archive.close()

    # ------------------------------------------------------------------ parts

    def part(self, name: str) -> etree._Element | None:
        """The root element of part ``name`` (a zip entry name), None when the package
        lacks it; refused at its line (``FILE (name):LINE: …``) when it is not safe XML."""
        if name in self._parsed:
            return self._parsed[name]
        entry = self._entry(name)
        if entry is None:
            return None
        try:
            data = read_zip_member(self.path, self.archive, self.entries[entry])
        except RuntimeError:  # encrypted; check_zip read every entry, so only if it changed since
            raise UserError(self.path, None, f"{_NOT_WORD}: its part {entry} is encrypted: {_SAVE}") from None
        root = safexml.parse(Path(f"{self.path} ({entry})"), data)
        self._parsed[name] = root
        return root

    def relationships(self, part: str) -> dict[str, Relationship]:
        """Id → relationship of ``part`` ("" for the package's own), from its ``_rels``
        part; the targets of internal ones resolved to entry names."""
        if part in self._rels:
            return self._rels[part]
        folder, name = posixpath.split(part)
        root = self.part(posixpath.join(folder, "_rels", name + ".rels"))
        out: dict[str, Relationship] = {}
        for rel in () if root is None else root.iter(f"{_PR}Relationship"):
            rid, kind, target = rel.get("Id"), rel.get("Type"), rel.get("Target")
            if rid is None or kind is None or target is None:
                continue
            if rel.get("TargetMode") == "External":
                out[rid] = Relationship(kind, target, True)
            else:
                resolved = posixpath.normpath(posixpath.join("/" + folder, target))
                out[rid] = Relationship(kind, resolved.lstrip("/"), False)
        self._rels[part] = out
        return out

    def related(self, part: str, kind: str) -> list[str]:
        """The parts ``part`` relates to by relationships of type ``kind``."""
        return [r.target for r in self.relationships(part).values() if r.type == kind and not r.external]

    def content_type(self, name: str) -> str | None:
        """A part's content type, by ``[Content_Types].xml`` (an override for the part,
        else the default for its extension; both compared ignoring case, as OPC says)."""
        root = self.part("[Content_Types].xml")
        if root is None:
            return None
        wanted = "/" + name.lower()
        for override in root.iter(f"{_CT}Override"):
            if (override.get("PartName") or "").lower() == wanted:
                return override.get("ContentType")
        extension = posixpath.splitext(name)[1].lstrip(".").lower()
        for default in root.iter(f"{_CT}Default"):
            if (default.get("Extension") or "").lower() == extension:
                return default.get("ContentType")
        return None

    def _entry(self, name: str) -> str | None:
        """The zip entry holding part ``name``: the exact name, else one differing only
        in case (OPC part names compare ignoring case)."""
        if name in self.entries:
            return name
        return self._folded.get(name.lower())


def _said(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _what(path: Path) -> str:
    """What a file that is not a zip package is, when its first bytes tell: a Word file
    protected by a password is an OLE compound file, as a Word 97-2003 ``.doc`` is."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError:
        head = b""
    if head == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "it is a Word 97-2003 document or a file protected by a password, not a zip package"
    return "it is not a zip package"
