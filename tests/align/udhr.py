"""A real three-language test report built from the Universal Declaration of
Human Rights (the Unicode UDHR project's XML in ``<repo>/../shared/udhr``).

``write_udhr_report(dest)`` writes ``dest/en.md``, ``fr.md`` and ``zh.md`` (English
original): the preamble as unnumbered paragraphs under an unnumbered heading, then
article N as numbered paragraph N. An article of several paragraphs continues
with blocks indented under the text of ``N.`` (3 spaces for 1-9, 4 from 10 on,
as CommonMark requires); an article written as an enumerated list
(``1.``, ``2.`` or ``㈠``, ``㈡`` in the XML) becomes sub-items ``(a)``, ``(b)``….
The data is read where it lies, never copied into the repository; tests get at it
through :func:`require` (skipped without ``../shared``, required under ``CI=true``:
tests/support/shared.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from tests.support.shared import require_shared, shared_path

UDHR = shared_path("udhr")

NS = "{http://efele.net/udhr}"

#: report language → (file key in the UDHR collection, organ name)
LANGUAGES: dict[str, tuple[str, str]] = {
    "en": ("eng", "General Assembly"),
    "fr": ("fra", "Assemblée générale"),
    "zh": ("cmn_hans", "大会"),
}
#: heading of the preamble when the XML gives none
PREAMBLE = {"en": "Preamble", "fr": "Préambule", "zh": "序言"}

SYMBOL = "A/RES/217(III)"
DATE = "1948-12-10"
ORIGINAL = "en"

# Characters that could start Markdown syntax anywhere in a line (commonmark_x with
# smart quotes, sub/superscript, footnotes, attributes): backslash-escaped always.
_INLINE = re.compile(r"([\\`*_\[\]<>@~^{}$|&!\"'])")
# What could start a block at the beginning of a line: "1." / "1)" (ordered list),
# "(a)" / "(iv)" (sub-item), "-", "+", "#", ":" (definition), "=" (setext).
_LIST_START = re.compile(r"^(\d+)([.)])")
_SUBITEM_START = re.compile(r"^\(([A-Za-z]{1,6}|\d+)\)")
_BLOCK_CHARS = "-+#:="


def _files() -> list[str]:
    return [f"udhr/udhr_{key}.xml" for key, _ in LANGUAGES.values()]


def available() -> bool:
    return all(shared_path(f).is_file() for f in _files())


def require() -> Path:
    """The UDHR folder; skip the test (locally) or fail it (``CI=true``) when absent."""
    for f in _files():
        require_shared(f)
    return UDHR


def escape(text: str) -> str:
    """Plain text → Markdown that reads back as exactly that text, on one line."""
    text = " ".join(text.split())
    text = _INLINE.sub(r"\\\1", text)
    if _LIST_START.match(text):
        text = _LIST_START.sub(r"\1\\\2", text, count=1)
    elif _SUBITEM_START.match(text):
        text = "\\" + text
    elif text[:1] in _BLOCK_CHARS:
        text = "\\" + text
    return text


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _letter(index: int) -> str:
    """1 → a, 26 → z, 27 → aa (the reader's LowerAlpha)."""
    out = ""
    while index > 0:
        index, r = divmod(index - 1, 26)
        out = chr(ord("a") + r) + out
    return out


def _article_blocks(article: etree._Element) -> list[str]:
    """The Markdown lines of article N's body, first one without its "N. "."""
    blocks: list[str] = []
    for child in article:
        tag = etree.QName(child).localname
        if tag == "title":
            continue
        if tag == "para":
            blocks.append(escape(_text(child)))
        elif tag == "orderedlist":
            for i, item in enumerate(child.findall(f"{NS}listitem"), start=1):
                paras = [escape(_text(p)) for p in item.findall(f"{NS}para")]
                first, rest = (paras[0], paras[1:]) if paras else ("", [])
                marker = f"({_letter(i)}) "
                blocks.append(marker + first)
                blocks.extend(" " * len(marker) + p for p in rest)  # under the item's text
        else:
            raise ValueError(f"unexpected <{tag}> in article {article.get('number')}")
    return blocks


def markdown(lang: str) -> str:
    """One language version of the declaration as a reportgen source file."""
    key, organ = LANGUAGES[lang]
    root = etree.parse(str(UDHR / f"udhr_{key}.xml")).getroot()
    title = _text(root.find(f"{NS}title"))
    lines = [
        "---",
        f"symbol: {SYMBOL}",
        "distribution: general",
        f"date: {DATE}",
        f"language: {lang}",
        f"original: {ORIGINAL}",
        f"organ: {_yaml(organ)}",
        f"title: {_yaml(title)}",
        "---",
        "",
    ]
    preamble = root.find(f"{NS}preamble")
    if preamble is not None:
        heading = preamble.find(f"{NS}title")
        lines += [f"# {escape(_text(heading)) if heading is not None else PREAMBLE[lang]}", ""]
        for para in preamble.findall(f"{NS}para"):
            lines += [escape(_text(para)), ""]
    for article in root.findall(f"{NS}article"):
        number = int(article.get("number"))
        blocks = _article_blocks(article)
        if not blocks:
            raise ValueError(f"article {number} has no text")
        marker = f"{number}. "
        lines += [marker + blocks[0], ""]
        for block in blocks[1:]:  # under the text: 3 spaces after "2. ", 4 after "11. "
            lines += [" " * len(marker) + block, ""]
    return "\n".join(lines)


def _yaml(value: str) -> str:
    """A YAML double-quoted scalar (safe for ':', '#', quotes and the rest)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_udhr_report(dest: Path) -> Path:
    """Write the UDHR report folder ``dest`` (created if needed); returns it."""
    dest.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        (dest / f"{lang}.md").write_text(markdown(lang), encoding="utf-8")
    return dest


if __name__ == "__main__":  # python -m tests.align.udhr DEST
    import sys

    print(write_udhr_report(Path(sys.argv[1])))
