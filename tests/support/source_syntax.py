"""Source syntax printed as text in a DOCX is a silent change to the author's text.

``source_syntax_in`` reads the text of every story part (body, footnotes, headers,
footers) and returns each place where Markdown syntax of the source survived:
a footnote reference ``[^``, a label ``{#``, a comment ``<!--``, a symbol link
``](#)`` or an unresolved ``@label``. ``check_docx`` runs it on every DOCX the
test suite produces."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STORY = re.compile(r"word/(document|footnotes|endnotes|comments|header\d*|footer\d*)\.xml$")
SYNTAX = re.compile(r"\[\^|\{#|<!--|\]\(#\)|(?<![\w.@])@[^\W\d_][\w.:-]*")


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
