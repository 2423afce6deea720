"""Canonical digests, keys and detached signatures: the laws, the exit codes, and what is never printed."""

from __future__ import annotations

import copy
import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskfmt import integrity
from riskfmt.integrity import IntegrityError
from riskfmt.integrity.canonical import canonical_bytes, digest
from riskfmt.integrity.signing import PAYLOAD_TYPE, dump_envelope, sign, verify

from .strategies import ROOT, pointers, reports

EXAMPLE = ROOT / "examples" / "reports" / "valid" / "bilingual-red-team.yaml"


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    full_env.pop("RISKFMT_LANG", None)
    return subprocess.run([sys.executable, "-m", "riskfmt", *args], capture_output=True, text=True, env=full_env,
                          timeout=120, cwd=cwd)


@pytest.fixture(scope="module")
def keypair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("keys")
    pair = integrity.generate_keypair(folder / "key.pem")
    return pair.private, pair.public


@pytest.fixture(scope="module")
def keys(keypair: tuple[Path, Path]) -> tuple[Any, Any]:
    return integrity.load_private_key(keypair[0]), integrity.load_public_key(keypair[1])


# ---- the laws --------------------------------------------------------------------------------------


def _reserialise(doc: Any, how: dict[str, Any]) -> bytes:
    """The same document written another way: indentation, key order, escapes, or YAML instead of JSON.

    YAML is written by riskfmt's YAML 1.2 writer: PyYAML's own writes ``"0E0"`` as a plain scalar, which is
    text in YAML 1.1 and a number in the YAML 1.2 riskfmt reads, so it is another document (RF113), and
    rightly fails the signature (tests/test_trust_io.py covers that reading)."""
    if how["yaml"]:
        from riskfmt.loading import yaml12_safe_dumper

        return yaml.dump(doc, Dumper=yaml12_safe_dumper(), allow_unicode=not how["ascii"], sort_keys=how["sort"],
                         indent=how["indent"] or 2, width=how["width"]).encode("utf-8")
    if how["shuffle"]:
        doc = _reorder(doc)
    text = json.dumps(doc, indent=how["indent"], sort_keys=how["sort"], ensure_ascii=how["ascii"],
                      separators=(",", ":") if how["indent"] is None and how["compact"] else None)
    return text.encode("utf-8")


def _reorder(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _reorder(node[k]) for k in reversed(list(node))}
    if isinstance(node, list):
        return [_reorder(v) for v in node]
    return node


serialisations = st.fixed_dictionaries({
    "yaml": st.booleans(), "ascii": st.booleans(), "sort": st.booleans(), "shuffle": st.booleans(),
    "indent": st.one_of(st.none(), st.integers(1, 8)), "compact": st.booleans(), "width": st.integers(40, 200),
})


def _load(data: bytes, name: str) -> Any:
    from riskfmt.loading import load_bytes

    document = load_bytes(data, name)
    assert document.parsed and not [f for f in document.findings if f.severity.label == "error"]
    return document.data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=reports(), how=serialisations)
def test_any_reserialisation_keeps_the_signature(keys: tuple[Any, Any], doc: dict[str, Any],
                                                 how: dict[str, Any]) -> None:
    private, public = keys
    envelope = sign(doc, private)
    data = _reserialise(doc, how)
    again = _load(data, "copy.yaml" if how["yaml"] else "copy.json")
    assert verify(again, envelope, public).ok
    assert digest(again) == digest(doc)


def _leaves(doc: Any) -> list[str]:
    from riskfmt.integrity.markings import resolve

    return [p for p in pointers(doc) if not isinstance(resolve(doc, p)[1], (dict, list))]


def _mutate(doc: Any, pointer: str, how: int) -> Any:
    """A copy of ``doc`` with the value at ``pointer`` changed (never to an equal value)."""
    from riskfmt.integrity.markings import resolve

    changed = copy.deepcopy(doc)
    parent_pointer, key = pointer.rsplit("/", 1)
    parent = resolve(changed, parent_pointer)[1]
    index: Any = int(key) if isinstance(parent, list) else key.replace("~1", "/").replace("~0", "~")
    old = parent[index]
    if how == 0:  # a different value of the same type
        new: Any = (not old if isinstance(old, bool) else old + 1 if isinstance(old, (int, float))
                    else old + " " if isinstance(old, str) else 0)
    elif how == 1:  # another type
        new = "1" if not isinstance(old, str) else 1
    elif how == 2:  # removed
        del parent[index]
        return changed
    else:  # a key added next to it
        if isinstance(parent, dict):
            parent[index + "_"] = old
            return changed
        parent.append(old)
        return changed
    parent[index] = new
    return changed


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=reports(), data=st.data())
def test_any_change_breaks_the_signature(keys: tuple[Any, Any], doc: dict[str, Any], data: st.DataObject) -> None:
    private, public = keys
    envelope = sign(doc, private)
    pointer = data.draw(st.sampled_from(_leaves(doc)))
    changed = _mutate(doc, pointer, data.draw(st.integers(0, 3)))
    assert canonical_bytes(changed) != canonical_bytes(doc)  # every mutation really changes the content
    outcome = verify(changed, envelope, public)
    assert not outcome.ok and [f.code for f in outcome.findings] == ["RF721"]


def test_numbers_are_canonical(keys: tuple[Any, Any]) -> None:
    private, public = keys
    envelope = sign({"a": 1.0, "b": [1e2, 0.1]}, private)
    assert verify({"b": [100, 0.1], "a": 1}, envelope, public).ok  # 1.0 and 1 are the same JSON number
    assert not verify({"b": [100, 0.1000001], "a": 1}, envelope, public).ok


def test_big_integers_are_refused() -> None:
    with pytest.raises(IntegrityError) as caught:
        canonical_bytes({"n": 2 ** 60})
    assert caught.value.findings[0].code == "RF726"


# ---- envelopes ---------------------------------------------------------------------------------------


def test_envelope_shape(keys: tuple[Any, Any]) -> None:
    import base64

    private, _ = keys
    envelope = sign({"kind": "x"}, private, subject_name="r.json")
    assert envelope["payloadType"] == PAYLOAD_TYPE
    statement = json.loads(base64.b64decode(envelope["payload"]))
    assert statement["_type"] == "https://in-toto.io/Statement/v1"
    assert statement["subject"] == [{"name": "r.json", "digest": {"sha256": digest({"kind": "x"}).split(":")[1]}}]
    assert statement["predicate"] == {"canonicalization": "RFC8785", "digestAlgorithm": "sha256",
                                      "digestSource": "canonical-json", "tool": "riskfmt"}
    assert envelope["signatures"][0]["keyid"] == integrity.key_id(private.public_key())


@pytest.mark.parametrize("tamper, code", [
    (lambda e: e.update(payloadType="application/json"), "RF723"),
    (lambda e: e.update(payload="not base64!"), "RF723"),
    (lambda e: e.update(signatures=[]), "RF723"),
    (lambda e: e["signatures"][0].update(sig=e["signatures"][0]["sig"][::-1]), "RF720"),
    (lambda e: e.update(signatures=[{"sig": "AAAA"}] * 17), "RF723"),
])
def test_tampered_envelopes_fail(keys: tuple[Any, Any], tamper: Any, code: str) -> None:
    private, public = keys
    envelope = sign({"kind": "x"}, private)
    tamper(envelope)
    outcome = verify({"kind": "x"}, envelope, public)
    assert not outcome.ok and outcome.findings[0].code == code


def test_a_payload_signed_for_something_else_fails(keys: tuple[Any, Any]) -> None:
    """A validly signed statement that is not a canonical-JSON signature is not accepted."""
    import base64

    from riskfmt.integrity.signing import pae

    private, public = keys
    statement = {"_type": "https://in-toto.io/Statement/v1", "subject": [{"name": "x", "digest": {"sha256": "00"}}],
                 "predicateType": "https://slsa.dev/provenance/v1", "predicate": {}}
    payload = canonical_bytes(statement)
    envelope = {"payloadType": PAYLOAD_TYPE, "payload": base64.b64encode(payload).decode(),
                "signatures": [{"sig": base64.b64encode(private.sign(pae(PAYLOAD_TYPE, payload))).decode()}]}
    outcome = verify({"kind": "x"}, envelope, public)
    assert [f.code for f in outcome.findings] == ["RF724"]


def test_another_key_fails(keys: tuple[Any, Any], tmp_path: Path) -> None:
    private, _ = keys
    other = integrity.load_public_key(integrity.generate_keypair(tmp_path / "other.pem").public)
    outcome = verify({"kind": "x"}, sign({"kind": "x"}, private), other)
    assert [f.code for f in outcome.findings] == ["RF720"]


def test_subject_name_is_shown_and_checked_only_on_request(keys: tuple[Any, Any]) -> None:
    private, public = keys
    envelope = sign({"kind": "x"}, private, subject_name="a.json")
    assert verify({"kind": "x"}, envelope, public).subject == "a.json"
    assert verify({"kind": "x"}, envelope, public).ok
    outcome = verify({"kind": "x"}, envelope, public, subject_name="b.json")
    assert [f.code for f in outcome.findings] == ["RF722"]


# ---- keys ------------------------------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_keygen_permissions_and_no_key_in_output(tmp_path: Path) -> None:
    proc = run("keygen", "-o", str(tmp_path / "k.pem"))
    assert proc.returncode == 0, proc.stderr
    private, public = tmp_path / "k.pem", tmp_path / "k.pem.pub"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert stat.S_IMODE(public.stat().st_mode) & 0o077 == 0o044
    body = "".join(private.read_text().splitlines()[1:-1])
    pub_body = "".join(public.read_text().splitlines()[1:-1])
    for chunk in (body, body[:16], pub_body[:16]):
        assert chunk not in proc.stdout + proc.stderr
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary files left


def test_keygen_never_replaces_a_key_silently(tmp_path: Path) -> None:
    assert run("keygen", "-o", str(tmp_path / "k.pem")).returncode == 0
    before = (tmp_path / "k.pem").read_bytes()
    proc = run("keygen", "-o", str(tmp_path / "k.pem"))
    assert proc.returncode == 2 and "RF725" in proc.stderr
    assert (tmp_path / "k.pem").read_bytes() == before
    assert run("keygen", "-o", str(tmp_path / "k.pem"), "--force").returncode == 0
    assert (tmp_path / "k.pem").read_bytes() != before


def test_encrypted_keys(tmp_path: Path) -> None:
    env = {"KEYPASS": "correct horse"}
    assert run("keygen", "-o", str(tmp_path / "k.pem"), "--key-password-env", "KEYPASS", env=env).returncode == 0
    assert b"ENCRYPTED" in (tmp_path / "k.pem").read_bytes()
    report = tmp_path / "r.json"
    report.write_text('{"kind": "x"}')
    proc = run("sign", str(report), "--key", str(tmp_path / "k.pem"), "-o", str(tmp_path / "s.json"))
    assert proc.returncode == 2 and "RF725" in proc.stderr and "password" in proc.stderr
    proc = run("sign", str(report), "--key", str(tmp_path / "k.pem"), "-o", str(tmp_path / "s.json"),
               "--key-password-env", "KEYPASS", env=env)
    assert proc.returncode == 0, proc.stderr
    assert "correct horse" not in proc.stdout + proc.stderr
    assert run("verify", str(report), "--signature", str(tmp_path / "s.json"), "--key",
               str(tmp_path / "k.pem.pub")).returncode == 0
    proc = run("sign", str(report), "--key", str(tmp_path / "k.pem"), "-o", str(tmp_path / "s.json"),
               "--key-password-env", "NOT_SET")
    assert proc.returncode == 2


def test_verifying_with_a_private_key_is_refused(keypair: tuple[Path, Path], tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    report.write_text('{"kind": "x"}')
    assert run("sign", str(report), "--key", str(keypair[0]), "-o", str(tmp_path / "s.json")).returncode == 0
    proc = run("verify", str(report), "--signature", str(tmp_path / "s.json"), "--key", str(keypair[0]))
    assert proc.returncode == 2 and "RF725" in proc.stderr
    assert keypair[0].read_text().splitlines()[1][:16] not in proc.stderr


def test_rsa_keys_are_refused(tmp_path: Path) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    (tmp_path / "rsa.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                         serialization.NoEncryption()))
    with pytest.raises(IntegrityError) as caught:
        integrity.load_private_key(tmp_path / "rsa.pem")
    assert "RSA" in caught.value.findings[0].message() and "Ed25519" in caught.value.findings[0].message("zh")


# ---- the command line --------------------------------------------------------------------------------


def test_sign_and_verify_exit_codes(keypair: tuple[Path, Path], tmp_path: Path) -> None:
    private, public = keypair
    report = tmp_path / "report.yaml"
    report.write_bytes(EXAMPLE.read_bytes())
    signature = tmp_path / "report.sig.json"
    proc = run("sign", str(report), "--key", str(private), "-o", str(signature))
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE(signature.stat().st_mode) & 0o044 == 0o044 or os.name != "posix"  # a shareable file
    assert run("verify", str(report), "--signature", str(signature), "--key", str(public)).returncode == 0
    # the same report as JSON, keys reversed: still the signed content
    as_json = tmp_path / "report.json"
    as_json.write_text(json.dumps(_reorder(yaml.safe_load(report.read_text())), indent=4, ensure_ascii=True))
    assert run("verify", str(as_json), "--signature", str(signature), "--key", str(public)).returncode == 0
    changed = tmp_path / "changed.json"
    doc = json.loads(as_json.read_text())
    doc["evaluations"][0]["results"][0]["value"] = 0.14
    changed.write_text(json.dumps(doc))
    proc = run("verify", str(changed), "--signature", str(signature), "--key", str(public))
    assert proc.returncode == 1 and "RF721" in proc.stdout
    proc = run("verify", "--lang", "zh", str(changed), "--signature", str(signature), "--key", str(public))
    assert proc.returncode == 1 and "验证失败" in proc.stdout
    # unusable inputs: 2
    assert run("verify", str(tmp_path / "missing.json"), "--signature", str(signature), "--key",
               str(public)).returncode == 2
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json")
    assert run("verify", str(report), "--signature", str(garbage), "--key", str(public)).returncode == 2
    assert run("verify", str(report), "--signature", str(signature), "--key", str(garbage)).returncode == 2
    assert run("verify", str(report), "--signature", str(signature)).returncode == 2  # usage


def test_verify_json_output(keypair: tuple[Path, Path], tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    report.write_text('{"kind": "x"}')
    run("sign", str(report), "--key", str(keypair[0]), "-o", str(tmp_path / "s.json"))
    proc = run("verify", str(report), "--signature", str(tmp_path / "s.json"), "--key", str(keypair[1]),
               "--format", "json")
    out = json.loads(proc.stdout)
    assert out["valid"] is True and out["digest"] == digest({"kind": "x"}) and out["findings"] == []


def test_sign_never_writes_over_its_inputs(keypair: tuple[Path, Path], tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    report.write_text('{"kind": "x"}')
    proc = run("sign", str(report), "--key", str(keypair[0]), "-o", str(report))
    assert proc.returncode == 2 and "RF729" in proc.stderr
    assert report.read_text() == '{"kind": "x"}'
    key_before = keypair[0].read_bytes()
    proc = run("sign", str(report), "--key", str(keypair[0]), "-o", str(keypair[0]))
    assert proc.returncode == 2 and keypair[0].read_bytes() == key_before


def test_sign_refuses_ambiguous_documents(keypair: tuple[Path, Path], tmp_path: Path) -> None:
    report = tmp_path / "dup.json"
    report.write_text('{"kind": "x", "kind": "y"}')
    proc = run("sign", str(report), "--key", str(keypair[0]), "-o", str(tmp_path / "s.json"))
    assert proc.returncode == 2 and "RF105" in proc.stderr
    assert not (tmp_path / "s.json").exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_sign_warns_about_an_exposed_private_key(keypair: tuple[Path, Path], tmp_path: Path) -> None:
    exposed = tmp_path / "exposed.pem"
    exposed.write_bytes(keypair[0].read_bytes())
    exposed.chmod(0o644)
    report = tmp_path / "r.json"
    report.write_text('{"kind": "x"}')
    proc = run("sign", str(report), "--key", str(exposed), "-o", str(tmp_path / "s.json"))
    assert proc.returncode == 0 and "RF727" in proc.stderr


def test_digest_command(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.yaml"
    a.write_text('{"b": [1.0, "中"], "a": true}')
    b.write_text("a: true\nb: [1, 中]\n")
    proc = run("digest", str(a), str(b))
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert lines[0].split()[0] == lines[1].split()[0] == digest({"a": True, "b": [1, "中"]})
    assert lines[0].endswith(f"  {a}")
    assert run("digest", str(tmp_path / "missing.json")).returncode == 2


def test_digest_reads_standard_input(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "riskfmt", "digest", "--algorithm", "sha512", "-"],
                          input='{"a": 1}', capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.startswith(digest({"a": 1}, "sha512") + "  -")


def test_envelope_file_layout(keys: tuple[Any, Any]) -> None:
    """Written as trestle writes its envelopes: sorted keys, two-space indent, final newline."""
    data = dump_envelope(sign({"kind": "x"}, keys[0]))
    assert data.endswith(b"}\n") and data == (json.dumps(json.loads(data), indent=2, sort_keys=True) + "\n").encode()
