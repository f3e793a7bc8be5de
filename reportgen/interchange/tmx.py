"""TMX 1.4b translation memories from the content alignment (``reportgen tmx``).

One ``<tu>`` per translatable unit of the original, as ``xliff export`` names them
(``units.py``): a heading, a numbered or unnumbered paragraph's first block, each of
its further blocks, each sub-item, each footnote (and the footnote's own blocks and
sub-items), each with its own ``<prop>``s: ``x-unit`` (the unit's id, ``p12.a.ii``),
``x-kind`` (heading, paragraph, block, sub-item, footnote), ``x-paragraph`` (the
original's paragraph number) and ``x-item`` (the sub-item's markers, ``(a)(ii)``).
Paragraphs are paired by the content alignment, not by number (a version that left a
paragraph out and renumbered the rest still pairs the right texts); inside a paragraph
aligned one to one, the units pair by their place in it (``.a.ii``, ``.fn1``, ``.2``);
a heading pairs by its number, or, unnumbered, by the paragraph it follows. Where a
version merged two paragraphs of the original (a 2–1 link), or split one (1–2), the
paragraphs of the group make one unit in every language (kind ``paragraphs``), their
units' texts joined: with a space, or with nothing in a language written without spaces
(``diff_tokens: characters``, Chinese). A version with nothing paired to a unit has no
``<tuv>`` in it; a paragraph a version added (0–1) is in no unit.

The text of a ``<seg>`` is the unit's text as printed: plain, document symbols and
references as printed, footnote marks left out (a footnote is a unit of its own);
a sub-item's marker is not in its text, so no text is joined with another (no space
inserted into Chinese). The front matter's fields are not in the memory.

Written with translate-toolkit's ``tmxfile``, whose units take any number of
``<tuv>``s through ``settarget(text, lang, append=True)``; the ``<prop>``s are added to
each unit's element with lxml, as ``tmxunit`` only writes ``x-context``. The bytes
depend on the inputs only: no clock (each unit's ``creationdate`` is its report's date
of issue), a fixed order (reports as given, folders of reports by name; units in the
original's order; the original's language first, then the others in code order).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from lxml import etree
from translate.storage.tmx import tmxfile

from reportgen import model as m
from reportgen.align.result import AlignmentResult
from reportgen.errors import UserError
from reportgen.interchange.units import units
from reportgen.l10n import LANGUAGES, language
from reportgen.source import language_files

__all__ = ["MemoryUnit", "memory_units", "report_folders", "write_tmx", "join_tmx"]


@dataclass(frozen=True)
class MemoryUnit:
    """One translation unit: the texts of a unit by language, original first."""

    report: str
    symbol: str
    date: dt.date
    original: str
    paragraphs: tuple[int, ...]  # the original's paragraph numbers in it (none if unnumbered)
    texts: tuple[tuple[str, str], ...]  # (language code, text)
    unit: str = ""  # the original's unit id (``p12.a``); the first one's, for joined paragraphs
    kind: str = "paragraph"  # heading | paragraph | block | sub-item | footnote | paragraphs
    item: str = ""  # a sub-item's markers in the original, ``(a)(ii)``


def report_folders(paths: Iterable[Path]) -> list[Path]:
    """The report folders named, a folder holding report folders (``sources/``) standing
    for those, by name. A path that is neither is reported as a report folder would be."""
    out: list[Path] = []
    for path in paths:
        try:
            language_files(path)
        except UserError:
            inner = [d for d in sorted(path.iterdir()) if d.is_dir() and _holds_versions(d)] if path.is_dir() else []
            if not inner:
                raise
            out += inner
        else:
            out.append(path)
    return out


def _holds_versions(folder: Path) -> bool:
    return any((folder / f"{code}.md").is_file() for code in LANGUAGES)


def memory_units(result: AlignmentResult, date: dt.date) -> list[MemoryUnit]:
    """The units of one aligned report (``result`` with its versions kept:
    ``Project.align(keep_model=True)``)."""
    codes = [result.original] + [c for c in result.languages if c != result.original and c in result.pairs]
    found = {code: _Units(result, code) for code in codes}
    ours = found[result.original]
    groups = _groups(result, len(ours.segments))
    split = {i for c in codes[1:] for link in result.pairs[c].links if len(link.version) > 1 for i in link.original}
    joined = {i: tuple(g) for g in groups for i in g if len(g) > 1 or any(k in split for k in g)}
    prefixes = {code: _paired_prefixes(result, code, ours, found[code]) for code in codes[1:]}
    linked = {code: _linked(result, code) for code in codes[1:]}
    out: list[MemoryUnit] = []
    done: set[tuple[int, ...]] = set()

    def unit(texts: list[tuple[str, str]], numbers: tuple[int, ...], uid: str, kind: str, item: str) -> None:
        out.append(MemoryUnit(result.report, result.symbol, date, result.original, numbers, tuple(texts),
                              uid, kind, item))

    for u in ours.units:
        prefix = _prefix(u.id)
        segment = ours.segment_of.get(prefix) if prefix is not None else None
        numbers = (ours.segments[segment].number,) if segment is not None else ()
        if segment is not None and segment in joined:
            group = joined[segment]
            if group not in done:
                done.add(group)
                texts = [(result.original, ours.joined(group))]
                for code in codes[1:]:
                    mine = linked[code]
                    if all(i in mine for i in group):
                        text = found[code].joined(tuple(sorted({j for i in group for j in mine[i]})))
                        if text:
                            texts.append((code, text))
                if texts[0][1]:
                    unit(texts, tuple(n for i in group if (n := ours.segments[i].number) is not None),
                         u.id, "paragraphs", "")
            continue
        text = _text(u.content)
        if not text:
            continue
        texts = [(result.original, text)]
        for code in codes[1:]:
            their_id = _their_id(u.id, prefix, prefixes[code])
            theirs = found[code].by_id.get(their_id) if their_id is not None else None
            if theirs is not None and (translated := _text(theirs.content)):
                texts.append((code, translated))
        kind, item = _kind(u.id, u.heading, prefix)
        unit(texts, () if u.heading else tuple(n for n in numbers if n is not None), u.id, kind, item)
    return out


class _Units:
    """A version's units (``units.py``, front matter left out) and its aligned segments
    (paragraphs) by the id of their first unit."""

    def __init__(self, result: AlignmentResult, code: str) -> None:
        version = result.versions[code]
        self.segments = version.segments
        self.units = [u for u in units(version.doc) if not u.meta]
        self.by_id = {u.id: u for u in self.units}
        # a paragraph's first block is the unit of its id and starts on its line; a
        # paragraph that opens with a sub-item (``11. (a) …``) has none: found by number
        by_line = {u.line: u.id for u in self.units if u.line is not None and _prefix(u.id) == u.id}
        prefixes = {p for u in self.units if (p := _prefix(u.id)) is not None}
        self.index_of: dict[str, int] = {}
        for i, s in enumerate(self.segments):
            uid = by_line.get(s.line) if s.line is not None else None
            if uid is None and s.number is not None and f"p{s.number}" in prefixes:
                uid = f"p{s.number}"
            if uid is not None and uid not in self.index_of:
                self.index_of[uid] = i
        self.segment_of = self.index_of
        self.separator = "" if language(code).diff_tokens == "characters" else " "

    def joined(self, segments: tuple[int, ...]) -> str:
        """The texts of the units of these paragraphs (footnotes left out), joined."""
        ids = {uid for uid, i in self.index_of.items() if i in segments}
        texts = [_text(u.content) for u in self.units
                 if (p := _prefix(u.id)) in ids and not u.heading and ".fn" not in u.id[len(p):]]
        return self.separator.join(t for t in texts if t)


# The paragraph a unit id belongs to: an unnumbered paragraph (``top.u8``, ``ch3.A.u2``,
# ``~2`` for a repeated id) or a numbered one (``p12``), followed by the end or a part.
_UNNUMBERED = re.compile(r"^(.*?\.u\d+(?:~\d+)?)(?=\.|$)")
_NUMBERED = re.compile(r"^(p\d+(?:~\d+)?)(?=\.|$)")


def _prefix(uid: str) -> str | None:
    found = _UNNUMBERED.match(uid) or _NUMBERED.match(uid)
    return found.group(1) if found else None


def _paired_prefixes(result: AlignmentResult, code: str, ours: _Units, theirs: _Units) -> dict[str, str]:
    """The original's paragraph ids → the version's, from the alignment's 1–1 links."""
    ids = {i: uid for uid, i in theirs.index_of.items()}
    mine = {i: uid for uid, i in ours.index_of.items()}
    return {mine[l.original[0]]: ids[l.version[0]] for l in result.pairs[code].links
            if len(l.original) == len(l.version) == 1 and l.original[0] in mine and l.version[0] in ids}


def _their_id(uid: str, prefix: str | None, paired: dict[str, str]) -> str | None:
    """A unit's id in a version: its paragraph's counterpart with the same place in it;
    a numbered heading's own id."""
    if prefix is None:
        return uid
    return paired[prefix] + uid[len(prefix):] if prefix in paired else None


_PART = re.compile(r"^(?:fn\d+|\d+|[a-z]+)$")


def _kind(uid: str, heading: bool, prefix: str | None) -> tuple[str, str]:
    """A unit's kind and its sub-item markers (``(a)(ii)``), from its id's parts."""
    if heading:
        return "heading", ""
    parts = uid[len(prefix):].split(".")[1:] if prefix is not None else []
    notes = [k for k, p in enumerate(parts) if p.startswith("fn")]
    own = parts[notes[-1] + 1:] if notes else parts  # a footnote's own blocks and sub-items
    items = [p.split("~")[0] for p in own if not p.split("~")[0].isdigit()]
    item = "".join(f"({p})" for p in items)
    if notes and not own:
        return "footnote", ""
    if own and own[-1].split("~")[0].isdigit():
        return "block", item
    return ("sub-item" if items else "paragraph"), item


def _groups(result: AlignmentResult, count: int) -> list[list[int]]:
    """The original's segments grouped where any version merged them, in order."""
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for pair in result.pairs.values():
        for link in pair.links:
            for i in link.original[1:]:
                parent[root(i)] = root(link.original[0])
    groups: dict[int, list[int]] = {}
    for i in range(count):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values())


def _linked(result: AlignmentResult, code: str) -> dict[int, tuple[int, ...]]:
    """Original segment → the version's segments aligned with it (its link's)."""
    out: dict[int, tuple[int, ...]] = {}
    for link in result.pairs[code].links:
        if link.version:
            for i in link.original:
                out[i] = link.version
    return out


def _text(content: tuple[m.Inline, ...]) -> str:
    """A unit's text as printed, footnote marks left out (a footnote is its own unit)."""
    return m.stringify(content).strip()


def write_tmx(units: Sequence[MemoryUnit]) -> bytes:
    """The TMX 1.4b document of ``units``; ``srclang`` is the original's language, or
    ``*all*`` when the units come from reports with different originals."""
    originals = {u.original for u in units}
    store = tmxfile(sourcelanguage=originals.pop() if len(originals) == 1 else "*all*")
    header = store.document.getroot().find("header")
    header.set("creationtool", "reportgen")
    header.set("creationtoolversion", _version())
    header.set("segtype", "paragraph")
    header.set("o-tmf", "reportgen")
    header.set("datatype", "plaintext")
    counts: dict[str, int] = {}
    for u in units:
        (lang, text), *others = u.texts
        tu = store.addsourceunit(text, lang)
        for code, translated in others:
            tu.settarget(translated, code, append=True)
        counts[u.report] = counts.get(u.report, 0) + 1
        element = tu.xmlelement
        element.set("tuid", f"{u.report}:{counts[u.report]}")
        element.set("creationdate", u.date.strftime("%Y%m%dT000000Z"))
        props = [("x-report", u.report), ("x-symbol", u.symbol), ("x-unit", u.unit), ("x-kind", u.kind)]
        if u.paragraphs:
            props.append(("x-paragraph", ", ".join(map(str, u.paragraphs))))
        if u.item:
            props.append(("x-item", u.item))
        for k, (kind, value) in enumerate(props):  # props stand before the tuvs (TMX DTD)
            prop = etree.Element("prop", type=kind)
            prop.text = value
            element.insert(k, prop)
    return bytes(store)


def join_tmx(documents: Sequence[bytes]) -> bytes:
    """One TMX document holding the units of several documents :func:`write_tmx` wrote,
    each ``<tu>`` byte for byte as it was (its ``srclang`` its report's original); the
    header's ``srclang`` is their common original, or ``*all*``. So ``reportgen corpus``
    writes each report's memory where the report was aligned, in parallel, and joins the
    shards cheaply: writing a unit through translate-toolkit costs some 0.5 ms."""
    bodies: list[bytes] = []
    originals: set[bytes] = set()
    for document in documents:
        head, opened, rest = document.partition(b"  <body>\n")
        if not opened:  # ``<body/>``: no unit
            continue
        found = re.search(rb'<header [^>]*srclang="([^"]*)"', head)
        assert found is not None, "a document write_tmx wrote"
        originals.add(found.group(1))
        bodies.append(rest[:rest.rindex(b"  </body>\n")])
    shell = write_tmx([])
    if len(originals) == 1:
        shell = shell.replace(b'srclang="*all*"', b'srclang="' + originals.pop() + b'"', 1)
    if not bodies:
        return shell
    return shell.replace(b"  <body/>\n", b"  <body>\n" + b"".join(bodies) + b"  </body>\n", 1)


def _version() -> str:
    try:
        return version("reportgen")
    except PackageNotFoundError:  # pragma: no cover - run from a checkout without installing
        return "unknown"
