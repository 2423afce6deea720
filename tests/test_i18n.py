"""Chinese everywhere a user reads on the command line: help of every command and option, Click's usage
lines and errors, vocabulary listings; English stays the default."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from conftest import ROOT

from riskfmt.cli._group import COMMAND_SUMMARIES, cli
from riskfmt.i18n import help_texts, ui_language
from riskfmt.i18n.zh import ZH

HAN = range(0x4E00, 0xA000)


def han(text: str) -> int:
    return sum(ord(ch) in HAN for ch in text)


def riskfmt(*args: str, lang: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "RISKFMT_LANG"}
    if lang:
        env["RISKFMT_LANG"] = lang
    return subprocess.run([sys.executable, "-m", "riskfmt", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120)


def test_every_help_text_has_chinese() -> None:
    missing = [(where, text) for where, text in help_texts(cli) if text not in ZH]
    missing += [(name, text) for name, text in COMMAND_SUMMARIES.items() if text not in ZH]
    assert not missing, ("add them to src/riskfmt/i18n/zh_CN.po and run tools/i18n_catalogue.py "
                         "(python -m riskfmt.i18n lists them): " + repr(missing[:5]))


def test_catalogue_keeps_click_placeholders() -> None:
    """A translation that drops or renames a {placeholder} would crash or mislead when Click formats it. A
    finding message (msgctxt: its code) may take the Chinese form of a parameter, ``{what_zh}`` for ``{what}``."""
    import re

    placeholders = r"\{[^}]*\}|%\([a-z]+\)s"
    for english, chinese in ZH.items():
        if english.startswith("incident skeleton\x04"):
            continue  # comments of a new report, never formatted: their braces are YAML examples ({zh: ...})
        found_en, found_zh = set(re.findall(placeholders, english)), set(re.findall(placeholders, chinese))
        if re.match(r"RF\d{3}\x04", english):
            found_zh = {re.sub(r"_zh\}$", "}", name) for name in found_zh}
        assert found_en == found_zh, english


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        sub = group.get_command(ctx, name)
        out.append((*prefix, name))
        if isinstance(sub, click.Group):
            out.extend(_commands(sub, (*prefix, name)))
    return out


@pytest.mark.parametrize("command", [(), *_commands(cli)], ids=lambda c: " ".join(c) or "riskfmt")
def test_help_is_chinese_with_riskfmt_lang(command: tuple[str, ...]) -> None:
    zh = riskfmt(*command, "--help", lang="zh")
    en = riskfmt(*command, "--help")
    assert zh.returncode == 0 and en.returncode == 0, zh.stderr
    assert zh.stdout.startswith("用法：") and "显示此帮助信息并退出" in zh.stdout
    assert han(zh.stdout) > 20, zh.stdout
    assert en.stdout.startswith("Usage:") and "Show this message and exit." in en.stdout


def test_lang_option_on_the_command_line_wins() -> None:
    proc = riskfmt("validate", "--lang", "zh", "--help", lang="en")
    assert "退出码" in proc.stdout
    assert ui_language(["validate", "--lang=en"]) == "en"
    assert ui_language(["validate", "--", "--lang", "zh"]) in ("en", "zh")  # after --, it is a file name


def test_usage_errors_in_chinese() -> None:
    proc = riskfmt("validate", "--no-such-option", "x.json", lang="zh")
    assert proc.returncode == 2
    assert "错误：没有选项 '--no-such-option'" in proc.stderr and "查看帮助" in proc.stderr
    missing = riskfmt("diff", "only-one.json", lang="zh")
    assert missing.returncode == 2 and "缺少参数" in missing.stderr
    english = riskfmt("validate", "--no-such-option", "x.json")
    assert "Error: No such option: --no-such-option" in english.stderr or "No such option" in english.stderr


def test_click_still_has_the_names_we_route() -> None:
    """Guard against a Click upgrade that moves its gettext names: the translation would silently stop."""
    import click.core
    import click.exceptions
    import click.formatting

    for module in (click.core, click.exceptions, click.formatting):
        assert callable(getattr(module, "_", None)), module.__name__


def test_vocab_show_and_map_follow_the_language() -> None:
    zh = riskfmt("vocab", "show", "R0013", lang="zh")
    assert zh.returncode == 0 and "定义 [zh]" in zh.stdout and "上位概念" in zh.stdout
    en = riskfmt("vocab", "show", "R0013")
    assert "definition [en]" in en.stdout and "broader" in en.stdout
    mapped = riskfmt("vocab", "map", "ailuminate:iwp", "--lang", "zh")
    assert mapped.returncode == 0 and han(mapped.stdout) > 0
    assert any(word in mapped.stdout for word in ("精确对应", "近似对应", "对应更宽的概念", "对应更窄的概念", "相关"))


def test_vocab_check_finds_unknown_and_deprecated_ids(tmp_path: Path) -> None:
    notes = tmp_path / "task-map.yaml"
    notes.write_text("truthfulqa: [R0013]\nmystery: [R9999]\nnot_an_id: R00131 XR0013\n", encoding="utf-8")
    proc = riskfmt("vocab", "check", str(notes), lang="zh")
    assert proc.returncode == 1
    assert f"{notes}:2:" in proc.stdout and "RF401" in proc.stdout and "R9999" in proc.stdout
    assert "R00131" not in proc.stdout and "R0013\"" not in proc.stdout  # whole ids only; R0013 exists
    assert riskfmt("vocab", "check", str(ROOT / "README.md")).returncode == 0


def test_a_chinese_run_leaves_english_help_behind() -> None:
    """Click caches each command's --help option; a Chinese run first must not make later English help Chinese."""
    import contextlib
    import io

    from riskfmt.cli._group import run

    with contextlib.redirect_stdout(io.StringIO()) as zh:
        run(["validate", "--lang", "zh", "--help"])
    with contextlib.redirect_stdout(io.StringIO()) as en:
        run(["validate", "--help"])
    assert "显示此帮助信息并退出" in zh.getvalue()
    assert "Show this message and exit." in en.getvalue() and han(en.getvalue()) == 0


def test_commands_first_built_in_a_chinese_run_stay_english_afterwards() -> None:
    """A command module imported during a Chinese run builds its Click types in English (their names become
    metavars), so the English help and the generated man pages do not depend on which run came first."""
    import contextlib
    import importlib
    import io
    import sys

    from riskfmt.cli._group import run

    sys.modules.pop("riskfmt.cli.incident", None)
    import riskfmt.cli._group as group

    importlib.reload(group)
    with contextlib.redirect_stdout(io.StringIO()):
        group.run(["incident", "new", "--lang", "zh", "--help"])
    with contextlib.redirect_stdout(io.StringIO()) as en:
        group.run(["incident", "new", "--help"])
    assert "-o, --output" in en.getvalue() and han(en.getvalue()) == 0
    assert run is not None
