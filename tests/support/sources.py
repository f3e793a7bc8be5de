"""Small source files the tests write: a language version's front matter, and a
packaged language data file with one edit."""

from __future__ import annotations

import re
from pathlib import Path

from reportgen.l10n import data_path

#: The front matter of a test report's version in language ``lang`` (``.format(lang=…)``),
#: English the original.
FRONT = """---
symbol: A/AC.123/2024/L.2/Add.3
distribution: limited
date: 2024-03-01
language: {lang}
original: en
organ: Ad Hoc Committee on Testing
title: Draft report
meeting: Third session
venue: New York
dates: [2024-02-26, 2024-03-01]
job: 24-01234
---

"""


def edited_data_file(tmp_path: Path, code: str, pattern: str, replacement: str) -> Path:
    """A copy of language ``code``'s data file in ``tmp_path`` with the first match of
    ``pattern`` (a line-anchored expression) replaced; the pattern must match."""
    text = data_path(code).read_text(encoding="utf-8")
    new, count = re.subn(pattern, replacement, text, count=1, flags=re.M)
    assert count == 1, pattern
    path = tmp_path / f"{code}.yaml"
    path.write_text(new, encoding="utf-8")
    return path
