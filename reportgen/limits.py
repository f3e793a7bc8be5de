"""Limits on what reportgen reads from outside, checked *before* the work they bound.

A file from a translator, a term base, an emblem or a Word file may be hostile or simply
broken; whatever it holds, reading it must end in a result or a located one-line error,
never in a machine out of memory or a run that does not end. So every input that can
make the work grow is measured first — a file's size before it is read, an image's
pixels before anything is decoded, a zip entry by its declared *and* its actual size,
an XML tree's elements and depth while it is parsed — against one limit named here.
Each error names its limit (``over the XML file size limit of 64 MB``), and
docs/INTERFACE.md §3.9 lists them all.

The limits are far above what a real report needs (a 2,000-paragraph version exports as
5 MB of XLIFF) and far below what would exhaust a machine: together they keep any one
run under 1 GB.
"""

from __future__ import annotations

import os
import stat
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportgen.errors import UserError

__all__ = ["Limit", "TooLarge", "read_limited", "read_zip_member", "check_zip",
           "SOURCE_BYTES", "COMPANION_BYTES", "XML_BYTES", "XML_ELEMENTS", "XML_DEPTH",
           "CSV_CELL_CHARS", "IMAGE_BYTES", "IMAGE_SIDE", "IMAGE_PIXELS",
           "ZIP_ENTRIES", "ZIP_ENTRY_BYTES", "ZIP_TOTAL_BYTES",
           "NUMBERING_START", "NUMBERING_LEVELS", "NUMBERING_TEXT", "PDF_TEXT_BYTES", "PDF_TEXT_LINES",
           "PDF_LINE_CHARS"]

_MB = 1024 * 1024


@dataclass(frozen=True)
class Limit:
    """One limit: its name as errors say it, its value, and how the value is shown."""

    name: str
    value: int
    unit: str  # "bytes", a plural noun ("elements", "pixels", "characters") or "" (a plain number)

    @property
    def shown(self) -> str:
        if self.unit == "bytes":
            return size(self.value)
        return f"{self.value:,} {self.unit}".rstrip()

    def over(self, what: str) -> str:
        """``what`` (the measure found) said against the limit: ``the file is 214 MB,
        over the XML file size limit of 64 MB``."""
        return f"{what}, over the {self.name} limit of {self.shown}"

    def exceeded(self, value: int) -> bool:
        return value > self.value


def size(n: int) -> str:
    """A byte count for people: ``214 MB``, ``12 KB``, ``900 bytes``."""
    if n >= _MB:
        return f"{n / _MB:,.0f} MB"
    if n >= 1024:
        return f"{n / 1024:,.0f} KB"
    return f"{n:,} bytes"


# -- sources and companions ---------------------------------------------------------------

#: A language version (``reportgen.source.reader`` checks it).
SOURCE_BYTES = Limit("language version size", 16 * _MB, "bytes")
#: ``documents.yaml``, ``terms.tbx``, ``terms.csv``.
COMPANION_BYTES = Limit("companion file size", 16 * _MB, "bytes")
#: One cell of ``terms.csv`` (a concept's terms in one language, joined by ``|``).
CSV_CELL_CHARS = Limit("term base cell", 10_000, "characters")

# -- XML from outside (reportgen.safexml) -------------------------------------------------

#: An XML file or part: an XLIFF file, a TBX term base, a part of a Word file.
XML_BYTES = Limit("XML file size", 64 * _MB, "bytes")
#: Elements of one XML document (a 2,000-paragraph XLIFF has about 40,000).
XML_ELEMENTS = Limit("XML element count", 1_000_000, "elements")
#: Elements inside one another (an XLIFF unit is 5 deep, its formatting a few more).
XML_DEPTH = Limit("XML nesting depth", 100, "levels")

# -- images (reportgen.images) ------------------------------------------------------------

#: An emblem file.
IMAGE_BYTES = Limit("image file size", 16 * _MB, "bytes")
#: Width or height of an emblem (it is printed 1 cm high).
IMAGE_SIDE = Limit("image side", 10_000, "pixels")
#: Width × height of an emblem.
IMAGE_PIXELS = Limit("image size", 25_000_000, "pixels")

# -- Word files and PDF text (for reportgen.importer) ------------------------------------

#: Entries in a Word file's zip package.
ZIP_ENTRIES = Limit("Word package entry count", 10_000, "entries")
#: One entry of a Word file, by its declared and by its actual (decompressed) size.
ZIP_ENTRY_BYTES = Limit("Word package part size", 64 * _MB, "bytes")
#: Every entry of a Word file together, decompressed.
ZIP_TOTAL_BYTES = Limit("Word package size", 256 * _MB, "bytes")
#: A list's start value (``w:start``) or a number computed from it; Word's own maximum.
NUMBERING_START = Limit("list numbering", 32_767, "")
#: List levels (``w:ilvl`` 0 to 8 in Word).
NUMBERING_LEVELS = Limit("list level", 9, "levels")
#: The text of a list level's number (``w:lvlText``, "%1.%2."), printed before each of its paragraphs.
NUMBERING_TEXT = Limit("list number text", 100, "characters")
#: A PDF's text as pdftotext gives it, or a text file given to import for it.
PDF_TEXT_BYTES = Limit("PDF text size", 64 * _MB, "bytes")
#: Lines of a PDF's text (about 4,000 pages).
PDF_TEXT_LINES = Limit("PDF text line count", 200_000, "lines")
#: Characters in one line of a PDF's text (a printed line holds a few hundred).
PDF_LINE_CHARS = Limit("PDF text line length", 10_000, "characters")


class TooLarge(UserError):
    """An input over one of the limits; exit 2, nothing read further."""

    def __init__(self, path: Path | str, line: int | None, message: str, limit: Limit) -> None:
        super().__init__(path, line, message)
        self.limit = limit


# -- reading within a limit ---------------------------------------------------------------

def read_limited(path: Path, limit: Limit, advice: str = "") -> bytes:
    """The bytes of ``path`` when it is no larger than ``limit``; refused by its size
    *before* it is read (and again if it grew meanwhile: at most limit + 1 bytes are
    read). OSError (missing, unreadable) is left to the caller, who knows what to say."""
    with path.open("rb") as fh:
        declared = _size_of(fh)
        if declared is not None and limit.exceeded(declared):
            raise TooLarge(path, None, _too_large(declared, limit, advice), limit)
        data = fh.read(limit.value + 1)
    if limit.exceeded(len(data)):
        raise TooLarge(path, None, _too_large(len(data), limit, advice, more=True), limit)
    return data


def _size_of(fh: BinaryIO) -> int | None:
    """The size of a regular file; None for a pipe or a device (read up to the limit)."""
    st = os.fstat(fh.fileno())
    return st.st_size if stat.S_ISREG(st.st_mode) else None


def _too_large(n: int, limit: Limit, advice: str, more: bool = False) -> str:
    said = f"the file is {'over ' if more else ''}{size(n)}"
    return limit.over(said) + (f": {advice}" if advice else "")


def check_zip(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse a zip package (a Word file) before anything unpacks it: too many entries,
    an entry or the whole declared larger than the limits, or an entry that inflates past
    what it declares (read through once, in chunks, never held)."""
    entries = archive.infolist()
    if ZIP_ENTRIES.exceeded(len(entries)):
        raise TooLarge(path, None, ZIP_ENTRIES.over(f"the file holds {len(entries):,} entries"), ZIP_ENTRIES)
    total = 0
    for info in entries:
        if ZIP_ENTRY_BYTES.exceeded(info.file_size):
            raise TooLarge(path, None, ZIP_ENTRY_BYTES.over(f"its part {info.filename} is {size(info.file_size)}"),
                           ZIP_ENTRY_BYTES)
        total += info.file_size
    if ZIP_TOTAL_BYTES.exceeded(total):
        raise TooLarge(path, None, ZIP_TOTAL_BYTES.over(f"its parts come to {size(total)}"), ZIP_TOTAL_BYTES)
    actual = 0
    for info in entries:
        actual += sum(map(len, _inflated(path, archive, info)))
        if ZIP_TOTAL_BYTES.exceeded(actual):
            raise TooLarge(path, None, ZIP_TOTAL_BYTES.over(f"its parts come to over {size(actual)}"),
                           ZIP_TOTAL_BYTES)


def read_zip_member(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """One entry's bytes, inflated in chunks and refused as soon as they pass the part
    size limit, whatever the entry declares."""
    return b"".join(_inflated(path, archive, info))


def _inflated(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    limit = ZIP_ENTRY_BYTES
    count = 0
    try:
        with archive.open(info) as fh:
            while chunk := fh.read(1 << 20):
                count += len(chunk)
                if limit.exceeded(count):
                    raise TooLarge(path, None, limit.over(f"its part {info.filename} inflates to over {size(count)}"),
                                   limit)
                yield chunk
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, ValueError, OSError,
            zlib.error) as exc:
        raise UserError(path, None, f"not a readable Word file: its part {info.filename} is damaged "
                                    f"({' '.join(str(exc).split())})") from None
