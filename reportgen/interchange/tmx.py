"""TMX 1.4b translation memories from the content alignment (``reportgen tmx``).

One ``<tu>`` per aligned unit: an original paragraph (numbered or not) with the
paragraphs each version aligned with it. Where a version merged two paragraphs of the
original (a 2–1 link), those original paragraphs make one unit, their texts joined
with a space, in every language; where it split one (1–2), its parts are joined. A
version with nothing aligned to a unit (a missing paragraph) has no ``<tuv>`` in it;
a paragraph a version added (0–1) is in no unit.

The text of a ``<seg>`` is the paragraph's text as prepared for alignment
(``reportgen.align.prepare``): plain text, sub-items' text in order without their
markers, document symbols and references as printed; footnotes are left out (their
marks and their text), as they are of the paragraph's alignment.

Written with translate-toolkit's ``tmxfile``, whose units take any number of
``<tuv>``s through ``settarget(text, lang, append=True)``; the ``<prop>``s naming the
report, symbol and paragraph are added to each unit's element with lxml, as
``tmxunit`` only writes ``x-context``. The bytes depend on the inputs only: no clock
(each unit's ``creationdate`` is its report's date of issue), a fixed order (reports
as given, folders of reports by name; units in the original's order; the original's
language first, then the others in code order).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from lxml import etree
from translate.storage.tmx import tmxfile

from reportgen.align.result import AlignmentResult
from reportgen.errors import UserError
from reportgen.l10n import LANGUAGES
from reportgen.source import language_files

__all__ = ["MemoryUnit", "memory_units", "report_folders", "write_tmx"]


@dataclass(frozen=True)
class MemoryUnit:
    """One translation unit: the texts of an aligned unit by language, original first."""

    report: str
    symbol: str
    date: dt.date
    original: str
    paragraphs: tuple[int, ...]  # the original's paragraph numbers in it (none if unnumbered)
    texts: tuple[tuple[str, str], ...]  # (language code, text)


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
    ``pipeline.align(..., keep_model=True)``)."""
    original = result.versions[result.original].segments
    groups = _groups(result, len(original))
    codes = [result.original] + [c for c in result.languages if c != result.original and c in result.pairs]
    linked = {code: _linked(result, code) for code in codes[1:]}
    units = []
    for group in groups:
        text = _join(original[i].text for i in group)
        if not text:
            continue
        texts = [(result.original, text)]
        for code in codes[1:]:
            parts = [linked[code].get(i) for i in group]
            if any(p is None for p in parts):
                continue  # a paragraph of the unit has nothing here
            mine = result.versions[code].segments
            found = _join(mine[j].text for j in sorted({j for p in parts for j in p or ()}))
            if found:
                texts.append((code, found))
        numbers = tuple(n for i in group if (n := original[i].number) is not None)
        units.append(MemoryUnit(result.report, result.symbol, date, result.original, numbers, tuple(texts)))
    return units


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


def _join(texts: Iterable[str]) -> str:
    """Units' texts as prepared (no-break spaces kept: French « », ;)."""
    return " ".join(t for t in texts if t.strip())


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
        props = [("x-report", u.report), ("x-symbol", u.symbol)]
        if u.paragraphs:
            props.append(("x-paragraph", ", ".join(map(str, u.paragraphs))))
        for k, (kind, value) in enumerate(props):  # props stand before the tuvs (TMX DTD)
            prop = etree.Element("prop", type=kind)
            prop.text = value
            element.insert(k, prop)
    return bytes(store)


def _version() -> str:
    try:
        return version("reportgen")
    except PackageNotFoundError:  # pragma: no cover - run from a checkout without installing
        return "unknown"
