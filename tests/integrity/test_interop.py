"""Interoperability with compliance-trestle's ``trestle sign`` / ``trestle verify``, in both directions.

The fast tests read fixtures that the real tools produced (interop/make_fixtures.sh). The slow test runs
trestle itself (RISKFMT_SLOW=1): from RISKFMT_TRESTLE_VENV when set, else from a venv it builds.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from riskfmt import integrity
from riskfmt.integrity.signing import load_envelope

HERE = Path(__file__).resolve().parent / "interop"
REPORT = HERE / "report.json"
PUBLIC = HERE / "TEST-ONLY.key.pem.pub"
TRESTLE_SIG = HERE / "report.trestle.sig.json"
RISKFMT_SIG = HERE / "report.riskfmt.sig.json"


def test_riskfmt_verifies_trestles_signature() -> None:
    outcome = integrity.verify_file(REPORT, TRESTLE_SIG, PUBLIC)
    assert outcome.ok, outcome.findings
    assert outcome.subject == "report.json"
    # trestle's statement says it was trestle: this is a real trestle envelope, not one of ours
    import base64

    statement = json.loads(base64.b64decode(load_envelope(TRESTLE_SIG)["payload"]))
    assert statement["predicate"]["tool"] == "compliance-trestle"


def test_trestle_and_riskfmt_sign_the_same_digest_with_the_same_key_id() -> None:
    import base64

    ours, theirs = load_envelope(RISKFMT_SIG), load_envelope(TRESTLE_SIG)
    assert ours["signatures"][0]["keyid"] == theirs["signatures"][0]["keyid"]
    ours_subject = json.loads(base64.b64decode(ours["payload"]))["subject"]
    theirs_subject = json.loads(base64.b64decode(theirs["payload"]))["subject"]
    assert ours_subject == theirs_subject


def test_trestles_signature_survives_reserialisation_and_not_change(tmp_path: Path) -> None:
    doc = json.loads(REPORT.read_text(encoding="utf-8"))
    copy = tmp_path / "report.json"
    copy.write_text(json.dumps(doc, indent=None, sort_keys=True, ensure_ascii=True))
    assert integrity.verify_file(copy, TRESTLE_SIG, PUBLIC).ok
    as_yaml = tmp_path / "report.yaml"
    import yaml

    as_yaml.write_text(yaml.safe_dump(doc, allow_unicode=True))
    assert integrity.verify_file(as_yaml, TRESTLE_SIG, PUBLIC).ok
    doc["marking"]["tlp"] = "GREEN"
    copy.write_text(json.dumps(doc))
    outcome = integrity.verify_file(copy, TRESTLE_SIG, PUBLIC)
    assert not outcome.ok and outcome.findings[0].code == "RF721"


def test_the_checked_in_riskfmt_signature_is_current() -> None:
    """riskfmt signing is deterministic (Ed25519): signing again with the test key gives the checked-in bytes."""
    from riskfmt.integrity.signing import dump_envelope, sign

    private = integrity.load_private_key(HERE / "TEST-ONLY.key.pem")
    envelope = sign(integrity.load_document(REPORT), private, subject_name="report.json")
    assert dump_envelope(envelope) == RISKFMT_SIG.read_bytes()
    assert integrity.verify_file(REPORT, RISKFMT_SIG, PUBLIC).ok


def test_the_test_key_is_marked_as_such() -> None:
    for path in (HERE / "TEST-ONLY.key.pem", PUBLIC):
        assert path.read_text().startswith("TEST KEY ONLY")


def _trestle() -> Path:
    venv = os.environ.get("RISKFMT_TRESTLE_VENV")
    if venv:
        return Path(venv) / "bin" / "trestle"
    venv_path = Path("/tmp/riskfmt-fx-venv-trestle")
    if not (venv_path / "bin" / "trestle").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv_path)], check=True)
        subprocess.run([str(venv_path / "bin" / "pip"), "install", "-q", "-c", str(HERE / "constraints.txt"),
                        "compliance-trestle==5.2.0"], check=True, timeout=1800)
    return venv_path / "bin" / "trestle"


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("RISKFMT_SLOW") != "1", reason="set RISKFMT_SLOW=1 to run compliance-trestle")
def test_trestle_verifies_riskfmt_signatures(tmp_path: Path) -> None:
    trestle = _trestle()
    private = tmp_path / "key.pem"
    shutil.copy(HERE / "TEST-ONLY.key.pem", private)
    private.chmod(0o600)

    def trestle_verify(document: Path, signature: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(trestle), "verify", "--beta", "-f", str(document), "--signature", str(signature),
                               "--public-key", str(PUBLIC)], capture_output=True, text=True, timeout=300, cwd=cwd)

    # the checked-in riskfmt signature
    proc = trestle_verify(REPORT, RISKFMT_SIG, tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # a fresh one, over a report riskfmt itself produced (a redacted copy), through the command line
    shared = tmp_path / "shared.json"
    riskfmt = [sys.executable, "-m", "riskfmt"]
    subprocess.run([*riskfmt, "redact", str(REPORT), "--profile", "tlp-green", "-o", str(shared)], check=True)
    subprocess.run([*riskfmt, "sign", str(shared), "--key", str(private), "-o", str(tmp_path / "shared.sig")],
                   check=True)
    proc = trestle_verify(shared, tmp_path / "shared.sig", tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # and trestle refuses it once a value changed: the test can fail
    doc = json.loads(shared.read_text())
    doc["evaluations"][0]["results"][0]["value"] = 0.5
    shared.write_text(json.dumps(doc))
    assert trestle_verify(shared, tmp_path / "shared.sig", tmp_path).returncode != 0
    # the other direction with a fresh trestle signature
    subprocess.run([str(trestle), "sign", "--beta", "-f", str(shared), "--private-key", str(private), "-o",
                    str(tmp_path / "t.sig")], check=True, capture_output=True, cwd=tmp_path)
    assert integrity.verify_file(shared, tmp_path / "t.sig", PUBLIC).ok
