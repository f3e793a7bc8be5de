"""The reports under INPUT and the digest that says whether one changed.

A report folder is a folder holding at least one ``<lang>.md`` (the six codes of
``l10n``); folders that hold none are looked into, to any depth (an archive laid out
by organ and year), so a report is named by its path under INPUT (``A/2024/L.2``).
Hidden folders and OUT itself are passed over. Issued PDF and DOCX files found outside
report folders (and ``manifest.csv`` files) are grouped into reports by symbol and
language (:mod:`~reportgen.corpus.issued`), each named by its symbol; a file that
cannot be grouped is a report that fails at once with its reason (``problem``).

The digest is SHA-256 over the report's files (names and bytes, every file under its
folder: versions, ``documents.yaml``, the term base, ``accepted.yaml``), reportgen's
version and the corpus tables' layout: an unchanged digest means an unchanged answer.
An issued report's digest covers its symbol and each file's language, name and bytes.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from reportgen.l10n import LANGUAGES

__all__ = ["Report", "find_reports", "find_inputs", "digest", "LAYOUT"]

#: bumped whenever the rows a task gives change shape or meaning: old results are redone
LAYOUT = "corpus-2"


@dataclass(frozen=True)
class Report:
    name: str  # its path under INPUT, with "/" (the folder's own name when INPUT is a report); an issued one's symbol
    folder: Path
    digest: str
    #: issued documents to import: ``(lang, file, file as shown under INPUT)``; none for a report folder
    files: tuple[tuple[str, str, str], ...] = ()
    problem: str | None = None  # why the file named ``name`` gives no report (a failed row at once)


#: loose files that are issued documents, grouped into reports by ``issued``
ISSUED = (".pdf", ".docx")


def find_inputs(root: Path, exclude: Path | None = None) -> list[Report]:
    """Every report under ``root``: report folders, then issued groups and the files that
    gave none, in name order."""
    from reportgen.corpus.issued import MANIFEST, Problem, group_issued

    reports, loose = find_reports(root, exclude)
    files = [p for p in loose if p.name != MANIFEST]
    groups, problems = group_issued(root, files, [p for p in loose if p.name == MANIFEST])
    folders = {r.name: r.folder for r in reports}
    for group in groups:
        if group.symbol in folders:  # a report is named once: the folder is the report, the files are not
            problems += [Problem(_under(path, root), f"{path}: {group.symbol} is the report folder "
                                 f"{folders[group.symbol]} already") for _, path in group.files]
            continue
        shown = tuple((lang, str(path.resolve()), _under(path, root)) for lang, path in group.files)
        reports.append(Report(group.symbol, root, _issued_digest(group.symbol, shown), files=shown))
    for problem in problems:
        reports.append(Report(problem.name, root, _issued_digest(problem.name, (), problem.message),
                              problem=problem.message))
    return sorted(reports, key=lambda r: r.name)


def find_reports(root: Path, exclude: Path | None = None) -> tuple[list[Report], list[Path]]:
    """Every report folder under ``root``, by name, and the issued documents (PDF, DOCX)
    and manifests found outside any report folder."""
    skip = exclude.resolve() if exclude is not None else None
    found: list[tuple[str, Path]] = []
    loose: list[Path] = []
    if _holds_versions(root):
        found.append((root.resolve().name, root))
    else:
        for here, dirs, files in os.walk(root):
            base = Path(here)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (base / d).resolve() != skip)
            for d in list(dirs):
                if _holds_versions(base / d):
                    found.append(((base / d).relative_to(root).as_posix(), base / d))
                    dirs.remove(d)  # a report's own subfolders (images) are not reports
            loose += sorted(base / f for f in files if f.lower().endswith(ISSUED) or f == "manifest.csv")
    return [Report(name, folder, digest(folder)) for name, folder in sorted(found)], loose


def digest(folder: Path) -> str:
    h = hashlib.sha256(f"{_version()}\0{LAYOUT}\0".encode())
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode("utf-8", "surrogateescape") + b"\0")
        try:
            data = path.read_bytes()
        except OSError as exc:  # the task reports it, located; the digest only has to differ
            data = f"unreadable: {exc.strerror}".encode()
        h.update(len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


def _issued_digest(name: str, files: tuple[tuple[str, str, str], ...], problem: str = "") -> str:
    h = hashlib.sha256(f"{_version()}\0{LAYOUT}\0issued\0{name}\0{problem}\0".encode("utf-8", "surrogateescape"))
    for lang, path, shown in files:
        h.update(f"{lang}\0{shown}\0".encode("utf-8", "surrogateescape"))
        try:
            data = Path(path).read_bytes()
        except OSError as exc:  # the import reports it, located
            data = f"unreadable: {exc.strerror}".encode()
        h.update(len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


def _under(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _holds_versions(folder: Path) -> bool:
    return any((folder / f"{code}.md").is_file() for code in LANGUAGES)


def _version() -> str:
    try:
        return version("reportgen")
    except PackageNotFoundError:  # pragma: no cover - a checkout that was not installed
        return "unknown"
