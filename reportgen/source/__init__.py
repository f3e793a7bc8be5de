"""The *source* stage: report folders and Markdown files → document model."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from reportgen.errors import Diagnostic, UserError, processing
from reportgen.l10n import LANGUAGES
from reportgen.model import Document, Metadata, Report
from reportgen.parallel import collector_paused
from reportgen.source.reader import read_document

__all__ = ["read_document", "read_report", "shared_metadata", "SHARED_KEYS"]

# Front matter that must be identical in every language version (INTERFACE §2.2).
SHARED_KEYS = ("symbol", "distribution", "date", "original", "dates", "job", "word_limit")


def language_files(directory: Path) -> dict[str, Path]:
    """The language versions in a report folder, by code, in a stable order.

    Raises UserError only when there is nothing to read; every other file of
    the folder is judged by :func:`folder_diagnostics`."""
    if not directory.is_dir():
        raise UserError(directory, None, "not a report folder (expected a directory holding en.md, zh.md, ...)")
    files: dict[str, Path] = {}
    for path in sorted(directory.glob("*.md")):
        if path.stem in LANGUAGES and path.name == f"{path.stem}.md" and path.is_file():
            files[path.stem] = path
    if not files:
        first = next((d for d in folder_diagnostics(directory) if d.severity == "error"), None)
        if first is not None:
            raise UserError(first.path, first.line, first.message)
        raise UserError(directory, None, "no language versions found (expected files such as en.md and zh.md)")
    return files


# Files a report folder may hold besides its language versions (read by other stages).
COMPANIONS = frozenset({"documents.yaml", "accepted.yaml", "terms.tbx", "terms.csv"})
_TEXT_SUFFIXES = frozenset({"md", "markdown", "mdown", "mkd", "mkdn", "txt", "text"})
# A language code, in any case, with optional region or script subtags: EN, zh-CN, zh_Hans, es-419.
_LOOK_ALIKE = re.compile(rf"({'|'.join(LANGUAGES)})([-_]([a-z]{{2}}|[a-z]{{4}}|[0-9]{{3}}))*", re.IGNORECASE)


def folder_diagnostics(directory: Path) -> list[Diagnostic]:
    """What is wrong with the files of a report folder besides their content:
    a look-alike of a language version (``EN.md``, ``en.markdown``, ``en.txt``, ``zh-CN.md``)
    is an error, any other unknown file a warning; a link leading outside the
    folder is an error. Companions, README.md, folders and hidden files are silent."""
    if not directory.is_dir():
        return []
    root = directory.resolve()
    expected = ", ".join(f"{c}.md" for c in LANGUAGES)
    out: list[Diagnostic] = []
    for path in sorted(directory.iterdir()):
        name = path.name
        if name.startswith("."):
            continue
        if path.is_symlink():
            try:
                target: Path | None = path.resolve()
            except (OSError, RuntimeError):  # a loop of links
                target = None
            if target is not None and not target.is_relative_to(root):
                out.append(Diagnostic("error", path, None, "is a link to a file outside the report folder"))
                continue
            if target is None or not target.exists():
                out.append(Diagnostic("error", path, None, "is a link to a file that does not exist"))
                continue
        if path.is_dir() or name in COMPANIONS or name.lower() == "readme.md":
            continue
        if name in {f"{c}.md" for c in LANGUAGES}:
            continue
        stem, _, suffixes = name.partition(".")
        look_alike = _LOOK_ALIKE.fullmatch(stem)
        if look_alike and all(s.lower() in _TEXT_SUFFIXES for s in suffixes.split(".") if suffixes):
            out.append(Diagnostic("error", path, None,
                                  f"not a language version: name it {look_alike.group(1).lower()}.md"))
        else:
            out.append(Diagnostic("warning", path, None, f"not a language version (expected {expected}); ignored"))
    return out


def read_report(directory: Path, langs: tuple[str, ...] = ()) -> tuple[Report, list[Diagnostic]]:
    """Read every language version of a report (or those in ``langs``).

    Every version is read even when an earlier one has errors, so that one run
    reports all of them; ``Report.versions`` holds only the versions that read
    without error."""
    files = language_files(directory)
    for code in langs:
        if code not in files:
            raise UserError(directory, None, f"no '{code}' version: {code}.md does not exist")
    versions: dict[str, Document] = {}
    diagnostics: list[Diagnostic] = list(folder_diagnostics(directory))
    for code, path in files.items():
        with processing(path), collector_paused():  # reading makes no reference cycles
            document, found = read_document(path)
        if document is not None:
            versions[code] = document
        diagnostics.extend(found)
    diagnostics.extend(shared_metadata({c: (d.path, d.meta) for c, d in versions.items()}))
    if langs:
        versions = {c: d for c, d in versions.items() if c in langs}
    name = directory.resolve().name
    return Report(name, directory, versions), diagnostics


def shared_metadata(heads: Mapping[str, tuple[Path, Metadata]]) -> list[Diagnostic]:
    """Symbol, dates and the rest must agree across versions (``heads``: the path
    and front matter of each readable version, by code, in file order); the
    original, if present, is the reference, otherwise the first file."""
    if len(heads) < 2:
        return []
    first_path, first_meta = next(iter(heads.values()))
    reference_path, reference = heads.get(first_meta.original, (first_path, first_meta))
    out = []
    for path, meta in heads.values():
        if path == reference_path:
            continue
        for key in SHARED_KEYS:
            mine, theirs = getattr(meta, key), getattr(reference, key)
            if mine != theirs:
                out.append(Diagnostic(
                    "error", path, meta.lines.get(key),
                    f"'{key}' is {_show(mine)} here but {_show(theirs)} in {reference_path.name}",
                ))
    return out


def _show(value: object) -> str:
    if value is None:
        return "missing"
    if isinstance(value, tuple):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return f"'{value}'"
