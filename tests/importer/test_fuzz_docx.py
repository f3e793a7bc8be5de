"""Property: whatever a Word file from outside holds, ``reportgen import`` ends one of two
ways — a language version written that reads back without an error, or exit 2 with every
problem one line ``FILE:LINE: message`` (``FILE: message``; FILE may name the part, as
``x.docx (word/footnotes.xml)``) and nothing written. "Without an error" is the import's
own read-back rule: a front matter field the file does not give is written empty, with a
``# import:`` comment for the author, and only its errors are expected. Never an internal error (exit 3),
never a version half written.

Examples are Word files built part by part (``tests/importer/wordml.py``): a masthead
the importer reads whole, then paragraphs of text fragments — ordinary text in several
scripts, Markdown and reportgen syntax a paragraph must keep as text, characters no
report may hold (C1 controls, non-characters, direction overrides) — in the templates'
styles or none, in Word lists whose start, format and number text are drawn from the
sensible and the hostile (past Word's 32,767, thousands of digits, not a number), with
footnote references (to notes that exist, that do not, that call themselves or each
other), hyperlinks (any address, control characters included), internal links and
bookmarks of any name; now and then a part is damaged (a DTD, a cut part). ``make fuzz``
runs 10,000 examples (REPORTGEN_FUZZ_EXAMPLES); the suite runs a small budget.
"""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from reportgen.source.reader import read_document
from tests.support.inprocess import run as _run
from tests.importer.wordml import escape, footnotes, note_ref, numbering, para, word_file

EXAMPLES = int(os.environ.get("REPORTGEN_FUZZ_EXAMPLES", "30"))

MASTHEAD = "".join(para(t) for t in (
    "United Nations", "A/AC.9/2021/L.4", "General Assembly", "Distr.: General", "7 September 2021",
    "Original: English", "Report of the Expert Group on its first meeting"))
TEXT = ["The Committee met. ", "Le Comité ", "文字", "会议。", "كلمة ", "слово ", "по-", "следующего ", "12 345,5 ",
        "A/AC.1/2 ", "l'été ", " ", "1. ", "2.\t", "(a) ", "(iv) ", "a) ", "I. ", "A. ", "*Digest* ", "**gras** ",
        "_x_ ", "[^1] ", "{#x} ", "@later ", "[t](https://un.org) ", "\\ ", "` ", "~ ", "<b> ", "&amp; ", "<!-- c --> ",
        "--- ", "# ", "> ", "| a | b | ", "\t", "\u00a0", "\u00ad"]
HOSTILE = ["\x85", "\x9b", "\x7f", "\ufdd0", "\U0010ffff", "\U0001fffe", "\u202e", "\u2066", "\ufeff", "\u200b"]
STYLES = [None, None, "SingleTxtG", "H1G", "HChG", "H23G", "Heading1", "Title", "Nonexistent"]
STARTS = ["1", "1", "4", "0", "32767", "32766", "-1", "1000000000000", "9" * 40, "9" * 4300, "abc", ""]
FORMATS = ["decimal", "lowerLetter", "lowerRoman", "upperRoman", "bullet", "none", "ordinal", "chineseCounting", "x"]
LEVEL_TEXTS = ["%1.", "(%1)", "%1)", "%1.%2.", "%9", "", "•", "%1" * 60, "\u0085%1"]
TARGETS = ["https://www.un.org/", "https://undocs.org/A/AC.9/2021/L.4", "mailto:a@un.org", "javascript:alert(1)",
           "https://un.org/a b)c", "https://un.org/&#x85;&#x7f;", "https://un.org/&#xA;x", "file:///etc/passwd",
           "", "https://un.org/&lt;x&gt;", "https://un.org/" + "a" * 3000]
BOOKMARKS = ["_Ref_x", "_Ref_x} {#b) [^1]", "_Ref123", "_Ref_会议", "_Ref_", "_Ref_a&#x85;b", "_Toc1", "_Ref_" + "y" * 500]
LINK_TEXTS = ["paragraph 2", "the site", "A/AC.9/2021/L.4", "", "[x](y)"]


@st.composite
def runs(draw: st.DrawFn) -> str:
    """A paragraph's text: fragments, and (1 in 8) a character no report may hold."""
    parts = []
    for _ in range(draw(st.integers(0, 6))):
        pool = HOSTILE if draw(st.integers(0, 7)) == 0 else TEXT
        parts.append(draw(st.sampled_from(pool)))
    return "".join(parts)


@st.composite
def inner(draw: st.DrawFn, notes: int) -> str:
    """What follows a paragraph's first run: notes, links, bookmarks, breaks, more runs."""
    out = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.integers(0, 6))
        if kind == 0:
            out.append(note_ref(draw(st.integers(1, notes + 1))))  # one past the last: a note that is not there
        elif kind == 1:
            rid = f"rIdL{draw(st.integers(0, len(TARGETS) - 1))}"
            out.append(f'<w:hyperlink r:id="{rid}"><w:r><w:t xml:space="preserve">'
                       f'{escape(draw(st.sampled_from(LINK_TEXTS)))}</w:t></w:r></w:hyperlink>')
        elif kind == 2:
            anchor = draw(st.sampled_from(BOOKMARKS)).replace('"', "")
            out.append(f'<w:hyperlink w:anchor="{anchor}"><w:r><w:t>{escape(draw(st.sampled_from(LINK_TEXTS)))}'
                       "</w:t></w:r></w:hyperlink>")
        elif kind == 3:
            name = draw(st.sampled_from(BOOKMARKS))
            out.append(f'<w:bookmarkStart w:id="9" w:name="{name}"/><w:bookmarkEnd w:id="9"/>')
        elif kind == 4:
            out.append(draw(st.sampled_from(["<w:r><w:tab/></w:r>", "<w:r><w:br/></w:r>",
                                             '<w:r><w:br w:type="page"/></w:r>', "<w:r><w:noBreakHyphen/></w:r>"])))
        else:
            bold = draw(st.sampled_from(["", "<w:b/>", "<w:i/>", '<w:vertAlign w:val="superscript"/>']))
            out.append(f'<w:r><w:rPr>{bold}</w:rPr><w:t xml:space="preserve">{escape(draw(runs()))}</w:t></w:r>')
    return "".join(out)


@st.composite
def word_files(draw: st.DrawFn, folder: Path) -> Path:
    """A Word file: the masthead, then paragraphs, lists, notes and links drawn at random."""
    notes = draw(st.integers(0, 3))
    paragraphs = []
    for _ in range(draw(st.integers(1, 6))):
        num = None
        if draw(st.integers(0, 3)) == 0:
            num = (draw(st.sampled_from([1, 1, 2, 0])), draw(st.sampled_from([0, 0, 1, 8, 9, 10 ** 12])))
        body = para(draw(runs()), style=draw(st.sampled_from(STYLES)), num=num, inner=draw(inner(notes)))
        if draw(st.integers(0, 9)) == 0:
            body = f"<w:sdt><w:sdtContent>{body}</w:sdtContent></w:sdt>"
        paragraphs.append(body)
    parts: dict[str, str | bytes] = {
        "word/numbering.xml": numbering(draw(st.sampled_from(STARTS)), draw(st.sampled_from(FORMATS)),
                                        draw(st.sampled_from(LEVEL_TEXTS))),
    }
    if notes:
        parts["word/footnotes.xml"] = footnotes({k: para(draw(runs()), inner=draw(inner(notes)))
                                                 for k in range(1, notes + 1)})
    prolog = {}
    damage = draw(st.integers(0, 19))  # (Hypothesis favours 0: the damage is at the other end)
    if damage == 19 and notes:
        prolog["word/footnotes.xml"] = '<!DOCTYPE w:footnotes [<!ENTITY e "x">]>'
    path = word_file(folder / "draft.docx", MASTHEAD + "".join(paragraphs), parts=parts,
                     links={f"rIdL{k}": t for k, t in enumerate(TARGETS)}, prolog=prolog)
    if damage == 18:  # the main part cut short
        with zipfile.ZipFile(path) as z:
            entries = {i.filename: z.read(i) for i in z.infolist()}
        document = entries["word/document.xml"]
        entries["word/document.xml"] = document[:draw(st.integers(0, len(document)))]
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in entries.items():
                z.writestr(name, data)
    elif damage == 17:  # not a zip at all, or a zip cut short
        data = path.read_bytes()
        path.write_bytes(data[:draw(st.integers(0, len(data) - 1))])
    return path


_LINE = re.compile(r"^(?P<file>.+?\.docx(?: \([^)]+\))?)(?::(?P<line>\d+))?: (?P<message>.+)$")


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_docx_import_writes_a_version_that_reads_back_or_refuses_at_a_line(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = data.draw(word_files(Path(tmp)))
        report = Path(tmp) / "report"
        code, out, err = _run("import", source, "--lang", "en", "-o", report)
        assert code in (0, 2), err
        assert "internal error" not in err and "Traceback" not in err, err
        lines = err.splitlines()
        for line in lines:
            hit = _LINE.match(line)
            assert hit is not None and hit.group("file").startswith(str(source)), line
            assert hit.group("line") is None or int(hit.group("line")) >= 1, line
        if code == 2:
            event("refused")
            assert lines and any(": warning: " not in line for line in lines), err
            assert out == "" and not report.exists()  # nothing written, not even the folder
            return
        event("imported")
        assert out == f"{report / 'en.md'}\n"
        assert all(": warning: " in line for line in lines), err
        assert sorted(p.name for p in report.iterdir()) == ["en.md"]
        # a front matter field the masthead did not give is written empty with a comment
        # "# import: …" for the author to fill in (INTERFACE §3.8): only those may be errors
        written = (report / "en.md").read_text(encoding="utf-8")
        left = set(re.findall(r"^(\w+):.*# import: ", written.split("\n---\n", 1)[0], re.MULTILINE))
        doc, found = read_document(report / "en.md")
        errors = [d for d in found if d.severity == "error" and not any(f"'{key}'" in d.message for key in left)]
        assert errors == [] and (doc is not None or left), (found, written)
