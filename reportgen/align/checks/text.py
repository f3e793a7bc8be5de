"""Text: paragraphs, sub-items, footnotes, headings and sentences left
untranslated, and paragraphs whose length is far from what the rest of the
document leads one to expect."""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Iterator

from reportgen.align.findings import CheckId, Finding, Pair, Unit, check, finding
from reportgen.l10n import language
from reportgen.l10n.numerals import BUILTIN_SYSTEMS

# Letters only, by script: enough to tell which script a paragraph is written in.
_SCRIPTS = {
    "latin": re.compile(r"[A-Za-z\u00c0-\u024f]"),
    "cyrillic": re.compile(r"[\u0400-\u04ff]"),
    "han": re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"),
    "arabic": re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]"),
}
SAMPLE = 600          # characters enough to tell a paragraph's script
MIN_LETTERS = 20       # shorter paragraphs (a name, a symbol list) may rightly be identical
SIMILAR = 0.9          # difflib ratio above which a paragraph counts as not translated
MIN_PARAGRAPHS = 6     # fewer common paragraphs give no reliable median ratio
ROBUST_Z = 3.5         # Iglewicz–Hoaglin cut-off for the modified z-score
MIN_FACTOR = 1.75      # and at least this far from the expected length, either way
MIN_WORDS = 4          # a sub-item, footnote or sentence shorter than this may rightly stay as it is
MOSTLY = 0.7           # share of letters in the original's script that makes a piece untranslated
WHOLE = 0.9            # ... and a whole paragraph (else its sentences are looked at)
NAME = 0.6             # share of capitalised words that makes a name or a title, not a sentence
MIN_HEADING_LETTERS = 8  # headings are short: "Attendance" left in English in Chinese is untranslated,
MIN_HEADING_WORDS = 2  # ... but in one script a single word ("Introduction", "Participation") may rightly stay
QUOTE = 60             # characters of a sentence quoted in a message


def script_of(text: str) -> tuple[str | None, int]:
    """The dominant script of ``text`` and the number of letters counted."""
    counts = Counter({name: len(rx.findall(text)) for name, rx in _SCRIPTS.items()})
    name, n = counts.most_common(1)[0]
    total = sum(counts.values())
    return (name if n else None), total


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@check(CheckId.UNTRANSLATED, "error",
       "A paragraph, sub-item, footnote, heading or sentence is identical or nearly identical to the original, "
       "or written in the original's script.")
def untranslated(pair: Pair) -> Iterator[Finding]:
    """At most one finding per paragraph, so that one defect never cascades: the whole
    paragraph when it is untranslated, else its sub-items, sentences and footnotes left
    as in the original (the first in full, the others named after it); and one finding
    for the headings."""
    if pair.lang == pair.original.lang:
        return  # a version compared with itself
    own = language(pair.lang).script
    theirs = language(pair.original.lang).script
    for orig, mine in pair.matched():
        # the cheap test that clears almost every translated paragraph: in the same script,
        # no piece of the original's sentences found in it; in another, few letters of the original's
        if own == theirs and mine.prose != orig.prose and not _shares_a_probe(orig, mine.prose):
            continue
        if own != theirs and _letters(mine.prose, theirs) < MIN_LETTERS:
            continue
        n = orig.number
        whole = _whole(orig, mine, own, theirs)
        if whole is not None:
            yield finding(pair, CheckId.UNTRANSLATED, mine, f"paragraph {n} {whole}", original=orig)
            continue
        parts = list(_parts(pair, orig, mine, own, theirs))
        if parts:
            (line, _, message), rest = parts[0], parts[1:]
            yield finding(pair, CheckId.UNTRANSLATED, mine, f"paragraph {n}{message}{_also(rest)}",
                          original=orig, line=line)
    headings = list(_headings(pair, own, theirs))
    if headings:  # one finding: a document-level finding is accepted by its check and language
        (line, _, message), rest = headings[0], headings[1:]
        yield finding(pair, CheckId.UNTRANSLATED, None, message + _also(rest), line=line)


def _also(rest: list[tuple[int | None, str, str]]) -> str:
    return f"; also {', '.join(name for _, name, _ in rest)}" if rest else ""


def _whole(orig: Unit, mine: Unit, own: str, theirs: str) -> str | None:
    """Why the whole paragraph is untranslated (after "paragraph N"), or None. In
    another script, nearly all (90 %) its letters must be the original's: where a
    translated sentence stands among them, the sentences left are named instead."""
    dominant, letters = script_of(mine.text[:SAMPLE])
    if letters < MIN_LETTERS:
        return None
    if dominant != own and dominant == theirs:
        if not _mostly(mine.text[:SAMPLE], theirs, WHOLE):
            return None
        return f"is written in {dominant} script, like the original, not in {own}"
    if dominant != theirs:
        return None  # another script: cannot be 90 % the same
    same = _same(_normal(mine.text), _normal(orig.text))
    return f"is {same} the original" if same else None


def _same(a: str, b: str) -> str | None:
    """"identical to", or "93% the same as" when normalised ``a`` is 90 % ``b``; else None."""
    if a == b:
        return "identical to"
    shorter, longer = sorted((len(a), len(b)))
    # difflib's ratio is at most 2 * shorter / (shorter + longer)
    if not shorter or shorter < longer * SIMILAR / (2 - SIMILAR) or _word_overlap(a, b) < SIMILAR / 2:
        return None
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.quick_ratio() >= SIMILAR and (ratio := matcher.ratio()) >= SIMILAR:
        return f"{ratio:.0%} the same as"
    return None


def _piece(mine: str, orig: str | None, own: str, theirs: str, *, min_letters: int = MIN_LETTERS,
           min_words: int = MIN_WORDS, heading: bool = False) -> str | None:
    """Why a sub-item, footnote or heading (``mine``; ``orig``, its counterpart) is left
    as in the original: "identical to the original", "written in latin script, like
    the original, not in han"; else None."""
    mine = _without_urls(mine)
    if own != theirs:
        return _in_script(mine, own, theirs, min_letters, min_words, heading=heading)
    if orig is None or _letters(mine, own) < min_letters or _words(mine) < min_words:
        return None
    same = _same(_normal(mine), _normal(_without_urls(orig)))
    return f"{same} the original" if same else None


def _in_script(text: str, own: str, theirs: str, min_letters: int, min_words: int, *,
               heading: bool = False) -> str | None:
    """"written in latin script, like the original, not in han" when ``text`` is mostly
    in the original's script, with enough letters and words of it, and (but in a
    heading) is not a name."""
    if _letters(text, theirs) < min_letters or not _mostly(text, theirs, MOSTLY, min_words, names=heading):
        return None
    return f"written in {theirs} script, like the original, not in {own}"


def _mostly(text: str, script: str, share: float, min_words: int = 0, names: bool = True) -> bool:
    """Whether ``share`` of the letters and of the words of ``text`` are in ``script``
    (a Chinese character counts as a word), with ``min_words`` of them at least: a
    Latin name, acronym or document symbol in Chinese, Arabic or Russian text is not
    enough, however long the name. Unless ``names``, words mostly capitalised are a
    name or a title ("Global Operational Network of ... Authorities"), not a sentence."""
    if _letters(text, script) < share * sum(len(rx.findall(text)) for rx in _SCRIPTS.values()):
        return False
    rx = _SCRIPTS[script]
    words = _WORD.findall(text)
    mine = [w for w in words if rx.match(w)]
    if len(mine) < min_words or len(mine) < share * len(words):
        return False
    return names or sum(1 for w in mine if w[0].isupper()) < NAME * len(mine)


def _parts(pair: Pair, orig: Unit, mine: Unit, own: str, theirs: str) -> Iterator[tuple[int | None, str, str]]:
    """(line, name, message after "paragraph N") of each sub-item, of the sentences and
    of each footnote of a translated paragraph left as in the original."""
    marker = language(pair.original.lang).subitem_marker
    counterparts = {(level, index): text for level, index, _, text in orig.subitem_texts}
    same_items = orig.subitems == mine.subitems  # else counterparts by place are not the same sub-items
    pieces = [mine.body]  # where sentences are looked for: the text outside sub-items, sub-items not found whole
    parent = ""
    for level, index, line, text in mine.subitem_texts:
        label = marker(index, level)
        parent = label if level == 1 else parent
        name = label if level == 1 else f"{parent} {label}"
        why = _piece(text, counterparts.get((level, index)) if same_items else None, own, theirs)
        if why:
            yield line, name, f" {name}: sub-item {why}"
        else:
            pieces.append(text)
    originals = (orig.body,) + tuple(text for *_, text in orig.subitem_texts)
    sentences = _untranslated_sentences(originals, pieces, own, theirs)
    if sentences:
        k = len(sentences)
        what = ("identical or nearly identical to the original's" if own == theirs
                else f"written in {theirs} script, like the original")
        counted = "a sentence" if k == 1 else f"{k} sentences"
        first = "" if k == 1 else ", the first"
        yield mine.line, counted, f": {counted} {what}{first}: “{_shorten(sentences[0])}”"
    notes = [text for _, _, text in orig.footnote_texts] if len(orig.footnote_texts) == len(mine.footnote_texts) else []
    for i, (number, line, text) in enumerate(mine.footnote_texts):
        why = _piece(text, notes[i] if notes else None, own, theirs)
        if why:
            yield line, f"footnote {number}", f", footnote {number}: {why}"


def _headings(pair: Pair, own: str, theirs: str) -> Iterator[tuple[int | None, str, str]]:
    """(line, name, message) of each heading left as in the original, compared with
    the original's headings in order."""
    originals = pair.original.structure.heading_texts
    chapter = ""
    for i, (level, number, line, text) in enumerate(pair.version.structure.heading_texts):
        other = originals[i][3] if i < len(originals) and originals[i][:2] == (level, number) else None
        if level == 1:
            chapter = "" if number is None else f"chapter {BUILTIN_SYSTEMS['roman'].format(number)}"
        if number is not None and level == 1:
            name = f"heading of {chapter}"
        elif number is not None and level == 2:
            section = f"section {BUILTIN_SYSTEMS['latin_upper'].format(number)}"
            name = f"heading of {chapter}, {section}" if chapter else f"heading of {section}"
        else:
            name = f"heading “{_shorten(other or text, 40)}”"
        why = _piece(text, other, own, theirs, min_letters=MIN_HEADING_LETTERS,
                     min_words=MIN_HEADING_WORDS if own == theirs else 1, heading=True)
        if why:
            yield line, name, f"{name}: {why}"


# A sentence ends with . ! ? ؟ before a space or the end, or with 。！？ wherever.
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+|(?<=[。！？])")
_URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+")
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_HAN}]|[^\W\d_{_HAN}]+")  # a run of letters, or one Chinese character
PROBE = 12             # characters (in whole words) of a piece of an original sentence looked for


def _without_urls(text: str) -> str:
    return _URL.sub(" ", text) if ("://" in text or "www." in text or "@" in text) else text


def _letters(text: str, script: str) -> int:
    return len(_SCRIPTS[script].findall(text))


def _words(text: str) -> int:
    return len(_WORD.findall(text))


@lru_cache(maxsize=4096)
def _probes(texts: tuple[str, ...]) -> tuple[str, ...]:
    """Pieces of each sentence of an original's texts (the paragraph outside its
    sub-items, each sub-item, each footnote), long enough to be left as in the
    original: at a quarter, the middle and three quarters of it, the fewest whole
    words (two at least, with letters and no figures) that make ``PROBE`` characters.
    A sentence copied, even with an edit or two, has one of them in the translation;
    a translated one (almost) never: two words in a row seldom are the same in two
    languages, names and figures aside."""
    out = []
    for text in texts:
        for s in _SENTENCE_END.split(_without_urls(text)):
            words = s.split()
            if len(words) < MIN_WORDS:
                continue
            for at in (len(words) // 4, len(words) // 2, 3 * len(words) // 4):
                end = at + 2
                while end < len(words) and sum(map(len, words[at:end])) + end - at - 1 < PROBE:
                    end += 1
                probe = words[at:end]
                joined = " ".join(probe)
                if sum(1 for w in probe if any(map(str.isalpha, w))) >= 2 and not any(map(str.isdigit, joined)):
                    out.append(joined)
    return tuple(dict.fromkeys(out))


def _shares_a_probe(orig: Unit, mine: str) -> bool:
    texts = (orig.body,) + tuple(t for *_, t in orig.subitem_texts) + tuple(t for *_, t in orig.footnote_texts)
    return any(p in mine for p in _probes(texts))


def _sentences(text: str) -> list[tuple[str, str]]:
    """(sentence as written, normalised) of a text, URLs left out."""
    return [(s, _normal(s)) for s in map(str.strip, _SENTENCE_END.split(_without_urls(text))) if s]


def _untranslated_sentences(orig: tuple[str, ...], mine: list[str], own: str, theirs: str) -> list[str]:
    """Sentences of the texts ``mine`` left as in the texts ``orig``: in the same
    script, identical or 90 % the same as one of theirs; in another, mostly in the
    original's script. At least 20 letters and 4 words each."""
    if own != theirs:
        return [s for text in mine if _letters(text, theirs) >= MIN_LETTERS  # the cheap test first
                for s, _ in _sentences(text) if _in_script(s, own, theirs, MIN_LETTERS, MIN_WORDS)]
    originals = [b for text in orig if text for _, b in _sentences(text)]
    exact = set(originals)
    out = []
    for text in mine:
        for s, a in _sentences(text) if text else ():
            if len(a) < MIN_LETTERS or _letters(s, own) < MIN_LETTERS or _words(s) < MIN_WORDS:
                continue
            if a in exact or any(_same(a, b) for b in originals):
                out.append(s)
    return out


def _shorten(text: str, width: int = QUOTE) -> str:
    """``text`` cut at a word to about ``width`` characters, with an ellipsis."""
    if len(text) <= width:
        return text
    cut = text[:width - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def _word_overlap(a: str, b: str) -> float:
    """Share of the shorter text's words found in the other: a cheap bound before difflib."""
    x, y = set(a.split()), set(b.split())
    return len(x & y) / min(len(x), len(y)) if x and y else 0.0


@check(CheckId.LENGTH_OUTLIER, "warning",
       "A paragraph is much longer or shorter than the document's usual ratio to the original suggests.")
def length_outlier(pair: Pair) -> Iterator[Finding]:
    """Robust statistics on log length ratios: the median ratio of this language
    pair in this document is the expectation, the median absolute deviation the
    spread; no fixed constant per language."""
    ratios: dict[int, float] = {}
    units = {}
    for orig, mine in pair.matched():
        a, b = mine.letters, orig.letters
        if a and b and orig.number is not None:
            ratios[orig.number] = math.log(a / b)
            units[orig.number] = (orig, mine)
    if len(ratios) < MIN_PARAGRAPHS:
        return
    median = statistics.median(ratios.values())
    mad = statistics.median(abs(r - median) for r in ratios.values())
    expected = math.exp(median)
    for n, r in ratios.items():
        deviation = abs(r - median)
        z = 0.6745 * deviation / mad if mad else math.inf
        if z > ROBUST_Z and deviation > math.log(MIN_FACTOR):
            actual = math.exp(r)
            longer = "longer" if r > median else "shorter"
            yield finding(pair, CheckId.LENGTH_OUTLIER, units[n][1], original=units[n][0], message=
                          f"paragraph {n} is {actual:.2f} times the original's length where this document's "
                          f"median is {expected:.2f}: much {longer} than expected")
