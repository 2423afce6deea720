"""``riskfmt validate``."""

from __future__ import annotations

import sys

import click

from riskfmt.cli._options import (
    FINDINGS_PER_CODE,
    RegistryChoice,
    all_findings_option,
    fail_on_option,
    lang_option,
    quiet_option,
    renderer_names,
)


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--format", "output_format", type=RegistryChoice(renderer_names), default="text",
    show_default=True, help="Output format.",
)
@lang_option
@fail_on_option
@quiet_option
@click.option("--max-size", type=click.IntRange(min=1), default=None, metavar="BYTES",
              help="Refuse files larger than this (default 1 GiB).")
@click.option("--no-samples", is_flag=True, help="Do not open referenced sample files (skip digest and row checks).")
@click.option("--stream/--no-stream", default=None,
              help="Read JSON reports in bounded memory, inline samples checked row by row, with the same "
                   "findings (needs riskfmt[stream]; docs/streaming.md). Default: files of 256 MiB or more "
                   "are streamed when ijson is installed, and the 1 GiB limit does not apply to them.")
@all_findings_option
@click.option("--max-findings-per-code", type=click.IntRange(min=0), default=None, metavar="N",
              envvar="RISKFMT_MAX_FINDINGS_PER_CODE",
              help="List at most N findings of one code per file, then one RF520 counting the rest "
                   "(default 1000; 0: no limit). Env: RISKFMT_MAX_FINDINGS_PER_CODE.")
@click.option("--traceback", is_flag=True, hidden=True)
def command(
    paths: tuple[str, ...], output_format: str, lang: str, fail_on: str, quiet: bool, max_size: int | None,
    no_samples: bool, stream: bool | None, all_findings: bool, max_findings_per_code: int | None, traceback: bool,
) -> int:
    """Validate riskfmt documents (JSON or YAML; PATH may be a directory, or - for standard input).

    \b
    Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input/output error, 3 internal error.
    Every finding has a stable code; see docs/findings.md.
    """
    from riskfmt import _sidecar
    from riskfmt.caps import limited
    from riskfmt.findings import Severity
    from riskfmt.i18n import translate
    from riskfmt.loading import DEFAULT_MAX_SIZE
    from riskfmt.progress import Progress, progress_enabled
    from riskfmt.render import render
    from riskfmt.stream import available, chooser
    from riskfmt.validation import expand_paths, validate

    if stream and not available():
        raise click.UsageError(translate("--stream needs ijson: pip install 'riskfmt[stream]'"))
    streaming = chooser(stream, check_samples=not no_samples, max_size=max_size)
    _sidecar.ENABLED = True  # a large report is checked with a second process where there is room (RISKFMT_JOBS=1: one)

    total = sum(1 for _ in expand_paths(paths)) if progress_enabled(sys.stderr) else None
    with limited(max_findings_per_code):
        with Progress(translate("Validating"), total, unit=translate("files")) as shown:
            result = validate(paths, max_size=max_size or DEFAULT_MAX_SIZE, check_samples=not no_samples,
                              progress=shown.update, stream=streaming)
        color = output_format == "text" and sys.stdout.isatty()
        render(output_format, result, sys.stdout, lang, color=color, quiet=quiet,
               limit=None if all_findings else FINDINGS_PER_CODE)
    return result.exit_code(Severity.parse(fail_on))
