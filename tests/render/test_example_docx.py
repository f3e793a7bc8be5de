"""The example report's six DOCX read back: masthead, numbering, links, header, footer,
each in its language's UN forms (un-conventions.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.l10n import language
from tests.render.typeset import typed
from tests.support.docx_read import Docx

EXPECTED = {
    "en": {
        "un": "United Nations",
        "organ": "Conference of the States Parties to the United Nations Convention against Corruption",
        "info": ["Distr.: Limited", "7 September 2021", "", "Original: English"],
        "meeting": "Open-ended Intergovernmental Expert Meeting to Enhance International Cooperation "
                   "under the United Nations Convention against Corruption",
        "place": "Vienna, 6–10 September 2021",
        "title": "Draft report",
        "subtitle": "Addendum",
        "chapter": "III.\tImplementation of chapter IV of the United Nations Convention against Corruption",
        "number": "{n}.",
        "letter": "E",
    },
    "zh": {
        "un": "联合国",
        "organ": "联合国反腐败公约缔约国会议",
        "info": ["Distr.: Limited", "7 September 2021", "", "Chinese", "Original: English"],
        "meeting": "增进《联合国反腐败公约》下国际合作不限成员名额政府间专家会议",
        "place": "2021年9月6日至10日，维也纳",
        "title": "报告草稿",
        "subtitle": "增编",
        "chapter": "三.\t《联合国反腐败公约》第四章实施情况：吸取的经验教训、良好做法和挑战",
        "number": "{n}.",
        "letter": "C",
    },
    "fr": {
        "un": "Nations Unies",
        "organ": "Conférence des États parties à la Convention des Nations Unies contre la corruption",
        "info": ["Distr. limitée", "7 septembre 2021", "", "Français", "Original\u00a0: anglais"],
        "meeting": "Réunion intergouvernementale d’experts à composition non limitée pour renforcer la coopération "
                   "internationale au titre de la Convention des Nations Unies contre la corruption",
        "place": "Vienne, 6-10 septembre 2021",
        "title": "Projet de rapport",
        "subtitle": "Additif",
        "chapter": "III.\tApplication du chapitre IV de la Convention des Nations Unies contre la corruption",
        "number": "{n}.",
        "letter": "F",
    },
    "es": {
        "un": "Naciones Unidas",
        "organ": "Conferencia de los Estados Partes en la Convención de las Naciones Unidas contra la Corrupción",
        "info": ["Distr. limitada", "7 de septiembre de 2021", "", "Español", "Original: inglés"],
        "meeting": "Reunión Intergubernamental de Expertos de Composición Abierta para Mejorar la Cooperación "
                   "Internacional en el Marco de la Convención de las Naciones Unidas contra la Corrupción",
        "place": "Viena, 6 a 10 de septiembre de 2021",
        "title": "Proyecto de informe",
        "subtitle": "Adición",
        "chapter": "III.\tAplicación del capítulo IV de la Convención de las Naciones Unidas contra la Corrupción",
        "number": "{n}.",
        "letter": "S",
    },
    "ru": {
        "un": "Организация Объединенных Наций",
        # no-break spaces where Russian typography needs them (before a dash, before «года»)
        "organ": "Конференция государств\u00a0– участников Конвенции Организации Объединенных Наций против коррупции",
        "info": ["Distr.: Limited", "7 September 2021", "", "Russian", "Original: English"],
        "meeting": "Совещание межправительственных экспертов открытого состава для расширения международного "
                   "сотрудничества в рамках Конвенции Организации Объединенных Наций против коррупции",
        "place": "Вена, 6–10 сентября 2021\u00a0года",
        "title": "Проект доклада",
        "subtitle": "Добавление",
        "chapter": "III.\tОсуществление главы IV Конвенции Организации Объединенных Наций против коррупции",
        "number": "{n}.",
        "letter": "R",
    },
    "ar": {
        "un": "الأمم المتحدة",
        "organ": "مؤتمر الدول الأطراف في اتفاقية الأمم المتحدة لمكافحة الفساد",
        "info": ["Distr.: Limited", "7 September 2021", "", "Arabic", "Original: English"],
        "meeting": "اجتماع الخبراء الحكومي الدولي المفتوح العضوية لتعزيز التعاون الدولي بموجب اتفاقية الأمم المتحدة "
                   "لمكافحة الفساد",
        "place": "فيينا، 6-10 أيلول/سبتمبر 2021",
        "title": "مشروع التقرير",
        "subtitle": "إضافة",
        "chapter": "ثالثا -\tتنفيذ الفصل الرابع من اتفاقية الأمم المتحدة لمكافحة الفساد",
        "number": "{n} -",
        "letter": "A",
    },
}


@pytest.fixture(params=sorted(EXPECTED))
def version(request: pytest.FixtureRequest, example_build: dict[str, Path]) -> tuple[str, Docx]:
    return request.param, Docx(example_build[request.param])


def test_masthead(version: tuple[str, Docx]) -> None:
    lang, docx = version
    want = EXPECTED[lang]
    assert docx.masthead_cells() == [
        [want["un"], "CAC/COSP/EG.1/2021/L.1/Add.1"],
        [want["organ"], "\n".join(want["info"])],
    ]


def test_meeting_and_title_block(version: tuple[str, Docx]) -> None:
    lang, docx = version
    want = EXPECTED[lang]
    styled = [(p.style, p.text) for p in docx.body_paragraphs()]
    assert styled[:4] == [
        ("Meeting", want["meeting"]),
        ("MeetingPlace", want["place"]),
        ("ReportTitle", want["title"]),
        ("ReportSubtitle", want["subtitle"]),
    ]
    assert styled[4][0] == "HCh"
    assert styled[4][1].startswith(want["chapter"])


def test_paragraphs_numbered_as_text_in_order(version: tuple[str, Docx]) -> None:
    _, docx = version
    numbered = [p.text for p in docx.body_paragraphs() if p.style == "NumberedPara"]
    form = EXPECTED[version[0]]["number"]
    assert [t.split("\t", 1)[0] for t in numbered] == [form.format(n=n) for n in range(1, 13)]
    assert all(len(t.split("\t", 1)[1]) > 40 for t in numbered)
    # Never Word auto-numbering: the number must survive any conversion.
    assert b"<w:numPr" not in docx.parts["word/document.xml"]
    assert "word/numbering.xml" not in docx.parts


def test_chinese_paragraph_10_is_one_paragraph(example_build: dict[str, Path]) -> None:
    docx = Docx(example_build["zh"])
    p10 = next(p.text for p in docx.body_paragraphs() if p.text.startswith("10.\t"))
    assert "多方向合作取得成功的有益作用。一些发言者举例说明了在其法域内" in p10
    assert p10.endswith("而设立的电子系统。")


def test_symbol_is_linked_to_ods_in_the_versions_language(version: tuple[str, Docx]) -> None:
    lang, docx = version
    # kept on one line: a word joiner after each "/", which nobody sees
    assert docx.hyperlinks() == [("CAC/\u2060COSP/\u2060EG.1/\u20602021/\u20602",
                                  f"https://undocs.org/{lang}/CAC/COSP/EG.1/2021/2")]
    first = EXPECTED[lang]["number"].format(n=1) + "\t"
    p1 = next(p.text for p in docx.body_paragraphs() if p.text.startswith(first))
    assert "CAC/COSP/EG.1/2021/2" in typed(p1)  # the visible text is unchanged


def test_running_headers_and_footers(version: tuple[str, Docx]) -> None:
    """Symbol and page number at the outer edge: left on even pages, right on odd
    ones; mirrored in the right-to-left Arabic version."""
    lang, docx = version
    page, job = "{PAGE}/{NUMPAGES}", "V.21-06543"
    even, odd = (f"{job}\t{page}", f"{page}\t{job}") if language(lang).direction == "rtl" else (f"{page}\t{job}", f"{job}\t{page}")
    assert docx.headers_footers() == {
        "header:first": "",
        "header:even": "CAC/COSP/EG.1/2021/L.1/Add.1",
        "header:default": "CAC/COSP/EG.1/2021/L.1/Add.1",
        # job number and processing dates, the barcode under them; the recycling mark and the
        # QR code on the other side (pictures); tests/render/test_footer.py places them
        "footer:first": f"V.21-06543 ({EXPECTED[lang]['letter']})  070921  080921\n\n   \n",
        "footer:even": even,
        "footer:default": odd,
    }


def test_a4_page_and_document_properties(version: tuple[str, Docx]) -> None:
    lang, docx = version
    assert docx.page_size() == (11906, 16838)
    core = docx.parts["docProps/core.xml"].decode()
    assert "<dc:identifier>CAC/COSP/EG.1/2021/L.1/Add.1</dc:identifier>" in core
    assert re.search(r"<dcterms:created [^>]*>2021-09-07T00:00:00Z</dcterms:created>", core)
    assert f"<dc:title>{EXPECTED[lang]['title']} ({EXPECTED[lang]['subtitle']})</dc:title>" in core


def test_language_defaults(version: tuple[str, Docx]) -> None:
    lang, docx = version
    styles = docx.parts["word/styles.xml"].decode()
    # Latin-script text inside Chinese is tagged English, the Chinese text zh-CN (w:eastAsia)
    word_lang = {"en": "en-GB", "zh": "en-GB", "fr": "fr-FR", "es": "es-ES", "ru": "ru-RU", "ar": "ar-SA"}[lang]
    assert f'w:val="{word_lang}"' in re.search(r"<w:lang [^>]*/>", styles).group(0)
    assert ('w:eastAsia="zh-CN"' in re.search(r"<w:lang [^>]*/>", styles).group(0))
    fonts = language(lang).fonts
    rfonts = re.search(r"<w:rFonts [^>]*/>", styles).group(0)
    assert f'w:ascii="{fonts["ascii"]}"' in rfonts
    assert f'w:eastAsia="{fonts["east_asia"]}"' in rfonts
