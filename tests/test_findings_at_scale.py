"""A flood of findings: the cap per code lists the same first findings whether they are made in bulk or one by one,
and the command line writes every format of a generated flood as the library renders it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskfmt.caps import Tally
from riskfmt.findings import Finding, Severity
from riskfmt.identity import report_id
from riskfmt.validation import validate_bytes

ROOT = Path(__file__).resolve().parents[1]


def _flood(placeholders: int) -> bytes:
    doc = json.loads((ROOT / "examples" / "reports" / "valid" / "minimal.json").read_text(encoding="utf-8"))
    real = {"subject": "weights_file", "digest": "sha256:" + "4f" * 32}
    fake = {"subject": "weights_file", "digest": "sha256:" + "0" * 64}
    # placeholders with a real digest every 7th item, so the listed ones are not simply the first indices
    doc["model"]["digests"] = [real if i % 7 == 3 else fake for i in range(placeholders)]
    doc["report_id"] = report_id(doc)
    return json.dumps(doc, indent=1, ensure_ascii=False).encode()


@pytest.mark.parametrize("per_code", [1, 7, 1000])
def test_capped_flood_lists_the_first_findings_of_the_full_list(per_code: int) -> None:
    from riskfmt.caps import limited

    data = _flood(2500)
    with limited(0):
        every = validate_bytes(data, "flood.json").findings
    with limited(per_code):
        capped = validate_bytes(data, "flood.json").findings
    placeholders = [f for f in every if f.code == "RF513"]
    assert len(placeholders) == 2500 - len(range(3, 2500, 7))
    assert all(f.location.line is not None for f in placeholders)  # every one located
    assert [f for f in capped if f.code == "RF513"] == placeholders[:per_code]
    summary = [f for f in capped if f.code == "RF520"]
    assert len(summary) == 1
    assert summary[0].severity is Severity.WARNING  # the severity of what it stands for
    assert summary[0].params == {"more": str(len(placeholders) - per_code), "capped": "RF513",
                                 "limit": str(per_code)}
    assert [f for f in every if f.code not in ("RF513", "RF520")] == \
        [f for f in capped if f.code not in ("RF513", "RF520")]



@pytest.mark.parametrize("fmt", ["text", "json"])
def test_summary_counts_what_was_found_not_what_was_listed(fmt: str, tmp_path: Path) -> None:
    """1,000 listed and one RF520 standing for the rest are summed as every finding found (they used to be
    summed as 1,001 warnings), in the text summary and in the JSON summary alike."""
    from click.testing import CliRunner

    from riskfmt.cli import cli

    path = tmp_path / "flood.json"
    path.write_bytes(_flood(2500))
    every = CliRunner().invoke(cli, ["validate", "--format", "json", "--max-findings-per-code", "0", str(path)])
    total = json.loads(every.output)["summary"]["warnings"]
    assert total == len(json.loads(every.output)["findings"]) > 1000
    capped = CliRunner().invoke(cli, ["validate", "--format", fmt, "--max-findings-per-code", "10", str(path)])
    assert capped.exit_code == every.exit_code
    if fmt == "json":
        doc = json.loads(capped.output)
        assert len(doc["findings"]) < 20 and doc["summary"]["warnings"] == total
    else:
        assert capped.output.rstrip().endswith(f"1 files checked: 0 errors, {total} warnings") or \
            capped.output.rstrip().endswith(f"1 file checked: 0 errors, {total} warnings")

_COUNTS = st.lists(st.tuples(st.sampled_from(["a", "b"]), st.sampled_from(["RF513", "RF514"]), st.integers(0, 9)),
                   max_size=12)


@given(_COUNTS, st.integers(0, 12))
@settings(max_examples=200, deadline=None)
def test_admitting_in_bulk_is_admitting_one_by_one(batches: list[tuple[str, str, int]], bound: int) -> None:
    bulk, single = Tally(bound), Tally(bound)
    for source, code, count in batches:
        listed = bulk.admit_many(source, code, count)
        bulk.kept += [Finding.make(code, source, f"/{n}") for n in range(listed)]
        for n in range(count):
            single.add(Finding.make(code, source, f"/{n}"))
    assert bulk.finish() == single.finish()


_PARAM_VALUES = (st.text(max_size=250) | st.integers() | st.none() | st.floats(allow_nan=False)
                 | st.text(min_size=199, max_size=202) | st.lists(st.integers(), max_size=3))


@given(st.sampled_from(["RF513", "RF503", "RF520", "RF102"]), st.text(max_size=5), st.text(max_size=8),
       st.none() | st.sampled_from(list(Severity)), st.none() | st.integers(1, 9), st.none() | st.integers(1, 9),
       st.dictionaries(st.sampled_from(["digest", "value", "more", "detail"]), _PARAM_VALUES, max_size=3),
       st.integers(1, 10**6), st.integers(1, 10**6))
@settings(max_examples=300, deadline=None)
def test_the_fast_constructors_make_what_init_makes(code: str, source: str, pointer: str, severity: Severity | None,
                                                    line: int | None, column: int | None,
                                                    params: dict[str, object], at_line: int, at_column: int) -> None:
    """``Finding.make`` and ``Finding.with_position`` set the slots without ``__init__``: the same findings as the
    constructors give, parameters as text shortened to 200 characters, and a made finding never shares the
    caller's dictionary."""
    from riskfmt.codes import CODES
    from riskfmt.findings import Location

    made = Finding.make(code, source, pointer, severity=severity, line=line, column=column, **params)
    shown = {k: str(v) if len(str(v)) <= 200 else str(v)[:199] + "…" for k, v in params.items()}
    expected = Finding(code, CODES[code].severity if severity is None else severity,
                       Location(source, pointer, line, column), shown)
    assert made == expected and hash(made) == hash(expected) and repr(made) == repr(expected)
    assert made.params is not params
    moved = made.with_position(at_line, at_column)
    assert moved == Finding(expected.code, expected.severity, Location(source, pointer, at_line, at_column), shown)
    assert made.location.line == line  # the original is unchanged
    with pytest.raises(AttributeError):
        moved.code = "RF000"
    with pytest.raises(AttributeError):
        moved.location.line = 1


@given(st.sampled_from(["RF513", "RF503", "RF520", "RF102"]), st.text(max_size=5),
       st.lists(st.tuples(st.text(max_size=8),
                          st.dictionaries(st.sampled_from(["digest", "value", "more"]), _PARAM_VALUES, max_size=3)),
                max_size=6),
       st.lists(st.integers(0, 5), max_size=6))
@settings(max_examples=300, deadline=None)
def test_findings_made_in_bulk_are_those_made_one_at_a_time(code: str, source: str,
                                                              each: list[tuple[str, dict[str, object]]],
                                                              repeats: list[int]) -> None:
    """``riskfmt.findings.made`` (a bulk check's findings) gives ``Finding.make``'s findings, parameters shared
    between findings (the same mapping passed for several) or not, of any kind and length."""
    from riskfmt.findings import made

    chosen = [each[n % len(each)] for n in repeats] if each else []  # the same mapping object more than once
    bulk = made(code, source, [pointer for pointer, _ in chosen], [params for _, params in chosen])
    one_at_a_time = [Finding.make(code, source, pointer, **params) for pointer, params in chosen]
    assert bulk == one_at_a_time
    assert [repr(f) for f in bulk] == [repr(f) for f in one_at_a_time]
    assert [hash(f) for f in bulk] == [hash(f) for f in one_at_a_time]


def _with_positions(findings: list[Finding], get: Callable[[str], tuple[int, int] | None]) -> list[str]:
    """What the findings are once placed, one at a time (as text: the findings made here are dropped on return)."""
    return [repr(f if (loc := f.location).line is not None or (at := get(loc.pointer)) is None
                 else f.with_position(at[0], at[1])) for f in findings]


@given(st.lists(st.tuples(st.sampled_from(["alone", "twice", "held", "shared location", "placed"]),
                          st.sampled_from(["/a", "/b", "/c", ""])), max_size=12),
       st.dictionaries(st.sampled_from(["/a", "/b", ""]), st.tuples(st.integers(1, 9), st.integers(1, 9))))
@settings(max_examples=300, deadline=None)
def test_findings_placed_in_their_list_are_those_with_position_gives(kinds: list[tuple[str, str]],
                                                                      where: dict[str, tuple[int, int]]) -> None:
    """``riskfmt.findings.place`` gives the list ``with_position`` gives, whoever else holds a finding: one the list
    holds twice, one another list holds, one whose location another finding holds, one placed already. Nothing
    held elsewhere changes; a finding held by the list alone keeps its identity (given its position in place)."""
    from riskfmt import findings as module
    from riskfmt.findings import Location, place

    findings: list[Finding] = []
    others: list[object] = []  # what holds some findings and locations besides the list
    alone: list[int] = []
    for kind, pointer in kinds:
        if kind == "placed":
            finding = Finding.make("RF513", "r.json", pointer, line=2, column=3, digest="x")
        else:
            finding = Finding.make("RF513", "r.json", pointer, digest="x")
        if kind == "alone":
            alone.append(id(finding))
        findings.append(finding)
        if kind == "twice":
            findings.append(finding)
        elif kind == "held":
            others.append(finding)
        elif kind == "shared location":
            others.append(Finding("RF514", finding.severity, finding.location, {}))
        del finding
    before = [repr(other) for other in others]
    get = where.get
    expected_text = _with_positions(findings, get)
    placed_ids = {id(f) for f in findings if f.location.line is None and f.location.pointer in where}
    place(findings, get)
    assert [repr(f) for f in findings] == expected_text
    assert [repr(other) for other in others] == before
    if module._COUNTED:
        kept = [id(f) for f in findings]
        assert all(identity in kept for identity in alone if identity in placed_ids)
    assert all(isinstance(f.location, Location) for f in findings)


def test_a_flood_is_located_by_its_array_pass_exactly_as_by_the_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole of ``validate_bytes`` on a flood written over many lines: the placeholders' positions found by
    one pass over the digests (riskfmt._positions, runs) are the lines and columns the walk finds one by one."""
    import riskfmt._positions as positions
    from riskfmt.caps import limited

    data = _flood(2500)
    with limited(0):
        by_runs = validate_bytes(data, "flood.json").findings
    monkeypatch.setattr(positions, "RUN_MIN", 10**9)  # never a run: the walk alone
    with limited(0):
        by_walk = validate_bytes(data, "flood.json").findings
    assert by_runs == by_walk
    lines = [f.location.line for f in by_runs if f.code == "RF513"]
    assert len(lines) == 2500 - len(range(3, 2500, 7)) and len(set(lines)) == len(lines)  # one line each


@given(st.lists(st.tuples(st.sampled_from(["RF513", "RF503", "RF520", "RF102"]), st.integers(0, 3)), max_size=12),
       st.lists(st.dictionaries(st.sampled_from(["digest", "value", "more", "min", "max", "capped", "limit"]),
                                st.text(max_size=5), max_size=4), min_size=4, max_size=4),
       st.sampled_from(["en", "zh"]))
@settings(max_examples=300, deadline=None)
def test_messages_of_findings_sharing_parameters_are_each_findings_own(chosen: list[tuple[str, int]],
                                                                        params: list[dict[str, str]],
                                                                        lang: str) -> None:
    """``message_texts`` formats a run of findings with one code and one parameters object once: each message is
    still the finding's own ``message``, whatever the codes around it, with parameters missing or not."""
    from riskfmt.findings import made, message_texts

    findings = [f for code, n in chosen for f in made(code, "r.json", ["/a"], [params[n]])]
    assert message_texts(findings, lang) == [f.message(lang) for f in findings]


@given(st.lists(st.tuples(st.sampled_from(["alone", "twice", "held", "shared location", "placed"]),
                          st.none() | st.tuples(st.integers(1, 9), st.integers(1, 9))), max_size=12))
@settings(max_examples=300, deadline=None)
def test_findings_placed_from_lists_are_those_with_position_gives(kinds: list[tuple[str, tuple[int, int] | None]]
                                                                  ) -> None:
    """``riskfmt.findings.place_each`` (a position per finding, in the list's order) gives the list
    ``with_position`` gives, whoever else holds a finding; nothing held elsewhere changes."""
    from riskfmt.findings import place_each

    findings: list[Finding] = []
    at: list[tuple[int, int] | None] = []
    others: list[object] = []
    for n, (kind, position) in enumerate(kinds):
        pointer = f"/a/{n}"
        finding = (Finding.make("RF513", "r.json", pointer, line=2, column=3, digest="x") if kind == "placed"
                   else Finding.make("RF513", "r.json", pointer, digest="x"))
        findings.append(finding)
        at.append(position)
        if kind == "twice":
            findings.append(finding)
            at.append(position)
        elif kind == "held":
            others.append(finding)
        elif kind == "shared location":
            others.append(Finding("RF514", finding.severity, finding.location, {}))
        del finding
    before = [repr(other) for other in others]
    expected = [repr(f if p is None or f.location.line is not None else f.with_position(*p))
                for f, p in zip(findings, at, strict=True)]
    place_each(findings, [None if p is None else p[0] for p in at], [None if p is None else p[1] for p in at])
    assert [repr(f) for f in findings] == expected
    assert [repr(other) for other in others] == before


@pytest.mark.parametrize("indent", [None, 1])
@pytest.mark.parametrize("per_code", [0, 1000])
@pytest.mark.parametrize("every", [0, 7])
def test_a_flood_placed_from_lists_is_placed_as_by_pointers(monkeypatch: pytest.MonkeyPatch, indent: int | None,
                                                           per_code: int, every: int) -> None:
    """``validate_bytes`` on a flood (compact or over many lines, every placeholder or some real digests between
    them, capped or not): the findings placed as one run from lists (``validation._place_run``) are the findings
    placed through the dict of pointers."""
    from riskfmt import validation
    from riskfmt.caps import limited

    doc = json.loads((ROOT / "examples" / "reports" / "valid" / "minimal.json").read_text(encoding="utf-8"))
    real = {"subject": "weights_file", "digest": "sha256:" + "4f" * 32}
    fake = {"subject": "weights_file", "digest": "sha256:" + "0" * 64}
    doc["model"]["digests"] = [real if every and i % every == 3 else fake for i in range(3000)]
    doc["report_id"] = report_id(doc)
    data = json.dumps(doc, indent=indent).encode()
    ran: list[bool] = []
    real_place_run = validation._place_run

    def spy(*args: object) -> bool:
        ran.append(real_place_run(*args))  # type: ignore[arg-type]
        return ran[-1]

    monkeypatch.setattr(validation, "_place_run", spy)
    with limited(per_code):
        by_lists = validate_bytes(data, "flood.json").findings
    assert ran == [per_code == 0]  # capped: an RF520 at the root is no member of the run
    monkeypatch.setattr(validation, "_place_run", lambda *args: False)
    with limited(per_code):
        by_pointers = validate_bytes(data, "flood.json").findings
    assert by_lists == by_pointers
    assert all(f.location.line for f in by_lists if f.code == "RF513")


def test_a_capped_flood_is_placed_from_the_head_of_its_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """A capped flood larger than twice ``HEAD``: its thousand findings are placed from the text's first MiB, the
    text as a whole is never decoded (the run of all its findings is told from the pointers first), and the lines
    and columns are those the whole text gives."""
    import riskfmt._positions as positions
    from riskfmt.caps import limited
    from riskfmt.loading import load_bytes
    from riskfmt.validation import validate_document

    doc = json.loads((ROOT / "examples" / "reports" / "valid" / "minimal.json").read_text(encoding="utf-8"))
    doc["model"]["digests"] = [{"subject": "weights_file", "digest": "sha256:" + "0" * 64}] * 50_000
    doc["report_id"] = report_id(doc)
    data = json.dumps(doc).encode()
    assert len(data) > max(2 * positions.HEAD, 4 << 20)  # (from 4 MiB on, the loader keeps the bytes, not the text)
    with limited(1000):
        document = load_bytes(data, "flood.json")
        from_head = validate_document(document).findings
        assert document.text is None
        monkeypatch.setattr(positions, "HEAD_MOST", 0)  # never the head: the whole text
        whole = load_bytes(data, "flood.json")
        assert validate_document(whole).findings == from_head
        assert whole.text is not None
    assert len(from_head) == 1001 and all(f.location.line for f in from_head)
