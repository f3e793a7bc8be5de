"""The small betrayals of a user's work (issue 19): a version in a language that is not
one of the six, a reviewer's note erased, a misspelt check id, the bare command's help,
``align -o FILE`` silent about what it found (INTERFACE §2.1, §3.1, §5.4)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen.align import REGISTRY
from reportgen.align.accept import read_acceptances
from reportgen.source import folder_diagnostics, language_files
from tests.conftest import FIXTURES

FAITHFUL = FIXTURES / "align" / "faithful"
SIX = "ar.md, en.md, es.md, fr.md, ru.md or zh.md"
EXPECTED = "ar.md, en.md, es.md, fr.md, ru.md, zh.md"
CHECKS = ", ".join(sorted(REGISTRY))


def not_one_of_the_six(path: Path, language: str) -> str:
    return (f"{path}: {language} is not one of the six UN languages: a version is named {SIX} "
            "(keep other languages out of the report folder)")


# -- §2.1 a file named for a language that is not one of the six ----------------------

@pytest.mark.parametrize(("name", "language"), [
    ("de.md", "German (de)"), ("pt.md", "Portuguese (pt)"), ("DE.md", "German (de)"),
    ("pt-BR.md", "Portuguese (pt-BR)"), ("ja_Jpan.md", "Japanese (ja_Jpan)"), ("it.markdown", "Italian (it)"),
])
def test_a_version_in_another_language_is_refused(cli, tmp_path: Path, name: str, language: str) -> None:
    src = tmp_path / "report"
    shutil.copytree(FAITHFUL, src)
    shutil.copy(src / "fr.md", src / name)
    for command in ("build", "check", "align"):
        result = cli(command, src, *(["-o", tmp_path / "out"] if command == "build" else []))
        assert (result.code, result.out, result.err) == (2, "", not_one_of_the_six(src / name, language) + "\n")
    assert not (tmp_path / "out").exists()


def test_a_folder_holding_only_another_language_names_it(cli, tmp_path: Path) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "de.md").write_text("x\n", encoding="utf-8")
    result = cli("build", folder, "-o", tmp_path / "out")
    assert (result.code, result.err) == (2, not_one_of_the_six(folder / "de.md", "German (de)") + "\n")


@pytest.mark.parametrize(("name", "code"), [("eng.md", "en"), ("FRA.md", "fr"), ("chi.md", "zh"), ("spa-MX.md", "es")])
def test_a_three_letter_code_of_one_of_the_six_is_a_look_alike(tmp_path: Path, name: str, code: str) -> None:
    src = tmp_path / "report"
    shutil.copytree(FAITHFUL, src)
    (src / name).write_text("", encoding="utf-8")
    assert [str(d) for d in folder_diagnostics(src)] == [f"{src / name}: not a language version: name it {code}.md"]


def test_other_names_stay_warnings(tmp_path: Path) -> None:
    # not language codes, or three-letter codes that are also words ("may", "run"): notes, not versions
    src = tmp_path / "report"
    shutil.copytree(FAITHFUL, src)
    names = ("annex.md", "de-old.md", "deu.md", "draft.md", "may.md", "notes.md", "pt.pdf", "run.md")
    for name in names:
        (src / name).write_text("", encoding="utf-8")
    (src / "README.md").write_text("", encoding="utf-8")
    assert [str(d) for d in folder_diagnostics(src)] == [
        f"{src / name}: warning: not a language version (expected {EXPECTED}); ignored" for name in names]
    assert list(language_files(src)) == ["en", "fr"]


# -- bare commands print their help ------------------------------------------------

@pytest.mark.parametrize("group", [(), ("xliff",)])
def test_a_bare_command_prints_its_help(cli, group: tuple[str, ...]) -> None:
    result = cli(*group)
    assert (result.code, result.err) == (0, "")
    assert result.out == cli(*group, "--help").out
    lines = result.out.splitlines()
    assert lines[0] == f"Usage: reportgen {' '.join(group + ('',))}[OPTIONS] COMMAND [ARGS]..."
    assert "Commands:" in lines and len(lines) > 15


@pytest.mark.parametrize(("args", "line"), [
    (("nope",), "reportgen: No such command 'nope'."),
    (("xliff", "nope"), "reportgen: No such command 'nope'. (see 'reportgen xliff --help')"),
    (("build",), "reportgen: Missing argument 'REPORT_DIR'. (see 'reportgen build --help')"),
])
def test_other_usage_errors_stay_one_line(cli, args: tuple[str, ...], line: str) -> None:
    result = cli(*args)
    assert (result.code, result.out, result.err) == (2, "", line + "\n")


# -- accept: a misspelt check id, the reviewer's note --------------------------------

def test_a_misspelt_check_id_lists_the_checks(cli, damaged: Path) -> None:
    result = cli("accept", damaged, "--check", "numbr-mismatch", "--lang", "fr", "--paragraph", "4")
    assert (result.code, result.out) == (2, "")
    assert result.err == (f"reportgen: no check 'numbr-mismatch': the checks are {CHECKS} "
                          "(did you mean 'number-mismatch'?)\n")
    assert CHECKS.startswith("duplicate-paragraph, extra-paragraph, footnote-mismatch, heading-mismatch")
    assert not (damaged / "accepted.yaml").exists()


def test_an_unknown_check_id_with_nothing_close(cli, damaged: Path) -> None:
    result = cli("accept", damaged, "--check", "spelling", "--lang", "fr")
    assert (result.code, result.err) == (2, f"reportgen: no check 'spelling': the checks are {CHECKS}\n")


def test_a_valid_check_with_no_finding_keeps_its_message(cli, damaged: Path) -> None:
    result = cli("accept", damaged, "--check", "length-outlier", "--lang", "fr", "--paragraph", "4")
    assert (result.code, result.err) == (2, f"{damaged}: no length-outlier finding for fr at paragraph 4 to accept\n")


def accept(cli, folder: Path, *note: str):  # type: ignore[no-untyped-def]
    return cli("accept", folder, "--check", "number-mismatch", "--lang", "fr", "--paragraph", "4", *note)


def test_accepting_again_keeps_the_note_unless_a_new_one_is_given(cli, damaged: Path) -> None:
    path = damaged / "accepted.yaml"
    done = f"{path}: accepted number-mismatch for fr paragraph 4"
    first = accept(cli, damaged, "--note", 'figure "updated" after the session')
    assert (first.code, first.out, first.err) == (0, done + "\n", "")
    # the text changed, the acceptance lapsed; the reviewer accepts again without retyping the note
    fr = damaged / "fr.md"
    fr.write_text(fr.read_text(encoding="utf-8").replace("ont participé à la session", "étaient présents"),
                  encoding="utf-8")
    hash_before = read_acceptances(damaged)[0].hash
    again = accept(cli, damaged)
    assert (again.code, again.out) == (0, f'{done} (note kept: "figure "updated" after the session")\n')
    [kept] = read_acceptances(damaged)
    assert (kept.note, kept.hash != hash_before) == ('figure "updated" after the session', True)
    assert 'note: "figure \\"updated\\" after the session"' in path.read_text(encoding="utf-8")
    # a new note replaces it, and says what it was
    replaced = accept(cli, damaged, "--note", "checked with the secretariat")
    assert replaced.out == f'{done} (note replaced; it was "figure "updated" after the session")\n'
    assert [a.note for a in read_acceptances(damaged)] == ["checked with the secretariat"]
    # --note "" removes it
    cleared = accept(cli, damaged, "--note", "")
    assert (cleared.code, cleared.out) == (0, f"{done} (note removed)\n")
    assert [a.note for a in read_acceptances(damaged)] == [""]
    assert "note:" not in path.read_text(encoding="utf-8")
    # and without a note to keep, nothing is said of it
    assert accept(cli, damaged).out == done + "\n"


def test_a_note_on_several_lines_is_kept_as_written(cli, damaged: Path) -> None:
    """YAML folds a line break inside a quoted value to a space: the note is written
    with escapes, and read back as the reviewer typed it."""
    note = "checked with the secretariat\n\tsee the e-mail of 3 May; \\ and \"quotes\""
    assert accept(cli, damaged, "--note", note).code == 0
    assert [a.note for a in read_acceptances(damaged)] == [note]


# -- align -o FILE says what it found ------------------------------------------------

@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_align_to_a_file_prints_the_summary_line(cli, damaged: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "out" / f"alignment.{fmt}"
    result = cli("align", damaged, "--format", fmt, "-o", out)
    assert (result.code, result.out) == (1, "")
    assert result.err == f"{out}: 1 error, 0 warnings, 0 info (fr: 1 error)\n"
    assert out.is_file()


def test_align_summary_counts_each_language_and_the_accepted(cli, report_copy, tmp_path: Path) -> None:
    src = report_copy()
    for lang, old, new in (("fr", "reçu 27 demandes", "reçu 28 demandes"), ("zh", "的27份", "的26份"),
                           ("es", "27 solicitudes", "29 solicitudes")):
        text = (src / f"{lang}.md").read_text(encoding="utf-8")
        assert old in text
        (src / f"{lang}.md").write_text(text.replace(old, new), encoding="utf-8")
    out = tmp_path / "alignment.json"
    result = cli("align", src, "--format", "json", "-o", out)
    assert (result.code, result.err) == (1, f"{out}: 3 errors, 0 warnings, 0 info (es: 1 error; fr: 1 error; "
                                            "zh: 1 error)\n")
    assert cli("accept", src, "--check", "number-mismatch", "--lang", "zh", "--paragraph", "3").code == 0
    result = cli("align", src, "-o", out)
    assert (result.code, result.err) == (1, f"{out}: 2 errors, 0 warnings, 0 info (es: 1 error; fr: 1 error), "
                                            "1 accepted\n")
    assert out.read_text(encoding="utf-8").splitlines()[-1] == "Total: 2 errors, 0 warnings, 0 info, 1 accepted"


def test_align_to_a_file_with_nothing_found(cli, tmp_path: Path) -> None:
    out = tmp_path / "alignment.txt"
    result = cli("align", FAITHFUL, "-o", out)
    assert (result.code, result.out, result.err) == (0, "", f"{out}: 0 errors, 0 warnings, 0 info\n")
