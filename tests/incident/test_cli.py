"""``riskfmt incident new|update|history``, ``riskfmt validate`` and ``riskfmt convert --from aiid`` on incident
reports: outputs, exit codes, both languages, no tracebacks."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import riskfmt
from incident._data import AIID_INPUTS, EXAMPLES, load, needs_aiid
from riskfmt.cli import run

NOW = "2025-03-01T09:00:00Z"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _fill(text: str) -> str:
    """What a person filling in the skeleton does: replace every placeholder with a real value."""
    text = re.sub(r'"<<negligible[^"]*>>"', "major", text)
    text = re.sub(r'"<<(risk id|风险编号)[^"]*>>"', "R0007", text)
    return re.sub(r'"<<[^"]*>>"', '"filled in"', text)


# ---- new ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_skeleton_reports_only_its_placeholders_and_validates_once_filled(lang: str, tmp_path: Path) -> None:
    from riskfmt.incident.skeleton import skeleton

    path = tmp_path / f"new.{lang}.yaml"
    text = skeleton(lang, report_id="rfi-" + "a" * 32, now=NOW)
    path.write_text(text, encoding="utf-8")
    result = riskfmt.validate([path])
    assert {f.code for f in result.findings} == {"RF650"}
    holes = re.findall(r'"(<<[^"]*>>)"', text)
    assert {f.params["value"] for f in result.findings} == set(holes)
    assert all(f.location.line for f in result.findings)
    path.write_text(_fill(text), encoding="utf-8")
    assert [f.code for f in riskfmt.validate([path]).findings] == []


def test_skeleton_language_is_the_one_asked_for() -> None:
    from riskfmt.incident.skeleton import skeleton

    en, zh = skeleton("en", now=NOW), skeleton("zh", now=NOW)
    assert "  en: " in en and "  zh: " not in en
    assert "  zh: " in zh and "  en: " not in zh
    assert "占位" in zh and "placeholder" in en
    assert re.search(r"report_id: rfi-[0-9a-f]{32}", en)
    assert skeleton("en", now=NOW) != en  # a new random id every time


def test_incident_new_writes_and_never_replaces(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "report.yaml"
    code, _, err = _run(capsys, "incident", "new", "--lang", "zh", "-o", str(target))
    assert code == 0 and "已写入" in err
    assert "kind: incident-report" in target.read_text(encoding="utf-8")
    before = target.read_bytes()
    code, _, err = _run(capsys, "incident", "new", "-o", str(target))
    assert code == 2 and "never replaces" in err
    assert target.read_bytes() == before


def test_incident_new_needs_an_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "incident", "new")
    assert code == 2 and "--output" in err


# ---- update ---------------------------------------------------------------------------------------


def _copy(tmp_path: Path, name: str = "grid-dispatch.operator.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes((EXAMPLES / "valid" / name).read_bytes())
    return path


def test_update_appends_an_entry(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = _copy(tmp_path)
    code, _, err = _run(capsys, "incident", "update", str(path), "--summary", "Vendor confirmed a firmware fault",
                        "--summary-zh", "供应商确认固件故障", "--author", "Ops", "--date", "2025-05-20T08:00:00Z",
                        "--status", "concluded", "--cause", "accidental-malfunction",
                        "--likelihood", "accidental-malfunction=0.9", "--likelihood", "deliberate-attack=0.05",
                        "--likelihood", "operator-error=0.05")
    assert code == 0, err
    assert "Appended timeline entry 3" in err
    doc = load(path)
    assert doc["status"] == "concluded" and doc["attribution"]["cause"] == "accidental-malfunction"
    assert doc["timeline"][-1]["summary"] == {"en": "Vendor confirmed a firmware fault", "zh": "供应商确认固件故障"}
    assert [f.code for f in riskfmt.validate([path]).findings] == []


def test_update_with_a_complete_attribution_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = _copy(tmp_path)
    attribution = load(path)["attribution"]
    attribution.update(cause="accidental-malfunction", assessed="2025-05-20T08:00:00Z")
    file = tmp_path / "attribution.json"
    file.write_text(json.dumps(attribution), encoding="utf-8")
    code, _, err = _run(capsys, "incident", "update", str(path), "--summary", "settled", "--author", "Ops",
                        "--date", "2025-05-20T08:00:00Z", "--attribution", str(file), "-o", str(tmp_path / "out.json"))
    assert code == 0, err
    assert load(tmp_path / "out.json")["attribution"]["cause"] == "accidental-malfunction"
    assert (tmp_path / "out.json").read_text(encoding="utf-8").lstrip().startswith("{")  # JSON, by its suffix
    assert load(path) == load(EXAMPLES / "valid" / "grid-dispatch.operator.yaml")  # input untouched


def test_update_refuses_incoherent_likelihoods(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = _copy(tmp_path)
    before = path.read_bytes()
    code, _, err = _run(capsys, "incident", "update", str(path), "--summary", "x", "--author", "y",
                        "--likelihood", "misuse=0.5", "--lang", "zh")
    assert code == 1
    assert "RF654" in err and "未写入" in err
    assert path.read_bytes() == before


def test_update_refuses_to_build_on_rewritten_history(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "edited.yaml"
    path.write_bytes((EXAMPLES / "invalid" / "edited-history.RF671.yaml").read_bytes())
    code, _, err = _run(capsys, "incident", "update", str(path), "--summary", "x", "--author", "y")
    assert code == 1 and "RF671" in err and "RF683" in err


@pytest.mark.parametrize("args", [
    ["--author", "y"],  # no summary
    ["--summary", "x", "--author", "y", "--likelihood", "misuse"],
    ["--summary", "x", "--author", "y", "--likelihood", "misuse=1.5"],
])
def test_update_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str]) -> None:
    path = _copy(tmp_path)
    code, _, _ = _run(capsys, "incident", "update", str(path), *args)
    assert code == 2


def test_update_of_a_missing_file_is_an_io_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = _run(capsys, "incident", "update", str(tmp_path / "nope.yaml"), "--summary", "x", "--author", "y")
    assert code == 2 and "RF001" in err


# ---- history and validate ---------------------------------------------------------------------------


def test_history_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    old = _copy(tmp_path)
    new = tmp_path / "new.yaml"
    assert _run(capsys, "incident", "update", str(old), "--summary", "x", "--author", "y",
                "--date", "2025-05-20T08:00:00Z", "-o", str(new))[0] == 0
    code, _, err = _run(capsys, "incident", "history", str(old), str(new))
    assert code == 0 and "2 entries kept unchanged, 1 appended, nothing else changed" in err
    code, out, _ = _run(capsys, "incident", "history", str(new), str(old))
    assert code == 1 and "RF680" in out


def test_validate_renders_incident_findings_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    path = EXAMPLES / "invalid" / "likelihoods-exceed-one.RF654.yaml"
    code, out, _ = _run(capsys, "validate", "--format", "json", str(path))
    assert code == 1
    assert "RF654" in out
    code, out, _ = _run(capsys, "validate", str(EXAMPLES / "valid"))
    assert code == 0 and "5 files checked: 0 errors" in out


@needs_aiid
def test_convert_from_aiid(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    code, out, _ = _run(capsys, "convert", "--from", "aiid", str(AIID_INPUTS), "-o", str(out_dir))
    assert code == 0
    written = sorted(p.name for p in out_dir.iterdir())
    assert len(written) == 4  # incidents 1, 2, 3, 52; 97 has no date and is refused (RF643)
    assert riskfmt.validate([out_dir]).exit_code() == 0
    assert "RF693" in out and "RF601" in out and "RF643" in out
