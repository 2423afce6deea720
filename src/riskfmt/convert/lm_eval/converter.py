"""``LmEvalConverter``: recognising lm-evaluation-harness results files (by content, any name) and the folders
that hold them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from riskfmt.convert.base import Converted, ConvertOptions
from riskfmt.convert.guard import failed
from riskfmt.convert.lm_eval.read import Run
from riskfmt.convert.lm_eval.values import NAME
from riskfmt.findings import Finding


class LmEvalConverter:
    name: ClassVar[str] = NAME
    title: ClassVar[str] = ("EleutherAI lm-evaluation-harness results (0.3 and 0.4 results JSON, any name; "
                            "samples_*.jsonl)")


    def sniff(self, path: Path) -> bool:
        try:
            if path.is_file():
                return _looks_like_results(path)
            if path.is_dir():
                return bool(_results_files(path))
        except Exception:
            return False
        return False


    def read(self, path: Path, options: ConvertOptions) -> Iterator[Converted]:
        files = [path] if path.is_file() else _results_files(path)
        if not files:
            yield Converted(str(path), None, [Finding.make(
                "RF607", str(path), path=str(path), tool=self.name, detail="no lm-eval results_*.json found")])
            return
        for file in files:
            try:
                yield Run(file, options).convert()
            except Exception as exc:
                yield failed(file, self.name, exc)


_SNIFF_BYTES = 65536


def looks_like_results_text(head: bytes) -> bool:
    """Whether the first bytes of a file look like an lm-eval results file (0.3 or 0.4), whatever its name.

    Cheap and total: a JSON object holding ``"results"`` plus ``"versions"`` (written by both layouts) or a
    0.4 marker. Inspect logs (``"eval"`` with ``"results"``) and riskfmt reports are told apart by their own keys.
    """
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.startswith(b"{") or b'"results"' not in text:
        return False
    if b'"evaluations"' in text or b'"report_id"' in text or b'"eval": {' in text or b'"eval":{' in text:
        return False
    return (b'"versions"' in text or b'_stderr,' in text or b'"n-samples"' in text or b'"lm_eval_version"' in text
            or b'"group_subtasks"' in text)


def _looks_like_results(path: Path) -> bool:
    try:
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError:
        return False
    return looks_like_results_text(head)


_MAX_FOLDER_PROBES = 500  # files sniffed when a folder has no results_*.json (bounded: detection must stay cheap)


def _results_files(folder: Path) -> list[Path]:
    """results_*.json in the folder or up to two levels down (lm-eval writes <output_path>/<model>/results_*.json);
    failing that, any *.json there whose content is an lm-eval results file (0.3 wrote any name)."""
    for pattern in ("results*.json", "*/results*.json", "*/*/results*.json"):
        found = [c for c in sorted(folder.glob(pattern)) if c.is_file() and _looks_like_results(c)]
        if found:
            return found
    probes = 0
    for pattern in ("*.json", "*/*.json", "*/*/*.json"):
        found = []
        for candidate in sorted(folder.glob(pattern)):
            if candidate.name.startswith("samples_"):
                continue
            probes += 1
            if probes > _MAX_FOLDER_PROBES:
                return found
            if _looks_like_results(candidate):
                found.append(candidate)
        if found:
            return found
    return []
