"""``reportgen diff OLD_DIR NEW_DIR``: the new draft with every change from the old
one as a Word tracked change (INTERFACE §3.6), in all six languages of the example.

The old draft is the example with two footnotes; the new one has a new date of
issue, changes a word (a character in Chinese and Arabic), adds a sentence, inserts
a paragraph after paragraph 4 (so later paragraphs renumber), deletes the old
paragraph 9 with its footnote, changes the other footnote's text and adds one. Accepting every revision
(``tests/support/revisions.py``, written from the specification, not from the
writer) must give exactly the new draft's build, rejecting every one the old's.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from tests.render.typeset import typed
from tests.support.docx_read import NS, Docx, _q
from tests.support.revisions import applied, built, revisions

LANGS = ("ar", "en", "es", "fr", "ru", "zh")

#: (old, new) in paragraph 1: a word in word-diffed languages, one character in the others.
CHANGED = {
    "en": ("latest", "recent"),
    "es": ("novedades", "noticias"),
    "fr": ("représentant", "délégué"),
    "ru": ("Представитель", "Сотрудник"),
    "zh": ("一名代表", "一位代表"),
    "ar": ("ممثل للأمانة", "ممثل الأمانة"),
}
SENTENCE = {
    "en": " The meeting took note of the information.",
    "es": " La Reunión tomó nota de la información.",
    "fr": " La Réunion a pris note de ces informations.",
    "ru": " Совещание приняло эту информацию к сведению.",
    "zh": "会议注意到了这一信息。",
    "ar": " وأحاط الاجتماع علما بهذه المعلومات.",
}
INSERTED = {
    "en": "The Chair thanked the Secretariat for its presentation and invited delegations to comment.",
    "es": "La Presidencia agradeció a la Secretaría su exposición e invitó a las delegaciones a formular observaciones.",
    "fr": "La présidence a remercié le Secrétariat de son exposé et invité les délégations à formuler des observations.",
    "ru": "Председатель поблагодарил Секретариат за выступление и предложил делегациям высказать замечания.",
    "zh": "主席感谢秘书处的介绍，并请各代表团发表意见。",
    "ar": "وشكر الرئيس الأمانة على عرضها ودعا الوفود إلى إبداء تعليقاتها.",
}
NOTE_OLD = "See the note by the Secretariat (CAC/COSP/EG.1/2021/2)."
NOTE_NEW = "See the progress report of the Secretariat (CAC/COSP/EG.1/2021/2), chapter II."


def _paragraphs(text: str) -> dict[int, int]:
    """Paragraph number -> index of its line."""
    return {int(m.group(1)): i for i, line in enumerate(text.split("\n")) if (m := re.match(r"(\d+)\. ", line))}


def _note(lines: list[str], at: int, name: str, body: str) -> None:
    lines[at] += f"[^{name}]"
    lines.append(f"\n[^{name}]: {body}")


def old_draft(dest: Path) -> Path:
    """The example with footnotes on paragraphs 3 and 9."""
    shutil.copytree(EXAMPLE, dest)
    for code in LANGS:
        path = dest / f"{code}.md"
        lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
        at = _paragraphs("\n".join(lines))
        _note(lines, at[3], "a", NOTE_OLD)
        _note(lines, at[9], "c", "A footnote of a paragraph deleted later.")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dest


def new_draft(old: Path, dest: Path) -> Path:
    shutil.copytree(old, dest)
    for code in LANGS:
        path = dest / f"{code}.md"
        lines = path.read_text(encoding="utf-8").split("\n")
        at = _paragraphs("\n".join(lines))
        before, after = CHANGED[code]
        assert before in lines[at[1]]
        lines[at[1]] = lines[at[1]].replace(before, after, 1)
        lines[at[2]] += SENTENCE[code]
        lines[at[6]] += "[^b]"
        lines[at[9]] = None  # deleted, with its footnote [^c]
        lines[at[9] + 1] = None
        lines = [line for line in lines if line is not None and not line.lstrip("\n").startswith("[^c]:")]
        text = "\n".join(lines).replace(NOTE_OLD, NOTE_NEW) + "\n[^b]: A footnote added.\n"
        text = text.replace("\ndate: 2021-09-07\n", "\ndate: 2021-09-14\n", 1)  # a new date of issue
        text = text.replace("\n5. ", f"\n5. {INSERTED[code]}\n\n5. ", 1)
        number = iter(range(1, 100))
        text = re.sub(r"(?m)^\d+\. ", lambda _: f"{next(number)}. ", text)
        path.write_text(text, encoding="utf-8")
    return dest


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both drafts, their builds and the diff, made once for the module."""
    from reportgen import pipeline
    from tests.support.ooxml_schema import check_docx

    root = tmp_path_factory.mktemp("diff")
    old = old_draft(root / "old" / "report")
    new = new_draft(old, root / "new" / "report")
    out = {"old": old, "new": new}
    for name, folder in (("old", old), ("new", new)):
        loaded = pipeline.load(folder)
        assert loaded.errors == [], loaded.errors
        for b in pipeline.write_all(loaded, pipeline.render_all(loaded), root / f"build-{name}"):
            out[f"{name}-{b.lang}"] = b.path
    from reportgen.cli import main
    main(["diff", str(old), str(new), "-o", str(root / "diff")])  # returns on success
    for code in LANGS:
        out[f"diff-{code}"] = root / "diff" / f"{code}.docx"
        check_docx(out[f"diff-{code}"])
    return out


@pytest.mark.parametrize("code", LANGS)
def test_accept_all_gives_the_new_build(drafts: dict[str, Path], code: str) -> None:
    body, notes = applied(drafts[f"diff-{code}"], "accept")
    want_body, want_notes = built(drafts[f"new-{code}"])
    assert body == want_body
    assert notes == want_notes
    assert len(notes) == 2 and NOTE_NEW in typed(notes[0])


@pytest.mark.parametrize("code", LANGS)
def test_reject_all_gives_the_old_build(drafts: dict[str, Path], code: str) -> None:
    body, notes = applied(drafts[f"diff-{code}"], "reject")
    want_body, want_notes = built(drafts[f"old-{code}"])
    assert body == want_body
    assert notes == want_notes
    assert len(notes) == 2 and NOTE_OLD in typed(notes[0])


@pytest.mark.parametrize("code", LANGS)
def test_revisions_are_signed_and_dated(drafts: dict[str, Path], code: str) -> None:
    ids = []
    for part in ("word/document.xml", "word/footnotes.xml"):
        root = Docx(drafts[f"diff-{code}"]).xml(part)
        for node in root.iter(_q("w:ins"), _q("w:del")):
            assert node.get(_q("w:author")) == "reportgen"
            assert node.get(_q("w:date")) == "2021-09-14T00:00:00Z"  # the new draft's date of issue
            ids.append(node.get(_q("w:id")))
    assert len(ids) == len(set(ids)) > 10


def _paragraph_starting(path: Path, text: str):
    body = Docx(path).xml("word/document.xml").find("w:body", NS)
    found = [p for p in body.findall("w:p", NS) if Docx.text_of(p).split("\t", 1)[-1].startswith(text)]
    assert len(found) == 1, text
    return found[0]


def _changes(p) -> list[tuple[str, str]]:
    return [(etree_name(n), "".join(t.text or "" for t in n.iter(_q("w:t"), _q("w:delText"))))
            for n in p.iter(_q("w:ins"), _q("w:del")) if n.getparent().tag != _q("w:rPr")]


def etree_name(node) -> str:
    return node.tag.rsplit("}", 1)[-1]


def test_a_changed_word_is_one_deletion_and_one_insertion_in_english(drafts: dict[str, Path]) -> None:
    p = _paragraph_starting(drafts["diff-en"], "A representative of the Secretariat")
    assert _changes(p) == [("del", "latest"), ("ins", "recent")]


def test_the_masthead_tracks_the_new_date_of_issue(drafts: dict[str, Path]) -> None:
    table = Docx(drafts["diff-en"]).xml("word/document.xml").find("w:body/w:tbl", NS)
    assert _changes(table) == [("del", "7"), ("ins", "14")]


def test_a_changed_character_is_one_character_in_chinese(drafts: dict[str, Path]) -> None:
    p = _paragraph_starting(drafts["diff-zh"], "秘书处的")
    assert _changes(p) == [("del", "名"), ("ins", "位")]


@pytest.mark.parametrize("code", LANGS)
def test_a_renumbered_paragraph_has_only_its_number_tracked(drafts: dict[str, Path], code: str) -> None:
    """Old paragraph 5 is the new 6: the number changes, its text does not."""
    old5 = built(drafts[f"old-{code}"])[0]
    text = next(t for _, t in old5 if re.match(r"5\D", t)).split("\t", 1)[1]
    p = _paragraph_starting(drafts[f"diff-{code}"], text[:40])
    assert _changes(p) == [("del", "5"), ("ins", "6")]


@pytest.mark.parametrize("code", LANGS)
def test_inserted_and_deleted_paragraphs_are_whole(drafts: dict[str, Path], code: str) -> None:
    inserted = _paragraph_starting(drafts[f"diff-{code}"], INSERTED[code][:20])
    assert inserted.find("w:pPr/w:rPr/w:ins", NS) is not None
    assert all(n.getparent().tag == _q("w:ins") or n.getparent().getparent().tag == _q("w:ins")
               for n in inserted.iter(_q("w:t")))
    old9 = next(t for _, t in built(drafts[f"old-{code}"])[0] if re.match(r"9\D", t))
    body = Docx(drafts[f"diff-{code}"]).xml("word/document.xml").find("w:body", NS)
    deleted = [p for p in body.findall("w:p", NS) if p.find("w:pPr/w:rPr/w:del", NS) is not None]
    assert len(deleted) == 1
    assert deleted[0].find(".//w:t", NS) is None
    assert "".join(t.text if t.tag == _q("w:delText") else "\t"
                   for t in deleted[0].iter(_q("w:delText"), _q("w:tab"))) == old9


def test_changed_footnote_text_is_tracked_in_the_footnote(drafts: dict[str, Path]) -> None:
    changes = revisions(drafts["diff-en"], "word/footnotes.xml")
    # "the note by" -> "the progress report of": a rewritten phrase is one deletion and
    # one insertion (spaces alone do not anchor a match)
    assert changes == [("del", "note by"), ("ins", "progress report of"), ("ins", ", chapter II"),
                       ("ins", "A footnote added."), ("del", "A footnote of a paragraph deleted later.")]


@pytest.mark.parametrize("name", ("example", "minimal", "continuing"))
def test_unchanged_drafts_give_exactly_the_build(cli, tmp_path: Path, name: str) -> None:
    """No revision at all: the very bytes ``reportgen build`` writes (footnotes, links,
    references and bookmarks numbered as the build numbers them)."""
    from tests.conftest import FIXTURES

    folder = EXAMPLE if name == "example" else FIXTURES / name
    result = cli("diff", folder, folder, "-o", tmp_path / "same")
    assert result.code == 0, result.err
    codes = sorted(p.stem for p in folder.glob("*.md"))
    assert sorted(result.out.split()) == [str(tmp_path / "same" / f"{c}.docx") for c in codes]
    assert cli("build", folder, "-o", tmp_path / "build").code == 0
    for code in codes:
        path = tmp_path / "same" / f"{code}.docx"
        assert revisions(path) == [] and revisions(path, "word/footnotes.xml") == []
        assert path.read_bytes() == (tmp_path / "build" / f"{code}.docx").read_bytes()


def test_the_same_drafts_give_the_same_bytes(drafts: dict[str, Path], cli, tmp_path: Path) -> None:
    result = cli("diff", drafts["old"], drafts["new"], "-o", tmp_path / "again")
    assert result.code == 0, result.err
    for code in LANGS:
        assert (tmp_path / "again" / f"{code}.docx").read_bytes() == drafts[f"diff-{code}"].read_bytes()


def test_default_output_folder_is_named_after_the_new_draft(drafts, cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("diff", drafts["old"], drafts["new"])
    assert result.code == 0, result.err
    assert result.out.split() == [f"build/report-diff/{c}.docx" for c in LANGS]


def test_a_missing_folder_is_one_line_and_nothing_is_written(cli, tmp_path: Path) -> None:
    result = cli("diff", tmp_path / "nope", EXAMPLE, "-o", tmp_path / "out")
    assert result.code == 2
    assert result.err.splitlines() == [
        f"{tmp_path / 'nope'}: not a report folder (expected a directory holding en.md, zh.md, ...)"]
    assert not (tmp_path / "out").exists()


def test_both_folders_missing_are_both_reported(cli, tmp_path: Path) -> None:
    result = cli("diff", tmp_path / "a", tmp_path / "b")
    assert result.code == 2
    assert result.err.splitlines() == [
        f"{tmp_path / p}: not a report folder (expected a directory holding en.md, zh.md, ...)" for p in "ab"]


def test_a_version_in_one_draft_only_is_skipped_with_a_warning(cli, tmp_path: Path) -> None:
    old = tmp_path / "old"
    shutil.copytree(EXAMPLE, old)
    (old / "ru.md").unlink()
    result = cli("diff", old, EXAMPLE, "-o", tmp_path / "out")
    assert result.code == 0, result.err
    assert result.err.splitlines() == [f"{EXAMPLE / 'ru.md'}: warning: no ru version in {old}: not compared"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"{c}.docx" for c in LANGS if c != "ru"]


def test_no_version_in_common_is_an_error(cli, tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir(), new.mkdir()
    shutil.copy(EXAMPLE / "en.md", old / "en.md")
    shutil.copy(EXAMPLE / "fr.md", new / "fr.md")
    result = cli("diff", old, new, "-o", tmp_path / "out")
    assert result.code == 2
    assert result.err.splitlines()[-1] == f"{new}: no language version in common with {old}: nothing to compare"
    assert not (tmp_path / "out").exists()


def test_an_error_in_a_draft_writes_nothing(cli, tmp_path: Path) -> None:
    new = tmp_path / "new"
    shutil.copytree(EXAMPLE, new)
    text = (new / "en.md").read_text(encoding="utf-8")
    (new / "en.md").write_text(text.replace("\n2. ", "\n4. ", 1), encoding="utf-8")
    result = cli("diff", EXAMPLE, new, "-o", tmp_path / "out")
    assert result.code == 2
    assert result.err.splitlines()[0].startswith(f"{new / 'en.md'}:21: ")
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ real consumers


def _both(path: Path) -> list[str]:
    """Each body paragraph with deleted and inserted text alike, footnote references as
    their numbers in document order: what LibreOffice's text export gives of a document
    whose changes are shown (deleted paragraphs are still paragraphs)."""
    body = Docx(path).xml("word/document.xml").find("w:body", NS)
    out, notes = [], 0
    for p in body.findall("w:p", NS):
        text = []
        for node in p.iter(_q("w:t"), _q("w:delText"), _q("w:tab"), _q("w:footnoteReference")):
            if node.tag == _q("w:tab"):
                text.append("\t")
            elif node.tag == _q("w:footnoteReference"):
                notes += 1
                text.append(str(notes))
            else:
                text.append(node.text or "")
        out.append("".join(text))
    return out


@pytest.mark.external
def test_open_xml_sdk_finds_nothing_in_the_diffs(drafts: dict[str, Path], cli, tmp_path: Path) -> None:
    """The six diffs, and those of two unrelated reports (masthead, footnotes with
    sub-items, every paragraph inserted or deleted)."""
    from tests.conftest import FIXTURES
    from tests.support.openxml_sdk import format_findings, sdk_findings_many

    assert cli("diff", EXAMPLE, FIXTURES / "minimal", "-o", tmp_path).code == 0
    paths = [drafts[f"diff-{code}"] for code in LANGS] + sorted(tmp_path.glob("*.docx"))
    findings = sdk_findings_many(paths)
    assert {p.name: format_findings(f) for p, f in findings.items() if f} == {}
    assert set(findings) == set(paths)


@pytest.mark.external
@pytest.mark.parametrize("code", ("en", "zh"))
def test_libreoffice_shows_the_changes(drafts: dict[str, Path], code: str, tmp_path: Path) -> None:
    """LibreOffice opens the diff with its changes shown: its text export holds the
    deleted and the inserted text side by side (``latestrecent``), deleted paragraphs
    included, and its PDF strikes the deletions through (page 1 kept as
    build/render/diff-<lang>-page1.png for people to look at)."""
    from tests.conftest import REPO
    from tests.support import tools
    from tests.support.office import FONTS_CONF, docx_to_pdf, pdf_text, render_page_png

    source = drafts[f"diff-{code}"]
    soffice = tools.require("soffice")
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / '.lo').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(tmp_path), str(source)],
                   capture_output=True, timeout=180, check=True,
                   env={**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)})
    lines = (tmp_path / f"{code}.txt").read_text(encoding="utf-8-sig").splitlines()
    both = _both(source)
    assert lines[-len(both):] == both
    shown = {"en": "introduced the latestrecent developments", "zh": "秘书处的一名位代表"}[code]
    assert sum(shown in line for line in lines) == 1

    pdf = docx_to_pdf(source, tmp_path)
    text = re.sub(r"\s+", "", pdf_text(pdf))
    assert re.sub(r"\s+", "", INSERTED[code]) in text
    render_page_png(pdf, 1, REPO / "build" / "render" / f"diff-{code}-page1.png", dpi=60)


# ------------------------------------------------------------------ formatting kept


def _one_version(folder: Path, body: str) -> Path:
    """An English-only report with the example's front matter and ``body``."""
    folder.mkdir(parents=True)
    head = (EXAMPLE / "en.md").read_text(encoding="utf-8").split("\n---\n", 1)[0]
    (folder / "en.md").write_text(head + "\n---\n\n" + body, encoding="utf-8")
    shutil.copy(EXAMPLE / "documents.yaml", folder / "documents.yaml")
    return folder


def test_emphasis_links_and_symbols_survive_and_are_diffed_inside_them(cli, tmp_path: Path) -> None:
    old = _one_version(tmp_path / "old", "# I. Opening\n\n1. The *Conference* adopted [the text](https://example.org/a) "
                                         "(CAC/COSP/EG.1/2021/2).\n\n2. Second paragraph.\n")
    new = _one_version(tmp_path / "new", "# I. Opening\n\n1. The *Conference* adopted [the final text](https://example.org/a) "
                                         "(CAC/COSP/EG.1/2021/3).\n\n2. Second **paragraph**.\n")
    assert cli("diff", old, new, "-o", tmp_path / "diff").code == 0
    for name, folder in (("old", old), ("new", new)):
        assert cli("build", folder, "-o", tmp_path / f"build-{name}").code == 0
    path = tmp_path / "diff" / "en.docx"
    assert applied(path, "accept") == built(tmp_path / "build-new" / "en.docx")
    assert applied(path, "reject") == built(tmp_path / "build-old" / "en.docx")
    body = Docx(path).xml("word/document.xml").find("w:body", NS)
    first, second = [p for p in body.findall("w:p", NS) if p.find("w:pPr/w:pStyle", NS).get(_q("w:val")) == "NumberedPara"]
    # the inserted word sits inside the link, which keeps its target; emphasis stays on "Conference"
    links = first.findall("w:hyperlink", NS)
    assert [etree_name(c) for c in links[0]] == ["r", "ins", "r"]
    assert Docx.text_of(links[0]) == "the final text"
    assert [r.find("w:t", NS).text for r in first.findall("w:r", NS) if r.find("w:rPr/w:i", NS) is not None] == [
        "Conference"]
    # a symbol changed is its link deleted and the new link inserted, each whole
    assert [(kind, typed(text)) for kind, text in _changes(first)] == [
        ("ins", "final "), ("del", "CAC/COSP/EG.1/2021/2"), ("ins", "CAC/COSP/EG.1/2021/3")]
    # bold added to a word: the plain word deleted, the bold one inserted
    assert _changes(second) == [("del", "paragraph"), ("ins", "paragraph")]
    assert second.find("w:ins/w:r/w:rPr/w:b", NS) is not None


def test_a_deleted_last_paragraph_leaves_an_empty_last_paragraph(cli, tmp_path: Path) -> None:
    """The document's last paragraph mark cannot be deleted (nothing follows to join):
    the diff ends with an empty paragraph, as Word does, so both ways read the same."""
    new = tmp_path / "new"
    shutil.copytree(EXAMPLE, new)
    text = (new / "en.md").read_text(encoding="utf-8")
    (new / "en.md").write_text(text[:text.index("\n12. ")] + "\n", encoding="utf-8")
    assert cli("diff", EXAMPLE, new, "-o", tmp_path / "diff").code == 0
    assert cli("build", new, "-o", tmp_path / "build-new", "--lang", "en").code == 0
    assert cli("build", EXAMPLE, "-o", tmp_path / "build-old", "--lang", "en").code == 0
    path = tmp_path / "diff" / "en.docx"
    empty = [("NumberedPara", "")]  # the closing paragraph takes the last one's properties
    assert applied(path, "accept")[0] == built(tmp_path / "build-new" / "en.docx")[0] + empty
    assert applied(path, "reject")[0] == built(tmp_path / "build-old" / "en.docx")[0] + empty
    assert _changes(Docx(path).xml("word/document.xml").find("w:body", NS).findall("w:p", NS)[-2])[0][0] == "del"


# ------------------------------------------------------------------ any two drafts


@pytest.mark.parametrize("old_name, new_name", [("minimal", "continuing"), ("continuing", "minimal"),
                                                ("example", "minimal"), ("continuing", "continuing-edited"),
                                                ("example", "example-reordered")])
def test_accept_and_reject_give_either_build_whatever_the_drafts(cli, tmp_path: Path, old_name: str,
                                                                 new_name: str) -> None:
    """Drafts with headings, labels and references (some only in the old draft),
    unnumbered paragraphs, nested sub-items, continued blocks and footnotes with
    sub-items, as far apart as two unrelated reports."""
    from tests.conftest import FIXTURES

    def folder(name: str) -> Path:
        if name == "example":
            return EXAMPLE
        if name == "example-reordered":
            return _reordered(EXAMPLE, tmp_path / name)
        if name != "continuing-edited":
            return FIXTURES / name
        edited = tmp_path / "continuing-edited"
        shutil.copytree(FIXTURES / "continuing", edited)
        text = (edited / "en.md").read_text(encoding="utf-8")
        for before, after in (("share information", "exchange information"), ("       (ii) on requests;\n", ""),
                              ("the first on timing", "the first on timing and cost"),
                              ("103. Speakers noted:", "103. Speakers *also* noted:"),
                              ("welcomed document", "welcomed @débats and document")):
            assert before in text
            text = text.replace(before, after, 1)
        (edited / "en.md").write_text(text, encoding="utf-8")
        return edited

    old, new = folder(old_name), folder(new_name)
    assert cli("diff", old, new, "-o", tmp_path / "diff").code == 0
    assert cli("build", old, "-o", tmp_path / "build-old").code == 0
    assert cli("build", new, "-o", tmp_path / "build-new").code == 0
    common = sorted(p.name for p in (tmp_path / "diff").iterdir())
    assert common and set(common) <= {f"{c}.docx" for c in LANGS}
    for name in common:
        path = tmp_path / "diff" / name
        for how, build in (("accept", "build-new"), ("reject", "build-old")):
            body, notes = built(tmp_path / build / name)
            assert applied(path, how) == (body + _closing(path), notes), (name, how)


def _reordered(source: Path, dest: Path) -> Path:
    """Paragraphs 3 and 4 exchanged, 10 and 11 merged, a section heading inserted
    before paragraph 6 and the chapter title changed, in every version."""
    shutil.copytree(source, dest)
    for path in dest.glob("*.md"):
        lines = path.read_text(encoding="utf-8").split("\n")
        at = _paragraphs("\n".join(lines))
        lines[at[3]], lines[at[4]] = lines[at[4]], lines[at[3]]
        lines[at[10]] += " " + lines[at[11]].split(". ", 1)[1]
        lines[at[11]] = lines[at[11] + 1] = None
        lines[at[6]] = "## A. Section\n\n" + lines[at[6]]
        chapter = next(i for i, line in enumerate(lines) if line and line.startswith("# "))
        lines[chapter] += " (revised)"
        text = "\n".join(line for line in lines if line is not None)
        number = iter(range(1, 100))
        path.write_text(re.sub(r"(?m)^\d+\. ", lambda _: f"{next(number)}. ", text), encoding="utf-8")
    return dest


def _closing(path: Path) -> list[tuple[str | None, str]]:
    """The empty paragraph that closes a diff whose last paragraph was inserted or
    deleted whole (a document's last paragraph mark cannot be), as (style, "")."""
    ps = Docx(path).xml("word/document.xml").find("w:body", NS).findall("w:p", NS)
    if ps[-2].find("w:pPr/w:rPr", NS) is None:
        return []
    assert Docx.text_of(ps[-1]) == "" and ps[-1].find("w:r", NS) is None
    return [(ps[-1].find("w:pPr/w:pStyle", NS).get(_q("w:val")), "")]


def test_a_revised_symbol_shows_in_the_masthead_as_a_tracked_insertion(cli, tmp_path: Path) -> None:
    """A revision's symbol ends with /Rev.1: the masthead prints it as written, the
    addition tracked; the running headers are the new draft's."""
    new = tmp_path / "new"
    shutil.copytree(EXAMPLE, new)
    for path in new.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("symbol: CAC/COSP/EG.1/2021/L.1/Add.1\n",
                                     "symbol: CAC/COSP/EG.1/2021/L.1/Add.1/Rev.1\n", 1), encoding="utf-8")
    result = cli("diff", EXAMPLE, new, "-o", tmp_path / "diff")
    assert result.code == 0, result.err
    for code in LANGS:
        docx = Docx(tmp_path / "diff" / f"{code}.docx")
        table = docx.xml("word/document.xml").find("w:body/w:tbl", NS)
        assert _changes(table) == [("ins", "/Rev.1")]
        assert docx.masthead_cells()[0][-1] == "CAC/COSP/EG.1/2021/L.1/Add.1/Rev.1"
        assert "CAC/COSP/EG.1/2021/L.1/Add.1/Rev.1" in docx.headers_footers()["header:default"]


def test_a_changed_title_and_a_moved_paragraph(cli, tmp_path: Path) -> None:
    """The chapter title changed is a change of its heading; paragraphs 3 and 4
    exchanged: one of them deleted where it was and inserted where it is, the other kept."""
    new = _reordered(EXAMPLE, tmp_path / "new")
    assert cli("diff", EXAMPLE, new, "-o", tmp_path / "diff").code == 0
    body = Docx(tmp_path / "diff" / "en.docx").xml("word/document.xml").find("w:body", NS)
    chapter = next(p for p in body.findall("w:p", NS) if p.find("w:pPr/w:pStyle", NS).get(_q("w:val")) == "HCh")
    assert _changes(chapter) == [("ins", " (revised)")]
    shown = lambda p: "".join(t.text or "" for t in p.iter(_q("w:t"), _q("w:delText")))  # noqa: E731
    moved = [p for p in body.findall("w:p", NS)
             if "The representative of the Secretariat also provided information" in shown(p)]
    assert [p.find("w:pPr/w:rPr", NS)[0].tag.rsplit("}", 1)[-1] for p in moved] == ["del", "ins"]
