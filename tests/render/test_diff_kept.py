"""``reportgen diff`` renders a block left as it was between drafts once (issue 25):
``model.same_content`` says which blocks those are (equal but for their source lines),
the writer keeps the new draft's paragraphs for them and renders only the old draft's
changed and deleted blocks, while every footnote, bookmark and revision id stays what
rendering the whole old draft gave. Every DOCX written here is schema validated at
teardown (tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import model as m
from reportgen.render.docx import revisions as writer
from tests.render.test_diff import _closing, _one_version
from tests.support.docx_read import Docx, _q
from tests.support.revisions import applied, built, revisions

OLD = """# I. {#opening} Opening

1. {#first} The Conference opened.[^a]

2. The *Chair* spoke.

3. A paragraph deleted later.[^b]

# II. {#closing} Closing

The meeting closed.[^c]

[^a]: Note a, see [the page](https://example.org/a).

[^b]: Note b, deleted with its paragraph.

[^c]: Note c.
"""
NEW = OLD.replace("spoke.", "spoke briefly.").replace("3. A paragraph deleted later.[^b]\n\n", "") \
    .replace("[^b]: Note b, deleted with its paragraph.\n\n", "")


def test_same_content_ignores_only_where_a_block_stands() -> None:
    note = lambda text, line: m.Note((m.Para((m.Text(text),), line=line),), line=line)  # noqa: E731
    para = m.NumberedParagraph(4, (m.Para((m.Emph((m.Text("The Chair"),)), note("A note.", 9)), line=3),),
                               label="chair", line=3)
    moved = m.NumberedParagraph(4, (m.Para((m.Emph((m.Text("The Chair"),)), note("A note.", 30)), line=12),),
                                label="chair", line=12)
    assert m.same_content(para, moved)
    for other in (
        m.NumberedParagraph(5, moved.blocks, label="chair", line=12),  # renumbered
        m.NumberedParagraph(4, moved.blocks, label="chairs", line=12),  # another label
        m.NumberedParagraph(4, (m.Para((m.Strong((m.Text("The Chair"),)), note("A note.", 30))),), label="chair"),
        m.NumberedParagraph(4, (m.Para((m.Emph((m.Text("The Chair"),)), note("A note!", 30))),), label="chair"),
        m.NumberedParagraph(4, (m.Para((m.Emph((m.Text("The Chair"),)),)),), label="chair"),  # note gone
    ):
        assert not m.same_content(para, other), other
    link = m.Link((m.Text("text"),), "https://example.org/a")
    assert m.same_content(link, m.Link((m.Text("text"),), "https://example.org/a"))
    assert not m.same_content(link, m.Link((m.Text("text"),), "https://example.org/b"))
    assert not m.same_content(m.Para((m.Text("a"),)), m.Heading(1, None, (m.Text("a"),)))


@pytest.fixture
def drafts(tmp_path: Path) -> tuple[Path, Path]:
    return _one_version(tmp_path / "old", OLD), _one_version(tmp_path / "new", NEW)


def test_only_the_old_drafts_changed_and_deleted_blocks_are_rendered(
        cli, drafts: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rendered: list[m.Block] = []
    render = writer._render

    def counting(block: m.Block, env, state):  # type: ignore[no-untyped-def]
        rendered.append(block)
        return render(block, env, state)

    monkeypatch.setattr(writer, "_render", counting)
    result = cli("diff", *drafts, "-o", tmp_path / "diff", "-j", "1")
    assert (result.code, result.err) == (0, "")
    assert len(rendered) == 5 + 2  # the new draft's five blocks, then the old draft's two
    assert [(type(b).__name__, getattr(b, "number", None)) for b in rendered[5:]] == [
        ("NumberedParagraph", 2), ("NumberedParagraph", 3)]
    assert m.stringify(rendered[5].blocks[0].content) == "The Chair spoke."  # type: ignore[union-attr]


def test_ids_are_those_of_rendering_both_drafts_whole(cli, drafts: tuple[Path, Path], tmp_path: Path) -> None:
    """The new draft takes footnotes 1-2 and bookmarks 1-3; the old draft's rendering
    would take footnotes 3-5 (a, b, c) and bookmarks 4-6: the deleted footnote b is 4
    and the revisions are numbered from 7, kept blocks rendered or not."""
    old, new = drafts
    assert cli("diff", old, new, "-o", tmp_path / "diff").code == 0
    for name, folder in (("old", old), ("new", new)):
        assert cli("build", folder, "-o", tmp_path / f"build-{name}").code == 0
    path = tmp_path / "diff" / "en.docx"
    doc = Docx(path)
    assert doc.footnote_refs() == ["1", "4", "2"]
    notes = {fn.get(_q("w:id")): "".join(t.text or "" for t in fn.iter(_q("w:t"), _q("w:delText"))).strip()
             for fn in doc.xml("word/footnotes.xml").iter(_q("w:footnote")) if fn.get(_q("w:type")) is None}
    assert notes == {"1": "Note a, see the page.", "4": "Note b, deleted with its paragraph.", "2": "Note c."}
    body = doc.xml("word/document.xml")
    assert [b.get(_q("w:id")) for b in body.iter(_q("w:bookmarkStart"))] == ["1", "2", "3"]
    ids = [int(r.get(_q("w:id"))) for r in body.iter(_q("w:ins"), _q("w:del"))]
    assert sorted(ids) == list(range(7, 7 + len(ids)))
    # the deleted paragraph: its mark, then its runs (the number, a tab, the text, the note)
    assert revisions(path) == [("ins", " briefly"), ("del", ""), ("del", "3.A paragraph deleted later.")]
    for how, build in (("accept", "build-new"), ("reject", "build-old")):
        texts, notes = built(tmp_path / build / "en.docx")
        assert applied(path, how) == (texts + _closing(path), notes), how


@pytest.mark.parametrize("old_text, new_text, want", [
    # runs equal at both ends set aside: only the plain run between is cut into tokens
    ("The *Chair* opened the meeting and *welcomed* [all](https://example.org/a).",
     "The *Chair* formally opened the meeting and *welcomed* [all](https://example.org/a).",
     [("ins", "formally ")]),
    # the plain run of the new draft begins with the old one's whole: its head reaches
    # the emphasised run after it, so the paragraph is compared token by token
    ("Alpha *beta*.", "Alpha beta *beta*.", [("ins", "beta ")]),
    ("Alpha beta *beta*.", "Alpha *beta*.", [("del", "beta ")]),
    # emphasis moved to the next word, then a change in the last run
    ("One *two* three four.", "One two *three* four!", [("del", "two three"), ("ins", "two three"),
                                                         ("del", "."), ("ins", "!")]),
])
def test_a_paragraph_of_several_runs_is_tracked_as_compared_whole(cli, tmp_path: Path, old_text: str,
                                                                   new_text: str, want: list[tuple[str, str]]) -> None:
    old = _one_version(tmp_path / "old", f"# I. Opening\n\n1. {old_text}\n")
    new = _one_version(tmp_path / "new", f"# I. Opening\n\n1. {new_text}\n")
    assert cli("diff", old, new, "-o", tmp_path / "diff").code == 0
    for name, folder in (("old", old), ("new", new)):
        assert cli("build", folder, "-o", tmp_path / f"build-{name}").code == 0
    path = tmp_path / "diff" / "en.docx"
    assert revisions(path) == want
    for how, build in (("accept", "build-new"), ("reject", "build-old")):
        assert applied(path, how) == built(tmp_path / build / "en.docx"), how
