"""Fuzz riskfmt for a set time: ``python fuzz/run.py --minutes N``.

Half the time goes to coverage-guided atheris targets (the loaders and every converter, one process at a
time, each for an equal share), half to hypothesis mutations of valid documents through the command line.
Every failure (exit code 3, a traceback, an RF900 internal-error finding, a hang, running out of memory) is
kept under tests/fuzz_regressions/, which tests/test_fuzz_regressions.py replays. Prints the counts at the
end and exits 1 if anything new failed. Corpora grow under fuzz/.corpus/ (not committed).

Runs shorter than ten minutes fuzz all converters in one process (target ``converters``); longer runs give
each converter its own (``convert-<tool>``). Options: ``--only loaders convert-helm cli-mutations`` to pick
targets; ``--no-atheris`` for the hypothesis part alone (atheris is a separate install: ``pip install
atheris``); ``--seed N`` for a repeatable short run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import REGRESSIONS, ROOT, Outcome, Recorder  # noqa: E402
from targets import TARGETS, build, seeds  # noqa: E402

CORPUS = Path(os.environ.get("RISKFMT_FUZZ_CORPUS", HERE / ".corpus"))  # grown corpora, logs, artifacts
RSS_LIMIT_MB = 3072


def _have_atheris() -> bool:
    try:
        import atheris  # noqa: F401
    except ImportError:
        return False
    return True


def _seed_corpus(target: str) -> Path:
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    if not any(folder.iterdir()):
        import hashlib

        for data in seeds(target):
            (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)
    return folder


def _atheris(target: str, seconds: int, log: Path, seed: int | None = None) -> dict[str, object]:
    """Run one atheris target for ``seconds``, restarting it after a libFuzzer timeout or out-of-memory
    (whose input is kept as a fixture); returns executions and failures."""
    corpus = _seed_corpus(target)
    artifacts = CORPUS / "artifacts" / target
    artifacts.mkdir(parents=True, exist_ok=True)
    stats_file = CORPUS / f"{target}.stats.json"
    executions = 0
    sites: set[str] = set()
    failures = 0
    end = time.monotonic() + seconds
    while (remaining := int(end - time.monotonic())) >= 2:
        stats_file.unlink(missing_ok=True)
        before = set(artifacts.iterdir())
        command = [sys.executable, str(HERE / "atheris_targets.py"), target, str(corpus),
                   f"-max_total_time={remaining}", f"-rss_limit_mb={RSS_LIMIT_MB}", "-timeout=120",
                   f"-artifact_prefix={artifacts}/", "-print_final_stats=1", "-max_len=262144"]
        if seed is not None:
            command.append(f"-seed={seed}")
        with log.open("a") as handle:
            handle.write(f"\n$ {' '.join(command)}\n")
            handle.flush()
            env = {**os.environ, "RISKFMT_FUZZ_STATS": str(stats_file)}
            proc = subprocess.run(command, stdout=handle, stderr=subprocess.STDOUT, env=env, cwd=ROOT, check=False)
        text = log.read_text(errors="replace")
        runs = re.findall(r"stat::number_of_executed_units:\s*(\d+)", text.rsplit("\n$ ", 1)[-1])
        if runs:
            executions += int(runs[-1])
        elif stats_file.exists():
            executions += json.loads(stats_file.read_text()).get("executions", 0)
        if stats_file.exists():
            summary = json.loads(stats_file.read_text())
            sites.update(summary.get("sites", []))
            failures += summary.get("failures", 0)
        for artifact in sorted(set(artifacts.iterdir()) - before):  # timeout-*, oom-*, crash-*: a failure
            failures += 1
            kind = artifact.name.split("-", 1)[0]
            site = f"libfuzzer-{kind}"
            sites.add(site)
            args, files = build(target, artifact.read_bytes())
            Recorder(target).save(site, args, files, Outcome(3, "", kind, 0.0, kind == "timeout"))
        if proc.returncode == 0:
            break
    return {"target": target, "executions": executions, "failures": failures, "sites": sorted(sites)}


def _mutations(seconds: int, log: Path, seed: int | None = None) -> dict[str, object]:
    stats = CORPUS / "cli-mutations.stats.json"
    stats.unlink(missing_ok=True)
    command = [sys.executable, str(HERE / "mutate.py"), "--seconds", str(seconds), "--stats", str(stats)]
    if seed is not None:
        command += ["--seed", str(seed)]
    with log.open("a") as handle:
        handle.write(f"\n$ {' '.join(command)}\n")
        handle.flush()
        subprocess.run(command, stdout=handle, stderr=subprocess.STDOUT, cwd=ROOT, check=False)
    if stats.exists():
        return json.loads(stats.read_text())
    return {"target": "cli-mutations", "executions": 0, "failures": 1, "sites": ["mutate.py did not finish"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, required=True, help="total time to fuzz")
    parser.add_argument("--only", nargs="*", default=None, help=f"targets: {', '.join(TARGETS)}, cli-mutations")
    parser.add_argument("--no-atheris", action="store_true", help="only the hypothesis mutations")
    parser.add_argument("--report", type=Path, default=None, help="also write the counts as JSON here")
    parser.add_argument("--seed", type=int, default=None, help="fixed seeds, for a repeatable short run (CI)")
    options = parser.parse_args()
    CORPUS.mkdir(parents=True, exist_ok=True)
    log = CORPUS / "fuzz.log"
    # a short run fuzzes the converters in one process (each process costs a start-up); a long one gives
    # every converter a process and a corpus of its own
    per_tool = [t for t in TARGETS if t.startswith("convert-")]
    default = ["loaders", "converters"] if options.minutes < 10 else ["loaders", *per_tool]
    wanted = options.only or [*default, "cli-mutations"]
    atheris_targets = [t for t in wanted if t in TARGETS]
    if atheris_targets and (options.no_atheris or not _have_atheris()):
        print("atheris is not installed (pip install atheris): running the hypothesis mutations only",
              file=sys.stderr)
        atheris_targets = []
    mutations = "cli-mutations" in wanted or not atheris_targets
    total = int(options.minutes * 60)
    before = {p.name for p in REGRESSIONS.glob("*.json")} if REGRESSIONS.is_dir() else set()
    started = time.monotonic()
    cpu_before = os.times()
    results = []
    # atheris gets the first half (all of it without the mutations), shared out as it goes: each target
    # starts a process of its own, and its start-up comes out of the budget of those after it
    atheris_end = started + (total / 2 if mutations else total)
    for index, target in enumerate(atheris_targets):
        share = (atheris_end - time.monotonic()) / (len(atheris_targets) - index)
        results.append(_atheris(target, max(int(share), 3), log, options.seed))
        print(json.dumps(results[-1]), flush=True)
    if mutations:
        results.append(_mutations(max(int(total - (time.monotonic() - started)), 10), log, options.seed))
        print(json.dumps(results[-1]), flush=True)
    cpu = os.times()
    cpu_seconds = (cpu.children_user - cpu_before.children_user) + (cpu.children_system - cpu_before.children_system)
    new = sorted({p.name for p in REGRESSIONS.glob("*.json")} - before) if REGRESSIONS.is_dir() else []
    summary = {
        "wall_seconds": round(time.monotonic() - started),
        "cpu_seconds": round(cpu_seconds),
        "executions": sum(int(r["executions"]) for r in results),  # type: ignore[call-overload]
        "failures": sum(int(r["failures"]) for r in results),  # type: ignore[call-overload]
        "new_fixtures": new,
        "targets": results,
    }
    print(json.dumps({k: v for k, v in summary.items() if k != "targets"}, indent=1))
    if options.report:
        options.report.write_text(json.dumps(summary, indent=1) + "\n")
    return 1 if new else 0


if __name__ == "__main__":
    sys.exit(main())

