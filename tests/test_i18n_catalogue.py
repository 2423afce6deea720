"""The one catalogue of the interface's Chinese: ``src/riskfmt/i18n/zh_CN.po``, a gettext PO file that GNU
gettext itself accepts, compiled into the table riskfmt reads (``riskfmt/i18n/zh.py``) without drift; the
modules whose texts moved there hold no Chinese of their own any more."""

from __future__ import annotations

import gettext
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from riskfmt.i18n.zh import ZH

PO = ROOT / "src" / "riskfmt" / "i18n" / "zh_CN.po"


def _tool() -> object:
    spec = importlib.util.spec_from_file_location("i18n_catalogue", ROOT / "tools" / "i18n_catalogue.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_table_is_what_the_catalogue_gives() -> None:
    tool = _tool()
    expected = tool.table()  # type: ignore[attr-defined]
    actual = (ROOT / "src" / "riskfmt" / "i18n" / "zh.py").read_text(encoding="utf-8")
    assert actual == expected, "src/riskfmt/i18n/zh.py is out of date: run python tools/i18n_catalogue.py"


def test_gnu_gettext_reads_the_catalogue_as_riskfmt_does(tmp_path: Path) -> None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext's msgfmt is not installed")
    mo = tmp_path / "riskfmt.mo"
    done = subprocess.run([msgfmt, "--check", "-o", str(mo), str(PO)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr
    with mo.open("rb") as handle:
        gnu = gettext.GNUTranslations(handle)
    assert len(ZH) > 400
    for key, chinese in ZH.items():
        context, sep, english = key.partition("\x04")
        got = gnu.pgettext(context, english) if sep else gnu.gettext(key)
        assert got == chinese, key


def test_every_entry_is_translated_and_reviewed() -> None:
    tool = _tool()
    for _context, english, chinese in tool.entries():  # type: ignore[attr-defined]
        assert chinese.strip(), english
        assert english.count("{") == chinese.count("{"), (english, chinese)  # the same placeholders


def test_the_listing_of_missing_texts_runs_and_is_empty() -> None:
    done = subprocess.run([sys.executable, "-m", "riskfmt.i18n"], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "0 missing"


def test_a_new_message_without_chinese_is_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    import riskfmt.cli.corpus
    from riskfmt.cli.i18n_coverage import missing

    monkeypatch.setitem(riskfmt.cli.corpus.MESSAGES, "new", "A line nobody translated yet")
    assert ("riskfmt.cli.corpus MESSAGES['new']", "A line nobody translated yet") in missing()


def test_every_finding_code_of_every_table_has_its_chinese_in_the_catalogue() -> None:
    import importlib

    from riskfmt import codes

    tables = [codes._TABLE] + [importlib.import_module(name).TABLE for name in codes._EXTENSIONS]
    specs = [spec for table in tables for spec in table]
    assert len(specs) == len(codes.CODES) > 200
    lacking = [spec.code for spec in specs if f"{spec.code}\x04{spec.en}" not in ZH]
    assert lacking == []
    for spec in specs:
        assert spec.zh == ZH[f"{spec.code}\x04{spec.en}"] != spec.en, spec.code


def test_a_finding_message_without_chinese_is_listed_and_never_shown_in_english(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from riskfmt import codes
    from riskfmt.cli.i18n_coverage import missing

    changed = codes.CodeSpec("RF105", "parse", codes.E, "duplicate-key", "An English text the catalogue lacks")
    monkeypatch.setitem(codes.CODES, "RF105", changed)
    assert ("finding RF105", "An English text the catalogue lacks") in missing()
    assert changed.render("en", {}) == "An English text the catalogue lacks"
    with pytest.raises(KeyError, match=r"RF105.*zh_CN\.po"):
        changed.render("zh", {})


def test_english_findings_do_not_load_the_catalogue() -> None:
    code = ("import sys\nfrom riskfmt.findings import Finding\n"
            "f = Finding.make('RF001', 'x.json', path='x.json')\nassert f.message('en') == 'File not found: x.json'\n"
            "assert 'riskfmt.i18n.zh' not in sys.modules\n"
            "assert f.message('zh') == '找不到文件：x.json'\nassert 'riskfmt.i18n.zh' in sys.modules\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr


def test_a_label_without_chinese_fails_at_import() -> None:
    from riskfmt.i18n import pair

    assert pair("Evaluation report", "label:report_title", "label") == ("Evaluation report", "评估报告")
    with pytest.raises(KeyError, match=r"zh_CN\.po"):
        pair("A label nobody translated", "label")


@pytest.mark.parametrize("module", ["src/riskfmt/cli/corpus.py", "src/riskfmt/cli/integrity.py",
                                    "src/riskfmt/cli/incident.py", "src/riskfmt/cli/vocab.py",
                                    "src/riskfmt/views/labels.py", "src/riskfmt/integrity/codes.py",
                                    "src/riskfmt/incident/codes.py", "src/riskfmt/compare/codes.py",
                                    "src/riskfmt/corpus/codes.py"])
def test_moved_modules_hold_no_chinese(module: str) -> None:
    text = (ROOT / module).read_text(encoding="utf-8")
    assert not [ch for ch in text if 0x4E00 <= ord(ch) < 0xA000], module


def test_the_command_lines_speak_chinese_from_the_catalogue(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    from riskfmt.cli import run

    # a line of the command's own (incident's MESSAGES), in Chinese through the catalogue, and in English
    out = tmp_path / "incident.yaml"
    out.write_text("x", encoding="utf-8")
    assert run(["incident", "new", "--lang", "zh", "-o", str(out)]) == 2
    assert f"{out} 已存在；riskfmt incident new 不会覆盖已有文件" in capsys.readouterr().err
    assert run(["incident", "new", "-o", str(out)]) == 2
    assert f"{out} exists; riskfmt incident new never replaces a file" in capsys.readouterr().err


def test_docs_summaries_come_from_the_catalogue() -> None:
    sys.path.insert(0, str(ROOT / "docs" / "gen"))
    try:
        hooks = pytest.importorskip("hooks")
    finally:
        sys.path.remove(str(ROOT / "docs" / "gen"))
    pages = hooks.command_pages()
    assert ZH["Check reports against the format, the vocabulary and the rules."] in pages["commands/validate.zh.md"]
    assert not hasattr(hooks, "COMMANDS_ZH")


def test_vocab_headings_statuses_and_predicates_have_chinese() -> None:
    from riskfmt.cli.vocab import SHOW_HEADINGS
    from riskfmt.mappings import load_crosswalk
    from riskfmt.vocab import load_vocabulary

    assert all(f"vocab show\x04{text}" in ZH for text in SHOW_HEADINGS.values())
    vocab = load_vocabulary()
    assert all(f"concept status\x04{c.status}" in ZH for c in vocab)
    predicates = {m.predicate_id for rows in load_crosswalk(vocab.version).by_concept.values() for m in rows}
    assert predicates and all(f"mapping predicate\x04{p}" in ZH for p in predicates)
