"""Word counts against the UN length limits (8,500 words for Secretariat reports,
10,700 for others; footnotes and headings included).

Words are counted as Microsoft Word counts them, since that is the count editors
see: a run of letters or digits is one word, and every Chinese or Japanese
character is a word of its own.
"""

from __future__ import annotations

import re

from reportgen import model as m
from reportgen.errors import Diagnostic

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff"
_WORDS = re.compile(rf"[{_CJK}]|[^\s{_CJK}]*[^\W_][^\s{_CJK}]*")


def word_count(doc: m.Document) -> int:
    """Words of the body as printed: text, symbols and references, footnotes included."""
    return sum(len(_WORDS.findall(x.text)) for x, _, _ in m.walk(doc.blocks)
               if isinstance(x, (m.Text, m.SymbolRef, m.ResolvedRef)))


def check_word_counts(report: m.Report) -> list[Diagnostic]:
    return [check_version_word_count(doc) for doc in report.versions.values()]


def check_version_word_count(doc: m.Document) -> Diagnostic:
    """The count of a version; a warning when the original exceeds its limit
    (the limits are set on the original; translations run longer or shorter)."""
    count = word_count(doc)
    limit = doc.meta.word_limit
    if doc.meta.language == doc.meta.original and count > limit:
        return Diagnostic("warning", doc.path, doc.meta.lines.get("word_limit"),
                          f"{count:,} words exceed the limit of {limit:,} (footnotes and headings included)")
    scope = f"limit {limit:,}" if doc.meta.language == doc.meta.original else "translation"
    return Diagnostic("info", doc.path, None, f"{count:,} words ({scope})")
