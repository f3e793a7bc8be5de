"""OUT: each report's rows as they arrive, then the tables, TMX shards and summary.

As a task's rows reach the client they are written at once, one folder per report
under ``OUT/.corpus/parts/`` (four small Parquet files and ``state.json``, renamed into
place whole), and let go: the client never gathers a corpus. ``state.json`` holds the
report's digest; a report whose digest is unchanged is not sent again (resumable: an
interrupted run leaves every finished report behind it).

At the end the parts of the reports now under INPUT are streamed, in report order,
into ``findings.parquet``, ``links.parquet``, ``units.parquet`` and ``documents.parquet``
(a row group per ``ROW_GROUP`` rows, so memory stays bounded whatever the corpus) and
into TMX shards of ``SHARD_REPORTS`` reports each (``tmx/corpus-00001.tmx``): the reports'
memories, written by the tasks as ``reportgen tmx`` writes one, joined (``join_tmx``). Every file appears whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from reportgen.corpus.inputs import Report
from reportgen.corpus.tasks import ReportRows, Row
from reportgen.interchange.tmx import MemoryUnit, join_tmx

__all__ = ["SCHEMAS", "TABLES", "Store", "Totals", "memory_units_of"]

ROW_GROUP = 50_000
SHARD_REPORTS = 100

_TEXT, _INT = pa.string(), pa.int32()
_COMMON = [("report", _TEXT), ("symbol", _TEXT), ("language", _TEXT), ("paragraph", _TEXT)]


def _schema(*columns: tuple[str, pa.DataType]) -> pa.Schema:
    return pa.schema([pa.field(name, kind) for name, kind in columns])


SCHEMAS: dict[str, pa.Schema] = {
    "documents": _schema(("report", _TEXT), ("symbol", _TEXT), ("language", _TEXT), ("original", _TEXT),
                         ("organ", _TEXT), ("date", pa.date32()), ("year", _INT), ("path", _TEXT),
                         ("paragraphs", _INT), ("errors", _INT), ("warnings", _INT), ("status", _TEXT),
                         ("error", _TEXT), ("digest", _TEXT)),
    "findings": _schema(*_COMMON, ("check", _TEXT), ("severity", _TEXT), ("version_paragraph", _TEXT),
                        ("line", _INT), ("message", _TEXT), ("stage", _TEXT), ("accepted", pa.bool_()),
                        ("path", _TEXT)),
    "links": _schema(*_COMMON, ("position", _INT), ("type", _TEXT), ("score", pa.float64()),
                     ("original_ids", pa.list_(_INT)), ("original_paragraphs", pa.list_(_TEXT)),
                     ("original_lines", pa.list_(_INT)), ("version_ids", pa.list_(_INT)),
                     ("version_paragraphs", pa.list_(_TEXT)), ("version_lines", pa.list_(_INT))),
    "units": _schema(*_COMMON, ("unit_index", _INT), ("unit", _TEXT), ("kind", _TEXT), ("item", _TEXT),
                     ("original", _TEXT), ("date", pa.date32()), ("order", _INT), ("text", _TEXT)),
}
TABLES = tuple(SCHEMAS)


@dataclass
class Totals:
    """What a run wrote: reports, those that failed (name, located error), rows per table."""

    reports: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    shards: list[Path] = field(default_factory=list)
    summary: Path | None = None


class Store:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.parts = out / ".corpus" / "parts"

    def part(self, name: str) -> Path:
        return self.parts / hashlib.sha1(name.encode("utf-8", "surrogateescape")).hexdigest()

    def state(self, name: str) -> dict[str, Any] | None:
        try:
            state: dict[str, Any] = json.loads((self.part(name) / "state.json").read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return state

    def done(self, report: Report) -> bool:
        """Its rows are here, for these inputs, and were not a passing failure."""
        state = self.state(report.name)
        return state is not None and state.get("digest") == report.digest and bool(state.get("keep"))

    def put(self, rows: ReportRows) -> None:
        """Write a report's rows, replacing what an earlier run left: whole or not at all."""
        final = self.part(rows.report)
        temp = final.with_name(final.name + ".tmp")
        shutil.rmtree(temp, ignore_errors=True)
        temp.mkdir(parents=True)
        for name in TABLES:
            table = pa.Table.from_pylist(getattr(rows, name), schema=SCHEMAS[name])
            pq.write_table(table, temp / f"{name}.parquet")
        state = {"report": rows.report, "digest": rows.digest, "keep": rows.keep, "failed": rows.failed,
                 "error": rows.error}
        (temp / "units.tmx").write_bytes(rows.tmx)
        (temp / "state.json").write_text(json.dumps(state, ensure_ascii=False), "utf-8")
        old = final.with_name(final.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if final.exists():
            final.rename(old)
        temp.rename(final)
        shutil.rmtree(old, ignore_errors=True)

    def assemble(self, reports: list[Report]) -> Totals:
        """The four tables and the TMX shards of ``reports``, from their parts."""
        self.out.mkdir(parents=True, exist_ok=True)
        totals = Totals(reports=len(reports))
        temps = {name: self.out / f".{name}.parquet.tmp" for name in TABLES}
        writers = {name: pq.ParquetWriter(temps[name], SCHEMAS[name]) for name in TABLES}
        buffers: dict[str, list[pa.Table]] = {name: [] for name in TABLES}
        shards = _Shards(self.out / "tmx")
        try:
            for report in reports:
                state = self.state(report.name)
                if state is None:
                    raise FileNotFoundError(f"{self.part(report.name)}: the rows of {report.name} are missing")
                if state["failed"]:
                    totals.failed.append((report.name, state["error"]))
                shards.add((self.part(report.name) / "units.tmx").read_bytes())
                for name in TABLES:
                    table = pq.read_table(self.part(report.name) / f"{name}.parquet", schema=SCHEMAS[name])
                    totals.rows[name] += table.num_rows
                    buffers[name].append(table)
                    if sum(t.num_rows for t in buffers[name]) >= ROW_GROUP:
                        writers[name].write_table(pa.concat_tables(buffers.pop(name)), ROW_GROUP)
                        buffers[name] = []
            for name in TABLES:
                if buffers[name]:
                    writers[name].write_table(pa.concat_tables(buffers[name]), ROW_GROUP)
        finally:
            for writer in writers.values():
                writer.close()
        for name in TABLES:
            os.replace(temps[name], self.out / f"{name}.parquet")
        totals.shards = shards.finish()
        return totals


class _Shards:
    """TMX files of ``SHARD_REPORTS`` reports each; shards an earlier, larger run left are removed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.documents: list[bytes] = []
        self.reports = 0
        self.written: list[Path] = []

    def add(self, document: bytes) -> None:
        """A report's memory (empty when it has no unit or failed)."""
        if document:
            self.documents.append(document)
        self.reports += 1
        if self.reports == SHARD_REPORTS:
            self._flush()

    def _flush(self) -> None:
        if self.documents:
            self.folder.mkdir(parents=True, exist_ok=True)
            path = self.folder / f"corpus-{len(self.written) + 1:05d}.tmx"
            temp = path.with_name("." + path.name + ".tmp")
            temp.write_bytes(join_tmx(self.documents))
            os.replace(temp, path)
            self.written.append(path)
        self.documents, self.reports = [], 0

    def finish(self) -> list[Path]:
        self._flush()
        if self.folder.is_dir():
            for stale in set(self.folder.glob("corpus-*.tmx")) - set(self.written):
                stale.unlink()
        return self.written


def memory_units_of(rows: list[Row]) -> list[MemoryUnit]:
    """The TMX units of one report back from its ``units`` rows (one row per language): the
    table holds the whole memory (tested: ``write_tmx`` of these is the report's TMX)."""
    out: list[MemoryUnit] = []
    for group in _by_unit(rows):
        first = group[0]
        date = first["date"]
        assert isinstance(date, dt.date)
        paragraphs = tuple(int(p) for p in first["paragraph"].split(", ")) if first["paragraph"] else ()
        texts = tuple((r["language"], r["text"]) for r in sorted(group, key=lambda r: r["order"]))
        out.append(MemoryUnit(first["report"], first["symbol"], date, first["original"], paragraphs, texts,
                              first["unit"], first["kind"], first["item"]))
    return out


def _by_unit(rows: list[Row]) -> Iterator[list[Row]]:
    groups: dict[int, list[Row]] = {}
    for r in rows:
        groups.setdefault(r["unit_index"], []).append(r)
    for index in sorted(groups):
        yield groups[index]
