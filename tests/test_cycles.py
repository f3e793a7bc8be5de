"""Reading, resolving, checking and aligning make no reference cycles.

They run with Python's cyclic collector paused (``memory.collector_paused``), so
any cycle they made would stay in memory until the process ends: a recursive
nested function, a reader holding its own bound methods. Third-party parsers
(ruamel.yaml for front matter) leave a few small cycles per file, which the bound
below allows."""

from __future__ import annotations

import gc
from collections import Counter
from pathlib import Path

import pytest

from bench.generate import generate
from reportgen import pipeline
from reportgen.align import align_report
from reportgen.check import check_version
from tests.conftest import EXAMPLE

PER_FILE = 150  # objects ruamel.yaml's parser leaves in cycles, per YAML text read (about 70)


def _ours(o: object) -> bool:
    module = getattr(type(o), "__module__", "") or ""
    if module.startswith("reportgen"):
        return True
    return callable(o) and (getattr(o, "__module__", "") or "").startswith("reportgen")


@pytest.mark.parametrize("source", ["example", "generated"])
def test_the_paused_stages_leave_no_cyclic_garbage(tmp_path: Path, source: str) -> None:
    folder = EXAMPLE
    if source == "generated":
        folder = tmp_path / "report"
        generate(folder, 60)
    pipeline.load(folder, jobs=1)  # warm: data files, caches and compiled expressions
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        loaded = pipeline.load(folder, jobs=1)
        for doc in loaded.values.values():
            check_version(doc, loaded.registry, folder)
        align_report(loaded.report)
        del loaded
        gc.collect()
        garbage = list(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    ours = Counter(type(o).__qualname__ for o in garbage if _ours(o))
    assert ours == Counter(), "reportgen objects in reference cycles"
    files = 6 + len(list(folder.glob("*.yaml")))  # front matter, documents.yaml
    assert len(garbage) <= PER_FILE * files, Counter(type(o).__name__ for o in garbage).most_common(8)
