"""What code scanning shows for a rule: short and full descriptions, help, a link into the docs, properties.

A rule is one finding code. Its descriptions come from the code's message template with the parameters shown
as placeholders (‹id›), never filled with one finding's values; the help text explains the code's category
and what to do about it, in the language of the run.
"""

from __future__ import annotations

import re
from typing import Any

from riskfmt.codes import CodeSpec
from riskfmt.i18n.text import translate

__all__ = ["DOCS_FINDINGS", "rule"]

DOCS_FINDINGS = "https://w3id.org/riskfmt/docs/findings/"

# Parameters that only append an optional clause ("; did you mean ...") vanish from a description.
_OPTIONAL = re.compile(r"\{(suggestion|hint|extra|detail_suffix)(_zh)?\}")
_PLACEHOLDER = re.compile(r"\{([a-z0-9_]+?)(?:_zh)?\}")

# what to do about each category of findings; the Chinese is in riskfmt/i18n/zh_CN.po (msgctxt "sarif help")
_CATEGORY_HELP = {
    "io": "The file could not be read as given. Check the path, the permissions and the size limit (--max-size); "
          "riskfmt exits 2 for these.",
    "parse": "The file is not well-formed JSON or YAML, or uses a construct riskfmt refuses because parsers "
             "would read it differently. Fix the text at the line and column given.",
    "document": "The document does not say which kind and version of riskfmt document it is, or names one this "
                "release does not know. Set `kind` and `format_version`.",
    "schema": "The document breaks the published JSON Schema of its kind and version at the JSON pointer given. "
              "The schemas are in schemas/jsonschema/ and can be used by any JSON Schema 2020-12 validator.",
    "vocabulary": "A concept id is unknown, deprecated or newer than the vocabulary the document cites. "
                  "`riskfmt vocab show ID` and `riskfmt vocab search TEXT` find the right concept.",
    "semantic": "The document is schema-valid but breaks a rule JSON Schema cannot express (statistics, dates, "
                "identity, consistency between fields).",
    "conversion": "A fact of the producer tool's output could not be carried over exactly, was derived, or was "
                  "defaulted. The finding names the field; check the converted report before sharing it.",
    "incident": "An incident report breaks a rule of the incident format (attribution, likelihoods, timeline, "
                "hash chain).",
    "disclosure": "Something that must not leave the producer may be in the document (weights, data, credentials, "
                  "withheld content), or a marking, proof or signature does not hold. Remove it or redact the "
                  "document with `riskfmt redact` before sharing.",
    "comparison": "Two or more reports could not be compared as asked, or a difference crossed the gate set "
                  "with --fail-on.",
    "internal": "riskfmt itself failed. Run again with --traceback and report the output.",
}
_SEVERITY_SCORE = {"error": "8.0", "warning": "5.0", "info": "2.0"}  # code scanning's security-severity scale


def describe(template: str) -> str:
    """The message template as a description: optional clauses dropped, parameters shown as ‹name›."""
    text = _OPTIONAL.sub("", template)
    text = _PLACEHOLDER.sub(lambda m: f"‹{m.group(1)}›", text)
    return text.strip()


def _pascal(title: str) -> str:
    """SARIF's friendly name: one Pascal-case identifier (a one-letter word joins the previous one in lower case,
    since the SARIF checker rejects two capitals in a row)."""
    parts = title.split("-")
    return "".join(p.capitalize() if i == 0 or len(p) > 1 else p for i, p in enumerate(parts))


def _humanize(title: str) -> str:
    return title.replace("-", " ").capitalize()


def rule(spec: CodeSpec, lang: str) -> dict[str, Any]:
    """The SARIF ``reportingDescriptor`` of one finding code."""
    zh = lang == "zh"
    template = spec.zh if zh else spec.en
    full = describe(template)
    if not full.strip("‹›_ ") or (full.startswith("‹") and full.endswith("›")):
        full = _humanize(spec.title)  # a template that is only a parameter (schema messages) says nothing alone
    short = full if zh else _humanize(spec.title)
    category_help = translate(_CATEGORY_HELP.get(spec.category, _CATEGORY_HELP["internal"]), lang, "sarif help")
    url = f"{DOCS_FINDINGS}#{spec.code.lower()}"
    more = translate("Documentation", lang, "sarif help")
    return {
        "id": spec.code,
        "name": _pascal(spec.title),
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": f"{full}\n\n{category_help}\n\n{more}: {url}",
                 "markdown": f"**{spec.code}** {full}\n\n{category_help}\n\n[{more}]({url})"},
        "helpUri": url,
        "defaultConfiguration": {
            "level": {"error": "error", "warning": "warning", "info": "note"}[spec.severity.label],
        },
        "properties": {
            "category": spec.category,
            "tags": ["riskfmt", spec.category],
            "problem.severity": {"error": "error", "warning": "warning", "info": "recommendation"}[spec.severity.label],
            "precision": "very-high",
        },
    }
