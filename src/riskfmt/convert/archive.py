"""Reading ZIP archives (Inspect's ``.eval`` logs) safely: in memory, with size, ratio and count limits.

Nothing is ever extracted to disk. The central directory is parsed here (not by :mod:`zipfile`), so that an
archive declaring too many members is refused before any of them is looked at, and every member is checked
before anything is decompressed:

* its name: no absolute path, drive letter, ``..`` component, backslash trick or NUL byte; no duplicates;
* its type: no symbolic links;
* its declared sizes: each member and the whole archive under a byte limit, and under a compression-ratio limit;
* its place: members may not overlap (the "overlapping files" zip bomb) nor point outside the archive.

Members are then decompressed in memory with the output capped at the smallest of the member's declared size,
the per-member limit, what is left of the total limit and the ratio limit, so an archive that lies about its sizes
is stopped as soon as it inflates past them, never after (and since no member may exceed its declared size, the
whole archive cannot exceed its checked declared total or total ratio either). Each refusal names the member and the
reason, in English and Chinese, for an RF606 finding; one refused member refuses the whole archive (a log that
arrives with a hostile payload is not reported on). Corrupt or truncated archives raise :class:`UnreadableArchive`
(RF607).

Stored (0), deflate (8) and Zstandard (93, what Inspect writes) members are supported. Zstandard needs the standard
library's decoder (Python 3.14+) or the ``zstandard`` package (a runtime dependency before 3.14); should neither be
importable, an ``.eval`` log is reported as unreadable with the install hint, never misread.
"""

from __future__ import annotations

import re
import stat
import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Self

from riskfmt.errors import RiskfmtError

__all__ = [
    "ArchiveLimits",
    "Member",
    "Refusal",
    "SafeZip",
    "UnreadableArchive",
    "UnsafeArchive",
    "ZstdError",
]

_MiB = 1 << 20


@dataclass(frozen=True)
class ArchiveLimits:
    """What an archive may hold before it is refused. The defaults fit real Inspect logs with room to spare
    (a log of 14,000 samples x 4 epochs has some 56,000 members, each a few KB to a few MB, compressed 3-10:1)."""

    max_members: int = 65_536
    max_member_bytes: int = 256 * _MiB  # uncompressed, per member
    max_total_bytes: int = 4096 * _MiB  # uncompressed, all members read
    max_ratio: float = 250.0  # uncompressed / compressed, per member
    max_total_ratio: float = 100.0  # uncompressed / compressed, whole archive
    ratio_floor: int = 1 * _MiB  # below this many uncompressed bytes the ratio is not held against a member
    max_directory_bytes: int = 32 * _MiB  # size of the central directory
    max_name_bytes: int = 1024
    max_refusals: int = 20  # refusals listed before the rest are summed up in one


@dataclass(frozen=True)
class Refusal:
    """Why one member (or ``*``, the whole archive) was refused: the parameters of an RF606 finding."""

    member: str
    reason: str
    reason_zh: str


def _reason(english: str, **values: object) -> tuple[str, str]:
    """(English, Chinese) of why a member is refused; the Chinese is in riskfmt/i18n/zh_CN.po (msgctxt
    "conversion"), read only when an archive is refused."""
    from riskfmt.i18n.text import translate

    return english.format(**values), translate(english, "zh", "conversion").format(**values)


class UnsafeArchive(RiskfmtError):
    """The archive is refused; ``refusals`` lists why (one RF606 finding each, made by the converter, which
    knows the source)."""

    def __init__(self, refusals: list[Refusal]) -> None:
        super().__init__((), "; ".join(f"{r.member}: {r.reason}" for r in refusals))
        self.refusals = refusals


class UnreadableArchive(RiskfmtError):
    """Not a ZIP archive, or a truncated or corrupt one (an RF607 finding, made by the converter)."""

    def __init__(self, message: str) -> None:
        super().__init__((), message)


@dataclass(frozen=True)
class Member:
    name: str
    raw_name: bytes
    method: int
    flags: int
    crc: int
    compressed_size: int
    size: int
    offset: int  # of the local header
    mode: int | None  # unix mode bits, when the archive was made on a unix system

    @property
    def is_dir(self) -> bool:
        return self.name.endswith("/")


_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"
_EOCD64 = b"PK\x06\x06"
_CENTRAL = b"PK\x01\x02"
_LOCAL = b"PK\x03\x04"
_CENTRAL_STRUCT = struct.Struct("<4sHHHHHHIIIHHHHHII")
_LOCAL_STRUCT = struct.Struct("<4sHHHHHIIIHH")
_DRIVE = re.compile(r"^[A-Za-z]:")
_SUPPORTED = {0: "stored", 8: "deflate", 93: "zstd"}


def _human(n: float) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GiB"  # pragma: no cover


class SafeZip:
    """A ZIP archive opened for reading members into memory under :class:`ArchiveLimits`.

    Opening checks the whole central directory and raises :class:`UnsafeArchive` or :class:`UnreadableArchive`;
    :meth:`read` decompresses one member with capped output and checks its CRC-32.
    """

    def __init__(self, path: Path, limits: ArchiveLimits | None = None) -> None:
        self.path = Path(path)
        self.limits = limits or ArchiveLimits()
        self._fh: BinaryIO = self.path.open("rb")
        self._read_total = 0
        try:
            self._size = self._fh.seek(0, 2)
            self.members = self._directory()
            self._by_name = {m.name: m for m in self.members}
            self._check()
        except BaseException:
            self._fh.close()
            raise

    # ---- context manager ----------------------------------------------------------------------------

    def close(self) -> None:
        self._fh.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def names(self) -> list[str]:
        return [m.name for m in self.members]

    def __contains__(self, name: str) -> bool:
        return name in self._by_name

    # ---- the central directory ------------------------------------------------------------------------

    def _pread(self, offset: int, size: int) -> bytes:
        self._fh.seek(offset)
        return self._fh.read(size)

    def _end_record(self) -> tuple[int, int, int, int]:
        """(declared member count, directory size, directory offset, where the directory must end)."""
        if self._size < 22:
            raise UnreadableArchive("not a ZIP archive (too short)")
        tail_len = min(self._size, 22 + 0xFFFF)
        tail = self._pread(self._size - tail_len, tail_len)
        pos = tail.rfind(_EOCD)
        while pos >= 0 and pos + 22 + int.from_bytes(tail[pos + 20:pos + 22], "little") > len(tail):
            pos = tail.rfind(_EOCD, 0, pos)
        if pos < 0:
            if not self._pread(0, 4).startswith(b"PK"):
                raise UnreadableArchive("not a ZIP archive")
            raise UnreadableArchive("truncated or corrupt ZIP archive (no end of central directory record)")
        eocd_at = self._size - tail_len + pos
        (_, disk, cd_disk, _on_disk, count, cd_size, cd_offset, _clen) = struct.unpack(
            "<4sHHHHIIH", tail[pos:pos + 22])
        end = eocd_at
        if count == 0xFFFF or cd_size == 0xFFFFFFFF or cd_offset == 0xFFFFFFFF:
            locator_at = eocd_at - 20
            locator = self._pread(locator_at, 20) if locator_at >= 0 else b""
            if len(locator) != 20 or not locator.startswith(_EOCD64_LOCATOR):
                raise UnreadableArchive("corrupt ZIP64 archive (no ZIP64 end record locator)")
            (rec_at,) = struct.unpack("<Q", locator[8:16])
            record = self._pread(rec_at, 56) if rec_at < self._size else b""
            if len(record) != 56 or not record.startswith(_EOCD64):
                raise UnreadableArchive("corrupt ZIP64 archive (no ZIP64 end record)")
            disk, cd_disk = struct.unpack("<II", record[16:24])
            count, cd_size, cd_offset = struct.unpack("<QQQ", record[32:56])
            end = rec_at
        if disk != 0 or cd_disk != 0:
            raise UnreadableArchive("multi-volume ZIP archives are not supported")
        return count, cd_size, cd_offset, end

    def _directory(self) -> list[Member]:
        limits = self.limits
        count, cd_size, cd_offset, end = self._end_record()
        if count > limits.max_members:
            raise UnsafeArchive([Refusal(
                "*", *_reason("the archive declares {count} members, more than the limit of {max_members}",
                              count=count, max_members=limits.max_members))])
        if cd_size > limits.max_directory_bytes:
            raise UnsafeArchive([Refusal(
                "*", *_reason("the central directory is {cd_size}, more than the limit of {max_directory_bytes}",
                              cd_size=_human(cd_size), max_directory_bytes=_human(limits.max_directory_bytes)))])
        if cd_offset + cd_size != end:
            raise UnreadableArchive("truncated or corrupt ZIP archive (the central directory is not where the "
                                    "end record says)")
        data = self._pread(cd_offset, cd_size)
        if len(data) != cd_size:
            raise UnreadableArchive("truncated ZIP archive (central directory cut short)")
        members: list[Member] = []
        pos = 0
        while pos < cd_size:
            if len(members) >= limits.max_members:
                raise UnsafeArchive([Refusal(
                    "*", *_reason("the archive holds more than {max_members} members",
                                  max_members=limits.max_members))])
            if pos + 46 > cd_size:
                raise UnreadableArchive("corrupt ZIP archive (central directory entry cut short)")
            (sig, made_by, _need, flags, method, _time, _date, crc, csize, usize, nlen, xlen, clen, _disk, _iattr,
             eattr, offset) = _CENTRAL_STRUCT.unpack_from(data, pos)
            if sig != _CENTRAL:
                raise UnreadableArchive("corrupt ZIP archive (bad central directory entry)")
            raw_name = data[pos + 46:pos + 46 + nlen]
            extra = data[pos + 46 + nlen:pos + 46 + nlen + xlen]
            pos += 46 + nlen + xlen + clen
            if pos > cd_size:
                raise UnreadableArchive("corrupt ZIP archive (central directory entry cut short)")
            if csize == 0xFFFFFFFF or usize == 0xFFFFFFFF or offset == 0xFFFFFFFF:
                usize, csize, offset = _zip64_sizes(extra, usize, csize, offset)
            name = raw_name.decode("utf-8" if flags & 0x800 else "cp437", errors="replace")
            mode = (eattr >> 16) if (made_by >> 8) == 3 else None
            members.append(Member(name, raw_name, method, flags, crc, csize, usize, offset, mode))
        if len(members) != count:
            raise UnreadableArchive(f"corrupt ZIP archive (the end record declares {count} members, the central "
                                    f"directory holds {len(members)})")
        self._cd_offset = cd_offset
        return members

    def _check(self) -> None:
        limits = self.limits
        refusals: list[Refusal] = []
        seen: set[str] = set()
        total_size = total_csize = 0
        for m in self.members:
            reason = _name_problem(m.name, len(m.raw_name), limits.max_name_bytes)
            if reason:
                refusals.append(Refusal(_shown(m.name), *reason))
                continue
            if m.mode is not None and stat.S_ISLNK(m.mode):
                refusals.append(Refusal(m.name, *_reason("it is a symbolic link")))
                continue
            key = m.name.rstrip("/")
            if key in seen:
                refusals.append(Refusal(m.name, *_reason("another member has the same name")))
                continue
            seen.add(key)
            total_size += m.size
            total_csize += m.compressed_size
            if m.size > limits.max_member_bytes:
                refusals.append(Refusal(
                    m.name, *_reason("it declares {size} uncompressed, more than the limit of {max_member_bytes} per "
                                     "member", size=_human(m.size), max_member_bytes=_human(limits.max_member_bytes))))
            elif m.size > limits.ratio_floor and m.size > limits.max_ratio * max(m.compressed_size, 1):
                ratio = m.size / max(m.compressed_size, 1)
                refusals.append(Refusal(
                    m.name, *_reason("it declares a compression ratio of {ratio:.0f}:1, more than the limit of "
                                     "{max_ratio:.0f}:1 (a zip bomb?)", ratio=ratio, max_ratio=limits.max_ratio)))
        if total_size > limits.max_total_bytes:
            refusals.append(Refusal(
                "*", *_reason("the members declare {total_size} uncompressed in total, more than the limit of "
                              "{max_total_bytes}",
                              total_size=_human(total_size), max_total_bytes=_human(limits.max_total_bytes))))
        elif total_size > limits.ratio_floor and total_size > limits.max_total_ratio * max(total_csize, 1):
            ratio = total_size / max(total_csize, 1)
            refusals.append(Refusal(
                "*", *_reason("the archive declares a compression ratio of {ratio:.0f}:1 in total, more than the "
                              "limit of {max_total_ratio:.0f}:1 (a zip bomb?)",
                              ratio=ratio, max_total_ratio=limits.max_total_ratio)))
        # members must not overlap nor reach into the central directory: the lower bound of each member's
        # extent (local header without its extra field, plus the compressed data) is enough to tell
        previous_end, previous_name = 0, ""
        for m in sorted(self.members, key=lambda x: x.offset):
            extent_end = m.offset + 30 + len(m.raw_name) + m.compressed_size
            if m.offset < previous_end:
                refusals.append(Refusal(
                    _shown(m.name), *_reason("its data overlaps member {previous_name} (a zip bomb?)",
                                             previous_name=_shown(previous_name))))
            elif extent_end > self._cd_offset:
                raise UnreadableArchive(f"truncated or corrupt ZIP archive (member {_shown(m.name)} extends past "
                                        "the archive's data)")
            previous_end, previous_name = max(previous_end, extent_end), m.name
        if refusals:
            if len(refusals) > limits.max_refusals:
                rest = len(refusals) - limits.max_refusals
                refusals = [*refusals[:limits.max_refusals], Refusal(
                    "*", *_reason("{rest} more member(s) refused for the same kinds of reasons", rest=rest))]
            raise UnsafeArchive(refusals)

    # ---- reading one member ---------------------------------------------------------------------------

    def read(self, name: str) -> bytes:
        """The member's content, decompressed in memory under the limits."""
        m = self._by_name.get(name)
        if m is None:
            raise KeyError(name)
        limits = self.limits
        if m.flags & 0x1:
            raise UnreadableArchive(f"member {name} is encrypted")
        if m.method not in _SUPPORTED:
            raise UnreadableArchive(f"member {name} uses compression method {m.method}, which is not supported "
                                    "(stored, deflate and zstd are)")
        header = self._pread(m.offset, 30)
        if len(header) != 30:
            raise UnreadableArchive(f"truncated ZIP archive (member {name})")
        sig, _need, _flags, _method, _t, _d, _crc, _cs, _us, nlen, xlen = _LOCAL_STRUCT.unpack(header)
        if sig != _LOCAL:
            raise UnreadableArchive(f"corrupt ZIP archive (no local header for member {name})")
        if self._pread(m.offset + 30, nlen) != m.raw_name:
            raise UnsafeArchive([Refusal(name, *_reason("its local header names a different file than the central "
                                                        "directory"))])
        start = m.offset + 30 + nlen + xlen
        if start + m.compressed_size > self._cd_offset:
            raise UnreadableArchive(f"truncated or corrupt ZIP archive (member {name} extends past the data)")
        # the output is capped at the smallest limit; the message names that limit
        left = limits.max_total_bytes - self._read_total
        ratio_cap = max(limits.ratio_floor, int(limits.max_ratio * max(m.compressed_size, 1)))
        caps: list[tuple[int, str, str]] = [
            (m.size, *_reason("it inflates beyond its declared size of {size} bytes (a zip bomb?)", size=m.size)),
            (limits.max_member_bytes, *_reason("it inflates beyond the limit of {max_member_bytes} per member",
                                               max_member_bytes=_human(limits.max_member_bytes))),
            (left, *_reason("reading it would exceed the limit of {max_total_bytes} for the whole archive",
                            max_total_bytes=_human(limits.max_total_bytes))),
            (ratio_cap, *_reason("it inflates at more than {max_ratio:.0f}:1 (a zip bomb?)",
                                 max_ratio=limits.max_ratio)),
        ]
        cap, reason, reason_zh = min(caps, key=lambda c: c[0])
        try:
            data = _DECOMPRESSORS[m.method](self._fh, start, m.compressed_size, cap)
        except _OverCap:
            raise UnsafeArchive([Refusal(name, reason, reason_zh)]) from None
        except (zlib.error, ZstdError, EOFError) as exc:
            raise UnreadableArchive(f"member {name} is corrupt: {exc}") from None
        if len(data) != m.size:
            raise UnreadableArchive(f"member {name} is corrupt: {len(data)} bytes instead of the declared {m.size}")
        if zlib.crc32(data) != m.crc:
            raise UnreadableArchive(f"member {name} is corrupt: CRC-32 mismatch")
        self._read_total += len(data)
        return data


def _shown(name: str) -> str:
    """A member name fit for a message: control characters escaped, long names shortened."""
    text = name.encode("unicode_escape").decode("ascii") if any(ord(c) < 32 for c in name) else name
    return text if len(text) <= 200 else text[:197] + "..."


def _name_problem(name: str, raw_len: int, max_bytes: int) -> tuple[str, str] | None:
    if raw_len > max_bytes:
        return _reason("its name is {raw_len} bytes long, more than the limit of {max_bytes}",
                       raw_len=raw_len, max_bytes=max_bytes)
    if "\x00" in name:
        return _reason("its name contains a NUL byte")
    if not name:
        return _reason("its name is empty")
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        return _reason("it has an absolute path")
    if ".." in re.split(r"[\\/]", name):
        return _reason("its path climbs out of the archive with '..'")
    return None


def _zip64_sizes(extra: bytes, usize: int, csize: int, offset: int) -> tuple[int, int, int]:
    pos = 0
    while pos + 4 <= len(extra):
        tag, size = struct.unpack_from("<HH", extra, pos)
        body = extra[pos + 4:pos + 4 + size]
        if tag == 0x0001:
            fields = [v for (v,) in struct.iter_unpack("<Q", body[: len(body) // 8 * 8])]
            index = 0
            for which in ("usize", "csize", "offset"):
                current = {"usize": usize, "csize": csize, "offset": offset}[which]
                if current == 0xFFFFFFFF:
                    if index >= len(fields):
                        raise UnreadableArchive("corrupt ZIP64 extra field")
                    value = fields[index]
                    index += 1
                    if which == "usize":
                        usize = value
                    elif which == "csize":
                        csize = value
                    else:
                        offset = value
            return usize, csize, offset
        pos += 4 + size
    raise UnreadableArchive("corrupt ZIP64 archive (sizes missing)")


# ---- decompressors: (file, start, compressed size, output cap) -> bytes; _OverCap past the cap -----------


class _OverCap(Exception):
    pass


_CHUNK = 1 << 20


def _chunks(fh: BinaryIO, start: int, size: int) -> Iterator[bytes]:
    fh.seek(start)
    left = size
    while left > 0:
        block = fh.read(min(_CHUNK, left))
        if not block:
            raise EOFError("archive data cut short")
        left -= len(block)
        yield block


def _stored(fh: BinaryIO, start: int, size: int, cap: int) -> bytes:
    if size > cap:
        raise _OverCap
    return b"".join(_chunks(fh, start, size))


def _deflate(fh: BinaryIO, start: int, size: int, cap: int) -> bytes:
    decomp = zlib.decompressobj(-15)
    out = bytearray()
    for block in _chunks(fh, start, size):
        data = block
        while data:
            out += decomp.decompress(data, cap + 1 - len(out))
            if len(out) > cap:
                raise _OverCap
            data = decomp.unconsumed_tail
            if decomp.eof:
                break
        if decomp.eof:
            break
    if not decomp.eof:
        out += decomp.flush(cap + 1 - len(out))
        if len(out) > cap:
            raise _OverCap
        if not decomp.eof:
            raise EOFError("deflate stream cut short")
    return bytes(out)


class ZstdError(ValueError):
    """The data is not a valid Zstandard stream."""


def _zstd_reader(data: bytes) -> BinaryIO:
    """A streaming Zstandard decoder over ``data``: the standard library's from Python 3.14, else the
    ``zstandard`` package (a runtime dependency of riskfmt before Python 3.14)."""
    import io

    try:
        from compression import zstd  # type: ignore[import-not-found,unused-ignore]  # Python >= 3.14

        return zstd.ZstdFile(io.BytesIO(data))  # type: ignore[no-any-return,unused-ignore]
    except ImportError:
        pass
    try:
        import zstandard  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        raise UnreadableArchive(
            "its members are Zstandard-compressed (what Inspect writes); install the decoder with "
            "pip install zstandard"
        ) from None
    return zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data), read_across_frames=True)  # type: ignore[no-any-return,unused-ignore]


def _zstd(fh: BinaryIO, start: int, size: int, cap: int) -> bytes:
    reader = _zstd_reader(b"".join(_chunks(fh, start, size)))
    out = bytearray()
    try:
        while True:
            block = reader.read(min(_CHUNK, cap + 1 - len(out)))
            if not block:
                break
            out += block
            if len(out) > cap:  # stop as soon as it inflates past the cap, never after
                raise _OverCap
    except (_OverCap, UnreadableArchive):
        raise
    except Exception as exc:
        raise ZstdError(str(exc) or type(exc).__name__) from None
    return bytes(out)


_DECOMPRESSORS: dict[int, Callable[[BinaryIO, int, int, int], bytes]] = {0: _stored, 8: _deflate, 93: _zstd}
