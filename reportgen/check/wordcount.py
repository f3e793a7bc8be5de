"""Word counts against the UN length limits (8,500 words for Secretariat reports,
10,700 for others; footnotes and headings included).

Words are counted as Microsoft Word counts them, since that is the count editors
see: a run of letters or digits is one word, and every Chinese or Japanese
character is a word of its own.
"""

from __future__ import annotations

import re

from reportgen import model as m
from reportgen.check.citations import texts
from reportgen.errors import Diagnostic

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff"
_WORDS = re.compile(rf"[{_CJK}]|[^\s{_CJK}]*[^\W_][^\s{_CJK}]*")


def word_count(doc: m.Document) -> int:
    count = 0
    for x in _all_text(doc):
        count += len(_WORDS.findall(x))
    return count


def _all_text(doc: m.Document) -> list[str]:
    out = [text for _, text in texts(doc)]

    def refs(items) -> None:
        for x in items:
            if isinstance(x, m.SymbolRef):
                out.append(x.text)
            elif isinstance(x, m.ResolvedRef):
                out.append(x.text)
            elif isinstance(x, m.Note):
                for b in x.blocks:
                    walk(b)
            elif hasattr(x, "content"):
                refs(x.content)

    def walk(b: m.Block) -> None:
        if isinstance(b, (m.Para, m.Heading)):
            refs(b.content)
        elif isinstance(b, (m.NumberedParagraph, m.SubItem)):
            for c in b.blocks:
                walk(c)

    for b in doc.blocks:
        walk(b)
    return out


def check_word_counts(report: m.Report) -> list[Diagnostic]:
    """The count of every version; a warning when the original exceeds its limit
    (the limits are set on the original; translations run longer or shorter)."""
    out: list[Diagnostic] = []
    for code, doc in report.versions.items():
        count = word_count(doc)
        limit = doc.meta.word_limit
        if code == doc.meta.original and count > limit:
            out.append(Diagnostic("warning", doc.path, doc.meta.lines.get("word_limit"),
                                  f"{count:,} words exceed the limit of {limit:,} (footnotes and headings included)"))
        else:
            scope = f"limit {limit:,}" if code == doc.meta.original else "translation"
            out.append(Diagnostic("info", doc.path, None, f"{count:,} words ({scope})"))
    return out
