"""Text of a built DOCX as the author typed it: the writer's typography undone.

The writer keeps a document symbol on one line with a WORD JOINER (U+2060) after each
``/`` and ``-`` (render/docx/typography.py); tests about structure compare the text
without them, tests about typography (test_typography.py) look at them."""

from __future__ import annotations

WORD_JOINER = "\u2060"


def typed(text: str) -> str:
    """``text`` without the word joiners the writer put into symbols."""
    return text.replace(WORD_JOINER, "")
