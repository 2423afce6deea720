"""Every fast path of validation gives the findings its reference gives, on every file shipped in the repository.

The fast paths (riskfmt.jcs for the report id, the folded per-result pass of riskfmt.semantic) are swapped for
their references (the rfc8785 package, the rule written one result at a time) and each example and
real-world file is validated both ways: codes, pointers, positions and parameters must be identical.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from riskfmt import jcs, semantic
from riskfmt.findings import Finding
from riskfmt.validation import validate

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(
    p for base in (ROOT / "examples", ROOT / "tests" / "realworld") for p in base.rglob("*")
    if p.suffix in (".json", ".yaml", ".yml") and p.is_file()
)


def _findings(path: Path) -> list[tuple]:
    result = validate([path])
    return [(f.code, f.severity, f.location.pointer, f.location.line, f.location.column,
             sorted(map(str, f.params.items())))
            for file in result.files for f in file.findings]


def test_there_are_files_to_compare() -> None:
    assert len(FILES) > 100


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_fast_paths_find_what_the_references_find(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _findings(path)
    monkeypatch.setattr(jcs, "dumps", rfc8785.dumps)
    monkeypatch.setattr(semantic, "_FOLDED_RESULTS", False)
    assert _findings(path) == fast


@pytest.mark.parametrize("path", [p for p in FILES if p.suffix == ".json"], ids=lambda p: str(p.relative_to(ROOT)))
def test_the_defining_content_of_every_shipped_file_canonicalises_alike(path: Path) -> None:
    # the report id takes riskfmt.jcs only from 64 evaluations on; every shipped file is smaller, so compare here
    import json

    from riskfmt.identity import defining_content

    try:
        data = json.loads(path.read_bytes())
    except ValueError:
        pytest.skip("not JSON")
    if not isinstance(data, dict):
        pytest.skip("not an object")
    defining = defining_content(data)
    try:
        expected = rfc8785.dumps(defining)
    except (rfc8785.CanonicalizationError, TypeError, ValueError) as exc:
        with pytest.raises(type(exc)):
            jcs.dumps(defining)
        return
    assert jcs.dumps(defining) == expected


def test_a_report_with_many_evaluations_gets_the_reference_id() -> None:
    import copy
    import hashlib
    import json

    from riskfmt.identity import _MANY, defining_content, report_id

    doc = json.loads((ROOT / "examples" / "reports" / "valid" / "minimal.json").read_text(encoding="utf-8"))
    template = doc["evaluations"][0]
    doc["evaluations"] = []
    for i in range(_MANY * 2):
        evaluation = copy.deepcopy(template)
        evaluation["id"] = f"e{i}"
        evaluation["settings"] = {"temperature": [0.0, 0.7, 1.0, 1e-7][i % 4], "other": {"note": f"v{i}.0,x"}}
        doc["evaluations"].append(evaluation)
    expected = "rfr-" + hashlib.sha256(rfc8785.dumps(defining_content(doc))).hexdigest()[:32]
    assert report_id(doc) == expected


_field_values = st.none() | st.integers() | st.floats() | st.text(max_size=3) | st.lists(st.integers(), max_size=2) \
    | st.dictionaries(st.text(max_size=2), st.integers(), max_size=2)
_evaluation_like = st.dictionaries(
    st.sampled_from(["id", "task", "method", "settings", "started", "completed", "results", "notes"]), _field_values
) | st.integers() | st.text(max_size=2) | st.dictionaries(st.integers(), st.integers(), max_size=1)


@settings(max_examples=300, deadline=None)
@given(st.lists(_evaluation_like, max_size=5), st.integers(0, 200), st.booleans())
def test_defining_fields_are_picked_as_the_comprehension_picks_them(odd: list, plain: int, odd_first: bool) -> None:
    # thousands of evaluations are projected by msgspec (identity._evaluations): the same dicts, holding the very
    # same objects, as the comprehension, whatever the list holds (anything msgspec refuses goes the plain way)
    import msgspec  # noqa: F401  # loaded, as by the parser of large inputs: identity then uses it

    from riskfmt.identity import _EVALUATION_FIELDS, _MANY, _evaluations

    common = {"id": "e", "task": {"id": "t"}, "method": "benchmark", "results": [], "settings": {"t": 0.0}}
    evaluations = [dict(common, id=f"e{i}") for i in range(_MANY + plain)]
    evaluations = odd + evaluations if odd_first else evaluations + odd
    expected = [{k: e[k] for k in _EVALUATION_FIELDS if k in e} for e in evaluations if isinstance(e, dict)]
    picked = _evaluations(evaluations)
    assert picked == expected
    assert all(type(p) is dict and list(map(id, p.values())) == list(map(id, (e[k] for k in p)))
               for p, e in zip(picked, (e for e in evaluations if isinstance(e, dict)), strict=True))


_numbers = st.sampled_from([0, 1, 0.5, -1, 2, 0.0, 1.0, 0.6, float("inf"), float("nan"), 100])
_dates = st.none() | st.sampled_from(["2026-01-01", "2026-03-01T10:00:00Z", "2026-02-01T00:00:00+00:00", "not a date"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.fixed_dictionaries({
    "value": _numbers, "min": st.none() | _numbers, "max": st.none() | _numbers,
    "se": st.none() | st.sampled_from([0.01, 0.6]), "n": st.booleans(), "ci": st.none() | st.tuples(_numbers, _numbers),
    "risk": st.sampled_from(["R0013", "R0001", "R9999", "ailuminate:iwp"]),
    "id": st.sampled_from(["a", "b", "c", "d", "e"]),
    "metric": st.sampled_from(["acc", "f1"]), "eval": st.integers(0, 2),
    "method": st.sampled_from(["benchmark", "vibes"]),
    "started": _dates, "completed": _dates, "extra": st.sampled_from([None, "findings", "samples", "no results"]),
    "other_risk": st.sampled_from(["R0013", "R9999"]),
}), min_size=1, max_size=6), st.none() | _dates, st.booleans())
def test_folded_results_find_what_the_rules_find(rows: list[dict], created: str | None, distinct: bool) -> None:
    import json

    from riskfmt.semantic import check_report

    doc = json.loads((ROOT / "examples" / "reports" / "valid" / "minimal.json").read_text(encoding="utf-8"))
    if created is not None:
        doc["created"] = created
    evaluations: dict[int, dict] = {}
    for row in rows:
        evaluation = evaluations.setdefault(row["eval"], {"id": f"e{row['eval']}", "task": {"id": "t"},
                                                          "method": row["method"], "results": []})
        # dates (RF505 needs two of them in the wrong order), qualitative findings and samples: the survey sends
        # such evaluations to the full rules, or to the date rule, and must miss none
        for field in ("started", "completed"):
            if row[field] is not None:
                evaluation[field] = row[field]
        if row["extra"] == "findings":
            evaluation["findings"] = [{"id": f"f{row['eval']}", "risks": [row["other_risk"]], "summary": {"en": "x"}}]
        elif row["extra"] == "samples":
            evaluation["samples"] = {"inline": [{"sample_id": "s1", "risks": [row["other_risk"]]}]}
        elif row["extra"] == "no results":
            continue
        metric = {"id": row["metric"], "kind": "proportion"}
        metric.update({k: row[k] for k in ("min", "max") if row[k] is not None})
        # distinct ids: the survey's own answer is used (a repeated id sends every evaluation to the rules)
        ident = f"{row['id']}{len(evaluation['results'])}-{row['eval']}" if distinct else row["id"]
        result = {"id": ident, "risks": [row["risk"]], "metric": metric, "value": row["value"]}
        if row["n"]:
            result["n"] = 10
        if row["se"] is not None or row["ci"] is not None:
            result["uncertainty"] = {}
            if row["se"] is not None:
                result["uncertainty"]["standard_error"] = row["se"]
            if row["ci"] is not None:
                result["uncertainty"]["ci"] = {"lower": row["ci"][0], "upper": row["ci"][1]}
        evaluation["results"].append(result)
    doc["evaluations"] = list(evaluations.values())

    def findings() -> list[tuple]:
        return [(f.code, f.location.pointer, sorted(f.params.items())) for f in check_report(doc, "x", None, "1.0")]

    folded = findings()
    semantic._FOLDED_RESULTS = False
    try:
        assert findings() == folded
    finally:
        semantic._FOLDED_RESULTS = True


def _plain_evaluation(**extra: object) -> dict:
    return {"id": "e0", "task": {"id": "t"}, "method": "benchmark", **extra,
            "results": [{"id": "r0", "risks": ["R0013"], "metric": {"id": "acc", "kind": "proportion"}, "value": 0.5}]}


@pytest.mark.parametrize(("created", "evaluation", "code"), [
    (None, _plain_evaluation(samples={"inline": [{"sample_id": "s1", "risks": ["R9999"]}]}), "RF401"),
    (None, _plain_evaluation(findings=[{"id": "f0", "risks": ["R9999"], "summary": {"en": "x"}}]), "RF401"),
    (None, _plain_evaluation(method="vibes"), "RF403"),
    ("2026-02-01T00:00:00+00:00", _plain_evaluation(completed="2026-03-01T10:00:00Z"), "RF505"),
    ("2026-02-01T00:00:00+00:00", _plain_evaluation(started="2026-03-01T10:00:00Z"), "RF505"),
    (None, _plain_evaluation(started="2026-03-01T10:00:00Z", completed="2026-02-01T10:00:00Z"), "RF505"),
])
def test_the_survey_clears_no_evaluation_a_rule_fires_on(created: str | None, evaluation: dict, code: str) -> None:
    # each evaluation has one plain result, so only what is around it (samples, qualitative findings, method,
    # dates) can give the finding; the survey must send it to the rule
    import json

    from riskfmt.semantic import check_report

    doc = json.loads((ROOT / "examples" / "reports" / "valid" / "minimal.json").read_text(encoding="utf-8"))
    doc.pop("created", None)
    if created is not None:
        doc["created"] = created
    doc["evaluations"] = [_plain_evaluation(), evaluation | {"id": "e1"}, _plain_evaluation(id="e2")]
    doc["evaluations"][2]["results"][0]["id"] = "r2"
    doc["evaluations"][1]["results"][0]["id"] = "r1"
    folded = [(f.code, f.location.pointer) for f in check_report(doc, "x", None, "1.0")]
    assert code in {c for c, _ in folded}
    semantic._FOLDED_RESULTS = False
    try:
        assert [(f.code, f.location.pointer) for f in check_report(doc, "x", None, "1.0")] == folded
    finally:
        semantic._FOLDED_RESULTS = True


def _digests_one_by_one(report: dict, source: str) -> list:
    """RF513 for each placeholder digest, in order, under the cap per code (riskfmt.caps.cap)."""
    from riskfmt.caps import cap

    digests = report["model"].get("digests", [])
    return cap([Finding.make("RF513", source, f"/model/digests/{i}/digest", digest=d["digest"])
                for i, d in enumerate(digests) if semantic._PLACEHOLDER.match(d["digest"])])


_DIGEST = st.sampled_from(["sha256:" + "0" * 64, "sha256:" + "4f" * 32, "md5:" + "a" * 32, "sha1:1",
                           "sha512:" + "f" * 128, "x:0", "y:1", "sha256:" + "1" * 64, "sha256:" + "01" * 32])
# any digests, and one digest repeated (a flood: told by one count), sometimes with one other at either end
_DIGESTS = st.lists(_DIGEST, max_size=40) | st.builds(
    lambda one, times, other, where: ([other] if where == "first" else []) + [one] * times
    + ([other] if where == "last" else []),
    _DIGEST, st.integers(1, 40), _DIGEST, st.sampled_from(["first", "last", ""]))


@settings(max_examples=300, deadline=None)
@given(_DIGESTS, st.sampled_from([0, 1, 3, 1000]))
def test_placeholder_digests_are_found_as_one_by_one(digests: list[str], per_code: int) -> None:
    # semantic._digests counts in bulk and makes only the findings it lists; more than four distinct placeholders
    # are counted another way
    from riskfmt.caps import limited

    report = {"model": {"digests": [{"subject": "weights_file", "digest": d} for d in digests]}}
    with limited(per_code):
        assert semantic._digests(report, "x") == _digests_one_by_one(report, "x")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_json_findings_are_written_as_the_standard_library_writes_them(lang: str) -> None:
    import json

    from riskfmt.render.machine import _indented, as_dict

    document = as_dict(validate(FILES), lang)
    assert len(document["findings"]) > 100
    assert _indented(document) == json.dumps(document, ensure_ascii=False, indent=2)


def test_json_findings_orjson_refuses_are_left_to_the_standard_library() -> None:
    import json

    from riskfmt.render.machine import _indented

    for document in ({"findings": [{"message": "lone \udc80 surrogate"}]}, {"n": 2**70}, {"empty": [], "none": {}}):
        assert _indented(document) == json.dumps(document, ensure_ascii=False, indent=2)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c", "d"]), st.sampled_from([None, 1, 2])), max_size=12))
def test_repeated_samples_are_found_as_the_row_by_row_rule_finds_them(rows: list[tuple[str, int | None]]) -> None:
    # semantic._inline_samples builds (id, epoch) pairs only when an id repeats; the rule, row by row: a row whose
    # (id, epoch, 1 when absent) came before is RF514
    from riskfmt.semantic import _inline_samples

    samples = [{"sample_id": i, **({} if e is None else {"epoch": e})} for i, e in rows]
    out: list = []
    _inline_samples({"samples": {"inline": samples}}, "/evaluations/0", None, "1.0", "x", out)
    seen: set = set()
    expected = []
    for index, (sample_id, epoch) in enumerate(rows):
        key = (sample_id, 1 if epoch is None else epoch)
        if key in seen:
            expected.append((f"/evaluations/0/samples/inline/{index}", sample_id, str(key[1])))
        seen.add(key)
    assert [(f.location.pointer, f.params["id"], str(f.params["epoch"])) for f in out if f.code == "RF514"] == expected
