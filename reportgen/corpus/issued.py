"""Issued documents (PDF, DOCX) under a corpus INPUT, grouped into reports by symbol and language.

The documents system hands out files named after the symbol, ``/`` written ``_``, with a
language suffix: ``A_HRC_WG.6_34_ITA_3-EN.pdf``, ``A_HRC_WG.6_34_ITA_3_E.pdf``,
``A_HRC_WG.6_34_ITA_3_en.docx`` (INTERFACE §3.10 lists the forms). A file named by its job
number (``N2112345.pdf``) says neither, so a ``manifest.csv`` (``symbol,lang,path``, paths
relative to it) can say it; the manifest wins for the files it lists. The language letters
and codes come from the language data (``job_letter``, ``code``), never from a list here.

A file that cannot be grouped is a :class:`Problem` (one failed row of the run, its message
located ``PATH: …``), never an exception: one odd file must not stop an archive.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from reportgen.l10n import LANGUAGES, language
from reportgen.resolve import symbol_problem
from reportgen.resolve.symbols import canonical

__all__ = ["Group", "Problem", "MANIFEST", "group_issued", "from_name"]

MANIFEST = "manifest.csv"
HEADER = ["symbol", "lang", "path"]
#: the symbol, then ``-`` or ``_`` and a language code (any case) or its upper-case job letter
_NAME = re.compile(r"(?P<symbol>.+?)[-_](?P<lang>[A-Za-z]{2}|[A-Z])")


@dataclass(frozen=True)
class Group:
    """One report: a symbol and its language versions, ``(lang, file)`` by language code."""

    symbol: str
    files: tuple[tuple[str, Path], ...]


@dataclass(frozen=True)
class Problem:
    """A file (or manifest line) that gives no report: ``name`` under INPUT and why."""

    name: str
    message: str  # located: ``PATH: …`` or ``MANIFEST:LINE: …``


def from_name(path: Path) -> tuple[str, str] | str:
    """``(symbol, lang)`` from a file name in a documents-system form, else why not."""
    match = _NAME.fullmatch(path.stem)
    if match is None:
        return "the file name gives no language (expected SYMBOL-EN, SYMBOL_E or SYMBOL_en)"
    lang = _language(match["lang"])
    if lang is None:
        return f"the file name's language '{match['lang']}' is not one of {_known()}"
    symbol = match["symbol"].replace("_", "/")
    if (problem := symbol_problem(symbol)) is not None:
        return f"the file name gives the symbol '{symbol}', which {problem}"
    return canonical(symbol), lang


def group_issued(root: Path, files: list[Path], manifests: list[Path]) -> tuple[list[Group], list[Problem]]:
    """The reports that ``files`` (under ``root``) and ``manifests`` make, and the problems.

    A (symbol, language) given twice keeps the manifest's file, else the first by path; the
    other is a problem."""
    taken: dict[tuple[str, str], Path] = {}
    problems: list[Problem] = []
    listed: set[Path] = set()
    for manifest in sorted(manifests):
        for symbol, lang, path, where in _read_manifest(manifest, root, problems):
            listed.add(path.resolve())
            _take(taken, problems, (symbol, lang), path, where, root)
    for path in sorted(files):
        if path.resolve() in listed:
            continue
        found = from_name(path)
        if isinstance(found, str):
            problems.append(Problem(_name(path, root), f"{path}: {found}; or list it in {MANIFEST}"))
        else:
            _take(taken, problems, found, path, str(path), root)
    by_symbol: dict[str, list[tuple[str, Path]]] = {}
    for (symbol, lang), path in taken.items():
        by_symbol.setdefault(symbol, []).append((lang, path))
    groups = [Group(symbol, tuple(sorted(by_symbol[symbol]))) for symbol in sorted(by_symbol)]
    return groups, sorted(problems, key=lambda p: p.name)


def _take(taken: dict[tuple[str, str], Path], problems: list[Problem], key: tuple[str, str], path: Path,
          where: str, root: Path) -> None:
    if key in taken:
        problems.append(Problem(_name(path, root), f"{where}: {key[0]} in {key[1]} is already given by {taken[key]}"))
    else:
        taken[key] = path


def _read_manifest(manifest: Path, root: Path, problems: list[Problem]) -> list[tuple[str, str, Path, str]]:
    """The manifest's rows ``(symbol, lang, file, MANIFEST:LINE)``; each bad line is a problem."""
    out: list[tuple[str, str, Path, str]] = []
    try:
        lines = manifest.read_text("utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) else "it is not UTF-8 text"
        problems.append(Problem(_name(manifest, root), f"{manifest}: cannot read it: {why}"))
        return out
    rows = list(csv.reader(lines))
    if not rows or [c.strip() for c in rows[0]] != HEADER:
        problems.append(Problem(_name(manifest, root), f"{manifest}:1: the header must be '{','.join(HEADER)}'"))
        return out
    for number, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        where = f"{manifest}:{number}"
        name = f"{_name(manifest, root)}:{number}"
        if len(row) != 3:
            problems.append(Problem(name, f"{where}: expected 3 fields (symbol,lang,path), found {len(row)}"))
            continue
        symbol, lang_text, relative = (c.strip() for c in row)
        lang = _language(lang_text)
        path = manifest.parent / relative
        if (problem := symbol_problem(symbol)) is not None:
            problems.append(Problem(name, f"{where}: '{symbol}' {problem}"))
        elif lang is None:
            problems.append(Problem(name, f"{where}: the language '{lang_text}' is not one of {_known()}"))
        elif not relative or not path.is_file():
            problems.append(Problem(name, f"{where}: no such file: {relative}"))
        else:
            out.append((canonical(symbol), lang, path, where))
    return out


def _language(text: str) -> str | None:
    """The language code that a suffix names: its code (any case) or its job letter."""
    for code in LANGUAGES:
        if text.lower() == code or text == language(code).job_letter:
            return code
    return None


def _known() -> str:
    return ", ".join(f"{code}/{language(code).job_letter}" for code in LANGUAGES)


def _name(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
