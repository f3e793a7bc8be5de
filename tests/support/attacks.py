"""Running ``reportgen`` under resource limits, for the attack tests (tests/test_attacks_*.py).

A hostile input must end in a located one-line error within bounded time and memory:
the command runs in a subprocess with an address-space limit (RLIMIT_AS: memory it may
map at all, so a run that would grow past it fails instead of swapping), an optional
file-size limit (RLIMIT_FSIZE: writing past it is EFBIG, a real fault in the write path)
and a timeout.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

GB = 1 << 30
MB = 1 << 20

_RUNNER = """\
import resource, sys
memory, fsize = int(sys.argv[1]), int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
if fsize:
    # soft limit only: a child (a fake LibreOffice) may raise its own again
    resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
from reportgen.cli import main
main(sys.argv[3:])
"""


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float

    @property
    def lines(self) -> list[str]:
        return self.err.splitlines()


def run_limited(*args: str | Path, memory: int = GB, fsize: int = 0, timeout: float = 60,
                cwd: Path | None = None, env: dict[str, str] | None = None, stdout: object = None) -> Run:
    """``reportgen ARGS`` in a subprocess with at most ``memory`` bytes of address space,
    files of at most ``fsize`` bytes (0: no limit) and ``timeout`` seconds."""
    command = [sys.executable, "-c", _RUNNER, str(memory), str(fsize), *map(str, args)]
    started = time.monotonic()
    proc = subprocess.run(command, stdout=stdout if stdout is not None else subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=timeout, cwd=cwd, env={**os.environ, **(env or {})})
    out = proc.stdout.decode("utf-8", "replace") if isinstance(proc.stdout, bytes) else ""
    return Run(proc.returncode, out, proc.stderr.decode("utf-8", "replace"), time.monotonic() - started)


def leftovers(folder: Path) -> list[str]:
    """Every file under ``folder`` (hidden temporaries included), relative, sorted."""
    if not folder.exists():
        return []
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))
