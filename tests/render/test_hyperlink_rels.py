"""External hyperlinks get their relationships without python-docx's scan of every
relationship per URL (render/docx/context.PartLinks), and the ids it would have given:
the same rIds in the same order, so the DOCX is byte-identical to what ``relate_to``
made. Checked against ``relate_to`` itself on two copies of the template, and on a
built report with hundreds of distinct links read back from its package."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from reportgen.render.docx.context import State
from reportgen.render.docx.package import open_template
from tests.conftest import FIXTURES
from tests.support.docx_read import Docx

URLS = [f"https://example.org/doc/{n % 37}" for n in range(120)]  # 37 distinct, each again and again


def test_same_ids_as_relate_to_with_gaps_and_other_relationships() -> None:
    """Existing links are reused, a gap left in the ids is filled first, and a relationship
    added by someone else between two links is stepped over, exactly as relate_to does."""
    ours, theirs = open_template().part, open_template().part
    for part in (ours, theirs):
        part.rels.add_relationship(RT.HYPERLINK, "https://example.org/doc/5", "rId40", is_external=True)
        part.rels.add_relationship(RT.HYPERLINK, "https://example.org/kept", "rId42", is_external=True)
    state = State()
    got, want = [], []
    for i, url in enumerate(URLS):
        if i == 30:  # another relationship taken meanwhile, through python-docx's own path
            for part in (ours, theirs):
                part.relate_to("https://example.org/other", RT.IMAGE, is_external=True)
        got.append(state.hyperlink_rid(ours, url))
        want.append(theirs.relate_to(url, RT.HYPERLINK, is_external=True))
    assert got == want
    assert got[5] == "rId40"  # the template's existing link to doc/5, reused
    assert state.hyperlink_rid(ours, "https://example.org/kept") == "rId42"
    assert len(set(got)) == 37
    assert ours.rels.xml == theirs.rels.xml


def test_a_part_each() -> None:
    """The same URL in two parts is a relationship in each, numbered in that part."""
    a, b = open_template().part, open_template().part
    free = next(f"rId{n}" for n in range(1, 99) if f"rId{n}" not in a.rels)
    state = State()
    assert state.hyperlink_rid(a, "https://example.org/x") == free
    assert state.hyperlink_rid(b, "https://example.org/x") == free
    assert state.hyperlink_rid(a, "https://example.org/y") != free


def _with_links(folder: Path, urls: list[str]) -> None:
    line = "\n\nLinks: " + ", ".join(f"[site {i}]({u})" for i, u in enumerate(urls)) + ".\n"
    for md in folder.glob("*.md"):
        text = md.read_text(encoding="utf-8")
        body, notes = text.split("\n\n[^1]:", 1)
        md.write_text(body + line + "\n[^1]:" + notes, encoding="utf-8")


def test_built_report_links_each_url_once(tmp_path: Path, cli: Any, report_copy: Any) -> None:
    src = report_copy(FIXTURES / "minimal")
    urls = [f"https://example.org/r/{n}" for n in range(400)] + [f"https://example.org/r/{n}" for n in range(0, 400, 7)]
    _with_links(src, urls)
    out = tmp_path / "out"
    r = cli("build", src, "-o", out)
    assert r.code == 0, r.err
    doc = Docx(out / "en.docx")
    links = [(t, u) for t, u in doc.hyperlinks() if t.startswith("site ")]
    assert links == [(f"site {i}", u) for i, u in enumerate(urls)]
    rels = doc.rels("word/document.xml")
    targets = [target for kind, target in rels.values() if kind == "hyperlink" and "/r/" in target]
    assert sorted(targets) == sorted(set(urls))  # one relationship per distinct URL
    ids = sorted(int(rid[3:]) for rid in rels)
    assert ids == list(range(1, len(ids) + 1))  # no id skipped, none twice
