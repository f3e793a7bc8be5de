"""The source writer is the reader's inverse: ``read(write(doc)) == doc`` (lines aside).

(a) every version of the example report and of the UDHR report round-trips; (b) a
Hypothesis property over generated models with every special character, nested
emphasis, footnotes with sub-items, labels, references, symbols and headings; (c) the
canonical form of a small document, exactly.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, reject, settings
from hypothesis import strategies as st

from reportgen import model as m
from reportgen.resolve import link_symbols
from reportgen.source.reader import read_document
from reportgen.render.markdown import WriteError, write_document, write_inlines
from tests.align import udhr
from tests.conftest import EXAMPLE
from tests.support.model_compare import stripped

EXAMPLES = int(os.environ.get("REPORTGEN_FUZZ_EXAMPLES", "40"))


def read(path: Path) -> m.Document:
    doc, diagnostics = read_document(path)
    assert doc is not None, [str(d) for d in diagnostics]
    return doc


def reread(doc: m.Document, tmp: Path) -> tuple[m.Document | None, list[str], str]:
    """Write ``doc`` as ``tmp/<lang>.md`` and read it back: (model, diagnostics, text)."""
    text = write_document(doc)
    path = tmp / f"{doc.meta.language}.md"
    path.write_text(text, encoding="utf-8")
    back, diagnostics = read_document(path)
    return back, [str(d) for d in diagnostics], text


# ------------------------------------------------------------ (a) real reports


@pytest.mark.parametrize("lang", ["ar", "en", "es", "fr", "ru", "zh"])
def test_example_versions_round_trip_and_are_canonical(lang: str, tmp_path: Path) -> None:
    source = EXAMPLE / f"{lang}.md"
    doc = read(source)
    back, diagnostics, text = reread(doc, tmp_path)
    assert diagnostics == []
    assert stripped(back) == stripped(doc)
    # the example is written in the canonical form already
    assert text == source.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "fr", "zh"])
def test_udhr_versions_round_trip(lang: str, tmp_path: Path) -> None:
    udhr.require()
    report = udhr.write_udhr_report(tmp_path / "udhr")
    doc = read(report / f"{lang}.md")
    out = tmp_path / "out"
    out.mkdir()
    back, diagnostics, text = reread(doc, out)
    assert diagnostics == []
    assert stripped(back) == stripped(doc)
    # the generator escapes every Markdown character; the writer only what is syntax
    assert "\\'" not in text and "\\(" not in text


def test_a_resolved_symbol_is_written_as_text_or_in_the_explicit_form(tmp_path: Path) -> None:
    """Symbols the resolver would find in plain text are written as text; one glued to
    a letter (not found there) as [SYMBOL](#)."""
    body = "1. See (A/RES/75/1) and [CAC/COSP/EG.1/2021/2](#).\n"
    path = tmp_path / "en.md"
    path.write_text(_FRONT + body, encoding="utf-8")
    resolved, _ = link_symbols(read(path))
    assert write_document(resolved).endswith("1. See (A/RES/75/1) and CAC/COSP/EG.1/2021/2.\n")
    glued = (m.Text("see "), m.SymbolRef("A/75/1", "A/75/1"), m.Text("x"))
    assert write_inlines(glued) == "see [A/75/1](#)x"


# --------------------------------------------------- (c) the canonical form


_FRONT = """---
symbol: A/AC.1/L.1
distribution: general
date: 2024-03-01
language: en
original: en
organ: 'Committee: the first'
title: Draft report
dates: [2024-02-26, 2024-03-01]
agenda:
  - Item 1
  - 'Item 2: other matters'
word_limit: secretariat
---

"""


def test_canonical_form_of_a_small_document(tmp_path: Path) -> None:
    doc = m.Document(
        m.Metadata(symbol="A/AC.1/L.1", distribution="general", date=dt.date(2024, 3, 1), language="en",
                   original="en", organ="Committee: the first", title="Draft report",
                   dates=(dt.date(2024, 2, 26), dt.date(2024, 3, 1)), agenda=("Item 1", "Item 2: other matters"),
                   word_limit=8500),
        (
            m.Heading(1, 3, (m.Text("Results"),), "ch-res", line=2),
            m.NumberedParagraph(4, (
                m.Para((m.Text("The "), m.Emph((m.Text("Committee"),)), m.Text(" noted "),
                        m.Ref("globe"), m.Text(" and "), m.Ref("a", "b"), m.Text(":"),
                        m.Note((m.Para((m.Text("A note, with "), m.Strong((m.Text("bold"),)), m.Text(":"))),
                                m.SubItem(1, 1, (m.Para((m.Text("first;"),)),)))),)),
                m.SubItem(1, 1, (m.Para((m.Text("one, 1"), m.Superscript((m.Text("st"),)), m.Text(";"))),
                                 m.SubItem(1, 2, (m.Para((m.Text("nested"),)),)))),
                m.SubItem(2, 1, (m.Para((m.Text("two "), m.Link((m.Text("UN"),), "https://un.org"),
                                         m.Text("."))),)),
                m.Para((m.Text("After the list: 5 * 3 = 15, a_b, [x](y), @ and e-mail@un.org."),)),
            ), "globe", line=4),
            m.Para((m.Text("12. is not a number here"),), line=6),
        ),
        Path("en.md"),
        (m.Comment(5, "check this"),),
    )
    text = write_document(doc)
    assert text == _FRONT + """# III. {#ch-res} Results

4. {#globe} The *Committee* noted @globe and @a–@b:[^1]

    (a) one, 1^st^;

        (i) nested

    (b) two [UN](https://un.org).

    After the list: 5 \\* 3 = 15, a\\_b, [x\\](y), @ and e-mail@un.org.

<!-- check this -->

12\\. is not a number here

[^1]: A note, with **bold**:

    (a) first;
"""
    back, diagnostics, _ = reread(doc, tmp_path)
    assert diagnostics == []
    assert stripped(back) == stripped(doc)


@pytest.mark.parametrize(("content", "written"), [
    ((m.Text("l'été, 1er, 50 %, 2021–2022, «citation»"),), "l'été, 1er, 50 %, 2021–2022, «citation»"),
    ((m.Text("a *b* _c_ `d` ^e^ ~f~ \\g"),), "a \\*b\\* \\_c\\_ \\`d\\` \\^e\\^ \\~f\\~ \\\\g"),
    ((m.Text("<!-- no --> <b> &amp; AT&T {#x} [^1]"),), "&lt;!-- no --\\> &lt;b> &amp;amp; AT&T \\{#x} [\\^1]"),
    ((m.Text("(a) first"),), "\\(a) first"),
    ((m.Text("# not a heading"),), "\\# not a heading"),
    ((m.Text("- not a bullet"),), "\\- not a bullet"),
    ((m.Text("@label"),), "\\@label"),
    ((m.Text(" padded "),), "&#32;padded&#32;"),
    ((m.Text("x"), m.Emph((m.Text('"quoted"'),)), m.Text("y")), 'x*"quoted"*y'.replace("x*", "&#120;*").replace("*y", "*&#121;")),
    ((m.Emph((m.Text("a"),)), m.Emph((m.Text("b"),))), "*a*_b_"),
    ((m.Strong((m.Emph((m.Text("a"),)),)),), "**_a_**"),
    ((m.Ref("a"), m.Text("-b")), "@a\\-b"),
    ((m.Text("Ab."), m.Ref("a")), "Ab\\.@a"),
    ((m.Text("H"), m.Subscript((m.Text("2"),)), m.Text("O ~")), "H~2~O \\~"),
    # two references apart, not a range (found by the property test, 1,500 examples)
    ((m.Text("word"), m.Ref("lab"), m.Text("-"), m.Ref("lab")), "wor&#100;@lab\\-@lab"),
    # a reference after an e-mail address that looks like the start of a range
    ((m.Text("word@lab- "), m.Ref("lab")), "word@lab- @lab"),
    # a long paragraph: its inside is written in stretches, the same as character by character
    ((m.Text("The Committee took note of the report (A/1) and 12. said: *yes* " * 3 + "end "),),
     ("The Committee took note of the report (A/1) and 12. said: \\*yes\\* " * 3 + "end&#32;")),
    # a stretch holds punctuation no pass reads alone, never a character one does (a
    # bracket, "<", "&", "{", "@", "_"), whitespace at a line's end, nor a line's start
    ((m.Text("The Committee noted it, see [x](y) and <b> & AT&amp; {#x} @lab a_b."),),
     "The Committee noted it, see [x\\](y) and &lt;b> & AT&amp;amp; \\{#x} \\@lab a\\_b."),
    ((m.Text("The Committee noted it, (a) and (b).  "), m.LineBreak(), m.Text("12. is not a number; (a) nor this.")),
     "The Committee noted it, (a) and (b).&#32;&#32;\\\n12\\. is not a number; (a) nor this."),
    ((m.Text("The Committee noted the report (A/1), and said."), m.Emph((m.Text("x"),)), m.Text(" (b) end")),
     "The Committee noted the report (A/1), and said.*x* (b) end"),
    # text starting a few characters into its line, and far into it (after a reference)
    ((m.Emph((m.Text("a"),)), m.Text("b (c) d, e. and f: g; h.")), "*a*b (c) d, e. and f: g; h."),
    ((m.Text("See the list in paragraph "), m.Ref("lab"), m.Text(", and the note (b); see it.")),
     "See the list in paragraph @lab, and the note (b); see it."),
])
def test_escaping(content: tuple[m.Inline, ...], written: str, tmp_path: Path) -> None:
    assert write_inlines(content) == written
    doc = m.Document(_meta(), (m.NumberedParagraph(1, (m.Para(content),)),), Path("en.md"))
    back, diagnostics, _ = reread(doc, tmp_path)
    assert diagnostics == []
    assert stripped(back) == stripped(doc)


@pytest.mark.parametrize(("content", "message"), [
    ((m.Superscript((m.Emph((m.Text("x"),)),)),), "a superscript or subscript can hold only plain text"),
    ((m.Subscript((m.Text("a"),)), m.Subscript((m.Text("b"),))), "two subscripts cannot touch"),
    ((m.Link((m.Link((m.Text("x"),), "https://a"),), "https://b"),), "a link cannot hold another link"),
    ((m.Text("line\nbreak"),), "the character U+000A cannot appear"),
])
def test_what_cannot_be_written_is_refused(content: tuple[m.Inline, ...], message: str) -> None:
    with pytest.raises(WriteError, match=message.replace("(", r"\(").replace("+", r"\+")):
        write_inlines(content)


def _meta(**changes: object) -> m.Metadata:
    base = dict(symbol="A/1", distribution="general", date=dt.date(2024, 1, 2), language="en", original="en",
                organ="Organ", title="Title")
    base.update(changes)
    return m.Metadata(**base)  # type: ignore[arg-type]


# ------------------------------------------------------------- (b) property

# Every character the reader might take as syntax, and ordinary text in five scripts.
SPECIALS = list("*_`[]<>@{}#^~\\&!|-+=.():;'\"%$/") + ["\u00a0", "\t"]
FRAGMENTS = ["word", "The meeting", "文字", "会议。", "كلمة", "слово", "l'été", "1er", "12.", "(a)", "a)",
             "(iv)", "&amp;", "&#x41;", "&copy;", "<!--", "-->", "<b>", "<https://un.org>", "[^1]", "{#x}",
             "@lab", "@a–@b", "e-mail@un.org", "](", "[t](u)", "![i](x)", "~~", "**", "- ", "# ", "> ", "| ",
             "---", "===", "```", "A/RES/75/1", "CAC/COSP/EG.1/2021/2", " ", "  ", "I. ", "ثالثا - ",
             # markers as authors type them (source/markers.py): typed forms and look-alikes
             "14.The", "（a）", "１４．", "㈠", "⒜", "#x", "＃ ", "Chapter VI. ", "四、", "三．", "2 States", "8: x",
             "102 y", "12 - ", "\u200b", "\u200b12. ", "c. ", "iv. ", "第四章 ", "8。", "**2.**"]
LABELS = ["lab", "débat", "x-1", "a.b", "прения"]
URLS = ["https://un.org", "https://un.org/a_(b)", "mailto:x@un.org", "https://un.org/?a=1&b=2"]


def _texts() -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(SPECIALS), st.text(
        st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")), max_size=3))
    return st.lists(piece, min_size=1, max_size=6).map("".join).filter(bool)


def _script_texts() -> st.SearchStrategy[str]:
    return st.text(st.sampled_from(list("abcer0123 .,-/")), min_size=1, max_size=5).filter(lambda s: s.strip())


@functools.lru_cache(maxsize=None)
def _inlines(notes: bool, depth: int = 2, link: bool = True) -> st.SearchStrategy[tuple[m.Inline, ...]]:
    leaves: list[st.SearchStrategy[m.Inline]] = [
        _texts().map(m.Text),
        st.builds(m.Ref, st.sampled_from(LABELS), st.one_of(st.none(), st.sampled_from(LABELS))),
        st.builds(lambda t: m.Superscript((m.Text(t),)), _script_texts()),
        st.builds(lambda t: m.Subscript((m.Text(t),)), _script_texts()),
        st.just(m.LineBreak()),
    ]
    if notes:
        leaves.append(_notes())
    options = list(leaves)
    if depth > 0:
        inner = _inlines(notes=False, depth=depth - 1, link=link)
        options += [inner.map(m.Emph), inner.map(m.Strong)]
        if link:
            options.append(st.builds(m.Link, _inlines(notes=False, depth=depth - 1, link=False),
                                     st.sampled_from(URLS)))
    return st.lists(st.one_of(options), min_size=1, max_size=5).map(_canonical).filter(_readable)


def _canonical(items: list[m.Inline]) -> tuple[m.Inline, ...]:
    """Adjacent text joined (as the reader builds it)."""
    out: list[m.Inline] = []
    for x in items:
        if isinstance(x, m.Text) and out and isinstance(out[-1], m.Text):
            out[-1] = m.Text(out[-1].text + x.text)
        else:
            out.append(x)
    return tuple(out)


def _readable(items: tuple[m.Inline, ...]) -> bool:
    """What a reader can produce: content not ending in a line break, no formatting
    that is empty, no two references or two subscripts touching."""
    if not items or isinstance(items[-1], m.LineBreak):
        return False
    for a, b in zip(items, items[1:]):
        if type(a) is type(b) and isinstance(a, (m.Ref, m.Subscript)):
            return False
    return True


def _breaks(items: tuple[m.Inline, ...]) -> bool:
    return any(isinstance(x, m.LineBreak) or (not isinstance(x, m.Note) and _breaks(m.inline_children(x)))
               for x in items)


@st.composite
def _notes(draw: st.DrawFn) -> m.Note:
    blocks: list[m.Block] = [m.Para(draw(_inlines(notes=False, depth=1)))]
    for i in range(draw(st.integers(0, 2))):
        blocks.append(m.SubItem(i + 1, 1, (m.Para(draw(_inlines(notes=False, depth=1))),)))
    if draw(st.booleans()):
        blocks.append(m.Para(draw(_inlines(notes=False, depth=0))))
    return m.Note(tuple(blocks))


@st.composite
def _items(draw: st.DrawFn, level: int) -> list[m.Block]:
    out: list[m.Block] = []
    for i in range(draw(st.integers(0, 3 if level == 1 else 2))):
        blocks: list[m.Block] = [m.Para(draw(_inlines(notes=True, depth=1)))]
        if level == 1:
            blocks += draw(_items(2))
        if draw(st.integers(0, 3)) == 0:
            blocks.append(m.Para(draw(_inlines(notes=False, depth=0))))
        out.append(m.SubItem(i + 1, level, tuple(blocks)))
    return out


@st.composite
def _documents(draw: st.DrawFn) -> m.Document:
    lang = draw(st.sampled_from(["en", "zh", "ar"]))  # typed forms: zh full width, 一、; ar "12 -"
    blocks: list[m.Block] = []
    number = draw(st.sampled_from([1, 7, 101]))
    chapter, section = 1, 0
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.integers(0, 5))
        if kind == 0:
            level = draw(st.sampled_from([1, 2, 3]))
            numbered = level < 3 and draw(st.booleans())
            title = draw(_inlines(notes=True, depth=1).filter(lambda c: not _breaks(c)))
            label = draw(st.sampled_from([None] + LABELS)) if numbered else None
            # chapters run on, and sub-headings from A in each chapter (reader.check_numbering)
            section = 0 if level == 1 else section + 1 if numbered and level == 2 else section
            heading_number = (chapter if level == 1 else section) if numbered else None
            if numbered and level == 1:
                chapter += 1
            blocks.append(m.Heading(level, heading_number, title, label))
        elif kind == 1:
            blocks.append(m.Para(draw(_inlines(notes=True))))
        else:
            items = draw(_items(1))
            label = draw(st.sampled_from([None, None] + LABELS))
            opens_on_item = bool(items) and label is None and draw(st.integers(0, 3)) == 0
            first: list[m.Block] = [] if opens_on_item else [m.Para(draw(_inlines(notes=True)))]
            rest = [m.Para(draw(_inlines(notes=True)))] if draw(st.integers(0, 2)) == 0 else []
            blocks.append(m.NumberedParagraph(number, tuple(first + items + rest), label))
            number += 1
    blocks = [type(b)(**{**{f: getattr(b, f) for f in b.__dataclass_fields__}, "line": 2 * (i + 1)})
              for i, b in enumerate(blocks)]
    comments = tuple(m.Comment(2 * i + 1, text) for i, text in
                     draw(st.lists(st.tuples(st.integers(0, len(blocks)), st.sampled_from(
                         ["", "check this", "a <!-- b", "vérifier"])), max_size=2)))
    comments = tuple(sorted(comments, key=lambda c: c.line))
    meta = _meta(organ=draw(st.sampled_from(["Organ", "Org: anised", "'quoted'", "yes", "2021", "# hash",
                                             "Comité — «x»", "@ at", "- dash"])),
                 title=draw(st.sampled_from(["Title", "Title: sub", "[x]", "null", "*star", "&anchor"])),
                 agenda=draw(st.sampled_from([(), ("Item 1",), ("a: b", "c")])),
                 word_limit=draw(st.sampled_from([10700, 8500, 5000])),
                 dates=draw(st.sampled_from([None, (dt.date(2024, 1, 1), dt.date(2024, 1, 3))])),
                 job=draw(st.sampled_from([None, "V.21-06543", "24-00001"])), language=lang, original=lang)
    return m.Document(meta, tuple(blocks), Path(f"{lang}.md"), comments)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(doc=_documents())
def test_property_write_then_read_gives_the_same_model(doc: m.Document) -> None:
    """Written, a model reads back as itself with no diagnostic at all; the few models
    no Markdown can express (a reference glued to an emphasis that starts with
    punctuation) are refused with WriteError, never written wrongly."""
    with tempfile.TemporaryDirectory() as tmp:
        try:
            back, diagnostics, text = reread(doc, Path(tmp))
        except WriteError:
            event("refused")
            reject()
    event("written")
    assert diagnostics == [], text
    assert stripped(back) == stripped(doc), text
