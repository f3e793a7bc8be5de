"""A paragraph's printed lines → the model's inlines (for ``layout_read``).

The lines are joined as ``joining.Joiner`` says (a space, a hyphen kept or taken out),
except where the page tells more: a line broken after a slash or after a hyphen before a
capital or a figure ("Anti-" / "Corruption", "COVID-" / "19") goes on without a space,
and beside a Chinese character a space is only where one was typed (the typesetter sets
figures and Latin words apart from Chinese itself). Each run keeps what the page shows
of it: bold, italics, raised or lowered, a link; a raised figure that is a note's call
becomes that ``m.Note``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from reportgen import model as m
from reportgen.importer.chars import without_refused
from reportgen.importer.joining import HYPHENS, SPACE_BETWEEN_WIDE, TAIL, Joiner, wide
from reportgen.importer.layout import Line, Run
from reportgen.importer.layout_notes import is_call
from reportgen.render.markdown.writer import normalize
from reportgen.resolve.symbols import find_symbols

__all__ = ["Inlines"]

# Direction marks and embeddings: extraction artefacts, never the author's text
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_DASHES = "-\u2010\u2011\u2013\u2014"


class Inlines:
    """Builds inlines for one document; ``notes`` are the notes by mark, each taken by
    its call in order; warnings (line, message) and comments are added to the lists."""

    def __init__(self, joiner: Joiner, notes: dict[str, list[m.Note]], warnings: list[tuple[int, str]],
                 comments: list[m.Comment], place: Callable[[int], str]) -> None:
        self.joiner, self.notes, self.warnings, self.comments, self.place = joiner, notes, warnings, comments, place

    def inlines(self, lines: list[Line], heading: bool, plain: int = 0) -> tuple[m.Inline, ...]:
        """A block's text as inlines: lines joined (hyphens, Chinese), calls as notes,
        bold, italics, raised and lowered text and links as printed (a heading's own
        type aside); the first ``plain`` characters (its marker) as plain text."""
        tokens: list[tuple[str, Run]] = []
        text = ""  # the end of the block's text so far (the last 2 × TAIL characters): what a join reads
        prev: Line | None = None
        for ln in lines:
            runs = self._clean(ln)
            line_text = "".join(r.text for r in runs)
            if not line_text.strip():
                continue
            if not tokens:
                tokens = [(r.text, r) for r in runs]
                text = line_text[-2 * TAIL:]
                prev = ln
                continue
            cut, between, note = 0, "", None
            if text.endswith("/") or (text[-1] in _DASHES and len(text) > 1 and not text[-2].isspace()
                                      and not line_text[0].islower()):
                # a symbol or "and/or" broken after its slash, "Anti-" / "Corruption",
                # "COVID-" / "19", "101–" / "134": the line breaks after the dash
                pass
            elif (wide(text[-1]) or wide(line_text[0])) and text[-1] not in HYPHENS:
                # beside a Chinese character, a space only where one was typed; a line
                # end shows none, so between a figure and a character the text's own
                # habit decides
                spaced = prev is not None and (prev.spaced_end or ln.spaced_start or (
                    self.joiner.space_by_wide and not (wide(text[-1]) and wide(line_text[0]))))
                between = " " if spaced else ""
            else:
                cut, between, note = self.joiner.glue(text, line_text)
            if note:
                self.comments.append(m.Comment(lines[0].no - 1, f"import: {self.place(ln.no)}: {note}"))
            if (cut, between) == (0, " "):
                tokens.append((" ", Run(" ")))
            elif (cut, between) == (1, ""):
                last, run = tokens[-1]
                tokens[-1] = (last[:-1], run)
            tokens += [(r.text, r) for r in runs]
            text = (text[:len(text) - cut] + between + line_text)[-2 * TAIL:]
            prev = ln
        if heading:
            letters = [r for t, r in tokens if t.strip() and not r.script]
            bold = all(r.bold for r in letters)
            italic = all(r.italic for r in letters)
            tokens = [(t, Run(t, r.bold and not bold, r.italic and not italic, r.href, r.script)) for t, r in tokens]
        if plain:
            tokens = _plain_prefix(tokens, plain)
        return self._build(tokens, lines[0].no)

    def clean(self, no: int, text: str) -> str:
        """``text`` (of line ``no``) without direction controls and the characters a
        report cannot hold (a warning for those), composed (NFC)."""
        text = unicodedata.normalize("NFC", _BIDI_CONTROLS.sub("", text))
        text, dropped = without_refused(text.replace("\t", " "))
        self.warnings += [(no, w) for w in dropped]
        return text

    def _clean(self, line: Line) -> list[Run]:
        """The line's runs, trimmed and cleaned (:meth:`clean`)."""
        runs = []
        for r in line.runs:
            text = self.clean(line.no, r.text)
            if text:
                runs.append(Run(text, r.bold, r.italic, r.href, r.script))
        while runs and not runs[0].text.strip():
            runs.pop(0)
        while runs and not runs[-1].text.strip():
            runs.pop()
        if runs:
            runs[0] = Run(runs[0].text.lstrip(), runs[0].bold, runs[0].italic, runs[0].href, runs[0].script)
            runs[-1] = Run(runs[-1].text.rstrip(), runs[-1].bold, runs[-1].italic, runs[-1].href, runs[-1].script)
        return runs

    def _build(self, tokens: list[tuple[str, Run]], no: int) -> tuple[m.Inline, ...]:
        """Tokens as the model's inlines (``no``: the block's first line, for warnings)."""
        out: list[m.Inline] = []
        k = 0
        while k < len(tokens):
            text, run = tokens[k]
            if is_call(run) and self.notes.get(run.text.strip()):
                out.append(self.notes[run.text.strip()].pop(0))
                k += 1
                continue
            key = _key(run)
            end = k + 1
            while end < len(tokens) and not is_call(tokens[end][1]) and (
                    _key(tokens[end][1]) == key or (not tokens[end][0].strip() and end + 1 < len(tokens)
                                                     and _key(tokens[end + 1][1]) == key)):
                end += 1
            joined = SPACE_BETWEEN_WIDE.sub("", "".join(t for t, _ in tokens[k:end]))
            bold, italic, url, script = key
            if url is not None and _has_symbol(joined):
                url = None  # a document symbol is recognised in the text again
            if url is not None and (address := _address(joined, url)) is None:
                # pdftohtml's link areas take in the words printed beside a link: a link
                # is sure only where its text is the address it leads to
                self.warnings.append((no, f"a link to {url} is imported as its text «{joined.strip()}»"))
                url = None
            if url is not None and address is not None:
                at = joined.index(address)
                out += _formatted(joined[:at], bold, italic, None, script)
                out += _formatted(address, bold, italic, url, script)
                out += _formatted(joined[at + len(address):], bold, italic, None, script)
            else:
                out += _formatted(joined, bold, italic, url, script)
            k = end
        return normalize(tuple(out))


def _key(run: Run) -> tuple[bool, bool, str | None, str]:
    """The formatting a run is written with."""
    return run.bold, run.italic, _url(run), run.script



def _url(run: Run) -> str | None:
    """An external link's address (a link inside the file is no link)."""
    href = run.href or ""
    return href if href.startswith(("http://", "https://", "mailto:")) else None



def _address(text: str, url: str) -> str | None:
    """The word of ``text`` that is the address ``url`` leads to ("www.ohchr.org" for
    http://www.ohchr.org/), without the punctuation around it."""
    target = url.lower().removeprefix("mailto:")
    for word in text.split():
        core = word.strip("()[]<>.,;:«»“”\"'")
        if len(core) > 3 and ("." in core or "@" in core) and core.lower() in target:
            return core
    return None


def _has_symbol(text: str) -> bool:
    return next(iter(find_symbols(text)), None) is not None



def _plain_prefix(tokens: list[tuple[str, Run]], n: int) -> list[tuple[str, Run]]:
    """The first ``n`` characters as plain text, so that a marker printed in bold or
    italics is read as a marker."""
    out = []
    for text, run in tokens:
        if n <= 0:
            out.append((text, run))
            continue
        head, tail = text[:n], text[n:]
        out.append((head, Run(head)))
        if tail:
            out.append((tail, run))
        n -= len(head)
    return out



def _formatted(text: str, bold: bool, italic: bool, url: str | None, script: str) -> list[m.Inline]:
    """``text`` with its formatting; spaces at its edges stay outside emphasis."""
    core = text.strip(" ")
    if not core:
        return [m.Text(text)] if text else []
    lead, trail = text[:len(text) - len(text.lstrip(" "))], text[len(text.rstrip(" ")):]
    node: m.Inline = m.Text(core)
    if script == "sup":
        node = m.Superscript((node,))
    elif script == "sub":
        node = m.Subscript((node,))
    if italic:
        node = m.Emph((node,))
    if bold:
        node = m.Strong((node,))
    if url:
        node = m.Link((node,), url)
    return [x for x in (m.Text(lead) if lead else None, node, m.Text(trail) if trail else None) if x is not None]
