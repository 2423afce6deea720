"""Chinese for the messages of the JSON and YAML parsers, which riskfmt passes on in RF101, RF108 and RF111.

Each known message has an English template here (the parser's words, ``{0}`` for what it quotes); its Chinese
is in ``riskfmt/i18n/zh_CN.po`` under the ``msgctxt`` ``parser message``.

Python's ``json`` and PyYAML speak English only; a Chinese finding that embeds "Expecting ',' delimiter" reads as
half a translation. The common messages are rendered here in riskfmt's own words; an unknown one is kept as the
parser wrote it, marked as the parser's text, so nothing is lost.
"""

from __future__ import annotations

import re

__all__ = ["shown_token", "zh_parser_detail"]

# (pattern on the parser's message, English template); groups are carried into the Chinese text
_RULES: list[tuple[re.Pattern[str], str]] = [(re.compile(p), english) for p, english in [
    # json (CPython json.decoder and json.scanner)
    (r"^Expecting value$", "Expecting value"),
    (r"^Expecting ',' delimiter$", "Expecting ',' delimiter"),
    (r"^Expecting ':' delimiter$", "Expecting ':' delimiter"),
    (r"^Expecting property name enclosed in double quotes$", "Expecting property name enclosed in double quotes"),
    (r"^Extra data$", "Extra data"),
    (r"^Unterminated string starting at$", "Unterminated string starting at"),
    (r"^Invalid control character at$", "Invalid control character at"),
    (r"^Invalid \\escape$", "Invalid \\escape"),
    (r"^Invalid \\uXXXX escape$", "Invalid \\uXXXX escape"),
    (r"^Illegal trailing comma before end of (object|array)$", "Illegal trailing comma before end of object or array"),
    # PyYAML (scanner, parser, composer)
    (r"^mapping values are not allowed (?:here|in this context)$", "mapping values are not allowed here"),
    (r"^could not find expected ':'$", "could not find expected ':'"),
    (r"^did not find expected key$", "did not find expected key"),
    (r"^did not find expected node content$", "did not find expected node content"),
    (r"^did not find expected ',' or '\]'$", "did not find expected ',' or ']'"),
    (r"^did not find expected ',' or '\}'$", "did not find expected ',' or '}'"),
    (r"^found undefined alias(?: '?(.*?)'?)?$", "found undefined alias {0}"),
    (r"^found duplicate anchor '?(.*?)'?; first occurrence$", "found duplicate anchor {0}"),
    (r"^found unexpected end of stream$", "found unexpected end of stream"),
    (r"^found unexpected ':'$", "found unexpected ':'"),
    (r"^found unknown escape character '?(.*?)'?$", "found unknown escape character {0}"),
    (r"^found character '(.*)' that cannot start any token$",
     "found character '{0}' that cannot start any token"),
    (r"^found character that cannot start any token$", "found character that cannot start any token"),
    (r"^found a tab character that violates indentation$", "found a tab character that violates indentation"),
    (r"^found a tab character where an indentation space is expected$",
     "found a tab character where an indentation space is expected"),
    (r"^expected <block end>, but found '?(.*?)'?$", "expected <block end>, but found {0}"),
    (r"^expected a single document in the stream, but found another document$",
     "expected a single document in the stream, but found another document"),
    (r"^expected '<document start>', but found '?(.*?)'?$", "expected '<document start>', but found {0}"),
    (r"^while scanning (.+)$", "while scanning {0}"),
    (r"^while parsing (.+)$", "while parsing {0}"),
    # riskfmt's own details of RF111
    (r"^a recursive alias$", "a recursive alias"),
    (r"^tag (.+)$", "tag {0}"),
    (r"^mapping key (.+) is not a string$", "mapping key {0} is not a string"),
    (r"^a mapping key that is a list or mapping$", "a mapping key that is a list or mapping"),
]]

# a message not in the table: kept as the parser wrote it, and said to be the parser's own words
_VERBATIM = "The parser's own words: {text}"


def zh_parser_detail(detail: object) -> str:
    """The parser's message in Chinese; an unknown message is kept verbatim and marked as the parser's own."""
    from riskfmt.i18n.text import translate  # the table is read only for a parse error, never at start-up

    text = str(detail).strip()
    for pattern, english in _RULES:
        found = pattern.match(text)
        if found:
            return translate(english, "zh", "parser message").format(*(g or "" for g in found.groups())).strip()
    return translate(_VERBATIM, "zh", "parser message").format(text=text)


def shown_token(text: str) -> str:
    """A token as a parser finding quotes it: at most 40 characters."""
    return text if len(text) <= 40 else text[:39] + "…"
