"""``EeeConverter``: recognising an EEE aggregate record (by content, whatever the file is called) and reading
records, one report each."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from riskfmt.convert.base import Converted, ConvertOptions
from riskfmt.convert.eee.common import TOOL
from riskfmt.convert.eee.read import Importer
from riskfmt.convert.guard import failed
from riskfmt.findings import Finding

_SNIFF_ID = re.compile(rb'"(schema_version|evaluation_id|retrieved_timestamp)"\s*:\s*"')
_SNIFF_RISKFMT = re.compile(rb'"kind"\s*:\s*"evaluation-report"')
_SNIFF_SHAPE = re.compile(rb'"(evaluation_results"\s*:\s*\[|source_metadata"\s*:\s*\{|model_info"\s*:\s*\{|'
                          rb'eval_library"\s*:\s*\{)')




def _looks_like_record(head: bytes) -> bool:
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return False  # a JSON object, not a text that merely quotes EEE's field names
    if b'"$schema"' in head or _SNIFF_RISKFMT.search(head):
        return False  # EEE's own schema, or a riskfmt report (which may carry an EEE residue in its extensions)
    return bool(_SNIFF_ID.search(head)) and bool(_SNIFF_SHAPE.search(head))


def _head(path: Path, size: int = 16384) -> bytes:
    with path.open("rb") as handle:
        return handle.read(size)


def _is_record_file(path: Path) -> bool:
    try:
        # by content whatever the name: records are published without an extension or under other names too
        return path.is_file() and _looks_like_record(_head(path))
    except OSError:
        return False


def record_for_samples(path: Path) -> Path | None:
    name = path.name
    if not name.lower().endswith("_samples.jsonl"):
        return None
    sibling = path.with_name(name[: -len("_samples.jsonl")] + ".json")
    return sibling if _is_record_file(sibling) else None


class EeeConverter:
    name: ClassVar[str] = "eee"
    title: ClassVar[str] = "Every Eval Ever (EEE) aggregate record"

    _FOLDER_PATTERNS = ("*.json", "*/*.json", "*/*/*.json", "*/*/*/*.json", "data/*/*/*/*.json")

    def sniff(self, path: Path) -> bool:
        try:
            if path.is_dir():
                # a record, a model folder, a developer or benchmark folder, data/ itself, or the datastore root;
                # a few candidates per level keep this cheap on big trees
                return any(_is_record_file(candidate) for pattern in self._FOLDER_PATTERNS
                           for candidate in itertools.islice(path.glob(pattern), 20))
            if path.name.lower().endswith("_samples.jsonl"):
                return record_for_samples(path) is not None
            return _is_record_file(path)
        except Exception:
            return False

    def companion_of(self, path: Path) -> Path | None:
        """The record a ``<uuid>_samples.jsonl`` file is read with (None: not one, or no record beside it)."""
        return record_for_samples(path)

    def read(self, path: Path, options: ConvertOptions) -> Iterator[Converted]:
        if path.is_dir():
            files = [p for p in sorted(path.rglob("*")) if _is_record_file(p)]
            if not files:
                yield Converted(str(path), None, [Finding.make("RF607", str(path), path=str(path), tool=TOOL,
                                                               detail="no EEE aggregate record in this folder")])
            for file in files:
                yield self._read_one(file, options)
            return
        record = record_for_samples(path) if path.name.lower().endswith("_samples.jsonl") else path
        yield self._read_one(record or path, options)

    def _read_one(self, path: Path, options: ConvertOptions) -> Converted:
        try:
            return Importer(path, options).run()
        except Exception as exc:
            return failed(path, TOOL, exc)
