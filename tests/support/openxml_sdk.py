"""Run the Open XML SDK validator (npm ``@ooxml-tools/validate``) on DOCX files.

The package wraps Microsoft's Open XML SDK compiled to WebAssembly; it works
offline.  Install it with ``npm ci`` in the repository root (pinned in
``package.json`` / ``package-lock.json``); it lands in ``node_modules/``.

CLI contract (checked against version 0.4.6)::

    node_modules/.bin/ooxml-validate --output-format json \\
        --office-version Microsoft365 [--format docx] FILE

* prints a JSON array on stdout, ``[]`` when the file is valid, otherwise
  one object per finding::

      {"description": "The element has invalid child element '...:bogus'. ...",
       "path": {"xpath": "/w:document[1]/w:body[1]/w:p[1]",
                "partUri": "/word/document.xml"},
       "id": "Sch_InvalidElementContentExpectingComplex",
       "errorType": 0}

  (``errorType`` is the SDK's ``ValidationErrorType``: 0 Schema, 1 Semantic,
  2 Package, 3 MarkupCompatibility.)
* ALWAYS exits 0 when it could read the file, findings or not, so the
  wrapper treats a non-empty list as failure; exits 1 (stack trace on
  stderr) when the file cannot be read.
* is slow: ~9 s of WebAssembly start-up + first validation, ~3 s per further
  document in the same process.  :func:`sdk_findings_many` validates several
  files in ONE node process to amortise the start-up.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterable
from pathlib import Path

from . import tools

__all__ = ["sdk_findings", "sdk_findings_many", "format_findings", "OFFICE_VERSION"]

#: Office version the SDK validates against (its CLI default).
OFFICE_VERSION = "Microsoft365"

_TIMEOUT = 300


def _parse_findings(stdout: str, what: str) -> list[dict]:
    text = stdout.strip()
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        # Be tolerant of stray log lines before the JSON array.
        start = text.find("\n[")
        start = 0 if text.startswith("[") else (start + 1 if start >= 0 else -1)
        if start < 0:
            raise RuntimeError(f"ooxml-validate produced no JSON for {what}:\n{stdout}") from None
        data = json.loads(text[start:])
    if not isinstance(data, list):
        raise RuntimeError(f"ooxml-validate: expected a JSON list for {what}, got {data!r}")
    return data


def sdk_findings(path: Path | str, *, office_version: str = OFFICE_VERSION,
                 timeout: float = _TIMEOUT) -> list[dict]:
    """Validate one DOCX with the ``ooxml-validate`` CLI; return its findings.

    ``[]`` means valid.  Skips locally / fails under ``CI=true`` when the npm
    package (or node) is not installed.
    """
    exe = tools.require("ooxml-validate")
    tools.require("node")  # the CLI is a ``#!/usr/bin/env node`` script
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(path)
    cmd = [exe, "--output-format", "json", "--office-version", office_version,
           "--format", "docx", str(path)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(
            f"ooxml-validate failed (exit {proc.returncode}) on {path}:\n"
            f"{proc.stdout}\n{proc.stderr}"
        )
    return _parse_findings(proc.stdout, str(path))


# One node process for many files: imports the package's JS API directly.
_BATCH_SCRIPT = r"""
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
const [moduleFile, officeVersion, ...files] = process.argv.slice(1);
const { default: validate } = await import(pathToFileURL(moduleFile).href);
const out = {};
for (const f of files) {
  out[f] = await validate(await readFile(f), 'docx', officeVersion);
}
process.stdout.write('\n' + JSON.stringify(out) + '\n');
"""


def sdk_findings_many(paths: Iterable[Path | str], *, office_version: str = OFFICE_VERSION,
                      timeout: float = _TIMEOUT) -> dict[Path, list[dict]]:
    """Validate several DOCX files in one node process; ``{path: findings}``."""
    paths = [Path(p) for p in paths]
    if not paths:
        return {}
    tools.require("ooxml-validate")
    node = tools.require("node")
    module = tools.REPO_ROOT / "node_modules" / "@ooxml-tools" / "validate" / "dist" / "npm" / "index.js"
    if not module.is_file():
        tools.missing(f"{module} not found: run `npm ci` in the repository root")
    for p in paths:
        if not p.is_file():
            raise FileNotFoundError(p)
    cmd = [node, "--input-type=module", "-e", _BATCH_SCRIPT, "--", str(module),
           office_version, *(str(p) for p in paths)]
    # give every extra file its own budget
    proc = subprocess.run(cmd, capture_output=True, text=True,
                          timeout=timeout + 30 * (len(paths) - 1))
    if proc.returncode != 0:
        raise RuntimeError(f"ooxml-validate (batch) failed (exit {proc.returncode}):\n"
                           f"{proc.stdout}\n{proc.stderr}")
    last = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    try:
        data = json.loads(last)
    except json.JSONDecodeError:
        raise RuntimeError(f"ooxml-validate (batch) produced no JSON:\n{proc.stdout}\n"
                           f"{proc.stderr}") from None
    return {p: data[str(p)] for p in paths}


def format_findings(findings: list[dict]) -> list[str]:
    """Human-readable ``"part xpath: Id: description"`` lines for assertion messages."""
    lines = []
    for f in findings:
        where = f.get("path") or {}
        lines.append(f"{where.get('partUri', '?').lstrip('/')} {where.get('xpath', '')}: "
                     f"{f.get('id', '?')}: {f.get('description', '')}")
    return lines


def assert_sdk_valid(path: Path | str) -> None:
    findings = sdk_findings(path)
    assert not findings, "Open XML SDK findings:\n  " + "\n  ".join(format_findings(findings))
