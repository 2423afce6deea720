"""``riskfmt.convert``: reports from the tools labs already run, and back.

Converters live in a plain registry: the built-ins are listed here, third-party converters register under the
``riskfmt.converters`` entry-point group (read on first use, never by scanning modules). A new producer is one
module with a class that has ``name``, ``title``, ``sniff()`` and ``read()`` (see ``base.Converter``).
"""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path
from typing import Iterable

from riskfmt.convert.base import ConvertOptions, Converted, Converter
from riskfmt.findings import Finding

__all__ = ["BUILTIN", "ConvertOptions", "Converted", "Converter", "available", "convert", "detect", "get"]

# name -> "module:Class"; imported only when used
BUILTIN: dict[str, str] = {
    "inspect": "riskfmt.convert.inspect_ai:InspectConverter",
    "lm-eval": "riskfmt.convert.lm_eval:LmEvalConverter",
    "helm": "riskfmt.convert.helm:HelmConverter",
    "eee": "riskfmt.convert.eee:EeeConverter",
    "hf": "riskfmt.convert.hf:HuggingFaceConverter",
    "openai-evals": "riskfmt.convert.openai_evals:OpenAIEvalsConverter",
    "opencompass": "riskfmt.convert.opencompass:OpenCompassConverter",
    "riskfmt": "riskfmt.convert.native:NativeConverter",
    "aiid": "riskfmt.incident.aiid:AiidConverter",
}

_loaded: dict[str, Converter] = {}
_plugins: dict[str, str] | None = None


def _plugin_table() -> dict[str, str]:
    global _plugins
    if _plugins is None:
        from importlib.metadata import entry_points

        _plugins = {ep.name: ep.value for ep in entry_points(group="riskfmt.converters")}
    return _plugins


def available() -> list[str]:
    """Names accepted by ``--from``: built-ins whose module exists, then plugins."""
    names = [name for name, target in BUILTIN.items() if _exists(target.split(":")[0])]
    return names + sorted(set(_plugin_table()) - set(names))


def _exists(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:  # its package is not there at all
        return False


def get(name: str) -> Converter:
    if name not in _loaded:
        target = BUILTIN.get(name) or _plugin_table().get(name)
        if target is None:
            raise KeyError(name)
        module, attr = target.split(":")
        _loaded[name] = getattr(importlib.import_module(module), attr)()
    return _loaded[name]


def detect(path: Path) -> Converter | None:
    """The converter whose ``sniff`` accepts ``path`` (first match, built-ins in registry order)."""
    for name in available():
        try:
            converter = get(name)
            if converter.sniff(path):
                return converter
        except Exception:  # noqa: BLE001 - a broken plugin must not stop detection
            continue
    return None


def convert(sources: Iterable[str | Path], *, from_: str | None = None,
            options: ConvertOptions | None = None) -> list[Converted]:
    """Convert every source; problems are findings on the results (never exceptions).

    .. versionadded:: 0.1
    """
    options = options or ConvertOptions()
    out: list[Converted] = []
    for raw in sources:
        path = Path(raw)
        if not path.exists():
            out.append(Converted(str(path), None, [Finding.make("RF001", str(path), path=str(path))]))
            continue
        special = _special(path)
        if special:  # a FIFO or device would block or never end the moment a converter opens it
            out.append(Converted(str(path), None, special))
            continue
        if from_ is not None:
            converter = get(from_)
        else:
            found = detect(path)
            if found is None:
                out.append(Converted(str(path), None, [
                    Finding.make("RF605", str(path), path=str(path), known=", ".join(available()))]))
                continue
            converter = found
        try:
            out.extend(_carriable(item) for item in converter.read(path, options))
        except Exception as exc:  # noqa: BLE001 - a converter bug or a malformed file: a finding, not a crash
            import os

            if os.environ.get("RISKFMT_DEBUG"):
                raise
            if _surrogate(exc):  # producer JSON with a lone "\\ud800": a fact about the input, not a crash
                out.append(Converted(str(path), None, [Finding.make("RF115", str(path), escape="\\ud800-\\udfff")]))
                continue
            out.append(Converted(str(path), None, [Finding.make(
                "RF607", str(path), path=str(path), tool=converter.name, detail=f"{type(exc).__name__}: {exc}")]))
    return out


def _special(path: Path) -> list[Finding]:
    """RF006 for a source that is, or a folder that holds, a FIFO, device or socket."""
    from riskfmt.io import special_file, special_files_below

    if path.is_dir():
        return special_files_below(path)
    found = special_file(path)
    return [found] if found is not None else []


def _carriable(item: Converted) -> Converted:
    """A report that JSON can carry: producer text with a lone surrogate escape (``"\\ud800"``) parses in
    Python but cannot be written as UTF-8, so it becomes RF115 here rather than a crash at writing."""
    import orjson

    if item.report is None:
        # a converter that caught the failure itself says RF607 with the exception's words: name the cause
        item.findings = [Finding.make("RF115", f.location.source, escape="\\ud800-\\udfff")
                         if f.code == "RF607" and _surrogate(Exception(f.params.get("detail", ""))) else f
                         for f in item.findings]
        return item
    try:
        orjson.dumps([item.report, item.samples_files or []])
    except orjson.JSONEncodeError as exc:
        if "surrogate" not in str(exc):
            return item  # anything else is for validation to name
        item.findings.append(Finding.make("RF115", item.source, escape="\\ud800-\\udfff"))
        item.report = None
    return item


def _surrogate(exc: BaseException) -> bool:
    """Whether a converter failed on text holding a lone surrogate (json.loads accepts the escape; encoding
    it as UTF-8, canonical JSON or a digest then fails)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, UnicodeEncodeError) or "surrogate" in str(seen) or "non-UTF-8 codepoints" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
