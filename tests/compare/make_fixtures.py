"""Write the comparison fixtures under tests/compare/golden/: riskfmt reports derived from
examples/reports/valid/minimal.json with changed values (riskfmt's own format, so no other tool is needed).

    python tests/compare/make_fixtures.py

Case two-labs: two institutes evaluate the same model. Every feature of `riskfmt diff` shows up once:
proportions with n (Newcombe), percent against fractions, a framework code aligned through the crosswalks
(closeMatch, and a partial overlap), standard errors (Welch), a missing uncertainty (cannot tell), a risk
level and a threshold verdict that change, qualitative findings on both sides and on one side only,
results and tasks one side only evaluated, paired inline samples (McNemar, paired t), paired JSONL
samples in different orders, and metadata differences. Case matrix: three reports for `riskfmt compare`.
The golden outputs are written by the tests (RISKFMT_REGEN_GOLDEN=1), never by this script.
"""

from __future__ import annotations

import copy
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
GOLDEN = HERE / "golden"
BASE: dict[str, Any] = json.loads((ROOT / "examples" / "reports" / "valid" / "minimal.json").read_bytes())
API_SNAPSHOT = "sha256:" + hashlib.sha256(b"example-chat-2 2.0.1 api snapshot").hexdigest()


def digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def report_id(doc: dict[str, Any]) -> str:
    import riskfmt

    return riskfmt.report_id(doc)


def result(rid: str, risks: list[str], metric: dict[str, Any], value: float, n: int | None = None,
           **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"id": rid, "risks": risks, "metric": metric, "value": value}
    if n is not None:
        out["n"] = n
    out.update(extra)
    return out


def proportion(metric_id: str, kind: str, direction: str, unit: str = "1") -> dict[str, Any]:
    top = 100 if unit == "%" else 1
    return {"id": metric_id, "kind": kind, "unit": unit, "direction": direction, "min": 0, "max": top}


def inline_samples(count: int, fails: set[int], seed: int) -> list[dict[str, Any]]:
    rnd = random.Random(seed)
    rows = []
    for i in range(1, count + 1):
        failed = i in fails
        rows.append({"sample_id": f"sr-{i:03d}", "epoch": 1, "score": 1.0 if failed else round(rnd.random() * 0.3, 3),
                     "verdict": "fail" if failed else "pass", "input_digest": digest(f"strongreject prompt {i}")})
    return rows


def jsonl_samples(folder: Path, name: str, count: int, over_refused: set[int],
                  shuffle_seed: int | None) -> dict[str, Any]:
    rows = [{"sample_id": f"xs-{i:04d}", "verdict": "fail" if i in over_refused else "pass",
             "score": 1 if i in over_refused else 0, "input_digest": digest(f"xstest prompt {i}")}
            for i in range(1, count + 1)]
    if shuffle_seed is not None:
        random.Random(shuffle_seed).shuffle(rows)
    body = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows).encode("utf-8")
    (folder / name).write_bytes(body)
    return {"file": {"path": name, "digest": "sha256:" + hashlib.sha256(body).hexdigest(), "rows": count}}


def lab_a(folder: Path) -> dict[str, Any]:
    doc = copy.deepcopy(BASE)
    doc["vocabulary_version"] = "1.0"
    doc["title"] = {"en": "Pre-deployment evaluation of Example-Chat 2 (Lab A)"}
    doc["created"] = "2026-11-03T12:00:00+00:00"
    doc["producer"] = {"organization": {"name": {"en": "Example Evaluation Lab"}, "jurisdiction": "GB"},
                       "relationship": "third_party", "tool": {"name": "inspect-ai", "version": "0.3.285"}}
    doc["model"] = {"name": "Example-Chat 2", "developer": "Example AI", "version": "2.0.1", "access": "api",
                    "digests": [{"digest": API_SNAPSHOT, "subject": "api_snapshot"}]}
    doc["evaluations"] = [
        {"id": "truthfulqa", "task": {"id": "truthfulqa_mc2", "version": "3.0", "languages": ["en"]},
         "method": "benchmark", "settings": {"temperature": 0.0, "num_fewshot": 0},
         "results": [result("truthfulqa-acc", ["R0013"], proportion("acc", "accuracy", "higher_is_better"), 0.612, 817,
                            uncertainty={"standard_error": 0.017, "method": "binomial"})]},
        {"id": "wmdp-bio", "task": {"id": "wmdp_bio", "dataset": {"name": "wmdp", "digest": digest("wmdp-bio v1")}},
         "method": "benchmark",
         "results": [result("wmdp-bio-acc", ["nist_600_1:cbrn"], proportion("acc", "accuracy", "lower_is_better", "%"),
                            61.2, 1273, uncertainty={"ci": {"lower": 58.5, "upper": 63.9, "level": 0.95,
                                                            "method": "wilson"}, "method": "binomial"})]},
        {"id": "jailbreak", "task": {"id": "StrongREJECT", "languages": ["en"]}, "method": "automated-probing",
         "settings": {"temperature": 0.0, "max_tokens": 1024, "seed": 7, "epochs": 1},
         "started": "2026-10-28T10:00:00+00:00", "completed": "2026-10-28T14:30:00+00:00",
         "results": [result("jb-asr", ["R0010"], proportion("attack_success_rate", "attack-success-rate",
                                                            "lower_is_better"), 0.15, 60,
                            uncertainty={"standard_error": 0.0461, "method": "binomial"},
                            threshold={"value": 0.2, "comparison": "at_most", "source": "release policy"},
                            risk_level={"scale": "generic-5", "level": "moderate"})],
         "samples": {"inline": inline_samples(60, {3, 11, 17, 22, 29, 35, 41, 48, 56}, seed=1)}},
        {"id": "cbrn-refusal", "task": {"id": "cbrn_uplift_qa"}, "method": "benchmark",
         "results": [result("cbrn-refusal-rate", ["ailuminate:iwp"], proportion("refusal_rate", "refusal-rate",
                                                                                "higher_is_better"), 0.93, 400)]},
        {"id": "harmbench", "task": {"id": "harmbench"}, "method": "benchmark",
         "results": [result("harmbench-score", ["R0026"], {"id": "harm_score", "kind": "score",
                                                           "direction": "lower_is_better", "min": 0, "max": 10},
                            2.31, 320, uncertainty={"standard_error": 0.08, "method": "analytic"})]},
        {"id": "toxigen", "task": {"id": "toxigen"}, "method": "benchmark",
         "results": [result("toxigen-score", ["R0002"], {"id": "toxicity", "kind": "score",
                                                         "direction": "lower_is_better"}, 0.12)]},
        {"id": "bbq", "task": {"id": "bbq"}, "method": "benchmark",
         "results": [result("bbq-acc", ["R0004"], proportion("acc", "accuracy", "higher_is_better"), 0.88, 1000)]},
        {"id": "xstest", "task": {"id": "xstest"}, "method": "benchmark",
         "results": [result("xstest-over-refusal", ["R0001"], proportion("over_refusal_rate", "over-refusal-rate",
                                                                         "lower_is_better"), 0.088, 250)],
         "samples": jsonl_samples(folder, "a-xstest.jsonl", 250, set(range(1, 251, 12)) | {7}, None)},
        {"id": "red-team", "task": {"id": "expert-red-team"}, "method": "red-teaming",
         "findings": [
             {"id": "rt-a1", "risks": ["R0011"],
              "title": {"en": "Injected instructions in retrieved pages are followed"},
              "risk_level": {"scale": "generic-5", "level": "moderate"}},
             {"id": "rt-a2", "risks": ["R0015"], "title": {"en": "Writes scripts impersonating public figures"}},
         ]},
    ]
    doc["report_id"] = report_id(doc)
    return doc


def lab_b(folder: Path) -> dict[str, Any]:
    doc = copy.deepcopy(BASE)
    doc["vocabulary_version"] = "1.0"
    doc["title"] = {"en": "Evaluation of Example-Chat 2 (Lab B)", "zh": "Example-Chat 2 评估（实验室 B）"}
    doc["created"] = "2026-11-05T09:00:00+08:00"
    doc["producer"] = {"organization": {"name": {"en": "Example AI Safety Institute", "zh": "示例人工智能安全研究所"},
                                        "jurisdiction": "CN"},
                       "relationship": "third_party", "tool": {"name": "inspect-ai", "version": "0.3.290"}}
    doc["model"] = {"name": "Example-Chat 2", "developer": "Example AI", "version": "2.0.1", "access": "api",
                    "digests": [{"digest": API_SNAPSHOT, "subject": "api_snapshot"}]}
    doc["evaluations"] = [
        {"id": "tqa", "task": {"id": "TruthfulQA-MC2", "version": "3.0", "languages": ["en"]},
         "method": "benchmark", "settings": {"temperature": 0.0, "num_fewshot": 0},
         "results": [result("tqa-acc", ["R0013"], proportion("acc", "accuracy", "higher_is_better"), 0.521, 817)]},
        {"id": "wmdp", "task": {"id": "wmdp_bio", "dataset": {"name": "wmdp", "digest": digest("wmdp-bio v2")}},
         "method": "benchmark",
         "results": [result("wmdp-acc", ["R0019"], proportion("acc", "accuracy", "lower_is_better"), 0.598, 1273)]},
        {"id": "jailbreak", "task": {"id": "strongreject", "languages": ["en", "zh-Hans"]},
         "method": "automated-probing",
         "settings": {"temperature": 0.7, "max_tokens": 1024, "seed": 7, "epochs": 1},
         "started": "2026-11-01T10:00:00+08:00", "completed": "2026-11-01T16:00:00+08:00",
         "results": [result("jb-asr", ["R0010"], proportion("attack_success_rate", "attack-success-rate",
                                                            "lower_is_better"), 0.25, 60,
                            uncertainty={"standard_error": 0.0559, "method": "binomial"},
                            threshold={"value": 0.2, "comparison": "at_most", "source": "release policy"},
                            risk_level={"scale": "generic-5", "level": "major"})],
         "samples": {"inline": inline_samples(60, {3, 5, 9, 11, 14, 17, 20, 22, 26, 29, 33, 35, 38, 44, 51}, seed=2)}},
        {"id": "cbrn", "task": {"id": "cbrn_uplift_qa"}, "method": "benchmark",
         "results": [result("cbrn-refusal", ["R0019"], proportion("refusal_rate", "refusal-rate", "higher_is_better"),
                            0.97, 400)]},
        {"id": "harmbench", "task": {"id": "harmbench"}, "method": "benchmark",
         "results": [result("harmbench-score", ["R0026"], {"id": "harm_score", "kind": "score",
                                                           "direction": "lower_is_better", "min": 0, "max": 10},
                            2.12, 300, uncertainty={"standard_error": 0.07, "method": "analytic"})]},
        {"id": "toxigen", "task": {"id": "toxigen"}, "method": "benchmark",
         "results": [result("toxigen-score", ["R0002"], {"id": "toxicity", "kind": "score",
                                                         "direction": "lower_is_better"}, 0.15, 940,
                            uncertainty={"standard_error": 0.01, "method": "analytic"})]},
        {"id": "cvalues", "task": {"id": "cvalues"}, "method": "benchmark",
         "results": [result("cvalues-acc", ["R0001"], proportion("acc", "accuracy", "higher_is_better"), 0.91, 600,
                            slice={"language": "zh-Hans"})]},
        {"id": "xstest", "task": {"id": "xstest"}, "method": "benchmark",
         "results": [result("xstest-over-refusal", ["R0001"], proportion("over_refusal_rate", "over-refusal-rate",
                                                                         "lower_is_better"), 0.104, 250)],
         "samples": jsonl_samples(folder, "b-xstest.jsonl", 250, set(range(1, 251, 12)) | {7, 100, 150, 200, 240},
                                  shuffle_seed=5)},
        {"id": "red-team", "task": {"id": "expert-red-team-zh"}, "method": "red-teaming",
         "findings": [
             {"id": "rt-b1", "risks": ["R0011"], "title": {"zh": "模型会执行检索网页中注入的指令"},
              "risk_level": {"scale": "generic-5", "level": "major"}},
             {"id": "rt-b2", "risks": ["R0090"], "title": {"en": "Voice scripts impersonating a real person",
                                                           "zh": "冒用真实人物身份的语音脚本"}},
         ]},
    ]
    doc["report_id"] = report_id(doc)
    return doc


def lab_c() -> dict[str, Any]:
    """A third report for the matrix: the same model from its developer, on a subset of the tasks."""
    doc = copy.deepcopy(BASE)
    doc["vocabulary_version"] = "1.0"
    doc["producer"] = {"organization": {"name": {"en": "Example AI"}}, "relationship": "first_party",
                       "tool": {"name": "lm-evaluation-harness", "version": "0.4.13"}}
    doc["model"] = {"name": "Example-Chat 2", "developer": "Example AI", "version": "2.0.1", "access": "internal"}
    doc["evaluations"] = [
        {"id": "truthfulqa", "task": {"id": "truthfulqa_mc2", "version": "3.0"}, "method": "benchmark",
         "results": [result("truthfulqa-acc", ["R0013"], proportion("acc", "accuracy", "higher_is_better"), 0.6, 817,
                            uncertainty={"standard_error": 0.0171, "method": "analytic"})]},
        {"id": "harmbench", "task": {"id": "harmbench"}, "method": "benchmark",
         "results": [result("harmbench-score", ["R0026"], {"id": "harm_score", "kind": "score",
                                                           "direction": "lower_is_better", "min": 0, "max": 10},
                            2.3, 500)]},
    ]
    doc["report_id"] = report_id(doc)
    return doc


def write(path: Path, doc: dict[str, Any]) -> None:
    if path.suffix == ".yaml":
        text = "# Generated by tests/compare/make_fixtures.py\n" + yaml.safe_dump(doc, allow_unicode=True,
                                                                                 sort_keys=False)
    else:
        text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")


def main() -> int:
    two = GOLDEN / "two-labs"
    two.mkdir(parents=True, exist_ok=True)
    write(two / "a.json", lab_a(two))
    write(two / "b.yaml", lab_b(two))
    matrix = GOLDEN / "matrix"
    matrix.mkdir(parents=True, exist_ok=True)
    write(matrix / "r1.json", lab_a(matrix))
    write(matrix / "r2.yaml", lab_b(matrix))
    write(matrix / "r3.json", lab_c())
    return 0


if __name__ == "__main__":
    sys.exit(main())
