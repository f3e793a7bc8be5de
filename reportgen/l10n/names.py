"""Country, territory and language names from CLDR (through Babel) as concepts of the
alignment lexicon (``lexicon.py``): every UN report names States, and a name is the
same concept in all six languages (``territory:IT`` is Italy, Italie, Италия, 意大利,
إيطاليا), so a paragraph naming Brazil pairs with the translation naming it too.

CLDR gives each name in its dictionary form; how running text changes it is data,
the ``names`` block of ``data/lexicon.yaml``: the endings an inflected language puts
on a name's last word (Италия: Италии, Италию), the forms a leading article takes
(Arabic الصين, للصين), codes left out where the name is also a common word (Arabic
مالي "financial"), and the longer words in which a name is not that name (Chinese
发展中国家 "developing countries" holds 中国 "China"). Code never branches on a
language code.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale

from reportgen.l10n.loader import LANGUAGES, DataFileError, language

__all__ = ["Inflection", "NameRules", "Stem", "name_stems", "read_rules"]

#: Babel's catalogues by kind, and the codes of each taken: ISO 3166 alpha-2 countries and
#: territories (not regions such as "150"), ISO 639-1 languages (not "gsw" or "en_GB").
KINDS = {"territories": ("territory", re.compile(r"[A-Z]{2}")), "languages": ("language", re.compile(r"[a-z]{2}"))}
#: CLDR's qualifiers, which running text leaves out: "Congo - Kinshasa", "Myanmar (Burma)",
#: "刚果（金）"
_QUALIFIER = re.compile(r"\s+-\s+.*$|\s*[(（].*$")
_MARKS = re.compile("[\u064b-\u0652\u0640]")  # Arabic short vowels and tatweel (عُمان): the lexicon reads text without them


@dataclass(frozen=True)
class Stem:
    """A name as the lexicon matches it: its concept, and whether it must end a word."""

    concept: str
    whole_word: bool
    inflected: bool = False  # each word takes the language's case endings (Италии, Соединенных Штатов)


@dataclass(frozen=True)
class Inflection:
    """How a language inflects names: the letters stripped from the end of each word of
    a name's dictionary form, keeping at least ``keep``, and the letters (at most
    ``most`` of them) a case ending adds back in running text."""

    strip: str
    keep: int
    endings: str
    most: int

    def stem(self, word: str) -> str:
        while len(word) > self.keep and word[-1] in self.strip:
            word = word[:-1]
        return word


@dataclass(frozen=True)
class NameRules:
    """The ``names`` block of the lexicon file."""

    kinds: tuple[str, ...] = ()
    whole_word_below: int = 0
    stem_endings: dict[str, Inflection] = field(default_factory=dict)
    article_variants: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    leave_out: dict[str, frozenset[str]] = field(default_factory=dict)  # lang or "*" -> concepts
    shields: dict[str, tuple[str, ...]] = field(default_factory=dict)
    aliases: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)  # concept -> lang -> forms


def read_rules(path: Path, block: Any) -> NameRules:
    """The ``names`` block, validated (``DataFileError`` names the key at fault)."""
    if block is None:
        return NameRules()
    if not isinstance(block, dict):
        raise DataFileError(path, "names", "expected a mapping")
    kinds = block.get("kinds", [])
    if not isinstance(kinds, list) or not all(k in KINDS for k in kinds):
        raise DataFileError(path, "names.kinds", f"expected a list of {', '.join(KINDS)}")
    below = block.get("whole_word_below", 0)
    if not isinstance(below, int) or isinstance(below, bool) or below < 0:
        raise DataFileError(path, "names.whole_word_below", "expected a whole number of letters")
    endings: dict[str, Inflection] = {}
    for code, rule in _per_language(path, block, "stem_endings").items():
        if not (isinstance(rule, dict) and isinstance(rule.get("strip"), str) and isinstance(rule.get("endings"), str)
                and all(isinstance(rule.get(k), int) and not isinstance(rule.get(k), bool) for k in ("keep", "most"))):
            raise DataFileError(path, f"names.stem_endings.{code}",
                                "expected 'strip' and 'endings' (letters), 'keep' and 'most' (numbers)")
        endings[code] = Inflection(rule["strip"], rule["keep"], rule["endings"], rule["most"])
    variants: dict[str, dict[str, tuple[str, ...]]] = {}
    for code, table in _per_language(path, block, "article_variants").items():
        if not isinstance(table, dict) or not all(isinstance(k, str) and isinstance(v, list)
                                                  and all(isinstance(x, str) for x in v) for k, v in table.items()):
            raise DataFileError(path, f"names.article_variants.{code}", "expected an article with a list of its forms")
        variants[code] = {k: tuple(v) for k, v in table.items()}
    leave_out = {code: frozenset(_strings(path, f"names.leave_out.{code}", v))
                 for code, v in _per_language(path, block, "leave_out", everyone=True).items()}
    shields = {code: tuple(_strings(path, f"names.shields.{code}", v))
               for code, v in _per_language(path, block, "shields").items()}
    aliases: dict[str, dict[str, tuple[str, ...]]] = {}
    table = block.get("aliases") or {}
    if not isinstance(table, dict):
        raise DataFileError(path, "names.aliases", "expected concepts with their forms per language")
    for concept, forms in table.items():
        kind, _, key = str(concept).partition(":")
        if not any(kind == prefix and pattern.fullmatch(key) for prefix, pattern in KINDS.values()):
            raise DataFileError(path, f"names.aliases.{concept}", "expected territory:XX or language:xx")
        if not isinstance(forms, dict) or not set(forms) <= set(LANGUAGES):
            raise DataFileError(path, f"names.aliases.{concept}", "expected language codes")
        aliases[str(concept)] = {code: tuple(_strings(path, f"names.aliases.{concept}.{code}", v))
                                 for code, v in forms.items()}
    return NameRules(tuple(kinds), below, endings, variants, leave_out, shields, aliases)


def _per_language(path: Path, block: dict[str, Any], key: str, everyone: bool = False) -> dict[str, Any]:
    table = block.get(key) or {}
    allowed = set(LANGUAGES) | ({"*"} if everyone else set())
    if not isinstance(table, dict) or not set(table) <= allowed:
        raise DataFileError(path, f"names.{key}", "expected language codes" + (" (or '*')" if everyone else ""))
    return table


def _strings(path: Path, key: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
        raise DataFileError(path, key, "expected a list of texts")
    return value


def name_stems(code: str, rules: NameRules, word_prefix: bool) -> dict[str, Stem]:
    """Every name of ``rules.kinds`` in language ``code``, lower-cased, as a stem of its
    concept, with the longer words that shield a name (concept ""). ``word_prefix``: the
    language's stems are matched at word starts (else anywhere)."""
    locale = Locale.parse(language(code).babel_locale)
    left_out = rules.leave_out.get("*", frozenset()) | rules.leave_out.get(code, frozenset())
    inflection = rules.stem_endings.get(code)
    variants = rules.article_variants.get(code, {})
    names = [(concept, form) for concept, forms in rules.aliases.items() for form in forms.get(code, ())]
    for kind in rules.kinds:
        prefix, codes = KINDS[kind]
        names += [(f"{prefix}:{key}", name) for key, name in sorted(getattr(locale, kind).items())
                  if codes.fullmatch(key)]
    out: dict[str, Stem] = {}
    for concept, name in names:  # the UN's names (aliases) first: they win a shared stem
        if concept in left_out:
            continue
        for form in _forms(_plain(name), variants):
            if inflection is not None:
                out.setdefault(" ".join(map(inflection.stem, form.split(" "))), Stem(concept, True, True))
            else:
                out.setdefault(form, Stem(concept, word_prefix and len(form) < rules.whole_word_below))
    for shield in rules.shields.get(code, ()):
        out[_plain(shield)] = Stem("", False)
    return out


def _plain(name: str) -> str:
    """A name as the lexicon reads text: without CLDR's qualifier, Arabic marks and case."""
    base = _QUALIFIER.sub("", unicodedata.normalize("NFC", name)).strip() or name
    return _MARKS.sub("", base).lower()


def _forms(name: str, variants: dict[str, tuple[str, ...]]) -> list[str]:
    """``name`` and the forms its leading article takes (ar: الصين, للصين), each also
    with a typed apostrophe for a typographic one (côte d’ivoire, côte d'ivoire)."""
    out = [name]
    for article, forms in variants.items():
        if name.startswith(article):
            out += [form + name[len(article):] for form in forms]
    return out + [f.replace("\u2019", "'") for f in out if "\u2019" in f]
