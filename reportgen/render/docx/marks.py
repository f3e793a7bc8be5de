"""The marks at the foot of page 1 as issued: a QR code of the document's address and
the recycling mark, as PNG images whose bytes depend only on their input.

* The QR code is made by **segno** (pure Python, no image library; its PNG writer gives
  the same bytes for the same data), of ``https://undocs.org/<lang>/<symbol>``, the
  address the Official Document System answers for the document in that language.
* The recycling mark (three arrows chasing round a ring) is drawn here, point by point,
  as an anti-aliased greyscale PNG written with ``zlib`` and ``struct``: no third-party
  picture is shipped, and nothing but this code decides its pixels.
"""

from __future__ import annotations

import base64
import io
import math
import struct
import zlib
from functools import lru_cache

import segno

#: Printed sizes in EMU (360000 per cm).
QR_EMU = 540000  # 1.5 cm square
RECYCLE_EMU = 396000  # 1.1 cm square
QR_SCALE = 8  # pixels per module: crisp at 1.5 cm
QR_BORDER = 2  # modules of quiet zone inside the picture (the footer around it is white)


@lru_cache(maxsize=32)
def qr_png(url: str) -> bytes:
    """A black-on-white QR code of ``url`` (error correction M, the smallest version
    that holds it), as a PNG."""
    out = io.BytesIO()
    segno.make(url, error="m", micro=False, boost_error=False).save(out, kind="png", scale=QR_SCALE,
                                                                    border=QR_BORDER)
    return out.getvalue()


# ------------------------------------------------------------------ the recycling mark

SIZE = 132  # pixels a side (1.1 cm at 300 dpi)
SAMPLES = 3  # per pixel and axis, for anti-aliased edges
INNER, OUTER = 0.50, 0.74  # the ring, as fractions of the half-size
ARC = 78.0  # degrees each arrow's shaft covers
HEAD_ANGLE, HEAD_WIDTH = 32.0, 0.17  # the arrowhead: how far it reaches, how far it overhangs the ring


def _arrows() -> list[tuple[float, list[tuple[float, float]]]]:
    """Each arrow as (where its shaft starts, in degrees; its head as a triangle)."""
    out = []
    middle = (INNER + OUTER) / 2
    for k in range(3):
        start = 90.0 + 120.0 * k
        end = math.radians(start + ARC)
        tip = math.radians(start + ARC + HEAD_ANGLE)
        head = [((INNER - HEAD_WIDTH) * math.cos(end), (INNER - HEAD_WIDTH) * math.sin(end)),
                ((OUTER + HEAD_WIDTH) * math.cos(end), (OUTER + HEAD_WIDTH) * math.sin(end)),
                (middle * math.cos(tip), middle * math.sin(tip))]
        out.append((start, head))
    return out


def _in_triangle(x: float, y: float, t: list[tuple[float, float]]) -> bool:
    (ax, ay), (bx, by), (cx, cy) = t
    d1 = (x - bx) * (ay - by) - (ax - bx) * (y - by)
    d2 = (x - cx) * (by - cy) - (bx - cx) * (y - cy)
    d3 = (x - ax) * (cy - ay) - (cx - ax) * (y - ay)
    return not ((d1 < 0 or d2 < 0 or d3 < 0) and (d1 > 0 or d2 > 0 or d3 > 0))


def _inked(x: float, y: float, arrows: list[tuple[float, list[tuple[float, float]]]]) -> bool:
    r = math.hypot(x, y)
    if INNER <= r <= OUTER:
        angle = math.degrees(math.atan2(y, x))
        for start, _ in arrows:
            if (angle - start) % 360.0 <= ARC:
                return True
    return any(_in_triangle(x, y, head) for _, head in arrows)


# The mark as :func:`draw_recycling_png` draws it, kept as bytes: drawing it in Python
# costs 0.4 s, once in every worker process (a fifth of a version's build), for bytes
# that never change. tests/render/test_footer.py checks that the two agree.
_RECYCLING_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAIQAAACECAAAAAB0L9x7AAADvklEQVR42u2b2ZHjOAxAEQgTUSAMhIkwEATCRBCI167utmUb"
    "BHHJnq0SP+ZLrXnCRVyGyz9w4IQ4IU6IE+KEOCFOiBPiexCIrV5P+RbE6BXu5ysQuAP4DsRo8Ho+DYEbgAuCEHsORC8AVojr"
    "f15/1DcyIMYGoIcYiFfH2T2FCeqgCqCBoJvjMriYYBNYYAVxk/v0KYwbpiCGB4T0TI17BxVQQKCbQQOBABqIi5tBAbFiuL9h"
    "po8SD1YVtBD9MEmsGe5voKNsQsHweMN2jHeI9lBqx6dY3OfPBuKE5HVI76EanBQSxFTJpRP7B1I8IR/ELEaV6aXcJOWRC6Ia"
    "EWR9SMYJRoOoklhFfQhmATZlYMCj5woBy/sKhUJ8tUIMD8PuEiucIIcRYrOaw4v8iMtBNhtEd8nhoQ/kjaqbIIqP4S++4cS0"
    "iwUCbRHvVY04jbhogNisvvmkxzr/lk0PMex5yU4fVfLzoYZoPoP4saYqRrymhtBaNauPhZdpIdCequpvE1RC1IAglgGnKiES"
    "BcGIQoAYY+4bPQLRFf4BDzvefvPG7oxTyhyxC+r4/f7a3rox9RI6df06WCfsGIPAtVHAOi2iGASZICbZdbhZWpaShXWdcS20"
    "Uo1ChhBSxFJxZDlpWwQruf7dMMUy6ypiFmf5IvYerRAkCcLdNTZCSGZBH4OYFrV+hsvS50FTccQYPBBszIowONTBm8W4fBiC"
    "ucpCIXO4IBSB9tBgxZpF8C63hm1Wgj3GYL3AWPpgYmW9yln8MIMtqWH5wwzG9I77gDiDLdHlviBhDm5K+blPKBSHsBQ/LEUC"
    "g6kMPOq4C+LM424NMBE06/LSN0neRFr8FkrN2y56/pgtFi+eB/3DA/HXHY7cpLtBu6GFyKW9K4UQaXwE7RD7XYGlWdymg2Mh"
    "UFNbmVHmkqL+NVmEt3UjBDXjqAH31TOxTmYcNbD14EIW64YCGSEc46f3v9gaqgJM4iAO3aVb4kiS3N2mzOEsW8X2GIR5TN3N"
    "q2CKYGUd2HPPtyiEcXWB3JV0zhLHwM4veulaTAnrLL4hveUqj1EoS4aEFSfhtCSI9bKXc4fFlmP6KbSdz4QFwPkZiRCLVcio"
    "WaYshU5PT4ZwCYOyIYRF4aB/XlJWpqNmmbI8Hp9MJKzRR80y5QcFL3d8sQ8RE35asU/zx71ybIdD/Ejk90cm5fZvQ3xuSdBn"
    "IMTmjGlgdgBEM7cSDoAY5gboEY0z82TgCIhq3TQ4AgKtLa5D+pjWud0hENZZ0fnbwBPihDgh/hcQ/wHkUKmnV1pzcwAAAABJ"
    "RU5ErkJggg=="
)


def recycling_png() -> bytes:
    """The recycling mark, black on white, as an 8-bit greyscale PNG."""
    return _RECYCLING_PNG


def draw_recycling_png() -> bytes:
    """Draw the recycling mark: three arrows on a ring, anti-aliased by supersampling."""
    arrows = _arrows()
    rows = bytearray()
    step = 2.0 / (SIZE * SAMPLES)
    for py in range(SIZE):
        rows.append(0)  # filter type: none
        for px in range(SIZE):
            centre = math.hypot(-1.0 + (px + 0.5) * step * SAMPLES, 1.0 - (py + 0.5) * step * SAMPLES)
            if not INNER - HEAD_WIDTH - 0.05 < centre < OUTER + HEAD_WIDTH + 0.05:
                rows.append(255)  # far from every arrow: white, without sampling
                continue
            ink = 0
            for sy in range(SAMPLES):
                y = 1.0 - (py * SAMPLES + sy + 0.5) * step
                for sx in range(SAMPLES):
                    x = -1.0 + (px * SAMPLES + sx + 0.5) * step
                    ink += _inked(x, y, arrows)
            rows.append(255 - round(255 * ink / (SAMPLES * SAMPLES)))
    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 0, 0, 0, 0)  # 8 bits, greyscale
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(bytes(rows), 9)) \
        + _chunk(b"IEND", b"")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
