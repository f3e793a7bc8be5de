"""Code 39 barcode of a job number, as a 1-bit PNG written byte for byte here.

Issued UN documents print, at the foot of page 1, a Code 39 barcode of the job
number's digits between start/stop asterisks, whatever the duty station's form
(``V.21-06543`` → ``*2106543*``, un-conventions.md "Footer and header";
``GE.19-13879`` → ``*1913879*``, seen; ``K1401052`` → ``*1401052*``, inferred: the
table is ``l10n/data/job_numbers.yaml``). No barcode font is needed (or shipped):
the bars are pixels of an image whose bytes depend only on the job number, so
the same sources still give the same DOCX.
"""

from __future__ import annotations

import struct
import zlib

from reportgen.l10n.jobs import job_digits

# Code 39 (ISO/IEC 16388, formerly ANSI/AIM BC1-1995), the subset a job number needs:
# each character is 9 elements, bar first, alternating bar/space; 'w' is wide, 'n'
# narrow; exactly three of the nine are wide (hence "3 of 9").
CODE39: dict[str, str] = {
    "0": "nnnwwnwnn",
    "1": "wnnwnnnnw",
    "2": "nnwwnnnnw",
    "3": "wnwwnnnnn",
    "4": "nnnwwnnnw",
    "5": "wnnwwnnnn",
    "6": "nnwwwnnnn",
    "7": "nnnwnnwnw",
    "8": "wnnwnnwnn",
    "9": "nnwwnnwnn",
    "*": "nwnnwnwnn",  # start/stop
}
NARROW = 1  # modules
WIDE = 3  # narrow:wide 1:3, within the standard's 1:2 to 1:3
GAP = 1  # inter-character gap, one narrow space
MODULE_PX = 3  # pixels per module: crisp when scaled to the printed size
HEIGHT_PX = 60

#: Printed size in EMU (914400 per inch): about 4.5 cm × 0.8 cm.
WIDTH_EMU = 1620000
HEIGHT_EMU = 288000


def barcode_text(job: str) -> str:
    """``V.21-06543`` → ``*2106543*``, ``K2112345`` → ``*2112345*``: the year and
    number digits of the station's form, between start/stop asterisks. The front
    matter admits only those forms, so anything else is a caller's mistake."""
    digits = job_digits(job)
    if digits is None:
        raise ValueError(f"{job!r} is not a job number of any duty station's form")
    return f"*{digits}*"


def modules(text: str) -> list[bool]:
    """The barcode as modules, True for bar, start and stop included in ``text``."""
    out: list[bool] = []
    for i, char in enumerate(text):
        if i:
            out += [False] * GAP
        for j, width in enumerate(CODE39[char]):
            out += [j % 2 == 0] * (WIDE if width == "w" else NARROW)
    return out


def barcode_png(job: str) -> bytes:
    """A 1-bit greyscale PNG of the job number's barcode (black bars on white)."""
    bars = modules(barcode_text(job))
    pixels = [bar for bar in bars for _ in range(MODULE_PX)]
    width = len(pixels)
    row = bytearray((width + 7) // 8)
    for x, bar in enumerate(pixels):
        if not bar:  # greyscale 1-bit: 1 is white
            row[x // 8] |= 0x80 >> (x % 8)
    for x in range(width, len(row) * 8):  # padding bits: white
        row[x // 8] |= 0x80 >> (x % 8)
    raw = (b"\x00" + bytes(row)) * HEIGHT_PX  # filter type 0 on every scanline
    header = struct.pack(">IIBBBBB", width, HEIGHT_PX, 1, 0, 0, 0, 0)  # 1 bit, greyscale
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 9)) \
        + _chunk(b"IEND", b"")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
