"""Finding a term through inflection: each language's matching comes from its data
file (the ``terms`` block), and the forms below are found, or not, as a translator
would expect."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.l10n import LANGUAGES, DataFileError, data_path, load_language_file
from reportgen.l10n.stems import _stemmer, matcher

FOUND = [
    # French: number, the curly apostrophe, capitals; "de", "l'" do not break the term
    ("fr", "droits de l'homme", "les droits de l'homme"),
    ("fr", "droits de l'homme", "le droit de l'homme à"),
    ("fr", "droits de l'homme", "des droits de l’homme et"),
    ("fr", "droits de l'homme", "Déclaration des Droits de l'Homme"),
    ("fr", "droits de l'homme", "droits des hommes"),
    ("fr", "entraide judiciaire", "les demandes d’entraide judiciaire."),
    # Russian: the cases of права человека
    ("ru", "права человека", "права человека"),
    ("ru", "права человека", "в области прав человека"),
    ("ru", "права человека", "по правам человека"),
    ("ru", "права человека", "с правами человека"),
    ("ru", "взаимная правовая помощь", "о взаимной правовой помощи"),
    ("ru", "взаимная правовая помощь", "оказывать взаимную правовую помощь"),
    # Spanish
    ("es", "derechos humanos", "el derecho humano"),
    ("es", "derechos humanos", "los Derechos Humanos"),
    ("es", "asistencia judicial recíproca", "de asistencias judiciales recíprocas"),
    # English
    ("en", "human rights", "Human Right"),
    ("en", "States parties", "a State party to"),
    ("en", "rights of the child", "the rights of a child"),
    # Arabic: vowel marks, tatweel, hamza forms and the article as far as the stemmer goes
    ("ar", "حقوق الإنسان", "حقوق الإنسان"),
    ("ar", "حقوق الإنسان", "حُقُوقُ الإِنْسَانِ"),
    ("ar", "حقوق الإنسان", "حقـوق الإنسان"),
    ("ar", "حقوق الإنسان", "وحقوق الانسان"),
    ("ar", "حقوق الإنسان", "الحقوق للإنسان"),
    # Chinese: a substring, spaces aside
    ("zh", "人权", "保护人权的措施"),
    ("zh", "TRACK门户网站", "利用 TRACK 门户网站"),
    ("zh", "司法协助", "司法 协助请求"),
]

NOT_FOUND = [
    ("fr", "droits de l'homme", "droits humains"),
    ("fr", "droits de l'homme", "droits et libertés de l'homme"),  # not in a row
    ("fr", "droits de l'homme", "les droits de la femme"),
    ("ru", "права человека", "права ребенка"),
    ("ru", "взаимная правовая помощь", "взаимной юридической помощи"),
    ("es", "derechos humanos", "derechos de las personas"),
    ("en", "human rights", "human beings"),
    ("en", "human rights", "human rightsholders"),  # a whole word, not a prefix
    ("en", "States parties", "the parties and States"),  # not in this order
    ("ar", "حقوق الإنسان", "حقوق الطفل"),
    ("zh", "人权", "人道主义"),
]


@pytest.mark.parametrize(("lang", "term", "text"), FOUND)
def test_found_through_inflection(lang: str, term: str, text: str) -> None:
    assert matcher(lang).find(term, text)


@pytest.mark.parametrize(("lang", "term", "text"), NOT_FOUND)
def test_not_found(lang: str, term: str, text: str) -> None:
    assert not matcher(lang).find(term, text)


def test_keys_are_stems_in_a_row() -> None:
    fr = matcher("fr")
    assert fr.key("Droits de l’Homme") == fr.key("droit de l'homme") == " droit homm "
    assert matcher("ru").key("правами человека") == " прав человек "
    assert matcher("zh").key("TRACK 门户网站") == "track门户网站"
    assert fr.key("de la") == ""  # only skipped words: never found
    assert not fr.find("de", "droits de l'homme")


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_language_has_a_usable_matching(code: str) -> None:
    m = matcher(code)
    assert m.key("x") != ""


def _data_with_terms(tmp_path: Path, block: str) -> Path:
    text = data_path("en").read_text(encoding="utf-8")
    new, count = re.subn(r"^terms:\n(  .*\n)+", block, text, flags=re.M)
    assert count == 1
    path = tmp_path / "en.yaml"
    path.write_text(new, encoding="utf-8")
    return path


@pytest.mark.parametrize(("block", "key", "problem"), [
    ("terms:\n  match: lemmas\n", "terms.match", "'lemmas' is not one of ['words', 'substring']"),
    ("terms:\n  match: substring\n  stemmer: english\n", "terms.stemmer", "only for match: words, not 'substring'"),
    ("terms:\n  match: substring\n  skip: [the]\n", "terms.skip", "only for match: words, not 'substring'"),
    ("terms:\n  match: words\n  skip: [of the]\n", "terms.skip[0]", "'of the' is not one word"),
    ("terms:\n  match: words\n  lemmas: true\n", "terms", "unknown keys ['lemmas']"),
    ("other: 1\n", "terms", "required key is missing"),
])
def test_the_loader_validates_the_terms_block(tmp_path: Path, block: str, key: str, problem: str) -> None:
    path = _data_with_terms(tmp_path, block)
    with pytest.raises(DataFileError) as info:
        load_language_file(path)
    assert (info.value.key, info.value.problem) == (key, problem)


def test_an_unknown_stemmer_is_named_with_its_file() -> None:
    with pytest.raises(DataFileError) as info:
        _stemmer("en", "klingon")
    assert info.value.path == str(data_path("en"))
    assert info.value.key == "terms.stemmer"
    assert info.value.problem.startswith("'klingon' is not a snowballstemmer algorithm (arabic, ")
