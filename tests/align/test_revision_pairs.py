"""``reportgen diff`` pairs the paragraphs equal in both drafts without preparing them
for the alignment (align/revisions._paragraph_pairs): only the changed ones are prepared
and aligned. The pairs must be those the alignment of the whole drafts gives (what diff
did before, computed here the old way), on a generated report and its later draft, on
the test drafts of tests/render/test_diff.py (a paragraph inserted, so every later one
renumbered; one deleted; words changed), and on a draft with two paragraphs swapped,
where the whole alignment decides which one moved."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from bench.generate import EDIT_EVERY, edit, generate
from reportgen import model as m
from reportgen.align import align_pair, prepare_version
from reportgen.align import revisions as rv
from reportgen.l10n import language
from reportgen.source.reader import read_document
from tests.conftest import EXAMPLE
from tests.render.test_diff import new_draft, old_draft

LANGS = ("ar", "en", "es", "fr", "ru", "zh")


def _doc(folder: Path, code: str) -> m.Document:
    doc, diagnostics = read_document(folder / f"{code}.md")
    assert doc is not None, diagnostics
    return doc


def _whole_alignment_pairs(old: m.Document, new: m.Document) -> list[tuple[int, int]]:
    """The pairs as diff made them before: both drafts prepared and aligned whole."""
    split = rv.TOKENS[language(new.meta.language).diff_tokens]
    op, np_ = prepare_version(old), prepare_version(new)
    old_at = [i for i, b in enumerate(old.blocks) if isinstance(b, (m.NumberedParagraph, m.Para))]
    new_at = [j for j, b in enumerate(new.blocks) if isinstance(b, (m.NumberedParagraph, m.Para))]
    out = []
    for link in align_pair(op, np_, ()).links:
        if link.moved or not link.original or not link.version:
            continue
        ratio, o, n = max((rv._similarity(op.version.segments[o].text, np_.version.segments[n].text, split), o, n)
                          for o in link.original for n in link.version)
        if ratio >= rv.MIN_SIMILARITY:
            out.append((old_at[o], new_at[n]))
    return sorted(out)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("gen")
    generate(root / "old", 60)
    edit(root / "old", root / "new")
    return root / "old", root / "new"


@pytest.mark.parametrize("code", LANGS)
def test_only_the_changed_paragraphs_are_prepared(generated: tuple[Path, Path], code: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    old, new = _doc(generated[0], code), _doc(generated[1], code)
    prepared: list[list[int]] = []

    def recording(doc: m.Document, **kw: bool) -> object:
        prepared.append([b.number for b in doc.blocks if isinstance(b, m.NumberedParagraph)])
        return prepare_version(doc, **kw)

    monkeypatch.setattr(rv, "prepare_version", recording)
    got = sorted(rv._paragraph_pairs(old, new, rv.TOKENS[language(code).diff_tokens]))
    edited = list(range(101, 161, EDIT_EVERY))  # bench.generate.edit: the 1st, 11th… paragraph
    assert prepared == [edited, edited]
    monkeypatch.undo()
    assert got == _whole_alignment_pairs(old, new)


@pytest.fixture(scope="module")
def test_drafts(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("drafts")
    old = old_draft(root / "old")
    return old, new_draft(old, root / "new")


@pytest.mark.parametrize("code", LANGS)
def test_the_pairs_of_the_whole_alignment_on_the_diff_tests_drafts(test_drafts: tuple[Path, Path], code: str) -> None:
    for a, b in (test_drafts, test_drafts[::-1]):
        old, new = _doc(a, code), _doc(b, code)
        assert sorted(rv._paragraph_pairs(old, new, rv.TOKENS[language(code).diff_tokens])) \
            == _whole_alignment_pairs(old, new)


@pytest.fixture(scope="module")
def swapped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with its third and seventh one-line numbered paragraphs swapped, renumbered."""
    dest = tmp_path_factory.mktemp("swapped") / "report"
    shutil.copytree(EXAMPLE, dest)
    for md in dest.glob("*.md"):
        parts = md.read_text(encoding="utf-8").split("\n\n")
        at = [i for i, p in enumerate(parts) if re.match(r"\d+\. ", p) and "\n" not in p]
        parts[at[2]], parts[at[6]] = parts[at[6]], parts[at[2]]
        text = "\n\n".join(parts)
        number = iter(range(int(re.search(r"(?m)^(\d+)\. ", text).group(1)), 1000))  # type: ignore[union-attr]
        md.write_text(re.sub(r"(?m)^\d+\. ", lambda _: f"{next(number)}. ", text), encoding="utf-8")
    return dest


@pytest.mark.parametrize("code", LANGS)
def test_a_moved_paragraph_is_the_whole_alignments_to_place(swapped: Path, code: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    old, new = _doc(EXAMPLE, code), _doc(swapped, code)
    want = _whole_alignment_pairs(old, new)
    sizes: list[int] = []

    def recording(doc: m.Document, **kw: bool) -> object:
        sizes.append(len(doc.blocks))
        return prepare_version(doc, **kw)

    monkeypatch.setattr(rv, "prepare_version", recording)
    assert sorted(rv._paragraph_pairs(old, new, rv.TOKENS[language(code).diff_tokens])) == want
    assert sizes == [len(old.blocks), len(new.blocks)]  # both drafts whole, as before


@pytest.mark.parametrize("code", LANGS)
def test_similar_is_the_threshold_on_the_ratio(code: str) -> None:
    """``_similar`` decides as ``_similarity >= MIN_SIMILARITY`` does, on the example's
    paragraphs against each other and against copies edited anywhere (start, end, middle,
    most of the text)."""
    text = (EXAMPLE / f"{code}.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    paragraphs = re.findall(r"(?m)^\d+\. (.*)$", text)
    split = rv.TOKENS[language(code).diff_tokens]
    rng = random.Random(code)
    cases = list(zip(paragraphs, paragraphs[1:]))
    for p in paragraphs:
        k = len(p)
        for cut in (k // 10, k // 2, 9 * k // 10, k - 3):
            cases += [(p, "New words " + p[cut:]), (p, p[:k - cut] + " new words"), (p, p[:cut // 2] + p[cut:])]
        cases.append((p, "".join(rng.sample(p, len(p)))))
    decided = [rv._similar(a, b, split) for a, b in cases]
    assert decided == [rv._similarity(a, b, split) >= rv.MIN_SIMILARITY for a, b in cases]
    assert True in decided and False in decided


def test_a_paragraph_edited_at_one_end_is_similar_without_comparing(monkeypatch: pytest.MonkeyPatch) -> None:
    split = rv.TOKENS["words"]
    text = "The Meeting took note of the report of the Secretariat on the work of the network."
    monkeypatch.setattr(rv.textdiff, "ratio", lambda a, b: pytest.fail("compared"))
    assert rv._similar(text, "In its opening statement, " + text, split)
    assert rv._similar(text, text[:-1] + " and welcomed it.", split)
