"""Inline content → source text for ``writer.py`` (``render/markdown``): what to escape, decided in context.

Escaping is decided on the *written* characters, not on the model's text alone, because
what is syntax depends on the neighbours: ``@globe`` is a reference only at the start of
a text run, ``*`` opens emphasis only when flanking allows it, ``]`` matters only before
``(``. So an inline sequence is first laid out as atoms (a text character written as
itself, a text character written escaped, or syntax), then passes escape the characters
that the reader (``scan.py``, ``inline.py`` and markdown-it's CommonMark rules) would
otherwise take as syntax. Ordinary text (``l'été``, ``1er``, ``e-mail@un.org``) is left
as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol, assert_never

from markdown_it.common.utils import isMdAsciiPunct, isWhiteSpace
from mdit_py_plugins.utils import UNESCAPE_RE

from reportgen import model as m
from reportgen.source.emphasis import opens_closes
from reportgen.source.inline import TAG_LIKE, BAD_CHARS, REFERENCE


class WriteError(ValueError):
    """The model holds something the source format cannot express."""


class Context(Protocol):
    """What the inline layout asks of the document writer."""

    def note(self, note: m.Note) -> int:
        """Number a footnote (and write its definition)."""

    def plain_symbol(self, items: tuple[m.Inline, ...], k: int) -> bool:
        """Whether symbol ``items[k]`` is found again when written as plain text."""

    def structure_at(self, line: str, first: bool) -> int | None:
        """Where a line start (``first``: the block's first line) reads as structure to
        the block scanner: the index of the character to escape, or None."""


# --------------------------------------------------------------------- atoms

_RAW, _ESC, _SYN, _DELIM = range(4)


@dataclass(slots=True)
class _Atom:
    """One piece of output: a text character written as itself (RAW) or escaped (ESC),
    syntax (SYN: a reference, a footnote mark, link brackets, a line break), or an
    emphasis delimiter (DELIM; ``pair`` ties opener and closer)."""

    kind: int
    out: str
    char: str = ""
    pair: int = -1
    opener: bool = False
    ref: bool = False  # SYN: an @label reference
    newline: bool = False  # SYN: a line break; the next atom starts a line
    # RAW: a stretch of text without punctuation, written as one atom (see Inlines.text)
    chunk: bool = False


# Characters escaped wherever they appear in text: each may start syntax almost anywhere.
_ALWAYS = frozenset("\\`*_^~")
_ENTITY_LIKE = re.compile(r"&(?:#[0-9]{1,9}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{0,40});")
# "@label" is no reference after these (an e-mail address): reader's references()
_REF_BEFORE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_@/.")
# A stretch of text written as one atom (Inlines.text): it starts and ends with a
# character that is neither whitespace nor ASCII punctuation (so every neighbour of
# syntax, and every character at a line's edge, stays an atom of its own); group 1, its
# inside, holds none of the characters an escaping pass or the layout reads one by one:
# those always escaped, link brackets, the characters contextual() and references()
# look at. Other punctuation ("." "," "(" "-" ":"…) matters to the passes only next to
# syntax or at a line's edge, which a stretch never is.
_PLAIN_RUN = re.compile(r"[^\s!-/:-@\[-`{-~]([^\\`*_^~\[\]!<>{&@]+)[^\s!-/:-@\[-`{-~]")
_LINE_WINDOW = 12  # characters of a line start that edges() reads one by one
_REF_LOOKAHEAD = 200  # characters after a reference that could continue it (a range)
# The characters contextual() looks at (each a syntax only beside certain others).
_CONTEXTUAL = frozenset("]!<>{&")
_SUP_UNSAFE = re.compile(r"\[\^|\]\(|\{#|-->|~~")
_WORD_START = re.compile(r"\w")  # after "@": the reader's stray "@" (source/inline.py)


def escaped(char: str) -> str:
    """A text character written so that it is text and ends a text token."""
    if char == "&":
        return "&amp;"
    if char == "<":  # "\<" would leave "<!--" for the comment scanner, which ignores escapes
        return "&lt;"
    if isMdAsciiPunct(ord(char)):
        return "\\" + char
    return f"&#{ord(char)};"


def _space(char: str) -> bool:
    return isWhiteSpace(ord(char))


# ----------------------------------------------------------------- inlines


class Inlines:
    """Lays out one block's inlines as atoms, then escapes what the reader would misread."""

    def __init__(self, writer: Context) -> None:
        self.writer = writer
        self.atoms: list[_Atom] = []
        self.pairs = 0
        self.open: list[int] = []  # emphases being laid out, outermost first
        self.blank: str | None = " \t"  # what the reader strips at line ends (None: all whitespace)
        self.nested: list[tuple[int, int]] = []  # (emphasis, the emphasis around it)

    # layout -------------------------------------------------------------------------------

    def many(self, items: tuple[m.Inline, ...], in_link: bool = False) -> None:
        for k, x in enumerate(items):
            self.one(x, items, k, in_link)

    def one(self, x: m.Inline, items: tuple[m.Inline, ...], k: int, in_link: bool) -> None:
        match x:
            case m.Text():
                self.text(x.text, in_link)
            case m.LineBreak():
                self.atoms.append(_Atom(_SYN, "\\\n", newline=True))
            case m.Emph():
                self.delimited("*", x.content, in_link)
            case m.Strong():
                self.delimited("**", x.content, in_link)
            case m.Superscript():
                self.atoms.append(_Atom(_SYN, _script("^", x.content)))
            case m.Subscript():
                self.atoms.append(_Atom(_SYN, _script("~", x.content)))
            case m.Link():
                if in_link:
                    raise WriteError("a link cannot hold another link")
                self.atoms.append(_Atom(_SYN, "["))
                self.many(x.content, in_link=True)
                self.atoms.append(_Atom(_SYN, "](" + _url(x.url) + ")"))
            case m.SymbolRef():
                if self.writer.plain_symbol(items, k):
                    self.text(x.text, in_link)
                else:
                    self.many((m.Link((m.Text(x.text),), "#"),), in_link)
            case m.Ref():
                text = f"@{x.first}" + (f"–@{x.last}" if x.last else "")
                if not REFERENCE.fullmatch(text):
                    raise WriteError(f"'{text}' is not a reference to a label")
                self.atoms.append(_Atom(_SYN, text, ref=True))
            case m.ResolvedRef():
                # written back as the label it was resolved from; a range keeps only its
                # first target's label, so it cannot be written back
                if len(x.numbers) > 1:
                    raise WriteError("a resolved range of paragraphs cannot be written back")
                self.atoms.append(_Atom(_SYN, f"@{x.label}", ref=True))
            case m.Note():
                self.atoms.append(_Atom(_SYN, f"[^{self.writer.note(x)}]"))
            case _:
                assert_never(x)

    def text(self, text: str, in_link: bool) -> None:
        """One atom per character, except inside a stretch of text (``_PLAIN_RUN``: words,
        the spaces between them, punctuation no pass reads alone) away from the text's
        start and end and from a line's first twelve characters: no escaping pass touches
        such characters or reads them one by one (each acts on the characters
        ``_PLAIN_RUN`` leaves out, on whitespace at a line's edge, on the characters
        ``edges`` reads at a line's start, and on the neighbours of syntax, which stay
        atoms of their own). One atom for the stretch, so a long paragraph is not a
        million atoms, nor a sentence one per comma; same output."""
        # every character BAD_CHARS names is unprintable: the search only for the rest
        bad = None if text.isprintable() else BAD_CHARS.search(text)  # line breaks included
        if bad is not None:
            raise WriteError(f"the character U+{ord(bad.group()):04X} cannot appear in a document's text")
        at = 0
        for run in _PLAIN_RUN.finditer(text, _LINE_WINDOW - self.line_units()):
            for char in text[at:run.start() + 1]:
                self.char(char, in_link)
            self.atoms.append(_Atom(_RAW, run.group(1), run.group(1), chunk=True))
            at = run.end() - 1
        for char in text[at:]:
            self.char(char, in_link)

    def line_units(self) -> int:
        """How far into its line the next atom is, as ``edges`` counts a line's start
        (an atom one, a stretch its characters), up to ``_LINE_WINDOW``: a text that
        starts a line keeps its first twelve characters as atoms, one that starts past
        them none."""
        units = 0
        for a in reversed(self.atoms):
            if a.newline or units >= _LINE_WINDOW:
                break
            units += len(a.out) if a.chunk else 1
        return min(units, _LINE_WINDOW)

    def char(self, char: str, in_link: bool) -> None:
        escape = char in _ALWAYS or (in_link and char in "[]")
        self.atoms.append(_Atom(_ESC if escape else _RAW, escaped(char) if escape else char, char))

    def delimited(self, marker: str, content: tuple[m.Inline, ...], in_link: bool) -> None:
        if not content:
            raise WriteError("empty emphasis cannot be written")
        pair = self.pairs
        self.pairs += 1
        if self.open:
            self.nested.append((pair, self.open[-1]))
        self.open.append(pair)
        self.atoms.append(_Atom(_DELIM, marker, pair=pair, opener=True))
        self.many(content, in_link)
        self.atoms.append(_Atom(_DELIM, marker, pair=pair))
        self.open.pop()

    # escaping -----------------------------------------------------------------------------

    def finish(self, line_start: bool = True) -> str:
        """The written text, after every escaping pass (repeated until nothing changes,
        since escaping one character can change what its neighbours mean).
        ``line_start``: the text starts a line, where a marker would be structure;
        otherwise it is a heading's title. Whitespace of any kind at a line's ends is
        escaped: a heading's title loses it (``str.strip``), and so does the text after a
        marker, which any space may follow (a no-break space from Word)."""
        self.blank = None
        if self.atoms and self.atoms[-1].newline:
            raise WriteError("a line break cannot end a paragraph")
        self.choose_markers()
        for _ in range(len(self.atoms) + 2):
            changed = self.edges(line_start)
            changed = self.contextual() or changed
            changed = self.references() or changed
            changed = self.flanking() or changed
            if not changed:
                break
        self.tildes()
        return "".join(a.out for a in self.atoms)

    def escape(self, i: int) -> bool:
        """Write atom ``i`` escaped, if it is a text character written as itself."""
        a = self.atoms[i] if 0 <= i < len(self.atoms) else None
        if a is None or a.kind != _RAW:
            return False
        a.kind, a.out = _ESC, escaped(a.char)
        return True

    def need(self, i: int, what: str) -> bool:
        """Escape atom ``i`` because the syntax next to it needs it; a neighbour that is
        not text (a reference, a delimiter) cannot be escaped: the model is unwritable."""
        if self.escape(i):
            return True
        raise WriteError(f"{what} cannot be written next to what follows or precedes it")

    def before(self, i: int, size: int = 1) -> str:
        """Up to ``size`` written characters just before atom ``i`` ("" at the start)."""
        out, k = "", i - 1
        while k >= 0 and len(out) < size:
            out = self.atoms[k].out + out
            k -= 1
        return out[-size:]

    def after(self, i: int, size: int = 1) -> str:
        """Up to ``size`` written characters after atom ``i``."""
        out = ""
        for k in range(i + 1, len(self.atoms)):  # no slice: a copy of the rest per call is quadratic
            if len(out) >= size:
                break
            out += self.atoms[k].out
        return out[:size]

    def raw_run(self, i: int) -> str:
        """Characters written as themselves from atom ``i`` on (one text token)."""
        out = []
        for a in self.atoms[i:]:
            if a.kind != _RAW:
                break
            out.append(a.char)
        return "".join(out)

    def choose_markers(self) -> None:
        """``*`` or ``_`` for each emphasis, so that no two delimiters touch with the same
        character (``*a**b*`` is not two emphases; ``*_a_*`` is nested ones) and no
        emphasis uses its enclosing one's (once an escape makes a delimiter both open and
        close, ``*a*@b*c*`` would pair the wrong ones)."""
        touching: dict[int, set[int]] = {}
        pairs = [(left.pair, right.pair) for left, right in zip(self.atoms, self.atoms[1:])
                 if left.kind == right.kind == _DELIM] + self.nested
        for a, b in pairs:
            touching.setdefault(a, set()).add(b)
            touching.setdefault(b, set()).add(a)
        colour: dict[int, int] = {}
        for start in sorted(touching):
            if start in colour:
                continue
            colour[start] = 0
            queue = [start]
            while queue:
                p = queue.pop()
                for q in touching[p]:
                    if q not in colour:
                        colour[q] = 1 - colour[p]
                        queue.append(q)
                    elif colour[q] == colour[p]:
                        raise WriteError("these nested or adjacent emphases cannot be written apart")
        for atom in self.atoms:
            if atom.kind == _DELIM and colour.get(atom.pair):
                atom.out = atom.out.replace("*", "_")

    def edges(self, line_start: bool) -> bool:
        """Whitespace at the start or end of a line is stripped by the reader, and a line
        start may read as structure (``12.``, ``(a)``, ``#``, ``-``): escape them. Only
        the atoms at each line's two ends are visited, not every atom of the line."""
        changed = False
        atoms = self.atoms
        count = len(atoms)
        breaks = [i for i, a in enumerate(atoms) if a.newline]
        for i, k in zip([0] + [b + 1 for b in breaks], breaks + [count]):  # a line: atoms[i:k]
            j = i
            while j < count and atoms[j].kind == _RAW and self.stripped(atoms[j].char):
                changed = self.escape(j) or changed
                j += 1
            if i == 0 and not line_start:
                continue
            if i < k and not any(atoms[n].out.strip() for n in range(i, k)):
                # a line of only (Unicode) whitespace is a blank line to the scanner
                changed = self.escape(i) or changed
            line, owner = "", []  # the line's first characters, and the atom of each
            units = 0  # twelve atoms, a chunk counting as its characters
            for n in range(i, count):
                a = atoms[n]
                if units >= _LINE_WINDOW or a.newline:
                    break
                part = a.out[:_LINE_WINDOW - units] if a.chunk else a.out
                units += len(part) if a.chunk else 1
                line += part
                owner += [n] * len(part)
            # what the block scanner reads as structure at a line start: one rule, scan.py's
            at = self.writer.structure_at(line, i == 0) if line else None
            if at is not None:
                changed = self.need(owner[at], f"'{line[at]}' at a line start") or changed
        # the last atom of each line: the one before each break (none before a first
        # atom that is one), and the last of all, once
        for i in sorted({b - 1 for b in breaks if b > 0} | ({count - 1} if count else set())):
            j = i
            while j >= 0 and atoms[j].kind == _RAW and self.stripped(atoms[j].char):
                changed = self.escape(j) or changed
                j -= 1
        return changed

    def stripped(self, char: str) -> bool:
        """Whether the reader strips ``char`` at the start or end of a line."""
        return char in self.blank if self.blank is not None else char.isspace()

    def contextual(self) -> bool:
        """Characters that are syntax only before or after certain others."""
        changed = False
        for i, a in enumerate(self.atoms):
            if a.kind != _RAW or a.char not in _CONTEXTUAL:
                continue
            c = a.char
            if ((c == "]" and self.after(i) == "(")
                    or (c == "!" and self.after(i) == "[")  # "![text](url)" is an image
                    or (c == "<" and re.match(r"[A-Za-z/!?]", self.after(i)))
                    or (c == ">" and self.before(i) == "-" and self.before(i - 1) == "-")
                    or (c == "{" and self.after(i) == "#")
                    or (c == "&" and _ENTITY_LIKE.match("&" + self.after(i, 50)))):
                changed = self.escape(i) or changed
        return changed

    def references(self) -> bool:
        """``@name`` in text would become a reference, and a reference must start its
        text run and not run on into the text after it."""
        changed = False
        for i, a in enumerate(self.atoms):
            prev = self.atoms[i - 1] if i > 0 else None
            if a.ref:
                if prev is not None and prev.ref:
                    raise WriteError("two references cannot touch")
                if prev is not None and prev.kind == _RAW and prev.char in _REF_BEFORE:
                    changed = self.escape(i - 1) or changed
                # what is written after it, references included: "@a" + "-" + "@b"
                # would read back as the range "@a-@b"
                run = a.out + self.after(i, _REF_LOOKAHEAD)
                found = REFERENCE.match(run)
                if found is None or found.end() != len(a.out):
                    changed = self.need(i + 1, f"'{a.out}'") or changed
            elif a.kind == _RAW and a.char == "@":
                if prev is not None and prev.kind == _RAW and prev.char in _REF_BEFORE:
                    continue  # an e-mail address: no reference
                run = self.raw_run(i)
                # a reference, or an "@" touching a word, which the reader warns about
                if REFERENCE.match(run) or _WORD_START.match(run, 1):
                    changed = self.escape(i) or changed
        return changed

    def flanking(self) -> bool:
        """The flanking rules (CommonMark's, CJK-friendly: ``source/emphasis.py``) decide
        whether a delimiter opens or closes; where the text around would defeat it,
        escape the neighbouring character: an escape or entity ends in ASCII
        punctuation, which lets the delimiter work (a space must itself be escaped
        first where it stands inside the delimiter)."""
        changed = False
        for i, a in enumerate(self.atoms):
            if a.kind != _DELIM:
                continue
            # two characters before: a variation selector belongs to the one before it
            last, nxt = self.before(i, 2), self.after(i)
            opens, closes = opens_closes(a.out[0], last, nxt)
            if a.opener and not opens:
                changed = self.need(i + 1 if _space(nxt or " ") else i - 1, "emphasis") or changed
            elif not a.opener and not closes:
                changed = self.need(i - 1 if _space(last[-1:] or " ") else i + 1, "emphasis") or changed
        return changed

    def tildes(self) -> None:
        """The reader refuses ``~~`` anywhere (strikethrough): an escaped tilde next to
        a subscript's tilde is written as a character reference instead."""
        for i, a in enumerate(self.atoms):
            if a.kind == _ESC and a.char == "~" and "~" in (self.before(i), self.after(i)):
                a.out = "&#126;"
        if "~~" in "".join(a.out for a in self.atoms):
            raise WriteError("two subscripts cannot touch ('~~' is strikethrough)")


def _script(marker: str, content: tuple[m.Inline, ...]) -> str:
    """``^text^`` / ``~text~``: mdit-py-plugins reads the content as raw text with
    backslash escapes only, and no whitespace unless escaped."""
    if not content or not all(isinstance(x, m.Text) for x in content):
        raise WriteError("a superscript or subscript can hold only plain text")
    text = "".join(x.text for x in content if isinstance(x, m.Text))
    out = []
    for char in text:
        if char == " " or (char.isascii() and isMdAsciiPunct(ord(char))):
            out.append("\\" + char)
        elif char.isspace() or BAD_CHARS.match(char):
            raise WriteError(f"a superscript or subscript cannot hold U+{ord(char):04X}")
        else:
            out.append(char)
    written = "".join(out)
    if UNESCAPE_RE.sub(r"\1", written) != text or not text:
        raise WriteError("this superscript or subscript cannot be written")  # pragma: no cover
    found = REFERENCE.search(text)
    if found and (found.start() == 0 or text[found.start() - 1] not in _REF_BEFORE):
        raise WriteError(f"a superscript or subscript cannot hold '{found.group(0)}'")
    if _SUP_UNSAFE.search(text) or TAG_LIKE.search(text):
        raise WriteError(f"a superscript or subscript cannot hold '{text}'")
    return marker + written + marker


def _url(url: str) -> str:
    """A link destination; in angle brackets when it holds characters that end one."""
    if re.fullmatch(r"[^\s<>()\\&]*", url):
        return url
    if "\n" in url:
        raise WriteError("a link address cannot hold a line break")
    return "<" + re.sub(r"([<>\\&])", r"\\\1", url) + ">"
