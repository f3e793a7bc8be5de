"""Where a line may not break, read from the DOCX (issue 24): hyphenation by style and
language data, document symbols kept whole, no-break spaces by language, paragraph
numbers that fit their indent, footnote separators of a right-to-left version. What
LibreOffice makes of them is tests/render/test_pages_as_issued.py's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from reportgen.l10n import language
from reportgen.render.docx.body import number_width
from reportgen.render.docx.typography import WORD_JOINER, unbreakable
from tests.support.docx_read import NS, Docx

W = "{" + NS["w"] + "}"
LANGS = ("ar", "en", "es", "fr", "ru", "zh")
#: Styles that are never hyphenated: masthead, title block, headings, header and footer.
UNHYPHENATED = ("MastheadUN", "MastheadSymbol", "MastheadOrgan", "MastheadInfo", "Meeting", "MeetingPlace",
                "Agenda", "ReportTitle", "ReportSubtitle", "HCh", "H1", "H23", "Header", "Footer")


def test_a_symbol_breaks_nowhere_but_before_and_after_it() -> None:
    assert unbreakable("A/RES/S-32/1") == "A/\u2060RES/\u2060S-\u2060" "32/\u20601"
    assert unbreakable("S/RES/2532 (2020)") == "S/\u2060RES/\u20602532\u00a0(2020)"
    assert unbreakable("CAC/COSP/EG.1/2021/L.1/Add.1").replace(WORD_JOINER, "") == "CAC/COSP/EG.1/2021/L.1/Add.1"
    assert not unbreakable("A/75/1").endswith(WORD_JOINER)  # what follows may break as it would


@pytest.mark.parametrize("lang", LANGS)
def test_symbol_runs_hold_joiners_and_are_never_hyphenated(example_build: dict[str, Path], lang: str) -> None:
    docx = Docx(example_build[lang])
    links = [h for h in docx.xml("word/document.xml").iter(W + "hyperlink") if h.get(f"{{{NS['r']}}}id")]
    assert links
    for link in links:
        runs = link.findall("w:r", NS)
        assert all(r.find("w:rPr/w:noProof", NS) is not None for r in runs)
        text = "".join(t.text for t in link.iter(W + "t"))
        assert text == "CAC/\u2060COSP/\u2060EG.1/\u20602021/\u20602"


@pytest.mark.parametrize("lang", LANGS)
def test_masthead_titles_headings_are_never_hyphenated(example_build: dict[str, Path], lang: str) -> None:
    styles = Docx(example_build[lang]).xml("word/styles.xml")
    for style in UNHYPHENATED:
        assert styles.find(f"w:style[@w:styleId='{style}']/w:pPr/w:suppressAutoHyphens", NS) is not None, style
    for style in ("SingleTxt", "NumberedPara", "FootnoteText"):
        assert styles.find(f"w:style[@w:styleId='{style}']/w:pPr/w:suppressAutoHyphens", NS) is None, style


@pytest.mark.parametrize("lang", LANGS)
def test_hyphenation_settings_come_from_the_language_data(example_build: dict[str, Path], lang: str) -> None:
    settings = Docx(example_build[lang]).xml("word/settings.xml")
    names = [etree.QName(c).localname for c in settings if isinstance(c.tag, str)]  # comments aside
    found = {n: settings.find(f"w:{n}", NS) for n in ("autoHyphenation", "consecutiveHyphenLimit",
                                                      "hyphenationZone", "doNotHyphenateCaps")}
    if lang != "ru":
        assert set(found.values()) == {None}
        return
    # Russian: after defaultTabStop, in the schema's order; two hyphenated lines at most
    assert names[names.index("defaultTabStop") + 1:names.index("defaultTabStop") + 5] == [
        "autoHyphenation", "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps"]
    assert found["consecutiveHyphenLimit"].get(W + "val") == "2"
    assert found["hyphenationZone"].get(W + "val") == "357"


@pytest.mark.parametrize(("lang", "typed", "set_as"), [
    ("ru", "в июне 2021 года и 2019 г. под эгидой УНП ООН", "в июне 2021\u00a0года и 2019\u00a0г. под эгидой УНП\u00a0ООН"),
    ("ru", "12 345 долл. и 10 % и № 5 государств – участников",
     "12\u00a0345\u00a0долл. и 10\u00a0% и №\u00a05 государств\u00a0– участников"),
    ("fr", "« le Guide » : oui ; non ? si ! 18 h et 10 % et 12 345",
     "«\u202fle Guide\u202f»\u00a0: oui\u202f; non\u202f? si\u202f! 18\u00a0h et 10\u00a0% et 12\u202f345"),
    ("en", "10 per cent at 6 p.m.", "10\u00a0per cent at 6\u00a0p.m."),
    ("es", "el 10 % de 3 millones", "el 10\u00a0% de 3\u00a0millones"),
    ("zh", "截至 2021 年 8 月", "截至 2021 年 8 月"),
    ("ar", "في 2021 مقابل 10 %", "في 2021 مقابل 10 %"),
])
def test_no_break_spaces_by_language(lang: str, typed: str, set_as: str) -> None:
    assert language(lang).no_break_spaces(typed) == set_as
    assert language(lang).no_break_spaces(set_as) == set_as  # applying it again changes nothing


def test_no_break_spaces_reach_the_docx_and_leave_the_source_as_typed(example_build: dict[str, Path]) -> None:
    from tests.conftest import EXAMPLE

    source = (EXAMPLE / "ru.md").read_text(encoding="utf-8")
    assert "2021 года" in source and "УНП ООН" in source  # typed with plain spaces
    text = "\n".join(p.text for p in Docx(example_build["ru"]).body_paragraphs())
    assert "2021\u00a0года" in text and "УНП\u00a0ООН" in text
    assert "2021 года" not in text and "УНП ООН" not in text


def test_number_width_fits_the_widest_number() -> None:
    # the template hangs 482 twips (0.85 cm): enough for 99 paragraphs in English
    assert number_width("99.", 20) <= 482 < number_width("103 -", 20)
    assert number_width("103 -", 20) < number_width("1003.", 20)


def _hanging(docx: Docx) -> int:
    style = docx.xml("word/styles.xml").find("w:style[@w:styleId='NumberedPara']/w:pPr/w:ind", NS)
    return int(style.get(W + "hanging")), int(style.get(W + "left"))


def test_the_number_indent_is_sized_for_the_widest_number(cli, report_copy, tmp_path: Path) -> None:
    """An Arabic addendum continuing at 101 prints "103 -": the hanging indent widens
    for it (the text keeps its place), while the example (1 to 12) keeps the template's."""
    src = report_copy()
    ar = src / "ar.md"
    text = ar.read_text(encoding="utf-8")
    text = re.sub(r"^(\d+)\.", lambda m: f"{int(m.group(1)) + 100}.", text, flags=re.M)
    ar.write_text(text, encoding="utf-8")
    assert cli("build", src, "-o", tmp_path / "out", "--lang", "ar", "--lang", "en").code == 0
    hanging, left = _hanging(Docx(tmp_path / "out" / "ar.docx"))
    assert (left, hanging) == (1202, 520) and hanging >= number_width("112 -", 20) > 482
    assert _hanging(Docx(tmp_path / "out" / "en.docx")) == (482, 1202)


def test_arabic_footnote_separators_run_right_to_left(cli, tmp_path: Path) -> None:
    from tests.conftest import FIXTURES

    assert cli("build", FIXTURES / "minimal", "-o", tmp_path / "out").code == 0
    for lang, bidi in (("ar", True), ("en", False)):
        notes = Docx(tmp_path / "out" / f"{lang}.docx").xml("word/footnotes.xml")
        for kind in ("separator", "continuationSeparator"):
            note = notes.find(f"w:footnote[@w:type='{kind}']", NS)
            assert (note.find("w:p/w:pPr/w:bidi", NS) is not None) == bidi, (lang, kind)
