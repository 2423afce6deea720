"""Reading untrusted producer JSON: values of the expected type, or a harmless empty default.

Producer files are read defensively (a field may be missing, null, or of another type in another version of
the tool); these helpers keep that defensiveness in one place for every converter.
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["as_dict", "as_list", "finite_number"]


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def finite_number(value: Any) -> float | None:
    """A finite number, else None: booleans are not numbers, and NaN and infinities are not values riskfmt carries."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = float(value)
    return number if math.isfinite(number) else None
