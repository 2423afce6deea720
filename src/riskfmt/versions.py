"""Format versions and the compatibility policy (the kinds and their versions: ``riskfmt.kinds``).

An unknown major version is an error; a newer minor version of a known major is a warning, and the document
is validated against the newest known minor of that major (as pypa/packaging does for lock files).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from riskfmt.kinds import KINDS

__all__ = ["Resolution", "parse_version", "resolve_format", "version_key"]

_VERSION = re.compile(r"^([0-9]+)\.([0-9]+)$")


def parse_version(text: object) -> tuple[int, int] | None:
    if not isinstance(text, str):
        return None
    match = _VERSION.match(text)
    return (int(match.group(1)), int(match.group(2))) if match else None


def version_key(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


class Resolution(NamedTuple):
    """Which known version to validate against, and what to tell the user about it."""

    use: str | None
    code: str | None = None  # RF203 unknown major, RF204 newer minor, RF205 malformed


def resolve_format(kind: str, declared: object) -> Resolution:
    """The version of ``kind`` (an entry of ``riskfmt.kinds.KINDS``) to validate a document declaring
    ``declared`` against."""
    known = KINDS[kind].versions
    parsed = parse_version(declared)
    if parsed is None:
        return Resolution(use=None, code="RF205")
    same_major = [v for v in known if version_key(v)[0] == parsed[0]]
    if not same_major:
        return Resolution(use=None, code="RF203")
    if declared in same_major:
        return Resolution(use=str(declared))
    newest = same_major[-1]
    if parsed > version_key(newest):
        return Resolution(use=newest, code="RF204")
    # an older minor that this release no longer ships a schema for: newer minors accept older documents
    return Resolution(use=newest)
