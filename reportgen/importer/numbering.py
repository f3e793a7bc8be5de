"""Word's automatic list numbering, computed as Word displays it (ECMA-376 Part 1 §17.9).

A source file has no automatic numbering: every paragraph number and sub-item marker is
text. So the DOCX importer must know what Word *prints* before a numbered paragraph, which
lives nowhere in the file: it is the result of counters that run through the document.
This module keeps those counters, paragraph by paragraph, with Word's rules where Word
departs from the standard ([MS-OI29500]).

How counting works here, and why:

* Counters belong to the *abstract* numbering (``w:abstractNum``), not to the ``w:num``
  instance: Word continues one sequence across every ``w:num`` that shares an abstract
  numbering ("continue previous list"), and LibreOffice relies on it (it writes a list
  starting at 10 as one ``w:num`` with ``startOverride`` 10 for the first paragraph and a
  plain ``w:num`` for the rest, which Word shows as 10, 11).
* A ``w:num`` whose ``w:lvlOverride`` holds a ``w:startOverride`` restarts that level of the
  shared sequence at the override, the first time a paragraph uses it at that level
  (Word's "restart numbering", and pandoc's way of starting each list afresh). A full
  ``w:lvl`` override changes the level's look and start value but does not by itself
  restart the count.
* Deeper levels restart when a shallower one is used (``w:lvlRestart``, below).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from lxml import etree

from reportgen.importer.package import W
from reportgen.limits import NUMBERING_LEVELS, NUMBERING_START, NUMBERING_TEXT, Limit

_NS = {"w": W, "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
_VAL = f"{{{W}}}val"
_LEVELS = NUMBERING_LEVELS.value  # ilvl 0..8
_PPR, _NUMPR, _NUMID, _ILVL, _PSTYLE = (f"{{{W}}}{n}" for n in ("pPr", "numPr", "numId", "ilvl", "pStyle"))
_CHAIN = 100  # styles followed through basedOn (Word's own chains are a few deep)
_PLACEHOLDER = re.compile(r"%([1-9])")
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
#: levels whose number is not printed: their paragraphs get no label
_UNPRINTED = frozenset({"bullet", "none"})

__all__ = ["ListNumbering", "NumberingLimit"]


class NumberingLimit(Exception):
    """A list number past Word's maximum, or a label past its length: the reader says
    which paragraph (``message`` completes ``paragraph N: …``)."""

    def __init__(self, message: str, limit: Limit) -> None:
        super().__init__(message)
        self.message, self.limit = message, limit


@dataclass(frozen=True)
class _Level:
    """One ``w:lvl``, with the spec's defaults filled in."""

    start: int = 0  # §17.9.26: an omitted w:start is 0, and Word shows 0
    fmt: str = "decimal"  # §17.9.18: an omitted w:numFmt is decimal
    text: str = ""
    restart: int | None = None  # w:lvlRestart: 1-based level, 0 = never, None = default
    legal: bool = False  # w:isLgl
    style: str | None = None  # w:pStyle: the paragraph style linked to this level


@dataclass(frozen=True)
class _Instance:
    """A ``w:num`` resolved: whose counters it advances, and its levels after overrides."""

    counters: str  # abstractNumId of the abstract numbering that owns the counters
    levels: tuple[_Level, ...]
    restarts: frozenset[int]  # levels with a w:startOverride


def _val(el: etree._Element | None, path: str) -> str | None:
    found = None if el is None else el.find(path, _NS)
    return None if found is None else found.get(_VAL)


def _all(root: etree._Element | None, path: str) -> list[etree._Element]:
    return [] if root is None else root.findall(path, _NS)


def _int(value: str | None) -> int | None:
    """A decimal attribute's value; None when absent or not a number. A number of more
    digits than any limit here could allow is read as one past the largest, never
    converted (Python refuses over 4,300 digits, and converting is quadratic)."""
    if value is None:
        return None
    digits = value.strip().lstrip("+-")
    if len(digits) > 18 and digits.isdigit():
        return -_HUGE if value.strip().startswith("-") else _HUGE
    try:
        return int(value)
    except ValueError:
        return None


_HUGE = 10 ** 18


def _numpr(ppr: etree._Element, tag: str) -> str | None:
    """The value of the first ``w:numPr/<tag>`` under ``ppr`` (as ``find`` with that
    path gives it: the first numPr that holds one)."""
    for numpr in ppr.iterchildren(_NUMPR):
        found = numpr.find(tag)
        if found is not None:
            return found.get(_VAL)
    return None


def _on(el: etree._Element, path: str) -> bool:
    """A CT_OnOff child: present and not switched off."""
    found = el.find(path, _NS)
    return found is not None and found.get(_VAL, "true") not in ("0", "false", "off")


def _level(lvl: etree._Element) -> _Level:
    # Word 2010+ writes a custom format (w:numFmt w:val="custom" w:format="001, 002, ...")
    # inside mc:AlternateContent, with a standard format as the Fallback: read that one.
    fmt = _val(lvl, "w:numFmt") or _val(lvl, "mc:AlternateContent/mc:Fallback/w:numFmt")
    text = lvl.find("w:lvlText", _NS)
    return _Level(start=_int(_val(lvl, "w:start")) or 0, fmt=fmt or "decimal",
                  text="" if text is None else text.get(_VAL, ""),
                  restart=_int(_val(lvl, "w:lvlRestart")), legal=_on(lvl, "w:isLgl"),
                  style=_val(lvl, "w:pStyle"))


def _format(n: int, fmt: str) -> str:
    """``n`` in one of the spec's number formats, as Word writes it."""
    if fmt in _UNPRINTED:
        return ""
    if fmt in ("lowerLetter", "upperLetter") and n > 0:
        # Word's letters repeat past z: a..z, aa..zz, aaa.. (not spreadsheet-style "ab")
        letters = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letters if fmt == "lowerLetter" else letters.upper()
    if fmt in ("lowerRoman", "upperRoman") and n > 0:
        roman, rest = "", n
        for value, digits in _ROMAN:
            count, rest = divmod(rest, value)
            roman += digits * count
        return roman if fmt == "lowerRoman" else roman.upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    # decimal, and every other format: ordinal, cardinalText and ordinalText are words of
    # the document's language, and the script-specific counters (russianLower, arabicAbjad,
    # chineseCounting, ...) would need per-script data; the number stays right, in digits.
    return str(n)


class ListNumbering:
    """Word's automatic list numbering as Word displays it, so an imported paragraph keeps its number as explicit text."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        """numbering: root <w:numbering> of word/numbering.xml (None if the package has none);
        styles: root <w:styles> of word/styles.xml (None if absent)."""
        self._styles: dict[str, etree._Element] = {}
        self._default_style: str | None = None
        for style in _all(styles, "w:style"):
            sid = style.get(f"{{{W}}}styleId")
            if sid is None:
                continue
            self._styles.setdefault(sid, style)
            if style.get(f"{{{W}}}type") == "paragraph" and style.get(f"{{{W}}}default") in ("1", "true", "on"):
                self._default_style = sid
        self._abstracts = {a.get(f"{{{W}}}abstractNumId"): a for a in _all(numbering, "w:abstractNum")}
        self._nums = {n.get(f"{{{W}}}numId"): n for n in _all(numbering, "w:num")}
        self._instances: dict[str, _Instance | None] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._seen: set[tuple[str, int]] = set()
        self._found: dict[etree._Element, tuple[str, int, _Instance] | None] = {}
        self._chains: dict[str | None, list[tuple[str | None, str | None, int | None]]] = {}

    def label(self, p: etree._Element) -> str | None:
        """The label Word shows before body paragraph ``p`` (a <w:p>), e.g. "1.", "(a)", "iii)", "2.3.",
        or None when the paragraph is not numbered (no numPr, numId 0, numFmt none, or a bullet).
        Must be called once for every body paragraph in document order (it advances counters):
        table cells included, since Word counts their list paragraphs in the same sequence."""
        found = self._find(p)
        if found is None:
            return None
        num_id, ilvl, inst = found
        counters = self._counters.setdefault(inst.counters, [None] * _LEVELS)
        if (num_id, ilvl) not in self._seen:
            self._seen.add((num_id, ilvl))
            if ilvl in inst.restarts:
                counters[ilvl] = None
        level = inst.levels[ilvl]
        current = counters[ilvl]
        counters[ilvl] = value = level.start if current is None else current + 1
        if NUMBERING_START.exceeded(abs(value)):
            counters[ilvl] = current  # refused: the count is left as it was
            shown = f"is {value:,}" if abs(value) < _HUGE else "has more than 18 digits"
            raise NumberingLimit(NUMBERING_START.over(f"its list number {shown}")
                                 + ": Word numbers a list up to 32,767; set the list's number in Word "
                                 "(Set Numbering Value) to the one it should show", NUMBERING_START)
        for deeper in range(ilvl + 1, _LEVELS):
            # lvlRestart k (1-based) restarts this level after level k *or any shallower
            # one*, and an omitted lvlRestart after any shallower level, not only the one
            # just above (Word, [MS-OI29500] 2.1.282 c, d); 0 means never. A k naming this
            # level or a deeper one, which the spec says to ignore, lands on the default.
            after = inst.levels[deeper].restart
            if after != 0 and (after is None or ilvl < after):
                counters[deeper] = None
        if level.fmt in _UNPRINTED:
            return None
        if NUMBERING_TEXT.exceeded(len(level.text)):
            raise NumberingLimit(NUMBERING_TEXT.over(f"its list number's text (w:lvlText) is {len(level.text):,} "
                                                     "characters") + ": Word's list numbers are a few characters; "
                                 "give the list a number format in Word (Define New Number Format)", NUMBERING_TEXT)

        def number(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            # A level not used since it restarted shows 0 (Word's "1.0.1" for a heading 3
            # straight after a heading 1); isLgl shows every level in decimal.
            value = counters[k]
            return _format(value if value is not None else 0, "decimal" if level.legal else inst.levels[k].fmt)

        return _PLACEHOLDER.sub(number, level.text) or None

    def level(self, p: etree._Element) -> int | None:
        """The list level (0-based ilvl) of ``p`` if numbered, else None; does not advance counters.
        Bullet paragraphs and levels whose numFmt is none have a level too: they are in a list."""
        found = self._find(p)
        return None if found is None else found[1]

    def is_bullet(self, p: etree._Element) -> bool:
        """Whether ``p`` is a list paragraph whose level's numFmt is bullet (no advance)."""
        found = self._find(p)
        return found is not None and found[2].levels[found[1]].fmt == "bullet"

    def _find(self, p: etree._Element) -> tuple[str, int, _Instance] | None:
        """numId, ilvl and resolved instance of ``p``, or None when it is in no list
        (worked out once per paragraph: the label and the bullet question both ask)."""
        try:
            return self._found[p]
        except KeyError:
            pass
        found = self._found[p] = self._lookup(p)
        return found

    def _lookup(self, p: etree._Element) -> tuple[str, int, _Instance] | None:
        ppr = p.find(_PPR)
        num_id = ilvl = style_id = None
        if ppr is not None:
            num_id, ilvl = _numpr(ppr, _NUMID), _int(_numpr(ppr, _ILVL))
            style = ppr.find(_PSTYLE)
            style_id = None if style is None else style.get(_VAL)
        # no pStyle, or one the styles part lacks: Word uses the default paragraph style
        chain = self._style_chain(style_id if style_id in self._styles else self._default_style)
        # The paragraph's own numPr wins; what it lacks comes from its style, then the
        # style's basedOn ancestors, nearest first (numId and ilvl separately).
        for _, style_num, style_ilvl in chain:
            num_id = num_id or style_num
            ilvl = style_ilvl if ilvl is None else ilvl
        if num_id is None or num_id == "0":  # numId 0: explicitly no numbering
            return None
        inst = self._instance(num_id)
        if inst is None:
            return None
        if ilvl is None:
            # A style carrying numId only: its level is the one linked back to the style
            # (w:lvl/w:pStyle), otherwise level 0.
            ids = [sid for sid, _, _ in chain]
            ilvl = next((i for sid in ids for i, lv in enumerate(inst.levels) if lv.style == sid), 0)
        return (num_id, ilvl, inst) if 0 <= ilvl < _LEVELS else None

    def _style_chain(self, style_id: str | None) -> list[tuple[str | None, str | None, int | None]]:
        """The style and its ``basedOn`` ancestors, nearest first, each as (styleId, the
        numId and ilvl of its numPr): once per style. A loop stops where it closes, and
        the chain at 100 styles (a hostile file's chain of thousands is not walked for
        every paragraph)."""
        if style_id in self._chains:
            return self._chains[style_id]
        chain: list[tuple[str | None, str | None, int | None]] = []
        seen: set[int] = set()
        at = style_id
        while at is not None and at in self._styles and len(chain) < _CHAIN:
            style = self._styles[at]
            if id(style) in seen:  # a basedOn loop: stop where it closes
                break
            seen.add(id(style))
            spr = style.find(_PPR)
            chain.append((style.get(f"{{{W}}}styleId"), None if spr is None else _numpr(spr, _NUMID),
                          None if spr is None else _int(_numpr(spr, _ILVL))))
            at = _val(style, "w:basedOn")
        self._chains[style_id] = chain
        return chain

    def _instance(self, num_id: str) -> _Instance | None:
        if num_id not in self._instances:
            self._instances[num_id] = self._resolve(num_id)
        return self._instances[num_id]

    def _resolve(self, num_id: str) -> _Instance | None:
        num = self._nums.get(num_id)
        abstract_id = _val(num, "w:abstractNumId")
        abstract = self._abstracts.get(abstract_id)
        # numStyleLink: this abstract numbering only points at a numbering style, whose
        # numId leads to the abstract numbering holding the levels (w:styleLink). A few
        # hops at most; a broken or circular link leaves the paragraph unnumbered.
        for _ in range(_LEVELS):
            link = _val(abstract, "w:numStyleLink")
            if abstract is None or link is None:
                break
            target = self._nums.get(_val(self._styles.get(link), "w:pPr/w:numPr/w:numId") or "")
            abstract_id = _val(target, "w:abstractNumId")
            abstract = self._abstracts.get(abstract_id)
        if num is None or abstract is None or abstract_id is None or _val(abstract, "w:numStyleLink"):
            return None
        levels = [_Level()] * _LEVELS
        for lvl in abstract.findall("w:lvl", _NS):
            i = _int(lvl.get(f"{{{W}}}ilvl"))
            if i is not None and 0 <= i < _LEVELS:
                levels[i] = _level(lvl)
        restarts: set[int] = set()
        for override in num.findall("w:lvlOverride", _NS):
            i = _int(override.get(f"{{{W}}}ilvl"))
            if i is None or not 0 <= i < _LEVELS:
                continue
            lvl = override.find("w:lvl", _NS)
            if lvl is not None:
                # Word ignores lvlRestart in an override's w:lvl ([MS-OI29500] 2.1.282 b)
                levels[i] = replace(_level(lvl), restart=levels[i].restart)
            start = _int(_val(override, "w:startOverride"))
            if start is not None:  # wins over the w:lvl's own start (§17.9.27)
                levels[i] = replace(levels[i], start=start)
                restarts.add(i)
        return _Instance(abstract_id, tuple(levels), frozenset(restarts))
