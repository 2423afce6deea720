"""Building HTML safely, in one language or both: the only place a view turns text into markup.

Every string that reaches the page goes through ``esc`` (``html.escape`` with quotes), so a report written by
an untrusted party cannot add an element, an attribute or a script, whatever its titles and notes contain.
Markup is built from literals here and in the views; nothing from a document is ever placed inside a tag
name, an attribute name, a URL or a style. Element ids are generated (``Page.anchor``), never taken from
a document.

A text is an English string, a Chinese string, or both: ``Label`` is an (English, Chinese) pair from the
view catalogue (``riskfmt.views.labels``), and ``LangText`` is a document's ``{"en": ..., "zh": ...}``.
``Page.lang`` is ``en``, ``zh`` or ``both``; with ``both`` each label shows both languages side by side, each
marked with its ``lang`` attribute (so a screen reader and a browser's font choice get it right).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Any

from riskfmt.integrity.markings import TLP_LEVELS

__all__ = ["LANGS", "Page", "esc"]

LANGS = ("en", "zh", "both")
_HTML_LANG = {"en": "en", "zh": "zh-Hans", "both": "en"}

Label = tuple[str, str]


def esc(value: object) -> str:
    """Text to HTML text or attribute value; every character that could open markup is escaped."""
    return html.escape(str(value), quote=True)


def lang_attr(lang: str) -> str:
    return _HTML_LANG.get(lang, "en")


class Page:
    """One page being built: the language choice and a counter for generated element ids."""

    def __init__(self, lang: str) -> None:
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r} (en, zh, both)")
        self.lang = lang
        self._ids = 0

    def anchor(self, prefix: str) -> str:
        self._ids += 1
        return f"{prefix}-{self._ids}"

    # -- texts --------------------------------------------------------------------------------------------

    def t(self, label: Label | str, **params: object) -> str:
        """A catalogue label (or a plain string, shown as is) as escaped HTML in the page's language(s)."""
        if isinstance(label, str):
            return esc(label.format(**params) if params else label)
        en, zh = (text.format(**params) if params else text for text in label)
        return self._pair(en, zh)

    def plain(self, label: Label | str, **params: object) -> str:
        """A label as plain text (for SVG titles and attributes, which carry no markup): both languages
        joined by " / " when the page shows both."""
        if isinstance(label, str):
            return label.format(**params) if params else label
        en, zh = (text.format(**params) if params else text for text in label)
        if self.lang == "both" and en != zh:
            return f"{en} / {zh}"
        return zh if self.lang == "zh" else en

    def pair(self, en: str, zh: str) -> str:
        """Two already-written texts (one per language) as escaped HTML."""
        return self._pair(en, zh)

    def _pair(self, en: str, zh: str) -> str:
        if self.lang == "en" or (self.lang == "both" and en == zh):
            return esc(en)
        if self.lang == "zh":
            return esc(zh)
        return (f'<span class="bi"><span lang="en">{esc(en)}</span>'
                f'<span lang="zh-Hans">{esc(zh)}</span></span>')

    def lt(self, value: Any, empty: str = "—") -> str:
        """A document's LangText. The page's language first; the other one when it is the only one, marked
        with its language; both side by side on a bilingual page."""
        if not isinstance(value, dict) or not (value.get("en") or value.get("zh")):
            return esc(value) if isinstance(value, str) and value else esc(empty)
        en, zh = value.get("en"), value.get("zh")
        if self.lang == "both" and en and zh:
            return self._pair(str(en), str(zh))
        first, other = ("zh", "en") if self.lang == "zh" else ("en", "zh")
        if value.get(first):
            return f'<span lang="{_HTML_LANG[first]}">{esc(value[first])}</span>'
        return f'<span lang="{_HTML_LANG[other]}">{esc(value[other])}</span>'

    def lt_plain(self, value: Any) -> str:
        if not isinstance(value, dict):
            return str(value) if value else ""
        en, zh = value.get("en") or "", value.get("zh") or ""
        if self.lang == "both" and en and zh and en != zh:
            return f"{en} / {zh}"
        return (zh or en) if self.lang == "zh" else (en or zh)


# -- elements ---------------------------------------------------------------------------------------------


def table(head: Sequence[str], rows: Iterable[Sequence[str]], *, cls: str = "", numeric: str = "",
          caption: str = "", row_classes: Sequence[str] | None = None) -> str:
    """A table in its own scrolling box (a wide table scrolls inside it, never the page). ``head`` and
    ``rows`` are HTML already; ``numeric`` has one letter per column, ``r`` for right-aligned numbers."""
    out = ['<div class="scroll" role="region" tabindex="0">', f'<table class="{esc(cls)}">' if cls else "<table>"]
    if caption:
        out.append(f"<caption>{caption}</caption>")
    out.append("<thead><tr>" + "".join(
        f'<th scope="col"{_num(numeric, i)}>{h}</th>' for i, h in enumerate(head)) + "</tr></thead><tbody>")
    for index, row in enumerate(rows):
        klass = row_classes[index] if row_classes and index < len(row_classes) and row_classes[index] else ""
        attr = f' class="{esc(klass)}"' if klass else ""
        out.append(f"<tr{attr}>" + "".join(f"<td{_num(numeric, i)}>{c}</td>" for i, c in enumerate(row)) + "</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def _num(numeric: str, index: int) -> str:
    return ' class="num"' if numeric[index:index + 1] == "r" else ""


def dl(items: Iterable[tuple[str, str]]) -> str:
    """A definition list of (term HTML, value HTML)."""
    return '<dl class="facts">' + "".join(f"<div><dt>{k}</dt><dd>{v}</dd></div>" for k, v in items) + "</dl>"


def code(value: object) -> str:
    return f"<code>{esc(value)}</code>"


def badge(html_text: str, tone: str) -> str:
    """A coloured word (good, bad, warn, dim, strong); the word itself carries the meaning, colour only helps."""
    return f'<span class="badge {esc(tone)}">{html_text}</span>'


def section(title: str, body: str, *, level: int = 2, anchor: str = "") -> str:
    ident = f' id="{esc(anchor)}"' if anchor else ""
    return f"<section{ident}><h{level}>{title}</h{level}>{body}</section>"


_INLINE = re.compile(r"`([^`]+)`|\*\*([^*]+)\*\*")


def inline(text: str) -> str:
    """Escaped text with the two inline marks of riskfmt's comparison blocks (`code`, **strong**) as
    elements. The marks are found in the escaped text, so the elements are ours; their content stays text."""
    escaped = esc(text)
    return _INLINE.sub(lambda m: f"<code>{m.group(1)}</code>" if m.group(1) is not None
                       else f"<strong>{m.group(2)}</strong>", escaped)


# -- the page ---------------------------------------------------------------------------------------------

# Nothing may be fetched: no scripts, fonts, images, frames, forms or connections. Inline styles only.
# (frame-ancestors would be ignored, with a console error, in a <meta> policy: only a server header can carry it.)
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def document(page: Page, *, title: str, body: str, tlp: str, style: str = "") -> str:
    """The whole self-contained file: CSP, inline style sheet (screen, phone, print), no script. ``style``: rules
    of one view, appended to the shared sheet (a literal of the view's module, never document text)."""
    from riskfmt.views.style import STYLE

    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang_attr(page.lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light">\n'
        f"<title>{esc(title)}</title>\n"
        f"<style>\n{STYLE}{style}{_page_label(tlp)}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def _page_label(tlp: str) -> str:
    # the TLP label on every printed page (CSS page margin boxes); the label is a fixed enumeration value
    # checked here again, because it is written into the style sheet
    if tlp not in TLP_LEVELS:
        return ""
    return f'@page {{ @top-right {{ content: "TLP:{tlp}"; font: bold 9pt sans-serif; }} }}\n'
