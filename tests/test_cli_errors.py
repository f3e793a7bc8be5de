"""Errors reported as compilers report them: every error of every version in one
run, sorted, capped; unusable folders and outputs named; no traceback ever, an
internal error is one line naming the file, exit 3."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import reportgen.render.docx as docx_writer
from reportgen import pipeline, project
from reportgen.errors import UserError, processed_file, processing
from reportgen.files import CannotWrite, write_all_atomically
from reportgen.source import folder_diagnostics, language_files
from tests.conftest import REPO

EXPECTED = "ar.md, en.md, es.md, fr.md, ru.md, zh.md"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def label_error(src: Path, lang: str = "fr", label: str = "nope") -> str:
    """Put an unknown ``@label`` in paragraph 2 (line 21) of a version; its error line."""
    start = {"fr": "2. Il a présenté", "en": "2. He presented"}[lang]
    edit(src / f"{lang}.md", start, f"{start} (@{label})")
    return f"{src / f'{lang}.md'}:21: unknown label '@{label}' (this file defines no labels)"


def tree(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# -- 1. every command prints the load's diagnostics the same way ---------------------

def test_build_reports_every_error_of_every_version_sorted(cli, report_copy, tmp_path: Path) -> None:
    src = report_copy()
    zh_error = f"{src / 'zh.md'}:3: distribution 'secret' is not one of: general, limited, restricted"
    edit(src / "zh.md", "distribution: limited", "distribution: secret")
    fr_error = label_error(src, "fr", "nope")
    en_error = label_error(src, "en", "nada")
    (src / "notes.txt").write_text("to do\n", encoding="utf-8")
    out = tmp_path / "out"
    result = cli("build", src, "-o", out)
    assert result.code == 2
    assert result.err.splitlines() == [
        en_error, fr_error, zh_error,
        f"{src / 'notes.txt'}: warning: not a language version (expected {EXPECTED}); ignored",
    ]
    assert result.out == ""
    assert not out.exists()


def test_align_reports_load_errors_as_check_does_and_still_aligns(cli, report_copy) -> None:
    # A version that reads (an unknown label, a gap in the numbering) can still be
    # compared: align prints the load's errors, aligns, and exits 1, as check does.
    src = report_copy()
    error = label_error(src)
    result = cli("align", src, "--format", "json")
    assert result.code == 1
    assert result.err.splitlines() == [error]
    assert '"findings"' in result.out


@pytest.mark.parametrize("command", [
    ["build", "-o", "{tmp}/out"],
    ["refs"],
    ["refs", "--json"],
    ["accept", "--check", "number-mismatch", "--lang", "fr", "--paragraph", "4"],
])
def test_load_error_fails_every_command_with_exit_2_and_writes_nothing(cli, report_copy, tmp_path: Path,
                                                                        command: list[str]) -> None:
    src = report_copy()
    error = label_error(src)
    before = tree(src)
    name, *options = command
    result = cli(name, src, *[o.format(tmp=tmp_path) for o in options])
    assert (result.code, result.err, result.out) == (2, error + "\n", "")
    assert not (tmp_path / "out").exists()
    assert tree(src) == before  # no accepted.yaml either


def test_check_reports_the_same_lines_and_exits_1(cli, report_copy) -> None:
    src = report_copy()
    error = label_error(src)
    result = cli("check", src)
    assert result.code == 1
    lines = result.err.splitlines()
    assert lines[0] == error
    assert lines[-1] == f"{src}: 6 versions (ar, en, es, fr, ru, zh): 1 error, 0 warnings"


def test_check_exits_2_when_a_version_cannot_be_read(cli, report_copy) -> None:
    src = report_copy()
    edit(src / "zh.md", "distribution: limited", "distribution: secret")
    fr_error = label_error(src)
    result = cli("check", src)
    assert result.code == 2
    assert result.err.splitlines() == [
        fr_error, f"{src / 'zh.md'}:3: distribution 'secret' is not one of: general, limited, restricted"]


def test_errors_are_capped_with_a_count_of_the_rest(cli, report_copy, tmp_path: Path) -> None:
    src = report_copy()
    fr = src / "fr.md"
    edit(fr, "2. Il a présenté", "2. Il a présenté " + " ".join(f"@x{i}" for i in range(63)))
    result = cli("build", src, "-o", tmp_path / "out")
    assert result.code == 2
    assert result.err.splitlines() == [
        f"{fr}:21: unknown label '@x{i}' (this file defines no labels)" for i in range(50)
    ] + ["... and 13 more errors (fix these and run again)"]


def test_warnings_alone_do_not_stop_a_build(cli, report_copy, tmp_path: Path) -> None:
    src = report_copy()
    (src / "notes.txt").write_text("to do\n", encoding="utf-8")
    result = cli("build", src, "-o", tmp_path, "--lang", "en")
    assert result.code == 0
    assert result.err == f"{src / 'notes.txt'}: warning: not a language version (expected {EXPECTED}); ignored\n"
    assert result.out == f"{tmp_path / 'en.docx'}\n"


# -- 3. no traceback: an internal error is one line naming the file, exit 3 ----------

@pytest.mark.parametrize("stage, exc, shown", [
    ("resolve", RecursionError("maximum recursion depth exceeded"), "RecursionError: maximum recursion depth exceeded"),
    ("render", ZeroDivisionError("division by zero"), "ZeroDivisionError: division by zero"),
])
def test_internal_error_names_the_version_being_processed(cli, report_copy, tmp_path: Path, monkeypatch,
                                                         stage, exc, shown) -> None:
    """Depends on project._version wrapping each version in ``processing(path)``, for
    every stage a version goes through."""
    src = report_copy()
    owner, name = (project, "resolve_document") if stage == "resolve" else (docx_writer, "render_docx")
    real = getattr(owner, name)

    def failing(doc):
        if doc.meta.language == "fr":
            raise exc
        return real(doc)

    monkeypatch.setattr(owner, name, failing)
    result = cli("build", src, "-o", tmp_path / "out")
    assert (result.code, result.out) == (3, "")
    assert result.err == f"{src / 'fr.md'}: internal error: {shown} (please report this)\n"
    assert not (tmp_path / "out").exists()


def test_internal_error_outside_any_file_names_the_report_folder(cli, report_copy, monkeypatch) -> None:
    src = report_copy()

    def each(self, task, langs=(), **options):
        raise KeyError("symbol")

    monkeypatch.setattr(project.Project, "each", each)
    for command in ("build", "check", "refs", "align"):
        result = cli(command, src)
        assert (result.code, result.err) == (3, f"{src}: internal error: KeyError: 'symbol' (please report this)\n")


def test_internal_error_message_is_one_line(cli, report_copy, monkeypatch) -> None:
    src = report_copy()

    def each(self, task, langs=(), **options):
        with processing(self.directory / "en.md"):
            raise AssertionError()

    monkeypatch.setattr(project.Project, "each", each)
    assert cli("check", src).err == f"{src / 'en.md'}: internal error: AssertionError (please report this)\n"

    def each2(self, task, langs=(), **options):
        with processing(self.directory / "en.md"):
            raise ValueError("first line\n  second line")

    monkeypatch.setattr(project.Project, "each", each2)
    assert cli("check", src).err == \
        f"{src / 'en.md'}: internal error: ValueError: first line second line (please report this)\n"


def test_processing_marks_the_innermost_file_and_spares_user_errors(tmp_path: Path) -> None:
    outer, inner = tmp_path / "report", tmp_path / "report" / "fr.md"
    assert processed_file() is None
    with pytest.raises(IndexError) as caught, processing(outer):
        with processing(inner):
            assert processed_file() == inner
        assert processed_file() == outer
        with processing(inner):
            raise IndexError("x")
    assert processed_file(caught.value) == inner
    assert processed_file() is None
    with pytest.raises(UserError) as user, processing(inner):
        raise UserError(outer, 3, "bad")
    assert processed_file(user.value) is None


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_installed_script_internal_error_has_no_traceback(report_copy, tmp_path: Path, jobs: str) -> None:
    """The real console script, with a stage made to recurse without end
    (through a sitecustomize hook, since the subprocess cannot be monkeypatched),
    in this process and in a worker process (REPORTGEN_JOBS=2)."""
    src = report_copy()
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import reportgen.render.docx as r\n"
        "real = r.render_docx\n"
        "def render_docx(doc):\n"
        "    if doc.meta.language == 'fr':\n"
        "        def f():\n"
        "            f()\n"
        "        f()\n"
        "    return real(doc)\n"
        "r.render_docx = render_docx\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "REPORTGEN_DEBUG"}
    env["PYTHONPATH"] = str(hook)
    env["REPORTGEN_JOBS"] = jobs
    exe = Path(sys.executable).parent / "reportgen"
    proc = subprocess.run([str(exe), "build", str(src), "-o", str(tmp_path / "out")],
                          capture_output=True, text=True, cwd=REPO, env=env)
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 3
    assert proc.stderr == (f"{src / 'fr.md'}: internal error: RecursionError: maximum recursion depth exceeded "
                           "(please report this)\n")
    assert not (tmp_path / "out").exists()


# -- 4. files of a report folder that are not language versions ----------------------

@pytest.mark.parametrize("name", ["en.markdown", "EN.md", "En.md", "en.txt", "en-GB.md", "en_US.md.txt"])
def test_look_alike_of_a_language_version_is_an_error(cli, report_copy, tmp_path: Path, name: str) -> None:
    src = report_copy()
    (src / "en.md").rename(src / name)
    result = cli("build", src, "-o", tmp_path / "out")
    assert (result.code, result.err) == (2, f"{src / name}: not a language version: name it en.md\n")
    assert not (tmp_path / "out").exists()


def test_only_look_alikes_is_named_not_no_versions(cli, tmp_path: Path) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "EN.md").write_text("x\n", encoding="utf-8")
    result = cli("build", folder, "-o", tmp_path / "out")
    assert (result.code, result.err) == (2, f"{folder / 'EN.md'}: not a language version: name it en.md\n")


def test_other_files_warn_companions_are_silent(report_copy) -> None:
    src = report_copy()
    for name in ("accepted.yaml", "terms.tbx", "terms.csv", "README.md", ".DS_Store", ".en.md.swp",
                 "notes.txt", "en.pdf", "draft-en.md", "en-old.md"):
        (src / name).write_text("", encoding="utf-8")
    (src / "figures").mkdir()
    assert [str(d) for d in folder_diagnostics(src)] == [
        f"{src / name}: warning: not a language version (expected {EXPECTED}); ignored"
        for name in ("draft-en.md", "en-old.md", "en.pdf", "notes.txt")]
    assert list(language_files(src)) == ["ar", "en", "es", "fr", "ru", "zh"]


def test_link_outside_the_report_folder_is_an_error(cli, report_copy, tmp_path: Path) -> None:
    src = report_copy()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (src / "fr.md").rename(outside / "fr.md")
    (src / "fr.md").symlink_to(outside / "fr.md")
    (src / "documents.yaml").rename(outside / "documents.yaml")
    (src / "documents.yaml").symlink_to(Path("..") / ".." / "elsewhere" / "documents.yaml")
    (src / "README.md").symlink_to("en.md")  # a link inside the folder is fine
    result = cli("build", src, "-o", tmp_path / "out")
    assert result.code == 2
    assert result.err.splitlines() == [
        f"{src / 'documents.yaml'}: is a link to a file outside the report folder",
        f"{src / 'fr.md'}: is a link to a file outside the report folder",
    ]
    assert not (tmp_path / "out").exists()


def test_broken_link_is_an_error(report_copy) -> None:
    src = report_copy()
    (src / "fr.md").unlink()
    (src / "fr.md").symlink_to("missing.md")
    assert [str(d) for d in folder_diagnostics(src)] == [f"{src / 'fr.md'}: is a link to a file that does not exist"]
    assert "fr" not in language_files(src)


# -- 5. output that cannot be written ------------------------------------------------

def test_output_under_proc_cannot_be_written(cli, report_copy) -> None:
    src = report_copy()
    result = cli("build", src, "-o", "/proc/x")
    assert (result.code, result.out) == (2, "")
    assert result.err == "cannot write to /proc/x: No such file or directory\n"
    aligned = cli("align", src, "-o", "/proc/x/alignment.html")
    assert (aligned.code, aligned.err) == (2, "cannot write to /proc/x: No such file or directory\n")


def test_output_folder_is_a_file(cli, report_copy, tmp_path: Path) -> None:
    src = report_copy()
    (tmp_path / "file").write_text("", encoding="utf-8")
    result = cli("build", src, "-o", tmp_path / "file", "--lang", "en")
    assert (result.code, result.err) == (2, f"cannot write to {tmp_path / 'file'}: not a folder\n")
    nested = cli("build", src, "-o", tmp_path / "file" / "sub", "--lang", "en")
    assert (nested.code, nested.err) == (2, f"cannot write to {tmp_path / 'file' / 'sub'}: Not a directory\n")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to a read-only folder")
def test_read_only_folder(cli, report_copy, tmp_path: Path) -> None:
    src = report_copy()
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = cli("build", src, "-o", locked / "out")
        assert (result.code, result.err) == (2, f"cannot write to {locked / 'out'}: Permission denied\n")
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o755)


def test_build_writes_no_version_when_one_cannot_be_written(cli, report_copy, tmp_path: Path) -> None:
    """Depends on pipeline.write_all writing through files.write_all_atomically."""
    src = report_copy()
    out = tmp_path / "out"
    (out / "fr.docx").mkdir(parents=True)
    try:
        result = cli("build", src, "-o", out)
        assert (result.code, result.out) == (2, "")
        assert result.err == f"cannot write to {out / 'fr.docx'}: is a folder\n"
        assert tree(out) == ["fr.docx"]
    finally:
        (out / "fr.docx").rmdir()  # not a DOCX for the teardown's schema check


def test_write_all_atomically_leaves_nothing_behind(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b"
    files = {out / "en.bin": b"en", out / "fr.bin": b"fr", out / "zh.bin": b"zh"}
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b").write_text("", encoding="utf-8")  # a file where the folder should be
    with pytest.raises(CannotWrite) as caught:
        write_all_atomically(files)
    assert str(caught.value) == f"cannot write to {out}: not a folder"
    (tmp_path / "a" / "b").unlink()
    (out / "fr.bin").mkdir(parents=True)
    with pytest.raises(CannotWrite) as caught:
        write_all_atomically(files)
    assert str(caught.value) == f"cannot write to {out / 'fr.bin'}: is a folder"
    assert tree(tmp_path) == ["a", "a/b", "a/b/fr.bin"]  # en.bin neither written nor left as a temporary
    (out / "fr.bin").rmdir()
    out.rmdir()
    (tmp_path / "a").rmdir()
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(CannotWrite) as caught:
        write_all_atomically({tmp_path / "x" / "y" / "en.bin": b"en", tmp_path / "file" / "fr.bin": b"fr"})
    assert str(caught.value) == f"cannot write to {tmp_path / 'file'}: not a folder"
    assert tree(tmp_path) == ["file"]  # the folders x and x/y it created are removed again
    write_all_atomically(files)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == {"en.bin": b"en", "fr.bin": b"fr", "zh.bin": b"zh"}


# -- 6. exit codes documented --------------------------------------------------------

def test_help_documents_the_exit_codes(cli) -> None:
    result = cli("--help")
    assert result.code == 0
    lines = [line.strip() for line in result.out.splitlines()]
    assert "Exit status:" in lines
    assert "0  success" in lines
    assert "1  check or align found an (open) error" in lines
    assert any(line.startswith("2  the input or the invocation is unusable") for line in lines)
    assert any(line.startswith("3  internal error (a bug in reportgen)") for line in lines)


@pytest.mark.parametrize(("args", "line"), [
    (("xliff", "export", "REPORT"),
     "reportgen: Missing option '--lang'. Choose from: ar, en, es, fr, ru, zh "
     "(see 'reportgen xliff export --help')"),
    (("accept", "REPORT", "--check", "untranslated"),
     "reportgen: Missing option '--lang'. Choose from: ar, en, es, fr, ru, zh "
     "(see 'reportgen accept --help')"),
])
def test_a_usage_error_is_one_line_naming_the_whole_command(cli, tmp_path: Path, args, line) -> None:
    result = cli(*[str(tmp_path) if a == "REPORT" else a for a in args])
    assert (result.code, result.out, result.err) == (2, "", line + "\n")
