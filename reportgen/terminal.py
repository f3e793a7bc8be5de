"""What reaches a terminal: text from files (a term, a file name, a translator's target)
is printed with its control characters escaped.

A terminal executes what it is sent: ``ESC [ … m`` recolours it, other sequences move the
cursor, rewrite the window title or, on some terminals, write files. A term base term,
a file name or a unit id holding them must print as the characters they are
(``\\x1b[31m``), never act. Line and paragraph separators and the direction controls
(which reorder what the reader sees) are escaped too, so each message stays one line
and reads as it is stored.
"""

from __future__ import annotations

import re

__all__ = ["printable"]

# C0 controls but the tab (line ends included: a message is one line), DEL and the C1
# controls, the line and paragraph separators, and the direction controls (embeddings,
# overrides, isolates).
_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with every control character written as an escape (``\\x1b``,
    ``\\u202e``)."""
    if _UNPRINTABLE.search(text) is None:
        return text
    return _UNPRINTABLE.sub(_escape, text)


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
