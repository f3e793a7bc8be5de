"""Front matter as real authors type it, in several languages (issue 19): a symbol that
is not one, a job number of any duty station, source syntax in printed text, and YAML's
errors in plain words with the fix. End to end through the CLI: ``build`` refuses with
exit 2, the exact ``PATH:LINE: message`` lines and nothing written; ``check`` reports."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from reportgen.importer.masthead import JOB, footer_fields
from reportgen.l10n import jobs
from reportgen.l10n.loader import DataFileError
from reportgen.render.docx.barcode import barcode_png, barcode_text
from reportgen.resolve import symbol_problem
from tests.render.test_footer import _first_footer, decode_code39, decode_png_row
from tests.support.docx_read import NS, Docx

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"
ADVICE = "write it as issued, e.g. A/AC.1/2024/L.1"
JOBS = ("write it as printed in the footer, e.g. 21-12345 (New York), GE.21-12345 (Geneva), V.21-12345 (Vienna) "
        "or K2112345 (Nairobi)")
PRINTED = ("which front matter does not resolve: front matter is printed as written; write the text itself "
           "(a reference or formatting belongs in the body)")
INDENT = "indent with spaces, and write one 'key: value' per line"
CLOSE = "close the front matter with a line '---'"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"


@pytest.fixture
def report(tmp_path: Path) -> Path:
    """The minimal report (en original, zh, ar), to be edited by each test."""
    return Path(shutil.copytree(MINIMAL, tmp_path / "r"))


def edit(report: Path, lang: str, old: str, new: str) -> Path:
    path = report / f"{lang}.md"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def edit_all(report: Path, old: str, new: str) -> dict[str, Path]:
    return {lang: edit(report, lang, old, new) for lang in ("en", "zh", "ar")}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def refused(cli, report: Path, out: Path, expected: list[str]) -> None:
    """``build`` exits 2 with exactly ``expected`` on stderr, writes nothing, changes no source."""
    before = snapshot(report)
    result = cli("build", report, "-o", out)
    assert (result.code, result.err.splitlines(), result.out) == (2, expected, "")
    assert not out.exists()
    assert snapshot(report) == before


# --- symbol ----------------------------------------------------------------------------


def test_a_symbol_that_is_no_symbol_is_refused_in_every_version(cli, report: Path, tmp_path: Path) -> None:
    paths = edit_all(report, "symbol: A/AC.123/2024/L.2/Add.3", "symbol: see below")
    refused(cli, report, tmp_path / "out", [
        f"{paths[lang]}:2: 'symbol' value 'see below' is not a UN document symbol: {ADVICE}"
        for lang in ("ar", "en", "zh")])


def test_a_near_symbol_in_the_chinese_version_says_what_is_wrong(cli, report: Path, tmp_path: Path) -> None:
    zh = edit(report, "zh", "symbol: A/AC.123/2024/L.2/Add.3", "symbol: CAC/COSP/WG.2/2021/")
    refused(cli, report, tmp_path / "out", [
        f"{zh}:2: 'symbol' value 'CAC/COSP/WG.2/2021/' is not a UN document symbol (it ends with '/'): {ADVICE}",
        f"{zh}:2: 'symbol' is 'CAC/COSP/WG.2/2021/' here but 'A/AC.123/2024/L.2/Add.3' in en.md",
    ])


def test_check_refuses_a_bad_symbol_in_the_arabic_version(cli, report: Path) -> None:
    paths = edit_all(report, "symbol: A/AC.123/2024/L.2/Add.3", "symbol: A/75/")
    result = cli("check", report)
    assert result.code == 1
    errors = [line for line in result.err.splitlines() if ": warning: " not in line and ": info: " not in line]
    assert errors[:-1] == [
        f"{paths[lang]}:2: 'symbol' value 'A/75/' is not a UN document symbol (it ends with '/'): {ADVICE}"
        for lang in ("ar", "en", "zh")]
    assert errors[-1].startswith(f"{report}: 3 versions (ar, en, zh): 3 errors, ")


@pytest.mark.parametrize("command, code", [
    ("refs {report}", 2), ("align {report}", 1), ("review {report} --lang zh -o {tmp}/review.docx", 0),
    ("tmx {report} -o {tmp}/memory.tmx", 0), ("xliff export {report} --lang zh -o {tmp}/zh.xlf", 2),
    ("diff {report} {report} -o {tmp}/diff", 2),
])
def test_every_command_that_reads_a_report_reports_a_bad_symbol(cli, report: Path, tmp_path: Path,
                                                                command: str, code: int) -> None:
    """``align``, ``review`` and ``tmx`` go on with a version that has errors, as they do
    with a numbering gap; each says what is wrong."""
    paths = edit_all(report, "symbol: A/AC.123/2024/L.2/Add.3", "symbol: TBD")
    result = cli(*command.format(report=report, tmp=tmp_path).split())
    assert result.code == code, result.err
    assert f"{paths['zh']}:2: 'symbol' value 'TBD' is not a UN document symbol: {ADVICE}" in result.err.splitlines()


@pytest.mark.parametrize("symbol", ["S/RES/2532 (2020)", "A/AC.123/2024/L.2/Add.3*"])
def test_symbols_as_issued_build_and_are_printed_as_written(cli, report: Path, tmp_path: Path, symbol: str) -> None:
    edit_all(report, "symbol: A/AC.123/2024/L.2/Add.3", f"symbol: {symbol}")
    result = cli("build", report, "-o", tmp_path / "out")
    assert result.code == 0, result.err
    assert symbol in Docx(tmp_path / "out" / "zh.docx").masthead_cells()[0][-1]


@pytest.mark.parametrize("text, why", [
    ("A/75/1", None), ("S/RES/2532 (2020)", None), ("A/75/1*", None),
    ("see below", ""), ("A/1", ""),
    ("CAC/COSP/WG.2/2021/", " (it ends with '/')"),
    ("A//75/1", " (it has an empty part between '//')"),
    ("A/75/1/Add.", " ('Add.' lacks its number)"),
    ("A/RES/217(III", " (a parenthesis is not closed)"),
    ("A／75／1", " (it is typed in full-width characters: use '/' and ASCII letters and digits)"),
    ("A/٧٥/١", " (it has digits other than 0-9)"),
    ("A/ES‑10/1", " (it has a dash where a symbol has '-')"),
    ("a/75/1", " (it has lower-case letters where a symbol has capitals)"),
    ("A /75/1", " (it has a space inside)"),
    ("A/75/1, A/75/2", " (it holds more than one symbol: give this document's own)"),
    ("A/75/1 (draft)", " (only 'A/75/1' of it is a symbol)"),
])
def test_symbol_problem_says_what_the_grammar_can_tell(text: str, why: str | None) -> None:
    expected = None if why is None else f"is not a UN document symbol{why}: {ADVICE}"
    assert symbol_problem(text) == expected


# --- job numbers -----------------------------------------------------------------------


@pytest.mark.parametrize("job, digits", [("21-12345", "2112345"), ("GE.19-13879", "1913879"),
                                         ("V.21-06543", "2106543"), ("K1401052", "1401052")])
def test_every_duty_stations_job_number_builds_with_its_barcode(cli, report: Path, tmp_path: Path,
                                                                job: str, digits: str) -> None:
    edit_all(report, "job: 24-01234", f"job: {job}\nprocessed: 2024-03-02")
    result = cli("build", report, "-o", tmp_path / "out")
    assert result.code == 0, result.err
    docx = Docx(tmp_path / "out" / "zh.docx")
    assert docx.headers_footers()["footer:first"] == f"{job} (C)  020324\n\n   \n"  # then the pictures
    part = _first_footer(docx)
    blip = docx.xml(part).find(".//w:drawing//a:blip", {**NS, "a": "http://schemas.openxmlformats.org/drawingml/2006/main"})
    png = docx.parts["word/" + docx.rels(part)[blip.get(R_EMBED)][1]]
    assert decode_code39(decode_png_row(png)[2]) == f"*{digits}*"


def test_a_malformed_job_number_in_the_arabic_version_names_every_form(cli, report: Path, tmp_path: Path) -> None:
    ar = edit(report, "ar", "job: 24-01234", "job: V-1234")
    refused(cli, report, tmp_path / "out", [f"{ar}:14: 'job' value 'V-1234' is not a job number: {JOBS}"])


@pytest.mark.parametrize("job, station", [("21-12345", "New York"), ("GE.21-12345", "Geneva"),
                                          ("V.21-12345", "Vienna"), ("K2112345", "Nairobi")])
def test_each_stations_form_is_accepted(job: str, station: str) -> None:
    assert jobs.job_form(job) == station
    assert jobs.job_digits(job) == "2112345"


@pytest.mark.parametrize("job", ["V-1234", "GE-21-12345", "GE.2112345", "G.21-12345", "K21-12345", "k2112345",
                                 "K211234", "V.21-1234", "21-123456", "2112345", " 21-12345", "٢١-١٢٣٤٥",
                                 "NY.21-12345", "V.21-12345 (E)"])
def test_near_misses_are_no_stations_form(job: str) -> None:
    assert (jobs.job_form(job), jobs.job_digits(job)) == (None, None)


@pytest.mark.parametrize("line, job, processed", [
    ("GE.19-13879(E)", "GE.19-13879", ()),                                    # A/HRC/WG.6/34/ITA/3, English
    ("GE.19-13879 (R) 210819 230819", "GE.19-13879", ((2019, 8, 21), (2019, 8, 23))),  # the same, Russian
    ("K1401052 180614", "K1401052", ((2014, 6, 18),)),                        # UNEP/EA.1/7/Add.1
    ("19-10268 (E) *1910268*", "19-10268", ()),
    ("V.21-06543 (C)  070921  080921", "V.21-06543", ((2021, 9, 7), (2021, 9, 8))),
])
def test_the_importer_reads_every_stations_form_in_a_footer(line: str, job: str, processed: tuple) -> None:
    assert footer_fields(line) == (job, tuple(dt.date(*d) for d in processed))
    assert JOB.match(line) is not None
    assert footer_fields("X.21-12345 (E)") is None and JOB.match("X.21-12345") is None


def test_the_examples_in_messages_come_from_the_table() -> None:
    assert [f.station for f in jobs.JOB_FORMS] == ["New York", "Geneva", "Vienna", "Nairobi"]
    assert f"e.g. {jobs.JOB_EXAMPLES}" in JOBS


@pytest.mark.parametrize("job, text", [("21-12345", "*2112345*"), ("GE.19-13879", "*1913879*"),
                                       ("V.21-06543", "*2106543*"), ("K1401052", "*1401052*")])
def test_barcode_encodes_the_digits_of_every_form(job: str, text: str) -> None:
    assert barcode_text(job) == text
    assert decode_code39(decode_png_row(barcode_png(job))[2]) == text


def test_a_barcode_of_no_stations_form_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="'V-1234' is not a job number"):
        barcode_text("V-1234")


@pytest.mark.parametrize("body, problem", [
    ("stations: {X: {pattern: '{YY}-{NNNNN}', example: '21-1234'}}", "does not match"),
    ("stations: {X: {pattern: '{YY}{NNNNN}', example: '2112345'}, Y: {pattern: '{NNNNN}{YY}', example: '1234521'}}",
     "also matches the form of"),
    ("stations: {X: {pattern: '{YY}-{N}', example: '21-1'}}", "unknown placeholder '{N}'"),
    ("stations: {X: {pattern: 'K{YY}', example: 'K21'}}", "{YY} and {NNNNN} once each"),
    ("stations: {X: {pattern: 'K{YY}{NNNNN}'}}", "exactly 'pattern' and 'example'"),
    ("stations: []", "expected a mapping of duty stations"),
])
def test_a_broken_job_table_fails_on_load(tmp_path: Path, body: str, problem: str) -> None:
    path = tmp_path / "job_numbers.yaml"
    path.write_text(body + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=problem.replace("{", r"\{").replace("}", r"\}")):
        jobs.load(path)


# --- source syntax in printed text -----------------------------------------------------


def test_a_reference_in_a_chinese_title_is_refused(cli, report: Path, tmp_path: Path) -> None:
    zh = edit(report, "zh", "title: 报告草稿", "title: 关于@mandate的报告草稿")
    refused(cli, report, tmp_path / "out", [f"{zh}:8: 'title' contains '@mandate', {PRINTED}"])


def test_formatting_and_body_syntax_in_front_matter_are_each_refused(cli, report: Path, tmp_path: Path) -> None:
    en = edit(report, "en", "subtitle: Addendum\nmeeting: Third session\nvenue: New York",
              "subtitle: \"*Addendum*\"\nmeeting: Third session[^1]\nvenue: <b>New York</b>")
    edit(report, "en", 'agenda: "Agenda item 4: Adoption of the report"',
         'agenda:\n  - "Item 4: {#adoption} Adoption"\n  - See [the note](https://un.org)')
    refused(cli, report, tmp_path / "out", [
        f"{en}:9: 'subtitle' contains '*Addendum*', {PRINTED}",
        f"{en}:10: 'meeting' contains '[^1]', {PRINTED}",
        f"{en}:11: 'venue' contains '<b>', {PRINTED}",
        f"{en}:11: 'venue' contains '</b>', {PRINTED}",
        f"{en}:14: 'agenda' contains '{{#adoption}}', {PRINTED}",
        f"{en}:15: 'agenda' contains '[the note](https://un.org)', {PRINTED}",
    ])


def test_text_that_only_looks_like_syntax_is_printed_as_written(cli, report: Path, tmp_path: Path) -> None:
    edit(report, "en", "title: Draft report", 'title: "Report: draft"')
    edit(report, "en", "subtitle: Addendum", "subtitle: Addendum*")
    edit(report, "en", "meeting: Third session", "meeting: Third session (a), see A/RES/75/1 or write to x@un.org")
    result = cli("build", report, "-o", tmp_path / "out")
    assert result.code == 0, result.err
    texts = [p.text for p in Docx(tmp_path / "out" / "en.docx").paragraphs()]
    for printed in ("Report: draft", "Addendum*", "Third session (a), see A/RES/75/1 or write to x@un.org"):
        assert printed in texts


# --- YAML errors in plain words --------------------------------------------------------


def test_an_unquoted_colon_in_a_title_says_to_quote_it(cli, report: Path, tmp_path: Path) -> None:
    en = edit(report, "en", "title: Draft report", "title: Report: draft")
    refused(cli, report, tmp_path / "out", [
        f"{en}:8: invalid YAML front matter: the value of 'title' contains ': ': put the value in quotes, "
        'title: "Report: draft"'])


def test_an_unquoted_arabic_agenda_line_with_a_colon(cli, report: Path, tmp_path: Path) -> None:
    ar = edit(report, "ar", 'agenda: "البند 4 من جدول الأعمال: اعتماد التقرير"',
              "agenda: البند 4 من جدول الأعمال: اعتماد التقرير")
    refused(cli, report, tmp_path / "out", [
        f"{ar}:13: invalid YAML front matter: the value of 'agenda' contains ': ': put the value in quotes, "
        'agenda: "البند 4 من جدول الأعمال: اعتماد التقرير"'])


def test_an_agenda_item_with_a_colon_is_not_taken_for_a_mapping(cli, report: Path, tmp_path: Path) -> None:
    en = edit(report, "en", 'agenda: "Agenda item 4: Adoption of the report"',
              "agenda:\n  - Agenda item 4: Adoption of the report")
    refused(cli, report, tmp_path / "out", [
        f"{en}:14: 'agenda' item 'Agenda item 4: Adoption of the report' contains ': ': put it in quotes, "
        '- "Agenda item 4: Adoption of the report"'])


@pytest.mark.parametrize("value, start", [("@mandate report", "@"), ("*draft* report", "*"), ("`x` report", "`"),
                                          ("%x report", "%"), ("| x report", "|"), ("> x report", ">")])
def test_a_value_starting_with_a_reserved_character(cli, report: Path, tmp_path: Path, value: str, start: str) -> None:
    zh = edit(report, "zh", "title: 报告草稿", f"title: {value}")
    refused(cli, report, tmp_path / "out", [
        f"{zh}:8: invalid YAML front matter: the value of 'title' starts with '{start}', which YAML reserves: "
        f'put the value in quotes, title: "{value}"'])


@pytest.mark.parametrize("value, message", [
    ("&x report", "'title' starts with '&', which YAML reads as an anchor: put the value in quotes, "
                  'title: "&x report"'),
    ("!x report", "'title' starts with '!x', which YAML reads as a tag: put the value in quotes, "
                  'title: "!x report"'),
    ("[Draft] report", "invalid YAML front matter: the value of 'title' starts with '[' and goes on after it: "
                       'put the value in quotes, title: "[Draft] report"'),
    ("'Draft' report", "invalid YAML front matter: the value of 'title' starts with a quoted part and goes on "
                       "after it: put the value in quotes, title: \"'Draft' report\""),
    ("{Draft report", "invalid YAML front matter: the value of 'title' starts with '{', which YAML reads as a "
                      "mapping, and it is not closed: end it with '}', or put the value in quotes if it is text"),
    ('"Draft report', "invalid YAML front matter: the quoted value of 'title' is not closed: end it with \""),
    ("'Draft report", "invalid YAML front matter: the quoted value of 'title' is not closed: end it with '"),
])
def test_values_yaml_would_change_or_cannot_read(cli, report: Path, tmp_path: Path, value: str, message: str) -> None:
    en = edit(report, "en", "title: Draft report", f"title: {value}")
    refused(cli, report, tmp_path / "out", [f"{en}:8: {message}"])


@pytest.mark.parametrize("old, new, line, message", [
    ("agenda: \"Agenda item 4: Adoption of the report\"", "agenda:\n  - Item 4\n - Item 5", 15,
     f"this line does not line up with the lines before it: {INDENT}"),
    ("venue: New York", "venue: New York\n  dates2: x", 12, f"this line does not line up with the lines before it: {INDENT}"),
    ("venue: New York", "venue: New York\nthe session was held in New York", 12,
     f"this line is not a 'key: value' line: {INDENT}"),
])
def test_bad_indentation_says_indent_with_spaces(cli, report: Path, tmp_path: Path, old: str, new: str, line: int,
                                                 message: str) -> None:
    ru = edit(report, "en", old, new)
    refused(cli, report, tmp_path / "out", [f"{ru}:{line}: invalid YAML front matter: {message}"])


@pytest.mark.parametrize("closing", ["--", "----", "— — —", "--- end of front matter"])
def test_a_closing_line_almost_dashes_is_named(cli, report: Path, tmp_path: Path, closing: str) -> None:
    zh = edit(report, "zh", "job: 24-01234\n---\n", f"job: 24-01234\n{closing}\n")
    refused(cli, report, tmp_path / "out", [
        f"{zh}:15: front matter is not closed: '{closing}' is not a closing line: {CLOSE}"])


def test_an_almost_closing_line_before_a_later_rule_is_named(cli, report: Path, tmp_path: Path) -> None:
    en = edit(report, "en", "job: 24-01234\n---\n", "job: 24-01234\n--\n")
    with en.open("a", encoding="utf-8") as file:  # a rule at the end closes the YAML
        file.write("\n---\n")
    refused(cli, report, tmp_path / "out", [f"{en}:15: invalid YAML front matter: '--' is not a closing line: {CLOSE}"])


def test_a_missing_closing_line_points_at_the_body(cli, report: Path, tmp_path: Path) -> None:
    ar = edit(report, "ar", "job: 24-01234\n---\n", "job: 24-01234\n")
    refused(cli, report, tmp_path / "out", [
        f"{ar}:16: front matter is not closed: the body starts here: {CLOSE} before this line"])


def test_a_missing_closing_line_before_a_later_rule_points_at_the_body(cli, report: Path, tmp_path: Path) -> None:
    en = edit(report, "en", "job: 24-01234\n---\n", "job: 24-01234\n")
    with en.open("a", encoding="utf-8") as file:  # a rule at the end closes the YAML
        file.write("\n---\n")
    refused(cli, report, tmp_path / "out", [
        f"{en}:16: invalid YAML front matter: the body starts here: {CLOSE} before this line"])


def test_dots_mid_way_are_not_the_end_of_the_front_matter(cli, report: Path, tmp_path: Path) -> None:
    en = edit(report, "en", "dates: [2024-02-26, 2024-03-01]\n", "...\ndates: [2024-02-26, 2024-03-01]\n")
    refused(cli, report, tmp_path / "out", [
        f"{en}:12: front matter is not closed: '...' ends it here, but front matter keys follow; {CLOSE} after "
        "the last key"])


def test_a_documents_registry_gets_the_same_advice(cli, report: Path, tmp_path: Path) -> None:
    registry = report / "documents.yaml"
    registry.write_text("A/AC.123/2024/1:\n  title:\n    en: Report: draft\n", encoding="utf-8")
    refused(cli, report, tmp_path / "out", [
        f"{registry}:3: invalid YAML: the value of 'en' contains ': ': put the value in quotes, en: \"Report: draft\""])


@pytest.mark.parametrize("front, line, message", [
    ("title: x\n@y", 3, "a value on this line starts with '@', which YAML reserves: put the value in quotes"),
    ("agenda:\n  - Item 4: a: b", 3, "this list item contains ': ': put it in quotes, - \"Item 4: a: b\""),
    ("title: 'It''s\norgan: O", 2, "the quoted value of 'title' is not closed: end it with '"),
    ('title: "x\\qy"', 2, "found unknown escape character 'q'"),  # no slip of the kinds above: ruamel's words
])
def test_yaml_errors_without_a_key_to_name(tmp_path: Path, front: str, line: int, message: str) -> None:
    from reportgen.source import frontmatter

    path = tmp_path / "en.md"
    _meta, diagnostics = frontmatter.parse(path, frontmatter.split(path, f"---\n{front}\n---\n"))
    assert [(d.line, d.message) for d in diagnostics] == [(line, f"invalid YAML front matter: {message}")]
