"""The alignment report for a terminal: grouped by language and paragraph,
coloured by severity when the output is a terminal."""

from __future__ import annotations

import click

from reportgen.align.findings import Finding
from reportgen.align.result import AlignmentResult
from reportgen.l10n import language

COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _line(f: Finding, colour: bool) -> str:
    where = f"¶{f.paragraph}" if f.paragraph is not None else "—"
    line = f"line {f.line}" if f.line else ""
    severity = click.style(f"{f.severity:7}", fg=COLOURS[f.severity], bold=True) if colour else f"{f.severity:7}"
    return f"  {where:>5}  {line:9}  {severity}  {f.check:20}  {f.message}"


def render_text(result: AlignmentResult, colour: bool = False) -> str:
    out = [f"{result.report} ({result.symbol}): versions compared with the original, "
           f"{result.original}.md ({language(result.original).english_name})"]
    for lang in result.languages[1:]:
        mine = [f for f in result.findings if f.lang == lang]
        counts = result.summary_for(lang)
        head = f"{lang}.md ({language(lang).english_name}): " + _counts(counts)
        out.append("")
        out.append(click.style(head, bold=True) if colour else head)
        out.extend(_line(f, colour) for f in mine)
        accepted = [f for f in result.accepted if f.lang == lang]
        if accepted:
            out.append(f"  accepted ({len(accepted)}):")
            out.extend("  " + _line(f, False) for f in accepted)
    out.append("")
    out.append("Total: " + _counts(result.summary()) + (f", {len(result.accepted)} accepted" if result.accepted else ""))
    return "\n".join(out) + "\n"


def summary_line(result: AlignmentResult) -> str:
    """The open findings counted in total (as the text format's last line) and, for each
    language that has any, by severity; then the accepted ones. ``align -o FILE`` prints it,
    so that a run writing to a file still says what it found."""
    by_lang = []
    for lang in result.languages[1:]:
        counts = {s: n for s, n in result.summary_for(lang).items() if n}
        if counts:
            by_lang.append(f"{lang}: {_counts(counts)}")
    return (_counts(result.summary()) + (f" ({'; '.join(by_lang)})" if by_lang else "")
            + (f", {len(result.accepted)} accepted" if result.accepted else ""))


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {s}{'' if n == 1 or s == 'info' else 's'}" for s, n in counts.items())
