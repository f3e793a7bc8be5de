"""Identity: what must be the same in every version, paragraph by paragraph:
document symbols, internal references (by target number) and the shared
front matter."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from reportgen.align.findings import CheckId, Finding, Pair, check, finding
from reportgen.source import SHARED_KEYS


def _differ(mine: tuple, theirs: tuple) -> tuple[list, list]:
    """What ``mine`` has that ``theirs`` lacks and the reverse, as multisets."""
    if mine == theirs:  # nearly always: no Counter to build
        return [], []
    a, b = Counter(mine), Counter(theirs)
    return sorted((a - b).elements(), key=str), sorted((b - a).elements(), key=str)


@check(CheckId.SYMBOL_MISMATCH, "error", "A paragraph cites different document symbols than the original.")
def symbol_mismatch(pair: Pair) -> Iterator[Finding]:
    for orig, mine in pair.matched():
        n = orig.number
        extra, missing = _differ(mine.symbols, orig.symbols)
        if extra or missing:
            parts = ([f"missing {', '.join(missing)}"] if missing else []) + \
                    ([f"not in the original: {', '.join(extra)}"] if extra else [])
            yield finding(pair, CheckId.SYMBOL_MISMATCH, mine, f"paragraph {n}: {'; '.join(parts)}",
                          items=extra, original_items=missing, original=orig)


@check(CheckId.REFERENCE_MISMATCH, "error",
       "A paragraph refers to other paragraphs or chapters than the original does.")
def reference_mismatch(pair: Pair) -> Iterator[Finding]:
    for orig, mine in pair.matched():
        n = orig.number
        extra, missing = _differ(mine.references, orig.references)
        if extra or missing:
            show = lambda refs: ", ".join(  # noqa: E731
                f"{kind} {'–'.join(map(str, nums))}" for kind, nums in refs)
            parts = ([f"the original refers to {show(missing)}"] if missing else []) + \
                    ([f"this version refers to {show(extra)}"] if extra else [])
            yield finding(pair, CheckId.REFERENCE_MISMATCH, mine, f"paragraph {n}: {'; '.join(parts)}", original=orig)


@check(CheckId.METADATA_MISMATCH, "error", "Front matter that must be identical in every version differs.")
def metadata_mismatch(pair: Pair) -> Iterator[Finding]:
    mine, orig = pair.version.doc.meta, pair.original.doc.meta
    for key in SHARED_KEYS:
        a, b = getattr(mine, key), getattr(orig, key)
        if a != b:
            yield finding(pair, CheckId.METADATA_MISMATCH, None,
                          f"'{key}' is {_show(a)} here, {_show(b)} in the original",
                          line=mine.lines.get(key), items=[str(a)], original_items=[str(b)])


def _show(value: object) -> str:
    if value is None:
        return "missing"
    if isinstance(value, tuple):
        return "[" + ", ".join(map(str, value)) + "]"
    return f"'{value}'"
