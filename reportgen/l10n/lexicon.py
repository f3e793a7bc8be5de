"""A small multilingual lexicon of concepts frequent in UN reports, for alignment.

hunalign aligns with a dictionary as well as lengths; this is that dictionary,
shipped as data (``data/lexicon.yaml``), never downloaded. Each concept lists, per
language, stems that mark it in text. How a stem is matched is data too
(``matching``): at the start of a word (``word-prefix``: inflected languages such as
French, Russian and Spanish) or anywhere (``substring``: Chinese, which has no word
spaces, and Arabic, whose clitics attach to the word). Code never branches on a
language code.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportgen.l10n.loader import LANGUAGES, DataFileError, load_yaml

PATH = Path(__file__).with_name("data") / "lexicon.yaml"
MATCHING = ("word-prefix", "substring")
_MARKS = {cp: None for cp in [*range(0x064B, 0x0653), 0x0640]}
_HAS_MARKS = re.compile("[\u064b-\u0652\u0640]")


@dataclass(frozen=True)
class Lexicon:
    """Finds the concepts of a text in one language."""

    pattern: re.Pattern[str] | None
    concept_of: dict[str, str]  # lower-cased stem -> concept

    def concepts(self, text: str) -> Counter:
        if self.pattern is None:
            return Counter()
        # Arabic short vowels and tatweel (الحقُّ, الحـق) would hide a stem; other scripts lack them
        plain = text.lower()
        if _HAS_MARKS.search(plain):
            plain = plain.translate(_MARKS)
        return Counter(map(self.concept_of.__getitem__, self.pattern.findall(plain)))


@lru_cache(maxsize=None)
def _load(path: Path = PATH) -> dict:
    """The lexicon file, parsed once (it serves every language)."""
    return _parse(path)


def _parse(path: Path) -> dict:
    data = load_yaml(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("matching"), dict) \
            or not isinstance(data.get("concepts"), dict):
        raise DataFileError(path, "lexicon", "expected 'matching' and 'concepts' mappings")
    for code, how in data["matching"].items():
        if code not in LANGUAGES or how not in MATCHING:
            raise DataFileError(path, f"matching.{code}", f"expected a language code and one of {MATCHING}")
    for concept, stems in data["concepts"].items():
        if not isinstance(stems, dict) or not all(c in LANGUAGES and isinstance(v, list) and v
                                                  and all(isinstance(x, str) and x.strip() for x in v)
                                                  for c, v in stems.items()):
            raise DataFileError(path, f"concepts.{concept}", "expected language codes with lists of stems")
    return data


@lru_cache(maxsize=None)
def lexicon(code: str) -> Lexicon:
    """The lexicon of one language (empty when the data has none for it)."""
    data = _load()
    how = data["matching"].get(code)
    concept_of: dict[str, str] = {}
    for concept, stems in data["concepts"].items():
        for stem in stems.get(code, ()):
            concept_of.setdefault(stem.lower(), str(concept))
    if not concept_of or how is None:
        return Lexicon(None, {})
    # One trie-shaped expression over lower-cased text: an alternation of hundreds of
    # stems would be tried stem by stem at every position. Longest match wins, so
    # "human rights" is preferred to "human".
    alternatives = _trie(sorted(concept_of))
    if how == "word-prefix":
        pattern = re.compile(rf"(?<!\w)({alternatives})")
    else:
        pattern = re.compile(rf"({alternatives})")
    return Lexicon(pattern, concept_of)


def _trie(words: list[str]) -> str:
    """A regular expression matching any of ``words``, longest first, shaped as a trie."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    return _pattern(root)


def _pattern(node: dict) -> str:
    """The expression of one trie node (module-level: a recursive nested function is a
    reference cycle)."""
    branches = [re.escape(ch) + _pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
