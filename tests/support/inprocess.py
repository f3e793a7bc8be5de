"""The CLI run in this process, for property tests that call it thousands of times (a
subprocess per example would cost more than the example)."""

from __future__ import annotations

import contextlib
import io

from reportgen.cli import main


def run(*args: object) -> tuple[int, str, str]:
    """``reportgen ARGS``: its exit status, standard output and standard error."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue(), err.getvalue()
