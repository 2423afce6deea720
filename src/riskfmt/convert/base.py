"""What every converter shares: its options, its output, and the protocol a converter implements."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Protocol

from riskfmt.findings import Finding

__all__ = ["ConvertOptions", "Converted", "Converter"]


@dataclass(frozen=True)
class ConvertOptions:
    """Facts a converter cannot read from the source, and what to keep.

    Producer tools rarely record who ran them: ``organization`` and ``relationship`` say so. ``tlp`` is the
    document marking; it defaults to AMBER, the most restrictive label a converter can choose without
    knowing anything about the content. Sample inputs and outputs are left out unless ``include_content``:
    counts, scores and per-sample digests always stay.
    """

    organization: str | None = None
    relationship: str = "third_party"
    developer: str | None = None
    tlp: str = "AMBER"
    samples: str = "inline"  # inline | file | none
    include_content: bool = False
    task_map: Path | None = None
    vocabulary_version: str | None = None


@dataclass
class Converted:
    """One report produced from one source (a source may yield several), with what was lost."""

    source: str
    report: dict[str, Any] | None
    findings: list[Finding] = field(default_factory=list)
    # (evaluation id, rows) for samples files beside the report, when options.samples == "file"
    samples_files: list[tuple[str, list[dict[str, Any]]]] | None = None


class Converter(Protocol):
    """A reader of one producer tool's output. Register it in ``riskfmt.convert.CONVERTERS`` (built-in) or
    under the ``riskfmt.converters`` entry-point group (third party)."""

    name: ClassVar[str]  # the --from value
    title: ClassVar[str]

    def sniff(self, path: Path) -> bool:
        """True when ``path`` (file or folder) looks like this tool's output. Must be cheap and never raise."""
        ...

    def read(self, path: Path, options: ConvertOptions) -> Iterator[Converted]:
        """Reports made from ``path``. Problems are findings on the results, never exceptions."""
        ...
