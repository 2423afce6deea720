"""``riskfmt convert``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from riskfmt.cli._options import (
    FINDINGS_PER_CODE,
    RegistryChoice,
    all_findings_option,
    fail_on_option,
    lang_option,
    quiet_option,
    tlp_choice,
)
from riskfmt.cli._output import force_option


def _sources() -> list[str]:
    """``--from``: the converter registry's built-ins (plugins are detected from content; reading their entry
    points here would cost every ``--help`` the import of importlib.metadata)."""
    from riskfmt.convert.registry import reader_names

    return reader_names()


def _targets() -> list[str]:
    """``--to``: the writer registry."""
    from riskfmt.convert.registry import writer_names

    return writer_names()


@click.command("convert")
@click.argument("sources", nargs=-1, required=True, metavar="SRC...")
@click.option("-o", "--output", "output", type=click.Path(), default=None,
              help="Where to write (default: standard output). A file for one report (any suffix) and for "
                   "--to csv/markdown; a folder for several reports, or when it is an existing folder or ends "
                   "in /; for --to eee a folder unless it ends in .json. Written all-or-nothing; never over an "
                   "input; an existing non-empty folder only with --force.")
@click.option("--from", "from_", type=RegistryChoice(_sources), default=None,
              help="The producer tool (default: detected from each input).")
@click.option("--to", "to", type=RegistryChoice(_targets), default="riskfmt",
              show_default=True, help="Output format.")
@click.option("--organization", help="Who ran the evaluation (producer tools rarely record it).")
@click.option("--relationship", type=click.Choice(["first_party", "third_party", "collaborative", "other"]),
              default="third_party", show_default=True, help="The producer's relationship to the model's developer.")
@click.option("--developer", help="The model's developer, when the source does not say.")
@click.option("--tlp", type=tlp_choice, default="AMBER",
              show_default=True, help="TLP 2.0 marking of the output.")
@click.option("--samples", type=click.Choice(["inline", "file", "none"]), default="inline", show_default=True,
              help="Per-sample results inline, in JSONL files beside the report (pinned by digest), or left out.")
@click.option("--include-content", is_flag=True,
              help="Keep sample inputs, outputs and targets (by default only their digests are kept).")
@click.option("--task-map", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="YAML file mapping task names to risk ids; consulted before the shipped table.")
@force_option
@lang_option
@fail_on_option
@quiet_option
@all_findings_option
def command(sources: tuple[str, ...], output: str | None, from_: str | None, to: str, organization: str | None,
            relationship: str, developer: str | None, tlp: str, samples: str, include_content: bool,
            task_map: Path | None, force: bool, lang: str, fail_on: str, quiet: bool, all_findings: bool) -> int:
    """Convert evaluation outputs of other tools into riskfmt reports, and reports into other formats.

    \b
    Sources: Inspect logs (.eval, .json), lm-evaluation-harness results, HELM run folders, Every Eval
    Ever records, Hugging Face model cards and .eval_results, OpenAI evals logs, OpenCompass work folders,
    riskfmt's own evaluation and incident reports. Files are recognised by their content, whatever they are
    called; a folder is walked recursively and every file in it is converted or named by a finding.
    Everything that cannot be carried over is reported as a finding naming the field. A report that would
    not validate (RF613), or that carries a detected leak (RF011), is not written.
    Exit codes: 0 converted, 1 findings at or above --fail-on, 2 usage or input error, 3 internal error.
    """
    from riskfmt.convert import ConvertOptions, convert
    from riskfmt.convert.targets import write
    from riskfmt.findings import FileResult, Severity, ValidationResult
    from riskfmt.render import render

    options = ConvertOptions(organization=organization, relationship=relationship, developer=developer, tlp=tlp,
                             samples=samples, include_content=include_content, task_map=task_map)
    from riskfmt.i18n import translate
    from riskfmt.progress import Progress

    with Progress(translate("Converting"), unit=translate("reports")) as shown:
        items = convert(sources, from_=from_, options=options, progress=shown.update)
    # the text as typed: pathlib drops a trailing slash, which is how -o names a folder yet to be made
    folder = output is not None and output.endswith(("/", os.sep))
    extra = write(to, items, Path(output) if output is not None else None, options, lang, force=force,
                  inputs=list(sources), folder=folder)
    result = ValidationResult([FileResult(source=item.source, findings=item.findings) for item in items])
    if extra:
        result.files.append(FileResult(source=str(output), findings=extra))
    # findings go to stderr when the converted output itself goes to stdout
    stream = sys.stderr if output is None or str(output) == "-" else sys.stdout
    render("text", result, stream, lang, color=stream.isatty(), quiet=quiet,
           limit=None if all_findings else FINDINGS_PER_CODE)
    if not any(item.report is not None for item in items) and not result.has_io_error:
        return 1
    return result.exit_code(Severity.parse(fail_on))
