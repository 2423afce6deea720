"""The fuzz targets as plain functions (no atheris needed): bytes in, the riskfmt command to run and the
files it reads out. ``atheris_targets.py`` feeds them coverage-guided bytes; ``run.py`` replays what
libFuzzer keeps (timeouts, out-of-memory) through them; seeds come from the real inputs in ``examples/``.
"""

from __future__ import annotations

import zlib
from pathlib import Path

from common import ROOT, pack, unpack

# --from name -> the file name a single fuzzed file gets (a folder is given when several files are packed)
CONVERTERS: dict[str, str] = {
    "inspect": "log.json",
    "lm-eval": "results_2026-01-01T00-00-00.json",
    "helm": "run_spec.json",
    "eee": "record.json",
    "hf": "README.md",
    "openai-evals": "log.jsonl",
    "opencompass": "summary.csv",
    "aiid": "incident.json",
    "riskfmt": "report.json",
}
_FOLDER_TOOLS = {"helm", "opencompass", "hf"}
_TO = ["riskfmt", "riskfmt", "csv", "markdown", "eee"]

_TOOLS = list(CONVERTERS)
# "converters" is every converter in one process (the first byte picks it): one start-up for a short run
TARGETS = ["loaders", "converters", *(f"convert-{name}" for name in CONVERTERS)]


def build(target: str, data: bytes) -> tuple[list[str], dict[str, bytes]]:
    """(riskfmt arguments with ``{dir}`` for the working folder, files to write there) for one input."""
    pick = zlib.crc32(data)  # a stable choice of options, moved around by the mutations like everything else
    if target == "converters":
        return build(f"convert-{_TOOLS[data[0] % len(_TOOLS)]}" if data else "convert-riskfmt", data[1:])
    if target == "loaders":
        syntax = ("json", "yaml", "yml")[pick % 3]
        fmt = ("text", "json", "github", "sarif")[(pick >> 2) % 4]
        name = f"doc.{syntax}"
        return ["validate", "--format", fmt, f"{{dir}}/in/{name}"], {f"in/{name}": data}
    tool = target.removeprefix("convert-")
    default = CONVERTERS[tool]
    files = {f"in/{name}": body for name, body in unpack(data, default).items()}
    source = "{dir}/in" if (tool in _FOLDER_TOOLS or len(files) > 1) else f"{{dir}}/{next(iter(files))}"
    if data[:2] == b"PK" and tool == "inspect":  # an .eval archive
        files = {"in/log.eval": data}
        source = "{dir}/in/log.eval"
    to = _TO[pick % len(_TO)]
    out = "{dir}/out" if to == "eee" else "{dir}/out.json" if to == "riskfmt" else f"{{dir}}/out.{to}"
    args = ["convert", source, "--to", to, "-o", out]
    if pick & 0x100:
        args[1:1] = ["--from", tool]  # half the runs detect the producer, half name it
    if pick & 0x200 and tool != "riskfmt":
        args += ["--samples", "file"]
    return args, files


def seeds(target: str) -> list[bytes]:
    """Starting inputs: the real producer outputs shipped in examples/ (folders packed into one input)."""
    inputs = ROOT / "examples" / "inputs"
    reports = ROOT / "examples" / "reports"
    if target == "converters":
        return [bytes([index]) + seed for index, tool in enumerate(_TOOLS) for seed in seeds(f"convert-{tool}")[:6]]
    if target == "loaders":
        paths = sorted(p for p in (reports / "valid").iterdir() if p.is_file())
        paths += sorted(p for p in (reports / "invalid").iterdir() if p.is_file())[:30]
        paths += sorted((ROOT / "examples" / "incidents" / "valid").glob("*.yaml"))
        return [p.read_bytes()[:200_000] for p in paths]
    tool = target.removeprefix("convert-")
    folder = {"lm-eval": "lm-eval", "openai-evals": "openai-evals"}.get(tool, tool)
    if tool == "riskfmt":
        return [p.read_bytes() for p in sorted((reports / "valid").iterdir()) if p.is_file()]
    base = inputs / folder
    if not base.is_dir():
        return [b"{}"]
    if tool in _FOLDER_TOOLS:
        return _folder_seeds(tool, base)
    out = []
    for path in sorted(base.rglob("*")):
        if path.is_file() and path.suffix in (".json", ".jsonl", ".eval") and path.stat().st_size < 300_000:
            out.append(path.read_bytes())
    return out[:40] or [b"{}"]


def _folder_seeds(tool: str, base: Path) -> list[bytes]:
    if tool == "helm":
        runs = sorted(p for p in base.rglob("run_spec.json"))
        folders = [r.parent for r in runs][:6]
    elif tool == "opencompass":
        folders = sorted(p.parent for p in base.rglob("configs") if p.is_dir())[:3]
    else:
        folders = [p for p in sorted(base.rglob("*")) if p.is_dir() and any(p.glob("README.md"))][:3] or [base]
    out = []
    for folder in folders:
        files = {}
        for path in sorted(folder.rglob("*")):
            if path.is_file() and len(files) < 40:
                files[path.relative_to(folder).as_posix()] = path.read_bytes()[:20_000]
        out.append(pack(files))
    return out or [b"{}"]
