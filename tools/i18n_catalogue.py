"""Build tooling (not shipped): compile the Chinese message catalogue into the table riskfmt reads at run time.

The one file a translator edits is ``src/riskfmt/i18n/zh_CN.po``, a gettext catalogue keyed by the English
text (msgid) with the Chinese (msgstr); entries that need a context (a label whose Chinese depends on where it
stands) carry a ``msgctxt``. Any PO editor (Poedit, Lokalize, Weblate) opens it. riskfmt does not parse the PO
file when it starts: this script writes ``src/riskfmt/i18n/zh.py``, a plain dict that imports in well under a
millisecond, and ``tests/test_i18n_catalogue.py`` fails when the two differ.

    python tools/i18n_catalogue.py          # rewrite src/riskfmt/i18n/zh.py from zh_CN.po
    python tools/i18n_catalogue.py --check  # exit 1 if zh.py is not what zh_CN.po gives

Needs Babel (the ``build`` extra).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "src" / "riskfmt" / "i18n" / "zh_CN.po"
TABLE = ROOT / "src" / "riskfmt" / "i18n" / "zh.py"

HEADER = '''# ruff: noqa: E501 - generated: one entry per line pair, as long as its text
"""Chinese for everything riskfmt shows, finding messages included, keyed by the English text (gettext style).

Generated from ``zh_CN.po`` by ``tools/i18n_catalogue.py``: edit the PO file, not this one. Keys are the
English text, or ``"context\\x04English"`` for an entry with a gettext context (``msgctxt``), as gettext
itself joins them. ``python -m riskfmt.i18n`` lists English texts without an entry; tests fail on any.
"""

from __future__ import annotations

ZH: dict[str, str] = {
'''


def entries(po: Path = PO) -> list[tuple[str | None, str, str]]:
    """(context, English, Chinese) of every translated entry, in the catalogue's order."""
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle, locale="zh_CN")
    out = []
    for message in catalog:
        if not message.id:  # the header entry
            continue
        if not isinstance(message.id, str) or not isinstance(message.string, str):
            raise SystemExit(f"{po}: plural entries are not used by riskfmt: {message.id!r}")
        if message.fuzzy or not message.string:
            raise SystemExit(f"{po}: entry without a reviewed translation: {message.id!r}")
        out.append((message.context, message.id, message.string))
    return out


def key(context: str | None, english: str) -> str:
    return english if context is None else f"{context}\x04{english}"


def table(po: Path = PO) -> str:
    """The text of ``zh.py`` that ``po`` gives."""
    lines = [HEADER]
    seen: set[str] = set()
    for context, english, chinese in entries(po):
        k = key(context, english)
        if k in seen:
            raise SystemExit(f"{po}: {english!r} appears twice (context {context!r})")
        seen.add(k)
        lines.append(f"    {k!r}:\n        {chinese!r},\n")
    lines.append("}\n")
    return "".join(lines)


def main(argv: list[str]) -> int:
    text = table()
    if "--check" in argv:
        if TABLE.read_text(encoding="utf-8") != text:
            print(f"{TABLE} is out of date: run python tools/i18n_catalogue.py", file=sys.stderr)
            return 1
        return 0
    TABLE.write_text(text, encoding="utf-8")
    print(f"wrote {TABLE.relative_to(ROOT)} ({text.count(chr(10))} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
