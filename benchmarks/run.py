"""riskfmt speed and memory, as ratios against baselines measured in the same run.

    python benchmarks/run.py            # full size (100 MB report, 1 GB JSONL): about 10 minutes
    python benchmarks/run.py --quick    # a tenth of the sizes, for a smoke run

Every figure is the median of several fresh processes (so start-up and peak memory are each process's own),
with the tools interleaved within each repetition. The machines are shared and noisy (about +-20% here):
read the ratios, not the seconds, and re-run before drawing conclusions from small differences.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
BASE = json.loads((ROOT / "examples" / "reports" / "valid" / "minimal.json").read_text(encoding="utf-8"))


# ------------------------------------------------------------------------------------------------
# data
# ------------------------------------------------------------------------------------------------


def _report_with_samples(samples: int, bad_every: int = 0) -> dict:
    doc = json.loads(json.dumps(BASE))
    rows = []
    for i in range(samples):
        row = {
            "sample_id": f"item-{i:07d}",
            "epoch": 1,
            "score": float(i % 2),
            "verdict": "pass" if i % 2 else "fail",
            "risks": ["R0013"],
            "input_digest": "sha256:" + hashlib.sha256(str(i).encode()).hexdigest(),
            "output": "模型回答：这是一个示例输出，用于测量解析速度。" if i % 3 == 0 else "An example answer used to measure parsing speed.",
        }
        if bad_every and i % bad_every == 0:
            row["verdict"] = "maybe"
        rows.append(row)
    doc["evaluations"][0]["samples"] = {"inline": rows}
    return doc


def _report_with_results(evaluations: int) -> dict:
    """The results-heavy shape (issue 19): one evaluation per task, each with one result, as a suite run over
    thousands of tasks gives; 262,000 evaluations make about 100 MB."""
    doc = json.loads(json.dumps(BASE))
    template = doc["evaluations"][0]
    out = []
    for i in range(evaluations):
        evaluation = json.loads(json.dumps(template))
        evaluation["id"] = f"eval-{i:07d}"
        evaluation["task"]["id"] = f"task_{i % 5000:05d}"
        result = evaluation["results"][0]
        result["id"] = f"r-{i:07d}"
        result["value"] = round((i * 7919 % 1000) / 1000, 3)
        out.append(evaluation)
    doc["evaluations"] = out
    from riskfmt.identity import report_id

    doc["report_id"] = report_id(doc)  # results are defining content: the id follows them
    return doc


def make_data(scale: float) -> dict[str, Path]:
    DATA.mkdir(exist_ok=True)
    samples = int(500_000 * scale)
    paths = {
        "large": DATA / f"large-{samples}.json",
        "large_invalid": DATA / f"large-invalid-{samples}.json",
        "small": DATA / "small.json",
        "many": DATA / "many",
        "jsonl_report": DATA / f"jsonl-{scale}" / "report.json",
        "results": DATA / f"results-{int(262_000 * scale)}.json",
    }
    if not paths["results"].exists():
        paths["results"].write_text(json.dumps(_report_with_results(int(262_000 * scale)), ensure_ascii=False),
                                    encoding="utf-8")
    if not paths["large"].exists():
        paths["large"].write_text(json.dumps(_report_with_samples(samples), ensure_ascii=False), encoding="utf-8")
    if not paths["large_invalid"].exists():
        # 1% of samples carry a bad verdict: thousands of schema errors, spread through the file
        paths["large_invalid"].write_text(json.dumps(_report_with_samples(samples, bad_every=100), ensure_ascii=False),
                                          encoding="utf-8")
    shutil.copy(ROOT / "examples" / "reports" / "valid" / "minimal.json", paths["small"])
    many = paths["many"]
    if not many.exists() or len(list(many.iterdir())) != 2000:
        shutil.rmtree(many, ignore_errors=True)
        many.mkdir()
        text = (ROOT / "examples" / "reports" / "valid" / "minimal.json").read_bytes()
        for i in range(2000):
            (many / f"report-{i:04d}.json").write_bytes(text)
    jsonl_dir = paths["jsonl_report"].parent
    if not paths["jsonl_report"].exists():
        jsonl_dir.mkdir(exist_ok=True)
        target_bytes = int(1024 * 1024 * 1024 * scale)
        digest = hashlib.sha256()
        rows = 0
        with (jsonl_dir / "samples.jsonl").open("wb") as out:
            written = 0
            block = []
            while written < target_bytes:
                line = json.dumps({"sample_id": f"s{rows:09d}", "epoch": 1, "score": rows % 2,
                                   "verdict": "pass" if rows % 2 else "fail",
                                   "input_digest": "sha256:" + "ab" * 32}).encode() + b"\n"
                block.append(line)
                rows += 1
                written += len(line)
                if len(block) == 10_000:
                    chunk = b"".join(block)
                    out.write(chunk)
                    digest.update(chunk)
                    block = []
            chunk = b"".join(block)
            out.write(chunk)
            digest.update(chunk)
        doc = json.loads(json.dumps(BASE))
        doc["evaluations"][0]["samples"] = {"file": {"path": "samples.jsonl", "digest": "sha256:" + digest.hexdigest(), "rows": rows}}
        paths["jsonl_report"].write_text(json.dumps(doc, indent=2), encoding="utf-8")
    return paths


# ------------------------------------------------------------------------------------------------
# measuring
# ------------------------------------------------------------------------------------------------


def run_once(argv: list[str]) -> tuple[float, float, int, bytes]:
    """(seconds, peak RSS in MB, exit code, stdout) of one fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, proc.returncode, out


def measure(commands: dict[str, list[str]], repeat: int) -> dict[str, dict]:
    """Median time and RSS per command; commands interleaved, start rotated each repetition."""
    names = list(commands)
    samples: dict[str, list[tuple[float, float, int, bytes]]] = {n: [] for n in names}
    for rep in range(repeat):
        order = names[rep % len(names):] + names[: rep % len(names)]
        for name in order:
            samples[name].append(run_once(commands[name]))
    return {
        name: {
            "seconds": statistics.median(s[0] for s in runs),
            "rss_mb": statistics.median(s[1] for s in runs),
            "exit": runs[-1][2],
            "stdout": runs[-1][3],
        }
        for name, runs in samples.items()
    }


def riskfmt_exe() -> str:
    exe = shutil.which("riskfmt", path=str(Path(sys.executable).parent)) or shutil.which("riskfmt")
    if not exe:
        sys.exit("riskfmt is not installed in this environment (pip install -e .)")
    return exe


def compile_bytecode(py: str) -> None:
    """Write riskfmt's bytecode before measuring start-up. pip writes it for a normal install, but an editable
    install only gets it when Python may write it, and PYTHONDONTWRITEBYTECODE=1 (set on some CI machines
    and containers) forbids that: every run would then compile every module from source, which on one small
    file costs more than the validation itself and measures nothing a user sees."""
    code = "import compileall, os, riskfmt; compileall.compile_dir(os.path.dirname(riskfmt.__file__), quiet=1)"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([py, "-c", code], check=True, env=env, stdout=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the data sizes")
    parser.add_argument("--repeat", type=int, default=5, help="fresh processes per figure for small inputs")
    parser.add_argument("--generate-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--only", default="", help="comma-separated cases: valid,small,many,invalid,jsonl,results,leaks")
    args = parser.parse_args()
    scale = 0.1 if args.quick else 1.0
    if args.generate_only:
        make_data(scale)
        return 0
    # Generate in a child process: a forked child's peak RSS (ru_maxrss) includes the memory its parent
    # held at fork time, so the measuring process must stay small.
    print(f"generating data (scale {scale}) ...", flush=True)
    subprocess.run([sys.executable, __file__, "--generate-only"] + (["--quick"] if args.quick else []), check=True)
    paths = make_data(scale)  # only computes the paths now: every file exists
    exe, py = riskfmt_exe(), sys.executable
    compile_bytecode(py)
    big_repeat = 3
    rows: list[tuple[str, str, str, float, str, bool]] = []
    only = set(filter(None, args.only.split(",")))

    def wanted(case: str) -> bool:
        return not only or case in only

    def loads_cmd(path: Path, gc_off: bool = False) -> list[str]:
        prefix = "import gc; gc.disable(); " if gc_off else ""
        return [py, "-c", f"{prefix}import orjson; orjson.loads(open({str(path)!r}, 'rb').read())"]

    notes: list[str] = []

    # 1. a valid 100 MB report, whole process vs bare orjson.loads in its own process
    size = paths["large"].stat().st_size / 1e6
    if wanted("valid"):
        case_valid(paths, size, exe, big_repeat, rows, notes, loads_cmd)
    if wanted("results"):
        size = paths["results"].stat().st_size / 1e6
        m = measure({"orjson": loads_cmd(paths["results"]), "riskfmt": [exe, "validate", "-q", str(paths["results"])]},
                    big_repeat)
        assert m["riskfmt"]["exit"] == 0, "the results-heavy report did not validate"
        ratio = m["riskfmt"]["seconds"] / m["orjson"]["seconds"]
        rows.append((f"results-heavy report, {size:.0f} MB", f"{m['riskfmt']['seconds']:.2f} s",
                     f"orjson.loads {m['orjson']['seconds']:.2f} s", ratio, "<= 1.0x", ratio <= 1.0))
    if wanted("leaks"):
        # the leak scan alone, in one process, on both shapes (milliseconds, median of three, GC paused as in
        # riskfmt validate), beside orjson.loads of the same bytes in the same process
        code = ("import gc, json, statistics, sys, time, orjson; gc.disable()\n"
                "from riskfmt.integrity.leaks import scan\n"
                "for path in sys.argv[1:]:\n"
                "    raw = open(path, 'rb').read(); t = time.perf_counter(); doc = orjson.loads(raw)\n"
                "    loads = time.perf_counter() - t; runs = []\n"
                "    for _ in range(3):\n"
                "        t = time.perf_counter(); found = scan(doc, path, raw); runs.append(time.perf_counter() - t)\n"
                "    print(json.dumps([path, loads, statistics.median(runs), len(found)]))\n")
        result = subprocess.run([py, "-c", code, str(paths["large"]), str(paths["results"])], check=True,
                                capture_output=True, text=True)
        for line in result.stdout.splitlines():
            path, loads, scan_s, found = json.loads(line)
            name = "samples-heavy" if path == str(paths["large"]) else "results-heavy"
            rows.append((f"leak scan alone, {name}", f"{scan_s * 1000:.0f} ms, {found} findings",
                         f"orjson.loads {loads * 1000:.0f} ms", scan_s / loads, "-", found == 0))
    for case in ("small", "many", "invalid", "jsonl"):
        if wanted(case):
            CASES[case](paths, exe, py, args, big_repeat, rows, scale, measure, loads_cmd)
    print_rows(rows, notes, scale)
    return 0


def case_valid(paths, size, exe, big_repeat, rows, notes, loads_cmd) -> None:  # noqa: ANN001
    """The 128 MB report with 500,000 inline samples (samples-heavy)."""
    m = measure({"orjson": loads_cmd(paths["large"]), "orjson, GC off": loads_cmd(paths["large"], gc_off=True),
                 "riskfmt": [exe, "validate", "-q", str(paths["large"])]}, big_repeat)
    assert m["riskfmt"]["exit"] == 0, "the large valid report did not validate"
    ratio = m["riskfmt"]["seconds"] / m["orjson"]["seconds"]
    rows.append((f"valid report, {size:.0f} MB", f"{m['riskfmt']['seconds']:.2f} s, {m['riskfmt']['rss_mb']:.0f} MB",
                 f"orjson.loads {m['orjson']['seconds']:.2f} s", ratio, "<= 1.5x", ratio <= 1.5))
    # The target's baseline is a bare orjson.loads, whose time is mostly the cyclic GC scanning the growing
    # tree; riskfmt pauses the GC. Show the stricter comparison too, so the ratio is not mistaken for speed
    # riskfmt does not have.
    off = m["orjson, GC off"]["seconds"]
    notes.append(f"valid report: orjson.loads with the GC disabled takes {off:.2f} s; riskfmt is "
                 f"{m['riskfmt']['seconds'] / off:.2f}x of that")


def case_small(paths, exe, py, args, big_repeat, rows, scale, measure, loads_cmd) -> None:  # noqa: ANN001
    """One small file, whole process vs python -c "import json"."""
    m = measure({"import json": [py, "-c", "import json"], "riskfmt": [exe, "validate", "-q", str(paths["small"])]},
                max(args.repeat, 10))
    ratio = m["riskfmt"]["seconds"] / m["import json"]["seconds"]
    rows.append(("one small file", f"{m['riskfmt']['seconds'] * 1000:.0f} ms",
                 f"python -c 'import json' {m['import json']['seconds'] * 1000:.0f} ms", ratio, "<= 2x", ratio <= 2))


def case_many(paths, exe, py, args, big_repeat, rows, scale, measure, loads_cmd) -> None:  # noqa: ANN001
    """2,000 small reports in one invocation."""
    m = measure({"riskfmt": [exe, "validate", "-q", str(paths["many"])]}, big_repeat)
    rate = 2000 / m["riskfmt"]["seconds"]
    rows.append(("2,000 small reports, one process", f"{m['riskfmt']['seconds']:.2f} s", "-", rate,
                 ">= 1000 files/s", rate >= 1000))


def case_invalid(paths, exe, py, args, big_repeat, rows, scale, measure, loads_cmd) -> None:  # noqa: ANN001
    """An invalid 100 MB report with thousands of errors: all reported."""
    size = paths["large_invalid"].stat().st_size / 1e6
    expected = len(range(0, int(500_000 * scale), 100))
    m = measure({"orjson": loads_cmd(paths["large_invalid"]),
                 "riskfmt": [exe, "validate", "--format", "json", str(paths["large_invalid"])]}, big_repeat)
    reported = len(json.loads(m["riskfmt"]["stdout"])["findings"])
    ratio = m["riskfmt"]["seconds"] / m["orjson"]["seconds"]
    rows.append((f"invalid report, {size:.0f} MB, {expected} errors", f"{m['riskfmt']['seconds']:.2f} s, {reported} reported",
                 f"orjson.loads {m['orjson']['seconds']:.2f} s", ratio, "<= 3x, all reported",
                 ratio <= 3 and reported == expected))


def case_jsonl(paths, exe, py, args, big_repeat, rows, scale, measure, loads_cmd) -> None:  # noqa: ANN001
    """A report pinning a large JSONL samples file: constant memory."""
    jsonl = paths["jsonl_report"].parent / "samples.jsonl"
    size = jsonl.stat().st_size / 1e6
    m = measure({"riskfmt": [exe, "validate", "-q", str(paths["jsonl_report"])]}, 1)
    assert m["riskfmt"]["exit"] == 0, m["riskfmt"]["stdout"]
    rows.append((f"samples JSONL, {size:.0f} MB", f"{m['riskfmt']['seconds']:.1f} s ({size / m['riskfmt']['seconds']:.0f} MB/s)",
                 "-", m["riskfmt"]["rss_mb"], "peak RSS < 100 MB", m["riskfmt"]["rss_mb"] < 100))


CASES = {"small": case_small, "many": case_many, "invalid": case_invalid, "jsonl": case_jsonl}


def print_rows(rows, notes, scale) -> None:  # noqa: ANN001
    print(f"\nriskfmt benchmarks: Python {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} cores, scale {scale}\n")
    print("| case | riskfmt | baseline (same run) | ratio / value | target | met |")
    print("|---|---|---|---|---|---|")
    for case, ours, base, value, target, ok in rows:
        print(f"| {case} | {ours} | {base} | {value:.2f} | {target} | {'yes' if ok else 'NO'} |")
    for note in notes:
        print(f"\nAlso measured: {note}.")


if __name__ == "__main__":
    sys.exit(main())
