"""The cited-documents registry: which documents a report may cite, with their
titles in each language.

Two files are read, both optional: ``sources/documents.yaml`` (project-wide)
and ``sources/<report>/documents.yaml`` (this report; its entries win)::

    CAC/COSP/EG.1/2021/2:
      date: 2021-06-29            # optional
      title:
        en: Progress made in the implementation of the mandates ...
        zh: 增进《联合国反腐败公约》下国际合作 ...

Reading never raises: each bad entry is a diagnostic at its line and is left
out, the good ones are kept, so one typo does not hide the rest of the file. A file
over the companion size limit is refused before it is read (``reportgen.limits``), and
one that is a link leading out of its folder is not read (``reportgen.paths``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode

from reportgen.errors import Diagnostic
from reportgen.l10n import LANGUAGES
from reportgen.limits import COMPANION_BYTES, TooLarge, read_limited
from reportgen.paths import companions
from reportgen.source.yamlnodes import (
    YamlText,
    bad_char_diagnostics,
    compose,
    content_end,
    describe_char,
    forbidden_char,
    is_null,
    is_text,
    join_surrogates,
    key_name,
    kind,
    pairs_by_name,
    read_date,
    shown,
    tag_message,
    tag_of,
    tag_problem,
)

FILE_NAME = "documents.yaml"
_ENTRY_KEYS = ("title", "date")


@dataclass(frozen=True)
class Entry:
    symbol: str
    titles: dict[str, str]
    date: dt.date | None
    path: Path
    line: int


@dataclass(frozen=True)
class Registry:
    entries: dict[str, Entry] = field(default_factory=dict)
    files: tuple[Path, ...] = ()

    def get(self, symbol: str) -> Entry | None:
        return self.entries.get(symbol)


def registry_files(report_dir: Path) -> list[Path]:
    """Project-wide file first, then the report's own, so the report's wins."""
    return companions(report_dir, (FILE_NAME,))[0]


def read_registry(report_dir: Path) -> tuple[Registry, list[Diagnostic]]:
    """Both registry files, merged; never raises."""
    entries: dict[str, Entry] = {}
    files, diags = companions(report_dir, (FILE_NAME,))
    for path in files:
        found, problems = read_file(path)
        entries.update(found)
        diags += problems
    return Registry(entries, tuple(files)), diags


def read_file(path: Path) -> tuple[dict[str, Entry], list[Diagnostic]]:
    """One documents.yaml: its good entries, and a diagnostic for each bad one."""
    try:
        raw = read_limited(path, COMPANION_BYTES, "split it between the report folders that cite the documents")
    except TooLarge as exc:
        return {}, [exc.diagnostic]
    except OSError as exc:
        return {}, [Diagnostic("error", path, None, f"cannot read file: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return {}, [Diagnostic("error", path, line, "file is not valid UTF-8")]
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    doc, diags = compose(path, text, 1, "invalid YAML", "the documents registry")
    root = doc.root
    if diags:
        return {}, sorted(diags + bad_char_diagnostics(doc, ())[0], key=_line)
    if root is None or is_null(root):
        return {}, bad_char_diagnostics(doc, ())[0]
    if tag_problem(root) or not isinstance(root, MappingNode):
        return {}, sorted([doc.error(root, "a documents registry maps document symbols to their titles")]
                          + bad_char_diagnostics(doc, ())[0], key=_line)
    reader = _Reader(doc)
    return reader.read(root), sorted(reader.diags, key=_line)


def _line(d: Diagnostic) -> int:
    return d.line or 0


class _Reader:
    """Checks one entry at a time, each problem a diagnostic at its own line."""

    def __init__(self, doc: YamlText) -> None:
        self.doc = doc
        self.diags: list[Diagnostic] = []

    def error(self, where: Node | int, message: str) -> None:
        self.diags.append(self.doc.error(where, message))

    def read(self, root: MappingNode) -> dict[str, Entry]:
        pairs, twice = pairs_by_name(self.doc, root, lambda s, first: f"'{shown(s)}' is listed twice "
                                                                      f"(first at line {first})")
        self.diags += twice
        spans = [(k.start_mark.index, content_end(v), name) for name, (k, v) in pairs.items()]
        chars, bad = bad_char_diagnostics(self.doc, spans)
        self.diags += chars
        out: dict[str, Entry] = {}
        for k, _v in root.value:
            if key_name(k) is None:
                self.error(k, f"a document symbol must be text such as 'A/75/1', not {kind(k)}")
        for symbol, (k, v) in pairs.items():
            if tag_of(k) == "tag:yaml.org,2002:merge":
                self.error(k, "'<<' is not a document symbol: the registry does not merge YAML mappings")
                continue
            if (tag := tag_problem(k)) is not None:
                self.error(k, tag_message(f"'{shown(symbol)}'", tag))
                continue
            if not is_text(k):
                self.error(k, f"'{shown(symbol)}' is read as {kind(k)}: put the document symbol in quotes")
                continue
            entry = self.entry(symbol, k, v)
            if entry is not None and symbol not in bad:
                out[symbol] = entry
        return out

    def entry(self, symbol: str, k: Node, v: Node) -> Entry | None:
        """One entry, or None once its problems are reported."""
        name = f"'{shown(symbol)}'"
        line = self.doc.line(k)
        if (tag := tag_problem(v)) is not None:
            self.error(k, tag_message(name, tag))
            return None
        if not isinstance(v, MappingNode):
            self.error(k, f"{name} needs a 'title' mapping of language codes to titles")
            return None
        before = len(self.diags)
        fields, twice = pairs_by_name(self.doc, v, lambda f, first: f"{name}: '{shown(f)}' is given twice "
                                                                    f"(first at line {first})")
        self.diags += twice
        title = fields.get("title")
        if title is None or not isinstance(title[1], MappingNode) or tag_problem(title[1]):
            self.error(k, f"{name} needs a 'title' mapping of language codes to titles")
            return None
        unknown = [str(f.value) if isinstance(f, ScalarNode) else kind(f)
                   for f, _ in v.value if not (is_text(f) and f.value in _ENTRY_KEYS)]
        if unknown:
            self.error(k, f"{name} has unknown keys: {', '.join(sorted(map(shown, unknown)))} (known: title, date)")
        titles = self.titles(name, title[1])
        date = self.date(name, *fields["date"]) if "date" in fields else None
        if len(self.diags) > before:
            return None
        return Entry(symbol, titles, date, self.doc.path, line)

    def titles(self, name: str, mapping: MappingNode) -> dict[str, str]:
        pairs, twice = pairs_by_name(self.doc, mapping, lambda lang, first: f"{name}: the {shown(lang)} title is "
                                                                            f"given twice (first at line {first})")
        self.diags += twice
        for k, _ in mapping.value:
            if key_name(k) is None:
                self.error(k, f"{name}: title language must be one of: {', '.join(LANGUAGES)}, not {kind(k)}")
        titles: dict[str, str] = {}
        for lang, (k, v) in pairs.items():
            if not is_text(k) or lang not in LANGUAGES:
                self.error(k, f"{name}: title language '{shown(lang)}' is not one of: {', '.join(LANGUAGES)}")
                continue
            if (tag := tag_problem(v)) is not None:
                self.error(k, tag_message(f"{name}: the {lang} title", tag))
                continue
            value = join_surrogates(str(v.value)) if is_text(v) else ""
            if not value.strip():
                self.error(k, f"{name}: the {lang} title must be text")
                continue
            if (char := forbidden_char(value)) is not None:
                self.error(k, f"{name}: the {lang} title contains {describe_char(char)}, "
                              "which cannot appear in a document")
                continue
            titles[lang] = value.strip()
        return titles

    def date(self, name: str, k: Node, v: Node) -> dt.date | None:
        """The entry's date, reported at the line of its 'date' key."""
        if is_null(v):
            return None
        if (tag := tag_problem(v)) is not None:
            self.error(k, tag_message(f"{name}: the date", tag))
            return None
        if not isinstance(v, ScalarNode):
            self.error(k, f"{name}: date must be of the form YYYY-MM-DD, not {kind(v)}")
            return None
        text_or_date = is_text(v) or tag_of(v) == "tag:yaml.org,2002:timestamp"
        date, why = read_date(str(v.value)) if text_or_date else (None, "is not of the form YYYY-MM-DD")
        if date is None:
            why = "is not of the form YYYY-MM-DD" if why.startswith("is not a date of the form") else why
            self.error(k, f"{name}: date '{shown(v.value)}' {why}")
        return date
