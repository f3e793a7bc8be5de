"""A unit of a version as a cell of the HTML report shows it: its paragraphs and
sub-items with their markers, footnote calls in the text and the footnotes below,
and the items its findings name marked where they occur. Highlighting splits the
text into pieces (:class:`Segment`) and never builds markup from it: the template
escapes every piece.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from reportgen import model as m
from reportgen.align.findings import SEVERITIES, Unit
from reportgen.l10n import LANGUAGES, language

__all__ = ["Block", "Footnote", "Mark", "PARA", "Segment", "Shown", "highlight", "note_numbers", "shown"]

_RANK = {s: i for i, s in enumerate(SEVERITIES)}  # error first
# spaces inside an item match any space: "12 345" written with a no-break or thin space
_SPACE = "[\\s\u00a0\u202f\u2009\u2007]+"
_CJK = re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\uac00-\ud7af]")
PARA = "¶\u202f"

#: severity, check, items, and the language whose finding it is (its CSS key), for the
#: original's column, which shows every language's findings: "" in a translation's own
Mark = tuple[str, str, tuple[str, ...], str]


@dataclass
class Segment:
    """A piece of a paragraph's text; ``severity`` set when it is marked; ``note``
    (with no text) where a footnote is called."""

    text: str
    severity: str | None = None
    checks: tuple[str, ...] = ()
    note: str = ""
    by: tuple[tuple[str, str], ...] = ()  # (language, its gravest severity) whose findings name it

    @property
    def title(self) -> str:
        return ", ".join(self.checks)

    @property
    def languages(self) -> str:
        """The classes that let a view mark the piece only for its own language's findings
        (``by-fr by-fr-error``): the original beside French shows French's findings."""
        return "".join(f" by-{lang} by-{lang}-{severity}" for lang, severity in self.by)


@dataclass
class Block:
    """A paragraph of a unit, or of one of its sub-items (``marker`` "(a)")."""

    segments: list[Segment]
    marker: str = ""
    level: int = 0


@dataclass
class Footnote:
    number: str
    segments: list[Segment]


@dataclass
class Shown:
    """A unit of one version as its cell shows it."""

    number: int | None
    here: str  # "here ¶ 11" where the version's number differs from the original's
    blocks: list[Block]
    notes: list[Footnote]
    line: int | None


def _marker(code: str, index: int, level: int) -> str:
    try:
        return language(code).subitem_marker(index, level) if code in LANGUAGES else f"({index})"
    except ValueError:  # a level the language does not number
        return f"({index})"


def note_numbers(doc: m.Document) -> dict[int, str]:
    """The number of every footnote of ``doc`` (in order), by identity."""
    out: dict[int, str] = {}
    for x, _, _ in m.walk(doc.blocks):
        if isinstance(x, m.Note):
            out[id(x)] = str(len(out) + 1)
    return out


def _here(unit: Unit, original: int | None, always: bool = False) -> str:
    """"here ¶ 11" where the version's number differs from the original's (``always``
    in a split, whose units each say where they stand)."""
    if unit.number == original and not always:
        return ""
    return f"here {PARA}{unit.number}" if unit.number is not None else "here unnumbered"


def shown(unit: Unit, code: str, marks: list[Mark], notes: dict[int, str], original: int | None,
           kind: str) -> Shown:
    """``unit`` as its cell shows it: paragraphs and sub-items with their markers,
    footnote calls in the text and the footnotes below, the items of ``marks``
    marked; ``original`` is the number of the original's unit it answers to."""
    paragraphs: list[tuple[str, list[tuple[int, str]], str, int]] = []  # text, footnote calls, marker, level
    bodies: list[tuple[str, str]] = []  # footnote number, text
    pending = ""

    def collect(items: tuple[m.Block, ...], level: int) -> None:
        nonlocal pending
        for b in items:
            if isinstance(b, m.Para):
                text, calls = _flat(b.content, notes, bodies)
                paragraphs.append((text, calls, pending, level))
                pending = ""
            elif isinstance(b, m.SubItem):
                pending = f"{pending} {_marker(code, b.index, b.level)}".strip()
                collect(b.blocks, b.level)

    collect((unit.block,) if isinstance(unit.block, m.Para) else unit.block.blocks if unit.block else (), 0)
    # an item found whole somewhere in the unit is not also marked inside a longer number elsewhere
    texts = [p[0] for p in paragraphs] + [body for _, body in bodies]
    whole = frozenset(item for _, _, items, _ in marks for item in items
                      if any(_found(t, item) for t in texts))
    blocks = [Block(_with_notes(highlight(text, marks, whole=whole), calls), marker, level)
              for text, calls, marker, level in paragraphs]
    footnotes = [Footnote(number, highlight(body, marks, whole=whole)) for number, body in bodies]
    here = "" if kind == "original" else _here(unit, original, always=kind == "split")
    return Shown(unit.number, here, blocks, footnotes, unit.line)


def _flat(content: tuple[m.Inline, ...], notes: dict[int, str],
          bodies: list[tuple[str, str]]) -> tuple[str, list[tuple[int, str]]]:
    """The text of ``content`` as ``model.stringify`` reads it (footnotes apart), and where
    each footnote is called; the footnotes (number, text) go to ``bodies``."""
    parts: list[str] = []
    calls: list[tuple[int, str]] = []
    size = 0

    def walk(items: tuple[m.Inline, ...]) -> None:
        nonlocal size
        for x in items:
            if isinstance(x, m.Note):
                number = notes.get(id(x), "*")
                calls.append((size, number))
                bodies.append((number, " ".join(m.stringify(b.content).strip() for b in m.walk_blocks(x.blocks)
                                                if isinstance(b, m.Para))))
            elif isinstance(x, m.FORMATTING):
                walk(x.content)
            else:
                piece = m.stringify((x,))
                parts.append(piece)
                size += len(piece)

    walk(content)
    text = "".join(parts)
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    return text, [(min(max(p - lead, 0), len(text)), n) for p, n in calls]


def _with_notes(segments: list[Segment], calls: list[tuple[int, str]]) -> list[Segment]:
    """``segments`` with a footnote call at each position of ``calls``."""
    if not calls:
        return segments
    out: list[Segment] = []
    pending = sorted(calls)
    start = 0
    for s in segments:
        end = start + len(s.text)
        cut = start
        while pending and pending[0][0] <= end:
            p, number = pending.pop(0)
            if p > cut:
                out.append(replace(s, text=s.text[cut - start:p - start]))
            out.append(Segment("", note=number))
            cut = max(cut, p)
        if cut < end:
            out.append(replace(s, text=s.text[cut - start:]))
        start = end
    out.extend(Segment("", note=n) for _, n in pending)
    return out


# ------------------------------------------------------------ highlighting


def _pattern(item: str) -> re.Pattern[str] | None:
    """``item`` as a regular expression: its spaces match any space, and it does
    not match inside a longer number or word ("12" is not marked in "123")."""
    words = item.split()
    if not words:
        return None
    body = _SPACE.join(re.escape(w) for w in words)
    return re.compile(_boundary(item[0], before=True) + body + _boundary(item[-1], before=False))


def _boundary(c: str, *, before: bool) -> str:
    if c.isdigit():  # nor the "12" of "12,345.5" or "12 345"
        return r"(?<!\d)(?<!\d[.,])" if before else r"(?!\d|[.,]\d|[ \u00a0\u202f\u2009]\d{3}(?!\d))"
    if c.isalpha() and not _CJK.match(c):
        cls = r"[^\W_]" if c.isalnum() else r"\w"
    else:
        return ""
    return f"(?<!{cls})" if before else f"(?!{cls})"


def _spans(text: str, item: str, whole: bool = False) -> list[tuple[int, int]]:
    pattern = _pattern(item.strip())
    if pattern is None:
        return []
    spans = [m.span() for m in pattern.finditer(text) if m.end() > m.start()]
    if not spans and not whole:  # written inside a word, e.g. "第12段": still show where it is
        spans = [m.span() for m in re.finditer(re.escape(item.strip()), text)]
    return spans


def _found(text: str, item: str) -> bool:
    pattern = _pattern(item.strip())
    return pattern is not None and pattern.search(text) is not None


def highlight(text: str, marks: list[Mark], *, whole: frozenset[str] = frozenset()) -> list[Segment]:
    """Split ``text`` into plain and marked segments. ``marks`` holds (severity,
    check, items, language); every occurrence of every item is marked, the longest item
    winning where two overlap; a segment takes the gravest severity of the
    findings that name it, and records per language the gravest of that language's
    (a shorter item of another language inside it counts for it too). An item not
    found whole is looked for inside words, unless it is in ``whole`` (found whole
    elsewhere in the same unit)."""
    candidates: list[tuple[int, int, str, str, str]] = []
    for severity, check, items, lang in marks:
        for item in items:
            if item and item.strip():
                candidates.extend((s, e, severity, check, lang) for s, e in _spans(text, item, item in whole))
    # longest first, then leftmost; keep what does not overlap an accepted span
    chosen: dict[tuple[int, int], tuple[str, set[str], dict[str, str]]] = {}
    for s, e, severity, check, lang in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0])):
        if (s, e) in chosen:
            old, checks, by = chosen[(s, e)]
            checks.add(check)
            _gravest(by, lang, severity)
            if _RANK.get(severity, 9) < _RANK.get(old, 9):
                chosen[(s, e)] = (severity, checks, by)
            continue
        over = [span for span in chosen if s < span[1] and span[0] < e]
        if over:
            for span in over:
                _gravest(chosen[span][2], lang, severity)
            continue
        chosen[(s, e)] = (severity, {check}, _gravest({}, lang, severity))
    segments: list[Segment] = []
    position = 0
    for (s, e), (severity, checks, by) in sorted(chosen.items()):
        if s > position:
            segments.append(Segment(text[position:s]))
        segments.append(Segment(text[s:e], severity, tuple(sorted(checks)), by=tuple(sorted(by.items()))))
        position = e
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments


def _gravest(by: dict[str, str], lang: str, severity: str) -> dict[str, str]:
    """Record ``severity`` for ``lang`` in ``by`` unless a graver one is there; "" (a
    translation's own column) is not recorded."""
    if lang and _RANK.get(severity, 9) < _RANK.get(by.get(lang, ""), 9):
        by[lang] = severity
    return by
