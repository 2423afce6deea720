"""``riskfmt redact`` as subcommands (copy, verify, reveal, check-proof, profiles), and the flag forms of riskfmt
0.2 still working, each with a deprecation note on standard error: same outputs, same exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from riskfmt.cli import run

from .strategies import ROOT

EXAMPLE = str(ROOT / "examples" / "reports" / "valid" / "bilingual-red-team.yaml")
NOTE = "is deprecated and goes in riskfmt 0.4"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def shared(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("RISKFMT_LANG", raising=False)
    out = tmp_path / "shared.json"
    code, stdout, stderr = _run(capsys, "redact", "copy", EXAMPLE, "--profile", "tlp-green", "-o", str(out))
    assert code == 0, stderr
    assert NOTE not in stderr and "Wrote" in stdout
    return out


def _pointer(shared: Path) -> str:
    return str(json.loads(shared.read_text())["disclosure"]["withheld"][0]["pointer"])


def test_the_new_forms_round_trip(shared: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    salts = str(shared) + ".salts.json"
    code, out, err = _run(capsys, "redact", "verify", EXAMPLE, str(shared), "--salts", salts)
    assert (code, err) == (0, "") and out.startswith("Derived")
    proof = tmp_path / "proof.json"
    code, out, err = _run(capsys, "redact", "reveal", _pointer(shared), EXAMPLE, "--salts", salts, "-o", str(proof))
    assert (code, err) == (0, "") and proof.is_file()
    code, out, err = _run(capsys, "redact", "check-proof", str(proof), str(shared))
    assert (code, err) == (0, "") and out.startswith("Proven")
    code, out, err = _run(capsys, "redact", "profiles")
    assert (code, err) == (0, "") and "tlp-green" in out


def test_a_check_that_does_not_hold_exits_1(shared: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads(shared.read_text())
    doc["model"]["version"] = "9.9"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(doc))
    code, out, _ = _run(capsys, "redact", "verify", EXAMPLE, str(changed))
    assert code == 1 and "RF730" in out and "Not derived" in out
    salts = str(shared) + ".salts.json"
    proof = tmp_path / "proof.json"
    assert _run(capsys, "redact", "reveal", _pointer(shared), EXAMPLE, "--salts", salts, "-o", str(proof))[0] == 0
    code, out, _ = _run(capsys, "redact", "check-proof", str(proof), EXAMPLE)  # the original holds no record
    assert code == 1 and "Not proven" in out


@pytest.mark.parametrize(("new", "old"), [
    (["verify", EXAMPLE, "{shared}"], ["--verify", EXAMPLE, "{shared}"]),
    (["verify", EXAMPLE, "{shared}", "--salts", "{salts}"], [EXAMPLE, "--verify", "{shared}", "--salts", "{salts}"]),
    (["check-proof", "{proof}", "{shared}"], ["--check-proof", "{proof}", "{shared}"]),
    (["profiles"], ["--list-profiles"]),
    (["profiles", "--lang", "zh"], ["--lang", "zh", "--list-profiles"]),
    (["verify", "{shared}", EXAMPLE], ["--verify", "{shared}", EXAMPLE]),  # not derived: exit 1 both ways
])
def test_the_old_flag_forms_do_the_same_with_a_note(new: list[str], old: list[str], shared: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    salts = str(shared) + ".salts.json"
    proof = tmp_path / "proof.json"
    assert _run(capsys, "redact", "reveal", _pointer(shared), EXAMPLE, "--salts", salts, "-o", str(proof))[0] == 0
    values = {"shared": str(shared), "salts": salts, "proof": str(proof)}
    new_code, new_out, new_err = _run(capsys, "redact", *(a.format(**values) for a in new))
    old_code, old_out, old_err = _run(capsys, "redact", *(a.format(**values) for a in old))
    assert (old_code, old_out) == (new_code, new_out)
    assert "riskfmt 0.4" not in new_err
    assert "riskfmt 0.4" in old_err and f"`riskfmt redact {new[0]}`" in old_err


def test_the_old_copy_and_reveal_forms_write_the_same(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RISKFMT_LANG", raising=False)
    new, old = tmp_path / "new.json", tmp_path / "old.json"
    code, _, err = _run(capsys, "redact", "copy", EXAMPLE, "--profile", "tlp-clear", "-o", str(new))
    assert (code, err) == (0, "")
    code, _, err = _run(capsys, "redact", EXAMPLE, "--profile", "tlp-clear", "-o", str(old))
    assert code == 0 and "use `riskfmt redact copy`" in err
    def withheld(path: Path) -> list[tuple[str, str]]:  # the digests differ: every copy has salts of its own
        return [(w["pointer"], w["kind"]) for w in json.loads(path.read_text())["disclosure"]["withheld"]]

    assert withheld(new) == withheld(old) != []
    pointer = _pointer(new)
    for form in (["--reveal", pointer], [f"--reveal={pointer}"]):
        proof = tmp_path / f"proof{len(form)}.json"
        code, _, err = _run(capsys, "redact", *form, EXAMPLE, "--salts", str(old) + ".salts.json", "-o", str(proof))
        assert code == 0 and "use `riskfmt redact reveal`" in err
        assert json.loads(proof.read_text())["pointer"] == pointer


def test_the_note_speaks_the_language_of_the_run(shared: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "redact", "--list-profiles", "--lang", "zh")
    assert code == 0 and "已弃用" in err and "riskfmt redact profiles" in err


def test_options_before_the_subcommand(shared: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "redact", "--lang", "zh", "verify", EXAMPLE, str(shared))
    assert (code, err) == (0, "") and out.startswith("确认派生")


@pytest.mark.parametrize("args", [
    ["redact"],  # no subcommand: the group's usage
    ["redact", "copy", EXAMPLE],  # no --profile, no -o
    ["redact", "copy", EXAMPLE, "--profile", "nope", "-o", "/tmp/riskfmt-never.json"],  # no such profile
    ["redact", "copy", EXAMPLE, "--profile", "tlp-green", "-o", "/tmp/riskfmt-never.json", "--lower-marking"],
    ["redact", "verify", EXAMPLE],  # one document
    ["redact", "verify", "-", "-"],  # standard input twice
    ["redact", "reveal", "/x", EXAMPLE, "-o", "/tmp/riskfmt-never.json"],  # no --salts
    ["redact", "check-proof", "a.json"],
    ["redact", "nosuch"],  # neither a subcommand nor a readable report: read as the old copy form, usage error
    ["redact", "--verify", "--check-proof", "a", "b"],  # two old modes
    ["redact", "--reveal"],  # the old --reveal without its POINTER
])
def test_usage_and_input_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, *args)
    assert code == 2
    assert "Traceback" not in err
    assert not Path("/tmp/riskfmt-never.json").exists()
