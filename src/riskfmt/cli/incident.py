"""``riskfmt incident``: new (a skeleton to fill in), update (append to the timeline), history (check a version)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from riskfmt.cli._options import fail_on_option, lang_option, quiet_option
from riskfmt.cli._output import checked

# the command's own lines; their Chinese is in riskfmt/i18n/zh_CN.po
MESSAGES: dict[str, str] = {
    "wrote": "Wrote {path}: fill in the <<...>> placeholders, then run riskfmt validate {path}",
    "appended": "Appended timeline entry {seq} to {path}",
    "exists": "{path} exists; riskfmt incident new never replaces a file",
    "history_ok": ("{current} extends the history of {previous}: {kept} entries kept unchanged, {added} appended, "
                   "nothing else changed"),
}


def _say(key: str, lang: str, **params: Any) -> str:
    from riskfmt.i18n import translate
    from riskfmt.render.safe import printable

    return translate(MESSAGES[key], lang).format(**{k: printable(str(v)) for k, v in params.items()})


@click.group("incident")
def group() -> None:
    """Incident reports: new, update, history."""


@group.command("new")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="The file to create (YAML); never replaces an existing file.")
@lang_option
def new_command(output: Path, lang: str) -> None:
    """Write an incident report skeleton to fill in, in English or Chinese (--lang zh).

    \b
    Placeholders are marked <<...>>; `riskfmt validate` reports each one left as RF650 and nothing else,
    so the skeleton validates once they are filled in.
    """
    from riskfmt.incident.skeleton import write_skeleton

    if output.exists() and not output.is_dir():
        raise click.UsageError(_say("exists", lang, path=output))
    checked(output, lang)
    try:
        write_skeleton(output, lang)
    except FileExistsError as exc:
        raise click.UsageError(_say("exists", lang, path=output)) from exc
    except OSError as exc:
        raise click.FileError(str(output), hint=exc.strerror or str(exc)) from exc
    click.echo(_say("wrote", lang, path=output), err=True)


def _likelihood(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[tuple[str, float], ...]:
    out = []
    for value in values:
        cause, sep, number = value.partition("=")
        try:
            probability = float(number)
        except ValueError:
            probability = -1.0
        if not sep or not cause or not 0 <= probability <= 1:
            raise click.BadParameter(f"{value!r}: expected CAUSE=P with P between 0 and 1 (e.g. misuse=0.3)")
        out.append((cause.strip(), probability))
    return tuple(out)


def _text(en: str | None, zh: str | None, name: str) -> dict[str, str]:
    text = {k: v for k, v in (("en", en), ("zh", zh)) if v}
    if not text:
        raise click.UsageError(f"give --{name} (English) or --{name}-zh (Chinese), or both")
    return text


def _attribution_file(path: Path) -> dict[str, Any]:
    from riskfmt.io import InputRefused, read_limited
    from riskfmt.loading import load_bytes

    try:
        raw = read_limited(path)
    except InputRefused as exc:
        raise click.BadParameter(f"{path}: {exc.finding.message('en')}", param_hint="--attribution") from None
    document = load_bytes(raw, str(path))
    if not document.parsed or not isinstance(document.data, dict):
        detail = document.findings[0].message("en") if document.findings else "not a mapping"
        raise click.BadParameter(f"{path}: {detail}", param_hint="--attribution")
    return document.data


@group.command("update")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--summary", "summary_en", metavar="TEXT", help="What this entry says, in English.")
@click.option("--summary-zh", metavar="TEXT", help="What this entry says, in Chinese.")
@click.option("--author", "author_en", metavar="TEXT", help="Who writes the entry (English).")
@click.option("--author-zh", metavar="TEXT", help="Who writes the entry (Chinese).")
@click.option("--date", metavar="DATETIME", help="When the entry was written (RFC 3339; default: now, UTC).")
@click.option("--status", type=click.Choice(["ongoing", "halted", "mitigated", "concluded", "near_miss"]),
              help="Revised status.")
@click.option("--event-type", metavar="TYPE",
              help="Revised event type (incident, serious-incident, hazard, near-miss).")
@click.option("--severity", metavar="LEVEL", help="Revised severity level (for example major).")
@click.option("--severity-scale", metavar="SCALE", default=None,
              help="Scale of --severity (default: the current scale, else generic-5).")
@click.option("--cause", metavar="CAUSE", help="The settled cause, or undetermined.")
@click.option("--likelihood", "likelihoods", multiple=True, metavar="CAUSE=P", callback=_likelihood,
              help="Revise one hypothesis' likelihood (repeatable); a new cause adds a hypothesis.")
@click.option("--attribution", "attribution_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A YAML or JSON file with the complete revised attribution.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write the new version here instead of over FILE.")
@lang_option
@quiet_option
def update_command(file: Path, summary_en: str | None, summary_zh: str | None, author_en: str | None,
                   author_zh: str | None, date: str | None, status: str | None, event_type: str | None,
                   severity: str | None, severity_scale: str | None, cause: str | None,
                   likelihoods: tuple[tuple[str, float], ...], attribution_file: Path | None, output: Path | None,
                   lang: str, quiet: bool) -> int:
    """Append one entry to an incident report's timeline, revising its assessment.

    \b
    Earlier entries are never edited or removed: the new entry pins the digest of the one before it. The
    file is written atomically, and nothing is written when the input or the new version does not validate,
    or when the file gained entries since it was read. Comments in a YAML file are not kept.
    Exit codes: 0 written, 1 refused (findings say why), 2 usage or input/output error, 3 internal error.
    """
    from riskfmt.findings import FileResult, ValidationResult
    from riskfmt.incident.history import Update, update_file
    from riskfmt.render import render

    if str(file) == "-" and output is None:
        raise click.UsageError("reading the report from standard input (-) needs -o: there is no file to update")
    checked(output, lang, inputs=(file, attribution_file))
    if attribution_file is not None and (cause is not None or likelihoods):
        raise click.UsageError(
            "--attribution replaces the whole attribution; do not combine it with --cause or --likelihood")
    severity_value = None
    if severity is not None:
        severity_value = {"scale": severity_scale or _current_scale(file) or "generic-5", "level": severity}
    update = Update(
        author=_text(author_en, author_zh, "author"), summary=_text(summary_en, summary_zh, "summary"), date=date,
        status=status, event_type=event_type, severity=severity_value,
        attribution=_attribution_file(attribution_file) if attribution_file is not None else None,
        cause=cause, likelihoods=likelihoods,
    )
    outcome = update_file(file, update, output)
    result = ValidationResult([FileResult(source=str(output or file), findings=outcome.findings)])
    if outcome.findings or not quiet:
        render("text", result, sys.stderr, lang, color=sys.stderr.isatty(), quiet=True)
    if result.has_io_error:
        return 2
    if not outcome.ok:
        return 1
    assert outcome.document is not None
    if not quiet:
        click.echo(_say("appended", lang, seq=len(outcome.document["timeline"]), path=outcome.written), err=True)
    return 0


def _current_scale(file: Path) -> str | None:
    from riskfmt.io import InputRefused, read_limited
    from riskfmt.loading import load_bytes

    try:
        data = load_bytes(read_limited(file), str(file)).data
    except InputRefused:
        return None  # update_file reports why the file cannot be read
    severity = data.get("severity") if isinstance(data, dict) else None
    return severity.get("scale") if isinstance(severity, dict) else None


@group.command("history")
@click.argument("previous", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("current", type=click.Path(dir_okay=False, path_type=Path))
@lang_option
@fail_on_option
@quiet_option
def history_command(previous: Path, current: Path, lang: str, fail_on: str, quiet: bool) -> int:
    """Check that CURRENT is PREVIOUS with timeline entries appended, none edited or removed, and nothing else
    changed (title, summary, harms, ...; markings may only get stricter).

    \b
    Every entry both files hold is compared in canonical form, so an entry rewritten with a recomputed hash
    chain is found, though such a file passes validate on its own. Both files are validated too.
    Exit codes: 0 history kept, 1 findings at or above --fail-on, 2 usage or input/output error,
    3 internal error.
    """
    from riskfmt.findings import FileResult, Severity, ValidationResult
    from riskfmt.incident.history import check_history
    from riskfmt.loading import load_bytes, read_source
    from riskfmt.render import render
    from riskfmt.validation import validate_document

    if str(previous) == "-" and str(current) == "-":
        raise click.UsageError("standard input (-) can stand for only one of the two versions")
    result = ValidationResult([])
    documents = []
    for path in (previous, current):
        # each file is read once: what is validated is what is compared
        name = str(path)
        data, problem = read_source(name)
        if problem is not None or data is None:
            result.files.append(FileResult(source=name, findings=[problem] if problem else []))
            continue
        document = load_bytes(data, "<stdin>" if name == "-" else name)
        result.files.append(validate_document(document, base_dir=None if name == "-" else path.parent))
        documents.append(document.data if document.parsed else None)
    old, new = documents if len(documents) == 2 else (None, None)
    if not result.has_io_error and all(r.kind == "incident-report" for r in result.files) \
            and isinstance(old, dict) and isinstance(new, dict):
        result.files.append(FileResult(source=str(current), findings=check_history(old, new, str(current))))
        if not quiet and not result.findings:
            click.echo(_say("history_ok", lang, current=current, previous=previous, kept=len(old["timeline"]),
                            added=len(new["timeline"]) - len(old["timeline"])), err=True)
    render("text", result, sys.stdout, lang, color=sys.stdout.isatty(), quiet=quiet)
    return result.exit_code(Severity.parse(fail_on))
