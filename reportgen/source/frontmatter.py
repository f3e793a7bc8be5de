"""YAML front matter: split it off the Markdown and check it against INTERFACE §2.2.

The YAML is only *composed* into ruamel nodes, never constructed into Python
objects: construction is where tags run code (``!!python/object``), where
impossible dates such as 2024-02-30 raise, and where one bad value stops the
whole file. Working on nodes, every key is checked on its own, at its own line,
and every problem of the front matter is reported in one pass.

The node helpers are ``yamlnodes``' (shared with ``registry.py``, documents.yaml).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from reportgen.errors import Diagnostic, UserError
from reportgen.images import image_problem
from reportgen.l10n import LANGUAGES
from reportgen.limits import IMAGE_BYTES, TooLarge, read_limited
from reportgen.paths import Outside, inside
from reportgen.l10n.jobs import JOB_EXAMPLES, job_form
from reportgen.model import DISTRIBUTIONS, OPTIONAL_KEYS, PRINTED_KEYS, REQUIRED_KEYS, Metadata
from reportgen.source.frontmatter_syntax import source_syntax
from reportgen.source.yaml_advice import CLOSE, body_starts, closing_problem, keys_after, quoted
from reportgen.source.yamlnodes import (CORE, YamlText, bad_char_diagnostics, compose, content_end,
                                         describe_char, forbidden_char, is_null, is_text, join_surrogates,
                                         key_name, kind, pairs_by_name, read_date, read_int, shown,
                                         tag_message, tag_of, tag_problem)

REQUIRED, OPTIONAL = REQUIRED_KEYS, OPTIONAL_KEYS

# UN length limits, footnotes and headings included (General Assembly resolutions on
# documentation): reports of the Secretariat, and all others. The larger is the default.
WORD_LIMITS = {"secretariat": 8500, "other": 10700}

# Keys printed as written in the masthead: source syntax in them is refused, not printed.
PRINTED = PRINTED_KEYS

_LIMITS = "'secretariat' (8,500), 'other' (10,700) or a number of words"


@dataclass(frozen=True)
class Split:
    """A source file cut in two; ``body`` keeps the front matter as blank lines
    so that line numbers reported by pandoc are the file's own."""

    front: str
    front_start: int  # line of the first YAML line
    body: str


def split(path: Path, text: str) -> Split:
    """Cut the front matter off; a file without one cannot be read at all, so this raises.
    When it is not closed, the message points at the line meant to close it, or at
    the first line of the body, when there is one."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise UserError(path, 1, "missing YAML front matter: the file must start with a '---' line")
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            if lines[i].rstrip() == "..." and keys_after(lines, i, REQUIRED + OPTIONAL) is not None:
                raise UserError(path, i + 1, "front matter is not closed: '...' ends it here, but front matter "
                                             f"keys follow; {CLOSE} after the last key")
            front = "\n".join(lines[1:i])
            body = "\n" * (i + 1) + "\n".join(lines[i + 1 :])
            return Split(front, 2, body)
    if (slip := closing_problem(lines[1:], len(lines), shown)) is not None:
        raise UserError(path, slip[0] + 2, f"front matter is not closed: {slip[1]}")
    raise UserError(path, 1, "front matter is not closed: no '---' line after the opening one")


# --- front matter -------------------------------------------------------------------


def parse(path: Path, split_: Split) -> tuple[Metadata | None, list[Diagnostic]]:
    """Parse and validate front matter; never raises. Every problem is a
    diagnostic at its own line, all in one pass; no Metadata if there is any."""
    doc, diags = compose(path, split_.front, split_.front_start, "invalid YAML front matter", "front matter")
    diags = [_closing(doc, d) for d in diags]
    root = doc.root
    if diags or (root is not None and not is_null(root)
                 and (tag_problem(root) or not isinstance(root, MappingNode))):
        if not diags:
            assert root is not None  # the condition above, which mypy does not carry over
            tag = tag_problem(root)
            diags = [doc.error(root, tag_message("front matter", tag) if tag else
                               "front matter must be a mapping of keys to values "
                               f"(one 'key: value' per line), not {kind(root)}")]
        return None, _sorted(diags + bad_char_diagnostics(doc, ())[0])
    checker = _FrontMatter(path, doc, root if isinstance(root, MappingNode) else None)
    meta = checker.metadata()
    return (meta if not checker.diags else None), _sorted(checker.diags)


def _sorted(diags: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(diags, key=lambda d: d.line or 0)


def _closing(doc: YamlText, diag: Diagnostic) -> Diagnostic:
    """A YAML error at or after a line meant to close the front matter (``--``), or
    after the body's first line, is that slip: say so, at that line."""
    slip = closing_problem(doc.text.split("\n"), (diag.line or doc.first_line) - doc.first_line, shown)
    if slip is None:
        return diag
    return Diagnostic("error", doc.path, doc.first_line + slip[0], f"invalid YAML front matter: {slip[1]}")


class _FrontMatter:
    """One check per key, each adding its own diagnostics and returning None on a problem."""

    def __init__(self, path: Path, doc: YamlText, root: MappingNode | None) -> None:
        self.path = path
        self.doc = doc
        self.start = doc.first_line
        self.diags: list[Diagnostic] = []
        pairs = root.value if root is not None else []
        self.nodes: dict[str, tuple[Node, Node]] = {}
        if root is not None:
            self.nodes, twice = pairs_by_name(
                doc, root, lambda k, first: f"front matter key '{shown(k)}' is given twice (first at line {first})")
            self.diags += twice
        spans = [(k.start_mark.index, content_end(v), name) for k, v in pairs
                 if (name := key_name(k)) is not None]
        chars, _ = bad_char_diagnostics(doc, spans)
        self.diags += chars
        for k, _v in pairs:
            self._check_key(k)

    def error(self, where: Node | int, message: str) -> None:
        self.diags.append(self.doc.error(where, message))

    def _check_key(self, k: Node) -> None:
        name = key_name(k)
        merge = tag_of(k) == CORE + "merge"  # '<<', YAML's merge key: just an unknown key here
        tag = None if merge else tag_problem(k)
        if name is None:
            self.error(k, f"a front matter key must be a word such as 'title', not {kind(k)}")
        elif tag:
            self.error(k, tag_message(f"front matter key '{shown(name)}'", tag))
        elif name == "" and is_null(k):
            self.error(k, "this front matter line has a value but no key")
        elif not is_text(k) and not merge:
            self.error(k, f"front matter key '{shown(name)}' is not a word such as 'title'")
        elif name not in REQUIRED and name not in OPTIONAL:
            line = self.doc.text.split("\n")[self.doc.line(k) - self.start]
            if body_starts([line], 0):  # "1. The Committee: …" reads as a key when '---' is missing
                self.error(k, f"this line looks like the body, not front matter: {CLOSE} before it")
                return
            known = ", ".join(REQUIRED + OPTIONAL)
            self.error(k, f"unknown front matter key '{shown(name)}' (known keys: {known})")

    def value(self, key: str, required: bool = False, text: bool = False) -> Node | None:
        """The key's value node; None when absent or null (a missing required key is reported).
        For a ``text`` key, a value YAML took for an anchor, an alias or a local tag
        (``&x report``, ``*x``, ``!x report``) is what the author typed as text:
        printing what YAML made of it would change it silently."""
        pair = self.nodes.get(key)
        if pair is None:
            if required:  # at the first line: there is no line of its own to point at
                self.diags.append(Diagnostic("error", self.path, self.start,
                                             f"front matter lacks required key '{key}'"))
            return None
        k, v = pair
        if is_null(v):
            if required:
                self.error(k, f"front matter key '{key}' is empty, but it is required")
            return None
        if text and isinstance(v, ScalarNode):
            if v.start_mark.index < k.start_mark.index:  # the node of an earlier '&name'
                self.error(k, self._quote_advice(key, k, "'*'", "an alias (another key's value)"))
                return None
            if getattr(v, "anchor", None):
                self.error(k, self._quote_advice(key, k, "'&'", "an anchor"))
                return None
            if (tag := tag_problem(v)) and not tag.startswith("!!"):
                self.error(k, self._quote_advice(key, k, f"'{shown(tag)}'", "a tag"))
                return None
        if tag := tag_problem(v):
            self.error(k, tag_message(f"'{key}'", tag))
            return None
        return v

    def _quote_advice(self, key: str, k: Node, start: str, what: str) -> str:
        """"'title' starts with '&', which YAML reads as …: put the value in quotes, title: "…""."""
        line = self.doc.text.split("\n")[self.doc.line(k) - self.start]
        value = line.split(":", 1)[1].strip() if ":" in line else ""
        fix = f", {key}: {shown(quoted(value))}" if value else ""
        return f"'{key}' starts with {start}, which YAML reads as {what}: put the value in quotes{fix}"

    def key(self, key: str) -> Node:
        """The key's own node: whole-value problems are reported at the key's line,
        which is where a block list or a quoted value on the next line belongs."""
        return self.nodes[key][0]

    def clean(self, subject: str, node: Node, where: Node) -> str | None:
        """The text of a scalar, or None if it holds a character a document cannot."""
        value = join_surrogates(str(node.value))
        if (char := forbidden_char(value)) is not None:
            self.error(where, f"{subject} contains {describe_char(char)}, which cannot appear in a document")
            return None
        return value

    def text(self, key: str, required: bool = False) -> str | None:
        v = self.value(key, required, text=True)
        if v is None:
            return None
        if not is_text(v):
            self.error(self.key(key), f"'{key}' must be text, not {kind(v)}")
            return None
        value = self.clean(f"'{key}'", v, self.key(key))
        if value is None:
            return None
        if not value.strip():
            if required:
                self.error(self.key(key), f"front matter key '{key}' is empty, but it is required")
            return None
        if key in PRINTED and not self.printed(f"'{key}'", value, self.key(key)):
            return None
        return value.strip()

    def printed(self, subject: str, value: str, where: Node) -> bool:
        """Whether ``value`` is free of source syntax, which front matter would print as
        it is (``@mandate``, ``*draft*``); each piece found is an error at ``where``."""
        found = source_syntax(value)
        for piece in found:
            self.error(where, f"{subject} contains '{shown(piece)}', which front matter does not resolve: front "
                              "matter is printed as written; write the text itself (a reference or formatting "
                              "belongs in the body)")
        return not found

    def date(self, key: str, node: Node, where: Node) -> dt.date | None:
        if not isinstance(node, ScalarNode):
            self.error(where, f"'{key}' must be a date of the form YYYY-MM-DD, not {kind(node)}")
            return None
        if tag := tag_problem(node):
            self.error(where, tag_message(f"'{key}'", tag))
            return None
        date, why = read_date(str(node.value)) if tag_of(node) in (CORE + "str", CORE + "timestamp") \
            else (None, "is not a date of the form YYYY-MM-DD")
        if date is None:
            self.error(where, f"'{key}' value '{shown(node.value)}' {why}")
        return date

    def metadata(self) -> Metadata | None:
        symbol = self.text("symbol", True)
        distribution = self.distribution()
        date = self.required_date()
        language = self.language()
        original = self.text("original", True)
        if original is not None and original not in LANGUAGES:
            self.error(self.key("original"), f"original '{shown(original)}' is not one of: {', '.join(LANGUAGES)}")
        organ = self.text("organ", True)
        title = self.text("title", True)
        subtitle, meeting, venue = self.text("subtitle"), self.text("meeting"), self.text("venue")
        dates = self.dates()
        agenda = self.agenda()
        job = self.text("job")
        if job is not None and job_form(job) is None:
            self.error(self.key("job"), f"'job' value '{shown(job)}' is not a job number: write it as printed in "
                                        f"the footer, e.g. {JOB_EXAMPLES}")
            job = None
        word_limit = self.word_limit()
        processed = self.processed()
        emblem = self.emblem()
        if self.diags:
            return None
        if (symbol is None or distribution is None or date is None or language is None or original is None
                or organ is None or title is None or word_limit is None):  # pragma: no cover - each reported
            self.error(0, "front matter could not be read")
            return None
        return Metadata(
            word_limit=word_limit, symbol=symbol, distribution=distribution, date=date, language=language,
            original=original, organ=organ, title=title, subtitle=subtitle, meeting=meeting, venue=venue,
            dates=dates, agenda=agenda, job=job, processed=processed, emblem=emblem,
            lines={name: self.doc.line(k) for name, (k, _v) in self.nodes.items()},
        )

    def distribution(self) -> str | None:
        value = self.text("distribution", True)
        if value is not None and value.lower() not in DISTRIBUTIONS:
            self.error(self.key("distribution"),
                       f"distribution '{shown(value)}' is not one of: {', '.join(DISTRIBUTIONS)}")
            return None
        return value.lower() if value is not None else None

    def required_date(self) -> dt.date | None:
        v = self.value("date", True)
        return self.date("date", v, self.key("date")) if v is not None else None

    def language(self) -> str | None:
        value = self.text("language", True)
        if value is None:
            return None
        node = self.key("language")
        if value not in LANGUAGES:
            self.error(node, f"language '{shown(value)}' is not one of: {', '.join(LANGUAGES)}")
            return None
        if value != self.path.stem:
            self.error(node, f"language '{value}' does not match the file name '{shown(self.path.name)}'")
            return None
        return value

    def dates(self) -> tuple[dt.date, dt.date] | None:
        v = self.value("dates")
        if v is None:
            return None
        if not isinstance(v, SequenceNode) or len(v.value) != 2:
            self.error(self.key("dates"), "'dates' must be a list of two dates: [YYYY-MM-DD, YYYY-MM-DD]")
            return None
        first, last = (self.date("dates", item, item) for item in v.value)
        if first is None or last is None:
            return None
        if last < first:
            self.error(self.key("dates"), f"'dates' ends ({last}) before it starts ({first})")
            return None
        return first, last

    def processed(self) -> tuple[dt.date, ...]:
        """Processing dates of this language version (one or two), printed DDMMYY in the footer."""
        v = self.value("processed")
        if v is None:
            return ()
        items = v.value if isinstance(v, SequenceNode) else [v]
        if not 1 <= len(items) <= 2 or any(not isinstance(item, ScalarNode) for item in items):
            self.error(self.key("processed"), "'processed' must be one or two dates: [YYYY-MM-DD, YYYY-MM-DD]")
            return ()
        where = (lambda item: item) if isinstance(v, SequenceNode) else (lambda item: self.key("processed"))
        found = [self.date("processed", item, where(item)) for item in items]
        dates = tuple(d for d in found if d is not None)
        if len(dates) != len(found):
            return ()
        if len(dates) == 2 and dates[1] < dates[0]:
            self.error(self.key("processed"), f"'processed' ends ({dates[1]}) before it starts ({dates[0]})")
            return ()
        return dates

    def emblem(self) -> Path | None:
        """An image for the masthead's emblem slot, relative to the report folder and
        inside it (``reportgen.paths``); read here, within the image limits, so that a
        file from elsewhere, a damaged or an oversized image is refused at this line,
        not when rendering (``reportgen.images``)."""
        value = self.text("emblem")
        if value is None:
            return None
        where = self.key("emblem")
        named = f"emblem file '{shown(value)}'"
        try:
            path = inside(self.path.parent, value)
        except Outside as exc:
            self.error(where, f"{named} {exc}: put the image in the report folder and give its path from there "
                              "(emblem: assets/emblem.png)")
            return None
        if not path.is_file():
            self.error(where, f"{named} not found in the report folder")
            return None
        try:
            data = read_limited(path, IMAGE_BYTES, "the emblem is printed 1 cm high: save it smaller")
        except TooLarge as exc:
            self.error(where, f"{named}: {exc.message}")
            return None
        except OSError as exc:
            self.error(where, f"{named} cannot be read ({shown(exc.strerror or exc)})")
            return None
        problem = image_problem(data)
        if problem is not None:
            self.error(where, f"{named} {problem}")
            return None
        return path

    def agenda(self) -> tuple[str, ...]:
        v = self.value("agenda")
        if v is None:
            return ()
        items = v.value if isinstance(v, SequenceNode) else [v]
        out: list[str] = []
        for item in items:
            where = item if isinstance(v, SequenceNode) else self.key("agenda")
            pair = item.value[0] if isinstance(item, MappingNode) and len(item.value) == 1 else None
            if isinstance(v, SequenceNode) and pair and all(isinstance(n, ScalarNode) for n in pair):
                # "- Item 3: Report" is a mapping to YAML; the author wrote one line of text
                said = f"{pair[0].value}: {pair[1].value}"
                self.error(where, f"'agenda' item '{shown(said)}' contains ': ': put it in quotes, "
                                  f"- {shown(quoted(said))}")
                return ()
            if not is_text(item) or tag_problem(item):
                self.error(where, "'agenda' must be a line of text or a list of lines")
                return ()
            value = self.clean("'agenda'", item, where)
            if value is not None and self.printed("'agenda'", value, where):
                out.append(value.strip())
        return () if out == [""] and not isinstance(v, SequenceNode) else tuple(out)

    def word_limit(self) -> int | None:
        pair = self.nodes.get("word_limit")
        if pair is None or is_null(pair[1]):
            return WORD_LIMITS["other"]
        v = self.value("word_limit")
        if v is None:  # a refused tag, reported
            return None
        if isinstance(v, ScalarNode):
            raw = str(v.value)
            if is_text(v) and raw.strip().lower() in WORD_LIMITS:
                return WORD_LIMITS[raw.strip().lower()]
            number = read_int(raw) if tag_of(v) == CORE + "int" else None
            if number is not None and number > 0:
                return number
            self.error(self.key("word_limit"), f"word_limit '{shown(raw)}' must be {_LIMITS}")
        else:
            self.error(self.key("word_limit"), f"word_limit must be {_LIMITS}, not {kind(v)}")
        return None
