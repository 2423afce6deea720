"""``riskfmt render FILE -o OUT.html``."""

from __future__ import annotations

from pathlib import Path

import click

from riskfmt.cli._options import view_lang_option


@click.command("render")
@click.argument("file", metavar="FILE")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the page to this file (atomically) instead of standard output.")
@view_lang_option
def command(file: str, output: Path | None, lang: str) -> int:
    """Draw an evaluation report, an incident report or a diff result (the JSON of riskfmt diff --format json)
    as one self-contained HTML page for people: the marking, who evaluated what and when, every result on a
    forest plot with its interval and n, results by risk concept with the vocabulary's coverage, the
    validator's findings and what was withheld. The page loads nothing (no script, font or image), prints,
    and fits a phone. FILE may be - for standard input.

    \b
    Exit codes: 0 drawn, 2 the file cannot be read or does not match its schema (the findings are printed),
    3 internal error. Findings that leave the shape intact (an interval that excludes its value, say) are
    drawn on the page, not refused.
    """
    from riskfmt.io import atomic_write_text
    from riskfmt.views import render_file

    page, _ = render_file(file, lang)
    if output is None:
        click.echo(page, nl=False)
        return 0
    if file != "-" and Path(file).resolve() == output.resolve():
        raise click.UsageError(f"refusing to write the output over an input: {output}")
    try:
        atomic_write_text(output, page)
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from None
    return 0
