"""riskfmt corpus: index throughput, named-question latency and peak memory, against plain `riskfmt validate` of
the same files measured in the same run.

    python benchmarks/corpus.py                 # 1k and 10k reports, 1M and 5M sample rows (~10 min, 2 cores)
    python benchmarks/corpus.py --quick         # 100 and 1,000 reports, a tenth of the samples
    python benchmarks/corpus.py --full          # 1k reports + 5M rows, the issue's 10k reports + 50M rows (40+ min)
    python benchmarks/corpus.py --sizes 1000:1000000 --no-spark   # chosen sizes only (reports:sample rows)
    python benchmarks/corpus.py --full --data /big/disk           # the generated files elsewhere (3.5 GB for --full)

How the data is made (under benchmarks/data/corpus/, ignored by git): the real files of tests/realworld (HELM,
lm-evaluation-harness, Hugging Face, OpenAI evals; see their MANIFEST.yaml) are converted once with `riskfmt
convert`; those reports are the templates. Report i is template i mod T with: producer organization "Lab <i mod
20>", the model name suffixed "-r<i div T>" (so the same model is measured by several labs), each value
without an interval moved by up to +-5% (kept inside the metric's bounds), and a pinned JSONL samples file of
``samples / reports`` rows on its first evaluation; its report_id is recomputed (riskfmt.report_id), so every
generated report is valid and distinct.

Figures are single fresh processes (the machine is shared: about +-20%), each command's peak RSS: that of the
process and all its descendants together (a Spark run's JVM is a child of the riskfmt process), sampled every
50 ms. With PySpark and Java present (else ``--no-spark``), each size is also exported to Parquet (``corpus
export``) and the named questions are asked on Spark (local mode, every core) over that export; ``--spark-index
N`` also times ``corpus index --engine spark`` (the loader that writes Parquet directly) at the sizes up to N
reports.

The projection to 1M reports is a straight line through the two largest measured sizes (time = fixed + per report
x reports), for the DuckDB index and for each question on Spark; the samples per report are those of the largest
size. It is an extrapolation of two measurements, not a measurement, and says so where it is printed.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import ROOT, riskfmt_exe  # noqa: E402 - the shared code of benchmarks/run.py

DATA = HERE / "data" / "corpus"  # --data replaces it


def _tree_rss(root: int) -> int:
    """Resident bytes of a process and all its descendants, from /proc (0 once it is gone)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        children.setdefault(int(fields[1]), []).append(pid)  # field 4, ppid
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")  # field 24, rss in pages
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def run_once(argv: list[str]) -> tuple[float, float, int, bytes, float]:
    """(seconds, peak RSS in MB of the process tree, exit code, stdout, CPU seconds) of one fresh process. The tree
    is sampled every 50 ms; the kernel's own peak of the process itself (getrusage) is taken when larger. CPU
    seconds are user + system time of the process and its threads: on a machine shared with other jobs they
    move far less than the wall time does."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            peak[0] = max(peak[0], _tree_rss(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return (elapsed, max(peak[0] / 2**20, usage.ru_maxrss / 1024), proc.returncode, out,
            usage.ru_utime + usage.ru_stime)


def spark_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("pyspark") is not None and shutil.which("java") is not None


def templates() -> list[dict]:
    """The real converted reports (converted once, then reused)."""
    import yaml

    folder = DATA / "templates"
    if not folder.is_dir():
        sources = []
        for manifest in sorted((ROOT / "tests" / "realworld").glob("*/MANIFEST.yaml")):
            for entry in yaml.safe_load(manifest.read_text(encoding="utf-8")).get("files") or []:
                if entry.get("expect", "convert") == "convert":
                    sources.append(str(manifest.parent / entry["path"]))
        subprocess.run([riskfmt_exe(), "convert", *sources, "--samples", "none", "-o", str(folder), "-q"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.riskfmt.json"))]


def _vary(value: float, metric: dict, rnd: random.Random) -> float:
    new = value * (1 + rnd.uniform(-0.05, 0.05))
    low, high = metric.get("min"), metric.get("max")
    if low is not None:
        new = max(new, low)
    if high is not None:
        new = min(new, high)
    return round(new, 6)


def make_corpus(reports: int, samples: int) -> Path:
    import riskfmt

    folder = DATA / f"{reports}-{samples}"
    if (folder / "done").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    base = templates()
    rnd = random.Random(reports)
    per_report = samples // reports
    for i in range(reports):
        doc = copy.deepcopy(base[i % len(base)])
        doc["producer"]["organization"] = {"name": {"en": f"Lab {i % 20}"}}
        doc["model"]["name"] = f"{doc['model']['name']}-r{i // len(base)}"
        for evaluation in doc["evaluations"]:
            evaluation.pop("samples", None)
            for result in evaluation.get("results") or []:
                if "ci" not in (result.get("uncertainty") or {}):
                    result["value"] = _vary(result["value"], result["metric"], rnd)
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        if per_report:
            name = f"r{i:07d}.samples.jsonl"
            digest = hashlib.sha256()
            with (sub / name).open("wb") as out:
                lines = []
                for j in range(per_report):
                    passed = rnd.random() < 0.7
                    lines.append(f'{{"sample_id":"s{j}","epoch":1,"score":{int(passed)},'
                                 f'"verdict":"{"pass" if passed else "fail"}"}}\n')
                chunk = "".join(lines).encode()
                out.write(chunk)
                digest.update(chunk)
            doc["evaluations"][0]["samples"] = {"file": {"path": name, "digest": "sha256:" + digest.hexdigest(),
                                                         "rows": per_report}}
        doc["report_id"] = riskfmt.report_id(doc)
        (sub / f"r{i:07d}.json").write_text(json.dumps(doc), encoding="utf-8")
    (folder / "done").write_text("")
    return folder


def _measured(label: str, argv: list[str]) -> tuple[float, float, int, bytes, float]:
    """run_once, printed as soon as it is known: a run stopped early still says how far it got."""
    figures = run_once(argv)
    print(f"  {label}: {figures[0]:.2f} s ({figures[4]:.1f} s CPU), {figures[1]:.0f} MB, exit {figures[2]} "
          f"(load {os.getloadavg()[0]:.1f}, {time.strftime('%H:%M:%S', time.gmtime())} UTC)", flush=True)
    return figures


def bench(reports: int, samples: int, spark: bool, spark_index: bool) -> dict:
    folder = make_corpus(reports, samples)
    exe = riskfmt_exe()
    db = DATA / f"bench-{reports}-{samples}.duckdb"
    for stale in (db, Path(str(db) + ".wal")):
        stale.unlink(missing_ok=True)
    print(f"{reports:,} reports, {samples:,} sample rows:", flush=True)
    load = [os.getloadavg()[0]]
    validate = _measured("validate", [exe, "validate", str(folder), "-q"])
    index = _measured("corpus index", [exe, "corpus", "index", str(folder), "--db", str(db), "-q"])
    reindex = _measured("corpus index again (unchanged)", [exe, "corpus", "index", str(folder), "--db", str(db), "-q"])
    model = json.loads(next(folder.rglob("r0000000.json")).read_text(encoding="utf-8"))["model"]["name"]
    questions = {
        "coverage": ["coverage"],
        "disagreements": ["disagreements"],
        "history": ["history", model],
        "query (baseline: SELECT 1)": ["query", "SELECT 1"],
    }
    duck = {name: _measured(f"duckdb {name}", [exe, "corpus", *args, "--db", str(db), "--format", "csv"])
            for name, args in questions.items()}
    figures = {"reports": reports, "samples": samples, "validate": validate, "index": index, "reindex": reindex,
               "questions": {"duckdb": duck}, "db_bytes": db.stat().st_size}
    if spark:
        parquet = DATA / f"parquet-{reports}-{samples}"
        shutil.rmtree(parquet, ignore_errors=True)
        figures["export"] = _measured("export", [exe, "corpus", "export", "--db", str(db), "--parquet", str(parquet)])
        figures["parquet_bytes"] = sum(p.stat().st_size for p in parquet.rglob("*") if p.is_file())
        figures["questions"]["spark"] = {
            name: _measured(f"spark {name}", [exe, "corpus", *args, "--engine", "spark", "--parquet", str(parquet),
                                              "--format", "csv"])
            for name, args in questions.items()}
        if spark_index:
            direct = DATA / f"direct-{reports}-{samples}"
            shutil.rmtree(direct, ignore_errors=True)
            figures["spark_index"] = _measured("corpus index --engine spark", [
                exe, "corpus", "index", str(folder), "--engine", "spark", "--parquet", str(direct), "-q"])
            shutil.rmtree(direct, ignore_errors=True)
    load.append(os.getloadavg()[0])
    figures["load"] = load
    figures["bytes"] = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return figures


def _line(small: dict, large: dict, get) -> tuple[float, float]:
    """(fixed seconds, seconds per report) of the straight line through two measured sizes."""
    per = (get(large) - get(small)) / (large["reports"] - small["reports"])
    return get(large) - per * large["reports"], per


def report(figures: list[dict]) -> None:
    print("| reports | sample rows | files | validate | corpus index | ratio | CPU validate / index (ratio) | "
          "re-index (unchanged) | peak RSS validate / index | store | load avg (start, end) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for f in figures:
        v, i, r = f["validate"], f["index"], f["reindex"]
        reports, samples = f["reports"], f["samples"]
        print(f"| {reports:,} | {samples:,} | {f['bytes'] / 1e6:,.0f} MB | {v[0]:.1f} s | {i[0]:.1f} s "
              f"({reports / i[0]:,.0f} reports/s, {samples / i[0] / 1e3:,.0f}k rows/s) | {i[0] / v[0]:.2f}x "
              f"{'(target <= 2x: yes)' if i[0] <= 2 * v[0] else '(target <= 2x: NO)'} | "
              f"{v[4]:.1f} / {i[4]:.1f} s ({i[4] / v[4]:.2f}x) | {r[0]:.1f} s | "
              f"{v[1]:.0f} / {i[1]:.0f} MB | {f['db_bytes'] / 1e6:,.0f} MB | {f['load'][0]:.1f}, {f['load'][1]:.1f} |")
        for name, run in (("validate", v), ("index", i), ("re-index", r)):
            if run[2] != 0:
                print(f"  exit code of {name}: {run[2]} (expected 0)")
    print("\n| reports | question | engine | seconds (whole process) | peak RSS (process tree) |")
    print("|---|---|---|---|---|")
    for f in figures:
        for engine, questions in f["questions"].items():
            for name, q in questions.items():
                failed = "" if q[2] == 0 else f" (exit {q[2]})"
                print(f"| {f['reports']:,} | {name} | {engine} | {q[0]:.2f}{failed} | {q[1]:.0f} MB |")
    if any("export" in f for f in figures):
        print("\n| reports | export to Parquet | Parquet size | index --engine spark (Parquet, no DuckDB) |")
        print("|---|---|---|---|")
        for f in figures:
            if "export" in f:
                direct = f.get("spark_index")
                direct_text = (f"{direct[0]:.1f} s ({direct[0] / f['validate'][0]:.2f}x validate), {direct[1]:.0f} MB"
                               if direct else "not measured")
                print(f"| {f['reports']:,} | {f['export'][0]:.1f} s, {f['export'][1]:.0f} MB | "
                      f"{f['parquet_bytes'] / 1e6:,.0f} MB | {direct_text} |")
    if len(figures) < 2:
        return
    small, large = figures[-2], figures[-1]
    def times(key: str, at: int = 0) -> str:
        return f"x{large[key][at] / small[key][at]:.1f}"

    print(f"\n**Growth** from {small['reports']:,} to {large['reports']:,} reports "
          f"(x{large['reports'] / small['reports']:.0f} reports, x{large['samples'] / small['samples']:.0f} rows): "
          f"validate {times('validate')}, index {times('index')}, "
          f"re-index x{large['reindex'][0] / small['reindex'][0]:.1f}, index peak RSS "
          f"x{large['index'][1] / small['index'][1]:.2f}, store x{large['db_bytes'] / small['db_bytes']:.1f}.")
    rows_per_report = large["samples"] // large["reports"]
    target = 1_000_000
    fixed, per = _line(small, large, lambda f: f["index"][0])
    hours = (fixed + per * target) / 3600
    print(f"\n**Projection to {target:,} reports** ({rows_per_report:,} sample rows each; a straight line through the "
          f"two measured sizes above, not a measurement): DuckDB index {fixed:.1f} s + {per * 1e3:.2f} ms per report "
          f"-> {hours:.1f} h in one process here. `index --engine spark --parquet` runs the same loader, one folder "
          f"per process: P processes take about {hours:.1f}/P h.")
    if "spark" in large["questions"] and "spark" in small["questions"]:
        for name in large["questions"]["spark"]:
            fixed, per = _line(small, large, lambda f, n=name: f["questions"]["spark"][n][0])
            print(f"- Spark (local mode, {os.cpu_count()} cores) `{name}`: {fixed:.1f} s + {per * 1e3:.3f} ms per "
                  f"report -> {fixed + per * target:,.0f} s at {target:,} reports on this machine; a cluster of C "
                  f"such machines divides the per-report part by about C.")


def main() -> int:
    global DATA
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 and 1,000 reports, a tenth of the samples")
    parser.add_argument("--full", action="store_true", help="10,000 reports with 50 million sample rows")
    parser.add_argument("--sizes", nargs="*", default=[], metavar="REPORTS:ROWS", help="the sizes to measure")
    parser.add_argument("--data", type=Path, default=DATA, help="where the generated files go")
    parser.add_argument("--no-spark", action="store_true", help="do not export to Parquet and ask Spark")
    parser.add_argument("--spark-index", type=int, default=0, metavar="N",
                        help="also time `corpus index --engine spark` at the sizes of at most N reports")
    args = parser.parse_args()
    DATA = args.data.resolve()
    if args.sizes:
        sizes = [tuple(int(x) for x in size.split(":")) for size in args.sizes]
    elif args.full:
        sizes = [(1_000, 5_000_000), (10_000, 50_000_000)]
    elif args.quick:
        sizes = [(100, 100_000), (1_000, 500_000)]
    else:
        sizes = [(1_000, 1_000_000), (10_000, 5_000_000)]
    spark = not args.no_spark and spark_available()
    print(f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores; "
          f"Spark {'on' if spark else 'off'}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n", flush=True)
    figures = []
    for reports, samples in sizes:
        figures.append(bench(reports, samples, spark, reports <= args.spark_index))
        print(f"measured {reports:,} reports, {samples:,} sample rows: {json.dumps(_plain(figures[-1]))}", flush=True)
    print()
    report(figures)
    return 0


def _plain(figures: dict) -> dict:
    """The figures without the commands' output (seconds, MB, exit code only)."""
    if isinstance(figures, dict):
        return {k: _plain(v) for k, v in figures.items()}
    if isinstance(figures, tuple):  # seconds, MB, exit code, CPU seconds (not the output)
        return [round(x, 3) if isinstance(x, float) else x for x in (*figures[:3], *figures[4:])]
    return figures


if __name__ == "__main__":
    raise SystemExit(main())
