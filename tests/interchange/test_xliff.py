"""``reportgen xliff export`` / ``import``: XLIFF 1.2 out of a report and back.

On the example report (English original, five translations), on UDHR en/fr/zh (English
original; skipped without ../shared) and on a small report with every inline code
(symbols, references, a range, footnotes with sub-items, a link, emphasis)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from translate.storage import factory

from reportgen import model as m
from reportgen.source.reader import read_document
from reportgen.render.markdown import write_document
from tests.align import udhr
from tests.support.model_compare import stripped

NS = "urn:oasis:names:tc:xliff:document:1.2"
X = f"{{{NS}}}"

FRONT = """---
symbol: A/AC.1/L.1
distribution: general
date: 2024-03-01
language: {lang}
original: en
organ: {organ}
title: {title}
agenda: {agenda}
---

"""

EN = FRONT.format(lang="en", organ="Committee", title="Draft report", agenda="Item 2") + """\
# I. {#ch-intro} Introduction

1. {#opening} The Committee met in *Vienna* and considered the note (A/AC.1/2) and @later.[^1]

2. {#later} It adopted the following, see @opening–@later and [the site](https://un.org):

    (a) first item, per A/AC.1/3;

        (i) a nested point.

    (b) second item.[^2]

    A closing block of paragraph 2.

[^1]: A note on **procedure**, see @opening.

[^2]: Another note:

    (a) with an item.
"""

FR = FRONT.format(lang="fr", organ="Comité", title="Projet de rapport", agenda="Point 2") + """\
# I. {#ch-intro} Introduction

1. {#opening} Le Comité s'est réuni à *Vienne* et a examiné la note (A/AC.1/2) et @later.[^1]

2. {#later} Il a adopté ce qui suit, voir @opening–@later et [le site](https://un.org/fr):

    (a) premier point, selon A/AC.1/3;

        (i) un point subsidiaire.

    (b) second point.[^2]

    Un dernier bloc du paragraphe 2.

[^1]: Une note sur la **procédure**, voir @opening.

[^2]: Une autre note :

    (a) avec un point.
"""


def read(path: Path) -> m.Document:
    doc, diagnostics = read_document(path)
    assert doc is not None, [str(d) for d in diagnostics]
    return doc



def export(cli, report: Path, lang: str, out: Path) -> Path:
    result = cli("xliff", "export", report, "--lang", lang, "-o", out)
    assert (result.code, result.err) == (0, ""), result.err
    assert result.out == f"{out}\n"
    return out


def units_of(path: Path) -> dict[str, etree._Element]:
    root = etree.parse(str(path)).getroot()
    return {tu.get("id"): tu for tu in root.iter(f"{X}trans-unit")}


def line_of(path: Path, uid: str) -> int:
    return units_of(path)[uid].sourceline


def edit(path: Path, uid: str, change) -> None:  # type: ignore[no-untyped-def]
    tree = etree.parse(str(path))
    tu = next(t for t in tree.getroot().iter(f"{X}trans-unit") if t.get("id") == uid)
    change(tu.find(f"{X}target"))
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


# ------------------------------------------------------------------ round trip


@pytest.mark.parametrize("lang", ["ar", "es", "fr", "ru", "zh"])
def test_example_round_trip_is_byte_identical(cli, report_copy, tmp_path: Path, lang: str) -> None:
    report = report_copy()
    before = (report / f"{lang}.md").read_bytes()
    xlf = export(cli, report, lang, tmp_path / f"en-{lang}.xlf")
    result = cli("xliff", "import", report, xlf)
    assert (result.code, result.err, result.out) == (0, "", f"{report / f'{lang}.md'}\n")
    assert (report / f"{lang}.md").read_bytes() == before


def test_small_report_round_trip(cli, small: Path, tmp_path: Path) -> None:
    original = read(small / "fr.md")
    # first in the writer's canonical form, so that the bytes can be compared too
    (small / "fr.md").write_text(write_document(original), encoding="utf-8")
    canonical = (small / "fr.md").read_bytes()
    xlf = export(cli, small, "fr", tmp_path / "en-fr.xlf")
    assert cli("xliff", "import", small, xlf).code == 0
    assert stripped(read(small / "fr.md")) == stripped(original)
    assert (small / "fr.md").read_bytes() == canonical


def _without_preamble_text(report: Path) -> None:
    """The UDHR's preamble is paragraphed differently in each language (English 10
    unnumbered paragraphs, French 9, Chinese 8): keep its heading, drop its text."""
    for path in report.glob("*.md"):
        lines = path.read_text(encoding="utf-8").split("\n")
        heading = next(i for i, line in enumerate(lines) if line.startswith("# "))
        first = next(i for i, line in enumerate(lines) if line.startswith("1. "))
        path.write_text("\n".join(lines[:heading + 2] + lines[first:]), encoding="utf-8")


@pytest.mark.parametrize("lang", ["fr", "zh"])
def test_udhr_round_trip(cli, tmp_path: Path, lang: str) -> None:
    udhr.require()
    report = udhr.write_udhr_report(tmp_path / "udhr")
    _without_preamble_text(report)
    existing = read(report / f"{lang}.md")
    xlf = export(cli, report, lang, tmp_path / f"en-{lang}.xlf")
    assert cli("xliff", "import", report, xlf).code == 0
    assert stripped(read(report / f"{lang}.md")) == stripped(existing)
    # now canonical: a second round trip keeps the bytes
    canonical = (report / f"{lang}.md").read_bytes()
    assert cli("xliff", "import", report, export(cli, report, lang, tmp_path / "again.xlf")).code == 0
    assert (report / f"{lang}.md").read_bytes() == canonical


@pytest.mark.parametrize(("lang", "missing"), [("fr", ["top.u7", "top.u8"]), ("zh", ["top.u8", "top.u9", "top.u10"])])
def test_udhr_preamble_paragraphed_differently_is_named(cli, tmp_path: Path, lang: str, missing: list[str]) -> None:
    """Units are the original's: the French preamble joins the English one's unnumbered
    paragraphs 7 and 8 into one, the Chinese 8, 9 and 10. Those units get no target (the
    alignment pairs them with no paragraph one to one), and the import names them."""
    udhr.require()
    report = udhr.write_udhr_report(tmp_path / "udhr")
    before = (report / f"{lang}.md").read_bytes()
    xlf = export(cli, report, lang, tmp_path / f"en-{lang}.xlf")
    result = cli("xliff", "import", report, xlf)
    assert result.code == 2
    assert result.err.splitlines() == [
        f"{xlf}:{line_of(xlf, uid)}: unit {uid}: the target is empty, and {lang}.md has no text for this unit"
        for uid in missing]
    assert (report / f"{lang}.md").read_bytes() == before


def test_udhr_unnumbered_paragraphs_are_paired_by_content_not_by_position(cli, tmp_path: Path) -> None:
    """After the French preamble's merge, position would pair "Now, therefore," with
    "L’Assemblée générale" and every later paragraph with the wrong text."""
    udhr.require()
    report = udhr.write_udhr_report(tmp_path / "udhr")
    xlf = export(cli, report, "fr", tmp_path / "en-fr.xlf")
    root = etree.parse(str(xlf)).getroot()
    targets = {tu.get("id"): "".join(tu.find(f"{X}target").itertext()) for tu in root.iter(f"{X}trans-unit")}
    assert targets["top.u6"].startswith("Considérant que les États Membres se sont engagés")
    assert targets["top.u7"] == targets["top.u8"] == ""
    assert targets["top.u9"] == "L’Assemblée générale"
    assert targets["top.u10"].startswith("Proclame la présente Déclaration universelle des droits de l’homme")


# ----------------------------------------------------------- what the file holds


def test_units_sources_targets_and_placeholders(cli, small: Path, tmp_path: Path) -> None:
    xlf = export(cli, small, "fr", tmp_path / "en-fr.xlf")
    root = etree.parse(str(xlf)).getroot()
    assert root.get("version") == "1.2"
    file = root.find(f"{X}file")
    assert (file.get("original"), file.get("source-language"), file.get("target-language")) == (
        "small/en.md", "en", "fr")
    units = units_of(xlf)
    # in document order, each footnote right after the unit that references it
    assert list(units) == ["meta.organ", "meta.title", "meta.agenda.1", "ch1", "p1", "p1.fn1", "p2",
                           "p2.a", "p2.a.i", "p2.b", "p2.b.fn1", "p2.b.fn1.a", "p2.2"]

    def inner(el: etree._Element) -> str:
        return etree.tostring(el, encoding="unicode", with_tail=False).split(">", 1)[1].rsplit("<", 1)[0]

    p1 = units["p1"]
    assert inner(p1.find(f"{X}source")) == (
        'The Committee met in <g id="g1" ctype="italic">Vienna</g> and considered the note '
        '(<x id="s1" ctype="x-symbol" equiv-text="A/AC.1/2"/>) and '
        '<x id="r1" ctype="x-reference" equiv-text="@later"/>.'
        '<x id="fn1" ctype="x-footnote" equiv-text="[p1.fn1]"/>')
    target = p1.find(f"{X}target")
    assert target.get("state") == "translated"
    assert inner(target) == (
        "Le Comité s'est réuni à <g id=\"g1\" ctype=\"italic\">Vienne</g> et a examiné la note "
        '(<x id="s1" ctype="x-symbol" equiv-text="A/AC.1/2"/>) et '
        '<x id="r1" ctype="x-reference" equiv-text="@later"/>.'
        '<x id="fn1" ctype="x-footnote" equiv-text="[p1.fn1]"/>')
    p2 = units["p2"]
    assert '<x id="r1" ctype="x-reference" equiv-text="@opening–@later"/>' in inner(p2.find(f"{X}source"))
    assert '<g id="l1" ctype="link">le site</g>' in inner(p2.find(f"{X}target"))
    notes = [n.text for n in p2.findall(f"{X}note")]
    assert notes == ["paragraph 2", "l1: https://un.org"]
    location = {c.get("context-type"): c.text for c in p2.iter(f"{X}context")}
    assert location == {"sourcefile": "en.md", "linenumber": "16"}
    assert [n.text for n in units["p2.b.fn1.a"].findall(f"{X}note")] == [
        "paragraph 2, sub-item (b), footnote 1, sub-item (a)"]


def test_translate_toolkit_reads_the_file_back(cli, small: Path, report_copy, tmp_path: Path) -> None:
    for report, lang in ((small, "fr"), (report_copy(), "zh")):
        xlf = export(cli, report, lang, tmp_path / f"{report.name}.xlf")
        store = factory.getobject(str(xlf))
        original = read(report / "en.md")
        # every heading and text block (footnotes included) is a unit, plus the front
        # matter's translatable fields: counted on the model, not by the exporter
        blocks = sum(isinstance(b, (m.Heading, m.Para)) for b in m.walk_blocks(original.blocks))
        meta = sum(getattr(original.meta, k) is not None for k in ("organ", "title", "subtitle", "meeting",
                                                                   "venue")) + len(original.meta.agenda)
        assert len(store.units) == blocks + meta
        assert all(u.istranslated() or u.target for u in store.units)


def test_ids_do_not_move_when_another_paragraph_changes(cli, small: Path, tmp_path: Path) -> None:
    first = units_of(export(cli, small, "fr", tmp_path / "a.xlf"))
    en = small / "en.md"
    en.write_text(en.read_text(encoding="utf-8").replace("A closing block of paragraph 2.",
                                                         "A longer closing block, rewritten."), encoding="utf-8")
    second = units_of(export(cli, small, "fr", tmp_path / "b.xlf"))
    assert list(second) == list(first)
    assert (tmp_path / "a.xlf").read_bytes() != (tmp_path / "b.xlf").read_bytes()
    # the same sources give the same bytes
    assert export(cli, small, "fr", tmp_path / "c.xlf").read_bytes() == (tmp_path / "b.xlf").read_bytes()


def test_a_language_without_a_version_gets_empty_new_targets(cli, small: Path, tmp_path: Path) -> None:
    xlf = export(cli, small, "zh", tmp_path / "en-zh.xlf")
    units = units_of(xlf)
    assert units
    for tu in units.values():
        target = tu.find(f"{X}target")
        assert (target.get("state"), target.text, len(target)) == ("new", None, 0)


def test_default_output_path_and_stdout(cli, small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("xliff", "export", small, "--lang", "fr")
    assert (result.code, result.out) == (0, "build/small/en-fr.xlf\n")
    to_stdout = cli("xliff", "export", small, "--lang", "fr", "-o", "-")
    assert to_stdout.out.encode("utf-8") == (tmp_path / "build/small/en-fr.xlf").read_bytes()


# ------------------------------------------------------------------ edited targets


def test_edited_targets_land_in_their_block_and_nowhere_else(cli, small: Path, tmp_path: Path) -> None:
    xlf = export(cli, small, "fr", tmp_path / "en-fr.xlf")
    before = (small / "fr.md").read_text(encoding="utf-8")

    def set_text(old: str, new: str):  # type: ignore[no-untyped-def]
        def change(target: etree._Element) -> None:
            for el in target.iter():
                if el.text and old in el.text:
                    el.text = el.text.replace(old, new)
                if el.tail and old in el.tail:
                    el.tail = el.tail.replace(old, new)
        return change

    edit(xlf, "p2.a", set_text("premier point", "tout premier point"))
    edit(xlf, "p2.b.fn1.a", set_text("avec un point", "avec un seul point"))
    edit(xlf, "meta.title", set_text("Projet de rapport", "Projet de rapport révisé"))
    assert cli("xliff", "import", small, xlf).code == 0
    after = (small / "fr.md").read_text(encoding="utf-8")
    expected = (before.replace("    (a) premier point", "    (a) tout premier point")
                .replace("    (a) avec un point.", "    (a) avec un seul point.")
                .replace("title: Projet de rapport", "title: Projet de rapport révisé"))
    assert after == expected


def test_formatting_may_differ_but_not_the_strict_placeholders(cli, small: Path, tmp_path: Path) -> None:
    xlf = export(cli, small, "fr", tmp_path / "en-fr.xlf")

    def unwrap_italic(target: etree._Element) -> None:
        g = target.find(f"{X}g")
        g.getparent().text = (g.getparent().text or "") + g.text + (g.tail or "")
        target.remove(g)

    edit(xlf, "p1", unwrap_italic)
    assert cli("xliff", "import", small, xlf).code == 0
    assert "1. {#opening} Le Comité s'est réuni à Vienne et" in (small / "fr.md").read_text(encoding="utf-8")


# ------------------------------------------------------------------ refusals


def _x(target: etree._Element, pid: str) -> etree._Element:
    return next(el for el in target.iter(f"{X}x") if el.get("id") == pid)


def _remove(pid: str):  # type: ignore[no-untyped-def]
    def change(target: etree._Element) -> None:
        el = _x(target, pid)
        parent, previous = el.getparent(), el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + (el.tail or "")
        else:
            parent.text = (parent.text or "") + (el.tail or "")
        parent.remove(el)
    return change


def _duplicate(pid: str):  # type: ignore[no-untyped-def]
    def change(target: etree._Element) -> None:
        el = _x(target, pid)
        copy = etree.fromstring(etree.tostring(el, with_tail=False))
        el.addnext(copy)
    return change


def _swap(a: str, b: str):  # type: ignore[no-untyped-def]
    def change(target: etree._Element) -> None:
        ea, eb = _x(target, a), _x(target, b)
        for attr in ("id", "ctype", "equiv-text"):
            va, vb = ea.get(attr), eb.get(attr)
            ea.set(attr, vb)
            eb.set(attr, va)
    return change


@pytest.mark.parametrize(("change", "message"), [
    (_remove("r1"), 'placeholder <x id="r1"/> (@later) is missing from the target'),
    (_duplicate("s1"), 'placeholder <x id="s1"/> (A/AC.1/2) appears 2 times in the target; it must appear once'),
    (_swap("s1", "r1"), "placeholders are not in the source's order: expected s1, r1, fn1; found r1, s1, fn1"),
    (_swap("r1", "fn1"), "placeholders are not in the source's order: expected s1, r1, fn1; found s1, fn1, r1"),
])
def test_a_broken_placeholder_is_refused_at_its_unit(cli, small: Path, tmp_path: Path, change, message: str) -> None:
    xlf = export(cli, small, "fr", tmp_path / "en-fr.xlf")
    edit(xlf, "p1", change)
    before = (small / "fr.md").read_bytes()
    result = cli("xliff", "import", small, xlf)
    assert (result.code, result.out) == (2, "")
    assert result.err == f"{xlf}:{line_of(xlf, 'p1')}: unit p1: {message}\n"
    assert (small / "fr.md").read_bytes() == before


def test_every_problem_is_reported_and_nothing_written(cli, small: Path, tmp_path: Path) -> None:
    (small / "fr.md").unlink()  # no existing version to fall back on
    xlf = export(cli, small, "fr", tmp_path / "en-fr.xlf")
    tree = etree.parse(str(xlf))
    body = tree.getroot().find(f"{X}file/{X}body")
    units = {tu.get("id"): tu for tu in body}
    body.remove(units["p2.2"])
    extra = etree.SubElement(body, f"{X}trans-unit", id="p99")
    etree.SubElement(extra, f"{X}source").text = "x"
    etree.SubElement(extra, f"{X}target").text = "y"
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    edit(xlf, "p1", lambda t: t.append(etree.fromstring(f'<x xmlns="{NS}" id="z9"/>')))
    result = cli("xliff", "import", small, xlf)
    assert (result.code, result.out) == (2, "")
    p1 = line_of(xlf, "p1")
    empty = [uid for uid in units_of(xlf) if uid not in ("p1", "p99")]
    expected = [f"{xlf}: unit p2.2: missing from this file, and fr.md has no text for this unit"]
    expected += [f"{xlf}:{line_of(xlf, uid)}: unit {uid}: the target is empty, and fr.md has no text for "
                 "this unit" for uid in empty if line_of(xlf, uid) < p1]
    expected += [f'{xlf}:{p1}: unit p1: unknown placeholder <x id="z9"/> (the source has s1, r1, fn1)']
    expected += [f'{xlf}:{p1}: unit p1: placeholder <x id="{pid}"/> ({shown}) is missing from the target'
                 for pid, shown in (("s1", "A/AC.1/2"), ("r1", "@later"), ("fn1", "footnote 1"))]
    expected += [f"{xlf}:{line_of(xlf, uid)}: unit {uid}: the target is empty, and fr.md has no text for "
                 "this unit" for uid in empty if line_of(xlf, uid) > p1]
    expected += [f"{xlf}:{line_of(xlf, 'p99')}: unit p99: no such unit in the original (en.md)"]
    assert result.err.splitlines() == expected
    assert not (small / "fr.md").exists()


@pytest.mark.parametrize(("content", "message"), [
    (b"<xliff version='1.2' xmlns='urn:oasis:names:tc:xliff:document:1.2'><file>",
     "1: not well-formed XML: Premature end of data in tag file line 1"),  # libxml2's words, kept whole
    (b"<xliff version='2.0' xmlns='urn:oasis:names:tc:xliff:document:2.0'/>",
     "1: not an XLIFF 1.2 file (root <xliff>, version '2.0'): export one with 'reportgen xliff export'"),
    (b"<html/>", "1: not an XLIFF 1.2 file (root <html>, version ''): export one with 'reportgen xliff export'"),
])
def test_a_file_that_is_not_xliff_1_2_is_refused(cli, small: Path, tmp_path: Path, content: bytes,
                                                  message: str) -> None:
    xlf = tmp_path / "bad.xlf"
    xlf.write_bytes(content)
    result = cli("xliff", "import", small, xlf)
    assert (result.code, result.err.split(f"{xlf}:", 1)[1].strip()) == (2, message.split("\n")[0])
    assert result.err.count("\n") == 1


@pytest.mark.parametrize(("attr", "value", "message"), [
    ("target-language", "de", "target-language 'de' is not one of: ar, en, es, fr, ru, zh"),
    ("target-language", "en", "target-language 'en' is the original language: nothing to import"),
    ("source-language", "fr", "source-language 'fr' is not this report's original language ('en')"),
    ("original", "other/en.md", "original 'other/en.md' is not this report's original (small/en.md)"),
])
def test_a_file_for_another_report_or_language_is_refused(cli, small: Path, tmp_path: Path, attr: str,
                                                          value: str, message: str) -> None:
    xlf = export(cli, small, "fr", tmp_path / "en-fr.xlf")
    tree = etree.parse(str(xlf))
    file = tree.getroot().find(f"{X}file")
    file.set(attr, value)
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    before = (small / "fr.md").read_bytes()
    result = cli("xliff", "import", small, xlf)
    assert (result.code, result.err) == (2, f"{xlf}:{file.sourceline}: {message}\n")
    assert (small / "fr.md").read_bytes() == before


def test_export_refusals(cli, small: Path, tmp_path: Path) -> None:
    original = cli("xliff", "export", small, "--lang", "en", "-o", tmp_path / "x.xlf")
    assert (original.code, original.err) == (
        2, f"{small}: 'en' is the original language of this report: export for one of its translations\n")
    missing = cli("xliff", "export", tmp_path / "nothere", "--lang", "fr")
    assert (missing.code, missing.err) == (
        2, f"{tmp_path / 'nothere'}: not a report folder (expected a directory holding en.md, zh.md, ...)\n")
    unknown = cli("xliff", "export", small, "--lang", "de")
    assert unknown.code == 2 and unknown.err.count("\n") == 1
    assert unknown.err.startswith("reportgen: Invalid value for '--lang': 'de' is not one of")
    assert not (tmp_path / "x.xlf").exists()


def test_help_says_what_import_writes(cli) -> None:
    result = cli("xliff", "import", "-h")
    assert result.code == 0
    assert "Write (create or replace) REPORT_DIR/<target-language>.md" in " ".join(result.out.split())
    assert "Exit status" in result.out
