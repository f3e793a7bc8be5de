"""Discovery of the external tools the DOCX (and HTML report) verification relies on.

``require(name)`` returns the absolute path of an executable.  When the tool
is missing the calling test is *skipped* locally but *fails* when the
environment variable ``CI`` is ``true`` (GitHub Actions, GitLab, … set it), so
that CI can never silently stop verifying documents.  The same rule, with the
same :func:`in_ci`, governs the third-party data in ``../shared``
(:mod:`tests.support.shared`; the schemas: :func:`require_schemas`).

Known tool names:

``soffice``         LibreOffice (``soffice``, falling back to ``libreoffice``)
``libreoffice``     alias of ``soffice``
``pdftotext``       poppler-utils
``pdftoppm``        poppler-utils
``pdfinfo``         poppler-utils (optional; page counting falls back to pdftotext)
``ooxml-validate``  the Open XML SDK validator from npm, looked up ONLY in
                    ``<repo>/node_modules/.bin`` (install with ``npm ci``)
``node``            Node.js (for batch use of the npm validator)
``chromium``        headless Chromium for the HTML alignment report (``chromium``,
                    falling back to ``chromium-browser``)
``chromium-browser`` alias of ``chromium``

Any other name is looked up on ``PATH``.
"""

from __future__ import annotations

import os
import shutil
from functools import lru_cache
from pathlib import Path

import pytest

from .shared import REPO_ROOT, SHARED, in_ci, require_shared

__all__ = ["REPO_ROOT", "DEFAULT_SCHEMAS_DIR", "in_ci", "missing", "find", "require",
           "schemas_dir", "require_schemas"]

#: Where the third-party ISO/IEC 29500 schemas live: ``<repo>/../shared/ooxml-schemas``
#: (see :mod:`tests.support.shared`).  ``OOXML_SCHEMAS_DIR`` may override it (e.g. a CI
#: cache elsewhere).
DEFAULT_SCHEMAS_DIR = SHARED / "ooxml-schemas"
#: The file whose presence means "the schemas are there".
_SCHEMAS_MARKER = Path("microsoft") / "wml-2010.xsd"

_CANDIDATES: dict[str, tuple[str, ...]] = {
    "soffice": ("soffice", "libreoffice"),
    "libreoffice": ("soffice", "libreoffice"),
    "chromium": ("chromium", "chromium-browser"),
    "chromium-browser": ("chromium", "chromium-browser"),
}

_HINTS: dict[str, str] = {
    "soffice": "install LibreOffice (apt-get install libreoffice-writer)",
    "pdftotext": "install poppler-utils",
    "pdftoppm": "install poppler-utils",
    "pdfinfo": "install poppler-utils",
    "ooxml-validate": "run `npm ci` in the repository root",
    "node": "install Node.js >= 20",
    "chromium": "install Chromium (apt-get install chromium)",
    "chromium-browser": "install Chromium (apt-get install chromium)",
}


def missing(message: str) -> None:
    """Skip the current test locally, fail it under CI.  Never returns."""
    if in_ci():
        pytest.fail(f"{message} (required because CI=true)", pytrace=False)
    pytest.skip(message)


@lru_cache(maxsize=None)
def find(name: str) -> str | None:
    """Return the executable path for *name*, or ``None`` (no pytest side effects)."""
    if name == "ooxml-validate":
        exe = REPO_ROOT / "node_modules" / ".bin" / "ooxml-validate"
        return str(exe) if exe.is_file() and os.access(exe, os.X_OK) else None
    for candidate in _CANDIDATES.get(name, (name,)):
        found = shutil.which(candidate)
        if found:
            return found
    return None


def require(name: str) -> str:
    """Path of tool *name*; skip (locally) or fail (``CI=true``) when it is absent."""
    found = find(name)
    if found is None:
        hint = _HINTS.get("soffice" if name == "libreoffice" else name, "")
        missing(f"required tool {name!r} not found" + (f": {hint}" if hint else ""))
    return found  # type: ignore[return-value]


def schemas_dir() -> Path | None:
    """The ooxml-schemas directory if present (``OOXML_SCHEMAS_DIR`` overrides)."""
    env = os.environ.get("OOXML_SCHEMAS_DIR")
    path = Path(env) if env else DEFAULT_SCHEMAS_DIR
    return path if (path / _SCHEMAS_MARKER).is_file() else None


def require_schemas() -> Path:
    """The ooxml-schemas directory; skip (locally) or fail (``CI=true``) when absent.

    Without ``OOXML_SCHEMAS_DIR`` this is :func:`tests.support.shared.require_shared`,
    so the skip carries the one ``../shared`` reason of every such test."""
    path = schemas_dir()
    if path is not None:
        return path
    env = os.environ.get("OOXML_SCHEMAS_DIR")
    if env:
        missing(f"ISO/IEC 29500 schemas not found in OOXML_SCHEMAS_DIR={env}")
    require_shared((Path("ooxml-schemas") / _SCHEMAS_MARKER).as_posix())
    # ../shared/ooxml-schemas exists but is not a usable schema folder
    missing(f"{DEFAULT_SCHEMAS_DIR} has no {_SCHEMAS_MARKER.as_posix()}")
    raise AssertionError("unreachable")  # pragma: no cover
