"""The third-party test data beside the checkout: ``<repo>/../shared``.

Some tests read data that is not ours to ship and lives next to the repository,
never inside it: the ISO/IEC 29500 schemas (``ooxml-schemas/``) and the Unicode
UDHR texts (``udhr/``).  A user's fresh clone has no ``../shared``; CI has it.

``require_shared(what)`` is the one gate every test goes through:

* present  -> returns the path ``<repo>/../shared/<what>``;
* absent, locally  -> the test is *skipped* with the single reason :data:`REASON`
  (so ``pytest -ra`` folds every such skip into one summary line);
* absent, ``CI=true`` -> the test *fails*, naming the missing path, so CI can
  never silently stop using the data.

:func:`in_ci` is also what :mod:`tests.support.tools` uses for external programs.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

#: Root of the repository (the directory holding ``pyproject.toml``).
REPO_ROOT = Path(__file__).resolve().parents[2]

#: The third-party data folder, a sibling of the checkout.
SHARED = REPO_ROOT.parent / "shared"

#: The one skip reason of every test that needs ``../shared``.
REASON = "needs ../shared (third-party test data beside the checkout); required under CI=true"


def in_ci() -> bool:
    """True when running under CI (``CI=true``, case-insensitive, ``1`` or ``yes``)."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def shared_path(what: str) -> Path:
    """``<repo>/../shared/<what>`` (``what`` is a relative path), present or not."""
    return SHARED / what


def available(*what: str) -> bool:
    """Whether every ``<repo>/../shared/<what>`` exists (no pytest side effects)."""
    return all(shared_path(w).exists() for w in (what or ("",)))


def require_shared(what: str) -> Path:
    """``<repo>/../shared/<what>``; skip (locally) or fail (``CI=true``) when absent."""
    path = shared_path(what)
    if path.exists():
        return path
    if in_ci():
        pytest.fail(f"{path} not found: {REASON}", pytrace=False)
    pytest.skip(REASON)
