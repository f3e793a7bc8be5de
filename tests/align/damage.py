"""Translators' slips, made on purpose: one numbered paragraph of a version dropped,
two merged, one split, one inserted or two swapped, at a chosen position, with the
paragraphs renumbered 1, 2, 3… afterwards or keeping the numbers they had.

Each edit also says what the right alignment is (:class:`Damaged`: for each numbered
paragraph of the damaged version, the positions of the original's paragraphs it holds),
so a test or a measurement can score the aligner's links against it, and which
structural finding it must give (:func:`expected_finding`).

Sub-items stay sub-items: a paragraph is its lines (the first without its number, the
rest without their indent), written back indented under the new number, so a merge of
two paragraphs with sub-items gives ``(a) (b) (a) (b) (c)`` as a translator's would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

KINDS = ("drop", "merge", "split", "insert", "swap")

#: kind → the alignment check that must name it, once
CHECK = {"drop": "missing-paragraph", "merge": "merged-paragraphs", "split": "split-paragraph",
         "insert": "extra-paragraph", "swap": "order-mismatch"}
#: every check that names a paragraph's place or numbering: one finding per defect, of these
STRUCTURAL = frozenset(CHECK.values()) | {"duplicate-paragraph", "subitem-sequence"}

INSERTED = {
    "en": "The Committee also took note of the observations made by several delegations on the implementation "
          "of the present provision and its practical consequences.",
    "fr": "Le Comité a également pris note des observations formulées par plusieurs délégations au sujet "
          "de la mise en œuvre de la présente disposition et de ses incidences pratiques.",
    "zh": "委员会还注意到若干代表团就本条款的执行及其实际影响提出的意见，并请秘书处在下届会议上提出报告。",
}
_SENTENCE_END = re.compile(r"(?<=[.;:。；：])\s*")
_NUMBERED = re.compile(r"^(\d+)\. ", re.M)
_SUBITEM = re.compile(r"^\([a-z]+\) ")


@dataclass(frozen=True)
class Para:
    """A numbered paragraph: its number as written and its lines (sub-items included)."""

    number: int
    lines: tuple[str, ...]
    origin: tuple[int, ...]  # positions (0-based) of the original's paragraphs it holds


@dataclass(frozen=True)
class Damaged:
    text: str
    gold: tuple[tuple[int, ...], ...]  # per numbered paragraph of the version, in order


def paragraphs(text: str) -> tuple[str, list[Para]]:
    """The file's head (front matter, preamble) and its numbered paragraphs."""
    first = _NUMBERED.search(text)
    assert first is not None, "no numbered paragraph"
    head, body = text[:first.start()], text[first.start():]
    out = []
    for k, chunk in enumerate(re.split(r"\n\n(?=\d+\. )", body.strip("\n"))):
        number, rest = chunk.split(". ", 1)
        lines = [line.strip() for line in rest.split("\n\n") if line.strip()]
        out.append(Para(int(number), tuple(lines), (k,)))
    return head, out


def _write(head: str, paras: list[Para]) -> str:
    chunks = []
    for p in paras:
        marker = f"{p.number}. "
        chunks.append(marker + p.lines[0] + "".join("\n\n" + " " * len(marker) + line for line in p.lines[1:]))
    return head + "\n\n".join(chunks) + "\n"


def _halves(p: Para, lang: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A paragraph cut in two: between its blocks when it has several, else at the
    sentence (or clause) end nearest its middle, else at its middle."""
    if len(p.lines) > 1:
        cut = max(1, len(p.lines) // 2)
        return p.lines[:cut], p.lines[cut:]
    text = p.lines[0]
    ends = [m.end() for m in _SENTENCE_END.finditer(text) if 0 < m.end() < len(text)]
    if not ends:
        ends = [m.end() for m in re.finditer(r"(?<=[,，、])\s*", text) if 0 < m.end() < len(text)]
    if not ends:  # one clause: broken where a line ended, at the space (or character) nearest the middle
        ends = [m.end() for m in re.finditer(r" ", text)] or [len(text) // 2]
    at = min(ends, key=lambda e: abs(e - len(text) / 2))
    return (text[:at].strip(),), (text[at:].strip(),)


def _joined(a: Para, b: Para, lang: str) -> tuple[str, ...]:
    """Two paragraphs' lines as one: running text joined, sub-items kept as blocks."""
    if _SUBITEM.match(a.lines[-1]) or _SUBITEM.match(b.lines[0]):
        return a.lines + b.lines
    joiner = "" if lang == "zh" else " "
    return a.lines[:-1] + (a.lines[-1] + joiner + b.lines[0],) + b.lines[1:]


def damage(text: str, lang: str, kind: str, at: int, renumber: bool) -> Damaged:
    """``text`` with ``kind`` done at paragraph position ``at`` (0-based; a merge or a
    swap takes ``at`` and the next)."""
    head, paras = paragraphs(text)
    p = paras[at]
    if kind == "drop":
        edited = paras[:at] + paras[at + 1:]
    elif kind == "merge":
        q = paras[at + 1]
        edited = paras[:at] + [Para(p.number, _joined(p, q, lang), p.origin + q.origin)] + paras[at + 2:]
    elif kind == "split":
        first, second = _halves(p, lang)
        # unrenumbered, the new part repeats the number, as a translator would leave it
        edited = paras[:at] + [Para(p.number, first, p.origin), Para(p.number, second, p.origin)] + paras[at + 1:]
    elif kind == "insert":
        number = paras[at - 1].number if at else 1
        edited = paras[:at] + [Para(number, (INSERTED[lang],), ())] + paras[at:]
    elif kind == "swap":
        edited = paras[:at] + [paras[at + 1], p] + paras[at + 2:]
    else:
        raise ValueError(kind)
    if renumber:
        edited = [Para(k, e.lines, e.origin) for k, e in enumerate(edited, 1)]
    return Damaged(_write(head, edited), tuple(e.origin for e in edited))


def expected_finding(kind: str, at: int, numbers: list[int]) -> tuple[str, str]:
    """(check id, the original's paragraph it names) for ``kind`` at ``at``;
    ``numbers``: the original's paragraph numbers in order."""
    if kind == "insert":  # after the original's paragraph it follows; before the first, at 1
        return CHECK[kind], str(numbers[at - 1] if at else numbers[0])
    if kind == "swap":
        return CHECK[kind], str(numbers[at + 1])  # the one now standing first
    return CHECK[kind], str(numbers[at])


def damage_file(path: Path, kind: str, at: int, renumber: bool) -> Damaged:
    """Damage the version ``path`` (its language from its name) in place."""
    lang = path.stem
    done = damage(path.read_text(encoding="utf-8"), lang, kind, at, renumber)
    path.write_text(done.text, encoding="utf-8")
    return done
