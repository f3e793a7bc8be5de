"""Characters an imported text holds that no report may (INTERFACE §2.3): control
characters, non-characters, direction controls and stray byte-order marks. The source
reader refuses them, so the importer never writes them: it leaves them out and says so,
naming each (the rule and its set are the reader's, ``reportgen.source.inline.BAD_CHARS``)."""

from __future__ import annotations

import unicodedata

from reportgen.source.inline import BAD_CHARS

__all__ = ["without_refused"]


def without_refused(text: str) -> tuple[str, list[str]]:
    """``text`` without the characters a report cannot hold (a tab is kept: it is a
    separator the importer reads), and a warning for each kind left out."""
    if text.isprintable() or not BAD_CHARS.search(text.replace("\t", " ")):
        return text, []
    found = sorted({c for c in BAD_CHARS.findall(text) if c != "\t"})
    kept = "".join(c for c in text if c == "\t" or c not in found)
    return kept, [f"the character U+{ord(c):04X} ({_kind(c)}) is left out: a report cannot hold it" for c in found]


def _kind(char: str) -> str:
    """What ``char`` is, for a message: its Unicode name, else its kind."""
    if name := unicodedata.name(char, ""):
        return name
    if unicodedata.category(char) == "Cs":
        return "a surrogate"
    if unicodedata.category(char) == "Cc":
        return "a control character"
    return "a non-character"
