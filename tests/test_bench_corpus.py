"""The corpus stages of ``make bench`` (bench/corpus.py): ``reportgen corpus`` with 1 and 2
workers over a few generated reports, on the standard report only."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]


def test_corpus_stages_time_whole_runs_and_measure_a_worker(tmp_path: Path) -> None:
    env = dict(os.environ, BENCH_CORPUS_REPORTS="2", PYTHONPATH=str(REPO))
    proc = subprocess.run([sys.executable, "-m", "bench.run", "--sizes", "12", "--runs", "1", "--stages",
                           "corpus-1,corpus-2", "--out", str(tmp_path)],
                          cwd=REPO, capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    results = {r["stage"]: r for r in data["results"]}
    assert sorted((r["stage"], r["variant"]) for r in data["results"]) == [("corpus-1", "standard"),
                                                                           ("corpus-2", "standard")]
    for stage, workers in (("corpus-1", "1 worker:"), ("corpus-2", "2 workers:")):
        r = results[stage]
        assert r["failed"] is None and len(r["times"]) == 1 and r["median"] > 0
        found = re.fullmatch(rf"2 reports of N paragraphs × 6 languages, {workers} (\d+) reports/min "
                             r"\((\d+\.\d\d) s a report, cluster start included\); peak per worker (\d+) MB", r["note"])
        assert found, r["note"]
        assert int(found[1]) == round(2 / r["median"] * 60) and int(found[3]) > 20
        out = tmp_path / "out" / "corpus-12-2" / f"out-{stage[-1]}"
        documents = pq.read_table(out / "documents.parquet").to_pylist()
        assert sorted({d["report"] for d in documents}) == ["r0000", "r0001"]
        assert all(d["status"] == "ok" for d in documents) and len(documents) == 12
