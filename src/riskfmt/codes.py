"""The catalogue of finding codes: stable ids, default severity, and the English message.

The Chinese of each message is in the one catalogue of Chinese, ``riskfmt/i18n/zh_CN.po``, under the code as
``msgctxt`` (:attr:`CodeSpec.zh`).

A code, once published, keeps its meaning and is never reused. ``docs/findings.md`` is generated from
this table (``python tools/build.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from riskfmt.severity import Severity

__all__ = ["CATEGORY_TITLES", "CODES", "CodeSpec", "catalogue_markdown"]

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741 - one letter each, for the table's width


@dataclass(frozen=True, slots=True)
class CodeSpec:
    code: str
    category: str
    severity: Severity
    title: str
    en: str

    @property
    def zh(self) -> str:
        """The Chinese template, from the catalogue ``riskfmt/i18n/zh_CN.po`` (msgctxt: the code, msgid: the
        English template). Read only when a Chinese message is rendered, so English never loads the table; a
        code without an entry is a ``KeyError``, never English passed off as Chinese (a test checks every code)."""
        from riskfmt.i18n.zh import ZH  # the table alone: riskfmt.i18n itself reaches Click, which the core must not

        found = ZH.get(f"{self.code}\x04{self.en}")
        if found is None:
            raise KeyError(f"no Chinese for finding {self.code} {self.en!r} (msgctxt {self.code}) in "
                           "riskfmt/i18n/zh_CN.po")
        return found

    def render(self, lang: str, params: Mapping[str, str]) -> str:
        template = self.zh if lang == "zh" else self.en
        try:
            return template.format_map(params)
        except (KeyError, IndexError, ValueError):  # a missing parameter must never crash a report
            return template


_TABLE: list[CodeSpec] = [
    # ---- input and output: the file could not be read at all (exit code 2) -------------------------
    CodeSpec("RF001", "io", E, "file-not-found",
             "File not found: {path}"),
    CodeSpec("RF002", "io", E, "no-documents",
             "Directory holds no .json, .yaml or .yml files: {path}"),
    CodeSpec("RF003", "io", E, "unreadable",
             "Cannot read the file: {reason}"),
    CodeSpec("RF004", "io", E, "too-large",
             "File is {size} bytes, over the limit of {limit} bytes (raise it with --max-size)"),
    CodeSpec("RF005", "parse", E, "binary-file",
             "File looks binary (a NUL byte at offset {offset}), not JSON or YAML text"),
    CodeSpec("RF006", "io", E, "not-a-regular-file",
             "{path} is {what}, not a regular file: refused without opening it (reading it could block or "
             "never end)"),
    CodeSpec("RF007", "io", E, "output-exists",
             "The output {path} already exists; give --force to replace it"),
    CodeSpec("RF008", "io", E, "output-is-input",
             "The output {path} would replace the input {input}; nothing was written"),
    CodeSpec("RF009", "io", E, "output-not-writable",
             "Cannot write the output {path}: {reason}"),
    CodeSpec("RF010", "io", E, "output-wrong-kind",
             "The output {path} is {what}, but this command writes {want} there"),
    CodeSpec("RF011", "output", E, "output-not-written",
             "Nothing was written for {path}: the output would not validate or would carry a detected leak "
             "(see the findings above)"),
    # ---- parsing -----------------------------------------------------------------------------------
    CodeSpec("RF101", "parse", E, "json-syntax",
             "Invalid JSON: {detail}"),
    CodeSpec("RF102", "parse", E, "empty",
             "File is empty"),
    CodeSpec("RF103", "parse", E, "encoding",
             "Text is not valid UTF-8 (byte 0x{byte} at offset {offset})"),
    CodeSpec("RF104", "parse", W, "byte-order-mark",
             "File starts with a UTF-8 byte-order mark; JSON (RFC 8259) forbids it. It was ignored"),
    CodeSpec("RF105", "parse", E, "duplicate-key",
             "Duplicate key \"{key}\": parsers disagree on which value wins"),
    CodeSpec("RF106", "parse", E, "non-finite-number",
             "{token} is not a JSON number; only finite numbers are allowed"),
    CodeSpec("RF107", "parse", E, "too-deep",
             "Nesting is deeper than {limit} levels"),
    CodeSpec("RF108", "parse", E, "yaml-syntax",
             "Invalid YAML: {detail}"),
    CodeSpec("RF109", "parse", E, "yaml-alias-expansion",
             "YAML aliases expand to more than {limit} nodes (an alias bomb?)"),
    CodeSpec("RF110", "parse", E, "number-out-of-range",
             "Number {token} is outside the range of a double-precision float"),
    CodeSpec("RF111", "parse", E, "yaml-not-json",
             "YAML value has no JSON equivalent: {detail}"),
    CodeSpec("RF112", "parse", E, "yaml-multiple-documents",
             "File holds more than one YAML document; put each report in its own file"),
    CodeSpec("RF113", "parse", W, "yaml-1.1-scalar",
             "YAML 1.1 would read {value} as {yaml11}; riskfmt reads YAML 1.2, where it is {yaml12}. Quote it "
             "or write it the 1.2 way to say what is meant"),
    CodeSpec("RF114", "parse", E, "number-too-long",
             "A number of {digits} digits is longer than the limit of {limit} digits"),
    CodeSpec("RF115", "parse", E, "lone-surrogate",
             "Text holds a lone UTF-16 surrogate ({escape}), which no UTF-8 document can carry"),
    CodeSpec("RF116", "parse", E, "integer-out-of-range",
             "Integer {token} is outside ±9007199254740991 (2^53 - 1), the range every JSON implementation keeps "
             "exactly (RFC 7493); canonical JSON (RFC 8785), and so digests and signatures, cannot carry it"),
    # ---- document kind and version -------------------------------------------------------------------
    CodeSpec("RF201", "document", E, "not-a-riskfmt-document",
             "Not a riskfmt document: the top level must be an object with a \"kind\" field"),
    CodeSpec("RF202", "document", E, "unknown-kind",
             "Unknown document kind \"{kind}\" (known: {known})"),
    CodeSpec("RF203", "document", E, "unsupported-major-version",
             "Format version {version} has a major version this riskfmt does not know (supported: {supported})"),
    CodeSpec("RF204", "document", W, "newer-minor-version",
             "Format version {version} is newer than {known}; validated as {known}, newer fields may be reported"),
    CodeSpec("RF205", "document", E, "missing-version",
             "Missing or malformed format version (expected \"MAJOR.MINOR\")"),
    CodeSpec("RF206", "document", W, "newer-vocabulary",
             "Vocabulary {version} is newer than the newest known ({known}); ids added since cannot be checked"),
    CodeSpec("RF207", "document", E, "unknown-vocabulary",
             "Unknown vocabulary version {version} (released: {known})"),
    # ---- JSON Schema ---------------------------------------------------------------------------------
    CodeSpec("RF300", "schema", E, "schema",
             "{detail}"),
    CodeSpec("RF301", "schema", E, "required",
             "Missing required field \"{field}\""),
    CodeSpec("RF302", "schema", E, "unknown-field",
             "Field \"{field}\" is not allowed here"),
    CodeSpec("RF303", "schema", E, "type",
             "Expected {expected}, found {found}"),
    CodeSpec("RF304", "schema", E, "enum",
             "Value {value} is not one of the allowed values{hint}"),
    CodeSpec("RF305", "schema", E, "pattern",
             "Value {value} does not have the required form: {pattern}"),
    CodeSpec("RF306", "schema", E, "range",
             "Value {value} is {relation} {limit}"),
    CodeSpec("RF307", "schema", E, "format",
             "Value {value} is not a valid {format}"),
    CodeSpec("RF308", "schema", E, "too-few-items",
             "At least {limit} item(s) required, found {found}"),
    CodeSpec("RF309", "schema", E, "no-alternative-matches",
             "Matches none of the allowed shapes; closest: {detail}"),
    CodeSpec("RF310", "schema", E, "ambiguous-alternative",
             "Matches more than one of the shapes that exclude each other (has: {detail})"),
    # ---- vocabulary ----------------------------------------------------------------------------------
    CodeSpec("RF401", "vocabulary", E, "unknown-risk-id",
             "Unknown risk id \"{id}\"{suggestion}"),
    CodeSpec("RF402", "vocabulary", W, "deprecated-risk-id",
             "Risk id {id} ({label}) is deprecated since vocabulary {since}; use {replacement} ({replacement_label})"),
    CodeSpec("RF403", "vocabulary", E, "unknown-method",
             "Unknown evaluation method \"{id}\"{suggestion}"),
    CodeSpec("RF404", "vocabulary", E, "id-newer-than-cited-vocabulary",
             "Risk id {id} was added in vocabulary {added}, after the cited vocabulary {cited}"),
    CodeSpec("RF405", "vocabulary", W, "unknown-id-newer-vocabulary",
             "Risk id \"{id}\" is unknown here; it may come from the newer vocabulary {cited}"),
    CodeSpec("RF406", "vocabulary", W, "framework-code-without-equivalent",
             "Framework code {id} has no riskfmt equivalent in vocabulary {version}; cite a riskfmt concept as well"),
    # ---- semantics JSON Schema cannot express -------------------------------------------------------
    CodeSpec("RF501", "semantic", E, "interval-excludes-value",
             "Confidence interval [{lower}, {upper}] does not contain the value {value}"),
    CodeSpec("RF502", "semantic", E, "interval-reversed",
             "Confidence interval lower bound {lower} is above its upper bound {upper}"),
    CodeSpec("RF503", "semantic", E, "value-out-of-bounds",
             "Value {value} lies outside the metric's bounds [{min}, {max}]"),
    CodeSpec("RF504", "semantic", E, "bounds-reversed",
             "Metric minimum {min} is above its maximum {max}"),
    CodeSpec("RF505", "semantic", E, "dates-out-of-order",
             "{later_field} ({later}) is before {earlier_field} ({earlier})"),
    CodeSpec("RF506", "semantic", E, "duplicate-id",
             "Id \"{id}\" is used more than once (first at {first})"),
    CodeSpec("RF507", "semantic", E, "duplicate-result",
             "Same metric, slice and risks as {first}: two values for one measurement"),
    CodeSpec("RF508", "semantic", E, "report-id-mismatch",
             "report_id {found} does not match the report's defining content; expected {expected}"),
    CodeSpec("RF509", "semantic", E, "samples-file-missing",
             "Samples file {path} not found next to the report"),
    CodeSpec("RF510", "semantic", E, "samples-digest-mismatch",
             "Samples file {path} has digest {found}, the report pins {expected}"),
    CodeSpec("RF511", "semantic", E, "samples-row-count",
             "Samples file {path} has {found} rows, the report says {expected}"),
    CodeSpec("RF512", "semantic", E, "samples-line-invalid",
             "Samples file line {row}: {detail}"),
    CodeSpec("RF513", "semantic", W, "placeholder-digest",
             "Digest {digest} looks like a placeholder, not a real hash"),
    CodeSpec("RF514", "semantic", E, "duplicate-sample",
             "Sample \"{id}\" (epoch {epoch}) appears more than once"),
    CodeSpec("RF515", "semantic", W, "uncertainty-without-n",
             "Uncertainty is given but n (the number of samples) is not"),
    CodeSpec("RF516", "semantic", W, "implausible-standard-error",
             "Standard error {se} is larger than any proportion in [0, 1] can have (0.5)"),
    CodeSpec("RF517", "semantic", W, "unknown-sample-reference",
             "Finding cites sample \"{id}\", which is not among the evaluation's samples"),
    CodeSpec("RF518", "semantic", E, "samples-file-unsafe-path",
             "Samples file path {path} leaves the report's folder"),
    CodeSpec("RF519", "semantic", E, "value-not-finite",
             "Value is not a finite number"),
    CodeSpec("RF520", "semantic", I, "more-findings",
             "{more} more {capped} finding(s) in this file not listed (at most {limit} per code; change it with "
             "--max-findings-per-code or RISKFMT_MAX_FINDINGS_PER_CODE, 0 for no limit)"),
    # ---- conversion ----------------------------------------------------------------------------------
    CodeSpec("RF601", "conversion", W, "not-carried-over",
             "{field} ({tool}) has no place in a riskfmt report and was not carried over{why}"),
    CodeSpec("RF602", "conversion", W, "task-without-risk",
             "Task \"{task}\" maps to no risk concept; recorded as R0000 (general capability). Map it with --task-map"),
    CodeSpec("RF603", "conversion", W, "run-not-successful",
             "The source run's status is \"{status}\"; its results are partial"),
    CodeSpec("RF604", "conversion", W, "samples-invalidated",
             "{count} sample(s) were invalidated by the producer; the run is marked invalidated"),
    CodeSpec("RF605", "io", E, "unknown-source-format",
             "Cannot tell which tool produced {path}; name it with --from ({known})"),
    CodeSpec("RF606", "io", E, "unsafe-archive",
             "Refused archive member {member}: {reason}"),
    CodeSpec("RF607", "io", E, "unreadable-source",
             "Cannot read {path} as {tool} output: {detail}"),
    CodeSpec("RF608", "conversion", I, "derived-value",
             "{field} was derived: {how}"),
    CodeSpec("RF609", "conversion", W, "defaulted",
             "{field} is not recorded by {tool}; set to \"{value}\"{hint}"),
    CodeSpec("RF610", "conversion", I, "no-uncertainty",
             "{tool} records no standard error for {metric}{why}"),
    # ---- RF620-RF629: published layouts of lm-eval, HELM, Hugging Face and OpenAI evals --------------
    CodeSpec("RF620", "conversion", W, "older-layout",
             "{path} uses the {layout} layout of {tool}; converted, but {gap}"),
    CodeSpec("RF621", "conversion", E, "no-usable-value",
             "{path}: no {tool} result has a usable value ({detail}); no report was written"),
    CodeSpec("RF640", "conversion", W, "pairwise-not-converted",
             "{folder} holds pairwise (compare-mode) judgements of {model_a} against {model_b} by {judge}: not "
             "converted, because {why}; {model_a} and {model_b} are not marked failed for it"),
    CodeSpec("RF641", "conversion", W, "judged-model-unknown",
             "{folder} holds judged results, but \"{prefix}\" is neither one model of the run nor two joined by "
             "\"_\": not converted (the models it belongs to are unknown)"),
    CodeSpec("RF642", "conversion", W, "config-expansion-limit",
             "{path}: resolving its name references would build more than {limit} values (each reference copies "
             "the value it names); the config was not read"),
    CodeSpec("RF643", "conversion", W, "incident-date-unknown",
             "Incident {incident}: the source gives no date, and riskfmt never invents one; not converted. Convert "
             "it together with its AI Incident Database record (which has the date)"),
    CodeSpec("RF645", "conversion", W, "harm-crosswalk-missing",
             "Incident {incident}: CSET harm types ({values}) not carried as harms; vocabulary {version} has no CSET "
             "crosswalk (it was added in vocabulary 1.1)"),
    CodeSpec("RF646", "conversion", I, "harm-from-crosswalk",
             "Incident {incident}: {field} \"{value}\" carried as a harm of {risks} ({predicate} in the riskfmt CSET "
             "crosswalk; CSET names the consequence, riskfmt the risk)"),
    CodeSpec("RF611", "conversion", W, "folder-member-not-recognised",
             "{path} was not converted: no converter recognises its content (name the tool with --from)"),
    CodeSpec("RF612", "conversion", I, "read-with-companion",
             "{path} was read together with {owner}"),
    CodeSpec("RF613", "conversion", E, "converted-report-invalid",
             "The report converted from {path} fails validation ({count} error(s): {codes}); it was not written"),
    CodeSpec("RF614", "conversion", E, "source-without-results",
             "{path} ({tool}) holds no results{why}; there is nothing to convert"),
    CodeSpec("RF615", "conversion", W, "interval-without-level",
             "{field}: the confidence interval states no confidence level; it is kept in extensions.{ext}, not as "
             "the result's uncertainty"),
    # ---- internal ------------------------------------------------------------------------------------
    CodeSpec("RF900", "internal", E, "internal-error",
             "Internal error while checking this file ({detail}); please report it"),
]

# Code ranges owned by feature packages, each a module with a TABLE list of CodeSpec: RF7xx integrity and
# disclosure, RF8xx comparison, RF901-RF919 corpus, RF95x-RF99x reserved; incident reports use RF65x-RF69x.
# Named, not imported, as riskfmt.kinds names implementations: the core imports no feature package. Listed,
# never probed: a missing table is an import error, not codes that quietly have no message.
_EXTENSIONS = ("riskfmt.integrity.codes", "riskfmt.incident.codes", "riskfmt.compare.codes", "riskfmt.corpus.codes")


def _all_specs() -> list[CodeSpec]:
    import importlib

    specs = list(_TABLE)
    for name in _EXTENSIONS:
        specs.extend(importlib.import_module(name).TABLE)
    return specs


CODES: dict[str, CodeSpec] = {spec.code: spec for spec in _all_specs()}

# the title of each category of findings; its Chinese is in riskfmt/i18n/zh_CN.po (msgctxt "finding category")
CATEGORY_TITLES: dict[str, str] = {
    "io": "Input and output",
    "parse": "Parsing",
    "document": "Document kind and version",
    "schema": "JSON Schema",
    "vocabulary": "Vocabulary",
    "semantic": "Rules JSON Schema cannot express",
    "conversion": "Conversion",
    "output": "Outputs",
    "incident": "Incident reports",
    "disclosure": "Disclosure and integrity",
    "comparison": "Comparison",
    "corpus": "Report corpus",
    "internal": "Internal",
}


def catalogue_markdown() -> str:
    """The finding reference page (docs/findings.md)."""
    lines = [
        "# Finding codes",
        "",
        "<!-- Generated by `python tools/build.py` from src/riskfmt/codes.py; do not edit. -->",
        "",
        "Every problem riskfmt reports has a stable code. A code keeps its meaning forever and is never reused.",
        "Severity is the default; `--fail-on` decides which severities make `riskfmt validate` exit 1.",
        "Findings in the *Input and output* group make it exit 2.",
        "",
    ]
    from riskfmt.i18n.text import translate

    for category, title_en in CATEGORY_TITLES.items():
        title_zh = translate(title_en, "zh", "finding category")
        lines += [f"## {title_en} / {title_zh}", "", "| code | name | severity | message (en) | message (zh) |",
                  "|---|---|---|---|---|"]
        for spec in sorted(CODES.values(), key=lambda c: c.code):
            if spec.category == category:
                en = spec.en.replace("|", "\\|")
                zh = spec.zh.replace("|", "\\|")
                # the anchor is what SARIF rules' helpUri and code-scanning alerts link to
                lines.append(f'| <a id="{spec.code.lower()}"></a>{spec.code} | {spec.title} | {spec.severity.label} '
                             f"| {en} | {zh} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
