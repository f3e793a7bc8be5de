"""Footnotes and endnotes as printed: their texts and the calls that point to them.

A note's text is set smaller than the body, below the page's last line of body text
(a footnote) or after the body (endnotes, often under a heading such as "Notes"), and
starts with its mark: a raised figure, or a figure set apart from the text. Notes are
numbered in sequence through the document, so a line is taken for the start of note
*n* only when *n* is the next number and *n* calls have been printed before it; the
lines after it, in the same smaller type, are its text, on the next page too. An
asterisk note ("* The present document was not edited …") belongs to the masthead.

A call is a short raised chunk glued to a word ("submissions¹"); ``layout_read`` pairs
the *k*-th call of a mark with the *k*-th note of that mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from reportgen.importer.layout import Chunk, Line, Run

__all__ = ["NoteText", "find_notes", "is_call", "NOTE_MARK"]

NOTE_MARK = re.compile(r"^(?:\d{1,4}|\*{1,3})$")
_INLINE_MARK = re.compile(r"^\s*(\d{1,4}|\*{1,3})[ \u00a0]+(?=\S)")
_BODY = 0.5  # a line within this many pixels of the body size is body text


@dataclass
class NoteText:
    """One note as printed: its mark and its lines (the mark taken off the first)."""

    mark: str
    lines: list[Line] = field(default_factory=list)

    @property
    def no(self) -> int:
        return self.lines[0].no


def is_call(run: Run) -> bool:
    """Whether a run is printed as a note call: raised, a figure or asterisks."""
    return run.script == "sup" and bool(NOTE_MARK.match(run.text.strip()))


def _mark(line: Line) -> tuple[str, Line] | None:
    """The mark a note's first line starts with, and the line without it."""
    first = line.chunks[0]
    if (first.script == "sup" or first.letters <= 4) and NOTE_MARK.match(first.text.strip()) \
            and len(line.chunks) > 1:
        return first.text.strip(), Line(line.page, line.chunks[1:], line.no)
    hit = _INLINE_MARK.match(first.text)
    if hit is None:
        return None
    rest = first.text[hit.end():]
    if not rest.strip() and len(line.chunks) == 1:
        return None
    runs = _drop_chars(first.runs, hit.end())
    chunk = Chunk(first.top, first.left, first.width, first.height, first.size, runs)
    return hit.group(1), Line(line.page, [chunk] + line.chunks[1:], line.no)


def _drop_chars(runs: tuple[Run, ...], n: int) -> tuple[Run, ...]:
    """``runs`` without their first ``n`` characters (spaces collapsed as ``Chunk.text``)."""
    out: list[Run] = []
    text = "".join(r.text for r in runs)
    collapsed = 0
    k = 0
    # find the position in the raw text that is ``n`` characters into the collapsed text
    while k < len(text) and collapsed < n:
        if text[k].isspace():
            while k + 1 < len(text) and text[k + 1].isspace():
                k += 1
        collapsed += 1
        k += 1
    for r in runs:
        if k >= len(r.text):
            k -= len(r.text)
            continue
        out.append(replace(r, text=r.text[k:]))
        k = 0
    return tuple(out)


def find_notes(pages: list[list[Line]], body_size: float) -> tuple[list[NoteText], set[int]]:
    """The notes printed on ``pages`` (each page's lines in reading order, running heads
    left out), in order, and the line numbers they take."""
    notes: list[NoteText] = []
    taken: set[int] = set()
    expected, calls = 1, 0
    open_note: NoteText | None = None
    for lines in pages:
        last_body = max((k for k, ln in enumerate(lines) if ln.size >= body_size - _BODY), default=-1)
        for ln in lines[:last_body + 1]:
            calls += sum(1 for r in ln.runs if is_call(r) and r.text.strip().isdigit())
            if open_note is not None and open_note.lines[-1].page == ln.page:
                open_note = None  # body text after a note on the same page ends it
        for ln in lines[last_body + 1:]:
            if all(c.script for c in ln.chunks):  # a call pushed to a line of its own
                calls += sum(1 for r in ln.runs if is_call(r) and r.text.strip().isdigit())
                continue
            found = _mark(ln)
            mark = found[0] if found else ""
            if found and (mark.startswith("*") or (mark.isdigit() and int(mark) == expected <= calls)):
                open_note = NoteText(mark, [found[1]])
                notes.append(open_note)
                taken.add(ln.no)
                expected += mark.isdigit()
            elif open_note is not None and _continues(open_note, ln):
                open_note.lines.append(ln)
                taken.add(ln.no)
            else:
                open_note = None
    return notes, taken


def _continues(note: NoteText, line: Line) -> bool:
    """A line after a note's start is its text when it is set in the note's type and
    not to the left of the note's text (a small table after the notes is not)."""
    first = note.lines[0]
    return abs(line.size - first.size) <= _BODY and line.left >= first.left - 2 * first.size
