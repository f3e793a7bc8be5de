"""Emphasis that works next to Chinese and Japanese punctuation, as a markdown-it-py rule.

CommonMark decides whether ``*`` opens or closes emphasis by its neighbours (the
flanking rules), and treats every punctuation mark alike: ``出版的*《追回资产案件摘要》*。``
has a ``*`` between a letter and punctuation on both sides, so neither asterisk
flanks and both were printed. That is a known flaw of the specification
(commonmark/commonmark-spec#650). This module implements the amendment that fixes it,
the *CommonMark CJK-friendly Amendments Specification*
(https://github.com/tats-u/markdown-cjk-friendly, ``specification.md`` §2.1 and §6.2;
concrete ranges in its ``ranges.md``; adopted by GitLab and markdig):

- a *CJK character* has East Asian Width W, F or H and is not a default-emoji-presentation
  character, or is Hangul; unassigned code points of the ideograph blocks count as W;
- punctuation that is a CJK character (``《》。，「」``) no longer stops a delimiter run
  from flanking: a run is left-flanking unless followed by whitespace or by *non-CJK*
  punctuation that is not preceded by whitespace, non-CJK punctuation, a CJK character or
  an ideographic variation selector (and symmetrically for right-flanking);
- a non-emoji variation selector (U+FE00–U+FE0E) after a character belongs to it
  (``X︀`` is read as X), an ideographic variation selector (U+E0100–U+E01EF) counts as
  CJK before a delimiter, and ``‘’“”`` followed by U+FE01 (their fullwidth form) are CJK
  punctuation;
- for ``_``, opening when also right-flanking needs a punctuation *sequence* before it.

Where no CJK character or variation selector touches the delimiter run, every
definition reduces to CommonMark's, so Latin, Cyrillic and Arabic text parse exactly as
markdown-it-py parses them (``tests/source/test_emphasis.py`` compares the two).

The rule replaces markdown-it-py's "emphasis" inline rule and keeps its pairing
(``balance_pairs``) and its post-processing; the PyPI package ``mdit-py-cjk-friendly``
was not used: it replaces ``StateInline.scanDelims`` for every parser in the process.
``mark_unmatched`` then marks the delimiter runs that could open or close emphasis but
found no partner, so that the reader warns about them instead of printing them silently.
"""

from __future__ import annotations

import bisect
import unicodedata
from typing import NamedTuple

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.state_inline import Delimiter

#: token type of a delimiter run left unmatched although it could open or close
UNMATCHED = "emphasis_unmatched"

# Default emoji presentation characters (UTS #51, emoji-data.txt, Emoji_Presentation,
# Unicode 17) as (first, last): a wide character among them is not CJK.
_EMOJI = (
    (0x231A, 0x231B), (0x23E9, 0x23EC), (0x23F0, 0x23F0), (0x23F3, 0x23F3), (0x25FD, 0x25FE),
    (0x2614, 0x2615), (0x2648, 0x2653), (0x267F, 0x267F), (0x2693, 0x2693), (0x26A1, 0x26A1),
    (0x26AA, 0x26AB), (0x26BD, 0x26BE), (0x26C4, 0x26C5), (0x26CE, 0x26CE), (0x26D4, 0x26D4),
    (0x26EA, 0x26EA), (0x26F2, 0x26F3), (0x26F5, 0x26F5), (0x26FA, 0x26FA), (0x26FD, 0x26FD),
    (0x2705, 0x2705), (0x270A, 0x270B), (0x2728, 0x2728), (0x274C, 0x274C), (0x274E, 0x274E),
    (0x2753, 0x2755), (0x2757, 0x2757), (0x2795, 0x2797), (0x27B0, 0x27B0), (0x27BF, 0x27BF),
    (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55), (0x1F004, 0x1F004), (0x1F0CF, 0x1F0CF),
    (0x1F18E, 0x1F18E), (0x1F191, 0x1F19A), (0x1F1E6, 0x1F1FF), (0x1F201, 0x1F201),
    (0x1F21A, 0x1F21A), (0x1F22F, 0x1F22F), (0x1F232, 0x1F236), (0x1F238, 0x1F23A),
    (0x1F250, 0x1F251), (0x1F300, 0x1F320), (0x1F32D, 0x1F335), (0x1F337, 0x1F37C),
    (0x1F37E, 0x1F393), (0x1F3A0, 0x1F3CA), (0x1F3CF, 0x1F3D3), (0x1F3E0, 0x1F3F0),
    (0x1F3F4, 0x1F3F4), (0x1F3F8, 0x1F43E), (0x1F440, 0x1F440), (0x1F442, 0x1F4FC),
    (0x1F4FF, 0x1F53D), (0x1F54B, 0x1F54E), (0x1F550, 0x1F567), (0x1F57A, 0x1F57A),
    (0x1F595, 0x1F596), (0x1F5A4, 0x1F5A4), (0x1F5FB, 0x1F64F), (0x1F680, 0x1F6C5),
    (0x1F6CC, 0x1F6CC), (0x1F6D0, 0x1F6D2), (0x1F6D5, 0x1F6D8), (0x1F6DC, 0x1F6DF),
    (0x1F6EB, 0x1F6EC), (0x1F6F4, 0x1F6FC), (0x1F7E0, 0x1F7EB), (0x1F7F0, 0x1F7F0),
    (0x1F90C, 0x1F93A), (0x1F93C, 0x1F945), (0x1F947, 0x1F9FF), (0x1FA70, 0x1FA7C),
    (0x1FA80, 0x1FA8A), (0x1FA8E, 0x1FAC6), (0x1FAC8, 0x1FAC8), (0x1FACD, 0x1FADC),
    (0x1FADF, 0x1FAEA), (0x1FAEF, 0x1FAF8),
)
# CJK characters by Unicode 17 that Python's Unicode data (14.0 in Python 3.11) does not
# know as such: assigned later (Tangut, Khitan, ideographic description characters,
# strokes, symbols) or wide since Unicode 16 (trigrams, hexagrams, Tai Xuan Jing, counting rods).
_CJK_SINCE_14 = (
    (0x2630, 0x2637), (0x268A, 0x268F), (0x2FFC, 0x2FFF), (0x31E4, 0x31E5), (0x31EF, 0x31EF),
    (0x4DC0, 0x4DFF), (0x16FF2, 0x16FF6), (0x187F8, 0x187FF), (0x18CD6, 0x18CDA), (0x18CFF, 0x18CFF),
    (0x18D09, 0x18D20), (0x18D80, 0x18DF2), (0x18E00, 0x19191), (0x191A0, 0x191D2),
    (0x1B123, 0x1B128), (0x1B132, 0x1B132), (0x1B155, 0x1B155), (0x1B168, 0x1B168),
    (0x1D300, 0x1D356), (0x1D360, 0x1D376), (0x1F1AE, 0x1F1AE), (0x1F6D9, 0x1F6D9),
    (0x1F7DA, 0x1F7DA), (0x1FA8B, 0x1FA8D), (0x1FACC, 0x1FACC), (0x1FADD, 0x1FADD),
    (0x1FAEB, 0x1FAEB), (0x1FAF9, 0x1FAFA),
)
# East Asian Width of an unassigned code point in these blocks is W (UAX #11, "Unassigned").
_IDEOGRAPH_BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFD))
# Hangul characters of East Asian Width N (Jamo medial and final forms, Jamo Extended-B)
_HANGUL_NARROW = ((0x1160, 0x11FF), (0xD7B0, 0xD7FF))
# Variation selectors: non-emoji general-use (a character's own), ideographic (after a Han character)
_GENERAL_VS = range(0xFE00, 0xFE0F)
_IDEOGRAPHIC_VS = range(0xE0100, 0xE01F0)
# "Fullwidth form" standardized variation sequences of quotation marks (East Asian Width A)
_AMBIGUOUS_QUOTES = frozenset("\u2018\u2019\u201c\u201d")
_FULLWIDTH_VS = "\ufe01"


def _in(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    """Whether ``code`` is in one of ``ranges`` (sorted, not overlapping)."""
    k = bisect.bisect_right(ranges, (code, 0x10FFFF)) - 1
    return k >= 0 and code <= ranges[k][1]


def is_cjk(char: str) -> bool:
    """A *CJK character* of the specification (§2.1)."""
    code = ord(char)
    if code < 0x1100:
        return False  # nothing below Hangul Jamo is wide, fullwidth, halfwidth or Hangul
    if _in(code, _CJK_SINCE_14):
        return True
    if unicodedata.category(char) == "Cn":
        # unassigned in Python's Unicode data (whose width for them is "F", not UAX #11's N)
        return _in(code, _IDEOGRAPH_BLOCKS)
    width = unicodedata.east_asian_width(char)
    if width in ("F", "H"):
        return True
    if width == "W":
        return not _in(code, _EMOJI)
    return _in(code, _HANGUL_NARROW)


def _punct(char: str) -> bool:
    """A Unicode punctuation character as CommonMark 0.31.2 (and markdown-it-py) defines it."""
    return isMdAsciiPunct(ord(char)) or isPunctChar(char)


def _space(char: str) -> bool:
    return isWhiteSpace(ord(char))


class _Before(NamedTuple):
    """What precedes a delimiter run, in the specification's terms."""

    space: bool
    punct: bool  # a Unicode punctuation sequence
    non_cjk_punct: bool  # a non-CJK punctuation sequence
    cjk: bool  # a CJK sequence (or an ideographic variation selector, or a fullwidth quotation mark)


class _After(NamedTuple):
    """What follows a delimiter run: one character (the definitions look no further)."""

    space: bool
    punct: bool
    non_cjk_punct: bool
    cjk: bool


def _before(src: str, start: int) -> _Before:
    if start == 0:
        return _Before(True, False, False, False)  # the start of the line counts as whitespace
    char = src[start - 1]
    if ord(char) in _IDEOGRAPHIC_VS:
        return _Before(False, False, False, True)
    if ord(char) in _GENERAL_VS and start >= 2 and not _space(src[start - 2]):
        # a variation selector belongs to the character before it (after whitespace it is
        # left unspecified; it is then read as an ordinary character, as markdown-it-cjk-friendly does)
        base = src[start - 2]
        if char == _FULLWIDTH_VS and base in _AMBIGUOUS_QUOTES:
            return _Before(False, True, False, True)  # a CJK ambiguous punctuation sequence
        char = base
    if _space(char):
        return _Before(True, False, False, False)
    cjk = is_cjk(char)
    punct = _punct(char)
    return _Before(False, punct, punct and not cjk, cjk)


def _after(src: str, end: int, maximum: int) -> _After:
    if end >= maximum:
        return _After(True, False, False, False)  # the end of the line counts as whitespace
    char = src[end]
    if _space(char):
        return _After(True, False, False, False)
    cjk = is_cjk(char)
    punct = _punct(char)
    return _After(False, punct, punct and not cjk, cjk)


class Scanned(NamedTuple):
    can_open: bool
    can_close: bool
    length: int


def scan_delims(src: str, start: int, maximum: int) -> Scanned:
    """Whether the run of ``*`` or ``_`` at ``start`` can open and close emphasis."""
    marker = src[start]
    end = start
    while end < maximum and src[end] == marker:
        end += 1
    can_open, can_close = _sides(marker, _before(src, start), _after(src, end, maximum))
    return Scanned(can_open, can_close, end - start)


def opens_closes(marker: str, before: str, after: str) -> tuple[bool, bool]:
    """Whether a run of ``marker`` between the text ``before`` it ("" at a line start)
    and ``after`` it ("" at the end) can open and close emphasis, as the reader decides:
    for a writer that must make its delimiters work (``render/markdown``)."""
    return _sides(marker, _before(before, len(before)), _after(after, 0, len(after)))


def _sides(marker: str, before: _Before, after: _After) -> tuple[bool, bool]:
    """The specification's left- and right-flanking runs (§6.2), then CommonMark's
    rules 1–8 (rules 2 and 6, ``_`` opening when also right-flanking, as amended)."""
    left = not after.space and (not after.non_cjk_punct
                                or before.space or before.non_cjk_punct or before.cjk)
    right = not before.space and (not before.non_cjk_punct
                                  or after.space or after.non_cjk_punct or after.cjk)
    if marker == "*":
        return left, right
    return left and (not right or before.punct), right and (not left or after.punct)


def tokenize(state: StateInline, silent: bool) -> bool:
    """markdown-it-py's emphasis tokenizer with ``scan_delims`` for ``scanDelims``: each
    marker a text token of its own, and a delimiter for ``balance_pairs`` to match."""
    marker = state.src[state.pos]
    if silent or marker not in ("_", "*"):
        return False
    scanned = scan_delims(state.src, state.pos, state.posMax)
    for _ in range(scanned.length):
        token = state.push("text", "", 0)
        token.content = marker
        state.delimiters.append(Delimiter(marker=ord(marker), length=scanned.length, token=len(state.tokens) - 1,
                                          end=-1, open=scanned.can_open, close=scanned.can_close))
    state.pos += scanned.length
    return True


def mark_unmatched(state: StateInline) -> None:
    """After pairing, a run of ``*``/``_`` markers that could open or close but found no
    partner is still text: give its first token the type ``UNMATCHED`` (holding the
    run's unmatched markers) so that the reader warns, instead of the markers joining
    the text around them unnoticed. Markers that can neither open nor close
    (``5 * 3``, ``snake_case``) stay plain text."""
    lists = [state.delimiters] + [meta["delimiters"] for meta in state.tokens_meta
                                  if meta and "delimiters" in meta]
    for delimiters in lists:
        matched = {k for k, d in enumerate(delimiters) if d.end >= 0}
        matched |= {d.end for d in delimiters if d.end >= 0}
        run: list[Delimiter] = []
        for k, d in enumerate(delimiters):
            stray = (k not in matched and d.marker in (0x2A, 0x5F) and state.tokens[d.token].type == "text"
                     and (d.open or d.close or _hidden_beside(state, d) is not None))
            if stray and run and (run[-1].token + 1 != d.token or run[-1].marker != d.marker):
                _mark(state, run)
                run = []
            if stray:
                run.append(d)
            elif run:
                _mark(state, run)
                run = []
        if run:
            _mark(state, run)


def _hidden_beside(state: StateInline, d: Delimiter) -> str | None:
    """An invisible format character (Unicode Cf: U+200B ZERO WIDTH SPACE, U+2060 WORD
    JOINER …) just before or after a marker: CommonMark counts it as a letter, so
    ``\u200b_em_`` is no emphasis, and the author cannot see why."""
    tokens = state.tokens
    for k, side in ((d.token - 1, -1), (d.token + 1, 0)):
        while 0 <= k < len(tokens) and tokens[k].type == "text" and tokens[k].content in ("*", "_"):
            k += -1 if side == -1 else 1
        if 0 <= k < len(tokens) and tokens[k].type == "text" and tokens[k].content:
            char = tokens[k].content[side]
            if unicodedata.category(char) == "Cf":
                return char
    return None


def _mark(state: StateInline, run: list[Delimiter]) -> None:
    first = state.tokens[run[0].token]
    first.type = UNMATCHED
    first.content = chr(run[0].marker) * len(run)
    first.meta = {"open": run[0].open, "close": run[0].close, "hidden": _hidden_beside(state, run[0])}
    for d in run[1:]:
        state.tokens[d.token].content = ""


def cjk_friendly_emphasis(md: MarkdownIt) -> None:
    """The plugin: the CJK-friendly emphasis rule and the marking of unmatched runs."""
    md.inline.ruler.at("emphasis", tokenize)
    md.inline.ruler2.after("emphasis", "emphasis_unmatched", mark_unmatched)
