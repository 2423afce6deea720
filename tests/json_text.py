"""JSON text that may repeat keys, for tests of the parsers' duplicate-key checks (no parser writes it)."""

from __future__ import annotations

import json


def json_text(value: object) -> str:
    """JSON text of ``value``; a list of pairs is written as an object, so keys may repeat."""
    if isinstance(value, list) and value and all(isinstance(v, tuple) for v in value):
        return "{" + ", ".join(json.dumps(k) + ": " + json_text(v) for k, v in value) + "}"
    if isinstance(value, list):
        return "[" + ",".join(json_text(v) for v in value) + "]"
    return json.dumps(value)
