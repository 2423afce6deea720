"""What another process worked out ahead for this one, asked for where it is needed (``take``).

A leaf module (it imports nothing of riskfmt's), so that any check can ask without an import cycle: the process
that does the work and binds its results to the objects they are for is ``riskfmt._sidecar``; within its block
(``beside``), ``take`` asks it, and gives ``MISSING`` for anything it has not computed for that very object.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Final, Protocol

__all__ = ["MISSING", "Ahead", "beside", "take"]

MISSING: Final[Any] = type("Missing", (), {"__repr__": lambda self: "MISSING"})()


class Ahead(Protocol):
    def take(self, name: str, subject: object) -> Any: ...

    def close(self) -> None: ...


_CURRENT: list[Ahead] = []


@contextmanager
def beside(ahead: Ahead) -> Iterator[Ahead]:
    """Within the block, ``take`` asks ``ahead``; it is closed at the end."""
    _CURRENT.append(ahead)
    try:
        yield ahead
    finally:
        _CURRENT.remove(ahead)
        ahead.close()


def take(name: str, subject: object) -> Any:
    """What was worked out ahead as ``name`` for ``subject`` (waiting for it if it is on its way), or ``MISSING``."""
    return _CURRENT[-1].take(name, subject) if _CURRENT else MISSING
