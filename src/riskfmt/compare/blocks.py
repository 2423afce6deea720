"""The blocks a comparison is drawn with (headings, paragraphs, bullet lists, tables) and the two plain
renderers that turn the same blocks into Markdown or into terminal text. Shared by ``riskfmt diff``,
``riskfmt compare`` and ``riskfmt vocab diff``; the HTML views draw the same blocks (``riskfmt.views``).

Texts are either one string or an (English, Chinese) pair. Inline marks are Markdown's own: `code` and
**strong**; the text renderer drops the marks.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = [
    "Block",
    "Bullets",
    "Cell",
    "Heading",
    "Para",
    "Table",
    "Text",
    "pick",
    "render_blocks",
    "render_markdown",
    "render_text",
]

Text = str | tuple[str, str]


def pick(text: Text, lang: str) -> str:
    from riskfmt.render.safe import printable  # ids and labels come from documents: never a raw line break

    if isinstance(text, tuple):
        return printable(text[1] if lang == "zh" else text[0])
    return printable(text)


@dataclass
class Heading:
    text: Text
    level: int = 2


@dataclass
class Para:
    text: Text
    style: str = ""


@dataclass
class Bullets:
    items: list[Text]
    styles: list[str] = field(default_factory=list)


@dataclass
class Cell:
    text: Text
    style: str = ""  # good | bad | warn | dim | strong


@dataclass
class Table:
    header: list[Text]
    rows: list[list[Cell]]
    align: str = ""  # one letter per column, l or r; left when missing


Block = Heading | Para | Bullets | Table

# ---- renderers -----------------------------------------------------------------------------------------

_COLOURS = {"good": "\033[32m", "bad": "\033[31m", "warn": "\033[33m", "dim": "\033[2m", "strong": "\033[1m"}
_RESET = "\033[0m"


def _plain(text: str) -> str:
    return text.replace("**", "").replace("`", "")


def _paint(text: str, style: str, color: bool) -> str:
    if not color or not style or style not in _COLOURS or not text:
        return text
    return f"{_COLOURS[style]}{text}{_RESET}"


def _width(text: str) -> int:
    """Columns a string takes on a terminal: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 0 if unicodedata.combining(ch) else 1
               for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(blocks: Sequence[Block], lang: str = "en") -> str:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            lines += ["#" * block.level + " " + pick(block.text, lang), ""]
        elif isinstance(block, Para):
            lines += [pick(block.text, lang), ""]
        elif isinstance(block, Bullets):
            lines += [f"- {pick(item, lang)}" for item in block.items] + [""]
        elif isinstance(block, Table):
            header = [_md_cell(pick(h, lang)) for h in block.header]
            rule = ["---:" if block.align[i:i + 1] == "r" else "---" for i in range(len(header))]
            lines.append("| " + " | ".join(header) + " |")
            lines.append("|" + "|".join(rule) + "|")
            for row in block.rows:
                lines.append("| " + " | ".join(_md_cell(pick(c.text, lang)) for c in row) + " |")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_text(blocks: Sequence[Block], lang: str = "en", color: bool = False) -> str:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            lines += [_paint("#" * block.level + " " + _plain(pick(block.text, lang)), "strong", color), ""]
        elif isinstance(block, Para):
            lines += [_paint(_plain(pick(block.text, lang)), block.style, color), ""]
        elif isinstance(block, Bullets):
            for i, item in enumerate(block.items):
                style = block.styles[i] if i < len(block.styles) else ""
                lines.append("- " + _paint(_plain(pick(item, lang)), style, color))
            lines.append("")
        elif isinstance(block, Table):
            header = [_plain(pick(h, lang)) for h in block.header]
            cells = [[_plain(pick(c.text, lang)) for c in row] for row in block.rows]
            widths = [max([_width(header[i])] + [_width(r[i]) for r in cells]) for i in range(len(header))]
            right = [block.align[i:i + 1] == "r" for i in range(len(header))]
            head = "  ".join(_pad(h, widths[i], right[i]) for i, h in enumerate(header)).rstrip()
            lines.append(_paint(head, "strong", color))
            lines.append("  ".join("─" * w for w in widths))
            for row, texts in zip(block.rows, cells, strict=True):
                parts = [_paint(_pad(t, widths[i], right[i]), row[i].style, color) for i, t in enumerate(texts)]
                lines.append("  ".join(parts).rstrip())
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_blocks(blocks: Sequence[Block], fmt: str, lang: str = "en", color: bool = False) -> str:
    if fmt == "markdown":
        return render_markdown(blocks, lang)
    if fmt == "text":
        return render_text(blocks, lang, color)
    raise ValueError(f"unknown format {fmt!r} (text, markdown)")
