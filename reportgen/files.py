"""Atomic output: a file appears whole or not at all (INTERFACE §3.3).

Output that cannot be written is one line ``cannot write to X: reason`` (X the
folder or the file), and leaves nothing behind: no temporary file, no folder
this call created, no file of a set half-replaced by the set being written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from reportgen.errors import UserError


class CannotWrite(UserError):
    """An output folder or file the tool may not or cannot write; exit 2."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(path, None, f"cannot write to {path}: {reason}")

    def __str__(self) -> str:
        return self.message


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename it into place."""
    write_all_atomically({path: data})


def write_all_atomically(files: Mapping[Path, bytes]) -> None:
    """Write every file, or none: each is first written whole to a temporary
    file beside it, and only once all are written are they renamed into place.
    Missing folders are created, and removed again if the writing fails."""
    created: list[Path] = []
    staged: dict[Path, str] = {}
    try:
        for folder in dict.fromkeys(p.parent for p in files):
            created += _make_folder(folder)
        for path, data in files.items():
            staged[path] = _stage(path, data)
        for path in files:
            try:
                os.replace(staged[path], path)
            except OSError as exc:
                raise CannotWrite(path, _reason(exc)) from None
            del staged[path]
    except BaseException:
        for tmp in staged.values():
            Path(tmp).unlink(missing_ok=True)
        for folder in reversed(created):
            try:
                folder.rmdir()
            except OSError:
                pass
        raise


def _make_folder(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; the ones created, outermost first."""
    missing = []
    for p in (folder, *folder.parents):
        if p.exists() or p.is_symlink():
            break
        missing.append(p)
    made: list[Path] = []
    try:
        for p in reversed(missing):
            p.mkdir()
            made.append(p)
        if not folder.is_dir():
            raise CannotWrite(folder, "not a folder")
    except OSError as exc:
        for p in reversed(made):
            try:
                p.rmdir()
            except OSError:
                pass
        raise CannotWrite(folder, _reason(exc)) from None
    return made


def _stage(path: Path, data: bytes) -> str:
    """``data`` written whole to a temporary file beside ``path``; its name."""
    if path.is_dir():
        raise CannotWrite(path, "is a folder")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise CannotWrite(path.parent, _reason(exc)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise CannotWrite(path, _reason(exc)) from None
        raise
    return tmp


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
