"""Structure by markers, read back from the DOCX: a report continuing at paragraph
101, with sub-items indented four spaces and by a tab, an (i) item indented seven
spaces, a continuation block indented three, a footnote holding sub-items, a
Unicode label and an author's comment — in all six languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.support.docx_read import Docx

REPORT = FIXTURES / "continuing"
LANGS = ("ar", "en", "es", "fr", "ru", "zh")

# Styles of the body after the masthead block, the same in every language.
STYLES = ["HCh", "NumberedPara", "NumberedPara", "SubItem1", "SubItem1", "SubItem2", "SubItem2", "SubItem1",
          "NumberedPara", "SubItem1", "SubItem1", "NumberedPara", "NumberedPara", "NumberedPara", "SubItem1",
          "ParaContinued"]

EN = [
    "III.\tDebate on the agenda item",
    "101.\tThe Chair opened the debate.",
    "102.\tThe meeting recommended that States parties:",
    "(a)\tstrengthen cooperation;",
    "(b)\tshare information, in particular:",
    "(i)\ton assets;",
    "(ii)\ton requests;",
    "(c)\treport on progress.",
    "103.\tSpeakers noted:",
    "(a)\tthe role of networks;",
    "(b)\tthe value of training.",
    # the symbol kept on one line: a word joiner after each "/" (render/docx/typography.py)
    "104.\tSeveral speakers, as described in chapter III, welcomed document CAC/\u2060COSP/\u2060EG.1/\u20602021/\u20602.",
    "105.\tThe meeting concluded as set out in paragraph 104.",
    "106.\tThe Secretariat took note:",
    "(a)\tof the statements made;",
    "The Secretariat will report at the next session.",
]

# The leading marker of each body paragraph per language, written from the UN
# conventions (not from the language data files).
MARKERS = {
    "en": ["III.", "101.", "102.", "(a)", "(b)", "(i)", "(ii)", "(c)", "103.", "(a)", "(b)", "104.", "105.", "106.", "(a)"],
    "fr": ["III.", "101.", "102.", "a)", "b)", "i)", "ii)", "c)", "103.", "a)", "b)", "104.", "105.", "106.", "a)"],
    "es": ["III.", "101.", "102.", "a)", "b)", "i)", "ii)", "c)", "103.", "a)", "b)", "104.", "105.", "106.", "a)"],
    "ru": ["III.", "101.", "102.", "a)", "b)", "i)", "ii)", "c)", "103.", "a)", "b)", "104.", "105.", "106.", "a)"],
    "zh": ["三.", "101.", "102.", "(a)", "(b)", "(i)", "(ii)", "(c)", "103.", "(a)", "(b)", "104.", "105.", "106.", "(a)"],
    "ar": ["ثالثا -", "101 -", "102 -", "(أ)", "(ب)", "’1‘", "’2‘", "(ج)", "103 -", "(أ)", "(ب)", "104 -", "105 -",
           "106 -", "(أ)"],
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Docx]:
    from reportgen.cli import main
    from tests.support.ooxml_schema import check_docx

    out = tmp_path_factory.mktemp("continuing")
    try:
        main(["build", str(REPORT), "-o", str(out)])
    except SystemExit as exit_:  # main() returns on success, exits otherwise
        assert exit_.code in (0, None)
    for lang in LANGS:
        check_docx(out / f"{lang}.docx")
    return {lang: Docx(out / f"{lang}.docx") for lang in LANGS}


def _body(doc: Docx) -> list:
    paras = doc.body_paragraphs()
    start = next(i for i, p in enumerate(paras) if p.style == "HCh")
    return paras[start:]


def test_english_text_and_structure(built: dict[str, Docx]) -> None:
    body = _body(built["en"])
    assert [p.text for p in body] == EN
    assert [p.style for p in body] == STYLES


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_has_the_same_structure_and_its_own_markers(built: dict[str, Docx], lang: str) -> None:
    body = _body(built[lang])
    assert [p.style for p in body] == STYLES
    assert [p.text.split("\t")[0] for p in body[:-1]] == MARKERS[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_footnote_keeps_its_sub_items(built: dict[str, Docx], lang: str) -> None:
    (text,) = built[lang].footnotes().values()
    lines = text.split("\n")
    assert len(lines) == 3
    assert [line.split("\t")[0] for line in lines[1:]] == MARKERS[lang][3:5]
    styles = [p.style for p in built[lang].paragraphs("word/footnotes.xml") if p.style]
    assert styles == ["FootnoteText", "FootnoteItem1", "FootnoteItem1"]


@pytest.mark.parametrize("lang", LANGS)
def test_unicode_label_resolves_and_comment_is_not_printed(built: dict[str, Docx], lang: str) -> None:
    doc = built[lang]
    texts = "\n".join(p.text for p in doc.paragraphs())
    assert "@" not in texts and "{#" not in texts and "<!--" not in texts and "check paragraph" not in texts
    assert [name for name, _ in doc.internal_links()] != []


def test_comment_is_listed_by_check(cli) -> None:
    result = cli("check", REPORT)
    assert result.code == 0
    assert f"{REPORT / 'en.md'}:32: info: comment: check paragraph 105 against the French" in result.err.splitlines()


def test_sources_are_unchanged_by_a_build(tmp_path: Path, cli) -> None:
    before = {p.name: p.read_bytes() for p in REPORT.iterdir()}
    assert cli("build", REPORT, "-o", tmp_path / "out").code == 0
    assert {p.name: p.read_bytes() for p in REPORT.iterdir()} == before
