"""How deep the current call stack is, for parsers that use the recursion limit as their depth limit.

Kept in a module of its own, with no imports but ``sys`` (and ``types``, which ``re`` loads anyway), because the
quick path of ``riskfmt validate`` (``riskfmt._quick``) needs it without loading the full loader."""

from __future__ import annotations

import sys
from types import FrameType

__all__ = ["frame_depth"]


def frame_depth() -> int:
    frame: FrameType | None = sys._getframe()
    depth = 0
    while frame is not None:
        frame, depth = frame.f_back, depth + 1
    return depth
