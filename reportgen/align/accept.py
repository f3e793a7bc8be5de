"""Reviewed findings a reviewer accepts, kept in ``sources/<name>/accepted.yaml``.

An acceptance names the check, language and paragraph and carries a hash of the
original's and the translation's paragraph text: when either text changes the
acceptance no longer matches and the finding is open again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from reportgen.align.findings import Finding, Version
from reportgen.errors import UserError
from reportgen.files import write_atomically

FILE_NAME = "accepted.yaml"
HEADER = ("# Alignment findings accepted by a reviewer (reportgen accept). Each stays accepted\n"
          "# while both paragraph texts are unchanged (hash).\n")


@dataclass(frozen=True)
class Acceptance:
    check: str
    lang: str
    paragraph: str | None
    hash: str
    note: str = ""

    def key(self) -> tuple[str, str, str | None]:
        return self.check, self.lang, self.paragraph


def fingerprint(f: Finding, original: Version, version: Version) -> str:
    """Hash of both paragraph texts (or of the message for a document-level finding)."""
    if f.paragraph is None and f.version_paragraph is None:
        basis = f.message
    else:
        # the original's paragraph and the version's own (they differ after renumbering)
        a = original.units.get(int(f.paragraph)) if f.paragraph is not None else None
        own = f.version_paragraph if f.version_paragraph is not None else f.paragraph
        b = version.units.get(int(own)) if own is not None else None
        basis = (a.text if a else "") + "\x1f" + (b.text if b else "") + "\x1f" + f.message
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def read_acceptances(report_dir: Path) -> list[Acceptance]:
    path = report_dir / FILE_NAME
    if not path.is_file():
        return []
    try:
        data = YAML(typ="rt").load(path.read_text(encoding="utf-8")) or []
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise UserError(path, mark.line + 1 if mark else None, f"invalid YAML: {exc.problem}") from None
    if not isinstance(data, list):
        raise UserError(path, 1, "expected a list of accepted findings")
    out = []
    for i, item in enumerate(data):
        line = data.lc.item(i)[0] + 1 if isinstance(data, CommentedSeq) else None
        if not isinstance(item, dict) or not {"check", "lang", "hash"} <= set(item):
            raise UserError(path, line, "an accepted finding needs check, lang, paragraph and hash")
        paragraph = item.get("paragraph")
        out.append(Acceptance(str(item["check"]), str(item["lang"]),
                              None if paragraph is None else str(paragraph), str(item["hash"]),
                              str(item.get("note") or "")))
    return out


def renewal(acceptances: list[Acceptance], accepted: Acceptance, note: str | None) -> tuple[list[Acceptance], str]:
    """``acceptances`` with ``accepted`` recorded in place of an earlier acceptance of the
    same finding, and what became of the earlier note ("" when there was none).

    Without a new note (None) the earlier one is kept: accepting again after the text
    changed must not erase the reviewer's reason. ``""`` removes it."""
    earlier = next((a for a in acceptances if a.key() == accepted.key()), None)
    before = earlier.note if earlier is not None else ""
    new = replace(accepted, note=before if note is None else note)
    others = [a for a in acceptances if a.key() != accepted.key()]
    if not before or new.note == before:
        remark = f'note kept: "{before}"' if before else ""
    else:
        remark = "note removed" if not new.note else f'note replaced; it was "{before}"'
    return others + [new], remark


def write_acceptances(report_dir: Path, acceptances: list[Acceptance]) -> Path:
    path = report_dir / FILE_NAME
    lines = [HEADER]
    for a in sorted(acceptances, key=lambda a: (a.lang, int(a.paragraph or 0), a.check)):
        lines.append(f"- check: {a.check}\n  lang: {a.lang}\n")
        lines.append(f"  paragraph: {'null' if a.paragraph is None else repr(a.paragraph)}\n")
        lines.append(f"  hash: {a.hash}\n")
        if a.note:
            lines.append(f"  note: {_quote(a.note)}\n")
    write_atomically(path, "".join(lines).encode("utf-8"))
    return path


def _quote(text: str) -> str:
    """A YAML double-quoted scalar: a line break inside it would be folded to a space,
    so it is written as the escape \\n (and tabs, other controls likewise)."""
    return json.dumps(text, ensure_ascii=False)  # JSON strings are YAML double-quoted scalars
