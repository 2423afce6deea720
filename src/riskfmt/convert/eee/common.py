"""What both directions of the EEE converter share: EEE 0.3.0's constants, value spellings and time stamps."""

from __future__ import annotations

import json
import math
import re
from datetime import UTC, datetime
from typing import Any

from riskfmt.integrity.markings import TLP_LEVELS

EXTENSION = "every-eval-ever"
SCHEMA_VERSION = "0.3.0"
PREFIX = "riskfmt_"
TOOL = "every-eval-ever"

UUID4 = re.compile(r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-4[0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$")
_EPOCH = re.compile(r"^\s*-?\d+(\.\d+)?\s*$")
LANG = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")
_INT = re.compile(r"^-?\d+$")
UNC_METHODS = ("analytic", "binomial", "bootstrap", "clustered", "reported", "derived", "other")
RELATIONSHIPS = ("first_party", "third_party", "collaborative", "other")
TLP_ORDER = TLP_LEVELS
SLICE_KEYS = ("split", "perturbation", "subgroup", "language", "locale")
# generation_args slots that hold a plain scalar, with the Python types EEE's schema accepts there
_GA_SCALARS: dict[str, tuple[type, ...]] = {
    "top_k": (int, float), "reasoning": (bool,), "execution_command": (str,), "prompt_template": (str,),
    "max_attempts": (int,), "incorrect_attempt_feedback": (str,),
}
_GA_MAPPED = ("temperature", "top_p", "max_tokens")
INT_SETTINGS = ("num_fewshot", "seed", "epochs")
# EEE eval_library names -> riskfmt converter names, so a user task map scoped to a tool still applies
TOOL_ALIASES = {"lm_eval": "lm-eval", "lm-evaluation-harness": "lm-eval", "inspect": "inspect",
                 "inspect_ai": "inspect", "helm": "helm", "crfm-helm": "helm"}




def canon_int(value: Any) -> int | None:
    """The integer an EEE string spells canonically ("12", not "012" or "+12"), so writing it back gives the
    same string."""
    if isinstance(value, str) and _INT.match(value) and str(int(value)) == value:
        return int(value)
    return None


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def str_dict(value: Any) -> dict[str, str]:
    return {str(k): v for k, v in value.items() if isinstance(v, str)} if isinstance(value, dict) else {}


def jdump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def jload(text: Any) -> Any:
    if not isinstance(text, str):
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def iso(dt: datetime) -> str:
    text = dt.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def parse_timestamp(value: Any) -> str | None:
    """An EEE timestamp (epoch seconds as a number or string, or ISO 8601) as an RFC 3339 string in UTC.

    None when it cannot be read or names no time zone (a zone is never invented).
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) or (isinstance(value, str) and _EPOCH.match(value)):
        try:
            seconds = float(value)
            if not math.isfinite(seconds):
                return None
            return iso(datetime.fromtimestamp(seconds, tz=UTC))
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    try:
        dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None or "T" not in value.upper():
        return None
    return iso(dt.astimezone(UTC))


def instant(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt if dt.tzinfo is not None else None


def epoch_string(rfc3339: str) -> str | None:
    """An RFC 3339 date-time as EEE writes timestamps: epoch seconds, as an integer when whole."""
    dt = instant(rfc3339)
    if dt is None:
        return None
    seconds = dt.timestamp()
    return str(int(seconds)) if seconds == int(seconds) else repr(seconds)


def unit_in(unit: Any) -> str | None:
    if not isinstance(unit, str) or not unit:
        return None
    low = unit.strip().lower()
    if low in ("proportion", "fraction", "ratio"):
        return "1"
    if low in ("percent", "percentage", "%"):
        return "%"
    return unit


def unit_out(unit: str) -> str:
    return {"1": "proportion", "%": "percent"}.get(unit, unit)


def unc_method_in(method: Any) -> str:
    if method is None or method == "":
        return "reported"
    return method if method in UNC_METHODS else "other"


def access_in(deployment: Any, availability: Any) -> str | None:
    """EEE deployment_type + model_availability -> riskfmt access (how the evaluator reached the model)."""
    if deployment == "externally_managed":
        return "api"
    if deployment == "self_deployed" and availability == "open_weights":
        return "open_weights"
    if deployment == "self_deployed" and availability == "closed_weights":
        return "internal"
    return None


ACCESS_OUT = {"open_weights": ("self_deployed", "open_weights"), "api": ("externally_managed", "unknown"),
               "internal": ("self_deployed", "closed_weights"), "other": ("unknown", "unknown")}


def safe_component(text: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("._") or "unknown"
    return cleaned[:120]


def ga_scalar(key: str, value: Any) -> bool:
    """Whether ``value`` fits the generation_args slot ``key`` that riskfmt keeps in settings.other."""
    types = _GA_SCALARS.get(key)
    if types is None or not isinstance(value, types):
        return False
    if isinstance(value, bool) and key != "reasoning":
        return False
    return not isinstance(value, float) or math.isfinite(value)


def infer_method(unc: dict[str, Any]) -> str:
    """The riskfmt uncertainty method a reader infers when EEE has no standard-error method to say it."""
    ci = unc.get("ci") or {}
    if ci.get("method") in UNC_METHODS:
        return str(ci["method"])
    if "num_bootstrap" in unc:
        return "bootstrap"
    return "reported"
