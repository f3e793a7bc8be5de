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
