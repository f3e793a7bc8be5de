"""`reportgen check` and `reportgen refs`: registry, malformed symbols, word counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportgen.check.wordcount import word_count
from reportgen.source.reader import read_document
from tests.conftest import EXAMPLE

LANGS = ("ar", "en", "es", "fr", "ru", "zh")
COUNTS = {"ar": "1,124", "en": "1,389", "es": "1,654", "fr": "1,585", "ru": "1,230", "zh": "2,126"}


def info_lines(folder: Path) -> list[str]:
    return [f"{folder}/{c}.md: info: {COUNTS[c]} words ({'limit 10,700' if c == 'en' else 'translation'})"
            for c in LANGS]


def test_check_example_is_clean(cli) -> None:
    result = cli("check", EXAMPLE)
    assert (result.code, result.out) == (0, "")
    assert result.err.splitlines() == info_lines(EXAMPLE) + [
        f"{EXAMPLE}: 6 versions (ar, en, es, fr, ru, zh): 0 errors, 0 warnings"]


def test_unregistered_citation_is_a_warning_per_version(cli, report_copy) -> None:
    src = report_copy()
    (src / "documents.yaml").unlink()
    result = cli("check", src)
    assert result.code == 0
    warnings = [line for line in result.err.splitlines() if ": warning: " in line]
    assert warnings == [
        f"{src}/{c}.md:19: warning: CAC/COSP/EG.1/2021/2 is cited but not registered in {src}/documents.yaml"
        for c in LANGS]


def test_malformed_symbol_like_string_is_a_warning(cli, report_copy) -> None:
    src = report_copy()
    en = src / "en.md"
    en.write_text(en.read_text(encoding="utf-8").replace(
        "2. He presented", "2. He presented (see CAC/COSP/EG.1/2021/L.1/Add.)", 1), encoding="utf-8")
    result = cli("check", src)
    assert result.code == 0
    assert [line for line in result.err.splitlines() if ": warning: " in line] == [
        f"{en}:21: warning: 'CAC/COSP/EG.1/2021/L.1/Add.' looks like a document symbol but is malformed"]


def test_word_limit_exceeded_warns_on_the_original(cli, report_copy) -> None:
    src = report_copy()
    for c in LANGS:
        path = src / f"{c}.md"
        path.write_text(path.read_text(encoding="utf-8").replace("job: V.21-06543", "job: V.21-06543\nword_limit: 1000"),
                        encoding="utf-8")
    result = cli("check", src)
    assert result.code == 0
    assert f"{src}/en.md:14: warning: 1,389 words exceed the limit of 1,000 (footnotes and headings included)" \
        in result.err.splitlines()
    assert f"{src}/zh.md: info: 2,126 words (translation)" in result.err.splitlines()


def test_word_limit_must_be_known(cli, report_copy) -> None:
    src = report_copy()
    en = src / "en.md"
    en.write_text(en.read_text(encoding="utf-8").replace("job: V.21-06543", "job: V.21-06543\nword_limit: short"),
                  encoding="utf-8")
    result = cli("check", src)
    assert result.code == 2
    assert result.err == (f"{en}:14: word_limit 'short' must be 'secretariat' (8,500), 'other' (10,700) "
                          "or a number of words\n")


def test_broken_registry_is_unusable_input(cli, report_copy) -> None:
    src = report_copy()
    (src / "documents.yaml").write_text("A/75/1:\n  titel: x\n", encoding="utf-8")
    result = cli("check", src)
    assert result.code == 2
    assert result.err == f"{src}/documents.yaml:1: 'A/75/1' needs a 'title' mapping of language codes to titles\n"


def test_refs_lists_every_citation(cli) -> None:
    result = cli("refs", EXAMPLE)
    assert result.code == 0
    lines = result.out.splitlines()
    assert [line.split("\t")[:4] for line in lines] == [[c, "1", "19", "CAC/COSP/EG.1/2021/2"] for c in LANGS]
    assert lines[5].endswith("\t增进《联合国反腐败公约》下国际合作不限成员名额政府间专家会议任务授权执行进展情况")
    rows = json.loads(cli("refs", EXAMPLE, "--json").out)
    assert rows[1] == {"lang": "en", "paragraph": "1", "line": 19, "symbol": "CAC/COSP/EG.1/2021/2",
                       "registered": True, "title": rows[1]["title"]}
    assert rows[1]["title"].startswith("Progress made in the implementation of the mandates")


@pytest.mark.parametrize("body, expected", [
    ("1. The Committee met twice.", 4),
    ("1. 委员会举行了两次会议。", 10),               # every Chinese character is a word, as Word counts
    ("1. 截至 2021 年 8 月，TRACK 门户", 9),
    ("1. Voir le document A/75/1 : « texte ».", 5),
])
def test_word_count(tmp_path: Path, body: str, expected: int) -> None:
    lang = "zh" if "委" in body or "截" in body else "en"
    path = tmp_path / f"{lang}.md"
    path.write_text(f"---\nsymbol: A/1\ndistribution: limited\ndate: 2021-01-01\nlanguage: {lang}\noriginal: en\n"
                    f"organ: O\ntitle: T\n---\n\n{body}\n", encoding="utf-8")
    doc, _ = read_document(path)
    assert word_count(doc) == expected
