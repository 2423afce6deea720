"""riskfmt diff on two reports with many sample results each, against orjson.loads of both files.

    python benchmarks/diff.py                     # 300,000 samples per report: both JSONL orders and inline
    python benchmarks/diff.py --cases same shuffled --rows 100000
    python benchmarks/diff.py --quick             # a tenth of the rows, for a smoke run
    python benchmarks/run.py --only diff          # the two JSONL rows inside run.py's table

Every figure is the median of fresh processes (start-up and peak memory are each process's own), with the
commands interleaved within each repetition; the baseline runs in the same session, and the ratio is taken in
that run, on wall time (the issue's target) and on CPU time (user + system: steadier on a shared machine). Cases:

- same: each report pins a JSONL samples file, written in the same order on both sides;
- shuffled: B's samples file is shuffled, so the join partitions rows to temporary files;
- inline: both reports carry their samples inline (the whole report must be parsed).

The baseline of the JSONL cases is the issue's: a bare orjson process that parses both reports and every line of
both samples files. `riskfmt validate` of the same two files is shown as well (the same checks, no pairing).
Each samples file is read once: its lines are validated as the comparison pairs them (riskfmt.compare.files),
B's in a second process when two processors are free to use (riskfmt.compare.forked); the JSONL cases also run
`riskfmt diff` with RISKFMT_JOBS=1 (one process) in the same run, and check that its output is the same. The CPU
time and peak RSS of a run are those of the whole process tree (os.wait4 counts the children riskfmt reaped).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import BASE, riskfmt_exe  # noqa: E402 - the shared data and executable of benchmarks/run.py

DATA = HERE / "data" / "diff"
SAMPLES = 300_000  # the shape (issue 19: two reports pinning 300,000-row samples files)


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


def _run_once(argv: list[str]) -> dict:
    """Wall and CPU seconds (user + system, from os.wait4), peak RSS in MB, exit code and stdout of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    return {"seconds": time.perf_counter() - start, "cpu": usage.ru_utime + usage.ru_stime,
            "rss_mb": usage.ru_maxrss / 1024, "exit": os.waitstatus_to_exitcode(status), "stdout": out}


def measure(commands: dict[str, list[str]], repeat: int) -> dict[str, dict]:
    """Medians per command; commands interleaved, start rotated each repetition; only the last stdout kept."""
    names = list(commands)
    runs: dict[str, list[dict]] = {n: [] for n in names}
    for rep in range(repeat):
        for name in names[rep % len(names):] + names[: rep % len(names)]:
            if runs[name]:
                runs[name][-1]["stdout"] = b""  # a forked child would count what this process holds
            runs[name].append(_run_once(commands[name]))
    return {name: {"seconds": statistics.median(r["seconds"] for r in got),
                   "cpu": statistics.median(r["cpu"] for r in got),
                   "rss_mb": statistics.median(r["rss_mb"] for r in got), "exit": got[-1]["exit"],
                   "stdout": got[-1]["stdout"]} for name, got in runs.items()}


CASES = ("same", "shuffled", "inline")


def run_cases(count: int, cases: list[str], repeat: int) -> tuple[list[dict], list[str]]:
    """Measure the cases; one row (a dict) per case, and notes."""
    paths = make_data(count)
    exe, py = riskfmt_exe(), sys.executable
    jsonl_dir = paths["jsonl_a"].parent
    rows: list[dict] = []
    notes: list[str] = []

    def row(case: str, m: dict, size: float, memory_target: float | None) -> None:
        ours, base = m["riskfmt diff"], m["orjson.loads"]
        validate = m.get("riskfmt validate")
        ratio = ours["seconds"] / base["seconds"]
        rows.append({"case": case, "size_mb": size, "seconds": ours["seconds"], "cpu": ours["cpu"],
                     "rss_mb": ours["rss_mb"], "base_seconds": base["seconds"], "base_cpu": base["cpu"],
                     "base_rss_mb": base["rss_mb"], "ratio": ratio, "cpu_ratio": ours["cpu"] / base["cpu"],
                     "validate_ratio": validate["seconds"] / base["seconds"] if validate else None,
                     "met": ratio <= 3 and (memory_target is None or ours["rss_mb"] <= memory_target),
                     "target": "<= 3x" + (f", peak <= {memory_target:g} MB" if memory_target else "")})

    for case in cases:
        if case == "inline":
            a, b = paths["inline_a"], paths["inline_b"]
            size = (a.stat().st_size + b.stat().st_size) / 1e6
            m = measure({"orjson.loads": _loads_both(py, [a, b], []),
                         "orjson.loads, GC off": _loads_both(py, [a, b], [], gc_off=True),
                         "riskfmt diff": [exe, "diff", str(a), str(b), "--format", "json"],
                         "riskfmt validate": [exe, "validate", "-q", str(a), str(b)]}, repeat)
            assert m["riskfmt diff"]["exit"] == 0, m["riskfmt diff"]["stdout"][:2000]
            assert json.loads(m["riskfmt diff"]["stdout"])["samples"][0]["matched"] == count
            row(f"diff, inline, 2 x {count:,} samples", m, size, None)
            off = m["orjson.loads, GC off"]["seconds"]
            # most of a bare orjson.loads of a large report is the cyclic GC, which riskfmt pauses: show both
            notes.append(f"inline: orjson.loads of both with the GC disabled takes {off:.2f} s; riskfmt diff is "
                         f"{m['riskfmt diff']['seconds'] / off:.2f}x of that")
            continue
        a = paths["jsonl_a"]
        b = paths["jsonl_b"] if case == "same" else paths["shuffled_b"]
        lines = [jsonl_dir / "a.jsonl", jsonl_dir / ("b.jsonl" if case == "same" else "b-shuffled.jsonl")]
        size = sum(p.stat().st_size for p in lines) / 1e6
        commands = {"orjson.loads": _loads_both(py, [a, b], lines),
                    "riskfmt diff": [exe, "diff", str(a), str(b), "--format", "json"],
                    # the same without the second process that reads B (riskfmt.compare.forked): `env` execs riskfmt
                    # in place, so os.wait4 still measures riskfmt (and the children it reaped, for the row above)
                    "one process": ["env", "RISKFMT_JOBS=1", exe, "diff", str(a), str(b), "--format", "json"]}
        if case == "same":
            commands["riskfmt validate"] = [exe, "validate", "-q", str(a), str(b)]
        m = measure(commands, repeat)
        assert m["riskfmt diff"]["exit"] == 0, m["riskfmt diff"]["stdout"][:2000]
        assert json.loads(m["riskfmt diff"]["stdout"])["samples"][0]["matched"] == count
        assert m["one process"]["stdout"] == m["riskfmt diff"]["stdout"]
        order = "same order" if case == "same" else "different order"
        row(f"diff, JSONL, {order}, 2 x {count:,} samples", m, size, 150)
        one, base = m["one process"], m["orjson.loads"]
        notes.append(f"{order}: riskfmt diff in one process (RISKFMT_JOBS=1), same run: {one['seconds']:.2f} s "
                     f"({one['seconds'] / base['seconds']:.2f}x), CPU {one['cpu']:.2f} s "
                     f"({one['cpu'] / base['cpu']:.2f}x), {one['rss_mb']:.0f} MB")
    return rows, notes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the rows")
    parser.add_argument("--rows", type=int, default=SAMPLES, help="samples per report (default %(default)s)")
    parser.add_argument("--cases", nargs="*", choices=CASES, default=list(CASES), help="which cases to run")
    parser.add_argument("--repeat", type=int, default=3, help="fresh processes per figure")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON (for benchmarks/run.py)")
    parser.add_argument("--generate-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    count = args.rows // 10 if args.quick else args.rows
    if args.generate_only:
        make_data(count)
        return 0
    # generate in a child: a forked child's peak RSS would include what the generator held
    print(f"generating data ({count} samples per report) ...", file=sys.stderr, flush=True)
    subprocess.run([sys.executable, __file__, "--generate-only", "--rows", str(count)], check=True)
    rows, notes = run_cases(count, args.cases, args.repeat)
    load = os.getloadavg()[0]
    if args.json:
        print(json.dumps({"rows": rows, "notes": notes, "load": load}))
        return 0
    print(f"\nriskfmt diff benchmarks: Python {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} cores, {count:,} samples per report, load average {load:.1f} at the end\n")
    print("| case | riskfmt diff | orjson.loads of both (same run) | ratio, wall | ratio, CPU "
          "| riskfmt validate of both, ratio | target | met |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        validate = f"{r['validate_ratio']:.2f}x" if r["validate_ratio"] is not None else "-"
        print(f"| {r['case']} ({r['size_mb']:.0f} MB) "
              f"| {r['seconds']:.2f} s, {r['cpu']:.2f} s CPU, {r['rss_mb']:.0f} MB "
              f"| {r['base_seconds']:.2f} s, {r['base_cpu']:.2f} s CPU, {r['base_rss_mb']:.0f} MB | {r['ratio']:.2f}x "
              f"| {r['cpu_ratio']:.2f}x | {validate} | {r['target']} | {'yes' if r['met'] else 'NO'} |")
    for note in notes:
        print(f"\nAlso measured: {note}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
