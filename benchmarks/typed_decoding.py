"""Measurement only: what decoding a report into typed msgspec Structs would buy, against the untyped decoding
riskfmt does (issue 19, the results-heavy and mixed shapes).

    python benchmarks/typed_decoding.py untyped benchmarks/data/results-262000.json
    python benchmarks/typed_decoding.py typed benchmarks/data/results-262000.json

One fresh process per mode: decoding (user and system CPU, peak memory), a loop reading what the survey reads
(riskfmt.plain), and serialising everything back for the duplicate-key colon count (riskfmt.loading). The
Structs below are written by hand for the generated shapes only (unknown fields are ignored, not refused): a
real implementation would generate them from the LinkML model, with the schema's constraints, and every check
on the validate path would have to read them. Nothing in riskfmt imports this file.
"""
import sys, time, gc, resource
from pathlib import Path
from typing import Any, Optional, Union
import msgspec
from msgspec import Struct, UNSET, UnsetType, field
gc.disable()
mode, path = sys.argv[1], sys.argv[2]
data = Path(path).read_bytes()
Num = Union[int, float]
class Metric(Struct, omit_defaults=True):
    id: str
    kind: str
    unit: Union[str, UnsetType] = UNSET
    direction: Union[str, UnsetType] = UNSET
    min: Union[Num, UnsetType] = UNSET
    max: Union[Num, UnsetType] = UNSET
class CI(Struct):
    lower: Num
    upper: Num
class Unc(Struct, omit_defaults=True):
    standard_error: Union[Num, UnsetType] = UNSET
    method: Union[str, UnsetType] = UNSET
    ci: Union[CI, UnsetType] = UNSET
class Result(Struct, omit_defaults=True):
    id: str
    risks: list[str]
    metric: Metric
    value: Num
    n: Union[int, UnsetType] = UNSET
    uncertainty: Union[Unc, UnsetType] = UNSET
    slice: Union[dict[str, Any], UnsetType] = UNSET
class Sample(Struct, omit_defaults=True):
    sample_id: str
    epoch: Union[int, UnsetType] = UNSET
    score: Union[Num, UnsetType] = UNSET
    verdict: Union[str, UnsetType] = UNSET
    risks: Union[list[str], UnsetType] = UNSET
    input_digest: Union[str, UnsetType] = UNSET
    input: Union[str, UnsetType] = UNSET
    output: Union[str, UnsetType] = UNSET
    target: Union[str, UnsetType] = UNSET
class Samples(Struct, omit_defaults=True):
    inline: Union[list[Sample], UnsetType] = UNSET
    file: Union[dict[str, Any], UnsetType] = UNSET
class Task(Struct, omit_defaults=True):
    id: str
    version: Union[str, UnsetType] = UNSET
    languages: Union[list[str], UnsetType] = UNSET
class Evaluation(Struct, omit_defaults=True):
    id: str
    task: Task
    method: str
    results: Union[list[Result], UnsetType] = UNSET
    settings: Union[dict[str, Any], UnsetType] = UNSET
    samples: Union[Samples, UnsetType] = UNSET
    findings: Union[list[dict[str, Any]], UnsetType] = UNSET
    started: Union[str, UnsetType] = UNSET
    completed: Union[str, UnsetType] = UNSET
class Report(Struct, omit_defaults=True):
    kind: str
    format_version: str
    vocabulary_version: str
    report_id: str
    producer: dict[str, Any]
    model: dict[str, Any]
    evaluations: list[Evaluation]
    marking: Union[dict[str, Any], UnsetType] = UNSET
    created: Union[str, UnsetType] = UNSET

def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF); return r.ru_utime, r.ru_stime, r.ru_maxrss / 1024
u0, s0, m0 = cpu()
if mode == "untyped":
    tree = msgspec.json.decode(data)
    evs = tree["evaluations"]
else:
    tree = msgspec.json.decode(data, type=Report)
    evs = tree.evaluations
u1, s1, m1 = cpu()
print(f"{mode} decode: user {u1-u0:.3f} sys {s1-s0:.3f} maxrss {m1:.0f} MB (before {m0:.0f})")
# the survey's reading of every evaluation and its single result (a stand-in: ids, method, value within bounds)
t = time.process_time()
n = 0
if mode == "untyped":
    for e in evs:
        e["id"]; r = e.get("results")
        if r and len(r) == 1:
            x = r[0]; m = x["metric"]; v = x["value"]
            if m.get("min", 0) <= v <= m.get("max", 1) and "samples" not in e and "findings" not in e: n += 1
else:
    for e in evs:
        e.id; r = e.results
        if r and len(r) == 1:
            x = r[0]; m = x.metric; v = x.value
            if (0 if m.min is UNSET else m.min) <= v <= (1 if m.max is UNSET else m.max) and e.samples is UNSET and e.findings is UNSET: n += 1
print(f"  survey-like loop: {time.process_time()-t:.3f} s ({n})")
# duplicate-key check: serialise everything back (colon count)
t = time.process_time()
if mode == "untyped":
    import orjson; c = orjson.dumps(tree).count(b":")
else:
    c = msgspec.json.encode(tree).count(b":")
print(f"  serialise all for the colon count: {time.process_time()-t:.3f} s  colons {c} input {data.count(b':')}")
u2, s2, m2 = cpu()
print(f"  total user {u2-u0:.3f} sys {s2-s0:.3f} maxrss {m2:.0f} MB")
