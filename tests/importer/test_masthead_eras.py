"""Mastheads of every era and duty station read back to front matter (``importer/masthead``).

Real masthead texts first: the New York resolution of 2001 whose PDF text is
``../shared/realdocs/453500.txt``, the New York working paper of 2000 in the MNBVC
validation set, A/HRC/WG.6/34/ITA/3 (Geneva, 2019) in English and Russian as pdftotext
gives page 1. Then the forms before about 2010 ("UNITED NATIONS", "Distr. GENERAL",
"ORIGINAL: ENGLISH", the symbol beside the date, organ names in capitals), written line
for line from documents as published on the web, each cited; where a language's form of
that era was not found, the lines are built from the English ones it parallels and the
test says so. And the job numbers of New York, Geneva, Vienna and Nairobi."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from reportgen.importer.masthead import footer_fields, read_masthead
from reportgen.importer.pdftext import read_pdf_text
from reportgen.l10n import language
from reportgen.source.reader import read_document
from tests.support import tools
from tests.support.shared import require_shared


def _read(lines: list[str], code: str):
    join = "".join if code == "zh" else " ".join
    return read_masthead(list(enumerate(lines, start=1)), language(code), join)


def test_a_new_york_resolution_of_2001_takes_only_its_masthead(cli, tmp_path: Path) -> None:
    """A/C.3/56/L.xx (Third Committee, 2001): the masthead and the title block are front
    matter; "The General Assembly," and the preambular paragraphs, which carry no
    number, stay the body's (they once went wholesale into ``meeting:``)."""
    source = require_shared("realdocs/453500.txt")
    report = tmp_path / "report"
    result = cli("import", str(source), "--lang", "en", "-o", str(report))
    assert result.code == 0, result.err
    # the text never prints its symbol (its running heads were not kept): left to fill in
    written = (report / "en.md").read_text(encoding="utf-8")
    assert written.startswith("---\nsymbol:  # import: not found in 453500.txt; fill in\n")
    filled = tmp_path / "filled" / "en.md"  # filled in as the author would, to read the rest
    filled.parent.mkdir()
    filled.write_text(written.replace("symbol:  # import: not found in 453500.txt; fill in", "symbol: A/C.3/56/L.1"),
                      encoding="utf-8")
    doc, problems = read_document(filled)
    assert doc is not None and problems == []
    meta = doc.meta
    assert (meta.organ, meta.distribution, meta.date, meta.original) == \
        ("General Assembly", "limited", dt.date(2001, 11, 28), "en")
    assert meta.meeting == "Fifty-sixth session Third Committee"
    assert meta.agenda == ("Agenda item 119 (b)", "Human rights questions: human rights questions, including "
                           "alternative approaches for improving the effective enjoyment of human rights and "
                           "fundamental freedoms")
    assert (meta.title, meta.subtitle) == ("South Africa:* draft resolution", "The right to development")
    assert (meta.job, meta.processed) == ("01-66657", (dt.date(2001, 11, 29),))
    texts = ["".join(x.text for x in b.content if hasattr(x, "text")) for b in doc.blocks[:3]]
    assert texts[0] == "The General Assembly,"
    assert texts[1].startswith("Guided by the Charter of the United Nations") and texts[1].endswith("all peoples,")
    assert texts[2].startswith("Recalling that the Declaration on the Right to Development")
    assert [p.number for p in doc.paragraphs()] == list(range(1, 26))


def test_a_new_york_working_paper_of_2000() -> None:
    """A/CONF.192/PC/L.3 (MNBVC validation set): "United Nations" and the symbol read as
    one line, the meeting over three lines, dates with a hyphen."""
    record = json.loads(require_shared("realdocs/validation_small.jsonl").read_text(encoding="utf-8").splitlines()[1])
    lines = record["raw_text"].split("\n")[:13]
    found = _read(lines, "en")
    assert found.values == {
        "symbol": "A/CONF.192/PC/L.3", "organ": "General Assembly", "distribution": "limited",
        "date": dt.date(2000, 12, 1), "original": "en", "job": "00-77708", "processed": (dt.date(2000, 12, 14),),
        "meeting": "Preparatory Committee for the United Nations Conference on the Illicit Trade in Small Arms "
                   "and Light Weapons in All Its Aspects Second session",
        "dates": (dt.date(2001, 1, 8), dt.date(2001, 1, 19)),
        "title": "Draft Objective of the Conference",
        "subtitle": "Working paper by the Chairman of the Preparatory Committee"}
    assert found.unplaced == [] and found.warnings == []


@pytest.mark.external
@pytest.mark.parametrize("pdf, code, expected", [
    ("ohchr_1_en.pdf", "en", {
        "organ": "General Assembly", "title": "Summary of Stakeholders’ submissions on Italy*",
        "subtitle": "Report of the Office of the United Nations High Commissioner for Human Rights",
        "meeting": "Human Rights Council Working Group on the Universal Periodic Review Thirty-fourth session",
        "note": "* The present document was not edited before being sent to United Nations translation services."}),
    ("ohchr_1_ru.pdf", "ru", {
        "organ": "Генеральная Ассамблея",
        "title": "Резюме материалов по Италии, представленных заинтересованными сторонами*",
        "subtitle": "Доклад Управления Верховного комиссара Организации Объединенных Наций по правам человека",
        "meeting": "Совет по правам человека Рабочая группа по универсальному периодическому обзору "
                   "Тридцать четвертая сессия",
        "note": "* Настоящий документ до его передачи в службы письменного перевода Организации Объединенных "
                "Наций не редактировался."}),
])
def test_a_geneva_report_of_2019_as_pdftotext_gives_it(pdf: str, code: str, expected: dict[str, str]) -> None:
    """A/HRC/WG.6/34/ITA/3: the Russian version prints its distribution block in English;
    the subtitle wraps; the title's "*" note, printed at the foot of page 1, is kept
    apart (front matter has no place for it) and taken out of paragraph 4."""
    text = subprocess.run([tools.require("pdftotext"), str(require_shared(f"realdocs/{pdf}")), "-"],
                          capture_output=True, check=True).stdout.decode("utf-8")
    found = read_pdf_text(text, language(code))
    values = found.fields.values
    assert (values["symbol"], values["distribution"], values["date"], values["original"]) == \
        ("A/HRC/WG.6/34/ITA/3", "general", dt.date(2019, 8, 14), "en")
    assert (values["dates"], values["job"]) == ((dt.date(2019, 11, 4), dt.date(2019, 11, 15)), "GE.19-13879")
    assert {key: values[key] for key in ("organ", "title", "subtitle", "meeting")} == \
        {key: expected[key] for key in ("organ", "title", "subtitle", "meeting")}
    assert [note for _, note in found.notes] == [expected["note"]]
    assert not any("translation services" in str(p.content) or "не редактировался" in str(p.content)
                   for p in found.pieces)


# Before about 2010, line for line as published (the web pages give the masthead's
# lines in reading order; a layout that printed two on one line is as PDF text gives it).
ERAS = [
    # A/51/250, New York, 1996: http://www.un.org/documents/ga/docs/51/plenary/a51-250.htm
    # ("ORIGINAL:" and "ENGLISH" on two lines, the organ repeated above the session, the
    # title in capitals over two lines)
    ("en", ["United Nations", "A/51/250", "General Assembly", "Distr. GENERAL", "18 September 1996", "ORIGINAL:",
            "ENGLISH", "A/51/250", "General Assembly", "Fifty-first session",
            "ORGANIZATION OF THE FIFTY-FIRST REGULAR SESSION OF THE GENERAL",
            "ASSEMBLY, ADOPTION OF THE AGENDA AND ALLOCATION OF ITEMS", "First report of the General Committee"],
     {"symbol": "A/51/250", "organ": "General Assembly", "distribution": "general", "date": dt.date(1996, 9, 18),
      "original": "en", "meeting": "Fifty-first session",
      "title": "ORGANIZATION OF THE FIFTY-FIRST REGULAR SESSION OF THE GENERAL ASSEMBLY, ADOPTION OF THE AGENDA "
               "AND ALLOCATION OF ITEMS", "subtitle": "First report of the General Committee"}),
    # A/HRC/11/L.10, Geneva, 2009: https://www.right-docs.org/doc/a-hrc-11-l.10/ (the
    # series letter "A" beside "UNITED NATIONS", "Distr." over "LIMITED", dates with a hyphen)
    ("en", ["UNITED NATIONS", "A", "General Assembly", "Distr.", "LIMITED", "A/HRC/11/L.10", "11 August 2009",
            "Original: ENGLISH", "HUMAN RIGHTS COUNCIL", "Eleventh session", "Agenda item 1",
            "Organizational and procedural matters", "2-18 June 2009",
            "DRAFT REPORT OF THE HUMAN RIGHTS COUNCIL ON ITS ELEVENTH SESSION",
            "Vice-President and Rapporteur: Mr. Elchin Amirbayov (Azerbaijan)", "GE.09-14955 (E) 250909"],
     {"symbol": "A/HRC/11/L.10", "organ": "General Assembly", "distribution": "limited",
      "date": dt.date(2009, 8, 11), "original": "en", "meeting": "HUMAN RIGHTS COUNCIL Eleventh session",
      "agenda": ("Agenda item 1", "Organizational and procedural matters"),
      "dates": (dt.date(2009, 6, 2), dt.date(2009, 6, 18)),
      "title": "DRAFT REPORT OF THE HUMAN RIGHTS COUNCIL ON ITS ELEVENTH SESSION",
      "subtitle": "Vice-President and Rapporteur: Mr. Elchin Amirbayov (Azerbaijan)",
      "job": "GE.09-14955", "processed": (dt.date(2009, 9, 25),)}),
    # A/57/551, New York, 2002, Spanish: https://mydokument.com/551-asamblea-general-naciones-unidas.html
    # (symbol after "Naciones Unidas" on one line; the agenda item's title over three lines)
    ("es", ["Naciones Unidas A/57/551", "Asamblea General", "Distr. general", "4 de diciembre de 2002", "Español",
            "Original: inglés", "Quincuagésimo séptimo período de sesiones", "Tema 104 del programa",
            "Informe del Alto Comisionado de las Naciones Unidas para los Refugiados, cuestiones",
            "relacionadas con los refugiados, los repatriados y las personas desplazadas y",
            "cuestiones humanitarias", "Informe de la Tercera Comisión", "Relatora: Sra. Oksana Boiko (Ucrania)"],
     {"symbol": "A/57/551", "organ": "Asamblea General", "distribution": "general", "date": dt.date(2002, 12, 4),
      "original": "en", "meeting": "Quincuagésimo séptimo período de sesiones",
      "agenda": ("Tema 104 del programa", "Informe del Alto Comisionado de las Naciones Unidas para los "
                 "Refugiados, cuestiones relacionadas con los refugiados, los repatriados y las personas "
                 "desplazadas y cuestiones humanitarias"),
      "title": "Informe de la Tercera Comisión", "subtitle": "Relatora: Sra. Oksana Boiko (Ucrania)"}),
    # S/1999/589, Russian, 1999: https://studylib.ru/doc/2570146/ gives the block in English
    # ("Distr." / "GENERAL" / "S/1999/589" / "20 May 1999" / "RUSSIAN" / "ORIGINAL: FRENCH");
    # its Russian lines are in a legacy font encoding there, so they are written out here
    ("ru", ["ОРГАНИЗАЦИЯ ОБЪЕДИНЕННЫХ НАЦИЙ", "S", "Совет Безопасности", "Distr.", "GENERAL", "S/1999/589",
            "20 May 1999", "RUSSIAN", "ORIGINAL: FRENCH",
            "ПИСЬМО ПОСТОЯННОГО ПРЕДСТАВИТЕЛЯ ГЕРМАНИИ ПРИ ОРГАНИЗАЦИИ", "ОБЪЕДИНЕННЫХ НАЦИЙ ОТ 19 МАЯ 1999 ГОДА"],
     {"symbol": "S/1999/589", "organ": "Совет Безопасности", "distribution": "general",
      "date": dt.date(1999, 5, 20), "original": "fr",
      "title": "ПИСЬМО ПОСТОЯННОГО ПРЕДСТАВИТЕЛЯ ГЕРМАНИИ ПРИ ОРГАНИЗАЦИИ ОБЪЕДИНЕННЫХ НАЦИЙ ОТ 19 МАЯ 1999 ГОДА"}),
    # French, Chinese and Arabic of the same era: not found as text; built from the English
    # lines of A/HRC/11/L.10 above with each language's words (capitals, accents lost or
    # kept, the block in English for Chinese and Arabic as today), blank lines where a PDF
    # sets the blocks apart
    ("fr", ["NATIONS UNIES", "A", "Assemblée générale", "Distr. GÉNÉRALE", "A/HRC/12/1", "3 août 2009",
            "FRANÇAIS", "Original : ANGLAIS", "CONSEIL DES DROITS DE L’HOMME", "Douzième session",
            "Point 1 de l’ordre du jour", "QUESTIONS D’ORGANISATION ET DE PROCÉDURE", "",
            "ORDRE DU JOUR ANNOTÉ", "", "Note du Secrétaire général"],
     {"symbol": "A/HRC/12/1", "organ": "Assemblée générale", "distribution": "general",
      "date": dt.date(2009, 8, 3), "original": "en", "meeting": "CONSEIL DES DROITS DE L’HOMME Douzième session",
      "agenda": ("Point 1 de l’ordre du jour", "QUESTIONS D’ORGANISATION ET DE PROCÉDURE"),
      "title": "ORDRE DU JOUR ANNOTÉ", "subtitle": "Note du Secrétaire général"}),
    ("zh", ["联合国", "A", "大会", "Distr. GENERAL", "A/HRC/10/1", "12 January 2009", "CHINESE",
            "ORIGINAL: ENGLISH", "人权理事会", "第十届会议", "议程项目1", "组织和程序事项", "附加说明的议程",
            "秘书长的说明"],
     {"symbol": "A/HRC/10/1", "organ": "大会", "distribution": "general", "date": dt.date(2009, 1, 12),
      "original": "en", "meeting": "人权理事会第十届会议", "agenda": ("议程项目1", "组织和程序事项"),
      "title": "附加说明的议程", "subtitle": "秘书长的说明"}),
    ("ar", ["الأمم المتحدة", "A", "الجمعية العامة", "Distr. GENERAL", "A/HRC/10/1", "12 January 2009", "ARABIC",
            "ORIGINAL: ENGLISH", "مجلس حقوق الإنسان", "الدورة العاشرة", "البند 1 من جدول الأعمال",
            "المسائل التنظيمية والإجرائية", "جدول الأعمال المشروح", "مذكرة من الأمين العام"],
     {"symbol": "A/HRC/10/1", "organ": "الجمعية العامة", "distribution": "general", "date": dt.date(2009, 1, 12),
      "original": "en", "meeting": "مجلس حقوق الإنسان الدورة العاشرة",
      "agenda": ("البند 1 من جدول الأعمال", "المسائل التنظيمية والإجرائية"),
      "title": "جدول الأعمال المشروح", "subtitle": "مذكرة من الأمين العام"}),
]


@pytest.mark.parametrize("code, lines, expected", ERAS, ids=[f"{c}-{e['symbol']}" for c, _, e in ERAS])
def test_a_masthead_before_2010_reads_back(code: str, lines: list[str], expected: dict[str, object]) -> None:
    found = _read(lines, code)
    assert found.values == expected
    assert found.unplaced == [] and found.warnings == [] and found.notes == []


@pytest.mark.parametrize("line, job, processed", [
    ("01-66657 (E) 291101", "01-66657", (dt.date(2001, 11, 29),)),                      # New York (453500.txt)
    ("GE.19-13879 (R) 210819 230819", "GE.19-13879", (dt.date(2019, 8, 21), dt.date(2019, 8, 23))),  # Geneva
    ("GE.19-13879(E)", "GE.19-13879", ()),                                               # Geneva, English
    ("V.21-06543 (E) 070921 080921", "V.21-06543", (dt.date(2021, 9, 7), dt.date(2021, 9, 8))),  # Vienna
    ("K1401052 180614", "K1401052", (dt.date(2014, 6, 18),)),                             # Nairobi
])
def test_job_numbers_of_every_duty_station(line: str, job: str, processed: tuple[dt.date, ...]) -> None:
    """Each station's form (l10n/data/job_numbers.yaml), in the footer or read among the
    masthead's lines as PDF text may order them."""
    assert footer_fields(line) == (job, processed)
    found = _read(["United Nations", "A/AC.1/L.1", "General Assembly", "Distr.: General", "1 March 2021",
                   "Original: English", line, "Title"], "en")
    assert (found.values["job"], found.values.get("processed", ())) == (job, processed)
    assert found.values["title"] == "Title"


def test_the_title_block_is_kept_whole() -> None:
    """Title, subtitle and the "Report of …" lines after it; the "*" note apart."""
    found = _read(["United Nations", "A/HRC/1/1", "General Assembly", "Distr.: General", "1 March 2021",
                   "Original: English", "Human Rights Council", "First session", "1–5 March 2021",
                   "Annual report of the United Nations High Commissioner for", "Human Rights*", "",
                   "Report of the Secretary-General", "", "Addendum", "",
                   "* The present report was submitted late."], "en")
    assert found.values["title"] == "Annual report of the United Nations High Commissioner for Human Rights*"
    assert found.values["subtitle"] == "Report of the Secretary-General Addendum"
    assert found.notes == [(17, "* The present report was submitted late.")]
    assert found.warnings == [(15, "the title block's lines after the title are kept together as the subtitle: "
                                   "«Report of the Secretary-General Addendum»; divide them if they are not one")]


@pytest.mark.external
def test_the_arabic_example_s_pdf_comes_back_whole(cli, tmp_path: Path) -> None:
    """A right-to-left PDF is read from pdftotext's plain text (INTERFACE §3.8): its
    first-page footer (")V.21-06543 (A" between direction marks) and its meeting line
    ("فيينا، 10-6 أيلول/سبتمبر 2021", the range's figures in visual order) are read, and
    all 12 paragraphs come back (9 did before)."""
    import sys

    from tests.conftest import EXAMPLE

    for name in ("soffice", "pdftotext"):
        tools.require(name)
    out = tmp_path / "pdf"
    done = subprocess.run([sys.executable, "-m", "reportgen.cli", "build", str(EXAMPLE), "-o", str(out),
                           "--lang", "ar", "--pdf"], capture_output=True, text=True, timeout=600)
    assert (done.returncode, done.stderr) == (0, "")
    (out / "ar.docx").unlink()  # the build's, validated by its own tests
    report = tmp_path / "report"
    result = cli("import", str(out / "ar.pdf"), "--lang", "ar", "-o", str(report))
    assert result.code == 0
    imported, problems = read_document(report / "ar.md")
    example, _ = read_document(EXAMPLE / "ar.md")
    assert problems == [] and imported is not None and example is not None
    assert imported.meta == example.meta
    assert [p.number for p in imported.paragraphs()] == list(range(1, 13))
    assert len(imported.blocks) == len(example.blocks)
