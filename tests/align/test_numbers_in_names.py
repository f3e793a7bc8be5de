"""Numbers in names are not figures (issue 23): COVID-19 and 2019冠状病毒病, legal
references spelled out in Chinese (第五十四条第一款（c）项) or French (l’article premier),
G20, the 2030 Agenda and ordinal session names compare equal across languages, by the
``numbers_in_names`` data of each language, while a real difference still shows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen import pipeline
from reportgen.align import align_report
from reportgen.align.numbers import comparable, extract_numbers
from reportgen.l10n import LANGUAGES, language
from reportgen.l10n.loader import DataFileError, _check_numbers_in_names
from tests.conftest import EXAMPLE

#: Each group says the same thing in several languages (from UN documents: the seed, the
#: example report, General Assembly and Convention usage): the numbers must compare equal.
SAME: dict[str, list[tuple[str, str]]] = {
    "COVID-19": [
        ("en", "the negative impact of the COVID-19 pandemic on international cooperation"),
        ("en", "the impact of the coronavirus disease 2019 (COVID-19) pandemic on the effectiveness"),
        ("zh", "再次将注意力集中在 2019 冠状病毒病（COVID-19）大流行对刑事事项国际合作有效性的影响上"),  # the seed
        ("zh", "2019冠状病毒病（COVID-19）大流行"),
        ("zh", "鉴于 COVID-19 大流行对国际合作的负面影响"),  # the seed
        ("fr", "l’incidence de la pandémie de maladie à coronavirus 2019 (COVID-19) sur l’efficacité"),
        ("fr", "les effets néfastes de la pandémie de COVID-19"),
        ("es", "el efecto de la pandemia de enfermedad por coronavirus de 2019 (COVID-19) en la eficacia"),
        ("ru", "последствия пандемии коронавирусного заболевания 2019 года (COVID-19) для эффективности"),
        ("ar", "أثر جائحة مرض فيروس كورونا 2019 (كوفيد-19) على فعالية التعاون"),
        ("ar", "لما لجائحة كوفيد-19 من أثر سلبي"),
    ],
    "article 54, paragraph 1 (c)": [
        ("en", "article 54, paragraph 1 (c), of the Convention"),
        ("zh", "《公约》第五十四条第一款（c）项"),
        ("zh", "《公约》第54条第1款(c)项"),
        ("fr", "l’article 54, paragraphe 1 c), de la Convention"),
        ("es", "el artículo 54, párrafo 1 c), de la Convención"),
        ("ru", "подпункт (c) пункта 1 статьи 54 Конвенции"),
    ],
    "paragraph 2 of this article": [("en", "paragraph 2 of this article"), ("zh", "本条第二款"),
                                    ("fr", "le paragraphe 2 du présent article")],
    "article 1": [("en", "article 1 of the Convention"), ("fr", "l’article premier de la Convention"),
                  ("zh", "《公约》第一条")],
    "G20": [("en", "the G20 countries"), ("zh", "二十国集团国家"), ("fr", "les pays du Groupe des Vingt"),
            ("en", "the Group of Twenty")],
    "2030 Agenda": [("en", "the 2030 Agenda for Sustainable Development"), ("zh", "《2030年可持续发展议程》"),
                    ("zh", "《2030年议程》"), ("en", "Agenda 2030"),
                    ("fr", "le Programme de développement durable à l’horizon 2030"), ("es", "la Agenda 2030"),
                    ("ru", "Повестки дня в области устойчивого развития на период до 2030 года"),
                    ("ar", "خطة التنمية المستدامة لعام 2030")],
    "seventy-sixth session": [("en", "at its seventy-sixth session"), ("zh", "大会第七十六届会议"),
                              ("fr", "à sa soixante-seizième session"),
                              ("es", "en su septuagésimo sexto período de sesiones"),
                              ("ru", "на своей семьдесят шестой сессии"), ("ar", "في دورتها السادسة والسبعين")],
    "eighth session": [("en", "the Conference at its eighth session"), ("zh", "缔约国会议第八届会议")],
}


@pytest.mark.parametrize("group", sorted(SAME))
def test_names_and_references_compare_equal(group: str) -> None:
    (lang0, text0), *others = SAME[group]
    want = comparable(extract_numbers(text0, lang0))
    for lang, text in others:
        assert comparable(extract_numbers(text, lang)) == want, (group, lang, text)


def test_what_each_reads() -> None:
    """The name's numbers are masked, nothing else is; a reference's words count, 1 included."""
    read = lambda text, lang: [(str(n.value), n.kind) for n in extract_numbers(text, lang)]  # noqa: E731
    assert read("2019冠状病毒病（COVID-19）大流行造成 3 个月的延误", "zh") == [("3", "digits")]
    assert read("the COVID-19 pandemic of 2020", "en") == [("2020", "digits")]
    assert read("第五十四条第一款（c）项", "zh") == [("54", "reference"), ("1", "reference")]
    assert read("第一次会议", "zh") == [("1", "word")]  # outside a reference, still grammar's 1
    assert comparable(extract_numbers("第一次会议", "zh")) == {}


@pytest.mark.parametrize(("lang", "text", "other", "their"), [
    ("zh", "第五十四条第二款", "en", "article 54, paragraph 1"),
    ("fr", "l’article premier", "en", "article 2"),
    ("zh", "2019冠状病毒病（COVID-19）大流行期间的 12 次会议", "en", "the 13 meetings during the COVID-19 pandemic"),
])
def test_a_real_difference_still_differs(lang: str, text: str, other: str, their: str) -> None:
    assert comparable(extract_numbers(text, lang)) != comparable(extract_numbers(their, other))


def test_every_language_has_its_names_as_data() -> None:
    """The names are data (numbers_in_names in each data file), not an exception list in code."""
    for code in LANGUAGES:
        names = language(code).numbers_in_names.names
        assert any("COVID" in n or "كوفيد" in n for n in names), code


def test_a_pattern_that_does_not_compile_is_refused() -> None:
    with pytest.raises(DataFileError, match=r"numbers_in_names\.names\[1\].*not a regular expression"):
        _check_numbers_in_names("zh.yaml", {"names": ["COVID-19", "第(五"]})


def _edit(folder: Path, lang: str, line: int, old: str, new: str) -> None:
    path = folder / f"{lang}.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1], (lang, line, old)
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def test_the_example_report_with_names_in_other_forms_has_no_number_finding(tmp_path: Path) -> None:
    """The real report (seed): the English original says only "COVID-19" where every
    translation says "coronavirus disease 2019 (COVID-19)", and cites article 54,
    paragraph 1 (c), which the Chinese spells out: no number finding in any version."""
    folder = tmp_path / "report"
    shutil.copytree(EXAMPLE, folder)
    _edit(folder, "en", 29, "coronavirus disease 2019 (COVID-19)", "COVID-19")
    _edit(folder, "en", 35, "In addition, one speaker", "In addition, citing article 54, paragraph 1 (c), of the "
                                                           "Convention, one speaker")
    _edit(folder, "zh", 35, "此外，一位发言者", "此外，一位发言者援引《公约》第五十四条第一款（c）项，")
    _edit(folder, "fr", 35, "En outre, un intervenant", "En outre, citant l’article 54, paragraphe 1 c), de la "
                                                         "Convention, un intervenant")
    result = align_report(pipeline.load(folder).report)
    numbers = [str(f) for f in result.findings if f.check == "number-mismatch" and f.lang in ("zh", "fr")]
    assert numbers == []
    # the others did not get the citation: their paragraph 9 lacks 54 and 1, and says so
    missing = {f.lang: f.message for f in result.findings if f.check == "number-mismatch"}
    assert missing["es"] == "paragraph 9: the original has 1, 54 not found here"
