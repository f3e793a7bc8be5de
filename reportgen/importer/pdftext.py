"""PDF text (``pdftotext`` output) → pieces, masthead fields and the rejoins to review.

What ``pdftotext`` gives is lines as they were printed: the masthead broken into lines,
running headers and footers and page numbers between the pages (form feeds), paragraphs
cut by a page break, words hyphenated at a line end, and Chinese lines that must be
joined without a space. This reader undoes each of those, and says where it had to guess:
a join it is not sure of becomes an author's comment (``<!-- import: … -->``) that
``reportgen check`` lists, never a silent decision.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import pyphen

from reportgen import model as m
from reportgen.importer.chars import without_refused
from reportgen.importer.masthead import JOB, WIDE, Fields, footer_fields, read_masthead
from reportgen.importer.structure import Classifier, Piece, ends_sentence
from reportgen.l10n import Language
from reportgen.l10n.stems import matcher
from reportgen.resolve.symbols import canonical, is_symbol

__all__ = ["TextImport", "read_pdf_text"]

_PAGE_NUMBER = re.compile(r"^\s*(?:\d{1,4}|\d{1,4}\s*/\s*\d{1,4}|-\s*\d{1,4}\s*-)\s*$")
_PAGE_OF = re.compile(r"^\s*\d{1,4}\s*/\s*\d{1,4}\s*$")
_BARCODE = re.compile(r"^\s*\*[0-9A-Z]+\*\s*$")
_HYPHENS = "-\u2010\u00ad"
# Direction marks and embeddings pdftotext puts around right-to-left lines and the
# left-to-right runs in them: extraction artefacts, never the author's text.
# pdftotext marks right-to-left runs with direction controls, and a BOM may lead a page
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_MIRRORED = re.compile(r"^([^\w\s]+)\s*(\d+)$")
_WORD_END = re.compile(r"(\w+)[-\u2010\u00ad]$")
_WORD_START = re.compile(r"^(\w+)")
_WIDE = re.compile(WIDE)
_SPACE_BETWEEN_WIDE = re.compile(rf"(?<={_WIDE.pattern})[ \u00a0]+(?={_WIDE.pattern})")


# "[CAC/COSP/EG.1/2021/2](#)": a link as tools that turn PDF into text write one
_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s]*)\)")


def _links(text: str) -> tuple[m.Inline, ...]:
    """Text with the links PDF-to-text tools mark: a symbol linked to ``#`` or to the
    Official Document System is a symbol reference, a web link a link; other brackets
    stay text."""
    out: list[m.Inline] = []
    at = 0
    for hit in _LINK.finditer(text):
        shown, url = hit.group(1), hit.group(2)
        if is_symbol(shown.strip()) and (url == "#" or "undocs.org" in url or "documents.un.org" in url):
            node: m.Inline = m.SymbolRef(canonical(shown.strip()), shown)
        elif url.startswith(("http://", "https://", "mailto:")):
            node = m.Link((m.Text(shown),), url)
        else:
            continue
        out += [m.Text(text[at:hit.start()]), node]
        at = hit.end()
    out.append(m.Text(text[at:]))
    return tuple(x for x in out if not (isinstance(x, m.Text) and not x.text))


def wide(char: str) -> bool:
    return bool(_WIDE.match(char))


@dataclass
class TextImport:
    """What the text gives: the body's pieces, the masthead's fields, comments to add."""

    pieces: list[Piece]
    fields: Fields
    comments: list[m.Comment] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    # page of each line (form feeds before it, plus one), for a PDF's places
    page_of: dict[int, int] = field(default_factory=dict)
    by_page: bool = False

    def place(self, no: int) -> str:
        """Where line ``no`` is, as the user can find it: a line of the text they gave, or
        the page of the PDF (whose text they never saw)."""
        return f"page {self.page_of.get(no, 1)}" if self.by_page else f"line {no}"


@dataclass
class _Line:
    no: int
    text: str
    gap: str  # what comes before it: "" (the next line), "blank" or "page"


def _pages(text: str) -> list[list[tuple[int, str]]]:
    """Lines by page (form feeds), numbered from 1 in the input."""
    pages: list[list[tuple[int, str]]] = [[]]
    for no, line in enumerate(text.split("\n"), start=1):
        parts = line.split("\f")
        for k, part in enumerate(parts):
            if k:
                pages.append([])
            pages[-1].append((no, part.rstrip()))
    return [p for p in pages if any(t.strip() for _, t in p)]


def _running(pages: list[list[tuple[int, str]]], fields: Fields) -> set[int]:
    """Lines that are running headers and footers, page numbers and barcodes: at the top
    or bottom of a page and either of those shapes or repeated on other pages."""
    edges: list[list[tuple[int, str]]] = []
    for page in pages:
        filled = [(no, t.strip()) for no, t in page if t.strip()]
        edges.append(filled[:3] + filled[-4:])
    repeated = Counter(re.sub(r"\d+", "#", t) for edge in edges for t in {t for _, t in edge})
    # "2/3": a page of pages, wherever the reading order put the footer
    drop = {no for page in pages for no, t in page if _PAGE_OF.match(t)}
    for k, edge in enumerate(edges):
        for no, text in edge:
            shape = re.sub(r"\d+", "#", text)
            footer = footer_fields(text)
            if footer is not None:
                fields.set("job", footer[0], no)
                if footer[1]:
                    fields.set("processed", footer[1], no)
                drop.add(no)
            elif (_PAGE_NUMBER.match(text) or _BARCODE.match(text) or JOB.match(text)
                  or (len(pages) > 1 and repeated[shape] > 1 and k > 0 and (is_symbol(text) or len(text) < 80))):
                if is_symbol(text):
                    fields.set("symbol", canonical(text), no)
                drop.add(no)
    return drop


def _lone_marker(text: str, classify: Classifier) -> str | None:
    """The marker a line consists of, if it is only that: pdftotext prints the number of
    a paragraph with a hanging indent ("1.", "III.", "(a)") as a line of its own, and
    an Arabic "1 -" mirrored ("-1"), the figure being a left-to-right run."""
    if len(text) > 16:
        return None
    forms = [text]
    if hit := _MIRRORED.match(text):
        forms.append(f"{hit.group(2)} {hit.group(1)}")
    for form in forms:
        found = classify.peek(form + " \ue000")
        if found.kind != "text" and found.length >= len(form):
            return form
    return None


def _attach_markers(lines: list[_Line], lang: Language) -> list[_Line]:
    """Lines with a lone marker joined to the text that follows it, the marker's
    sequence followed as the body's reading will follow it."""
    classify = Classifier(lang)
    out: list[_Line] = []
    pending: _Line | None = None
    for ln in lines:
        if pending is not None:
            out.append(_Line(pending.no, f"{pending.text} {ln.text}", pending.gap))
            pending = None
            continue
        marker = _lone_marker(ln.text, classify)
        if marker is not None:
            classify.advance(classify.peek(marker + " \ue000"))
            pending = _Line(ln.no, marker, ln.gap)
            continue
        found = classify.peek(ln.text)
        if found.kind != "text":
            classify.advance(found)
        out.append(ln)
    if pending is not None:
        out.append(pending)
    return out


def read_pdf_text(text: str, lang: Language, by_page: bool = False) -> TextImport:
    """The pieces, fields and comments of ``pdftotext`` output (or text like it);
    ``by_page``: places are pages (the text came from a PDF), not lines."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    pages = _pages(text)
    fields = Fields()
    drop = _running(pages, fields)
    lines: list[_Line] = []
    result_warnings: list[tuple[int, str]] = []
    gap = ""
    for k, page in enumerate(pages):
        gap = "page" if k else gap
        for no, t in page:
            if no in drop:
                continue
            t, dropped = without_refused(_BIDI_CONTROLS.sub("", t))
            result_warnings += [(no, warning) for warning in dropped]
            if not t.strip():
                gap = gap or "blank"
                continue
            lines.append(_Line(no, t.strip(), gap))
            gap = ""
    lines = _attach_markers(lines, lang)
    classify = Classifier(lang)
    start = next((i for i, ln in enumerate(lines) if classify.peek(ln.text).kind in ("heading", "paragraph")),
                 len(lines))
    head = [(ln.no, ln.text) for ln in lines[:start]]
    joiner = _Joiner(lang, text)
    fields_found = read_masthead(head, lang, joiner.join_all)
    for key, value in fields_found.values.items():
        fields.set(key, value, fields_found.lines[key])
    result = TextImport([], fields, warnings=result_warnings, by_page=by_page)
    page = 1
    for no, line in enumerate(text.split("\n"), start=1):
        result.page_of[no] = page
        page += line.count("\f")
    result.warnings += [(no, f"masthead line not placed in the front matter: {t}") for no, t in fields_found.unplaced]
    joiner.body(lines[start:], classify, result)
    return result


class _Joiner:
    """Joins printed lines into paragraphs."""

    def __init__(self, lang: Language, text: str) -> None:
        self.lang = lang
        self.text = text
        self.lower = text.lower()
        # Figures beside Chinese characters: spaced ("截至 2021 年") or not, as the text does
        spaced = len(re.findall(rf"{_WIDE.pattern} \w|\w {_WIDE.pattern}", text))
        tight = len(re.findall(rf"{_WIDE.pattern}[A-Za-z0-9]|[A-Za-z0-9]{_WIDE.pattern}", text))
        self.space_by_wide = spaced > tight
        self._stems: set[str] | None = None
        patterns = lang.hyphenation_patterns
        self.patterns = pyphen.Pyphen(lang=patterns) if patterns else None

    def join_all(self, parts: list[str]) -> str:
        out = ""
        for part in parts:
            out = self.join(out, part)[0] if out else part
        return _SPACE_BETWEEN_WIDE.sub("", out)

    def join(self, left: str, right: str) -> tuple[str, str | None]:
        """``left`` and the next printed line as one text, and a note if the join is a guess."""
        if left and right and left[-1] in _HYPHENS and (hit := _WORD_END.search(left)) \
                and (start := _WORD_START.match(right)) and right[0].islower():
            return self._hyphen(left, right, hit.group(1), start.group(1))
        if left and right and (wide(left[-1]) or wide(right[0])):
            both = wide(left[-1]) and wide(right[0])
            return left + ("" if both or not self.space_by_wide else " ") + right, None
        return left + " " + right, None

    def _hyphen(self, left: str, right: str, a: str, b: str) -> tuple[str, str | None]:
        """A word cut at a line end. The text's own usage decides first (the word written
        whole, or hyphenated, elsewhere); then the language's hyphenation patterns and
        its words: a break the patterns allow between halves that are not both words of
        the text (by stem) was the typesetter's, joined; halves that are both words, where
        the patterns allow no break, a compound («государствами-участниками»), kept.
        Anything else is a guess, flagged: kept where the patterns allow no break there
        (or the halves are words), joined where there are no patterns."""
        if left[-1] == "\u00ad":  # a soft hyphen is never part of the word
            return left[:-1] + right, None
        joined, hyphened = (a + b).lower(), f"{a}-{b}".lower()
        whole = len(re.findall(rf"\b{re.escape(joined)}\b", self.lower))
        kept = len(re.findall(rf"\b{re.escape(hyphened)}\b", self.lower))
        if whole != kept:
            return (left[:-1] + right, None) if whole > kept else (left + right, None)
        compound = self._is_word(a) and self._is_word(b)
        breakable = self.patterns is not None and len(a) in self.patterns.positions(a + b)
        if breakable and not compound:
            return left[:-1] + right, None
        if compound and not breakable:
            return left + right, None
        if compound or (self.patterns is not None and not breakable):
            return left + right, f"kept the hyphen in «{a}-{b}» at a line end; was it «{a}{b}»?"
        return left[:-1] + right, f"joined «{a}-» and «{b}» as «{a}{b}» at a line end; was it «{a}-{b}»?"

    def _is_word(self, word: str) -> bool:
        """Whether ``word`` stands as a word of its own elsewhere in the text (by stem)."""
        if self._stems is None:
            keyed = matcher(self.lang.code)
            # words that begin a line after a hyphen are halves, not words of the text
            text = re.sub(r"[-\u2010\u00ad]\n\s*\w+", " ", self.text)
            self._stems = set(keyed.key(text).split())
            self._keyed = keyed
        stem = self._keyed.key(word).strip()
        return bool(stem) and stem in self._stems

    def body(self, lines: list[_Line], classify: Classifier, out: TextImport) -> None:
        current: list[str] = []
        first = 0
        role = ""
        notes: list[str] = []

        def close() -> None:
            if current:
                text = _SPACE_BETWEEN_WIDE.sub("", current[0])
                out.pieces.append(Piece(_links(text), first, role))
                for note in notes:  # written before the paragraph (the writer puts a
                    # comment before the first block after its line)
                    out.comments.append(m.Comment(first - 1, f"import: {note}"))

        for ln in lines:
            found = classify.peek(ln.text)
            if found.kind != "text":
                classify.advance(found)
                close()
                current, first, role, notes = [ln.text], ln.no, "", []
                continue
            if current and (ln.gap == "" or not ends_sentence(current[0])):
                joined, note = self.join(current[0], ln.text)
                current[0] = joined
                if note:
                    notes.append(f"{out.place(ln.no)}: {note}")
                continue
            if current and ln.gap == "page":
                notes_for_next = [f"{out.place(ln.no)}: after a page break, kept as a paragraph of its "
                                  "own: join it to the text before it if it continues it"]
            else:
                notes_for_next = []
            close()
            # After a blank line, a paragraph without a marker continues the numbered
            # paragraph above it (as a block of its own) if there is one.
            role = "continued" if classify.paragraph is not None else ""
            current, first, notes = [ln.text], ln.no, notes_for_next
        close()
