"""Property: whatever an author types, a build ends one of two ways — a schema-valid
DOCX whose text holds no source syntax, or a refusal at ``PATH:LINE``. Never a
crash, never syntax printed as text.

Bodies are random reports (chapters, numbered paragraphs from any start, labels,
sub-items at any indentation, continuation blocks, footnotes, comments) whose text
mixes ordinary fragments in five scripts with hostile ones (Markdown syntax a report
cannot hold, control characters, broken links); the front matter varies too. ``make fuzz``
runs 10,000 examples (REPORTGEN_FUZZ_EXAMPLES); the suite runs a small budget.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from reportgen import pipeline
from tests.support.ooxml_schema import check_docx
from tests.support.source_syntax import source_syntax_in

EXAMPLES = int(os.environ.get("REPORTGEN_FUZZ_EXAMPLES", "60"))

# Fragments of inline text: ordinary ones, and hostile ones that must be refused or
# printed as written (escapes). Ordinary ones are drawn far more often, so that most
# examples build and the DOCX side of the property is exercised.
TEXT = ["word ", "The meeting ", "文字", "会议。", "كلمة ", "слово ", "débat ", ": ", "12,345.5 ",
        "6 September 2021 ", "$5 ", "e-mail@un.org ", "(Signed) ", "2021. ", "*emphasis* ", "**strong** ",
        "_em_ ", "H~2~O ", "10^3^ ", "CAC/COSP/EG.1/2021/2 ", "A/RES/75/1 ", "[CAC/COSP/EG.1/2021/2](#) ",
        "[UN](https://un.org) ", "<https://un.org> ", "&amp; ", "&nbsp;", "\u200b", "\t", "\n", "  \n",
        "\\* ", "\\[^1] ", "<!-- note --> ", "(a) of article 5 "]
HOSTILE = ["*", "**", "_", "^", "~", "~~", "`", "\\", "<b>", "</b>", "<w:p/>", "<!--", "-->", "[^", "[^9]", "[^ 1]",
           "{#", "{#lab}", "{# x}", "@nowhere", "[t](#)", "[t](javascript:x)", "[t](file:///x)", "[t](a b)",
           "![i](x.png)", "&#x0b;", "&#xFFFE;", "\x0b", "\x0c", "\x1b", "\x7f", "\ufffe", "\uffff", ">", "- ",
           "| a |", "```", "---", "===", "#### ", "\n\n", "\n\n(c) ", "\n\n(ii) ", "\n\n0. ", "\n\n-1. ",
           "\n\n[^1]: ", "\n(b) "]
INDENT = ["", " ", "   ", "    ", "     ", "       ", "         ", "\t", "\t\t"]

@st.composite
def inline_text(draw: st.DrawFn) -> str:
    """Ordinary text, with one hostile fragment in about one block out of twenty."""
    parts = draw(st.lists(st.sampled_from(TEXT), min_size=1, max_size=10))
    if draw(st.integers(0, 19)) == 0:
        parts.insert(draw(st.integers(0, len(parts))), draw(st.sampled_from(HOSTILE)))
    return "".join(parts)


@st.composite
def fronts(draw: st.DrawFn) -> dict[str, str]:
    """Valid front matter, or (one time in four) with one key broken."""
    front = {key: values[0] for key, values in FRONT.items()}
    if draw(st.integers(0, 3)) == 0:
        key = draw(st.sampled_from(sorted(FRONT)))
        front[key] = draw(st.sampled_from(FRONT[key][1:]))
    return front


@st.composite
def bodies(draw: st.DrawFn) -> str:
    """A report body: chapters, numbered paragraphs from any start, labels,
    sub-items at any indentation, continuation blocks, footnotes, comments."""
    out: list[str] = []
    notes: list[str] = []
    number = draw(st.sampled_from([1, 5, 101, 1000]))
    chapter = 1
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            label = draw(st.sampled_from(["", "{#lab} ", "{#débat} "]))
            out.append(f"# {['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'][chapter - 1]}. {label}{draw(inline_text())}\n")
            chapter += 1
        label = draw(st.sampled_from(["", "", "{#lab} ", "{#débat} "]))
        note = ""
        if draw(st.integers(0, 3)) == 0:
            notes.append(f"[^{len(notes) + 1}]: {draw(inline_text())}\n")
            note = f"[^{len(notes)}]"
        out.append(f"{number}. {label}{draw(inline_text())}{note}\n")
        number += 1
        for i in range(draw(st.integers(0, 3))):
            gap = draw(st.sampled_from(["\n", ""]))
            out.append(f"{gap}{draw(st.sampled_from(INDENT))}({'abc'[i]}) {draw(inline_text())}\n")
            for j in range(draw(st.integers(0, 2))):
                out.append(f"{draw(st.sampled_from(INDENT))}({'i' * (j + 1)}) {draw(inline_text())}\n")
        if draw(st.booleans()):
            out.append(f"\n{draw(st.sampled_from(INDENT))}{draw(inline_text())}\n")
        if draw(st.integers(0, 5)) == 0:
            out.append("<!-- a comment -->\n")
        out.append("\n")
    return "".join(out) + "\n" + "\n".join(notes)


# Front matter: the first value of each key is valid, the others are not (or are odd).
FRONT = {
    "symbol": ["A/75/1", "CAC/COSP/EG.1/2021/L.1/Add.1", "", "[a, b]", "!!int x"],
    "distribution": ["limited", "general", "secret", ""],
    "date": ["2021-09-07", "2024-02-30", "'2021-09-07'", "7 Sept", "!!timestamp x"],
    "organ": ["Conference", "[x]", "\"a\\x0bb\"", ""],
    "title": ["Draft report", "!!binary xyz", "\"\\uFFFE\"", "{a: 1}", "x" * 300],
}

def _front(choice: dict[str, str]) -> str:
    lines = ["---"]
    lines += [f"{key}: {value}" for key, value in choice.items() if value != ""]
    lines += ["language: en", "original: en", "---", ""]
    return "\n".join(lines) + "\n"


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    body=bodies(),
    front=fronts(),
)
def test_build_renders_or_refuses_at_a_line(body: str, front: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "r"
        report.mkdir()
        source = report / "en.md"
        text = _front(front) + body
        source.write_text(text, encoding="utf-8")
        loaded = pipeline.load(report)
        if loaded.errors:
            event("refused")
            for d in loaded.errors:
                assert d.path == source, str(d)
                assert d.line is not None and 1 <= d.line <= text.count("\n") + 1, str(d)
                assert "\n" not in str(d)
            assert source.read_text(encoding="utf-8") == text
            return
        event("built")
        data = pipeline.render_all(loaded)["en"]
        check_docx(data, "fuzz.docx", source_syntax=False)
        # Syntax-like text printed as written is the author's own: escaped ("\\[^1]"), or
        # named by a warning at its line (a stray '*', an '@' that starts no label).
        warnings = [d for d in loaded.diagnostics if d.severity == "warning" and d.path == source]
        for d in warnings:
            assert d.line is not None and 1 <= d.line <= text.count("\n") + 1, str(d)
        leaked = source_syntax_in(data)
        if leaked and "\\" not in body:
            event("printed as written, with a warning")
            assert warnings, leaked
