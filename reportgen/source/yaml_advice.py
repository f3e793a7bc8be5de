"""YAML's errors in the words of the person who typed the file, with the fix.

ruamel says "mapping values are not allowed here" when a title holds ``: ``, and
"could not find expected ':'" when the closing ``---`` was typed ``--``. What
went wrong is almost always one of a few slips: a value that needs quotes, a
quote or bracket left open, a line indented out of step, a front matter not
closed. :func:`advice` reads the line the error points at and says which, with
the line to write instead; :func:`closing_slip` and :func:`body_starts` find the
front matter's own slips (``split`` and ``parse`` in ``frontmatter.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

from ruamel.yaml.error import MarkedYAMLError

__all__ = ["advice", "body_starts", "closing_problem", "closing_slip", "keys_after", "quoted"]

Short = Callable[[object], str]  # shortens a value for a message (yamlnodes.shown)

INDENT = "indent with spaces, and write one 'key: value' per line"
CLOSE = "close the front matter with a line '---'"
# Characters YAML reads as syntax at the start of a plain value.
_RESERVED = "*&@`%!|>"
# "title: value", "  en: value"; a comment after the value is not part of it.
_KEY_VALUE = re.compile(r"^[ \t]*(?P<key>[^\s#'\"\[\]{},:&*!|>%@`-][^:#]*?|'[^'\n]*'|\"[^\"\n]*\")"
                        r"[ \t]*:(?:[ \t]+(?P<value>.*?))?[ \t]*(?:[ \t]#.*)?$")
_ITEM = re.compile(r"^[ \t]*-[ \t]+(?P<value>.*?)[ \t]*(?:[ \t]#.*)?$")
_KEY_LINE = re.compile(r"^[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|$)")
# "--", "----", "— — —", "–––", "--- text", "…", ". . .": meant as the closing "---"
_CLOSING_SLIP = re.compile(r"(?:[-\u2010-\u2015\u2212][ \t]*){2,}|---[ \t]*\S.*|\u2026|\.[ \t]\.[ \t]\.|\.{4,}")
_NUMBERED = re.compile(r"^\d{1,5}[.)][ \t]+\S")
_HEADING = re.compile(r"^#{1,3}[ \t]+\S")


def quoted(value: str) -> str:
    """``value`` as a quoted YAML scalar that reads back as itself."""
    if '"' in value or "\\" in value:
        return "'" + value.replace("'", "''") + "'"
    return f'"{value}"'


def _line_at(text: str, index: int) -> tuple[int, str]:
    """Start index and text of the line holding character ``index``."""
    start = text.rfind("\n", 0, max(index, 0)) + 1
    end = text.find("\n", start)
    return start, text[start:] if end < 0 else text[start:end]


def _key_value(line: str) -> tuple[str | None, str]:
    """(key, value) of a ``key: value`` line, (None, item) of a list item (a report's lists
    hold lines of text: ``- Item 4: Adoption`` is one), (None, "") otherwise."""
    if (item := _ITEM.match(line)) is not None:
        return None, item.group("value")
    if (kv := _KEY_VALUE.match(line)) is not None and kv.group("value"):
        return kv.group("key").strip("'\""), kv.group("value")
    return None, ""


def _quote_it(line: str, why: str, short: Short) -> str:
    """"the value of 'title' <why>: put the value in quotes, title: "…"" for the line."""
    key, value = _key_value(line)
    if key is not None:
        return f"the value of '{short(key)}' {why}: put the value in quotes, {short(key)}: {short(quoted(value))}"
    if value:
        return f"this list item {why}: put it in quotes, - {short(quoted(value))}"
    return f"a value on this line {why}: put the value in quotes"


def _not_closed(line: str, quote: str, short: Short) -> str:
    key, _value = _key_value(line)
    subject = f"the quoted value of '{short(key)}'" if key else "the quoted value on this line"
    return f"{subject} is not closed: end it with {quote}"


def _open_quote_before(text: str, end: int) -> tuple[int, str, str] | None:
    """The first line before ``end`` whose value opens a quote it does not close
    (start index, line, quote): YAML then reads on to the next quote, lines later,
    and stumbles there. A quoted value over several lines is valid YAML, but not how
    front matter is written; this is asked only once the YAML has failed."""
    start = 0
    for line in text[:end].split("\n")[:-1] if end else []:
        _key, value = _key_value(line)
        if value[:1] in ("'", '"'):
            quote, body = value[0], value[1:]
            closed = re.search(r'(?<!\\)"', body) if quote == '"' else re.search(r"'(?!')", body.replace("''", ""))
            if closed is None:
                return start, line, quote
        start += len(line) + 1
    return None


def advice(text: str, exc: MarkedYAMLError, short: Short) -> tuple[int, str] | None:
    """Where to report ``exc`` (an index into ``text``) and what to say, or None to
    keep ruamel's words. ``short`` shortens a value for a message."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    at = exc.context_mark or exc.problem_mark
    if mark is None or at is None:
        return None
    start, line = _line_at(text, mark.index)
    if (opened := _open_quote_before(text, start)) is not None:  # it ran on over the next lines
        return opened[0], _not_closed(opened[1], opened[2], short)
    if problem == "mapping values are not allowed here":
        before = line[: mark.index - start].lstrip(" \t-")
        if ": " in before or ":\t" in before:  # "title: Report: draft"
            return start, _quote_it(line, "contains ': '", short)
        return start, f"this line does not line up with the lines before it: {INDENT}"
    if "found undefined alias" in problem or "that cannot start any token" in problem \
            or context in ("while scanning a block scalar", "while scanning an alias", "while scanning an anchor"):
        start, line = _line_at(text, at.index)
        key, value = _key_value(line)
        named = re.search(r"found character '(.)'", problem)
        char = value[0] if value and value[0] in _RESERVED else named.group(1) if named else "a character"
        return start, _quote_it(line, f"starts with {repr(char) if len(char) == 1 else char}, which YAML reserves",
                                short)
    if context == "while scanning a quoted scalar" and "end of stream" in problem:
        start, line = _line_at(text, at.index)
        quote = text[at.index] if at.index < len(text) and text[at.index] in "'\"" else '"'
        return start, _not_closed(line, quote, short)
    if context in ("while parsing a flow sequence", "while parsing a flow mapping",
                   "while scanning a flow sequence", "while scanning a flow mapping"):
        start, line = _line_at(text, at.index)
        key, value = _key_value(line)
        opener, closer, what = ("[", "]", "a list") if "sequence" in context else ("{", "}", "a mapping")
        if key is None and not value:
            return None
        name = f"the value of '{short(key)}'" if key else "this list item"
        return start, (f"{name} starts with '{opener}', which YAML reads as {what}, and it is not closed: "
                       f"end it with '{closer}', or put the value in quotes if it is text")
    if problem.startswith("expected <block end>, but found '<scalar>'"):
        key, value = _key_value(line)
        if value and value[0] in "'\"[{":
            what = "a quoted part" if value[:1] in "'\"" else f"'{value[0]}'"
            return start, _quote_it(line, f"starts with {what} and goes on after it", short)
        if value and value[0] in _RESERVED:  # "*draft* report": an alias, then more
            return start, _quote_it(line, f"starts with '{value[0]}', which YAML reserves", short)
    if problem.startswith("expected <block end>"):
        return start, f"this line does not line up with the lines before it: {INDENT}"
    if problem == "could not find expected ':'":
        start, line = _line_at(text, at.index)
        return start, f"this line is not a 'key: value' line: {INDENT}"
    if problem == "but found another document":
        return start, "this line starts a second YAML document: remove it"
    return None


# --- the front matter's closing line ----------------------------------------------------


def closing_slip(line: str) -> bool:
    """A line at the left margin that was meant as the closing ``---``."""
    return line[:1] not in (" ", "\t") and _CLOSING_SLIP.fullmatch(line.rstrip()) is not None


def body_starts(lines: Sequence[str], i: int) -> bool:
    """Whether line ``i`` looks like the body rather than front matter: a numbered
    paragraph, or a heading not followed by a key (a YAML comment is followed by one)."""
    line = lines[i]
    if _NUMBERED.match(line):
        return True
    if not _HEADING.match(line):
        return False
    after = next((x for x in lines[i + 1:] if x.strip()), "")
    return not _KEY_LINE.match(after) and not after.startswith("#")


def closing_problem(lines: Sequence[str], upto: int, short: Short) -> tuple[int, str] | None:
    """The first of ``lines[:upto + 1]`` meant to close the front matter (``--``) or
    starting the body, and what to say there; None when there is none."""
    for i in range(min(len(lines), upto + 1)):
        if closing_slip(lines[i]):
            return i, f"'{short(lines[i].rstrip())}' is not a closing line: {CLOSE}"
        if body_starts(lines, i):
            return i, f"the body starts here: {CLOSE} before this line"
    return None


def keys_after(lines: Sequence[str], i: int, known: Collection[str]) -> int | None:
    """The index of a front matter key right after line ``i`` (blank lines aside), if one follows."""
    for k in range(i + 1, len(lines)):
        if lines[k].strip():
            name = lines[k].split(":", 1)[0].strip()
            return k if _KEY_LINE.match(lines[k]) and name in known else None
    return None
