"""Compare document models as the reader builds them, ignoring where things were read:
``line``, ``lines`` and ``path`` are dropped, everything else (blocks, inlines, labels,
footnotes, sub-items, metadata, comments) must be equal."""

from __future__ import annotations

import dataclasses
from typing import Any

IGNORED = frozenset({"line", "lines", "path"})


def stripped(x: Any) -> Any:
    """``x`` as nested tuples of (type name, (field, value)...), without places."""
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return (type(x).__name__,) + tuple(
            (f.name, stripped(getattr(x, f.name))) for f in dataclasses.fields(x) if f.name not in IGNORED)
    if isinstance(x, (tuple, list)):
        return tuple(stripped(y) for y in x)
    return x
