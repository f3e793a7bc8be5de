"""The cited-documents registry: which documents a report may cite, with their
titles in each language.

Two files are read, both optional: ``sources/documents.yaml`` (project-wide)
and ``sources/<report>/documents.yaml`` (this report; its entries win)::

    CAC/COSP/EG.1/2021/2:
      date: 2021-06-29            # optional
      title:
        en: Progress made in the implementation of the mandates ...
        zh: 增进《联合国反腐败公约》下国际合作 ...
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from reportgen.errors import UserError
from reportgen.l10n import LANGUAGES

FILE_NAME = "documents.yaml"


@dataclass(frozen=True)
class Entry:
    symbol: str
    titles: dict[str, str]
    date: dt.date | None
    path: Path
    line: int


@dataclass(frozen=True)
class Registry:
    entries: dict[str, Entry] = field(default_factory=dict)
    files: tuple[Path, ...] = ()

    def get(self, symbol: str) -> Entry | None:
        return self.entries.get(symbol)


def registry_files(report_dir: Path) -> list[Path]:
    """Project-wide file first, then the report's own, so the report's wins."""
    candidates = [report_dir.parent / FILE_NAME, report_dir / FILE_NAME]
    return [p for p in candidates if p.is_file()]


def read_registry(report_dir: Path) -> Registry:
    entries: dict[str, Entry] = {}
    files = registry_files(report_dir)
    for path in files:
        entries.update(_read(path))
    return Registry(entries, tuple(files))


def _read(path: Path) -> dict[str, Entry]:
    try:
        data = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise UserError(path, mark.line + 1 if mark else None, f"invalid YAML: {exc.problem or exc.context}") from None
    except UnicodeDecodeError:
        raise UserError(path, None, "file is not valid UTF-8") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UserError(path, 1, "a documents registry maps document symbols to their titles")
    out: dict[str, Entry] = {}
    for symbol, value in data.items():
        line = data.lc.key(symbol)[0] + 1
        if not isinstance(value, dict) or not isinstance(value.get("title"), dict):
            raise UserError(path, line, f"'{symbol}' needs a 'title' mapping of language codes to titles")
        unknown = set(value) - {"title", "date"}
        if unknown:
            raise UserError(path, line, f"'{symbol}' has unknown keys: {', '.join(sorted(map(str, unknown)))} "
                                        "(known: title, date)")
        titles = {}
        for lang, title in value["title"].items():
            if lang not in LANGUAGES:
                raise UserError(path, line, f"'{symbol}': title language '{lang}' is not one of: {', '.join(LANGUAGES)}")
            if not isinstance(title, str) or not title.strip():
                raise UserError(path, line, f"'{symbol}': the {lang} title must be text")
            titles[lang] = title.strip()
        date = value.get("date")
        if date is not None and not isinstance(date, dt.date):
            raise UserError(path, line, f"'{symbol}': date '{date}' is not of the form YYYY-MM-DD")
        out[str(symbol)] = Entry(str(symbol), titles, date, path, line)
    return out
