"""Alignment by content: which units of a translation correspond to which units of
the original, whatever their numbers say.

Translators renumber as they go, so pairing paragraphs by number turns one
dropped paragraph into a cascade of errors. As hunalign, vecalign and Bleualign
do, the units (numbered paragraphs and the unnumbered paragraphs between them)
are aligned by dynamic programming over their content, with 1–1, 1–0, 0–1, 2–1
and 1–2 links, and paragraphs that moved are found among the unmatched ones.

The signals need no downloaded model; paragraph numbers are evidence, never proof
(a version kept or renumbered them):

- length, against the ratio this document's own pairs show (Gale–Church);
- figures by value, read in each language's notation;
- document symbols and ``@label`` targets;
- footnote count and sub-item structure;
- Latin-script names and acronyms, which stay untranslated in every script;
- cognates between Latin-script versions (Simard's four-letter prefixes), and the
  concepts of a small multilingual lexicon shipped as data (hunalign's dictionary);
- a paragraph number the version shares with the original adds to a pair's score
  (agreement only: a renumbered version's numbers say nothing).

Between a merge and a dropped paragraph, the dropped one's own content, absent from
its neighbour's translation, decides (:func:`unmerged`); where content is silent, the
numbers a version kept do.

Speed: unique, mutually consistent content keys (figures, symbols, names) anchor
the alignment first (the longest increasing subsequence of unique matches, as in
patience diff); the dynamic programme only fills the gaps between anchors, inside
a band around each gap's diagonal.
"""

from __future__ import annotations

import bisect
import math
import re
import statistics
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

from reportgen.align.findings import Link, Unit

# Costs (in units of 1 − similarity). A skip costs more than a poor pair, less than
# a wrong pair with contradicting figures; merging costs a little more than pairing.
SKIP = 0.45
MERGE = 0.3
SWAP = 0.2          # two neighbouring paragraphs exchanged
MERGE_MORE = 0.1    # each further paragraph in the same merge
# Links: one to one, dropped, inserted, and up to three paragraphs merged into one
# (a preamble's "Now, therefore, / The General Assembly / Proclaims" often is).
STEPS = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (3, 1), (1, 3))
BAND = 12            # extra half-width of the band beyond the gap's own size difference
MOVED = 0.72         # similarity above which an unmatched pair is a moved paragraph
SHORT = 7.2          # length variance for an original unit of n characters: sigma² + SHORT / n
GOOD = 0.6          # a gap whose diagonal pairs all reach this needs no programme
ANCHOR = 0.55        # similarity an anchor pair must reach
NUMBER_AGREES = 0.5  # weight of a paragraph number the version shares with the original

# Punctuation that translations keep, by role, in every script: sentence ends,
# clause marks, opening brackets, quotations (Chinese full-width and Arabic forms).
_SENTENCE_ENDS = (". ", "! ", "? ", "。", "！", "？")
_CLAUSE = (";", ":", "；", "：", "؛")
_BRACKETS = ("(", "（")
_QUOTES = ("“", "”", "«", "»", '"', "「", "」")
COGNATE_SHARE = 0.3  # translations share about this share of their cognates
COGNATE_TEXT = 1500  # characters read for cognates
COGNATE_BITS = 4096  # cognates are bits of a mask: a prefix's bit is a stable hash of it
UNTRANSLATED_WORDS = 5   # Latin words a version of another script must share with the original …
UNTRANSLATED_SHARE = 0.6  # … and their share, before they count as text left in the original
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]{5,}")
_EMPTY: Counter = Counter()  # shared, never changed: Features add into new Counters
# A capital first, then "no letter before it" (a word start, as \b would say): the
# engine then skips in C to capitals instead of stopping at every word boundary.
_NAME = re.compile(r"[A-Z](?<!\w[A-Z])[A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*\b")


_UNSET = object()


@dataclass(frozen=True, slots=True)  # one per unit, and sent between processes
class Features:
    """What the similarity of two units is computed from."""

    length: int
    numbers: Counter
    symbols: Counter
    references: Counter
    names: Counter
    footnotes: int
    subitems: tuple[tuple[int, int], ...]
    punctuation: tuple[int, ...]  # sentences, clauses (; :), parentheses, quotations
    cognates: int = 0  # 4-letter prefixes of Latin-script words, as a bit mask (:func:`_cognates`)
    latin: bool = False  # written mostly in Latin script (cognates then count)
    concepts: Counter = field(default_factory=Counter)  # lexicon concepts (l10n/data/lexicon.yaml)
    number: int | None = None  # the paragraph's number as written (None: unnumbered, or merged units)
    anchor: object = field(default=_UNSET, compare=False, repr=False)  # :attr:`key`, once computed

    def __add__(self, other: "Features") -> "Features":
        return Features(self.length + other.length, self.numbers + other.numbers, self.symbols + other.symbols,
                        self.references + other.references, self.names + other.names,
                        self.footnotes + other.footnotes, self.subitems + other.subitems,
                        tuple(a + b for a, b in zip(self.punctuation, other.punctuation)),
                        self.cognates | other.cognates, self.latin and other.latin,
                        self.concepts + other.concepts, None)

    def __reduce__(self) -> tuple:
        # Features travel back from worker processes (reportgen.parallel): plain dicts
        # pickle at C speed, Counters through Python code, at twice the cost
        return _features_from, (self.length, dict(self.numbers), dict(self.symbols), dict(self.references),
                                dict(self.names), self.footnotes, self.subitems, self.punctuation,
                                self.cognates, self.latin, dict(self.concepts), self.number)

    @property
    def key(self) -> tuple | None:
        """A content key distinctive enough to anchor on, or None (computed once:
        anchoring asks for it on every pass)."""
        if self.anchor is _UNSET:
            key = None
            if self.numbers or self.symbols or self.names or self.references:
                key = (tuple(sorted(self.numbers.elements(), key=str)), tuple(sorted(self.symbols.elements())),
                       tuple(sorted(self.references.elements(), key=str)), tuple(sorted(self.names.elements())))
            object.__setattr__(self, "anchor", key)  # a cache on a frozen instance
        return self.anchor  # type: ignore[return-value]


def _features_from(length: int, numbers: dict, symbols: dict, references: dict, names: dict, footnotes: int,
                   subitems: tuple, punctuation: tuple, cognates: int, latin: bool,
                   concepts: dict, number: int | None = None) -> Features:
    return Features(length, _counter(numbers), _counter(symbols), _counter(references), _counter(names),
                    footnotes, subitems, punctuation, cognates, latin, _counter(concepts), number)


def _counter(counts: dict) -> Counter:
    if not counts:
        return _EMPTY
    out: Counter = Counter.__new__(Counter)  # Counter.__init__ and update run in Python
    dict.update(out, counts)
    return out


def features(unit: Unit, numbers: Counter, concepts: Counter | None = None, *, latin: bool = False) -> Features:
    """``latin``: the version's script is Latin (language data), so cognates count."""
    text = unit.text + " ".join(unit.footnotes) if unit.footnotes else unit.text
    names = _NAME.findall(unit.prose)
    return Features(
        # the unit's letters are counted already; spaces removed from a concatenation
        # are those removed from its parts
        length=max(1, unit.letters + sum(len("".join(f.split())) for f in unit.footnotes)),
        numbers=numbers,
        symbols=Counter(unit.symbols) if unit.symbols else _EMPTY,
        references=Counter(unit.references) if unit.references else _EMPTY,
        names=Counter(names) if names else _EMPTY,
        footnotes=len(unit.footnotes),
        subitems=unit.subitems,
        punctuation=_punctuation(text),
        cognates=_cognates(text),
        latin=latin,
        concepts=concepts if concepts is not None else _EMPTY,
        number=unit.number,
    )


def _punctuation(text: str) -> tuple[int, int, int, int]:
    """Sentence ends, clause marks, opening brackets, quotation marks (str.count: fast)."""
    ends = sum(text.count(mark) for mark in _SENTENCE_ENDS) + (text.rstrip()[-1:] in ".!?")
    return (ends, sum(text.count(mark) for mark in _CLAUSE), sum(text.count(mark) for mark in _BRACKETS),
            sum(text.count(mark) for mark in _QUOTES))


def _cognates(text: str) -> int:
    """Simard's cognates: the first four letters of the Latin-script words of five
    letters or more, without accents (Assembly, Assemblée, Asamblea → asse).

    Kept as a bit mask, one bit per prefix (:func:`_cognate_bit`): the shared prefixes of
    two units are then one ``&`` and a bit count, and a unit's cognates take 0.5 KB
    instead of a 2 KB set, in every worker that holds the original. Two prefixes of a
    pair of units share a bit by chance about once in 150 pairs of prefixes compared:
    a share of cognates is a rough measure anyway (COGNATE_SHARE)."""
    if not _LATIN_WORD.search(text):
        return 0
    # the first words suffice: a long paragraph's cognates saturate
    plain = unicodedata.normalize("NFKD", text[:COGNATE_TEXT]).encode("ascii", "ignore").decode().lower()
    mask = 0
    for prefix in {w[:4] for w in _LATIN_WORD.findall(plain)}:
        mask |= _cognate_bit(prefix)
    return mask


@lru_cache(maxsize=None)
def _cognate_bit(prefix: str) -> int:
    """The bit of a prefix: a hash that is the same in every process (CRC-32, not
    Python's randomised ``hash``), since masks travel between worker processes."""
    return 1 << (zlib.crc32(prefix.encode()) % COGNATE_BITS)


@dataclass
class Scorer:
    """Similarity of features, with the document's own length ratio."""

    mu: float = 0.0      # median log length ratio version / original
    sigma: float = 0.35  # its robust spread

    def similarity(self, a: Features, b: Features) -> float:
        d = math.log(b.length / a.length) - self.mu
        # Gale–Church: short units vary more in relative length than long ones
        spread = self.sigma * self.sigma + SHORT / a.length
        total = math.exp(-(d * d) / (2 * spread))
        weight = 1.0
        for x, y, w in ((a.numbers, b.numbers, 2.0), (a.symbols, b.symbols, 2.0),
                        (a.references, b.references, 1.5)):
            if x or y:
                size = _size(x) + _size(y)
                w = min(w + 0.25 * size, 2 * w)
                total += w * 2 * _common(x, y) / size
                weight += w
        if a.concepts or b.concepts:
            # a lexicon finds a concept on one side only now and then: a few words
            # weigh little, many weigh as much as figures
            size = _size(a.concepts) + _size(b.concepts)
            w = 2.0 * size / (size + 4)
            total += w * 2 * _common(a.concepts, b.concepts) / size
            weight += w
        if b.names:
            # Latin names the version kept must come from the original; a version may
            # translate an acronym (UNODC, ONUDC), so names it lacks say nothing.
            total += 1.5 * _common(a.names, b.names) / _size(b.names)
            weight += 1.5
        if a.footnotes or b.footnotes:
            total += 0.5 * (a.footnotes == b.footnotes)
            weight += 0.5
        if a.subitems or b.subitems:
            total += 0.75 * (a.subitems == b.subitems)
            weight += 0.75
        if a.cognates and b.cognates:
            fewer = min(a.cognates.bit_count(), b.cognates.bit_count())
            shared = (a.cognates & b.cognates).bit_count() / fewer
            if a.latin and b.latin:
                # translations share about a third of their cognates; unrelated paragraphs few
                total += min(1.0, shared / COGNATE_SHARE)
                weight += 1.0
            elif fewer >= UNTRANSLATED_WORDS and shared >= UNTRANSLATED_SHARE:
                # the original's own words in a version of another script: text left
                # untranslated, which pairs with its original (and is then reported)
                total += 2.0 * shared
                weight += 2.0
        if a.number is not None and a.number == b.number:
            # the version kept the original's number: evidence, never proof (a renumbered
            # version's numbers agree by chance after a defect), so agreement only adds
            total += NUMBER_AGREES
            weight += NUMBER_AGREES
        # punctuation profile: 1 when the counts agree, falling with their difference
        pa, pb = a.punctuation, b.punctuation
        size = pa[0] + pa[1] + pa[2] + pa[3] + pb[0] + pb[1] + pb[2] + pb[3]
        if size:
            # a sentence or two says little; a rich profile (clauses, brackets) says more
            w = min(1.0, size / 6)
            diff = abs(pa[0] - pb[0]) + abs(pa[1] - pb[1]) + abs(pa[2] - pb[2]) + abs(pa[3] - pb[3])
            total += w * (1 - diff / size)
            weight += w
        return total / weight


def _size(x: Counter) -> int:
    return sum(x.values())


def _common(x: Counter, y: Counter) -> int:
    """Size of the multiset intersection, without building a Counter."""
    if len(x) > len(y):
        x, y = y, x
    total = 0
    for k, v in x.items():  # a plain loop: twice as fast as sum() over a generator here
        w = y.get(k)
        if w:
            total += v if v < w else w
    return total


def calibrate(orig: Sequence[Features], mine: Sequence[Features]) -> Scorer:
    """The document's length ratio: median and spread of the log ratios of units
    that stand at the same relative place (robust to a few misplaced ones)."""
    if not orig or not mine:
        return Scorer()
    ratios = []
    for i, a in enumerate(orig):
        j = min(len(mine) - 1, round(i * len(mine) / len(orig)))
        ratios.append(math.log(mine[j].length / a.length))
    total = math.log(sum(f.length for f in mine) / sum(f.length for f in orig))
    return Scorer(mu=total, sigma=_median_spread(ratios)[1])


def recalibrate(links: list[Link], orig: Sequence[Features], mine: Sequence[Features]) -> Scorer:
    """The length ratio again, from the one-to-one links of a first alignment:
    pairs at the same relative place are misplaced after every defect."""
    ratios = [math.log(mine[link.version[0]].length / orig[link.original[0]].length)
              for link in links if link.kind == "1-1"]
    if len(ratios) < 3:
        return calibrate(orig, mine)
    mu, sigma = _median_spread(ratios)
    return Scorer(mu=mu, sigma=sigma)


def _median_spread(ratios: list[float]) -> tuple[float, float]:
    """Median of log length ratios and a robust standard deviation (1.4826 × MAD),
    kept between 0.15 and 0.6 so that neither a uniform nor a wild document dominates."""
    mu = statistics.median(ratios)
    mad = statistics.median(abs(r - mu) for r in ratios)
    return mu, min(0.6, max(0.15, 1.4826 * mad))


def align(orig: Sequence[Features], mine: Sequence[Features], scorer: Scorer | None = None,
          candidates: list[tuple[int, int]] | None = None) -> list[Link]:
    """The links between two unit sequences, in order (moves are found later).
    ``candidates``: :func:`key_matches`, when already computed."""
    scorer = scorer or calibrate(orig, mine)
    anchors = anchor_pairs(orig, mine, scorer, candidates)
    links: list[Link] = []
    prev_i, prev_j = 0, 0
    for i, j in anchors + [(len(orig), len(mine))]:
        links += _dp(orig, mine, prev_i, i, prev_j, j, scorer)
        if i < len(orig):
            links.append(Link((i,), (j,), scorer.similarity(orig[i], mine[j])))
        prev_i, prev_j = i + 1, j + 1
    return links


def anchor_pairs(orig: Sequence[Features], mine: Sequence[Features], scorer: Scorer,
                 candidates: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Unique content keys matched on both sides (``candidates``), kept where they
    pair well and agree in order."""
    pairs = key_matches(orig, mine) if candidates is None else candidates
    pairs = [(i, j) for i, j in pairs if scorer.similarity(orig[i], mine[j]) >= ANCHOR]
    return longest_increasing(pairs)


def key_matches(orig: Sequence[Features], mine: Sequence[Features]) -> list[tuple[int, int]]:
    """(i, j) of units whose content key is unique on each side and the same on both."""
    a, b = _unique_keys(orig), _unique_keys(mine)
    return sorted((i, b[key]) for key, i in a.items() if key in b)


def _unique_keys(seq: Sequence[Features]) -> dict[tuple, int]:
    seen: Counter = Counter()
    where: dict[tuple, int] = {}
    for k, f in enumerate(seq):
        key = f.key
        if key is not None:
            seen[key] += 1
            where[key] = k
    return {key: k for key, k in where.items() if seen[key] == 1}


def longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of ``pairs`` (sorted by their first index) whose second indices
    increase (patience diff): the pairs that keep both sides' order."""
    tails: list[int] = []
    tail_at: list[int] = []
    parent = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[pos] = j
            tail_at[pos] = k
        parent[k] = tail_at[pos - 1] if pos else -1
    out = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        out.append(pairs[k])
        k = parent[k]
    return out[::-1]


def _dp(orig: Sequence[Features], mine: Sequence[Features], i0: int, i1: int, j0: int, j1: int,
        scorer: Scorer) -> list[Link]:
    """Dynamic programme over orig[i0:i1] × mine[j0:j1], inside a band."""
    n, m = i1 - i0, j1 - j0
    if n == 0 or m == 0:
        return [Link((i0 + i,), ()) for i in range(n)] + [Link((), (j0 + j,)) for j in range(m)]
    if n == m:
        # the usual gap between anchors: as many units on each side, each pairing well
        diagonal = [scorer.similarity(orig[i0 + k], mine[j0 + k]) for k in range(n)]
        if min(diagonal) >= GOOD:
            return [Link((i0 + k,), (j0 + k,), s) for k, s in enumerate(diagonal)]
    width = abs(n - m) + BAND
    inf = math.inf
    cost: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int, float]] = {}

    def in_band(i: int, j: int) -> bool:
        return abs(i * m - j * n) <= width * max(n, m)

    sums: dict[tuple[int, int, int], Features] = {}

    def total(side: int, seq: Sequence[Features], start: int, count: int) -> Features:
        if count == 1:
            return seq[start]
        key = (side, start, count)
        if key not in sums:
            sums[key] = _sum(seq, start, count)
        return sums[key]

    sim = scorer.similarity
    for i in range(n + 1):
        lo = max(0, (i * m - width * max(n, m)) // n - 1) if n else 0
        hi = min(m, (i * m + width * max(n, m)) // n + 1) if n else m
        for j in range(lo, hi + 1):
            if (i, j) == (0, 0) or not in_band(i, j):
                continue
            best, step = inf, None
            for di, dj in STEPS + ((-2, -2),):
                swap = di == -2
                di, dj = abs(di), abs(dj)
                pi, pj = i - di, j - dj
                prev = cost.get((pi, pj))
                if prev is None or pi < 0 or pj < 0:
                    continue
                if swap:
                    # two neighbours exchanged: each pairs with the other's place
                    s = min(sim(orig[i0 + pi], mine[j0 + pj + 1]), sim(orig[i0 + pi + 1], mine[j0 + pj]))
                    c = 2 * (1 - s) + SWAP
                elif di == 0 or dj == 0:
                    c, s = SKIP, 0.0
                else:
                    a = total(0, orig, i0 + pi, di)
                    b = total(1, mine, j0 + pj, dj)
                    s = sim(a, b)
                    # one merge or split is one defect, however many paragraphs it joins
                    c = 1 - s + (0.0 if di + dj == 2 else MERGE + MERGE_MORE * (di + dj - 3))
                if prev + c < best:
                    best, step = prev + c, (-di if swap else di, dj, s)
            if step is not None:
                cost[(i, j)] = best
                back[(i, j)] = step
    links: list[Link] = []
    i, j = n, m
    while (i, j) != (0, 0):
        di, dj, s = back[(i, j)]
        if di < 0:  # a swap: two crossing one-to-one links, the later one moved
            oi, vj = i0 + i - 2, j0 + j - 2  # the first of the two crossing units on each side
            links += [Link((oi + 1,), (vj,), s, moved=True, swapped=True), Link((oi,), (vj + 1,), s, swapped=True)]
            i, j = i - 2, j - 2
            continue
        links.append(Link(tuple(range(i0 + i - di, i0 + i)), tuple(range(j0 + j - dj, j0 + j)), s))
        i, j = i - di, j - dj
    return links[::-1]


def _sum(seq: Sequence[Features], start: int, count: int) -> Features:
    out = seq[start]
    for k in range(1, count):
        out = out + seq[start + k]
    return out


def moves(links: list[Link], orig: Sequence[Features], mine: Sequence[Features],
          scorer: Scorer) -> list[Link]:
    """Unmatched original and version units that are in fact one paragraph that
    moved: each becomes a 1–1 link out of order (greedy, best first)."""
    lost = [link.original[0] for link in links if link.kind == "1-0"]
    found = [link.version[0] for link in links if link.kind == "0-1"]
    candidates = sorted(((scorer.similarity(orig[i], mine[j]), i, j) for i in lost for j in found), reverse=True)
    out, used_i, used_j = [], set(), set()
    for s, i, j in candidates:
        if s >= MOVED and i not in used_i and j not in used_j:
            out.append(Link((i,), (j,), s, moved=True))
            used_i.add(i)
            used_j.add(j)
    return out


def with_moves(links: list[Link], moved: list[Link]) -> list[Link]:
    """The links in the original's order, each moved paragraph in place of the
    1–0 and 0–1 links it replaces (standing where the original has it)."""
    by_original = {link.original[0]: link for link in moved}
    taken = {link.version[0] for link in moved}
    out = []
    for link in links:
        if link.kind == "1-0" and link.original[0] in by_original:
            out.append(by_original[link.original[0]])
        elif link.kind == "0-1" and link.version[0] in taken:
            continue
        else:
            out.append(link)
    return out


# Content, not length, decides between a merge and a paragraph dropped beside it (and
# between a split and a paragraph added beside it): a short paragraph adds little length
# to a merge, so the programme prefers merging it (MERGE) to skipping it (SKIP).
ABSENT_AT_LEAST = 2  # distinctive items (concepts, figures, names) a paragraph must have to judge
ABSENT_SHARE = 0.25  # … and at most this share of them found on the far side: absent (a lexicon errs)


def _distinct(x: Features, y: Features) -> tuple[Counter, Counter, Counter]:
    """What ``x`` holds that ``y`` does not: lexicon concepts, figures, Latin names."""
    return x.concepts - y.concepts, x.numbers - y.numbers, x.names - y.names


def _absent(x: Features, y: Features, other: Features) -> bool | None:
    """Whether ``x``'s own content (beyond its neighbour ``y``'s) is absent from
    ``other``, the unit on the far side that the merge or split pairs both with; None
    when ``x`` has too little of its own to say."""
    concepts, numbers, names = _distinct(x, y)
    total = _size(concepts) + _size(numbers) + _size(names)
    if total < ABSENT_AT_LEAST:
        return None
    rest = _distinct(other, y)  # ``other`` without what ``y`` explains in it
    found = _common(concepts, rest[0]) + _common(numbers, rest[1]) + _common(names, rest[2])
    return found <= ABSENT_SHARE * total


def _kept_second(first: Features, second: Features, merged: Features, numbers: set[int]) -> bool:
    """The unit a merge was found in bears the second paragraph's number, and the first's
    number is nowhere in the version."""
    return (second.number is not None and merged.number == second.number and first.number is not None
            and first.number != second.number and first.number not in numbers)


def unmerged(links: list[Link], orig: Sequence[Features], mine: Sequence[Features],
             scorer: Scorer) -> list[Link]:
    """Each two-to-one link whose one paragraph's own content is absent from the unit it
    was merged into made a one-to-one link and a dropped paragraph; each one-to-two link
    whose one part's own content is absent from the original made a one-to-one link and
    an added paragraph. A real merge keeps both paragraphs' concepts, figures and names.
    Where content does not decide, the numbers may: a merge carries the number of its
    first paragraph, so a unit with the second's number, the first's nowhere in the
    version, is the second, the first dropped (the version kept the original's numbers)."""
    out: list[Link] = []
    numbers = {f.number for f in mine if f.number is not None}
    for link in links:
        if link.moved or link.swapped or sorted((len(link.original), len(link.version))) != [1, 2]:
            out.append(link)
            continue
        merged = len(link.original) == 2
        pair, (single,) = (link.original, link.version) if merged else (link.version, link.original)
        side, far = (orig, mine) if merged else (mine, orig)
        first, second = side[pair[0]], side[pair[1]]
        gone = [_absent(first, second, far[single]), _absent(second, first, far[single])]
        if merged and gone not in ([False, True], [True, False]) and _kept_second(first, second, far[single], numbers):
            gone = [True, False]
        if gone not in ([False, True], [True, False]):  # both found, or one unsure: a merge
            out.append(link)
            continue
        kept = pair[1] if gone[0] else pair[0]
        lost = pair[0] if gone[0] else pair[1]
        if merged:
            kept_link = Link((kept,), (single,), scorer.similarity(orig[kept], mine[single]))
            lost_link = Link((lost,), (), 0.0)
        else:
            kept_link = Link((single,), (kept,), scorer.similarity(orig[single], mine[kept]))
            lost_link = Link((), (lost,), 0.0)
        out += [kept_link, lost_link] if kept < lost else [lost_link, kept_link]
    return out
