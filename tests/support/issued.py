"""The example report as issued: a copy with processing dates in every version
(the footer, masthead and page-1 render tests build it)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import EXAMPLE

PROCESSED = "processed: [2021-09-07, 2021-09-08]\n"


def issued_example(dest: Path) -> Path:
    """Copy the example to ``dest`` and give each version ``processed`` after its job."""
    shutil.copytree(EXAMPLE, dest)
    for path in sorted(dest.glob("??.md")):
        text = path.read_text(encoding="utf-8")
        if PROCESSED in text:  # the example carries its processing dates itself
            continue
        path.write_text(text.replace("job: V.21-06543\n", "job: V.21-06543\n" + PROCESSED, 1), encoding="utf-8")
    return dest
