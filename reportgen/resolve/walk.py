"""A rewrite of every inline of a document, footnotes included: the one traversal
that the resolve passes share."""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Union

from reportgen import model as m

Replacement = Union[m.Inline, list[m.Inline], None]


def map_inlines(blocks: tuple[m.Block, ...], fn: Callable[[m.Inline, int | None], Replacement],
                line: int | None = None) -> tuple[m.Block, ...]:
    """Rebuild ``blocks`` with ``fn(inline, line of its block)`` applied to every
    inline; ``fn`` returns a replacement, a list of them, or None to keep (and
    descend into) the inline."""

    def many(items: tuple[m.Inline, ...], line: int | None) -> tuple[m.Inline, ...]:
        out: list[m.Inline] = []
        for x in items:
            new = fn(x, line)
            if isinstance(new, list):
                out.extend(new)
            elif new is not None:
                out.append(new)
            elif isinstance(x, (m.Emph, m.Strong, m.Superscript, m.Subscript, m.Link)):
                out.append(replace(x, content=many(x.content, line)))
            elif isinstance(x, m.Note):
                out.append(replace(x, blocks=map_inlines(x.blocks, fn, x.line or line)))
            else:
                out.append(x)
        return tuple(out)

    out: list[m.Block] = []
    for b in blocks:
        here = b.line or line
        if isinstance(b, (m.Para, m.Heading)):
            out.append(replace(b, content=many(b.content, here)))
        elif isinstance(b, (m.NumberedParagraph, m.SubItem)):
            out.append(replace(b, blocks=map_inlines(b.blocks, fn, here)))
        else:  # pragma: no cover - every block kind is listed above
            out.append(b)
    return tuple(out)
