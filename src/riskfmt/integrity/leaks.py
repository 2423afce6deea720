"""The leak scan: content that must not travel in a report, reported as errors by ``riskfmt validate``.

What it looks for, and where:

- **numeric arrays** (RF701): an array holding ``NUMERIC_MIN`` or more numbers, counted through nested
  arrays (a weight matrix, an embedding, activations). The schema is closed, so only ``extensions`` can
  hold one in an evaluation report.
- **encoded blobs** (RF702): a string of ``BLOB_MIN`` or more characters that is base64, hex, a base64
  data URI, or a list of numbers written as text; and **binary text** (RF703): ``BINARY_MIN`` or more
  characters with at least ``BINARY_SHARE`` control or replacement characters. Everywhere, sample
  content included (an image in a prompt is a blob too).
- **weight files** (RF704): a file name or path ending in a weight-file extension anywhere except
  ``model.digests[].name``, where a name stands next to its digest ("digest-only"). Not in sample content,
  where a model talking about ``model.safetensors`` is content, not a pointer to weights.
- **credentials** (RF705): private keys and well-known API-token shapes, outside sample content (a red-team
  prompt may quote a fake key).
- **withheld content** (RF706): content of a kind the document declares withheld (``disclosure.withholds``)
  that is still present, and withheld records of undeclared kinds (RF707).

The validator calls ``scan`` once per document on 100 MB reports with 500,000 samples, so: one walk over
the small metadata part; the samples array is handled column by column with C-level iterators (lengths and
key membership), descending into single samples only when a column has something to report; the machine-made
``disclosure`` records are never walked. At most ``MAX_PER_CODE`` findings per code, then one RF708.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import repeat
from operator import methodcaller
from typing import Any

from riskfmt.findings import Finding

__all__ = [
    "BINARY_MIN",
    "BINARY_SHARE",
    "BLOB_MIN",
    "MAX_PER_CODE",
    "NUMERIC_MIN",
    "WEIGHT_EXTENSIONS",
    "SampleFileScan",
    "scan",
    "scan_strings",
    "withheld_kinds",
]

BLOB_MIN = 1024  # characters: digests (64-128 hex), ids and short codes stay far below
BINARY_MIN = 256
BINARY_SHARE = 0.10
NUMERIC_MIN = 256  # numbers in one array, nested arrays included
MAX_PER_CODE = 100

WEIGHT_EXTENSIONS = ("safetensors", "gguf", "ggml", "bin", "pt", "pth", "ckpt", "onnx", "h5", "hdf5", "pb",
                     "tflite", "mlmodel", "pkl", "pickle", "npy", "npz", "msgpack", "keras", "joblib", "llamafile")
_WEIGHT = re.compile(r"([\w+-][\w.+-]*)\.(" + "|".join(WEIGHT_EXTENSIONS) + r")(?![\w/-])(?!\.\w)", re.IGNORECASE)
# Patterns needed only once a string looks suspicious stay source text: re compiles each on first use (and
# caches it), so a clean document does not pay for compiling them at start-up.
_TOKEN_BREAK = r"[\s\"'<>()\[\]{},;]"

_CREDENTIALS: tuple[tuple[str, str, str], ...] = (
    (r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----", "a private key", "私钥"),
    (r"\bsk-(?:proj-|ant-[a-z0-9]+-)?[A-Za-z0-9_-]{32,}", "an API key (sk-...)", "API 密钥（sk-...）"),
    (r"\bhf_[A-Za-z0-9]{30,}\b", "a Hugging Face token", "Hugging Face 访问令牌"),
    (r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b", "an AWS access key", "AWS 访问密钥"),
    (r"\bgh[pousr]_[A-Za-z0-9]{36,}\b", "a GitHub token", "GitHub 令牌"),
    (r"\bAIza[0-9A-Za-z_-]{35}\b", "a Google API key", "Google API 密钥"),
    (r"\bxox[abprs]-[A-Za-z0-9-]{10,}", "a Slack token", "Slack 令牌"),
)
_CREDENTIAL_HINT = re.compile(r"PRIVATE KEY|sk-|hf_|AKIA|ASIA|gh[pousr]_|AIza|xox[abprs]-")

_BASE64 = r"[A-Za-z0-9+/\r\n]+={0,2}|[A-Za-z0-9_\-\r\n]+={0,2}"
_HEX = r"[0-9a-fA-F\s]+"
_NUMBERS = r"[\s\[\](),;0-9eE+.\-]+"
_SPACE = frozenset(" \t\r\n")
_CONTROL = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]"

_SAMPLE_TEXT = ("input", "output", "target")
_SAMPLE_DECLARED = (("input", "sample_input"), ("output", "sample_output"), ("target", "sample_target"),
                    ("input_digest", "sample_digest"), ("output_digest", "sample_digest"))
_KIND_NAMES = {
    "sample_input": "A sample input", "sample_output": "A sample output", "sample_target": "A sample target",
    "sample_digest": "An unsalted sample digest", "finding_title": "A finding title",
    "finding_description": "A finding description", "rationale": "A risk-level rationale", "notes": "A note",
    "extensions": "An extension",
}
_KIND_NAMES_ZH = {
    "sample_input": "样本输入", "sample_output": "样本输出", "sample_target": "样本参考答案",
    "sample_digest": "未加盐的样本摘要", "finding_title": "发现标题", "finding_description": "发现描述",
    "rationale": "风险等级理由", "notes": "备注", "extensions": "扩展数据",
}
_ENCODING_ZH = {"base64": "base64", "hex": "十六进制", "data URI": "data URI", "numbers as text": "数值文本"}


class _Collector:
    """Findings with a cap per code, so a report with 500,000 leaking samples gives a readable answer."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.findings: list[Finding] = []
        self.counts: dict[str, int] = {}

    def add(self, code: str, pointer: str, **params: Any) -> None:
        seen = self.counts.get(code, 0)
        self.counts[code] = seen + 1
        if seen < MAX_PER_CODE:
            self.findings.append(Finding.make(code, self.source, pointer, **params))

    def full(self, code: str) -> bool:
        return self.counts.get(code, 0) >= MAX_PER_CODE

    def finish(self) -> list[Finding]:
        for code, count in sorted(self.counts.items()):
            if count > MAX_PER_CODE:
                self.findings.append(Finding.make("RF708", self.source, count=count - MAX_PER_CODE, other=code))
        return self.findings


# --------------------------------------------------------------------------------------------------
# strings
# --------------------------------------------------------------------------------------------------


def _variety(text: str, limit: int = 512) -> int:
    """Distinct non-space characters near the start: random bytes encode to many, degenerate model output
    ("AAAA...", "hahaha...", a page of newlines) to few."""
    return len(set(text[:limit]) - _SPACE)


def _blob(text: str, content: bool = False) -> str | None:
    """The kind of encoded blob ``text`` is, if it is one. Each pattern fails at the first character prose
    has and the pattern lacks (a space, a full stop), so ordinary text costs a few character comparisons."""
    if text.startswith("data:") and ";base64," in text[:200]:
        return "data URI"
    if re.fullmatch(_NUMBERS, text):
        # a model asked to list 500 primes writes numbers as text: only outside sample content is it a leak
        return "numbers as text" if not content and _variety(text) >= 4 else None
    if re.fullmatch(_HEX, text):
        return "hex" if _variety(text) >= 8 else None
    if re.fullmatch(_BASE64, text):
        return "base64" if _variety(text) >= 16 else None
    return None


def _check_size(text: str, pointer: str, out: _Collector, content: bool = False) -> None:
    length = len(text)
    if length >= BLOB_MIN:
        encoding = _blob(text, content)
        if encoding is not None:
            out.add("RF702", pointer, encoding=encoding, encoding_zh=_ENCODING_ZH[encoding], length=length)
            return
    if length >= BINARY_MIN:
        bad = len(re.findall(_CONTROL, text))
        if bad >= BINARY_SHARE * length:
            out.add("RF703", pointer, length=length, share=round(100 * bad / length))


def _is_host_or_mail(text: str, start: int) -> bool:
    """True when the match at ``start`` is part of a domain name (a .pt site, an e-mail address)."""
    token_start = start
    token_break = re.compile(_TOKEN_BREAK)
    while token_start > 0 and not token_break.match(text, token_start - 1):
        token_start -= 1
    token = text[token_start:start]
    if "@" in token and "/" not in token.split("@", 1)[1]:
        return True
    if "://" in token:
        return "/" not in token.split("://", 1)[1]
    return token.lower().startswith("www.")


def _check_text(text: str, pointer: str, out: _Collector, weights: bool = True) -> None:
    """Every check a metadata string gets."""
    _check_size(text, pointer, out)
    if weights and "." in text:
        for match in _WEIGHT.finditer(text):
            if not _is_host_or_mail(text, match.start()):
                out.add("RF704", pointer, name=match.group(0)[-120:])
                break
    if _CREDENTIAL_HINT.search(text):
        for pattern, what, what_zh in _CREDENTIALS:
            if re.search(pattern, text):
                out.add("RF705", pointer, what=what, what_zh=what_zh)
                break


def scan_strings(texts: dict[str, str], source: str = "<data>") -> list[Finding]:
    """The metadata string checks on pointer -> text (for callers that hold strings outside a document)."""
    out = _Collector(source)
    for pointer, text in texts.items():
        _check_text(text, pointer, out)
    return out.finish()


# --------------------------------------------------------------------------------------------------
# the walk
# --------------------------------------------------------------------------------------------------


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _numbers(node: list[Any], limit: int) -> int:
    """How many numbers a numeric (nested) array holds, counting stops at ``limit``; 0 as soon as it holds
    anything but numbers and arrays."""
    count, stack = 0, [node]
    while stack:
        for item in stack.pop():
            kind = type(item)
            if kind is int or kind is float:
                count += 1
                if count >= limit:
                    return count
            elif kind is list:
                stack.append(item)
            else:
                return 0
    return count


def _walk(node: Any, pointer: str, out: _Collector, skip: frozenset[str] = frozenset()) -> None:
    """Generic checks on a subtree (metadata, extensions, unknown kinds). Iterative: extensions may be deep."""
    stack: list[tuple[Any, str]] = [(node, pointer)]
    while stack:
        value, here = stack.pop()
        kind = type(value)
        if kind is str:
            _check_text(value, here, out, weights=not _DIGEST_NAME.fullmatch(here))
        elif kind is dict:
            for key, child in value.items():
                child_ptr = f"{here}/{_escape(key)}"
                if child_ptr in skip:
                    continue
                if len(key) >= BINARY_MIN or "." in key or _CREDENTIAL_HINT.search(key):
                    _check_text(key, child_ptr, out)
                stack.append((child, child_ptr))
        elif kind is list:
            if value and type(value[0]) in (int, float, list):
                count = _numbers(value, NUMERIC_MIN)
                if count >= NUMERIC_MIN:
                    out.add("RF701", here, count=count)
                    continue
            stack.extend((child, f"{here}/{index}") for index, child in enumerate(value))


_DIGEST_NAME = re.compile(r"/model/digests/\d+/name")


def _samples(rows: list[Any], pointer: str, declared: set[str], out: _Collector) -> None:
    """The samples array in one pass that only measures: the summed length of a row's free-text fields.
    Rows short enough that no field can be a blob (nearly all) cost one comprehension step; the rest are
    checked field by field. Declared-withheld fields are found with C-level membership tests."""
    shaped = True
    try:
        totals = [len(r.get("sample_id", "")) + len(r.get("input", "")) + len(r.get("output", ""))
                  + len(r.get("target", "")) for r in rows]
    except (TypeError, AttributeError):  # not the shape the schema guarantees: take the slow, careful way
        shaped, totals = False, [BINARY_MIN] * len(rows)
    if totals and max(totals) >= BINARY_MIN:
        for index, total in enumerate(totals):
            row = rows[index]
            if total < BINARY_MIN or type(row) is not dict:
                continue
            for name in ("sample_id", *_SAMPLE_TEXT):
                text = row.get(name)
                if type(text) is str and len(text) >= BINARY_MIN:
                    _check_size(text, f"{pointer}/{index}/{name}", out, content=name != "sample_id")
    for name, kind in _SAMPLE_DECLARED:
        if kind not in declared or (shaped and not any(map(dict.__contains__, rows, repeat(name)))):
            continue
        for index, row in enumerate(rows):
            if type(row) is dict and name in row:
                if shaped and out.full("RF706"):  # early cut-off: count the rest at C speed, no more pointers
                    out.counts["RF706"] += sum(map(dict.__contains__, rows[index:], repeat(name)))
                    break
                out.add("RF706", f"{pointer}/{index}/{name}", kind=_KIND_NAMES[kind], kind_zh=_KIND_NAMES_ZH[kind])


def _declared(doc: dict[str, Any], out: _Collector) -> set[str]:
    disclosure = doc.get("disclosure")
    if not isinstance(disclosure, dict):
        return set()
    declared = {k for k in disclosure.get("withholds") or [] if isinstance(k, str)}
    records = disclosure.get("withheld") or []
    if isinstance(records, list) and records:
        kinds = set(map(methodcaller("get", "kind"), (r for r in records if type(r) is dict)))
        for kind in sorted(k for k in kinds - declared if isinstance(k, str)):
            index = next(i for i, r in enumerate(records) if type(r) is dict and r.get("kind") == kind)
            out.add("RF707", f"/disclosure/withheld/{index}/kind", kind=kind)
    return declared


def _declared_content(doc: dict[str, Any], declared: set[str], out: _Collector) -> None:
    """Declared-withheld kinds other than sample content: notes, titles, descriptions, rationales, extensions."""
    from riskfmt.integrity.redact import WITHHELD_TEXT

    def present(container: Any, key: str, pointer: str, kind: str) -> None:
        if kind in declared and isinstance(container, dict) and key in container:
            out.add("RF706", pointer, kind=_KIND_NAMES[kind], kind_zh=_KIND_NAMES_ZH[kind])

    present(doc, "notes", "/notes", "notes")
    if "extensions" in declared and doc.get("extensions"):
        out.add("RF706", "/extensions", kind=_KIND_NAMES["extensions"], kind_zh=_KIND_NAMES_ZH["extensions"])
    for e_index, evaluation in enumerate(doc.get("evaluations") or []):
        if not isinstance(evaluation, dict):
            continue
        e_ptr = f"/evaluations/{e_index}"
        present(evaluation, "notes", f"{e_ptr}/notes", "notes")
        for r_index, result in enumerate(evaluation.get("results") or []):
            present(result, "notes", f"{e_ptr}/results/{r_index}/notes", "notes")
            if isinstance(result, dict):
                present(result.get("risk_level"), "rationale", f"{e_ptr}/results/{r_index}/risk_level/rationale",
                        "rationale")
        for f_index, finding in enumerate(evaluation.get("findings") or []):
            if not isinstance(finding, dict):
                continue
            f_ptr = f"{e_ptr}/findings/{f_index}"
            if "finding_title" in declared and "title" in finding and finding["title"] != WITHHELD_TEXT:
                out.add("RF706", f"{f_ptr}/title", kind=_KIND_NAMES["finding_title"],
                        kind_zh=_KIND_NAMES_ZH["finding_title"])
            present(finding, "description", f"{f_ptr}/description", "finding_description")
            present(finding.get("risk_level"), "rationale", f"{f_ptr}/risk_level/rationale", "rationale")


def scan(data: dict[str, Any], source: str) -> list[Finding]:
    """Every leak in a parsed document (evaluation or incident report), as findings.

    Also checks the document's markings (``markings.check_markings``): the validator's one hook into this
    package runs both.

    .. versionadded:: 0.1
    """
    from riskfmt.integrity.markings import check_markings

    out = _Collector(source)
    if not isinstance(data, dict):
        return []
    declared = _declared(data, out)
    skip = {"/disclosure", "/marking"}
    for e_index, evaluation in enumerate(data.get("evaluations") or []):
        samples = evaluation.get("samples") if isinstance(evaluation, dict) else None
        rows = samples.get("inline") if isinstance(samples, dict) else None
        if isinstance(rows, list):
            pointer = f"/evaluations/{e_index}/samples/inline"
            skip.add(pointer)
            _samples(rows, pointer, declared, out)
    _walk(data, "", out, frozenset(skip))
    if declared:
        _declared_content(data, declared, out)
    return out.finish() + check_markings(data, source)


def withheld_kinds(doc: dict[str, Any]) -> frozenset[str]:
    """The kinds of content a document declares withheld (``disclosure.withholds``)."""
    disclosure = doc.get("disclosure") if isinstance(doc, dict) else None
    kinds = disclosure.get("withholds") if isinstance(disclosure, dict) else None
    return frozenset(k for k in kinds or () if isinstance(k, str))


class SampleFileScan:
    """The inline-samples leak checks for the rows of a JSONL samples file, a chunk of rows at a time.

    A samples file travels with its report (pinned by digest), so it must not carry what the report says it
    withholds, nor blobs in its text fields. Findings name the samples file, the line and a pointer within
    the line. They are listed in (line, pointer) order whatever the chunking, and capped per code over the
    whole file as in ``scan``."""

    def __init__(self, source: str, declared: frozenset[str]) -> None:
        self.declared = set(declared)
        self._out = _Collector(source)

    def rows(self, rows: list[Any], lines: list[int]) -> None:
        """Check ``rows`` (parsed, schema-valid samples), which stand on ``lines`` of the file."""
        chunk = _Collector(self._out.source)
        _samples(rows, "", self.declared, chunk)
        listed: dict[str, int] = {}
        located = []
        for finding in chunk.findings:  # pointers are /<index in rows>/<field>
            index, _, rest = finding.location.pointer[1:].partition("/")
            located.append((int(index), rest, finding))
        located.sort(key=lambda item: item[:2])
        for index, rest, finding in located:
            listed[finding.code] = listed.get(finding.code, 0) + 1
            self._out.add(finding.code, "/" + rest, line=lines[index], column=1, **finding.params)
        for code, count in chunk.counts.items():  # the ones the chunk only counted (past its own cap)
            self._out.counts[code] = self._out.counts.get(code, 0) + count - listed.get(code, 0)

    def finish(self) -> list[Finding]:
        return self._out.finish()


def iter_kinds() -> Iterator[str]:
    return iter(_KIND_NAMES)
