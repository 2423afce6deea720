"""Safe reading of ZIP archives (Inspect .eval logs): hostile archives are refused with RF606, broken ones get
RF607, and nothing crashes, hangs or touches the disk. Also the pure-Python Zstandard decoder."""

from __future__ import annotations

import base64
import io
import os
import shutil
import stat
import struct
import time
import warnings
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskfmt.convert import ConvertOptions, convert
from riskfmt.convert.archive import (
    ArchiveLimits,
    SafeZip,
    UnreadableArchive,
    UnsafeArchive,
    ZstdError,
)
from riskfmt.convert.inspect_ai import InspectConverter

ROOT = Path(__file__).resolve().parents[2]
INSPECT = ROOT / "examples" / "inputs" / "inspect"
MiB = 1 << 20
SMALL = ArchiveLimits(max_members=100, max_member_bytes=1 * MiB, max_total_bytes=3 * MiB, max_ratio=50,
                      max_total_ratio=20, ratio_floor=64 * 1024)


# ---- building archives by hand (zipfile cannot write zstd members, lying sizes or overlaps) ---------------


def _entry(name: str | bytes, payload: bytes, *, method: int = 0, crc: int | None = None, size: int | None = None,
           mode: int | None = None, flags: int = 0x800) -> dict:
    return {"name": name.encode() if isinstance(name, str) else name, "payload": payload, "method": method,
            "crc": crc, "size": size, "mode": mode, "flags": flags}


def _deflated(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def build_zip(entries: list[dict], *, offsets: list[int] | None = None, eocd_count: int | None = None,
              zip64: bool = False) -> bytes:
    """A ZIP archive from raw entries: payload is the member's stored bytes (already compressed), size the
    declared uncompressed size, crc the declared CRC-32 (both default to those of an uncompressed payload)."""
    local = io.BytesIO()
    central = io.BytesIO()
    for index, e in enumerate(entries):
        crc = zlib.crc32(e["payload"]) if e["crc"] is None else e["crc"]
        size = len(e["payload"]) if e["size"] is None else e["size"]
        offset = local.tell()
        local.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, e["flags"], e["method"], 0, 0x21, crc,
                                len(e["payload"]), size, len(e["name"]), 0))
        local.write(e["name"])
        local.write(e["payload"])
        if offsets is not None:
            offset = offsets[index]
        made_by = (3 << 8) | 20 if e["mode"] is not None else 20
        attr = (e["mode"] or 0) << 16
        central.write(struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", made_by, 20, e["flags"], e["method"], 0,
                                  0x21, crc, len(e["payload"]), size, len(e["name"]), 0, 0, 0, 0, attr, offset))
        central.write(e["name"])
    cd_offset, cd = local.tell(), central.getvalue()
    count = len(entries) if eocd_count is None else eocd_count
    tail = b""
    if zip64:
        rec_at = cd_offset + len(cd)
        tail += struct.pack("<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, len(cd), cd_offset)
        tail += struct.pack("<4sIQI", b"PK\x06\x07", 0, rec_at, 1)
        tail += struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    else:
        tail += struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, count, count, len(cd), cd_offset, 0)
    return local.getvalue() + cd + tail


def _header_json() -> bytes:
    with SafeZip(INSPECT / "tiny_success.eval") as z:
        return z.read("header.json")


def findings(path: Path, limits: ArchiveLimits | None = None) -> list[tuple[str, dict]]:
    converter = InspectConverter(limits)
    [item] = list(converter.read(path, ConvertOptions(organization="Test Lab")))
    assert item.report is None
    return [(f.code, dict(f.params)) for f in item.findings]


def rf606(member: str, reason: str, reason_zh: str) -> tuple[str, dict]:
    return ("RF606", {"member": member, "reason": reason, "reason_zh": reason_zh})


def write(tmp_path: Path, data: bytes, name: str = "log.eval") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ---- the real fixtures read through the safe reader --------------------------------------------------------


@pytest.mark.parametrize("name", ["tiny_success", "tiny_epochs", "tiny_error", "tiny_invalidated"])
def test_fixture_members_decode(name: str) -> None:
    import json

    with SafeZip(INSPECT / f"{name}.eval") as z:
        assert "header.json" in z
        assert all(info.method == 93 for info in z.members)  # Inspect writes zstd members
        header = json.loads(z.read("header.json"))
        samples = [json.loads(z.read(n)) for n in z.names() if n.startswith("samples/")]
    whole = json.loads((INSPECT / f"{name}.json").read_text(encoding="utf-8"))
    for key in ("eval_id", "task", "model", "created", "dataset", "config", "scorers"):
        assert header["eval"][key] == whole["eval"][key]
    assert header["status"] == whole["status"]
    assert sorted((s["id"], s["epoch"]) for s in samples) == sorted((s["id"], s["epoch"]) for s in whole["samples"])


def test_eval_logs_need_a_zstd_decoder(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a Zstandard decoder an .eval log is unreadable with an install hint, never misread."""
    import builtins

    real_import = builtins.__import__

    def no_zstd(name: str, *args: object, **kwargs: object) -> object:
        if name in ("zstandard", "compression"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_zstd)
    with pytest.raises(UnreadableArchive, match="pip install zstandard"), SafeZip(INSPECT / "tiny_epochs.eval") as z:
        z.read("header.json")


def test_reading_never_writes_to_disk(tmp_path: Path) -> None:
    copy = tmp_path / "copy.eval"
    shutil.copy(INSPECT / "tiny_epochs.eval", copy)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    [item] = list(InspectConverter().read(copy, ConvertOptions()))
    assert item.report is not None
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_deflate_and_stored_members(tmp_path: Path) -> None:
    header = _header_json()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("header.json", header, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("notes.txt", b"stored", compress_type=zipfile.ZIP_STORED)
    path = write(tmp_path, buffer.getvalue())
    with SafeZip(path) as archive:
        assert archive.read("header.json") == header
        assert archive.read("notes.txt") == b"stored"
    [item] = list(InspectConverter().read(path, ConvertOptions()))
    assert item.report is not None and item.report["model"]["name"] == "mockllm/model"


# ---- hostile archives: RF606, exact findings ---------------------------------------------------------------


def test_member_declared_over_the_cap(tmp_path: Path) -> None:
    data = os.urandom(2 * MiB)  # incompressible: the ratio is fine, the size is not
    path = write(tmp_path, build_zip([_entry("samples/big_epoch_1.json", _deflated(data), method=8)]))
    assert findings(path, SMALL) == [rf606(
        "samples/big_epoch_1.json", "it declares 2.0 MiB uncompressed, more than the limit of 1.0 MiB per member",
        "该成员声明的解压后大小为 2.0 MiB，超过每个成员 1.0 MiB 的上限")]


def test_member_inflating_beyond_its_declared_size_is_stopped(tmp_path: Path) -> None:
    data = os.urandom(2 * MiB)
    lying = _entry("header.json", _deflated(data), method=8, size=1000, crc=zlib.crc32(data[:1000]))
    path = write(tmp_path, build_zip([lying]))
    assert findings(path, SMALL) == [rf606(
        "header.json", "it inflates beyond its declared size of 1000 bytes (a zip bomb?)",
        "该成员解压后超出其声明的 1000 字节（疑似压缩炸弹）")]


def test_member_inflating_beyond_the_member_cap(tmp_path: Path) -> None:
    # declared honestly as huge but under a generous per-member limit, the reader still stops at the cap
    data = os.urandom(3 * MiB)
    limits = ArchiveLimits(max_member_bytes=1 * MiB, max_total_bytes=64 * MiB)
    path = write(tmp_path, build_zip([_entry("header.json", _deflated(data), method=8, size=1 * MiB)]))
    with SafeZip(path, limits) as archive, pytest.raises(UnsafeArchive) as caught:
        archive.read("header.json")
    assert caught.value.refusals[0].reason == "it inflates beyond its declared size of 1048576 bytes (a zip bomb?)"


def test_ratio_bomb(tmp_path: Path) -> None:
    started = time.monotonic()
    zeros = _deflated(b"\0" * (20 * MiB))  # about 1000:1
    path = write(tmp_path, build_zip([_entry("header.json", b"{}", method=0),
                                      _entry("samples/bomb_epoch_1.json", zeros, method=8, size=20 * MiB,
                                             crc=zlib.crc32(b"\0" * (20 * MiB)))]))
    ratio = 20 * MiB / len(zeros)
    total = 20 * MiB / (len(zeros) + 2)
    assert findings(path) == [
        rf606("samples/bomb_epoch_1.json",
              f"it declares a compression ratio of {ratio:.0f}:1, more than the limit of 250:1 (a zip bomb?)",
              f"该成员声明的压缩比为 {ratio:.0f}:1，超过 250:1 的上限（疑似压缩炸弹）"),
        rf606("*", f"the archive declares a compression ratio of {total:.0f}:1 in total, more than the limit of "
                   "100:1 (a zip bomb?)",
              f"归档声明的总压缩比为 {total:.0f}:1，超过 100:1 的上限（疑似压缩炸弹）"),
    ]
    assert time.monotonic() - started < 5


def test_ratio_bomb_lying_about_its_size(tmp_path: Path) -> None:
    zeros = _deflated(b"\0" * (20 * MiB))
    path = write(tmp_path, build_zip([_entry("header.json", zeros, method=8, size=500_000, crc=0)]))
    assert findings(path) == [rf606("header.json", "it inflates beyond its declared size of 500000 bytes (a zip bomb?)",
                                    "该成员解压后超出其声明的 500000 字节（疑似压缩炸弹）")]


def _zstd_rle_bomb(blocks: int) -> bytes:
    """A zstd frame without a content size: `blocks` RLE blocks of 128 KiB of zeros, 4 bytes each."""
    frame = struct.pack("<I", 0xFD2FB528) + bytes([0x00, 0x58])  # no content size, 2 MiB window
    block = ((128 * 1024) << 3) | (1 << 1)
    for index in range(blocks):
        frame += (block | (index == blocks - 1)).to_bytes(3, "little") + b"\0"
    return frame


def test_zstd_bomb_member(tmp_path: Path) -> None:
    bomb = _zstd_rle_bomb(8 * 1024)  # 1 GiB of zeros in 32 KiB
    path = write(tmp_path, build_zip([_entry("header.json", bomb, method=93, size=10_000, crc=0)]))
    started = time.monotonic()
    assert findings(path) == [rf606("header.json", "it inflates beyond its declared size of 10000 bytes (a zip bomb?)",
                                    "该成员解压后超出其声明的 10000 字节（疑似压缩炸弹）")]
    assert time.monotonic() - started < 2


def test_dotdot_member(tmp_path: Path) -> None:
    path = write(tmp_path, build_zip([_entry("header.json", b"{}"), _entry("../evil", b"x")]))
    assert findings(path) == [rf606("../evil", "its path climbs out of the archive with '..'",
                                    "该成员路径通过 “..” 指向归档之外")]


def test_nested_dotdot_and_backslash_members(tmp_path: Path) -> None:
    path = write(tmp_path, build_zip([_entry("samples/../../evil.json", b"x"), _entry("a\\..\\b", b"x"),
                                      _entry("C:/Windows/x", b"x"), _entry("\\\\server\\share", b"x")]))
    climbs = ("its path climbs out of the archive with '..'", "该成员路径通过 “..” 指向归档之外")
    assert findings(path) == [
        rf606("samples/../../evil.json", *climbs),
        rf606("a\\..\\b", *climbs),
        rf606("C:/Windows/x", "it has an absolute path", "该成员使用绝对路径"),
        rf606("\\\\server\\share", "it has an absolute path", "该成员使用绝对路径"),
    ]


def test_absolute_member(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("header.json", b"{}")
        z.writestr(zipfile.ZipInfo("/abs"), b"x")
    path = write(tmp_path, buffer.getvalue())
    assert findings(path) == [rf606("/abs", "it has an absolute path", "该成员使用绝对路径")]


def test_symlink_member(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("header.json", b"{}")
        link = zipfile.ZipInfo("samples/link_epoch_1.json")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        z.writestr(link, b"/etc/passwd")
    path = write(tmp_path, buffer.getvalue())
    assert findings(path) == [rf606("samples/link_epoch_1.json", "it is a symbolic link", "该成员是符号链接")]


def test_duplicate_member(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate it is asked to write
        with zipfile.ZipFile(buffer, "w") as z:
            z.writestr("header.json", b"{}")
            z.writestr("header.json", b'{"status": "success"}')
    path = write(tmp_path, buffer.getvalue())
    assert findings(path) == [rf606("header.json", "another member has the same name", "存在同名的其他成员")]


def test_nul_in_member_name(tmp_path: Path) -> None:
    path = write(tmp_path, build_zip([_entry(b"header.json\x00.txt", b"{}")]))
    assert findings(path) == [rf606("header.json\\x00.txt", "its name contains a NUL byte", "该成员名称包含 NUL 字节")]


def _many_empty(count: int) -> list[dict]:
    return [_entry(f"samples/s{i}_epoch_1.json", b"") for i in range(count)]


def test_hundred_thousand_empty_members(tmp_path: Path) -> None:
    started = time.monotonic()
    path = write(tmp_path, build_zip(_many_empty(100_000), zip64=True))
    assert findings(path) == [rf606("*", "the archive declares 100000 members, more than the limit of 65536",
                                    "归档声明包含 100000 个成员，超过 65536 个的上限")]
    assert time.monotonic() - started < 5


def test_member_count_lied_about(tmp_path: Path) -> None:
    path = write(tmp_path, build_zip(_many_empty(150), eocd_count=3))
    assert findings(path, SMALL) == [rf606("*", "the archive holds more than 100 members",
                                           "归档包含的成员超过 100 个")]


def test_total_size_limit(tmp_path: Path) -> None:
    parts = [_entry(f"samples/s{i}_epoch_1.json", os.urandom(900 * 1024)) for i in range(4)]
    path = write(tmp_path, build_zip(parts))
    assert findings(path, SMALL) == [rf606(
        "*", "the members declare 3.5 MiB uncompressed in total, more than the limit of 3.0 MiB",
        "各成员声明的解压后总大小为 3.5 MiB，超过 3.0 MiB 的上限")]


def test_overlapping_members(tmp_path: Path) -> None:
    # the "overlapping files" bomb: several directory entries share one local file
    entries = [_entry("header.json", b"{}"), _entry("samples/a_epoch_1.json", b"{}")]
    path = write(tmp_path, build_zip(entries, offsets=[0, 0]))
    assert findings(path) == [rf606("samples/a_epoch_1.json", "its data overlaps member header.json (a zip bomb?)",
                                    "该成员的数据与成员 header.json 重叠（疑似压缩炸弹）")]


def test_many_refusals_are_summed_up(tmp_path: Path) -> None:
    path = write(tmp_path, build_zip([_entry(f"../evil{i}", b"") for i in range(30)]))
    got = findings(path)
    assert len(got) == 21
    assert got[-1] == rf606("*", "10 more member(s) refused for the same kinds of reasons",
                            "另有 10 个成员因同类原因被拒绝")


def test_local_header_naming_another_file(tmp_path: Path) -> None:
    data = bytearray(build_zip([_entry("header.json", b"{}")]))
    data[30:41] = b"HEADER.JSON"  # the local name, not the central one
    path = write(tmp_path, bytes(data))
    assert findings(path) == [rf606("header.json", "its local header names a different file than the central directory",
                                    "其本地文件头中的文件名与中央目录不一致")]


# ---- broken archives: RF607 --------------------------------------------------------------------------------


def rf607(path: Path, detail: str) -> tuple[str, dict]:
    return ("RF607", {"path": str(path), "tool": "inspect-ai", "detail": detail})


def test_truncated_archive(tmp_path: Path) -> None:
    data = (INSPECT / "tiny_success.eval").read_bytes()
    path = write(tmp_path, data[: len(data) // 2])
    assert findings(path) == [rf607(path, "truncated or corrupt ZIP archive (no end of central directory record)")]


def test_corrupt_member(tmp_path: Path) -> None:
    data = bytearray((INSPECT / "tiny_success.eval").read_bytes())
    with SafeZip(INSPECT / "tiny_success.eval") as z:
        member = next(m for m in z.members if m.name == "header.json")
    start = member.offset + 30 + len(member.raw_name)
    for i in range(start + 20, start + 60):
        data[i] ^= 0x5A
    path = write(tmp_path, bytes(data))
    [(code, params)] = findings(path)
    assert code == "RF607"
    assert params["detail"].startswith("member header.json is corrupt: ")


def test_not_a_zip_renamed_eval(tmp_path: Path) -> None:
    path = write(tmp_path, (INSPECT / "tiny_success.json").read_bytes()[:5000])
    assert findings(path) == [rf607(path, "not a ZIP archive")]
    # the registry still routes it to the Inspect converter (the suffix is Inspect's), which says why it fails
    [item] = convert([path])
    assert [(f.code, f.params["detail"]) for f in item.findings] == [("RF607", "not a ZIP archive")]


def test_empty_and_tiny_files(tmp_path: Path) -> None:
    for data, detail in ((b"", "not a ZIP archive (too short)"), (b"PK\x03\x04" + b"\0" * 40,
                          "truncated or corrupt ZIP archive (no end of central directory record)")):
        path = write(tmp_path, data)
        assert findings(path) == [rf607(path, detail)]


def test_unsupported_method_and_encryption(tmp_path: Path) -> None:
    path = write(tmp_path, build_zip([_entry("header.json", b"{}", method=12)]))
    assert findings(path) == [rf607(path, "member header.json uses compression method 12, which is not supported "
                                          "(stored, deflate and zstd are)")]
    path = write(tmp_path, build_zip([_entry("header.json", b"{}", flags=0x801)]))
    assert findings(path) == [rf607(path, "member header.json is encrypted")]


def test_archive_without_header(tmp_path: Path) -> None:
    path = write(tmp_path, build_zip([_entry("notes.txt", b"hello")]))
    assert findings(path) == [rf607(path, "not an Inspect log: the archive has no header.json")]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_damage_never_crashes(tmp_path: Path, data: st.DataObject) -> None:
    original = (INSPECT / "tiny_success.eval").read_bytes()
    damaged = bytearray(original)
    for _ in range(data.draw(st.integers(1, 8))):
        where = data.draw(st.integers(0, len(damaged) - 1))
        damaged[where] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        damaged = damaged[: data.draw(st.integers(0, len(damaged)))]
    path = write(tmp_path, bytes(damaged))
    [item] = list(InspectConverter().read(path, ConvertOptions()))
    if item.report is None:
        assert {f.code for f in item.findings} <= {"RF606", "RF607"}


# ---- the Zstandard decoder ---------------------------------------------------------------------------------

# produced with `zstd -19` from _vector_text(); decoding needs Huffman literals, FSE tables and repeat offsets
_VECTOR = base64.b64decode(
    "KLUv/QRo1RYAFj99IZAplQ7////wGx/OSLDHFzLkXF87/euwUsqUUkrH7F8UuIcAbgBsADL+xdLweIvs1xzaMk/IjuApQ+qITrwWl9OeFa2j"
    "Kg09+PAilILmqZsj5UbWo4gYC/RnIguOdT7W03Qt99lobQoLMSJFntB+ia4WVHTqJAZJppdpnPd8ddhJCkIACxpoMIADBwCEgwUIMGhwIAEE"
    "EzwQwQQHDBxQgAELMFDggAECFiSwAAICBPpGtAWqHhGJhX9xcDtkp1Ebps/QMkWIk/Z0pzhpEaTodMKQvPe0J71dmhDUGcmEGH3qmc7F8Tan"
    "ZhqmH5GIMKS7RB2VUcTJLvEEISdCSEwR9OPjaBsaBrvoKIJDyNyXx+Iif+1v/Qiv76YuhR8E8TntqSFIzqM9aOIEWUT0nVkJ+011hjBvLpno"
    "5VCxG11h5M0p0+gvMdsxOgktiMTZxRPkQ3gqzc9aaUKInY4Eh9x3rCKst2kkXPqYIoXlv6UdKdrFCZZlJsQRZ9jRCVrG0UMlmlGkwf9iqSYD"
    "CvqZyhneL09LLUhh1hm5wvvpaXtKRnVBFp0IWYjf7SnJEJtEh9hnWtEE+46DK/QXk0j46tlkJPSblmrhP6nG4InmwgnLJ+woGXNoInSW4chD"
    "9NHS8rxMkhk4fUZki/oijtWnLFidsLGjkTaCVKgimOHdrzVi9xoSSJAJ4PcY9v+/A0AdOfOsJpQp9UbtJZ5EioO1r8lyvt2wQ8LwJvSpB7oQ"
    "n0uQHcINO2GHhOE1aLJR0PBd2pcfGAzW35VMQgOUd3SD4AQK+fZA7EEszEuXHk3DbMoseKUMiy4YemqxZ/ISNYljMUB4Tsq57BGx5PNk0h20"
    "4CJTtkAO9MhrB3d1SjRS47ruolO+UtgpXF25bnRL77FX7QdX07QM3Nop4ujY3iY0q74Nq3BNo+m3SYzWFm33FJZ+KZHoGcwq1m8KcllRfNCX"
    "dArTAmiToa1WK0FbiMw=")


def _vector_text() -> bytes:
    return ("Inspect riskfmt 风险 " * 50 + "".join(f"line {i}: value={i * i % 97}\n" for i in range(300))).encode()


def test_zstd_output_cap_and_garbage() -> None:
    from riskfmt.convert import archive

    started = time.monotonic()
    with pytest.raises(archive._OverCap):
        archive._zstd(io.BytesIO(_zstd_rle_bomb(8 * 1024)), 0, len(_zstd_rle_bomb(8 * 1024)), 1 * MiB)
    assert time.monotonic() - started < 2
    # not Zstandard at all (a truncated stream may decode partially: the member's CRC check catches that)
    for junk in (b"PK\x03\x04" * 4, b"not zstandard at all"):
        with pytest.raises(ZstdError):
            archive._zstd(io.BytesIO(junk), 0, len(junk), 1 << 20)


def test_unreadable_and_unsafe_are_distinct() -> None:
    assert not issubclass(UnreadableArchive, UnsafeArchive)
    assert not issubclass(UnsafeArchive, UnreadableArchive)
