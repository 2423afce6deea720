"""What a lab's pipeline meets first: the pre-commit hook repository, the GitHub Action, Windows-safe names."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, required

BIN = str(Path(sys.executable).parent)
RISKFMT = shutil.which("riskfmt", path=BIN) or shutil.which("riskfmt")
PRE_COMMIT = shutil.which("pre-commit", path=BIN) or shutil.which("pre-commit")
VALID = ROOT / "examples" / "reports" / "valid" / "minimal.json"
INVALID = ROOT / "examples" / "reports" / "invalid" / "interval-excludes-value.RF501.json"


# ---- the GitHub Action ---------------------------------------------------------------------------------------

def _action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_action_is_a_composite_that_uploads_sarif() -> None:
    action = _action()
    assert action["runs"]["using"] == "composite"
    uses = [step.get("uses", "") for step in action["runs"]["steps"]]
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    assert any(u.startswith("actions/setup-python@") for u in uses)


def test_action_scripts_take_inputs_only_from_the_environment() -> None:
    """`${{ inputs.x }}` pasted into a script is a script-injection hole; inputs must arrive as env vars."""
    for step in _action()["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")


def _run_step(name: str, workdir: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    [step] = [s for s in _action()["runs"]["steps"] if s.get("name") == name]
    assert step["shell"] == "bash"
    full = {**os.environ, **env, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(["bash", "-e", "-o", "pipefail", "-c", step["run"]], cwd=workdir, env=full,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize(("report", "code"), [(VALID, "0"), (INVALID, "1")])
def test_action_validate_step_in_a_fresh_repository(tmp_path: Path, report: Path, code: str) -> None:
    """The action's own script, run as GitHub runs it, in a repository that holds one report."""
    (tmp_path / "reports").mkdir()
    shutil.copy(report, tmp_path / "reports" / report.name)
    output = tmp_path / "github_output"
    proc = _run_step("Validate", tmp_path, {"RISKFMT_PATHS": "reports\n", "RISKFMT_LANG": "zh",
                                            "RISKFMT_FAIL_ON": "error", "RISKFMT_SARIF": "out.sarif",
                                            "GITHUB_OUTPUT": str(output)})
    assert proc.returncode == 0, proc.stderr  # the step records the code; a later step fails the job
    assert output.read_text() == f"exit-code={code}\n"
    sarif = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    if code == "1":
        assert re.search(r"^::error file=reports/.*RF501", proc.stdout, re.M), proc.stdout
        assert [r["ruleId"] for r in results] == ["RF501"]
        assert "置信区间" in results[0]["message"]["text"]  # RISKFMT_LANG reached riskfmt
    else:
        assert results == []
    fail = _run_step("Fail on findings", tmp_path, {"RISKFMT_EXIT": code})
    assert str(fail.returncode) == code


# ---- the pre-commit hook repository ------------------------------------------------------------------------

def test_hooks_file_names_real_commands() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    ids = {h["id"] for h in hooks}
    assert {"riskfmt-validate", "riskfmt-vocab-ids"} <= ids
    for hook in hooks:
        assert hook["language"] == "python"
        command = hook["entry"].split()
        proc = subprocess.run([RISKFMT, *command[1:], "--help"], capture_output=True, text=True)
        assert proc.returncode == 0, (hook["id"], proc.stderr)


@pytest.mark.skipif(PRE_COMMIT is None and not required("RISKFMT_REQUIRE_BUILD"),
                    reason="pre-commit is not installed (the [test] extra installs it)")
def test_pre_commit_try_repo(tmp_path: Path) -> None:
    """A fresh repository uses this checkout as its hook repository (pre-commit installs riskfmt from it)."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    repo = tmp_path / "consumer"
    (repo / "reports").mkdir(parents=True)
    shutil.copy(VALID, repo / "reports" / "good.json")
    shutil.copy(INVALID, repo / "reports" / "bad.json")
    (repo / "notes.md").write_text("Mapped to R0013 and to R9999.\n", encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t", "GIT_COMMITTER_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    precommit = PRE_COMMIT or "pre-commit"

    def try_repo(hook: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([precommit, "try-repo", str(ROOT), hook, "--all-files"], cwd=repo, env=env,
                              capture_output=True, text=True, timeout=900)

    validate = try_repo("riskfmt-validate")
    assert validate.returncode == 1, validate.stdout + validate.stderr
    assert "bad.json" in validate.stdout and "RF501" in validate.stdout
    assert "good.json" not in validate.stdout
    ids = try_repo("riskfmt-vocab-ids")
    assert ids.returncode == 1, ids.stdout + ids.stderr
    assert "notes.md:1:" in ids.stdout and "R9999" in ids.stdout and "RF401" in ids.stdout


# ---- names that every operating system can check out -------------------------------------------------------

_WINDOWS_BAD = re.compile(r'[<>:"|?*\x00-\x1f\\]')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$", re.I)


def windows_problems(path: str) -> list[str]:
    problems = []
    for part in path.split("/"):
        if _WINDOWS_BAD.search(part):
            problems.append(f"{part!r} has a character Windows forbids")
        if part.endswith((" ", ".")):
            problems.append(f"{part!r} ends with a space or a dot")
        if _RESERVED.match(part):
            problems.append(f"{part!r} is a reserved device name on Windows")
    return problems


def test_every_tracked_file_name_is_windows_safe() -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.decode()
    names = [f for f in files.split("\0") if f]
    bad = {f: windows_problems(f) for f in names if windows_problems(f)}
    assert not bad, dict(list(bad.items())[:20])
    folded: dict[str, str] = {}
    clashes = []
    for name in names:  # Windows and macOS file systems ignore case
        other = folded.setdefault(name.casefold(), name)
        if other != name:
            clashes.append((other, name))
    assert not clashes, clashes[:20]


def test_converted_file_names_are_windows_safe(tmp_path: Path) -> None:
    """HELM run folders are named "<scenario>:<args>"; the reports written for them must not carry the ':'."""
    helm = ROOT / "examples" / "inputs" / "helm" / "benchmark_output" / "runs" / "v1"
    suite = tmp_path / "v1"
    for run in sorted(p for p in helm.iterdir() if p.is_dir()):
        shutil.copytree(run, suite / run.name.replace("_model=", ":model=", 1))  # as HELM itself names them
    assert any(":" in p.name for p in suite.iterdir())
    out = tmp_path / "out"
    proc = subprocess.run([RISKFMT, "convert", str(suite), "-o", str(out), "--samples", "file", "-q"],
                          capture_output=True, text=True)
    assert proc.returncode in (0, 1), proc.stderr
    written = [p.name for p in out.iterdir()]
    assert len(written) >= 3
    bad = {name: windows_problems(name) for name in written if windows_problems(name)}
    assert not bad, bad


def test_portable_name() -> None:
    from riskfmt.io import portable_name

    portable = portable_name("simple_mcqa:model=m,data_augmentation=robustness")
    assert portable == "simple_mcqa_model=m,data_augmentation=robustness"
    assert portable_name("con") == "_con" and portable_name("a. ") == "a" and portable_name("") == "_"
    assert not windows_problems(portable_name('x<>:"/\\|?*\x01y'))
