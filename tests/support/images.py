"""Small valid images for emblem tests (no image ships with reportgen), and the pieces
to build damaged ones."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import docx

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def chunk(kind: bytes, data: bytes) -> bytes:
    """A PNG chunk with its length and checksum."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int = 2, height: int = 2, raw: bytes | None = None, extra: bytes = b"") -> bytes:
    """An RGB PNG of ``width`` × ``height`` (``raw``: its filtered rows, else grey)."""
    if raw is None:
        raw = (b"\x00" + b"\x00\x66\xcc" * width) * height
    return (PNG_SIGNATURE + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + extra
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def jpeg() -> bytes:
    """A small JFIF JPEG: python-docx's own template thumbnail, present wherever it is."""
    return (Path(docx.__file__).parent / "templates" / "default-docx-template" / "docProps" / "thumbnail.jpeg"
            ).read_bytes()
