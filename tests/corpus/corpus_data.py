"""A small corpus for the ``reportgen corpus`` tests: real fixtures, the example, two
generated reports (one with a paragraph left out of its French version, so that the
alignment has findings and uneven links), a nested report and two broken folders."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from lxml import etree

from bench.generate import generate
from reportgen.align.result import AlignmentResult
from reportgen.check import merge_repeats
from reportgen.project import Project
from tests.conftest import EXAMPLE, FIXTURES

#: the broken folders and the one line each gives in ``documents`` (paths under INPUT)
BROKEN = {
    "broken-bytes": "broken-bytes/en.md: this is not a text file (it holds binary data)",
    "broken-yaml": ("broken-yaml/en.md:2: invalid YAML front matter: the value of 'symbol' starts with '[', which "
                    "YAML reads as a list, and it is not closed: end it with ']', or put the value in quotes if it "
                    "is text"),
}
GOOD = ("cosp-eg1-2021-add1", "continuing", "faithful", "generated-a", "generated-b", "minimal", "organ/2024/L.3")


def make_corpus(root: Path) -> Path:
    """INPUT with every report of GOOD and BROKEN (returns INPUT)."""
    source = root / "in"
    shutil.copytree(EXAMPLE, source / EXAMPLE.name)
    for name in ("continuing", "minimal"):
        shutil.copytree(FIXTURES / name, source / name)
    shutil.copytree(FIXTURES / "align" / "faithful", source / "faithful")
    generate(source / "generated-a", 8, seed=1)
    generate(source / "generated-b", 10, seed=2)
    (source / "left-out.txt").write_text(leave_out_paragraph(source / "generated-b" / "fr.md"), "utf-8")
    shutil.copytree(FIXTURES / "minimal", source / "organ" / "2024" / "L.3")
    (source / "broken-bytes").mkdir()
    (source / "broken-bytes" / "en.md").write_bytes(b"\xff\xfe\x00garbage")
    (source / "broken-yaml").mkdir()
    (source / "broken-yaml" / "en.md").write_text("---\nsymbol: [oops\n---\n\n1. Text.\n", "utf-8")
    (source / "notes").mkdir()  # no <lang>.md: not a report, not a failure
    (source / "notes" / "readme.txt").write_text("not a report", "utf-8")
    return source


def leave_out_paragraph(version: Path) -> str:
    """Remove a numbered paragraph (from 104, one without footnotes or sub-items) from a
    generated version; returns its number."""
    lines = version.read_text("utf-8").splitlines(keepends=True)
    gone = next(i for i, line in enumerate(lines) if re.match(r"^1[0-9][4-9]\. ", line) and "[^" not in line
                and not lines[i + 2].startswith(" "))
    version.write_text("".join(lines[:gone] + lines[gone + 1:]), "utf-8")
    return lines[gone].split(".")[0]


def rows(out: Path, table: str) -> list[dict[str, Any]]:
    return pq.read_table(out / f"{table}.parquet").to_pylist()


def of(out: Path, table: str, report: str) -> list[dict[str, Any]]:
    return [r for r in rows(out, table) if r["report"] == report]


def aligned_alone(folder: Path) -> AlignmentResult:
    """``reportgen align --format json``'s result for the folder alone."""
    _, result = Project.open(folder).align(keep_model=False)
    assert result is not None
    return result


def checked_alone(folder: Path) -> list[tuple[str, str, int | None, str]]:
    """``reportgen check``'s diagnostics for the folder alone: (severity, file, line, message)."""
    _, found = Project.open(folder).check()
    return [(d.severity, str(d.path.relative_to(folder)), d.line, d.message) for d in merge_repeats(found)]


def findings_json(out: Path, report: str, *, accepted: bool) -> list[dict[str, Any]]:
    """The table's align findings of one report, as ``align --format json`` lists them."""
    return [{"severity": r["severity"], "check": r["check"], "lang": r["language"], "paragraph": r["paragraph"],
             "version_paragraph": r["version_paragraph"], "line": r["line"], "message": r["message"]}
            for r in of(out, "findings", report) if r["stage"] == "align" and r["accepted"] == accepted]


def links_json(out: Path, report: str) -> dict[str, list[dict[str, Any]]]:
    """The table's links of one report, as ``align --format json`` lists them."""
    found: dict[str, list[dict[str, Any]]] = {}
    for r in sorted(of(out, "links", report), key=lambda r: (r["language"], r["position"])):
        found.setdefault(r["language"], []).append({"type": r["type"], "score": r["score"], **{
            side: [{"id": i, "paragraph": p, "line": line}
                   for i, p, line in zip(r[f"{side}_ids"], r[f"{side}_paragraphs"], r[f"{side}_lines"])]
            for side in ("original", "version")}})
    return found


def tmx_units(path: Path, report: str | None = None) -> dict[str, bytes]:
    """The ``<tu>``s of a TMX file (of one report), canonical bytes by ``tuid``."""
    tree = etree.parse(str(path))
    out = {}
    for tu in tree.iter("tu"):
        if report is None or tu.get("tuid", "").startswith(f"{report}:"):
            out[tu.get("tuid")] = etree.tostring(tu, method="c14n")
    return out


def as_json(value: Any) -> Any:
    return json.loads(json.dumps(value))
