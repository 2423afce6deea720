"""riskfmt diff on two reports with 500,000 sample results each, against orjson.loads of both files.

    python benchmarks/diff.py            # full size: two ~130 MB reports, two ~80 MB JSONL files
    python benchmarks/diff.py --quick    # a tenth of the sizes, for a smoke run

Every figure is the median of fresh processes (start-up and peak memory are each process's own), with the
commands interleaved within each repetition; the baseline runs in the same session. Three cases:

- inline: both reports carry their samples inline (the whole report must be parsed);
- JSONL, same order: each report pins a samples file, written in the same order on both sides;
- JSONL, different order: B's samples file is shuffled, so the join partitions rows to temporary files.

`riskfmt validate` of the same two files is shown as well: a diff validates both inputs completely
(schema, vocabulary, every samples line), and that is most of its time. Each samples file is read once: its
lines are validated as the comparison pairs them (riskfmt.compare.files).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import BASE, measure, riskfmt_exe  # noqa: E402 - the shared measuring code of benchmarks/run.py

DATA = HERE / "data" / "diff"
SAMPLES = 500_000


def _row(i: int, rnd: random.Random, changed: bool) -> dict:
    passed = bool(i % 2) != (changed and rnd.random() < 0.05)  # B flips about 5% of the verdicts
    return {
        "sample_id": f"item-{i:07d}",
        "epoch": 1,
        "score": float(passed) if not changed else round(rnd.random(), 3),
        "verdict": "pass" if passed else "fail",
        "risks": ["R0013"],
        "input_digest": "sha256:" + hashlib.sha256(str(i).encode()).hexdigest(),
        "output": ("模型回答：这是一个示例输出，用于测量比较速度。" if i % 3 == 0
                   else "An example answer used to measure speed."),
    }


def _report(value: float, samples: dict, n: int) -> dict:
    doc = json.loads(json.dumps(BASE))
    result = doc["evaluations"][0]["results"][0]
    result["value"], result["n"] = value, n
    result["uncertainty"] = {"standard_error": round((value * (1 - value) / n) ** 0.5, 6), "method": "binomial"}
    doc["evaluations"][0]["samples"] = samples
    import riskfmt

    doc["report_id"] = riskfmt.report_id(doc)
    return doc


def _jsonl(path: Path, rows: list[dict]) -> dict:
    digest = hashlib.sha256()
    with path.open("wb") as out:
        for start in range(0, len(rows), 10_000):
            chunk = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows[start:start + 10_000]).encode()
            out.write(chunk)
            digest.update(chunk)
    return {"file": {"path": path.name, "digest": "sha256:" + digest.hexdigest(), "rows": len(rows)}}


def make_data(count: int) -> dict[str, Path]:
    folder = DATA / str(count)
    paths = {
        "inline_a": folder / "inline-a.json", "inline_b": folder / "inline-b.json",
        "jsonl_a": folder / "jsonl" / "a.json", "jsonl_b": folder / "jsonl" / "b.json",
        "shuffled_b": folder / "jsonl" / "b-shuffled.json",
    }
    if all(p.exists() for p in paths.values()):
        return paths
    (folder / "jsonl").mkdir(parents=True, exist_ok=True)
    rnd = random.Random(1)
    rows_a = [_row(i, rnd, False) for i in range(count)]
    rows_b = [_row(i, rnd, True) for i in range(count)]
    rate_a = sum(r["verdict"] == "pass" for r in rows_a) / count
    rate_b = sum(r["verdict"] == "pass" for r in rows_b) / count
    for key, rate, rows in (("inline_a", rate_a, rows_a), ("inline_b", rate_b, rows_b)):
        paths[key].write_text(json.dumps(_report(rate, {"inline": rows}, count), ensure_ascii=False), encoding="utf-8")
    for key, name, rate, rows in (("jsonl_a", "a.jsonl", rate_a, rows_a), ("jsonl_b", "b.jsonl", rate_b, rows_b)):
        paths[key].write_text(json.dumps(_report(rate, _jsonl(folder / "jsonl" / name, rows), count), indent=1),
                              encoding="utf-8")
    shuffled = list(rows_b)
    random.Random(2).shuffle(shuffled)
    paths["shuffled_b"].write_text(
        json.dumps(_report(rate_b, _jsonl(folder / "jsonl" / "b-shuffled.jsonl", shuffled), count), indent=1),
        encoding="utf-8")
    return paths


def _loads_both(py: str, reports: list[Path], jsonl: list[Path], gc_off: bool = False) -> list[str]:
    """orjson.loads of both reports, and of every line of both samples files."""
    code = ("import gc; gc.disable()\n" if gc_off else "") + ("import orjson,sys\n"
            f"for p in {[str(p) for p in reports]!r}: orjson.loads(open(p,'rb').read())\n"
            f"for p in {[str(p) for p in jsonl]!r}:\n"
            "    with open(p,'rb') as f:\n"
            "        for line in f: orjson.loads(line)\n")
    return [py, "-c", code]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes")
    parser.add_argument("--repeat", type=int, default=3, help="fresh processes per figure")
    parser.add_argument("--generate-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    count = SAMPLES // 10 if args.quick else SAMPLES
    if args.generate_only:
        make_data(count)
        return 0
    # generate in a child: a forked child's peak RSS would include what the generator held
    print(f"generating data ({count} samples per report) ...", flush=True)
    subprocess.run([sys.executable, __file__, "--generate-only"] + (["--quick"] if args.quick else []), check=True)
    paths = make_data(count)
    exe, py = riskfmt_exe(), sys.executable
    jsonl_dir = paths["jsonl_a"].parent
    rows: list[tuple[str, str, str, str, str, str]] = []

    def row(case: str, m: dict, base: str, target: float | None, memory_target: float | None = None) -> None:
        ours, ref = m["riskfmt diff"], m[base]
        ratio = ours["seconds"] / ref["seconds"]
        validate = m.get("riskfmt validate")
        share = f"{validate['seconds'] / ref['seconds']:.2f}x" if validate else "-"
        goals = []
        if target is not None:
            goals.append(f"time <= {target:g}x: {'yes' if ratio <= target else 'NO'}")
        if memory_target is not None:
            goals.append(f"peak <= {memory_target:g} MB: {'yes' if ours['rss_mb'] <= memory_target else 'NO'}")
        rows.append((case, f"{ours['seconds']:.2f} s, {ours['rss_mb']:.0f} MB",
                     f"{ref['seconds']:.2f} s, {ref['rss_mb']:.0f} MB", f"{ratio:.2f}x", share, "; ".join(goals)))

    # 1. inline samples: everything parsed, both reports validated in full
    a, b = paths["inline_a"], paths["inline_b"]
    size = (a.stat().st_size + b.stat().st_size) / 1e6
    m = measure({"orjson.loads": _loads_both(py, [a, b], []),
                 "orjson.loads, GC off": _loads_both(py, [a, b], [], gc_off=True),
                 "riskfmt diff": [exe, "diff", str(a), str(b), "--format", "json"],
                 "riskfmt validate": [exe, "validate", "-q", str(a), str(b)]}, args.repeat)
    assert m["riskfmt diff"]["exit"] == 0, m["riskfmt diff"]["stdout"][:2000]
    doc = json.loads(m["riskfmt diff"]["stdout"])
    assert doc["samples"][0]["matched"] == count
    row(f"inline, 2 x {count:,} samples ({size:.0f} MB)", m, "orjson.loads", 3)
    # most of a bare orjson.loads of a large report is the cyclic GC, which riskfmt pauses: show both
    off = m["orjson.loads, GC off"]["seconds"]
    notes = [f"inline: orjson.loads of both with the GC disabled takes {off:.2f} s; riskfmt diff is "
             f"{m['riskfmt diff']['seconds'] / off:.2f}x of that"]

    # 2. JSONL samples in the same order
    a, b = paths["jsonl_a"], paths["jsonl_b"]
    lines = [jsonl_dir / "a.jsonl", jsonl_dir / "b.jsonl"]
    size = sum(p.stat().st_size for p in lines) / 1e6
    m = measure({"orjson.loads": _loads_both(py, [a, b], lines),
                 "riskfmt diff": [exe, "diff", str(a), str(b), "--format", "json"],
                 "riskfmt validate": [exe, "validate", "-q", str(a), str(b)]}, args.repeat)
    assert m["riskfmt diff"]["exit"] == 0
    row(f"JSONL, same order, 2 x {count:,} samples ({size:.0f} MB)", m, "orjson.loads", 3, 150)

    # 3. JSONL samples in different orders: the join partitions through temporary files
    b = paths["shuffled_b"]
    lines = [jsonl_dir / "a.jsonl", jsonl_dir / "b-shuffled.jsonl"]
    m = measure({"orjson.loads": _loads_both(py, [a, b], lines),
                 "riskfmt diff": [exe, "diff", str(a), str(b), "--format", "json"]}, args.repeat)
    assert m["riskfmt diff"]["exit"] == 0
    doc = json.loads(m["riskfmt diff"]["stdout"])
    assert doc["samples"][0]["matched"] == count
    row(f"JSONL, different order, 2 x {count:,} samples ({size:.0f} MB)", m, "orjson.loads", 3, 150)

    print(f"\nriskfmt diff benchmarks: Python {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} cores, {count:,} samples per report\n")
    print("| case | riskfmt diff | orjson.loads of both (same run) | ratio "
          "| riskfmt validate of both, ratio | target |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    for note in notes:
        print(f"\nAlso measured: {note}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
