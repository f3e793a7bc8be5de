"""Finding a term in text through inflection, offline: the matching the term base
checks use (``reportgen.align.checks.terms``, ``reportgen.check.terms``).

How a language is matched is data, the ``terms`` block of ``data/<code>.yaml``:

- ``match: words``: the text is cut into words (letters and digits; apostrophes,
  hyphens and punctuation separate words, so ``l’homme`` and ``l'homme`` are the same
  two words), each word lower-cased and stemmed with the Snowball stemmer the data names
  (``snowballstemmer``, pure Python, no model to download), the ``skip`` words (articles,
  "de") left out; a term is found when its stems stand in the text in a row. So
  ``droits de l'homme`` is found in ``Droits de l’Homme`` and ``droit de l'homme``, and
  ``права человека`` in ``правам человека``.
- ``match: substring``: for languages without word spaces or inflection (Chinese): the
  term is found anywhere, case and spaces aside.

Both sides become one string (``key``) searched with ``in``, so a paragraph is cut and
stemmed once however many terms are looked for, and each word is stemmed once per
process (a report's vocabulary is small beside its word count).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from reportgen.l10n.loader import DataFileError, data_path, language

# Letters and digits: every other character separates words (the apostrophes ' and ’ too).
_WORD = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")
_CACHE_LIMIT = 500_000  # distinct tokens kept per language (a 2,000-paragraph version has 4,000)


@dataclass
class Matcher:
    """The matching of one language: ``key(text)`` and ``key(term)``; the term is in
    the text when its key is in the text's (:meth:`contains`). A term made only of
    skipped words (``de``) has an empty key and is never found."""

    words: bool
    stem: Callable[[str], str] | None = None
    skip: frozenset[str] = frozenset()
    ignore: re.Pattern[str] | None = None  # characters removed first
    # each word's stem and each space-separated token's stems, computed once per process:
    # texts share most of their words (cutting a paragraph into words is most of the cost)
    _stems: dict[str, str] = field(default_factory=dict, repr=False)
    _tokens: dict[str, str] = field(default_factory=dict, repr=False)

    def normalise(self, text: str) -> str:
        """NFC (a decomposed é is one letter), ignored marks removed (before cutting into
        words: a vowel mark is not a word character)."""
        if self.ignore is not None:
            text = self.ignore.sub("", text)  # str.translate is ten times slower
        return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)

    def key(self, text: str) -> str:
        """The searchable form of ``text``: its stems between spaces (``" droit homm "``),
        or for substring languages its lower-cased characters without spaces."""
        plain = self.normalise(text)
        if not self.words:
            return _SPACE.sub("", plain.lower())
        tokens = plain.split()  # C speed; each distinct token is cut into words once
        cache = self._tokens
        if len(cache) > _CACHE_LIMIT:  # a long-lived process reading many reports
            cache.clear()
        for token in set(tokens).difference(cache):
            cache[token] = " ".join(filter(None, map(self._stem, _WORD.findall(token))))
        found = " ".join(filter(None, map(cache.__getitem__, tokens)))  # a skipped word is ""
        return f" {found} " if found else ""

    def _stem(self, word: str) -> str:
        """A word's stem ("" for a skipped word), computed once per process."""
        stem = self._stems.get(word)
        if stem is None:
            lower = word.lower()
            stem = self._stems[word] = ("" if lower in self.skip else
                                        self.stem(lower) if self.stem is not None else lower)
        return stem

    def contains(self, text_key: str, term_key: str) -> bool:
        return bool(term_key) and term_key in text_key

    def find(self, term: str, text: str) -> bool:
        """Whether ``term`` occurs in ``text`` (for one-off questions; the checks keep keys)."""
        return self.contains(self.key(text), self.key(term))


@lru_cache(maxsize=None)
def matcher(code: str) -> Matcher:
    """The matcher of a language, built from its ``terms`` rules (validated with the rest
    of the data file by the loader; cached per process)."""
    rules = language(code).terms
    ignore = re.compile(f"[{re.escape(rules.ignore)}]") if rules.ignore else None
    if rules.match != "words":
        return Matcher(False, ignore=ignore)
    skip = frozenset(unicodedata.normalize("NFC", w).lower() for w in rules.skip)
    return Matcher(True, _stemmer(code, rules.stemmer) if rules.stemmer else None, skip, ignore)


def _stemmer(code: str, name: str) -> Callable[[str], str]:
    import snowballstemmer  # 20 ms of imports: only when a term base is used

    if name not in snowballstemmer.algorithms():
        raise DataFileError(data_path(code), "terms.stemmer",
                            f"{name!r} is not a snowballstemmer algorithm "
                            f"({', '.join(sorted(snowballstemmer.algorithms()))})")
    return snowballstemmer.stemmer(name).stemWord
