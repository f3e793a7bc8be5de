"""YAML front matter: split it off the Markdown and check it against CONTRACT §2.

ruamel.yaml is used because it keeps the line of every key, so a bad value is
reported at its own line rather than at the top of the file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from reportgen.errors import UserError
from reportgen.l10n import LANGUAGES
from reportgen.model import DISTRIBUTIONS, Metadata

REQUIRED = ("symbol", "distribution", "date", "language", "original", "organ", "title")
OPTIONAL = ("subtitle", "meeting", "venue", "dates", "agenda", "job", "word_limit")

# UN length limits, footnotes and headings included (General Assembly resolutions on
# documentation): reports of the Secretariat, and all others. The larger is the default.
WORD_LIMITS = {"secretariat": 8500, "other": 10700}

# Job numbers as printed in the footer: optional duty-station prefix (V. for Vienna), YY-NNNNN.
JOB_RE = re.compile(r"^(?:[A-Z]\.)?\d{2}-\d{5}$")


@dataclass(frozen=True)
class Split:
    """A source file cut in two; ``body`` keeps the front matter as blank lines
    so that line numbers reported by pandoc are the file's own."""

    front: str
    front_start: int  # line of the first YAML line
    body: str


def split(path: Path, text: str) -> Split:
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise UserError(path, 1, "missing YAML front matter: the file must start with a '---' line")
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            front = "\n".join(lines[1:i])
            body = "\n" * (i + 1) + "\n".join(lines[i + 1 :])
            return Split(front, 2, body)
    raise UserError(path, 1, "front matter is not closed: no '---' line after the opening one")


def parse(path: Path, split_: Split) -> Metadata:
    """Parse and validate front matter into ``Metadata``."""
    yaml = YAML(typ="rt")
    try:
        data = yaml.load(split_.front)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = split_.front_start + mark.line if mark else split_.front_start
        raise UserError(path, line, f"invalid YAML front matter: {exc.problem or exc.context}") from None
    except YAMLError as exc:  # pragma: no cover - ruamel raises Marked errors for syntax
        raise UserError(path, split_.front_start, f"invalid YAML front matter: {exc}") from None
    if not isinstance(data, dict):
        raise UserError(path, split_.front_start, "front matter must be a mapping of keys to values")

    def line_of(key: str) -> int:
        try:
            return split_.front_start + data.lc.key(key)[0]
        except (AttributeError, KeyError, TypeError):
            return split_.front_start

    lines = {str(k): line_of(k) for k in data}
    for key in data:
        if key not in REQUIRED and key not in OPTIONAL:
            known = ", ".join(REQUIRED + OPTIONAL)
            raise UserError(path, line_of(key), f"unknown front matter key '{key}' (known keys: {known})")
    for key in REQUIRED:
        if key not in data or data[key] in (None, ""):
            raise UserError(path, split_.front_start, f"front matter lacks required key '{key}'")

    def text(key: str) -> str:
        value = data[key]
        if not isinstance(value, str):
            raise UserError(path, line_of(key), f"'{key}' must be text, not {_kind(value)}")
        return value.strip()

    def opt_text(key: str) -> str | None:
        return text(key) if data.get(key) not in (None, "") else None

    distribution = text("distribution").lower()
    if distribution not in DISTRIBUTIONS:
        raise UserError(
            path, line_of("distribution"),
            f"distribution '{data['distribution']}' is not one of: {', '.join(DISTRIBUTIONS)}",
        )
    language = text("language")
    expected = path.stem
    if language not in LANGUAGES:
        raise UserError(path, line_of("language"), f"language '{language}' is not one of: {', '.join(LANGUAGES)}")
    if language != expected:
        raise UserError(path, line_of("language"), f"language '{language}' does not match the file name '{path.name}'")
    original = text("original")
    if original not in LANGUAGES:
        raise UserError(path, line_of("original"), f"original '{original}' is not one of: {', '.join(LANGUAGES)}")

    dates = None
    if data.get("dates") is not None:
        value = data["dates"]
        if not isinstance(value, list) or len(value) != 2:
            raise UserError(path, line_of("dates"), "'dates' must be a list of two dates: [YYYY-MM-DD, YYYY-MM-DD]")
        first, last = (_date(path, line_of("dates"), "dates", v) for v in value)
        if last < first:
            raise UserError(path, line_of("dates"), f"'dates' ends ({last}) before it starts ({first})")
        dates = (first, last)

    agenda: tuple[str, ...] = ()
    if data.get("agenda") is not None:
        value = data["agenda"]
        items = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str) for v in items):
            raise UserError(path, line_of("agenda"), "'agenda' must be a line of text or a list of lines")
        agenda = tuple(v.strip() for v in items)

    job = opt_text("job")
    if job is not None and not JOB_RE.match(job):
        raise UserError(path, line_of("job"), f"job number '{job}' is not of the form YY-NNNNN or V.YY-NNNNN")

    return Metadata(
        word_limit=_word_limit(path, line_of("word_limit"), data.get("word_limit")),
        symbol=text("symbol"),
        distribution=distribution,
        date=_date(path, line_of("date"), "date", data["date"]),
        language=language,
        original=original,
        organ=text("organ"),
        title=text("title"),
        subtitle=opt_text("subtitle"),
        meeting=opt_text("meeting"),
        venue=opt_text("venue"),
        dates=dates,
        agenda=agenda,
        job=job,
        lines=lines,
    )


def _word_limit(path: Path, line: int, value: Any) -> int:
    if value is None:
        return WORD_LIMITS["other"]
    if isinstance(value, str) and value.strip().lower() in WORD_LIMITS:
        return WORD_LIMITS[value.strip().lower()]
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    raise UserError(path, line, f"word_limit '{value}' must be 'secretariat' (8,500), 'other' (10,700) "
                                "or a number of words")


def _date(path: Path, line: int, key: str, value: Any) -> dt.date:
    # YAML already turns an unquoted 2021-09-07 into a date; a quoted one stays text.
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise UserError(path, line, f"'{key}' value '{value}' is not a date of the form YYYY-MM-DD")


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    return type(value).__name__
