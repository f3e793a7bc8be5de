"""The characters of each script a language data file may name (``script``,
``upright_scripts``): one table, for every stage that asks "is this character Han?".

Han includes the punctuation and full-width forms set with Chinese text (《》。，（）),
which Unicode lists with the Han script (Script_Extensions) or in the CJK blocks.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["SCRIPT_CHARS", "script_pattern"]

SCRIPT_CHARS: dict[str, str] = {
    "han": "\u2e80-\u2fdf\u2ff0-\u303f\u3190-\u319f\u31c0-\u31ef\u3200-\u33ff\u3400-\u4dbf"
           "\u4e00-\u9fff\uf900-\ufaff\ufe10-\ufe1f\ufe30-\ufe4f\uff01-\uff60\uffe0-\uffe6"
           "\U00020000-\U0003ffff",
    "latin": "A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff",
    "cyrillic": "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f",
    "arabic": "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc",
}


@lru_cache(maxsize=None)
def script_pattern(*scripts: str) -> re.Pattern[str]:
    """A run of characters of any of ``scripts`` (names of :data:`SCRIPT_CHARS`)."""
    return re.compile("[" + "".join(SCRIPT_CHARS[name] for name in sorted(scripts)) + "]+")
