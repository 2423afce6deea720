"""``riskfmt validate`` as a process leaves its last parsed tree to the operating system (riskfmt.loading).

The command line asks the loader to keep the tree of the last document in a frozen self-holding slot, so that
it is not freed object by object at exit. These tests check that this changes nothing a user sees (output,
exit codes, the same findings for several files), that the slot is never freed at interpreter shutdown, that
only one tree is held at a time, and that a library caller keeps nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from riskfmt import loading
from riskfmt.validation import validate, validate_bytes

ROOT = Path(__file__).resolve().parent.parent
INVALID = sorted((ROOT / "examples" / "reports" / "invalid").glob("*.json"))
VALID = ROOT / "examples" / "reports" / "valid" / "minimal.json"


def _process(*args: str) -> subprocess.CompletedProcess[str]:
    # as the console script runs it: main() with no argv (the tree is kept only then), the quick path off
    code = "import sys; sys.argv = ['riskfmt', *sys.argv[1:]]; from riskfmt.cli import main; main()"
    env = {**os.environ, "RISKFMT_NO_QUICK": "1"}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env)


def test_a_library_caller_keeps_no_tree() -> None:
    assert loading._KEPT is None  # only riskfmt.cli turns it on, and only in a process of its own
    validate_bytes(VALID.read_bytes(), "x.json")
    assert loading._KEPT is None


def test_the_command_line_reports_as_the_library_does() -> None:
    paths = [str(VALID), *map(str, INVALID[:6])]
    proc = _process("validate", "--format", "json", *paths)
    expected = validate(paths)
    assert proc.returncode == expected.exit_code(), proc.stderr
    listed = json.loads(proc.stdout)["findings"]
    assert len(listed) == sum(len(f.findings) for f in expected.files) > 0


def test_the_kept_tree_is_never_freed_and_only_the_last_is_kept() -> None:
    code = (
        "import sys\n"
        "from riskfmt import loading\n"
        "from riskfmt.validation import validate_bytes\n"
        "class Noisy(dict):\n"
        "    def __del__(self):\n"
        "        sys.stdout.write('freed ' + self['name'] + '\\n'); sys.stdout.flush()\n"
        "loading.keep_trees_until_exit()\n"
        f"raw = open({str(VALID)!r}, 'rb').read()\n"
        "validate_bytes(raw, 'a.json')\n"
        "assert loading._KEPT[0]['kind'] == 'evaluation-report'\n"  # the tree itself, in the slot
        "loading._KEPT[0] = Noisy(name='first')\n"
        "validate_bytes(raw, 'b.json')\n"  # the next document drops the first before it is parsed
        "assert loading._KEPT[0]['kind'] == 'evaluation-report'\n"
        "loading._KEPT[0] = Noisy(name='last')\n"
        "print('end')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["freed", "first", "end"]  # the last one is never freed, not even at exit


def test_the_findings_are_kept_with_the_tree_and_never_freed() -> None:
    """Every document's findings go into the slot too (a flood's 847,000, freed one by one at exit, took 0.1-0.2 s):
    they are those the result lists, and what the slot holds is never freed, not even at exit."""
    invalid = INVALID[0]
    code = (
        "import sys\n"
        "from riskfmt import loading\n"
        "from riskfmt.validation import validate_bytes\n"
        "class Noisy:\n"
        "    def __del__(self):\n"
        "        sys.stdout.write('freed\\n'); sys.stdout.flush()\n"
        "loading.keep_trees_until_exit()\n"
        f"first = validate_bytes(open({str(invalid)!r}, 'rb').read(), 'a.json')\n"
        f"second = validate_bytes(open({str(invalid)!r}, 'rb').read(), 'b.json')\n"
        "assert first.findings and [first.findings, second.findings] == loading._KEPT[2]\n"
        "assert loading._KEPT[2][0] is first.findings\n"
        "loading._KEPT[2][0].append(Noisy())\n"
        "del first, second\n"
        "print('end')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["end"]  # never freed
