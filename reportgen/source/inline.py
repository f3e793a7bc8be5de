"""Inline content of one text block → model inlines, through markdown-it-py.

markdown-it-py implements CommonMark's emphasis and link rules (delimiter runs,
flanking, escapes, entities), which is exactly what should not be written again
by hand. It is given one block's text at a time, so the block structure stays
ours (``scan.py``). Every construct is either mapped to the model or refused
at its exact line: the line of a token is the block's line plus the line breaks
before it, since markdown-it keeps no positions inside a block.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import lru_cache
from typing import Callable, assert_never

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.subscript import sub_plugin
from mdit_py_plugins.superscript import superscript_plugin

from reportgen import model as m
from reportgen.source.emphasis import UNMATCHED, cjk_friendly_emphasis

MAX_NESTING = 20
_ALLOWED_SCHEMES = ("http://", "https://", "mailto:")


def _footnote_ref(state: StateInline, silent: bool) -> bool:
    """``[^name]``: a footnote reference (pandoc syntax), resolved by the reader."""
    src, pos = state.src, state.pos
    if not src.startswith("[^", pos):
        return False
    end = src.find("]", pos + 2)
    name = src[pos + 2:end] if end > 0 else ""
    if not name or not re.fullmatch(r"[^\s\[\]^]+", name):
        return False
    if not silent:
        token = state.push("footnote_ref", "", 0)
        token.meta = {"name": name}
    state.pos = end + 1
    return True


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING})
    md.use(sub_plugin).use(superscript_plugin)
    # CommonMark's flanking rules with the CJK-friendly amendment: *《标题》* is emphasis
    md.use(cjk_friendly_emphasis)
    md.inline.ruler.before("link", "footnote_ref", _footnote_ref)
    # Escapes and entities stay separate ``text_special`` tokens, so literal
    # text the author escaped is never mistaken for unread syntax.
    md.core.ruler.disable("text_join")
    # Every link reaches us, so a refused one is reported rather than left as
    # "[text](javascript:...)" in the text.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    # A pure function of the address (percent-encoding, punycode of the host), asked
    # once per link: a report cites the same symbol's address hundreds of times.
    md.normalizeLink = lru_cache(maxsize=4096)(md.normalizeLink)  # type: ignore[method-assign]
    return md


_MD = _parser()

# Characters that may start markdown-it syntax; a block without them is plain text.
_SPECIAL = re.compile(r"[\\`*_\[\]<>&!^~]| \n")
# Numeric character references Word cannot hold (markdown-it would turn them into U+FFFD).
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,9}));")

# A line break inside Chinese text is not a space; elsewhere it is one.
SOFT = "\x00"
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_SOFT_CJK = re.compile(f"(?<=[{_CJK}])\x00(?=[{_CJK}])")

# Label names: letters of any script but Han/kana (so that Chinese text may touch a
# reference), then letters, digits, "-" and "_", with "." or ":" only inside.
_NOT_NAME = "\\W" + _CJK
_START = f"[^{_NOT_NAME}\\d_]"
_CHAR = f"[^{_NOT_NAME}]"
NAME = f"{_START}(?:(?:{_CHAR}|-)*{_CHAR})?(?:[.:]{_CHAR}(?:(?:{_CHAR}|-)*{_CHAR})?)*"
LABEL = re.compile(rf"\{{#({NAME})\}}[ \t]*")
REFERENCE = re.compile(rf"@({NAME})(?:\s*(?:–|--|-)\s*@({NAME}))?")
# An "@" after a Latin letter or digit is an e-mail address; Arabic or Chinese
# text may touch a reference ("و@globe", "见@globe").
TAG_LIKE = re.compile(r"</?[A-Za-z][\w.:-]*(?:\s[^<>]*)?/?>")
_REF_BEFORE = re.compile(r"[A-Za-z0-9_@/.]")


# Direction embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): the
# renderer sets each run's direction itself, and an override reverses what it covers.
DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# The same set as one regular expression, to scan whole lines quickly.
BAD_CHARS = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\u202a-\u202e\u2066-\u2069\ufeff"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)) + "]")


def bad_char(ch: str) -> bool:
    """Characters that cannot appear in a document: C0/C1 controls (tab aside),
    surrogates, Unicode non-characters, direction controls and the byte-order mark
    (U+FEFF) inside the text."""
    o = ord(ch)
    return ((o < 0x20 and ch != "\t") or 0x7F <= o <= 0x9F or 0xD800 <= o <= 0xDFFF
            or 0xFDD0 <= o <= 0xFDEF or (o & 0xFFFE) == 0xFFFE or ch in DIRECTION_CONTROLS or ch == "\ufeff")


Error = Callable[[int, str], None]
NoteFor = Callable[[str, int], "m.Note | None"]


class InlineReader:
    """Reads the inline content of blocks of one file; reports through ``error``."""

    def __init__(self, error: Error, note_for: NoteFor, warn: Error | None = None) -> None:
        self.error = error
        self.note_for = note_for
        # what is printed as written but probably not meant so (a stray '*'): said, not refused
        self.warn: Error = warn or (lambda line, message: None)

    def read(self, lines: list[tuple[int, str]]) -> tuple[m.Inline, ...]:
        """Inlines of a block whose lines are ``(line number, text)``."""
        numbers = [n for n, _ in lines]
        text = "\n".join(t for _, t in lines).rstrip(" \t")
        for match in _CHAR_REF.finditer(text):
            code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
            if code > 0x10FFFF or bad_char(chr(code)) or code == 0:
                line = numbers[text.count("\n", 0, match.start())]
                self.error(line, f"the character reference {match.group(0)} stands for a character "
                                 "that cannot appear in a document")
        if "~~" in text:
            line = numbers[text.count("\n", 0, text.index("~~"))]
            self.error(line, "strikethrough ('~~text~~') is not supported in a report")
        if _SPECIAL.search(text) is None:
            out: list[m.Inline] = []
            for k, (no, line_text) in enumerate(lines):
                self._unread(line_text, no)
                if k:
                    out.append(m.Text(SOFT))
                out.extend(references(line_text.rstrip(" \t") if k == len(lines) - 1 else line_text, no, self.warn))
        else:
            out = self._tokens(_MD.parseInline(text, {})[0].children or [], numbers)
        return self._post_all(tuple(out), numbers[0])

    # ----------------------------------------------------------- tokens

    def _tokens(self, tokens: list[Token], numbers: list[int]) -> list[m.Inline]:
        stack: list[tuple[str, list[m.Inline], Token | None]] = [("", [], None)]
        breaks = 0

        def line() -> int:
            return numbers[min(breaks, len(numbers) - 1)]

        def add(x: m.Inline) -> None:
            items = stack[-1][1]
            if isinstance(x, m.Text) and items and isinstance(items[-1], m.Text):
                items[-1] = m.Text(items[-1].text + x.text)
            else:
                items.append(x)

        for tok in tokens:
            t = tok.type
            if tok.level >= MAX_NESTING - 1:
                self.error(line(), f"formatting is nested more than {MAX_NESTING - 2} levels deep")
                return [m.Text("*")]
            if t == "text":
                self._unread(tok.content, line())
                for x in references(tok.content, line(), self.warn):
                    add(x)
            elif t == "text_special":
                add(m.Text(tok.content))
            elif t == UNMATCHED:
                self.warn(line(), _unmatched(tok.content, tok.meta["open"], tok.meta["close"], tok.meta["hidden"]))
                add(m.Text(tok.content))
            elif t == "softbreak":
                breaks += 1
                add(m.Text(SOFT))
            elif t == "hardbreak":
                breaks += 1
                add(m.LineBreak())
            elif t.endswith("_open"):
                stack.append((t[:-5], [], tok))
            elif t.endswith("_close"):
                kind, content, opener = stack.pop()
                add(self._wrap(kind, tuple(content), opener, line()))
            elif t == "footnote_ref":
                note = self.note_for(tok.meta["name"], line())
                if note is not None:
                    add(note)
            elif t == "html_inline":
                self.error(line(), f"raw markup '{_short(tok.content)}' is not supported in a report: "
                                   "write the text without tags")
                breaks += tok.content.count("\n")
            elif t == "code_inline":
                self.error(line(), f"code ('`{_short(tok.content)}`') is not supported in a report; "
                                   "to print a backtick, write \\`")
            elif t == "image":
                self.error(line(), "images are not supported in a report")
                add(m.Text(tok.content))
            else:  # pragma: no cover - every token the parser is configured to make is listed
                self.error(line(), f"'{_short(tok.content)}' is not supported in a report")
        return stack[0][1]

    def _wrap(self, kind: str, content: tuple[m.Inline, ...], opener: Token | None, line: int) -> m.Inline:
        match kind:
            case "em":
                return m.Emph(content)
            case "strong":
                return m.Strong(content)
            case "sup":
                return m.Superscript(content)
            case "sub":
                return m.Subscript(content)
            case "link":
                href = str(opener.attrs.get("href", "")) if opener else ""
                if href in ("#", "") or href.lower().startswith(_ALLOWED_SCHEMES):
                    return m.Link(content, href)
                self.error(line, f"link target '{_short(href)}' is not allowed: links must start with "
                                 "http://, https:// or mailto: (or be (#) around a document symbol)")
                return m.Link(content, href)
        raise AssertionError(f"unexpected markdown-it token {kind}_open")  # pragma: no cover

    def _unread(self, text: str, line: int) -> None:
        """Source syntax markdown-it left as text would reach the DOCX: refuse it."""
        if "[^" in text:
            self.error(line, "a footnote reference must be written [^name], with no spaces")
        if "](" in text:
            self.error(line, "this link cannot be read: write [text](https://address) with no spaces "
                             "in the address")
        if "{#" in text:
            self.error(line, "a label {#name} may only follow a paragraph, chapter or sub-heading number")
        if "<" in text and (tag := TAG_LIKE.search(text)):
            # markdown-it reads only HTML tag names; "<w:p/>" (raw OpenXML) stays text
            self.error(line, f"raw markup '{_short(tag.group(0))}' is not supported in a report: "
                             "write the text without tags")
        if "-->" in text:
            self.error(line, "'-->' closes no comment: a comment is written <!-- text -->")

    # ------------------------------------------------------ post-process

    def _post_all(self, items: tuple[m.Inline, ...], line: int) -> tuple[m.Inline, ...]:
        """Soft line breaks at every depth (inside emphasis and link text too): a
        space, or nothing between two Chinese characters."""
        merged: list[m.Inline] = []
        for x in items:  # adjacent text first, so a break sees the characters around it
            if isinstance(x, m.Text) and merged and isinstance(merged[-1], m.Text):
                merged[-1] = m.Text(merged[-1].text + x.text)
            else:
                merged.append(x)
        out: list[m.Inline] = []
        for x in merged:
            match x:
                case m.Text():
                    text = _SOFT_CJK.sub("", x.text).replace(SOFT, " ") if SOFT in x.text else x.text
                    if text:
                        out.append(m.Text(text))
                case m.Emph() | m.Strong() | m.Superscript() | m.Subscript() | m.Link():
                    out.append(replace(x, content=self._post_all(x.content, line)))
                case m.LineBreak() | m.Note() | m.SymbolRef() | m.Ref() | m.ResolvedRef():
                    out.append(x)
                case _:
                    assert_never(x)
        return tuple(out)


def references(text: str, line: int, warn: Error | None = None) -> list[m.Inline]:
    """Split ``@label`` references out of text. With ``warn``, an ``@`` that starts no
    reference and is no e-mail address's but touches the word after it (``见@别处``,
    ``@1st``) is said at ``line``: it is printed as written, which is rarely what was meant."""
    if "@" not in text:
        return [m.Text(text)] if text else []
    out: list[m.Inline] = []
    pos = at = 0
    while (match := REFERENCE.search(text, at)) is not None:
        start = match.start()
        if start > 0 and _REF_BEFORE.match(text[start - 1]):
            # an e-mail address, not a reference: look again just after its "@" (in
            # "word@a- @b" the match "@a- @b" would otherwise hide the reference @b)
            at = start + 1
            continue
        if start > pos:
            out.append(m.Text(text[pos:start]))
            if warn is not None:
                _stray_at(text[pos:start], pos, text, line, warn)
        out.append(m.Ref(match.group(1), match.group(2), line))
        pos = at = match.end()
    if pos < len(text):
        out.append(m.Text(text[pos:]))
        if warn is not None:
            _stray_at(text[pos:], pos, text, line, warn)
    return out


# "@" and the word it touches: letters, digits (any script) and "_"
_AT_WORD = re.compile(r"@\w+")
_AT_SHOWN = 12  # characters of the word shown in the warning


def _stray_at(piece: str, offset: int, text: str, line: int, warn: Error) -> None:
    """Warn about each ``@`` of ``piece`` (text between references, at ``offset`` in
    ``text``) that touches a word but is neither a reference nor in an e-mail address."""
    for found in _AT_WORD.finditer(piece):
        start = offset + found.start()
        if start > 0 and _REF_BEFORE.match(text[start - 1]):
            continue  # info@un.org
        shown = found.group(0) if len(found.group(0)) <= _AT_SHOWN + 1 else found.group(0)[:_AT_SHOWN + 1] + "…"
        warn(line, f"'{shown}' is not a reference: a label starts with a letter of any script but Chinese, "
                   "as in {#name} and @name; to print '@' here, write \\@")


def _unmatched(run: str, opens: bool, closes: bool, hidden: str | None = None) -> str:
    """The warning for a run of ``*`` or ``_`` that could open or close emphasis but has
    no partner in its paragraph, or that an invisible character beside it keeps from
    either (``emphasis.mark_unmatched``)."""
    one = "an asterisk" if run[0] == "*" else "an underscore"
    what = one if len(run) == 1 else ("asterisks" if run[0] == "*" else "underscores")
    escaped = "\\" + "\\".join(run)
    if hidden is not None and not (opens or closes):
        name = f"U+{ord(hidden):04X} ({unicodedata.name(hidden, 'a format character')})"
        return (f"'{run}' beside the invisible character {name} starts or ends no emphasis: remove that "
                f"character for emphasis, or write {escaped} to print {what}")
    if opens and not closes:
        why = f"opens no emphasis (no closing '{run}' in this paragraph)"
    elif closes and not opens:
        why = f"closes no emphasis (no opening '{run}' before it in this paragraph)"
    else:
        why = f"starts or ends no emphasis (no matching '{run}' in this paragraph)"
    return f"'{run}' {why}: to print {what}, write {escaped}"


def _short(text: str, limit: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[:limit - 1] + "…"
