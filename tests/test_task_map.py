"""The curated task-to-risk table and user overrides."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import ROOT

import riskfmt
from riskfmt.convert import ConvertOptions
from riskfmt.convert.builder import ReportBuilder
from riskfmt.convert.tasks import load_task_map
from riskfmt.mappings import load_crosswalk

TABLE = yaml.safe_load((ROOT / "schemas" / "vocab" / "task-risks.yaml").read_text(encoding="utf-8"))


def test_every_mapped_risk_exists_in_the_vocabulary() -> None:
    vocab = riskfmt.load_vocabulary()
    crosswalk = load_crosswalk(vocab.version)
    for entry in TABLE["tasks"]:
        for risk in entry["risks"]:
            assert risk in vocab or crosswalk.concepts_for(risk), (entry["benchmark"], risk)


@pytest.mark.parametrize("task, risks", [
    ("wmdp_bio", ["R0020"]), ("WMDP_CHEM", ["R0021"]), ("wmdp", ["R0019", "R0018"]),
    ("inspect_evals/strong_reject", ["R0010"]), ("cybench", ["R0018"]), ("bbq_ambig", ["R0005"]),
    ("truthfulqa_mc2", ["R0013"]), ("toxigen", ["R0022", "R0002"]), ("mmlu_anatomy", ["R0000"]),
    ("safe_iwp_hazard_en_us-1.0", ["ailuminate:iwp"]),
])
def test_well_known_benchmarks(task: str, risks: list[str]) -> None:
    assert load_task_map().risks_for(task) == (risks, True)


def test_user_map_wins_and_unmapped_tasks_are_warned(tmp_path: Path) -> None:
    user = tmp_path / "map.yaml"
    user.write_text("tasks:\n  - match: [wmdp_bio, 'my_*']\n    risks: [R0011]\n", encoding="utf-8")
    table = load_task_map(user)
    assert table.risks_for("wmdp_bio") == (["R0011"], True)
    assert table.risks_for("my_probe") == (["R0011"], True)
    assert table.risks_for("wmdp_chem") == (["R0021"], True)
    builder = ReportBuilder("x", "demo", "1.0", ConvertOptions(organization="Lab"))
    assert builder.risks_for("never_heard_of_it") == ["R0000"]
    builder.risks_for("never_heard_of_it")
    assert [f.code for f in builder.findings] == ["RF602"]  # once per task, not once per result
