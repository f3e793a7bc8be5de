"""The ``untranslated`` check at every level: a whole paragraph, a sub-item, a
footnote, a heading, a sentence left in the original's language, in a pair of the
same script (en → fr) and of different scripts (en → zh); one finding per paragraph."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import pipeline
from reportgen.align import align_report
from tests.conftest import FIXTURES

REPO = Path(__file__).resolve().parents[2]

EN = """\
---
symbol: A/AC.9/2021/L.5
distribution: limited
date: 2021-09-07
language: en
original: en
organ: Committee on Alignment
title: Draft report
job: V.21-06544
---

# I. Organization of the session

## A. Opening of the session

1. The Committee met in Vienna from 6 to 8 September 2021. The Chair opened the session and welcomed the participants.

2. The Committee adopted the following agenda:

    (a) Opening of the session and adoption of the agenda;

    (b) Review of the implementation of the Convention against Corruption;

    (c) Technical assistance and international cooperation.

3. Representatives of 133 States parties attended the session.[^1] Several observers also took part in the discussions.

## B. Election of officers

4. The Committee elected its officers by acclamation at the first meeting. The secretariat then presented the documents before the Committee (CAC/COSP/EG.1/2021/2). The Committee took note of the documents with appreciation.

# II. Global Operational Network

5. The Global Operational Network of Anti-Corruption Law Enforcement Authorities (GlobE) held its first plenary meeting in June 2021.[^2] Speakers welcomed the progress made since the twelfth session.

6. The Committee approved the provisional agenda without amendment and decided:

    (a) that its next session would consider the following items:

        (i) the implementation of the Convention against Corruption in all regions;

        (ii) the reports of its working groups on international cooperation.

[^1]: Official Records of the Committee on Alignment, third session.
[^2]: Information on the plenary meeting is available on the website of the Network.
"""

FR = """\
---
symbol: A/AC.9/2021/L.5
distribution: limited
date: 2021-09-07
language: fr
original: en
organ: Comité de l’alignement
title: Projet de rapport
job: V.21-06544
---

# I. Organisation de la session

## A. Ouverture de la session

1. Le Comité s’est réuni à Vienne du 6 au 8 septembre 2021. La Présidente a ouvert la session et souhaité la bienvenue aux participants.

2. Le Comité a adopté l’ordre du jour suivant :

    (a) Ouverture de la session et adoption de l’ordre du jour ;

    (b) Examen de l’application de la Convention contre la corruption ;

    (c) Assistance technique et coopération internationale.

3. Des représentants de 133 États parties ont participé à la session.[^1] Plusieurs observateurs ont également pris part aux débats.

## B. Élection du bureau

4. Le Comité a élu son bureau par acclamation à la première séance. Le secrétariat a ensuite présenté les documents dont le Comité était saisi (CAC/COSP/EG.1/2021/2). Le Comité a pris note des documents avec satisfaction.

# II. Réseau opérationnel mondial

5. Le Réseau opérationnel mondial des autorités de détection et de répression compétentes en matière de lutte contre la corruption (GlobE) a tenu sa première réunion plénière en juin 2021.[^2] Les orateurs se sont félicités des progrès accomplis depuis la douzième session.

6. Le Comité a approuvé l’ordre du jour provisoire sans modification et a décidé :

    (a) que sa prochaine session examinerait les points suivants :

        (i) l’application de la Convention contre la corruption dans toutes les régions ;

        (ii) les rapports de ses groupes de travail sur la coopération internationale.

[^1]: Documents officiels du Comité de l’alignement, troisième session.
[^2]: Des informations sur la réunion plénière sont disponibles sur le site Web du Réseau.
"""

ZH = """\
---
symbol: A/AC.9/2021/L.5
distribution: limited
date: 2021-09-07
language: zh
original: en
organ: 协调委员会
title: 报告草稿
job: V.21-06544
---

# 一. 会议安排

## A. 会议开幕

1. 委员会于2021年9月6日至8日在维也纳举行会议。主席宣布会议开幕并对与会者表示欢迎。

2. 委员会通过了以下议程：

    (a) 会议开幕和通过议程；

    (b) 审议《反腐败公约》的实施情况；

    (c) 技术援助和国际合作。

3. 133个缔约国的代表出席了会议。[^1]若干观察员也参加了讨论。

## B. 选举主席团成员

4. 委员会在第一次会议上以鼓掌方式选出了主席团成员。秘书处随后介绍了委员会面前的文件（CAC/COSP/EG.1/2021/2）。委员会赞赏地注意到这些文件。

# 二. 全球行动网络

5. 反腐败执法机构全球行动网络（GlobE网络）于2021年6月举行了第一次全体会议。[^2]发言者对第十二届会议以来取得的进展表示欢迎。

6. 委员会未经修正核准了临时议程，并决定：

    (a) 其下届会议将审议以下项目：

        (i) 所有区域实施《反腐败公约》的情况；

        (ii) 其国际合作工作组的报告。

[^1]: 《协调委员会正式记录，第三届会议》。
[^2]: 关于全体会议的信息可查阅该网络的网站。
"""


def aligned(tmp_path: Path, lang: str, *edits: tuple[str, str]):
    folder = tmp_path / "report"
    folder.mkdir(parents=True)
    (folder / "en.md").write_text(EN, encoding="utf-8")
    text = {"fr": FR, "zh": ZH}[lang]
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    (folder / f"{lang}.md").write_text(text, encoding="utf-8")
    return align_report(pipeline.load(folder).report)


def untranslated(result) -> list[tuple]:
    return [(f.check, f.lang, f.paragraph, f.line, f.message) for f in result.findings if f.check == "untranslated"]


@pytest.mark.parametrize("lang", ["fr", "zh"])
def test_faithful_translations_have_no_finding(tmp_path: Path, lang: str) -> None:
    result = aligned(tmp_path, lang)
    assert [(f.check, f.paragraph, f.message) for f in result.findings] == []


def test_faithful_fixture_and_example_report_stay_clean() -> None:
    for folder in (FIXTURES / "align" / "faithful", REPO / "sources" / "cosp-eg1-2021-add1"):
        result = align_report(pipeline.load(folder).report)
        assert [f for f in result.findings if f.check == "untranslated"] == []
        assert result.summary()["error"] == 0


# --------------------------------------------------------------- en -> fr

FR_P1 = ("Le Comité s’est réuni à Vienne du 6 au 8 septembre 2021. La Présidente a ouvert la session et souhaité "
         "la bienvenue aux participants.")
EN_P1 = ("The Committee met in Vienna from 6 to 8 September 2021. The Chair opened the session and welcomed "
         "the participants.")
SAME = "identical or nearly identical to the original's"

FRENCH = {
    "whole paragraph": (
        [(FR_P1, EN_P1)],
        [("untranslated", "fr", "1", 16, "paragraph 1 is identical to the original")]),
    "whole paragraph, nearly": (
        [(FR_P1, EN_P1.replace("The Chair", "Madam Chair"))],
        [("untranslated", "fr", "1", 16, "paragraph 1 is 97% the same as the original")]),
    "sub-item": (
        [("(b) Examen de l’application de la Convention contre la corruption ;",
          "(b) Review of the implementation of the Convention against Corruption;")],
        [("untranslated", "fr", "2", 22, "paragraph 2 (b): sub-item identical to the original")]),
    "two sub-items": (
        [("(b) Examen de l’application de la Convention contre la corruption ;",
          "(b) Review of the implementation of the Convention against Corruption;"),
         ("(c) Assistance technique et coopération internationale.",
          "(c) Technical assistance and international cooperation.")],
        [("untranslated", "fr", "2", 22, "paragraph 2 (b): sub-item identical to the original; also (c)")]),
    "second-level sub-item": (
        [("(ii) les rapports de ses groupes de travail sur la coopération internationale.",
          "(ii) the reports of its working groups on international cooperation.")],
        [("untranslated", "fr", "6", 42, "paragraph 6 (a) (ii): sub-item identical to the original")]),
    "footnote": (
        [("[^2]: Des informations sur la réunion plénière sont disponibles sur le site Web du Réseau.",
          "[^2]: Information on the plenary meeting is available on the website of the Network.")],
        [("untranslated", "fr", "5", 45, "paragraph 5, footnote 2: identical to the original")]),
    "heading": (
        [("# II. Réseau opérationnel mondial", "# II. Global Operational Network")],
        [("untranslated", "fr", None, 32, "heading of chapter II: identical to the original")]),
    "two headings": (
        [("## B. Élection du bureau", "## B. Election of officers"),
         ("# II. Réseau opérationnel mondial", "# II. Global Operational Network")],
        [("untranslated", "fr", None, 28,
          "heading of chapter I, section B: identical to the original; also heading of chapter II")]),
    "sentence": (
        [("Plusieurs observateurs ont également pris part aux débats.",
          "Several observers also took part in the discussions.")],
        [("untranslated", "fr", "3", 26,
          f"paragraph 3: a sentence {SAME}: “Several observers also took part in the discussions.”")]),
    "two sentences": (
        [("Le Comité a élu son bureau par acclamation à la première séance.",
          "The Committee elected its officers by acclamation at the first meeting."),
         ("Le Comité a pris note des documents avec satisfaction.",
          "The Committee took note of the documents with appreciation.")],
        [("untranslated", "fr", "4", 30,
          f"paragraph 4: 2 sentences {SAME}, the first: “The Committee elected its officers by acclamation at the…”")]),
    "sentence and footnote": (
        [("Les orateurs se sont félicités des progrès accomplis depuis la douzième session.",
          "Speakers welcomed the progress made since the twelfth session."),
         ("[^2]: Des informations sur la réunion plénière sont disponibles sur le site Web du Réseau.",
          "[^2]: Information on the plenary meeting is available on the website of the Network.")],
        [("untranslated", "fr", "5", 34,
          f"paragraph 5: a sentence {SAME}: “Speakers welcomed the progress made since the twelfth…”; "
          "also footnote 2")]),
}


@pytest.mark.parametrize("case", sorted(FRENCH))
def test_french_left_in_english_at_every_level(tmp_path: Path, case: str) -> None:
    edits, expected = FRENCH[case]
    assert untranslated(aligned(tmp_path, "fr", *edits)) == expected


def test_a_whole_paragraph_finding_supersedes_its_sentences_and_footnotes(tmp_path: Path) -> None:
    result = aligned(tmp_path, "fr",
                     ("Des représentants de 133 États parties ont participé à la session.[^1] "
                      "Plusieurs observateurs ont également pris part aux débats.",
                      "Representatives of 133 States parties attended the session.[^1] "
                      "Several observers also took part in the discussions."),
                     ("[^1]: Documents officiels du Comité de l’alignement, troisième session.",
                      "[^1]: Official Records of the Committee on Alignment, third session."))
    assert untranslated(result) == [("untranslated", "fr", "3", 26, "paragraph 3 is identical to the original")]


def test_sub_items_footnotes_and_headings_are_prepared_with_their_text() -> None:
    from reportgen.align.prepare import prepare

    doc = pipeline.load(FIXTURES / "align" / "faithful").report.versions["en"]
    version = prepare(doc)
    assert version.structure.heading_texts == ((1, 1, 12, "Organization of the session"), (2, 1, 26, "Attendance"))
    first, second = version.units[1], version.units[2]
    assert first.footnote_texts == ((1, 38, "Official Records of the Committee."),)
    assert first.body == "The Committee met on 6 September 2021 in Vienna (see  )."
    assert second.body == "It adopted 12 decisions, including:"
    assert second.subitem_texts == ((1, 1, 20, "a budget of 12,345.5 dollars;"), (1, 2, 22, "a programme of work."))


# --------------------------------------------------------------- en -> zh

CHINESE = {
    "whole paragraph": (
        [("委员会于2021年9月6日至8日在维也纳举行会议。主席宣布会议开幕并对与会者表示欢迎。", EN_P1)],
        [("untranslated", "zh", "1", 16,
          "paragraph 1 is written in latin script, like the original, not in han")]),
    "sub-item": (
        [("(b) 审议《反腐败公约》的实施情况；",
          "(b) Review of the implementation of the Convention against Corruption;")],
        [("untranslated", "zh", "2", 22,
          "paragraph 2 (b): sub-item written in latin script, like the original, not in han")]),
    "footnote": (
        [("[^2]: 关于全体会议的信息可查阅该网络的网站。",
          "[^2]: Information on the plenary meeting is available on the website of the Network.")],
        [("untranslated", "zh", "5", 45,
          "paragraph 5, footnote 2: written in latin script, like the original, not in han")]),
    "heading": (
        [("## B. 选举主席团成员", "## B. Election of officers")],
        [("untranslated", "zh", None, 28,
          "heading of chapter I, section B: written in latin script, like the original, not in han")]),
    "one-word heading": (
        [("## A. 会议开幕", "## A. Opening")],  # too short to tell
        []),
    "one-word heading, longer": (
        [("## B. 选举主席团成员", "## B. Elections")],
        [("untranslated", "zh", None, 28,
          "heading of chapter I, section B: written in latin script, like the original, not in han")]),
    "sentence": (
        [("若干观察员也参加了讨论。", "Several observers also took part in the discussions. ")],
        [("untranslated", "zh", "3", 26, "paragraph 3: a sentence written in latin script, like the original: "
                                          "“Several observers also took part in the discussions.”")]),
}


@pytest.mark.parametrize("case", sorted(CHINESE))
def test_chinese_left_in_english_at_every_level(tmp_path: Path, case: str) -> None:
    edits, expected = CHINESE[case]
    assert untranslated(aligned(tmp_path, "zh", *edits)) == expected


def test_latin_names_acronyms_and_symbols_in_chinese_are_not_untranslated(tmp_path: Path) -> None:
    result = aligned(tmp_path, "zh", (
        "5. 反腐败执法机构全球行动网络（GlobE网络）于2021年6月举行了第一次全体会议。",
        "5. 反腐败执法机构全球行动网络（Global Operational Network of Anti-Corruption Law Enforcement "
        "Authorities, GlobE）于2021年6月举行了第一次全体会议，GlobE 秘书处介绍了 CAC/COSP/EG.1/2021/2 号文件。"
        "该网络的英文名称为 Global Operational Network of Anti-Corruption Law Enforcement Authorities（GlobE）。"))
    assert untranslated(result) == []
    # nor is a paragraph that is little more than such a name
    result = aligned(tmp_path / "name", "zh",
                     ("6. 委员会未经修正核准了临时议程，并决定：",
                      "6. 见 Global Operational Network of Anti-Corruption Law Enforcement Authorities（GlobE）"
                      "和 CAC/COSP/EG.1/2021/2。"))
    assert untranslated(result) == []
