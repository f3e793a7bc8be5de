"""Where a printed paragraph ends, in text that kept only its lines.

``pdftotext`` (without ``-layout``) writes each printed line as a line of text and nothing
else: no indentation, no vertical space, often no blank line between paragraphs. Whether
a line ends its paragraph (a *hard* break) or was wrapped by the typesetter (a *soft*
one) is read from three things a reader sees too:

- **The measure.** A typesetter breaks a line only when the next word does not fit.
  So where the next line's first word would have fitted at the end of this line, the
  break was the author's. The measure is the text's own: the widths of its lines that
  certainly wrap (the next one goes on in lower case), with their spread, so justified
  text in any font or language calibrates itself, and text that was never wrapped (a
  line per paragraph) is recognised as such.
- **The next line's start.** A list marker, a dash or a bullet starts a block; a
  lower-case letter never starts a paragraph.
- **The line's end.** A full line that ends a sentence may still end its paragraph: only
  there does the reader have to guess (``unsure``).

A character's width is counted as a typesetter would: East Asian wide characters twice.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

__all__ = ["Break", "Measure", "measure", "judge", "breaks", "stands_alone", "width", "first_word"]

# Ends a sentence, a clause before a list, or an item: . : ; ! ? and their CJK forms,
# before closing quotes and brackets.
_TERMINAL = re.compile(r"[.:;!?。：；！？…][\"'”’»)）」』\]]*(?:\s?\d{1,3})?$")
# Bullets and dashes that open an item: "– To strengthen…", "• text", "- text".
_BULLET = re.compile(r"^[\u2013\u2014\u2022\u00b7\u25aa\u25cf\u25e6\u2212\u2010\u2011\u00ad*-]\s")
# Generic list and paragraph markers, any language: "1.", "12)", "(a)", "a)", "(iv)", "I.", "A.",
# "一、", "（一）", and Arabic "12 -".
_MARKER = re.compile(r"^(?:\(?\d{1,3}[.)](?:\s|$)|\([^\s()]{1,6}\)(?:\s|$)|[^\W\d_]{1,4}\)(?:\s|$)"
                     r"|[IVXLCDM]{1,6}\.(?:\s|$)|[A-Z]\.(?:\s|$)|[\u3007\u4e00-\u9fff]{1,3}[、.]"
                     r"|[（(][\u3007\u4e00-\u9fff]{1,3}[）)]|\d{1,3}\s+[-–]\s)")
_HYPHEN_END = re.compile(r"[\w][-\u2010\u00ad]$")


class Break(Enum):
    """What the end of a line is."""

    HARD = "hard"      # the paragraph ends here
    SOFT = "soft"      # the typesetter wrapped the line
    UNSURE = "unsure"  # a full line ending a sentence: it may end the paragraph or not


def width(text: str) -> int:
    """Printed width in character cells: East Asian wide and full-width characters count twice."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def first_word(text: str) -> str:
    """What a typesetter could have moved up to the line before: the first word, or the
    first character of a line of wide characters (which break anywhere)."""
    text = text.lstrip()
    if text and unicodedata.east_asian_width(text[0]) in "WF":
        return text[0]
    return text.split(" ", 1)[0] if text else ""


def _starts_lower(text: str) -> bool:
    """Whether the line goes on a sentence: it starts with a lower-case letter (after any
    opening quote or bracket). Scripts without case never do."""
    for c in text.lstrip():
        if c.isalpha():
            return c.islower()
        if c.isdigit():
            return False
        if unicodedata.category(c) not in ("Pi", "Ps", "Po"):
            return False
    return False


def _opens_block(text: str) -> bool:
    text = text.lstrip()
    return bool(_BULLET.match(text) or _MARKER.match(text))


@dataclass(frozen=True)
class Measure:
    """The text's line measure in cells: a line and the next word wider than ``full``
    did not fit; ``wrapped`` is False when the text shows no wrapping at all (a line per
    paragraph, as a word processor's text export gives)."""

    full: float
    wrapped: bool
    typical: float = 0.0  # the median line-and-next-word width of wrapped lines: a full line


def measure(lines: Sequence[str]) -> Measure:
    """The measure of ``lines`` (one text's lines, blank ones aside).

    Evidence first: a line followed by one starting in lower case, which does not end a
    sentence, certainly wraps: its width plus the next word's did not fit. Those sums
    vary with the letters of proportional type; the threshold is their median less two
    standard deviations (estimated robustly, 1.4826 median absolute deviations, at least
    2 % of the median), the usual fence for outliers. Without such evidence (scripts
    without case, short texts), the full lines are the upper cluster of widths, if there
    is one: wrapped text has many lines of nearly the same width, text never wrapped
    (a line per paragraph) has not."""
    filled = [ln.strip() for ln in lines if ln.strip()]
    widths = [width(ln) for ln in filled]
    wrapped = [widths[k] + 1 + width(first_word(filled[k + 1])) for k in range(len(filled) - 1)
               if _starts_lower(filled[k + 1]) and not _TERMINAL.search(filled[k])]
    if len(wrapped) >= 5:
        return Measure(_fence(wrapped), True, statistics.median(wrapped))
    if not widths:
        return Measure(0.0, False)
    top = max(widths)
    upper = [w for w in widths if w >= top / 2]
    centre = statistics.median(upper)
    near = [w for w in upper if abs(w - centre) <= 0.1 * centre]
    if len(near) >= 3 and len(near) >= len(upper) / 2:
        return Measure(_fence(near), True, statistics.median(near))
    return Measure(0.0, False)


def _fence(values: Sequence[float]) -> float:
    centre = statistics.median(values)
    spread = max(statistics.median(abs(v - centre) for v in values), 0.02 * centre)
    return centre - 2 * 1.4826 * spread


def judge(line: str, following: str, scale: Measure) -> Break:
    """Whether ``line`` ends its paragraph, ``following`` being the next printed line."""
    line, following = line.strip(), following.strip()
    if not line or not following:
        return Break.HARD
    ends = bool(_TERMINAL.search(line))
    if _HYPHEN_END.search(line) and _starts_lower(following):
        return Break.SOFT  # a word broken at the line's end
    fits = not scale.wrapped or width(line) + 1 + width(first_word(following)) <= scale.full
    if _opens_block(following):
        # an item or numbered paragraph starts, unless a full line's sentence runs on
        # into what only looks like a marker ("… see paragraph / 4. above")
        return Break.HARD if ends or fits else Break.SOFT
    if _starts_lower(following):
        # a sentence goes on; only a short line that ends a clause ends an (unmarked) item
        return Break.HARD if fits and ends else Break.SOFT
    if fits:
        return Break.HARD
    return Break.UNSURE if ends else Break.SOFT


def breaks(lines: Sequence[str], scale: Measure | None = None, starts: Sequence[bool] | None = None) -> list[Break]:
    """The break after each line but the last, for consecutive printed lines; ``starts[k]``
    says line k certainly starts a block (a marker continuing the sequence). A full line
    ending a sentence is a paragraph's end when a heading follows it: a short line without
    a full stop that stands alone (the break after it is hard too)."""
    scale = scale if scale is not None else measure(lines)
    out = [Break.HARD if starts is not None and starts[k + 1] else judge(lines[k], lines[k + 1], scale)
           for k in range(len(lines) - 1)]
    for k, found in enumerate(out):
        if found is Break.UNSURE and k + 1 < len(out) and out[k + 1] is Break.HARD \
                and stands_alone(lines[k + 1], lines[k + 2], scale):
            out[k] = Break.HARD
    return out


def stands_alone(line: str, following: str, scale: Measure, numbered: bool = False) -> bool:
    """A short line that ends no sentence: a heading, when it stands between paragraphs
    (``numbered``: it may start with a number, "2. Civil and political rights")."""
    line = line.strip()
    return (not _TERMINAL.search(line) and (numbered or not _opens_block(line))
            and width(line) + 1 + width(first_word(following)) <= scale.full)
