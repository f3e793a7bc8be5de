"""Run pandoc once per source file and return its JSON AST, with source positions.

CommonMark is used (not pandoc's own Markdown) because only its reader can
report source positions (``+sourcepos``), which every error message needs.
Extensions that would reinterpret ordinary report text are switched off:
``$`` amounts are not maths, ``{#label}`` is our paragraph label syntax (not a
pandoc attribute), raw HTML is text.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportgen.errors import UserError

READER = (
    "commonmark_x"
    "-attributes-raw_html-raw_attribute-tex_math_dollars-task_lists-emoji-alerts"
    "-implicit_header_references-yaml_metadata_block-fenced_divs-bracketed_spans"
    "+sourcepos"
)

_POS = re.compile(r"(?:.*@)?(\d+):(\d+)-")


@lru_cache(maxsize=1)
def pandoc_path() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def read_ast(path: Path, body: str) -> dict[str, Any]:
    """Parse Markdown ``body`` (front matter already blanked out) into pandoc JSON."""
    try:
        proc = subprocess.run(
            [pandoc_path(), "-f", READER, "-t", "json"],
            input=body.encode("utf-8"),
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        raise UserError(path, None, f"cannot run pandoc: {exc}") from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UserError(path, None, f"pandoc could not read the file: {' '.join(message)}")
    return json.loads(proc.stdout)


@dataclass(frozen=True)
class Node:
    """A pandoc element with its sourcepos wrappers removed and its line kept."""

    t: str
    c: Any
    line: int | None


def position(attr: list[Any]) -> tuple[int, int] | None:
    """The (line, column) where an element starts, from its ``data-pos`` attribute."""
    for key, value in attr[2]:
        if key == "data-pos":
            m = _POS.match(value)
            if m:
                return int(m.group(1)), int(m.group(2))
    return None


def _is_wrapper(attr: list[Any]) -> bool:
    return any(k == "wrapper" for k, _ in attr[2])


def unwrap_blocks(blocks: list[dict[str, Any]], line: int | None = None) -> list[Node]:
    """Blocks with sourcepos ``Div`` wrappers dissolved; each keeps its start line."""
    out: list[Node] = []
    for b in blocks:
        t, c = b["t"], b.get("c")
        if t == "Div" and _is_wrapper(c[0]):
            pos = position(c[0])
            out.extend(unwrap_blocks(c[1], pos[0] if pos else line))
            continue
        if t == "Header":
            pos = position(c[1])
            out.append(Node(t, c, pos[0] if pos else line))
            continue
        out.append(Node(t, c, line))
    return out


def unwrap_inlines(inlines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Inlines with sourcepos ``Span`` wrappers dissolved (positions dropped)."""
    out: list[dict[str, Any]] = []
    for i in inlines:
        if i["t"] == "Span" and _is_wrapper(i["c"][0]):
            out.extend(unwrap_inlines(i["c"][1]))
        else:
            out.append(i)
    return out


def item_lines(list_node: Node) -> list[int | None]:
    """Start line of each item of a pandoc list, read from the item's first wrapper."""
    lines: list[int | None] = []
    for item in list_node.c[1] if list_node.t == "OrderedList" else list_node.c:
        first = item[0] if item else None
        pos = position(first["c"][0]) if first and first["t"] == "Div" else None
        lines.append(pos[0] if pos else list_node.line)
    return lines
