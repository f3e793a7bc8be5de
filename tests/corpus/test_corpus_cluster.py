"""``reportgen corpus --scheduler`` on a real ``distributed.LocalCluster`` of two worker
processes: the same tables and TMX units as the local run, and a worker killed mid-run
loses nothing and duplicates nothing once the run is repeated."""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dask
import pytest
from distributed import Client, LocalCluster

from bench.generate import generate
from reportgen.corpus import SCHEMAS, run_corpus
from reportgen.corpus.tasks import ReportRows
from tests.conftest import FIXTURES
from tests.corpus.corpus_data import rows, tmx_units


def sorted_rows(out: Path, table: str) -> list[dict[str, Any]]:
    return sorted(rows(out, table), key=repr)


def units_by_tuid(out: Path) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for shard in sorted((out / "tmx").glob("corpus-*.tmx")):
        found.update(tmx_units(shard))
    return found


def corpus(root: Path, generated: int) -> Path:
    source = root / "in"
    shutil.copytree(FIXTURES / "minimal", source / "minimal")
    shutil.copytree(FIXTURES / "continuing", source / "continuing")
    for k in range(generated):
        generate(source / f"gen-{k}", 12, seed=k)
    return source


@pytest.fixture
def cluster() -> Iterator[LocalCluster]:
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):  # a killed task is not retried
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as c:
            yield c


def test_a_cluster_gives_what_the_local_scheduler_gives(tmp_path: Path, cluster: LocalCluster) -> None:
    source = corpus(tmp_path, 2)
    local, remote = tmp_path / "local", tmp_path / "remote"
    run_corpus(source, local, workers=1)
    totals = run_corpus(source, remote, scheduler=cluster.scheduler_address, workers=2)
    assert totals.reports == 4 and not totals.failed
    for table in SCHEMAS:
        assert sorted_rows(remote, table) == sorted_rows(local, table)
    assert units_by_tuid(remote) == units_by_tuid(local)
    assert len(units_by_tuid(local)) > 40


def test_a_worker_killed_mid_run_then_a_rerun_loses_and_duplicates_nothing(tmp_path: Path,
                                                                          cluster: LocalCluster) -> None:
    source = corpus(tmp_path, 6)
    clean, out = tmp_path / "clean", tmp_path / "out"
    run_corpus(source, clean, workers=2)
    with Client(cluster) as client:
        pids: dict[str, int] = client.run(os.getpid)
        killed: list[str] = []

        def kill_once(progress: Any, done: ReportRows) -> None:
            if killed:
                return
            busy = [w for w, keys in client.processing().items() if keys]
            killed.append(busy[0])
            os.kill(pids[busy[0]], signal.SIGKILL)

        first = run_corpus(source, out, scheduler=cluster.scheduler_address, on_result=kill_once)
    assert killed and first.failed  # the tasks the killed worker held could not be retried (allowed-failures 0)
    assert first.reports == 8
    for name, error in first.failed:  # only the tasks of the killed worker, said so
        assert error.startswith(f"{source / name}: not processed: "), error
    redone: list[str] = []
    second = run_corpus(source, out, scheduler=cluster.scheduler_address,
                        on_result=lambda p, r: redone.append(r.report))
    assert sorted(redone) == sorted(name for name, _ in first.failed)
    assert second.reports == 8 and not second.failed
    documents = rows(out, "documents")
    assert len({(r["report"], r["language"]) for r in documents}) == len(documents)
    for table in SCHEMAS:
        assert sorted_rows(out, table) == sorted_rows(clean, table)
    assert units_by_tuid(out) == units_by_tuid(clean)
