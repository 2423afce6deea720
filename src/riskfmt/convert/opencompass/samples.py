"""OpenCompass's per-sample details (``results/<model>/<dataset>.json`` with ``details``): one verdict, prompt,
prediction and reference per sample and replica."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from riskfmt.convert._coerce import as_list, finite_number
from riskfmt.convert.opencompass.names import GPASS

# ---- per-sample correctness ------------------------------------------------------------------------------------


@dataclass
class PerSample:
    questions: int
    replicas: int
    grid: list[list[bool]] | None  # [question][replica]; None when some entry has no correctness
    question_ids: list[str]
    subdivisions: list[str | None]
    per_question: dict[str, list[float]]  # G-Pass metric -> value per question (0..1)
    prompts: list[list[Any]]  # [question][replica] (details' prompt, when the predictions are missing)
    outputs: list[list[Any]]
    targets: list[list[Any]]
    how: str  # where correctness came from


def ordered_entries(obj: Any) -> list[Any] | None:
    """Entries of a predictions or details object in index order (dict keyed "0".."N-1", or a list)."""
    if isinstance(obj, list):
        return obj
    if isinstance(obj, dict):
        keys = [k for k in obj if isinstance(k, str) and k.isdigit()]
        return [obj[k] for k in sorted(keys, key=int)]
    return None


def cell(rows: list[list[Any]], q: int, r: int) -> Any:
    return rows[q][r] if q < len(rows) and r < len(rows[q]) else None


def _correct_of(entry: dict[str, Any]) -> bool | None:
    if isinstance(entry.get("correct"), bool):
        return bool(entry["correct"])
    pred, ref = entry.get("predictions"), entry.get("references")
    if isinstance(pred, (str, int, float)) and not isinstance(pred, bool) and \
            isinstance(ref, (str, int, float)) and not isinstance(ref, bool):
        return str(pred) == str(ref)
    return None


def read_per_sample(details: Any, replicas: int) -> PerSample | None:
    """Correctness by question and replica from the three ``details`` shapes OpenCompass writes."""
    entries = ordered_entries(details)
    if not entries or not all(isinstance(e, dict) for e in entries):
        return None
    if isinstance(details, list):  # evaluator-provided: one entry per question, lists per replica
        grid: list[list[bool]] | None = []
        ids, subs, prompts, outputs, targets = [], [], [], [], []
        per_question: dict[str, list[float]] = {}
        width = None
        for position, entry in enumerate(entries):
            abbr = entry.get("example_abbr")
            suffix = abbr.rsplit("_", 1)[-1] if isinstance(abbr, str) else ""
            ids.append(suffix if suffix.isdigit() else str(position))
            subs.append(abbr.split("_")[0] if isinstance(abbr, str) else None)
            marks = entry.get("is_correct", entry.get("correct"))
            marks = marks if isinstance(marks, list) else [marks]
            if grid is not None and all(isinstance(m, bool) for m in marks) and marks:
                grid.append(list(marks))
                width = len(marks) if width is None else width
                if len(marks) != width:
                    grid = None
            else:
                grid = None
            prompts.append(as_list(entry.get("prompt"), wrap=True))
            outputs.append(as_list(entry.get("pred"), wrap=True))
            targets.append(as_list(entry.get("refr"), wrap=True))
            for key, value in entry.items():
                if isinstance(key, str) and GPASS.match(key) and finite_number(value) is not None:
                    per_question.setdefault(key, []).append(float(value))
        if len(set(ids)) != len(ids):  # example_abbr suffixes must identify questions; else use positions
            ids = [str(i) for i in range(len(entries))]
        per_question = {k: v for k, v in per_question.items() if len(v) == len(entries)}
        found_replicas = width or max(replicas, 1)
        return PerSample(len(entries), found_replicas, grid, ids, subs, per_question, prompts, outputs, targets,
                          "is_correct of each details entry")
    # dict shapes: one entry per prediction (questions x replicas), replica-major like the predictions
    replicas = max(replicas, 1)
    if len(entries) % replicas:
        return None
    questions = len(entries) // replicas
    marks = [_correct_of(e) for e in entries]
    grid = None
    if all(m is not None for m in marks):
        grid = [[bool(marks[r * questions + q]) for r in range(replicas)] for q in range(questions)]
    kind = details.get("type") if isinstance(details, dict) else None
    how = "the correct flag of each details entry" if any("correct" in e for e in entries) else \
        "predictions == references of each details entry (the evaluator wrote no correctness flag)"

    def pick(key: str) -> list[list[Any]]:
        return [[entries[r * questions + q].get(key) for r in range(replicas)] for q in range(questions)]

    return PerSample(questions, replicas, grid, [str(q) for q in range(questions)], [None] * questions, {},
                      pick("prompt"), pick("predictions"), pick("references"), how + (f" ({kind})" if kind else ""))
