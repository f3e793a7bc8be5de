"""YAML composed to nodes, never constructed: the helpers every YAML file of a report
is read with (the front matter, ``documents.yaml``).

Construction is where tags run code (``!!python/object``), where impossible dates
such as 2024-02-30 raise, and where one bad value stops the whole file. Working on
nodes, every key is checked on its own, at its own line, and every problem of a file
is reported in one pass. Errors are explained in plain words (``yaml_advice``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from reportgen.errors import Diagnostic
from reportgen.source.yaml_advice import advice

# Front matter needs two levels (a mapping of lists), documents.yaml three; anything
# far deeper is a mistake, and ruamel's composer recurses once per level.
NESTING_LIMIT = 50

# Characters a Word document (XML 1.0) cannot hold, or that are invisible controls:
# C0 controls but tab, LF and CR; DEL and the C1 controls; surrogates; U+FFFE/U+FFFF.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
# YAML's timestamp: a date, then optionally a time (ignored: only the day is printed).
_DATE_RE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
                      r"(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]*)?)?"
                      r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::?[0-9]{2})?))?)?")
_INT_RE = re.compile(r"[-+]?(?:0x[0-9a-fA-F]+|0o[0-7]+|0b[01]+|[0-9]+)")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_SHOWN_MAX = 80



@dataclass(frozen=True)
class YamlText:
    """A YAML text composed to nodes. ``text`` has every forbidden character
    replaced by U+FFFD (same length, so node indexes stay valid); ``bad_chars``
    keeps where they were, for the caller to report against its keys."""

    path: Path
    text: str
    first_line: int
    root: Node | None
    bad_chars: tuple[tuple[int, str], ...]

    def line(self, where: Node | int) -> int:
        """Line in the file of a node, or of an int *character index* into ``text``
        (never a line number). Counted from the text itself: ruamel counts U+0085
        and a lone CR as line breaks, the rest of reportgen does not."""
        index = where if isinstance(where, int) else where.start_mark.index
        return self.first_line + self.text.count("\n", 0, max(index, 0))

    def error(self, where: Node | int, message: str) -> Diagnostic:
        return Diagnostic("error", self.path, self.line(where), message)


def compose(path: Path, text: str, first_line: int, invalid: str, subject: str
            ) -> tuple[YamlText, list[Diagnostic]]:
    """Compose ``text`` without constructing it; never raises. When it is not
    YAML, ``root`` is None and the diagnostics say why: ``invalid`` prefixes
    syntax errors ("invalid YAML front matter"), ``subject`` names the whole
    ("front matter") in the nesting error."""
    bad = tuple((m.start(), m.group()) for m in FORBIDDEN.finditer(text))
    doc = YamlText(path, FORBIDDEN.sub("\ufffd", text), first_line, None, bad)
    # Events first: the parser is iterative, so nesting is measured before the
    # recursive composer could overflow the stack, and it is stopped early (the
    # scanner is quadratic in the nesting of flow collections).
    last = 0
    try:
        depth = 0
        for event in YAML(typ="rt").parse(doc.text):
            last = event.start_mark.index
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > NESTING_LIMIT:
                    return doc, [doc.error(last, f"{subject} is nested too deeply")]
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
        root = YAML(typ="rt").compose(doc.text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "not YAML"
        if "'\\t'" in problem:  # ruamel's "found character '\t' that cannot start any token"
            problem = "found a tab character: use spaces, or put the value in quotes"
        elif (said := advice(doc.text, exc, shown)) is not None:  # ruamel's words, as the author would say them
            return doc, [doc.error(said[0], f"{invalid}: {said[1]}")]
        return doc, [doc.error(mark.index if mark else last, f"{invalid}: {problem}")]
    except ReaderError as exc:  # not Marked; should not happen once FORBIDDEN is replaced
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        where = exc.position if isinstance(exc.position, int) else last
        return doc, [doc.error(where, f"this line contains {describe_char(char)}, which cannot appear "
                                      "in a document")]
    except RecursionError:
        return doc, [doc.error(last, f"{subject} is nested too deeply")]
    except Exception as exc:  # YAMLError, or ValueError etc. from deep in ruamel: the input's fault all the same
        if "chr()" in str(exc):  # "\\U00110000": the scanner's chr() raises ValueError
            return doc, [doc.error(last, f"{invalid}: an escape code near this line names no character")]
        return doc, [doc.error(last, f"{invalid}: a value near this line cannot be read ({shown(exc)})")]
    return YamlText(path, doc.text, first_line, root, bad), []


def bad_char_diagnostics(doc: YamlText, spans: Iterable[tuple[int, int, str]]) -> tuple[list[Diagnostic], set[str]]:
    """Report each forbidden character typed directly, naming the key whose
    ``(start, end, name)`` span holds it; returns the names hit too."""
    spans = list(spans)
    out: list[Diagnostic] = []
    hit: set[str] = set()
    for index, char in doc.bad_chars:
        name = next((n for start, end, n in spans if start <= index < end), None)
        if name is None:
            out.append(doc.error(index, f"this line contains {describe_char(char)}, which cannot appear in a document"))
        else:
            hit.add(name)
            out.append(doc.error(index, f"'{shown(name)}' contains {describe_char(char)}, which cannot appear "
                                        "in a document"))
    return out, hit


def content_end(node: Node, seen: set[int] | None = None) -> int:
    """Where a value's own text ends. A block collection's end mark runs on over
    the comments and blank lines after it, so take its last child's end instead;
    ``seen`` stops at aliases that point back (``&a [*a]`` composes to a cycle)."""
    seen = set() if seen is None else seen
    if isinstance(node, ScalarNode) or getattr(node, "flow_style", False) or id(node) in seen:
        return int(node.end_mark.index)
    seen.add(id(node))
    children = [c for pair in node.value for c in pair] if isinstance(node, MappingNode) else list(node.value)
    return max((content_end(c, seen) for c in children), default=int(node.start_mark.index) + 1)


def describe_char(char: str) -> str:
    """'the control character U+000B', for a message."""
    code = f"U+{ord(char):04X}" if len(char) == 1 else repr(char)
    if char in ("\ufffe", "\uffff") or "\ud800" <= char <= "\udfff":
        return f"the invalid character {code}"
    return f"the control character {code}"


def forbidden_char(value: str) -> str | None:
    """The first character of ``value`` a document cannot hold (escapes such as
    "\\x0b" get here; typed ones were caught before parsing)."""
    found = FORBIDDEN.search(value)
    return found.group() if found else None


def join_surrogates(value: str) -> str:
    """"\\uD83D\\uDE00" is how JSON spells one character; make it that character."""
    if not re.search("[\ud800-\udfff]", value):
        return value
    try:
        return value.encode("utf-16", "surrogatepass").decode("utf-16")
    except UnicodeDecodeError:  # a lone surrogate: left for forbidden_char to report
        return value


def tag_of(node: Node) -> str:
    tag = node.tag
    return str(getattr(tag, "value", tag))


def tag_problem(node: Node) -> str | None:
    """The tag as written when it is not a plain YAML type: ``!!binary``,
    ``!foo``, ``!!python/object:...`` are refused, never run."""
    tag = tag_of(node)
    allowed = (_SCALAR_TAGS if isinstance(node, ScalarNode)
               else {CORE + "seq"} if isinstance(node, SequenceNode)
               else {CORE + "map"})
    if tag in allowed:
        return None
    return "!!" + tag[len(CORE):] if tag.startswith(CORE) else tag


def tag_message(subject: str, tag: str) -> str:
    return f"{subject} uses the YAML tag '{shown(tag)}', which is not allowed here: remove it"


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and tag_of(node) == CORE + "null"


def is_text(node: Node) -> bool:
    return isinstance(node, ScalarNode) and tag_of(node) == CORE + "str"


def kind(node: Node) -> str:
    """What a value is, in the words of a message: 'must be text, not a list'."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return {"int": "a number", "float": "a number", "bool": "true/false", "timestamp": "a date",
            "null": "nothing"}.get(tag_of(node)[len(CORE):], "text")


def key_name(node: Node) -> str | None:
    """A mapping key as text, or None when it is a list or a mapping (``[a]: x``).
    The merge key ``<<`` is a name like any other: it is no front matter key."""
    return str(node.value) if isinstance(node, ScalarNode) else None


def pairs_by_name(doc: YamlText, mapping: MappingNode, twice: Callable[[str, int], str]
                  ) -> tuple[dict[str, tuple[Node, Node]], list[Diagnostic]]:
    """The pairs of a mapping by key, first occurrence kept; each later one is a
    diagnostic ``twice(name, first_line)`` at its own line (ruamel would raise)."""
    out: dict[str, tuple[Node, Node]] = {}
    diags: list[Diagnostic] = []
    for k, v in mapping.value:
        name = key_name(k)
        if name is None:
            continue
        if name in out:
            diags.append(doc.error(k, twice(name, doc.line(out[name][0]))))
        else:
            out[name] = (k, v)
    return out, diags


def shown(value: object) -> str:
    """A value as quoted in a message: one line, short, no control characters."""
    text = FORBIDDEN.sub(lambda m: f"<U+{ord(m.group()):04X}>", str(value)).replace("\n", " ")
    return text if len(text) <= _SHOWN_MAX else text[: _SHOWN_MAX - 1] + "…"


def read_date(text: str) -> tuple[dt.date | None, str]:
    """``(date, "")``, or ``(None, why)`` with ``why`` the end of a message:
    "is not a date of the form YYYY-MM-DD" or "is not a real date (...)"."""
    value = text.strip()
    found = _DATE_RE.fullmatch(value)
    if found is None:
        try:  # the old reader accepted every ISO form Python knows (20240301)
            return dt.date.fromisoformat(value), ""
        except ValueError:
            return None, "is not a date of the form YYYY-MM-DD"
    year, month, day = (int(g) for g in found.groups())
    if year == 0:
        return None, "is not a real date (there is no year 0)"
    if not 1 <= month <= 12:
        return None, f"is not a real date (there is no month {month})"
    days = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    if not 1 <= day <= days:
        why = "there is no day 0" if day == 0 else f"{_MONTHS[month - 1]} {year} has {days} days"
        return None, f"is not a real date ({why})"
    return dt.date(year, month, day), ""


def read_int(text: str) -> int | None:
    """A YAML 1.2 integer (1_000, 0x1F, 0o17), or None; never raises, not even
    for 5,000 digits."""
    value = text.strip().replace("_", "")
    if not _INT_RE.fullmatch(value):
        return None
    sign = -1 if value.startswith("-") else 1
    value = value.lstrip("+-")
    base = {"0x": 16, "0o": 8, "0b": 2}.get(value[:2], 10)
    try:
        return sign * int(value[2:] if base != 10 else value, base)
    except ValueError:
        return None
