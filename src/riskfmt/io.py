"""Writing outputs safely: never over an input, never half-written."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

__all__ = ["atomic_write_bytes", "atomic_write_text"]


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, mode: int | None = None) -> None:
    """Write to a temporary file in the same folder, flush it to disk, then rename it into place, so a
    reader sees either the old file or the whole new one. ``mode`` sets permissions before any byte is
    written (0o600 for private keys)."""
    target = Path(path)
    handle, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        if mode is None:
            # mkstemp creates 0600; an ordinary output gets the permissions a plain open() would give it
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.fchmod(handle, mode)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def atomic_write_text(path: str | os.PathLike[str], text: str, mode: int | None = None) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), mode)


_NOT_PORTABLE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_DEVICE_NAMES = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)


def portable_name(text: str, limit: int = 180) -> str:
    """A file name every operating system accepts, made from ``text`` (a run name, an evaluation id).

    Characters Windows forbids (HELM run names carry ``:``) become ``_``; trailing dots and spaces go; a
    Windows device name gets a ``_`` in front; the name is cut to ``limit`` characters.
    """
    name = _NOT_PORTABLE.sub("_", text).rstrip(". ")[:limit].rstrip(". ") or "_"
    return "_" + name if _DEVICE_NAMES.match(name) else name
