"""Write the invalid example reports, each derived from valid/minimal.json by one deliberate break.

A file is named ``<what it breaks>.<CODE>[.<CODE>...].<ext>``: the codes are exactly the findings
`riskfmt validate` must produce for it (tests/test_examples.py checks that). Re-run after changing the
base report:  python examples/reports/make_examples.py
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any, Callable

import riskfmt

HERE = Path(__file__).resolve().parent
OUT = HERE / "invalid"
BASE: dict[str, Any] = json.loads((HERE / "valid" / "minimal.json").read_text(encoding="utf-8"))


def dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def report(mutate: Callable[[dict[str, Any]], None], fix_id: bool = True) -> str:
    doc = copy.deepcopy(BASE)
    mutate(doc)
    if fix_id and isinstance(doc, dict) and "report_id" in doc:
        try:
            doc["report_id"] = riskfmt.report_id(doc)
        except Exception:  # noqa: BLE001 - some breaks leave no computable id
            pass
    return dump(doc)


def result(doc: dict[str, Any]) -> dict[str, Any]:
    return doc["evaluations"][0]["results"][0]


def setter(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(doc: dict[str, Any]) -> None:
        *parents, last = path.strip("/").split("/")
        node: Any = doc
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if value is _DELETE:
            del node[last]
        elif isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return mutate


_DELETE = object()
SHA = "sha256:" + hashlib.sha256(b"riskfmt example").hexdigest()


def samples_file(doc: dict[str, Any], name: str, rows: list[dict[str, Any]], digest: str | None = None,
                 count: int | None = None) -> None:
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")
    (OUT / name).write_bytes(body)
    doc["evaluations"][0]["samples"] = {
        "file": {"path": name, "digest": digest or "sha256:" + hashlib.sha256(body).hexdigest(),
                 "rows": len(rows) if count is None else count}
    }


def both_samples(doc: dict[str, Any]) -> None:
    doc["evaluations"][0]["samples"] = {
        "inline": [{"sample_id": "a"}],
        "file": {"path": "x.jsonl", "digest": SHA, "rows": 1},
    }


def duplicate_result(doc: dict[str, Any]) -> None:
    twin = copy.deepcopy(result(doc))
    twin["id"] = "truthfulqa-acc-again"
    twin["value"] = 0.5
    doc["evaluations"][0]["results"].append(twin)


def duplicate_id(doc: dict[str, Any]) -> None:
    twin = copy.deepcopy(result(doc))
    twin["metric"]["id"] = "acc_norm"
    doc["evaluations"][0]["results"].append(twin)


def finding_cites_unknown_sample(doc: dict[str, Any]) -> None:
    evaluation = doc["evaluations"][0]
    evaluation["samples"] = {"inline": [{"sample_id": "q1", "verdict": "pass"}]}
    evaluation["findings"] = [{"id": "f1", "risks": ["R0013"], "title": {"en": "Invents citations"},
                               "sample_ids": ["q1", "q404"]}]


def duplicate_sample(doc: dict[str, Any]) -> None:
    doc["evaluations"][0]["samples"] = {"inline": [{"sample_id": "q1", "score": 1}, {"sample_id": "q1", "score": 0}]}


def samples_ok_rows() -> list[dict[str, Any]]:
    return [{"sample_id": f"q{i}", "epoch": 1, "score": i % 2, "verdict": "pass" if i % 2 else "fail"} for i in range(4)]


TEXT_CASES: dict[str, bytes] = {
    "empty-file.RF102.json": b"",
    "truncated.RF101.json": dump(BASE).encode()[:200],
    "invalid-utf8.RF103.json": dump(BASE).replace("Example AI", "Example \udcff AI").encode("utf-8", "surrogateescape"),
    "binary-content.RF005.json": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(64)),
    "duplicate-key.RF105.json": dump(BASE).replace('"value": 0.412,', '"value": 0.412,\n          "value": 0.9,').encode(),
    "nan-value.RF106.json": dump(BASE).replace('"value": 0.412', '"value": NaN').encode(),
    "infinite-value.RF106.json": dump(BASE).replace('"value": 0.412', '"value": -Infinity').encode(),
    "number-overflow.RF110.json": dump(BASE).replace('"value": 0.412', '"value": 1e400').encode(),
    "absurd-nesting.RF107.json": ('{"kind": "evaluation-report", "extensions": {"x": ' + "[" * 600 + "]" * 600 + "}}\n").encode(),
    "yaml-syntax.RF108.yaml": b"kind: evaluation-report\nformat_version: '1.0'\nmodel: {name: x\n",
    "yaml-alias-bomb.RF109.yaml": (
        b"kind: evaluation-report\n"
        b"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        b"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        b"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        b"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
        b"f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
    ),
    "yaml-python-tag.RF111.yaml": b"kind: evaluation-report\nformat_version: !!python/object:os.system '1.0'\n",
    "yaml-two-documents.RF112.yaml": b"kind: evaluation-report\n---\nkind: evaluation-report\n",
    "top-level-array.RF201.json": b"[1, 2, 3]\n",
}

REPORT_CASES: dict[str, Callable[[dict[str, Any]], None]] = {
    "unknown-kind.RF202.json": setter("/kind", "evaluation-summary"),
    "unknown-major-version.RF203.json": setter("/format_version", "2.0"),
    "malformed-version.RF205.json": setter("/format_version", "v1"),
    "newer-vocabulary.RF206.RF405.json": lambda d: (setter("/vocabulary_version", "9.0")(d),
                                                   setter("/evaluations/0/results/0/risks", ["R0013", "R9876"])(d)),
    "unknown-vocabulary.RF207.json": setter("/vocabulary_version", "0.0"),
    "missing-model.RF301.json": setter("/model", _DELETE),
    "unknown-field.RF302.json": setter("/model/nickname", "the big one"),
    "weights-path-in-report.RF302.RF704.json": setter("/model/weights_path", "/data/models/example.safetensors"),
    "wrong-type.RF303.json": setter("/evaluations/0/results/0/value", "0.412"),
    "tlp-not-a-label.RF304.json": setter("/marking/tlp", "YELLOW"),
    "malformed-digest.RF305.json": setter("/model/digests", [{"digest": "sha256:abc", "subject": "weights_file"}]),
    "samples-path-escapes.RF305.json": setter("/evaluations/0/samples", {"file": {"path": "../secret.jsonl", "digest": SHA, "rows": 1}}),
    "n-zero.RF306.json": setter("/evaluations/0/results/0/n", 0),
    "not-a-date.RF307.json": setter("/created", "yesterday"),
    "no-evaluations.RF308.json": setter("/evaluations", []),
    "empty-bilingual-text.RF309.json": setter("/title", {}),
    "samples-inline-and-file.RF310.json": both_samples,
    "unknown-risk-id.RF401.json": setter("/evaluations/0/results/0/risks", ["R9999", "jailbreaking"]),
    "unknown-method.RF403.json": setter("/evaluations/0/method", "vibes"),
    "interval-excludes-value.RF501.json": setter("/evaluations/0/results/0/uncertainty/ci",
                                                 {"lower": 0.5, "upper": 0.6, "level": 0.95, "method": "wilson"}),
    "interval-reversed.RF502.json": setter("/evaluations/0/results/0/uncertainty/ci",
                                           {"lower": 0.45, "upper": 0.38, "level": 0.95}),
    "value-out-of-bounds.RF503.json": setter("/evaluations/0/results/0/value", 41.2),
    "bounds-reversed.RF504.json": setter("/evaluations/0/results/0/metric/min", 2),
    "dates-out-of-order.RF505.json": lambda d: d["evaluations"][0].update(
        started="2026-10-02T12:00:00Z", completed="2026-10-01T12:00:00Z"),
    "duplicate-result-id.RF506.json": duplicate_id,
    "duplicate-result.RF507.json": duplicate_result,
    "placeholder-digest.RF513.json": setter("/model/digests", [{"digest": "sha256:" + "0" * 64, "subject": "weights_manifest"}]),
    "duplicate-sample.RF514.json": duplicate_sample,
    "uncertainty-without-n.RF515.json": setter("/evaluations/0/results/0/n", _DELETE),
    "implausible-standard-error.RF516.json": setter("/evaluations/0/results/0/uncertainty/standard_error", 0.7),
    "finding-cites-unknown-sample.RF517.json": finding_cites_unknown_sample,
    "samples-file-missing.RF509.json": setter("/evaluations/0/samples", {"file": {"path": "nowhere.jsonl", "digest": SHA, "rows": 4}}),
    "samples-digest-mismatch.RF510.json": lambda d: samples_file(d, "samples-digest-mismatch.jsonl", samples_ok_rows(), digest=SHA),
    "samples-row-count.RF511.json": lambda d: samples_file(d, "samples-row-count.jsonl", samples_ok_rows(), count=5),
    "samples-line-invalid.RF512.RF514.json": lambda d: samples_file(
        d, "samples-line-invalid.jsonl",
        [*samples_ok_rows(), {"sample_id": "q9", "verdict": "maybe"}, {"sample_id": "q1", "epoch": 1}]),
}

ID_CASES = {"report-id-mismatch.RF508.json": setter("/model/version", "2026-11-01")}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        if old.name != "README.md":
            old.unlink()
    for name, content in TEXT_CASES.items():
        (OUT / name).write_bytes(content)
    bom = dump(BASE).encode("utf-8")
    (OUT / "byte-order-mark.RF104.json").write_bytes(b"\xef\xbb\xbf" + bom)
    for name, mutate in REPORT_CASES.items():
        (OUT / name).write_text(report(mutate), encoding="utf-8")
    for name, mutate in ID_CASES.items():
        (OUT / name).write_text(report(mutate, fix_id=False), encoding="utf-8")


if __name__ == "__main__":
    main()
