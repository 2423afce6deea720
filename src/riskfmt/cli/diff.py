"""``riskfmt diff A B``."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from riskfmt.cli._options import view_lang_option
from riskfmt.cli._output import checked
from riskfmt.compare.formats import FORMATS
from riskfmt.compare.options import CORRECTIONS, FAIL_ON

output_format_option = click.option(
    "--format", "output_format", type=click.Choice(list(FORMATS)), default="text", show_default=True,
    help="text for a terminal, json for programs (one document; schema diff-result-1.0), markdown for pull "
         "requests, html for people (one self-contained page; see riskfmt render).",
)
alpha_option = click.option(
    "--alpha", type=click.FloatRange(0, 1, min_open=True, max_open=True), default=0.05, show_default=True,
    help="Family-wise error rate over all the tests made; intervals are shown at 1 - alpha.",
)
correction_option = click.option(
    "--correction", type=click.Choice(list(CORRECTIONS)), default="holm", show_default=True,
    help="Correction for the number of tests.",
)
output_option = click.option(
    "-o", "--output", type=click.Path(path_type=Path), default=None,
    help="Write to this file (atomically; never over an input) instead of standard output.",
)


def emit(outcome: Any, output_format: str, lang: str, output: Path | None, inputs: Sequence[str]) -> None:
    """Print or write a comparison; shared by ``riskfmt diff`` and ``riskfmt compare``."""
    from riskfmt.compare.formats import emit as render
    from riskfmt.io import atomic_write_text

    if lang == "both" and output_format != "html":
        raise click.UsageError("--lang both needs --format html")
    text = render(outcome, output_format, lang)
    if output is None or str(output) == "-":
        click.echo(text, nl=False)
        return
    atomic_write_text(output, text)


@click.command("diff")
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@output_format_option
@view_lang_option
@click.option("--fail-on", type=click.Choice(list(FAIL_ON)), default=None,
              help="Exit 1 on any difference beyond the uncertainty (or untestable), or only on those that make B "
                   "worse (by each metric's direction). Without it the exit code is 0 unless an input is invalid.")
@alpha_option
@correction_option
@click.option("--no-samples", is_flag=True,
              help="Skip the paired per-sample comparison (and do not open samples files).")
@click.option("--memory-rows", type=click.IntRange(min=1), default=50_000, show_default=True,
              help="Unpaired sample rows held in memory before the rest is partitioned to temporary files.")
@output_option
def command(a: str, b: str, output_format: str, lang: str, fail_on: str | None, alpha: float, correction: str,
            no_samples: bool, memory_rows: int, output: Path | None) -> int:
    """Compare two riskfmt reports (JSON or YAML; - for standard input) symmetrically: aligned results with
    both values, the difference B - A and whether it exceeds the recorded uncertainty; changed risk levels
    and verdicts; findings in one report only; coverage; paired per-sample tests; metadata differences.

    \b
    Exit codes: 0 the gate passes (always, without --fail-on), 1 it fails, 2 usage or input error
    (an invalid input is refused with the validator's findings), 3 internal error.
    """
    from riskfmt.compare import diff_files
    from riskfmt.compare.options import DiffOptions

    if a == "-" and b == "-":
        raise click.UsageError("standard input can stand for only one of A and B")
    checked(output, lang, inputs=(a, b))
    options = DiffOptions(alpha=alpha, correction=correction, fail_on=fail_on, samples=not no_samples,
                          memory_rows=memory_rows, color=output_format == "text" and output is None
                          and sys.stdout.isatty())
    from riskfmt.i18n import translate
    from riskfmt.progress import Progress

    with Progress(translate("Comparing {a} and {b}").format(a=a, b=b), ticker=True):
        outcome = diff_files(a, b, options)
    emit(outcome, output_format, lang, output, (a, b))
    return 0 if outcome.gate(fail_on) else 1
