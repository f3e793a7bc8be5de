"""The term base (terms.tbx, terms.csv): exact entries read back, every error one
PATH:LINE message with the entry left out, and the errors of a report's term base
stopping check and align with exit 2, as a broken documents.yaml does."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.source.termbase import Term, TermBase, TermEntry, read_file, read_termbase

TBX = """\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en">
<martifHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></martifHeader>
<text><body>
<termEntry id="c1">
  <langSet xml:lang="en">
    <tig><term>human rights</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
  </langSet>
  <langSet xml:lang="fr-FR">
    <tig><term>droits de l'homme</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
    <tig><term>droits humains</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
  </langSet>
  <langSet xml:lang="ru">
    <ntig><termGrp><term>права человека</term>
      <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termGrp></ntig>
  </langSet>
</termEntry>
<termEntry id="c2">
  <langSet xml:lang="en"><tig><term>States parties</term></tig></langSet>
  <langSet xml:lang="zh"><tig><term>缔约国</term></tig>
    <tig><term>成员国</term><termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></tig></langSet>
</termEntry>
</body></text>
</martif>
"""

TBX3 = """\
<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
<tbxHeader><fileDesc><sourceDesc><p>v3</p></sourceDesc></fileDesc></tbxHeader>
<text><body>
<conceptEntry id="c1">
  <langSec xml:lang="en"><termSec><term>mutual legal assistance</term>
    <termNote type="administrativeStatus">preferred</termNote></termSec></langSec>
  <langSec xml:lang="es"><termSec><term>asistencia judicial recíproca</term></termSec></langSec>
</conceptEntry>
</body></text>
</tbx>
"""


def write(folder: Path, name: str, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


GERMAN = ('<martif><text><body>\n<termEntry>\n<langSet xml:lang="de"><tig><term>Menschenrechte</term></tig></langSet>\n'
          '<langSet xml:lang="en"><tig><term>human rights</term></tig></langSet>\n</termEntry>\n'
          '<termEntry><langSet xml:lang="en"><tig><term>kept</term></tig></langSet></termEntry>\n</body></text></martif>')


def errors(path: Path) -> list[str]:
    entries, diags = read_file(path)
    assert diags, "an error must be reported"
    assert all(d.severity == "error" for d in diags)
    return [str(d) for d in diags]


def test_tbx_basic_entries_are_read_exactly(tmp_path: Path) -> None:
    path = write(tmp_path, "terms.tbx", TBX)
    entries, diags = read_file(path)
    assert diags == []
    assert entries == [
        TermEntry(path, 6,
                  approved={"en": (Term("human rights", 8),), "fr": (Term("droits de l'homme", 11),),
                            "ru": (Term("права человека", 15),)},
                  forbidden={"fr": (Term("droits humains", 12),)}),
        TermEntry(path, 19,
                  approved={"en": (Term("States parties", 20),), "zh": (Term("缔约国", 21),)},
                  forbidden={"zh": (Term("成员国", 22),)}),
    ]
    assert entries[0].terms("fr") == ("droits de l'homme",)
    assert entries[0].terms("es") == ()


def test_tbx_v3_is_read_by_local_names(tmp_path: Path) -> None:
    path = write(tmp_path, "terms.tbx", TBX3)
    assert read_file(path) == ([TermEntry(path, 5, approved={
        "en": (Term("mutual legal assistance", 6),), "es": (Term("asistencia judicial recíproca", 8),)})], [])


def test_csv_entries_are_read_exactly(tmp_path: Path) -> None:
    text = ("\ufeffid,en,fr,fr:forbidden,ru,note\n"
            "1,human rights,droits de l'homme,droits humains | droits humains,права человека,UDHR\n"
            "\n"
            "2,States parties,\"États parties | États Parties\",,,\"a note, with a comma\"\n"
            ",,,,,\n"
            "3,,entraide judiciaire,,,\n")
    path = write(tmp_path, "terms.csv", text)
    entries, diags = read_file(path)
    assert diags == []
    assert entries == [
        TermEntry(path, 2, approved={"en": (Term("human rights", 2),), "fr": (Term("droits de l'homme", 2),),
                                     "ru": (Term("права человека", 2),)},
                  forbidden={"fr": (Term("droits humains", 2),)}),
        TermEntry(path, 4, approved={"en": (Term("States parties", 4),),
                                     "fr": (Term("États parties", 4), Term("États Parties", 4))}),
        TermEntry(path, 6, approved={"fr": (Term("entraide judiciaire", 6),)}),
    ]


def test_csv_from_a_spreadsheet_in_a_french_locale_uses_semicolons(tmp_path: Path) -> None:
    path = write(tmp_path, "terms.csv", "en;zh-CN;note\r\nhuman rights;人权;a, b\r\n")
    assert read_file(path) == ([TermEntry(path, 2, approved={"en": (Term("human rights", 2),),
                                                             "zh": (Term("人权", 2),)})], [])


@pytest.mark.parametrize(("text", "expected"), [
    ('<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>a</tig>',
     ["{path}:1: not well-formed XML: Opening and ending tag mismatch: term line 1 and tig"]),
    ("<martif>\n<text>\n", ["{path}:3: not well-formed XML: Premature end of data in tag text line 2"]),
    ("<tmx><body/></tmx>\n", ["{path}:1: not a TBX file: the root element is <tmx> (expected <martif> or <tbx>)"]),
    (GERMAN, ["{path}:3: unknown language code 'de' (expected one of: ar, en, es, fr, ru, zh)"]),
    ('<martif><text><body>\n<termEntry>\n<langSet xml:lang="en"/>\n</termEntry>\n</body></text></martif>',
     ["{path}:2: term entry has no terms"]),
    ('<martif><text><body>\n<termEntry>\n<langSet xml:lang="en"><tig>\n<term> </term>\n</tig></langSet>\n'
     '</termEntry>\n</body></text></martif>',
     ["{path}:4: empty term"]),
    ('<martif><text><body>\n<termEntry>\n<langSet><tig><term>a</term></tig></langSet>\n'
     '</termEntry>\n</body></text></martif>',
     ["{path}:3: <langSet> has no xml:lang"]),
    ('<martif><text><body>\n<termEntry>\n<langSet xml:lang="en"><tig><term>a</term>\n'
     '<termNote type="administrativeStatus">obsolete</termNote></tig></langSet>\n</termEntry>\n</body></text></martif>',
     ["{path}:4: unknown administrative status 'obsolete' (expected preferredTerm-admn-sts, "
      "admittedTerm-admn-sts, deprecatedTerm-admn-sts or supersededTerm-admn-sts)"]),
])
def test_tbx_errors(tmp_path: Path, text: str, expected: list[str]) -> None:
    path = write(tmp_path, "terms.tbx", text)
    assert errors(path) == [e.format(path=path) for e in expected]


def test_a_bad_tbx_entry_is_left_out_and_the_others_kept(tmp_path: Path) -> None:
    path = write(tmp_path, "terms.tbx", GERMAN)
    entries, _ = read_file(path)
    assert [e.terms("en") for e in entries] == [("kept",)]


@pytest.mark.parametrize(("text", "expected"), [
    ("en,fr,note\nhuman rights,droits de l'homme,\n,,just a note\n", ["{path}:3: row has no terms"]),
    ("en,fr\nhuman rights,droits de l'homme |\n",
     ["{path}:2: empty term in column 'fr' (terms in a cell are separated by '|')"]),
    ("en,fr:forbidden\nhuman rights,| droits humains\n",
     ["{path}:2: empty term in column 'fr:forbidden' (terms in a cell are separated by '|')"]),
    ("en,de:forbidden\nhuman rights,Menschenrechte\n",
     ["{path}:1: unknown language code 'de' in column 'de:forbidden' (expected one of: ar, en, es, fr, ru, zh)"]),
    ("id,note\n1,x\n", ["{path}:1: the header row names no language column (ar, en, es, fr, ru, zh)"]),
    ("en,fr,EN\na,b,c\n", ["{path}:1: column 'EN' is given twice"]),
    ("\n\n", ["{path}: the term base is empty (expected a header row of language codes)"]),
])
def test_csv_errors(tmp_path: Path, text: str, expected: list[str]) -> None:
    path = write(tmp_path, "terms.csv", text)
    assert errors(path) == [e.format(path=path) for e in expected]


def test_csv_blank_rows_are_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, "terms.csv", "en,fr\n,\n\"\"\n\nhuman rights,\n")
    assert read_file(path) == ([TermEntry(path, 5, approved={"en": (Term("human rights", 5),)})], [])


def test_csv_lines_count_quoted_line_breaks(tmp_path: Path) -> None:
    path = write(tmp_path, "terms.csv", 'en,fr\n"human\nrights",droits\n,,\nx | ,y\n')
    entries, diags = read_file(path)
    assert [str(d) for d in diags] == [f"{path}:5: empty term in column 'en' (terms in a cell are separated by '|')"]
    assert entries == [TermEntry(path, 2, approved={"en": (Term("human rights", 2),), "fr": (Term("droits", 2),)})]


def test_csv_that_is_not_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, "terms.csv", "en,fr\nhuman rights,droits\n".encode() + b"a,\xe9\n")
    assert errors(path) == [f"{path}:3: file is not valid UTF-8"]


def test_project_wide_and_report_term_bases_are_merged(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shared = write(sources, "terms.csv", "en,fr\nhuman rights,droits humains\nStates parties,États parties\n")
    mine = write(sources / "report", "terms.tbx", TBX)
    terms, diags = read_termbase(sources / "report")
    assert diags == []
    assert terms.files == (shared, mine)
    # the report's "human rights" entry replaces the project's; "States parties" too (same en term)
    assert [(e.path, e.line) for e in terms.entries] == [(mine, 6), (mine, 19)]
    write(sources, "terms.csv", "en,fr\nhuman rights,droits humains\nStates party,État partie\n")
    terms, _ = read_termbase(sources / "report")
    assert [(e.path, e.line) for e in terms.entries] == [(shared, 3), (mine, 6), (mine, 19)]


def test_no_term_base_is_an_empty_one(tmp_path: Path) -> None:
    (tmp_path / "report").mkdir()
    terms, diags = read_termbase(tmp_path / "report")
    assert (terms, diags) == (TermBase(), [])
    assert not terms


# -- through the commands ---------------------------------------------------------------

BROKEN = '<martif><text><body>\n<termEntry>\n<langSet xml:lang="de"><tig><term>x</term></tig></langSet>\n' \
         '</termEntry>\n</body></text></martif>\n'


@pytest.mark.parametrize("command", [["check"], ["align", "--format", "json"]])
def test_a_broken_term_base_stops_check_and_align_with_exit_2(cli, report_copy, command: list[str]) -> None:
    src = report_copy()
    path = write(src, "terms.tbx", BROKEN)
    result = cli(command[0], src, *command[1:])
    assert (result.code, result.out) == (2, "")
    assert result.err.splitlines() == [
        f"{path}:3: unknown language code 'de' (expected one of: ar, en, es, fr, ru, zh)"]


def test_a_broken_project_wide_term_base_stops_check(cli, report_copy) -> None:
    src = report_copy()
    path = write(src.parent, "terms.csv", "en,fr\nhuman rights,|\n")
    result = cli("check", src)
    assert result.code == 2
    assert result.err.splitlines() == [
        f"{path}:2: empty term in column 'fr' (terms in a cell are separated by '|')"]


def test_the_folder_scan_is_silent_about_term_bases(cli, report_copy) -> None:
    src = report_copy()
    write(src, "terms.tbx", TBX)
    write(src, "terms.csv", "en,fr\nhuman rights,droits de l'homme\n")
    result = cli("check", src)
    assert result.code == 0
    assert "terms." not in result.err
    assert result.err.splitlines()[-1] == f"{src}: 6 versions (ar, en, es, fr, ru, zh): 0 errors, 0 warnings"
