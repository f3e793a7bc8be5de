"""How diagnostics are shown by every command: repeated warnings merged into one
line with their count, errors before warnings, sorted by (file, line), capped."""

from __future__ import annotations

from pathlib import Path

from reportgen.check import merge_repeats, report_lines
from reportgen.errors import Diagnostic

EN, FR = Path("r/en.md"), Path("r/fr.md")
UNREGISTERED = "CAC/COSP/EG.1/2021/2"


def warning(path: Path, line: int | None, message: str) -> Diagnostic:
    return Diagnostic("warning", path, line, message)


def error(path: Path, line: int | None, message: str) -> Diagnostic:
    return Diagnostic("error", path, line, message)


def test_same_warning_in_a_file_is_one_line_at_the_first_place() -> None:
    found = [warning(EN, 30, "odd"), warning(EN, 12, "odd"), warning(FR, 5, "odd"), warning(EN, 40, "odd"),
             warning(EN, 12, "other")]
    assert [str(d) for d in merge_repeats(found)] == [
        "r/en.md:12: warning: odd (3 times, first here)",
        "r/fr.md:5: warning: odd",
        "r/en.md:12: warning: other",
    ]


def test_errors_are_never_merged_but_exact_duplicates_are_dropped() -> None:
    found = [error(EN, 3, "bad"), error(EN, 9, "bad"), error(EN, 3, "bad")]
    assert merge_repeats(found) == [error(EN, 3, "bad"), error(EN, 9, "bad")]


def test_lines_are_errors_then_warnings_then_notes_by_file_and_line() -> None:
    found = [Diagnostic("info", FR, None, "12 words"), warning(FR, 2, "w1"), error(FR, 7, "e1"),
             Diagnostic("info", EN, None, "10 words"), error(EN, 20, "e2"), warning(EN, None, "w2"),
             error(EN, 4, "e3"), error(Path("r"), None, "e4")]
    assert report_lines(found) == [
        "r: e4",
        "r/en.md:4: e3",
        "r/en.md:20: e2",
        "r/fr.md:7: e1",
        "r/en.md: warning: w2",
        "r/fr.md:2: warning: w1",
        "r/en.md: info: 10 words",
        "r/fr.md: info: 12 words",
    ]


def test_errors_and_warnings_are_capped() -> None:
    found = [error(EN, i, f"e{i}") for i in range(1, 8)] + [warning(FR, i, f"w{i}") for i in range(1, 5)]
    assert report_lines(found, limit=3) == [
        "r/en.md:1: e1", "r/en.md:2: e2", "r/en.md:3: e3",
        "... and 4 more errors (fix these and run again)",
        "r/fr.md:1: warning: w1", "r/fr.md:2: warning: w2", "r/fr.md:3: warning: w3",
        "... and 1 more warning",
    ]
    assert report_lines(found[:4], limit=3)[-1] == "... and 1 more error (fix these and run again)"
    assert len(report_lines(found)) == len(found)  # 50 by default


def test_symbol_cited_200_times_unregistered_is_one_warning(cli, report_copy) -> None:
    src = report_copy()
    (src / "documents.yaml").unlink()
    en = src / "en.md"
    en.write_text(en.read_text(encoding="utf-8").replace(
        "2. He presented", "2. He presented" + f" ({UNREGISTERED})" * 199, 1), encoding="utf-8")
    result = cli("check", src)
    assert result.code == 0
    warnings = [line for line in result.err.splitlines() if ": warning: " in line]
    registry = src / "documents.yaml"
    assert warnings == [
        f"{src}/{c}.md:19: warning: " + (
            f"{UNREGISTERED} is not registered in {registry} (cited 200 times, first here)" if c == "en" else
            f"{UNREGISTERED} is cited but not registered in {registry}")
        for c in ("ar", "en", "es", "fr", "ru", "zh")]
    assert result.err.splitlines()[-1] == f"{src}: 6 versions (ar, en, es, fr, ru, zh): 0 errors, 6 warnings"


def test_repeated_malformed_symbol_is_one_warning_with_its_count(cli, report_copy) -> None:
    src = report_copy()
    en = src / "en.md"
    text = en.read_text(encoding="utf-8")
    for n in ("2", "3", "4"):
        text = text.replace(f"\n{n}. ", f"\n{n}. (see CAC/COSP/EG.1/2021/L.1/Add.) ", 1)
    en.write_text(text, encoding="utf-8")
    result = cli("check", src)
    assert result.code == 0
    assert [line for line in result.err.splitlines() if ": warning: " in line] == [
        f"{en}:21: warning: 'CAC/COSP/EG.1/2021/L.1/Add.' looks like a document symbol but is malformed "
        "(3 times, first here)"]
