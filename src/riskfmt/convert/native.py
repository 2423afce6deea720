"""riskfmt reports as a source, so that ``--to csv|markdown|eee`` also works on riskfmt's own files."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Iterator

from riskfmt.convert.base import ConvertOptions, Converted


class NativeConverter:
    name: ClassVar[str] = "riskfmt"
    title: ClassVar[str] = "riskfmt evaluation report"

    def sniff(self, path: Path) -> bool:
        if not path.is_file() or path.suffix.lower() not in (".json", ".yaml", ".yml"):
            return False
        try:
            with path.open("rb") as handle:
                head = handle.read(4096)
        except OSError:
            return False
        return b'"kind"' in head and b"evaluation-report" in head or b"kind: evaluation-report" in head

    def read(self, path: Path, options: ConvertOptions) -> Iterator[Converted]:
        from riskfmt.validation import validate_bytes

        data = path.read_bytes()
        result = validate_bytes(data, str(path), base_dir=path.parent)
        from riskfmt.loading import load_bytes

        doc = load_bytes(data, str(path))
        yield Converted(str(path), doc.data if doc.parsed and isinstance(doc.data, dict) else None, result.findings)
