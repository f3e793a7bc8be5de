"""Emphasis never slants the scripts a language sets upright (``upright_scripts`` in its
data file: Han in Chinese, where a title is marked with 《》): those characters are runs
without ``w:i``, the rest of the emphasis keeps its italics, the model keeps the Emph.
Read back from the DOCX that ``build``, ``diff`` and ``review`` write."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.docx_read import NS, Docx, _q

HEAD = ("---\nsymbol: A/AC.1/2024/L.1\ndistribution: limited\ndate: 2024-03-01\nlanguage: {lang}\n"
        "original: {original}\norgan: Committee\ntitle: Draft report\n---\n\n")

Run = tuple[str, bool, bool]  # text, italic (w:i), bold (w:b)


def _write(folder: Path, lang: str, body: str, original: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{lang}.md"
    path.write_text(HEAD.format(lang=lang, original=original or lang) + body, encoding="utf-8")
    return path


def runs(docx: Path, containing: str, part: str = "word/document.xml") -> list[Run]:
    """The runs of the first paragraph whose text holds ``containing``."""
    doc = Docx(docx)
    for p in doc.xml(part).iter(_q("w:p")):
        if containing in doc.text_of(p):
            out = []
            for r in p.iter(_q("w:r")):
                text = "".join(t.text or "" for t in r.findall("w:t", NS)) + "".join(
                    t.text or "" for t in r.findall("w:delText", NS))
                if text:
                    out.append((text, r.find("w:rPr/w:i", NS) is not None, r.find("w:rPr/w:b", NS) is not None))
            return out
    raise AssertionError(f"no paragraph holds {containing!r}")


def _build(cli, tmp_path: Path, lang: str, body: str) -> Path:
    source = _write(tmp_path / "r", lang, body)
    result = cli("build", source.parent, "-o", tmp_path / "out")
    assert (result.code, result.err) == (0, "")
    return tmp_path / "out" / f"{lang}.docx"


# (language, body, a text of the paragraph, its runs from the first emphasised one)
CASES: dict[str, tuple[str, str, str, list[Run]]] = {
    "zh a title in 《》": ("zh", "1. 秘书处提请注意出版的*《追回资产案件摘要》*。\n", "秘书处", [
        ("秘书处提请注意出版的", False, False), ("《追回资产案件摘要》", False, False), ("。", False, False)]),
    "zh Latin inside keeps its italics": ("zh", "1. 见*《Digest》摘要 2015*。\n", "摘要", [
        ("见", False, False), ("《", False, False), ("Digest", True, False), ("》摘要", False, False),
        (" 2015", True, False), ("。", False, False)]),
    "zh bold stays bold": ("zh", "1. 这是***重要***的。\n", "重要", [
        ("这是", False, False), ("重要", False, True), ("的。", False, False)]),
    "zh a symbol inside emphasis": ("zh", "1. *见A/RES/75/1号决议*。\n", "决议", [
        ("见", False, False), ("A/\u2060RES/\u206075/\u20601", True, False), ("号决议", False, False), ("。", False, False)]),
    "en italics": ("en", "1. The *Digest of Asset Recovery Cases* was published.\n", "Digest", [
        ("The ", False, False), ("Digest of Asset Recovery Cases", True, False), (" was published.", False, False)]),
    "fr italics": ("fr", "1. Le *Recueil d’affaires* a été publié.\n", "Recueil", [
        ("Le ", False, False), ("Recueil d’affaires", True, False), (" a été publié.", False, False)]),
    "ru italics": ("ru", "1. См. *Сборник дел*.\n", "Сборник", [
        ("См. ", False, False), ("Сборник дел", True, False), (".", False, False)]),
    "ar italics, Latin words a run of their own": ("ar", "1 - انظر *خلاصة قضايا GlobE*.\n", "خلاصة", [
        ("انظر ", False, False), ("خلاصة قضايا ", True, False), ("GlobE", True, False), (".", False, False)]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_emphasis_runs(cli, tmp_path: Path, case: str) -> None:
    lang, body, containing, expected = CASES[case]
    docx = _build(cli, tmp_path, lang, body)
    assert runs(docx, containing)[-len(expected):] == expected


def test_a_footnote_sets_han_upright_too(cli, tmp_path: Path) -> None:
    docx = _build(cli, tmp_path, "zh", "1. 案文。[^1]\n\n[^1]: 毒品和犯罪问题办公室，*《追回资产案件摘要》*（2015年，维也纳）。\n")
    assert runs(docx, "维也纳", "word/footnotes.xml")[-3:] == [
        ("毒品和犯罪问题办公室，", False, False), ("《追回资产案件摘要》", False, False), ("（2015年，维也纳）。", False, False)]
    assert Docx(docx).footnotes()["1"] == "毒品和犯罪问题办公室，《追回资产案件摘要》（2015年，维也纳）。"


def test_tracked_changes_set_han_upright(cli, tmp_path: Path) -> None:
    """``reportgen diff`` renders both drafts with the build's writer."""
    old = _write(tmp_path / "old", "zh", "1. 见*《摘要》*。\n")
    new = _write(tmp_path / "new", "zh", "1. 见*《追回资产案件摘要》*和*Digest*。\n")
    result = cli("diff", old.parent, new.parent, "-o", tmp_path / "out")
    assert result.code == 0, result.err
    got = runs(tmp_path / "out" / "zh.docx", "见")
    assert "".join(text for text, _, _ in got) == "1.见《追回资产案件摘要》和Digest。"
    assert [(text, italic) for text, italic, _ in got if italic] == [("Digest", True)]
    assert ("追回资产案件", False, False) in got  # the inserted words


def test_the_review_sets_han_upright(cli, tmp_path: Path) -> None:
    """``reportgen review`` sets each side in its own language's way."""
    folder = tmp_path / "r"
    _write(folder, "en", "1. The *Digest of Asset Recovery Cases* was published.\n", original="en")
    _write(folder, "zh", "1. 出版了*《追回资产案件摘要》*。\n", original="en")
    result = cli("review", folder, "--lang", "zh", "-o", tmp_path / "review.docx")
    assert result.code == 0, result.err
    assert ("《追回资产案件摘要》", False, False) in runs(tmp_path / "review.docx", "追回")
    assert ("Digest of Asset Recovery Cases", True, False) in runs(tmp_path / "review.docx", "Digest")
