"""``riskfmt.convert``: reports from the tools labs already run, and back.

Converters live in a plain registry: the built-ins are listed here, third-party converters register under the
``riskfmt.converters`` entry-point group (read on first use, never by scanning modules). A new producer is one
module with a class that has ``name``, ``title``, ``sniff()`` and ``read()`` (see ``base.Converter``).
"""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path
from typing import Callable, Iterable

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
            options: ConvertOptions | None = None, progress: Callable[[str], None] | None = None) -> list[Converted]:
    """Convert every source; problems are findings on the results (never exceptions).

    ``progress`` is called with the source of each report as it is made (a folder may give hundreds).

    .. versionadded:: 0.1
    """
    options = options or ConvertOptions()
    out: list[Converted] = []
    for raw in sources:
        path = Path(raw)
        if not path.exists():
            out.append(Converted(str(path), None, [Finding.make("RF001", str(path), path=str(path))]))
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
            for made in converter.read(path, options):
                out.append(made)
                if progress is not None:
                    progress(made.source)
        except Exception as exc:  # noqa: BLE001 - a converter bug or a malformed file: a finding, not a crash
            import os

            if os.environ.get("RISKFMT_DEBUG"):
                raise
            out.append(Converted(str(path), None, [Finding.make(
                "RF607", str(path), path=str(path), tool=converter.name, detail=f"{type(exc).__name__}: {exc}")]))
    return out
