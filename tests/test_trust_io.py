"""Issue 14, "Trust under attack": inputs that must not hang or blow up, outputs that are all-or-nothing,
YAML that must not read two ways, output that cannot forge CI log lines, and findings with a bound.

One section per class of the issue; each test names the finding code it expects.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, ROOT

import riskfmt

MINIMAL = EXAMPLES / "valid" / "minimal.json"
LM_EVAL = ROOT / "examples" / "inputs" / "lm-eval" / "tiny_mc" / "demo-org__dummy-model" / \
    "results_2026-11-23T10-59-57.924721.json"


def cli(*args: str, timeout: float = 120, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("RISKFMT_LANG", "RISKFMT_MAX_FINDINGS_PER_CODE")}
    return subprocess.run([sys.executable, "-m", "riskfmt", *args], capture_output=True, text=True, env=env,
                          timeout=timeout, input=stdin.decode())


def inproc(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    from riskfmt.cli import run

    code = run(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def minimal() -> dict[str, Any]:
    return json.loads(MINIMAL.read_text(encoding="utf-8"))


def codes(text: str) -> set[str]:
    import re

    return set(re.findall(r"\bRF\d{3}\b", text))


# ---- 1. Unbounded reads ---------------------------------------------------------------------------


def test_max_size_bounds_the_bytes_read_not_the_size_stat_reports() -> None:
    from riskfmt.io import _read_at_most

    served = 0

    def endless(n: int) -> bytes:  # /dev/zero, a growing file, a lying st_size: as much as asked, forever
        nonlocal served
        served += n
        return b"\0" * n

    data = _read_at_most(endless, 1000)
    assert len(data) == 1001 and served == 1001


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_device_and_symlinks_to_them_are_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "zero.json").symlink_to("/dev/zero")
    (tmp_path / "pipe-link.yaml").symlink_to(tmp_path / "pipe.json")
    folder = tmp_path / "reports"
    folder.mkdir()
    os.mkfifo(folder / "queued.json")
    (folder / "ok.json").write_bytes(MINIMAL.read_bytes())
    start = time.monotonic()
    proc = cli("validate", str(tmp_path / "pipe.json"), str(tmp_path / "zero.json"), str(tmp_path / "pipe-link.yaml"),
               str(folder), "/dev/zero", "--max-size", "1000", timeout=60)
    assert time.monotonic() - start < 60
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert proc.stdout.count("RF006") == 5 and "Traceback" not in proc.stderr
    assert "a FIFO" in proc.stdout and "a character device" in proc.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_converters_and_other_readers_refuse_special_files(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "results.json")
    run_folder = tmp_path / "helm-run"
    run_folder.mkdir()
    os.mkfifo(run_folder / "run_spec.json")
    for args in (["convert", str(tmp_path / "results.json")],
                 ["convert", "--from", "helm", str(run_folder)],
                 ["digest", str(tmp_path / "results.json")],
                 ["redact", str(MINIMAL), "--profile", str(tmp_path / "results.json"), "-o", str(tmp_path / "o.json")],
                 ["sign", str(MINIMAL), "--key", str(tmp_path / "results.json"), "-o", str(tmp_path / "s.json")]):
        proc = cli(*args, timeout=60)
        assert proc.returncode == 2, (args, proc.stdout, proc.stderr)
        assert "RF006" in proc.stdout + proc.stderr or "FIFO" in proc.stderr, (args, proc.stdout, proc.stderr)


def test_standard_input_is_read_to_the_limit_only() -> None:
    proc = cli("validate", "-", "--max-size", "64", stdin=b" " * 100_000)
    assert proc.returncode == 2 and "RF004" in proc.stdout


# ---- 2. Outputs: all or nothing -------------------------------------------------------------------


def test_convert_to_a_yaml_name_writes_a_file_not_a_folder(tmp_path: Path) -> None:
    out = tmp_path / "new.yaml"
    proc = cli("convert", "--from", "lm-eval", str(LM_EVAL), "-o", str(out))
    assert proc.returncode in (0, 1), proc.stderr
    assert out.is_file()
    assert riskfmt.validate([out]).ok
    folder = tmp_path / "new-folder"
    proc = cli("convert", "--from", "lm-eval", str(LM_EVAL), "-o", f"{folder}/")  # a trailing slash: a folder
    assert proc.returncode in (0, 1) and folder.is_dir() and len(list(folder.glob("*.riskfmt.json"))) == 1


def test_a_failed_conversion_leaves_nothing_at_the_output(tmp_path: Path) -> None:
    broken = tmp_path / "results_x.json"
    broken.write_text('{"results": ')
    for out in (tmp_path / "o.json", tmp_path / "folder", tmp_path / "t.csv"):
        to = "csv" if out.suffix == ".csv" else "riskfmt"
        proc = cli("convert", "--from", "lm-eval", str(broken), "-o", str(out), "--to", to)
        assert proc.returncode in (1, 2) and "Traceback" not in proc.stderr
        assert not out.exists(), out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results_x.json"]  # no temporary files either


def test_outputs_that_would_not_validate_or_that_leak_are_not_written(tmp_path: Path) -> None:
    bad = minimal()
    bad["evaluations"][0]["results"][0]["risks"] = ["R9999"]
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    leak = minimal()
    leak["evaluations"][0]["notes"] = {"en": "weights at /mnt/ckpt/model.safetensors"}
    leak["report_id"] = riskfmt.report_id(leak)
    (tmp_path / "leak.json").write_text(json.dumps(leak))
    for name in ("bad.json", "leak.json"):
        out = tmp_path / f"out-{name}"
        proc = cli("convert", "--from", "riskfmt", str(tmp_path / name), "-o", str(out))
        assert proc.returncode == 1, proc.stdout + proc.stderr
        # withheld when converted (RF613, riskfmt.convert) or when written (RF011, the writer's own check)
        assert ("RF011" in proc.stdout or "RF613" in proc.stdout) and not out.exists()


def test_output_refusals_are_findings_with_exit_2(tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    report.write_bytes(MINIMAL.read_bytes())
    folder = tmp_path / "full"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    a_file = tmp_path / "plain.txt"
    a_file.write_text("x")
    cases = [
        (["convert", "--from", "riskfmt", str(report), "-o", str(report)], "RF008"),
        (["convert", "--from", "riskfmt", str(report), "-o", f"{folder}/"], "RF007"),
        (["convert", "--from", "riskfmt", str(report), str(MINIMAL), "-o", str(a_file)], "RF010"),
        (["convert", "--from", "riskfmt", str(report), "-o", str(a_file / "under-a-file.json")], "RF009"),
        (["diff", str(report), str(MINIMAL), "-o", str(folder)], "RF010"),
        (["digest", str(report), "-o", str(report)], "RF008"),
        (["vocab", "export", "--format", "sssom", "-o", str(folder)], "RF007"),
        (["incident", "new", "-o", str(folder)], "RF010"),
    ]
    for args, code in cases:
        proc = cli(*args)
        assert proc.returncode == 2, (args, proc.stdout, proc.stderr)
        assert code in proc.stderr, (args, proc.stderr)
        assert "Traceback" not in proc.stderr
    assert report.read_bytes() == MINIMAL.read_bytes() and a_file.read_text() == "x"
    assert sorted(p.name for p in folder.iterdir()) == ["keep.txt"]
    proc = cli("convert", "--from", "riskfmt", str(report), "-o", f"{folder}/", "--force")
    assert proc.returncode == 0 and (folder / "r.riskfmt.json").is_file() and (folder / "keep.txt").is_file()


def test_several_reports_go_to_a_folder_that_appears_whole(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    proc = cli("convert", "--from", "riskfmt", str(MINIMAL), str(EXAMPLES / "valid" / "bilingual-red-team.yaml"),
               "-o", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["bilingual-red-team.riskfmt.json", "minimal.riskfmt.json"]
    assert [p.name for p in tmp_path.iterdir()] == ["reports"]


def test_redact_never_replaces_a_salts_file_without_force(tmp_path: Path) -> None:
    out = tmp_path / "shared.json"
    assert cli("redact", str(MINIMAL), "--profile", "tlp-green", "-o", str(out)).returncode == 0
    salts = tmp_path / "shared.json.salts.json"
    before = salts.read_bytes()
    proc = cli("redact", str(MINIMAL), "--profile", "tlp-green", "-o", str(tmp_path / "again.json"),
               "--salts", str(salts))  # the salts of shared.json: replacing them makes it unprovable
    assert proc.returncode == 2 and "RF007" in proc.stderr and salts.read_bytes() == before
    assert not (tmp_path / "again.json").exists()
    inode = salts.stat().st_ino
    proc = cli("redact", str(MINIMAL), "--profile", "tlp-green", "-o", str(tmp_path / "again.json"),
               "--salts", str(salts), "--force")
    assert proc.returncode == 0 and salts.stat().st_ino != inode  # replaced, as asked


def test_staged_outputs_leave_nothing_when_one_file_fails(tmp_path: Path) -> None:
    from riskfmt.io import Staged

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    staged = Staged(tmp_path)
    staged.put(tmp_path / "a.json", b"{}")
    staged.put(blocker / "b.json", b"{}")  # its folder cannot be made: the commit fails
    with pytest.raises(OSError):
        staged.commit()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]
    folder = Staged(tmp_path / "out", folder=True)
    folder.put("x/one.json", b"1")
    folder.put("two.json", b"2")
    folder.commit()
    assert (tmp_path / "out" / "x" / "one.json").read_bytes() == b"1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder", "out"]


def test_ctrl_c_exits_130_without_traceback_or_output(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from riskfmt.convert import targets
    from riskfmt.convert.sink import emit

    def interrupted(*args: object) -> list[object]:
        emit(tmp_path / "out.json", b"{}")  # a first file is staged ...
        raise KeyboardInterrupt  # ... when Ctrl-C arrives

    monkeypatch.setitem(targets.TARGETS, "riskfmt", interrupted)
    code, _out, err = inproc(capsys, "convert", "--from", "riskfmt", str(MINIMAL), "-o", str(tmp_path / "out.json"))
    assert code == 130 and "Interrupted." in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []

    import riskfmt._quick
    from riskfmt.cli import main

    def stop(args: list[str]) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(riskfmt._quick, "attempt", stop)
    with pytest.raises(SystemExit) as exit_:
        main(["validate", str(MINIMAL)])
    assert exit_.value.code == 130


# ---- 3. YAML 1.1 readings -------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [("01461", 1461), ("13:37", "13:37"), ("8_1_7", "8_1_7"),
                                             ("yes", "yes"), ("0o1461", 817), ("817", 817), ("1e3", 1000.0)])
def test_yaml_scalars_read_as_yaml_1_2(text: str, value: object) -> None:
    from riskfmt.loading import load_bytes

    document = load_bytes(f"n: {text}\n".encode(), "x.yaml")
    assert document.data == {"n": value} and type(document.data["n"]) is type(value)
    expected = set() if text in ("817",) else {"RF113"}
    assert {f.code for f in document.findings} == expected


def test_a_signature_over_817_verifies_for_no_yaml_1_1_spelling(tmp_path: Path) -> None:
    doc = minimal()
    (tmp_path / "r.json").write_text(json.dumps(doc))
    assert cli("keygen", "-o", str(tmp_path / "k.pem")).returncode == 0
    assert cli("sign", str(tmp_path / "r.json"), "--key", str(tmp_path / "k.pem"), "-o",
               str(tmp_path / "sig.json")).returncode == 0
    import yaml

    text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
    assert "n: 817" in text
    (tmp_path / "same.yaml").write_text(text)
    assert cli("verify", str(tmp_path / "same.yaml"), "--signature", str(tmp_path / "sig.json"), "--key",
               str(tmp_path / "k.pem.pub")).returncode == 0
    for spelling in ("01461", "13:37", "8_1_7", "0b1100110001"):
        (tmp_path / "forged.yaml").write_text(text.replace("n: 817", f"n: {spelling}"))
        proc = cli("verify", str(tmp_path / "forged.yaml"), "--signature", str(tmp_path / "sig.json"), "--key",
                   str(tmp_path / "k.pem.pub"))
        assert proc.returncode == 1, (spelling, proc.stdout, proc.stderr)


# ---- 4. Control characters in output --------------------------------------------------------------


def test_keys_cannot_forge_ci_log_lines(tmp_path: Path) -> None:
    doc = minimal()
    doc["model"]["x\n::error file=ok.json,line=1::forged\r\nok.json:1:1: error RF000 forged\x1b[2J\u202e"] = 1
    path = tmp_path / "evil\nname.json"
    path.write_text(json.dumps(doc))
    for fmt in ("text", "github"):
        proc = cli("validate", "--format", fmt, str(path))
        assert proc.returncode == 1
        lines = proc.stdout.splitlines()
        assert not any(line.startswith(("::error file=ok.json", "ok.json:")) for line in lines), lines
        assert "\x1b" not in proc.stdout and "\u202e" not in proc.stdout and "\r" not in proc.stdout
        assert "RF302" in proc.stdout
    assert "\\n::error" in cli("validate", str(path)).stdout  # shown, escaped, not hidden


def test_printable_keeps_chinese_and_escapes_only_controls() -> None:
    from riskfmt.render.safe import printable

    assert printable("风险编号 R0013\t值") == "风险编号 R0013\t值"
    assert printable("a\nb\rc\x00d\x85e\u2028f\u202eg") == "a\\nb\\rc\\x00d\\x85e\\u2028f\\u202eg"


# ---- 5. Findings without bound --------------------------------------------------------------------


def _with_duplicates(tmp_path: Path, rows: int) -> Path:
    doc = minimal()
    doc["evaluations"][0]["samples"] = {"inline": [{"sample_id": "same", "score": 1.0}] * rows}
    doc["report_id"] = riskfmt.report_id(doc)
    path = tmp_path / f"dups{rows}.json"
    path.write_text(json.dumps(doc))
    return path


def test_findings_per_code_are_capped_with_a_summary(tmp_path: Path) -> None:
    path = _with_duplicates(tmp_path, 41)
    proc = cli("validate", "--format", "json", "--max-findings-per-code", "10", str(path))
    findings = json.loads(proc.stdout)["findings"]
    assert [f["code"] for f in findings].count("RF514") == 10
    summary = [f for f in findings if f["code"] == "RF520"]
    assert len(summary) == 1 and "30 more RF514" in summary[0]["message"] and summary[0]["severity"] == "error"
    assert proc.returncode == 1


def test_below_the_cap_nothing_changes(tmp_path: Path) -> None:
    path = _with_duplicates(tmp_path, 9)  # 8 duplicates of the first row
    at_cap = cli("validate", "--format", "json", "--max-findings-per-code", "8", str(path)).stdout
    free = cli("validate", "--format", "json", "--max-findings-per-code", "0", str(path)).stdout
    default = cli("validate", "--format", "json", str(path)).stdout
    assert json.loads(free)["findings"] == json.loads(default)["findings"] == json.loads(at_cap)["findings"]
    assert [f["code"] for f in json.loads(free)["findings"]] == ["RF514"] * 8


def test_a_samples_file_of_duplicates_stays_small(tmp_path: Path) -> None:
    body = b'{"sample_id": "same", "score": 1.0}\n' * 20_000
    (tmp_path / "s.jsonl").write_bytes(body)
    doc = minimal()
    doc["evaluations"][0]["samples"] = {"file": {"path": "s.jsonl", "rows": 20_000,
                                                 "digest": "sha256:" + hashlib.sha256(body).hexdigest()}}
    doc["report_id"] = riskfmt.report_id(doc)
    (tmp_path / "r.json").write_text(json.dumps(doc))
    result = riskfmt.validate([tmp_path / "r.json"])
    found = [f.code for f in result.findings]
    assert found.count("RF514") == 1000 and found.count("RF520") == 1
    assert next(f for f in result.findings if f.code == "RF520").params["more"] == "18999"


# ---- 6. Duplicate keys in samples-file lines --------------------------------------------------------


def test_duplicate_keys_inside_samples_lines_are_found(tmp_path: Path) -> None:
    lines = [b'{"sample_id": "a", "score": 1.0}', b'{"sample_id": "b", "score": 0.0, "score": 1.0}',
             b'{"sample_id": "c", "score": 1.0}']
    body = b"\n".join(lines) + b"\n"
    (tmp_path / "s.jsonl").write_bytes(body)
    doc = minimal()
    doc["evaluations"][0]["samples"] = {"file": {"path": "s.jsonl", "rows": 3,
                                                 "digest": "sha256:" + hashlib.sha256(body).hexdigest()}}
    doc["report_id"] = riskfmt.report_id(doc)
    (tmp_path / "r.json").write_text(json.dumps(doc))
    found = [(f.code, f.location.line, f.params.get("key")) for f in riskfmt.validate([tmp_path / "r.json"]).findings]
    assert found == [("RF105", 2, "score")]


# ---- 7. Numbers and text Python can parse but not carry ---------------------------------------------


def test_an_integer_of_100000_digits_is_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    text = json.dumps(minimal()).replace('"n": 817', '"n": ' + "9" * 100_000)
    path.write_text(text)
    for args in (["validate", str(path)], ["digest", str(path)], ["convert", "--from", "riskfmt", str(path)]):
        proc = cli(*args)
        assert proc.returncode in (1, 2), (args, proc.stderr[-500:])
        assert "RF114" in proc.stdout + proc.stderr and "Traceback" not in proc.stderr
    (tmp_path / "big.yaml").write_text("n: " + "9" * 100_000 + "\n")
    assert "RF114" in cli("validate", str(tmp_path / "big.yaml")).stdout


def test_a_lone_surrogate_in_producer_json_is_a_finding(tmp_path: Path) -> None:
    raw = LM_EVAL.read_bytes()
    data = json.loads(raw)
    task = next(iter(data["results"]))
    data["results"][task]["alias"] = "\ud800"  # json.dumps writes it as the escape \ud800
    source = tmp_path / LM_EVAL.name
    source.write_text(json.dumps(data))
    proc = cli("convert", "--from", "lm-eval", str(source), "-o", str(tmp_path / "out.json"))
    assert proc.returncode in (1, 2) and "Traceback" not in proc.stderr, proc.stderr
    assert "RF115" in proc.stdout + proc.stderr and not (tmp_path / "out.json").exists()
    (tmp_path / "doc.json").write_text(json.dumps(minimal()).replace('"example-model-7b"', '"x\\udc00"'))
    proc = cli("validate", str(tmp_path / "doc.json"))
    assert proc.returncode == 1 and "RF115" in proc.stdout


# ---- 8. Expansion of configs ------------------------------------------------------------------------


def test_a_small_opencompass_config_cannot_expand_without_bound() -> None:
    import tracemalloc

    from riskfmt.convert.opencompass import parse_config

    lists = "\n".join(["a0 = ['xxxxxxxx', 'yyyyyyyy']"] + [f"a{i} = [a{i - 1}, a{i - 1}]" for i in range(1, 31)])
    text = "\n".join(["s0 = 'xxxxxxxxxxxxxxxx'"] + [f"s{i} = s{i - 1} + s{i - 1}" for i in range(1, 40)])
    assert len(lists) < 600  # 2^30 values if every reference were copied in full
    tracemalloc.start()
    from riskfmt.convert.opencompass import ConfigTooLarge

    try:
        with pytest.raises(ConfigTooLarge):  # the converter turns this into RF642 and reads the run without it
            parse_config(lists + "\n" + text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 200 << 20
    assert parse_config(lists.split("\na4")[0])["a3"] == [[[["xxxxxxxx", "yyyyyyyy"]] * 2] * 2] * 2  # small ones kept


# ---- properties -------------------------------------------------------------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.text())
def test_printable_text_is_one_line_with_no_controls(text: str) -> None:
    import unicodedata

    from riskfmt.render.safe import printable

    out = printable(text)
    assert not any(unicodedata.category(c) == "Cc" and c != "\t" for c in out)
    assert "\u2028" not in out and "\u2029" not in out and "\u202e" not in out
    if all(unicodedata.category(c) != "Cc" and c not in "\u2028\u2029\u061c\u200e\u200f" and
           not "\u202a" <= c <= "\u202e" and not "\u2066" <= c <= "\u2069" for c in text):
        assert out == text  # nothing else is touched


@given(st.integers(min_value=-(2**53) + 1, max_value=2**53 - 1))
def test_yaml_and_json_integers_in_range_read_exactly(value: int) -> None:
    from riskfmt.loading import load_bytes

    for raw, name in ((f"n: {value}\n".encode(), "x.yaml"), (f'{{"n": {value}}}'.encode(), "x.json")):
        document = load_bytes(raw, name)
        assert document.data == {"n": value} and document.findings == []


@given(st.integers(min_value=2**53, max_value=10**4000), st.booleans())
def test_integers_out_of_range_are_refused(magnitude: int, negative: bool) -> None:
    value = -magnitude if negative else magnitude
    from riskfmt.loading import load_bytes

    for raw, name in ((f"n: {value}\n".encode(), "x.yaml"), (f'{{"n": {value}}}'.encode(), "x.json")):
        document = load_bytes(raw, name)
        assert not document.parsed and [f.code for f in document.findings] == ["RF116"]


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30))
def test_quoted_yaml_scalars_are_always_text(text: str) -> None:
    from riskfmt.loading import load_bytes

    document = load_bytes(("n: " + json.dumps(text, ensure_ascii=False) + "\n").encode(), "x.yaml")
    assert document.data == {"n": text}
