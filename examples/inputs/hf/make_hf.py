"""Write a model card (model-index front matter) and a `.eval_results/*.yaml` file
with huggingface_hub's own writers, then parse both back with huggingface_hub's parsers.
Fully offline: nothing is uploaded or downloaded."""
import json
import sys
from pathlib import Path

import yaml
import huggingface_hub
from huggingface_hub import (
    EvalResult,
    EvalResultEntry,
    ModelCard,
    ModelCardData,
    eval_result_entries_to_yaml,
    parse_eval_result_entries,
)

out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
repo = out / "model_repo"  # laid out like a Hub model repo: README.md + .eval_results/
repo.mkdir(exist_ok=True)
MODEL = "demo-org/tiny-demo-model"

# ---- 1. legacy model-index in README.md front matter ---------------------------------
results = [
    # multiple-choice QA, verified: false, with dataset config + split + revision
    EvalResult(
        task_type="multiple-choice", task_name="Multiple Choice",
        dataset_type="cais/mmlu", dataset_name="MMLU", dataset_config="abstract_algebra",
        dataset_split="test", dataset_revision="c30699e8356da336a370243923dbaf21066bb9fe",
        dataset_args={"num_few_shot": 5},
        metric_type="accuracy", metric_value=0.312, metric_name="Accuracy (5-shot)",
        verified=False,
        source_name="Demo eval run", source_url="https://example.org/demo-eval-logs",
    ),
    # generation task, metric with args, value is a string with a +- (allowed by the spec)
    EvalResult(
        task_type="text-generation", task_name="Text Generation",
        dataset_type="openai/gsm8k", dataset_name="GSM8K", dataset_config="main", dataset_split="test",
        metric_type="exact_match", metric_value="20.0 ± 1.2", metric_name="Exact match (strict)",
        metric_args={"ignore_case": True},
    ),
    # a different task type (summarization) with two metrics on the same dataset
    EvalResult(
        task_type="summarization", task_name="Summarization",
        dataset_type="EdinburghNLP/xsum", dataset_name="XSum", dataset_split="validation",
        metric_type="rouge", metric_value=18.4, metric_name="ROUGE-L", metric_config="rougeL",
        verified=False,
    ),
    EvalResult(
        task_type="summarization", task_name="Summarization",
        dataset_type="EdinburghNLP/xsum", dataset_name="XSum", dataset_split="validation",
        metric_type="rouge", metric_value=32.1, metric_name="ROUGE-1", metric_config="rouge1",
    ),
]
card_data = ModelCardData(
    model_name=MODEL, license="apache-2.0", language="en", library_name="transformers",
    tags=["riskfmt-fixture"], eval_results=results,
)
content = (
    f"---\n{card_data.to_yaml()}\n---\n\n"
    f"# {MODEL}\n\nFixture model card written by huggingface_hub {huggingface_hub.__version__} "
    "(ModelCardData + EvalResult). The scores are made up; the format is real.\n"
)
card = ModelCard(content)
card.save(repo / "README.md")

# read it back with huggingface_hub's own parser
loaded = ModelCard.load(repo / "README.md")
parsed = [
    {k: v for k, v in vars(r).items() if v is not None} for r in loaded.data.eval_results
]
(out / "modelcard_parsed_eval_results.json").write_text(
    json.dumps({"model_name": loaded.data.model_name, "eval_results": parsed}, indent=2, ensure_ascii=False) + "\n"
)

# ---- 2. newer .eval_results/*.yaml --------------------------------------------------
entries = [
    EvalResultEntry(dataset_id="Idavidrein/gpqa", task_id="gpqa_diamond", value=0.412),
    EvalResultEntry(
        dataset_id="cais/hle", task_id="default", value=20.9,
        dataset_revision="5503434ddd753f426f4b38109466949a1217c2bb",
        date="2026-11-23T00:00:00Z",
        source_url="https://example.org/demo-eval-logs", source_name="Eval Logs",
        source_org="demo-org", notes="no-tools",
    ),
    EvalResultEntry(
        dataset_id="cais/hle", task_id="default", value=24.3,
        date="2026-11-23T00:00:00Z",
        source_url="https://example.org/demo-eval-logs", source_name="Eval Logs",
        source_user="demo-user", notes="tools",
    ),
]
(repo / ".eval_results").mkdir(exist_ok=True)
with open(repo / ".eval_results" / "demo.yaml", "w") as f:
    yaml.dump(eval_result_entries_to_yaml(entries), f, sort_keys=False, allow_unicode=True)

back = parse_eval_result_entries(yaml.safe_load(open(repo / ".eval_results" / "demo.yaml")))
(out / "eval_results_parsed.json").write_text(
    json.dumps([{k: v for k, v in vars(e).items() if v is not None} for e in back], indent=2) + "\n"
)
print("huggingface_hub", huggingface_hub.__version__)
