"""``riskfmt redact``: a shareable copy of a report and what goes with it, one subcommand each.

``copy`` writes the copy (and the owner's salts), ``verify`` checks that a copy was derived from its original,
``reveal`` writes a proof of one withheld item, ``check-proof`` checks such a proof, ``profiles`` lists the
shipped profiles. Each is options in, one library call, rendering out (``riskfmt.integrity``).

The flag forms of riskfmt 0.2 (``riskfmt redact REPORT --profile ...``, ``--verify``, ``--reveal POINTER``,
``--check-proof``, ``--list-profiles``) still work for one minor version: :class:`RedactGroup` reads them as the
subcommand they stand for and says so on standard error.

Exit codes: 0 done (written, derived, proven), 1 a derivation or proof that does not hold, or a copy that would
not validate (nothing written), 2 usage or input error (unreadable file, bad profile), 3 internal error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from riskfmt.cli._options import lang_option, tlp_choice
from riskfmt.cli._output import checked
from riskfmt.cli.integrity import MESSAGES, say, show_findings

__all__ = ["LEGACY_FLAGS", "RedactGroup", "redact"]

# The flag forms of riskfmt 0.2, each with the subcommand it stands for; taken away in riskfmt 0.4.
LEGACY_FLAGS = {"--verify": "verify", "--reveal": "reveal", "--check-proof": "check-proof",
                "--list-profiles": "profiles"}
# options of the old form that take a value (so that the value is not read as the first argument)
_VALUED = frozenset({"--profile", "-o", "--output", "--salts", "--tlp", "--lang", "--reveal"})
# the deprecation note; its Chinese is in riskfmt/i18n/zh_CN.po
_DEPRECATED = ("riskfmt: `riskfmt redact {old}` is deprecated and goes in riskfmt 0.4; use `riskfmt redact {new}` "
               "(see riskfmt redact --help)")


class RedactGroup(click.Group):
    """The subcommands of ``riskfmt redact``, and the flag forms they replace read as them."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, self._new_form(ctx, args))

    def _new_form(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or args[0] in ("-h", "--help") or args[0] in self.commands:
            return args
        first = _first_argument(args)
        if first is not None and args[first] in self.commands:  # options before the subcommand: move it first
            return [args[first], *args[:first], *args[first + 1:]]
        # the old form: a flag names the subcommand, else it is a copy (``riskfmt redact REPORT --profile ...``)
        end = args.index("--") if "--" in args else len(args)
        flags = [arg for arg in args[:end] if arg in LEGACY_FLAGS or arg.startswith("--reveal=")]
        if len(flags) > 1:
            raise click.UsageError(_translate("use one of --verify, --reveal, --check-proof, --list-profiles"), ctx)
        rest = list(args)
        if not flags:
            name, old = "copy", "REPORT --profile NAME -o OUT"
        else:
            flag = flags[0]
            index = rest.index(flag)
            del rest[index]
            if flag.startswith("--reveal="):
                rest.insert(0, flag.split("=", 1)[1])
                flag = "--reveal"
            elif flag == "--reveal":
                if index >= len(rest):
                    raise click.UsageError(_translate("--reveal needs a POINTER"), ctx)
                rest.insert(0, rest.pop(index))  # its value is the subcommand's first argument
            name, old = LEGACY_FLAGS[flag], flag
        click.echo(_translate(_DEPRECATED).format(old=old, new=name), err=True)
        return [name, *rest]


def _translate(text: str) -> str:
    from riskfmt.i18n import translate

    return translate(text)


def _first_argument(args: list[str]) -> int | None:
    """The index of the first argument that is not an option or an option's value, if any."""
    skip = False
    for index, arg in enumerate(args):
        if skip:
            skip = False
            continue
        if arg == "--":
            return index + 1 if index + 1 < len(args) else None
        if arg.startswith("-") and arg != "-":
            skip = arg in _VALUED
            continue
        return index
    return None


def _complete_profile(incomplete: str) -> list[Any]:
    """Shell completion of --profile: the shipped profile names, then files (a profile may be a YAML file)."""
    from click.shell_completion import CompletionItem

    from riskfmt.integrity.profiles import profile_names

    names = [CompletionItem(name) for name in profile_names() if name.startswith(incomplete)]
    return [*names, CompletionItem(incomplete, type="file")]


@click.group("redact", cls=RedactGroup)
@lang_option
def redact(lang: str) -> None:
    """Share a report with content withheld, and prove withheld items later.

    \b
    riskfmt redact copy REPORT --profile NAME -o OUT [--salts FILE] [--tlp LABEL [--lower-marking]]
    riskfmt redact verify ORIGINAL REDACTED [--salts FILE] [--lower-marking]
    riskfmt redact reveal POINTER REPORT --salts FILE -o PROOF
    riskfmt redact check-proof PROOF REDACTED
    riskfmt redact profiles

    The flag forms of riskfmt 0.2 (--verify, --reveal, --check-proof, --list-profiles, and a REPORT with no
    subcommand) still work until riskfmt 0.4, with a note on standard error.
    """


@redact.command("copy")
@click.argument("report", metavar="REPORT")
@click.option("--profile", required=True, shell_complete=lambda ctx, param, incomplete: _complete_profile(incomplete),
              help="Redaction profile: a shipped name (tlp-red, tlp-amber-strict, tlp-amber, tlp-green, "
                   "tlp-clear) or a profile file.")
@click.option("-o", "--output", "output", required=True, type=click.Path(path_type=Path),
              help="The shareable copy.")
@click.option("--salts", "salts", type=click.Path(path_type=Path),
              help="The owner's salts file (default OUTPUT.salts.json).")
@click.option("--tlp", type=tlp_choice,
              help="Relabel the copy. Raising is always allowed; lowering needs --lower-marking.")
@click.option("--lower-marking", is_flag=True, help="Allow --tlp to lower the document's marking (it is reported).")
@click.option("--force", is_flag=True, help="Replace an existing salts file (copies redacted with the old salts "
                                            "can then no longer be proven).")
@lang_option
def copy(report: str, profile: str, output: Path, salts: Path | None, tlp: str | None, lower_marking: bool,
         force: bool, lang: str) -> int:
    """Write a shareable copy of REPORT: withheld content replaced by salted digests.

    Sample inputs, outputs and targets are always removed; the profile says what else is withheld. Each
    withheld item becomes a record with its HMAC-SHA-256 digest under a salt of its own; the salts go to a
    separate owner-only file, so nobody can confirm a guessed item without them, and the owner can prove any
    one item later (riskfmt redact reveal). Markings are kept; nothing is written over an input, and nothing at
    all if the copy would not validate.
    """
    from riskfmt.integrity.profiles import load_profile
    from riskfmt.integrity.redact import default_salts_path, redact_file

    if lower_marking and tlp is None:
        raise click.UsageError(_translate("--lower-marking only applies together with --tlp"))
    checked(output, lang)  # over an input: RF729 from redact_file
    # replacing a salts file makes every copy redacted with it unprovable: only with --force
    checked(salts if salts is not None else default_salts_path(output), lang, protected=True, force=force)
    if report != "-":
        # redaction walks the report by the shape its schema guarantees: a report of another shape cannot
        # give a copy that validates, and is refused here with the validator's findings (not a crash). Leaks
        # and other rule findings are left to redact, which may well withhold what they point at.
        from riskfmt.codes import CODES
        from riskfmt.findings import Severity
        from riskfmt.validation import validate

        checked_input = validate([report], check_samples=False)
        shape = [f for f in checked_input.findings if f.severity == Severity.ERROR
                 and CODES[f.code].category in ("io", "parse", "document", "schema")]
        if shape:
            show_findings(shape, lang, err=True)
            if checked_input.has_io_error:
                return 2
            say("not-written", lang, err=True)
            return 1
    outcome = redact_file(report, load_profile(profile), output, salts_path=salts, tlp=tlp, allow_lower=lower_marking)
    show_findings(outcome.findings, lang, err=True)
    if not outcome.ok:
        say("not-written", lang, err=True)
        return 1
    for sample_path in outcome.samples:
        say("samples", lang, path=sample_path)
    counts = ", ".join(f"{kind} {n}" for kind, n in sorted(outcome.counts.items()))
    say("redacted", lang, output=outcome.output, count=sum(outcome.counts.values()),
        counts=f" ({counts})" if counts else "", salts=outcome.salts)
    return 0


def _one_stdin(*paths: str) -> None:
    if list(paths).count("-") > 1:
        raise click.UsageError(_translate("standard input (-) can stand for only one of the documents"))


@redact.command("verify")
@click.argument("original", metavar="ORIGINAL")
@click.argument("redacted", metavar="REDACTED")
@click.option("--salts", "salts", type=click.Path(path_type=Path),
              help="The owner's salts file: also check the salted digests.")
@click.option("--lower-marking", is_flag=True, help="Accept a copy whose marking the owner lowered (reported as a "
                                                   "warning instead of failing).")
@lang_option
def verify(original: str, redacted: str, salts: Path | None, lower_marking: bool, lang: str) -> int:
    """Check that REDACTED was derived from ORIGINAL by withholding items (exit 1 if not)."""
    from riskfmt.findings import Severity
    from riskfmt.i18n import translate
    from riskfmt.integrity.proofs import verify_derived_files

    _one_stdin(original, redacted)
    findings = verify_derived_files(original, redacted, salts=salts, accept_lowered=lower_marking)
    show_findings([f for f in findings if f.code != "RF734"], lang)
    if any(f.severity == Severity.ERROR for f in findings):
        say("not-derived", lang, original=original, redacted=redacted)
        return 1
    partial = translate(MESSAGES["partial"], lang) if any(f.code == "RF734" for f in findings) else ""
    say("derived", lang, original=original, redacted=redacted, partial=partial)
    return 0


@redact.command("reveal")
@click.argument("pointer", metavar="POINTER")
@click.argument("report", metavar="REPORT")
@click.option("--salts", "salts", required=True, type=click.Path(path_type=Path), help="The owner's salts file.")
@click.option("-o", "--output", "output", required=True, type=click.Path(path_type=Path), help="The proof.")
@lang_option
def reveal(pointer: str, report: str, salts: Path, output: Path, lang: str) -> int:
    """Write a proof of the withheld item POINTER of REPORT (the original), for one recipient."""
    from riskfmt.integrity.proofs import reveal_file

    checked(output, lang)  # over an input: RF729 from reveal_file
    proof = reveal_file(report, salts, pointer, output)
    say("proof", lang, pointer=pointer, output=output, tlp=proof["marking"]["tlp"])
    return 0


@redact.command("check-proof")
@click.argument("proof", metavar="PROOF")
@click.argument("redacted", metavar="REDACTED")
@lang_option
def check_proof(proof: str, redacted: str, lang: str) -> int:
    """Check that PROOF proves a withheld item of REDACTED (exit 1 if not)."""
    from riskfmt.integrity.proofs import check_proof_file

    _one_stdin(proof, redacted)
    findings, pointer = check_proof_file(proof, redacted)
    if findings:
        show_findings(findings, lang)
        say("not-proven", lang, proof=proof, redacted=redacted)
        return 1
    say("proven", lang, proof=proof, pointer=pointer, redacted=redacted)
    return 0


@redact.command("profiles")
@lang_option
def profiles(lang: str) -> int:
    """List the shipped redaction profiles."""
    from riskfmt.integrity.profiles import load_profile, profile_names

    for name in profile_names():
        click.echo(f"{name:18} {load_profile(name).label(lang)}")
    return 0
