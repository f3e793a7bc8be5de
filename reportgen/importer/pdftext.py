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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportgen import model as m
from reportgen.importer.chars import without_refused
from reportgen.importer.joining import SPACE_BETWEEN_WIDE, Growing, Joiner
from reportgen.importer.masthead import JOB, MASTHEAD_LINES, Fields, contents_line, footer_fields, read_masthead
from reportgen.importer.linebreaks import Break, breaks, measure, stands_alone, width
from reportgen.importer.structure import Classifier, Piece, ends_sentence
from reportgen.l10n import Language
from reportgen.limits import PDF_LINE_CHARS, PDF_TEXT_LINES, TooLarge
from reportgen.resolve.symbols import canonical, is_symbol

__all__ = ["TextImport", "read_pdf_text", "hard_breaks", "text_limits"]

_PAGE_NUMBER = re.compile(r"^\s*(?:\d{1,4}|\d{1,4}\s*/\s*\d{1,4}|-\s*\d{1,4}\s*-)\s*$")
_PAGE_OF = re.compile(r"^\s*\d{1,4}\s*/\s*\d{1,4}\s*$")
_BARCODE = re.compile(r"^\s*\*[0-9A-Z]+\*\s*$")
# A symbol font's characters as PDF text gives them (U+F020-U+F07E for ASCII): the
# barcode, set in a Code 39 font, reads "\uf02a\uf031…" for "*1…"
_SYMBOL_FONT = {c: c - 0xF000 for c in range(0xF020, 0xF07F)}
# A marker alone on a line: "22.", "(c)", "b)", "IV.", "B."
_LONE = re.compile(r"^(?:\d{1,4}[.)]|\(?[^\W\d_]{1,5}\)|[IVXLCDM]{1,6}\.|[^\W\d_]\.)$")
# Direction marks and embeddings pdftotext puts around right-to-left lines and the
# left-to-right runs in them: extraction artefacts, never the author's text.
# pdftotext marks right-to-left runs with direction controls, and a BOM may lead a page
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_MIRRORED = re.compile(r"^([^\w\s]+)\s*(\d+)$")


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


@dataclass
class TextImport:
    """What the text gives: the body's pieces, the masthead's fields, comments to add."""

    pieces: list[Piece]
    fields: Fields
    comments: list[m.Comment] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    # page of each line (form feeds before it, plus one), for a PDF's places
    page_of: dict[int, int] = field(default_factory=dict)
    # notes the title block calls with "*" (line, text): the front matter has no place for them
    notes: list[tuple[int, str]] = field(default_factory=list)
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
    or bottom of a page and either of those shapes, or repeated at the same edge (figures
    aside) on other pages. A paragraph number or list marker alone on a line is never a
    running head, however often the shape recurs at a page's top ("22." continues the
    paragraphs of the page before)."""
    tops: list[list[tuple[int, str]]] = []
    bottoms: list[list[tuple[int, str]]] = []
    for page in pages:
        # direction controls around right-to-left lines are no part of what a line is
        filled = [(no, _BIDI_CONTROLS.sub("", t).strip()) for no, t in page if _BIDI_CONTROLS.sub("", t).strip()]
        tops.append(filled[:3])
        bottoms.append(filled[3:][-4:])
    least = max(2, len(pages) // 4)
    repeated = [Counter(re.sub(r"\d+", "#", t) for edge in side for t in {t for _, t in edge})
                for side in (tops, bottoms)]
    # "2/3": a page of pages, wherever the reading order put the footer
    drop = {no for page in pages for no, t in page if _PAGE_OF.match(t)}
    for k in range(len(pages)):
        for side, edge in enumerate((tops[k], bottoms[k])):
            for no, text in edge:
                shape = re.sub(r"\d+", "#", text)
                footer = footer_fields(text) or footer_fields(_unmirrored(text))
                if footer is not None:
                    fields.set("job", footer[0], no)
                    if footer[1]:
                        fields.set("processed", footer[1], no)
                    drop.add(no)
                elif (_PAGE_NUMBER.match(text) or _BARCODE.match(text.translate(_SYMBOL_FONT)) or JOB.match(text)
                      or (len(pages) > 1 and k > 0 and repeated[side][shape] >= least and not _LONE.match(text)
                          and (is_symbol(text) or len(text) < 80))):
                    if is_symbol(text):
                        fields.set("symbol", canonical(text), no)
                    drop.add(no)
    return drop


def _unmirrored(text: str) -> str:
    """A left-to-right run as pdftotext gives it inside right-to-left text, its closing
    bracket first: ")V.21-06543 (A" is "V.21-06543 (A)"."""
    if text.startswith(")") and text.count("(") == 1 and text.count(")") == 1:
        return text[1:] + ")"
    return text


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
    sequence followed as the body's reading will follow it (a marker out of sequence is
    joined too, as text: "1." before a minor heading's title)."""
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
        if _LONE.match(ln.text):  # out of sequence ("1." of a minor heading): still its line's
            pending = ln
            continue
        found = classify.peek(ln.text)
        if found.kind != "text":
            classify.advance(found)
        out.append(ln)
    if pending is not None:
        out.append(pending)
    return out


def text_limits(source: Path, text: str, by_page: bool = False) -> None:
    """Refuse PDF text over the limits of lines and line length before any work is done
    on it (a line is joined, judged and measured, and a paragraph's lines against each
    other): ``FILE: …`` for the lines, ``FILE:LINE: …`` (text) or ``FILE: page N …`` (a
    PDF's text) for a line too long."""
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if PDF_TEXT_LINES.exceeded(lines):
        raise TooLarge(source, None, PDF_TEXT_LINES.over(f"it holds {lines:,} lines of text") +
                       ": import a report of at most about 4,000 pages, or its Word file", PDF_TEXT_LINES)
    start, length = 0, 0
    at = 0
    for line in text.split("\n"):  # the first line over the limit, if any
        if PDF_LINE_CHARS.exceeded(len(line)):
            # a page's first line follows the form feed ending the page before: its part
            # after the form feed is the line, on that page
            part_at = at
            for part in line.split("\f"):
                if PDF_LINE_CHARS.exceeded(len(part)):
                    start, length = part_at, len(part)
                    break
                part_at += len(part) + 1
            if length:
                break
        at += len(line) + 1
    if not length:
        return
    no = text.count("\n", 0, start) + 1
    said = PDF_LINE_CHARS.over(f"a line of {length:,} characters") + \
        ": PDF text has a line per printed line; give the text as pdftotext writes it (pdftotext -enc UTF-8)"
    if by_page:
        raise TooLarge(source, None, f"page {text.count(chr(12), 0, start) + 1} holds {said}", PDF_LINE_CHARS)
    raise TooLarge(source, no, f"it holds {said}", PDF_LINE_CHARS)


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
    toc = _contents(lines, lang)
    if toc:
        message = f"a table of contents ({len(toc)} lines) is left out: the DOCX does not print one"
        result_warnings.append((lines[toc[0]].no, message))
        toc_comment = (lines[toc[0]].no, message)
        lines = [ln for k, ln in enumerate(lines) if k not in set(toc)]
    lines = _attach_markers(lines, lang)
    page_of: dict[int, int] = {}
    at_page = 1
    for no, line in enumerate(text.split("\n"), start=1):
        page_of[no] = at_page
        at_page += line.count("\f")
    layout = _Layout(lines, lang)
    start = min(layout.start, MASTHEAD_LINES)
    head: list[tuple[int, str]] = []
    for ln in lines[:start]:
        if ln.gap and head:
            head.append((ln.no, ""))  # a blank line or page between masthead lines: apart
        head.append((ln.no, ln.text))
    joiner = _Joiner(lang, text)
    fields_found = read_masthead(head, lang, joiner.join_all)
    for key, value in fields_found.values.items():
        fields.set(key, value, fields_found.lines[key])
    result = TextImport([], fields, warnings=result_warnings, by_page=by_page, page_of=page_of)
    result.notes = fields_found.notes
    if toc:
        at, message = toc_comment
        result.comments.append(m.Comment(at - 1, f"import: {result.place(at)}: {message}"))
    notes = _title_notes(lines, start, fields_found, page_of, joiner.join_all)
    if notes:
        result.notes += [(no, note) for no, note, _ in notes]
        taken = {no for _, _, nos in notes for no in nos}
        lines = [ln for ln in lines if ln.no not in taken]
        layout = _Layout(lines, lang)
    result.warnings += fields_found.warnings
    result.warnings += [(no, f"masthead line not placed in the front matter: {t}") for no, t in fields_found.unplaced]
    joiner.body(lines, layout, start, result, lang)
    return result


# A dot leader before a page number: "Introduction ......... 1-5   3", ". . . . 12", "……"
_LEADER = re.compile(r"(?:\.\s?){4,}|…{2,}|(?:_\s?){4,}")


def _contents(lines: list[_Line], lang: Language) -> list[int]:
    """The lines of the table of contents near the front: a run of three or more lines
    with dot leaders (at most three other lines between two of them: an entry's first
    lines, a column head), from its heading ("Contents", the language's
    ``import.contents``) when it stands a few lines above."""
    leaders = [k for k, ln in enumerate(lines[:max(40, len(lines) * 2 // 5)]) if _LEADER.search(ln.text)]
    runs: list[list[int]] = []
    for k in leaders:
        if runs and k - runs[-1][-1] <= 4:
            runs[-1].append(k)
        else:
            runs.append([k])
    run = next((r for r in runs if len(r) >= 3), None)
    if run is None:
        return []
    first = run[0]
    heading = next((k for k in range(max(0, first - 6), first) if contents_line(lines[k].text, lang)), None)
    return list(range(heading if heading is not None else first, run[-1] + 1))


def _title_notes(lines: list[_Line], start: int, found: Fields, page_of: dict[int, int],
                 join: Callable[[list[str]], str]) -> list[tuple[int, str, set[int]]]:
    """The notes the title block calls ("…on Italy*"), printed at the foot of its page
    and read by pdftotext among the body's lines: (line, text, the lines it takes). A
    note starts with the call's mark and runs to the page's end."""
    marks = {hit.group() for key in ("title", "subtitle") if isinstance(found.values.get(key), str)
             for hit in re.finditer(r"\*{1,3}|[\u2020\u2021]", str(found.values[key]))}
    if not marks or start >= len(lines):
        return []
    page = page_of.get(lines[start].no, 1)
    calls: list[tuple[int, list[str], set[int]]] = []  # each note's lines, joined at the end
    for ln in lines[start:]:
        if page_of.get(ln.no, 1) != page:
            break
        call = re.match(r"(\*{1,3}|[\u2020\u2021])\s*\S", ln.text)
        if call and call.group(1) in marks:
            calls.append((ln.no, [ln.text], {ln.no}))
        elif calls:
            calls[-1][1].append(ln.text)
            calls[-1][2].add(ln.no)
    return [(no, join(texts), taken) for no, texts, taken in calls]


class _Layout:
    """The text's measure, where each paragraph ends and where the body starts.

    ``apart[k]`` says whether line k+1 starts a new paragraph; ``unsure[k]`` that it was
    kept apart after a page break where it may continue the paragraph before (a full line
    ending a sentence). Between consecutive lines the measure decides (``linebreaks``);
    across a blank line or a page break a paragraph goes on only where the line before
    certainly wraps (or, in text never wrapped, does not end a sentence). A marker that
    continues the sequence always starts a block.

    The masthead is every line before the body: the body starts at the first chapter,
    sub-heading or numbered paragraph, or at the first paragraph set to the body's measure
    (a line of it nearly full) — with the one-line phrases before it that end in a comma
    or colon, as a resolution's "The General Assembly," does: a title line never ends so."""

    def __init__(self, lines: list[_Line], lang: Language) -> None:
        texts = [ln.text for ln in lines]
        self.scale = measure(texts)
        sequence = Classifier(lang)
        self.marked: list[bool] = []
        for ln in lines:
            found = sequence.peek(ln.text)
            self.marked.append(found.kind != "text")
            if found.kind != "text":
                sequence.advance(found)
        self.breaks = breaks(texts, self.scale, self.marked)
        self.apart: list[bool] = []
        self.unsure: list[bool] = []
        for k, judged in enumerate(self.breaks):
            gap, ends = lines[k + 1].gap, ends_sentence(texts[k])
            if self.marked[k + 1] or judged is Break.HARD:
                apart = True
            elif not gap:
                apart = False
            elif self.scale.wrapped:
                apart = judged is not Break.SOFT
            else:
                apart = ends
            self.apart.append(apart)
            self.unsure.append(apart and gap == "page" and not self.marked[k + 1]
                               and (judged is Break.UNSURE or (not self.scale.wrapped and ends)))
        self.start = self._start(lines)
        # a short line without a full stop between two paragraphs: a minor heading
        self.heading = [self.scale.wrapped and 0 < k < len(lines) - 1 and k >= self.start
                        and self.apart[k - 1] and self.apart[k] and not self.marked[k]
                        and stands_alone(texts[k], texts[k + 1], self.scale, numbered=True) and _capital(texts[k])
                        and not texts[k].endswith((",", "，", "、", "،"))
                        for k in range(len(lines))]

    def _start(self, lines: list[_Line]) -> int:
        marked = next((k for k, hit in enumerate(self.marked) if hit), len(lines))
        if not self.scale.wrapped:
            return marked
        full = self.scale.typical * 0.8
        first = 0  # the first line of the paragraph being looked at
        for k in range(marked):
            if width(lines[k].text) >= full and k < len(self.apart) and not self.apart[k]:
                while first > 0 and self.apart[first - 1] and (first < 2 or self.apart[first - 2]) \
                        and lines[first - 1].text.endswith((",", ":", "，", "：", "،")):
                    first -= 1
                return first
            if k < len(self.apart) and self.apart[k]:
                first = k + 1
        return marked


def _capital(text: str) -> bool:
    """Whether ``text`` starts with a capital letter, or a letter of a script without case."""
    first = next((c for c in text if c.isalpha()), "")
    return bool(first) and not first.islower()


def hard_breaks(lines: list[str], lang: Language) -> list[bool]:
    """Whether each printed line but the last ends a paragraph, as the import reads text
    (the masthead's lines are each apart): what ``tests/importer/test_hard_breaks.py``
    scores against labelled PDF text."""
    filled = [(k, t.strip()) for k, t in enumerate(lines) if t.strip()]
    layout = _Layout([_Line(k, t, "") for k, t in filled], lang)
    ends = {filled[j][0]: (j < layout.start or layout.apart[j]) for j in range(len(filled) - 1)}
    return [ends.get(k, True) for k in range(len(lines) - 1)]


class _Joiner(Joiner):
    """Joins printed lines into paragraphs (the join and hyphen rules are ``joining``'s,
    which the layout reader uses too)."""

    def body(self, lines: list[_Line], layout: _Layout, start: int, out: TextImport, lang: Language) -> None:
        """The pieces of the body's lines (``lines[start:]``), apart where ``layout`` says;
        a line standing alone between paragraphs is a minor heading."""
        classify = Classifier(lang)
        current = Growing(self)
        first = 0
        role = ""
        notes: list[str] = []

        def close() -> None:
            if current:
                text = SPACE_BETWEEN_WIDE.sub("", current.value())
                out.pieces.append(Piece(_links(text), first, role))
                for note in notes:  # written before the paragraph (the writer puts a
                    # comment before the first block after its line)
                    out.comments.append(m.Comment(first - 1, f"import: {note}"))

        for k in range(start, len(lines)):
            ln = lines[k]
            found = classify.peek(ln.text)
            if found.kind != "text":
                classify.advance(found)
                close()
                current, first, role, notes = Growing(self, ln.text), ln.no, "", []
                continue
            if current and not layout.apart[k - 1]:
                note = current.add(ln.text)
                if note:
                    notes.append(f"{out.place(ln.no)}: {note}")
                continue
            notes_for_next = [f"{out.place(ln.no)}: after a page break, kept as a paragraph of its own: join it "
                              "to the text before it if it continues it"] if current and layout.unsure[k - 1] else []
            close()
            if layout.heading[k]:
                role = "heading3"
                classify.advance(classify.peek(ln.text, role))
            else:
                # A paragraph without a marker after a numbered paragraph is a block of it.
                role = "continued" if classify.paragraph is not None else ""
            current, first, notes = Growing(self, ln.text), ln.no, notes_for_next
        close()
