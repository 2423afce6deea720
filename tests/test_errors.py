"""One base exception, caught once: every error riskfmt raises to its user derives from ``RiskfmtError``, no
command catches one itself, and the command line reports it with the same findings and exit code whichever way
it is run (``riskfmt.cli.run`` or Click's CliRunner)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from cli_invoke import invoke

from riskfmt.errors import RiskfmtError

SRC = Path(__file__).resolve().parents[1] / "src" / "riskfmt"
EXAMPLE = "examples/reports/valid/minimal.json"

# public exception classes that never reach a user: each is turned into a finding where it is raised
INTERNAL = {
    "ZstdError": "convert: an undecodable Zstandard member becomes RF607",
    "ConfigTooLarge": "convert.opencompass: becomes RF642",
    "JsonSchemaValueException": "_build_quick: generated validator code, caught by the quick path",
    "WorkerFailed": "_worker: a second process that failed; whoever started it does its work instead",
}
_BUILTIN = {"Exception", "ValueError", "TypeError", "KeyError", "OSError", "RuntimeError", "LookupError"}


def _exception_classes() -> dict[str, tuple[str, list[str]]]:
    """name -> (module path, base names) of every class in src/ that derives from an exception."""
    found: dict[str, tuple[str, list[str]]] = {}
    for path in sorted(SRC.rglob("*.py")):
        if "_generated" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = [b.id if isinstance(b, ast.Name) else ast.unparse(b) for b in node.bases]
                found.setdefault(node.name, (str(path.relative_to(SRC)), bases))
    exceptions: dict[str, tuple[str, list[str]]] = {}
    changed = True
    while changed:  # close over subclasses of subclasses
        changed = False
        for name, (where, bases) in found.items():
            if name not in exceptions and any(b in _BUILTIN or b == "RiskfmtError" or b in exceptions
                                              for b in bases):
                exceptions[name] = (where, bases)
                changed = True
    return exceptions


def _derives_from_base(name: str, classes: dict[str, tuple[str, list[str]]]) -> bool:
    if name == "RiskfmtError":
        return True
    return any(_derives_from_base(b, classes) for b in classes.get(name, ("", []))[1] if b in classes)


def test_every_public_exception_derives_from_the_base() -> None:
    classes = _exception_classes()
    public = {name for name in classes if not name.startswith("_") and name != "RiskfmtError"}
    assert {"StoreError", "QueryError", "OutputError", "UnsafeArchive", "UnreadableArchive", "MarkingError",
            "IntegrityError", "SamplesError", "InputError", "InputRefused", "OutputRefused"} <= public
    outside = sorted(name for name in public - set(INTERNAL) if not _derives_from_base(name, classes))
    assert outside == [], f"exceptions raised to users must derive from riskfmt.errors.RiskfmtError: {outside}"
    # and the private, control-flow ones stay out of it
    private = sorted(name for name in classes if name.startswith("_") and _derives_from_base(name, classes))
    assert private == []


def test_the_classes_really_are_subclasses() -> None:
    from riskfmt.compare.inputs import InputError
    from riskfmt.compare.samples import SamplesError
    from riskfmt.convert.archive import UnreadableArchive, UnsafeArchive
    from riskfmt.convert.targets import OutputError
    from riskfmt.corpus.engines import QueryError
    from riskfmt.corpus.store import StoreError
    from riskfmt.integrity import IntegrityError
    from riskfmt.integrity.markings import MarkingError
    from riskfmt.io import InputRefused, OutputRefused

    for cls in (InputError, SamplesError, UnreadableArchive, UnsafeArchive, OutputError, QueryError, StoreError,
                IntegrityError, MarkingError, InputRefused, OutputRefused):
        assert issubclass(cls, RiskfmtError), cls
        assert cls.exit_code == 2


def test_findings_messages_and_the_single_finding() -> None:
    from riskfmt.compare.samples import SamplesError
    from riskfmt.findings import Finding
    from riskfmt.integrity import IntegrityError
    from riskfmt.io import InputRefused, OutputRefused

    one = Finding.make("RF001", "a.json", path="a.json")
    other = Finding.make("RF001", "b.json", path="b.json")
    refused = InputRefused(one)
    assert refused.findings == [one] and refused.finding is one and str(refused) == one.message("en")
    assert str(OutputRefused([one, other])) == f"{one.message('en')}; {other.message('en')}"
    assert str(IntegrityError(one)) == f"RF001 {one.message('en')}"
    samples = SamplesError("s.jsonl", 7, "invalid JSON")
    assert str(samples) == "s.jsonl:7: invalid JSON"
    assert [(f.code, f.location.line) for f in samples.findings] == [("RF804", 7)]


def _catches(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ExceptHandler) and node.type is not None:
            types = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
            names += [t.id if isinstance(t, ast.Name) else ast.unparse(t) for t in types]
    return names


# the only catches of a RiskfmtError left in commands turn it into something else, not a report of it:
# a bad --attribution file is a bad parameter; an unreadable incident is reported by update_file itself;
# vocab diff reads both releases before it raises, so one run names the problems of both
ALLOWED_CATCHES = {("incident.py", "InputRefused"): 2, ("vocab.py", "InputError"): 1}


def test_no_command_catches_its_own_errors() -> None:
    classes = _exception_classes()
    caught: dict[tuple[str, str], int] = {}
    for path in sorted((SRC / "cli").glob("*.py")):
        if path.name == "_boundary.py":
            continue
        for name in _catches(ast.parse(path.read_text(encoding="utf-8"))):
            if name == "RiskfmtError" or _derives_from_base(name, classes):
                caught[(path.name, name)] = caught.get((path.name, name), 0) + 1
    assert caught == ALLOWED_CATCHES


@pytest.mark.parametrize("runner", ["run", "clirunner"])
def test_a_refused_input_is_reported_once_with_exit_2(runner: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / "missing.json")
    args = ["digest", "--lang", "zh", missing]
    if runner == "run":
        from riskfmt.cli import run

        code = run(args)
        output = capsys.readouterr().err
    else:
        outcome = invoke(*args)
        code, output = outcome.code, outcome.output
    assert code == 2
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1 and "RF" in lines[0] and "错误" in lines[0], output
    assert "Traceback" not in output


def test_an_output_error_is_a_usage_error_with_the_usage_line(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    from riskfmt.cli import run

    code = run(["convert", "--to", "eee", EXAMPLE, EXAMPLE])  # two reports, no -o FOLDER
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("Usage: riskfmt convert [OPTIONS] SRC...\n")
    assert err.endswith("Error: several reports need an output folder for EEE records: -o FOLDER\n")


def test_a_findingless_error_shows_its_message_on_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from riskfmt.cli._boundary import report

    class Odd(RiskfmtError):
        exit_code = 3

    assert report(Odd((), "something\nodd"), "en") == 3
    err = capsys.readouterr().err
    assert err.startswith("riskfmt: something") and err.count("\n") == 1


def test_the_api_error_is_catchable_as_the_base(tmp_path: Path) -> None:
    from riskfmt.compare import diff_files

    with pytest.raises(RiskfmtError) as caught:
        diff_files(str(tmp_path / "nope.json"), EXAMPLE)
    assert caught.value.exit_code == 2
    assert [f.code for f in caught.value.findings] == ["RF001"]
