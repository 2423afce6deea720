"""The one place where a converter's unexpected exception becomes a finding rather than a traceback.

A malformed producer file, or a bug a converter meets on one, must not stop a folder of a hundred files: the
file that failed is named by RF607 with the exception's words, and the others are converted. Setting
``RISKFMT_DEBUG`` lets the exception through instead, for whoever is fixing the converter.
"""

from __future__ import annotations

import os
from pathlib import Path

from riskfmt.convert.base import Converted
from riskfmt.findings import Finding

__all__ = ["debugging", "failed", "reraise_when_debugging", "unreadable"]


def debugging() -> bool:
    """Whether ``RISKFMT_DEBUG`` asks for a converter's exceptions to propagate."""
    return bool(os.environ.get("RISKFMT_DEBUG"))


def reraise_when_debugging(exc: BaseException) -> None:
    """Raise ``exc`` again under ``RISKFMT_DEBUG``; otherwise return, for the caller to report it."""
    if debugging():
        raise exc


def failed(source: str | Path, tool: str, exc: BaseException) -> Converted:
    """No report from ``source``: RF607 naming ``tool`` and the exception (raised instead under RISKFMT_DEBUG)."""
    reraise_when_debugging(exc)
    return unreadable(source, tool, f"{type(exc).__name__}: {exc}")


def unreadable(source: str | Path, tool: str, detail: str) -> Converted:
    """No report from ``source``: RF607 naming ``tool`` and why."""
    path = str(source)
    return Converted(path, None, [Finding.make("RF607", path, path=path, tool=tool, detail=detail)])
