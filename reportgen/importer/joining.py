"""Two printed lines as one text: the space between them, a Chinese line's lack of one,
and a word the typesetter hyphenated at the line end.

The rules are ``pdftext``'s (INTERFACE §3.8): a word hyphenated at a line end is joined
when the text writes it whole elsewhere and kept when it writes it hyphenated; otherwise
the language's hyphenation patterns (pyphen) and the text's own words (by stem) decide,
and any other case is a guess returned as a note for an ``<!-- import: … -->`` comment.
The layout reader (``layout_read``) joins lines with them.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

import pyphen

from reportgen.importer.masthead import WIDE
from reportgen.l10n import Language
from reportgen.l10n.stems import matcher

__all__ = ["Joiner", "Growing", "wide", "SPACE_BETWEEN_WIDE", "HYPHENS", "TAIL"]

HYPHENS = "-\u2010\u00ad"
_WORD_END = re.compile(r"(\w+)[-\u2010\u00ad]$")
_WORD_START = re.compile(r"^(\w+)")
_WIDE = re.compile(WIDE)
_WORD = re.compile(r"\w+")
# (?<!\w): tried at a word's start only, not again at each of its letters (a word of
# thousands of letters would make that quadratic)
_CHAIN = re.compile(r"(?<!\w)\w+(?:-\w+)+")
_HALVES = re.compile(r"(?<!\w)\w*[-\u2010\u00ad]\n\s*\w+")
#: Characters of the text so far that a join reads (its last word and characters): a
#: paragraph of many lines is joined line by line at the cost of each line, never of
#: all the text before it.
TAIL = 200
# a word cut by a hyphen at a line end, and the next line's first word
_LINE_END_CUT = re.compile(r"(?<!\w)(\w+)[-\u2010]\n\s*(\w+)")
_CUTS_TRIED = 200  # line-end hyphens looked at to tell whether the typesetter cuts words
_STARTS = 5  # distinct words a half must begin to count as a prefix as much as a word
SPACE_BETWEEN_WIDE = re.compile(rf"(?<={WIDE})[ \u00a0]+(?={WIDE})")


def _shown(word: str, tail: bool = False) -> str:
    """``word`` for a note, at most 40 characters: its end (``tail``) or its start."""
    if len(word) <= 40:
        return word
    return "…" + word[-39:] if tail else word[:39] + "…"


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
        self._cuts: bool | None = None
        self._starts: dict[str, bool] | None = None
        self._vocabulary: list[str] | None = None
        patterns = lang.hyphenation_patterns
        self.patterns = pyphen.Pyphen(lang=patterns) if patterns else None

    def join_all(self, parts: list[str]) -> str:
        text = Growing(self)
        for part in parts:
            text.add(part)
        return SPACE_BETWEEN_WIDE.sub("", text.value())

    def join(self, left: str, right: str) -> tuple[str, str | None]:
        """``left`` and the next printed line as one text, and a note if the join is a guess."""
        cut, between, note = self.glue(left, right)
        return left[:len(left) - cut] + between + right, note

    def glue(self, left: str, right: str) -> tuple[int, str, str | None]:
        """How the printed line ``right`` continues ``left``, of which only the last
        ``TAIL`` characters are read: how many characters come off the end of ``left``
        (a line-end hyphen joined away: 0 or 1), what goes between, and a note if the
        join is a guess."""
        if left and right and left[-1] in HYPHENS and (hit := _WORD_END.search(left[-TAIL:])) \
                and (start := _WORD_START.match(right)) and right[0].islower():
            return self._hyphen(left[-1], hit.group(1), start.group(1))
        if left and right and (wide(left[-1]) or wide(right[0])):
            both = wide(left[-1]) and wide(right[0])
            return 0, "" if both or not self.space_by_wide else " ", None
        return 0, " ", None

    def _hyphen(self, hyphen: str, a: str, b: str) -> tuple[int, str, str | None]:
        """A word cut at a line end: the text's own usage first (the word written whole,
        or hyphenated, elsewhere), then the hyphenation patterns and the text's words."""
        if hyphen == "\u00ad":  # a soft hyphen is never part of the word
            return 1, "", None
        if self._words is None:  # the text's words, and the pairs it writes hyphenated, counted once
            self._words = Counter(_WORD.findall(self.lower))
            for chain in _CHAIN.findall(self.lower):
                parts = chain.split("-")
                self._pairs.update(f"{x}-{y}" for x, y in zip(parts, parts[1:]))
        whole, kept = self._words[(a + b).lower()], self._pairs[f"{a}-{b}".lower()]
        if whole != kept:
            return (1, "", None) if whole > kept else (0, "", None)
        compound = self._is_word(a) and self._is_word(b)
        breakable = self.patterns is not None and len(a) in self.patterns.positions(a + b)
        if breakable and compound and self._hyphenates() and self._starts_words(a):
            # "по-" / "следующего": a short word that also begins many of the text's
            # words, cut where the patterns allow, in a text whose typesetter cuts words
            compound = False
        if breakable and not compound:
            return 1, "", None
        if compound and not breakable:
            return 0, "", None
        a, b = _shown(a, tail=True), _shown(b)  # for the note: a word of thousands of letters is no word
        if compound or (self.patterns is not None and not breakable):
            return 0, "", f"kept the hyphen in «{a}-{b}» at a line end; was it «{a}{b}»?"
        return 1, "", f"joined «{a}-» and «{b}» as «{a}{b}» at a line end; was it «{a}-{b}»?"

    def _hyphenates(self) -> bool:
        """Whether the typesetter of this text cuts words at line ends: some line-end
        hyphen certainly cuts a word (the word is written whole elsewhere, or the
        patterns allow the cut and a half is no word of the text). A text set without
        hyphenation has line-end hyphens only in compounds."""
        if self._cuts is None:
            self._cuts = False
            seen = 0
            for hit in _LINE_END_CUT.finditer(self.text):
                a, b = hit.group(1), hit.group(2)
                seen += 1
                if seen > _CUTS_TRIED:
                    break
                if not b[0].islower():
                    continue
                whole = self._words[(a + b).lower()] if self._words is not None else 0
                breakable = self.patterns is not None and len(a) in self.patterns.positions(a + b)
                if whole > self._pairs[f"{a}-{b}".lower()] or (
                        breakable and not (self._is_word(a) and self._is_word(b))):
                    self._cuts = True
                    break
        return self._cuts

    def _starts_words(self, half: str) -> bool:
        """Whether ``half`` begins at least ``_STARTS`` distinct words of the text of
        other stems than its own: a prefix as much as a word ("по", "при"), unlike the
        parts of a compound ("государства", "веб"), which begin few or none."""
        if self._starts is None:
            self._starts = {}
        lower = half.lower()
        if lower not in self._starts:
            if self._vocabulary is None:
                self._vocabulary = sorted({w for w in _WORD.findall(self.lower) if not w.isdigit()})
            self._is_word(half)  # the stems, and the matcher
            own = self._keyed.key(lower).strip()
            found = 0
            at = bisect.bisect_right(self._vocabulary, lower)
            for word in self._vocabulary[at:]:
                if not word.startswith(lower) or found >= _STARTS:
                    break
                found += self._keyed.key(word).strip() != own
            self._starts[lower] = found >= _STARTS
        return self._starts[lower]

    def _is_word(self, word: str) -> bool:
        """Whether ``word`` stands as a word of its own elsewhere in the text (by stem)."""
        if self._stems is None:
            self._keyed = matcher(self.lang.code)
            # the words a line-end hyphen cuts are halves, not words of the text: the one
            # that ends the line as well as the one that begins the next
            text = _HALVES.sub(" ", self.text)
            self._stems = set(self._keyed.key(text).split())
        stem = self._keyed.key(word).strip()
        return bool(stem) and stem in self._stems


class Growing:
    """A text joined line by line (:meth:`Joiner.glue`), kept as a list of pieces: each
    line costs its own length, and a paragraph of many lines is never copied whole per
    line."""

    def __init__(self, joiner: Joiner, first: str = "") -> None:
        self.joiner = joiner
        self.parts: list[str] = [first] if first else []

    def __bool__(self) -> bool:
        return any(self.parts)

    def tail(self) -> str:
        """The last ``TAIL`` characters (or all, if fewer)."""
        out: list[str] = []
        count = 0
        for part in reversed(self.parts):
            out.append(part)
            count += len(part)
            if count >= TAIL:
                break
        return "".join(reversed(out))[-TAIL:]

    def add(self, line: str) -> str | None:
        """Join ``line`` on (the first one as it is); the note if the join is a guess."""
        if not self:
            self.parts = [line]
            return None
        cut, between, note = self.joiner.glue(self.tail(), line)
        while cut and self.parts:
            last = self.parts.pop()
            if last:
                self.parts.append(last[:-1])
                cut -= 1
        self.parts += [between, line]
        return note

    def value(self) -> str:
        return "".join(self.parts)
