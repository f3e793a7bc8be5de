"""``align.textdiff``: difflib's matching, opcodes and ratio exactly, without its
quadratic search. Compared with ``difflib.SequenceMatcher`` itself on random token
lists (with and without junk), on word and character tokens of real text, and on a
long Chinese paragraph with scattered edits."""

from __future__ import annotations

import difflib
import random
import re

import pytest

from reportgen.align import textdiff
from reportgen.align.revisions import TOKENS
from tests.conftest import EXAMPLE


def _blank(token: str) -> bool:
    return token.isspace()


def _reference(a: list[str], b: list[str], junk: bool) -> difflib.SequenceMatcher:
    return difflib.SequenceMatcher(_blank if junk else None, a, b, autojunk=False)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("junk", [False, True])
def test_the_same_blocks_opcodes_and_ratio_as_difflib(seed: int, junk: bool) -> None:
    rng = random.Random(seed)
    for _ in range(1500):
        alphabet = rng.choice(["ab ", "abc  ", "abcdefg ", "a ", "abcdefghijklmnop  "])
        a = [rng.choice(alphabet) for _ in range(rng.randint(0, 40))]
        b = list(a) if rng.random() < 0.5 else [rng.choice(alphabet) for _ in range(rng.randint(0, 40))]
        for _ in range(rng.randint(0, 5)):
            if b:
                b[rng.randrange(len(b))] = rng.choice(alphabet)
        reference = _reference(a, b, junk)
        blank = _blank if junk else None
        assert textdiff.matching_blocks(a, b, blank) == [tuple(x) for x in reference.get_matching_blocks()], (a, b)
        assert textdiff.opcodes(a, b, blank) == reference.get_opcodes(), (a, b)
        if not junk:
            assert textdiff.ratio(a, b) == reference.ratio()


def test_junk_never_anchors_a_match_but_extends_one() -> None:
    # difflib's own example: blanks as junk keep " abcd" from matching the tail directly
    assert textdiff.matching_blocks(list(" abcd"), list("abcd abcd"), lambda c: c == " ")[0] == (1, 0, 4)
    assert textdiff.matching_blocks(list(" abcd"), list("abcd abcd"))[0] == (0, 4, 5)
    # a rewritten phrase: one replacement, not one per word around the shared spaces
    words = TOKENS["words"]
    a, b = words.findall("the quick brown fox"), words.findall("the slow red fox")
    assert textdiff.opcodes(a, b, _blank) == [("equal", 0, 2, 0, 2), ("replace", 2, 5, 2, 5), ("equal", 5, 7, 5, 7)]


@pytest.mark.parametrize("lang", ["en", "fr", "ru", "zh", "ar"])
def test_real_text_in_words_and_characters(lang: str) -> None:
    text = (EXAMPLE / f"{lang}.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    paragraphs = re.findall(r"(?m)^\d+\. (.*)$", text)
    rng = random.Random(lang)
    for kind, split in TOKENS.items():
        for first, second in zip(paragraphs, paragraphs[1:]):
            a = split.findall(first)
            b = list(a)
            for _ in range(3):
                b[rng.randrange(len(b))] = rng.choice(a)
            for x, y in ((a, b), (a, split.findall(second))):
                reference = _reference(x, y, junk=True)
                assert textdiff.opcodes(x, y, _blank) == reference.get_opcodes(), (lang, kind)
                assert textdiff.ratio(x, y) == difflib.SequenceMatcher(None, x, y, autojunk=False).ratio()


def test_a_long_chinese_paragraph_with_scattered_edits() -> None:
    """The example's Chinese paragraphs as one text of characters, 30 single-character
    edits (the 50,000-character case is measured in docs/PERFORMANCE.md, not tested for
    time)."""
    text = (EXAMPLE / "zh.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    a = list("".join(re.findall(r"(?m)^\d+\. (.*)$", text)))
    assert len(a) > 2000
    rng = random.Random(0)
    b = list(a)
    edited = sorted(rng.sample(range(len(b)), 30))
    for k in edited:
        b[k] = "改" if b[k] != "改" else "变"
    ops = textdiff.opcodes(a, b)
    assert ops == difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    changed = [i for tag, i1, i2, _, _ in ops if tag != "equal" for i in range(i1, i2)]
    assert changed == edited  # each edit one replaced character, nothing else
    rebuilt: list[str] = []
    for tag, i1, i2, j1, j2 in ops:
        rebuilt += a[i1:i2] if tag == "equal" else b[j1:j2]
    assert rebuilt == b


def _drafts(rng: random.Random) -> tuple[list[str], list[str]]:
    """Two drafts' paragraphs as tokens: a few texts repeated (as generated reports
    repeat them), runs kept, some changed, deleted, inserted or moved, and ties among
    equally long runs common."""
    a = [f"p{rng.randrange(40) if rng.random() < 0.3 else k}" for k in range(rng.randint(0, 60))]
    b = list(a)
    for _ in range(rng.randint(0, 12)):
        what = rng.random()
        if b and what < 0.4:
            b[rng.randrange(len(b))] = f"x{rng.randrange(100)}"  # a changed paragraph
        elif b and what < 0.6:
            del b[rng.randrange(len(b))]
        elif what < 0.8:
            b.insert(rng.randint(0, len(b)), rng.choice([" ", f"n{rng.randrange(100)}"]))
        elif len(b) > 1:
            b.insert(rng.randint(0, len(b) - 1), b.pop(rng.randrange(len(b))))  # a move
    if rng.random() < 0.2:
        step = rng.randint(2, 5)  # every step-th changed: equal runs of one length, all tied
        b = [f"e{k}" if k % step == 0 else x for k, x in enumerate(a)]
    return a, b


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("junk", [False, True])
def test_lists_of_few_equal_pairs_match_difflib(seed: int, junk: bool) -> None:
    """Where the pairs of equal tokens are few, the longest blocks are looked for among
    the runs the lists share (``_in_runs``), the search left to small ranges."""
    rng = random.Random(seed)
    blank = _blank if junk else None
    with_runs = 0
    for _ in range(1500):
        a, b = _drafts(rng)
        reference = _reference(a, b, junk)
        assert textdiff.matching_blocks(a, b, blank) == [tuple(x) for x in reference.get_matching_blocks()], (a, b)
        assert textdiff.opcodes(a, b, blank) == reference.get_opcodes(), (a, b)
        with_runs += textdiff._runs(*textdiff._codes(a, b, blank)) is not None
    assert with_runs > 1000


def test_evenly_spread_changes_are_not_searched_range_after_range(monkeypatch: pytest.MonkeyPatch) -> None:
    """2,000 paragraphs, half of their texts repeated somewhere, every tenth changed: the
    blocks are difflib's, and the search looks at a few times the lists' length, not at
    each rest of the lists after each change (about 400,000 tokens)."""
    rng = random.Random(0)
    a = [f"p{rng.randrange(1000)}" for _ in range(2000)]
    b = [f"e{k}" if k % 10 == 0 else x for k, x in enumerate(a)]
    looked = []
    longest = textdiff._longest

    def counted(ca, alo, ahi, cb, blo, bhi):  # type: ignore[no-untyped-def]
        looked.append((ahi - alo) + (bhi - blo))
        return longest(ca, alo, ahi, cb, blo, bhi)

    monkeypatch.setattr(textdiff, "_longest", counted)
    reference = difflib.SequenceMatcher(None, a, b, autojunk=False)
    assert textdiff.matching_blocks(a, b) == [tuple(x) for x in reference.get_matching_blocks()]
    assert sum(looked) < 2 * (len(a) + len(b))
    looked.clear()
    monkeypatch.setattr(textdiff, "_runs", lambda ca, cb: None)  # the search alone, as before
    assert textdiff.matching_blocks(a, b) == [tuple(x) for x in reference.get_matching_blocks()]
    assert sum(looked) > 100 * (len(a) + len(b))
