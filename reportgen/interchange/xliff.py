"""XLIFF 1.2 out of a report and back into a language version (``reportgen xliff``).

Export: one ``trans-unit`` per unit of the original (``units.py``), its source the
original's text from the *read* model (references still ``@label``), its target the
existing version's unit of the same id (``state="translated"``) or empty
(``state="new"``); inline codes as in ``placeholders.py``; a note and a location
context group (``en.md:18``) per unit. translate-toolkit writes and reads the file.

Import: the file is read within the XML limits and parsed by ``reportgen.safexml`` (a
DTD, entities, processing instructions refused at their line) before translate-toolkit
sees it; every target checked (unknown or missing units, placeholders lost, duplicated or
reordered, a comment in it, an empty or nested link, text a document cannot hold,
formatting the source format cannot write so that it reads back), every problem reported
in one run, with a warning for text a source file would read as Markdown (``*Digest*``:
written as text, with its asterisks, which the translator may not have meant); then the
original's structure is filled with the targets (a missing or empty one taken from the
existing version), written by ``render.markdown`` and read back before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree
from translate.storage import xliff as tt_xliff
from translate.storage.placeables import StringElem

from reportgen import model as m
from reportgen import safexml
from reportgen.errors import Diagnostic, UserError
from reportgen.files import cannot_write, scratch_folder
from reportgen.interchange.markdown_like import markdown_in
from reportgen.interchange.placeholders import FromRich, is_marker, matched, shows_something, to_rich
from reportgen.interchange.units import META_FIELDS, NoteBlocks, Unit, footnotes, rebuild, units
from reportgen.l10n import LANGUAGES
from reportgen.project import Project
from reportgen.resolve import metadata_diagnostics
from reportgen.source.frontmatter_syntax import source_syntax
from reportgen.limits import XML_BYTES, read_limited
from reportgen.source.inline import BAD_CHARS, InlineReader
from reportgen.source.reader import read_document
from reportgen.render.markdown import WriteError, normalize, write_document, write_inlines

NS = "urn:oasis:names:tc:xliff:document:1.2"
DATATYPE = "x-reportgen-markdown"


class _Unit(tt_xliff.xliffunit):
    """translate-toolkit's XLIFF unit in the 1.2 namespace (its default is 1.1)."""

    namespace = NS


class _File(tt_xliff.xlifffile):
    """translate-toolkit's XLIFF file, version 1.2."""

    UnitClass = _Unit
    namespace = NS
    XMLskeleton = (f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="{NS}">'
                   f'<file original="NoName" source-language="en" datatype="{DATATYPE}"><body></body></file>'
                   "</xliff>")


@dataclass
class Sources:
    """The original and the existing version of the target language (if any), read."""

    name: str
    original: m.Document
    version: m.Document | None
    version_path: Path


def load(report_dir: Path, lang: str | None) -> tuple[Sources | None, list[Diagnostic], str]:
    """Read the original and, when ``lang`` is given, its version (not resolved: the
    units keep labels and symbols as written); the original's code."""
    project = Project.open(report_dir)  # raises UserError for a folder without versions
    original, files = project.original, project.files
    if original is None or original not in files:
        where = files[next(iter(files))]
        shown = f"'{original}.md'" if original else "the original named in the front matter"
        raise UserError(where, None, f"cannot find {shown} in {report_dir}")
    diagnostics = [d for d in project.folder + project.companions if d.severity == "error"]
    docs: dict[str, m.Document | None] = {}
    for code in dict.fromkeys([original] + ([lang] if lang else [])):
        if code in files:
            doc, found = project.read(code)
            diagnostics += [d for d in found if d.severity == "error"] + (metadata_diagnostics(doc) if doc else [])
            docs[code] = doc
    first = docs.get(original)
    if first is None or any(d.severity == "error" for d in diagnostics):
        return None, diagnostics, original
    version = docs.get(lang) if lang else None
    return Sources(project.name, first, version, report_dir / f"{lang}.md"), [], original


def original_of(report_dir: Path) -> str:
    """The code of the report's original, as its versions' front matter names it."""
    return Project.open(report_dir).original or "original"


def _note_label(uid: str) -> Callable[[int], str]:
    """What a footnote mark shows in a unit: the id of the footnote's own unit."""
    return lambda k: f"[{uid}.fn{k}]"


# ----------------------------------------------------------------- counterparts

# The part of an id that counts unnumbered paragraphs (``top.u8``, ``ch3.A.u2``, with
# ``~2`` for a repeated anchor), followed by the end or by the id of a part of it (``.fn1``).
_UNNUMBERED = re.compile(r"^(.*?\.u\d+(?:~\d+)?)(?=\.|$)")


def counterparts(original: m.Document, version: m.Document | None) -> dict[str, Unit]:
    """The existing version's unit for each unit id of the original.

    Numbered paragraphs, headings and their parts have the same ids in every version,
    since ids come from numbers. Unnumbered paragraphs (a preamble, a lead-in) are only
    counted: a version that paragraphs them differently (the French UDHR preamble joins
    two of the English one's) would pair them by position with the wrong text, shifted
    from the first difference on. They are paired by the content alignment instead (the
    ``align`` stage), one to one, and are left without counterpart where it pairs them
    otherwise (a merge, a split, a paragraph on one side only)."""
    if version is None:
        return {}
    theirs = {u.id: u for u in units(version)}
    ours = units(original)
    mapping = _unnumbered_pairs(original, version, ours, list(theirs.values()))
    out: dict[str, Unit] = {}
    for unit in ours:
        uid = unit.id
        found = _UNNUMBERED.match(uid)
        if found is not None:
            prefix = found.group(1)
            if prefix not in mapping:
                continue
            uid = mapping[prefix] + uid[len(prefix):]
        if uid in theirs:
            out[unit.id] = theirs[uid]
    return out


def _unnumbered_pairs(original: m.Document, version: m.Document, ours: list[Unit],
                      theirs: list[Unit]) -> dict[str, str]:
    """Unnumbered-paragraph ids of the original → the version's, from the content
    alignment's one-to-one links (a unit and an aligned segment share their block's line)."""
    def by_line(found: list[Unit]) -> dict[int, str]:
        return {u.line: u.id for u in found
                if u.line is not None and _UNNUMBERED.fullmatch(u.id) is not None}

    our_lines, their_lines = by_line(ours), by_line(theirs)
    if not our_lines or not their_lines:
        return {}
    from reportgen.align import align_pair, prepare_version  # the align stage loads only when needed
    from reportgen.resolve import resolve_document

    left = prepare_version(resolve_document(original)[0])
    right = prepare_version(resolve_document(version)[0])
    pairs: dict[str, str] = {}
    for link in align_pair(left, right, ()).links:
        if link.kind != "1-1":
            continue
        a = left.version.segments[link.original[0]]
        b = right.version.segments[link.version[0]]
        if a.number is None and b.number is None and a.line in our_lines and b.line in their_lines:
            pairs[our_lines[a.line]] = their_lines[b.line]
    return pairs


# -------------------------------------------------------------------- export


def export(report_dir: Path, lang: str) -> tuple[bytes | None, list[Diagnostic]]:
    """The XLIFF file for translating the report into ``lang`` (None on errors)."""
    sources, diagnostics, original = load(report_dir, lang)
    if sources is None:
        return None, diagnostics
    if lang == original:
        raise UserError(report_dir, None, f"'{lang}' is the original language of this report: "
                                          "export for one of its translations")
    store = _File()
    root = store.document.getroot()
    filenode = root[0]
    filenode.set("original", f"{sources.name}/{original}.md")
    filenode.set("source-language", original)
    filenode.set("target-language", lang)
    theirs = counterparts(sources.original, sources.version)
    for unit in units(sources.original):
        source = to_rich(unit.content, _note_label(unit.id))
        tu = _Unit("")
        tu.setid(unit.id)
        tu.rich_source = [source.elem]
        target = theirs.get(unit.id)
        if target is not None:
            tu.rich_target = [matched(source, to_rich(target.content, _note_label(unit.id))).elem]
            state = "translated"
        else:
            tu.rich_target = [StringElem()]
            state = "new"
        tu.get_target_dom().set("state", state)
        tu.addnote(unit.what, origin="reportgen")
        if target is None and sources.version is not None and _UNNUMBERED.match(unit.id):
            tu.addnote(f"{lang}.md has no paragraph of its own for this one alone (the alignment pairs it "
                       "with none, or with several): translate it here", origin="reportgen")
        for p in source.placeholders.values():
            if p.kind == "link" and isinstance(p.inline, m.Link):
                tu.addnote(f"{p.pid}: {p.inline.url}", origin="reportgen")
        if unit.line:  # named after its unit: the schemas make a context group's name unique in a <file>
            tu.createcontextgroup(_location_name(unit.id),
                                  [("sourcefile", f"{original}.md"), ("linenumber", str(unit.line))], "location")
        store.addunit(tu)
    return bytes(store), []


def _location_name(uid: str) -> str:
    """A unit's location context-group name. Both XLIFF 1.2 schemas make the name unique
    within a ``<file>`` (``U_context-group_name``); files written before carried
    ``location`` on every unit, which the import still reads, since it never looks at
    context groups (a translator may send an old file back)."""
    return f"location:{uid}"


# -------------------------------------------------------------------- import


@dataclass
class Imported:
    path: Path
    text: str


def import_(report_dir: Path, file: Path) -> tuple[Imported | None, list[Diagnostic]]:
    """The version ``file`` translates, written in the source format (None on errors)."""
    data = _read_bytes(file)
    root = _parse(file, data)
    filenode = _file_node(file, root)
    lang = filenode.get("target-language") or ""
    sources, diagnostics, original = load(report_dir, lang if lang in LANGUAGES and lang != "" else None)
    errors = _header_problems(file, filenode, report_dir, original)
    if errors or sources is None:
        return None, errors + diagnostics
    if lang == original:  # checked in _header_problems; for the type checker
        return None, errors
    del root, filenode  # checked: translate-toolkit parses the same bytes, now known safe
    store = _File.parsestring(data)
    return _Import(file, sources, lang, original).run(store)


def _read_bytes(file: Path) -> bytes:
    """The file, refused by its size before it is read (``limits.XML_BYTES``)."""
    try:
        return read_limited(file, XML_BYTES, "reportgen exports a report as a few MB of XLIFF; "
                                             "import the file 'reportgen xliff export' wrote")
    except OSError as exc:
        raise UserError(file, None, f"cannot read file: {exc.strerror or exc}") from None


def _parse(file: Path, data: bytes) -> etree._Element:
    """The XLIFF root, through the safe parser (``reportgen.safexml``)."""
    root = safexml.parse(file, data)
    if etree.QName(root).localname != "xliff" or root.get("version") != "1.2" or etree.QName(root).namespace != NS:
        raise UserError(file, root.sourceline, f"not an XLIFF 1.2 file (root <{etree.QName(root).localname}>, "
                                               f"version '{root.get('version') or ''}'): export one with "
                                               "'reportgen xliff export'")
    return root


def _file_node(file: Path, root: etree._Element) -> etree._Element:
    nodes = root.findall(f"{{{NS}}}file")
    if len(nodes) != 1:
        raise UserError(file, root.sourceline, f"an XLIFF file from reportgen holds one <file>, not {len(nodes)}")
    return nodes[0]


def _header_problems(file: Path, node: etree._Element, report_dir: Path, original: str) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    line = node.sourceline

    def error(message: str) -> None:
        out.append(Diagnostic("error", file, line, message))

    lang = node.get("target-language")
    expected = f"{report_dir.resolve().name}/{original}.md"
    if node.get("original") != expected:
        error(f"original '{node.get('original') or ''}' is not this report's original ({expected})")
    if node.get("source-language") != original:
        error(f"source-language '{node.get('source-language') or ''}' is not this report's original "
              f"language ('{original}')")
    if not lang or lang not in LANGUAGES:
        error(f"target-language '{lang or ''}' is not one of: {', '.join(LANGUAGES)}")
    elif lang == original:
        error(f"target-language '{lang}' is the original language: nothing to import")
    return out


class _Import:
    """One import: targets by unit id, checked, then put into the original's structure."""

    def __init__(self, file: Path, sources: Sources, lang: str, original: str) -> None:
        self.file = file
        self.sources = sources
        self.lang = lang
        self.original = original
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self.units = {u.id: u for u in units(sources.original)}
        self.theirs = counterparts(sources.original, sources.version)
        self.targets: dict[str, tuple[StringElem, int | None]] = {}

    def error(self, line: int | None, uid: str, message: str) -> None:
        self.errors.append(Diagnostic("error", self.file, line, f"unit {uid}: {message}"))

    def run(self, store: _File) -> tuple[Imported | None, list[Diagnostic]]:
        lines: dict[str, int | None] = {}
        for tu in store.units:
            uid = tu.xmlelement.get("id") or ""
            line = tu.xmlelement.sourceline
            if uid in lines:
                self.error(line, uid, f"appears twice (first at line {lines[uid]})")
                continue
            lines[uid] = line
            if uid not in self.units:
                self.error(line, uid, f"no such unit in the original ({self.original}.md)")
                continue
            target = tu.get_target_dom()
            comment = next(target.iter(etree.Comment), None) if target is not None else None
            if comment is not None:  # translate-toolkit would cut the target's text at it
                self.error(comment.sourceline or line, uid, "the target holds an XML comment (<!-- … -->), which is "
                                                            "not text: remove it")
                continue
            rich = tu.rich_target[0] if target is not None else StringElem()
            if not _empty(rich):
                self.targets[uid] = (rich, line)
            elif uid not in self.theirs:
                self.error(line, uid, f"the target is empty, and {self.lang}.md has no text for this unit")
        for uid in self.units:
            if uid not in lines and uid not in self.theirs:
                self.error(None, uid, f"missing from this file, and {self.lang}.md has no text for this unit")
        meta = self.metadata()
        blocks = rebuild(self.sources.original.blocks, self.fill)
        warnings = list(dict.fromkeys(self.warnings))
        if self.errors:
            return None, self.errors + warnings
        assert meta is not None
        doc = m.Document(meta, _numbered_lines(blocks), self.sources.version_path, self.comments())
        text = write_document(doc)
        _read_back(self.sources.version_path, text)
        return Imported(self.sources.version_path, text), warnings

    # units -------------------------------------------------------------------------------

    def content(self, uid: str, note_blocks: NoteBlocks | None) -> tuple[m.Inline, ...]:
        """A unit's new content: its target, checked, or else the existing version's."""
        unit = self.units[uid]
        if uid not in self.targets:
            mine = self.theirs.get(uid)
            return _with_notes(mine.content if mine is not None else unit.content, unit.content, note_blocks)
        rich, line = self.targets[uid]
        source = to_rich(unit.content, _note_label(uid))
        theirs = self.theirs.get(uid)
        version = matched(source, to_rich(theirs.content, _note_label(uid))) if theirs else None

        def note_for(k: int, note: m.Note) -> m.Note:
            blocks = note_blocks(k, note) if note_blocks else note.blocks
            return m.Note(blocks)

        reader = FromRich(source, version, note_for)
        content = normalize(_tidy(reader.read(rich)))
        for problem in reader.problems:
            self.error(line, uid, problem)
        if not reader.problems and not shows_something(content):
            self.error(line, uid, f"the target has no text: translate it, or leave it empty to keep {self.lang}.md's")
        if unit.heading and _has_break(content):
            self.error(line, uid, 'a heading is one line: remove the line break (<x ctype="lb"/>)')
        for bad in BAD_CHARS.finditer(m.stringify(content, line_break="", codes="")):
            if bad.group(0) != "\t":
                self.error(line, uid, f"the character U+{ord(bad.group(0)):04X} cannot appear in a document")
        if not reader.problems and not unit.meta:
            try:
                write_inlines(content, self.lang)
            except WriteError as exc:
                self.error(line, uid, f"cannot be written in the source format: {exc}")
            else:
                if not _reads_back(content, self.lang):
                    self.error(line, uid, "its formatting cannot be written in the source format so that it "
                                          "reads back the same: simplify the <g> elements of the target")
            # written as text, as it should be; but '*Digest*' was probably meant as italics
            # (not said of what the existing version already has: its author escaped it)
            known = set(markdown_in(theirs.content)) if theirs is not None else set()
            self.warnings += [Diagnostic("warning", self.file, line, f"unit {uid}: {said}")
                              for said in markdown_in(content) if said not in known]
        return content

    def fill(self, uid: str, content: tuple[m.Inline, ...], line: int | None, what: str,
             note_blocks: NoteBlocks) -> tuple[m.Inline, ...]:
        return self.content(uid, note_blocks)

    def metadata(self) -> m.Metadata | None:
        meta = self.sources.original.meta
        values: dict[str, object] = {}
        for key in META_FIELDS:
            if getattr(meta, key) is not None:
                values[key] = self.meta_text(f"meta.{key}")
        agenda = tuple(self.meta_text(f"meta.agenda.{k}") for k in range(1, len(meta.agenda) + 1))
        return replace(meta, language=self.lang, agenda=agenda, **values)  # type: ignore[arg-type]

    def meta_text(self, uid: str) -> str:
        content = self.content(uid, None)
        rich, line = self.targets.get(uid, (None, None))
        if any(not isinstance(x, m.Text) for x in content):
            self.error(line, uid, "front matter holds plain text: remove the <g>/<x> elements")
        text = m.stringify(content, line_break="", codes="").strip()
        if uid in self.targets:  # what the source reader refuses in front matter (the body's syntax)
            for piece in source_syntax(text):
                self.error(line, uid, f"'{piece}' would be front-matter text that reads as Markdown, which front "
                                      "matter does not hold: write the text itself (formatting, references and "
                                      "links belong in the body)")
        return text

    def comments(self) -> tuple[m.Comment, ...]:
        """The existing version's comments, each before the same top-level block as there
        (blocks are numbered 2, 4, 6… by :func:`_numbered_lines`)."""
        version = self.sources.version
        if version is None:
            return ()
        out = []
        for c in version.comments:
            index = next((i for i, b in enumerate(version.blocks) if b.line is not None and b.line > c.line),
                         len(version.blocks))
            out.append(m.Comment(2 * index + 1, c.text))
        return tuple(out)


def _with_notes(content: tuple[m.Inline, ...], source: tuple[m.Inline, ...],
                note_blocks: NoteBlocks | None) -> tuple[m.Inline, ...]:
    """Content taken whole from the existing version (or, on error, the source): its
    k-th footnote still gets its text from the file's footnote units."""
    notes = footnotes(source)
    if note_blocks is None or not notes:
        return content
    seen = 0

    def note(x: m.Inline, _line: int | None) -> m.Inline | None:
        nonlocal seen
        if not isinstance(x, m.Note):
            return None
        seen += 1
        return m.Note(note_blocks(seen, notes[seen - 1])) if seen <= len(notes) else x

    block = m.map_inlines((m.Para(content),), note)[0]
    assert isinstance(block, m.Para)
    return block.content


def _empty(elem: StringElem) -> bool:
    """No text but whitespace and no inline element: an untranslated target (an empty
    ``<mrk mtype="seg"/>`` a segmenting tool left is no text)."""
    for sub in elem.sub:
        if isinstance(sub, str):
            if sub.strip():
                return False
        elif (type(sub) is not StringElem and not is_marker(sub)) or not _empty(sub):
            return False
    return True


def _numbered_lines(blocks: tuple[m.Block, ...]) -> tuple[m.Block, ...]:
    """Top-level blocks numbered 2, 4, 6…: the writer places comments by line."""
    return tuple(replace(b, line=2 * (i + 1)) for i, b in enumerate(blocks))


def _tidy(content: tuple[m.Inline, ...]) -> tuple[m.Inline, ...]:
    """Line ends a translation tool left in the text are spaces (a line break is
    ``<x ctype="lb"/>``), inside formatting too; whitespace at the unit's ends is dropped."""
    out = list(_spaced(content))
    if out and isinstance(out[0], m.Text):
        out[0] = m.Text(out[0].text.lstrip(" \t"))
    if out and isinstance(out[-1], m.Text):
        out[-1] = m.Text(out[-1].text.rstrip(" \t"))
    return tuple(out)


def _spaced(content: tuple[m.Inline, ...]) -> tuple[m.Inline, ...]:
    """Line ends inside text are spaces (a footnote's text keeps its own)."""
    return m.map_content(content, lambda x, _: m.Text(re.sub(r"\r\n|[\r\n]", " ", x.text))
                         if isinstance(x, m.Text) else x if isinstance(x, m.Note) else None)


def _has_break(content: tuple[m.Inline, ...]) -> bool:
    return any(isinstance(x, m.LineBreak) for x in m.leaves(content))


# Stands for an inline code (a symbol, a reference, a footnote) in :func:`_reads_back`.
_CODE = "\ufffc"


def _reads_back(content: tuple[m.Inline, ...], lang: str) -> bool:
    """Whether a unit's content, written in the source format, reads back as the same
    formatting and text (its inline codes stood for by one character each): never is a
    target written as literal markers that read as something else."""
    expected = normalize(_probe(content))
    try:
        text = write_inlines(expected, lang)
    except WriteError:
        return False
    said: list[str] = []
    read = InlineReader(lambda line, message: said.append(message), lambda name, line: None).read([(1, text)])
    return not said and normalize(read) == expected


def _probe(items: tuple[m.Inline, ...]) -> tuple[m.Inline, ...]:
    """Formatting, links, text and line breaks as they are; any other inline one character."""
    return m.map_content(items, lambda x, _: m.Text(_CODE) if isinstance(x, (m.SymbolRef, m.Ref, m.ResolvedRef, m.Note))
                         else None)


def _read_back(path: Path, text: str) -> None:
    """The written version must read back without an error: if not, the writer is at
    fault (an internal error), never the translator."""
    with scratch_folder("xliff") as tmp:
        probe = tmp / path.name
        try:
            probe.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise cannot_write(probe, exc) from None
        doc, found = read_document(probe)
    errors = [d for d in found if d.severity == "error"]
    if doc is None or errors:
        first = errors[0] if errors else None
        raise RuntimeError(f"the written {path.name} does not read back: "
                           f"line {first.line if first else '?'}: {first.message if first else ''}")


__all__ = ["export", "import_", "load", "original_of", "Imported"]
