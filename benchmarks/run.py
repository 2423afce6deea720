"""riskfmt speed and memory, as ratios against baselines measured in the same run.

    python benchmarks/run.py            # full size (100 MB reports, 1.5 GB streamed, 1 GB JSONL): 6-7 minutes
    python benchmarks/run.py --quick    # a tenth of the sizes, for a smoke run
    python benchmarks/run.py --only results   # only the report shapes named so (no small-file, JSONL cases)
    python benchmarks/run.py --diff     # and the inline case of benchmarks/diff.py (riskfmt diff)

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
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SIDECAR_MIN = 16 << 20  # riskfmt._sidecar.MIN_SIZE (not imported: this script runs in any environment)
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


def _evaluation(i: int, bad: bool = False) -> dict:
    """One evaluation with one result, as converters of per-task harness output write them."""
    evaluation = {
        "id": f"task-{i:07d}",
        "task": {"id": f"mmlu_subject_{i:07d}", "version": "1.0", "languages": ["en"]},
        "method": "benchmark",
        "results": [{
            "id": f"r-{i:07d}", "risks": ["R0013"],
            "metric": {"id": "acc", "kind": "proportion", "unit": "1", "direction": "higher_is_better", "min": 0, "max": 1},
            "value": 1.5 if bad else round((i % 997) / 997, 4), "n": 817,
            "uncertainty": {"standard_error": 0.0172, "method": "analytic"},
        }],
    }
    if i % 2:  # half carry settings with an integral float: the canonical form must spell 0.0 as 0
        evaluation["settings"] = {"temperature": 0.0, "num_fewshot": 5}
    return evaluation


def _report_with_results(evaluations: int, bad_every: int = 0) -> dict:
    doc = json.loads(json.dumps(BASE))
    doc["evaluations"] = [_evaluation(i, bool(bad_every) and i % bad_every == 0) for i in range(evaluations)]
    return _with_report_id(doc)


def _with_report_id(doc: dict) -> dict:
    from riskfmt.identity import report_id  # the generator runs in the benchmark's own environment

    doc["report_id"] = report_id(doc)
    return doc


def _report_mixed(evaluations: int, samples: int) -> dict:
    doc = _report_with_samples(samples)
    doc["evaluations"] += [_evaluation(i) for i in range(evaluations)]
    return _with_report_id(doc)


def _report_flood(digests: int) -> dict:
    doc = json.loads(json.dumps(BASE))
    doc["model"]["digests"] = [{"subject": "weights_file", "digest": "sha256:" + "0" * 64}] * digests
    return _with_report_id(doc)  # the digests are defining content: only the warnings remain


def write_streaming_report(path: Path, target_bytes: int) -> None:
    """A report of about ``target_bytes`` with one evaluation of inline samples, written a block of rows at a time
    (never held whole), from six row templates (the samples-heavy report's mix; ids numbered). The samples are not
    defining content (riskfmt.identity), so the report id of the report without them is the report's."""
    from riskfmt.identity import report_id

    doc = json.loads(json.dumps(BASE))
    doc["evaluations"][0]["samples"] = {"inline": []}
    doc["report_id"] = report_id(doc)
    head, tail = json.dumps(doc, ensure_ascii=False).split('"inline": []')
    templates = []
    for k in range(6):
        row = {"sample_id": "item-%09d", "epoch": 1, "score": float(k % 2), "verdict": "pass" if k % 2 else "fail",
               "risks": ["R0013"], "input_digest": "sha256:" + hashlib.sha256(str(k).encode()).hexdigest(),
               "output": "模型回答：这是一个示例输出，用于测量解析速度。" if k % 3 == 0 else
               "An example answer used to measure parsing speed."}
        templates.append(json.dumps(row, ensure_ascii=False))
    written, i = 0, 0
    with path.open("w", encoding="utf-8") as out:
        out.write(head + '"inline": [')
        while written < target_bytes:
            block = ",".join(templates[n % 6] % n for n in range(i, i + 10_000))
            out.write(("," if i else "") + block)
            written += len(block.encode("utf-8"))
            i += 10_000
        out.write("]" + tail)


def make_data(scale: float, stream_gb: float = 1.5) -> dict[str, Path]:
    DATA.mkdir(exist_ok=True)
    samples = int(500_000 * scale)
    paths = {
        "large": DATA / f"large-{samples}.json",
        "large_invalid": DATA / f"large-invalid-{samples}.json",
        "small": DATA / "small.json",
        "many": DATA / "many",
        "jsonl_report": DATA / f"jsonl-{scale}" / "report.json",
        "results": DATA / f"results-{int(262_000 * scale)}.json",
        "results_invalid": DATA / f"results-invalid-{int(262_000 * scale)}.json",
        "mixed": DATA / f"mixed-{int(131_000 * scale)}-{int(250_000 * scale)}.json",
        "flood": DATA / f"flood-{int(847_000 * scale)}.json",
        "flood_tenth": DATA / f"flood-{int(84_700 * scale)}.json",
        "stream": DATA / f"stream-{stream_gb * scale:g}GB.json",
    }
    generators = {
        "results": lambda: _report_with_results(int(262_000 * scale)),
        # 1% of the results out of their metric's bounds: thousands of semantic errors (RF503), all reported
        "results_invalid": lambda: _report_with_results(int(262_000 * scale), bad_every=100),
        "mixed": lambda: _report_mixed(int(131_000 * scale), int(250_000 * scale)),
        "flood": lambda: _report_flood(int(847_000 * scale)),
        "flood_tenth": lambda: _report_flood(int(84_700 * scale)),
    }
    for name, generate in generators.items():
        if not paths[name].exists():
            paths[name].write_text(json.dumps(generate(), ensure_ascii=False), encoding="utf-8")
    if not paths["large"].exists():
        paths["large"].write_text(json.dumps(_report_with_samples(samples), ensure_ascii=False), encoding="utf-8")
    if not paths["large_invalid"].exists():
        # 1% of samples carry a bad verdict: thousands of schema errors, spread through the file
        paths["large_invalid"].write_text(json.dumps(_report_with_samples(samples, bad_every=100), ensure_ascii=False),
                                          encoding="utf-8")
    if stream_gb and not paths["stream"].exists():
        write_streaming_report(paths["stream"], int(stream_gb * scale * 1e9))
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


# Every measured command is started by this small process, which times it and reads its rusage: on Linux a child's
# ru_maxrss starts from the peak RSS of the process it was started from (exec keeps the replaced address space's
# high-water mark), so a command started by this script, once it has held a large output (the findings flood), was
# charged this script's peak: the 1 GB JSONL case read 1,370-1,393 MB for a process that peaks at 62 MB. Dropping the
# output does not lower a peak; a fresh, small parent does.
_SPAWN = ("import os, subprocess, sys, threading, time\n"
          "page, peak, done = os.sysconf('SC_PAGE_SIZE'), [0], threading.Event()\n"
          "def rss(pid):\n"
          "    try:\n"
          "        with open(f'/proc/{pid}/statm') as f: return int(f.read().split()[1]) * page\n"
          "    except (OSError, ValueError, IndexError): return 0\n"
          "def kids(pid):\n"
          "    try:\n"
          "        with open(f'/proc/{pid}/task/{pid}/children') as f: return [int(c) for c in f.read().split()]\n"
          "    except OSError: return []\n"
          "def sample(pid):\n"
          "    while not done.wait(0.02):\n"
          "        peak[0] = max(peak[0], rss(pid) + sum(map(rss, kids(pid))))\n"
          "start = time.perf_counter()\n"
          "proc = subprocess.Popen(sys.argv[1:], stderr=subprocess.DEVNULL)\n"
          "threading.Thread(target=sample, args=(proc.pid,), daemon=True).start()\n"
          "_, status, usage = os.wait4(proc.pid, 0)\n"
          "elapsed = time.perf_counter() - start\n"
          "done.set()\n"
          "print(elapsed, usage.ru_maxrss, os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime,\n"
          "      peak[0] // 1024, file=sys.stderr)\n")


def run_measured(argv: list[str]) -> tuple[float, float, int, bytes, float, float]:
    """(seconds, peak RSS in MB, exit code, stdout, CPU seconds, peak of the process and its children together in MB)
    of one fresh process. The first peak is the kernel's (of the process, or of a child of it where that is larger);
    the second is sampled every 20 ms from /proc (riskfmt validate may run a second process, riskfmt._sidecar: their
    resident pages summed, those they share counted twice, so it errs high)."""
    proc = subprocess.Popen([sys.executable, "-c", _SPAWN, *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, report = proc.communicate()
    elapsed, rss_kb, code, cpu, tree_kb = report.split()[-5:]
    return float(elapsed), int(rss_kb) / 1024, int(code), out, float(cpu), max(int(tree_kb), int(rss_kb)) / 1024


def measure(commands: dict[str, list[str]], repeat: int) -> dict[str, dict]:
    """Median time and RSS per command; commands interleaved, start rotated each repetition."""
    names = list(commands)
    samples: dict[str, list[tuple[float, float, int, bytes, float, float]]] = {n: [] for n in names}
    for rep in range(repeat):
        order = names[rep % len(names):] + names[: rep % len(names)]
        for name in order:
            if samples[name]:  # only the last run's output is read: an earlier one held here would stay in this
                # process, and every child forked later counts it in its own peak RSS (847,000 findings in JSON
                # made the 1 GB JSONL case read 1,393 MB instead of 64 MB)
                samples[name][-1] = (*samples[name][-1][:3], b"", *samples[name][-1][4:])
            samples[name].append(run_measured(commands[name]))
    return {
        name: {
            "seconds": statistics.median(s[0] for s in runs),
            "rss_mb": statistics.median(s[1] for s in runs),
            "exit": runs[-1][2],
            "stdout": runs[-1][3],
            "cpu": statistics.median(s[4] for s in runs),  # user + system, all threads (V8 collects on a second one)
            "tree_mb": statistics.median(s[5] for s in runs),
        }
        for name, runs in samples.items()
    }


# `riskfmt` with the leak scan of whole documents replaced by a no-op: only for measuring the other stages while
# the leak scan is reworked on its own (its findings are then missing, so the valid cases must be leak-free)
_NO_LEAK_SCAN = ("import sys, riskfmt.integrity.leaks as leaks; leaks.scan = lambda *args, **kwargs: []; "
                 "sys.argv[0] = 'riskfmt'; from riskfmt.cli import main; sys.exit(main())")


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
    parser.add_argument("--only", nargs="*", default=[], help="only the report shapes whose name has one of these words")
    parser.add_argument("--skip", nargs="*", default=[], help="skip the report shapes whose name has one of these words")
    parser.add_argument("--no-leak-scan", action="store_true",
                        help="measure the report shapes with the leak scan replaced by a no-op (for work on the rest)")
    parser.add_argument("--diff", action="store_true",
                        help="riskfmt diff in every case of benchmarks/diff.py (inline too), whatever --only says")
    parser.add_argument("--stream-gb", type=float, default=1.5,
                        help="size of the streaming case's report in GB (0: skip it; a tenth with --quick)")
    args = parser.parse_args()
    scale = 0.1 if args.quick else 1.0
    if args.generate_only:
        make_data(scale, args.stream_gb)
        return 0
    # Generate in a child process: a forked child's peak RSS (ru_maxrss) includes the memory its parent
    # held at fork time, so the measuring process must stay small.
    print(f"generating data (scale {scale}) ...", flush=True)
    streaming = bool(args.stream_gb) and (not args.only or any(w in "streaming" for w in args.only)) \
        and not any(w in "streaming" for w in args.skip)
    stream_gb = args.stream_gb if streaming else 0.0  # the large file is written only when its case runs
    subprocess.run([sys.executable, __file__, "--generate-only", "--stream-gb", str(stream_gb)]
                   + (["--quick"] if args.quick else []), check=True)
    paths = make_data(scale, stream_gb)  # only computes the paths now: every file exists
    exe, py = riskfmt_exe(), sys.executable
    compile_bytecode(py)
    big_repeat = 3
    rows: list[tuple[str, str, str, float, str, bool | None]] = []

    def loads_cmd(path: Path, gc_off: bool = False) -> list[str]:
        prefix = "import gc; gc.disable(); " if gc_off else ""
        return [py, "-c", f"{prefix}import orjson; orjson.loads(open({str(path)!r}, 'rb').read())"]

    notes: list[str] = []
    node = shutil.which("node") if (ROOT / "tests" / "js" / "node_modules" / "ajv").is_dir() else None
    if node is None:
        notes.append("ajv not measured: node or tests/js/node_modules missing (npm ci in tests/js)")
    schema = ROOT / "schemas" / "jsonschema" / "evaluation-report-1.0.json"

    def shape(case: str, path: Path, target: float | None, *, valid: bool, expected: int | None = None,
              per_code: int = 0, ajv: bool = True) -> tuple[float, float] | None:
        """One report shape: riskfmt validate against orjson.loads (GC on, the target's baseline; GC off) and
        ajv (schema only), all in the same run, interleaved. With ``expected``, every finding is written in JSON
        and counted; ``per_code`` > 0 keeps the cap per code (then ``expected`` counts the RF520 summaries too)."""
        if (args.only and not any(word in case for word in args.only)) or any(word in case for word in args.skip):
            return None
        size = path.stat().st_size / 1e6
        # "all reported": the default cap per code (1,000, then one RF520; riskfmt.caps) is lifted for these cases
        ours = ([exe, "validate", "--format", "json", "--max-findings-per-code", str(per_code), str(path)]
                if expected is not None
                else [exe, "validate", "-q", str(path)])
        if args.no_leak_scan:
            ours = [py, "-c", _NO_LEAK_SCAN, *ours[1:]]
        commands = {"orjson": loads_cmd(path), "orjson, GC off": loads_cmd(path, gc_off=True), "riskfmt": ours}
        # a report this large gets a second process where a processor is idle (riskfmt._sidecar): the same command
        # with RISKFMT_JOBS=1 shows what one process takes
        two = path.stat().st_size >= SIDECAR_MIN and not args.no_leak_scan
        if two:
            commands["riskfmt, one process"] = [shutil.which("env") or "/usr/bin/env", "RISKFMT_JOBS=1", *ours]
        if node and ajv:
            commands["ajv"] = [node, str(HERE / "ajv_validate.mjs"), str(schema), str(path)]
        m = measure(commands, big_repeat)
        assert (m["riskfmt"]["exit"] == 0) == valid, f"{case}: exit {m['riskfmt']['exit']}"
        reported = len(json.loads(m["riskfmt"]["stdout"])["findings"]) if expected is not None else 0
        for result in m.values():
            result["stdout"] = b""  # see measure(): no large output kept while later children are forked
        seconds = m["riskfmt"]["seconds"]
        ratio = seconds / m["orjson"]["seconds"]
        ok = (target is None or ratio <= target) and (expected is None or reported == expected)
        ours_text = (f"{seconds:.2f} s, {m['riskfmt']['rss_mb']:.0f} MB"
                     + (f" (with the second process {m['riskfmt']['tree_mb']:.0f} MB)" if two else "")
                     + (f", {reported} reported" if expected else ""))
        rows.append((f"{case}, {size:.0f} MB", ours_text, f"orjson.loads {m['orjson']['seconds']:.2f} s", ratio,
                     (f"<= {target}x" if target is not None else "see below")
                     + (f", {'the' if per_code else 'all'} {expected} reported" if expected else ""), ok))
        if two:
            one = m["riskfmt, one process"]
            assert one["exit"] == m["riskfmt"]["exit"], f"{case}: one process exit {one['exit']}"
            rows.append((f"{case}, one process (RISKFMT_JOBS=1)", f"{one['seconds']:.2f} s, {one['rss_mb']:.0f} MB "
                         f"(CPU {one['cpu']:.2f} s; two processes: CPU {m['riskfmt']['cpu']:.2f} s)",
                         f"orjson.loads {m['orjson']['seconds']:.2f} s", one["seconds"] / m["orjson"]["seconds"],
                         "for reference", None))
        off = m["orjson, GC off"]["seconds"]
        notes.append(f"{case}: orjson.loads with the GC off {off:.2f} s (riskfmt {seconds / off:.2f}x of it)")
        if "ajv" in m:  # the last target: on every shape, no slower than ajv checking the schema alone
            ajv = m["ajv"]["seconds"]
            rows.append((f"{case} against ajv", f"{seconds:.2f} s (CPU {m['riskfmt']['cpu']:.2f} s)",
                         f"ajv (schema only) {ajv:.2f} s (CPU {m['ajv']['cpu']:.2f} s)", seconds / ajv,
                         "<= 1.0x (no slower)", seconds <= ajv))
        # the cost per finding (below) compares sizes that one and two processes check: taken from one process, since
        # the second process's speculative work counts in the CPU time only for as long as the first one runs
        one = m.get("riskfmt, one process", m["riskfmt"])
        return one["seconds"], one["cpu"]

    # 1. report shapes, whole processes; targets are ratios to a bare orjson.loads process with the GC on
    shape("samples-heavy", paths["large"], 0.8, valid=True)
    shape("results-heavy", paths["results"], 1.0, valid=True)
    shape("mixed", paths["mixed"], 1.0, valid=True)
    samples = int(500_000 * scale)
    shape("invalid samples-heavy (schema errors)", paths["large_invalid"], 2.0, valid=False,
          expected=len(range(0, samples, 100)))
    evaluations = int(262_000 * scale)
    shape("invalid results-heavy (semantic errors)", paths["results_invalid"], 2.0, valid=False,
          expected=len(range(0, evaluations, 100)))
    # the flood both ways: every finding in JSON (what a pipeline asks for with --max-findings-per-code 0) and the
    # default cap (the first 1,000 of the code, then one RF520 counting the rest)
    # The target for a flood is "time linear in the number of findings and small per finding" (its <= 2x is
    # for a report with thousands of errors, which the capped run is): the marginal cost of listing a finding,
    # (all listed - capped) / (findings - 1,001), at a tenth of the size and at full size: linear when the two agree
    # within 25%, small when it is at most 5 us (writing one finding of about 300 bytes of JSON, position included).
    # Judged on CPU time (user + system, so memory's page faults count): a cost, and on a shared machine the wall
    # time of a 6 s run minus a 2 s one carries the noise of both; the wall figures are printed beside it. Both from
    # runs with RISKFMT_JOBS=1 where the full size gets a second process (riskfmt._sidecar): a tenth of it does not.
    flood = int(847_000 * scale)
    full = shape("findings flood (warnings), all reported", paths["flood"], None, valid=True, expected=flood)
    capped = shape("findings flood (warnings), capped at 1,000", paths["flood"], 2.0, valid=True, expected=1001,
                   per_code=1000)
    if full is not None and capped is not None:
        tenth = int(84_700 * scale)
        small = {label: shape(f"findings flood (warnings), a tenth, {label}", paths["flood_tenth"], None, valid=True,
                              expected=expected, per_code=per_code, ajv=False)
                 for label, expected, per_code in (("all reported", tenth, 0), ("capped at 1,000", 1001, 1000))}
        if None not in small.values():
            def per_finding(all_: tuple[float, float], capped_: tuple[float, float], n: int) -> tuple[float, float]:
                return tuple((a - c) / (n - 1001) * 1e6 for a, c in zip(all_, capped_))  # type: ignore[return-value]

            wall_small, cpu_small = per_finding(small["all reported"], small["capped at 1,000"], tenth)  # type: ignore[arg-type]
            wall_full, cpu_full = per_finding(full, capped, flood)
            growth = cpu_full / cpu_small
            rows.append(("findings flood: CPU per finding listed (one process)",
                         f"{cpu_full:.1f} us at {flood:,} (wall {wall_full:.1f})",
                         f"{cpu_small:.1f} us at {tenth:,} (wall {wall_small:.1f})", growth,
                         "linear (within 1.25x), <= 5 us",
                         cpu_small > 0 and growth <= 1.25 and cpu_full <= 5))  # (a tenth of --quick is mostly noise)

    # 1b. the leak scan alone, in one process (GC paused, as riskfmt validate runs it), beside orjson.loads of the
    # same bytes in the same process: medians of three, wall and CPU time
    leak_cases = {f"leak scan alone, {name}": paths[key] for name, key in
                  (("samples-heavy", "large"), ("results-heavy", "results"), ("mixed", "mixed"))}
    leak_cases = {case: path for case, path in leak_cases.items()
                  if (not args.only or any(word in case for word in args.only))
                  and not any(word in case for word in args.skip)}
    if leak_cases:
        code = ("import gc, json, statistics, sys, time, orjson; gc.disable()\n"
                "from riskfmt.integrity.leaks import scan\n"
                "for path in sys.argv[1:]:\n"
                "    raw = open(path, 'rb').read(); loads, runs, cpu = [], [], []\n"
                "    for _ in range(3):\n"
                "        t = time.perf_counter(); doc = orjson.loads(raw); loads.append(time.perf_counter() - t)\n"
                "    for _ in range(3):\n"
                "        t, c = time.perf_counter(), time.process_time(); found = scan(doc, path, raw)\n"
                "        runs.append(time.perf_counter() - t); cpu.append(time.process_time() - c)\n"
                "    print(json.dumps([path, statistics.median(loads), statistics.median(runs),\n"
                "                      statistics.median(cpu), len(found)]))\n")
        result = subprocess.run([py, "-c", code, *map(str, leak_cases.values())], check=True, capture_output=True,
                                text=True)
        for case, line in zip(leak_cases, result.stdout.splitlines()):
            _, loads, scan_s, cpu, found = json.loads(line)
            rows.append((case, f"{scan_s * 1000:.0f} ms ({cpu * 1000:.0f} ms CPU), {found} findings",
                         f"orjson.loads, GC off, {loads * 1000:.0f} ms", scan_s / loads, "-", found == 0))

    # 1c. streaming (docs/streaming.md): a report far larger than the normal path's default limit, read with
    # `--stream`, against a process that only reads its rows with ijson's C parser (the floor), same run
    if streaming:
        path = paths["stream"]
        size = path.stat().st_size / 1e6
        floor = [py, "-c", "import ijson, sys\nfor _ in ijson.items(open(sys.argv[1], 'rb'), "
                 "'evaluations.item.samples.inline.item', use_float=True, buf_size=1 << 20): pass", str(path)]
        # wall and CPU time (user + system: on a shared machine the steadier figure), one run each, interleaved
        seconds, rss, code, _, cpu, _ = run_measured([exe, "validate", "-q", "--stream", str(path)])
        assert code == 0, code
        floor_s, _, _, _, floor_cpu, _ = run_measured(floor)
        rate = size / seconds
        rows.append((f"streaming, {size:.0f} MB", f"{seconds:.1f} s ({rate:.0f} MB/s; CPU {cpu:.1f} s, "
                     f"{size / cpu:.0f} MB/s), {rss:.0f} MB peak RSS",
                     f"ijson rows alone {floor_s:.1f} s (CPU {floor_cpu:.1f} s, {size / floor_cpu:.0f} MB/s)",
                     rss, "peak RSS < 100 MB, >= 50 MB/s", rss < 100 and rate >= 50))

    small_cases = not args.only
    # 2. one small file, whole process vs python -c "import json"
    if small_cases:
        m = measure({"import json": [py, "-c", "import json"], "riskfmt": [exe, "validate", "-q", str(paths["small"])]},
                    max(args.repeat, 10))
        ratio = m["riskfmt"]["seconds"] / m["import json"]["seconds"]
        rows.append(("one small file", f"{m['riskfmt']['seconds'] * 1000:.0f} ms",
                     f"python -c 'import json' {m['import json']['seconds'] * 1000:.0f} ms", ratio, "<= 2x", ratio <= 2))

        # 3. 2,000 small reports in one invocation
        m = measure({"riskfmt": [exe, "validate", "-q", str(paths["many"])]}, big_repeat)
        rate = 2000 / m["riskfmt"]["seconds"]
        rows.append(("2,000 small reports, one process", f"{m['riskfmt']['seconds']:.2f} s", "-", rate,
                     ">= 1000 files/s", rate >= 1000))

        # 5. a report pinning a large JSONL samples file: constant memory
        jsonl = paths["jsonl_report"].parent / "samples.jsonl"
        size = jsonl.stat().st_size / 1e6
        m = measure({"riskfmt": [exe, "validate", "-q", str(paths["jsonl_report"])]}, 1)
        assert m["riskfmt"]["exit"] == 0, m["riskfmt"]["stdout"]
        rows.append((f"samples JSONL, {size:.0f} MB", f"{m['riskfmt']['seconds']:.1f} s ({size / m['riskfmt']['seconds']:.0f} MB/s)",
                     "-", m["riskfmt"]["rss_mb"], "peak RSS < 100 MB", m["riskfmt"]["rss_mb"] < 100))

    # 6. riskfmt diff of two reports pinning 300,000-row samples files (benchmarks/diff.py, which measures it and
    # its baseline, orjson of both reports and every line, in one run): both orders of the rows; --diff adds inline
    diff_names = (("same", "diff, JSONL, same order"), ("shuffled", "diff, JSONL, different order"))
    diff_cases = [case for case, name in diff_names
                  if (args.diff or not args.only or any(word in name for word in args.only))
                  and not any(word in name for word in args.skip)] + (["inline"] if args.diff else [])
    if diff_cases:
        got = subprocess.run([py, str(HERE / "diff.py"), "--json", "--rows", str(int(300_000 * scale)), "--cases",
                              *diff_cases], check=True, capture_output=True, text=True)
        measured = json.loads(got.stdout)
        for r in measured["rows"]:
            rows.append((f"{r['case']}, {r['size_mb']:.0f} MB", f"{r['seconds']:.2f} s, {r['rss_mb']:.0f} MB "
                         f"(CPU {r['cpu']:.2f} s: {r['cpu_ratio']:.2f}x)",
                         f"orjson.loads of reports and lines {r['base_seconds']:.2f} s", r["ratio"], r["target"], r["met"]))
        notes.extend(measured["notes"])

    print(f"\nriskfmt benchmarks: Python {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} cores, scale {scale}, load average {os.getloadavg()[0]:.1f} at the end"
          + (", LEAK SCAN OFF in the report shapes" if args.no_leak_scan else "") + "\n")
    print(f"| case | riskfmt | baseline (same run) | ratio / value | target | met |")
    print("|---|---|---|---|---|---|")
    for case, ours, base, value, target, ok in rows:
        print(f"| {case} | {ours} | {base} | {value:.2f} | {target} | {'-' if ok is None else 'yes' if ok else 'NO'} |")
    for note in notes:
        print(f"\nAlso measured: {note}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
