"""The new draft as ``reportgen build`` renders it, with every change from the old
draft as a Word tracked change (``reportgen diff``, INTERFACE §3.6).

Both drafts are rendered block by block with the build's own writer (``body``),
so a tracked document carries exactly the runs a build would: the diff works on
the *rendered runs*. A block left as it was (``model.same_content``: equal but for its
source lines) is rendered once, for the new draft, and written as the build writes it:
the cost follows the change, not the length of the report. Each paragraph is cut into tokens that keep their run's
properties and hyperlink — words with the spaces and punctuation between them,
or single characters, as the language's ``diff_tokens`` says — and
``align.textdiff`` compares the token lists (difflib's matching, in time that follows
the change rather than the square of the length); equal tokens are written
from the new draft, the others as ``w:del`` (old) and ``w:ins`` (new). Accepting
every revision thus gives the new build's text and rejecting every one the old
build's. Formatting and link changes are changes (the properties are part of a
token), footnote references are one token whatever their number, and the
footnote bodies of a pair are diffed the same way inside the footnotes part.

A block only in the old draft is written whole as deleted (``w:delText``, runs in
``w:del``, paragraph mark ``w:pPr/w:rPr/w:del``), a block only in the new one
whole as inserted; a story whose last paragraph mark would be tracked (no next
paragraph to join) is closed by an empty paragraph, as Word does. The masthead
is diffed cell by cell (the front matter: date of issue, title, meeting); the
running headers and footers are the new draft's. Revisions are dated the new
draft's date of issue at midnight UTC and numbered in order after the bookmarks
(ids unique among annotations), so the same drafts give the same bytes.
"""

from __future__ import annotations

import copy
import difflib
import re
from collections.abc import Iterator
from itertools import groupby

from docx.oxml.ns import qn
from lxml import etree

from reportgen import model as m
from reportgen.align import textdiff
from reportgen.align.revisions import TOKENS, Step
from reportgen.render.docx import Skeleton
from reportgen.render.docx.body import name_bookmarks, paragraph_numbers, render_blocks
from reportgen.render.docx.context import Env, State
from reportgen.render.docx.masthead import masthead
from reportgen.render.docx.oxml import XML_SPACE, el
from reportgen.render.docx.package import StreamedBody, save_reproducibly

__all__ = ["AUTHOR", "render_revisions"]

AUTHOR = "reportgen"
_BOOKMARKS = (qn("w:bookmarkStart"), qn("w:bookmarkEnd"))


class Token:
    """One comparable piece of a paragraph: text, a tab, a break, a footnote
    reference, with the run properties and the hyperlink it stands in. Compared by
    ``key`` (a plain class: a changed paragraph makes thousands)."""

    __slots__ = ("kind", "text", "rpr", "link", "node", "key")

    def __init__(self, kind: str, text: str, rpr: etree._Element | None, link: etree._Element | None,
                 node: etree._Element | None, key: tuple) -> None:
        self.kind = kind  # "t" for text, else the run child's tag
        self.text = text
        self.rpr = rpr
        self.link = link  # the w:hyperlink holding it, or None
        self.node = node  # the run child, for anything but text
        self.key = key


_R, _HYPERLINK, _PPR, _RPR, _T, _FOOTNOTE_REFERENCE = (
    qn(tag) for tag in ("w:r", "w:hyperlink", "w:pPr", "w:rPr", "w:t", "w:footnoteReference"))


def _props_key(node: etree._Element | None) -> bytes:
    return etree.tostring(node) if node is not None else b""


def tokens(p: etree._Element, split: re.Pattern[str]) -> list[Token]:
    """The runs of a paragraph, in order, as tokens (pPr and bookmarks left out)."""
    return _tokens(_units(p), split)


def _units(p: etree._Element) -> list[etree._Element]:
    """The runs and hyperlinks of a paragraph, in order (pPr and bookmarks left out)."""
    out = []
    for child in p:
        if child.tag == _R or child.tag == _HYPERLINK:
            out.append(child)
        elif child.tag != _PPR and child.tag not in _BOOKMARKS:
            raise AssertionError(f"unexpected {etree.QName(child).localname} in a paragraph")
    return out


def _tokens(units: list[etree._Element], split: re.Pattern[str] | None) -> list[Token]:
    """The tokens of runs and hyperlinks; ``split`` None: each text whole, one token (runs
    left as they were, which are only written back: ``_run`` joins the texts it is given)."""
    out: list[Token] = []
    for unit in units:
        if unit.tag == _R:
            _run_tokens(unit, None, split, out)
            continue
        for r in unit:
            if r.tag != _R:
                raise AssertionError(f"unexpected {etree.QName(r).localname} in a hyperlink")
            _run_tokens(r, unit, split, out)
    return out


def _run_tokens(r: etree._Element, link: etree._Element | None, split: re.Pattern[str] | None,
                out: list[Token]) -> None:
    rpr = r.find(_RPR)
    where = (tuple(sorted(link.attrib.items())) if link is not None else (), _props_key(rpr))
    for node in r:
        tag = node.tag
        if tag == _RPR:
            continue
        if tag == _T:
            text = node.text or ""
            pieces = split.findall(text) if split is not None else [text] if text else []
            out += [Token("t", piece, rpr, link, None, where + ("t", piece)) for piece in pieces]
        elif tag == _FOOTNOTE_REFERENCE:
            # Any footnote reference equals any other: their bodies are diffed apart.
            out.append(Token(tag, "", rpr, link, node, where + (tag,)))
        else:
            out.append(Token(tag, "", rpr, link, node, where + (tag, _props_key(node))))


def _same_unit(a: etree._Element, b: etree._Element) -> bool:
    """Whether two runs (or hyperlinks) give the same tokens, as their XML says; one
    holding a footnote reference is never taken as such (its pair must be noted)."""
    return etree.tostring(a) == etree.tostring(b) and a.find(f".//{_FOOTNOTE_REFERENCE}") is None


class Revisions:
    """Writes tracked paragraphs; ids run on from ``first_id`` across the body and
    the footnotes."""

    def __init__(self, date: str, split: re.Pattern[str], first_id: int) -> None:
        self.date, self.split, self.next_id = date, split, first_id
        self.footnote_pairs: list[tuple[str, str]] = []  # (new id, old id)
        self.footnotes_inserted: list[str] = []
        self.footnotes_deleted: list[str] = []

    def mark(self, kind: str) -> etree._Element:
        self.next_id += 1
        return el(f"w:{kind}", {"w:id": str(self.next_id), "w:author": AUTHOR, "w:date": self.date})

    # ---------------------------------------------------------------- paragraphs

    def closed(self, old: list[etree._Element], new: list[etree._Element]) -> list[etree._Element]:
        """:meth:`paragraphs` of a whole story (a footnote, a table cell)."""
        return _closed(list(self.paragraphs(old, new)))

    def paragraphs(self, old: list[etree._Element], new: list[etree._Element]) -> Iterator[etree._Element]:
        """The paragraphs of a pair of blocks (a numbered paragraph renders as several:
        sub-items, continued text), paired by properties and text, the rest whole. Two
        paragraphs whose properties differ (style, indent) are one deleted and one
        inserted: a text revision would leave the new properties on rejecting."""
        keys = lambda ps: [(_props_key(p.find(qn("w:pPr"))), _text(p)) for p in ps]  # noqa: E731
        matcher = difflib.SequenceMatcher(None, keys(old), keys(new), autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            both = min(i2 - i1, j2 - j1) if tag == "replace" else (i2 - i1 if tag == "equal" else 0)
            for k in range(both):
                a, b = old[i1 + k], new[j1 + k]
                if _props_key(a.find(qn("w:pPr"))) == _props_key(b.find(qn("w:pPr"))):
                    yield self.changed(a, b)
                else:
                    yield self.whole(a, "del")
                    yield self.whole(b, "ins")
            for p in old[i1 + both:i2]:
                yield self.whole(p, "del")
            for p in new[j1 + both:j2]:
                yield self.whole(p, "ins")

    def changed(self, old: etree._Element, new: etree._Element) -> etree._Element:
        """``new`` with the differences from ``old`` tracked, run by run."""
        if etree.tostring(old) == etree.tostring(new):
            return new  # the common case, without cutting either into tokens
        a, b, head, tail = self._middle(old, new)
        marked: list[tuple[str | None, Token]] = [(None, t) for t in head]
        for tag, i1, i2, j1, j2 in _opcodes([t.key for t in a], [t.key for t in b]):
            if tag == "equal":
                for x, y in zip(a[i1:i2], b[j1:j2]):
                    if y.kind == _FOOTNOTE_REFERENCE:
                        self.footnote_pairs.append((_id(y), _id(x)))
                marked += [(None, t) for t in b[j1:j2]]
                continue
            marked += [("del", t) for t in a[i1:i2]] + [("ins", t) for t in b[j1:j2]]
        marked += [(None, t) for t in tail]
        self._note_footnotes(marked)
        if all(state is None for state, _ in marked):
            return new  # unchanged: as the build wrote it
        return self._paragraph(new, marked, keep_bookmarks=True)

    def _middle(self, old: etree._Element, new: etree._Element
                ) -> tuple[list[Token], list[Token], list[Token], list[Token]]:
        """The tokens of the runs that differ between two paragraphs (old, new), and those
        of the new one's runs before and after them, equal in both and left whole.

        Comparing those tokens gives what comparing all of them gives (``_opcodes`` sets
        aside the common head first, then the common tail within what is left): the runs
        equal at the start are part of the head, and those equal at the end part of the
        tail unless the head reaches into them, when everything is cut into tokens."""
        old_units, new_units = _units(old), _units(new)
        shortest = min(len(old_units), len(new_units))
        head = 0
        while head < shortest and _same_unit(old_units[head], new_units[head]):
            head += 1
        tail = 0
        while tail < shortest - head and _same_unit(old_units[-1 - tail], new_units[-1 - tail]):
            tail += 1
        a = _tokens(old_units[head:len(old_units) - tail], self.split)
        b = _tokens(new_units[head:len(new_units) - tail], self.split)
        if tail and all(x.key == y.key for x, y in zip(a, b)):  # the head may reach into the tail
            a, b = _tokens(old_units[head:], self.split), _tokens(new_units[head:], self.split)
            tail = 0
        return a, b, _tokens(new_units[:head], None), _tokens(new_units[len(new_units) - tail:], None)

    def whole(self, p: etree._Element, kind: str) -> etree._Element:
        """A paragraph inserted or deleted whole, its mark included."""
        marked: list[tuple[str | None, Token]] = [(kind, t) for t in tokens(p, self.split)]
        self._note_footnotes(marked)
        out = self._paragraph(p, marked, keep_bookmarks=kind == "ins")
        ppr = out.find(qn("w:pPr"))
        if ppr is None:
            ppr = el("w:pPr")
            out.insert(0, ppr)
        mark_rpr = ppr.find(qn("w:rPr"))
        if mark_rpr is None:
            mark_rpr = el("w:rPr")
            ppr.append(mark_rpr)  # CT_PPr: rPr after every property we write (no sectPr, pPrChange)
        mark_rpr.insert(0, self.mark(kind))  # CT_ParaRPr: ins/del before the formatting
        return out

    def _note_footnotes(self, marked: list[tuple[str | None, Token]]) -> None:
        for state, t in marked:
            if state and t.kind == _FOOTNOTE_REFERENCE:
                (self.footnotes_inserted if state == "ins" else self.footnotes_deleted).append(_id(t))

    def _paragraph(self, template: etree._Element, marked: list[tuple[str | None, Token]],
                   keep_bookmarks: bool) -> etree._Element:
        """A paragraph with ``template``'s properties (and bookmarks) and the marked tokens."""
        out = el("w:p")
        ppr = template.find(qn("w:pPr"))
        if ppr is not None:
            out.append(copy.deepcopy(ppr))
        ends = []
        if keep_bookmarks:
            starts = [c for c in template if c.tag == qn("w:bookmarkStart")]
            ends = [c for c in template if c.tag == qn("w:bookmarkEnd")]
            out.extend(copy.deepcopy(c) for c in starts)
        for link, group in groupby(marked, key=lambda st: st[1].key[0]):
            items = list(group)
            holder = out
            if link:
                holder = el("w:hyperlink")
                holder.attrib.update(dict(link))  # the attributes as read: {namespace}name
                out.append(holder)
            for state, same in groupby(items, key=lambda st: st[0]):
                target = holder
                if state:
                    target = self.mark(state)
                    holder.append(target)
                for _, run_tokens in groupby(same, key=lambda st: st[1].key[1]):
                    target.append(_run([t for _, t in run_tokens], deleted=state == "del"))
        out.extend(copy.deepcopy(c) for c in ends)
        return out

    def masthead(self, old: list[etree._Element], new: list[etree._Element]) -> list[etree._Element]:
        """The new masthead with the front matter's changes tracked: its table cell by
        cell, the lines under it as paragraphs. A table whose cells differ in number
        (a layout that depends on the front matter) is the new one, untracked: Word
        tracks rows, not cells, and rows are not what changed."""
        if [etree.tostring(x) for x in old] == [etree.tostring(x) for x in new]:
            return new
        tables = [(o, n) for o, n in zip(old, new) if o.tag == n.tag == qn("w:tbl")]
        for old_table, new_table in tables:
            old_cells, new_cells = list(old_table.iter(qn("w:tc"))), list(new_table.iter(qn("w:tc")))
            if len(old_cells) != len(new_cells):
                continue
            for old_tc, new_tc in zip(old_cells, new_cells):
                paras = self.closed(old_tc.findall(qn("w:p")), new_tc.findall(qn("w:p")))
                for p in new_tc.findall(qn("w:p")):
                    new_tc.remove(p)
                new_tc.extend(paras)
        head = [n for _, n in tables]
        if new[:len(head)] != head or any(x.tag != qn("w:p") for x in new[len(head):] + old[len(head):]):
            raise AssertionError("a masthead is its tables, then paragraphs")
        return head + list(self.paragraphs(old[len(head):], new[len(head):]))

    # ----------------------------------------------------------------- footnotes

    def footnotes(self, part: etree._Element) -> None:
        """Diff the bodies of paired footnotes into the new one and drop the old one;
        a footnote inserted or deleted with its reference is tracked whole (its
        runs; its paragraph marks stay, as Word removes the footnote with its
        reference on accepting)."""
        by_id = {f.get(qn("w:id")): f for f in part.findall(qn("w:footnote"))}
        for new_id, old_id in self.footnote_pairs:
            new_fn, old_fn = by_id[new_id], by_id[old_id]
            paras = self.closed(old_fn.findall(qn("w:p")), new_fn.findall(qn("w:p")))
            for p in new_fn.findall(qn("w:p")):
                new_fn.remove(p)
            new_fn.extend(paras)
            part.remove(old_fn)
        for kind, ids in (("ins", self.footnotes_inserted), ("del", self.footnotes_deleted)):
            for fid in ids:
                fn = by_id[fid]
                for p in fn.findall(qn("w:p")):
                    marked: list[tuple[str | None, Token]] = [(kind, t) for t in tokens(p, self.split)]
                    fn.replace(p, self._paragraph(p, marked, keep_bookmarks=False))


def _closed(story: list[etree._Element]) -> list[etree._Element]:
    """The last paragraph mark of a story (the body, a footnote, a table cell) cannot be
    inserted or deleted, as no paragraph follows to join: when it would be, an empty
    paragraph with the same properties closes the story, as Word does."""
    if story and story[-1].find(f"{qn('w:pPr')}/{qn('w:rPr')}") is not None:
        ppr = copy.deepcopy(story[-1].find(qn("w:pPr")))
        ppr.remove(ppr.find(qn("w:rPr")))
        story.append(el("w:p", children=[ppr]))
    return story


def _opcodes(a: list[tuple], b: list[tuple]) -> list[tuple[str, int, int, int, int]]:
    """The tokens' opcodes (``align.textdiff``: Myers' O(ND), so a long paragraph with a
    few changes costs its length, not its square), the common head and tail set aside
    first (as diff tools do)."""
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    middle = textdiff.opcodes(a[head:len(a) - tail], b[head:len(b) - tail], _blank)
    out = [("equal", 0, head, 0, head)] if head else []
    out += [(tag, i1 + head, i2 + head, j1 + head, j2 + head) for tag, i1, i2, j1, j2 in middle]
    if tail:
        out.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    return out


def _blank(key: tuple) -> bool:
    """Spaces are junk to the matcher: they never anchor a match on their own, so a
    rewritten phrase is one deletion and one insertion, not one per word."""
    return key[2] == "t" and key[3].isspace()


def _run(items: list[Token], deleted: bool) -> etree._Element:
    """One run of tokens sharing properties: text joined, in ``w:delText`` when deleted."""
    r = el("w:r")
    if items[0].rpr is not None:
        r.append(copy.deepcopy(items[0].rpr))
    for is_text, group in groupby(items, key=lambda t: t.kind == "t"):
        if is_text:
            text = "".join(t.text for t in group)
            node = el("w:delText" if deleted else "w:t")
            node.text = text
            if text != text.strip():
                node.set(XML_SPACE, "preserve")
            r.append(node)
        else:
            r.extend(copy.deepcopy(t.node) for t in group)
    return r


def _id(t: Token) -> str:
    assert t.node is not None
    return t.node.get(qn("w:id"))


def _text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


# --------------------------------------------------------------------- document


def render_revisions(old: m.Document, new: m.Document, steps: list[Step]) -> bytes:
    """The DOCX of ``new`` with ``steps`` (``align.revisions.revision_steps``) tracked."""
    package, body = _tracked(old, new, steps)
    return save_reproducibly(package, body)


def _tracked(old: m.Document, new: m.Document, steps: list[Step]) -> tuple[bytes, StreamedBody]:
    """The new draft's skeleton (as ``build`` starts and ends it) with tracked blocks."""
    skeleton = Skeleton.of(new.meta)
    env, state = skeleton.env, skeleton.state
    heads = masthead(env.styled(meta=old.meta)), masthead(env)

    skeleton.fit_numbers(_numbers(old, new, steps, env))
    name_bookmarks(new.blocks, state)
    _old_labels(old.blocks, state)
    # The new draft first, so that its footnotes and bookmarks are numbered as in its build.
    rendered_new: dict[int, list[etree._Element]] = {}
    kept: dict[int, tuple[int, int]] = {}  # by id of a step left as it was: the ids its rendering took
    for s in steps:
        if s.new is not None:
            footnotes, bookmarks = state.next_footnote, state.next_bookmark
            rendered_new[id(s.new)] = _render(s.new, env, state)
            if s.old is not None and m.same_content(s.old, s.new):
                kept[id(s)] = (state.next_footnote - footnotes, state.next_bookmark - bookmarks)
    # Same language, same part: the old draft's runs as its own build writes them. A block
    # left as it was is not rendered again (its paragraphs are the new ones, whole), but
    # the footnote and bookmark ids its rendering would take are taken, so that every
    # later id, and so every byte, is what rendering it gave.
    rendered_old: dict[int, list[etree._Element]] = {}
    for s in steps:
        if id(s) in kept:
            footnotes, bookmarks = kept[id(s)]
            state.next_footnote += footnotes
            state.next_bookmark += bookmarks
        elif s.old is not None:
            rendered_old[id(s.old)] = _strip_bookmarks(_render(s.old, env, state))

    revisions = Revisions(f"{new.meta.date.isoformat()}T00:00:00Z", TOKENS[env.lang.diff_tokens],
                          first_id=state.next_bookmark)
    for node in revisions.masthead(*heads):
        skeleton.body.append(node)
    paired: list[etree._Element] = []
    for s in steps:
        if id(s) in kept:
            paired += rendered_new[id(s.new)]  # as the build writes it: nothing to compare
        else:
            paired += revisions.paragraphs(rendered_old.get(id(s.old), []), rendered_new.get(id(s.new), []))
    for p in _closed(paired):
        skeleton.body.append(p)
    revisions.footnotes(state.footnotes)
    return skeleton.finish(new)


def _numbers(old: m.Document, new: m.Document, steps: list[Step], env: Env) -> list[str]:
    """What the number column must hold: every number of either draft, and a renumbered
    paragraph's struck and new numbers side by side (``10.11.``), which must leave a gap
    before the text ("1̶0̶11.Several" had none)."""
    numbers = paragraph_numbers(new.blocks, env) + paragraph_numbers(old.blocks, env)
    for s in steps:
        if isinstance(s.old, m.NumberedParagraph) and isinstance(s.new, m.NumberedParagraph) \
                and s.old.number != s.new.number:
            numbers.append(env.lang.paragraph_number(s.old.number) + env.lang.paragraph_number(s.new.number))
    return numbers


def _render(block: m.Block, env: Env, state: State) -> list[etree._Element]:
    out: list[etree._Element] = []
    render_blocks((block,), env, state, out.append)
    return out


def _strip_bookmarks(ps: list[etree._Element]) -> list[etree._Element]:
    """The old draft's bookmarks would duplicate the new one's names."""
    for p in ps:
        for b in [c for c in p if c.tag in _BOOKMARKS]:
            p.remove(b)
    return ps


def _old_labels(blocks: tuple[m.Block, ...], state: State) -> None:
    """Names for labels only the old draft has, so that its references (kept in
    deleted text) render; no bookmark of the old draft is written."""
    old = State(footnotes_part=state.footnotes_part)
    name_bookmarks(blocks, old)
    taken = set(state.bookmarks.values())
    for label, name in old.bookmarks.items():
        if label in state.bookmarks:
            continue
        unique, n = name, 1
        while unique in taken:
            n += 1
            unique = f"{name}_{n}"
        state.bookmarks[label] = unique
        taken.add(unique)
