"""What every fuzz target shares: running one riskfmt command in this process, judging the outcome, and
keeping each new failure as a regression fixture (tests/fuzz_regressions/, replayed by
tests/test_fuzz_regressions.py).

A run fails when the command exits 3 (an internal error), prints a Python traceback, takes longer than
``SLOW_SECONDS``, or raises out of the command line at all. Failures are told apart by their crash site (the
innermost riskfmt frame of the traceback), so a thousand inputs that hit one bug make one fixture.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REGRESSIONS = ROOT / "tests" / "fuzz_regressions"
SLOW_SECONDS = 60.0  # one command on one small fuzzed input; anything slower is a hang
MAX_FILE_BYTES = 1 << 20  # per fuzzed file: the harness looks for crashes, not for the size limits

_SAFE_NAME = re.compile(r"[A-Za-z0-9_.=:-]{1,80}")


class Hang(BaseException):
    """Raised by the alarm: a BaseException, so the command line's own ``except Exception`` cannot eat it."""


def _alarm(signum: int, frame: Any) -> None:
    raise Hang()


def unpack(data: bytes, default_name: str) -> dict[str, bytes]:
    """Files from fuzzer bytes: ``@@file NAME\\n`` starts each file; without it, all of ``data`` is one file
    called ``default_name``. Names are confined to the temporary folder (no ``..``, no absolute paths)."""
    if not data.startswith(b"@@file "):
        return {default_name: data[:MAX_FILE_BYTES]}
    files: dict[str, bytes] = {}
    for part in data.split(b"@@file ")[1:]:
        head, _, body = part.partition(b"\n")
        parts = [p for p in head.decode("utf-8", "replace").split("/") if p]
        if not parts or len(parts) > 6 or not all(_SAFE_NAME.fullmatch(p) and p not in (".", "..") for p in parts):
            continue
        files["/".join(parts)] = body[:MAX_FILE_BYTES]
        if len(files) >= 64:
            break
    return files or {default_name: b""}


def pack(files: dict[str, bytes]) -> bytes:
    return b"".join(b"@@file " + name.encode() + b"\n" + body for name, body in files.items())


def materialise(folder: Path, files: dict[str, bytes]) -> None:
    for name, body in files.items():
        target = folder / name
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.is_dir():
                target.write_bytes(body)
        except OSError:  # a name that is both a file and a folder: keep the first
            continue


class Outcome:
    __slots__ = ("code", "hang", "seconds", "stderr", "stdout")

    def __init__(self, code: int, stdout: str, stderr: str, seconds: float, hang: bool) -> None:
        self.code, self.stdout, self.stderr, self.seconds, self.hang = code, stdout, stderr, seconds, hang

    @property
    def failed(self) -> bool:
        return self.hang or self.code == 3 or "Traceback (most recent call last)" in self.stderr \
            or self.seconds > SLOW_SECONDS or self.internal_finding

    @property
    def internal_finding(self) -> bool:
        """RF900: a check crashed and validation turned it into a finding (exit 1, but a bug all the same)."""
        return " RF900 " in self.stdout or " RF900 " in self.stderr or '"RF900"' in self.stdout

    def site(self) -> str:
        """The innermost riskfmt frame of the traceback, with the exception type (the bug's identity)."""
        if self.hang or self.seconds > SLOW_SECONDS:
            return "hang"
        frames = re.findall(r'File "[^"]*?/(riskfmt/[^"]+)", line (\d+), in (\S+)', self.stderr)
        kind = re.findall(r"^((?:\w+\.)*\w+(?:Error|Exception|Interrupt|Exit|Iteration)\w*)\b", self.stderr,
                          re.MULTILINE)
        where = f"{frames[-1][0]}:{frames[-1][2]}" if frames else "?"
        return f"{kind[-1] if kind else 'exit-' + str(self.code)} at {where}"


def run_command(args: list[str], cwd: Path) -> Outcome:
    """Run ``riskfmt ARGS`` in this process (as the console script does, quick path included), with a
    traceback on internal errors so the crash site can be named, and an alarm against hangs."""
    from riskfmt.cli._group import run

    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace"), \
        io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")
    saved = sys.stdout, sys.stderr, sys.stdin, os.getcwd()
    sys.stdout, sys.stderr = out, err
    sys.stdin = io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8")
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(int(SLOW_SECONDS * 2))
    start = time.perf_counter()
    hang = False
    code = 3
    try:
        os.chdir(cwd)
        code = None
        if args[:1] == ["validate"]:
            from riskfmt._quick import attempt

            code = attempt(args[1:])
        if code is None:
            code = run(args, show_traceback=True)
    except Hang:
        hang = True
    except SystemExit as exc:  # must never escape the command line either
        err.write(f"SystemExit {exc.code!r} escaped the command line\nTraceback (most recent call last)\n")
        code = 3
    except BaseException as exc:
        import traceback

        err.write("".join(traceback.format_exception(exc)))
        code = 3
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        seconds = time.perf_counter() - start
        sys.stdout, sys.stderr, sys.stdin = saved[0], saved[1], saved[2]
        os.chdir(saved[3])
    for stream in (out, err):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    return Outcome(code, out.buffer.getvalue().decode("utf-8", "replace"),  # type: ignore[attr-defined]
                   err.buffer.getvalue().decode("utf-8", "replace"), seconds, hang)  # type: ignore[attr-defined]


class Recorder:
    """Counts executions and keeps one fixture per new crash site."""

    def __init__(self, target: str, regressions: Path = REGRESSIONS) -> None:
        self.target = target
        self.regressions = regressions
        self.executions = 0
        self.failures = 0
        self.sites: dict[str, str] = {}
        self.known = self._known_sites()

    def _known_sites(self) -> set[str]:
        known = set()
        if self.regressions.is_dir():
            for path in self.regressions.glob("*.json"):
                try:
                    known.add(json.loads(path.read_text(encoding="utf-8"))["site"])
                except (ValueError, KeyError, OSError):
                    continue
        return known

    def check(self, args: list[str], files: dict[str, bytes]) -> Outcome:
        """Write ``files`` to a fresh folder, run ``args`` there (``{dir}`` stands for the folder) and
        record a failure."""
        folder = Path(tempfile.mkdtemp(prefix="riskfmt-fuzz-"))
        try:
            materialise(folder, files)
            concrete = [a.replace("{dir}", str(folder)) for a in args]
            outcome = run_command(concrete, folder)
            if outcome.internal_finding and outcome.code != 3:
                # run again with RISKFMT_DEBUG, which lets the check raise, to learn where it crashed
                os.environ["RISKFMT_DEBUG"] = "1"
                try:
                    again = run_command(concrete, folder)
                finally:
                    del os.environ["RISKFMT_DEBUG"]
                outcome = again if again.failed else outcome
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        self.executions += 1
        if outcome.failed:
            self.failures += 1
            site = outcome.site()
            self.sites[site] = self.sites.get(site, "") or " ".join(args)
            if site not in self.known:
                self.known.add(site)
                self.save(site, args, files, outcome)
        return outcome

    def save(self, site: str, args: list[str], files: dict[str, bytes], outcome: Outcome) -> Path:
        self.regressions.mkdir(parents=True, exist_ok=True)
        body = {
            "target": self.target,
            "site": site,
            "args": args,
            "files": {name: base64.b64encode(data).decode() for name, data in sorted(files.items())},
            "exit_code": outcome.code,
            "error": _last_line(outcome.stderr),
        }
        text = json.dumps(body, indent=1, sort_keys=True) + "\n"
        name = hashlib.sha256(text.encode()).hexdigest()[:16]
        path = self.regressions / f"{self.target}-{name}.json"
        path.write_text(text, encoding="utf-8")
        sys.stderr.write(f"[fuzz] new failure {site} -> {path.relative_to(ROOT)}\n")
        return path

    def summary(self) -> dict[str, Any]:
        return {"target": self.target, "executions": self.executions, "failures": self.failures,
                "sites": sorted(self.sites)}


def _last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""


def replay(fixture: Path) -> Outcome:
    """Run a kept fixture again (tests/test_fuzz_regressions.py)."""
    body = json.loads(fixture.read_text(encoding="utf-8"))
    files = {name: base64.b64decode(data) for name, data in body["files"].items()}
    folder = Path(tempfile.mkdtemp(prefix="riskfmt-replay-"))
    try:
        materialise(folder, files)
        return run_command([a.replace("{dir}", str(folder)) for a in body["args"]], folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
