"""Incident reports: a second riskfmt document kind for AI incidents and hazards whose cause may be uncertain.

The public API: ``check_incident`` (semantic rules, run by ``riskfmt.validate``), ``skeleton`` (a report to
fill in), ``update_file`` / ``apply_update`` (append to the append-only timeline), ``check_history`` (one
version against the previous), ``diff_incidents`` (two parties' reports of the same incident) and the
``aiid`` converter (AI Incident Database records and CSET classifications).
"""

from __future__ import annotations

from typing import Any

__all__ = ["Update", "UpdateResult", "apply_update", "check_history", "check_incident", "diff_incidents",
           "skeleton", "update_file", "write_skeleton"]

_LAZY = {
    "check_incident": "riskfmt.incident.semantic",
    "Update": "riskfmt.incident.history",
    "UpdateResult": "riskfmt.incident.history",
    "apply_update": "riskfmt.incident.history",
    "check_history": "riskfmt.incident.history",
    "update_file": "riskfmt.incident.history",
    "diff_incidents": "riskfmt.incident.diff",
    "skeleton": "riskfmt.incident.skeleton",
    "write_skeleton": "riskfmt.incident.skeleton",
}


def __getattr__(name: str) -> Any:
    # imported on first use: `riskfmt validate` of evaluation reports never pays for this package
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(name)


def __dir__() -> list[str]:
    return sorted(__all__)
