"""``reportgen import`` of Word files: our own DOCX round-trips, a Word file's automatic
list numbering becomes explicit numbers, and bad input is refused with nothing written."""

from __future__ import annotations

from pathlib import Path

import pypandoc
import pytest

from reportgen import model as m
from reportgen.source.reader import read_document
from tests.conftest import FIXTURES
from tests.support.docx_read import Docx

LANGS = ("ar", "en", "es", "fr", "ru", "zh")


def _texts(path: Path) -> dict[str, list[tuple[str | None, str]]]:
    """Every paragraph of every text part, with its style: what "the same text" means."""
    doc = Docx(path)
    parts = sorted(p for p in doc.parts if p.startswith("word/") and p.endswith(".xml")
                   and p.split("/")[-1].startswith(("document", "footnotes", "header", "footer")))
    return {part: [(p.style, p.text) for p in doc.paragraphs(part)] for part in parts}


def _build(cli, report: Path, out: Path) -> None:
    result = cli("build", str(report), "-o", str(out))
    assert (result.code, result.err) == (0, ""), result.err


@pytest.mark.parametrize("lang", LANGS)
def test_the_example_round_trips_build_import_build(cli, example_build, tmp_path: Path, lang: str) -> None:
    report = tmp_path / "report"
    result = cli("import", str(example_build[lang]), "--lang", lang, "-o", str(report))
    assert (result.code, result.out, result.err) == (0, f"{report / f'{lang}.md'}\n", "")
    _build(cli, report, tmp_path / "out")
    assert _texts(tmp_path / "out" / f"{lang}.docx") == _texts(example_build[lang])


@pytest.mark.parametrize("lang", ("en", "ar", "zh"))
def test_footnotes_sub_items_labels_and_references_round_trip(cli, tmp_path: Path, lang: str) -> None:
    """The small fixture has everything: chapters, sub-headings, an unnumbered paragraph,
    sub-items two levels deep with a continuation, footnotes, symbols, links and
    references by label (a range among them)."""
    _build(cli, FIXTURES / "minimal", tmp_path / "first")
    report = tmp_path / "report"
    result = cli("import", str(tmp_path / "first" / f"{lang}.docx"), "--lang", lang, "-o", str(report))
    assert (result.code, result.err) == (0, "")
    _build(cli, report, tmp_path / "second")
    assert _texts(tmp_path / "second" / f"{lang}.docx") == _texts(tmp_path / "first" / f"{lang}.docx")
    again, _ = read_document(report / f"{lang}.md")
    original, _ = read_document(FIXTURES / "minimal" / f"{lang}.md")
    assert again is not None and original is not None
    assert again.meta == original.meta
    refs = [x for x, _, _ in m.walk(again.blocks) if isinstance(x, m.Ref)]
    assert len(refs) == len([x for x, _, _ in m.walk(original.blocks) if isinstance(x, m.Ref)]) > 0


def test_word_list_numbering_becomes_explicit_numbers(cli, tmp_path: Path) -> None:
    """A Word file numbered by Word (pandoc writes real w:numPr list numbering)."""
    source = tmp_path / "draft.docx"
    pypandoc.convert_text(
        "Opening remarks.\n\n"
        "4.  The Committee met.\n\n"
        "5.  It considered:\n\n"
        "    (a) the note;\n\n"
        "    (b) the report.\n\n"
        "6.  It adopted the report.\n",
        "docx", format="markdown", outputfile=str(source))
    report = tmp_path / "report"
    result = cli("import", str(source), "--lang", "en", "-o", str(report), "--symbol", "A/AC.1/L.1")
    assert result.code == 0, result.err
    head, body = (report / "en.md").read_text(encoding="utf-8").split("---\n", 2)[1:]
    assert "title: Opening remarks.\n" in head  # before the first numbered paragraph: the masthead
    assert body == ("\n4. The Committee met.\n\n"
                    "5. It considered:\n\n"
                    "    (a) the note;\n\n"
                    "    (b) the report.\n\n"
                    "6. It adopted the report.\n")
    assert "no numbered paragraph" not in result.err


def test_missing_masthead_fields_become_placeholders_that_check_reports(cli, tmp_path: Path) -> None:
    source = tmp_path / "draft.docx"
    pypandoc.convert_text("1.  Text.\n", "docx", format="markdown", outputfile=str(source))
    report = tmp_path / "report"
    assert cli("import", str(source), "--lang", "fr", "-o", str(report)).code == 0
    head = (report / "fr.md").read_text(encoding="utf-8").split("---\n")[1]
    assert "symbol:  # import: not found in draft.docx; fill in\n" in head
    assert "language: fr\n" in head
    result = cli("check", str(report))
    assert result.code == 2
    assert f"{report / 'fr.md'}:2: front matter key 'symbol' is empty, but it is required" in result.err


@pytest.mark.parametrize("name, content, message", [
    ("missing.docx", None, "no such file"),
    ("broken.docx", b"not a zip", "not a Word (.docx) file: "),
    ("old.doc", b"\xd0\xcf\x11\xe0", "cannot read .doc files: save it as .docx (Word) first"),
    ("empty.txt", b" \n", "has no text (a scanned PDF?): nothing to import"),
    ("latin1.txt", b"1. ok\n2. caf\xe9\n", "is not UTF-8 text"),
])
def test_unusable_input_is_one_line_exit_2_and_nothing_written(cli, tmp_path: Path, name: str,
                                                               content: bytes | None, message: str) -> None:
    source = tmp_path / name
    if content is not None:
        source.write_bytes(content)
    report = tmp_path / "report"
    result = cli("import", str(source), "--lang", "en", "-o", str(report))
    assert result.code == 2 and result.out == ""
    where = f"{source}:2" if name == "latin1.txt" else f"{source}"
    assert result.err.startswith(f"{where}: {message}") and result.err.count("\n") == 1
    assert not report.exists()
    source.unlink(missing_ok=True)  # not a document: kept from the teardown's schema check


def test_an_existing_version_is_replaced_only_with_force(cli, example_build, tmp_path: Path) -> None:
    report = tmp_path / "report"
    report.mkdir()
    (report / "en.md").write_text("mine\n", encoding="utf-8")
    result = cli("import", str(example_build["en"]), "--lang", "en", "-o", str(report))
    assert (result.code, result.err) == (2, f"{report / 'en.md'}: exists; give --force to replace it\n")
    assert (report / "en.md").read_text(encoding="utf-8") == "mine\n"
    assert cli("import", str(example_build["en"]), "--lang", "en", "-o", str(report), "--force").code == 0
    assert (report / "en.md").read_text(encoding="utf-8").startswith("---\nsymbol: CAC/COSP/EG.1/2021/L.1/Add.1\n")


def test_a_bad_symbol_option_is_refused(cli, example_build, tmp_path: Path) -> None:
    result = cli("import", str(example_build["en"]), "--lang", "en", "-o", str(tmp_path / "r"), "--symbol", "nope")
    assert (result.code, result.err) == (2, f"{example_build['en']}: --symbol 'nope' is not a UN document symbol: "
                                                "write it as issued, e.g. A/AC.1/2024/L.1\n")


def test_what_has_no_place_in_the_source_is_named(cli, tmp_path: Path) -> None:
    """A secretariat's draft as Word writes one: Word's own heading style, typed numbers,
    a table, a bulleted item and a tracked deletion; each left-out part is a warning
    naming its paragraph, and the text around it is imported."""
    import docx
    from docx.oxml.ns import qn
    from lxml import etree

    draft = docx.Document()
    draft.add_paragraph("Draft report")
    draft.add_paragraph("I.\tOrganization of the session", style="Heading 1")
    draft.add_paragraph("1.\tThe session opened.")
    draft.add_table(rows=1, cols=2).cell(0, 0).text = "a cell"
    draft.add_paragraph("an item", style="List Bullet")
    p = draft.add_paragraph("2.\tThe session closed")
    deleted = etree.SubElement(p._p, qn("w:del"), {qn("w:id"): "1", qn("w:author"): "A", qn("w:date"): "2024-01-01T00:00:00Z"})
    run = etree.SubElement(deleted, qn("w:r"))
    etree.SubElement(run, qn("w:delText")).text = " early"
    p.add_run(".")
    # python-docx's default template leaves w:zoom without its required w:percent
    draft.settings.element.find(qn("w:zoom")).set(qn("w:percent"), "100")
    source = tmp_path / "draft.docx"
    draft.save(str(source))
    report = tmp_path / "report"
    result = cli("import", str(source), "--lang", "en", "-o", str(report), "--symbol", "A/AC.1/L.1")
    assert (result.code, result.out) == (0, f"{report / 'en.md'}\n")
    assert result.err.splitlines() == [
        f"{source}: warning: paragraph 4: a table is not imported (the source format has no tables); its text is left out",
        f"{source}: warning: paragraph 5: a bulleted paragraph is imported as an unnumbered paragraph "
        "(the source format has no bullets)",
        f"{source}: warning: paragraph 6: tracked changes: the text is imported as if they were accepted",
    ]
    body = (report / "en.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert body == ("\n# I. Organization of the session\n\n1. The session opened.\n\nan item\n\n"
                    "2. The session closed.\n")
