"""The reports under INPUT and the digest that says whether one changed.

A report folder is a folder holding at least one ``<lang>.md`` (the six codes of
``l10n``); folders that hold none are looked into, to any depth (an archive laid out
by organ and year), so a report is named by its path under INPUT (``A/2024/L.2``).
Hidden folders and OUT itself are passed over. Loose files are not reports: issued PDF
and DOCX files are counted (the CLI says how many were passed over) but not yet grouped
into reports by symbol and language (docs/INTERFACE.md §3.10).

The digest is SHA-256 over the report's files (names and bytes, every file under its
folder: versions, ``documents.yaml``, the term base, ``accepted.yaml``), reportgen's
version and the corpus tables' layout: an unchanged digest means an unchanged answer.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from reportgen.l10n import LANGUAGES

__all__ = ["Report", "find_reports", "digest", "LAYOUT"]

#: bumped whenever the rows a task gives change shape or meaning: old results are redone
LAYOUT = "corpus-2"


@dataclass(frozen=True)
class Report:
    name: str  # its path under INPUT, with "/" (the folder's own name when INPUT is a report)
    folder: Path
    digest: str


#: loose files that are issued documents, passed over until they are grouped into reports
ISSUED = (".pdf", ".docx")


def find_reports(root: Path, exclude: Path | None = None) -> tuple[list[Report], list[Path]]:
    """Every report folder under ``root``, by name, and the issued documents (PDF, DOCX)
    found outside any report folder, which are passed over."""
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
            loose += sorted(base / f for f in files if f.lower().endswith(ISSUED))
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


def _holds_versions(folder: Path) -> bool:
    return any((folder / f"{code}.md").is_file() for code in LANGUAGES)


def _version() -> str:
    try:
        return version("reportgen")
    except PackageNotFoundError:  # pragma: no cover - a checkout that was not installed
        return "unknown"
