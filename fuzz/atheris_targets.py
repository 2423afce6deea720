"""Coverage-guided fuzzing with atheris (libFuzzer) of one target: ``python fuzz/atheris_targets.py TARGET
[libFuzzer options and corpus folders]``. Targets are in ``targets.TARGETS``: ``loaders`` (riskfmt validate
on fuzzed JSON and YAML) and ``convert-<tool>`` for every converter. Each input runs the real command line in
this process; failures are kept by ``common.Recorder`` and fuzzing goes on. ``run.py`` drives this.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import contextlib

import atheris

with atheris.instrument_imports(include=["riskfmt"]):
    import riskfmt
    import riskfmt.cli._group
    import riskfmt.cli.convert
    import riskfmt.cli.validate
    import riskfmt.convert
    import riskfmt.convert.targets
    import riskfmt.integrity.leaks
    import riskfmt.loading
    import riskfmt.schema_check
    import riskfmt.semantic
    import riskfmt.validation  # noqa: F401
    from riskfmt.convert import BUILTIN, get

    for _name in BUILTIN:
        with contextlib.suppress(Exception):
            get(_name)

from common import Recorder
from targets import TARGETS, build


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: atheris_targets.py TARGET [libFuzzer args]; targets: {', '.join(TARGETS)}")
    target = sys.argv[1]
    recorder = Recorder(target)
    stats = os.environ.get("RISKFMT_FUZZ_STATS")

    def one_input(data: bytes) -> None:
        args, files = build(target, data)
        failures = recorder.failures
        recorder.check(args, files)
        if stats and (recorder.executions % 50 == 0 or recorder.failures != failures):
            Path(stats).write_text(json.dumps(recorder.summary()))

    atheris.Setup([sys.argv[0], *sys.argv[2:]], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
