"""The command line: exit codes, output formats, languages, and no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES

VALID = EXAMPLES / "valid" / "minimal.json"
INVALID = EXAMPLES / "invalid" / "interval-excludes-value.RF501.json"
WARNING_ONLY = EXAMPLES / "invalid" / "uncertainty-without-n.RF515.json"


def run(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    full_env.pop("RISKFMT_LANG", None)
    return subprocess.run(
        [sys.executable, "-m", "riskfmt", *args], input=stdin.decode() if stdin is not None else None,
        capture_output=True, text=True, env=full_env, timeout=120,
    )


def test_valid_file_exits_0() -> None:
    proc = run("validate", str(VALID))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 errors" in proc.stdout


def test_error_exits_1_and_names_place() -> None:
    proc = run("validate", str(INVALID))
    assert proc.returncode == 1
    assert f"{INVALID}:" in proc.stdout and "RF501" in proc.stdout
    assert "/evaluations/0/results/0/uncertainty/ci" in proc.stdout


def test_fail_on_warning() -> None:
    assert run("validate", str(WARNING_ONLY)).returncode == 0
    assert run("validate", "--fail-on", "warning", str(WARNING_ONLY)).returncode == 1


def test_missing_file_exits_2_with_a_finding(tmp_path: Path) -> None:
    proc = run("validate", str(tmp_path / "nope.json"), str(VALID))
    assert proc.returncode == 2
    assert "RF001" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


def test_empty_directory_exits_2(tmp_path: Path) -> None:
    proc = run("validate", str(tmp_path))
    assert proc.returncode == 2 and "RF002" in proc.stdout


def test_usage_error_exits_2() -> None:
    assert run("validate").returncode == 2
    assert run("validate", "--format", "xml", str(VALID)).returncode == 2
    assert run("no-such-command").returncode == 2


def test_stdin() -> None:
    proc = run("validate", "-", stdin=VALID.read_bytes())
    assert proc.returncode == 0, proc.stdout
    proc = run("validate", "--format", "json", "-", stdin=INVALID.read_bytes())
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["findings"][0]["file"] == "<stdin>"


def test_json_output_contract() -> None:
    proc = run("validate", "--format", "json", str(EXAMPLES / "invalid"))
    assert proc.returncode == 2 or proc.returncode == 1
    doc = json.loads(proc.stdout)
    assert doc["findings"], "expected findings"
    for finding in doc["findings"]:
        assert {"code", "severity", "file", "pointer", "line", "column", "message"} <= set(finding)
        assert finding["severity"] in ("error", "warning", "info")
    assert doc["summary"]["files"] == len(doc["files"])


def test_chinese_messages() -> None:
    proc = run("validate", "--lang", "zh", str(INVALID))
    assert "置信区间" in proc.stdout and "已检查 1 个文件" in proc.stdout
    proc = run("validate", str(INVALID), env={"RISKFMT_LANG": "zh"})
    assert proc.returncode == 1


def test_github_annotations() -> None:
    proc = run("validate", "--format", "github", str(INVALID))
    line = proc.stdout.splitlines()[0]
    assert line.startswith(f"::error file={INVALID},line=") and ",col=" in line and "title=RF501" in line


def test_sarif_output() -> None:
    proc = run("validate", "--format", "sarif", str(INVALID), str(WARNING_ONLY))
    sarif = json.loads(proc.stdout)
    assert sarif["version"] == "2.1.0"
    run_ = sarif["runs"][0]
    rule_ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    assert rule_ids == ["RF501", "RF515"]
    levels = sorted(r["level"] for r in run_["results"])
    assert levels == ["error", "warning"]
    for result in run_["results"]:
        assert run_["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1


def test_quiet_prints_nothing_when_clean() -> None:
    proc = run("validate", "-q", str(VALID))
    assert proc.returncode == 0 and proc.stdout == ""


def test_internal_error_exits_3_without_traceback(tmp_path: Path) -> None:
    # Make the code catalogue lookup fail inside the command: a simulated bug.
    script = tmp_path / "boom.py"
    script.write_text(
        "import sys, riskfmt.validation as v\n"
        "def boom(*a, **k):\n    raise RuntimeError('simulated bug')\n"
        "v.validate = boom\n"
        "from riskfmt.cli import main\n"
        "sys.argv = ['riskfmt'] + sys.argv[1:]\nmain()\n"
    )
    # the quick path (riskfmt/_quick.py) would accept the clean file without calling validate(): turn it off
    env = {**os.environ, "RISKFMT_NO_QUICK": "1"}
    proc = subprocess.run([sys.executable, str(script), "validate", str(VALID)], capture_output=True, text=True,
                          env=env)
    assert proc.returncode == 3
    assert "internal error" in proc.stderr and "Traceback" not in proc.stderr
    proc = subprocess.run([sys.executable, str(script), "--traceback", "validate", str(VALID)], capture_output=True,
                          text=True, env=env)
    assert proc.returncode == 3 and "Traceback" in proc.stderr


def test_a_check_failing_on_one_file_exits_3_and_the_others_are_still_checked(tmp_path: Path) -> None:
    """An internal error inside one file's checks is an RF900 finding for that file (the batch goes on), and the
    run exits 3, the documented code for an internal error, not 1 as if the file had findings."""
    script = tmp_path / "boom.py"
    script.write_text(
        "import sys, riskfmt.semantic as s\n"
        "real = s.check_report\n"
        "def boom(data, *a, **k):\n"
        "    if data.get('model', {}).get('name') == 'boom':\n        raise RuntimeError('simulated bug')\n"
        "    return real(data, *a, **k)\n"
        "s.check_report = boom\n"
        "from riskfmt.cli import main\n"
        "sys.argv = ['riskfmt'] + sys.argv[1:]\nmain()\n"
    )
    report = json.loads(VALID.read_text(encoding="utf-8"))
    report["model"]["name"] = "boom"
    (tmp_path / "a-boom.json").write_text(json.dumps(report), encoding="utf-8")
    (tmp_path / "b-invalid.json").write_bytes((EXAMPLES / "invalid" / "bounds-reversed.RF504.json").read_bytes())
    env = {**os.environ, "RISKFMT_NO_QUICK": "1"}
    env.pop("RISKFMT_DEBUG", None)
    proc = subprocess.run([sys.executable, str(script), "validate", "--format", "json", "a-boom.json",
                           "b-invalid.json"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert proc.returncode == 3, proc.stderr
    codes = {(f["file"], f["code"]) for f in json.loads(proc.stdout)["findings"]}
    assert ("a-boom.json", "RF900") in codes
    assert any(source == "b-invalid.json" and code != "RF900" for source, code in codes)
    assert "Traceback" not in proc.stderr


def test_many_files_in_one_process(tmp_path: Path) -> None:
    for i in range(50):
        (tmp_path / f"r{i}.json").write_bytes(VALID.read_bytes())
    proc = run("validate", str(tmp_path))
    assert proc.returncode == 0 and "50 files checked" in proc.stdout


def test_version_and_help() -> None:
    assert run("--version").stdout.startswith("riskfmt ")
    help_text = run("--help").stdout
    assert "validate" in help_text
    assert "Exit codes" in run("validate", "--help").stdout


def test_no_traceback_on_any_invalid_example() -> None:
    proc = run("validate", str(EXAMPLES / "invalid"))
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.returncode == 1


@pytest.mark.parametrize("module", ["riskfmt.cli"])
def test_cli_start_imports_nothing_heavy(module: str) -> None:
    """Start-up cost matters in pre-commit: jsonschema, linkml and pydantic must never load."""
    code = (
        f"import sys; from riskfmt.cli import run; run(['validate', '-q', {str(VALID)!r}]);"
        "bad = [m for m in ('jsonschema', 'linkml', 'linkml_runtime', 'pydantic', 'rdflib') if m in sys.modules];"
        "print(bad)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.strip().endswith("[]"), proc.stdout + proc.stderr
