"""Every built-in converter and output format in one table: what ``--from`` and ``--to`` accept.

Each entry names its reader (a producer format -> riskfmt, a class with ``sniff`` and ``read``) and its writer
(riskfmt -> that format, a function ``(items, out, options, lang) -> findings``) as ``"module:attribute"``
strings, imported only when used, so that reading this table costs nothing at start-up. The list is explicit:
a module named here that cannot be imported is an error, never a converter silently left out. Third-party
converters come through the ``riskfmt.converters`` entry-point group (``riskfmt.convert.get``).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

__all__ = ["ENTRIES", "Entry", "by_name", "load", "reader_names", "writer_names"]


@dataclass(frozen=True)
class Entry:
    """One format riskfmt converts from, to, or both."""

    name: str  # the --from / --to value
    label_en: str  # its Chinese is in riskfmt/i18n/zh_CN.po (msgctxt "converter")
    reader: str | None = None  # "module:Class" of the converter that reads it
    writer: str | None = None  # "module:function" that writes it
    # a folder this converter claims is read as one unit (a HELM run, an OpenCompass work folder)
    folder_unit: bool = False
    # sniffed before every other converter: the strictest sniff, and a report converted from another tool
    # carries that tool's vocabulary in its extensions, which a looser sniff could take for the tool's own output
    detect_first: bool = False
    # files with this name ending are read with another file of the same run (the converter's companion_of says
    # which); a folder walk hands them over rather than converting them on their own
    companions: str | None = None

    def label(self, lang: str = "en") -> str:
        from riskfmt.i18n.text import translate

        return translate(self.label_en, lang, "converter")


ENTRIES: tuple[Entry, ...] = (
    Entry("inspect", "Inspect (inspect-ai) log, .eval or .json",
          reader="riskfmt.convert.inspect_ai:InspectConverter"),
    Entry("lm-eval", "EleutherAI lm-evaluation-harness results",
          reader="riskfmt.convert.lm_eval:LmEvalConverter"),
    Entry("helm", "Stanford HELM run folders",
          reader="riskfmt.convert.helm:HelmConverter", folder_unit=True),
    Entry("eee", "Every Eval Ever (EEE) aggregate record",
          reader="riskfmt.convert.eee:EeeConverter", writer="riskfmt.convert.eee.write:write_eee",
          companions="_samples.jsonl"),
    Entry("hf", "Hugging Face model card (model-index) and .eval_results",
          reader="riskfmt.convert.hf:HuggingFaceConverter"),
    Entry("openai-evals", "OpenAI evals record log",
          reader="riskfmt.convert.openai_evals:OpenAIEvalsConverter"),
    Entry("opencompass", "OpenCompass work folder or station file",
          reader="riskfmt.convert.opencompass:OpenCompassConverter", folder_unit=True),
    Entry("aiid", "AI Incident Database records and CSET classifications",
          reader="riskfmt.incident.aiid:AiidConverter"),
    Entry("riskfmt", "riskfmt evaluation or incident report",
          reader="riskfmt.convert.native:NativeConverter", writer="riskfmt.convert.targets:write_riskfmt",
          detect_first=True),
    Entry("csv", "CSV, one row per result", writer="riskfmt.convert.targets:write_csv"),
    Entry("markdown", "Markdown tables", writer="riskfmt.convert.targets:write_markdown"),
)

_BY_NAME = {entry.name: entry for entry in ENTRIES}


def by_name(name: str) -> Entry:
    """The entry called ``name``; KeyError when there is none."""
    return _BY_NAME[name]


def reader_names() -> list[str]:
    """The built-in ``--from`` values, in the order they are listed (and tried, after riskfmt's own)."""
    return [entry.name for entry in ENTRIES if entry.reader is not None]


def writer_names() -> list[str]:
    """The ``--to`` values: riskfmt's own format first (the default), then the others in table order."""
    return sorted((entry.name for entry in ENTRIES if entry.writer is not None), key=lambda name: name != "riskfmt")


def load(target: str) -> Any:
    """The attribute a ``"module:attribute"`` string names (ModuleNotFoundError or AttributeError if missing)."""
    module, _, attribute = target.partition(":")
    return getattr(importlib.import_module(module), attribute)
