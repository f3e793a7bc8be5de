"""``reportgen corpus`` on the local Dask scheduler (two worker processes): the same
answers as the single-report commands, a broken report isolated, resumable runs.

One run over a small corpus (tests/corpus/corpus_data.py) serves the module's tests;
the resumption tests make their own small corpus."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from reportgen.cli import main
from reportgen.corpus import SCHEMAS, run_corpus
from reportgen.corpus.store import memory_units_of
from reportgen.corpus.tasks import process_report
from reportgen.interchange.tmx import write_tmx
from tests.conftest import FIXTURES
from tests.corpus.conftest import Ran
from tests.corpus.corpus_data import (BROKEN, GOOD, aligned_alone, as_json, checked_alone, findings_json, links_json,
                                      of, rows, tmx_units)


def run_cli(capsys: pytest.CaptureFixture[str], *args: Any) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        main([str(a) for a in args])
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return code, out, err


def test_every_report_is_in_documents_and_the_broken_one_is_one_failed_row(ran: Ran) -> None:
    documents = rows(ran.out, "documents")
    assert sorted({r["report"] for r in documents}) == sorted(GOOD + tuple(BROKEN))
    for name, error in BROKEN.items():
        (row,) = of(ran.out, "documents", name)
        assert row["status"] == "failed" and row["language"] is None
        assert row["error"] == f"{ran.source}/{error}"
    for name in GOOD:
        versions = of(ran.out, "documents", name)
        folder = ran.source / name
        assert sorted(r["language"] for r in versions) == sorted(p.stem for p in folder.glob("*.md"))
        assert all(r["status"] == "ok" and r["error"] is None for r in versions)
    (en,) = [r for r in of(ran.out, "documents", "cosp-eg1-2021-add1") if r["language"] == "en"]
    assert (en["symbol"], en["original"], en["year"], en["path"]) == ("CAC/COSP/EG.1/2021/L.1/Add.1", "en", 2021, "en.md")
    assert en["organ"].startswith("Conference of the States Parties")


def test_exit_status_counts_the_failed_reports_and_stderr_lists_them(ran: Ran) -> None:
    assert ran.code == 10 + len(BROKEN)
    lines = ran.stderr.splitlines()
    for error in BROKEN.values():
        assert f"{ran.source}/{error}" in lines
    assert lines[-1].startswith(f"{ran.out}: {len(GOOD) + len(BROKEN)} reports, {len(BROKEN)} failed; ")
    assert ran.stdout.splitlines()[:4] == [str(ran.out / f"{t}.parquet") for t in ("documents", "findings", "links", "units")]


@pytest.mark.parametrize("name", GOOD)
def test_findings_and_links_are_align_on_the_folder_alone(ran: Ran, name: str) -> None:
    alone = as_json(aligned_alone(ran.source / name).as_json())
    assert findings_json(ran.out, name, accepted=False) == alone["findings"]
    assert findings_json(ran.out, name, accepted=True) == alone["accepted"]
    assert links_json(ran.out, name) == alone["links"]


def test_the_generated_report_with_a_paragraph_left_out_has_its_finding(ran: Ran) -> None:
    left_out = (ran.source / "left-out.txt").read_text("utf-8")
    found = findings_json(ran.out, "generated-b", accepted=False)
    assert any(f["check"] == "missing-paragraph" and f["lang"] == "fr" and f["paragraph"] == left_out
               for f in found)
    assert any(r["type"] == "1-0" for r in of(ran.out, "links", "generated-b") if r["language"] == "fr")


@pytest.mark.parametrize("name", GOOD)
def test_check_diagnostics_are_check_on_the_folder_alone(ran: Ran, name: str) -> None:
    table = [(r["severity"], r["path"], r["line"], r["message"])
             for r in of(ran.out, "findings", name) if r["stage"] == "check"]
    assert table == checked_alone(ran.source / name)


@pytest.mark.parametrize("name", GOOD)
def test_tmx_units_are_reportgen_tmx_on_the_folder_alone(ran: Ran, name: str, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    alone = tmp_path / "alone.tmx"
    code, _, err = run_cli(capsys, "tmx", ran.source / name, "-o", alone)
    assert code == 0, err
    folder_name = (ran.source / name).name
    # a report is named by its path under INPUT (unique), ``reportgen tmx`` by its folder's name
    renamed = {f'<prop type="x-report">{folder_name}</prop>': f'<prop type="x-report">{name}</prop>',
               f'tuid="{folder_name}:': f'tuid="{name}:'}
    expected = {}
    for tuid, tu in tmx_units(alone).items():
        for old, new in renamed.items():
            tu = tu.replace(old.encode(), new.encode())
        expected[f"{name}:{tuid.split(':')[-1]}"] = tu
    (shard,) = (ran.out / "tmx").glob("corpus-*.tmx")
    assert tmx_units(shard, name) == expected
    assert expected  # every good report has units
    if name == folder_name:  # the units table gives the very memory ``reportgen tmx`` writes
        assert write_tmx(memory_units_of(of(ran.out, "units", name))) == alone.read_bytes()


def test_tables_have_their_schemas_and_the_key_columns(ran: Ran) -> None:
    for table, schema in SCHEMAS.items():
        assert pq.read_schema(ran.out / f"{table}.parquet").equals(schema)
        assert {"report", "symbol", "language"} <= set(schema.names)
    assert {"paragraph", "check"} <= set(SCHEMAS["findings"].names)
    assert "paragraph" in SCHEMAS["links"].names and "paragraph" in SCHEMAS["units"].names


def test_a_bug_in_a_task_is_a_failed_row_that_the_next_run_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    from reportgen import project

    def broken(directory: Path) -> None:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(project.Project, "open", broken)
    got = process_report(str(FIXTURES / "minimal"), "minimal", "d1")
    assert got.failed and not got.keep
    assert got.documents[0]["error"] == f"{FIXTURES / 'minimal'}: internal error: RuntimeError: boom second line"


def _small(root: Path) -> Path:
    source = root / "in"
    shutil.copytree(FIXTURES / "minimal", source / "minimal")
    shutil.copytree(FIXTURES / "continuing", source / "continuing")
    return source


def test_a_rerun_redoes_only_the_changed_report_and_gives_the_same_tables(tmp_path: Path) -> None:
    source, out = _small(tmp_path), tmp_path / "out"
    done: list[str] = []
    run_corpus(source, out, workers=1, on_result=lambda p, r: done.append(r.report))
    assert sorted(done) == ["continuing", "minimal"]
    first = {t: rows(out, t) for t in SCHEMAS}
    done.clear()
    totals = run_corpus(source, out, workers=1, on_result=lambda p, r: done.append(r.report))
    assert done == [] and totals.reports == 2
    assert {t: rows(out, t) for t in SCHEMAS} == first
    en = source / "minimal" / "en.md"
    en.write_text(en.read_text("utf-8").replace("Draft report", "Draft report, revised"), "utf-8")
    run_corpus(source, out, workers=1, on_result=lambda p, r: done.append(r.report))
    assert done == ["minimal"]
    assert of(out, "documents", "continuing") == [r for r in first["documents"] if r["report"] == "continuing"]
    assert of(out, "documents", "minimal")[0]["digest"] != first["documents"][-1]["digest"]


def test_a_report_removed_from_input_leaves_the_tables(tmp_path: Path) -> None:
    source, out = _small(tmp_path), tmp_path / "out"
    run_corpus(source, out, workers=1)
    shutil.rmtree(source / "continuing")
    run_corpus(source, out, workers=1)
    assert {r["report"] for t in SCHEMAS for r in rows(out, t)} == {"minimal"}


def test_an_input_without_reports_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = run_cli(capsys, "corpus", tmp_path / "empty", "-o", tmp_path / "out")
    assert (code, err) == (2, f"{tmp_path / 'empty'}: holds no report folder (a folder with <lang>.md files)\n")
    code, _, err = run_cli(capsys, "corpus", tmp_path / "nowhere", "-o", tmp_path / "out")
    assert (code, err) == (2, f"{tmp_path / 'nowhere'}: no such folder\n")
    assert not (tmp_path / "out").exists()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_shows_reports_done_failed_and_remaining(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "in"
    shutil.copytree(FIXTURES / "minimal", source / "minimal")
    (source / "broken").mkdir()
    (source / "broken" / "en.md").write_bytes(b"\x00")
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with pytest.raises(SystemExit) as exited:
        main(["corpus", str(source), "-o", str(tmp_path / "out"), "--workers", "1"])
    assert exited.value.code == 11
    frames = terminal.getvalue().split("\r")
    assert any(f.startswith("\x1b[?25lreports (0 unchanged)  [") and "1/2" in f for f in frames)
    assert "2/2  failed 1, remaining 0" in frames[-1]
    terminal.truncate(0)
    with pytest.raises(SystemExit):  # nothing to run: the bar counts none, the unchanged apart
        main(["corpus", str(source), "-o", str(tmp_path / "out")])
    assert "reports (2 unchanged)" in terminal.getvalue()


def test_the_shard_is_the_memory_reportgen_tmx_writes_of_all_its_reports(ran: Ran) -> None:
    (shard,) = (ran.out / "tmx").glob("corpus-*.tmx")
    units = [u for name in sorted(GOOD) for u in memory_units_of(of(ran.out, "units", name))]
    assert {u.original for u in units} == {"en"}  # one original: write_tmx gives the same header
    assert shard.read_bytes() == write_tmx(units)


def test_joined_memories_keep_each_unit_and_say_all_when_originals_differ() -> None:
    import datetime as dt

    from reportgen.interchange.tmx import MemoryUnit, join_tmx

    en = MemoryUnit("a", "A/1", dt.date(2024, 1, 2), "en", (1,), (("en", "One."), ("fr", "Un.")), "p1")
    fr = MemoryUnit("b", "B/1", dt.date(2024, 1, 3), "fr", (), (("fr", "Titre"), ("en", "Title")), "ch1", "heading")
    joined = join_tmx([write_tmx([en]), write_tmx([]), write_tmx([fr])])
    assert b'<header creationtool="reportgen"' in joined and b' srclang="*all*" datatype=' in joined
    written = tmx_units_of_bytes(joined)
    assert written == {**tmx_units_of_bytes(write_tmx([en])), **tmx_units_of_bytes(write_tmx([fr]))}
    assert [tu.split(b">")[0] for tu in written.values()] == [b'<tu creationdate="20240102T000000Z" srclang="en" tuid="a:1"',
                                                              b'<tu creationdate="20240103T000000Z" srclang="fr" tuid="b:1"']
    assert join_tmx([write_tmx([en])]) == write_tmx([en]) and join_tmx([]) == write_tmx([])


def tmx_units_of_bytes(data: bytes) -> dict[str, bytes]:
    from lxml import etree

    return {tu.get("tuid"): etree.tostring(tu, method="c14n") for tu in etree.fromstring(data).iter("tu")}


def test_a_mixed_archive_runs_to_the_end_listing_the_broken(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Report folders, issued files and broken ones (the real PDFs, imported, are
    tests/corpus/test_corpus_issued.py's): every broken one a failed row, listed."""
    source = tmp_path / "in"
    shutil.copytree(FIXTURES / "minimal", source / "2024" / "minimal")
    (source / "2024" / "broken.pdf").write_bytes(b"%PDF-1.7 cut short")  # its name gives no symbol
    (source / "bad").mkdir()
    (source / "bad" / "fr.md").write_bytes(b"\x00\x01")
    out = source / "out"  # OUT inside INPUT: not read as input
    code, stdout, err = run_cli(capsys, "corpus", source, "-o", out, "--workers", "1")
    assert code == 12
    lines = err.splitlines()
    assert lines[:2] == [
        f"{source}/2024/broken.pdf: the file name gives no language (expected SYMBOL-EN, SYMBOL_E or SYMBOL_en); "
        "or list it in manifest.csv",
        f"{source}/bad/fr.md: this is not a text file (it holds binary data)"]
    assert len(lines) == 3 and lines[2].startswith(f"{out}: 3 reports, 2 failed; ")
    assert stdout.splitlines()[0] == str(out / "documents.parquet")
    assert sorted(r["report"] for r in rows(out, "documents")) == ["2024/broken.pdf"] + ["2024/minimal"] * 3 + ["bad"]
    code, _, _ = run_cli(capsys, "corpus", source, "-o", out)  # its own tables are not a report either
    assert code == 12 and sorted({r["report"] for r in rows(out, "documents")}) == ["2024/broken.pdf", "2024/minimal",
                                                                                     "bad"]


def test_a_scheduler_that_cannot_be_reached_is_exit_2_and_nothing_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from reportgen.corpus import driver

    monkeypatch.setattr(driver, "CONNECT_TIMEOUT", "1s")
    source = _small(tmp_path)
    code, _, err = run_cli(capsys, "corpus", source, "-o", tmp_path / "out", "--scheduler", "tcp://127.0.0.1:1")
    assert code == 2
    assert err == ("--scheduler: cannot reach the Dask scheduler at tcp://127.0.0.1:1: "
                   "Timed out trying to connect to tcp://127.0.0.1:1 after 1 s\n")
    assert not (tmp_path / "out").exists()
