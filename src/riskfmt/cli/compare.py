"""``riskfmt compare R1 R2 ... Rn``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from riskfmt.cli._options import view_lang_option
from riskfmt.cli._output import checked
from riskfmt.cli.diff import alpha_option, correction_option, emit, output_option
from riskfmt.compare.formats import FORMATS
from riskfmt.compare.options import MATRIX_FAIL_ON


@click.command("compare")
@click.argument("reports", nargs=-1, required=True, metavar="REPORT...")
@click.option("--format", "output_format", type=click.Choice(list(FORMATS)), default="text", show_default=True,
              help="text for a terminal, json for programs (one document), markdown for briefings, html for people "
                   "(one self-contained page).")
@view_lang_option
@click.option("--fail-on", type=click.Choice(list(MATRIX_FAIL_ON)), default=None,
              help="Exit 1 when two reports disagree beyond their uncertainty, or when agreement cannot be told.")
@alpha_option
@correction_option
@output_option
def command(reports: tuple[str, ...], output_format: str, lang: str, fail_on: str | None, alpha: float,
            correction: str, output: Path | None) -> int:
    """A matrix of evaluation reports against risk concepts: each report's value with its interval, and a
    flag where reports disagree beyond their uncertainty (one correction over all the tests).

    \b
    Exit codes: 0 the gate passes (always, without --fail-on), 1 it fails, 2 usage or input error,
    3 internal error.
    """
    from riskfmt.compare import compare_files
    from riskfmt.compare.options import DiffOptions

    if len(reports) < 2:
        raise click.UsageError("riskfmt compare needs at least two reports")
    if reports.count("-") > 1:
        raise click.UsageError("standard input can stand for only one report")
    checked(output, lang, inputs=reports)
    options = DiffOptions(alpha=alpha, correction=correction, fail_on=fail_on,
                          color=output_format == "text" and output is None and sys.stdout.isatty())
    from riskfmt.i18n import translate
    from riskfmt.progress import Progress

    with Progress(translate("Comparing {n} reports").format(n=len(reports)), ticker=True):
        outcome = compare_files(reports, options)
    emit(outcome, output_format, lang, output, reports)
    return 0 if outcome.gate(fail_on) else 1
