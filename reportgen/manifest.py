"""``build --manifest``: the record ``make report`` keeps of a build, which cannot go stale.

make decides by modification times alone, so the record is dated when the build *began*
(by the clock of the file system it is written to), not when it ended: a source saved
while the build was reading it is newer than the record, and make builds the report
again. The record lists the files written and the SHA-256 of every file the build read
(language versions, companions, emblems); beside it, ``<manifest>.d`` names those inputs
as a make rule (as ``gcc -MD`` does), so an emblem in a subfolder or a project-wide
companion is a prerequisite too. The CLI writes record, rule and outputs as one set
(``files.write_all_atomically``).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.errors import Diagnostic
from reportgen.paths import companions
from reportgen.source import language_files
from reportgen.source.registry import FILE_NAME as REGISTRY_FILE
from reportgen.source.termbase import FILE_NAMES as TERMBASE_FILES

if TYPE_CHECKING:
    from reportgen.pipeline import Each

__all__ = ["clock", "record", "depfile"]


def clock(folder: Path) -> int:
    """Now, in nanoseconds, by the clock that dates files in ``folder`` (a file's time
    comes from the kernel's coarse clock, which may lag Python's by a tick): the time of
    a file made and removed there. Without the folder, Python's clock, a second early."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".reportgen-clock.{os.getpid()}.", suffix=".tmp", dir=folder)
    except OSError:
        return time.time_ns() - 1_000_000_000
    try:
        return os.fstat(fd).st_mtime_ns
    finally:
        os.close(fd)
        os.unlink(name)


def record(report_dir: Path, each: Each, outputs: list[dict[str, str]], manifest: Path,
           started: int) -> tuple[bytes, bytes, list[Diagnostic]]:
    """The JSON record (``report``, ``outputs``, ``inputs``: the SHA-256 of each file read),
    the make rule naming the inputs, and a warning for each input saved after ``started``
    (or gone): its hash is null, since what was read is not known, and the caller dates
    the record 1970 so that make builds again."""
    read = list(language_files(report_dir).values())
    read += companions(report_dir, (REGISTRY_FILE,) + TERMBASE_FILES)[0]
    read += [meta.emblem for meta in each.metas.values() if meta.emblem is not None]
    inputs: list[dict[str, str | None]] = []
    changed: list[Diagnostic] = []
    for path in dict.fromkeys(read):
        try:
            digest: str | None = hashlib.sha256(path.read_bytes()).hexdigest()
            saved_since = path.stat().st_mtime_ns > started  # its own tick counts as before
        except OSError:
            digest, saved_since = None, True
        if saved_since:
            digest = None
            changed.append(Diagnostic("warning", path, None, "changed while the build was reading the report: "
                                                             "run the build again (make report will)"))
        inputs.append({"source": str(path), "sha256": digest})
    data = {"report": each.name, "outputs": outputs, "inputs": inputs}
    names = [name for path in dict.fromkeys(read) if (name := _make_name(str(path))) is not None]
    rule = f"{_make_name(str(manifest)) or ''}: " + " ".join(names) + "\n" + "".join(f"{n}:\n" for n in names)
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"), rule.encode("utf-8"), changed


def depfile(manifest: Path) -> Path:
    """Where the make rule goes: ``manifest.json.d`` beside ``manifest.json``."""
    return manifest.with_name(manifest.name + ".d")


def _make_name(path: str) -> str | None:
    """``path`` as make reads a file name (spaces and '#' escaped, '$' doubled); None for
    a name make cannot hold (a ':', a wildcard, a line end): the Makefile's wildcard of
    the report folder still covers those."""
    if not path or any(ch in path for ch in ":\n\r\\%*?[]"):
        return None
    return path.replace("$", "$$").replace("#", "\\#").replace(" ", "\\ ")
