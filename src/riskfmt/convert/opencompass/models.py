"""What an OpenCompass model config says about the model: its class (open weights or an API), whether its path
is a model-hub id, and which config values are plain scalars riskfmt can carry."""

from __future__ import annotations

import math
import re
from typing import Any

from riskfmt.convert.opencompass.config import Opaque

OPEN_WEIGHT_CLASSES = re.compile(r"(HuggingFace|VLLM|LMDeploy|TurboMind|Llama2?$|InternLM|Mixtral|GLM$|Qwen.*HF)",
                                  re.IGNORECASE)
API_CLASSES = re.compile(
    r"(API|SDK|^OpenAI|^Claude|^Gemini|^ZhiPu|^BaiChuan|^MiniMax|^XunFei|^ERNIEBot|^Moonshot|^Hunyuan|^SenseTime|"
    r"^Doubao|^Qwen$|^Yi$|^DeepseekAPI|^Mistral)", re.IGNORECASE)


def scalar(value: Any) -> str | int | float | bool | None:
    if isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return None


def short_type(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("type")
    if isinstance(value, str) and value:
        return value.split(".")[-1]
    if isinstance(value, Opaque):
        return value.source.split(".")[-1]
    return None


def is_hub_id(path: Any) -> bool:
    """``org/name`` as published on a model hub (no local path, no URL scheme, no file extension)."""
    if not isinstance(path, str):
        return False
    if path.startswith(("/", "./", "../", "~", "\\")) or re.match(r"^[A-Za-z]:[\\/]", path) or "://" in path:
        return False
    parts = path.split("/")
    return len(parts) == 2 and all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", p) for p in parts) and \
        not re.search(r"\.(jsonl?|csv|txt|parquet|py|bin|safetensors)$", path, re.IGNORECASE)
