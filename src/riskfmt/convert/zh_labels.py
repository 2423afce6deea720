"""Chinese safety-benchmark categories: the tables in ``schemas/vocab/benchmarks/``, label normalisation to
TC260-003 Appendix A items, and the CAICT four-band grading.

Chinese benchmarks name the same TC260-003 item in several ways: CHiSafetyBench alone writes 侵犯 and 侵害 for
one item, drops 内容 from the discrimination items, drops 主义 from class A.1, leaves out the glosses of the A.5
items and once uses an ASCII comma. :func:`tc260_item` maps every such spelling to one item code:

1. Unicode NFKC (full-width punctuation and brackets become their ASCII forms), whitespace removed;
2. a trailing parenthesised gloss removed (``内容不准确（严重不符合科学常识或主流认知）`` -> ``内容不准确``);
3. 侵害 read as 侵犯 (the two verbs alternate for the same right in the data);
4. a leading 包含 and trailing 内容 / 的 removed (``包含歧视性内容`` and ``歧视性`` are one class);

and the result is looked up among the item titles of TC260-003 (``frameworks.yaml``) and every label of the
tables that carry a ``tc260_003`` code. Labels that normalise to the same key but different items would make
the lookup ambiguous: :func:`tc260_label_index` refuses to build such an index.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import Any

from riskfmt import resources

__all__ = [
    "MATCH_VALUES",
    "benchmark_category",
    "benchmarks_dir",
    "caict_band",
    "label_key",
    "load_benchmark_tables",
    "tc260_item",
    "tc260_label_index",
]

MATCH_VALUES = ("exact", "close", "broad", "narrow", "related", "none")
# tables whose Chinese labels are spellings of TC260-003 item titles (the others name their own categories)
_TC260_SPELLING_TABLES = ("chisafetybench", "jade")

_SPACE = re.compile(r"\s+")
_GLOSS = re.compile(r"\([^()]*\)$")


def benchmarks_dir() -> Path:
    return resources.schemas_dir() / "vocab" / "benchmarks"


@functools.cache
def load_benchmark_tables() -> dict[str, dict[str, Any]]:
    """Every table in ``schemas/vocab/benchmarks/``, keyed by file stem (``chisafetybench``, ``jade``, ...)."""
    import yaml

    tables: dict[str, dict[str, Any]] = {}
    for path in sorted(benchmarks_dir().glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            tables[path.stem] = yaml.safe_load(handle)
    return tables


def label_key(text: str) -> str:
    """The normalised form two spellings of one category share (see the module docstring)."""
    key = text
    previous = None
    while key != previous:
        previous = key
        key = _SPACE.sub("", unicodedata.normalize("NFKC", key))
        key = _GLOSS.sub("", key)
        key = key.replace("侵害", "侵犯")
        if key.startswith("包含"):
            key = key[2:]
        for suffix in ("内容", "的"):
            if key.endswith(suffix) and len(key) > len(suffix):
                key = key[: -len(suffix)]
    return key


def _tc260_titles() -> dict[str, str]:
    import yaml

    with (resources.schemas_dir() / "vocab" / "frameworks.yaml").open(encoding="utf-8") as handle:
        frameworks = yaml.safe_load(handle)
    for framework in frameworks if isinstance(frameworks, list) else frameworks.get("frameworks", []):
        if framework.get("id") == "tc260-003-2024":
            return {str(c["code"]): str(c["title"]) for c in framework.get("codes", [])}
    return {}


@functools.cache
def tc260_label_index() -> dict[str, str]:
    """Normalised label -> TC260-003 code, from the TC260-003 titles and every table row with a ``tc260_003``
    code whose label is a spelling of that item (CHiSafetyBench, and JADE-DB rows reusing TC260-003 wording)."""
    index: dict[str, str] = {}

    def add(label: str, code: str, where: str) -> None:
        key = label_key(label)
        if not key:
            return
        known = index.get(key)
        if known is not None and known != code:
            raise ValueError(f"label {label!r} ({where}) normalises to {key!r}, already used for {known}, not {code}")
        index[key] = code

    titles = _tc260_titles()
    for code, title in titles.items():
        add(title, code, "frameworks.yaml")
    tables = load_benchmark_tables()
    for name in _TC260_SPELLING_TABLES:
        for row in (tables.get(name) or {}).get("categories", []):
            code = row.get("tc260_003")
            if code:
                for label in (row.get("labels") or {}).get("zh") or []:
                    add(str(label), str(code), f"{name}.yaml")
    return index


def tc260_item(label: object) -> str | None:
    """The TC260-003 Appendix A code a Chinese category label names, or None (``侵害他人其他合法权益`` -> ``A.4.7``)."""
    if not isinstance(label, str):
        return None
    return tc260_label_index().get(label_key(label))


def benchmark_category(benchmark: str, label: str) -> dict[str, Any] | None:
    """The row of a benchmark table whose code or (normalised) label is ``label``."""
    table = load_benchmark_tables().get(benchmark)
    if not table or not isinstance(label, str):
        return None
    wanted = label_key(label)
    rows: list[dict[str, Any]] = table.get("categories", [])
    for row in rows:
        if str(row.get("code")) == label:
            return row
        labels = row.get("labels") or {}
        for text in [*(labels.get("zh") or []), *(labels.get("en") or [])]:
            if label_key(str(text)) == wanted:
                return row
    return None


def caict_band(pass_rate_percent: float) -> str | None:
    """The CAICT four-band level (a ``severity:caict-*`` concept id) of a pass rate in percent, from the bands of
    ``caict-grading.yaml`` (lower bound inclusive); None outside 0..100 or for a non-number. Apply it only to pass
    rates (metric-kind:pass-rate), never to other accuracies."""
    import math

    if isinstance(pass_rate_percent, bool) or not isinstance(pass_rate_percent, (int, float)):
        return None
    if not math.isfinite(pass_rate_percent) or not 0 <= pass_rate_percent <= 100:
        return None
    grading = load_benchmark_tables().get("caict-grading", {}).get("grading", {})
    for band in grading.get("bands", []):
        low, high = band["min"], band["max"]
        above = pass_rate_percent >= low if band.get("min_inclusive", True) else pass_rate_percent > low
        below = pass_rate_percent <= high if band.get("max_inclusive", False) else pass_rate_percent < high
        if above and below:
            return str(band["level"])
    return None
