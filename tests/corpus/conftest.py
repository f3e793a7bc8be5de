"""The corpus run the tests of this folder read: one, for the session (it starts a
local Dask cluster of two worker processes)."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from reportgen.cli import main
from tests.corpus.corpus_data import make_corpus


class Ran:
    def __init__(self, source: Path, out: Path, code: int, out_text: str, err_text: str) -> None:
        self.source, self.out, self.code, self.stdout, self.stderr = source, out, code, out_text, err_text


@pytest.fixture(scope="session")
def ran(tmp_path_factory: pytest.TempPathFactory) -> Ran:
    root = tmp_path_factory.mktemp("corpus")
    source = make_corpus(root)
    out = root / "out"
    err, std = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(std):
        try:
            main(["corpus", str(source), "-o", str(out), "--workers", "2"])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    return Ran(source, out, code, std.getvalue(), err.getvalue())
