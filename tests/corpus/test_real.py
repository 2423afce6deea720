"""Index real converted reports and check the named questions against numbers read by hand from the sources.

The corpus is built once per session by conftest.real_corpus with `riskfmt convert` and `riskfmt corpus index`.
"""

from __future__ import annotations

import csv
import io
import json
import math
import shutil
from pathlib import Path

import pytest

from corpus.helpers import HELM_V3, HELM_V4, ROOT, RealCorpus, run, sql

GEMINI = "google/gemini-1.5-pro-001"


def _csv(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, str]]:
    capsys.readouterr()
    assert run(*args, "--format", "csv") == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def test_every_converted_report_is_indexed(real_corpus: RealCorpus) -> None:
    [(reports,)] = sql(real_corpus.db, "SELECT COUNT(*) FROM reports")
    assert reports == real_corpus.converted
    # results: the sum of every converted report's results, counted from the JSON files themselves
    expected = sum(len(e.get("results") or []) for p in real_corpus.reports.rglob("*.riskfmt.json")
                   for e in json.loads(p.read_text(encoding="utf-8"))["evaluations"])
    assert sql(real_corpus.db, "SELECT COUNT(*) FROM results") == [(expected,)]
    producers = dict(sql(real_corpus.db, "SELECT producer, COUNT(*) FROM reports GROUP BY producer"))
    # one report per HELM run folder (schema.json beside them is no run)
    helm = ROOT / "tests/realworld/helm"
    assert producers[HELM_V4] == len([p for p in (helm / "helm-safety-v4").iterdir() if p.is_dir()])
    assert producers[HELM_V3] == len([p for p in (helm / "helm-safety-v3").iterdir() if p.is_dir()])


def test_disagreement_found_by_hand(real_corpus: RealCorpus, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _csv(capsys, "corpus", "disagreements", "--db", str(real_corpus.db))
    bbq = [r for r in rows if (r["task_id"], r["metric_id"], r["model"], r["slice"])
           == ("bbq:subject=all", "exact_match", GEMINI, '{"split":"test"}')]
    # helm-safety-v3/bbq:...google_gemini-1.5-pro-001/stats.json: exact_match (split test) mean 0.0, num_instances 2
    # helm-safety-v4/bbq:...google_gemini-1.5-pro-001/stats.json: exact_match (split test) mean 0.94,
    # num_instances 100; per_instance_stats.json has 94 ones and 6 zeros: sd sqrt(0.94*0.06*100/99) = 0.23868,
    # standard error 0.023868; 95% interval 0.94 +- 1.96 * 0.023868 = [0.8932, 0.9868]; v3's interval is [0, 0]
    assert len(bbq) == 1
    row = bbq[0]
    assert (row["producer_a"], row["producer_b"]) == (HELM_V3, HELM_V4)
    assert float(row["value_a"]) == 0.0 and float(row["value_b"]) == 0.94
    assert math.isclose(float(row["lower_b"]), 0.8932, abs_tol=1e-4)
    assert math.isclose(float(row["upper_b"]), 0.9868, abs_tol=1e-4)
    assert math.isclose(float(row["z"]), 0.94 / 0.023868, rel_tol=1e-3)
    assert row["intervals_apart"] == "1"
    # helm-safety-v4/harm_bench:model=google_gemini-1.5-pro-001/stats.json: harm_bench_gpt_score (test) 0.83, v3: 1.0
    harm = [r for r in rows if (r["metric_id"], r["slice"]) == ("harm_bench_gpt_score", '{"split":"test"}')]
    assert [(float(r["value_a"]), float(r["value_b"])) for r in harm] == [(1.0, 0.83)]
    # helm-bbq-v1 and helm-safety-v3 both give gpt-4-turbo bbq exact_match 1.0: the same value is no disagreement,
    # and they are the same producer ("unknown" vs v3 differ, but bbq-v1 has no standard error: nothing to test)
    assert not [r for r in rows if r["model"] == "openai/gpt-4-turbo-2024-04-09" and r["metric_id"] == "exact_match"]
    # every pair is two producers, never a producer with itself
    assert all(r["producer_a"] < r["producer_b"] for r in rows)


def test_coverage_found_by_hand(real_corpus: RealCorpus, capsys: pytest.CaptureFixture[str]) -> None:
    rows = {r["concept_id"]: r for r in _csv(capsys, "corpus", "coverage", "--db", str(real_corpus.db))}
    # R0013 (confabulation) is what lm-eval's truthfulqa tasks map to; by hand from tests/realworld/lm-eval:
    # v0.3-testdata/truthfulqa_mc-v1-res.json: mc1, mc2 (2); v0.3-testdata/truthfulqa_gen-v1-res.json: bleu/bleurt/
    # rouge1/rouge2/rougeL x acc/diff/max (15); v0.4/truthfulqa_gen_neo125_*.json (two runs): the same without bleurt
    # (12 + 12). 2 + 15 + 12 + 12 = 41, all from the one unnamed producer.
    assert rows["R0013"]["results"] == "41"
    assert rows["R0013"]["producers"] == "unknown"
    # rolled up: R0012 (misinformation) is R0013's parent and nothing cites R0012 itself
    assert rows["R0012"]["results"] == "41"
    # the roll-up of a parent is at least each child's count
    children = sql(real_corpus.db,
                   "SELECT concept_id, broader FROM concepts WHERE scheme = 'risk' AND broader IS NOT NULL")
    for child, parent in children:
        if child in rows and parent in rows:
            assert int(rows[parent]["results"]) >= int(rows[child]["results"])
    # nobody here tests privacy (R0006): no converted task maps to it
    assert rows["R0006"]["results"] == "0" and rows["R0006"]["producers"] == ""
    untested = {r["concept_id"] for r in _csv(capsys, "corpus", "coverage", "--untested", "--db", str(real_corpus.db))}
    assert "R0006" in untested and "R0013" not in untested
    assert untested == {c for c, r in rows.items() if r["results"] == r["findings"] == r["incidents"] == "0"}


def test_history_found_by_hand(real_corpus: RealCorpus, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _csv(capsys, "corpus", "history", GEMINI, "--db", str(real_corpus.db))
    test_split = [r for r in rows if r["slice"] == '{"split":"test"}' and r["metric_id"] == "exact_match"]
    # the two bbq runs: v4 2024-07-05 (scenario_state.json request times) with 0.94, v3 (no usable time) with 0.0
    got = [(r["producer"], float(r["value"]), r["n"]) for r in test_split]
    assert got == [(HELM_V4, 0.94, "100"), (HELM_V3, 0.0, "2")]
    assert test_split[0]["observed"].startswith("2024-07-05")
    assert rows and all(r["report_id"].startswith("rfr-") for r in rows)


def test_chinese_headings_and_labels(real_corpus: RealCorpus, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert run("corpus", "coverage", "--db", str(real_corpus.db), "--lang", "zh") == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:2] == ["风险编号", "风险名称"]
    [(label,)] = sql(real_corpus.db, "SELECT label_zh FROM concepts WHERE concept_id = 'R0013'")
    assert label in out


def test_reindexing_changes_nothing(real_corpus: RealCorpus, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "again.duckdb"
    shutil.copy(real_corpus.db, db)
    before = sql(db, "SELECT (SELECT COUNT(*) FROM reports), (SELECT COUNT(*) FROM results), "
                     "(SELECT COUNT(*) FROM samples), (SELECT SUM(value) FROM results)")
    capsys.readouterr()
    assert run("corpus", "index", str(real_corpus.reports), "--db", str(db)) == 0
    out = capsys.readouterr().out
    assert f"unchanged {real_corpus.converted}" in out and "Indexed 0 report(s)" in out
    assert sql(db, "SELECT (SELECT COUNT(*) FROM reports), (SELECT COUNT(*) FROM results), "
                   "(SELECT COUNT(*) FROM samples), (SELECT SUM(value) FROM results)") == before


def test_changed_report_replaces_the_old(real_corpus: RealCorpus, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "changed.duckdb"
    source = next(real_corpus.reports.glob("helm-v4/bbq*.riskfmt.json"))
    copy = tmp_path / "reports" / source.name
    copy.parent.mkdir()
    shutil.copy(source, copy)
    assert run("corpus", "index", str(copy), "--db", str(db), "-q") == 0
    doc = json.loads(copy.read_text(encoding="utf-8"))
    doc["title"] = {"en": "BBQ, corrected", "zh": "BBQ（更正版）"}  # not defining content: the report id stays
    copy.write_text(json.dumps(doc), encoding="utf-8")
    capsys.readouterr()
    assert run("corpus", "index", str(copy), "--db", str(db)) == 0
    assert "RF903" in capsys.readouterr().out
    assert sql(db, "SELECT COUNT(*), MIN(title_zh) FROM reports") == [(1, "BBQ（更正版）")]
    results = sum(len(e.get("results") or []) for e in doc["evaluations"])
    assert sql(db, "SELECT COUNT(*) FROM results") == [(results,)]


def test_invalid_report_is_reported_not_loaded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "c.duckdb"
    bad = ROOT / "examples/reports/invalid/n-zero.RF306.json"
    good = ROOT / "examples/reports/valid/minimal.json"
    capsys.readouterr()
    assert run("corpus", "index", str(bad), str(good), "--db", str(db)) == 1
    out = capsys.readouterr().out
    assert "RF901" in out and "RF306" in out
    assert sql(db, "SELECT path FROM reports") == [(str(good),)]
    assert ("RF306",) in sql(db, f"SELECT code FROM index_findings WHERE path = '{bad}'")


def test_markings_travel_with_every_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "c.duckdb"
    amber = ROOT / "examples/reports/valid/bilingual-red-team.yaml"  # marking: tlp AMBER
    clear = ROOT / "examples/reports/valid/minimal.json"  # marking: tlp CLEAR
    assert run("corpus", "index", str(amber), str(clear), "--db", str(db), "-q") == 0
    for table in ("reports", "evaluations", "results", "risk_links", "findings", "samples"):
        assert sql(db, f"SELECT COUNT(*) FROM {table} WHERE tlp IS NULL OR tlp_rank IS NULL") == [(0,)]
    # bilingual-red-team.yaml: 3 inline samples, 2 findings, 1 result, all AMBER
    assert sql(db, "SELECT tlp, COUNT(*) FROM samples GROUP BY tlp") == [("AMBER", 3)]
    assert sql(db, "SELECT tlp, COUNT(*) FROM findings GROUP BY tlp") == [("AMBER", 2)]
    rows = _csv(capsys, "corpus", "history", "example-model-7b", "--db", str(db), "--max-tlp", "GREEN")
    assert [float(r["value"]) for r in rows] == [0.412]  # minimal.json: truthfulqa acc 0.412
    assert _csv(capsys, "corpus", "history", "Example-Chat 2", "--db", str(db), "--max-tlp", "GREEN") == []
    assert len(_csv(capsys, "corpus", "history", "Example-Chat 2", "--db", str(db))) == 1
