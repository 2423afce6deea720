"""What a clean validation needs to know about the shipped vocabulary releases, without loading one.

Checking that every risk id in a report is current and every method is known needs a few hundred ids per
release, not the release's 370 KB of bilingual labels and definitions. Those facts are generated at build
time into ``riskfmt._generated.vocab_index`` (tests/test_generated.py keeps them equal to the releases);
the full release is loaded only when something needs a label, a suggestion or a deprecation notice.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from riskfmt._generated import vocab_index as _index

if TYPE_CHECKING:
    from riskfmt.vocab import Vocabulary

__all__ = ["Release", "releases", "is_release", "newer_than_latest", "plain_risk_ids", "has_token"]


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def releases() -> tuple[str, ...]:
    """Shipped vocabulary releases, oldest first."""
    return tuple(_index.RELEASES)


def is_release(version: str) -> bool:
    return version in _index.RELEASES


def newer_than_latest(version: str) -> bool:
    try:
        return _key(version) > _key(_index.RELEASES[-1])
    except ValueError:
        return False


@functools.cache
def plain_risk_ids(release: str, cited: str) -> frozenset[str]:
    """Risk ids of ``release`` that need no finding in a report citing ``cited``: current, and added no later
    than ``cited``."""
    cited_key = _key(cited)
    return frozenset(rid for rid, (added, deprecated) in _index.RISKS[release].items()
                     if not deprecated and _key(added) <= cited_key)


def has_token(release: str, scheme: str, token: str) -> bool:
    """Whether ``token`` is what a report writes for some concept of ``scheme`` in ``release``."""
    return token in _index.TOKENS[release].get(scheme, ())


class Release:
    """A shipped release that loads its full ``Vocabulary`` on first use of anything but its version."""

    __slots__ = ("version", "_full")

    def __init__(self, version: str) -> None:
        self.version = version
        self._full: Vocabulary | None = None

    def full(self) -> Vocabulary:
        if self._full is None:
            from riskfmt.vocab import load_vocabulary

            self._full = load_vocabulary(self.version)
        return self._full

    def __getattr__(self, name: str) -> Any:
        return getattr(self.full(), name)

    def __repr__(self) -> str:
        return f"Release({self.version!r})"
