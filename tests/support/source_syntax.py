"""Source syntax printed as text in a DOCX is a silent change to the author's text.

``source_syntax_in`` reads the text of every story part (body, footnotes, headers,
footers) and returns each place where Markdown syntax of the source survived:
a footnote reference ``[^``, a label ``{#``, a comment ``<!--``, a symbol link
``](#)``, an ``@`` before a letter of any script that no e-mail address explains
(``@globe``, ``见@别处``), emphasis markers paired around text in one paragraph
(``*《摘要》*``, ``**bold**``, ``_word_``; not ``5 * 3 * 2``, ``snake_case``, a lone
``2020*``) and a full-width sub-item marker the reader left at a paragraph's start
(``（a）``, ``（一）``). ``check_docx`` runs it on every DOCX the test suite produces."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STORY = re.compile(r"word/(document|footnotes|endnotes|comments|header\d*|footer\d*)\.xml$")
SYNTAX = re.compile(
    r"\[\^|\{#|<!--|\]\(#\)"
    # "@" before a letter, unless after what makes it an e-mail address (as the reader decides)
    r"|(?<![A-Za-z0-9_@/.])@[^\W\d_][\w.:-]*"
    # "*" pairs around text that starts and ends with no space, within one paragraph
    r"|\*{1,3}[^\s*][^\n*]*?(?<=[^\s*])\*{1,3}"
    # "_" pairs the same, but not inside a word (snake_case_name)
    r"|(?<![^\W_])_{1,3}[^\s_][^\n_]*?(?<=[^\s_])_{1,3}(?![^\W_])"
    # a full-width sub-item marker starting a paragraph: （a） （iv） （一）
    r"|^（(?:[a-z]{1,3}|[ivxlcdm]{1,6}|[一二三四五六七八九十百]{1,4})）",
    re.M)


def story_text(docx: Path | bytes) -> dict[str, str]:
    """Text of each story part, paragraph by paragraph (one line each)."""
    data = docx if isinstance(docx, bytes) else Path(docx).read_bytes()
    out: dict[str, str] = {}
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return out  # not a package at all: the schema validation reports that
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if STORY.match(name):
                root = etree.fromstring(z.read(name))
                out[name] = "\n".join("".join(t.text or "" for t in p.iter(f"{{{W}}}t"))
                                      for p in root.iter(f"{{{W}}}p"))
    return out


def source_syntax_in(docx: Path | bytes) -> list[str]:
    """``part: …context…`` for each piece of source syntax found as text."""
    hits = []
    for part, text in story_text(docx).items():
        for m in SYNTAX.finditer(text):
            hits.append(f"{part}: …{text[max(0, m.start() - 30):m.end() + 30]}…")
    return hits
