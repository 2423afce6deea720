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

Stored (0), deflate (8) and Zstandard (93, what Inspect writes) members are supported. The standard library has
no Zstandard decoder before Python 3.14 and riskfmt depends on no compression library, so a small pure-Python
decoder of RFC 8878 frames is included (:func:`zstd_decompress`, a few MB/s); the ``zstandard`` package's C decoder
is used instead when it is installed (inspect-ai users often have it), held to the same output cap.
"""

from __future__ import annotations

import re
import stat
import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

__all__ = [
    "ArchiveLimits",
    "Member",
    "Refusal",
    "SafeZip",
    "UnreadableArchive",
    "UnsafeArchive",
    "ZstdError",
    "zstd_decompress",
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


class UnsafeArchive(Exception):
    """The archive is refused; ``refusals`` lists why (one RF606 finding each)."""

    def __init__(self, refusals: list[Refusal]) -> None:
        super().__init__("; ".join(f"{r.member}: {r.reason}" for r in refusals))
        self.refusals = refusals


class UnreadableArchive(Exception):
    """Not a ZIP archive, or a truncated or corrupt one (an RF607 finding)."""


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

    def __enter__(self) -> SafeZip:
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
                "*", f"the archive declares {count} members, more than the limit of {limits.max_members}",
                f"归档声明包含 {count} 个成员，超过 {limits.max_members} 个的上限")])
        if cd_size > limits.max_directory_bytes:
            raise UnsafeArchive([Refusal(
                "*", f"the central directory is {_human(cd_size)}, more than the limit of "
                     f"{_human(limits.max_directory_bytes)}",
                f"中央目录大小为 {_human(cd_size)}，超过 {_human(limits.max_directory_bytes)} 的上限")])
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
                    "*", f"the archive holds more than {limits.max_members} members",
                    f"归档包含的成员超过 {limits.max_members} 个")])
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
                refusals.append(Refusal(m.name, "it is a symbolic link", "该成员是符号链接"))
                continue
            key = m.name.rstrip("/")
            if key in seen:
                refusals.append(Refusal(m.name, "another member has the same name", "存在同名的其他成员"))
                continue
            seen.add(key)
            total_size += m.size
            total_csize += m.compressed_size
            if m.size > limits.max_member_bytes:
                refusals.append(Refusal(
                    m.name, f"it declares {_human(m.size)} uncompressed, more than the limit of "
                            f"{_human(limits.max_member_bytes)} per member",
                    f"该成员声明的解压后大小为 {_human(m.size)}，"
                    f"超过每个成员 {_human(limits.max_member_bytes)} 的上限"))
            elif m.size > limits.ratio_floor and m.size > limits.max_ratio * max(m.compressed_size, 1):
                ratio = m.size / max(m.compressed_size, 1)
                refusals.append(Refusal(
                    m.name, f"it declares a compression ratio of {ratio:.0f}:1, more than the limit of "
                            f"{limits.max_ratio:.0f}:1 (a zip bomb?)",
                    f"该成员声明的压缩比为 {ratio:.0f}:1，超过 {limits.max_ratio:.0f}:1 的上限（疑似压缩炸弹）"))
        if total_size > limits.max_total_bytes:
            refusals.append(Refusal(
                "*", f"the members declare {_human(total_size)} uncompressed in total, more than the limit of "
                     f"{_human(limits.max_total_bytes)}",
                f"各成员声明的解压后总大小为 {_human(total_size)}，超过 {_human(limits.max_total_bytes)} 的上限"))
        elif total_size > limits.ratio_floor and total_size > limits.max_total_ratio * max(total_csize, 1):
            ratio = total_size / max(total_csize, 1)
            refusals.append(Refusal(
                "*", f"the archive declares a compression ratio of {ratio:.0f}:1 in total, more than the limit of "
                     f"{limits.max_total_ratio:.0f}:1 (a zip bomb?)",
                f"归档声明的总压缩比为 {ratio:.0f}:1，超过 {limits.max_total_ratio:.0f}:1 的上限（疑似压缩炸弹）"))
        # members must not overlap nor reach into the central directory: the lower bound of each member's
        # extent (local header without its extra field, plus the compressed data) is enough to tell
        previous_end, previous_name = 0, ""
        for m in sorted(self.members, key=lambda x: x.offset):
            extent_end = m.offset + 30 + len(m.raw_name) + m.compressed_size
            if m.offset < previous_end:
                refusals.append(Refusal(
                    _shown(m.name), f"its data overlaps member {_shown(previous_name)} (a zip bomb?)",
                    f"该成员的数据与成员 {_shown(previous_name)} 重叠（疑似压缩炸弹）"))
            elif extent_end > self._cd_offset:
                raise UnreadableArchive(f"truncated or corrupt ZIP archive (member {_shown(m.name)} extends past "
                                        "the archive's data)")
            previous_end, previous_name = max(previous_end, extent_end), m.name
        if refusals:
            if len(refusals) > limits.max_refusals:
                rest = len(refusals) - limits.max_refusals
                refusals = [*refusals[:limits.max_refusals], Refusal(
                    "*", f"{rest} more member(s) refused for the same kinds of reasons",
                    f"另有 {rest} 个成员因同类原因被拒绝")]
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
            raise UnsafeArchive([Refusal(name, "its local header names a different file than the central directory",
                                         "其本地文件头中的文件名与中央目录不一致")])
        start = m.offset + 30 + nlen + xlen
        if start + m.compressed_size > self._cd_offset:
            raise UnreadableArchive(f"truncated or corrupt ZIP archive (member {name} extends past the data)")
        # the output is capped at the smallest limit; the message names that limit
        left = limits.max_total_bytes - self._read_total
        ratio_cap = max(limits.ratio_floor, int(limits.max_ratio * max(m.compressed_size, 1)))
        caps: list[tuple[int, str, str]] = [
            (m.size, f"it inflates beyond its declared size of {m.size} bytes (a zip bomb?)",
             f"该成员解压后超出其声明的 {m.size} 字节（疑似压缩炸弹）"),
            (limits.max_member_bytes, f"it inflates beyond the limit of {_human(limits.max_member_bytes)} per member",
             f"该成员解压后超过每个成员 {_human(limits.max_member_bytes)} 的上限"),
            (left, f"reading it would exceed the limit of {_human(limits.max_total_bytes)} for the whole archive",
             f"读取该成员将超过整个归档 {_human(limits.max_total_bytes)} 的上限"),
            (ratio_cap, f"it inflates at more than {limits.max_ratio:.0f}:1 (a zip bomb?)",
             f"该成员的解压比超过 {limits.max_ratio:.0f}:1（疑似压缩炸弹）"),
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
        return (f"its name is {raw_len} bytes long, more than the limit of {max_bytes}",
                f"该成员名称长 {raw_len} 字节，超过 {max_bytes} 字节的上限")
    if "\x00" in name:
        return ("its name contains a NUL byte", "该成员名称包含 NUL 字节")
    if not name:
        return ("its name is empty", "该成员名称为空")
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        return ("it has an absolute path", "该成员使用绝对路径")
    if ".." in re.split(r"[\\/]", name):
        return ("its path climbs out of the archive with '..'", "该成员路径通过 “..” 指向归档之外")
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


def _native_zstd() -> Callable[[bytes, int], bytes] | None:
    """The ``zstandard`` package's C decoder with the same output cap, when it is installed (never required)."""
    try:
        import zstandard  # type: ignore[import-not-found]
    except ImportError:
        return None

    def decode(data: bytes, cap: int) -> bytes:
        import io

        try:
            reader = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data), read_across_frames=True)
            out = bytearray()
            while True:
                block = reader.read(min(_CHUNK, cap + 1 - len(out)))
                if not block:
                    break
                out += block
                if len(out) > cap:
                    raise _OverCap
            return bytes(out)
        except zstandard.ZstdError as exc:
            raise ZstdError(str(exc)) from None

    return decode


_NATIVE_ZSTD: Callable[[bytes, int], bytes] | bool | None = False  # False: not looked up yet


def _zstd(fh: BinaryIO, start: int, size: int, cap: int) -> bytes:
    global _NATIVE_ZSTD
    data = b"".join(_chunks(fh, start, size))
    if _NATIVE_ZSTD is False:
        _NATIVE_ZSTD = _native_zstd()
    if callable(_NATIVE_ZSTD):
        return _NATIVE_ZSTD(data, cap)
    try:
        return zstd_decompress(data, cap)
    except ZstdLimit:
        raise _OverCap from None


_DECOMPRESSORS: dict[int, Callable[[BinaryIO, int, int, int], bytes]] = {0: _stored, 8: _deflate, 93: _zstd}


# ==== a pure-Python Zstandard decoder (RFC 8878), without dictionaries ======================================


class ZstdError(ValueError):
    """The data is not a valid Zstandard stream (or needs a dictionary)."""


class ZstdLimit(Exception):
    """Decoding would produce more than the allowed output."""


_ZSTD_MAGIC = 0xFD2FB528
_BLOCK_MAX = 128 * 1024

_LL_BASE = [*range(16), 16, 18, 20, 22, 24, 28, 32, 40, 48, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384,
            32768, 65536]
_LL_BITS = [0] * 16 + [1, 1, 1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]
_ML_BASE = [i + 3 for i in range(32)] + [35, 37, 39, 41, 43, 47, 51, 59, 67, 83, 99, 131, 259, 515, 1027, 2051, 4099,
                                         8195, 16387, 32771, 65539]
_ML_BITS = [0] * 32 + [1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]
_LL_DEFAULT = [4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1,
               -1, -1, -1, -1]
_ML_DEFAULT = [1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
               1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1]
_OF_DEFAULT = [1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1]


class _ForwardBits:
    """Little-endian bit reader, forwards (FSE table descriptions)."""

    __slots__ = ("data", "end", "pos")

    def __init__(self, data: bytes, start: int = 0) -> None:
        self.data = data
        self.pos = start * 8
        self.end = len(data) * 8

    def read(self, n: int) -> int:
        if self.pos + n > self.end:
            raise ZstdError("FSE table description cut short")
        first = self.pos >> 3
        last = (self.pos + n + 7) >> 3
        value = (int.from_bytes(self.data[first:last], "little") >> (self.pos & 7)) & ((1 << n) - 1)
        self.pos += n
        return value

    def rewind(self, n: int) -> None:
        self.pos -= n

    def bytes_used(self) -> int:
        return (self.pos + 7) >> 3


class _BackwardBits:
    """The bit reader of Huffman and FSE streams: from the end towards the start, past which it reads zeros.

    ``left`` is the number of stream bits not yet read; it goes negative once the reader passes the start.
    """

    __slots__ = ("acc", "acc_bits", "data", "left", "next_byte")

    def __init__(self, data: bytes) -> None:
        if not data or data[-1] == 0:
            raise ZstdError("bitstream without its end marker")
        last = data[-1]
        top = last.bit_length() - 1
        self.data = data
        self.acc = last & ((1 << top) - 1)
        self.acc_bits = top
        self.next_byte = len(data) - 1
        self.left = (len(data) - 1) * 8 + top

    def read(self, n: int) -> int:
        if n == 0:
            return 0
        self.left -= n
        if self.acc_bits < n:
            data, acc, bits, nb = self.data, self.acc, self.acc_bits, self.next_byte
            while bits < 57 and nb > 0:
                nb -= 1
                acc = (acc << 8) | data[nb]
                bits += 8
            self.next_byte = nb
            if bits < n:  # past the start: the missing low bits are zeros
                value = acc << (n - bits)
                self.acc, self.acc_bits = 0, 0
                return value
            self.acc, self.acc_bits = acc, bits
        self.acc_bits -= n
        value = self.acc >> self.acc_bits
        self.acc &= (1 << self.acc_bits) - 1
        return value


class _FSETable:
    __slots__ = ("base", "bits", "log", "symbols")

    def __init__(self, log: int, symbols: list[int], bits: list[int], base: list[int]) -> None:
        self.log = log
        self.symbols = symbols
        self.bits = bits
        self.base = base

    @classmethod
    def from_counts(cls, counts: list[int], log: int) -> _FSETable:
        size = 1 << log
        symbols = [0] * size
        high = size
        state_next = [0] * len(counts)
        for s, c in enumerate(counts):
            if c == -1:
                high -= 1
                symbols[high] = s
                state_next[s] = 1
        step = (size >> 1) + (size >> 3) + 3
        mask = size - 1
        pos = 0
        for s, c in enumerate(counts):
            if c <= 0:
                continue
            state_next[s] = c
            for _ in range(c):
                symbols[pos] = s
                pos = (pos + step) & mask
                while pos >= high:
                    pos = (pos + step) & mask
        if pos != 0:
            raise ZstdError("corrupt FSE distribution")
        bits = [0] * size
        base = [0] * size
        for i in range(size):
            s = symbols[i]
            nxt = state_next[s]
            state_next[s] += 1
            nb = log - (nxt.bit_length() - 1)
            bits[i] = nb
            base[i] = (nxt << nb) - size
        return cls(log, symbols, bits, base)

    @classmethod
    def rle(cls, symbol: int) -> _FSETable:
        return cls(0, [symbol], [0], [0])

    @classmethod
    def read(cls, data: bytes, start: int, max_log: int, max_symbol: int) -> tuple[_FSETable, int]:
        """A table from its description at ``data[start:]``; returns it and the bytes used."""
        bits = _ForwardBits(data, start)
        log = bits.read(4) + 5
        if log > max_log:
            raise ZstdError("FSE accuracy log too large")
        remaining = 1 << log
        counts: list[int] = []
        while remaining > 0:
            if len(counts) > max_symbol:
                raise ZstdError("too many FSE symbols")
            nbits = (remaining + 1).bit_length()
            value = bits.read(nbits)
            lower_mask = (1 << (nbits - 1)) - 1
            threshold = (1 << nbits) - 1 - (remaining + 1)
            if (value & lower_mask) < threshold:
                bits.rewind(1)
                value &= lower_mask
            elif value > lower_mask:
                value -= threshold
            count = value - 1
            remaining -= -count if count < 0 else count
            counts.append(count)
            if count == 0:
                while True:
                    repeat = bits.read(2)
                    counts.extend([0] * repeat)
                    if len(counts) > max_symbol + 1:
                        raise ZstdError("too many FSE symbols")
                    if repeat != 3:
                        break
        if remaining != 0:
            raise ZstdError("corrupt FSE distribution")
        return cls.from_counts(counts, log), bits.bytes_used() - start


_LL_TABLE = _FSETable.from_counts(_LL_DEFAULT, 6)
_ML_TABLE = _FSETable.from_counts(_ML_DEFAULT, 6)
_OF_TABLE = _FSETable.from_counts(_OF_DEFAULT, 5)


class _Huffman:
    __slots__ = ("bits", "max_bits", "symbols")

    def __init__(self, weights: list[int]) -> None:
        if not weights or len(weights) > 255:
            raise ZstdError("bad Huffman weights")
        total = 0
        for w in weights:
            if w > 11:
                raise ZstdError("bad Huffman weight")
            if w:
                total += 1 << (w - 1)
        if total == 0:
            raise ZstdError("bad Huffman weights")
        max_bits = total.bit_length()
        left_over = (1 << max_bits) - total
        if left_over & (left_over - 1):
            raise ZstdError("bad Huffman weights")
        weights = [*weights, left_over.bit_length()]
        if max_bits > 11:
            raise ZstdError("Huffman code too long")
        size = 1 << max_bits
        nbits = [max_bits + 1 - w if w else 0 for w in weights]
        rank_count = [0] * (max_bits + 1)
        for b in nbits:
            if b:
                rank_count[b] += 1
        rank_idx = [0] * (max_bits + 1)
        symbols = [0] * size
        bits = [0] * size
        rank_idx[max_bits] = 0
        for i in range(max_bits, 0, -1):
            start = rank_idx[i]
            rank_idx[i - 1] = start + rank_count[i] * (1 << (max_bits - i))
            for j in range(start, rank_idx[i - 1]):
                bits[j] = i
        if rank_idx[0] != size:
            raise ZstdError("bad Huffman weights")
        for s, b in enumerate(nbits):
            if b:
                code = rank_idx[b]
                span = 1 << (max_bits - b)
                symbols[code:code + span] = [s] * span
                rank_idx[b] = code + span
        self.max_bits = max_bits
        self.symbols = symbols
        self.bits = bits

    @classmethod
    def read(cls, data: bytes, start: int) -> tuple[_Huffman, int]:
        if start >= len(data):
            raise ZstdError("Huffman tree description cut short")
        header = data[start]
        if header >= 128:
            count = header - 127
            size = (count + 1) // 2
            body = data[start + 1:start + 1 + size]
            if len(body) != size:
                raise ZstdError("Huffman tree description cut short")
            weights = [(body[i // 2] >> 4) if i % 2 == 0 else (body[i // 2] & 15) for i in range(count)]
            return cls(weights), 1 + size
        size = header
        body = data[start + 1:start + 1 + size]
        if len(body) != size or size == 0:
            raise ZstdError("Huffman tree description cut short")
        table, used = _FSETable.read(body, 0, 6, 255)
        weights = _fse_interleaved(table, body[used:])
        return cls(weights), 1 + size

    def decode(self, stream: bytes, count: int) -> bytes:
        reader = _BackwardBits(stream)
        max_bits = self.max_bits
        mask = (1 << max_bits) - 1
        symbols, nbits = self.symbols, self.bits
        state = reader.read(max_bits)
        out = bytearray(count)
        read = reader.read
        for i in range(count):
            out[i] = symbols[state]
            nb = nbits[state]
            state = ((state << nb) & mask) | read(nb)
        if reader.left != -max_bits:
            raise ZstdError("corrupt Huffman stream")
        return bytes(out)


def _fse_interleaved(table: _FSETable, stream: bytes) -> list[int]:
    """Huffman weights: two FSE states taking turns over one stream, until it is used up."""
    reader = _BackwardBits(stream)
    sym, nbits, base = table.symbols, table.bits, table.base
    s1 = reader.read(table.log)
    s2 = reader.read(table.log)
    out: list[int] = []
    while True:
        if len(out) > 255:
            raise ZstdError("too many Huffman weights")
        out.append(sym[s1])
        s1 = base[s1] + reader.read(nbits[s1])
        if reader.left < 0:
            out.append(sym[s2])
            break
        out.append(sym[s2])
        s2 = base[s2] + reader.read(nbits[s2])
        if reader.left < 0:
            out.append(sym[s1])
            break
    if len(out) > 255:
        raise ZstdError("too many Huffman weights")
    return out


class _FrameState:
    __slots__ = ("huffman", "ll", "ml", "of", "reps")

    def __init__(self) -> None:
        self.huffman: _Huffman | None = None
        self.ll: _FSETable | None = None
        self.of: _FSETable | None = None
        self.ml: _FSETable | None = None
        self.reps = [1, 4, 8]


def _literals(block: bytes, st: _FrameState) -> tuple[bytes, int]:
    b0 = block[0]
    kind = b0 & 3
    size_format = (b0 >> 2) & 3
    if kind in (0, 1):
        if size_format in (0, 2):
            regen, hsize = b0 >> 3, 1
        elif size_format == 1:
            if len(block) < 2:
                raise ZstdError("literals header cut short")
            regen, hsize = (b0 >> 4) + (block[1] << 4), 2
        else:
            if len(block) < 3:
                raise ZstdError("literals header cut short")
            regen, hsize = (b0 >> 4) + (block[1] << 4) + (block[2] << 12), 3
        if regen > _BLOCK_MAX:
            raise ZstdError("literals too large")
        if kind == 0:
            lits = block[hsize:hsize + regen]
            if len(lits) != regen:
                raise ZstdError("raw literals cut short")
            return lits, hsize + regen
        if len(block) <= hsize:
            raise ZstdError("RLE literals cut short")
        return bytes([block[hsize]]) * regen, hsize + 1
    streams, hsize, width = {0: (1, 3, 10), 1: (4, 3, 10), 2: (4, 4, 14), 3: (4, 5, 18)}[size_format]
    if len(block) < hsize:
        raise ZstdError("literals header cut short")
    header = int.from_bytes(block[:hsize], "little")
    regen = (header >> 4) & ((1 << width) - 1)
    csize = (header >> (4 + width)) & ((1 << width) - 1)
    if regen > _BLOCK_MAX:
        raise ZstdError("literals too large")
    data = block[hsize:hsize + csize]
    if len(data) != csize:
        raise ZstdError("compressed literals cut short")
    pos = 0
    if kind == 2:
        st.huffman, pos = _Huffman.read(data, 0)
    elif st.huffman is None:
        raise ZstdError("treeless literals without a previous Huffman table")
    huffman = st.huffman
    assert huffman is not None
    if streams == 1:
        lits = huffman.decode(data[pos:], regen)
    else:
        if len(data) < pos + 6:
            raise ZstdError("literals jump table cut short")
        s1, s2, s3 = struct.unpack_from("<HHH", data, pos)
        pos += 6
        s4 = len(data) - pos - s1 - s2 - s3
        if s4 < 1:
            raise ZstdError("bad literals jump table")
        part = (regen + 3) // 4
        last = regen - 3 * part
        if last < 0:
            raise ZstdError("bad literals size")
        out = []
        for size, count in ((s1, part), (s2, part), (s3, part), (s4, last)):
            out.append(huffman.decode(data[pos:pos + size], count))
            pos += size
        lits = b"".join(out)
    return lits, hsize + csize


def _seq_table(mode: int, block: bytes, pos: int, default: _FSETable, previous: _FSETable | None, max_log: int,
               max_symbol: int) -> tuple[_FSETable, int]:
    if mode == 0:
        return default, pos
    if mode == 1:
        if pos >= len(block):
            raise ZstdError("sequences header cut short")
        if block[pos] > max_symbol:
            raise ZstdError("bad RLE sequence code")
        return _FSETable.rle(block[pos]), pos + 1
    if mode == 2:
        table, used = _FSETable.read(block, pos, max_log, max_symbol)
        return table, pos + used
    if previous is None:
        raise ZstdError("repeated sequence table without a previous one")
    return previous, pos


def _block(block: bytes, st: _FrameState, out: bytearray, frame_start: int) -> None:
    if not block:
        raise ZstdError("empty compressed block")
    lits, pos = _literals(block, st)
    if pos >= len(block):
        raise ZstdError("sequences section missing")
    b0 = block[pos]
    if b0 == 0:
        nseq, pos = 0, pos + 1
    elif b0 < 128:
        nseq, pos = b0, pos + 1
    elif b0 < 255:
        if pos + 2 > len(block):
            raise ZstdError("sequences header cut short")
        nseq, pos = ((b0 - 128) << 8) + block[pos + 1], pos + 2
    else:
        if pos + 3 > len(block):
            raise ZstdError("sequences header cut short")
        nseq, pos = block[pos + 1] + (block[pos + 2] << 8) + 0x7F00, pos + 3
    if nseq == 0:
        if pos != len(block):
            raise ZstdError("data after an empty sequences section")
        out += lits
        return
    if pos >= len(block):
        raise ZstdError("sequences header cut short")
    modes = block[pos]
    pos += 1
    if modes & 3:
        raise ZstdError("reserved bits set in the sequences header")
    st.ll, pos = _seq_table(modes >> 6, block, pos, _LL_TABLE, st.ll, 9, 35)
    st.of, pos = _seq_table((modes >> 4) & 3, block, pos, _OF_TABLE, st.of, 8, 31)
    st.ml, pos = _seq_table((modes >> 2) & 3, block, pos, _ML_TABLE, st.ml, 9, 52)
    ll_t, of_t, ml_t = st.ll, st.of, st.ml
    reader = _BackwardBits(block[pos:])
    read = reader.read
    ll_state = read(ll_t.log)
    of_state = read(of_t.log)
    ml_state = read(ml_t.log)
    reps = st.reps
    lit_pos = 0
    block_start = len(out)
    for i in range(nseq):
        of_code = of_t.symbols[of_state]
        ll_code = ll_t.symbols[ll_state]
        ml_code = ml_t.symbols[ml_state]
        if of_code > 31:
            raise ZstdError("bad offset code")
        offset_value = (1 << of_code) + read(of_code)
        ml = _ML_BASE[ml_code] + read(_ML_BITS[ml_code])
        ll = _LL_BASE[ll_code] + read(_LL_BITS[ll_code])
        if offset_value > 3:
            offset = offset_value - 3
            reps[2], reps[1], reps[0] = reps[1], reps[0], offset
        else:
            idx = offset_value - 1 + (1 if ll == 0 else 0)
            if idx == 0:
                offset = reps[0]
            else:
                offset = reps[idx] if idx < 3 else reps[0] - 1
                if idx > 1:
                    reps[2] = reps[1]
                reps[1] = reps[0]
                reps[0] = offset
        if i != nseq - 1:
            ll_state = ll_t.base[ll_state] + read(ll_t.bits[ll_state])
            ml_state = ml_t.base[ml_state] + read(ml_t.bits[ml_state])
            of_state = of_t.base[of_state] + read(of_t.bits[of_state])
        if len(out) - block_start + ll + ml > _BLOCK_MAX:
            raise ZstdError("block decodes to more than 128 KiB")
        if lit_pos + ll > len(lits):
            raise ZstdError("sequence uses more literals than the block has")
        out += lits[lit_pos:lit_pos + ll]
        lit_pos += ll
        have = len(out) - frame_start
        if offset == 0 or offset > have:
            raise ZstdError("match offset points before the start of the frame")
        start = len(out) - offset
        if offset >= ml:
            out += out[start:start + ml]
        else:
            pattern = bytes(out[start:])
            out += (pattern * (ml // offset + 1))[:ml]
    if reader.left != 0:
        raise ZstdError("corrupt sequences bitstream")
    if len(out) - block_start + len(lits) - lit_pos > _BLOCK_MAX:
        raise ZstdError("block decodes to more than 128 KiB")
    out += lits[lit_pos:]


def zstd_decompress(data: bytes, max_output: int) -> bytes:
    """Decode every Zstandard frame in ``data`` (skippable frames are skipped).

    Raises :class:`ZstdLimit` as soon as the output would pass ``max_output`` bytes (checked before each
    block, so at most one block of 128 KiB is decoded past what is allowed) and :class:`ZstdError` for
    anything malformed. Frames that need a dictionary are refused; content checksums are not verified
    (the ZIP member's CRC-32 is).
    """
    try:
        return _zstd_frames(data, max_output)
    except (IndexError, KeyError, struct.error) as exc:  # a malformed stream caught by a bounds check
        raise ZstdError(f"corrupt zstd data ({type(exc).__name__})") from None


def _zstd_frames(data: bytes, max_output: int) -> bytes:
    out = bytearray()
    pos = 0
    n = len(data)
    if n == 0:
        raise ZstdError("empty zstd stream")
    while pos < n:
        if pos + 4 > n:
            raise ZstdError("truncated zstd frame")
        magic = int.from_bytes(data[pos:pos + 4], "little")
        if magic & 0xFFFFFFF0 == 0x184D2A50:
            if pos + 8 > n:
                raise ZstdError("truncated skippable frame")
            size = int.from_bytes(data[pos + 4:pos + 8], "little")
            pos += 8 + size
            if pos > n:
                raise ZstdError("truncated skippable frame")
            continue
        if magic != _ZSTD_MAGIC:
            raise ZstdError("not a zstd frame")
        pos += 4
        if pos >= n:
            raise ZstdError("truncated zstd frame header")
        fhd = data[pos]
        pos += 1
        fcs_flag = fhd >> 6
        single = (fhd >> 5) & 1
        if fhd & 0x08:
            raise ZstdError("reserved bit set in the frame header")
        checksum = (fhd >> 2) & 1
        did_size = (0, 1, 2, 4)[fhd & 3]
        window = 0
        if not single:
            if pos >= n:
                raise ZstdError("truncated zstd frame header")
            wd = data[pos]
            pos += 1
            log = 10 + (wd >> 3)
            window = (1 << log) + ((1 << log) >> 3) * (wd & 7)
        if did_size:
            if int.from_bytes(data[pos:pos + did_size], "little") != 0:
                raise ZstdError("zstd frame needs a dictionary")
            pos += did_size
        fcs_size = (1 if single else 0, 2, 4, 8)[fcs_flag]
        content_size = None
        if fcs_size:
            if pos + fcs_size > n:
                raise ZstdError("truncated zstd frame header")
            content_size = int.from_bytes(data[pos:pos + fcs_size], "little") + (256 if fcs_size == 2 else 0)
            pos += fcs_size
            if len(out) + content_size > max_output:
                raise ZstdLimit
        if single:
            window = content_size or 0
        block_max = min(window, _BLOCK_MAX) if window else _BLOCK_MAX
        st = _FrameState()
        frame_start = len(out)
        while True:
            if pos + 3 > n:
                raise ZstdError("truncated zstd block header")
            header = int.from_bytes(data[pos:pos + 3], "little")
            pos += 3
            last = header & 1
            kind = (header >> 1) & 3
            size = header >> 3
            if size > block_max:
                raise ZstdError("zstd block larger than allowed")
            if kind in (0, 1) and len(out) + size > max_output:
                raise ZstdLimit
            if kind == 0:
                if pos + size > n:
                    raise ZstdError("truncated raw block")
                out += data[pos:pos + size]
                pos += size
            elif kind == 1:
                if pos >= n:
                    raise ZstdError("truncated RLE block")
                out += bytes([data[pos]]) * size
                pos += 1
            elif kind == 2:
                if pos + size > n:
                    raise ZstdError("truncated compressed block")
                _block(data[pos:pos + size], st, out, frame_start)
                pos += size
                if len(out) > max_output:
                    raise ZstdLimit
            else:
                raise ZstdError("reserved block type")
            if last:
                break
        if content_size is not None and len(out) - frame_start != content_size:
            raise ZstdError("frame content size mismatch")
        if checksum:
            pos += 4
            if pos > n:
                raise ZstdError("truncated content checksum")
    return bytes(out)

