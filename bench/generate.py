"""A large six-language report for benchmarks, built from real text.

    >>> from bench.generate import generate
    >>> generate("build/bench/2000", 2000, seed=0)      # writes ar.md en.md es.md fr.md ru.md zh.md

or ``python -m bench.generate OUT_DIR --n 2000 [--seed 0] [--start 101]``.

The text is not lorem ipsum: the *sentence bank* is the example report
(``sources/cosp-eg1-2021-add1/<lang>.md``), whose six versions are split into sentences
that correspond one to one (34 sentences in each language). Paragraph k of every version
uses the same bank sentences, so the versions align paragraph by paragraph. Around them the
generator adds, from small tables translated here into the six languages: chapter and
sub-heading titles, sentences carrying figures, dates, percentages, document symbols
(``A/RES/75/1``, ``A/RES/S-32/1``) and an *emphasised* title, ``@label`` references,
and footnotes.

Each version has: the example's front matter (shared keys identical); ``n`` numbered
paragraphs from ``start`` (default 101, as an addendum continuing its parent's count);
chapters ``# I. Title`` (at most 30, the longest list of Arabic chapter ordinals) with
``## A. Sub-heading``s; sub-items ``(a)``/``(b)`` under some paragraphs and ``(i)`` items
under some of those; footnotes ``[^n]`` with their definitions at the end; ``{#label}``
labels on some paragraphs, chapters and sub-headings and ``@label`` references (single and
ranges) to them. Chapters are written as Roman numerals in en/fr/es/ru and in the
language's own form in zh (``三.``) and ar (``ثالثا -``).

Sub-item indentation: ``indent=4`` writes sub-items 4 spaces and ``(i)`` items 8 spaces
deep, as the README shows. Under a paragraph number wider than ``N. `` (``101. `` is five
characters) CommonMark needs the item at the paragraph's content column, so the default
``indent=None`` writes max(4, width of the number) spaces, and the second level 4 deeper.

The output depends only on ``(n, seed, start, indent)`` and the example report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "sources" / "cosp-eg1-2021-add1"
LANGS = ("ar", "en", "es", "fr", "ru", "zh")
MAX_CHAPTERS = 30      # Arabic chapter ordinals (reportgen/l10n/data/ar.yaml) stop at 30
MAX_SECTIONS = 20      # sub-heading letters A-T

# ---------------------------------------------------------------- the sentence bank

_PARAGRAPH = re.compile(r"^\d+\.\s+(.*)$", re.M)
_CHAPTER = re.compile(r"^#\s+\S+?(?:\.|\s+-)\s+(.*)$", re.M)
# A sentence ends with "." (or "。") before a space and, in alphabetic scripts with
# capitals, before a capital or opening quote. Checked: the example splits into the same
# number of sentences in every language, paragraph by paragraph.
_SENTENCE_END = {
    "ar": r"(?<=\.)\s+",
    "en": r"(?<=\.)\s+(?=[A-Z“\"])",
    "es": r"(?<=\.)\s+(?=[A-ZÁÉÍÓÚÑ«“])",
    "fr": r"(?<=\.)\s+(?=[A-ZÉÀ«])",
    "ru": r"(?<=\.)\s+(?=[А-ЯЁA-Z«])",
    "zh": r"(?<=。)",
}


@dataclass(frozen=True)
class Bank:
    front_matter: dict[str, str]            # lang -> the lines between the two "---"
    chapter_title: dict[str, str]           # the example's chapter title, per language
    sentences: tuple[dict[str, str], ...]   # aligned: sentences[i][lang]


def split_sentences(text: str, lang: str) -> list[str]:
    return [s.strip() for s in re.split(_SENTENCE_END[lang], text) if s.strip()]


def load_bank(example: Path = EXAMPLE) -> Bank:
    front, chapter, per_lang = {}, {}, {}
    for lang in LANGS:
        text = (example / f"{lang}.md").read_text(encoding="utf-8")
        _, fm, body = text.split("---\n", 2)
        front[lang] = fm
        found = _CHAPTER.search(body)
        assert found is not None, f"{lang}.md of the example has no chapter heading"
        chapter[lang] = found.group(1).strip()
        per_lang[lang] = [split_sentences(p, lang) for p in _PARAGRAPH.findall(body)]
    counts = {lang: [len(p) for p in paras] for lang, paras in per_lang.items()}
    if len({tuple(c) for c in counts.values()}) != 1:
        raise ValueError(f"the example's versions do not split into matching sentences: {counts}")
    sentences = []
    for k, paragraph in enumerate(per_lang["en"]):
        for j in range(len(paragraph)):
            sentences.append({lang: per_lang[lang][k][j] for lang in LANGS})
    return Bank(front, chapter, tuple(sentences))


# ---------------------------------------------------------------- translated tables

def _t(ar: str, en: str, es: str, fr: str, ru: str, zh: str) -> dict[str, str]:
    return {"ar": ar, "en": en, "es": es, "fr": fr, "ru": ru, "zh": zh}


CHAPTER_TITLES = (
    _t("مقدمة", "Introduction", "Introducción", "Introduction", "Введение", "导言"),
    _t("تنظيم الاجتماع", "Organization of the meeting", "Organización de la reunión",
       "Organisation de la réunion", "Организация работы совещания", "会议安排"),
    _t("التعاون الدولي", "International cooperation", "Cooperación internacional",
       "Coopération internationale", "Международное сотрудничество", "国际合作"),
    _t("المساعدة التقنية", "Technical assistance", "Asistencia técnica", "Assistance technique",
       "Техническая помощь", "技术援助"),
    _t("استرداد الموجودات", "Asset recovery", "Recuperación de activos", "Recouvrement d’avoirs",
       "Возвращение активов", "追回资产"),
    _t("التوصيات", "Recommendations", "Recomendaciones", "Recommandations", "Рекомендации", "建议"),
    _t("مسائل أخرى", "Other matters", "Otros asuntos", "Questions diverses", "Прочие вопросы",
       "其他事项"),
    _t("اعتماد التقرير", "Adoption of the report", "Aprobación del informe", "Adoption du rapport",
       "Утверждение доклада", "通过报告"),
)

SECTION_TITLES = (
    _t("افتتاح الاجتماع", "Opening of the meeting", "Apertura de la reunión", "Ouverture de la réunion",
       "Открытие совещания", "会议开幕"),
    _t("إقرار جدول الأعمال وتنظيم الأعمال", "Adoption of the agenda and organization of work",
       "Aprobación del programa y organización de los trabajos",
       "Adoption de l’ordre du jour et organisation des travaux",
       "Утверждение повестки дня и организация работы", "通过议程和工作安排"),
    _t("الحضور", "Attendance", "Asistencia", "Participation", "Участники", "出席情况"),
    _t("انتخاب أعضاء المكتب", "Election of officers", "Elección de la Mesa", "Élection du Bureau",
       "Выборы должностных лиц", "选举主席团成员"),
    _t("المداولات", "Deliberations", "Deliberaciones", "Délibérations", "Ход обсуждения", "审议情况"),
    _t("البيانات", "Statements", "Declaraciones", "Déclarations", "Заявления", "发言"),
    _t("المساعدة القانونية المتبادلة", "Mutual legal assistance", "Asistencia judicial recíproca",
       "Entraide judiciaire", "Взаимная правовая помощь", "司法协助"),
    _t("تسليم المطلوبين", "Extradition", "Extradición", "Extradition", "Выдача", "引渡"),
)

MONTHS = {
    "ar": ["كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو",
           "حزيران/يونيه", "تموز/يوليه", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر",
           "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
           "сентября", "октября", "ноября", "декабря"],
}


def format_date(d: dt.date, lang: str) -> str:
    """A date in the language's UN style (as reportgen prints dates)."""
    if lang == "zh":
        return f"{d.year}年{d.month}月{d.day}日"
    month = MONTHS[lang][d.month - 1]
    return {
        "ar": f"{d.day} {month} {d.year}",
        "en": f"{d.day} {month} {d.year}",
        "es": f"{d.day} de {month} de {d.year}",
        "fr": f"{'1er' if d.day == 1 else d.day} {month} {d.year}",
        "ru": f"{d.day} {month} {d.year} года",
    }[lang]


_GROUP = {"ar": ",", "en": ",", "es": ".", "fr": "\u202f", "ru": "\u00a0", "zh": ","}
_DECIMAL = {"ar": ".", "en": ".", "es": ",", "fr": ",", "ru": ",", "zh": "."}


def format_number(value: int | float, lang: str, decimals: int = 0) -> str:
    """A figure in the language's notation: 12,345.5 / 12.345,5 / 12 345,5."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", _DECIMAL[lang]).replace("\0", _GROUP[lang])


# Sentences with figures, dates, symbols, emphasis and references; {placeholders} are
# filled per language with the same values.
REQUESTS = _t(
    "وحتى {date}، كانت الأمانة قد تلقت {total} طلبا من {states} دولة طرفا.",
    "As at {date}, the Secretariat had received {total} requests from {states} States parties.",
    "Al {date}, la Secretaría había recibido {total} solicitudes de {states} Estados partes.",
    "Au {date}, le Secrétariat avait reçu {total} demandes émanant de {states} États parties.",
    "По состоянию на {date} Секретариат получил {total} просьб от {states} государств-участников.",
    "截至{date}，秘书处已收到{states}个缔约国的{total}份请求。",
)
INCREASE = _t(
    "وقد زاد عدد طلبات المساعدة القانونية المتبادلة الواردة في عام {year} بنسبة {pct} في المائة مقارنة بالعام السابق.",
    "The number of requests for mutual legal assistance received in {year} had increased by {pct} per cent compared with the previous year.",
    "El número de solicitudes de asistencia judicial recíproca recibidas en {year} había aumentado un {pct} por ciento con respecto al año anterior.",
    "Le nombre de demandes d’entraide judiciaire reçues en {year} avait augmenté de {pct} pour cent par rapport à l’année précédente.",
    "Число просьб об оказании взаимной правовой помощи, полученных в {year} году, увеличилось на {pct} процента по сравнению с предыдущим годом.",
    "{year}年收到的司法协助请求数量比上一年增加了{pct}%。",
)
RESOLUTION = _t(
    "وكان معروضا على الاجتماع أيضا قرار الجمعية العامة 75/1 (A/RES/75/1).",
    "The meeting also had before it General Assembly resolution 75/1 (A/RES/75/1).",
    "La reunión tuvo también ante sí la resolución 75/1 de la Asamblea General (A/RES/75/1).",
    "La réunion était également saisie de la résolution 75/1 de l’Assemblée générale (A/RES/75/1).",
    "На рассмотрении совещания находилась также резолюция 75/1 Генеральной Ассамблеи (A/RES/75/1).",
    "会议还收到了大会第75/1号决议（A/RES/75/1）。",
)
# The dense variant cites a resolution of its own in each paragraph that cites one, so
# that a version holds a thousand or more distinct symbols (links, relationships and
# symbol parses that grow with the distinct symbols, not with the citations).
RESOLUTION_N = _t(
    "وكان معروضا على الاجتماع أيضا قرار الجمعية العامة {res} ({sym}).",
    "The meeting also had before it General Assembly resolution {res} ({sym}).",
    "La reunión tuvo también ante sí la resolución {res} de la Asamblea General ({sym}).",
    "La réunion était également saisie de la résolution {res} de l’Assemblée générale ({sym}).",
    "На рассмотрении совещания находилась также резолюция {res} Генеральной Ассамблеи ({sym}).",
    "会议还收到了大会第{res}号决议（{sym}）。",
)
DECLARATION = _t(
    "واعتمدت الجمعية العامة الإعلان السياسي في {date} (A/RES/S-32/1).",
    "The political declaration was adopted by the General Assembly on {date} (A/RES/S-32/1).",
    "La declaración política fue aprobada por la Asamblea General el {date} (A/RES/S-32/1).",
    "La déclaration politique a été adoptée par l’Assemblée générale le {date} (A/RES/S-32/1).",
    "Политическая декларация была принята Генеральной Ассамблеей {date} (A/RES/S-32/1).",
    "大会于{date}通过了政治宣言（A/RES/S-32/1）。",
)
DIGEST = _t(
    "ووجهت الأمانة الانتباه إلى *خلاصة قضايا استرداد الموجودات* التي أصدرها المكتب.",
    "The Secretariat drew attention to the *Digest of Asset Recovery Cases* published by UNODC.",
    "La Secretaría señaló a la atención el *Compendio de casos de recuperación de activos* publicado por la UNODC.",
    "Le Secrétariat a appelé l’attention sur le *Recueil d’affaires de recouvrement d’avoirs* publié par l’ONUDC.",
    "Секретариат обратил внимание на *Сборник дел о возвращении активов*, опубликованный ЮНОДК.",
    "秘书处提请注意毒品和犯罪问题办公室出版的*《追回资产案件摘要》*。",
)
SEE_ALSO = _t("انظر أيضا {ref}.", "See also {ref}.", "Véase también {ref}.", "Voir aussi {ref}.",
              "См. также {ref}.", "另见{ref}。")
FOOTNOTES = (
    _t("انظر A/RES/75/1.", "See A/RES/75/1.", "Véase A/RES/75/1.", "Voir A/RES/75/1.",
       "См. A/RES/75/1.", "见A/RES/75/1。"),
    _t("المكتب، *خلاصة قضايا استرداد الموجودات* (فيينا، 2015).",
       "UNODC, *Digest of Asset Recovery Cases* (Vienna, 2015).",
       "UNODC, *Compendio de casos de recuperación de activos* (Viena, 2015).",
       "ONUDC, *Recueil d’affaires de recouvrement d’avoirs* (Vienne, 2015).",
       "ЮНОДК, *Сборник дел о возвращении активов* (Вена, 2015 год).",
       "毒品和犯罪问题办公室，*《追回资产案件摘要》*（2015年，维也纳）。"),
    _t("اعتمد في {date} (A/RES/S-32/1).", "Adopted on {date} (A/RES/S-32/1).",
       "Aprobada el {date} (A/RES/S-32/1).", "Adoptée le {date} (A/RES/S-32/1).",
       "Принята {date} (A/RES/S-32/1).", "于{date}通过（A/RES/S-32/1）。"),
    SEE_ALSO,
)
DECLARATION_DATE = dt.date(2021, 6, 2)

# Titles of the symbols the generated text cites (written to documents.yaml, so that
# ``reportgen check`` finds them registered).
REGISTRY = """\
# Documents cited by the generated benchmark report (bench/generate.py).
CAC/COSP/EG.1/2021/2:
  title:
    en: Progress made in the implementation of the mandates of the Open-ended Intergovernmental Expert Meeting to Enhance International Cooperation under the United Nations Convention against Corruption
    fr: Progrès accomplis dans l’exécution des mandats de la Réunion intergouvernementale d’experts à composition non limitée pour renforcer la coopération internationale au titre de la Convention des Nations Unies contre la corruption
    es: Progresos realizados en el cumplimiento de los mandatos de la Reunión Intergubernamental de Expertos de Composición Abierta para Mejorar la Cooperación Internacional en el Marco de la Convención de las Naciones Unidas contra la Corrupción
    ru: Ход выполнения мандатов Совещания межправительственных экспертов открытого состава для расширения международного сотрудничества в рамках Конвенции Организации Объединенных Наций против коррупции
    ar: التقدم المحرز في تنفيذ ولايات اجتماع الخبراء الحكومي الدولي المفتوح العضوية لتعزيز التعاون الدولي بموجب اتفاقية الأمم المتحدة لمكافحة الفساد
    zh: 增进《联合国反腐败公约》下国际合作不限成员名额政府间专家会议任务授权执行进展情况
A/RES/75/1:
  date: 2020-09-21
  title:
    en: Declaration on the commemoration of the seventy-fifth anniversary of the United Nations
    fr: Déclaration faite à l’occasion de la célébration du soixante-quinzième anniversaire de l’Organisation des Nations Unies
    es: Declaración sobre la conmemoración del 75º aniversario de las Naciones Unidas
    ru: Декларация в связи с празднованием семьдесят пятой годовщины Организации Объединенных Наций
    ar: إعلان بشأن الاحتفال بالذكرى السنوية الخامسة والسبعين لإنشاء الأمم المتحدة
    zh: 纪念联合国成立七十五周年宣言
A/RES/S-32/1:
  date: 2021-06-02
  title:
    en: Our common commitment to effectively addressing challenges and implementing measures to prevent and combat corruption and strengthen international cooperation
    fr: Notre engagement commun à nous attaquer efficacement aux problèmes posés par la corruption et à prendre des mesures pour la prévenir et la combattre et renforcer la coopération internationale
    es: Nuestro compromiso común de afrontar eficazmente los desafíos y aplicar medidas para prevenir y combatir la corrupción y reforzar la cooperación internacional
    ru: Наше общее обязательство эффективно решать проблемы и осуществлять меры по предупреждению коррупции и борьбе с ней и укреплению международного сотрудничества
    ar: التزامنا المشترك بالتصدي بفعالية للتحديات وتنفيذ تدابير لمنع الفساد ومكافحته وتعزيز التعاون الدولي
    zh: 我们共同承诺有效应对挑战和采取措施预防和打击腐败及加强国际合作
"""

# ---------------------------------------------------------------- the plan (language-free)


@dataclass
class Extra:
    """A templated sentence: which template, and its values."""

    template: dict[str, str]
    values: dict = field(default_factory=dict)   # name -> int | float | date | label ref


@dataclass
class Footnote:
    number: int
    template: dict[str, str]
    values: dict = field(default_factory=dict)


@dataclass
class Item:
    sentence: int
    children: list["Item"] = field(default_factory=list)


@dataclass
class Paragraph:
    number: int
    sentences: list[int]
    extras: list[Extra] = field(default_factory=list)
    label: str | None = None
    footnote: Footnote | None = None
    items: list[Item] = field(default_factory=list)


@dataclass
class Heading:
    level: int            # 1 chapter, 2 sub-heading
    number: int
    title: dict[str, str]
    label: str | None = None


@dataclass
class Ref:
    """``@a`` or the range ``@a–@b``."""

    first: str
    last: str | None = None

    def __str__(self) -> str:
        return f"@{self.first}" if self.last is None else f"@{self.first}–@{self.last}"


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """``total`` into ``parts`` positive sizes of roughly equal length."""
    parts = max(1, min(parts, total))
    cuts = sorted(rng.sample(range(1, total), parts - 1)) if parts > 1 else []
    # pull the cuts towards an even split so that no part is tiny
    even = [round(total * (i + 1) / parts) for i in range(parts - 1)]
    cuts = sorted({(c + 3 * e) // 4 for c, e in zip(cuts, even)})
    bounds = [0, *cuts, total]
    return [b - a for a, b in zip(bounds, bounds[1:]) if b > a]


#: How often a paragraph gets a feature: the standard report's rates and the dense
#: variant's (sub-items under nine paragraphs in ten, second-level items under half of
#: those, document symbols in most paragraphs and footnotes, each paragraph's resolution
#: a distinct symbol: :data:`RESOLUTION_N`), the same draws either way.
RATES = {
    False: {"items": 0.15, "children": 0.3, "resolution": 0.03, "declaration": 0.03, "footnote": 0.12},
    True: {"items": 0.9, "children": 0.5, "resolution": 0.6, "declaration": 0.6, "footnote": 0.5},
}


def plan(n: int, seed: int = 0, start: int = 101, bank: Bank | None = None, dense: bool = False
         ) -> list[Heading | Paragraph]:
    """The structure of the report, shared by all six versions; ``dense``: the
    symbol-dense, sub-item-dense variant (:data:`RATES`)."""
    rate = RATES[dense]
    if n < 1:
        raise ValueError("n must be at least 1")
    bank = bank or load_bank()
    rng = random.Random(seed)
    n_sent = len(bank.sentences)
    titles = [bank.chapter_title, *CHAPTER_TITLES]
    out: list[Heading | Paragraph] = []
    paragraphs: list[Paragraph] = []
    labelled: list[Paragraph] = []
    heading_labels: list[str] = []

    chapter_sizes = _split(n, min(MAX_CHAPTERS, max(1, round(n / 70))), rng)
    number = start
    for c, size in enumerate(chapter_sizes, 1):
        label = f"ch-{c}" if c % 3 == 1 else None
        out.append(Heading(1, c, titles[(c - 1) % len(titles)], label))
        if label:
            heading_labels.append(label)
        n_sections = min(MAX_SECTIONS, size // 12)
        lead_in = min(size - n_sections, rng.randint(1, 3)) if n_sections else size
        sections = [lead_in, *(_split(size - lead_in, n_sections, rng) if n_sections else [])]
        for s, count in enumerate(sections):
            if s:
                label = f"sec-{c}-{s}" if rng.random() < 0.2 else None
                out.append(Heading(2, s, SECTION_TITLES[(c + s) % len(SECTION_TITLES)], label))
                if label:
                    heading_labels.append(label)
            for _ in range(count):
                k = len(paragraphs)
                first = rng.randrange(n_sent)
                length = rng.choice((1, 2, 2, 2, 3, 3, 4))
                p = Paragraph(number, [(first + j) % n_sent for j in range(length)])
                # every feature within the first paragraphs, then at random
                if k == 0 or rng.random() < 0.08:
                    p.label = f"lbl-{len(labelled) + 1}"
                    labelled.append(p)
                if k == 1 or (k > 1 and rng.random() < rate["items"]):
                    p.sentences = p.sentences[:1]
                    p.items = [Item(rng.randrange(n_sent)) for _ in range(rng.randint(2, 4))]
                    if k == 1 or rng.random() < rate["children"]:
                        p.items[-1].children = [Item(rng.randrange(n_sent)) for _ in range(rng.randint(2, 3))]
                if k == 2 or rng.random() < 0.05:
                    p.extras.append(Extra(REQUESTS, {
                        "date": dt.date(rng.randint(2015, 2021), rng.randint(1, 12), rng.randint(1, 28)),
                        "total": rng.randint(20, 25000), "states": rng.randint(3, 189)}))
                if k == 3 or rng.random() < 0.04:
                    p.extras.append(Extra(INCREASE, {"year": rng.randint(2015, 2021),
                                                     "pct": rng.randint(11, 995) / 10}))
                if k == 4 or rng.random() < rate["resolution"]:
                    if dense:  # a resolution of its own: sessions 60-79, numbers from 1
                        res = f"{60 + k % 20}/{1 + k // 20}"
                        p.extras.append(Extra(RESOLUTION_N, {"res": res, "sym": f"A/RES/{res}"}))
                    else:
                        p.extras.append(Extra(RESOLUTION))
                if k == 5 or rng.random() < rate["declaration"]:
                    p.extras.append(Extra(DECLARATION, {"date": DECLARATION_DATE}))
                if k == 6 or rng.random() < 0.03:
                    p.extras.append(Extra(DIGEST))
                out.append(p)
                paragraphs.append(p)
                number += 1

    # references and footnotes, once every label is known
    footnotes = 0
    for k, p in enumerate(paragraphs):
        others = [q for q in labelled if q is not p]
        if others and (k == min(7, n - 1) or rng.random() < 0.08):
            p.extras.append(Extra(SEE_ALSO, {"ref": _reference(rng, others, heading_labels)}))
        if k == min(8, n - 1) or rng.random() < rate["footnote"]:
            footnotes += 1
            template = FOOTNOTES[(footnotes - 1) % len(FOOTNOTES)]
            values: dict[str, object] = {}
            if template is SEE_ALSO:
                if not others:
                    template = FOOTNOTES[0]
                else:
                    values = {"ref": _reference(rng, others, heading_labels)}
            elif "{date}" in template["en"]:
                values = {"date": DECLARATION_DATE}
            p.footnote = Footnote(footnotes, template, values)
    return out


def _reference(rng: random.Random, others: list[Paragraph], heading_labels: list[str]) -> Ref:
    roll = rng.random()
    if heading_labels and roll < 0.15:
        return Ref(rng.choice(heading_labels))
    if len(others) >= 2 and roll < 0.35:
        a, b = sorted(rng.sample(others, 2), key=lambda q: q.number)
        return Ref(_label(a), _label(b))
    return Ref(_label(rng.choice(others)))


def _label(p: Paragraph) -> str:
    assert p.label is not None, "references go to labelled paragraphs only"
    return p.label


# ---------------------------------------------------------------- rendering


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += numeral
            n -= value
    return out


_HAN = "零一二三四五六七八九"
_AR_ORDINALS = (
    "أولا ثانيا ثالثا رابعا خامسا سادسا سابعا ثامنا تاسعا عاشرا".split()
    + ["حادي عشر", "ثاني عشر", "ثالث عشر", "رابع عشر", "خامس عشر", "سادس عشر", "سابع عشر",
       "ثامن عشر", "تاسع عشر", "عشرون", "حادي وعشرون", "ثاني وعشرون", "ثالث وعشرون",
       "رابع وعشرون", "خامس وعشرون", "سادس وعشرون", "سابع وعشرون", "ثامن وعشرون",
       "تاسع وعشرون", "ثلاثون"]
)


def chapter_number(n: int, lang: str) -> str:
    """As a rapporteur writes it: ``III.``, ``三.``, ``ثالثا -``."""
    if lang == "zh" and n < 100:
        tens, units = divmod(n, 10)
        han = ("" if tens == 0 else ("" if tens == 1 else _HAN[tens]) + "十") + ("" if units == 0 else _HAN[units])
        return f"{han}."
    if lang == "ar" and n <= len(_AR_ORDINALS):
        return f"{_AR_ORDINALS[n - 1]} -"
    return f"{_roman(n)}."


def _fill(template: dict[str, str], values: dict, lang: str) -> str:
    shown = {}
    for key, value in values.items():
        if isinstance(value, dt.date):
            shown[key] = format_date(value, lang)
        elif isinstance(value, float):
            shown[key] = format_number(value, lang, 1)
        elif isinstance(value, int) and key != "year":
            shown[key] = format_number(value, lang)
        else:
            shown[key] = str(value)
    return template[lang].format(**shown)


def _join(sentences: list[str], lang: str) -> str:
    return ("" if lang == "zh" else " ").join(sentences)


def render(structure: list[Heading | Paragraph], lang: str, bank: Bank, indent: int | None = None) -> str:
    """One language version of a planned report, as Markdown."""
    lines = ["---", bank.front_matter[lang].rstrip("\n"), "---", ""]
    footnotes: list[Footnote] = []
    for block in structure:
        if isinstance(block, Heading):
            number = chapter_number(block.number, lang) if block.level == 1 else f"{chr(64 + block.number)}."
            label = f" {{#{block.label}}}" if block.label else ""
            lines += [f"{'#' * block.level} {number}{label} {block.title[lang]}", ""]
            continue
        text = [bank.sentences[i][lang] for i in block.sentences]
        text += [_fill(e.template, e.values, lang) for e in block.extras]
        body = _join(text, lang)
        if block.footnote:
            body += f"[^{block.footnote.number}]"
            footnotes.append(block.footnote)
        marker = f"{block.number}. "
        label = f"{{#{block.label}}} " if block.label else ""
        lines += [f"{marker}{label}{body}", ""]
        level1 = max(4, len(marker)) if indent is None else indent
        for item_no, item in enumerate(block.items):
            lines += [f"{' ' * level1}({chr(97 + item_no)}) {bank.sentences[item.sentence][lang]}", ""]
            for child_no, child in enumerate(item.children):
                lines += [f"{' ' * (level1 + 4)}({_roman(child_no + 1).lower()}) "
                          f"{bank.sentences[child.sentence][lang]}", ""]
    for note in footnotes:
        lines += [f"[^{note.number}]: {_fill(note.template, note.values, lang)}", ""]
    return "\n".join(lines[:-1]) + "\n"


def generate(out_dir: str | Path, n: int, seed: int = 0, *, start: int = 101, indent: int | None = None,
             example: Path = EXAMPLE, dense: bool = False) -> dict[str, Path]:
    """Write ``ar.md`` … ``zh.md`` (and ``documents.yaml``) with ``n`` numbered paragraphs
    each into ``out_dir`` (``dense``: the symbol- and sub-item-dense variant); returns the
    Markdown paths by language code."""
    bank = load_bank(example)
    structure = plan(n, seed, start, bank, dense)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {}
    for lang in LANGS:
        path = out / f"{lang}.md"
        path.write_text(render(structure, lang, bank, indent), encoding="utf-8")
        paths[lang] = path
    (out / "documents.yaml").write_text(REGISTRY, encoding="utf-8")
    return paths


#: What :func:`edit` writes at the start of an edited paragraph, in each language.
EDITED = _t("بصيغتها المعدلة، ", "As amended, ", "En su forma enmendada, ", "Tel que modifié, ",
            "С внесенными изменениями, ", "经修正，")  # a space after, but in Chinese
#: Every how many numbered paragraphs :func:`edit` changes one.
EDIT_EVERY = 10
_NUMBERED_LINE = re.compile(r"^(\d+\. (?:\{#[^}]*\} )?)(\S)", re.M)


def edit(report: str | Path, out_dir: str | Path, every: int = EDIT_EVERY) -> dict[str, Path]:
    """A later draft of a generated report for ``make bench``'s ``diff`` stage: the same
    versions with every ``every``-th numbered paragraph (the 1st, the 11th…) opening with
    :data:`EDITED`, a few words in every tenth paragraph as a drafting round leaves them.
    Written into ``out_dir``; returns the Markdown paths by language code."""
    src, out = Path(report), Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {}
    for lang in LANGS:
        seen = 0

        def opened(found: re.Match[str]) -> str:
            nonlocal seen
            seen += 1
            if (seen - 1) % every:
                return found.group(0)
            return f"{found.group(1)}{EDITED[lang]}{found.group(2)}"

        text = (src / f"{lang}.md").read_text(encoding="utf-8")
        paths[lang] = out / f"{lang}.md"
        paths[lang].write_text(_NUMBERED_LINE.sub(opened, text), encoding="utf-8")
    shutil.copy(src / "documents.yaml", out / "documents.yaml")
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--n", type=int, default=2000, help="numbered paragraphs per language (default 2000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--start", type=int, default=101, help="number of the first paragraph (default 101)")
    parser.add_argument("--indent", type=int, default=None,
                        help="spaces before (a) sub-items (default: 4, or the paragraph number's width if wider)")
    parser.add_argument("--dense", action="store_true",
                        help="the variant with sub-items under most paragraphs and symbols in most")
    args = parser.parse_args(argv)
    paths = generate(args.out_dir, args.n, args.seed, start=args.start, indent=args.indent, dense=args.dense)
    size = sum(p.stat().st_size for p in paths.values())
    print(f"wrote {len(paths)} versions of {args.n} paragraphs to {args.out_dir} ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
