"""``riskfmt render`` and ``--format html`` on the command line: exit codes, refusals, outputs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from riskfmt.cli import run

ROOT = Path(__file__).resolve().parents[2]
VALID = ROOT / "examples" / "reports" / "valid"
INVALID = ROOT / "examples" / "reports" / "invalid"
TWO_LABS = ROOT / "tests" / "compare" / "golden" / "two-labs"


def test_render_writes_a_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.html"
    assert run(["render", str(VALID / "bilingual-red-team.yaml"), "-o", str(out), "--lang", "both"]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert "TLP:AMBER" in page and "Example AI Safety Institute" in page and "示例人工智能安全研究所" in page
    assert capsys.readouterr().out == ""


def test_semantic_errors_are_drawn_not_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["render", str(INVALID / "interval-excludes-value.RF501.json")]) == 0
    page = capsys.readouterr().out
    assert "RF501" in page and "does not contain the value" in page


@pytest.mark.parametrize("name", ["missing-model.RF301.json", "truncated.RF101.json", "top-level-array.RF201.json",
                                  "tlp-not-a-label.RF304.json"])
def test_structural_errors_are_refused(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.html"
    assert run(["render", str(INVALID / name), "-o", str(out)]) == 2
    captured = capsys.readouterr()
    assert name.split(".")[1] in captured.err and not out.exists()


def test_kinds_without_a_schema_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "matrix.json"
    assert run(["compare", str(TWO_LABS / "a.json"), str(TWO_LABS / "b.yaml"), "--format", "json", "-o",
                str(path)]) == 0
    assert run(["render", str(path)]) == 2
    assert "RF202" in capsys.readouterr().err


def test_render_diff_json(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(TWO_LABS)
    diff = tmp_path / "diff.json"
    assert run(["diff", "a.json", "b.yaml", "--format", "json", "-o", str(diff)]) == 0
    assert run(["render", str(diff), "--lang", "zh"]) == 0
    page = capsys.readouterr().out
    assert "两份评估报告的比较" in page and "无法判断" in page  # "cannot tell" shown as such
    # a diff document that breaks its schema is refused
    diff.write_text(diff.read_text(encoding="utf-8").replace('"pairs"', '"pears"', 1), encoding="utf-8")
    assert run(["render", str(diff)]) == 2


def test_render_from_standard_input(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = (VALID / "minimal.json").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert run(["render", "-"]) == 0
    assert "&lt;stdin&gt;" in capsys.readouterr().out


def test_refuses_to_overwrite_its_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.json"
    path.write_bytes((VALID / "minimal.json").read_bytes())
    assert run(["render", str(path), "-o", str(path)]) == 2
    assert path.read_bytes() == (VALID / "minimal.json").read_bytes()


def test_both_languages_need_html(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(TWO_LABS)
    assert run(["diff", "a.json", "b.yaml", "--lang", "both"]) == 2
    assert "--format html" in capsys.readouterr().err
    assert run(["diff", "a.json", "b.yaml", "--format", "html", "--lang", "both"]) == 0
    assert "<!DOCTYPE html>" in capsys.readouterr().out


def test_html_is_a_registered_format() -> None:
    from riskfmt.cli import cli
    from riskfmt.compare.formats import FORMATS

    assert "html" in FORMATS
    for name in ("diff", "compare"):
        command = cli.get_command(None, name)  # type: ignore[arg-type]
        choices = next(p.type.choices for p in command.params if p.name == "output_format")  # type: ignore[union-attr]
        assert list(choices) == list(FORMATS)


def test_compare_gate_still_decides_the_exit_code(capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT / "tests" / "compare" / "golden" / "matrix")
    assert run(["compare", "r1.json", "r2.yaml", "r3.json", "--format", "html", "--fail-on", "difference"]) == 1
    assert "存在分歧" not in capsys.readouterr().out  # English by default


def test_withheld_and_granular_markings_are_shown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A copy made by riskfmt redact shows what it withholds; stricter markings of parts are listed."""
    shared = tmp_path / "shared.json"
    assert run(["redact", str(VALID / "bilingual-red-team.yaml"), "--profile", "tlp-green", "-o", str(shared)]) == 0
    capsys.readouterr()
    assert run(["render", str(shared), "--lang", "zh"]) == 0
    page = capsys.readouterr().out
    assert "本副本隐去的内容" in page and "tlp-green" in page
    import json

    doc = json.loads(shared.read_text(encoding="utf-8"))
    kinds = {item["kind"] for item in doc["disclosure"]["withheld"]}
    assert kinds and all(f"<code>{kind}</code>" in page for kind in kinds)
    assert f"隐去的条目（{len(doc['disclosure']['withheld'])} 项）" in page
    doc["marking"] = {"tlp": "GREEN", "granular": [{"tlp": "RED", "selectors": ["/evaluations/1/findings"]}]}
    shared.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert run(["render", str(shared)]) == 0
    page = capsys.readouterr().out
    assert "TLP:GREEN" in page and "<strong>TLP:RED</strong> <code>/evaluations/1/findings</code>" in page
