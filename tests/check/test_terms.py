"""`reportgen check` warns where a version uses a forbidden variant of its term base,
in any inflection, naming the approved term; the rest of check is unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.check.terms import check_version_terms, passages
from reportgen.source.reader import read_document
from reportgen.source.termbase import read_termbase
from tests.align.test_terms import replace_in_line

CSV = """\
en,fr,fr:forbidden,ru,ru:forbidden
mutual legal assistance,entraide judiciaire,assistance juridique mutuelle | aide judiciaire,взаимная правовая помощь,юридическая помощь
human rights,droits de l'homme,droits humains,,
"""

TBX = """\
<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic"><text><body>
<termEntry>
  <langSet xml:lang="en"><tig><term>mutual legal assistance</term></tig></langSet>
  <langSet xml:lang="fr"><tig><term>entraide judiciaire</term></tig>
    <tig><term>assistance juridique mutuelle</term>
      <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></tig></langSet>
</termEntry>
</body></text></martif>
"""


def warnings(err: str) -> list[str]:
    return [line for line in err.splitlines() if ": warning: " in line]


@pytest.mark.parametrize(("name", "text"), [("terms.csv", CSV), ("terms.tbx", TBX)])
def test_a_forbidden_variant_is_a_warning_at_its_line(cli, report_copy, name: str, text: str) -> None:
    src = report_copy()
    (src / name).write_text(text, encoding="utf-8")
    # paragraph 9, line 34, in an inflected form (plural)
    replace_in_line(src / "fr.md", 35, "entraide judiciaire", "assistances juridiques mutuelles")
    result = cli("check", src)
    assert result.code == 0
    assert warnings(result.err) == [
        f'{src}/fr.md:35: warning: forbidden term "assistance juridique mutuelle" (use "entraide judiciaire")']
    assert result.err.splitlines()[-1] == f"{src}: 6 versions (ar, en, es, fr, ru, zh): 0 errors, 1 warning"


def test_the_sources_as_they_are_have_no_forbidden_term(cli, report_copy) -> None:
    src = report_copy()
    (src / "terms.csv").write_text(CSV, encoding="utf-8")
    result = cli("check", src)
    assert (result.code, warnings(result.err)) == (0, [])


def test_forbidden_terms_in_russian_and_in_a_footnote(tmp_path: Path) -> None:
    folder = tmp_path / "report"
    folder.mkdir()
    (folder / "terms.csv").write_text(CSV, encoding="utf-8")
    path = folder / "ru.md"
    path.write_text("---\nsymbol: A/1\ndistribution: general\ndate: 2021-01-01\nlanguage: ru\noriginal: en\n"
                    "organ: Ассамблея\ntitle: Доклад\n---\n\n"
                    "1. Об оказании юридической помощи.[^1]\n\n"
                    "2. О взаимной правовой помощи.\n\n"
                    "[^1]: См. **юридическую помощь** выше.\n", encoding="utf-8")
    doc, diags = read_document(path)
    assert doc is not None and diags == []
    terms, _ = read_termbase(folder)
    assert [str(d) for d in check_version_terms(doc, terms)] == [
        f'{path}:11: warning: forbidden term "юридическая помощь" (use "взаимная правовая помощь")',
        f'{path}:15: warning: forbidden term "юридическая помощь" (use "взаимная правовая помощь")',
    ]
    assert passages(doc) == [(11, "Об оказании юридической помощи."), (15, "См. юридическую помощь выше."),
                             (13, "О взаимной правовой помощи.")]


def test_a_forbidden_term_without_an_approved_one_is_named_alone(tmp_path: Path) -> None:
    folder = tmp_path / "report"
    folder.mkdir()
    (folder / "terms.csv").write_text("en,fr:forbidden\nmutual legal assistance,aide judiciaire\n", encoding="utf-8")
    path = folder / "fr.md"
    path.write_text("---\nsymbol: A/1\ndistribution: general\ndate: 2021-01-01\nlanguage: fr\noriginal: en\n"
                    "organ: Assemblée\ntitle: Rapport\n---\n\n1. Des aides judiciaires.\n", encoding="utf-8")
    doc, _ = read_document(path)
    terms, diags = read_termbase(folder)
    assert diags == []
    assert [str(d) for d in check_version_terms(doc, terms)] == [
        f'{path}:11: warning: forbidden term "aide judiciaire"']
