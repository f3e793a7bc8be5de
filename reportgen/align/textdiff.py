"""Which tokens of two texts are the same (``reportgen diff``), in time that does not
grow with the square of the text's length.

``difflib.SequenceMatcher`` finds the longest block the two texts share, then does the
same on each side of it. Its search for that block visits, for every token of one
text, every occurrence of that token in the other: quadratic when tokens recur, as
single characters do in Chinese (a 50,000-character paragraph with 200 edits took
minutes). Here the same recursion finds each longest block with a suffix automaton of
the one range, built and walked in time linear in the range's length: the cost of a
comparison is the length times the depth of the recursion, which grows with the number
of changes, not the length. When changes are many and evenly spread (one paragraph in
ten edited), equally long blocks tie and the recursion takes them one after another,
each time on the rest of the lists: where the pairs of equal tokens are few (paragraphs,
not characters), the longest block of a range is found among the runs both lists share,
found once, and the search is left to ranges shorter than the runs it would look at.

The result is difflib's exactly: the same blocks (the longest; of those, the earliest in
``a``, then in ``b``), the same *junk* rule (a junk token never starts or holds a block,
it only extends one at either end), the same opcodes and ratio. Myers' O(ND) algorithm
was tried first: it is as fast, but of the several shortest edit scripts it picks
another than difflib's longest-block-first one (``the`` + `` session`` against
``the `` + ``session``), and ``diff`` must keep writing the same documents.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

__all__ = ["Opcode", "matching_blocks", "opcodes", "ratio"]

T = TypeVar("T", bound=Hashable)
Opcode = tuple[str, int, int, int, int]


def _codes(a: Sequence[T], b: Sequence[T], junk: Callable[[T], bool] | None) -> tuple[list[int], list[int]]:
    """Each token as an integer, equal tokens equal integers; a junk token of ``b`` a
    negative one of its own (it matches nothing; difflib judges junk by ``b``'s tokens)."""
    table: dict[T, int] = {}
    ca = [table.setdefault(x, len(table)) for x in a]
    cb = [-1 - k if junk is not None and junk(x) else table.setdefault(x, len(table)) for k, x in enumerate(b)]
    return ca, cb


def _longest(a: list[int], alo: int, ahi: int, b: list[int], blo: int, bhi: int) -> tuple[int, int, int]:
    """The longest block of ``a[alo:ahi]`` in ``b[blo:bhi]`` holding no junk: the earliest
    in ``a``, then in ``b`` (difflib's ``find_longest_match`` before its junk extension).

    A suffix automaton of the ``b`` range: each state a set of substrings with the same
    end positions (``first``: the earliest), walked along ``a``, so that at each token of
    ``a`` the longest substring of ``b`` ending there is known."""
    nxt: list[dict[int, int]] = [{}]
    link, size, first = [-1], [0], [0]
    last = 0
    for pos in range(blo, bhi):
        c = b[pos]
        cur = len(nxt)
        nxt.append({})
        link.append(0)
        size.append(size[last] + 1)
        first.append(pos)
        p = last
        while p != -1 and c not in nxt[p]:
            nxt[p][c] = cur
            p = link[p]
        if p != -1:
            q = nxt[p][c]
            if size[p] + 1 == size[q]:
                link[cur] = q
            else:
                clone = len(nxt)
                nxt.append(dict(nxt[q]))
                link.append(link[q])
                size.append(size[p] + 1)
                first.append(first[q])
                while p != -1 and nxt[p].get(c) == q:
                    nxt[p][c] = clone
                    p = link[p]
                link[q] = link[cur] = clone
        last = cur
    best_i, best_j, best = alo, blo, 0
    state, length = 0, 0
    for i in range(alo, ahi):
        c = a[i]
        while state and c not in nxt[state]:
            state = link[state]
            length = size[state]
        if c in nxt[state]:
            state = nxt[state][c]
            length += 1
        else:
            state, length = 0, 0
        if length > best:
            best, best_i, best_j = length, i - length + 1, first[state] - length + 1
    return best_i, best_j, best


def matching_blocks(a: Sequence[T], b: Sequence[T], junk: Callable[[T], bool] | None = None
                    ) -> list[tuple[int, int, int]]:
    """``(i, j, n)``: ``a[i:i+n] == b[j:j+n]``, in order, adjacent blocks joined, ending with
    ``(len(a), len(b), 0)``: ``difflib.SequenceMatcher(junk, a, b, autojunk=False)
    .get_matching_blocks()``."""
    ca, cb = _codes(a, b, junk)
    blocks = _blocks(a, b, ca, cb, _runs(ca, cb))
    blocks.sort()
    out: list[tuple[int, int, int]] = []
    for i, j, k in blocks:
        if out and out[-1][0] + out[-1][2] == i and out[-1][1] + out[-1][2] == j:
            out[-1] = (out[-1][0], out[-1][1], out[-1][2] + k)
        else:
            out.append((i, j, k))
    out.append((len(a), len(b), 0))
    return out


Run = tuple[int, int, int]


def _blocks(a: Sequence[T], b: Sequence[T], ca: list[int], cb: list[int], runs: list[Run] | None) -> list[Run]:
    """difflib's recursion: the longest block of a range, extended by junk, then the same
    on either side of it. The longest block is found among ``runs`` (:func:`_in_runs`)
    or, where that would take longer, by :func:`_longest`."""
    blocks: list[Run] = []
    queue = [(0, len(a), 0, len(b))]
    while queue:
        alo, ahi, blo, bhi = queue.pop()
        found = _in_runs(runs, alo, ahi, blo, bhi) if runs else None
        i, j, k = found if found is not None else _longest(ca, alo, ahi, cb, blo, bhi)
        # extended by equal junk on either side, as difflib does (even a block of none:
        # junk at the start of both ranges then makes one)
        while i > alo and j > blo and cb[j - 1] < 0 and a[i - 1] == b[j - 1]:
            i, j, k = i - 1, j - 1, k + 1
        while i + k < ahi and j + k < bhi and cb[j + k] < 0 and a[i + k] == b[j + k]:
            k += 1
        if k:
            blocks.append((i, j, k))
            if alo < i and blo < j:
                queue.append((alo, i, blo, j))
            if i + k < ahi and j + k < bhi:
                queue.append((i + k, ahi, j + k, bhi))
    return blocks


def _runs(ca: list[int], cb: list[int]) -> list[Run] | None:
    """Every maximal run of tokens equal in both lists (``a[i+t] == b[j+t]``; junk is never
    equal), longest first, then in order of ``a`` and ``b``: when the pairs of equal tokens
    are few (at most four per token: the paragraphs of two drafts, few of them repeated),
    else None (the single characters of a long text)."""
    where: dict[int, list[int]] = {}
    for j, c in enumerate(cb):
        where.setdefault(c, []).append(j)
    if sum(len(where.get(c, ())) for c in ca) > 4 * (len(ca) + len(cb)):
        return None
    runs: list[Run] = []
    for i, c in enumerate(ca):
        for j in where.get(c, ()):
            if i and j and ca[i - 1] == cb[j - 1]:
                continue  # inside a run that starts earlier
            k = 1
            while i + k < len(ca) and j + k < len(cb) and ca[i + k] == cb[j + k]:
                k += 1
            runs.append((i, j, k))
    runs.sort(key=lambda r: (-r[2], r[0], r[1]))
    return runs


def _in_runs(runs: list[Run], alo: int, ahi: int, blo: int, bhi: int) -> Run | None:
    """The longest block of ``a[alo:ahi]`` in ``b[blo:bhi]``, as :func:`_longest` finds it,
    or None if finding it here would look at more runs than the range has tokens.

    Any block the lists share lies inside one maximal run, so a range's longest block is
    its longest run clipped to the range (of equal ones, the earliest in ``a``, then in
    ``b``). Runs are looked at longest first: none shorter than the best so far can beat
    it, nor one as long once the best is a whole run of that length (those after it come
    later in ``a``). Where the changes are many and evenly spread (one paragraph in ten
    edited), the longest blocks tie and difflib takes the first, one after another, each
    time on the rest of the lists: a depth that made :func:`_longest` cost the length of
    the lists times the number of changes."""
    best, whole = (alo, blo, 0), False
    for n, (i, j, k) in enumerate(runs):
        if k < best[2] or (k == best[2] and whole):
            return best
        if n > (ahi - alo) + (bhi - blo):
            return None
        start, end = max(alo - i, blo - j, 0), min(ahi - i, bhi - j, k)
        if end - start > best[2] or (end - start == best[2] > 0 and (i + start, j + start) < best[:2]):
            best, whole = (i + start, j + start, end - start), end - start == k
    return best


def opcodes(a: Sequence[T], b: Sequence[T], junk: Callable[[T], bool] | None = None) -> list[Opcode]:
    """How to turn ``a`` into ``b``: ``difflib.SequenceMatcher(junk, a, b,
    autojunk=False).get_opcodes()``."""
    out: list[Opcode] = []
    i = j = 0
    for ai, bj, size in matching_blocks(a, b, junk):
        tag = "replace" if i < ai and j < bj else "delete" if i < ai else "insert" if j < bj else ""
        if tag:
            out.append((tag, i, ai, j, bj))
        i, j = ai + size, bj + size
        if size:
            out.append(("equal", ai, i, bj, j))
    return out


def ratio(a: Sequence[T], b: Sequence[T]) -> float:
    """2·matches / (len(a) + len(b)), difflib's ``ratio()``: 1.0 for two empty sequences."""
    total = len(a) + len(b)
    if not total:
        return 1.0
    return 2.0 * sum(n for _, _, n in matching_blocks(a, b)) / total
