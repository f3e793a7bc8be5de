"""Source syntax in front matter text: found, so that it is refused rather than printed.

Front matter is printed as written, never read as Markdown: a title's ``@mandate``,
``*draft*`` or ``[^1]`` would reach the masthead as those characters. What counts as
syntax is what the body's reader would take as syntax (``inline.py``): markdown-it's
own parse of the text for emphasis, links, raw markup, code, escapes and entities,
the body's ``@label`` rule (with its e-mail exception) for references, and the text
the body refuses when markdown-it leaves it as text (``[^``, ``{#``, ``<!--``, tags
such as ``<w:p/>``). So ``Report: draft``, ``A/RES/75/1``, ``(a)``, ``x@un.org`` and a
lone ``*`` (a symbol's reissue mark, a title's footnote mark) stay ordinary text.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.subscript import sub_plugin
from mdit_py_plugins.superscript import superscript_plugin

from reportgen.source.inline import _REF_BEFORE, REFERENCE, TAG_LIKE

__all__ = ["source_syntax"]

# Characters without which a text holds none of the syntax below: most titles are done here.
_SPECIAL = re.compile(r"[\\`*_\[\]<>&!^~@{]")
_TEXT_SYNTAX = re.compile(r"\[\^[^\]\n]*\]?|\{#[^}\n]*\}?|<!--")


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True})
    md.use(sub_plugin).use(superscript_plugin)
    md.core.ruler.disable("text_join")  # escapes and entities stay tokens of their own
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


_MD = _parser()


def source_syntax(text: str) -> list[str]:
    """Each distinct piece of source syntax in ``text``, as written (near enough to
    find it), in the order it appears."""
    if _SPECIAL.search(text) is None:
        return []
    found = _markdown(text) + _references(text)
    found += [m.group(0) for m in _TEXT_SYNTAX.finditer(text)]
    found += [m.group(0) for m in TAG_LIKE.finditer(text)] if "<" in text else []
    spans = {s: (text.find(s), text.find(s) + len(s)) for s in dict.fromkeys(found) if s}
    # a piece inside another ('<!--' of '<!-- c -->', '</b>' of none) is said once, as the larger
    kept = [s for s, (a, b) in spans.items()
            if not any(t != s and c <= a and b <= d and a >= 0 for t, (c, d) in spans.items())]
    return sorted(kept, key=lambda s: spans[s][0] if spans[s][0] >= 0 else len(text))


def _references(text: str) -> list[str]:
    """``@label`` as the body reads it: not after a Latin letter, digit or ``@./_``
    (an e-mail address), but right after Chinese or Arabic text."""
    if "@" not in text:
        return []
    return [m.group(0).rstrip() for m in REFERENCE.finditer(text)
            if m.start() == 0 or not _REF_BEFORE.match(text[m.start() - 1])]


def _markdown(text: str) -> list[str]:
    """What markdown-it reads as formatting, a link, markup, code, an escape or an entity."""
    tokens = _MD.parseInline(text, {})[0].children or []
    out: list[str] = []
    stack: list[tuple[Token, list[str]]] = []
    for tok in tokens:
        kind = tok.type
        if kind.endswith("_open"):
            stack.append((tok, []))
            continue
        if kind.endswith("_close") and stack:
            opener, inner = stack.pop()
            shown = _wrapped(opener, "".join(inner))
            out.append(shown)
            piece = shown
        elif kind in ("html_inline", "text"):
            piece = tok.content
            if kind == "html_inline":
                out.append(piece)
        elif kind == "code_inline":
            piece = f"{tok.markup}{tok.content}{tok.markup}"
            out.append(piece)
        elif kind == "image":
            piece = f"![{tok.content}]({tok.attrs.get('src', '')})"
            out.append(piece)
        elif kind == "text_special":
            piece = tok.markup
            out.append(piece)
        else:  # softbreak and the like: no syntax of their own
            piece = tok.content or " "
        if stack:
            stack[-1][1].append(piece)
    return out


def _wrapped(opener: Token, inner: str) -> str:
    """The source of a wrapped construct, rebuilt from its tokens."""
    name = opener.type[: -len("_open")]
    if name == "link":
        href = str(opener.attrs.get("href", ""))
        return f"<{href}>" if opener.markup == "autolink" else f"[{inner}]({href})"
    return f"{opener.markup}{inner}{opener.markup}"
