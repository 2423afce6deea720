"""How lm-eval writes plain values (times, versions, local paths) and the settings ranges a report allows;
shared with the HELM converter, which reads the same kinds of values."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

TOOL = "lm-evaluation-harness"
NAME = "lm-eval"  # the --from value


def epoch_to_rfc3339(value: Any) -> str | None:
    """Unix seconds (number or numeric string) -> RFC 3339 in UTC (``...Z``); None when not a usable time."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return None
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    try:
        moment = datetime.fromtimestamp(value, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    if not 1 <= moment.year <= 9999:
        return None
    return moment.isoformat().replace("+00:00", "Z")


def json_safe(value: Any) -> Any:
    """A copy of a JSON value with non-finite numbers replaced by None (a report never holds NaN)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_safe(v) for v in value]
    return value


# the ranges evaluation-report 1.0 allows for generation settings
_SETTING_RANGES: dict[str, tuple[float | None, float | None]] = {
    "temperature": (0, None), "top_p": (0, 1), "max_tokens": (1, None), "num_fewshot": (0, None), "epochs": (1, None),
}


def clean_settings(settings: dict[str, Any], lost: Callable[[str, str], None], where: str) -> dict[str, Any]:
    """Drop settings the format cannot hold (out of range), reporting each through ``lost``."""
    for key, (low, high) in _SETTING_RANGES.items():
        value = settings.get(key)
        if value is None:
            continue
        if (low is not None and value < low) or (high is not None and value > high):
            del settings[key]
            lost(f"{where} {key}", f"{value!r} is outside the range riskfmt allows")
    return settings


def positive(n: int | None) -> int | None:
    """n as the format allows it (at least 1)."""
    return n if n is not None and n >= 1 else None




def is_local_path(text: str) -> bool:
    return text.startswith(("/", "./", "../", "~", "\\")) or bool(re.match(r"^[A-Za-z]:[\\/]", text))


def version_text(value: Any) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float, str)):
        text = str(value).strip()
        return text or None
    return None


def parse_model_args(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    if isinstance(value, str):
        for part in value.split(","):
            key, sep, val = part.partition("=")
            if sep and key.strip():
                out[key.strip()] = val.strip()
    return out


def parse_gen_kwargs(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    if isinstance(value, str) and value.strip():
        return parse_model_args(value)
    return {}


def setting_value(value: Any) -> str | int | float | bool | None:
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
