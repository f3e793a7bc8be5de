"""Faults, kills and races (issue 21): every command writes all or nothing.

Real faults, not simulations: a file-size limit (RLIMIT_FSIZE in a subprocess: writing past
it is EFBIG, in the same write path a full disk takes), ``/dev/full`` for standard output
(ENOSPC), a fake LibreOffice that writes a PDF over the limit, ``kill -9`` of a build and
of its workers, a process killed between its renames, two writers of one folder at once.
Each ends in ``cannot write to X: reason``, exit 2, and nothing left behind; a killed run's
leftovers are completed or removed by the next one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.generate import generate
from reportgen.files import write_all_atomically
from tests.conftest import FIXTURES
from tests.support.attacks import GB, leftovers, run_limited

FAITHFUL = FIXTURES / "align" / "faithful"
TOO_LARGE = "File too large"


@pytest.fixture
def report(tmp_path: Path) -> Path:
    folder = tmp_path / "src" / "report"
    shutil.copytree(FAITHFUL, folder)
    return folder


def _dead_pid() -> int:
    """The id of a process that has ended (a killed run's)."""
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


# -- a file-size limit (EFBIG) in every command that writes -------------------------------------

def _revised(report: Path) -> Path:
    new = report.parent / "new"
    shutil.copytree(report, new)
    for version in new.glob("*.md"):  # a new title in every version: every DOCX differs
        text = version.read_text(encoding="utf-8")
        version.write_text(text.replace("\ntitle: ", "\ntitle: Revised ", 1), encoding="utf-8")
    return new


COMMANDS = {
    "build": (lambda r, o: ("build", r, "-o", o), "{o}/en.docx", 4096),
    "align -o": (lambda r, o: ("align", r, "--format", "html", "-o", o / "alignment.html"), "{o}/alignment.html", 4096),
    "tmx": (lambda r, o: ("tmx", r, "-o", o / "memory.tmx"), "{o}/memory.tmx", 1024),
    "review": (lambda r, o: ("review", r, "--lang", "fr", "-o", o / "review.docx"), "{o}/review.docx", 4096),
    "xliff export": (lambda r, o: ("xliff", "export", r, "--lang", "fr", "-o", o / "en-fr.xlf"), "{o}/en-fr.xlf", 1024),
    "diff": (lambda r, o: ("diff", r, _revised(r), "-o", o), "{o}/en.docx", 4096),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_file_size_limit_is_cannot_write_and_leaves_nothing(report: Path, tmp_path: Path, command: str) -> None:
    args, shown, fsize = COMMANDS[command]
    out = tmp_path / "out"
    run = run_limited(*args(report, out), fsize=fsize, memory=2 * GB, timeout=120)
    assert (run.code, run.lines) == (2, [f"cannot write to {shown.format(o=out)}: {TOO_LARGE}"]), run.err
    assert leftovers(out) == []  # no file, no temporary, not even the folder it made
    assert not out.exists()


def test_import_under_a_file_size_limit_writes_no_version(tmp_path: Path) -> None:
    """The importer reads what it wrote back from a temporary file first (importer/document.py),
    which meets the limit before the version does."""
    page = tmp_path / "page.txt"
    page.write_text("United Nations\nA/AC.9/2021/L.4\nGeneral Assembly\n\n1. The Committee met.\n\n"
                    "2. It adopted the report.\n", encoding="utf-8")
    out = tmp_path / "imported"
    run = run_limited("import", page, "--lang", "en", "-o", out, "--symbol", "A/AC.9/2021/L.4", fsize=100)
    assert (run.code, run.lines[-1]) == (2, f"cannot write to a temporary file: {TOO_LARGE}")
    assert not out.exists()


def test_standard_output_on_a_full_disk(report: Path, tmp_path: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    with open("/dev/full", "wb") as full:
        run = run_limited("align", report, "--format", "json", stdout=full)
    assert (run.code, run.lines) == (2, ["cannot write to standard output: No space left on device"])


def test_standard_output_cut_by_a_file_size_limit_is_not_success(report: Path, tmp_path: Path) -> None:
    """Python's buffered stdout took a short write at the limit as done: the report ended
    cut, with exit 0."""
    target = tmp_path / "report.html"
    with target.open("wb") as fh:
        run = run_limited("align", report, "--format", "html", stdout=fh, fsize=4096)
    assert (run.code, run.lines) == (2, [f"cannot write to standard output: {TOO_LARGE}"])


def test_a_worker_that_cannot_hand_on_the_original_is_cannot_write_not_a_hang(report: Path, tmp_path: Path) -> None:
    """align -j 2 hands the prepared original to the other worker through a file."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    run = run_limited("align", report, "--format", "json", "-j", "2", fsize=512, timeout=60,
                      env={"TMPDIR": str(scratch)})
    assert run.code == 2, run.err
    [line] = run.lines
    assert line.startswith(f"cannot write to {scratch}/reportgen-") and line.endswith(f"/relay.partial: {TOO_LARGE}")
    assert leftovers(scratch) == []


FAKE_SOFFICE = """\
#!/bin/sh
# a LibreOffice that writes flat ODF, then a 2 MB PDF, for each DOCX (its own file-size limit raised again)
ulimit -S -f unlimited
out=""
to=""
while [ $# -gt 0 ]; do
  case "$1" in --outdir) out="$2"; shift;; --convert-to) to="${2%%:*}"; shift;;
    *.docx|*.fodt) n=$(basename "$1"); n="${n%.*}"; mkdir -p "$out";
    if [ "$to" = fodt ]; then echo '<x/>' > "$out/$n.fodt"; else head -c 2097152 /dev/zero > "$out/$n.pdf"; fi;; esac
  shift
done
"""


def test_build_pdf_writes_neither_docx_nor_pdf_when_a_pdf_cannot_be_written(report: Path, tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "soffice"
    fake.write_text(FAKE_SOFFICE, encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    out = tmp_path / "out"
    assert run_limited("build", report, "-o", out, "--lang", "en").code == 0
    previous = (out / "en.docx").read_bytes()
    run = run_limited("build", report, "-o", out, "--pdf", fsize=1 << 20, timeout=120,
                      env={"PATH": f"{bin_dir}:{os.environ['PATH']}", "TMPDIR": str(tmp_path)})
    assert (run.code, run.lines) == (2, [f"cannot write to {out / 'en.pdf'}: {TOO_LARGE}"])
    assert leftovers(out) == ["en.docx"] and (out / "en.docx").read_bytes() == previous
    assert [p.name for p in tmp_path.glob("reportgen-*")] == []  # the scratch folder went too


def test_build_pdf_is_one_set_with_its_docx(cli, report: Path, tmp_path: Path, monkeypatch) -> None:
    """A PDF that cannot be written (a folder in its place) leaves the DOCX unwritten too."""
    from reportgen.render import pdf

    monkeypatch.setattr(pdf, "find_soffice", lambda: "soffice")
    monkeypatch.setattr(pdf, "convert", lambda docx, soffice, **_: ({p.with_suffix(".pdf"): b"%PDF-1.7" for p in docx}, []))
    out = tmp_path / "out"
    (out / "fr.pdf").mkdir(parents=True)
    result = cli("build", report, "-o", out, "--pdf")
    assert (result.code, result.err) == (2, f"cannot write to {out / 'fr.pdf'}: is a folder\n")
    assert leftovers(out) == ["fr.pdf"]


# -- kills -------------------------------------------------------------------------------------------

def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_kill_9_of_a_parallel_build_leaves_no_worker_running(tmp_path: Path) -> None:
    big = tmp_path / "big"
    generate(big, 1200)
    proc = subprocess.Popen([sys.executable, "-c", "from reportgen.cli import main; main()", "build", str(big),
                             "-o", str(tmp_path / "out"), "-j", "2"], stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while len(workers := _children(proc.pid)) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert len(workers) >= 2, "the build never started its workers"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 10
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(map(_alive, workers)), "workers outlived their parent"
    finally:
        if proc.poll() is None:
            proc.kill()


KILLED_AFTER_FIRST_RENAME = """\
import os, signal, sys
renamed = []
real = os.replace
def replace(src, dst):
    real(src, dst)
    if str(dst).endswith(".docx"):
        renamed.append(dst)
        if len(renamed) == 1:
            os.kill(os.getpid(), signal.SIGKILL)  # killed between the renames of a set
os.replace = replace
from reportgen.cli import main
main(sys.argv[1:])
"""


def test_a_set_cut_by_a_kill_is_completed_by_the_next_run(cli, report: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert cli("build", _revised(report), "-o", out).code == 0  # the previous build, of another draft
    previous = {name: (out / name).read_bytes() for name in ("en.docx", "fr.docx")}
    killed = subprocess.run([sys.executable, "-c", KILLED_AFTER_FIRST_RENAME, "build", str(report), "-o", str(out)],
                            capture_output=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL
    left = leftovers(out)
    assert (out / "en.docx").read_bytes() != previous["en.docx"]  # one renamed,
    assert (out / "fr.docx").read_bytes() == previous["fr.docx"]  # one not: a mixed set, for now
    assert any(n.startswith(".reportgen-commit.") for n in left) and any(n.startswith(".fr.docx.") for n in left)
    result = cli("build", report, "-o", out, "--lang", "en")  # the next run, even of another set
    assert result.code == 0
    assert leftovers(out) == ["en.docx", "fr.docx"]  # journal and temporaries gone
    assert (out / "fr.docx").read_bytes() != previous["fr.docx"]  # the killed run's set, completed
    assert cli("build", report, "-o", tmp_path / "again").code == 0
    assert (out / "fr.docx").read_bytes() == (tmp_path / "again" / "fr.docx").read_bytes()


def test_stale_temporaries_of_dead_runs_are_removed_live_ones_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead, alive = _dead_pid(), os.getppid()
    stale = [f".en.bin.{dead}.a1b2c3d4.tmp", f".reportgen-commit.{dead}.x9y8z7.json"]
    kept = [f".en.bin.{alive}.e5f6g7h8.tmp", ".notes.tmp", "keep.tmp"]
    for name in stale + kept:
        (out / name).write_bytes(b"half a file")
    write_all_atomically({out / "en.bin": b"new"})
    assert leftovers(out) == sorted(kept + ["en.bin"])


def test_scratch_folders_of_dead_runs_are_removed(report: Path, tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    stale = scratch / f"reportgen-align-{_dead_pid()}-abc123"
    (stale / "sub").mkdir(parents=True)
    (stale / "relay.pickle").write_bytes(b"x" * 1000)
    other = scratch / "reportgen-pdf-not-ours"
    other.mkdir()
    run = run_limited("align", report, "--format", "json", "-j", "2", env={"TMPDIR": str(scratch)})
    assert run.code == 0, run.err
    assert leftovers(scratch) == ["reportgen-pdf-not-ours"]


# -- two writers at once ------------------------------------------------------------------------------

WRITER = """\
import sys
from pathlib import Path
from reportgen.files import write_all_atomically
out, tag = Path(sys.argv[1]), sys.argv[2].encode()
for k in range(200):
    write_all_atomically({out / f"{name}.bin": tag * 1000 for name in ("a", "b", "c")})
"""


def test_two_writers_of_one_folder_leave_one_whole_set(tmp_path: Path) -> None:
    out = tmp_path / "out"
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(out), tag]) for tag in ("1", "2")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    contents = {(out / f"{name}.bin").read_bytes() for name in ("a", "b", "c")}
    assert len(contents) == 1  # all three from the same writer
    assert leftovers(out) == ["a.bin", "b.bin", "c.bin"]


# -- make report: never stale, never colliding ------------------------------------------------------

def _checkout(tmp_path: Path) -> Path:
    from tests.conftest import REPO

    dest = tmp_path / "repo"
    dest.mkdir()
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(REPO / name, dest / name)
    for name in ("templates", "reportgen"):
        shutil.copytree(REPO / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(FAITHFUL, dest / "sources" / "report")
    ready = dest / ".venv" / ".installed"
    ready.parent.mkdir()
    ready.touch()
    return dest


def _make(checkout: Path, *args: str, bin_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    return subprocess.run(["make", "-C", str(checkout), f"BIN={bin_dir or Path(sys.executable).parent}", *args],
                          capture_output=True, text=True, env={**os.environ, "MAKEFLAGS": ""}, timeout=300)


EDITING_REPORTGEN = """\
#!{python}
# reportgen, with an author who saves fr.md while the build is reading the report
import sys
from pathlib import Path
from reportgen import cli
from reportgen.project import Project
real = Project.build
def build(self, *args, **kwargs):
    done = real(self, *args, **kwargs)
    fr = Path(self.directory) / "fr.md"
    fr.write_text(fr.read_text(encoding="utf-8") + "\\nUn dernier paragraphe.\\n", encoding="utf-8")
    return done
Project.build = build
cli.main()
"""


def test_a_source_saved_while_make_report_reads_it_is_built_next_time(tmp_path: Path) -> None:
    checkout = _checkout(tmp_path)
    editing = tmp_path / "editing-bin"
    editing.mkdir()
    script = editing / "reportgen"
    script.write_text(EDITING_REPORTGEN.format(python=sys.executable), encoding="utf-8")
    script.chmod(0o755)
    first = _make(checkout, "report", bin_dir=editing)
    assert first.returncode == 0, first.stderr
    assert "changed while the build was reading the report" in first.stderr
    second = _make(checkout, "report")
    assert "reportgen build sources/report" in second.stdout  # not "Nothing to be done"
    manifest = json.loads((checkout / "build" / "report" / "manifest.json").read_text(encoding="utf-8"))
    fr = checkout / "sources" / "report" / "fr.md"
    assert {"source": "sources/report/fr.md", "sha256": hashlib.sha256(fr.read_bytes()).hexdigest()} \
        in manifest["inputs"]
    assert "reportgen build" not in _make(checkout, "report").stdout  # and then it is up to date


def test_an_emblem_in_a_subfolder_is_a_prerequisite(tmp_path: Path) -> None:
    from tests.support.images import png

    checkout = _checkout(tmp_path)
    src = checkout / "sources" / "report"
    (src / "assets").mkdir()
    (src / "assets" / "emblem.png").write_bytes(png(2, 2))
    en = src / "en.md"
    en.write_text(en.read_text(encoding="utf-8").replace("job: V.21-06543\n", "job: V.21-06543\nemblem: "
                                                         "assets/emblem.png\n"), encoding="utf-8")
    assert _make(checkout, "report").returncode == 0
    assert "reportgen build" not in _make(checkout, "report").stdout
    time.sleep(0.01)
    (src / "assets" / "emblem.png").write_bytes(png(3, 3))
    assert "reportgen build sources/report" in _make(checkout, "report").stdout


def test_two_make_report_at_once_do_not_collide(tmp_path: Path) -> None:
    checkout = _checkout(tmp_path)
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    command = ["make", "-C", str(checkout), f"BIN={Path(sys.executable).parent}", "report"]
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "MAKEFLAGS": ""}) for _ in range(2)]
    results = [(p.wait(timeout=300), p.stderr.read() if p.stderr else "") for p in procs]
    assert [code for code, _ in results] == [0, 0], results
    assert all("cannot stat" not in err for _, err in results)
    assert leftovers(checkout / "build") == sorted(["report", "report/en.docx", "report/fr.docx",
                                                    "report/manifest.json", "report/manifest.json.d"])

