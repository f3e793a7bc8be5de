"""Two printed lines as one text: the space between them, a Chinese line's lack of one,
and a word the typesetter hyphenated at the line end.

The rules are ``pdftext``'s (INTERFACE §3.8): a word hyphenated at a line end is joined
when the text writes it whole elsewhere and kept when it writes it hyphenated; otherwise
the language's hyphenation patterns (pyphen) and the text's own words (by stem) decide,
and any other case is a guess returned as a note for an ``<!-- import: … -->`` comment.
The layout reader (``layout_read``) joins lines with them.
"""

from __future__ import annotations

import re
from collections import Counter

import pyphen

from reportgen.importer.masthead import WIDE
from reportgen.l10n import Language
from reportgen.l10n.stems import matcher

__all__ = ["Joiner", "wide", "SPACE_BETWEEN_WIDE", "HYPHENS"]

HYPHENS = "-\u2010\u00ad"
_WORD_END = re.compile(r"(\w+)[-\u2010\u00ad]$")
_WORD_START = re.compile(r"^(\w+)")
_WIDE = re.compile(WIDE)
_WORD = re.compile(r"\w+")
_CHAIN = re.compile(r"\w+(?:-\w+)+")
SPACE_BETWEEN_WIDE = re.compile(rf"(?<={WIDE})[ \u00a0]+(?={WIDE})")


def wide(char: str) -> bool:
    """Whether ``char`` is set without spaces around it (Han, kana, full-width forms)."""
    return bool(_WIDE.match(char))


class Joiner:
    """Joins printed lines of one document; ``text`` is all of its text, line by line,
    whose words decide hyphens and whether figures beside Chinese are spaced."""

    def __init__(self, lang: Language, text: str) -> None:
        self.lang = lang
        self.text = text
        self.lower = text.lower()
        spaced = len(re.findall(rf"{WIDE} \w|\w {WIDE}", text))
        tight = len(re.findall(rf"{WIDE}[A-Za-z0-9]|[A-Za-z0-9]{WIDE}", text))
        self.space_by_wide = spaced > tight
        self._stems: set[str] | None = None
        self._words: Counter[str] | None = None
        self._pairs: Counter[str] = Counter()
        patterns = lang.hyphenation_patterns
        self.patterns = pyphen.Pyphen(lang=patterns) if patterns else None

    def join_all(self, parts: list[str]) -> str:
        out = ""
        for part in parts:
            out = self.join(out, part)[0] if out else part
        return SPACE_BETWEEN_WIDE.sub("", out)

    def join(self, left: str, right: str) -> tuple[str, str | None]:
        """``left`` and the next printed line as one text, and a note if the join is a guess."""
        if left and right and left[-1] in HYPHENS and (hit := _WORD_END.search(left)) \
                and (start := _WORD_START.match(right)) and right[0].islower():
            return self._hyphen(left, right, hit.group(1), start.group(1))
        if left and right and (wide(left[-1]) or wide(right[0])):
            both = wide(left[-1]) and wide(right[0])
            return left + ("" if both or not self.space_by_wide else " ") + right, None
        return left + " " + right, None

    def _hyphen(self, left: str, right: str, a: str, b: str) -> tuple[str, str | None]:
        """A word cut at a line end: the text's own usage first (the word written whole,
        or hyphenated, elsewhere), then the hyphenation patterns and the text's words."""
        if left[-1] == "\u00ad":  # a soft hyphen is never part of the word
            return left[:-1] + right, None
        if self._words is None:  # the text's words, and the pairs it writes hyphenated, counted once
            self._words = Counter(_WORD.findall(self.lower))
            for chain in _CHAIN.findall(self.lower):
                parts = chain.split("-")
                self._pairs.update(f"{x}-{y}" for x, y in zip(parts, parts[1:]))
        whole, kept = self._words[(a + b).lower()], self._pairs[f"{a}-{b}".lower()]
        if whole != kept:
            return (left[:-1] + right, None) if whole > kept else (left + right, None)
        compound = self._is_word(a) and self._is_word(b)
        breakable = self.patterns is not None and len(a) in self.patterns.positions(a + b)
        if breakable and not compound:
            return left[:-1] + right, None
        if compound and not breakable:
            return left + right, None
        if compound or (self.patterns is not None and not breakable):
            return left + right, f"kept the hyphen in «{a}-{b}» at a line end; was it «{a}{b}»?"
        return left[:-1] + right, f"joined «{a}-» and «{b}» as «{a}{b}» at a line end; was it «{a}-{b}»?"

    def _is_word(self, word: str) -> bool:
        """Whether ``word`` stands as a word of its own elsewhere in the text (by stem)."""
        if self._stems is None:
            self._keyed = matcher(self.lang.code)
            # the words a line-end hyphen cuts are halves, not words of the text: the one
            # that ends the line as well as the one that begins the next
            text = re.sub(r"\w*[-\u2010\u00ad]\n\s*\w+", " ", self.text)
            self._stems = set(self._keyed.key(text).split())
        stem = self._keyed.key(word).strip()
        return bool(stem) and stem in self._stems
