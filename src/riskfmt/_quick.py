"""The quick path of ``riskfmt validate``: say "clean" without starting Click or jsonschema-rs.

Most runs of ``riskfmt validate`` are pre-commit hooks and CI steps on a few small, valid reports, and
there the cost is start-up: importing Click and jsonschema-rs (which pulls in ``typing``, ``email`` and
more) takes several times longer than checking the report. So ``riskfmt.cli.main`` first offers a plain
``riskfmt validate [-q] [--lang L] FILE.json...`` to ``attempt`` here.

The quick path can only *accept*. It answers when every file is an ordinary small JSON evaluation report
that passes, in order, the checks the full path runs:

* the leak scan (``riskfmt.integrity.leaks.scan``, the same function);
* the JSON Schema, through a pure-Python validator generated at build time from the same runtime schema
  (``riskfmt._generated``, made by fastjsonschema; deliberately at least as strict as jsonschema-rs);
* the semantic rules (``riskfmt.semantic.check_report``, the same function).

If any file is anything else (YAML, a directory, standard input, large, unusual JSON, another kind or
version, a samples file to open) or any check finds anything at all, even an informational note, it
returns ``None`` and the full path validates everything from the start and reports. A bug here can thus
cost time but never change a verdict, except by accepting what the full path rejects: that is what
tests/test_quick.py looks for, on every example and converter output we have and on generated mutations.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

__all__ = ["attempt", "accepts"]

_MAX_BYTES = 1 << 20  # larger files parse faster with orjson on the full path, where start-up is amortized
_MAX_FILES = 64
_MAX_DEPTH = 200  # below the full loader's limit (riskfmt.loading.MAX_DEPTH): deeper documents go the full way
_SAFE_INT = 1 << 53


class _Unusual(Exception):
    """Something the quick path does not judge; the full path will."""


def attempt(args: list[str]) -> int | None:
    """Validate the files named by ``args`` (what follows ``validate``) if the quick path can; else None."""
    options = _parse_args(args)
    if options is None:
        return None
    paths, quiet, lang = options
    try:
        for path in paths:
            if not _clean(path):
                return None
    except Exception:
        return None
    if not quiet:
        from riskfmt.render.text import summary_line

        try:
            sys.stdout.write(summary_line(len(paths), 0, 0, lang))
            sys.stdout.flush()
        except BrokenPipeError:  # the reader went away: not an error of ours (as on the full path)
            try:
                sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stays open: it is the process's stdout now
            except OSError:
                pass
    return 0


def _parse_args(args: list[str]) -> tuple[list[str], bool, str] | None:
    quiet = False
    lang = os.environ.get("RISKFMT_LANG", "en")  # Click reads the same variable for --lang
    paths: list[str] = []
    items = iter(args)
    for arg in items:
        if arg in ("-q", "--quiet"):
            quiet = True
        elif arg == "--lang":
            lang = next(items, "")
        elif arg.startswith("--lang="):
            lang = arg[len("--lang="):]
        elif arg.startswith("-") or not arg.endswith(".json"):
            return None  # any other option, "-", "--", a directory, YAML: Click and the full path
        else:
            paths.append(arg)
    if not paths or len(paths) > _MAX_FILES or lang not in ("en", "zh"):
        return None
    return paths, quiet, lang


def _clean(path: str) -> bool:
    import stat

    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode) or not 0 < info.st_size <= _MAX_BYTES:
        return False
    with open(path, "rb") as handle:
        raw = handle.read(_MAX_BYTES + 1)
    data = _parse(raw)
    return data is not None and accepts(data, path, raw)


def accepts(data: Any, source: str, raw: bytes | None = None) -> bool:
    """True when the full path would find nothing at all in the parsed document ``data`` (a file with no
    samples file); False when it might find something."""
    if not _shape_ok(data):
        return False
    from riskfmt._generated import report_1_0

    if data.get("format_version") != report_1_0.FORMAT_VERSION:
        return False
    from riskfmt.integrity.leaks import scan

    if scan(data, source, raw):
        return False
    try:
        report_1_0.validate(data)  # type: ignore[no-untyped-call]
    except report_1_0.JsonSchemaValueException:
        return False
    from riskfmt.semantic import check_report

    return not check_report(data, source, None, report_1_0.FORMAT_VERSION, check_samples=False)


def _parse(raw: bytes) -> Any:
    """The document, or None for anything the full loader would remark on or that is merely unusual."""
    if len(raw) > _MAX_BYTES or raw.startswith(b"\xef\xbb\xbf") or b"\x00" in raw:
        return None
    if b"\\ud" in raw or b"\\uD" in raw:  # surrogate escapes (lone ones cannot reach jsonschema-rs)
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    from riskfmt._frames import frame_depth

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(frame_depth() + _MAX_DEPTH)
    try:
        return json.loads(text, object_pairs_hook=_pairs, parse_constant=_refuse, parse_float=_float,
                          parse_int=_int)
    except (_Unusual, ValueError, RecursionError):
        return None
    finally:
        sys.setrecursionlimit(limit)


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _Unusual("duplicate key")
    return obj


def _refuse(token: str) -> float:
    raise _Unusual(token)  # NaN, Infinity, -Infinity


def _float(token: str) -> float:
    value = float(token)
    if value - value != 0:  # overflowed to infinity (1e400)
        raise _Unusual(token)
    return value


def _int(token: str) -> int:
    value = int(token)
    if not -_SAFE_INT < value < _SAFE_INT:
        raise _Unusual(token)
    return value


def _shape_ok(data: Any) -> bool:
    if type(data) is not dict or data.get("kind") != "evaluation-report":
        return False
    evaluations = data.get("evaluations")
    if type(evaluations) is not list:
        return False
    for evaluation in evaluations:
        if type(evaluation) is dict and type(evaluation.get("samples")) is dict and "file" in evaluation["samples"]:
            return False  # a samples file is opened, hashed and checked line by line on the full path
    return True
