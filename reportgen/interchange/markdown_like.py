"""Text in a translation's target that a source file would read as Markdown (``xliff import``).

A target is text: what a translator types in a CAT tool is written as typed, escaped in
the source, which is right. But ``*Digest*`` was probably meant as italics, and ``[^1]``
as a footnote call, so the import says so, one warning each. Whether a piece of text is
syntax is decided by the source reader itself (``InlineReader``), never by a second
detector that could disagree with it.
"""

from __future__ import annotations

from reportgen import model as m
from reportgen.source.inline import InlineReader

# Stands for an inline code (symbol, reference, footnote, line break) in the text given to
# the source reader, so that syntax around one (``*see <x/>*``) is still seen.
_CODE = "\ufffc"
_FORMAT_WORDS = {m.Emph: "italics", m.Strong: "bold", m.Superscript: "superscript", m.Subscript: "subscript"}
_DELIMITERS = {"*": "asterisks", "_": "underscores", "^": "carets", "~": "tildes"}


def markdown_in(content: tuple[m.Inline, ...]) -> list[str]:
    """What in a target's content a source file would read as Markdown: a warning for each.

    It is syntax when the source reader reads the text (each inline code one object
    character) as anything but the same plain text, or with an error or a warning."""
    flat = _flatten(content)
    if not flat.strip():
        return []
    said: list[str] = []
    calls: list[str] = []

    def note_for(name: str, line: int) -> None:
        calls.append(f"[^{name}]")
        return None

    read = InlineReader(lambda line, message: said.append(message), note_for,
                        lambda line, message: said.append(message)).read([(1, flat)])
    found: list[tuple[int, str]] = []
    for x in read:
        match x:
            case m.Text():
                continue
            case m.Emph() | m.Strong() | m.Superscript() | m.Subscript():
                at, shown, delimiter = _delimited(flat, _flatten(x.content))
                what = _FORMAT_WORDS[type(x)]
                found.append((at, f"'{shown}' is written as text with its {delimiter}, not as {what}: "
                                  f"use your CAT tool's formatting (the source's inline codes) for {what}"))
            case m.Link():
                at, shown = _span(flat, f"[{_flatten(x.content)}](", ")")
                found.append((at, f"'{shown}' is written as text, not as a link: a link is the source's "
                                  '<g ctype="link"> inline code, kept around its text'))
            case m.Ref():
                at, shown = _span(flat, f"@{x.first}", f"@{x.last}" if x.last else "")
                found.append((at, f"'{shown}' is written as text, not as a reference: a reference is the "
                                  'source\'s <x ctype="x-reference"/> inline code'))
            case _:  # a line break ("\" at a line end); a note cannot come back (note_for)
                found.append((0, _as_typed(flat, _first_difference(flat, read))))
    for call in calls:
        at = flat.find(call)
        found.append((at, f"'{_shown(call)}' is written as text, not as a footnote call: a footnote is the "
                          'source\'s <x ctype="x-footnote"/> inline code'))
    if not found and (said or _plain(read) != flat):
        where = _first_difference(flat, read)
        where = _first_complaint(flat) if where is None else where
        found.append((where, _as_typed(flat, where)))
    return [message for _, message in sorted(found, key=lambda f: f[0])]


def _flatten(items: tuple[m.Inline, ...]) -> str:
    """The text the translator typed, each inline code (and line break) one object character."""
    return m.stringify(items, line_break=_CODE, codes=_CODE).replace("\r", " ").replace("\n", " ")


def _plain(items: tuple[m.Inline, ...]) -> str:
    return "".join(x.text if isinstance(x, m.Text) else _CODE for x in items)


def _delimited(flat: str, inner: str) -> tuple[int, str, str]:
    """Where formatted text is in ``flat``, with the delimiters around it, and their name."""
    at = flat.find(inner)
    if at < 0:  # pragma: no cover - the reader keeps the text it formats
        return 0, _shown(inner), "delimiters"
    start, end = at, at + len(inner)
    while start > 0 and flat[start - 1] in _DELIMITERS:
        start -= 1
    while end < len(flat) and flat[end] in _DELIMITERS:
        end += 1
    delimiter = flat[start] if start < at else "*"
    return start, _shown(flat[start:end]), _DELIMITERS[delimiter]


def _span(flat: str, opening: str, closing: str) -> tuple[int, str]:
    """Where ``opening`` is in ``flat``, and the text from it to the end of ``closing``."""
    at = flat.find(opening)
    if at < 0:  # pragma: no cover - the reader read it from this text
        return 0, _shown(opening)
    end = flat.find(closing, at + len(opening)) if closing else -1
    return at, _shown(flat[at:end + len(closing)] if end >= 0 else opening)


def _first_difference(flat: str, read: tuple[m.Inline, ...]) -> int | None:
    """Where the reader's text first differs from what was typed (an escape, an entity,
    a comment dropped), or None when it is the same."""
    plain = _plain(read)
    for k, (a, b) in enumerate(zip(flat, plain)):
        if a != b:
            return k
    return None if len(flat) == len(plain) else min(len(flat), len(plain))


def _first_complaint(flat: str) -> int:
    """Where the reader first complains about text it reads the same (``{#name}`` mid-text,
    a stray ``*``): the start of the word that makes it complain, reading ever longer runs
    of words (only for a unit already known to hold one, so the cost is paid rarely)."""
    said: list[str] = []
    reader = InlineReader(lambda line, message: said.append(message), lambda name, line: None,
                          lambda line, message: said.append(message))
    for end in (k for k, ch in enumerate(flat + " ") if ch == " " and k):
        reader.read([(1, flat[:end])])
        if said:
            return flat.rfind(" ", 0, end) + 1
    return 0


def _as_typed(flat: str, at: int | None) -> str:
    """The warning for syntax that is none of formatting, a link, a reference or a
    footnote call: the word where it is, written as typed."""
    start = flat.rfind(" ", 0, at or 0) + 1
    end = flat.find(" ", at or 0)
    word = flat[start:end if end >= 0 else len(flat)]
    return (f"'{_shown(word)}' is written as text, as typed, though it looks like Markdown (which a target "
            "does not use): for formatting, links, footnotes and references use the source's inline codes")


def _shown(text: str, limit: int = 40) -> str:
    text = text.replace(_CODE, "…")
    return text if len(text) <= limit else text[:limit - 1] + "…"
