"""riskfmt corpus: index throughput, named-question latency and peak memory, against plain `riskfmt validate` of
the same files measured in the same run.

    python benchmarks/corpus.py                 # 1k and 10k reports, 1M and 5M sample rows (~10 min, 2 cores)
    python benchmarks/corpus.py --quick         # 100 and 1,000 reports, a tenth of the samples
    python benchmarks/corpus.py --full          # the issue's 10k reports with 50M sample rows (hours here)

How the data is made (under benchmarks/data/corpus/, ignored by git): the real files of tests/realworld (HELM,
lm-evaluation-harness, Hugging Face, OpenAI evals; see their MANIFEST.yaml) are converted once with `riskfmt
convert`; those reports are the templates. Report i is template i mod T with: producer organization "Lab <i mod
20>", the model name suffixed "-r<i div T>" (so the same model is measured by several labs), each value
without an interval moved by up to +-5% (kept inside the metric's bounds), and a pinned JSONL samples file of
``samples / reports`` rows on its first evaluation; its report_id is recomputed (riskfmt.report_id), so every
generated report is valid and distinct.

Figures are single fresh processes (the machine is shared: about +-20%), each command's own peak RSS. The
projection to 1M reports scales the measured per-report and per-sample-row costs linearly (DuckDB's appends are
linear; an index of the store is not kept) and divides by the cores a Spark cluster would add; it is a projection,
not a measurement.
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
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import ROOT, riskfmt_exe, run_once  # noqa: E402 - the shared measuring code of benchmarks/run.py

DATA = HERE / "data" / "corpus"


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


def bench(reports: int, samples: int) -> dict:
    folder = make_corpus(reports, samples)
    exe = riskfmt_exe()
    db = DATA / f"bench-{reports}.duckdb"
    for stale in (db, Path(str(db) + ".wal")):
        stale.unlink(missing_ok=True)
    validate = run_once([exe, "validate", str(folder), "-q"])
    index = run_once([exe, "corpus", "index", str(folder), "--db", str(db), "-q"])
    reindex = run_once([exe, "corpus", "index", str(folder), "--db", str(db), "-q"])
    model = json.loads(next(folder.rglob("r0000000.json")).read_text(encoding="utf-8"))["model"]["name"]
    questions = {
        "coverage": run_once([exe, "corpus", "coverage", "--db", str(db), "--format", "csv"]),
        "disagreements": run_once([exe, "corpus", "disagreements", "--db", str(db), "--format", "csv"]),
        "history": run_once([exe, "corpus", "history", model, "--db", str(db), "--format", "csv"]),
        "query (baseline: SELECT 1)": run_once([exe, "corpus", "query", "--db", str(db), "SELECT 1"]),
    }
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return {"reports": reports, "samples": samples, "bytes": size, "validate": validate, "index": index,
            "reindex": reindex, "questions": questions, "db_bytes": db.stat().st_size}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 and 1,000 reports, a tenth of the samples")
    parser.add_argument("--full", action="store_true", help="10,000 reports with 50 million sample rows")
    args = parser.parse_args()
    if args.full:
        sizes = [(1_000, 5_000_000), (10_000, 50_000_000)]
    elif args.quick:
        sizes = [(100, 100_000), (1_000, 500_000)]
    else:
        sizes = [(1_000, 1_000_000), (10_000, 5_000_000)]
    print(f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores\n")
    print("| reports | sample rows | files | validate | corpus index | ratio | re-index (unchanged) | "
          "peak RSS validate / index | store |")
    print("|---|---|---|---|---|---|---|---|---|")
    figures = []
    for reports, samples in sizes:
        f = bench(reports, samples)
        figures.append(f)
        v, i, r = f["validate"], f["index"], f["reindex"]
        print(f"| {reports:,} | {samples:,} | {f['bytes'] / 1e6:.0f} MB | {v[0]:.1f} s | {i[0]:.1f} s "
              f"({reports / i[0]:,.0f} reports/s, {samples / i[0] / 1e3:,.0f}k rows/s) | {i[0] / v[0]:.2f}x "
              f"{'(target <= 2x: yes)' if i[0] <= 2 * v[0] else '(target <= 2x: NO)'} | {r[0]:.1f} s | "
              f"{v[1]:.0f} / {i[1]:.0f} MB | {f['db_bytes'] / 1e6:.0f} MB |", flush=True)
        if i[2] != 0 or v[2] != 0:
            print(f"  exit codes: validate {v[2]}, index {i[2]} (expected 0)")
    print("\n| reports | question | seconds (whole process) | peak RSS |")
    print("|---|---|---|---|")
    for f in figures:
        for name, q in f["questions"].items():
            print(f"| {f['reports']:,} | {name} | {q[0]:.2f} | {q[1]:.0f} MB |")
    large = figures[-1]
    # linear in reports at the largest size's samples per report: DuckDB appends and the per-file loader are
    # linear; nothing here is measured at 1M
    per_report = large["index"][0] / large["reports"]
    rows_per_report = large["samples"] // large["reports"]
    hours = per_report * 1_000_000 / 3600
    print(f"\nProjection to 1M reports ({rows_per_report} sample rows each, {rows_per_report * 1_000_000:,} in all): "
          f"{per_report * 1e3:.1f} ms per report measured at {large['reports']:,} -> {hours:.1f} h in one process "
          f"here. index --engine spark --parquet writes one folder per process; split the files over P processes "
          f"(the loader is per file) for about {hours:.1f}/P h, then query the folders together with --engine spark.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
