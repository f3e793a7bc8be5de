"""The ``reportgen`` command line (CONTRACT §3): a thin layer over the pipeline."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from reportgen import pipeline
from reportgen.check import citations
from reportgen.errors import Diagnostic, UserError
from reportgen.files import write_atomically
from reportgen.l10n import LANGUAGES

EXIT_FINDINGS, EXIT_UNUSABLE = 1, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="reportgen")
def cli() -> None:
    """Multilingual UN meeting reports: Markdown drafts to UN-formatted DOCX."""


@cli.command()
@click.argument("report_dir", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path),
              help="Output folder (default: build/<report name>/).")
@click.option("--lang", "langs", multiple=True, type=click.Choice(LANGUAGES),
              help="Build only this language version (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON manifest instead of paths.")
def build(report_dir: Path, out_dir: Path | None, langs: tuple[str, ...], as_json: bool) -> None:
    """Write one DOCX per language version of REPORT_DIR."""
    loaded = pipeline.load(report_dir, tuple(langs))
    _report(loaded.diagnostics)
    if loaded.errors:
        sys.exit(EXIT_UNUSABLE)
    rendered = pipeline.render_all(loaded)
    built = pipeline.write_all(loaded, rendered, out_dir or Path("build") / loaded.report.name)
    if as_json:
        click.echo(json.dumps([{"lang": b.lang, "path": str(b.path), "symbol": b.symbol} for b in built],
                              ensure_ascii=False, indent=2))
    else:
        for b in built:
            click.echo(str(b.path))


@cli.command()
@click.argument("report_dir", type=click.Path(path_type=Path))
def check(report_dir: Path) -> None:
    """Validate the sources of REPORT_DIR (front matter, numbering, symbols, labels,
    cited documents, word counts); write nothing."""
    loaded = pipeline.load(report_dir)
    diagnostics = pipeline.check(loaded)
    _report(diagnostics)
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = sum(d.severity == "warning" for d in diagnostics)
    versions = ", ".join(loaded.report.versions)
    click.echo(f"{report_dir}: {len(loaded.report.versions)} versions ({versions}): "
               f"{_count(errors, 'error')}, {_count(warnings, 'warning')}", err=True)
    if errors:
        sys.exit(EXIT_FINDINGS)


@cli.command()
@click.argument("report_dir", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def refs(report_dir: Path, as_json: bool) -> None:
    """List every document cited in REPORT_DIR: language, paragraph, line, symbol, title."""
    loaded = pipeline.load(report_dir)
    _report([d for d in loaded.diagnostics if d.severity == "error"])
    if loaded.errors:
        sys.exit(EXIT_UNUSABLE)
    rows = []
    for doc in loaded.report.versions.values():
        for c in citations(doc):
            entry = loaded.registry.get(c.symbol)
            title = entry.titles.get(c.lang) if entry else None
            rows.append({"lang": c.lang, "paragraph": None if c.paragraph is None else str(c.paragraph),
                         "line": c.line, "symbol": c.symbol, "registered": entry is not None, "title": title})
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in rows:
        title = r["title"] or ("(no title in this language)" if r["registered"] else "(not registered)")
        click.echo(f"{r['lang']}\t{r['paragraph'] or '-'}\t{r['line'] or '-'}\t{r['symbol']}\t{title}")


@cli.command()
@click.argument("report_dir", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the report to FILE instead of stdout.")
def align(report_dir: Path, fmt: str, output: Path | None) -> None:
    """Compare every language version of REPORT_DIR with the original, paragraph by paragraph.

    Exit 1 when a finding of severity error is open (not accepted)."""
    from reportgen.align import align_report
    from reportgen.align.text import render_text

    loaded = pipeline.load(report_dir)
    result = align_report(loaded.report)
    if fmt == "json":
        data = json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "html":
        from reportgen.align.html import render_html
        data = render_html(result)
    else:
        colour = output is None and sys.stdout.isatty()
        data = render_text(result, colour=colour)
    if output is not None:
        write_atomically(output, data.encode("utf-8"))
    else:
        click.echo(data, nl=False)
    if result.has_errors:
        sys.exit(EXIT_FINDINGS)


@cli.command()
@click.argument("report_dir", type=click.Path(path_type=Path))
@click.option("--check", "check_id", required=True, help="Check identifier, e.g. length-outlier.")
@click.option("--lang", required=True, type=click.Choice(LANGUAGES), help="Language of the finding.")
@click.option("--paragraph", help="Paragraph number (omit for a document-level finding).")
@click.option("--note", default="", help="Why the finding is acceptable.")
def accept(report_dir: Path, check_id: str, lang: str, paragraph: str | None, note: str) -> None:
    """Record a reviewed alignment finding as accepted (in REPORT_DIR/accepted.yaml).

    The acceptance lapses when either paragraph text changes."""
    from reportgen.align import align_report
    from reportgen.align.accept import Acceptance, fingerprint, read_acceptances, write_acceptances

    loaded = pipeline.load(report_dir)
    acceptances = read_acceptances(report_dir)
    result = align_report(loaded.report, acceptances=[])
    matches = [f for f in result.findings
               if (f.check, f.lang, f.paragraph) == (check_id, lang, paragraph)]
    if not matches:
        where = f"paragraph {paragraph}" if paragraph else "the document"
        raise UserError(report_dir, None, f"no {check_id} finding for {lang} at {where} to accept")
    f = matches[0]
    original, version = result.versions[result.original], result.versions[lang]
    new = Acceptance(check_id, lang, paragraph, fingerprint(f, original, version), note)
    kept = [a for a in acceptances if a.key() != new.key()]
    path = write_acceptances(report_dir, kept + [new])
    click.echo(f"{path}: accepted {check_id} for {lang}" + (f" paragraph {paragraph}" if paragraph else ""))


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _report(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        click.echo(str(d), err=True)


def main(argv: list[str] | None = None) -> None:
    """Entry point: every failure a user can cause is one line on stderr, exit 2."""
    try:
        cli.main(args=argv, prog_name="reportgen", standalone_mode=False)
    except UserError as exc:
        click.echo(str(exc), err=True)
        sys.exit(EXIT_UNUSABLE)
    except click.UsageError as exc:
        hint = f" (see 'reportgen {exc.ctx.info_name} --help')" if exc.ctx and exc.ctx.parent else ""
        click.echo(f"reportgen: {exc.format_message()}{hint}", err=True)
        sys.exit(EXIT_UNUSABLE)
    except click.Abort:
        click.echo("reportgen: aborted", err=True)
        sys.exit(EXIT_UNUSABLE)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except OSError as exc:
        where = exc.filename or "reportgen"
        click.echo(f"{where}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_UNUSABLE)


if __name__ == "__main__":  # pragma: no cover
    main()
