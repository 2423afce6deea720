"""``riskfmt digest``, ``keygen``, ``sign`` and ``verify``: options in, one library call, rendering out.

Exit codes: 0 success (valid), 1 a signature that does not hold, 2 usage or input error (unreadable file or
key), 3 internal error. Key material is never printed: only paths and key ids.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from riskfmt.cli._options import lang_option
from riskfmt.cli._output import checked

__all__ = ["MESSAGES", "digest", "keygen", "say", "show_findings", "sign", "verify"]

# One-line results of these commands and of ``riskfmt redact`` (``riskfmt.cli.redact``); their Chinese is in
# riskfmt/i18n/zh_CN.po (findings carry their own, in the code tables).
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


def say(key: str, lang: str, err: bool = False, **params: Any) -> None:
    """One line of ``MESSAGES`` in ``lang``, its parameters made printable."""
    from riskfmt.i18n import translate
    from riskfmt.render.safe import printable

    # subjects, pointers and paths can come from documents: one message is one line
    safe = {name: printable(str(value)) for name, value in params.items()}
    click.echo(translate(MESSAGES[key], lang).format(**safe), err=err)


def show_findings(findings: list[Any], lang: str, err: bool = False) -> None:
    """Findings as ``riskfmt validate`` shows them, without the summary line."""
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
    say("keygen", lang, private=pair.private, public=pair.public, keyid=pair.keyid)
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

        show_findings([Finding.make("RF727", str(key), path=str(key), mode=mode)], lang, err=True)
    from riskfmt.integrity.canonical import load_document
    from riskfmt.integrity.keys import load_private_key

    sign_file(document, key, output, subject_name=subject_name, password=_password(password_env),
              algorithm=algorithm)
    # read back what was written and check it with the public half: a signature that does not verify
    # must never be handed out
    public = load_private_key(key, _password(password_env)).public_key()
    outcome = verify(load_document(document), load_envelope(output), public)
    if not outcome.ok:  # pragma: no cover - would be a bug in sign
        show_findings(outcome.findings, lang, err=True)
        return 3
    say("signed", lang, path=document, digest=outcome.digest, subject=outcome.subject, keyid=key_id(public),
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
        say("valid", lang, path=document, keyid=outcome.keyid, subject=outcome.subject, digest=outcome.digest)
    else:
        show_findings(outcome.findings, lang)
        say("invalid", lang, path=document, signature=signature)
    return outcome.exit_code
