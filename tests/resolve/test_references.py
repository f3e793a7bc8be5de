"""Labels and references: two passes, each language's wording, errors with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import model as m
from reportgen import pipeline
from reportgen.l10n import LANGUAGES
from reportgen.resolve import collect_targets, resolve_document
from reportgen.source.reader import read_document
from tests.support.docx_read import Docx

FRONT = """\
---
symbol: A/AC.9/2021/L.4
distribution: limited
date: 2021-09-07
language: {lang}
original: en
organ: Organ
title: Title
---
"""

# What a reader of each version must see (un-conventions.md, "References").
WORDING = {
    #     single          range                chapter           section
    "en": ("paragraph 3", "paragraphs 3–5",     "chapter II",     "section B"),
    "fr": ("paragraphe 3", "paragraphes 3 à 5", "chapitre II",    "section B"),
    "es": ("párrafo 3",   "párrafos 3 a 5",     "capítulo II",    "sección B"),
    "ru": ("пункт 3",     "пункты 3–5",         "глава II",       "раздел B"),
    "zh": ("第3段",        "第3至5段",            "第二章",          "B节"),
    "ar": ("الفقرة 3",     "الفقرات 3-5",         "الفصل الثاني",    "الفرع باء"),
}

BODY = """
# II. {{#two}} Chapter

## B. {{#bee}} Section

{first}. {{#target}} Target.

{second}. Middle.

{third}. {{#end}} End.

{fourth}. See @target; @target–@end; @two; @bee.[^n]

[^n]: Note on @end.
"""


def write_six(folder: Path, start: int) -> Path:
    numbers = dict(first=start, second=start + 1, third=start + 2, fourth=start + 3)
    for lang in LANGUAGES:
        (folder / f"{lang}.md").write_text(FRONT.format(lang=lang) + BODY.format(**numbers), encoding="utf-8")
    return folder


def refs_of(doc: m.Document) -> list[m.ResolvedRef]:
    out: list[m.ResolvedRef] = []

    def walk(items) -> None:
        for x in items:
            if isinstance(x, m.ResolvedRef):
                out.append(x)
            elif isinstance(x, m.Note):
                for b in x.blocks:
                    walk(b.content)
            elif hasattr(x, "content"):
                walk(x.content)

    for p in doc.paragraphs():
        for b in p.blocks:
            walk(b.content)
    return out


def test_wording_in_every_language(tmp_path: Path) -> None:
    assert sorted(WORDING) == sorted(LANGUAGES)
    loaded = pipeline.load(write_six(tmp_path, start=3))
    assert loaded.diagnostics == []
    for lang, doc in loaded.report.versions.items():
        single, rng, chapter, section = WORDING[lang]
        refs = refs_of(doc)
        assert [r.text for r in refs] == [single, rng, chapter, section, WORDING[lang][0].replace("3", "5")]
        assert [(r.kind, r.numbers) for r in refs] == [
            ("paragraph", (3,)), ("paragraph", (3, 5)), ("chapter", (2,)), ("section", (2,)), ("paragraph", (5,))]


def test_inserting_a_paragraph_renumbers_every_reference_in_every_language(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    before = pipeline.load(write_six(tmp_path / "a", 3))
    after_dir = tmp_path / "b"
    after_dir.mkdir()
    # The rapporteur inserts a paragraph before the labelled one and renumbers.
    for lang in LANGUAGES:
        text = FRONT.format(lang=lang) + BODY.format(first=4, second=5, third=6, fourth=7)
        text = text.replace("\n4. {#target}", "\n3. Inserted.\n\n4. {#target}")
        (after_dir / f"{lang}.md").write_text(text, encoding="utf-8")
    after = pipeline.load(after_dir)
    assert after.diagnostics == []
    for lang in LANGUAGES:
        old = [r.text for r in refs_of(before.report.versions[lang])]
        new = [r.text for r in refs_of(after.report.versions[lang])]
        assert old[0] == WORDING[lang][0] and new[0] == WORDING[lang][0].replace("3", "4")
        assert [r.numbers for r in refs_of(after.report.versions[lang])][:2] == [(4,), (4, 6)]
    # and in the DOCX: the text and an internal link to the paragraph's bookmark
    built = pipeline.write_all(after, pipeline.render_all(after), tmp_path / "out")
    for b in built:
        docx = Docx(b.path)
        links = docx.internal_links()
        assert links[0] == (WORDING[b.lang][0].replace("3", "4"), "_Ref_target")
        assert docx.bookmarks()["_Ref_target"].split("\t")[0] in ("4.", "4 -")
        assert docx.internal_links("word/footnotes.xml") == [(WORDING[b.lang][0].replace("3", "6"), "_Ref_end")]


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "en.md"
    path.write_text(FRONT.format(lang="en") + body, encoding="utf-8")
    return path


@pytest.mark.parametrize("body, line, message", [
    ("\n1. See @nowhere.\n", 11, "unknown label '@nowhere' (this file defines no labels)"),
    ("\n1. {#a} One.\n\n2. See @a and @b.\n", 13, "unknown label '@b' (labels here: a)"),
    ("\n1. {#a} One.\n\n2. {#a} Two.\n", 13, "duplicate label 'a': already defined at line 11"),
    ("\n1. {#a} One.\n\n2. {#b} Two @b–@a.\n", 13, "'@b–@a': the range must run forward (paragraph 2 to 1)"),
    ("\n# I. {#c} C\n\n1. {#a} One @c–@a.\n", 13, "'@c–@a': only paragraphs can form a range"),
    ("\n### {#h} Minor\n\n1. One.\n", 11, "label 'h' is on a heading without a number: only numbered chapters "
                                          "and sub-headings can be referred to"),
])
def test_reference_errors_name_file_and_line(tmp_path: Path, body: str, line: int, message: str) -> None:
    path = write(tmp_path, body)
    doc, diagnostics = read_document(path)
    _, found = resolve_document(doc)
    assert [str(d) for d in diagnostics + found] == [f"{path}:{line}: {message}"]


def test_unknown_label_fails_build_cleanly(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "\n1. One.\n\n2. As in @one.\n")
    result = cli("build", tmp_path, "-o", tmp_path / "out")
    assert (result.code, result.out) == (2, "")
    assert result.err == f"{path}:13: unknown label '@one' (this file defines no labels)\n"
    assert not (tmp_path / "out").exists()
    assert cli("check", tmp_path).code == 1


def test_email_addresses_and_chinese_text_touching_references(tmp_path: Path) -> None:
    path = tmp_path / "zh.md"
    path.write_text(FRONT.format(lang="zh") + "\n1. {#a} 联系info@unodc.org。\n\n2. 见@a和@a。\n", encoding="utf-8")
    doc, _ = read_document(path)
    resolved, found = resolve_document(doc)
    assert found == []
    texts = [[x.text for x in p.blocks[0].content] for p in resolved.paragraphs()]
    assert texts == [["联系info@unodc.org。"], ["见", "第1段", "和", "第1段", "。"]]


def test_collect_targets_kinds(tmp_path: Path) -> None:
    doc, _ = read_document(write_six(tmp_path, 3) / "en.md")
    targets, diagnostics = collect_targets(doc)
    assert diagnostics == []
    assert {k: (t.kind, t.number) for k, t in targets.items()} == {
        "two": ("chapter", 2), "bee": ("section", 2), "target": ("paragraph", 3), "end": ("paragraph", 5)}
