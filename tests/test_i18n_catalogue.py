"""The one catalogue of the interface's Chinese: ``src/riskfmt/i18n/zh_CN.po``, a gettext PO file that GNU
gettext itself accepts, compiled into the table riskfmt reads (``riskfmt/i18n/zh.py``) without drift; the
modules whose texts moved there hold no Chinese of their own any more."""

from __future__ import annotations

import gettext
import importlib.util
import re
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


# ---- one catalogue: no Chinese outside it, no entry without a use, no text looked up without an entry ------

SRC = ROOT / "src" / "riskfmt"
_HAN = re.compile(r"[\u4e00-\u9fff]")

# Modules that keep Chinese because it is data, not interface text; each with the reason.
DATA_MODULES = {
    "corpus/schema.py": "the corpus tables' own schema: its Chinese descriptions are published as the "
                        "alt_descriptions of schemas/linkml/corpus.yaml, which this module generates, as every other "
                        "schema's Chinese lives in its LinkML source",
    "convert/zh_labels.py": "reads Chinese benchmarks' category labels: the spellings it normalises (侵害 as 侵犯, a "
                            "leading 包含) are facts of the data it reads",
    "integrity/withholding.py": "WITHHELD_TEXT is the value a redacted document carries in place of a withheld title "
                                "({en, zh}), part of the format that readers compare against",
    "cli/_group.py": "the top-level --help shows the tool's one-line description in both languages on purpose (the "
                     "whole help, that line included, is also translated through the catalogue)",
}


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "i18n" not in p.relative_to(SRC).parts[:1])


def test_no_module_outside_the_catalogue_holds_chinese_unless_it_is_data() -> None:
    holding = {p.relative_to(SRC).as_posix() for p in _modules() if _HAN.search(p.read_text(encoding="utf-8"))}
    assert holding - set(DATA_MODULES) == set(), "move these texts into src/riskfmt/i18n/zh_CN.po"
    assert set(DATA_MODULES) - holding == set(), "these declared data modules hold no Chinese any more"


def test_the_han_check_sees_a_chinese_string(tmp_path: Path) -> None:
    # the check above must be able to fail: the same pattern finds a Chinese literal in a module's text
    assert _HAN.search('why_zh="不是简单值"')
    assert not _HAN.search('why="not a plain value", why_zh="：" + "、".join(x)')  # punctuation alone is not text


def _literals(path: Path) -> set[str]:
    """Every string literal of a Python file (adjacent literals joined, as Python joins them), and each
    docstring as Click shows it (dedented)."""
    import ast
    import inspect

    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            out.add(node.value)
            out.add(inspect.cleandoc(node.value))
    return out


def _used_texts() -> set[str]:
    import click

    from riskfmt.cli._group import cli
    from riskfmt.i18n import help_texts
    from riskfmt.mappings import load_crosswalk
    from riskfmt.vocab import load_vocabulary

    used = {text for _, text in help_texts(cli)}  # help as Click shows it (some is joined from pieces)
    for path in [*_modules(), *sorted((ROOT / "docs" / "gen").glob("*.py")),
                 *sorted(Path(click.__file__).parent.glob("*.py"))]:
        used |= _literals(path)
    # texts that come from the vocabulary's data, shown through the catalogue by riskfmt vocab
    vocab = load_vocabulary()
    used |= {c.status for c in vocab}
    used |= {m.predicate_id for rows in load_crosswalk(vocab.version).by_concept.values() for m in rows}
    return used


def test_every_catalogue_entry_is_used_somewhere() -> None:
    used = _used_texts()
    unused = sorted({key.partition("\x04")[2] or key for key in ZH} - used)
    assert unused == [], "entries of zh_CN.po whose English no module, docs hook or Click uses: remove them"


def test_an_entry_nobody_uses_is_found() -> None:
    used = _used_texts()
    assert "Comparison of two evaluation reports" in used  # a label of riskfmt diff
    assert "A sentence riskfmt never shows" not in used


# helpers that look a literal English text up: name -> (index of the text argument, its msgctxt, or None when
# the msgctxt is the literal argument after the text)
_LOOKUPS: dict[str, tuple[int, str | None]] = {
    "translate": (0, None), "both": (0, None), "bilingual": (0, "conversion"), "_reason": (0, "conversion"),
    "_why": (0, "incident update"), "_zh": (0, "schema check"), "_listed": (0, "integrity"),
    "t": (0, "vocabulary diff"),
    "lost": (1, "conversion"), "derived": (1, "conversion"), "no_uncertainty": (1, "conversion"),
}
_KEYWORD_LOOKUPS = {"hint": "conversion"}  # builder.defaulted(..., hint="...")


def _looked_up() -> list[tuple[str, str, str]]:
    """(where, msgctxt, English) of every literal text the source looks up in the catalogue."""
    import ast

    found: list[tuple[str, str, str]] = []
    for path in _modules():
        module = path.relative_to(SRC).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else \
                node.func.attr if isinstance(node.func, ast.Attribute) else ""
            args = node.args
            if name == "params" and len(args) >= 3:  # params("why", "English", "context")
                args = args[1:]
                name = "both"
            if name in _LOOKUPS and len(args) > _LOOKUPS[name][0]:
                index, context = _LOOKUPS[name]
                text = args[index]
                if context is None:
                    ctx_arg = args[-1] if name == "translate" and len(args) == 3 else \
                        args[index + 1] if len(args) > index + 1 else None
                    if not (isinstance(ctx_arg, ast.Constant) and isinstance(ctx_arg.value, str)):
                        continue  # no msgctxt, or a computed one: the command-line texts, checked by missing()
                    context = ctx_arg.value
                if isinstance(text, ast.Constant) and isinstance(text.value, str) and text.value:
                    found.append((f"{module}:{node.lineno}", context, text.value))
            if name == "defaulted":
                for keyword in node.keywords:
                    if keyword.arg in _KEYWORD_LOOKUPS and isinstance(keyword.value, ast.Constant):
                        found.append((f"{module}:{node.lineno}", _KEYWORD_LOOKUPS[keyword.arg], keyword.value.value))
    return found


def test_every_text_looked_up_has_an_entry() -> None:
    found = _looked_up()
    assert len(found) > 250  # the scan sees the calls (a renamed helper would make it see none)
    lacking = [(where, context, text) for where, context, text in found if f"{context}\x04{text}" not in ZH]
    assert lacking == [], "add these to src/riskfmt/i18n/zh_CN.po (msgctxt, msgid)"


def test_every_lookup_table_has_its_entries_and_a_gap_is_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    from riskfmt.cli.i18n_coverage import LOOKUP_TABLES, missing
    from riskfmt.compare import render

    assert len(LOOKUP_TABLES) >= 15
    monkeypatch.setitem(render._LABELS, "new", "A label nobody translated yet")
    assert ("riskfmt.compare.render (msgctxt comparison)", "A label nobody translated yet") in missing()
