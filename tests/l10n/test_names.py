"""Country, territory and language names from CLDR as lexicon concepts
(reportgen/l10n/names.py, the ``names`` block of data/lexicon.yaml): the UN's sentences
name the same States in all six languages; Russian case forms, Arabic clitics and
Chinese compounds; the words that only look like a name; the block's errors; and the
real A/HRC/WG.6/34/ITA/3 in English and Russian (../shared/realdocs)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from reportgen.l10n import DataFileError, LANGUAGES
from reportgen.l10n.lexicon import _parse, lexicon
from tests.support.shared import require_shared


def names(code: str, text: str) -> Counter:
    return Counter({k: v for k, v in lexicon(code).concepts(text).items() if ":" in k})


# One sentence of a UN report in its six official versions, with the UN's names of the
# States (the Russian Federation, not CLDR's "Russia"; 美利坚合众国, not 美国).
STATEMENTS = {
    "en": "Statements were made by the representatives of the Russian Federation, Italy, Iran (Islamic Republic "
          "of), Côte d'Ivoire, the Republic of Korea and the United States of America.",
    "fr": "Des déclarations ont été faites par les représentants de la Fédération de Russie, de l’Italie, de la "
          "République islamique d’Iran, de la Côte d’Ivoire, de la République de Corée et des États-Unis d’Amérique.",
    "es": "Formularon declaraciones los representantes de la Federación de Rusia, Italia, la República Islámica "
          "del Irán, Côte d’Ivoire, la República de Corea y los Estados Unidos de América.",
    "ru": "С заявлениями выступили представители Российской Федерации, Италии, Исламской Республики Иран, "
          "Кот-д’Ивуара, Республики Корея и Соединенных Штатов Америки.",
    "zh": "俄罗斯联邦、意大利、伊朗伊斯兰共和国、科特迪瓦、大韩民国和美利坚合众国的代表发了言。",
    "ar": "وأدلى ببيانات ممثلو الاتحاد الروسي وإيطاليا وجمهورية إيران الإسلامية وكوت ديفوار وجمهورية كوريا "
          "والولايات المتحدة الأمريكية.",
}


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_same_states_in_every_language(code: str) -> None:
    assert names(code, STATEMENTS[code]) == Counter(
        {"territory:RU": 1, "territory:IT": 1, "territory:IR": 1, "territory:CI": 1, "territory:KR": 1,
         "territory:US": 1})


@pytest.mark.parametrize("code, text, expected", [
    # Russian: every case form of every word (the stem and its ending)
    ("ru", "в Италии, Италию, Италией", {"territory:IT": 3}),
    ("ru", "Соединенным Штатам и Российской Федерацией", {"territory:US": 1, "territory:RU": 1}),
    ("ru", "на английском и китайском языках", {"language:en": 1, "language:zh": 1}),
    ("ru", "из Китая в Индию", {"territory:CN": 1, "territory:IN": 1}),
    # … and the words that start like a name: самоубийство (Самоа), Комиссар (коми),
    # кризис (кри "Cree"), первый (Перу), индивидуальный (Индия), того (Того), малых (Мали)
    ("ru", "самоубийство Комиссар кризис первый индивидуальный того малых", {}),
    # English: a short name is a whole word (Iran, not Iranian; Lao, not labour)
    ("en", "Iran and the Lao People's Democratic Republic", {"territory:IR": 1, "territory:LA": 1}),
    ("en", "Iranian labour in Latin America", {}),
    ("en", "in English and French", {"language:en": 1, "language:fr": 1}),
    # French: after an elided article, typographic or typed apostrophe
    ("fr", "d’Italie et d'Italie", {"territory:IT": 2}),
    # Chinese: a name inside a longer word that is not it
    ("zh", "发展中国家和中国", {"territory:CN": 1}),
    ("zh", "非法国际贩运", {}),
    # Arabic: the conjunction and the preposition li- that absorbs the article
    ("ar", "والصين وللصين", {"territory:CN": 2}),
    ("ar", "الدعم المالي", {}),  # مالي "financial", not Mali
])
def test_names_in_running_text(code: str, text: str, expected: dict[str, int]) -> None:
    assert names(code, text) == Counter(expected)


def test_a_concept_of_the_lexicon_wins_over_a_name() -> None:
    # CLDR lists the United Nations as a "territory"; the lexicon has it as a concept
    assert lexicon("en").concepts("the United Nations") == Counter({"united-nations": 1})


@pytest.mark.parametrize("block, message", [
    ("names: [territories]", "lexicon.yaml: names: expected a mapping"),
    ("names: {kinds: [cities]}", "lexicon.yaml: names.kinds: expected a list of territories, languages"),
    ("names: {whole_word_below: many}", "lexicon.yaml: names.whole_word_below: expected a whole number of letters"),
    ("names: {stem_endings: {ru: {strip: ая}}}",
     "lexicon.yaml: names.stem_endings.ru: expected 'strip' and 'endings' (letters), 'keep' and 'most' (numbers)"),
    ('names: {leave_out: {xx: ["territory:IT"]}}', "lexicon.yaml: names.leave_out: expected language codes (or '*')"),
    ("names: {shields: {zh: [1]}}", "lexicon.yaml: names.shields.zh: expected a list of texts"),
    ('names: {aliases: {"country:IT": {en: [Italia]}}}',
     "lexicon.yaml: names.aliases.country:IT: expected territory:XX or language:xx"),
])
def test_a_malformed_names_block_is_named(tmp_path: Path, block: str, message: str) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text("matching: {en: word-prefix}\nconcepts: {}\n" + block + "\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        _parse(path)
    assert str(caught.value).replace(str(tmp_path) + "/", "") == message


def test_real_english_and_russian_paragraphs_name_the_same_places() -> None:
    """A/HRC/WG.6/34/ITA/3 (../shared/realdocs), paragraph by paragraph as a person
    aligned them: of the 71 paragraph pairs where either version names a place or a
    language, 63 name the same ones (measured). The 8 others are the adjective a
    language prefers (Italy's system, итальянской системе), a header, and Libya spelt
    out in Russian where English has the acronym LFJL."""
    labels = json.loads(require_shared("realdocs/ohchr_1_en_ru.json").read_text(encoding="utf-8"))
    agree = differ = 0
    for p in labels["paragraphs"]:
        en, ru = set(names("en", p["main_language"])), set(names("ru", p["other_language"]))
        if en or ru:
            agree, differ = agree + (en == ru), differ + (en != ru)
    assert (agree, differ) == (63, 8)
