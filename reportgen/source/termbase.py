"""The term base: the approved rendering of a concept in each language, and the
variants not to use (INTERFACE §2.6). Read by the term checks of ``align``
(``term-mismatch``) and ``check`` (forbidden variants).

Four files are read, all optional: ``sources/terms.tbx`` and ``sources/terms.csv``
(project-wide), then ``sources/<report>/terms.tbx`` and ``terms.csv`` (this report);
a report's entry replaces a project-wide one that shares an approved term with it in
the same language.

TBX-Basic is read with lxml, not with translate-toolkit's ``translate.storage.tbx``:
that reader is bilingual at heart and, in 3.20, reads the terms of ``<tig>`` only, so
the ``<ntig>``/``<termGrp>`` terms TBX-Basic also allows come back as nothing, and its
terms carry no source line, which every message here needs. Both the TBX 2008 form
(``martif``/``termEntry``/``langSet``/``tig``) and TBX v3 (``tbx``/``conceptEntry``/
``langSec``/``termSec``) are read, by local name. The XML is parsed by
``reportgen.safexml``: a DTD of its own (entities), entities and processing
instructions are refused at their line (the ``<!DOCTYPE martif SYSTEM "….dtd">`` TBX
2008 files carry is passed over, its DTD never read), no network is touched, and the
size and the tree are limited.

CSV (the stdlib ``csv`` module: translate-toolkit's csv store is a bilingual
source/target/location format): a header row of language codes, one concept per
row, several terms in a cell separated by ``|``, forbidden variants in a
``<code>:forbidden`` column; any other column (``note``, ``id``) is ignored.

Reading never raises: each bad entry is a diagnostic at its line and is left out. A
file over the companion size limit, a CSV cell over the cell limit, a term holding a
character no document can hold (a control character, an escape sequence a terminal
would act on) are refused at their line (``reportgen.limits``); a file that is a link
leading out of its folder is not read (``reportgen.paths``).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from reportgen import safexml
from reportgen.errors import Diagnostic, UserError
from reportgen.l10n import LANGUAGES
from reportgen.limits import COMPANION_BYTES, CSV_CELL_CHARS, TooLarge, read_limited
from reportgen.paths import companions
from reportgen.source.inline import BAD_CHARS

FILE_NAMES = ("terms.tbx", "terms.csv")
APPROVED = ("preferredTerm-admn-sts", "admittedTerm-admn-sts")
FORBIDDEN = ("deprecatedTerm-admn-sts", "supersededTerm-admn-sts")
# the short forms some tools write (preferred, deprecated, ...) are read as the long ones
_STATUS = {**{s: True for s in APPROVED}, **{s: False for s in FORBIDDEN},
           **{s.split("Term")[0]: True for s in APPROVED}, **{s.split("Term")[0]: False for s in FORBIDDEN}}
_ENTRIES = ("termEntry", "conceptEntry")
_LANGSETS = ("langSet", "langSec")
_TERM_GROUPS = ("tig", "ntig", "termSec")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CODES = ", ".join(LANGUAGES)
_FORBIDDEN_COLUMN = re.compile(r"(.+):forbidden", re.IGNORECASE)
# a language column: a code, with a region or script subtag at most (fr, fr-FR, zh_Hans), so
# that other columns (note, id, fr_note) are left alone
_LANGUAGE_COLUMN = re.compile(rf"(?:{'|'.join(LANGUAGES)})(?:[-_](?:[a-z]{{2}}|[0-9]{{3}}|hans|hant|latn|cyrl|arab))?",
                              re.IGNORECASE)
_SEPARATOR = "|"


@dataclass(frozen=True)
class Term:
    text: str
    line: int | None


@dataclass(frozen=True)
class TermEntry:
    """One concept: its approved terms and forbidden variants, by language code."""

    path: Path
    line: int | None
    approved: dict[str, tuple[Term, ...]] = field(default_factory=dict)
    forbidden: dict[str, tuple[Term, ...]] = field(default_factory=dict)

    def terms(self, lang: str) -> tuple[str, ...]:
        """The approved terms of ``lang``, in the file's order."""
        return tuple(t.text for t in self.approved.get(lang, ()))


@dataclass(frozen=True)
class TermBase:
    """Every entry that applies to a report (small: sent to each worker process)."""

    entries: tuple[TermEntry, ...] = ()
    files: tuple[Path, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.entries)


def termbase_files(report_dir: Path) -> list[Path]:
    """Project-wide files first, then the report's own, so the report's win."""
    return companions(report_dir, FILE_NAMES)[0]


def read_termbase(report_dir: Path) -> tuple[TermBase, list[Diagnostic]]:
    """Every term base file of a report, merged; never raises."""
    files, diags = companions(report_dir, FILE_NAMES)
    project = [p for p in files if p.parent != report_dir]
    entries: list[TermEntry] = []
    for path in files:
        found, problems = read_file(path)
        diags += problems
        if path in project:
            entries += found
        else:
            entries = [e for e in entries if not any(_shares(e, mine) for mine in found)] + found
    return TermBase(tuple(entries), tuple(files)), diags


def _shares(a: TermEntry, b: TermEntry) -> bool:
    """Whether two entries have an approved term in common (same language, any case)."""
    return any({t.text.lower() for t in terms} & {t.text.lower() for t in b.approved.get(lang, ())}
               for lang, terms in a.approved.items())


def read_file(path: Path) -> tuple[list[TermEntry], list[Diagnostic]]:
    """One ``terms.tbx`` or ``terms.csv``: its good entries and a diagnostic per bad one."""
    try:
        raw = read_limited(path, COMPANION_BYTES, "split the term base, or keep only the terms reports use")
    except TooLarge as exc:
        return [], [exc.diagnostic]
    except OSError as exc:
        return [], [Diagnostic("error", path, None, f"cannot read file: {exc.strerror or exc}")]
    return (_read_tbx if path.suffix == ".tbx" else _read_csv)(path, raw)


# -- TBX ------------------------------------------------------------------------------------

def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _read_tbx(path: Path, raw: bytes) -> tuple[list[TermEntry], list[Diagnostic]]:
    try:
        root = safexml.parse(path, raw, names_dtd=True)  # TBX 2008 names its DTD; it is never read
    except UserError as exc:
        return [], [exc.diagnostic]
    etree.strip_elements(root, etree.Comment, with_tail=False)  # a comment is no part of a term
    if _local(root) not in ("martif", "tbx"):
        return [], [Diagnostic("error", path, root.sourceline,
                               f"not a TBX file: the root element is <{_local(root)}> (expected <martif> or <tbx>)")]
    reader = _TbxEntry(path)
    entries = [e for el in root.iter() if _local(el) in _ENTRIES if (e := reader.read(el)) is not None]
    return entries, reader.diags


class _TbxEntry:
    """Reads one ``termEntry`` at a time, each problem a diagnostic at its line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.diags: list[Diagnostic] = []

    def error(self, line: int | None, message: str) -> None:
        self.diags.append(Diagnostic("error", self.path, line, message))

    def read(self, entry: etree._Element) -> TermEntry | None:
        before = len(self.diags)
        approved: dict[str, list[Term]] = {}
        forbidden: dict[str, list[Term]] = {}
        for langset in entry:
            if _local(langset) not in _LANGSETS:
                continue
            code = self.language(langset)
            for group in langset:
                if _local(group) not in _TERM_GROUPS:
                    continue
                read = self.term(group)
                if read is not None and code is not None:
                    term, ok = read
                    (approved if ok else forbidden).setdefault(code, []).append(term)
        if len(self.diags) > before:
            return None
        if not approved and not forbidden:
            self.error(entry.sourceline, "term entry has no terms")
            return None
        return TermEntry(self.path, entry.sourceline, _frozen(approved), _frozen(forbidden))

    def language(self, langset: etree._Element) -> str | None:
        lang = langset.get(_XML_LANG)
        if lang is None:
            self.error(langset.sourceline, f"<{_local(langset)}> has no xml:lang")
            return None
        code = _code(lang)
        if code is None:
            self.error(langset.sourceline, f"unknown language code '{lang}' (expected one of: {_CODES})")
        return code

    def term(self, group: etree._Element) -> tuple[Term, bool] | None:
        """The term of a ``tig``/``ntig``/``termSec`` and whether it is approved."""
        term = next((el for el in group.iter() if _local(el) == "term"), None)
        if term is None:
            self.error(group.sourceline, f"<{_local(group)}> has no <term>")
            return None
        text = " ".join("".join(term.itertext()).split())
        if not text:
            self.error(term.sourceline, "empty term")
            return None
        if (bad := _bad_char(text)) is not None:
            self.error(term.sourceline, bad)
            return None
        notes = [el for el in group.iter() if _local(el) == "termNote" and el.get("type") == "administrativeStatus"]
        status = " ".join("".join(notes[0].itertext()).split()) if notes else APPROVED[0]
        if status not in _STATUS:
            self.error(notes[0].sourceline, f"unknown administrative status '{status}' (expected "
                                            f"{', '.join(APPROVED + FORBIDDEN[:1])} or {FORBIDDEN[1]})")
            return None
        return Term(text, term.sourceline), _STATUS[status]


def _code(lang: str) -> str | None:
    """The report language of ``fr``, ``fr-FR``, ``zh_Hans``; None for another language."""
    primary = re.split(r"[-_]", lang.strip(), maxsplit=1)[0].lower()
    return primary if primary in LANGUAGES else None


def _frozen(terms: dict[str, list[Term]]) -> dict[str, tuple[Term, ...]]:
    """Each language's terms, a term written twice kept once (at its first line)."""
    out: dict[str, tuple[Term, ...]] = {}
    for code, found in sorted(terms.items()):
        first: dict[str, Term] = {}
        for term in found:
            first.setdefault(term.text, term)
        out[code] = tuple(first.values())
    return out


# -- CSV ------------------------------------------------------------------------------------

def _read_csv(path: Path, raw: bytes) -> tuple[list[TermEntry], list[Diagnostic]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return [], [Diagnostic("error", path, line, "file is not valid UTF-8")]
    first = next((line for line in text.split("\n") if line.strip()), None)
    if first is None:
        return [], [Diagnostic("error", path, None, "the term base is empty (expected a header row of language codes)")]
    # a spreadsheet saved in a French or Russian locale separates with ";"
    delimiter = next((d for d in (",", ";", "\t") if d in first), ",")
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    diags: list[Diagnostic] = []
    entries: list[TermEntry] = []
    columns: dict[int, tuple[str, bool]] | None = None  # index -> (code, approved)
    end = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:  # a cell over the csv module's own limit (128 KB), a NUL byte
            line = end + 1
            if "field larger than field limit" in str(exc):
                return [], diags + [_cell_too_long(path, line, None)]
            return [], diags + [Diagnostic("error", path, line, f"not a readable CSV row: {exc}")]
        line, end = end + 1, rows.line_num  # a quoted cell may span lines: the row starts here
        if (long := next((len(cell) for cell in row if CSV_CELL_CHARS.exceeded(len(cell))), None)) is not None:
            diags.append(_cell_too_long(path, line, long))
            continue
        if not any(cell.strip() for cell in row):
            continue
        if columns is None:
            columns, found = _header(path, line, row)
            diags += found
            if found:
                return [], diags
            continue
        entry, found = _row(path, line, row, columns)
        diags += found
        if entry is not None:
            entries.append(entry)
    return entries, diags


def _header(path: Path, line: int, row: list[str]) -> tuple[dict[int, tuple[str, bool]], list[Diagnostic]]:
    columns: dict[int, tuple[str, bool]] = {}
    diags: list[Diagnostic] = []
    seen: set[tuple[str, bool]] = set()
    for i, name in enumerate(row):
        name = name.strip()
        forbidden = _FORBIDDEN_COLUMN.fullmatch(name)
        code = _code(forbidden.group(1)) if forbidden else _code(name) if _LANGUAGE_COLUMN.fullmatch(name) else None
        if forbidden and code is None:
            diags.append(Diagnostic("error", path, line, f"unknown language code '{forbidden.group(1)}' in column "
                                                         f"'{name}' (expected one of: {_CODES})"))
            continue
        if code is None:
            continue  # a note, an id: not read
        key = (code, not forbidden)
        if key in seen:
            diags.append(Diagnostic("error", path, line, f"column '{name}' is given twice"))
        seen.add(key)
        columns[i] = key
    if not diags and not any(approved for _, approved in columns.values()):
        diags.append(Diagnostic("error", path, line, f"the header row names no language column ({_CODES})"))
    return columns, diags


def _row(path: Path, line: int, row: list[str],
         columns: dict[int, tuple[str, bool]]) -> tuple[TermEntry | None, list[Diagnostic]]:
    approved: dict[str, list[Term]] = {}
    forbidden: dict[str, list[Term]] = {}
    diags: list[Diagnostic] = []
    for i, (code, ok) in columns.items():
        cell = row[i] if i < len(row) else ""
        if not cell.strip():
            continue
        name = code if ok else f"{code}:forbidden"
        for part in cell.split(_SEPARATOR):
            text = " ".join(part.split())
            if not text:
                diags.append(Diagnostic("error", path, line, f"empty term in column '{name}' "
                                                             f"(terms in a cell are separated by '{_SEPARATOR}')"))
                break
            if (bad := _bad_char(text)) is not None:
                diags.append(Diagnostic("error", path, line, f"column '{name}': {bad}"))
                break
            (approved if ok else forbidden).setdefault(code, []).append(Term(text, line))
    if diags:
        return None, diags
    if not approved and not forbidden:
        return None, [Diagnostic("error", path, line, "row has no terms")]
    return TermEntry(path, line, _frozen(approved), _frozen(forbidden)), []


def _cell_too_long(path: Path, line: int, length: int | None) -> Diagnostic:
    said = f"a cell holds {length:,} characters" if length is not None else "a cell is longer still"
    return Diagnostic("error", path, line, CSV_CELL_CHARS.over(said) + ": a cell holds the terms of one language, "
                                           f"separated by '{_SEPARATOR}'")


def _bad_char(text: str) -> str | None:
    """Why a term cannot be used: it holds a character no document can hold (a control
    character, such as the ESC of a terminal escape sequence), so no text could match it."""
    found = BAD_CHARS.search(text)
    if found is None:
        return None
    ch = found.group()
    name = unicodedata.name(ch, "a control character")
    return (f"term '{text}' contains U+{ord(ch):04X} ({name}), which cannot appear in a document: "
            "remove it from the term")
