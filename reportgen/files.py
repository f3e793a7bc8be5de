"""Atomic output: a file appears whole or not at all, a set of files is replaced as a
whole (INTERFACE §3.3).

Output that cannot be written is one line ``cannot write to X: reason`` (X the folder or
the file), and leaves nothing behind: no temporary file, no folder this call created, no
file of a set half-replaced by the set being written.

How a set stays whole, even when the process is killed (``kill -9``) or runs beside
another one writing the same folder (two ``make report`` at once):

- each file is first written whole to a temporary file beside it, named
  ``.<name>.<pid>.<random>.tmp`` — unique to the process, so concurrent runs never
  share one;
- the folder is locked (``flock`` on the folder itself: no lock file is left) while a
  set is committed, so two runs do not interleave their renames;
- before the first rename, a journal ``.reportgen-commit.<pid>.<random>.json`` lists
  the renames; it is removed after the last. A run killed between the two leaves the
  journal, and the next run that writes into the folder completes those renames first
  (every temporary file was whole before the journal was written): the set is then the
  new one, never a mixture;
- temporary files and journals whose process is gone (a run killed while writing) are
  removed by the next run that writes into the folder, as are the scratch folders
  ``reportgen-<kind>-<pid>-…`` a killed run left in the system's temporary folder.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from reportgen.errors import UserError

__all__ = ["CannotWrite", "write_atomically", "write_all_atomically", "scratch_folder", "cannot_write"]

_JOURNAL = ".reportgen-commit."
_SCRATCH = "reportgen-"


class CannotWrite(UserError):
    """An output folder or file the tool may not or cannot write; exit 2."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(path, None, f"cannot write to {path}: {reason}")

    def __str__(self) -> str:
        return self.message


def cannot_write(path: Path | str, exc: OSError) -> CannotWrite:
    """The one-line error for an OSError met while writing ``path``."""
    return CannotWrite(path, _reason(exc))


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename it into place."""
    write_all_atomically({path: data})


def write_all_atomically(files: Mapping[Path, bytes], mtime_ns: Mapping[Path, int] | None = None) -> None:
    """Write every file, or none: each is first written whole to a temporary file
    beside it, and only once all are written are they renamed into place (under the
    folder's lock, with a journal that a later run completes if this one is killed).
    Missing folders are created, and removed again if the writing fails.
    ``mtime_ns``: a modification time to give a file (``build --manifest``)."""
    created: list[Path] = []
    staged: dict[Path, str] = {}
    folders = sorted(dict.fromkeys(p.parent for p in files))
    try:
        for folder in folders:
            created += _make_folder(folder)
        with contextlib.ExitStack() as locks:
            for folder in folders:
                locks.enter_context(_locked(folder))
                _recover(folder)
            for path, data in files.items():
                staged[path] = _stage(path, data, (mtime_ns or {}).get(path))
            _commit(staged)
            staged.clear()
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
            try:
                p.mkdir()
            except FileExistsError:  # made meanwhile by a run beside this one
                continue
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


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` itself (no lock file is created); where the
    file system cannot lock, go on without (a lone run is still whole)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        raise CannotWrite(folder, _reason(exc)) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            pass
        yield
    finally:
        os.close(fd)  # releases the lock


def _stage(path: Path, data: bytes, mtime_ns: int | None) -> str:
    """``data`` written whole to a temporary file beside ``path``; its name."""
    if path.is_dir():
        raise CannotWrite(path, "is a folder")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise CannotWrite(path.parent, _reason(exc)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        if mtime_ns is not None:
            os.utime(tmp, ns=(mtime_ns, mtime_ns))
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise CannotWrite(path, _reason(exc)) from None
        raise
    return tmp


def _commit(staged: Mapping[Path, str]) -> None:
    """Rename every staged file into place, a journal in each folder meanwhile."""
    journals: list[Path] = []
    try:
        if len(staged) > 1:
            for folder in dict.fromkeys(p.parent for p in staged):
                renames = [[tmp, str(path)] for path, tmp in staged.items() if path.parent == folder]
                journals.append(_journal(folder, renames))
        for path, tmp in staged.items():
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise CannotWrite(path, _reason(exc)) from None
    finally:
        for journal in journals:
            journal.unlink(missing_ok=True)


def _journal(folder: Path, renames: list[list[str]]) -> Path:
    try:
        fd, name = tempfile.mkstemp(prefix=f"{_JOURNAL}{os.getpid()}.", suffix=".json", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"renames": renames}, fh)
    except OSError as exc:
        raise CannotWrite(folder, _reason(exc)) from None
    return Path(name)


# -- what a killed run left ------------------------------------------------------------------

def _recover(folder: Path) -> None:
    """Complete the renames of a killed run's journal, then remove the temporary files and
    journals of processes that are gone. Called with the folder locked."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if name.startswith(_JOURNAL) and name.endswith(".json") and not _alive(_pid(name, _JOURNAL)):
            _roll_forward(folder / name)
    for name in names:
        if name.startswith(".") and name.endswith(".tmp") and not _alive(_temp_pid(name)):
            (folder / name).unlink(missing_ok=True)


def _roll_forward(journal: Path) -> None:
    try:
        renames = json.loads(journal.read_text(encoding="utf-8"))["renames"]
    except (OSError, ValueError, KeyError, TypeError):
        renames = []  # cut short while written: no rename had begun; its files are removed as stale
    for tmp, path in renames if isinstance(renames, list) else []:
        try:
            if Path(tmp).parent == journal.parent and Path(path).parent == journal.parent:
                os.replace(tmp, path)
        except (OSError, TypeError, ValueError):
            pass  # renamed already, before the kill
    journal.unlink(missing_ok=True)


def _pid(name: str, prefix: str) -> int | None:
    """The process id in ``<prefix><pid>.<random>…``."""
    head = name[len(prefix):].split(".", 1)[0]
    return int(head) if head.isdigit() else None


def _temp_pid(name: str) -> int | None:
    """The process id in ``.<name>.<pid>.<random>.tmp`` (None for other hidden files)."""
    parts = name[:-len(".tmp")].rsplit(".", 2)
    return int(parts[1]) if len(parts) == 3 and parts[1].isdigit() else None


def _alive(pid: int | None) -> bool:
    """Whether process ``pid`` exists (None: not a name of ours, so left alone)."""
    if pid is None or pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's: it exists
        return True
    return True


# -- scratch folders -------------------------------------------------------------------------

@contextlib.contextmanager
def scratch_folder(kind: str) -> Iterator[Path]:
    """A private temporary folder, ``reportgen-<kind>-<pid>-…`` in the system's
    temporary folder, removed afterwards; the ones of killed runs are removed first."""
    base = Path(tempfile.gettempdir())
    _remove_stale_scratch(base)
    try:
        path = Path(tempfile.mkdtemp(prefix=f"{_SCRATCH}{kind}-{os.getpid()}-", dir=base))
    except OSError as exc:
        raise CannotWrite(base, _reason(exc)) from None
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _remove_stale_scratch(base: Path) -> None:
    try:
        names = os.listdir(base)
    except OSError:
        return
    uid = os.geteuid()
    for name in names:
        parts = name[len(_SCRATCH):].split("-") if name.startswith(_SCRATCH) else []
        if len(parts) < 3 or not parts[1].isdigit() or _alive(int(parts[1])):
            continue
        path = base / name
        try:
            if path.is_dir() and not path.is_symlink() and path.stat().st_uid == uid:
                shutil.rmtree(path, ignore_errors=True)
        except OSError:
            pass


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
