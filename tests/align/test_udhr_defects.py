"""Alignment by content on the real UDHR (../shared/udhr): a paragraph dropped, two
merged, one split, two swapped or one inserted in the French or Chinese version,
then the version renumbered as a translator would, is named once, at the right
paragraph of the original, and adds at most three errors for its language."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import pytest

from reportgen import pipeline
from reportgen.align import align_report
from tests.align import udhr

Blocks = list[str]  # numbered paragraphs without their numbers, in order

INSERTED = {
    "fr": "Le Comité a également pris note des observations formulées par plusieurs délégations au sujet "
          "de la mise en œuvre de la présente disposition et de ses incidences pratiques.",
    "zh": "委员会还注意到若干代表团就本条款的执行及其实际影响提出的意见，并请秘书处在下届会议上提出报告。",
}
SENTENCE = {"fr": re.compile(r"(?<=\.) "), "zh": re.compile(r"(?<=。)")}


def _drop(blocks: Blocks, lang: str) -> Blocks:
    return blocks[:3] + blocks[4:]


def _merge(blocks: Blocks, lang: str) -> Blocks:
    joiner = "" if lang == "zh" else " "
    return blocks[:2] + [blocks[2] + joiner + blocks[3]] + blocks[4:]


def _split(blocks: Blocks, lang: str) -> Blocks:
    first, second = SENTENCE[lang].split(blocks[11], maxsplit=1)
    return blocks[:11] + [first.strip(), second.strip()] + blocks[12:]


def _swap(blocks: Blocks, lang: str) -> Blocks:
    return blocks[:2] + [blocks[3], blocks[2]] + blocks[4:]


def _insert(blocks: Blocks, lang: str) -> Blocks:
    return blocks[:4] + [INSERTED[lang]] + blocks[4:]


# defect -> (edit, the structural check, the original's paragraph it names)
DEFECTS: dict[str, tuple[Callable[[Blocks, str], Blocks], str, str]] = {
    "dropped": (_drop, "missing-paragraph", "4"),
    "merged": (_merge, "merged-paragraphs", "3"),
    "split": (_split, "split-paragraph", "12"),
    "swapped": (_swap, "order-mismatch", "4"),  # the original's 4 now stands before its 3
    "inserted": (_insert, "extra-paragraph", "4"),
}
STRUCTURAL = {"missing-paragraph", "extra-paragraph", "merged-paragraphs", "split-paragraph", "order-mismatch"}


def _damage(path: Path, edit: Callable[[Blocks, str], Blocks], lang: str) -> None:
    """Apply ``edit`` to the numbered paragraphs and renumber them 1, 2, 3…"""
    head, _, body = path.read_text(encoding="utf-8").partition("\n1. ")
    chunks = re.split(r"\n\n(?=\d+\. )", "1. " + body)
    blocks = [re.sub(r"^\d+\. ", "", c) for c in chunks]
    damaged = edit(blocks, lang)
    path.write_text(head + "\n" + "\n\n".join(f"{k}. {b}" for k, b in enumerate(damaged, 1)).rstrip() + "\n",
                    encoding="utf-8")


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    udhr.require()  # ../shared/udhr: skipped without it, required under CI=true
    return udhr.write_udhr_report(tmp_path_factory.mktemp("udhr"))


@pytest.mark.parametrize("lang", ["fr", "zh"])
@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_defect_is_named_once_where_it_happened(clean: Path, tmp_path: Path, lang: str, defect: str) -> None:
    edit, check_id, paragraph = DEFECTS[defect]
    report = tmp_path / "udhr"
    report.mkdir()
    for f in clean.iterdir():
        (report / f.name).write_bytes(f.read_bytes())
    _damage(report / f"{lang}.md", edit, lang)
    loaded = pipeline.load(report)
    assert loaded.unreadable == ()
    result = align_report(loaded.report)
    mine = [f for f in result.findings if f.lang == lang and f.check != "unnumbered-mismatch"]
    structural = [(f.check, f.paragraph) for f in mine if f.check in STRUCTURAL]
    assert structural == [(check_id, paragraph)], [str(f) for f in mine]
    errors = [f for f in mine if f.severity == "error"]
    assert len(errors) <= 3, [f.message for f in errors]
    other = "zh" if lang == "fr" else "fr"
    assert [f for f in result.findings if f.lang == other and f.check != "unnumbered-mismatch"] == []


def test_renumbering_is_one_finding(clean: Path, tmp_path: Path) -> None:
    report = tmp_path / "udhr"
    report.mkdir()
    for f in clean.iterdir():
        (report / f.name).write_bytes(f.read_bytes())
    _damage(report / "fr.md", _drop, "fr")
    result = align_report(pipeline.load(report).report)
    numbering = [f for f in result.findings if f.check == "numbering-mismatch"]
    assert [(f.lang, f.paragraph, f.version_paragraph, f.message) for f in numbering] == [
        ("fr", "5", "4", "paragraphs 4–29 here are 5–30 of the original: renumber them")]


def test_paragraph_left_in_the_original_language_is_paired_and_reported(clean: Path, tmp_path: Path) -> None:
    """The English article 12 pasted into the Chinese version stays paired with its
    original (its words are the original's) and is reported as untranslated, once."""
    report = tmp_path / "udhr"
    report.mkdir()
    for f in clean.iterdir():
        (report / f.name).write_bytes(f.read_bytes())
    english = re.search(r"^12\. (.*)$", (report / "en.md").read_text(encoding="utf-8"), re.M).group(1)
    zh = report / "zh.md"
    zh.write_text(re.sub(r"^12\. .*$", lambda _: "12. " + english, zh.read_text(encoding="utf-8"), flags=re.M),
                  encoding="utf-8")
    result = align_report(pipeline.load(report).report)
    errors = [(f.check, f.paragraph) for f in result.findings
              if f.lang == "zh" and f.severity == "error" and f.check != "unnumbered-mismatch"]
    assert errors == [("untranslated", "12")]
