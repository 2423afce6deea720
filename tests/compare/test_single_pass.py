"""``riskfmt diff`` reads each samples file once (issue 19): the files are validated inside the pairing stream.

What must not change is checked against the way a diff always worked, written out here as the reference:
validate both documents completely (samples files included), then compare. Outcome documents, notes and
refusals must be identical, whatever is wrong with the samples files, however they are ordered or chunked."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare.reports import evaluation, pinned_pair, report, result, samples_file, write
from riskfmt.compare import DiffOptions, InputError, diff_documents, diff_files
from riskfmt.compare.inputs import load_document


def reference(path_a: Path, path_b: Path, options: DiffOptions) -> tuple[str, Any]:
    """A diff as it was before the single pass: both documents validated in full, then compared."""
    from dataclasses import replace

    docs, problems = [], []
    for path in (path_a, path_b):
        try:
            docs.append(load_document(path, check_samples=options.samples))
        except InputError as exc:
            problems.extend(exc.findings)
    try:
        if problems:
            raise InputError(problems)
        a, b = docs
        outcome = diff_documents(a.data, b.data, sources=(a.source, b.source),
                                 options=replace(options, base_dirs=(a.base_dir, b.base_dir)))
    except InputError as exc:
        return "refused", _findings(exc)
    outcome.attach_input_findings(a.warnings, b.warnings)  # type: ignore[attr-defined]
    return "compared", outcome.to_dict()


def single_pass(path_a: Path, path_b: Path, options: DiffOptions) -> tuple[str, Any]:
    try:
        return "compared", diff_files(path_a, path_b, options).to_dict()
    except InputError as exc:
        return "refused", _findings(exc)


def _findings(exc: InputError) -> list[tuple[Any, ...]]:
    return [(f.code, f.severity, f.location.source, f.location.pointer, f.location.line, f.location.column,
             tuple(sorted(f.params.items()))) for f in exc.findings]


def _rows(count: int, seed: int, **extra: Any) -> list[dict[str, Any]]:
    rnd = random.Random(seed)
    return [{"sample_id": f"q{i:04d}", "verdict": rnd.choice(["pass", "fail"]), "score": rnd.random(), **extra}
            for i in range(count)]


def _pair(folder: Path, rows_a: list[dict[str, Any]] | None, rows_b: list[dict[str, Any]] | None,
          vocabulary: str = "1.0", extra_a: list[dict[str, Any]] | None = None) -> tuple[Path, Path]:
    """Two reports of one evaluation each, pinning ``rows_*`` as samples files (None: no samples)."""
    paths = []
    for name, rows in (("a", rows_a), ("b", rows_b)):
        extra = {} if rows is None else {"samples": samples_file(folder, f"{name}.jsonl", rows)}
        evaluations = [evaluation("e", "task", [result("r", ["R0013"], 0.5, n=max(1, len(rows or [])))], **extra)]
        if name == "a" and extra_a:
            evaluations += extra_a
        paths.append(write(folder, f"{name}.json", report(evaluations, vocabulary=vocabulary)))
    return paths[0], paths[1]


def _same(path_a: Path, path_b: Path, options: DiffOptions | None = None) -> tuple[str, Any]:
    options = options or DiffOptions()
    expected = reference(path_a, path_b, options)
    assert single_pass(path_a, path_b, options) == expected
    return expected


def _rewrite(path: Path, change: Any) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(change(lines)), encoding="utf-8")


def test_a_valid_pair_compares_as_before_and_each_samples_file_is_opened_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows_b = _rows(300, 2)
    random.Random(3).shuffle(rows_b)
    a, b = _pair(tmp_path, _rows(300, 1), rows_b)
    opened: list[str] = []
    real_open = Path.open

    def counting_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.suffix == ".jsonl":
            opened.append(self.name)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", counting_open)
    options = DiffOptions(memory_rows=25)  # B is shuffled: the join goes through temporary partitions
    expected = reference(a, b, options)
    assert sorted(opened) == ["a.jsonl", "a.jsonl", "b.jsonl", "b.jsonl"]  # validated, then read again to pair
    opened.clear()
    assert single_pass(a, b, options) == expected
    assert sorted(opened) == ["a.jsonl", "b.jsonl"]
    assert expected[0] == "compared" and expected[1]["samples"][0]["matched"] == 300
    assert "RF842" in {n["code"] for n in expected[1]["notes"]}


def test_warnings_of_samples_files_travel_as_notes_capped_as_before(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # a vocabulary newer than the newest known: unknown ids are warnings (RF405), one per line
    a, b = _pair(tmp_path, _rows(40, 1, risks=["R9999"]), _rows(40, 2, risks=["R9998", "R9997"]), vocabulary="1.9")
    outcome, doc = _same(a, b)
    assert outcome == "compared"
    assert sum(n["code"] == "RF405" for n in doc["notes"]) == 120
    monkeypatch.setenv("RISKFMT_MAX_FINDINGS_PER_CODE", "7")
    outcome, doc = _same(a, b)
    assert [n["code"] for n in doc["notes"]].count("RF405") == 14
    assert [n["code"] for n in doc["notes"]].count("RF520") == 2


@pytest.mark.parametrize("problem", ["invalid-json", "not-a-sample", "duplicate-id", "digest", "rows", "missing",
                                     "unsafe-path", "duplicate-key", "leak"])
def test_a_broken_samples_file_is_refused_with_the_findings_it_always_had(tmp_path: Path, problem: str) -> None:
    a, b = _pair(tmp_path, _rows(50, 1), _rows(50, 2))
    samples_a = tmp_path / "a.jsonl"
    if problem == "invalid-json":
        _rewrite(samples_a, lambda lines: [*lines[:10], "{not json\n", *lines[11:]])
    elif problem == "not-a-sample":
        _rewrite(samples_a, lambda lines: [*lines[:10], '{"verdict": "pass"}\n', *lines[11:]])
    elif problem == "duplicate-id":
        _rewrite(samples_a, lambda lines: [*lines[:10], lines[3], *lines[11:]])
    elif problem == "duplicate-key":
        _rewrite(samples_a, lambda lines: [*lines[:10], '{"sample_id": "q0010", "sample_id": "z"}\n', *lines[11:]])
    elif problem == "leak":
        import base64

        blob = base64.b64encode(bytes(range(256)) * 8).decode()  # an encoded blob in a sample's output
        _rewrite(samples_a, lambda lines: [*lines[:10], json.dumps({"sample_id": "q0010", "output": blob}) + "\n",
                                           *lines[11:]])
    elif problem == "rows":
        _rewrite(samples_a, lambda lines: lines[:-1])
    elif problem == "missing":
        samples_a.unlink()
    else:
        doc = json.loads(a.read_text(encoding="utf-8"))
        doc["evaluations"][0]["samples"]["file"]["path"] = "d.jsonl" if problem == "digest" else "link.jsonl"
        if problem == "digest":
            (tmp_path / "d.jsonl").write_bytes(samples_a.read_bytes() + b"\n")
        else:  # a link that leads out of the report's folder
            outside = tmp_path.parent / f"{tmp_path.name}-outside.jsonl"
            outside.write_bytes(samples_a.read_bytes())
            (tmp_path / "link.jsonl").symlink_to(outside)
        write(tmp_path, "a.json", report(doc["evaluations"]))
    outcome, findings = _same(a, b)
    expected = {"invalid-json": "RF512", "not-a-sample": "RF512", "duplicate-id": "RF514", "digest": "RF510",
                "rows": "RF511", "missing": "RF509", "unsafe-path": "RF518", "duplicate-key": "RF105", "leak": "RF702"}
    assert outcome == "refused" and expected[problem] in {f[0] for f in findings}


def test_samples_files_no_pair_reads_are_still_checked(tmp_path: Path) -> None:
    # A's second evaluation has no partner in B: its samples file is validated on its own
    lone = [evaluation("lone", "other-task", [result("r2", ["R0013"], 0.5, n=3)],
                       samples=samples_file(tmp_path, "lone.jsonl", _rows(3, 5, risks=["R9999"])))]
    a, b = _pair(tmp_path, _rows(20, 1), _rows(20, 2), vocabulary="1.9", extra_a=lone)
    outcome, doc = _same(a, b)
    assert outcome == "compared" and any(n["code"] == "RF405" and "lone" in n["source"] for n in doc["notes"])
    (tmp_path / "lone.jsonl").write_text("{broken\n", encoding="utf-8")
    assert _same(a, b)[0] == "refused"


def test_one_side_inline_one_side_a_file_and_no_samples(tmp_path: Path) -> None:
    a, b = _pair(tmp_path, _rows(30, 1), None)
    assert _same(a, b)[0] == "compared"
    doc = json.loads(b.read_text(encoding="utf-8"))
    doc["evaluations"][0]["samples"] = {"inline": _rows(30, 2)}
    write(tmp_path, "b.json", report(doc["evaluations"]))
    outcome, compared = _same(a, b)
    assert outcome == "compared" and compared["samples"][0]["matched"] == 30
    assert _same(a, b, DiffOptions(samples=False))[0] == "compared"


def test_runs_of_blank_lines_longer_than_a_chunk(tmp_path: Path) -> None:
    a, b = _pair(tmp_path, _rows(30, 1), _rows(30, 2))
    for path in (tmp_path / "a.jsonl", tmp_path / "b.jsonl"):
        _rewrite(path, lambda lines: [*lines[:5], "\n" * 5000, *lines[5:]])
        spec = {"path": path.name, "digest": "sha256:" + __import__("hashlib").sha256(path.read_bytes()).hexdigest(),
                "rows": 30}
        report_path = tmp_path / f"{path.stem}.json"
        doc = json.loads(report_path.read_text(encoding="utf-8"))
        doc["evaluations"][0]["samples"] = {"file": spec}
        write(tmp_path, report_path.name, report(doc["evaluations"]))
    outcome, doc = _same(a, b)
    assert outcome == "compared" and doc["samples"][0]["matched"] == 30  # every row pairs, past the blank run


def test_kinds_that_do_not_go_together_are_refused_after_the_samples_files(tmp_path: Path) -> None:
    incident = Path(__file__).resolve().parents[2] / "examples" / "incidents" / "valid" / "chatbot-order-leak.en.yaml"
    a, _ = _pair(tmp_path, _rows(10, 1), None)
    b = tmp_path / "incident.yaml"
    b.write_bytes(incident.read_bytes())
    outcome, findings = _same(a, b)
    assert outcome == "refused" and [f[0] for f in findings] == ["RF801"]
    (tmp_path / "a.jsonl").write_text("{broken\n", encoding="utf-8")  # now the samples file speaks first
    outcome, findings = _same(a, b)
    assert outcome == "refused" and "RF801" not in [f[0] for f in findings]


_row = st.fixed_dictionaries(
    {"sample_id": st.sampled_from([f"s{i}" for i in range(30)]), "epoch": st.integers(1, 2)},
    optional={"verdict": st.sampled_from(["pass", "fail", "partial", "maybe"]),  # "maybe" breaks the schema
              "score": st.floats(-2, 2, allow_nan=False), "risks": st.sampled_from([["R0013"], ["R9999"]])},
)
_lines = st.lists(st.one_of(_row.map(lambda r: json.dumps(r) + "\n"), st.just("\n"), st.just("{oops\n")),
                  max_size=40)


@given(_lines, _lines, st.booleans(), st.sampled_from([1, 2, 4, 6, 100]), st.sampled_from(["1.0", "1.9"]),
       st.sampled_from([4096, 8]), st.randoms())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_samples_files_give_what_validating_first_gave(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           lines_a: list[str], lines_b: list[str], clean: bool,
                                                           memory_rows: int, vocabulary: str, chunk_rows: int,
                                                           rnd: Any) -> None:
    # chunks of 8 rows, and budgets both below and above a chunk: repeated sample ids (a refusal) cross the
    # pairing a chunk at a time as well as row by row
    from riskfmt.compare import samples

    monkeypatch.setattr(samples, "_CHUNK_ROWS", chunk_rows)
    if clean:  # mostly valid files, so that most examples get as far as the comparison
        lines_a = [line for line in lines_a if "oops" not in line and "maybe" not in line]
        lines_b = [line for line in lines_b if "oops" not in line and "maybe" not in line]
    rnd.shuffle(lines_b)
    import tempfile

    paths = pinned_pair(Path(tempfile.mkdtemp(dir=tmp_path)), lines_a, lines_b, vocabulary)
    _same(paths[0], paths[1], DiffOptions(memory_rows=memory_rows))


def test_memory_does_not_grow_with_the_samples_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both files are validated in lockstep while they pair: memory stays that of the pairing (``memory_rows``)
    and of the validator's duplicate check (its own bound, lowered here so that the files exceed it)."""
    import tracemalloc

    from riskfmt._dedup import DuplicateCandidates
    from riskfmt.compare import samples

    monkeypatch.setattr(DuplicateCandidates.__init__, "__defaults__", (500,))
    monkeypatch.setattr(samples, "_CHUNK_ROWS", 256)  # lines read (and checked) at a time: files of many chunks

    def peak(count: int, budget: int) -> int:
        folder = tmp_path / f"{count}-{budget}"
        folder.mkdir()
        rows = _rows(count, 1)
        a, b = _pair(folder, rows, rows[::-1])  # the worst order: nothing pairs until half way
        tracemalloc.start()
        try:
            doc = diff_files(a, b, DiffOptions(memory_rows=budget)).to_dict()
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            assert doc["samples"][0]["matched"] == count

    peak(100, 500)  # vocabulary, schemas and crosswalks are loaded once: not what is measured
    # four times the rows: about the same memory within the budget (a few more partitions), far more without one
    small, large = peak(3_000, 500), peak(12_000, 500)
    assert large < 1.6 * small, (small, large)
    unbounded = peak(12_000, 10**9)
    assert unbounded > 2 * large, (large, unbounded)
