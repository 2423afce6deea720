"""``riskfmt digest``, ``keygen``, ``sign``, ``verify`` and ``redact``: options in, one library call, rendering out.

Exit codes: 0 success (valid, derived), 1 a signature, derivation or proof that does not hold (or a redacted
copy that would not validate), 2 usage or input error (unreadable file or key, bad profile), 3 internal error.
Key material is never printed: only paths and key ids.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from riskfmt.cli._options import lang_option, tlp_choice
from riskfmt.cli._output import checked

# One-line results; their Chinese is in riskfmt/i18n/zh_CN.po (findings carry their own, in the code tables).
MESSAGES: dict[str, str] = {
    "keygen": ("Wrote the private key {private} (owner-only; never share it) and the public key {public}. Key id "
               "{keyid}."),
    "signed": "Signed {path} ({digest}) as subject \"{subject}\" with key {keyid}: {signature}",
    "valid": "Valid: {path} is what key {keyid} signed as \"{subject}\" ({digest})",
    "invalid": "Invalid: {path} does not match the signature {signature}",
    "redacted": ("Wrote {output} with {count} withheld item(s){counts}. Salts in {salts}: owner-only, keep them to "
                 "prove items later, never share them."),
    "not-written": "Nothing written: the redacted copy would not validate",
    "samples": "Wrote the redacted samples file {path}",
    "derived": "Derived: {redacted} is {original} with its withheld items removed{partial}",
    "partial": " (salted digests not checked: no --salts)",
    "not-derived": "Not derived: {redacted} is not {original} with items withheld",
    "proof": ("Wrote the proof of {pointer} to {output}. It discloses the item (TLP:{tlp}); share it only as that "
              "label allows."),
    "proven": "Proven: the value in {proof} is the withheld item {pointer} of {redacted}",
    "not-proven": "Not proven: {proof} does not match {redacted}",
}


def _complete_profile(incomplete: str) -> list[Any]:
    """Shell completion of --profile: the shipped profile names, then files (a profile may be a YAML file)."""
    from click.shell_completion import CompletionItem

    from riskfmt.integrity.profiles import profile_names

    names = [CompletionItem(name) for name in profile_names() if name.startswith(incomplete)]
    return [*names, CompletionItem(incomplete, type="file")]


def _say(key: str, lang: str, err: bool = False, **params: Any) -> None:
    from riskfmt.i18n import translate
    from riskfmt.render.safe import printable

    # subjects, pointers and paths can come from documents: one message is one line
    safe = {name: printable(str(value)) for name, value in params.items()}
    click.echo(translate(MESSAGES[key], lang).format(**safe), err=err)


def _findings(findings: list[Any], lang: str, err: bool = False) -> None:
    from riskfmt.findings import FileResult, ValidationResult
    from riskfmt.render import render

    if not findings:
        return
    stream = sys.stderr if err else sys.stdout
    render("text", ValidationResult([FileResult(source="", findings=list(findings))]), stream, lang,
           color=stream.isatty(), quiet=True)


def _password(env: str | None) -> bytes | None:
    if env is None:
        return None
    if env not in os.environ:
        raise click.UsageError(f"the environment variable {env} (--key-password-env) is not set")
    return os.environ[env].encode("utf-8")


_password_option = click.option("--key-password-env", "password_env", metavar="VAR",
                                 help="Read the private key's password from this environment variable.")


@click.command("digest")
@click.argument("paths", nargs=-1, required=True, metavar="DOCUMENT...")
@click.option("--algorithm", type=click.Choice(["sha256", "sha384", "sha512"]), default="sha256", show_default=True)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), default=None, metavar="FILE",
              help="Write the digests to this file (atomically; never over an input) instead of standard output.")
@lang_option
def digest(paths: tuple[str, ...], algorithm: str, output_format: str, output: Path | None, lang: str) -> int:
    """Print the digest of each document's RFC 8785 canonical form (JSON or YAML; - for standard input).

    \b
    Re-indenting, re-ordering keys or converting between JSON and YAML keeps the digest; changing a value
    changes it. Lines are "DIGEST  PATH", as sha256sum prints them.
    """
    from riskfmt.integrity.canonical import digest as canonical_digest
    from riskfmt.integrity.canonical import load_document
    from riskfmt.render.safe import printable

    checked(output, lang, inputs=paths)
    rows = [(path, canonical_digest(load_document(path), algorithm, source=path)) for path in paths]
    if output_format == "json":
        text = json.dumps([{"file": p, "digest": d} for p, d in rows], indent=2) + "\n"
    else:
        text = "".join(f"{value}  {printable(path)}\n" for path, value in rows)
    if output is None or str(output) == "-":
        click.echo(text, nl=False)
    else:
        from riskfmt.io import atomic_write_text

        atomic_write_text(output, text)
    return 0


@click.command("keygen")
@click.option("-o", "--output", "output", required=True, type=click.Path(path_type=Path),
              metavar="KEYFILE", help="The private key file; the public key goes to KEYFILE.pub.")
@click.option("--force", is_flag=True, help="Replace existing key files (the old private key is lost).")
@_password_option
@lang_option
def keygen(output: Path, force: bool, password_env: str | None, lang: str) -> int:
    """Create an Ed25519 key pair: KEYFILE (PKCS#8 PEM, owner-only) and KEYFILE.pub (public).

    The same PEM files work with compliance-trestle (trestle sign --private-key / verify --public-key).
    """
    from riskfmt.integrity.keys import generate_keypair, public_path

    for target in (output, public_path(output)):  # existing keys: RF725 from generate_keypair, unless --force
        checked(target, lang)
    pair = generate_keypair(output, password=_password(password_env), overwrite=force)
    _say("keygen", lang, private=pair.private, public=pair.public, keyid=pair.keyid)
    return 0


@click.command("sign")
@click.argument("document", metavar="DOCUMENT")
@click.option("--key", "key", required=True, type=click.Path(dir_okay=False, path_type=Path), metavar="KEYFILE",
              help="The PEM private key (from riskfmt keygen, or any Ed25519 PKCS#8 key).")
@click.option("-o", "--output", "output", required=True, type=click.Path(path_type=Path),
              metavar="SIG", help="Where to write the detached DSSE envelope (JSON).")
@click.option("--subject-name", help="The subject name in the in-toto statement (default: the file's name).")
@click.option("--algorithm", type=click.Choice(["sha256", "sha384", "sha512"]), default="sha256", show_default=True)
@_password_option
@lang_option
def sign(document: str, key: Path, output: Path, subject_name: str | None, algorithm: str,
         password_env: str | None, lang: str) -> int:
    """Sign DOCUMENT's canonical digest: a detached DSSE envelope with an in-toto statement.

    \b
    compliance-trestle verifies it: trestle verify --beta -f DOCUMENT --signature SIG --public-key KEYFILE.pub
    (trestle needs a .json file and, by default, the subject name to be the file's name).
    """
    from riskfmt.integrity.keys import exposed_mode, key_id
    from riskfmt.integrity.signing import load_envelope, sign_file, verify

    checked(output, lang)  # over an input: RF729 from sign_file
    mode = exposed_mode(key)
    if mode is not None:
        from riskfmt.findings import Finding

        _findings([Finding.make("RF727", str(key), path=str(key), mode=mode)], lang, err=True)
    from riskfmt.integrity.canonical import load_document
    from riskfmt.integrity.keys import load_private_key

    sign_file(document, key, output, subject_name=subject_name, password=_password(password_env),
              algorithm=algorithm)
    # read back what was written and check it with the public half: a signature that does not verify
    # must never be handed out
    public = load_private_key(key, _password(password_env)).public_key()
    outcome = verify(load_document(document), load_envelope(output), public)
    if not outcome.ok:  # pragma: no cover - would be a bug in sign
        _findings(outcome.findings, lang, err=True)
        return 3
    _say("signed", lang, path=document, digest=outcome.digest, subject=outcome.subject, keyid=key_id(public),
         signature=output)
    return 0


@click.command("verify")
@click.argument("document", metavar="DOCUMENT")
@click.option("--signature", "signature", required=True, type=click.Path(dir_okay=False, path_type=Path),
              metavar="SIG", help="The detached DSSE envelope (from riskfmt sign or trestle sign).")
@click.option("--key", "key", required=True, type=click.Path(dir_okay=False, path_type=Path), metavar="KEYFILE.pub",
              help="The signer's PEM public key.")
@click.option("--subject-name", help="Also require this subject name in the statement (by default it is shown, "
                                     "not required: files get renamed).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lang_option
def verify(document: str, signature: Path, key: Path, subject_name: str | None, output_format: str, lang: str) -> int:
    """Verify DOCUMENT against a detached signature: 0 valid, 1 invalid, 2 unusable input.

    Valid means the signature verifies with the key and the signed digest equals the digest of DOCUMENT's
    RFC 8785 canonical form, so a re-indented or re-ordered copy still verifies and any changed value does not.
    """
    from riskfmt.integrity.signing import verify_file

    outcome = verify_file(document, signature, key, subject_name=subject_name)
    if output_format == "json":
        click.echo(json.dumps({"valid": outcome.ok, "file": document, "subject": outcome.subject,
                               "digest": outcome.digest, "keyid": outcome.keyid,
                               "findings": [f.to_dict(lang) for f in outcome.findings]}, indent=2, ensure_ascii=False))
    elif outcome.ok:
        _say("valid", lang, path=document, keyid=outcome.keyid, subject=outcome.subject, digest=outcome.digest)
    else:
        _findings(outcome.findings, lang)
        _say("invalid", lang, path=document, signature=signature)
    return outcome.exit_code


@click.command("redact")
@click.argument("paths", nargs=-1, metavar="REPORT | ORIGINAL REDACTED | PROOF REDACTED")
@click.option("--profile", shell_complete=lambda ctx, param, incomplete: _complete_profile(incomplete),
              help="Redaction profile: a shipped name (tlp-red, tlp-amber-strict, tlp-amber, tlp-green, "
                   "tlp-clear) or a profile file.")
@click.option("-o", "--output", "output", type=click.Path(path_type=Path),
              help="The shareable copy (or, with --reveal, the proof).")
@click.option("--salts", "salts", type=click.Path(path_type=Path),
              help="The owner's salts file (written by redact; default OUTPUT.salts.json).")
@click.option("--tlp", type=tlp_choice,
              help="Relabel the copy. Raising is always allowed; lowering needs --lower-marking.")
@click.option("--lower-marking", is_flag=True, help="Allow --tlp to lower the document's marking (it is reported); "
                                                   "with --verify, accept a copy whose marking the owner lowered "
                                                   "(reported as a warning instead of failing).")
@click.option("--verify", "verify_mode", is_flag=True, help="Check that REDACTED was derived from ORIGINAL.")
@click.option("--reveal", "pointer", metavar="POINTER", help="Write a proof of one withheld item of REPORT (needs "
                                                               "--salts and -o).")
@click.option("--check-proof", "check_mode", is_flag=True, help="Check that PROOF proves a withheld item of REDACTED.")
@click.option("--list-profiles", is_flag=True, help="List the shipped profiles and exit.")
@click.option("--force", is_flag=True, help="Replace an existing salts file (copies redacted with the old salts "
                                            "can then no longer be proven).")
@lang_option
def redact(paths: tuple[str, ...], profile: str | None, output: Path | None, salts: Path | None, tlp: str | None,
           lower_marking: bool, verify_mode: bool, pointer: str | None, check_mode: bool, list_profiles: bool,
           force: bool, lang: str) -> int:
    """Write a shareable copy of REPORT: withheld content replaced by salted digests.

    \b
    riskfmt redact REPORT --profile NAME -o OUT [--salts FILE] [--tlp LABEL [--lower-marking]]
    riskfmt redact --verify ORIGINAL REDACTED [--salts FILE] [--lower-marking]
    riskfmt redact --reveal POINTER REPORT --salts FILE -o PROOF
    riskfmt redact --check-proof PROOF REDACTED

    Sample inputs, outputs and targets are always removed; the profile says what else is withheld. Each
    withheld item becomes a record with its HMAC-SHA-256 digest under a salt of its own; the salts go to a
    separate owner-only file, so nobody can confirm a guessed item without them, and the owner can prove any
    one item later (--reveal). Markings are kept; nothing is written over an input, and nothing at all if the
    copy would not validate.
    """
    modes = sum([verify_mode, pointer is not None, check_mode, list_profiles])
    if modes > 1:
        raise click.UsageError("use one of --verify, --reveal, --check-proof, --list-profiles")
    if list_profiles:
        return _list_profiles(lang)
    if verify_mode:
        return _verify_derived(paths, salts, lower_marking, lang)
    if pointer is not None:
        return _reveal(paths, pointer, salts, output, lang)
    if lower_marking and tlp is None:
        raise click.UsageError("--lower-marking only applies together with --tlp or --verify")
    if check_mode:
        return _check_proof(paths, lang)
    return _redact(paths, profile, output, salts, tlp, lower_marking, force, lang)


def _list_profiles(lang: str) -> int:
    from riskfmt.integrity.profiles import load_profile, profile_names

    for name in profile_names():
        loaded = load_profile(name)
        click.echo(f"{name:18} {loaded.label(lang)}")
    return 0


def _redact(paths: tuple[str, ...], profile: str | None, output: Path | None, salts: Path | None, tlp: str | None,
            lower_marking: bool, force: bool, lang: str) -> int:
    from riskfmt.integrity.profiles import load_profile
    from riskfmt.integrity.redact import default_salts_path, redact_file

    if len(paths) != 1 or profile is None or output is None:
        raise click.UsageError("usage: riskfmt redact REPORT --profile NAME -o OUT")
    if lower_marking and tlp is None:
        raise click.UsageError("--lower-marking only applies together with --tlp")
    checked(output, lang)  # over an input: RF729 from redact_file
    # replacing a salts file makes every copy redacted with it unprovable: only with --force
    checked(salts if salts is not None else default_salts_path(output), lang, protected=True, force=force)
    if paths[0] != "-":
        # redaction walks the report by the shape its schema guarantees: a report of another shape cannot
        # give a copy that validates, and is refused here with the validator's findings (not a crash). Leaks
        # and other rule findings are left to redact, which may well withhold what they point at.
        from riskfmt.codes import CODES
        from riskfmt.findings import Severity
        from riskfmt.validation import validate

        checked_input = validate([paths[0]], check_samples=False)
        shape = [f for f in checked_input.findings if f.severity == Severity.ERROR
                 and CODES[f.code].category in ("io", "parse", "document", "schema")]
        if shape:
            _findings(shape, lang, err=True)
            if checked_input.has_io_error:
                return 2
            _say("not-written", lang, err=True)
            return 1
    outcome = redact_file(paths[0], load_profile(profile), output, salts_path=salts, tlp=tlp,
                          allow_lower=lower_marking)
    _findings(outcome.findings, lang, err=True)
    if not outcome.ok:
        _say("not-written", lang, err=True)
        return 1
    for sample_path in outcome.samples:
        _say("samples", lang, path=sample_path)
    counts = ", ".join(f"{kind} {n}" for kind, n in sorted(outcome.counts.items()))
    _say("redacted", lang, output=outcome.output, count=sum(outcome.counts.values()),
         counts=f" ({counts})" if counts else "", salts=outcome.salts)
    return 0


def _verify_derived(paths: tuple[str, ...], salts: Path | None, lower_marking: bool, lang: str) -> int:
    from riskfmt.findings import Severity
    from riskfmt.i18n import translate
    from riskfmt.integrity.proofs import verify_derived_files

    if len(paths) != 2:
        raise click.UsageError("usage: riskfmt redact --verify ORIGINAL REDACTED [--salts FILE] [--lower-marking]")
    _one_stdin(paths)
    findings = verify_derived_files(paths[0], paths[1], salts=salts, accept_lowered=lower_marking)
    _findings([f for f in findings if f.code != "RF734"], lang)
    if any(f.severity == Severity.ERROR for f in findings):
        _say("not-derived", lang, original=paths[0], redacted=paths[1])
        return 1
    partial = translate(MESSAGES["partial"], lang) if any(f.code == "RF734" for f in findings) else ""
    _say("derived", lang, original=paths[0], redacted=paths[1], partial=partial)
    return 0


def _reveal(paths: tuple[str, ...], pointer: str, salts: Path | None, output: Path | None, lang: str) -> int:
    from riskfmt.integrity.proofs import reveal_file

    if len(paths) != 1 or salts is None or output is None:
        raise click.UsageError("usage: riskfmt redact --reveal POINTER REPORT --salts FILE -o PROOF")
    checked(output, lang)  # over an input: RF729 from reveal_file
    proof = reveal_file(paths[0], salts, pointer, output)
    _say("proof", lang, pointer=pointer, output=output, tlp=proof["marking"]["tlp"])
    return 0


def _one_stdin(paths: tuple[str, ...]) -> None:
    if list(paths).count("-") > 1:
        raise click.UsageError("standard input (-) can stand for only one of the documents")


def _check_proof(paths: tuple[str, ...], lang: str) -> int:
    from riskfmt.integrity.proofs import check_proof_file

    if len(paths) != 2:
        raise click.UsageError("usage: riskfmt redact --check-proof PROOF REDACTED")
    _one_stdin(paths)
    findings, pointer = check_proof_file(paths[0], paths[1])
    if findings:
        _findings(findings, lang)
        _say("not-proven", lang, proof=paths[0], redacted=paths[1])
        return 1
    _say("proven", lang, proof=paths[0], pointer=pointer, redacted=paths[1])
    return 0
