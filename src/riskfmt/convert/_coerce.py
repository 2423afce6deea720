"""Reading untrusted producer JSON: values of the expected type, or a harmless empty default.

Producer files are read defensively (a field may be missing, null, or of another type in another version of
the tool); these helpers keep that defensiveness in one place for every converter. Where converters read a
value differently (lm-eval writes numbers as strings in its configuration, OpenCompass wraps a lone value in a
list), the difference is a named parameter here, not another copy.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

__all__ = ["NO_ZONE", "as_dict", "as_int", "as_list", "filled", "finite_number", "is_number",
           "is_scalar", "parse_date"]


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_list(value: Any, *, wrap: bool = False) -> list[Any]:
    """``value`` if it is a list; otherwise ``[]``, or ``[value]`` when ``wrap`` (a field that holds either one
    value or a list of them)."""
    if isinstance(value, list):
        return value
    return [value] if wrap else []


def finite_number(value: Any, *, strings: bool = False, nonfinite: bool = False) -> float | None:
    """A finite number, else None: booleans are not numbers, and NaN and infinities are not values riskfmt carries.

    ``strings``: a numeric string is read as its number (``"0.7"``, as lm-eval writes generation settings).
    ``nonfinite``: NaN and infinities are returned as they are, for a caller that reports them itself.
    """
    if isinstance(value, str) and strings:
        try:
            value = float(value)
        except ValueError:
            return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = float(value)
    return number if nonfinite or math.isfinite(number) else None


def is_number(value: Any) -> bool:
    """Whether ``value`` is a finite number (``finite_number`` would return it)."""
    return finite_number(value) is not None


def as_int(value: Any, *, strings: bool = False) -> int | None:
    """An integer: an int, or a float with no fraction (``3.0``); with ``strings`` also a string of digits
    (``" 5 "``). Booleans are not integers."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if strings and isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def is_scalar(value: Any, *, none: bool = False) -> bool:
    """A string, number (finite) or boolean; with ``none``, None counts as a scalar too."""
    if value is None:
        return none
    return isinstance(value, (str, int, float, bool)) and not (isinstance(value, float) and not math.isfinite(value))


def filled(value: Any, *, deep: bool = False) -> bool:
    """A value worth reporting as lost: not None and not empty; with ``deep``, a dict counts only when one of its
    values is filled (a dict of Nones says nothing)."""
    if value is None or value == "" or value == [] or value == {}:
        return False
    if deep and isinstance(value, dict):
        return any(filled(v, deep=True) for v in value.values())
    return True


NO_ZONE = "the date has no time zone (none is invented)"
# the reasons parse_date gives are English; their Chinese is in riskfmt/i18n/zh_CN.po (msgctxt "conversion")


def parse_date(value: Any, *, no_zone: str = NO_ZONE) -> tuple[str | None, str]:
    """(an RFC 3339 date-time with its zone, "") or (None, why not). A date without a zone is refused, never
    given one; ``no_zone`` is the reason then (a converter names what its tool writes instead)."""
    if not isinstance(value, str) or not value.strip():
        return None, "not a date"
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None, "not an ISO 8601 date"
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        return None, no_zone
    return parsed.isoformat(), ""
