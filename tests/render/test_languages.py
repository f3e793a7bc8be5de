"""Every language's UN forms and direction, read back from a DOCX built per language.

The expected forms are written out here (from un-conventions.md), independently of the
language data files, so a wrong entry in a data file fails a test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import pipeline
from reportgen.l10n import LANGUAGES, language
from tests.support.docx_read import NS, Docx

FRONT = """\
---
symbol: A/AC.9/2021/L.4
distribution: {distribution}
date: 2021-09-07
language: {lang}
original: en
organ: Organ
title: Title
venue: V
dates: [2021-08-30, 2021-09-03]
job: V.21-06543
---

# II. Chapter

## B. Section

7. Text (A/AC.9/2021/1) 2021.

    (a) first;

    (b) second:

        (i) nested.
"""

FORMS = {
    #      chapter     sub-heading  para    (a)     (b)     (i)     distribution       masthead date
    "en": ("II.",      "B.",        "7.",   "(a)",  "(b)",  "(i)",  "Distr.: General", "7 September 2021"),
    "fr": ("II.",      "B.",        "7.",   "a)",   "b)",   "i)",   "Distr. générale", "7 septembre 2021"),
    "es": ("II.",      "B.",        "7.",   "a)",   "b)",   "i)",   "Distr. general", "7 de septiembre de 2021"),
    "ru": ("II.",      "B.",        "7.",   "a)",   "b)",   "i)",   "Distr.: General", "7 September 2021"),
    "zh": ("二.",      "B.",        "7.",   "(a)",  "(b)",  "(i)",  "Distr.: General", "7 September 2021"),
    "ar": ("ثانيا -",  "باء -",     "7 -",  "(أ)",  "(ب)",  "’1‘",  "Distr.: General", "7 September 2021"),
}

MEETING_LINE = {
    "en": "V, 30 August–3 September 2021",
    "fr": "V, 30 août-3 septembre 2021",
    "es": "V, 30 de agosto a 3 de septiembre de 2021",
    "ru": "V, 30 августа – 3 сентября 2021 года",
    "zh": "2021年8月30日至9月3日，V",
    "ar": "V، 30 آب/أغسطس - 3 أيلول/سبتمبر 2021",
}
#: The line as the DOCX prints it: Russian keeps a dash and «года» off a line's start.
PRINTED_MEETING_LINE = {**MEETING_LINE, "ru": "V, 30 августа\u00a0– 3 сентября 2021\u00a0года"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Docx]:
    out = {}
    for lang in LANGUAGES:
        folder = tmp_path_factory.mktemp(f"lang-{lang}")
        (folder / f"{lang}.md").write_text(FRONT.format(lang=lang, distribution="general"), encoding="utf-8")
        loaded = pipeline.load(folder)
        assert loaded.diagnostics == []
        written = pipeline.write_all(loaded, pipeline.render_all(loaded), folder / "out")
        out[lang] = Docx(written[0].path)
    return out


@pytest.fixture(params=LANGUAGES)
def lang(request: pytest.FixtureRequest) -> str:
    return request.param


def test_all_six_languages_are_covered() -> None:
    assert sorted(FORMS) == sorted(LANGUAGES) == sorted(MEETING_LINE)


def test_numbering_forms(built: dict[str, Docx], lang: str) -> None:
    chapter, sub, para, sub_a, sub_b, sub_i, _, _ = FORMS[lang]
    body = [(p.style, p.text) for p in built[lang].body_paragraphs()]
    markers = [(style, text.split("\t")[0]) for style, text in body if style not in ("MeetingPlace", "ReportTitle")]
    assert markers == [("HCh", chapter), ("H1", sub), ("NumberedPara", para),
                       ("SubItem1", sub_a), ("SubItem1", sub_b), ("SubItem2", sub_i)]


def test_masthead_date_and_meeting_line(built: dict[str, Docx], lang: str) -> None:
    *_, distribution, masthead_date = FORMS[lang]
    info = built[lang].masthead_cells()[1][1].split("\n")
    assert info[:2] == [distribution, masthead_date]
    place = [p.text for p in built[lang].body_paragraphs() if p.style == "MeetingPlace"]
    assert place == [PRINTED_MEETING_LINE[lang]]


def test_direction(built: dict[str, Docx], lang: str) -> None:
    docx = built[lang]
    doc = docx.xml("word/document.xml")
    rtl = lang == "ar"
    body = docx.body_paragraphs()
    assert {p.bidi for p in body} == {rtl}
    assert (doc.find("w:body/w:tbl/w:tblPr/w:bidiVisual", NS) is not None) == rtl
    assert (doc.find("w:body/w:sectPr/w:bidi", NS) is not None) == rtl
    assert language(lang).direction == ("rtl" if rtl else "ltr")


def test_every_run_carries_the_language(built: dict[str, Docx], lang: str) -> None:
    # Latin-script text inside Chinese is tagged English (zh.yaml latin_word_lang)
    word_lang = {"en": "en-GB", "zh": "en-GB", "fr": "fr-FR", "es": "es-ES", "ru": "ru-RU", "ar": "ar-SA"}[lang]
    doc = built[lang].xml("word/document.xml")
    body_runs = doc.xpath("w:body/w:p//w:r[w:t]", namespaces=NS)
    assert body_runs
    for r in body_runs:
        attrs = {k.split("}")[1]: v for k, v in r.find("w:rPr/w:lang", NS).attrib.items()}
        assert attrs["val"] == word_lang
        assert attrs.get("eastAsia", "zh-CN") == "zh-CN"
        assert ("eastAsia" in attrs) == (lang == "zh")
        assert ("bidi" in attrs) == (lang == "ar")
    # the distribution block is English in the zh, ru and ar versions
    info_lang = doc.xpath("w:body/w:tbl/w:tr[2]/w:tc[2]/w:p[1]/w:r/w:rPr/w:lang/@w:val", namespaces=NS)
    assert info_lang == [{"fr": "fr-FR", "es": "es-ES"}.get(lang, "en-GB")]


ARABIC = """\
---
symbol: A/AC.9/2021/L.4
distribution: limited
date: 2021-09-07
language: ar
original: en
organ: الجهاز
title: العنوان
---

1. اعتمد القرار 10/6 في 25 آذار/مارس 2021 (انظر CAC/COSP/EG.1/2021/2) وشارك فيه 133 بلدا وشبكة GlobE.
"""


def test_arabic_keeps_symbols_numbers_and_latin_left_to_right(tmp_path: Path) -> None:
    (tmp_path / "ar.md").write_text(ARABIC, encoding="utf-8")
    loaded = pipeline.load(tmp_path)
    path = pipeline.write_all(loaded, pipeline.render_all(loaded), tmp_path / "out")[0].path
    doc = Docx(path).xml("word/document.xml")
    para = doc.xpath("w:body/w:p[w:pPr/w:pStyle/@w:val='NumberedPara']", namespaces=NS)[0]
    runs = [("rtl" if r.find("w:rPr/w:rtl", NS) is not None else "ltr", "".join(r.xpath("w:t/text()", namespaces=NS)))
            for r in para.iter("{%s}r" % NS["w"])]
    runs = [(d, t) for d, t in runs if t]
    assert runs == [
        ("ltr", "1 -"), ("rtl", "اعتمد القرار "), ("ltr", "10/6"), ("rtl", " في "), ("ltr", "25"),
        ("rtl", " آذار/مارس "), ("ltr", "2021"), ("rtl", " (انظر "), ("ltr", "CAC/\u2060COSP/\u2060EG.1/\u20602021/\u20602"),
        ("rtl", ") وشارك فيه "), ("ltr", "133"), ("rtl", " بلدا وشبكة "), ("ltr", "GlobE"), ("rtl", "."),
    ]
    link = para.find("w:hyperlink", NS)
    assert "".join(link.xpath(".//w:t/text()", namespaces=NS)) == "CAC/\u2060COSP/\u2060EG.1/\u20602021/\u20602"
    # complex-script bold and size: the styles carry w:bCs and w:szCs next to w:b and w:sz
    styles = Docx(path).xml("word/styles.xml")
    for style in styles.xpath("w:style[w:rPr/w:b]", namespaces=NS):
        assert style.find("w:rPr/w:bCs", NS) is not None, style.get("{%s}styleId" % NS["w"])
    for style in styles.xpath("w:style[w:rPr/w:sz]", namespaces=NS):
        assert style.find("w:rPr/w:szCs", NS) is not None, style.get("{%s}styleId" % NS["w"])
