"""MkDocs hook: adds the generated pages of the documentation site while it builds.

Generated here, never checked in, so they cannot drift from what they describe:
- `commands/<name>.md`: one page per `riskfmt` command, from the Click commands themselves (mkdocs-click);
- `api.md`: the Python API reference, one mkdocstrings block per name in `riskfmt.__all__`;
- `findings.zh.md` and `format/*.zh.md`: the Chinese pages of the two references that `python tools/build.py`
  writes in English (the finding messages come from `riskfmt.codes` in both languages);
- `vocab/...`: the vocabulary browse pages and the release's SSSOM and download files (`vocab_pages.py`).

It runs before mkdocs-static-i18n sorts the files by language (that plugin's `on_files` has priority -100).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from markdown.extensions import Extension  # noqa: E402
from markdown.preprocessors import Preprocessor  # noqa: E402
from vocab_pages import vocabulary_pages  # noqa: E402


def _commands() -> list[tuple[str, str, str, str]]:
    """(name, module, attribute, English summary) of every command `riskfmt --help` lists."""
    import click

    from riskfmt.cli import cli
    from riskfmt.cli._group import _COMMANDS

    with click.Context(cli, info_name="riskfmt") as ctx:
        names = cli.list_commands(ctx)
    return [(name, *_COMMANDS[name]) for name in names]


def _chinese(name: str, summary: str) -> str:
    """A command's summary in Chinese, from the interface's one catalogue (src/riskfmt/i18n/zh_CN.po). A command
    without one fails the build, so a new command cannot appear on the Chinese site without its summary."""
    from riskfmt.i18n import translate

    chinese = translate(summary, "zh")
    if chinese == summary:
        raise SystemExit(f"docs/gen/hooks.py: command {name!r} has no Chinese summary in src/riskfmt/i18n/zh_CN.po")
    return chinese


def command_pages() -> dict[str, str]:
    pages: dict[str, str] = {}
    rows_en, rows_zh = [], []
    for name, module, attr, summary in _commands():
        summary_zh = _chinese(name, summary)
        block = ["::: mkdocs-click", f"    :module: {module}", f"    :command: {attr}",
                 f"    :prog_name: riskfmt {name}", "    :depth: 1", "    :style: table", "    :list_subcommands: true", ""]
        pages[f"commands/{name}.md"] = "\n".join([f"# riskfmt {name}", "", summary, "", *block])
        pages[f"commands/{name}.zh.md"] = "\n".join([
            f"# riskfmt {name}", "", summary_zh, "",
            "以下用法与选项说明直接取自命令的定义，因此与所安装的版本保持一致（目前为英文）。"
            "所有命令均支持 `--lang zh`（或环境变量 `RISKFMT_LANG=zh`）以中文输出检查结果。", "", *block])
        rows_en.append(f"| [`riskfmt {name}`]({name}.md) | {summary} |")
        rows_zh.append(f"| [`riskfmt {name}`]({name}.md) | {summary_zh} |")
    pages["commands/index.md"] = "\n".join([
        "# Commands", "",
        "`riskfmt` is a thin command line over the Python API. Every command exits 0 when clean, 1 for findings "
        "at or above `--fail-on`, 2 for a usage or input/output error and 3 for an internal error; none prints a "
        "Python traceback unless `riskfmt --traceback` is given.", "",
        "| command | what it does |", "|---|---|", *rows_en, ""])
    pages["commands/index.zh.md"] = "\n".join([
        "# 命令", "",
        "`riskfmt` 命令行只是 Python 接口之上的一层薄封装。各命令的退出码含义一致：0 表示未发现问题，1 表示存在达到 "
        "`--fail-on` 级别的问题，2 表示用法错误或输入输出错误，3 表示内部错误；除非指定 `riskfmt --traceback`，"
        "否则不会输出 Python 调用栈。", "",
        "| 命令 | 用途 |", "|---|---|", *rows_zh, ""])
    return pages


def api_pages() -> dict[str, str]:
    import riskfmt

    lazy: dict[str, str] = riskfmt._LAZY
    blocks = []
    for name in sorted(n for n in riskfmt.__all__ if n in lazy):
        blocks += [f"::: {lazy[name]}.{name}", "    options:", "      show_root_heading: true",
                   "      show_root_full_path: false", "      heading_level: 2", ""]
    en = ["# Python API", "",
          "Everything the command line does is available from Python. `import riskfmt` is cheap: the names below "
          "are imported on first use.", "", "```python", "import riskfmt", "",
          'result = riskfmt.validate(["report.json"])', "for finding in result.findings:",
          '    print(finding.code, finding.location.pointer, finding.message("zh"))', "```", "", *blocks]
    zh = ["# Python 接口", "",
          "命令行的全部功能都可以在 Python 中直接调用。`import riskfmt` 开销很小，下列名称在首次使用时才会导入。"
          "各接口的说明取自源代码中的文档字符串（英文）。", "", "```python", "import riskfmt", "",
          'result = riskfmt.validate(["report.json"])', "for finding in result.findings:",
          '    print(finding.code, finding.location.pointer, finding.message("zh"))', "```", "", *blocks]
    return {"api.md": "\n".join(en), "api.zh.md": "\n".join(zh)}


def findings_zh() -> str:
    from riskfmt import codes

    lines = ["# 发现项编号", "",
             "riskfmt 报告的每个问题都有一个稳定的编码。编码的含义永不改变，也绝不复用。表中的严重程度为默认值；"
             "`--fail-on` 决定哪些严重程度会使 `riskfmt validate` 以退出码 1 结束。“输入与输出”类问题使其以退出码 2 结束。",
             ""]
    from riskfmt.i18n import translate

    for category, title in codes.CATEGORY_TITLES.items():
        heading = translate(title, "zh", "finding category")
        lines += [f"## {heading}", "", "| 编码 | 名称 | 严重程度 | 消息 |", "|---|---|---|---|"]
        for spec in sorted(codes.CODES.values(), key=lambda c: c.code):
            if spec.category == category:
                zh = spec.zh.replace("|", "\\|")
                severity = translate(spec.severity.label, "zh", "finding severity")
                lines.append(f"| {spec.code} | {spec.title} | {severity} | {zh} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


_FORMAT_HEADER = "| field | type | required | description |"


def format_zh(text: str) -> str:
    """The Chinese page of a generated format reference: Chinese chrome around the same field tables."""
    kind = re.search(r"^# Format reference: (\S+) (\S+)", text, re.M)
    assert kind, "unexpected format reference heading"
    names = {"evaluation-report": "评估报告", "incident-report": "事件报告", "diff-result": "比较结果",
             "vocabulary": "词表"}
    title = f"# 格式参考：{names.get(kind.group(1), kind.group(1))}（{kind.group(1)}）{kind.group(2)} 版"
    intro = ("本页由 `python tools/build.py` 根据 LinkML 源文件生成，与发布的 JSON Schema（draft 2020-12）完全一致。"
             "字段名、类型和约束与语言无关；字段说明取自 LinkML 源文件，目前只有英文。")
    body = text.split("\n", 1)[1]
    body = body.replace(_FORMAT_HEADER, "| 字段 | 类型 | 必填 | 说明 |").replace("| yes |", "| 是 |")
    body = re.sub(r"^Values: ", "取值：", body, flags=re.M)
    body = re.sub(r"^Schema: ", "Schema：", body, flags=re.M)
    return f"{title}\n\n{intro}\n{body}"


# Where the generated pages go. mkdocs-static-i18n re-reads every page from the docs folder, so generated pages
# cannot stay in memory: they are written into these git-ignored places, and only when their content changed
# (so `mkdocs serve` does not rebuild forever).
GENERATED_DIRS = ("commands", "vocab")


def generated_files(docs: Path) -> dict[str, bytes]:
    """Every generated file of the site, {docs-relative path: bytes}."""
    pages = {**command_pages(), **api_pages(), "findings.zh.md": findings_zh()}
    for fmt in sorted((docs / "format").glob("*.md")):
        if not fmt.name.endswith(".zh.md"):
            pages[f"format/{fmt.stem}.zh.md"] = format_zh(fmt.read_text(encoding="utf-8"))
    site = vocabulary_pages(ROOT / "schemas", ROOT / "schemas" / "vocab" / "benchmarks")
    pages.update(site.pages)
    out = {path: text.encode("utf-8") for path, text in pages.items()}
    out.update({path: source.read_bytes() for path, source in site.files.items()})
    return out


def write_generated(docs: Path) -> list[str]:
    """Write the generated files into the docs folder, remove stale ones; returns what changed."""
    wanted = generated_files(docs)
    changed = []
    for folder in GENERATED_DIRS:
        for path in sorted((docs / folder).rglob("*")) if (docs / folder).is_dir() else []:
            rel = path.relative_to(docs).as_posix()
            if path.is_file() and rel not in wanted:
                path.unlink()
                changed.append(rel)
    for rel, data in sorted(wanted.items()):
        target = docs / rel
        if not target.is_file() or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            changed.append(rel)
    return changed


class _ClickVerbatim(Preprocessor):
    """Click prints a paragraph marked with \\b as it is; the riskfmt commands use such paragraphs for their usage
    forms (`riskfmt redact ... [--tlp LABEL [--lower-marking]]`). mkdocs-click drops the marker and passes the
    lines on as Markdown, where the brackets read as links: lines of a description that start with `riskfmt `
    become a code block again."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        fenced = verbatim = False
        for line in lines:
            # Click 8.3 marks an unset default with a sentinel that mkdocs-click prints as is
            line = line.replace("`Sentinel.UNSET`", "")
            if line.startswith("```"):
                fenced = not fenced
            starts = not fenced and line.startswith("riskfmt ")
            if starts and not verbatim:
                out.append("```text")
                verbatim = True
            elif verbatim and not starts:
                out.append("```")
                verbatim = False
            out.append(line)
        if verbatim:
            out.append("```")
        return out


_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_CJK_BREAK = re.compile(f"(?<=[{_CJK}])\n[ \t]*(?=[{_CJK}])")


class _JoinChineseLines(Preprocessor):
    """A line break inside a paragraph renders as a space, which Chinese text does not have between characters
    ("工程细节。 词表"): lines of a paragraph that end and begin with Chinese characters are joined first."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        block: list[str] = []
        fenced = False
        for line in [*lines, "```"]:  # the sentinel flushes the last block
            if line.lstrip().startswith(("```", "~~~")):
                out += _CJK_BREAK.sub("", "\n".join(block)).split("\n") if block and not fenced else block
                block = []
                fenced = not fenced
                out.append(line)
                continue
            block.append(line)
        return out[:-1]


class _ClickVerbatimExtension(Extension):
    def extendMarkdown(self, md: Any) -> None:
        # after mkdocs-click (priority 141) has expanded its blocks, before fenced code is read
        md.preprocessors.register(_ClickVerbatim(md), "riskfmt_click_verbatim", 140)
        md.preprocessors.register(_JoinChineseLines(md), "riskfmt_join_chinese_lines", 139)


def on_config(config: Any) -> Any:
    config.markdown_extensions.append(_ClickVerbatimExtension())
    return config


def on_pre_build(config: Any) -> None:
    write_generated(Path(config["docs_dir"]))


_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def on_post_page(output: str, page: Any, config: Any) -> str:
    # Material reads `<link rel="alternate">` as the root of another language and fetches its sitemap.xml from
    # there; mkdocs-static-i18n points these links at the same page in the other language, so every page asked for
    # a missing `<page>/sitemap.xml` (a 404 and a console error). The language selector in the header links
    # each page to its other-language page by itself, so the head links are dropped.
    return _ALTERNATE.sub("", output)
