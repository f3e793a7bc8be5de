"""Per-version work in worker processes (reportgen.parallel): the same bytes and the
same messages as one process, errors that cross back whole, no task left waiting."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from bench.generate import generate
from reportgen import parallel
from reportgen.errors import UserError, WorkerError, processing
from reportgen.parallel import Relay, Shipped, Workers, jobs_for, run_each
from tests.conftest import EXAMPLE


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A six-language report with chapters, sub-items, footnotes, symbols and labels."""
    folder = tmp_path_factory.mktemp("generated") / "report"
    generate(folder, 40)
    return folder


def _run(cli, monkeypatch, jobs: str, *args):
    monkeypatch.setenv(parallel.JOBS_ENV, jobs)
    return cli(*args)


@pytest.mark.parametrize("source", ["example", "generated"])
def test_build_writes_the_same_bytes_in_one_process_and_in_two(cli, monkeypatch, tmp_path, generated, source):
    folder = EXAMPLE if source == "example" else generated
    outputs = {}
    for jobs in ("1", "2"):
        result = _run(cli, monkeypatch, jobs, "build", folder, "-o", tmp_path / jobs)
        assert result.code == 0, result.err
        outputs[jobs] = {p.name: p.read_bytes() for p in sorted((tmp_path / jobs).iterdir())}
    assert sorted(outputs["1"]) == ["ar.docx", "en.docx", "es.docx", "fr.docx", "ru.docx", "zh.docx"]
    assert outputs["1"] == outputs["2"]


@pytest.mark.parametrize("fmt", ["json", "text", "html"])
def test_align_reports_the_same_in_one_process_and_in_two(cli, monkeypatch, tmp_path, generated, fmt):
    report = tmp_path / "report"
    shutil.copytree(generated, report)
    # defects, so that there is something to report: a paragraph dropped in French,
    # two merged in Spanish
    fr = (report / "fr.md").read_text(encoding="utf-8")
    start = fr.index("\n105. ")
    fr = fr[:start] + fr[fr.index("\n106. ", start):]
    (report / "fr.md").write_text(fr, encoding="utf-8")
    es = (report / "es.md").read_text(encoding="utf-8").replace("\n\n110. ", "\n", 1)
    (report / "es.md").write_text(es, encoding="utf-8")
    results = {jobs: _run(cli, monkeypatch, jobs, "align", report, "--format", fmt) for jobs in ("1", "2")}
    assert results["1"].code == results["2"].code == 1
    assert (results["1"].out, results["1"].err) == (results["2"].out, results["2"].err)
    if fmt == "json":
        assert '"check": "missing-paragraph"' in results["1"].out
        assert '"check": "merged-paragraphs"' in results["1"].out


def test_the_original_starts_first_and_the_largest_versions_next(tmp_path, generated):
    """Longest processing time first: the last version to start is the smallest, so
    no large one runs alone at the end; results still come in file order."""
    from reportgen import project

    started: list[str] = []
    each = project.Project.open(generated).each(project._document, jobs=1, first="fr",
                                               on_done=lambda outcome: started.append(outcome.code))
    sizes = {code: (generated / f"{code}.md").stat().st_size for code in "ar en es ru zh".split()}
    assert started == ["fr", *sorted(sizes, key=lambda code: -sizes[code])]
    assert list(each.values) == ["ar", "en", "es", "fr", "ru", "zh"]


def test_check_reports_the_same_in_one_process_and_in_two(cli, monkeypatch, tmp_path, generated):
    report = tmp_path / "report"
    shutil.copytree(generated, report)
    ru = (report / "ru.md").read_text(encoding="utf-8").replace("\n\n107. ", "\n\n1070. ", 1)
    (report / "ru.md").write_text(ru + "\nСм. A//75/1.\n", encoding="utf-8")
    results = {jobs: _run(cli, monkeypatch, jobs, "check", report) for jobs in ("1", "2")}
    assert results["1"].code == results["2"].code == 1
    assert results["1"].err == results["2"].err
    lines = results["1"].err.splitlines()
    assert lines[:3] == [
        f"{report / 'ru.md'}:41: paragraph 1070 follows paragraph 106: expected 107",
        f"{report / 'ru.md'}:43: paragraph 108 follows paragraph 1070: expected 1071",
        f"{report / 'ru.md'}:{len(ru.splitlines()) + 2}: warning: 'A//75/1' looks like a document symbol but is malformed",
    ]
    assert lines[-1] == f"{report}: 6 versions (ar, en, es, fr, ru, zh): 2 errors, 1 warning"


def test_a_version_with_errors_stops_a_parallel_build_with_nothing_written(cli, monkeypatch, tmp_path, generated):
    report = tmp_path / "report"
    shutil.copytree(generated, report)
    zh = (report / "zh.md").read_text(encoding="utf-8")
    (report / "zh.md").write_text(zh.replace("[^1]", "[^nowhere]", 1), encoding="utf-8")
    result = _run(cli, monkeypatch, "2", "build", report, "-o", tmp_path / "out")
    assert result.code == 2
    assert "zh.md:" in result.err and "[^nowhere] is referenced but not defined" in result.err
    assert not (tmp_path / "out").exists()


# -- the pieces ---------------------------------------------------------------------------

def _fails(item: str) -> str:
    with processing(Path(item)):
        if item.endswith("user.md"):
            raise UserError(item, 7, "a problem the user can fix")
        if item.endswith("bug.md"):
            raise KeyError("no such key")
    return item.upper()


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_come_back_for_every_item(jobs):
    with Workers(jobs) as workers:
        got = dict(run_each(_fails, ["a.md", "b.md", "c.md"], workers))
    assert got == {0: "A.MD", 1: "B.MD", 2: "C.MD"}


def test_a_user_error_in_a_worker_reaches_the_caller_whole():
    with pytest.raises(UserError) as caught, Workers(2) as workers:
        list(run_each(_fails, ["a.md", "user.md"], workers))
    assert str(caught.value) == "user.md:7: a problem the user can fix"
    assert (caught.value.line, caught.value.message) == (7, "a problem the user can fix")


def test_an_unexpected_error_in_a_worker_keeps_its_type_message_and_file():
    with pytest.raises(WorkerError) as caught, Workers(2) as workers:
        list(run_each(_fails, ["a.md", "bug.md"], workers))
    assert (caught.value.kind, str(caught.value)) == ("KeyError", "'no such key'")
    assert parallel.processed_file(caught.value) == Path("bug.md")
    assert "raise KeyError" in caught.value.trace


def test_user_errors_survive_pickling():
    from reportgen.files import CannotWrite

    for exc in (UserError("a.md", 3, "bad"), CannotWrite(Path("out"), "read-only")):
        back = pickle.loads(pickle.dumps(exc))
        assert (type(back), str(back), back.diagnostic) == (type(exc), str(exc), exc.diagnostic)


def test_jobs_follow_the_request_then_the_environment_then_the_size(monkeypatch):
    monkeypatch.delenv(parallel.JOBS_ENV, raising=False)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    assert jobs_for(6, parallel.MIN_BYTES - 1) == 1
    assert jobs_for(6, parallel.MIN_BYTES) == 2
    assert jobs_for(1, 10 * parallel.MIN_BYTES) == 1  # one task: no worker
    assert jobs_for(6, 0, requested=3) == 3
    monkeypatch.setenv(parallel.JOBS_ENV, "4")
    assert jobs_for(6, 0) == 4
    monkeypatch.setenv(parallel.JOBS_ENV, "two")
    with pytest.raises(UserError) as caught:
        jobs_for(6, 0)
    assert str(caught.value) == "REPORTGEN_JOBS: expected a positive whole number, got 'two'"


def test_a_bad_jobs_setting_is_one_line_exit_2(cli, monkeypatch):
    result = _run(cli, monkeypatch, "0", "check", EXAMPLE)
    assert (result.code, result.err) == (2, "REPORTGEN_JOBS: expected a positive whole number, got '0'\n")
    result = cli("build", EXAMPLE, "--jobs", "0")
    assert result.code == 2 and "--jobs" in result.err


def test_a_shipped_value_stays_pickled_until_asked_for():
    value = {"units": list(range(1000))}
    assert Shipped(value).value is value  # a serial run: never pickled
    arrived = pickle.loads(pickle.dumps(Shipped(value)))
    assert arrived.__getstate__() == pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    assert arrived.value == value


def _wait_for(relay: Relay) -> object:
    return relay.get()


def _hand_on(relay: Relay) -> str:
    relay.put({"original": "en"})
    return "put"


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_relay_hands_a_value_to_tasks_in_any_process(tmp_path, jobs):
    relay = Relay(tmp_path, parallel=jobs > 1)
    try:
        with Workers(jobs) as workers:
            maker = workers.submit(_hand_on, relay)
            waiting = [workers.submit(_wait_for, relay) for _ in range(3)]
            assert maker.result() == "put"
            assert [f.result() for f in waiting] == [{"original": "en"}] * 3
    finally:
        relay.close()


def test_closing_a_relay_releases_the_tasks_waiting_for_it(tmp_path):
    relay = Relay(tmp_path, parallel=True)
    with Workers(2) as workers:
        try:
            waiting = [workers.submit(_wait_for, relay) for _ in range(2)]
        finally:
            relay.close()  # the value will never come
        assert [f.result(timeout=30) for f in waiting] == [None, None]


def _twice(relay: Relay) -> tuple[bool, object]:
    first, second = relay.get(), relay.get()
    return first is second, second


@pytest.mark.parametrize("keep", [True, False])
def test_a_worker_keeps_a_relayed_value_unless_it_is_large(tmp_path, monkeypatch, keep):
    monkeypatch.setattr(parallel, "KEEP_BYTES", 1 << 30 if keep else 0)
    relay = Relay(tmp_path, parallel=True)
    try:
        with Workers(2) as workers:
            assert workers.submit(_hand_on, relay).result() == "put"
        with Workers(2) as workers:  # fresh workers: none of them made the value
            same, value = workers.submit(_twice, relay).result()
    finally:
        relay.close()
    assert value == {"original": "en"}
    assert same is keep  # a large value is read again, not held between tasks


def test_a_worker_gives_freed_memory_back_where_it_can():
    parallel._give_back_memory()
    parallel._give_back_memory()  # loaded once; harmless again
    assert parallel._LIBC is False or hasattr(parallel._LIBC, "malloc_trim")
