"""Property: whatever a translation tool (or an attacker) puts in an XLIFF file, ``xliff
import`` ends one of two ways — a language version written that reads back without an
error, or exit 2 with every problem one line ``FILE:LINE: message`` (``FILE: message``)
and nothing written. Never an internal error, never a hang, never a version half written.

Examples are the file ``xliff export`` writes for a small report with every inline code,
whose targets are rewritten from fragments: ordinary text in several scripts, Markdown
a target must keep as text, XLIFF inline elements (``<g>`` of every ``ctype`` nested at
random, ``<x/>`` with ids the source has or not, ``<bpt>``/``<ph>``), and hostile XML
(entities, character references to controls, CDATA, comments, processing instructions,
a DTD, a cut file). ``make fuzz`` runs 10,000 examples (REPORTGEN_FUZZ_EXAMPLES); the suite
runs a small budget.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from reportgen.source.reader import read_document
from tests.support.inprocess import run as _run
from tests.interchange.test_xliff import EN, FR

EXAMPLES = int(os.environ.get("REPORTGEN_FUZZ_EXAMPLES", "40"))

TEXT = ["texte ", "Le Comité ", "文字", "会议。", "كلمة ", "слово ", "12 345,5 ", "A/AC.1/2 ", "l'été ",
        " ",
        "*Digest* ", "**gras** ", "_x_ ", "[^1] ", "{#x} ", "@later ", "[t](https://un.org) ", "\\ ", "` ", "~ ",
        "&amp; ", "&lt;b&gt; ", "&#x4E2D; ", "&#160;", "\t", "\n"]
HOSTILE = ["&#x1b;", "&#x85;", "&#xFFFE;", "&#x202E;", "&#xFEFF;", "&e;", "&amp", "<![CDATA[*x*]]>",
           "<!-- c -->", "<?pi x?>", "<", "&", "]]>", "\ufffe", "\x85", "\u202e"]
OTHER_ELEMENTS = ['<bpt id="1">[</bpt>', '<ph id="2">x</ph>', '<mrk mtype="seg">m</mrk>']
CTYPES = ["bold", "italic", "x-superscript", "x-subscript", "link", "x-unknown", None]
XS = [('s1', 'x-symbol'), ('r1', 'x-reference'), ('fn1', 'x-footnote'), ('br1', 'lb'), ('zz', None), ('s9', 'x-symbol')]


@st.composite
def inline(draw: st.DrawFn, depth: int = 0) -> str:
    """A target's content: text, and inline elements nested at random."""
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.integers(0, 29))  # text, formatting, a placeholder, or (1 in 30) something else
        if kind < 22 or depth > 6:
            parts.append(draw(st.sampled_from(TEXT)))
        elif kind < 27:
            ctype = draw(st.sampled_from(CTYPES))
            gid = draw(st.sampled_from(["g1", "g2", "l1", "g9"]))
            attr = f' ctype="{ctype}"' if ctype else ""
            parts.append(f'<g id="{gid}"{attr}>{draw(inline(depth + 1))}</g>')
        elif kind < 29:
            xid, ctype = draw(st.sampled_from(XS))
            attr = f' ctype="{ctype}"' if ctype else ""
            parts.append(f'<x id="{xid}"{attr}/>')
        elif draw(st.booleans()):
            parts.append(draw(st.sampled_from(OTHER_ELEMENTS)))
        else:
            parts.append(draw(st.sampled_from(HOSTILE)))
    return "".join(parts)


_TARGET = re.compile(r"(<target[^>]*>)(.*?)(</target>)", re.DOTALL)


def _export() -> tuple[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "small"
        report.mkdir()
        (report / "en.md").write_text(EN, encoding="utf-8")
        (report / "fr.md").write_text(FR, encoding="utf-8")
        out = Path(tmp) / "x.xlf"
        code, _, err = _run("xliff", "export", report, "--lang", "fr", "-o", out)
        assert code == 0, err
        return out.read_text(encoding="utf-8"), report.name


EXPORTED, NAME = _export()
UNITS = len(_TARGET.findall(EXPORTED))


@st.composite
def xliff_files(draw: st.DrawFn) -> str:
    """The exported file with some targets rewritten, and now and then its XML broken."""
    chosen = set(draw(st.lists(st.integers(0, UNITS - 1), max_size=3, unique=True)))
    count = iter(range(UNITS))

    def rewrite(found: re.Match[str]) -> str:
        k = next(count)
        if k not in chosen:
            return found.group(0)
        old = found.group(2)
        how = draw(st.integers(0, 3))
        if how == 0:  # a new target (placeholders the source has, or not)
            new = draw(inline())
        elif how == 1:  # formatting around the old one, nested at random
            ctype = draw(st.sampled_from(CTYPES[:4]))
            depth = draw(st.integers(1, 5))
            new = f'<g id="g7" ctype="{ctype}">' * depth + old + "</g>" * depth
        else:  # something inserted between the pieces of the old one
            pieces = re.split(r"(<[^>]+>)", old)
            at = draw(st.integers(0, len(pieces)))
            new = "".join(pieces[:at]) + draw(inline()) + "".join(pieces[at:])
        return found.group(1) + new + found.group(3)

    text = _TARGET.sub(rewrite, EXPORTED)
    damage = draw(st.integers(0, 29))  # (Hypothesis favours 0: the damage is at the other end)
    if damage == 29:
        text = text.replace("<xliff", '<!DOCTYPE xliff [<!ENTITY e "x">]>\n<xliff', 1)
    elif damage == 28:
        text = text[:draw(st.integers(0, len(text)))]
    elif damage == 27:
        text = text.replace('target-language="fr"', 'target-language="de"')
    return text


_LINE = re.compile(r"^(?P<file>.+?)(?::(?P<line>\d+))?: (?P<message>.+)$")


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=xliff_files())
def test_xliff_import_writes_a_version_or_refuses_at_a_line(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / NAME
        report.mkdir()
        (report / "en.md").write_text(EN, encoding="utf-8")
        (report / "fr.md").write_text(FR, encoding="utf-8")
        xlf = Path(tmp) / "in.xlf"
        xlf.write_text(text, encoding="utf-8", errors="surrogatepass")
        code, out, err = _run("xliff", "import", report, xlf)
        assert code in (0, 2), err
        assert "internal error" not in err and "Traceback" not in err, err
        lines = err.splitlines()
        for line in lines:
            found = _LINE.match(line)
            assert found is not None and found.group("file") in (str(xlf), str(report / "en.md")), line
            if found.group("line"):
                assert 1 <= int(found.group("line")) <= text.count("\n") + 1, line
        assert sorted(p.name for p in report.iterdir()) == ["en.md", "fr.md"]  # no temporary left
        if code == 2:
            event("refused")
            assert lines and any(": warning: " not in line for line in lines)
            assert (report / "fr.md").read_text(encoding="utf-8") == FR  # nothing written
            return
        event("imported")
        assert out == f"{report / 'fr.md'}\n"
        assert all(": warning: " in line for line in lines), err
        doc, found = read_document(report / "fr.md")
        assert doc is not None and [d for d in found if d.severity == "error"] == [], found
