"""Reports for the comparison tests, made from examples/reports/valid/minimal.json with changed values
(riskfmt's own format), and the mirror image of a diff document."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import riskfmt

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"
BASE: dict[str, Any] = json.loads((ROOT / "examples" / "reports" / "valid" / "minimal.json").read_bytes())


def report(evaluations: list[dict[str, Any]] | None = None, vocabulary: str = "1.0", **top: Any) -> dict[str, Any]:
    doc = copy.deepcopy(BASE)
    doc["vocabulary_version"] = vocabulary
    if evaluations is not None:
        doc["evaluations"] = evaluations
    doc.update(top)
    doc["report_id"] = riskfmt.report_id(doc)
    return doc


def evaluation(eid: str, task: str, results: list[dict[str, Any]] | None = None, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"id": eid, "task": {"id": task}, "method": extra.pop("method", "benchmark")}
    if results is not None:
        out["results"] = results
    out.update(extra)
    return out


def result(rid: str, risks: list[str], value: float, *, metric: str = "acc", kind: str | None = "proportion",
           unit: str | None = "1", direction: str = "higher_is_better", n: int | None = None,
           se: float | None = None, **extra: Any) -> dict[str, Any]:
    m: dict[str, Any] = {"id": metric, "direction": direction}
    if kind is not None:
        m["kind"] = kind
    if unit is not None:
        m["unit"] = unit
    out: dict[str, Any] = {"id": rid, "risks": risks, "metric": m, "value": value}
    if n is not None:
        out["n"] = n
    if se is not None:
        out["uncertainty"] = {"standard_error": se, "method": "analytic"}
    out.update(extra)
    return out


def samples_file(folder: Path, name: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    body = "".join(json.dumps(r, sort_keys=True) + "\n" for r in rows).encode("utf-8")
    (folder / name).write_bytes(body)
    return {"file": {"path": name, "digest": "sha256:" + hashlib.sha256(body).hexdigest(), "rows": len(rows)}}


def pinned_pair(folder: Path, lines_a: list[str], lines_b: list[str], vocabulary: str = "1.0") -> list[Path]:
    """``a.json`` and ``b.json`` in ``folder``, each with one evaluation pinning its samples file (``a.jsonl``,
    ``b.jsonl``: the lines as given, their digest, the count of lines that are not blank)."""
    paths = []
    for name, lines in (("a", lines_a), ("b", lines_b)):
        body = "".join(lines).encode("utf-8")
        (folder / f"{name}.jsonl").write_bytes(body)
        rows = sum(1 for line in lines if line.strip())
        spec = {"file": {"path": f"{name}.jsonl", "digest": "sha256:" + hashlib.sha256(body).hexdigest(), "rows": rows}}
        doc = report([evaluation("e", "task", [result("r", ["R0013"], 0.5, n=max(rows, 1))], samples=spec)],
                     vocabulary=vocabulary)
        paths.append(write(folder, f"{name}.json", doc))
    return paths


def schema_errors(doc: dict[str, Any]) -> list[str]:
    """Where a diff document breaks schemas/jsonschema/diff-result-1.0.json (python-jsonschema, an
    implementation independent of riskfmt's validator)."""
    import jsonschema

    schema = json.loads((ROOT / "schemas" / "jsonschema" / "diff-result-1.0.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(doc)]


def write(folder: Path, name: str, doc: dict[str, Any]) -> Path:
    path = folder / name
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


# ---- the mirror image of a diff ---------------------------------------------------------------------------

_FLIP = {"better": "worse", "worse": "better", "higher": "lower", "lower": "higher"}


def _neg(value: Any) -> Any:
    return None if value is None else -value


def _interval(interval: dict[str, Any] | None) -> dict[str, Any] | None:
    if interval is None:
        return None
    return {"lower": -interval["upper"], "upper": -interval["lower"], "level": interval["level"]}


def _swap(entry: dict[str, Any], x: str, y: str) -> None:
    has_x, has_y = x in entry, y in entry
    vx, vy = entry.pop(x, None), entry.pop(y, None)
    if has_y:
        entry[x] = vy
    if has_x:
        entry[y] = vx


def _level(level: dict[str, Any] | None) -> None:
    if level is not None:
        _swap(level, "a", "b")
        level["change"] = _FLIP.get(level["change"], level["change"])


def mirror(doc: dict[str, Any]) -> dict[str, Any]:
    """What diff(B, A) must be, given diff(A, B): every side swapped, every difference negated. Notes are
    compared by code only (their messages name the sides), and regressions are direction-bound."""
    out = copy.deepcopy(doc)
    _swap(out, "a", "b")
    _swap(out, "only_a", "only_b")
    for pair in out["pairs"]:
        _swap(pair, "a", "b")
        pair["difference"] = _neg(pair["difference"])
        if "interval" in pair:
            pair["interval"] = _interval(pair["interval"])
        if "change" in pair:
            pair["change"] = _FLIP.get(pair["change"], pair["change"])
        _level(pair.get("level"))
        if "threshold" in pair:
            _swap(pair["threshold"], "a_met", "b_met")
        for step in pair["alignment"].get("via", []):
            step["side"] = "b" if step["side"] == "a" else "a"
        if "via" in pair["alignment"]:
            pair["alignment"]["via"].sort(key=lambda s: (s["side"], s["cited"]))
    findings = out["findings"]
    _swap(findings, "only_a", "only_b")
    for pair in findings["matched"]:
        _swap(pair, "a", "b")
        _level(pair.get("level"))
        for step in pair["alignment"].get("via", []):
            step["side"] = "b" if step["side"] == "a" else "a"
        if "via" in pair["alignment"]:
            pair["alignment"]["via"].sort(key=lambda s: (s["side"], s["cited"]))
    for kind in ("risks", "tasks"):
        _swap(out["coverage"][kind], "only_a", "only_b")
    for entry in out["samples"]:
        _swap(entry, "evaluation_a", "evaluation_b")
        _swap(entry, "only_a", "only_b")
        if "verdicts" in entry:
            _swap(entry["verdicts"], "a_pass_b_fail", "a_fail_b_pass")
        mc = entry.get("mcnemar")
        if mc:
            _swap(mc, "pass_rate_a", "pass_rate_b")
            mc["difference"] = -mc["difference"]
            mc["change"] = _FLIP.get(mc["change"], mc["change"])
        scores = entry.get("scores")
        if scores:
            _swap(scores, "mean_a", "mean_b")
            scores["mean_difference"] = -scores["mean_difference"]
            if "interval" in scores:
                scores["interval"] = _interval(scores["interval"])
    for meta in out["metadata"]:
        _swap(meta, "a", "b")
    summary = out["summary"]
    _swap(summary, "better", "worse")
    _swap(summary, "only_a", "only_b")
    _swap(summary, "findings_only_a", "findings_only_b")
    return out


def comparable(doc: dict[str, Any]) -> dict[str, Any]:
    """A diff document without what a mirror cannot keep: note messages and the regression verdict."""
    out = copy.deepcopy(doc)
    out["notes"] = sorted(n["code"] for n in out["notes"])
    out["summary"].pop("regressions")
    out.pop("gate", None)
    for pair in [*out["pairs"], *out["findings"]["matched"]]:
        if "via" in pair["alignment"]:
            pair["alignment"]["via"].sort(key=lambda s: (s["side"], s["cited"]))
    return out
