"""``reportgen corpus`` over issued documents: grouped by symbol and language from
documents-system file names or a manifest, imported, then checked and aligned as
``reportgen import`` + ``reportgen align`` do on the same files by hand.

Real material: the two issued PDFs of A/HRC/WG.6/34/ITA/3 (``../shared/realdocs``,
English original) and DOCX files ``reportgen build`` made of the example, renamed as the
documents system names them. A PDF import takes seconds: one corpus run and one by-hand
import of each file serve the module (module-scoped fixtures)."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path
from typing import Any

import pytest

from reportgen.cli import main
from reportgen.corpus import run_corpus
from reportgen.corpus.inputs import find_inputs
from reportgen.corpus.issued import Group, Problem, from_name, group_issued
from reportgen.interchange.tmx import memory_units
from reportgen.project import Project
from tests.conftest import FIXTURES
from tests.corpus.corpus_data import aligned_alone, as_json, checked_alone, findings_json, links_json, of, rows

ITA = "A/HRC/WG.6/34/ITA/3"
EXAMPLE = "CAC/COSP/EG.1/2021/L.1/Add.1"
#: file under INPUT → (language, what it is)
ITA_FILES = {"A_HRC_WG.6_34_ITA_3-EN.pdf": ("en", "ohchr_1_en.pdf"), "A_HRC_WG.6_34_ITA_3_R.pdf": ("ru", "ohchr_1_ru.pdf")}
EXAMPLE_FILES = {"CAC_COSP_EG.1_2021_L.1_Add.1-EN.docx": ("en", "en"), "CAC_COSP_EG.1_2021_L.1_Add.1_F.docx": ("fr", "fr"),
                 "CAC_COSP_EG.1_2021_L.1_Add.1_es.docx": ("es", "es"),
                 "jobs/N2112345.docx": ("ru", "ru"),  # by the manifest only
                 "jobs/A_B_1-EN.docx": ("ar", "ar")}  # the manifest wins over its name
MANIFEST = ("symbol,lang,path\n"
            f"{EXAMPLE},ru,N2112345.docx\n"
            f"{EXAMPLE},ar,A_B_1-EN.docx\n"
            f"{EXAMPLE},zh,missing.docx\n")
#: the reports that fail, by name, and their errors (after INPUT/)
FAILED = {
    "A/HRC/1/2": "A_HRC_1_2-FR.pdf: ",  # then what ``reportgen import`` says of it (poppler's words)
    "N2154321.pdf": ("N2154321.pdf: the file name gives no language (expected SYMBOL-EN, SYMBOL_E or SYMBOL_en); "
                     "or list it in manifest.csv"),
    "jobs/manifest.csv:4": "jobs/manifest.csv:4: no such file: missing.docx",
}


class Run:
    def __init__(self, source: Path, out: Path, code: int, stderr: str, by_hand: dict[str, Path],
                 imported: dict[str, list[str]]) -> None:
        self.source, self.out, self.code, self.stderr = source, out, code, stderr
        self.by_hand, self.imported = by_hand, imported


def cli(*args: Any) -> tuple[int, str, str]:
    err, std = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(std):
        try:
            main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    return code, std.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, example_build: dict[str, Path]) -> Run:
    from tests.support.shared import require_shared

    realdocs = require_shared("realdocs")
    root = tmp_path_factory.mktemp("issued")
    source = root / "in"
    (source / "jobs").mkdir(parents=True)
    for name, (_, pdf) in ITA_FILES.items():
        shutil.copy(realdocs / pdf, source / name)
    for name, (_, lang) in EXAMPLE_FILES.items():
        shutil.copy(example_build[lang], source / name)
    (source / "jobs" / "manifest.csv").write_text(MANIFEST, "utf-8")
    (source / "A_HRC_1_2-FR.pdf").write_bytes(b"%PDF-1.7 cut short")
    (source / "N2154321.pdf").write_bytes(b"%PDF-1.7 cut short")
    shutil.copytree(FIXTURES / "minimal", source / "minimal")
    out = root / "out"
    code, _, err = cli("corpus", source, "-o", out, "--workers", "2")
    by_hand: dict[str, Path] = {}
    imported: dict[str, list[str]] = {}
    for symbol, files in ((ITA, ITA_FILES), (EXAMPLE, EXAMPLE_FILES)):
        folder = root / "by-hand" / symbol.replace("/", "_")
        by_hand[symbol] = folder
        for name, (lang, _) in files.items():
            done, _, warned = cli("import", source / name, "--lang", lang, "-o", folder, "--symbol", symbol)
            assert done == 0, warned
            imported[name] = warned.splitlines()
    done, _, refused = cli("import", source / "A_HRC_1_2-FR.pdf", "--lang", "fr", "-o", root / "by-hand" / "broken",
                           "--symbol", "A/HRC/1/2")
    assert done == 2
    imported["A_HRC_1_2-FR.pdf"] = refused.splitlines()
    return Run(source, out, code, err, by_hand, imported)


def test_file_names_in_the_documents_systems_forms() -> None:
    for name in ("A_HRC_WG.6_34_ITA_3-EN.pdf", "A_HRC_WG.6_34_ITA_3_E.pdf", "A_HRC_WG.6_34_ITA_3_en.docx",
                 "A_HRC_WG.6_34_ITA_3-en.pdf"):
        assert from_name(Path(name)) == (ITA, "en")
    letters = {"A": "ar", "C": "zh", "E": "en", "F": "fr", "R": "ru", "S": "es"}
    for letter, code in letters.items():
        assert from_name(Path(f"S_RES_2532(2020)_{letter}.pdf")) == ("S/RES/2532(2020)", code)
        assert from_name(Path(f"E_2021_L.1-{code.upper()}.docx")) == ("E/2021/L.1", code)
    assert from_name(Path("N2112345.pdf")) == "the file name gives no language (expected SYMBOL-EN, SYMBOL_E or SYMBOL_en)"
    assert from_name(Path("A_HRC_34_3_Q.pdf")) == ("the file name's language 'Q' is not one of ar/A, en/E, es/S, "
                                                   "fr/F, ru/R, zh/C")
    assert from_name(Path("ohchr_1_en.pdf")) == ("the file name gives the symbol 'ohchr/1', which is not a UN document "
                                                 "symbol: write it as issued, e.g. A/AC.1/2024/L.1")


def test_grouping_the_manifest_wins_and_a_language_given_twice_is_a_problem(tmp_path: Path) -> None:
    for name in ("A_HRC_34_3-EN.pdf", "A_HRC_34_3_E.pdf", "A_HRC_34_3_F.pdf", "N1.pdf", "A_B_1-EN.pdf"):
        (tmp_path / name).write_bytes(b"")
    (tmp_path / "manifest.csv").write_text("symbol,lang,path\nA/HRC/34/3,ru,N1.pdf\nA/HRC/34/3,en,A_B_1-EN.pdf\n"
                                           "A/HRC/34/3,xx,N1.pdf\nnot a symbol,en,N1.pdf\nA/HRC/34/3,en\n", "utf-8")
    files = sorted(p for p in tmp_path.iterdir() if p.suffix != ".csv")
    groups, problems = group_issued(tmp_path, files, [tmp_path / "manifest.csv"])
    assert groups == [Group("A/HRC/34/3", (("en", tmp_path / "A_B_1-EN.pdf"), ("fr", tmp_path / "A_HRC_34_3_F.pdf"),
                                           ("ru", tmp_path / "N1.pdf")))]
    manifest = tmp_path / "manifest.csv"
    assert problems == [
        Problem("A_HRC_34_3-EN.pdf", f"{tmp_path}/A_HRC_34_3-EN.pdf: A/HRC/34/3 in en is already given by "
                                     f"{tmp_path}/A_B_1-EN.pdf"),
        Problem("A_HRC_34_3_E.pdf", f"{tmp_path}/A_HRC_34_3_E.pdf: A/HRC/34/3 in en is already given by "
                                     f"{tmp_path}/A_B_1-EN.pdf"),
        Problem("manifest.csv:4", f"{manifest}:4: the language 'xx' is not one of ar/A, en/E, es/S, fr/F, ru/R, zh/C"),
        Problem("manifest.csv:5", f"{manifest}:5: 'not a symbol' is not a UN document symbol: write it as issued, "
                                  "e.g. A/AC.1/2024/L.1"),
        Problem("manifest.csv:6", f"{manifest}:6: expected 3 fields (symbol,lang,path), found 2"),
    ]
    manifest.write_text("lang,symbol,path\n", "utf-8")
    assert group_issued(tmp_path, [], [manifest]) == (
        [], [Problem("manifest.csv", f"{manifest}:1: the header must be 'symbol,lang,path'")])


def test_documents_are_grouped_by_symbol_and_language(run: Run) -> None:
    ita = of(run.out, "documents", ITA)
    assert {r["language"]: r["path"] for r in ita} == {lang: name for name, (lang, _) in ITA_FILES.items()}
    assert {(r["symbol"], r["original"], r["status"], r["organ"]) for r in ita} == {
        (ITA, "en", "ok", "General Assembly")}  # the original as the issued English says it
    example = of(run.out, "documents", EXAMPLE)
    assert {r["language"]: r["path"] for r in example} == {lang: name for name, (lang, _) in EXAMPLE_FILES.items()}
    assert {(r["symbol"], r["original"], r["status"]) for r in example} == {(EXAMPLE, "en", "ok")}
    assert sorted({r["report"] for r in rows(run.out, "documents")}) == sorted([ITA, EXAMPLE, "minimal", *FAILED])


def test_unreadable_and_ungroupable_files_are_failed_rows_and_the_run_goes_on(run: Run) -> None:
    assert run.code == 10 + len(FAILED)
    lines = run.stderr.splitlines()
    (refused,) = run.imported["A_HRC_1_2-FR.pdf"]
    assert refused.startswith(f"{run.source}/{FAILED['A/HRC/1/2']}") and "cannot read" in refused
    for name, error in FAILED.items():
        (row,) = of(run.out, "documents", name)
        expected = refused if name == "A/HRC/1/2" else f"{run.source}/{error}"
        assert (row["status"], row["language"], row["error"]) == ("failed", None, expected)
        assert expected in lines
    (error,) = [(r["language"], r["path"], r["stage"], r["severity"]) for r in of(run.out, "findings", "A/HRC/1/2")]
    assert error == ("fr", "A_HRC_1_2-FR.pdf", "import", "error")
    assert lines[-1].startswith(f"{run.out}: {3 + len(FAILED)} reports, {len(FAILED)} failed; ")


@pytest.mark.parametrize("symbol", [ITA, EXAMPLE])
def test_findings_and_links_are_import_then_align_by_hand(run: Run, symbol: str) -> None:
    folder = run.by_hand[symbol]
    alone = as_json(aligned_alone(folder).as_json())
    assert findings_json(run.out, symbol, accepted=False) == alone["findings"]
    assert findings_json(run.out, symbol, accepted=True) == alone["accepted"]
    assert links_json(run.out, symbol) == alone["links"]
    checked = [(r["severity"], r["path"], r["line"], r["message"])
               for r in of(run.out, "findings", symbol) if r["stage"] == "check"]
    # a message that names a file of the report names it under the report (the task's folder is temporary)
    assert checked == [(s, p, line, m.replace(f"{folder}/", "")) for s, p, line, m in checked_alone(folder)]
    assert symbol != ITA or any(m.startswith("A/HRC/28/4 is not registered in documents.yaml") for *_, m in checked)


@pytest.mark.parametrize("symbol, files", [(ITA, ITA_FILES), (EXAMPLE, EXAMPLE_FILES)])
def test_import_warnings_are_findings_as_import_prints_them(run: Run, symbol: str, files: dict[str, Any]) -> None:
    found = of(run.out, "findings", symbol)
    for name, (lang, _) in files.items():
        warned = [f"{run.source}/{r['path']}: warning: {r['message']}" for r in found
                  if r["stage"] == "import" and r["language"] == lang]
        assert warned == run.imported[name]
        assert all(r["path"] == name and r["severity"] == "warning" and r["symbol"] == symbol
                   for r in found if r["stage"] == "import" and r["language"] == lang)
    (en,) = [r for r in of(run.out, "documents", symbol) if r["language"] == "en"]
    assert en["warnings"] == sum(r["severity"] == "warning" and not r["accepted"] for r in found if r["language"] == "en")
    assert any(run.imported[name] for name in ITA_FILES)  # the real PDFs do give import warnings


def test_units_are_the_memory_of_the_report_imported_by_hand(run: Run) -> None:
    (en,) = [r for r in of(run.out, "documents", ITA) if r["language"] == "en"]
    _, result = Project.open(run.by_hand[ITA]).align(keep_model=True)  # as reportgen tmx reads it
    assert result is not None
    expected = memory_units(result, en["date"])  # the date is each unit's, not its text
    table = of(run.out, "units", ITA)
    got: dict[int, list[tuple[str, str]]] = {}
    for r in sorted(table, key=lambda r: (r["unit_index"], r["order"])):
        got.setdefault(r["unit_index"], []).append((r["language"], r["text"]))
    assert [tuple(got[i]) for i in sorted(got)] == [u.texts for u in expected]
    assert len(expected) > 50


def test_a_second_run_redoes_nothing(run: Run) -> None:
    seen = []
    run_corpus(run.source, run.out, workers=1, on_start=lambda p: seen.append((p.total, p.reused)))
    assert seen == [(0, 3 + len(FAILED))]


def test_issued_files_of_a_symbol_that_is_a_report_folder_are_problems(tmp_path: Path) -> None:
    folder = tmp_path / "CAC" / "COSP" / "EG.1" / "2021" / "L.1" / "Add.1"
    shutil.copytree(FIXTURES / "minimal", folder)
    (tmp_path / "CAC_COSP_EG.1_2021_L.1_Add.1-FR.pdf").write_bytes(b"%PDF-1.7")
    found = {r.name: r for r in find_inputs(tmp_path)}
    assert sorted(found) == ["CAC/COSP/EG.1/2021/L.1/Add.1", "CAC_COSP_EG.1_2021_L.1_Add.1-FR.pdf"]
    assert found["CAC/COSP/EG.1/2021/L.1/Add.1"].files == ()
    assert found["CAC_COSP_EG.1_2021_L.1_Add.1-FR.pdf"].problem == (
        f"{tmp_path}/CAC_COSP_EG.1_2021_L.1_Add.1-FR.pdf: CAC/COSP/EG.1/2021/L.1/Add.1 is the report folder {folder} already")


def test_files_that_give_no_report_need_no_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportgen.corpus import driver

    def no_cluster(*args: Any) -> Any:
        raise AssertionError("a cluster was started for rows that need no worker")

    monkeypatch.setattr(driver, "_client", no_cluster)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "N2112345.pdf").write_bytes(b"%PDF-1.7")
    totals = run_corpus(tmp_path / "in", tmp_path / "out")
    message = (f"{tmp_path}/in/N2112345.pdf: the file name gives no language (expected SYMBOL-EN, SYMBOL_E or "
               "SYMBOL_en); or list it in manifest.csv")
    assert totals.failed == [("N2112345.pdf", message)]
    assert [(r["report"], r["status"], r["error"]) for r in rows(tmp_path / "out", "documents")] == [
        ("N2112345.pdf", "failed", message)]
