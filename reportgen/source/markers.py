"""Markers as authors type them: what the start of a line or heading reads as.

A marker is read in the version's UN form (``14.``, ``(a)``, ``III.``, Arabic ``ثالثا -``),
in the forms its drafters type (data key ``typed_markers``: full-width ``（a）`` and
``１４．``, Chinese ``一、`` and ``（一）``, Arabic ``12 -``), and as a *look-alike*: a form
that is plainly meant as a marker but is not one (``14.The``, ``# 4. Other matters``,
``# Chapter VI. Title``, ``## c. Title``). A look-alike is read for what it means, so the
numbering after it is checked as intended, and comes with the message that names it and
says what to write: the author's line is named, never the next marker's.

Whether a marker *starts a block* is the scanner's decision (by the sequence, scan.py);
this module only says what a line's start reads as. Language facts come from the data
files through :class:`~reportgen.l10n.Language`; no code here branches on a language.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from reportgen.l10n import LANGUAGES, Language, language, parse_roman
from reportgen.l10n.scripts import script_pattern

__all__ = ["Found", "HeadingNumber", "ItemSequence", "paragraph_marker", "subitem_marker", "outline_number",
           "heading_number", "heading_splits", "invisible_lead", "INVISIBLE"]

# Invisible format characters that can hide a marker at a line's start: zero-width
# spaces and joiners, direction marks, embeddings, overrides and isolates, the BOM.
INVISIBLE = "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_INVISIBLE_LEAD = re.compile(f"[{INVISIBLE}]+")

# After a marker: a space of any kind (a no-break space from Word, U+3000), or the line's end.
NUMBER = re.compile(r"(-?\d+)[.)](?=\s|$)")
# "(a)", "a)", and items lettered in another script where the language's data says so ("а)")
SUBITEM = re.compile(r"(\(([^\s()]{1,8})\)|([^\W\d_]{1,4})\))(?=\s|$)")
_GLUED_NUMBER = re.compile(r"(\d+)[.)](?=[^\W\d_])")
_GLUED_SUBITEM = re.compile(r"(\(([^\s()]{1,8})\)|([^\W\d_]{1,4})\))(?=[^\W\d_])")
# "14: text", "14 - text" (where the language does not print "14 -"), "14 . text": meant as 14.
_NUMBER_LOOKALIKE = re.compile(r"(\d+)(?:\s*[:：]|\s+[-–—.)])(?=\s)")
# "**14.** text", "*(a)* text": a marker set in emphasis, as Word users bold numbers
_EMPHASISED = re.compile(r"(\*{1,3}|_{1,3})(\d+[.)]|\([^\s()]{1,8}\)|[^\W\d_]{1,4}\))\1(?=\s|$)")
# "1.1 Text", "2.3.1. Text": outline numbers, which UN paragraphs never have
_OUTLINE = re.compile(r"\d+(?:\.\d+)+\.?(?=\s)")
_BARE_NUMBER = re.compile(r"(\d+)[ \t]+(?=[^\W\d_])")
# Full-width and compatibility forms are folded (NFKC) in this many leading characters.
_FOLD_WINDOW = 16


@dataclass(frozen=True)
class Found:
    """A paragraph number or sub-item marker at the start of a line.

    ``token`` is the item's letter or numeral (folded to plain characters), ``end`` the
    index in the line where the block's text starts, ``problem`` the error to report when
    the scanner takes it as a marker (None: the form is accepted), ``lookalike`` True when
    it only counts if it continues the sequence (``14:`` for ``14.``)."""

    marker: str
    end: int
    value: int | None = None
    token: str = ""
    problem: str | None = None
    lookalike: bool = False


@dataclass(frozen=True)
class HeadingNumber:
    """A heading's number (None: unnumbered), its title, and the error when the number
    is typed in a form this version does not use (the number is still read, so the
    chapters after it are checked against it)."""

    number: int | None
    title: str
    problem: str | None = None
    #: index in the heading's text of the punctuation after its numeral (where a writer
    #: escapes a title that only looks numbered), when there is a numeral
    at: int | None = None


# ------------------------------------------------------------------ folding


def _fold(text: str) -> tuple[str, list[int]] | None:
    """The line with full-width and compatibility forms of its first characters folded
    (NFKC: ``（a）`` → ``(a)``, ``１４．`` → ``14.``, U+3000 → space, ``⒜`` → ``(a)``), and
    for each folded character the index in ``text`` just after its source; None when
    folding changes nothing."""
    head = text[:_FOLD_WINDOW]
    if head.isascii() or unicodedata.is_normalized("NFKC", head):  # most lines: nothing to fold
        return None
    out: list[str] = []
    ends: list[int] = []
    for i, ch in enumerate(head):
        folded = unicodedata.normalize("NFKC", ch)
        out.append(folded)
        ends.extend([i + 1] * len(folded))
    if "".join(out) == head:
        return None
    return "".join(out) + text[len(head):], ends


def _emphasised_problem(typed: str, plain: str) -> str:
    return (f"'{typed}' sets the marker in emphasis: write '{plain}' (the template sets each "
            "marker as the UN prints it)")


def outline_number(text: str) -> str | None:
    """``1.1`` at the start of a line: outline numbering, printed as written (UN
    paragraphs are numbered 1, 2, 3 throughout; their parts are sub-items)."""
    m = _OUTLINE.match(text) if text[:1].isdigit() else None
    return m.group(0) if m else None


def _compat(char: str) -> bool:
    """A full-width or compatibility character (``（``, ``１``, ``㈠``), which NFKC folds."""
    return bool(char) and not char.isascii() and not unicodedata.is_normalized("NFKC", char)


def _source_end(fold: tuple[str, list[int]], end: int) -> int:
    """Index in the original text of a position ``end`` in the folded one."""
    folded, ends = fold
    return ends[end - 1] if 0 < end <= len(ends) else end - len(ends) + (ends[-1] if ends else 0)


def _fullwidth_problem(typed: str, plain: str) -> str:
    wide = any(0xFF00 <= ord(c) <= 0xFFEF or c == "\u3000" for c in typed)
    what = "is typed in full-width characters" if wide else "is a compatibility form of a marker"
    return f"'{typed}' {what}: write '{plain}'"


def _touches(lang: Language, char: str) -> bool:
    """Whether a marker may touch ``char``: in a version whose drafters type markers
    against their text (Chinese: （a）秘书处), a character of its own script."""
    return lang.typed.touching and bool(script_pattern(lang.script).match(char))


def _next_word(text: str, start: int) -> str:
    word = re.match(r"\S{1,20}", text[start:])
    return word.group(0) if word else ""


# --------------------------------------------------------- paragraph numbers


@lru_cache(maxsize=None)
def _typed_paragraph_patterns(templates: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    out = []
    for template in templates:
        prefix, _, suffix = template.partition("{n}")
        out.append(re.compile(re.escape(prefix) + r"(\d+)" + re.escape(suffix)))
    return tuple(out)


def paragraph_marker(lang: Language, text: str) -> Found | None:
    """A paragraph number at the start of ``text`` (indentation removed), in the UN form
    ``14.`` (also ``14)``), a typed form, or a look-alike; None when there is none."""
    first = text[:1]
    if first in ("*", "_") and (m := _EMPHASISED.match(text)) and m.group(2)[0].isdigit():
        plain = m.group(2)
        return Found(m.group(0), m.end(), int(plain[:-1]), problem=_emphasised_problem(m.group(0), plain))
    if not (first.isdigit() or first == "-" or _compat(first)):
        return None  # most lines: a word (a number starts with a digit, of any width)
    if m := NUMBER.match(text):
        return Found(m.group(0), m.end(), int(m.group(1)))
    for pattern in _typed_paragraph_patterns(lang.typed.paragraph):
        if (m := pattern.match(text)) and (m.end() == len(text) or text[m.end()].isspace()
                                           or _touches(lang, text[m.end()])):
            return Found(m.group(0), m.end(), int(m.group(1)))
    if read := _as_typed(lang, text, NUMBER, _GLUED_NUMBER, "paragraph number", "the number"):
        m, end, problem = read
        return Found(text[:end], end, int(m.group(1)), problem=problem)
    if m := _NUMBER_LOOKALIKE.match(text):
        number = int(m.group(1))
        return Found(m.group(0), m.end(), number, lookalike=True,
                     problem=f"'{m.group(0)}' is not how a paragraph is numbered: "
                             f"write '{number}.'")
    if m := _BARE_NUMBER.match(text):  # "14 The": only the number the sequence expects
        number = int(m.group(1))
        return Found(m.group(1), m.end(1), number, lookalike=True,
                     problem=f"paragraph number '{number}' has no full stop: write '{number}. "
                             f"{_next_word(text, m.end())}'")
    return None


# ------------------------------------------------------------------ sub-items


def subitem_marker(lang: Language, text: str) -> Found | None:
    """A sub-item marker at the start of ``text``: ``(a)``, ``a)``, ``(i)``, a typed form
    (``（a）``, ``（一）``) or one glued to its text; ``token`` is the letter or numeral
    for the scanner to read by the sequence."""
    first = text[:1]
    if first in ("*", "_") and (m := _EMPHASISED.match(text)) and not m.group(2)[0].isdigit():
        token = m.group(2).strip("()")
        return Found(m.group(0), m.end(), token=token, problem=_emphasised_problem(m.group(0), m.group(2)))
    printed = _printed_items(lang.subitem_templates())
    if first != "(" and ")" not in text[:6] and not _compat(first) and not any(p.match(text) for p in printed):
        return None  # most lines: no bracket where a marker's would be
    if read := _as_typed(lang, text, SUBITEM, _GLUED_SUBITEM, "sub-item", "the marker"):
        m, end, problem = read
        return Found(text[:end], end, token=m.group(2) or m.group(3), problem=problem)
    for pattern in printed:  # a form of the language's own: Arabic ’1‘
        if m := pattern.match(text):
            return Found(m.group(0), m.end(), token=m.group(1))
    return None


@lru_cache(maxsize=None)
def _printed_items(templates: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """Sub-item forms a language prints that the general pattern does not read."""
    out = []
    for template in templates:
        prefix, _, suffix = template.partition("{n}")
        if (prefix, suffix) not in (("(", ")"), ("", ")")):
            out.append(re.compile(re.escape(prefix) + r"(\S{1,8}?)" + re.escape(suffix) + r"(?=\s|$)"))
    return tuple(out)


def _as_typed(lang: Language, text: str, plain: re.Pattern[str], glued: re.Pattern[str], what: str,
              after: str) -> tuple[re.Match[str], int, str | None] | None:
    """The marker ``plain`` at the start of ``text`` as typed: as is; in full-width or
    compatibility forms (accepted where the language's drafters type them); or glued to
    its text (accepted where a marker may touch the language's script, as Chinese does).
    Gives the match (on the folded text, when folded), where the block's text starts in
    ``text``, and the problem to report, if any."""
    if m := plain.match(text):
        return m, m.end(), None
    fold = _fold(text)
    if fold is not None and (m := plain.match(fold[0])):
        end = _source_end(fold, m.end())
        return m, end, None if lang.typed.fullwidth else _fullwidth_problem(text[:end], m.group(0))
    for line, folding in ((text, None), (fold[0] if fold else None, fold)):
        if line is None or not (m := glued.match(line)):
            continue
        end = _source_end(folding, m.end()) if folding else m.end()
        if folding is not None and not lang.typed.fullwidth:
            return m, end, _fullwidth_problem(text[:end], m.group(0))
        if _touches(lang, text[end]):
            return m, end, None
        return m, end, (f"{what} '{text[:end]}' is glued to its text: write "
                        f"'{m.group(0)} {_next_word(text, end)}', with a space after {after}")
    return None


class ItemSequence:
    """The rule that reads a sub-item marker by the sequence, shared by the source
    reader and the importers: letters and Roman numerals overlap (i, v, x, c, d, l, m),
    so ``(i)`` after ``(h)`` is the letter i, after ``(a)`` the first item of a list
    under it, and ``(v)`` after ``(iv)`` continues that list. A token is read once as
    a letter (level 1) and as a numeral (level 2), in the language's forms, and
    remembered: a report repeats (a), (b), (i) thousands of times."""

    def __init__(self, lang: Language) -> None:
        self.lang = lang
        self._values: dict[str, tuple[int | None, int | None]] = {}

    def values(self, token: str) -> tuple[int | None, int | None]:
        found = self._values.get(token)
        if found is None:
            found = self._values[token] = (self.lang.parse_subitem_marker(token, 1),
                                           self.lang.parse_subitem_marker(token, 2))
        return found

    def classify(self, token: str, next_letter: int, next_roman: int | None,
                 roman_open: bool) -> tuple[int, int, bool] | None:
        """(level, index, continues the sequence) of a marker, or None if it is none.
        ``next_letter``: the index the next level-1 item would have; ``next_roman``:
        the next level-2 index under the open level-1 item (None: none is open);
        ``roman_open``: a level-2 list is open there. The letter wins when both
        continue the sequence and no level-2 list is open."""
        letter, roman = self.values(token)
        roman_continues = roman is not None and roman == next_roman
        if roman_continues and roman_open:
            return 2, roman, True  # type: ignore[return-value]
        if letter is not None and letter == next_letter:
            return 1, letter, True
        if roman_continues:
            return 2, roman, True  # type: ignore[return-value]
        if roman is not None and next_roman is not None and (letter is None or len(token) > 1):
            return 2, roman, False
        if letter is not None:
            return 1, letter, False
        if roman is not None:
            return 2, roman, False
        return None


def invisible_lead(text: str) -> tuple[str, str]:
    """The invisible format characters at the start of ``text`` and the text after them."""
    m = _INVISIBLE_LEAD.match(text)
    return (m.group(0), text[m.end():]) if m else ("", text)


# ------------------------------------------------------------------- headings

# "III. Title", "三. 标题": a numeral without spaces, then ".", then the title; or
# "ثالثا - العنوان", "حادي عشر - العنوان": a numeral of one or more words, then " - ".
_HEADING_DOT = re.compile(r"^(\S+?)\.\s+(.*)$", re.S)
_HEADING_DASH = re.compile(r"\s+-\s+")
_HEADING_TOUCHING = re.compile(r"^(\S+?)\.(.+)$", re.S)
# A token that may be meant as a heading's numeral, and the punctuation after it.
_LOOKALIKE = re.compile(r"^(?P<num>[^\s.．、:：(（)）\-–—]{1,12}?)(?P<sep>[.．、:：)）]|\s+[-–—](?=\s|$))\s*"
                        r"(?P<title>.*)$", re.S)
_ROMAN_LIKE = re.compile(r"[IVXLCDM]+|[ivxlcdm]+")
# "（一）会议开幕", "(A) Title": a numeral in brackets, as Chinese outlines and some drafts number
_BRACKETED = re.compile(r"^[(（](?P<num>[^\s()（）]{1,8})(?P<sep>[)）])\s*(?P<title>.*)$", re.S)


def heading_splits(text: str) -> list[tuple[str, str]]:
    """Candidate (numeral, title) splits of a heading in the UN forms, in the order to try them."""
    out = []
    if m := _HEADING_DOT.match(text):
        out.append((m.group(1), m.group(2)))
    out += [(text[:m.start()], text[m.end():]) for m in _HEADING_DASH.finditer(text)]
    return out


@lru_cache(maxsize=None)
def _template_split(template: str) -> re.Pattern[str]:
    prefix, _, suffix = template.partition("{n}")
    # after the numeral: the template's own punctuation (、, 章), else a full stop or colon, or a space
    after = (re.escape(suffix.strip()) + r"[.．:：、]?\s*" if suffix.strip()
             else r"(?:\s*[.．:：、]\s*|\s+[-–—](?:\s+|$)|\s+|$)")
    prefix = prefix.strip()
    # a word before the numeral is a word of its own ("Chapters" is no "Chapter s"); 第四章 touches
    gap = r"\s*" if not prefix or script_pattern("han").match(prefix[-1]) else r"\s+"
    return re.compile("^" + re.escape(prefix) + gap + r"(\S+?)" + after + "(.*)$", re.S | re.I)


def _splits(lang: Language, level: int, text: str) -> list[tuple[str, str, int]]:
    """(numeral, title, where the numeral ends) in the UN and the typed forms."""
    out = [(numeral, title, len(numeral)) for numeral, title in heading_splits(text)]
    if level == 1:
        out += [(m.group(1), m.group(2), m.end(1)) for t in lang.typed.chapter
                if (m := _template_split(t).match(text))]
    if lang.typed.touching and (m := _HEADING_TOUCHING.match(text)) and _touches(lang, m.group(2)[0]):
        out.append((m.group(1), m.group(2), m.end(1)))  # 三.标题
    return out


def _punctuation_at(text: str, end: int) -> int:
    """The first character after a numeral ending at ``end`` that is not a space."""
    return end + len(text[end:]) - len(text[end:].lstrip(" \t\u3000"))


def _parse(lang: Language, level: int, numeral: str) -> int | None:
    return lang.parse_chapter_number(numeral) if level == 1 else lang.parse_subheading_number(numeral)


def heading_number(lang: Language, level: int, text: str) -> HeadingNumber:
    """The number of a chapter (level 1) or sub-heading (level 2) and its title."""
    for numeral, title, end in _splits(lang, level, text):
        if (n := _parse(lang, level, numeral)) is not None:
            return HeadingNumber(n, title, at=_punctuation_at(text, end))
    fold = _fold(text)
    if fold is not None:
        for numeral, title, end in _splits(lang, level, fold[0]):
            if (n := _parse(lang, level, numeral)) is not None:
                start = _source_end(fold, len(fold[0]) - len(title))  # where the title starts
                typed, plain = text[:start].rstrip(), fold[0][:len(fold[0]) - len(title)].rstrip()
                problem = None if lang.typed.fullwidth else _fullwidth_problem(typed, plain)
                return HeadingNumber(n, text[start:], problem, _punctuation_at(text, _source_end(fold, end)))
    return _lookalike(lang, level, text)


def _lookalike(lang: Language, level: int, text: str) -> HeadingNumber:
    """A numeral this version does not write its headings with, meant as one."""
    if text[:1] in ("*", "_"):
        # "# **I.** Title", "# **I. Title**": the number in emphasis, as Word users bold it
        run = text[:len(text) - len(text.lstrip(text[0]))]
        inner = text[len(run):].replace(run, "", 1).strip()
        read = heading_number(lang, level, inner)
        if read.number is not None and read.at is not None:
            at = text.index(inner[read.at], len(run))
            numeral = (lang.chapter_number if level == 1 else lang.subheading_number)(read.number)
            shown = text[:at + 1] + (run if text[at + 1:].startswith(run) else "")
            return HeadingNumber(read.number, read.title, (
                f"'{shown}' sets the heading's number in emphasis: write '{'#' * level} {numeral} "
                f"{read.title.strip() or 'Title'}' (the template sets headings in bold)"), at)
    kind = "chapter" if level == 1 else "section"
    worded = _template_split(lang.reference_template(kind)).match(text)
    if worded and (value := lang.parse_reference_numeral(kind, worded.group(1))
                   or _value(worded.group(1), level)) is not None:
        shown = text[:len(text) - len(worded.group(2))].strip() if worded.group(2) else text.strip()
        return _mistyped(lang, level, shown, value, worded.group(2), _punctuation_at(text, worded.end(1)))
    m = _LOOKALIKE.match(text) or _BRACKETED.match(text)
    if m is None:
        return HeadingNumber(None, text)
    num, title = m.group("num"), m.group("title")
    shown = text[:len(text) - len(title)].strip() if title else text.strip()
    if level == 2 and _ROMAN_LIKE.fullmatch(num) and len(num) > 1 and num.isupper():
        value = parse_roman(num)
        if value is not None:
            return HeadingNumber(None, title, (  # meant as a chapter: no sub-heading sequence
                f"'{shown}' is a chapter number: write '# {lang.chapter_number(value)} {title or 'Title'}' "
                f"for a chapter, or '## {lang.subheading_number(value)} {title or 'Title'}' for a sub-heading"),
                m.start("sep"))
    value = _value(num, level)
    if value is None:
        return HeadingNumber(None, text)
    return _mistyped(lang, level, shown, value, title, _punctuation_at(text, m.end("num")))


def _mistyped(lang: Language, level: int, shown: str, value: int, title: str, at: int) -> HeadingNumber:
    title_shown = title.strip() or "Title"
    if level == 1 and len(shown) == 2 and shown[0].isascii() and shown[0].isalpha():
        return HeadingNumber(value, title, (  # "# E. Title": a sub-heading given one '#'
            f"'{shown}' is not how a chapter is numbered: write '# {lang.chapter_number(value)} {title_shown}' "
            f"for a chapter, or '## {lang.subheading_number(value)} {title_shown}' for a sub-heading"), at)
    if level == 1:
        return HeadingNumber(value, title, f"'{shown}' is not how a chapter is numbered: write "
                                           f"'# {lang.chapter_number(value)} {title_shown}'", at)
    minor = f", or '### {shown} {title_shown}' for a numbered minor heading" if shown[:1].isdigit() else ""
    return HeadingNumber(value, title, f"'{shown}' is not how a sub-heading is numbered: write "
                                       f"'## {lang.subheading_number(value)} {title_shown}'{minor}", at)


def _value(num: str, level: int) -> int | None:
    """What a numeral-like token stands for, in any of the forms of the six languages:
    digits of any script, Roman numerals in either case, one Latin letter, or a numeral
    of another version's chapter or sub-heading system (四 in an English version)."""
    if num.isdigit():
        return int(num)
    if _ROMAN_LIKE.fullmatch(num) and (len(num) > 1 or level == 1):
        return parse_roman(num.upper())
    if len(num) == 1 and num.isascii() and num.isalpha():
        return ord(num.upper()) - ord("A") + 1
    for code in LANGUAGES:
        other = language(code)
        found = (other.parse_subheading_number(num) if level == 2 else None) or other.parse_chapter_number(num)
        if found is not None:
            return found
    return None
