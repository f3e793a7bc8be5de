"""Country names as cross-lingual anchors (issue 23): a report whose paragraphs differ
only by the State they name — as lists of statements in UN reports do — aligned in six
languages, with a paragraph dropped from two translations. Lengths, figures and the
lexicon's other concepts are the same in every paragraph; only the names (CLDR's, through
reportgen/l10n/names.py) say which paragraph is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.align import AlignmentResult
from reportgen.align.findings import CheckId
from reportgen.project import Project
from tests.support.sources import FRONT

SENTENCE = {
    "en": "The representative of {} made a statement on the item.",
    "fr": "Le représentant {} a fait une déclaration sur ce point.",
    "es": "El representante {} formuló una declaración sobre el tema.",
    "ru": "С заявлением по этому пункту выступил представитель {}.",
    "zh": "{}代表就该项目发了言。",
    "ar": "وأدلى ممثل {} ببيان بشأن هذا البند.",
}
# The States as each language's sentence names them (case, article and all).
STATES = {
    "en": ["Brazil", "China", "France", "India", "Italy", "Mexico", "Japan", "Algeria", "Argentina", "Canada"],
    "fr": ["du Brésil", "de la Chine", "de la France", "de l’Inde", "de l’Italie", "du Mexique", "du Japon",
           "de l’Algérie", "de l’Argentine", "du Canada"],
    "es": ["del Brasil", "de China", "de Francia", "de la India", "de Italia", "de México", "del Japón",
           "de Argelia", "de la Argentina", "del Canadá"],
    "ru": ["Бразилии", "Китая", "Франции", "Индии", "Италии", "Мексики", "Японии", "Алжира", "Аргентины",
           "Канады"],
    "zh": ["巴西", "中国", "法国", "印度", "意大利", "墨西哥", "日本", "阿尔及利亚", "阿根廷", "加拿大"],
    "ar": ["البرازيل", "الصين", "فرنسا", "الهند", "إيطاليا", "المكسيك", "اليابان", "الجزائر", "الأرجنتين", "كندا"],
}
# (the paragraph each translation drops, whether it renumbers the rest)
DROPPED = {"fr": (5, True), "zh": (3, False), "ar": (8, True)}


def _write(folder: Path, lang: str) -> None:
    dropped, renumber = DROPPED.get(lang, (None, False))
    paragraphs, number = [], 0
    for n, state in enumerate(STATES[lang], start=1):
        if n == dropped:
            continue
        number = number + 1 if renumber else n
        paragraphs.append(f"{number}. {SENTENCE[lang].format(state)}")
    (folder / f"{lang}.md").write_text(FRONT.format(lang=lang) + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def aligned(tmp_path_factory: pytest.TempPathFactory) -> AlignmentResult:
    folder = tmp_path_factory.mktemp("statements")
    for lang in SENTENCE:
        _write(folder, lang)
    _, result = Project.open(folder).align(keep_model=True, jobs=1)
    assert result is not None
    return result


def test_the_dropped_paragraph_is_the_one_named(aligned: AlignmentResult) -> None:
    missing = sorted((f.lang, f.paragraph) for f in aligned.findings if f.check == CheckId.MISSING_PARAGRAPH)
    assert missing == [("ar", "8"), ("fr", "5"), ("zh", "3")]


@pytest.mark.parametrize("lang", sorted(SENTENCE.keys() - {"en"}))
def test_every_other_paragraph_pairs_with_its_state(aligned: AlignmentResult, lang: str) -> None:
    pair = aligned.pairs[lang]
    dropped, _ = DROPPED.get(lang, (None, False))
    kept = [n for n in range(1, 11) if n != dropped]
    linked = [(pair.original.segments[i].number, j) for link in pair.links for i in link.original
              for j in link.version]
    assert linked == [(n, k) for k, n in enumerate(kept)]  # the k-th paragraph of the version names n's State
