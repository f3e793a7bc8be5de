"""XLIFF from outside (issue 21): a translator's file is met with a located one-line error
or a correct import, never with "internal error … please report this".

Every attack runs ``xliff import`` and asserts the exact line, exit 2 and that nothing was
written (the French version keeps its bytes); the ones whose input could grow in memory
or time (a file of 214 MB, a million elements, entities) run in a subprocess that may not
map more than 1 GB, with a time bound. Formatting nested to any depth maps to the model
(bold inside bold is bold) and is never written as literal ``**__**`` markers; an empty
or nested link is refused at its unit.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from reportgen import limits
from reportgen.source.reader import read_document
from tests.interchange.test_xliff import EN, FR
from tests.support.attacks import GB, MB, run_limited

DTD = "XML with a DTD is not accepted: remove the <!DOCTYPE …> declaration (reportgen reads no DTD and no entities)"
P2_TARGET = ('Il a adopté ce qui suit, voir <x id="r1" ctype="x-reference" equiv-text="@opening–@later"/> et '
             '<g id="l1" ctype="link">le site</g>:')


@pytest.fixture
def report(tmp_path: Path) -> Path:
    folder = tmp_path / "small"
    folder.mkdir()
    (folder / "en.md").write_text(EN, encoding="utf-8")
    (folder / "fr.md").write_text(FR, encoding="utf-8")
    return folder


@pytest.fixture
def exported(cli, report: Path, tmp_path: Path) -> str:
    out = tmp_path / "en-fr.xlf"
    assert cli("xliff", "export", report, "--lang", "fr", "-o", out).code == 0
    return out.read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


def imported(cli, report: Path, tmp_path: Path, text: str | bytes):
    xlf = tmp_path / "in.xlf"
    (xlf.write_bytes if isinstance(text, bytes) else lambda t: xlf.write_text(t, encoding="utf-8"))(text)
    before = (report / "fr.md").read_bytes()
    started = time.monotonic()
    result = cli("xliff", "import", report, xlf)
    assert time.monotonic() - started < 30
    if result.code != 0:
        assert (report / "fr.md").read_bytes() == before  # nothing written
        assert sorted(p.name for p in report.iterdir()) == ["en.md", "fr.md"]  # no temporary left
    return xlf, result


def prolog(text: str, doctype: str) -> str:
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    assert text.startswith(head)
    return head + doctype + "\n" + text[len(head):]


# -- no DTD, no entities, no network, no processing instructions -------------------------------

@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE xliff SYSTEM "http://example.invalid/xliff.dtd">',                       # an external DTD
    '<!DOCTYPE xliff [<!ENTITY org "Comité spécial">]>',                                # an internal entity
    '<!DOCTYPE xliff [<!ENTITY org SYSTEM "file:///etc/passwd">]>',                     # an external entity, a file
    '<!DOCTYPE xliff [<!ENTITY org SYSTEM "http://example.invalid/x">]>',                # an external entity, a URL
    '<!DOCTYPE xliff [<!ENTITY % p SYSTEM "http://example.invalid/p.dtd"> %p;]>',      # a parameter entity
])
def test_a_dtd_is_refused_at_its_line(cli, report: Path, tmp_path: Path, exported: str, doctype: str) -> None:
    text = prolog(exported, doctype)
    if "ENTITY org" in doctype:
        text = text.replace(">Comité</target>", ">&org;</target>")
    xlf, result = imported(cli, report, tmp_path, text)
    assert (result.code, result.out, result.err) == (2, "", f"{xlf}:2: {DTD}\n")


def test_a_billion_laughs_is_refused_before_it_expands(report: Path, tmp_path: Path, exported: str) -> None:
    laughs = "".join(f'<!ENTITY l{k} "{f"&l{k - 1};" * 10}">' for k in range(1, 10))
    text = prolog(exported, f'<!DOCTYPE xliff [<!ENTITY l0 "lol">{laughs}]>').replace(">Comité</target>",
                                                                                   ">&l9;</target>")
    xlf = tmp_path / "laughs.xlf"
    xlf.write_text(text, encoding="utf-8")
    run = run_limited("xliff", "import", report, xlf, memory=GB, timeout=60)
    assert (run.code, run.lines) == (2, [f"{xlf}:2: {DTD}"])
    assert run.seconds < 30


def test_an_undefined_entity_is_refused_at_its_line(cli, report: Path, tmp_path: Path, exported: str) -> None:
    text = exported.replace(">Comité</target>", ">&org;</target>")
    xlf, result = imported(cli, report, tmp_path, text)
    assert (result.code, result.err) == (2, f"{xlf}:{line_of(text, '&org;')}: not well-formed XML: Entity 'org' "
                                            "not defined\n")


def test_a_processing_instruction_in_a_target_is_refused(cli, report: Path, tmp_path: Path, exported: str) -> None:
    text = exported.replace(">Comité</target>", ">Comi<?php system('id'); ?>té</target>")
    xlf, result = imported(cli, report, tmp_path, text)
    assert (result.code, result.err) == (2, f"{xlf}:{line_of(text, '<?php')}: an XML processing instruction "
                                            "(<?php …?>) is not accepted: remove it\n")


def test_a_comment_in_a_target_is_refused_not_cut_at(cli, report: Path, tmp_path: Path, exported: str) -> None:
    """translate-toolkit reads a target up to a comment: 'Comi<!-- -->té' became 'Comi'."""
    text = exported.replace(">Comité</target>", ">Comi<!-- checked -->té</target>")
    xlf, result = imported(cli, report, tmp_path, text)
    assert (result.code, result.err) == (2, f"{xlf}:{line_of(text, '<!-- checked')}: unit meta.organ: the target "
                                            "holds an XML comment (<!-- … -->), which is not text: remove it\n")


# -- limits before work --------------------------------------------------------------------------

def test_a_214_mb_file_is_refused_by_its_size_before_it_is_read(report: Path, tmp_path: Path) -> None:
    xlf = tmp_path / "huge.xlf"
    with xlf.open("wb") as fh:
        fh.write(b'<?xml version="1.0"?>\n<xliff version="1.2">')
        fh.truncate(214 * MB)  # sparse: the size is what is judged
    run = run_limited("xliff", "import", report, xlf, memory=GB, timeout=60)
    assert (run.code, run.lines) == (2, [
        f"{xlf}: the file is 214 MB, over the XML file size limit of 64 MB: reportgen exports a report as a few MB "
        "of XLIFF; import the file 'reportgen xliff export' wrote"])
    assert run.seconds < 20


def test_a_million_elements_are_refused_while_parsing(report: Path, tmp_path: Path, exported: str) -> None:
    flood = "<note/>\n" * (limits.XML_ELEMENTS.value + 1)
    text = exported.replace("<body>", "<body>" + flood, 1)
    xlf = tmp_path / "flood.xlf"
    xlf.write_text(text, encoding="utf-8")
    assert len(text) < limits.XML_BYTES.value  # small enough to be read: the tree is what is limited
    run = run_limited("xliff", "import", report, xlf, memory=GB, timeout=120)
    over = text.index("<body>") + len("<body>") + len("<note/>\n") * (limits.XML_ELEMENTS.value - 4)
    assert run.code == 2
    assert re.fullmatch(rf"{re.escape(str(xlf))}:\d+: the file holds over 1,000,000 elements, over the XML element "
                        "count limit of 1,000,000 elements", run.err.strip())
    assert int(run.err.split(":")[1]) <= text[:over].count("\n") + 10
    assert run.seconds < 60


def test_elements_nested_too_deep_are_refused(cli, report: Path, tmp_path: Path, exported: str) -> None:
    deep = '<g id="g9" ctype="bold">' * 120 + "x" + "</g>" * 120
    text = exported.replace(">Comité</target>", f">{deep}</target>")
    xlf, result = imported(cli, report, tmp_path, text)
    assert (result.code, result.err) == (2, f"{xlf}:{line_of(text, deep[:30])}: elements are nested 101 deep here, "
                                            "over the XML nesting depth limit of 100 levels\n")


# -- formatting at any depth ----------------------------------------------------------------------

def target_of(text: str, uid: str) -> str:
    start = text.index(f'id="{uid}"')
    return text[text.index("<target", start):text.index("</target>", start)]


def test_bold_nested_four_deep_is_bold_not_literal_markers(cli, report: Path, tmp_path: Path, exported: str) -> None:
    deep = '<g id="g5" ctype="bold">' * 4 + "profonde" + "</g>" * 4
    old = target_of(exported, "p2.a.i")
    text = exported.replace(old, old.replace("un point subsidiaire.", f"un point {deep} subsidiaire."))
    xlf, result = imported(cli, report, tmp_path, text)
    assert (result.code, result.err) == (0, "")
    written = (report / "fr.md").read_text(encoding="utf-8")
    assert "un point **profonde** subsidiaire." in written
    assert "__" not in written


def test_formatting_nested_to_any_depth_reads_back_as_written(cli, report: Path, tmp_path: Path,
                                                              exported: str) -> None:
    """Italic and bold alternating 90 deep (within the XML depth limit): italic bold, as
    the writer spells it (``*__…__*``)."""
    kinds = ["italic", "bold"] * 45
    deep = "".join(f'<g id="g{k + 5}" ctype="{c}">' for k, c in enumerate(kinds)) + "profonde" + "</g>" * len(kinds)
    old = target_of(exported, "p2.a.i")
    text = exported.replace(old, old.replace("un point subsidiaire.", f"un point {deep} subsidiaire."))
    xlf, result = imported(cli, report, tmp_path, text)
    assert (result.code, result.err) == (0, "")
    doc, found = read_document(report / "fr.md")
    assert doc is not None and [d for d in found if d.severity == "error"] == []
    assert "un point *__profonde__* subsidiaire." in (report / "fr.md").read_text(encoding="utf-8")


def test_an_empty_link_is_refused_not_dropped(cli, report: Path, tmp_path: Path, exported: str) -> None:
    text = exported.replace(P2_TARGET, P2_TARGET.replace('<g id="l1" ctype="link">le site</g>',
                                                         '<g id="l1" ctype="link"></g>le site'))
    xlf, result = imported(cli, report, tmp_path, text)
    line = line_of(text, 'id="p2"')
    assert (result.code, result.err) == (2, f'{xlf}:{line}: unit p2: the link <g id="l1"> (https://un.org) has '
                                            "no text: keep the text of the link inside it\n")


def test_a_link_inside_a_link_is_refused(cli, report: Path, tmp_path: Path, exported: str) -> None:
    text = exported.replace(P2_TARGET, P2_TARGET.replace(
        '<g id="l1" ctype="link">le site</g>', '<g id="l1" ctype="link">le <g id="l1" ctype="link">site</g></g>'))
    xlf, result = imported(cli, report, tmp_path, text)
    line = line_of(text, 'id="p2"')
    assert result.code == 2
    assert result.err.splitlines() == [
        f'{xlf}:{line}: unit p2: the link <g id="l1"> (https://un.org) is inside another link: links cannot '
        "nest, keep them apart",
        f'{xlf}:{line}: unit p2: placeholder <g id="l1"/> (https://un.org) appears 2 times in the target; it must '
        "appear once"]
