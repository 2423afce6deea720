"""riskfmt reports as a source, so that ``--to csv|markdown|eee`` also works on riskfmt's own files."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from riskfmt.convert.base import Converted, ConvertOptions
from riskfmt.kinds import KINDS

# the report kinds, from the one table of document kinds: those riskfmt validates and compares
_KINDS = ("(" + "|".join(re.escape(k.name) for k in KINDS.values() if k.validated and k.differ) + ")").encode()
_KIND_JSON = re.compile(rb'"kind"\s*:\s*"' + _KINDS + rb'"')
_FORMAT_YAML = re.compile(rb"(?m)^format_version\s*:")
_KIND_YAML = re.compile(rb"(?m)^kind\s*:\s*[\"']?" + _KINDS + rb"[\"']?\s*$")


class NativeConverter:
    name: ClassVar[str] = "riskfmt"
    title: ClassVar[str] = "riskfmt evaluation or incident report"

    def sniff(self, path: Path) -> bool:
        """By content, whatever the file is called: a JSON or YAML document whose ``kind`` near the top is one of
        riskfmt's (an evaluation or an incident report)."""
        try:
            if not path.is_file():
                return False
            with path.open("rb") as handle:
                head = handle.read(4096)
        except OSError:
            return False
        text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        if text.startswith(b"{"):
            return bool(_KIND_JSON.search(head))
        # YAML: a top-level kind and format_version, as every riskfmt document has
        return bool(_KIND_YAML.search(head)) and _FORMAT_YAML.search(head) is not None

    def read(self, path: Path, options: ConvertOptions) -> Iterator[Converted]:
        from riskfmt.validation import validate_bytes

        data = path.read_bytes()
        result = validate_bytes(data, str(path), base_dir=path.parent)
        from riskfmt.loading import load_bytes

        doc = load_bytes(data, str(path))
        yield Converted(str(path), doc.data if doc.parsed and isinstance(doc.data, dict) else None, result.findings)
