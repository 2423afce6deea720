"""Mapping producer task names to risk concepts: a curated table shipped with riskfmt, overridable.

The tables (``schemas/vocab/task-risks*.yaml``, one per family of benchmarks) map task-name patterns to concept
ids. A user file in the same shape (``--task-map``) is consulted first. A task that matches nothing is mapped to
R0000 with a warning, never dropped.
"""

from __future__ import annotations

import fnmatch
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from riskfmt import resources

__all__ = ["UNMAPPED", "TaskMap", "TaskRule", "load_task_map"]

UNMAPPED = "R0000"


@dataclass(frozen=True)
class TaskRule:
    pattern: str  # fnmatch pattern, matched case-insensitively against the task id
    risks: tuple[str, ...]
    benchmark: str = ""
    tools: tuple[str, ...] = ()  # empty: any tool

    def matches(self, task: str, tool: str | None) -> bool:
        if self.tools and tool not in self.tools:
            return False
        return fnmatch.fnmatchcase(task.casefold(), self.pattern.casefold())


class TaskMap:
    def __init__(self, rules: list[TaskRule]) -> None:
        # most specific first: exact patterns, then longer patterns
        self.rules = sorted(rules, key=lambda r: ("*" in r.pattern or "?" in r.pattern, -len(r.pattern)))

    def lookup(self, task: str, tool: str | None = None) -> TaskRule | None:
        for rule in self.rules:
            if rule.matches(task, tool):
                return rule
        return None

    def risks_for(self, task: str, tool: str | None = None) -> tuple[list[str], bool]:
        """(risk ids, whether a rule matched)."""
        rule = self.lookup(task, tool)
        return (list(rule.risks), True) if rule else ([UNMAPPED], False)


def _rules(data: Any) -> list[TaskRule]:
    rules = []
    for entry in (data or {}).get("tasks", []):
        patterns = entry["match"] if isinstance(entry["match"], list) else [entry["match"]]
        for pattern in patterns:
            rules.append(TaskRule(pattern=str(pattern), risks=tuple(entry["risks"]),
                                  benchmark=entry.get("benchmark", ""), tools=tuple(entry.get("tools", ()))))
    return rules


@functools.cache
def _shipped() -> tuple[TaskRule, ...]:
    import yaml

    rules: list[TaskRule] = []
    for path in sorted((resources.schemas_dir() / "vocab").glob("task-risks*.yaml")):
        with path.open(encoding="utf-8") as handle:
            rules.extend(_rules(yaml.safe_load(handle)))
    return tuple(rules)


def load_task_map(user_file: Path | None = None) -> TaskMap:
    import yaml

    user: list[TaskRule] = []
    if user_file is not None:
        with Path(user_file).open(encoding="utf-8") as handle:
            user = _rules(yaml.safe_load(handle))
    shipped = TaskMap(list(_shipped()))
    if not user:
        return shipped
    # user rules win over shipped ones, whatever their specificity
    combined = TaskMap(user)
    combined.rules = TaskMap(user).rules + shipped.rules
    return combined
