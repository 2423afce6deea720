"""The leak scan: detection and false-positive rates on the corpus, thresholds, and where it looks.

The corpus (corpus/make_corpus.py) seeds leaks of every kind into schema-valid reports at many places, and
holds clean reports full of near misses. The clean side also includes every report ``riskfmt convert`` makes
from examples/inputs/ (with and without sample content), the valid examples, and redacted copies of all of
them. Rates are measured through ``riskfmt.validate``, as a user meets them.
"""

from __future__ import annotations

import base64
import copy
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import riskfmt
from riskfmt.integrity.leaks import BINARY_MIN, BLOB_MIN, MAX_PER_CODE, NUMERIC_MIN, scan
from riskfmt.integrity.profiles import load_profile
from riskfmt.integrity.redact import redact

from .strategies import MINIMAL, ROOT

CORPUS = Path(__file__).resolve().parent / "corpus"
LEAK_FILES = sorted(p for p in (CORPUS / "leaks").iterdir() if p.suffix in (".json", ".yaml"))
SMUGGLING = [p for p in LEAK_FILES if p.name.startswith("smuggle-")]
CLEAN_FILES = sorted((CORPUS / "clean").glob("*.json"))
MIN_DETECTION = 1.0  # every seeded leak and every smuggling strategy
MAX_FALSE_POSITIVES = 0.0  # on every real report we have


def _leak_codes(findings: list[Any]) -> set[str]:
    return {f.code for f in findings if f.code.startswith("RF7") and f.severity.label == "error"}


def _converted_reports(folder: Path = ROOT / "examples" / "inputs") -> list[tuple[str, dict[str, Any]]]:
    """Every report riskfmt convert makes from the real tool outputs in ``folder`` (examples/inputs/, and the
    published files of tests/realworld/ as they are added)."""
    from riskfmt.convert import ConvertOptions, convert, detect

    detected = {}
    for path in sorted(folder.rglob("*")):
        if path.name in ("MANIFEST.yaml", "EXPECTED.yaml", "README.md") or path.suffix == ".py":
            continue
        if any(part.startswith(".") or part == "__pycache__" for part in path.parts):
            continue
        converter = detect(path)
        if converter is not None and converter.name != "riskfmt":
            detected[path] = converter.name
    # the deepest detected paths: a folder and the files in it would give the same reports twice
    leaves = [p for p in detected if not any(q != p and p in q.parents for q in detected)]
    out = []
    for include_content in (False, True):
        options = ConvertOptions(include_content=include_content, organization="Example Lab")
        for path in leaves:
            try:
                items = list(convert([path], from_=detected[path], options=options))
            except Exception:
                continue
            for item in items:
                if item.report is not None:
                    name = path.relative_to(ROOT) if ROOT in path.parents else path
                    out.append((f"{name} (content={include_content})", item.report))
    return out


@pytest.fixture(scope="module")
def clean_documents() -> list[tuple[str, dict[str, Any]]]:
    docs = [(str(p.relative_to(ROOT)), riskfmt.integrity.load_document(p)) for p in CLEAN_FILES]
    valid = ROOT / "examples" / "reports" / "valid"
    docs += [(str(p.relative_to(ROOT)), riskfmt.integrity.load_document(p)) for p in sorted(valid.iterdir())
             if p.suffix in (".json", ".yaml")]
    docs += _converted_reports()
    docs += _converted_reports(ROOT / "tests" / "realworld")
    # shareable copies of all of them: their disclosure records are digests and pointers, never leaks
    docs += [(f"{name} redacted", redact(doc, load_profile("tlp-clear")).document) for name, doc in list(docs)]
    return docs


def test_corpus_detection_and_false_positive_rates(clean_documents: list[tuple[str, dict[str, Any]]],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert len(LEAK_FILES) >= 200, "run corpus/make_corpus.py"
    missed, by_code = [], {}
    for path in LEAK_FILES:
        expected = set(re.findall(r"\.(RF\d{3})", path.name))
        result = riskfmt.validate([path])
        found = _leak_codes(result.findings)
        other = {f.code for f in result.findings if f.severity.label == "error"} - found
        assert not other, f"{path.name} is not otherwise valid: {other}"  # the scan only runs on valid documents
        for code in expected:
            hit = code in found
            by_code.setdefault(code, [0, 0])[0] += hit
            by_code[code][1] += 1
            if not hit:
                missed.append(path.name)
    false_positives = []
    for name, doc in clean_documents:
        result = riskfmt.validate_data(doc, source=name)
        if _leak_codes(result.findings):
            false_positives.append((name, sorted(_leak_codes(result.findings))))
    detection = 1 - len(missed) / len(LEAK_FILES)
    fp_rate = len(false_positives) / len(clean_documents)
    with capsys.disabled():
        print(f"\nleak corpus: {len(LEAK_FILES)} seeded leaks, detection rate {detection:.1%} "
              f"({', '.join(f'{c} {h}/{n}' for c, (h, n) in sorted(by_code.items()))}); "
              f"{len(clean_documents)} clean reports ({len(CLEAN_FILES)} near misses), "
              f"false-positive rate {fp_rate:.1%}")
    assert detection >= MIN_DETECTION, missed
    assert fp_rate <= MAX_FALSE_POSITIVES, false_positives


def test_clean_corpus_is_clean_per_file() -> None:
    """Each near miss separately, so that a regression names the case."""
    for path in CLEAN_FILES:
        assert not _leak_codes(riskfmt.validate([path]).findings), path.name


def test_corpus_is_reproducible(tmp_path: Path) -> None:
    """make_corpus.py is deterministic: the checked-in files are what it writes."""
    import shutil
    import subprocess
    import sys

    work = tmp_path / "corpus"
    shutil.copytree(CORPUS, work)
    # run the copy, so that the checked-in files are not touched
    script = work / "make_corpus.py"
    text = script.read_text().replace("ROOT = HERE.parents[2]", f"ROOT = Path({str(ROOT)!r})")
    script.write_text(text)
    subprocess.run([sys.executable, str(script)], check=True, capture_output=True, timeout=300)
    for folder in ("leaks", "clean"):
        ours = sorted(p.name for p in (CORPUS / folder).iterdir())
        assert ours == sorted(p.name for p in (work / folder).iterdir())
        for name in ours:
            assert (CORPUS / folder / name).read_bytes() == (work / folder / name).read_bytes(), name


# ---- thresholds and places -------------------------------------------------------------------------------


def _doc(**edits: Any) -> dict[str, Any]:
    doc = copy.deepcopy(MINIMAL)
    for key, value in edits.items():
        if key == "extension":
            doc["extensions"] = {"example.org/x": value}
        elif key == "notes":
            doc["notes"] = {"en": value}
        elif key == "output":
            doc["evaluations"][0]["samples"] = {"inline": [{"sample_id": "a"}, {"sample_id": "b", "output": value}]}
        elif key == "digest_name":
            doc["model"]["digests"] = [{"digest": "sha256:" + "ab" * 32, "subject": "weights_file", "name": value}]
    return doc


def _codes(doc: dict[str, Any]) -> list[tuple[str, str]]:
    return [(f.code, f.location.pointer) for f in scan(doc, "x")]


def test_numeric_array_threshold() -> None:
    assert _codes(_doc(extension=[0.5] * (NUMERIC_MIN - 1))) == []
    assert _codes(_doc(extension=[0.5] * NUMERIC_MIN)) == [("RF701", "/extensions/example.org~1x")]
    assert _codes(_doc(extension={"w": [[1, 2]] * (NUMERIC_MIN // 2)})) == [("RF701", "/extensions/example.org~1x/w")]
    assert _codes(_doc(extension=[1] * 10 + ["x"] + [1] * NUMERIC_MIN)) == []  # not a numeric array


def test_blob_threshold_and_place() -> None:
    data = base64.b64encode(os.urandom(BLOB_MIN)).decode()
    assert _codes(_doc(notes=data[: BLOB_MIN - 1])) == []
    assert _codes(_doc(notes=data[:BLOB_MIN])) == [("RF702", "/notes/en")]
    assert _codes(_doc(output=data)) == [("RF702", "/evaluations/0/samples/inline/1/output")]
    finding = scan(_doc(output="data:image/png;base64," + data), "x")[0]
    assert "data URI" in finding.message() and finding.message("zh") != finding.message()


def test_binary_text() -> None:
    text = "".join(chr(b) for b in os.urandom(BINARY_MIN))
    assert [c for c, _ in _codes(_doc(output=text))] == ["RF703"]
    assert _codes(_doc(output=("ok \n\t" * BINARY_MIN))) == []


def test_weight_references_only_outside_digests_and_content() -> None:
    assert [c for c, _ in _codes(_doc(notes="see /ckpt/model.safetensors"))] == ["RF704"]
    assert _codes(_doc(digest_name="model-00001-of-00002.safetensors")) == []  # digest-only
    assert _codes(_doc(output="torch.load('model.pt') then evaluate")) == []  # what a model says is content
    assert _codes(_doc(notes="mail evals@lab.pt or see https://www.lab.pt")) == []


def test_credentials_only_outside_content() -> None:
    token = "hf_" + "Ab3" * 12
    assert [c for c, _ in _codes(_doc(notes=f"token {token}"))] == ["RF705"]
    assert _codes(_doc(output=f"Your token is {token}")) == []


def test_findings_are_capped_per_code() -> None:
    doc = copy.deepcopy(MINIMAL)
    doc["disclosure"] = {"withholds": ["sample_input", "sample_output", "sample_target"]}
    rows = [{"sample_id": f"s{i}", "output": "x"} for i in range(MAX_PER_CODE + 50)]
    doc["evaluations"][0]["samples"] = {"inline": rows}
    findings = scan(doc, "x")
    assert [f.code for f in findings].count("RF706") == MAX_PER_CODE
    summary = [f for f in findings if f.code == "RF708"]
    assert len(summary) == 1 and "50 more RF706" in summary[0].message()


def test_withheld_records_of_undeclared_kinds() -> None:
    doc = copy.deepcopy(MINIMAL)
    doc["disclosure"] = {"withholds": ["sample_input", "sample_output", "sample_target"],
                         "withheld": [{"pointer": "/notes", "kind": "notes", "digest": "sha256:" + "0" * 64}]}
    assert _codes(doc) == [("RF707", "/disclosure/withheld/0/kind")]


def test_validate_reports_leaks_as_errors(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text(json.dumps(_doc(notes="weights: /srv/m/model.gguf")))
    result = riskfmt.validate([path])
    assert result.exit_code() == 1
    finding = next(f for f in result.findings if f.code == "RF704")
    assert finding.location.line is not None and "model.gguf" in finding.message()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                              st.text(max_size=30)),
                    lambda children: st.one_of(st.lists(children, max_size=5),
                                               st.dictionaries(st.text(max_size=8), children, max_size=5)),
                    max_leaves=40))
def test_scan_never_fails_on_any_json(data: Any) -> None:
    """Called directly (the validator only calls it on schema-valid documents), it takes anything."""
    doc = {"kind": "evaluation-report", "evaluations": [{"samples": {"inline": [data, {"output": data}]}}],
           "disclosure": {"withholds": ["sample_output"], "withheld": [data]}, "extensions": {"x": data}}
    scan(doc, "x")
    scan(data if isinstance(data, dict) else {"x": data}, "x")


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 40), st.sampled_from(["input", "output", "target", "sample_id"]))
def test_the_column_pass_finds_a_blob_in_any_sample(index: int, field: str) -> None:
    rows = [{"sample_id": f"s{i}", "output": "short answer"} for i in range(41)]
    rows[index][field] = base64.b64encode(os.urandom(BLOB_MIN)).decode()
    doc = copy.deepcopy(MINIMAL)
    doc["evaluations"][0]["samples"] = {"inline": rows}
    assert _codes(doc) == [("RF702", f"/evaluations/0/samples/inline/{index}/{field}")]


# ---- the document as a whole: every smuggling strategy, totals, places ------------------------------------


def test_the_smuggling_corpus_has_forty_strategies_or_more() -> None:
    assert len(SMUGGLING) >= 40, "run corpus/make_corpus.py"


@pytest.mark.parametrize("path", SMUGGLING, ids=lambda p: p.name.split(".")[0])
def test_every_smuggling_strategy_is_detected(path: Path) -> None:
    """Each strategy walks around a per-string or per-array rule (issue 14 lists 36 that passed as clean);
    each must give the code its name ends in, and nothing but leak findings (the document is otherwise valid)."""
    expected = re.findall(r"\.(RF\d{3})\.", path.name)[0]
    result = riskfmt.validate([path])
    errors = {f.code for f in result.findings if f.severity.label == "error"}
    assert expected in errors, (path.name, errors)
    assert all(code.startswith("RF7") for code in errors), errors


def _many(doc: dict[str, Any], count: int, make: Any) -> dict[str, Any]:
    doc["extensions"] = {"example.org/x": {f"k{i}": make(i) for i in range(count)}}
    return doc


def test_numeric_total_threshold() -> None:
    from riskfmt.integrity.leaks import NUMERIC_TOTAL

    chunk = NUMERIC_MIN - 1  # each array below the per-array rule
    chunks = -(-NUMERIC_TOTAL // chunk)
    below = _many(copy.deepcopy(MINIMAL), chunks - 1, lambda i: [0.5] * chunk)
    above = _many(copy.deepcopy(MINIMAL), chunks, lambda i: [0.5] * chunk)
    assert (chunks - 1) * chunk < NUMERIC_TOTAL and _codes(below) == []
    assert [c for c, _ in _codes(above)] == ["RF714"]
    values = _many(copy.deepcopy(MINIMAL), NUMERIC_TOTAL, lambda i: i / 7)
    assert [c for c, _ in _codes(values)] == ["RF714"]


def test_encoded_total_threshold_and_identifiers() -> None:
    from riskfmt.integrity.leaks import ENCODED_TOTAL, PIECE_MIN

    pieces = [base64.b64encode(os.urandom(30)).decode() for _ in range(ENCODED_TOTAL // 40 + 2)]
    assert all(len(p) == 40 >= PIECE_MIN for p in pieces)
    doc = copy.deepcopy(MINIMAL)
    doc["extensions"] = {"example.org/x": pieces}
    assert [c for c, _ in _codes(doc)] == ["RF715"]
    doc["extensions"] = {"example.org/x": pieces[: (ENCODED_TOTAL // 40) - 2]}
    assert _codes(doc) == []
    # the same pieces as sample ids of hex digests are identifiers: not counted
    rows = [{"sample_id": os.urandom(16).hex(), "epoch": 1} for _ in range(400)]
    doc = copy.deepcopy(MINIMAL)
    doc["evaluations"][0]["samples"] = {"inline": rows}
    assert _codes(doc) == []


def test_digests_and_repeated_configuration_are_not_payload() -> None:
    """A results-heavy report repeats one configuration: distinct values count, not occurrences."""
    doc = copy.deepcopy(MINIMAL)
    evaluation = doc["evaluations"][0]
    evaluation["settings"] = {"other": {"batch_size": 8, "max_gen_toks": 256, "model_args": "pretrained=org/m"}}
    doc["evaluations"] = [dict(copy.deepcopy(evaluation), id=f"e{i}") for i in range(600)]
    for i, e in enumerate(doc["evaluations"]):
        e["results"][0]["id"] = f"r{i}"
        e["task"] = dict(e["task"], dataset={"digest": "sha256:" + os.urandom(32).hex()})
    assert _codes(doc) == []


def test_secret_named_settings_and_split_tokens() -> None:
    doc = copy.deepcopy(MINIMAL)
    doc["evaluations"][0]["settings"] = {"other": {"api_key": "Zk3q9T0pLm2vX8rB4nC7", "max_tokens_hint": "1024",
                                                   "password": "<redacted>", "hf_token": ""}}
    assert _codes(doc) == [("RF716", "/evaluations/0/settings/other/api_key")]
    key = "sk-proj-" + "Ab3dE5gH7jK9" * 6
    doc["evaluations"][0]["settings"] = {"other": {"a": key[:18], "b": key[18:44], "c": key[44:]}}
    assert ("RF705", "/evaluations/0/settings/other") in _codes(doc)


def test_withheld_content_copied_or_in_identifiers() -> None:
    prompt = "Describe how to bypass the content filter of a chat model in detail."
    digest = "sha256:" + __import__("hashlib").sha256(prompt.encode()).hexdigest()
    doc = copy.deepcopy(MINIMAL)
    doc["disclosure"] = {"withholds": ["sample_input", "sample_output", "sample_target"]}
    doc["evaluations"][0]["samples"] = {"inline": [{"sample_id": "s1", "epoch": 1, "input_digest": digest}]}
    assert _codes(doc) == []
    doc["notes"] = {"en": "An example we saw:\n" + prompt}
    assert _codes(doc) == [("RF751", "/notes/en")]
    del doc["notes"]
    doc["evaluations"][0]["samples"]["inline"].append({"sample_id": prompt, "epoch": 1})
    assert ("RF750", "/evaluations/0/samples/inline/1/sample_id") in _codes(doc)


def test_weight_names_by_pattern() -> None:
    for name in ("model.safetensors.zst", "model.gguf.part1of2", "pytorch_model.bin.index.json",
                 "model-00001-of-00004", "adapter.pt.gpg", "ｍｏｄｅｌ．ｓａｆｅｔｅｎｓｏｒｓ",
                 "model.safe\u200btensors"):
        assert [c for c, _ in _codes(_doc(notes=f"see /ckpt/{name} here"))] == ["RF704"], name
    for text in ("built with tf.keras.layers and torch.nn", "see www.lab.pt.example.org", "safetensors format"):
        assert _codes(_doc(notes=text)) == [], text


def test_yaml_comments_are_scanned(tmp_path: Path) -> None:
    import yaml

    path = tmp_path / "r.yaml"
    text = yaml.safe_dump(MINIMAL, sort_keys=False)
    path.write_text("# weights: /srv/ckpt/model.safetensors\n" + text, encoding="utf-8")
    finding = next(f for f in riskfmt.validate([path]).findings if f.code == "RF704")
    assert finding.location.line == 1
    path.write_text("# an ordinary comment\n" + text, encoding="utf-8")
    assert not _leak_codes(riskfmt.validate([path]).findings)


def test_raw_text_and_serialisation_give_the_same_findings() -> None:
    """The scan reads the raw JSON when it can; any layout of the same document gives the same findings."""
    for path in LEAK_FILES[::7] + CLEAN_FILES:
        if path.suffix != ".json":
            continue
        doc = json.loads(path.read_text(encoding="utf-8"))
        plain = sorted((f.code, f.location.pointer) for f in scan(doc, "x"))
        for raw in (json.dumps(doc, indent=3, ensure_ascii=False), json.dumps(doc, separators=(",", ":")),
                    json.dumps(doc)):  # the last one escapes every non-ASCII character: serialised again
            assert sorted((f.code, f.location.pointer) for f in scan(doc, "x", raw.encode())) == plain, path.name


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.recursive(st.one_of(st.integers(-5, 5), st.floats(allow_nan=False, allow_infinity=False),
                              st.text(max_size=12)),
                    lambda children: st.one_of(st.lists(children, max_size=6),
                                               st.dictionaries(st.text(max_size=6), children, max_size=6)),
                    max_leaves=60),
       st.data())
def test_locate_names_the_place_of_every_offset(data: Any, draw: Any) -> None:
    """The descent from a byte offset to a pointer agrees with the pointer the offset was taken from."""
    from riskfmt.integrity.leaks import _locate

    doc = {"x": data}
    text = json.dumps(doc, ensure_ascii=False, indent=draw.draw(st.sampled_from([None, 1]))).encode()
    places: dict[int, str] = {}

    def visit(node: Any, pointer: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                visit(value, f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                visit(value, f"{pointer}/{index}")
        elif isinstance(node, str) and node:
            needle = json.dumps(node, ensure_ascii=False).encode()
            at = text.find(b": " + needle) if text.count(needle) == 1 else -1
            if at != -1:
                places[at + 3] = pointer  # inside the string, after its opening quote

    visit(doc, "")
    found = _locate(text.decode("latin-1"), doc, list(places))
    for pointer in places.values():
        assert found.get(pointer) == "value", (pointer, found)


def test_samples_file_ids_are_scanned_and_totalled_over_the_file() -> None:
    """A samples file's sample ids get the checks of inline ones: a token is a leak on its line, and encoded
    pieces are totalled over the whole file, whatever the chunking."""
    from riskfmt.integrity.leaks import ENCODED_TOTAL, SampleFileScan

    key = "hf_" + "Ab3dE5gH7jK9" * 3
    pieces = [base64.b64encode(os.urandom(30)).decode() for _ in range(ENCODED_TOTAL // 40 + 2)]
    rows = [{"sample_id": p, "epoch": 1} for p in pieces] + [{"sample_id": key, "epoch": 1}]
    scanner = SampleFileScan("s.jsonl", frozenset())
    for start in range(0, len(rows), 7):
        chunk = rows[start:start + 7]
        scanner.rows(chunk, list(range(start + 1, start + 1 + len(chunk))))
    findings = scanner.finish()
    assert [(f.code, f.location.line) for f in findings if f.code == "RF705"] == [("RF705", len(rows))]
    assert [f.code for f in findings if f.code == "RF715"] == ["RF715"]


@pytest.mark.parametrize("shape", ["results", "findings", "sample_ids", "evaluations"])
def test_a_number_where_a_list_belongs_is_no_crash(shape: str) -> None:
    """The scan runs before the schema: a number in place of a list (found by test_quick's hypothesis run)
    leaves it to the schema to say so, and the scan still judges the rest."""
    doc: dict[str, Any] = {"kind": "evaluation-report", "notes": "kept",
                           "disclosure": {"withholds": ["notes", "rationale", "sample_input"]},
                           "evaluations": [{"results": [], "findings": [{"sample_ids": []}]}]}
    if shape == "evaluations":
        doc["evaluations"] = 7
    elif shape == "sample_ids":
        doc["evaluations"][0]["findings"][0]["sample_ids"] = 7
    else:
        doc["evaluations"][0][shape] = 7
    assert [f.code for f in scan(doc, "x.json")] == ["RF706"]  # the notes it declares withheld are still there
    result = riskfmt.validate_data(doc)
    assert "RF900" not in {f.code for f in result.findings}


def test_a_withheld_record_whose_kind_is_a_list_is_no_crash() -> None:
    """The scan runs before the schema (found by test_quick's hypothesis run on the merged main): a kind
    that is a list is left to the schema, and the scan still judges the rest."""
    records = [{"pointer": "/notes", "kind": []}, {"pointer": "/x", "kind": "rationale"}]
    doc: dict[str, Any] = {"kind": "evaluation-report", "notes": "kept",
                           "disclosure": {"withholds": ["notes"], "withheld": records}}
    codes = [f.code for f in scan(doc, "x.json")]
    assert "RF707" in codes  # "rationale" is recorded but not declared
    result = riskfmt.validate_data(doc)
    assert "RF900" not in {f.code for f in result.findings}
