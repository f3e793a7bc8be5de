"""A unit's inline content ↔ translate-toolkit's rich strings with XLIFF inline codes.

What a translator must not break becomes a placeholder (translate-toolkit's
``placeables.xliff`` classes, written as XLIFF 1.2 inline elements):

- ``<x ctype="x-symbol">`` a document symbol (``equiv-text`` shows it), ``<x
  ctype="x-reference">`` an ``@label`` reference or range, ``<x ctype="x-footnote">``
  a footnote mark (the footnote's text is a unit of its own, named in ``equiv-text``),
  ``<x ctype="lb">`` a line break;
- ``<g ctype="link">`` a link around translatable text;
- ``<g ctype="italic|bold|x-superscript|x-subscript">`` formatting.

Placeholder ids are stable within a unit: a kind prefix and the count of that kind in
the source (``s1``, ``r2``, ``fn1``, ``l1``, ``g3``, ``br1``). Symbols, references,
footnotes and links are *strict*: the target must hold each of the source's exactly
once, in the source's order (a footnote's number follows its place). Formatting and line
breaks are free: a translation may set a title without italics (Chinese) or add a
superscript (French ``1^er^``), so their ids are not checked and their ``ctype`` says
what they are.

Formatting nests to any depth in a target, but the model holds what it means: bold
inside bold is bold (four nested ``<g ctype="bold">`` are one ``Strong``), so a CAT tool's
redundant tags never turn into literal ``**__**`` markers. A link must keep text (an
empty ``<g ctype="link">`` would silently drop it) and cannot hold another link.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import assert_never, cast

from lxml import etree
from translate.storage.placeables import StringElem
from translate.storage.placeables import xliff as px

from reportgen import model as m
from reportgen.resolve.symbols import canonical, find_symbols, is_symbol

FORMATS: dict[str, type[m.Emph] | type[m.Strong] | type[m.Superscript] | type[m.Subscript]] = {
    "italic": m.Emph, "bold": m.Strong, "x-superscript": m.Superscript, "x-subscript": m.Subscript}
_CTYPE = {cls: ctype for ctype, cls in FORMATS.items()}
STRICT = ("symbol", "reference", "footnote", "link")
_PREFIX = {"symbol": "s", "reference": "r", "footnote": "fn", "link": "l", "format": "g", "break": "br"}


@dataclass(frozen=True)
class Placeholder:
    """One inline code of a unit. ``key`` matches a version's placeholder to the
    source's (the canonical symbol, the labels, the formatting kind); ``inline`` is what
    it stands for in that document (a symbol as written: text or ``[SYMBOL](#)`` link)."""

    pid: str
    kind: str
    key: object
    inline: m.Inline
    number: int  # 1-based count of its kind in the unit (a footnote's k)


@dataclass
class Rich:
    """A unit's content as a rich string, with its placeholders by id."""

    elem: StringElem
    placeholders: dict[str, Placeholder] = field(default_factory=dict)

    def strict(self) -> list[str]:
        return [p.pid for p in self.placeholders.values() if p.kind in STRICT]


class _ToRich:
    def __init__(self, footnote_label: Callable[[int], str]) -> None:
        self.counts: dict[str, int] = {}
        self.found: dict[str, Placeholder] = {}
        self.footnote_label = footnote_label

    def add(self, kind: str, key: object, inline: m.Inline) -> Placeholder:
        n = self.counts[kind] = self.counts.get(kind, 0) + 1
        p = Placeholder(f"{_PREFIX[kind]}{n}", kind, key, inline, n)
        self.found[p.pid] = p
        return p

    def many(self, items: tuple[m.Inline, ...]) -> list[str | StringElem]:
        out: list[str | StringElem] = []
        for x in items:
            out += self.one(x)
        return out

    def one(self, x: m.Inline) -> list[str | StringElem]:
        match x:
            case m.Text():
                return self.text(x.text)
            case m.LineBreak():
                p = self.add("break", None, x)
                return [px.X(id=p.pid, xml_attrib={"ctype": "lb"})]
            case m.Emph() | m.Strong() | m.Superscript() | m.Subscript():
                p = self.add("format", _CTYPE[type(x)], x)
                return [px.G(id=p.pid, sub=self.many(x.content), xml_attrib={"ctype": _CTYPE[type(x)]})]
            case m.Link() if x.url in ("#", "") and is_symbol(_flat(x.content).strip()):
                return [self.symbol(_flat(x.content).strip(), x)]
            case m.Link():
                p = self.add("link", None, x)
                return [px.G(id=p.pid, sub=self.many(x.content), xml_attrib={"ctype": "link"})]
            case m.SymbolRef():
                return [self.symbol(x.text, x)]
            case m.Ref():
                text = f"@{x.first}" + (f"–@{x.last}" if x.last else "")
                p = self.add("reference", (x.first, x.last), m.Ref(x.first, x.last))
                return [px.X(id=p.pid, xml_attrib={"ctype": "x-reference", "equiv-text": text})]
            case m.ResolvedRef():
                p = self.add("reference", (x.label, None), m.Ref(x.label))
                return [px.X(id=p.pid, xml_attrib={"ctype": "x-reference", "equiv-text": f"@{x.label}"})]
            case m.Note():
                p = self.add("footnote", None, x)
                return [px.X(id=p.pid, xml_attrib={"ctype": "x-footnote",
                                                   "equiv-text": self.footnote_label(p.number)})]
            case _:
                assert_never(x)

    def text(self, text: str) -> list[str | StringElem]:
        out: list[str | StringElem] = []
        pos = 0
        for found in find_symbols(text):
            if found.start > pos:
                out.append(text[pos:found.start])
            out.append(self.symbol(found.symbol, m.Text(found.symbol)))
            pos = found.start + len(found.symbol)
        if pos < len(text):
            out.append(text[pos:])
        return out

    def symbol(self, text: str, inline: m.Inline) -> StringElem:
        p = self.add("symbol", canonical(text), inline)
        return px.X(id=p.pid, xml_attrib={"ctype": "x-symbol", "equiv-text": text})


def _flat(items: tuple[m.Inline, ...]) -> str:
    return "".join(x.text for x in items if isinstance(x, m.Text))


def to_rich(content: tuple[m.Inline, ...], footnote_label: Callable[[int], str]) -> Rich:
    """A unit's content as a rich string; ``footnote_label(k)`` is the text shown for
    its k-th footnote mark."""
    walk = _ToRich(footnote_label)
    elem = StringElem(walk.many(content))
    return Rich(elem, walk.found)


def matched(source: Rich, version: Rich) -> Rich:
    """A version's rich string with its placeholder ids made the source's: the n-th
    placeholder of a key in the version takes the id of the n-th of that key in the
    source (footnotes and links by their order). One the source lacks keeps an id the
    source does not have (``x-s1``), or for formatting the next free one."""
    by_key: dict[tuple[str, object], list[str]] = {}
    for p in source.placeholders.values():
        by_key.setdefault(_match_key(p), []).append(p.pid)
    taken: dict[tuple[str, object], int] = {}
    rename: dict[str, str] = {}
    free = {kind: max((p.number for p in source.placeholders.values() if p.kind == kind), default=0)
            for kind in _PREFIX}
    for p in version.placeholders.values():
        key = _match_key(p)
        n = taken[key] = taken.get(key, 0) + 1
        candidates = by_key.get(key, [])
        if n <= len(candidates):
            rename[p.pid] = candidates[n - 1]
        elif p.kind in STRICT:
            rename[p.pid] = f"x-{p.pid}"
        else:
            free[p.kind] += 1
            rename[p.pid] = f"{_PREFIX[p.kind]}{free[p.kind]}"
    _rename(version.elem, rename)
    return Rich(version.elem, {rename[pid]: p for pid, p in version.placeholders.items()})


def _match_key(p: Placeholder) -> tuple[str, object]:
    return (p.kind, p.key)


def _rename(elem: StringElem, rename: dict[str, str]) -> None:
    for sub in elem.sub:
        if isinstance(sub, StringElem):
            if isinstance(sub, (px.X, px.G)) and sub.id in rename:
                sub.id = rename[sub.id]
            _rename(sub, rename)


# --------------------------------------------------------------------- back


NoteFor = Callable[[int, m.Note], m.Note]


class FromRich:
    """A target rich string → inline content, checked against the source's placeholders.
    ``version`` holds the existing version's placeholders (by the source's ids), whose
    symbol forms and link addresses are kept; ``note_for(k, note)`` builds footnote k."""

    def __init__(self, source: Rich, version: Rich | None, note_for: NoteFor) -> None:
        self.source = source
        self.version = version.placeholders if version else {}
        self.note_for = note_for
        self.problems: list[str] = []
        self.seen: list[str] = []
        self.active: list[type] = []  # the formatting (and Link) around the element being read

    def read(self, elem: StringElem) -> tuple[m.Inline, ...]:
        content = tuple(self.many(elem))
        expected = self.source.strict()
        for pid in dict.fromkeys(self.seen):
            if self.seen.count(pid) > 1:
                self.problems.append(f"placeholder {self.show(pid)} appears {self.seen.count(pid)} times "
                                     "in the target; it must appear once")
        for pid in expected:
            if pid not in self.seen:
                self.problems.append(f"placeholder {self.show(pid)} is missing from the target")
        if not self.problems and self.seen != expected:
            self.problems.append("placeholders are not in the source's order: expected "
                                 f"{', '.join(expected)}; found {', '.join(self.seen)}")
        return content

    def show(self, pid: str) -> str:
        p = self.source.placeholders[pid]
        tag = "g" if p.kind == "link" else "x"
        return f'<{tag} id="{pid}"/> ({_equiv(p)})'

    def many(self, elem: StringElem) -> list[m.Inline]:
        out: list[m.Inline] = []
        for sub in elem.sub:
            if isinstance(sub, str):
                out.append(m.Text(sub))
            elif type(sub) is StringElem:
                out += self.many(sub) if not sub.isleaf() else [m.Text(str(sub))]
            elif isinstance(sub, px.X):
                out += self.x(sub)
            elif isinstance(sub, px.G):
                out += self.g(sub)
            elif is_marker(sub):
                out += self.many(sub)
            else:
                self.problems.append(f"the inline element {type(sub).__name__.lower()} is not supported: "
                                     "use the source's <x/> and <g> elements")
        return out

    def x(self, sub: StringElem) -> list[m.Inline]:
        pid, ctype = sub.id, _attr(sub, "ctype")
        p = self.source.placeholders.get(pid)
        if ctype == "lb" or (ctype is None and p is not None and p.kind == "break"):
            return [m.LineBreak()]
        if p is None or p.kind not in STRICT or p.kind == "link":
            self.problems.append(f'unknown placeholder <x id="{pid}"/>' + self.known())
            return []
        if pid in self.seen:  # reported as appearing twice; a footnote is not built twice
            self.seen.append(pid)
            return []
        self.seen.append(pid)
        match p.kind:
            case "symbol":
                mine = self.version.get(pid)
                if mine is not None and mine.kind == "symbol" and mine.key == p.key:
                    return [mine.inline]
                text = p.inline.text if isinstance(p.inline, (m.Text, m.SymbolRef)) else _flat(
                    p.inline.content if isinstance(p.inline, m.Link) else ())
                return [m.SymbolRef(canonical(text), text)]
            case "reference":
                return [p.inline]
            case "footnote":
                assert isinstance(p.inline, m.Note)
                return [self.note_for(p.number, p.inline)]
        raise AssertionError(p.kind)  # pragma: no cover

    def g(self, sub: StringElem) -> list[m.Inline]:
        pid, ctype = sub.id, _attr(sub, "ctype")
        p = self.source.placeholders.get(pid)
        if ctype in FORMATS or (ctype is None and p is not None and p.kind == "format"):
            kind = FORMATS[ctype if ctype in FORMATS else _CTYPE[type(p.inline)]]  # type: ignore[union-attr,index]
            if kind in self.active:  # the same formatting inside itself adds nothing: bold in bold is bold
                return self.many(sub)
            return [kind(self.inside(kind, sub))]
        if p is None or p.kind != "link" or ctype not in (None, "link"):
            self.problems.append(f'unknown placeholder <g id="{pid}">' + self.known())
            return self.many(sub)
        self.seen.append(pid)
        mine = self.version.get(pid)
        link = mine.inline if mine is not None and mine.kind == "link" else p.inline
        assert isinstance(link, m.Link)
        shown = _equiv(p)  # the source's address, as the other placeholder messages show it
        if m.Link in self.active:
            self.problems.append(f'the link <g id="{pid}"> ({shown}) is inside another link: links cannot nest, '
                                 "keep them apart")
        content = self.inside(m.Link, sub)
        if not shows_something(content):
            self.problems.append(f'the link <g id="{pid}"> ({shown}) has no text: keep the text of the link '
                                 "inside it")
        return [m.Link(content, link.url)]

    def inside(self, kind: type, sub: StringElem) -> tuple[m.Inline, ...]:
        """The content of ``sub``, read with ``kind`` around it."""
        self.active.append(kind)
        try:
            return tuple(self.many(sub))
        finally:
            self.active.pop()

    def known(self) -> str:
        strict = self.source.strict()
        return f" (the source has {', '.join(strict)})" if strict else " (the source has none)"


def is_marker(sub: StringElem) -> bool:
    """An ``<mrk>``: a CAT tool's annotation (``mtype="seg"`` around each sentence of a
    segmented target, as Okapi writes with ``<seg-source>``; a term, a protected span).
    It marks text without being any: its content is read as if it stood alone."""
    node = getattr(sub, "xml_node", None) if isinstance(sub, px.UnknownXML) else None
    return node is not None and etree.QName(node).localname == "mrk"


def shows_something(content: tuple[m.Inline, ...]) -> bool:
    """Whether content prints anything: text that is not only spaces, or an inline code."""
    return any(x.text.strip() if isinstance(x, m.Text) else not isinstance(x, m.LineBreak)
               for x in m.leaves(content))


def _attr(sub: StringElem, name: str) -> str | None:
    attrib = getattr(sub, "xml_attrib", None) or {}
    value = attrib.get(name)
    return str(value) if value is not None else None


def _equiv(p: Placeholder) -> str:
    match p.kind:
        case "symbol":
            return str(p.key)
        case "reference":
            first, last = cast(tuple[str, "str | None"], p.key)
            return f"@{first}" + (f"–@{last}" if last else "")
        case "footnote":
            return f"footnote {p.number}"
        case "link":
            assert isinstance(p.inline, m.Link)
            return p.inline.url
    return p.kind
