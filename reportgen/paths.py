"""One rule for every file a report names: it is read from inside its folder.

A report names files besides its language versions — the emblem in its front matter,
the cited-documents registry, the term base — and more will come. Each is resolved here,
and only here, against the folder it belongs to (the report folder, or ``sources/`` for
the project-wide ones): an absolute path, a path that climbs out with ``..``, or a
symbolic link whose target lies outside is refused, so that building a report never
embeds or reads a file from elsewhere on the machine (INTERFACE §2.1). A link that stays
inside is followed.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

from reportgen.errors import Diagnostic

__all__ = ["Outside", "inside", "link_problem", "companions", "REPORT_FOLDER"]

REPORT_FOLDER = "the report folder"


class Outside(Exception):
    """A named file that would be read from outside its folder. ``str(exc)`` says why,
    as a predicate of the name (``is a link to a file outside the report folder``)."""


def inside(base: Path, name: str | Path, folder: str = REPORT_FOLDER) -> Path:
    """The file ``name`` (relative to ``base``) names, links followed, when it stays
    inside ``base``; ``folder`` is how messages call ``base``. Whether it exists is the
    caller's question. Raises :class:`Outside`."""
    text = str(name)
    if PurePosixPath(text).is_absolute() or PureWindowsPath(text).drive or PureWindowsPath(text).is_absolute():
        raise Outside(f"is an absolute path, not a path inside {folder}")
    depth = 0
    for part in PurePosixPath(text).parts:
        depth += -1 if part == ".." else 0 if part == "." else 1
        if depth < 0:
            raise Outside(f"leads out of {folder} ('..')")
    try:
        root, target = base.resolve(), (base / text).resolve()
    except (OSError, RuntimeError):  # a loop of links
        raise Outside("is a link that leads to itself (a loop of links)") from None
    if not target.is_relative_to(root):
        raise Outside(f"is a link to a file outside {folder}")
    return target


def link_problem(path: Path, base: Path, folder: str = REPORT_FOLDER) -> str | None:
    """What is wrong with ``path``, an entry of the folder ``base``, as a symbolic link:
    it leads outside ``base`` or to nothing (None when it is not a link, or a good one)."""
    if not path.is_symlink():
        return None
    try:
        inside(base, path.name, folder)
    except Outside as exc:
        return str(exc)
    if not path.exists():
        return "is a link to a file that does not exist"
    return None


def companions(report_dir: Path, names: tuple[str, ...]) -> tuple[list[Path], list[Diagnostic]]:
    """The companion files ``names`` (``documents.yaml``; ``terms.tbx``, ``terms.csv``)
    that exist, project-wide ones (in the folder holding the report, ``sources/``) first,
    then the report's own, so that the report's win. A link leading out of its folder,
    or to nothing, is not read: it is an error (the same one ``folder_diagnostics`` gives
    in the report folder, so it is printed once)."""
    found: list[Path] = []
    problems: list[Diagnostic] = []
    for base, folder in ((report_dir.parent, f"its folder ({report_dir.parent})"), (report_dir, REPORT_FOLDER)):
        for name in names:
            path = base / name
            problem = link_problem(path, base, folder)
            if problem is not None:
                problems.append(Diagnostic("error", path, None, problem))
            elif _exists(path):
                found.append(path)
    return found, problems


def _exists(path: Path) -> bool:
    """A file that is there; one that cannot even be looked at (permissions) counts as
    there, so that reading it says why it cannot be used."""
    try:
        return path.is_file()
    except OSError:
        return True
