"""The *source* stage: report folders and Markdown files → document model."""

from __future__ import annotations

from pathlib import Path

from reportgen.errors import Diagnostic, UserError
from reportgen.l10n import LANGUAGES
from reportgen.model import Document, Report
from reportgen.source.reader import read_document

__all__ = ["read_document", "read_report", "SHARED_KEYS"]

# Front matter that must be identical in every language version (CONTRACT §2).
SHARED_KEYS = ("symbol", "distribution", "date", "original", "dates", "job", "word_limit")


def language_files(directory: Path) -> dict[str, Path]:
    """The language versions in a report folder, by code, in a stable order."""
    if not directory.is_dir():
        raise UserError(directory, None, "not a report folder (expected a directory holding en.md, zh.md, ...)")
    files: dict[str, Path] = {}
    for path in sorted(directory.glob("*.md")):
        if path.stem in LANGUAGES:
            files[path.stem] = path
        elif path.name.lower() != "readme.md":
            raise UserError(path, None, f"file name is not a language code: expected one of {', '.join(f'{c}.md' for c in LANGUAGES)}")
    if not files:
        raise UserError(directory, None, "no language versions found (expected files such as en.md and zh.md)")
    return files


def read_report(directory: Path, langs: tuple[str, ...] = ()) -> tuple[Report, list[Diagnostic]]:
    """Read every language version of a report (or those in ``langs``)."""
    files = language_files(directory)
    for code in langs:
        if code not in files:
            raise UserError(directory, None, f"no '{code}' version: {code}.md does not exist")
    versions: dict[str, Document] = {}
    diagnostics: list[Diagnostic] = []
    for code, path in files.items():
        document, found = read_document(path)
        versions[code] = document
        diagnostics.extend(found)
    diagnostics.extend(_shared_metadata(versions))
    if langs:
        versions = {c: d for c, d in versions.items() if c in langs}
    name = directory.resolve().name
    return Report(name, directory, versions), diagnostics


def _shared_metadata(versions: dict[str, Document]) -> list[Diagnostic]:
    """Symbol, dates and the rest must agree across versions; the original, if
    present, is the reference, otherwise the first file."""
    if len(versions) < 2:
        return []
    first = next(iter(versions.values()))
    reference = versions.get(first.meta.original, first)
    out = []
    for doc in versions.values():
        if doc is reference:
            continue
        for key in SHARED_KEYS:
            mine, theirs = getattr(doc.meta, key), getattr(reference.meta, key)
            if mine != theirs:
                out.append(Diagnostic(
                    "error", doc.path, doc.meta.lines.get(key),
                    f"'{key}' is {_show(mine)} here but {_show(theirs)} in {reference.path.name}",
                ))
    return out


def _show(value: object) -> str:
    if value is None:
        return "missing"
    if isinstance(value, tuple):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return f"'{value}'"
