"""`reportgen align` and `reportgen accept` (INTERFACE §3, §5): formats, exit codes,
accepted findings and their expiry."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen import pipeline
from reportgen.align import REGISTRY, align_report
from reportgen.align.findings import Pair
from reportgen.align.prepare import prepare
from tests.conftest import EXAMPLE, FIXTURES

FAITHFUL = FIXTURES / "align" / "faithful"


def test_json_matches_the_contract(cli, damaged: Path) -> None:
    result = cli("align", damaged, "--format", "json")
    assert result.code == 1
    data = json.loads(result.out)
    links = data.pop("links")  # the alignment itself (issue 23): below
    assert data == {
        "report": "report", "symbol": "A/AC.9/2021/L.4", "original": "en", "languages": ["en", "fr"],
        "findings": [{"severity": "error", "check": "number-mismatch", "lang": "fr", "paragraph": "4",
                      "version_paragraph": "4", "line": 28,
                      "message": "paragraph 4: the original has 133 not found here; "
                                 "this version has 134 not in the original"}],
        "accepted": [],
        "summary": {"error": 1, "warning": 0, "info": 0},
    }
    # one link per paragraph, the preamble's unnumbered one first; ids are places in the file
    assert list(links) == ["fr"]
    assert [(r["type"], [u["paragraph"] for u in r["original"]], [u["paragraph"] for u in r["version"]])
            for r in links["fr"]] == [("1-1", [None], [None])] + [("1-1", [str(n)], [str(n)]) for n in range(1, 9)]
    assert {k: v for k, v in links["fr"][4].items() if k != "score"} == {
        "type": "1-1", "original": [{"id": 4, "paragraph": "4", "line": 28}],
        "version": [{"id": 4, "paragraph": "4", "line": 28}]}
    assert 0 < links["fr"][4]["score"] < links["fr"][1]["score"] <= 1  # 134 for 133 lowers it


def test_text_report_and_exit_codes(cli, damaged: Path) -> None:
    result = cli("align", damaged)
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0] == "report (A/AC.9/2021/L.4): versions compared with the original, en.md (English)"
    assert lines[2] == "fr.md (French): 1 error, 0 warnings, 0 info"
    assert lines[3].split() == ["¶4", "line", "28", "error", "number-mismatch", "paragraph", "4:", "the",
                                "original", "has", "133", "not", "found", "here;", "this", "version", "has",
                                "134", "not", "in", "the", "original"]
    assert "\x1b[" not in result.out  # no colour when not on a terminal
    clean = cli("align", FAITHFUL)
    assert clean.code == 0
    assert clean.out.splitlines()[-1] == "Total: 0 errors, 0 warnings, 0 info"


def test_html_written_to_file(cli, damaged: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "alignment.html"
    result = cli("align", damaged, "--format", "html", "-o", out)
    assert (result.code, result.out) == (1, "")
    html = out.read_text(encoding="utf-8")
    assert 'data-check="number-mismatch"' in html and "134" in html


def test_accepting_a_finding_until_the_text_changes(cli, damaged: Path) -> None:
    before = (damaged / "fr.md").read_bytes()
    result = cli("accept", damaged, "--check", "number-mismatch", "--lang", "fr", "--paragraph", "4",
                 "--note", "figure updated after the session")
    assert result.code == 0
    assert result.out == f"{damaged / 'accepted.yaml'}: accepted number-mismatch for fr paragraph 4\n"
    assert (damaged / "fr.md").read_bytes() == before
    again = json.loads(cli("align", damaged, "--format", "json").out)
    assert again["findings"] == [] and [a["check"] for a in again["accepted"]] == ["number-mismatch"]
    assert cli("align", damaged).code == 0
    # the acceptance lapses when either paragraph text changes
    fr = damaged / "fr.md"
    fr.write_text(fr.read_text(encoding="utf-8").replace("ont participé à la session", "étaient présents"),
                  encoding="utf-8")
    lapsed = json.loads(cli("align", damaged, "--format", "json").out)
    assert [f["check"] for f in lapsed["findings"]] == ["number-mismatch"] and lapsed["accepted"] == []


def test_accept_refuses_a_finding_that_does_not_exist(cli, damaged: Path) -> None:
    result = cli("accept", damaged, "--check", "untranslated", "--lang", "fr", "--paragraph", "2")
    assert result.code == 2
    assert result.err == f"{damaged}: no untranslated finding for fr at paragraph 2 to accept\n"
    assert not (damaged / "accepted.yaml").exists()


def test_missing_original_is_unusable(cli, tmp_path: Path) -> None:
    folder = tmp_path / "r"
    shutil.copytree(FAITHFUL, folder)
    (folder / "en.md").unlink()
    result = cli("align", folder)
    assert result.code == 2
    assert result.err == f"{folder}: the original version en.md is missing: nothing to align against\n"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_original_whose_front_matter_has_an_error_is_unusable(cli, tmp_path: Path, jobs: str) -> None:
    """The original names itself (its front matter parses) but cannot be read: every
    translation waits for it in vain, in one process as in two (it was an internal error
    in one: the serial run's relay asserted)."""
    folder = tmp_path / "r"
    shutil.copytree(FAITHFUL, folder)
    en = folder / "en.md"
    text = en.read_text(encoding="utf-8")
    line = text.split("\n").index(next(x for x in text.split("\n") if x.startswith("organ:"))) + 1
    en.write_text(re.sub(r"^organ: .*$", "organ: Ad Hoc <script> Committee", text, count=1, flags=re.M),
                  encoding="utf-8")
    result = cli("align", folder, "-j", jobs)
    assert (result.code, result.out) == (2, "")
    assert result.err == (f"{en}:{line}: 'organ' contains '<script>', which front matter does not resolve: front "
                          "matter is printed as written; write the text itself (a reference or formatting belongs "
                          "in the body)\n")


def test_example_report_six_versions_align_with_no_finding(cli) -> None:
    result = align_report(pipeline.load(EXAMPLE).report)
    assert result.languages == ("en", "ar", "es", "fr", "ru", "zh")
    assert result.findings == ()


# -- property: a report aligned against itself has no finding ---------------------------

WORDS = st.sampled_from(["the", "Committee", "adopted", "decisions", "on", "States", "report", "session",
                         "met", "in", "Vienna", "and", "of", "parties", "work", "programme"])
NUMBER = st.one_of(st.integers(0, 10**7).map(lambda n: f"{n:,}"), st.integers(1900, 2100).map(str),
                   st.decimals(0, 10**5, places=2, allow_nan=False).map(str))
SYMBOL = st.sampled_from(["A/75/1", "S/2021/123", "CAC/COSP/EG.1/2021/2", "E/CN.4/Sub.2/1998/13"])
SENTENCE = st.lists(st.one_of(WORDS, WORDS, WORDS, NUMBER, SYMBOL), min_size=3, max_size=25).map(
    lambda ws: " ".join(ws) + ".")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paragraphs=st.lists(st.tuples(SENTENCE, st.booleans(), st.integers(0, 2)), min_size=1, max_size=8),
       start=st.integers(1, 50), lang=st.sampled_from(["en", "fr", "es", "ru", "zh", "ar"]))
def test_any_report_aligned_against_itself_has_no_finding(tmp_path: Path, paragraphs, start: int, lang: str) -> None:
    lines = [f"---\nsymbol: A/1/2021/1\ndistribution: general\ndate: 2021-01-01\nlanguage: {lang}\n"
             f"original: {lang}\norgan: O\ntitle: T\n---\n", "# I. Chapter\n"]
    for i, (sentence, note, subitems) in enumerate(paragraphs):
        lines.append(f"{start + i}. {sentence}" + ("[^n%d]" % i if note else "") + "\n")
        for k in range(subitems):
            lines.append(f"    ({'abc'[k]}) {sentence}\n")
        if note:
            lines.append(f"[^n{i}]: {sentence}\n")
    folder = tmp_path / f"self-{lang}-{start}-{len(paragraphs)}"
    folder.mkdir(exist_ok=True)
    (folder / f"{lang}.md").write_text("\n".join(lines), encoding="utf-8")
    doc = pipeline.load(folder).report.versions[lang]
    version = prepare(doc)
    assert [f for check in REGISTRY.values() for f in check.fn(Pair(version, version))] == []
