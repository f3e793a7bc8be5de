"""Is this file a PNG or JPEG image the DOCX can hold? Asked of an emblem before the
report is built, so that a damaged or oversized image is refused at its front-matter
line instead of failing (or exhausting memory) when the masthead is rendered.

Nothing is decoded into pixels. The structure is walked — a PNG's chunks with their
checksums, from the header (``IHDR``: width, height, bit depth, colour type) to the end
(``IEND``), its compressed image data inflated and counted in small pieces but never
kept; a JPEG's segments up to the start of the scan, and its end marker — and the
dimensions are checked against :data:`~reportgen.limits.IMAGE_PIXELS` *before* any
image data is inflated, so a 6-gigapixel PNG of a few kilobytes is refused at once.
Last, python-docx reads the header as the renderer will (it knows JPEGs by a JFIF or
Exif header only), so what passes here renders.
"""

from __future__ import annotations

import struct
import zlib

from reportgen.limits import IMAGE_PIXELS, IMAGE_SIDE

__all__ = ["image_problem", "PNG_SIGNATURE", "JPEG_SIGNATURE"]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
_RESAVE = "save it again as PNG from an image editor"
# PNG: colour type -> (channels, allowed bit depths)
_COLOURS = {0: (1, (1, 2, 4, 8, 16)), 2: (3, (8, 16)), 3: (1, (1, 2, 4, 8)), 4: (2, (8, 16)), 6: (4, (8, 16))}
# Adam7 passes: (x start, y start, x step, y step)
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))
# JPEG start-of-frame markers (C4 DHT, C8 JPG and CC DAC are not frames)
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


class _Bad(Exception):
    """Why an image is refused: a phrase completing "emblem file 'x' …"."""


def image_problem(data: bytes) -> str | None:
    """None for a PNG or JPEG the DOCX can hold; otherwise what is wrong, as a phrase
    completing ``emblem file 'x' …`` and saying what to do."""
    try:
        if data.startswith(PNG_SIGNATURE):
            _png(data)
        elif data.startswith(JPEG_SIGNATURE):
            _jpeg(data)
        else:
            return "is not a PNG or JPEG image"
        _as_the_renderer_reads(data)
    except _Bad as exc:
        return str(exc)
    return None


def _damaged(kind: str, why: str) -> _Bad:
    return _Bad(f"is a damaged {kind} image ({why}): {_RESAVE}")


def _dimensions(kind: str, width: int, height: int) -> None:
    """Refuse zero, and sizes over the limits, before any pixel data is touched."""
    if width == 0 or height == 0:
        raise _damaged(kind, f"it is {width:,} × {height:,} pixels")
    if IMAGE_SIDE.exceeded(max(width, height)):
        raise _Bad(IMAGE_SIDE.over(f"is {width:,} × {height:,} pixels") + ": scale it down (the emblem is "
                   "printed 1 cm high: a few hundred pixels are plenty)")
    if IMAGE_PIXELS.exceeded(width * height):
        raise _Bad(IMAGE_PIXELS.over(f"is {width:,} × {height:,} pixels") + ": scale it down (the emblem is "
                   "printed 1 cm high: a few hundred pixels are plenty)")


# -- PNG ----------------------------------------------------------------------------------

def _png(data: bytes) -> None:
    pos = len(PNG_SIGNATURE)
    header: tuple[int, int, int, int, int] | None = None
    idat: list[tuple[int, int]] = []  # (start, end) of each IDAT chunk's data
    previous = ""
    palette = False
    while True:
        if pos + 8 > len(data):
            raise _damaged("PNG", "it ends before its last chunk, IEND: the file is cut short")
        length, kind_bytes = struct.unpack(">I4s", data[pos:pos + 8])
        kind = kind_bytes.decode("latin-1")
        if header is None and (kind != "IHDR" or length != 13):
            raise _damaged("PNG", "it does not start with its header chunk, IHDR")
        if not kind_bytes.isalpha() or length > 0x7FFFFFFF:
            raise _damaged("PNG", f"a chunk at byte {pos:,} is not a PNG chunk")
        start, end = pos + 8, pos + 8 + length
        if end + 4 > len(data):
            raise _damaged("PNG", f"its {kind} chunk is cut short")
        (crc,) = struct.unpack(">I", data[end:end + 4])
        if zlib.crc32(data[pos + 4:end]) != crc:
            raise _damaged("PNG", f"the checksum of its {kind} chunk is wrong")
        if header is None:
            header = _png_header(data[start:end])
        elif kind == "IHDR":
            raise _damaged("PNG", "it has two header chunks")
        elif kind == "PLTE":
            palette = True
        elif kind == "IDAT":
            if idat and previous != "IDAT":
                raise _damaged("PNG", "its image data is split by other chunks")
            idat.append((start, end))
        elif kind == "IEND":
            break
        previous = kind
        pos = end + 4
    assert header is not None
    if not idat:
        raise _damaged("PNG", "it holds no image data (IDAT)")
    if header[3] == 3 and not palette:
        raise _damaged("PNG", "it has colours from a palette but no palette (PLTE)")
    _png_data(data, idat, header)


def _png_header(ihdr: bytes) -> tuple[int, int, int, int, int]:
    width, height, depth, colour, compression, filtering, interlace = struct.unpack(">IIBBBBB", ihdr)
    _dimensions("PNG", width, height)
    if colour not in _COLOURS or depth not in _COLOURS[colour][1]:
        raise _damaged("PNG", f"bit depth {depth} with colour type {colour} is not a PNG form")
    if compression != 0 or filtering != 0 or interlace not in (0, 1):
        raise _damaged("PNG", "its header names an unknown compression, filter or interlace method")
    return width, height, depth, colour, interlace


def _png_data(data: bytes, idat: list[tuple[int, int]], header: tuple[int, int, int, int, int]) -> None:
    """Inflate the image data in pieces, keeping none, and compare its length with what
    the header's dimensions require (a truncated or padded stream is damaged)."""
    width, height, depth, colour, interlace = header
    bits = _COLOURS[colour][0] * depth

    def row(w: int) -> int:
        return 1 + (w * bits + 7) // 8 if w else 0

    if interlace:
        expected = sum(row((width - x + dx - 1) // dx) * ((height - y + dy - 1) // dy) if width > x and height > y
                       else 0 for x, y, dx, dy in _ADAM7)
    else:
        expected = row(width) * height
    inflate = zlib.decompressobj()
    count = 0
    try:
        for start, end in idat:
            pending = data[start:end]
            while pending:
                count += len(inflate.decompress(pending, 1 << 20))
                pending = inflate.unconsumed_tail
                if count > expected:
                    raise _damaged("PNG", "its image data is longer than its dimensions allow")
        count += len(inflate.flush())
    except zlib.error as exc:
        raise _damaged("PNG", f"its image data cannot be inflated: {exc}") from None
    if count != expected or not inflate.eof:
        raise _damaged("PNG", "its image data is cut short")


# -- JPEG ---------------------------------------------------------------------------------

def _jpeg(data: bytes) -> None:
    pos, frame = 2, False
    first = True
    while True:
        if pos + 2 > len(data) or data[pos] != 0xFF:
            raise _damaged("JPEG", f"no segment where one should start (byte {pos:,})")
        while pos + 1 < len(data) and data[pos + 1] == 0xFF:
            pos += 1  # fill bytes
        if pos + 4 > len(data):
            raise _damaged("JPEG", "the file is cut short")
        marker = data[pos + 1]
        if marker in (0xD8, 0xD9) or 0xD0 <= marker <= 0xD7 or marker == 0x01:
            raise _damaged("JPEG", f"a marker FF{marker:02X} stands where a segment should")
        (length,) = struct.unpack(">H", data[pos + 2:pos + 4])
        if length < 2 or pos + 2 + length > len(data):
            raise _damaged("JPEG", "a segment runs past the end of the file")
        body = data[pos + 4:pos + 2 + length]
        if first and not ((marker == 0xE0 and body.startswith(b"JFIF\0"))
                          or (marker == 0xE1 and body.startswith(b"Exif\0"))):
            raise _Bad(f"is a JPEG image without a JFIF or Exif header, which Word documents do not "
                       f"take: {_RESAVE}")
        first = False
        if marker in _SOF:
            if len(body) < 6:
                raise _damaged("JPEG", "its frame header is cut short")
            height, width = struct.unpack(">HH", body[1:5])
            _dimensions("JPEG", width, height)
            frame = True
        elif marker == 0xDA:  # start of scan: compressed data follows, up to the end marker
            if not frame:
                raise _damaged("JPEG", "its image data comes before its frame header")
            if data.rfind(b"\xff\xd9", pos + 2 + length) < 0:
                raise _damaged("JPEG", "it has no end marker: the file is cut short")
            return
        pos += 2 + length


# -- as python-docx reads it ----------------------------------------------------------------

def _as_the_renderer_reads(data: bytes) -> None:
    """python-docx's own reading of the header, sized as the masthead sizes the emblem
    (a height, the width from the aspect ratio and the resolution): it must not fail
    (a resolution of 0 dots per inch would divide by zero when rendering)."""
    from docx.image.image import Image  # loaded only for a report with an emblem
    from docx.shared import Cm

    try:
        image = Image.from_blob(data)
        width, height = image.px_width, image.px_height
        image.scaled_dimensions(None, Cm(1))
    except Exception as exc:  # noqa: BLE001 - any failure of a third-party header reader
        raise _Bad(f"has a header the DOCX writer cannot read ({type(exc).__name__}): {_RESAVE}") from None
    _dimensions("PNG" if data.startswith(PNG_SIGNATURE) else "JPEG", width, height)
