"""``reportgen import``: a Word file, a PDF or PDF text → one language version's source.

A reader per format (``docx``, ``pdftext``) gives pieces and masthead fields; ``structure``
makes the model's blocks; the Markdown writer writes them, the way ``xliff import`` does.
Every reader decision that could change the text is either certain or written into the
file as an author's comment ``<!-- import: … -->`` that ``check`` lists; every part of
the input with no place in the source format is a warning naming where it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from reportgen import model as m
from reportgen.errors import Diagnostic, UserError, processing
from reportgen.files import cannot_write, scratch_folder
from reportgen.importer.docx import label_of, read_docx
from reportgen.importer.masthead import Fields
from reportgen.importer.structure import structure
from reportgen.l10n import LANGUAGES, Language, language
from reportgen.limits import PDF_TEXT_BYTES, SOURCE_BYTES, TooLarge, read_limited, size
from reportgen.render.markdown import WriteError, normalize, write_document
from reportgen.resolve import symbol_problem
from reportgen.resolve.symbols import canonical
from reportgen.source.frontmatter_syntax import source_syntax
from reportgen.source.reader import read_document

__all__ = ["Imported", "import_document"]

_REQUIRED = tuple(key for key in m.REQUIRED_KEYS if key != "language")  # the language is the --lang
_PLACEHOLDER = "import: not found in {name}; fill in"
_PRINTED = m.PRINTED_KEYS  # front matter printed as written


@dataclass(frozen=True)
class Imported:
    path: Path
    text: str
    warnings: list[Diagnostic]


def import_document(source: Path, lang_code: str, report_dir: Path, symbol: str | None = None) -> Imported:
    """Read ``source`` (.docx, .pdf or text) as the ``lang_code`` version of a report to be
    written to ``report_dir``. Raises ``UserError`` for input it cannot use; anything
    else that goes wrong is an internal error naming ``source``."""
    with processing(source):
        return _import(source, lang_code, report_dir, symbol)


def _import(source: Path, lang_code: str, report_dir: Path, symbol: str | None) -> Imported:
    lang = language(lang_code)
    if symbol is not None and (problem := symbol_problem(symbol)) is not None:
        raise UserError(source, None, f"--symbol '{symbol}' {problem}")
    if not source.is_file():
        raise UserError(source, None, "no such file")
    suffix = source.suffix.lower()
    target = report_dir / f"{lang.code}.md"
    warnings: list[Diagnostic] = []
    comments: list[m.Comment] = []
    if suffix == ".docx":
        word = read_docx(source, lang)
        blocks = structure(word.pieces, lang)
        blocks = _internal_links(blocks, lang, source, warnings)
        fields = word.fields
        for at, note in fields.notes:
            word.warnings.append((at, _note_message(note)))
            comments.append(m.Comment(0, f"import: paragraph {at}: {_note_message(note)}"))
        warnings += [Diagnostic("warning", source, None, f"paragraph {at}: {msg}" if at else msg)
                     for at, msg in word.warnings]
        diagnose: Callable[[int, str], Diagnostic] = \
            lambda at, msg: Diagnostic("warning", source, None, f"paragraph {at}: {msg}")
    elif suffix in (".doc", ".odt", ".rtf"):
        raise UserError(source, None, f"cannot read {suffix} files: save it as .docx (Word) first")
    elif suffix == ".pdf" and lang.direction != "rtl":
        # read by its layout: positions and type tell paragraphs, headings, notes
        from reportgen.importer.layout_read import read_pdf_layout
        layout = read_pdf_layout(pdf_layout(source), lang, source)
        if not layout.pieces and not layout.fields.values:
            raise UserError(source, None, "has no text (a scanned PDF?): nothing to import")
        blocks = structure(layout.pieces, lang)
        fields, comments = layout.fields, layout.comments
        warnings += [Diagnostic("warning", source, None, f"{layout.place(no)}: {msg}")
                     for no, msg in _merged(layout.warnings)]
        diagnose = lambda no, msg: Diagnostic("warning", source, None, f"{layout.place(no)}: {msg}")  # noqa: E731
    else:
        from reportgen.importer.pdftext import read_pdf_text, text_limits

        is_pdf = suffix == ".pdf"
        text = pdf_text(source, logical_order=lang.direction == "rtl") if is_pdf else _read_text(source)
        if not text.strip():
            raise UserError(source, None, "has no text (a scanned PDF?): nothing to import")
        text_limits(source, text, by_page=is_pdf)
        found = read_pdf_text(text, lang, by_page=is_pdf)
        blocks = structure(found.pieces, lang)
        fields, comments = found.fields, found.comments
        for no, note in found.notes:
            message = _note_message(note)
            found.warnings.append((no, message))
            comments.append(m.Comment(0, f"import: {found.place(no)}: {message}"))
        diagnose = lambda no, msg: (Diagnostic("warning", source, None, f"{found.place(no)}: {msg}")  # noqa: E731
                                    if is_pdf else Diagnostic("warning", source, no, msg))
        warnings += [diagnose(no, msg) for no, msg in found.warnings]
        if is_pdf and lang.direction == "rtl":
            # pdftotext gives right-to-left lines with their left-to-right runs (figures,
            # "6-10") in visual order: "10-6"; a Word file keeps the logical order
            warnings.append(Diagnostic("warning", source, None, "text extracted from a right-to-left PDF "
                                       "may show figures and ranges reversed: check them, or import the Word file"))
    blocks = _tabs(blocks, source, warnings)
    if not any(isinstance(b, m.NumberedParagraph) for b in blocks):
        warnings.append(Diagnostic("warning", source, None, "no numbered paragraph was found"))
    if symbol is not None:
        fields.values["symbol"] = canonical(symbol)
    meta, placeholders = _metadata(fields, lang, source, warnings)
    doc = m.Document(meta, blocks, target, tuple(comments))
    try:
        written = write_safely(doc, placeholders, lang, diagnose, warnings)
    except Oversize as exc:
        raise TooLarge(source, None, SOURCE_BYTES.over(f"the version it makes is {size(exc.size)}") +
                       ": a language version holds a report; import a shorter document, or its parts one by one",
                       SOURCE_BYTES) from None
    return Imported(target, written, warnings)


class Oversize(Exception):
    """The written version is over the language version size limit: it could not be
    read back, in any form (``write_safely`` stops at once)."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


# The PDF readers are imported when a PDF or text is read (a Word import, the common
# case, does not load them); these names are the module's own, so a test can replace them.
def pdf_layout(source: Path) -> bytes:
    """poppler's layout of the PDF ``source`` (``importer.pdf.pdf_layout``)."""
    from reportgen.importer.pdf import pdf_layout as layout

    return layout(source)


def pdf_text(source: Path, logical_order: bool) -> str:
    """poppler's text of the PDF ``source`` (``importer.pdf.pdf_text``)."""
    from reportgen.importer.pdf import pdf_text as text

    return text(source, logical_order)


def _note_message(note: str) -> str:
    """The warning (and comment) for a note the title calls with "*": front matter has
    no place for it (the same words as the PDF reader's)."""
    return f"the title's note «{note.replace('-->', '- ->')}» is not imported: front matter has no place for it"


def write_safely(doc: m.Document, placeholders: dict[str, str], lang: Language,
                 diagnose: Callable[[int, str], Diagnostic], warnings: list[Diagnostic]) -> str:
    """The document as source text that reads back. A block the Markdown writer cannot
    express, or that does not read back as written (a sub-item with no paragraph to
    hold it, formatting the format has no form for), is written in the nearest form that
    does — its text without formatting, then as an unnumbered paragraph — with a warning
    at its place (``diagnose(line, message)``): never an internal error for an input,
    never text lost. The block at
    fault is the last of the shortest failing run of blocks from the start (found by
    halving), so numbering stays as the document has it around each test."""
    written, problem = _attempt(doc, placeholders)
    if problem is not None and (bare := _attempt(replace(doc, blocks=(), comments=()), placeholders)[1]):
        raise RuntimeError(f"the imported {doc.path.name}'s front matter does not read back: {bare}")
    blocks = list(doc.blocks)
    fixed = 0  # blocks[:fixed] are known to write and read back
    while problem is not None:
        low, high = fixed, len(blocks)  # blocks[:low] pass, blocks[:high] fail
        while high - low > 1:
            middle = (low + high) // 2
            if _attempt(replace(doc, blocks=tuple(blocks[:middle]), comments=()), placeholders)[1] is None:
                low = middle
            else:
                high = middle
        block = blocks[high - 1]
        why = _attempt(replace(doc, blocks=tuple(blocks[:high]), comments=()), placeholders)[1] or problem
        for fallback in _fallbacks(block, lang):
            trial = tuple(blocks[:high - 1]) + (fallback,)
            if _attempt(replace(doc, blocks=trial, comments=()), placeholders)[1] is None:
                blocks[high - 1] = fallback
                break
        else:
            raise RuntimeError(f"the block of input line or paragraph {block.line} cannot be written in any form: {why}")
        form = "plain text" if type(fallback) is type(block) else "an unnumbered paragraph"
        warnings.append(diagnose(block.line or 0, f"{why}; imported as {form}"))
        fixed = high
        written, problem = _attempt(replace(doc, blocks=tuple(blocks)), placeholders)
        if problem is not None and fixed >= len(blocks):  # the comments, or the front matter
            break
    if problem is not None or written is None:
        raise RuntimeError(f"the imported {doc.path.name} does not read back: {problem}")
    return written


def _attempt(doc: m.Document, placeholders: dict[str, str]) -> tuple[str | None, str | None]:
    """``doc`` written, and why it cannot be written or does not read back as written
    (None when it does)."""
    try:
        written = write_document(doc, placeholders)
    except WriteError as exc:
        return None, f"the source format cannot express it ({exc})"
    if SOURCE_BYTES.exceeded(len(written)) and SOURCE_BYTES.exceeded(length := len(written.encode("utf-8"))):
        raise Oversize(length)
    return written, _read_back(doc.path, written, placeholders)


def _fallbacks(block: m.Block, lang: Language) -> list[m.Block]:
    """Simpler forms of ``block``, each keeping its text: the same block with its text
    unformatted, then one unnumbered paragraph holding its marker and text."""
    plain = _plain(m.block_inlines(block))
    text = _plain(tuple(x for b in _own_blocks(block) for x in m.block_inlines(b)))
    match block:
        case m.Heading():
            same: m.Block = replace(block, content=plain)
            marker = ""
        case m.Para():
            same, marker = replace(block, content=plain), ""
        case m.NumberedParagraph():
            same = replace(block, blocks=(m.Para(text, block.line),))
            marker = lang.paragraph_number(block.number) + " "
        case m.SubItem():
            same = block
            marker = lang.subitem_marker(block.index, block.level) + " "
    flat = m.Para(((m.Text(marker),) if marker else ()) + text, block.line)
    return [same, flat] if text or marker else [same]


def _own_blocks(block: m.Block) -> Iterator[m.Block]:
    """``block`` and the blocks inside it (sub-items), not its footnotes' blocks: a
    footnote stays a footnote, its text is not copied into the paragraph."""
    yield block
    for child in m.block_children(block):
        yield from _own_blocks(child)


def _plain(content: tuple[m.Inline, ...]) -> tuple[m.Inline, ...]:
    """``content`` as text: formatting and links dropped, their text kept; line breaks a
    space; footnotes kept, their own text unformatted too (a footnote whose superscript
    holds what ``^…^`` cannot, such as a space, is what made its paragraph unwritable)."""
    return normalize(m.map_content(content, _unformatted))


def _unformatted(x: m.Inline, line: int | None) -> m.Replacement:
    """:func:`_plain` for one inline (``map_content`` enters footnotes and calls it on
    their inlines): formatting replaced by its content, unformatted."""
    if isinstance(x, m.LineBreak):
        return m.Text(" ")
    if isinstance(x, m.SymbolRef):
        return m.Text(x.text)
    if isinstance(x, m.FORMATTING):
        return list(m.map_content(m.inline_children(x), _unformatted, line))
    return None


def _merged(warnings: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A PDF's warnings, one per message and page-ordered place (a table's every row
    would repeat the same one)."""
    seen: set[str] = set()
    out = []
    for no, message in sorted(warnings, key=lambda w: w[0]):
        if message not in seen:
            seen.add(message)
            out.append((no, message))
    return out


def _read_text(source: Path) -> str:
    """Text as pdftotext writes it (``-enc UTF-8``), a byte-order mark allowed; refused by
    its size before it is read."""
    try:
        data = read_limited(source, PDF_TEXT_BYTES, "pdftotext writes a report of 4,000 pages as less than that: "
                                                    "import the report's PDF or Word file")
    except OSError as exc:
        raise UserError(source, None, f"cannot read it: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise UserError(source, line, "is not UTF-8 text: save it as UTF-8 (pdftotext -enc UTF-8)") from None


def _metadata(fields: Fields, lang: Language, source: Path,
              warnings: list[Diagnostic]) -> tuple[m.Metadata, dict[str, str]]:
    values = dict(fields.values)
    placeholders = {key: _PLACEHOLDER.format(name=source.name) for key in _REQUIRED if key not in values}
    # Front matter is printed as written: a masthead line such as "*Draft* report" would
    # be refused by the reader (INTERFACE §2.2), so it is left for the author, with its text.
    for key in _PRINTED:
        value = values.get(key)
        if isinstance(value, str) and (syntax := source_syntax(value)):
            del values[key]
            placeholders[key] = f"import: {source.name} gives {value!r}; front matter does not read {syntax[0]!r}"
            warnings.append(Diagnostic("warning", source, None, f"the {key} '{value}' holds {syntax[0]!r}, which "
                                       "front matter does not read: it is left for you to write"))
    agenda = tuple(str(item) for item in values.get("agenda", ()))  # type: ignore[attr-defined]
    if any(source_syntax(item) for item in agenda):
        kept = tuple(item for item in agenda if not source_syntax(item))
        for item in agenda:
            if item not in kept:
                warnings.append(Diagnostic("warning", source, None, f"the agenda line '{item}' holds "
                                           f"{source_syntax(item)[0]!r}, which front matter does not read: "
                                           "it is not imported"))
        values["agenda"] = kept
    original = values.get("original")
    meta = m.Metadata(
        symbol=str(values.get("symbol", "")), distribution=str(values.get("distribution", "limited")),
        date=values.get("date", dt.date(2000, 1, 1)),  # type: ignore[arg-type]
        language=lang.code, original=original if original in LANGUAGES else lang.code,
        organ=str(values.get("organ", "")), title=str(values.get("title", "")),
        subtitle=values.get("subtitle"), meeting=values.get("meeting"),  # type: ignore[arg-type]
        venue=values.get("venue"), dates=values.get("dates"),  # type: ignore[arg-type]
        agenda=tuple(values.get("agenda", ())), job=values.get("job"),  # type: ignore[arg-type]
        processed=tuple(values.get("processed", ())),  # type: ignore[arg-type]
    )
    return meta, placeholders


def _internal_links(blocks: tuple[m.Block, ...], lang: Language, source: Path,
                    warnings: list[Diagnostic]) -> tuple[m.Block, ...]:
    """Pass 2 over a Word body: an internal link whose text is the language's wording of
    its target ("paragraph 4", "第4段", "paragraphs 4 to 6") becomes a reference ``@label``
    again; any other keeps its text, with a warning."""
    targets: dict[str, tuple[str, int]] = {}
    numbers: dict[tuple[str, int], str] = {}
    for b in m.walk_blocks(blocks):
        if isinstance(b, m.NumberedParagraph) and b.label:
            targets[b.label], numbers[("paragraph", b.number)] = ("paragraph", b.number), b.label
        elif isinstance(b, m.Heading) and b.label and b.number is not None:
            kind = "chapter" if b.level == 1 else "section"
            targets[b.label], numbers[(kind, b.number)] = (kind, b.number), b.label
    wording = {"paragraph": lang.paragraph_ref, "chapter": lang.chapter_ref, "section": lang.section_ref}

    def relink(x: m.Inline, line: int | None) -> m.Inline | list[m.Inline] | None:
        if not (isinstance(x, m.Link) and x.url.startswith("#")):
            return None
        text = "".join(t.text for t in x.content if isinstance(t, m.Text))
        label = label_of(x.url[1:])
        if label is not None and label in targets:
            kind, n = targets[label]
            if text == wording[kind](n):
                return m.Ref(label)
            for (k, last), end in numbers.items():
                if kind == k == "paragraph" and last > n and text == lang.paragraphs_ref(n, last):
                    return m.Ref(label, end)
        warnings.append(Diagnostic("warning", source, None,
                                   f"an internal link «{text}» is imported as text (its target is not a "
                                   "numbered paragraph or heading it names)"))
        return list(x.content)

    return m.map_inlines(blocks, relink)


def _tabs(blocks: tuple[m.Block, ...], source: Path, warnings: list[Diagnostic]) -> tuple[m.Block, ...]:
    """A tab inside text (not after a marker) has no form in the source: a space."""
    def untab(x: m.Inline, line: int | None) -> m.Inline | None:
        if isinstance(x, m.Text) and "\t" in x.text:
            warnings.append(Diagnostic("warning", source, None, f"paragraph {line}: a tab is imported as a space"))
            return m.Text(x.text.replace("\t", " "))
        return None
    return m.map_inlines(blocks, untab)


def _read_back(target: Path, text: str, placeholders: dict[str, str]) -> str | None:
    """Why the written text does not read back, or None; only the placeholders may be
    reported. The text is read from a file in a scratch folder (removed afterwards, and
    by the next run if this one is killed); a disk that cannot hold it is ``cannot write
    to a temporary file``: its path in the temporary folder means nothing to the user."""
    with scratch_folder("import") as tmp:
        probe = tmp / target.name
        try:
            probe.write_bytes(text.encode("utf-8"))
        except OSError as exc:
            raise cannot_write("a temporary file", exc) from None
        doc, found = read_document(probe)
    errors = [d for d in found if d.severity == "error" and not any(f"'{k}'" in d.message for k in placeholders)]
    if errors:
        return f"it does not read back as written (line {errors[0].line}: {errors[0].message})"
    return None
