"""term-mismatch: a term of the term base in the original must be rendered by an
approved term in the aligned paragraph of each translation, whatever its inflection.
On the example report (English original, Russian and French in their real,
inflected wording) and on the UDHR (English, French, Chinese)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportgen import pipeline
from reportgen.align import REGISTRY
from tests.align import udhr

# A term base of terms that really occur in the example, in every paragraph but 10.
EXAMPLE_TERMS = """\
en,fr,ru,zh,es,note
mutual legal assistance,entraide judiciaire,взаимная правовая помощь,司法协助,asistencia judicial recíproca,
international cooperation,coopération internationale,международное сотрудничество,国际合作,cooperación internacional,
States parties,États parties,государства-участники,缔约国,Estados partes,
technical assistance,assistance technique,техническая помощь,技术援助,asistencia técnica,
political declaration,déclaration politique,политическая декларация,政治宣言,declaración política,
legal library,bibliothèque juridique,юридическая библиотека,法律图书馆,,no Spanish: not checked in es
"""


def term_findings(folder: Path) -> list[tuple[str, str | None, int | None, str]]:
    _, result = pipeline.align(folder, keep_model=False, jobs=1)
    assert result is not None
    return [(f.lang, f.paragraph, f.line, f.message) for f in result.findings if f.check == "term-mismatch"]


def replace_in_line(path: Path, line: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1], (path, line, old)
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture
def example(report_copy) -> Path:
    src = report_copy()
    (src / "terms.csv").write_text(EXAMPLE_TERMS, encoding="utf-8")
    return src


def test_registered_as_a_warning() -> None:
    check = REGISTRY["term-mismatch"]
    assert (check.id, check.severity) == ("term-mismatch", "warning")


def test_the_real_inflected_translations_give_no_finding(example: Path) -> None:
    # ru writes взаимную правовую помощь, взаимной правовой помощи; fr l'entraide judiciaire
    assert term_findings(example) == []


def test_a_wrong_russian_term_in_an_inflected_form_is_found_once(example: Path) -> None:
    # paragraph 8, line 32: "... упрощенных процедур взаимной правовой помощи ..."
    replace_in_line(example / "ru.md", 33, "взаимной правовой помощи", "взаимной юридической помощи")
    assert term_findings(example) == [
        ("ru", "8", 33, '"mutual legal assistance" should be rendered as "взаимная правовая помощь"')]


def test_a_wrong_french_term_in_an_inflected_form_is_found_once(example: Path) -> None:
    # paragraph 9, line 34: "... pour faciliter l'entraide judiciaire ..."
    replace_in_line(example / "fr.md", 35, "entraide judiciaire", "assistances juridiques mutuelles")
    assert term_findings(example) == [
        ("fr", "9", 35, '"mutual legal assistance" should be rendered as "entraide judiciaire"')]


def test_other_correct_inflections_give_no_finding(example: Path) -> None:
    replace_in_line(example / "ru.md", 33, "взаимной правовой помощи", "взаимную правовую помощь")
    replace_in_line(example / "fr.md", 35, "entraide judiciaire", "Entraide Judiciaire")
    assert term_findings(example) == []


def test_several_approved_terms_are_named_and_either_will_do(example: Path) -> None:
    (example / "terms.csv").write_text("en,ru\nmutual legal assistance,взаимная правовая помощь | правовая помощь\n",
                                       encoding="utf-8")
    replace_in_line(example / "ru.md", 33, "взаимной правовой помощи", "правовой помощи")
    assert term_findings(example) == []
    replace_in_line(example / "ru.md", 33, "правовой помощи", "юридической помощи")
    assert term_findings(example) == [
        ("ru", "8", 33, '"mutual legal assistance" should be rendered as "взаимная правовая помощь" or '
                        '"правовая помощь"')]


def test_an_entry_without_the_version_language_is_skipped(example: Path) -> None:
    # no Spanish for "legal library": the Spanish version is not checked against it
    replace_in_line(example / "es.md", 39, "biblioteca jurídica", "biblioteca de leyes")
    assert term_findings(example) == []


def test_the_term_base_reaches_worker_processes(cli, example: Path) -> None:
    replace_in_line(example / "ru.md", 33, "взаимной правовой помощи", "взаимной юридической помощи")
    outputs = []
    for jobs in ("1", "2"):
        result = cli("align", example, "--format", "json", "-j", jobs)
        assert result.code == 0, result.err
        found = [f for f in json.loads(result.out)["findings"] if f["check"] == "term-mismatch"]
        outputs.append(found)
    assert outputs[0] == outputs[1] == [
        {"severity": "warning", "check": "term-mismatch", "lang": "ru", "paragraph": "8", "version_paragraph": "8",
         "line": 33, "message": '"mutual legal assistance" should be rendered as "взаимная правовая помощь"'}]


# -- the UDHR -------------------------------------------------------------------------

UDHR_TERMS = "en,fr,zh\nhuman rights,droits de l'homme,人权\n"


@pytest.fixture
def declaration(tmp_path: Path) -> Path:
    udhr.require()
    folder = udhr.write_udhr_report(tmp_path / "udhr")
    (folder / "terms.csv").write_text(UDHR_TERMS, encoding="utf-8")
    return folder


def _article_line(folder: Path, lang: str, text: str) -> int:
    lines = folder.joinpath(f"{lang}.md").read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if text in line)


def _paragraph_line(folder: Path, lang: str, number: int) -> int:
    lines = folder.joinpath(f"{lang}.md").read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if line.startswith(f"{number}. "))


def test_udhr_as_translated_gives_no_finding(declaration: Path) -> None:
    # article 26: "human rights" = "droits de l’homme" (curly apostrophe) = "人权"
    assert term_findings(declaration) == []


def test_udhr_a_wrong_french_term_is_found_in_article_26(declaration: Path) -> None:
    line = _article_line(declaration, "fr", "respect des droits de l’homme")  # article 26 (b)
    replace_in_line(declaration / "fr.md", line, "droits de l’homme", "droit humain")
    # the finding stands at the paragraph (the version has no place for the missing term)
    assert term_findings(declaration) == [
        ("fr", "26", _paragraph_line(declaration, "fr", 26),
         '"human rights" should be rendered as "droits de l\'homme"')]


def test_udhr_a_correct_french_variant_is_not_a_finding(declaration: Path) -> None:
    line = _article_line(declaration, "fr", "respect des droits de l’homme")
    replace_in_line(declaration / "fr.md", line, "droits de l’homme", "Droit de l'Homme")
    assert term_findings(declaration) == []


def test_udhr_a_wrong_chinese_term_is_found(declaration: Path) -> None:
    line = _article_line(declaration, "zh", "(b) 教育的目的")  # article 26 (b): 加强对人权和基本自由的尊重
    replace_in_line(declaration / "zh.md", line, "人权", "人的权利")
    assert term_findings(declaration) == [
        ("zh", "26", _paragraph_line(declaration, "zh", 26), '"human rights" should be rendered as "人权"')]
