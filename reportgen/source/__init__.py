"""The *source* stage: report folders and Markdown files → document model."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from babel import Locale
from babel.core import get_global

from reportgen.errors import Diagnostic, UserError, processing
from reportgen.l10n import LANGUAGES
from reportgen.model import Document, Metadata, Report
from reportgen.memory import collector_paused
from reportgen.paths import link_problem
from reportgen.source.reader import read_document

__all__ = ["read_document", "read_report", "shared_metadata", "original_named", "SHARED_KEYS"]

# Front matter that must be identical in every language version (INTERFACE §2.2).
SHARED_KEYS = ("symbol", "distribution", "date", "original", "dates", "job", "word_limit")


def language_files(directory: Path) -> dict[str, Path]:
    """The language versions in a report folder, by code, in a stable order.

    A version that is a link leading outside the folder (or to nothing), or not a
    regular file (a pipe, a device), is never read: :func:`folder_diagnostics` reports
    it. Raises UserError only when there is nothing to read."""
    if not directory.is_dir():
        raise UserError(directory, None, "not a report folder (expected a directory holding en.md, zh.md, ...)")
    files: dict[str, Path] = {}
    for path in sorted(directory.glob("*.md")):
        if path.stem in LANGUAGES and path.name == f"{path.stem}.md" and path.is_file() \
                and link_problem(path, directory) is None:
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
# A language tag, in any case: a code with optional region or script subtags (EN, zh-CN, zh_Hans,
# es-419, pt-BR); whether the code is a language is CLDR's to say (:func:`_language_of`).
_TAG = re.compile(r"([a-z]{2,3})(?:[-_](?:[a-z]{2}|[a-z]{4}|[0-9]{3}))*", re.IGNORECASE)


@functools.cache
def _language_names() -> dict[str, str]:
    """English names of the two-letter (ISO 639-1) language codes, from CLDR through Babel."""
    return {code: name for code, name in Locale("en").languages.items() if len(code) == 2}


@functools.cache
def _three_letter_codes() -> dict[str, str]:
    """Three-letter codes of the six languages (``eng``, ``fre``, ``zho``, ``arb``) → their own.

    Only these: CLDR's three-letter codes of other languages are English words too
    (``may``, ``run``, ``cat``, ``per``), and a ``may.md`` beside the versions is a note."""
    aliases = get_global("language_aliases")
    return {str(alias): str(code) for alias, code in aliases.items() if len(alias) == 3 and code in LANGUAGES}


def _language_of(stem: str) -> str | None:
    """The two-letter code a file name's stem stands for (``EN``, ``zh-Hans``, ``eng``,
    ``pt-BR``, ``de``), or None when it is not a language tag (``notes``, ``draft-en``)."""
    tag = _TAG.fullmatch(stem)
    if tag is None:
        return None
    code = tag.group(1).lower()
    if len(code) == 3:
        return _three_letter_codes().get(code)
    return code if code in LANGUAGES or code in _language_names() else None


def folder_diagnostics(directory: Path) -> list[Diagnostic]:
    """What is wrong with the files of a report folder besides their content:
    a look-alike of a language version (``EN.md``, ``en.markdown``, ``en.txt``, ``zh-CN.md``,
    ``eng.md``) is an error, and so is a version in a language that is not one of the six
    (``de.md``, ``pt-BR.md``): either would otherwise be left out of every command while the
    run succeeds. Any other unknown file is a warning; a link leading outside the folder
    is an error. Companions, README.md, folders and hidden files are silent."""
    if not directory.is_dir():
        return []
    expected = ", ".join(f"{c}.md" for c in LANGUAGES)
    out: list[Diagnostic] = []
    for path in sorted(directory.iterdir()):
        name = path.name
        if name.startswith("."):
            continue
        problem = link_problem(path, directory)  # the one rule for paths (reportgen.paths)
        if problem is not None:
            out.append(Diagnostic("error", path, None, problem))
            continue
        if path.is_dir() or name in COMPANIONS or name.lower() == "readme.md":
            continue
        if name in {f"{c}.md" for c in LANGUAGES}:
            if not path.is_file():  # a pipe or a device: reading it would never end
                out.append(Diagnostic("error", path, None, "is not a regular file: a language version is a "
                                                           "UTF-8 text file"))
            continue
        stem, _, suffixes = name.partition(".")
        code = _language_of(stem)
        if code is not None and all(s.lower() in _TEXT_SUFFIXES for s in suffixes.split(".") if suffixes):
            if code in LANGUAGES:
                out.append(Diagnostic("error", path, None, f"not a language version: name it {code}.md"))
            else:
                six = ", ".join(f"{c}.md" for c in LANGUAGES[:-1]) + f" or {LANGUAGES[-1]}.md"
                shown = f"{_language_names()[code]} ({code}{stem[len(code):]})"  # German (de), Portuguese (pt-BR)
                out.append(Diagnostic("error", path, None, f"{shown} is not one of the six UN languages: "
                                      f"a version is named {six} (keep other languages out of the report folder)"))
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


def original_named(metas: Iterable[Metadata]) -> str | None:
    """The one rule for which version is the original: the first version (in file
    order) whose front matter could be read names it; None when none could."""
    return next((meta.original for meta in metas), None)


def shared_metadata(heads: Mapping[str, tuple[Path, Metadata]]) -> list[Diagnostic]:
    """Symbol, dates and the rest must agree across versions (``heads``: the path
    and front matter of each readable version, by code, in file order); the
    original, if present, is the reference, otherwise the first file."""
    if len(heads) < 2:
        return []
    first_path, first_meta = next(iter(heads.values()))
    original = original_named(meta for _, meta in heads.values())
    reference_path, reference = heads.get(original or "", (first_path, first_meta))
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
