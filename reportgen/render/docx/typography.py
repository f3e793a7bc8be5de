"""Where a line may not break: typography the writer applies to the model's text.

The model keeps the author's text as typed; these rules change only how it is set
(INTERFACE §4.5), in the one writer, so build, review and diff set text alike:

* a **document symbol** is one unbreakable word. LibreOffice and Word break a line
  after ``/`` and ``-`` (Unicode's line-breaking classes SY and HY), which cut
  ``(A/ | RES/S-32/1)``. A WORD JOINER (U+2060, class WJ: no break on either side)
  after each of them, and no-break spaces for the spaces of ``S/RES/2532 (2020)``,
  leave a break only before the symbol and after it. Verified in LibreOffice's PDF
  (tests/render/test_pages_as_issued.py): none of the Han-specific joiners are
  needed, the word joiner is honoured in Latin, Cyrillic, Chinese and Arabic lines.
* **no-break spaces** of each language (``2019 года``, ``mot ;``) are data:
  ``no_break`` in ``l10n/data/<code>.yaml``, applied by ``body.run``
  (``Language.no_break_spaces``).
"""

from __future__ import annotations

WORD_JOINER = "\u2060"
NO_BREAK_SPACE = "\u00a0"
#: after these a line may break (Unicode line-breaking classes SY, HY, BA)
_BREAKS_AFTER = frozenset("/-\u2010\u2013")


def unbreakable(symbol: str) -> str:
    """``symbol`` with a word joiner after every character a line may break after,
    and no-break spaces: ``A/RES/S-32/1`` → ``A/⁠RES/⁠S-⁠32/⁠1``."""
    out = []
    for i, char in enumerate(symbol):
        if char == " ":
            out.append(NO_BREAK_SPACE)
            continue
        out.append(char)
        if char in _BREAKS_AFTER and i + 1 < len(symbol):
            out.append(WORD_JOINER)
    return "".join(out)
