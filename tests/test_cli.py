"""The command line of INTERFACE §3: output, exit codes, one-line errors, no partial output."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLE, FIXTURES, REPO


def findings(err: str) -> str:
    """stderr of `check` without its word-count lines and closing summary."""
    return "".join(line + "\n" for line in err.splitlines()
                   if ": info: " not in line and " versions (" not in line)


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_build_prints_one_path_per_version(cli, tmp_path: Path) -> None:
    before = digest(EXAMPLE)
    result = cli("build", EXAMPLE, "-o", tmp_path / "out")
    assert (result.code, result.err) == (0, "")
    assert result.out.splitlines() == [str(tmp_path / "out" / f"{c}.docx") for c in ("ar", "en", "es", "fr", "ru", "zh")]
    assert digest(EXAMPLE) == before  # sources are never modified


def test_build_json_manifest_and_lang_filter(cli, tmp_path: Path) -> None:
    result = cli("build", EXAMPLE, "-o", tmp_path, "--lang", "zh", "--json")
    assert result.code == 0
    assert json.loads(result.out) == [
        {"lang": "zh", "path": str(tmp_path / "zh.docx"), "symbol": "CAC/COSP/EG.1/2021/L.1/Add.1"},
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["zh.docx"]


def test_default_output_folder_is_build_name(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("build", EXAMPLE, "--lang", "en")
    assert result.out.strip() == "build/cosp-eg1-2021-add1/en.docx"
    assert (tmp_path / "build" / "cosp-eg1-2021-add1" / "en.docx").is_file()


def test_error_is_one_line_exit_2_and_writes_nothing(cli, report_copy, tmp_path: Path) -> None:
    src = report_copy()
    zh = src / "zh.md"
    zh.write_text(zh.read_text(encoding="utf-8").replace("distribution: limited", "distribution: secret"),
                  encoding="utf-8")
    before = digest(src)
    out = tmp_path / "out"
    result = cli("build", src, "-o", out)
    assert result.code == 2
    assert result.err == f"{zh}:3: distribution 'secret' is not one of: general, limited, restricted\n"
    assert result.out == ""
    assert not out.exists()
    assert digest(src) == before


def test_numbering_error_fails_build_and_check(cli, report_copy, tmp_path: Path) -> None:
    src = report_copy()
    en = src / "en.md"
    text = en.read_text(encoding="utf-8")
    en.write_text(text.replace("\n5. ", "\n6. ", 1), encoding="utf-8")
    line = text[: text.index("\n5. ")].count("\n") + 2
    expected = (f"{en}:{line}: paragraph 6 follows paragraph 4: expected 5\n"
                f"{en}:{line + 2}: paragraph 6 is numbered twice: expected 7\n")
    build = cli("build", src, "-o", tmp_path / "out")
    assert (build.code, build.err) == (2, expected)
    assert not (tmp_path / "out").exists()
    check = cli("check", src)
    assert (check.code, findings(check.err)) == (1, expected)


def test_metadata_must_agree_across_versions(cli, report_copy) -> None:
    src = report_copy()
    zh = src / "zh.md"
    zh.write_text(zh.read_text(encoding="utf-8").replace("job: V.21-06543", "job: V.21-06544"), encoding="utf-8")
    result = cli("check", src)
    assert result.code == 1
    assert findings(result.err) == f"{zh}:13: 'job' is 'V.21-06544' here but 'V.21-06543' in en.md\n"


def test_dangling_explicit_link_is_reported(cli, report_copy) -> None:
    src = report_copy()
    zh = src / "zh.md"
    zh.write_text(zh.read_text(encoding="utf-8").replace("[CAC/COSP/EG.1/2021/2](#)", "[说明](#)"), encoding="utf-8")
    result = cli("check", src)
    assert result.code == 1
    assert findings(result.err) == f"{zh}:19: '[说明](#)' links to nothing: the text is not a UN document symbol\n"


def test_missing_report_folder(cli, tmp_path: Path) -> None:
    result = cli("build", tmp_path / "nope")
    assert result.code == 2
    assert result.err == f"{tmp_path / 'nope'}: not a report folder (expected a directory holding en.md, zh.md, ...)\n"


def test_unknown_language_version_requested(cli) -> None:
    minimal = FIXTURES / "minimal"
    result = cli("build", minimal, "--lang", "fr")
    assert result.code == 2
    assert result.err == f"{minimal}: no 'fr' version: fr.md does not exist\n"


def test_usage_errors_are_one_line(cli) -> None:
    result = cli("build", EXAMPLE, "--lang", "de")
    assert result.code == 2
    assert len(result.err.splitlines()) == 1
    assert result.err.startswith("reportgen: Invalid value for '--lang'")
    assert cli("frobnicate").err.startswith("reportgen: No such command 'frobnicate'")


def test_installed_console_script_runs_without_traceback(tmp_path: Path) -> None:
    """The real entry point, as a user runs it."""
    exe = Path(sys.executable).parent / "reportgen"
    proc = subprocess.run([str(exe), "build", str(tmp_path / "missing")], capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1
