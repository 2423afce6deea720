"""The report builder every converter uses: loss findings, defaults, content withholding, ids."""

from __future__ import annotations

import json
import math
from pathlib import Path

import riskfmt
from riskfmt.convert import ConvertOptions, convert
from riskfmt.convert.builder import ReportBuilder, binomial_se, local_id, mean_se, sha256_text, wilson_interval


def builder(**options: object) -> ReportBuilder:
    return ReportBuilder("src.json", "demo-tool", "1.2.3", ConvertOptions(**options))  # type: ignore[arg-type]


def test_every_loss_is_a_coded_finding() -> None:
    b = builder(organization="Lab")
    b.lost("stats.model_usage", "token counts have no place", "令牌计数没有对应字段")
    b.status("error")
    b.invalidated(3)
    b.derived("standard_error", "binomial from per-sample correctness")
    b.defaulted("model.version", "unknown")
    b.no_uncertainty("acc", "N/A in the source")
    b.risks_for("some_task")
    assert [f.code for f in b.findings] == ["RF601", "RF603", "RF604", "RF608", "RF609", "RF610", "RF602"]
    assert all(f.message("zh") and "{" not in f.message("zh") for f in b.findings)


def test_missing_organization_and_developer_are_defaulted_not_invented() -> None:
    b = builder()
    b.model("mockllm/model")
    b.model("bare-name")
    codes = [(f.code, f.params.get("field")) for f in b.findings]
    assert ("RF609", "producer.organization") in codes and ("RF609", "model.developer") in codes
    assert b.report["model"]["developer"] == "unknown"


def test_content_is_withheld_unless_asked() -> None:
    for include in (False, True):
        b = builder(organization="Lab", include_content=include)
        b.model("org/m")
        e = b.evaluation("t", {"id": "wmdp_bio"})
        b.result(e, {"id": "acc", "direction": "higher_is_better", "min": 0, "max": 1}, 0.5, n=2,
                 uncertainty={"standard_error": 0.35, "method": "binomial"})
        b.sample(e, "q1", score=1, verdict="pass", input="secret prompt", output={"text": "answer"})
        row = b.report["evaluations"][0]["samples"]["inline"][0]
        assert row["input_digest"] == sha256_text("secret prompt")
        assert ("input" in row) is include and ("output" in row) is include
        converted = b.finish()
        assert riskfmt.validate_data(converted.report).findings == []
        assert converted.report["evaluations"][0]["results"][0]["risks"] == ["R0020"]


def test_ids_are_sanitised_and_unique() -> None:
    assert local_id("inspect_evals/wmdp bio (5-shot)") == "inspect_evals-wmdp-bio-5-shot"
    b = builder(organization="Lab")
    b.model("org/m")
    e1, e2 = b.evaluation("same", {"id": "x"}), b.evaluation("same", {"id": "x"})
    assert (e1["id"], e2["id"]) == ("same", "same-2")


def test_statistics_helpers() -> None:
    assert math.isclose(binomial_se(0.5, 100), 0.05)
    assert math.isclose(mean_se([1, 0, 1, 0]), 0.2886751345948129)
    low, high = wilson_interval(0.15, 60)
    assert math.isclose(low, 0.0810, abs_tol=5e-4) and math.isclose(high, 0.2612, abs_tol=5e-4)


def test_unknown_and_unreadable_sources(tmp_path: Path) -> None:
    mystery = tmp_path / "mystery.bin"
    mystery.write_bytes(b"\x00\x01")
    [item] = convert([mystery])
    assert item.report is None and [f.code for f in item.findings] == ["RF605"]
    broken = tmp_path / "report.json"
    broken.write_text('{"kind": "evaluation-report", ', encoding="utf-8")
    [item] = convert([broken], from_="riskfmt")
    assert item.report is None and [f.code for f in item.findings] == ["RF101"]


def test_convert_riskfmt_to_csv_and_markdown_round(tmp_path: Path) -> None:
    from riskfmt.convert.targets import write

    source = Path(__file__).resolve().parents[2] / "examples" / "reports" / "valid" / "minimal.json"
    items = convert([source])
    write("csv", items, tmp_path / "out.csv", ConvertOptions())
    lines = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and "truthfulqa_mc2" in lines[1] and "幻觉" in lines[1]
    write("markdown", items, tmp_path / "out.md", ConvertOptions(), "zh")
    assert "| 任务 |" in (tmp_path / "out.md").read_text(encoding="utf-8")
    write("riskfmt", items, tmp_path / "copy.json", ConvertOptions())
    assert json.loads((tmp_path / "copy.json").read_text()) == json.loads(source.read_text())


def test_third_party_converters_come_through_the_entry_point_group(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A new producer is one module: register it under `riskfmt.converters` and detection and --from find it."""
    import sys
    from importlib.metadata import EntryPoint

    import riskfmt.convert as registry

    module = tmp_path / "demo_converter.py"
    module.write_text(
        "from pathlib import Path\n"
        "from riskfmt.convert.base import Converted\n"
        "from riskfmt.convert.builder import ReportBuilder\n"
        "class DemoConverter:\n"
        "    name = 'demo'\n    title = 'Demo tool'\n"
        "    def sniff(self, path):\n        return path.suffix == '.demo'\n"
        "    def read(self, path, options):\n"
        "        b = ReportBuilder(path, 'demo', '0.1', options, source_files=[path])\n"
        "        b.model('org/model')\n"
        "        e = b.evaluation('t', {'id': 'wmdp_bio'})\n"
        "        b.result(e, {'id': 'acc', 'direction': 'higher_is_better'}, float(path.read_text()), n=10)\n"
        "        yield b.finish()\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    points = [EntryPoint(name="demo", value="demo_converter:DemoConverter", group="riskfmt.converters")]
    monkeypatch.setattr("importlib.metadata.entry_points",
                        lambda group=None: points if group == "riskfmt.converters" else [])
    monkeypatch.setattr(registry, "_plugins", None)
    monkeypatch.setattr(registry, "_loaded", {})
    source = tmp_path / "run.demo"
    source.write_text("0.25", encoding="utf-8")
    assert "demo" in registry.available()
    [item] = convert([source], options=ConvertOptions(organization="Lab"))
    assert item.report is not None and item.report["evaluations"][0]["results"][0]["value"] == 0.25
    assert not [f for f in item.findings if f.severity.label == "error"]
    sys.modules.pop("demo_converter", None)
