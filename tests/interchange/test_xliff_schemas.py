"""XLIFF files CAT tools accept, and files CAT tools rewrote read back.

Every file ``xliff export`` writes here is validated with lxml against both OASIS XLIFF
1.2 schemas (strict and transitional, ``../shared/interchange-schemas``): the example
report, every fixture report, UDHR fr/zh and the small report of test_xliff.py, in
every language each can be exported to. ``xliff import`` then reads files rewritten
the way tools rewrite them:

- translate-toolkit (``translate.storage.xliff.xlifffile``, parsed and serialised by
  the library itself): a target edited, its state changed, an ``<alt-trans>`` added;
- an Okapi-style segmenting tool, written by hand with lxml: ``<seg-source>`` with
  ``<mrk mtype="seg">`` per sentence and the target's text inside the same markers, the
  namespace bound to the prefix ``xlf:``, attributes in another order, XLIFF's other
  state values (``final``, ``signed-off``, ``needs-review-translation``);
- a file written before the context-group names were made unique (every unit's group
  named ``location``), as a translator may send an old file back.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from lxml import etree
from translate.storage import xliff as tt_xliff

from tests.align import udhr
from tests.conftest import EXAMPLE, FIXTURES
from tests.interchange.test_xliff import NS, X, export, line_of
from tests.support.shared import require_shared


@pytest.fixture(scope="module")
def schemas() -> dict[str, etree.XMLSchema]:
    """Both XLIFF 1.2 schemas (their xml.xsd import is local: no network)."""
    folder = require_shared("interchange-schemas")
    return {name: etree.XMLSchema(etree.parse(str(folder / f"xliff-core-1.2-{name}.xsd")))
            for name in ("strict", "transitional")}


def assert_valid(schemas: dict[str, etree.XMLSchema], path: Path) -> None:
    tree = etree.parse(str(path))
    for name, schema in schemas.items():
        ok = schema.validate(tree)
        assert ok, (name, [str(e) for e in schema.error_log][:5])



# ----------------------------------------------------------------- valid files


@pytest.mark.parametrize(("source", "langs"), [
    (EXAMPLE, ["ar", "es", "fr", "ru", "zh"]),
    (FIXTURES / "minimal", ["ar", "zh", "fr"]),  # fr: no version, every target new
    (FIXTURES / "continuing", ["ar", "es", "fr", "ru", "zh"]),
    (FIXTURES / "align" / "faithful", ["fr"]),
])
def test_every_export_is_valid_against_both_schemas(cli, schemas, report_copy, tmp_path: Path, source: Path,
                                                    langs: list[str]) -> None:
    report = report_copy(source)
    for lang in langs:
        xlf = export(cli, report, lang, tmp_path / f"{lang}.xlf")
        assert_valid(schemas, xlf)
        root = etree.parse(str(xlf)).getroot()
        names = [g.get("name") for g in root.iter(f"{X}context-group")]
        assert names and len(set(names)) == len(names)
        # each group named after its unit, and still a location translate-toolkit reads
        for tu in root.iter(f"{X}trans-unit"):
            for group in tu.iter(f"{X}context-group"):
                assert (group.get("name"), group.get("purpose")) == (f"location:{tu.get('id')}", "location")


def test_small_and_udhr_exports_are_valid(cli, schemas, small: Path, tmp_path: Path) -> None:
    assert_valid(schemas, export(cli, small, "fr", tmp_path / "small-fr.xlf"))
    assert_valid(schemas, export(cli, small, "zh", tmp_path / "small-zh.xlf"))
    udhr.require()
    report = udhr.write_udhr_report(tmp_path / "udhr")
    for lang in ("fr", "zh"):
        xlf = export(cli, report, lang, tmp_path / f"udhr-{lang}.xlf")
        assert_valid(schemas, xlf)
        store = tt_xliff.xlifffile.parsefile(str(xlf))
        assert store.units[0].getlocations() == ["en.md:7"]


# ----------------------------------------------------------- files tools rewrote


def test_a_file_written_before_the_fix_still_imports(cli, schemas, report_copy, tmp_path: Path) -> None:
    report = report_copy()
    before = (report / "zh.md").read_bytes()
    xlf = export(cli, report, "zh", tmp_path / "en-zh.xlf")
    tree = etree.parse(str(xlf))
    for group in tree.getroot().iter(f"{X}context-group"):
        group.set("name", "location")
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    assert not schemas["strict"].validate(tree)  # the old form, as the schemas see it
    assert "U_context-group_name" in str(schemas["strict"].error_log[0])
    result = cli("xliff", "import", report, xlf)
    assert (result.code, result.err) == (0, "")
    assert (report / "zh.md").read_bytes() == before


def test_translate_toolkit_rewritten_file_imports(cli, small: Path, tmp_path: Path) -> None:
    xlf = export(cli, small, "fr", tmp_path / "en-fr.xlf")
    store = tt_xliff.xlifffile.parsefile(str(xlf))
    units = {u.xmlelement.get("id"): u for u in store.units}
    units["meta.title"].settarget("Projet de rapport révisé")
    units["meta.title"].markfuzzy(False)
    units["ch1"].get_target_dom().set("state", "needs-review-translation")
    p1 = units["p1"]
    p1.addalttrans("Une autre traduction, d'une mémoire.", origin="tm", lang="fr", sourcetxt=p1.source,
                   matchquality="85")
    p1.markfuzzy(True)  # state="needs-translation" in translate-toolkit's words
    (tmp_path / "tt.xlf").write_bytes(bytes(store))
    written = (tmp_path / "tt.xlf").read_text(encoding="utf-8")
    assert "<alt-trans" in written and 'state="needs-review-translation"' in written
    before = (small / "fr.md").read_text(encoding="utf-8")
    result = cli("xliff", "import", small, tmp_path / "tt.xlf")
    assert (result.code, result.err) == (0, "")
    # the unit's own target is read, never the alternative translation
    assert (small / "fr.md").read_text(encoding="utf-8") == before.replace(
        "title: Projet de rapport", "title: Projet de rapport révisé")


def _segmented(tree: etree._ElementTree, uid: str, segments: list[tuple[str, str]] | None) -> None:
    """Okapi's form of a unit: the source's content again in <seg-source>, one
    ``<mrk mtype="seg">`` per segment, and the target's in markers of the same ``mid``.
    ``segments``: (source, target) texts replacing those of a unit without inline
    elements; None: one segment holding the source's and the target's content as they are."""
    tu = next(t for t in tree.getroot().iter(f"{X}trans-unit") if t.get("id") == uid)
    source, target = tu.find(f"{X}source"), tu.find(f"{X}target")
    seg_source = etree.Element(f"{X}seg-source")
    source.addnext(seg_source)
    if segments is None:
        for side, parent in ((source, seg_source), (target, target)):
            mrk = etree.Element(f"{X}mrk", mtype="seg", mid="0")
            mrk.text = side.text
            for child in list(side):
                mrk.append(copy.deepcopy(child) if side is source else child)
            if side is target:
                target.text = None
            parent.append(mrk)
    else:
        target.text = None
        for k, texts in enumerate(segments):
            for parent, text in zip((seg_source, target), texts):
                seg = etree.SubElement(parent, f"{X}mrk", mtype="seg", mid=str(k))
                seg.text = text
                seg.tail = " " if k < len(segments) - 1 else None
    target.set("state", "signed-off" if segments else "final")


def _prefixed(tree: etree._ElementTree) -> bytes:
    """The document with the XLIFF namespace bound to ``xlf:`` and every element's
    attributes in reverse order (what another writer may do)."""
    root = tree.getroot()
    new_root = etree.Element(f"{X}xliff", nsmap={"xlf": NS})

    def rebuilt(el: etree._Element, parent: etree._Element | None) -> etree._Element:
        out = etree.SubElement(parent, el.tag) if parent is not None else new_root
        for key, value in reversed(el.attrib.items()):
            out.set(key, value)
        out.text, out.tail = el.text, el.tail
        for child in el:
            rebuilt(child, out)
        return out

    rebuilt(root, None)
    return etree.tostring(new_root, xml_declaration=True, encoding="UTF-8")


def test_okapi_style_segmented_prefixed_file_imports(cli, schemas, small: Path, tmp_path: Path) -> None:
    xlf = export(cli, small, "fr", tmp_path / "en-fr.xlf")
    tree = etree.parse(str(xlf))
    _segmented(tree, "p1", None)  # inline codes inside the segment marker
    _segmented(tree, "p2.2", [("A closing block", "Un dernier bloc."), ("of paragraph 2.", "Du paragraphe 2.")])
    _segmented(tree, "ch1", [("Introduction", "")])  # an empty segment: untranslated, the version's text kept
    data = _prefixed(tree)
    assert b"<xlf:seg-source><xlf:mrk" in data and b'<xlf:target state="signed-off">' in data
    rewritten = tmp_path / "okapi.xlf"
    rewritten.write_bytes(data)
    assert_valid(schemas, rewritten)
    before = (small / "fr.md").read_text(encoding="utf-8")
    result = cli("xliff", "import", small, rewritten)
    assert (result.code, result.err) == (0, "")
    assert (small / "fr.md").read_text(encoding="utf-8") == before.replace(
        "Un dernier bloc du paragraphe 2.", "Un dernier bloc. Du paragraphe 2.")


def test_a_segment_marker_does_not_hide_a_broken_placeholder(cli, small: Path, tmp_path: Path) -> None:
    xlf = export(cli, small, "fr", tmp_path / "en-fr.xlf")
    tree = etree.parse(str(xlf))
    _segmented(tree, "p1", None)
    mrk = next(t for t in tree.getroot().iter(f"{X}mrk") if t.getparent().tag == f"{X}target")
    mrk.remove(next(el for el in mrk if el.get("id") == "fn1"))
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    result = cli("xliff", "import", small, xlf)
    assert (result.code, result.out) == (2, "")
    assert result.err == (f'{xlf}:{line_of(xlf, "p1")}: unit p1: placeholder <x id="fn1"/> (footnote 1) '
                          "is missing from the target\n")
