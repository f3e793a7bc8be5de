"""A small multilingual lexicon of concepts frequent in UN reports, for alignment.

hunalign aligns with a dictionary as well as lengths; this is that dictionary,
shipped as data (``data/lexicon.yaml``), never downloaded. Each concept lists, per
language, stems that mark it in text. How a stem is matched is data too
(``matching``): at the start of a word (``word-prefix``: inflected languages such as
French, Russian and Spanish) or anywhere (``substring``: Chinese, which has no word
spaces, and Arabic, whose clitics attach to the word). Country, territory and
language names from CLDR join the concepts (``names.py``): every UN report names
States. Code never branches on a language code.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportgen.l10n.loader import LANGUAGES, DataFileError, load_yaml
from reportgen.l10n.names import Inflection, NameRules, name_stems, read_rules

PATH = Path(__file__).with_name("data") / "lexicon.yaml"
#: Ends a stem that must end a word (a short name: "Iran" not in "Iranian"); it matches no
#: character, so the matched text is the stem itself.
_WORD_END = "\x00"
#: Follows each inner word of an inflected name: the case ending it takes (Соединенных
#: Штатов); the last word's ending is checked on a match (one character class per inner
#: word, not per name: compiling hundreds of them cost 0.1 s per process).
_ENDING = "\x01"
_WORD_REST = re.compile(r"\w*")
MATCHING = ("word-prefix", "substring")
_MARKS = {cp: None for cp in [*range(0x064B, 0x0653), 0x0640]}
_HAS_MARKS = re.compile("[\u064b-\u0652\u0640]")


@dataclass(frozen=True)
class Lexicon:
    """Finds the concepts of a text in one language."""

    pattern: re.Pattern[str] | None
    concept_of: dict[str, str]  # lower-cased stem -> concept
    inflection: Inflection | None = None  # of names: a match holds case endings to take off
    inflected: frozenset[str] = frozenset()  # the stems whose word must end in a case ending

    def concepts(self, text: str) -> Counter:
        if self.pattern is None:
            return Counter()
        # Arabic short vowels and tatweel (الحقُّ, الحـق) would hide a stem; other scripts lack them
        plain = text.lower()
        if _HAS_MARKS.search(plain):
            plain = plain.translate(_MARKS)
        if self.inflection is None:
            found = Counter(map(self._concept, self.pattern.findall(plain)))
        else:
            found = Counter(self._inflected(m.group(1), plain, m.end()) for m in self.pattern.finditer(plain))
        found.pop("", None)  # a shield, or a longer word in which a name is not that name
        return found

    def _concept(self, match: str) -> str:
        return self.concept_of.get(match) or ""

    def _inflected(self, match: str, text: str, end: int) -> str:
        """The concept of ``match`` in a language that inflects names: an inflected name
        (Соединенных Штатов) looked up with each inner word's ending taken off, and only
        where the rest of its last word is a case ending (Италии; not итальянский)."""
        concept = self.concept_of.get(match)
        if concept is not None and match not in self.inflected:
            return concept
        assert self.inflection is not None
        endings, most = self.inflection.endings, self.inflection.most
        rest = _WORD_REST.match(text, end)
        tail = rest.group() if rest is not None else ""
        if len(tail) > most or any(c not in endings for c in tail):
            return ""
        if concept is not None:
            return concept
        options = [[w[:len(w) - k] for k in range(min(most, len(w)) + 1) if all(c in endings for c in w[len(w) - k:])]
                   for w in match.split(" ")]
        options[-1] = [match.split(" ")[-1]]  # the last word is the stem as matched: its ending is the tail
        return next((self.concept_of[key] for key in map(" ".join, itertools.product(*options))
                     if key in self.concept_of), "")


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
    data["names"] = read_rules(path, data.get("names"))
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
    keys = list(concept_of)
    rules: NameRules = data["names"]
    inflection = rules.stem_endings.get(code)
    inflected: set[str] = set()
    # CLDR's names beside the concepts above (a stem of the file wins over a name)
    for stem, name in name_stems(code, rules, how == "word-prefix").items():
        if stem not in concept_of:
            concept_of[stem] = name.concept
            if name.inflected:  # each inner word followed by its case ending; the last's is checked on a match
                inflected.add(stem)
                keys.append(" ".join(w + _ENDING for w in stem.split(" ")[:-1]) + " " + stem.split(" ")[-1]
                            if " " in stem else stem)
            else:
                keys.append(stem + _WORD_END if name.whole_word else stem)
    # One trie-shaped expression over lower-cased text: an alternation of hundreds of
    # stems would be tried stem by stem at every position. Longest match wins, so
    # "human rights" is preferred to "human".
    markers = {_WORD_END: r"(?!\w)"}
    if inflection is not None:
        markers[_ENDING] = f"[{re.escape(inflection.endings)}]{{0,{inflection.most}}}"
    alternatives = _trie(sorted(keys), markers)
    if how == "word-prefix":
        pattern = re.compile(rf"(?<!\w)({alternatives})")
    else:
        pattern = re.compile(rf"({alternatives})")
    return Lexicon(pattern, concept_of, inflection, frozenset(inflected))


def _trie(words: list[str], markers: dict[str, str] | None = None) -> str:
    """A regular expression matching any of ``words``, longest first, shaped as a trie;
    ``markers``: characters that stand for an expression (a word's end, a case ending)."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    return _pattern(root, markers or {})


def _pattern(node: dict, markers: dict[str, str]) -> str:
    """The expression of one trie node (module-level: a recursive nested function is a
    reference cycle)."""
    # a marker's branch last: "lao" ends a word only where no longer stem goes on
    # ("lao people's democratic republic"), or the alternation would stop there
    branches = [markers.get(ch, re.escape(ch)) + _pattern(child, markers)
                for ch, child in sorted(node.items(), key=lambda item: (item[0] in markers, item[0])) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
