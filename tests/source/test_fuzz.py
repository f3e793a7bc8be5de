"""Property: whatever an author types, a build ends one of two ways — a schema-valid
DOCX whose text holds no source syntax, or a refusal at ``PATH:LINE``. Never a
crash, never syntax printed as text.

Bodies are random sequences of report fragments, markers, Markdown syntax, control
characters and text in four scripts; the front matter varies too. ``make fuzz``
runs 10,000 examples (REPORTGEN_FUZZ_EXAMPLES); the suite runs a small budget.
"""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen import pipeline
from tests.support.ooxml_schema import check_docx

EXAMPLES = int(os.environ.get("REPORTGEN_FUZZ_EXAMPLES", "60"))

FRAGMENTS = [
    "1. ", "2. ", "3. ", "101. ", "0. ", "-1. ", "(a) ", "(b) ", "(c) ", "(i) ", "(ii) ", "a) ", "b) ",
    "# I. ", "## A. ", "### ", "#### ", "# ", "[^1]", "[^1]: ", "[^2]", "[^2]: ", "[^ 1]",
    "{#lab} ", "{#débat} ", "{# x}", "@lab", "@débat", "@lab–@lab", "*", "**", "_", "__", "^", "~", "~~",
    "`", "\\", "<b>", "</b>", "<w:p>", "<!--", "-->", "<!-- note -->", "[t](#)", "[CAC/COSP/EG.1/2021/2](#)",
    "[t](https://un.org)", "[t](javascript:x)", "[t](file:///x)", "![i](x.png)", "<https://un.org>",
    "&#x0b;", "&#xFFFE;", "&amp;", "&nbsp;", "\x0b", "\x0c", "\x1b", "\x7f", "\ufffe", "\uffff", "\u200b",
    ">", "- ", "* ", "| a |", "```", "---", "===", "CAC/COSP/EG.1/2021/2", "A/RES/75/1", "\t", "    ", "   ",
    "\n", "\n", "\n\n", "\n\n", "  \n", "word ", "The meeting ", "文字", "会议。", "كلمة ", "слово ", ": ",
    "12,345.5 ", "6 September 2021 ", "$5 ", "e-mail@un.org ", "(Signed) ", "2021. ",
]

FRONT = {
    "symbol": ["A/1", "CAC/COSP/EG.1/2021/L.1/Add.1", "", "[a, b]", "!!int x"],
    "distribution": ["limited", "general", "secret", ""],
    "date": ["2021-09-07", "2024-02-30", "'2021-09-07'", "7 Sept", "!!timestamp x"],
    "organ": ["Conference", "[x]", "\"a\\x0bb\"", ""],
    "title": ["Draft report", "!!binary xyz", "\"\\uFFFE\"", "{a: 1}"],
}

# What the author's syntax looks like if it ever reaches the DOCX as text.
LEAK = re.compile(r"\[\^|\{#|<!--|\]\(#\)|(?<![\w.])@[^\W\d_][\w.:-]*")


def _front(choice: dict[str, str]) -> str:
    lines = ["---"]
    lines += [f"{key}: {value}" for key, value in choice.items() if value != ""]
    lines += ["language: en", "original: en", "---", ""]
    return "\n".join(lines) + "\n"


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
        parts = [n for n in z.namelist() if re.match(r"word/(document|footnotes|header\d*|footer\d*)\.xml$", n)]
        return "".join("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", z.read(n).decode())) for n in parts)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    body=st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=60).map("".join),
    front=st.fixed_dictionaries({k: st.sampled_from(v) for k, v in FRONT.items()}),
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
            for d in loaded.errors:
                assert d.path == source, str(d)
                assert d.line is not None and 1 <= d.line <= text.count("\n") + 1, str(d)
                assert "\n" not in str(d)
            assert source.read_text(encoding="utf-8") == text
            return
        data = pipeline.render_all(loaded)["en"]
        check_docx(data, "fuzz.docx")
        if "\\" not in body:  # an escaped "\\[^1]" is the author's own literal text
            leaked = LEAK.findall(_docx_text(data))
            assert leaked == [], f"source syntax printed in the DOCX: {leaked}"
