"""One Inspect sample as the converter keeps it (the transcript is dropped as soon as it is read), and how an
Inspect score value reads as a number and a verdict."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

from riskfmt.convert._coerce import as_dict, filled


def score_to_float(value: Any) -> tuple[float | None, str | None]:
    """(score, verdict) of one Inspect score value, as Inspect's own ``value_to_float`` reads it.

    C -> (1, pass), I -> (0, fail), P -> (0.5, partial), N (no answer) -> (0, None); booleans -> (1|0, pass|fail);
    numbers and numeric strings -> (number, None); yes/true/no/false -> 1 or 0. Lists and dicts (multi-valued
    scores) and anything unreadable -> (None, None).
    """
    if isinstance(value, bool):
        return (1.0, "pass") if value else (0.0, "fail")
    if isinstance(value, (int, float)):
        number = float(value)
        return (number, None) if math.isfinite(number) else (None, None)
    if isinstance(value, str):
        if value == "C":
            return 1.0, "pass"
        if value == "I":
            return 0.0, "fail"
        if value == "P":
            return 0.5, "partial"
        if value == "N":
            return 0.0, None
        low = value.strip().lower()
        if low in ("yes", "true"):
            return 1.0, None
        if low in ("no", "false"):
            return 0.0, None
        # isdigit() accepts superscripts ('¹') that float() refuses: ASCII digits only
        if low.isascii() and low.replace(".", "", 1).isdigit():
            return float(low), None
    return None, None


@dataclass
class Sample:
    """What the converter keeps of one sample record (the transcript is dropped as soon as it is read)."""

    id: Any
    epoch: int
    scores: dict[str, Any]
    score_details: set[str]
    errored: bool
    invalidated: bool
    input: Any
    output: Any
    target: Any
    keys: set[str] = field(default_factory=set)

    @classmethod
    def parse(cls, data: bytes) -> Sample | None:
        try:
            return cls.of(json.loads(data))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            return None

    @classmethod
    def of(cls, raw: Any) -> Sample | None:
        """What is kept of one sample record, or None for a record that is not a sample."""
        if not isinstance(raw, dict):
            return None
        scores_raw = as_dict(raw.get("scores"))
        scores: dict[str, Any] = {}
        details: set[str] = set()
        for name, score in scores_raw.items():
            if isinstance(score, dict):
                scores[name] = score.get("value")
                details.update(k for k, v in score.items() if k != "value" and filled(v, deep=True))
            else:
                scores[name] = score
        output = raw.get("output")
        completion = output.get("completion") if isinstance(output, dict) else None
        epoch = raw.get("epoch", 1)
        return cls(
            id=raw.get("id"),
            epoch=epoch if isinstance(epoch, int) and not isinstance(epoch, bool) and epoch >= 1 else 1,
            scores=scores,
            score_details=details,
            errored=filled(raw.get("error"), deep=True),
            invalidated=filled(raw.get("invalidation"), deep=True),
            input=raw.get("input"),
            output=completion,
            target=raw.get("target"),
            keys={k for k, v in raw.items() if filled(v, deep=True)},
        )
