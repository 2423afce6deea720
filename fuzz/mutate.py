"""hypothesis-driven mutations of valid documents through the command line: validate, convert, diff,
compare, redact (and --verify, --reveal, --check-proof), sign/verify, digest, and the incident and vocab
commands. ``python fuzz/mutate.py --seconds N`` runs batches of examples with fresh seeds until the time is
up; every failure is kept by ``common.Recorder`` (no shrinking: a long run should go on finding).
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml
from common import ROOT, Recorder
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

EXAMPLES = ROOT / "examples"
MEMORY_LIMIT = 3 << 30  # bytes of heap for the whole run, as libFuzzer's -rss_limit_mb=3072 for atheris


def _load(path: Path) -> Any:
    from riskfmt.loading import load_bytes

    return load_bytes(path.read_bytes(), str(path)).data


def _seeds() -> dict[str, list[Any]]:
    reports = [_load(p) for p in sorted((EXAMPLES / "reports" / "valid").iterdir()) if p.is_file()]
    incidents = [_load(p) for p in sorted((EXAMPLES / "incidents" / "valid").glob("*.yaml"))]
    vocab_dir = ROOT / "schemas" / "vocab" / "releases"
    vocabs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(vocab_dir.glob("*/vocabulary.json"))]
    return {"report": [r for r in reports if r], "incident": [i for i in incidents if i], "vocab": vocabs}


SEEDS = _seeds()

_text = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["", "\n::error file=x::forged", "\x1b[2J", "\u202e", "R0001", "R9999", "2026-13-45",
                     "2026-01-01T00:00:00Z", "sha256:" + "0" * 64, "TLP:RED", "../../etc/passwd", "/dev/zero",
                     "\ud800", "model.safetensors", "yes", "01461", "13:37", "%s%n", "{}", "null"]),
)
_number = st.one_of(
    st.integers(), st.integers(min_value=-(10**40), max_value=10**40), st.sampled_from([0, -1, 2**53 + 1, 10**400]),
    st.floats(allow_nan=False, allow_infinity=False), st.sampled_from([1e200, -1e200, 1e-320, 5e-324, -0.0, 1e308]),
)
_scalar = st.one_of(st.none(), st.booleans(), _number, _text)
_value = st.recursive(_scalar, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(_text, inner, max_size=4)), max_leaves=8)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out.extend(_paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out.extend(_paths(value, (*prefix, index)))
    return out


def _parent(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        doc = doc[step]
    return doc


def _mutate(data: st.DataObject, doc: Any) -> Any:
    doc = copy.deepcopy(doc)
    for _ in range(data.draw(st.integers(0, 6), label="mutations")):
        paths = [p for p in _paths(doc) if p]
        if not paths:
            break
        path = data.draw(st.sampled_from(paths), label="path")
        parent, last = _parent(doc, path), path[-1]
        op = data.draw(st.sampled_from(["replace", "delete", "duplicate", "insert", "swap-type", "grow"]), label="op")
        if op == "replace":
            parent[last] = data.draw(_value, label="value")
        elif op == "delete":
            del parent[last]
        elif op == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
        elif op == "insert" and isinstance(parent, dict):
            parent[data.draw(_text, label="key")] = data.draw(_value, label="value")
        elif op == "swap-type":
            value = parent[last]
            parent[last] = [value] if not isinstance(value, list) else {"x": value}
        elif op == "grow" and isinstance(parent[last], list) and parent[last]:
            parent[last] = parent[last] * data.draw(st.integers(2, 50), label="times")
    return doc


def _serialise(data: st.DataObject, doc: Any) -> tuple[str, bytes]:
    form = data.draw(st.sampled_from(["json", "json", "json-ascii", "yaml", "yaml-bytes", "json-bytes"]),
                     label="form")
    if form.startswith("yaml"):
        try:
            raw = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode("utf-8", "surrogatepass")
        except (yaml.YAMLError, UnicodeError, RecursionError):
            raw = json.dumps(doc, ensure_ascii=True).encode()
        suffix = "yaml"
    else:
        raw = json.dumps(doc, ensure_ascii=form == "json-ascii", allow_nan=True).encode("utf-8", "surrogatepass")
        suffix = "json"
    if form.endswith("bytes") and raw:
        raw = bytearray(raw)
        for _ in range(data.draw(st.integers(1, 4), label="byte edits")):
            where = data.draw(st.integers(0, len(raw)), label="where")
            edit = data.draw(st.sampled_from(["flip", "insert", "delete", "truncate", "bom"]), label="edit")
            if edit == "flip" and where < len(raw):
                raw[where] = data.draw(st.integers(0, 255), label="byte")
            elif edit == "insert":
                raw[where:where] = data.draw(st.binary(max_size=8), label="bytes")
            elif edit == "delete":
                del raw[where:where + data.draw(st.integers(1, 16), label="n")]
            elif edit == "truncate":
                del raw[where:]
            else:
                raw[0:0] = b"\xef\xbb\xbf"
        raw = bytes(raw)
    return suffix, raw


def _dump_seed(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode()


_KEYS: dict[str, bytes] | None = None


def _keys() -> dict[str, bytes]:
    """One key pair for the whole run (signing is what is fuzzed, not key generation)."""
    global _KEYS
    if _KEYS is None:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        key = Ed25519PrivateKey.generate()
        _KEYS = {
            "k.pem": key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()),
            "k.pem.pub": key.public_key().public_bytes(serialization.Encoding.PEM,
                                                       serialization.PublicFormat.SubjectPublicKeyInfo),
        }
    return _KEYS


def _signature(doc: Any) -> bytes:
    """A real signature over the unmutated seed, so verify compares a valid envelope with a mutated file."""
    import tempfile

    from riskfmt.integrity.signing import sign_file

    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        for name, body in _keys().items():
            (base / name).write_bytes(body)
        (base / "seed.json").write_bytes(_dump_seed(doc))
        sign_file(str(base / "seed.json"), base / "k.pem", base / "sig.json")
        return (base / "sig.json").read_bytes()


_SIGNATURES: dict[int, bytes] = {}


def case(data: st.DataObject, recorder: Recorder) -> None:
    kind = data.draw(st.sampled_from(["report", "report", "report", "incident", "vocab"]), label="kind")
    index = data.draw(st.integers(0, len(SEEDS[kind]) - 1), label="seed")
    original = SEEDS[kind][index]
    suffix, raw = _serialise(data, _mutate(data, original))
    name = f"doc.{suffix}"
    files: dict[str, bytes] = {name: raw, "seed.json": _dump_seed(original)}
    if kind == "vocab":
        args = ["vocab", "diff", "{dir}/seed.json", f"{{dir}}/{name}",
                "--format", data.draw(st.sampled_from(["text", "json", "markdown"]), label="fmt")]
        recorder.check(args, files)
        return
    if kind == "incident":
        command = data.draw(st.sampled_from(["validate", "update", "history", "history-rev", "digest"]),
                            label="command")
        args = {
            "validate": ["validate", f"{{dir}}/{name}"],
            "update": ["incident", "update", f"{{dir}}/{name}", "--summary", "fuzz", "--author", "fuzz",
                       "--status", "mitigated", "-o", "{dir}/out.yaml"],
            "history": ["incident", "history", "{dir}/seed.json", f"{{dir}}/{name}"],
            "history-rev": ["incident", "history", f"{{dir}}/{name}", "{dir}/seed.json"],
            "digest": ["digest", f"{{dir}}/{name}"],
        }[command]
        recorder.check(args, files)
        return
    command = data.draw(st.sampled_from(["validate", "convert", "diff", "diff-rev", "compare", "redact",
                                         "redact-verify", "reveal", "check-proof", "verify", "digest"]),
                        label="command")
    fmt = data.draw(st.sampled_from(["text", "json", "markdown"]), label="fmt")
    if command == "validate":
        args = ["validate", "--format", data.draw(st.sampled_from(["text", "json", "github", "sarif"])),
                f"{{dir}}/{name}"]
    elif command == "convert":
        to = data.draw(st.sampled_from(["riskfmt", "csv", "markdown", "eee"]), label="to")
        args = ["convert", "--from", "riskfmt", f"{{dir}}/{name}", "--to", to, "-o",
                "{dir}/out" if to == "eee" else f"{{dir}}/out.{to}"]
    elif command == "diff":
        args = ["diff", "{dir}/seed.json", f"{{dir}}/{name}", "--format", fmt, "--fail-on", "regression"]
    elif command == "diff-rev":
        args = ["diff", f"{{dir}}/{name}", "{dir}/seed.json", "--format", fmt]
    elif command == "compare":
        args = ["compare", "{dir}/seed.json", f"{{dir}}/{name}", "{dir}/seed.json", "--format", fmt]
    elif command == "redact":
        profile = data.draw(st.sampled_from(["tlp-red", "tlp-amber-strict", "tlp-amber", "tlp-green", "tlp-clear"]))
        args = ["redact", f"{{dir}}/{name}", "--profile", profile, "-o", "{dir}/shared.json"]
    elif command == "redact-verify":
        args = ["redact", "--verify", "{dir}/seed.json", f"{{dir}}/{name}"]
    elif command == "reveal":
        files["salts.json"] = raw
        args = ["redact", "--reveal", data.draw(_text, label="pointer"), "{dir}/seed.json", "--salts",
                "{dir}/salts.json", "-o", "{dir}/proof.json"]
    elif command == "check-proof":
        args = ["redact", "--check-proof", f"{{dir}}/{name}", "{dir}/seed.json"]
    elif command == "verify":
        key = id(original)
        if key not in _SIGNATURES:
            _SIGNATURES[key] = _signature(original)
        files.update(_keys())
        files["sig.json"] = _SIGNATURES[key]
        if data.draw(st.booleans(), label="mutate signature"):
            files["sig.json"], files[name] = raw, files["seed.json"]
        args = ["verify", f"{{dir}}/{name}", "--signature", "{dir}/sig.json", "--key", "{dir}/k.pem.pub"]
    else:
        args = ["digest", f"{{dir}}/{name}"]
    recorder.check(args, files)


def run_for(seconds: float, recorder: Recorder, batch: int = 25) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        remaining = end - time.monotonic()

        @seed(random.getrandbits(64))
        @settings(max_examples=batch, deadline=None, database=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck), derandomize=False)
        @given(st.data())
        def batch_test(data: st.DataObject) -> None:
            case(data, recorder)

        try:
            batch_test()
        except Exception as exc:
            sys.stderr.write(f"[fuzz] batch ended early: {type(exc).__name__}\n")
        if remaining < 0:
            break


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--stats", type=Path, default=None, help="write counts as JSON here at the end")
    parser.add_argument("--seed", type=int, default=None, help="a fixed seed, for a repeatable run")
    options = parser.parse_args()
    try:  # bounded memory: past this a command fails with MemoryError, which counts as a failure (exit 3)
        import resource

        resource.setrlimit(resource.RLIMIT_DATA, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):
        pass
    if options.seed is not None:
        random.seed(options.seed)
    recorder = Recorder("cli-mutations")
    start = time.monotonic()
    run_for(options.seconds, recorder)
    summary = recorder.summary() | {"seconds": round(time.monotonic() - start, 1)}
    if options.stats:
        options.stats.write_text(json.dumps(summary))
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
