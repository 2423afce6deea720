"""Reading inputs within a limit and writing outputs all-or-nothing.

Reading: only regular files are opened (a FIFO blocks on open, ``/dev/zero`` never ends, a terminal waits for
a person), and no more than the limit plus one byte is ever read, whatever ``stat`` claims: the size of a
file that grows while it is read, or of a special file, says nothing about how much it holds.

Writing: every output goes to a temporary name in its own folder and is renamed into place only when the
whole of it is on disk. A command that writes several files stages them all first (:class:`Staged`), so a
run that fails or is interrupted leaves nothing behind, and one that writes a folder builds it under a
temporary name and renames it at the end. :func:`check_output` decides before any work is done whether an
output may be written at all: never over an input, never over a file the user did not ask to replace.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from riskfmt.errors import RiskfmtError
from riskfmt.findings import Finding

__all__ = [
    "DEFAULT_MAX_SIZE",
    "MAX_DEPTH",
    "MAX_INT_DIGITS",
    "MAX_SAFE_INTEGER",
    "InputRefused",
    "OutputRefused",
    "Staged",
    "atomic_write_bytes",
    "atomic_write_text",
    "check_output",
    "read_limited",
    "special_file",
    "special_files_below",
]

DEFAULT_MAX_SIZE = 1 << 30  # 1 GiB: parsing needs ~8 bytes of memory per byte of JSON
# what the JSON and the YAML reader (riskfmt.loading, riskfmt.yaml12) accept of what they read
MAX_DEPTH = 512  # riskfmt documents need about 10 levels; this only stops pathological input
MAX_SAFE_INTEGER = (1 << 53) - 1
MAX_INT_DIGITS = 4300  # Python's own limit for int <-> str (sys.get_int_max_str_digits)
_CHUNK = 1 << 20


class InputRefused(RiskfmtError):
    """An input that cannot or must not be read; ``finding`` says why (an I/O finding: exit 2)."""

    def __init__(self, finding: Finding) -> None:
        super().__init__([finding], finding.message("en"))


class OutputRefused(RiskfmtError):
    """An output that must not be written; ``findings`` say why (I/O findings: exit 2)."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        super().__init__(findings, "; ".join(f.message("en") for f in findings))


# ------------------------------------------------------------------------------------------------
# Reading
# ------------------------------------------------------------------------------------------------

# what a path that is not a regular file is; the Chinese is in riskfmt/i18n/zh_CN.po (msgctxt "file kind")
_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)


def _kind(mode: int) -> tuple[str, str]:
    from riskfmt.i18n.text import both

    for test, en in _KINDS:
        if test(mode):
            return both(en, "file kind")
    return both("not a regular file", "file kind")


def special_file(path: str | os.PathLike[str]) -> Finding | None:
    """RF006 when ``path`` (after following symlinks) exists and is not a regular file or directory, else
    None. Asked before anything opens the path: opening a FIFO for reading blocks until a writer comes."""
    name = os.fspath(path)
    try:
        mode = os.stat(name).st_mode
    except OSError:
        return None  # missing or unreachable: whoever opens it reports that
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    en, zh = _kind(mode)
    return Finding.make("RF006", name, path=name, what=en, what_zh=zh)


def special_files_below(folder: str | os.PathLike[str], limit: int = 100) -> list[Finding]:
    """RF006 for each special file (FIFO, device, socket, or a symlink to one) under ``folder``, hidden
    folders included: a converter that walks a folder must never open one. At most ``limit`` findings."""
    out: list[Finding] = []
    for dirpath, _dirnames, filenames in os.walk(folder):
        for name in filenames:
            finding = special_file(os.path.join(dirpath, name))
            if finding is not None:
                out.append(finding)
                if len(out) >= limit:
                    return out
    return out


def read_limited(path: str | os.PathLike[str], max_size: int = DEFAULT_MAX_SIZE) -> bytes:
    """The bytes of a regular file, or of standard input for ``"-"``, reading at most ``max_size + 1`` bytes.

    Raises :class:`InputRefused` with RF001 (missing), RF002 (a directory), RF003 (unreadable), RF004 (over
    the limit) or RF006 (not a regular file). The file is opened non-blocking and checked with ``fstat``
    on the open descriptor, so a path swapped for a FIFO between the check and the open cannot block us.
    """
    import sys

    name = os.fspath(path)
    if name == "-":
        data = _read_at_most(sys.stdin.buffer.read, max_size)
        if len(data) > max_size:
            raise InputRefused(Finding.make("RF004", "<stdin>", size=f">{max_size}", limit=max_size))
        return data
    special = special_file(name)
    if special is not None:
        raise InputRefused(special)
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputRefused(Finding.make("RF001", name, path=name)) from None
    except IsADirectoryError:
        raise InputRefused(Finding.make("RF002", name, path=name)) from None
    except OSError as exc:
        raise InputRefused(Finding.make("RF003", name, reason=exc.strerror or type(exc).__name__)) from None
    try:
        status = os.fstat(fd)
        mode = status.st_mode
        if stat.S_ISDIR(mode):
            raise InputRefused(Finding.make("RF002", name, path=name))
        if not stat.S_ISREG(mode):
            en, zh = _kind(mode)
            raise InputRefused(Finding.make("RF006", name, path=name, what=en, what_zh=zh))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        try:
            data = _read_at_most(lambda n: os.read(fd, n), max_size, status.st_size)
        except OSError as exc:
            raise InputRefused(Finding.make("RF003", name, reason=exc.strerror or type(exc).__name__)) from None
    finally:
        os.close(fd)
    if len(data) > max_size:
        size = os.stat(name).st_size if os.path.exists(name) else f">{max_size}"
        raise InputRefused(Finding.make("RF004", name, size=max(size, max_size + 1) if isinstance(size, int)
                                        else size, limit=max_size))
    return data


def _read_at_most(read: Callable[[int], bytes], max_size: int, expected: int = 0) -> bytes:
    """Read until end of file or until ``max_size + 1`` bytes are in hand, in chunks (no single huge
    allocation for a limit of a gigabyte when the file holds a kilobyte).

    ``expected`` is the size ``fstat`` gave for a regular file: the first read asks for all of it and one byte
    more (never more than the limit allows), so a file that did not change is read by one call into one buffer,
    which is the bytes returned. Joining 1 MiB chunks instead touched the whole file's memory twice: 0.15 s
    against 0.08 s for a 128 MB report. Whatever follows (a file that grew) is read in chunks as before."""
    parts: list[bytes] = []
    total = 0
    want = max_size + 1
    first = min(expected + 1, want) if expected > 0 else 0
    while total < want:
        chunk = read(first or min(_CHUNK, want - total))
        first = 0
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    return b"".join(parts)


# ------------------------------------------------------------------------------------------------
# Deciding whether an output may be written
# ------------------------------------------------------------------------------------------------


def _same(a: Path, b: str | os.PathLike[str]) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):  # ValueError: a name with a NUL (a converter's source label) is no file
        try:
            return a.resolve() == Path(b).resolve()
        except (OSError, RuntimeError, ValueError):
            return False


def check_output(
    path: str | os.PathLike[str],
    *,
    kind: str = "file",
    inputs: Iterable[str | os.PathLike[str]] = (),
    force: bool = False,
    protected: bool = False,
) -> None:
    """Refuse an output before any work is done; raises :class:`OutputRefused` with I/O findings.

    ``kind`` is what the command writes there: ``"file"`` or ``"folder"``. Refused: an output that is (or
    would replace) one of ``inputs`` (never, even with ``force``); a folder where a file is meant and the
    other way round; an existing file when ``protected`` (keys, salts: replacing them loses something for
    good) or any existing folder content, unless ``force``; a parent folder that is missing or not writable.
    ``"-"`` (standard output) is always accepted.
    """
    from riskfmt.i18n.text import params  # for the reasons of a refusal

    name = os.fspath(path)
    if name == "-":
        return
    target = Path(name)
    findings: list[Finding] = []
    for item in inputs:
        item_name = os.fspath(item)
        if item_name == "-":
            continue
        if _same(target, item_name):
            findings.append(Finding.make("RF008", name, path=name, input=item_name))
            raise OutputRefused(findings)
    if target.is_symlink() and not target.exists():
        findings.append(Finding.make("RF009", name, path=name,
                                     **params("reason", "a dangling symbolic link", "file kind")))
    elif target.exists():
        special = special_file(target)
        if special is not None:
            findings.append(Finding.make("RF010", name, path=name,
                                         **params("want", "a regular file" if kind == "file" else "a folder",
                                                  "file kind"),
                                         what=special.params["what"], what_zh=special.params["what_zh"]))
        elif kind == "file" and target.is_dir():
            findings.append(Finding.make("RF010", name, path=name, **params("want", "a file", "file kind"),
                                         **params("what", "a folder", "file kind")))
        elif kind == "folder" and not target.is_dir():
            findings.append(Finding.make("RF010", name, path=name, **params("want", "a folder", "file kind"),
                                         **params("what", "a file", "file kind")))
        elif not force and (protected or (kind == "folder" and any(target.iterdir()))):
            findings.append(Finding.make("RF007", name, path=name))
    if not findings:
        parent = _existing_parent(target)
        if parent is None or not parent.is_dir():
            findings.append(Finding.make("RF009", name, path=name,
                                         **params("reason", "its folder is not a folder", "file kind")))
        elif not os.access(parent, os.W_OK | os.X_OK):
            findings.append(Finding.make("RF009", name, path=name,
                                         **params("reason", "the folder {parent} is not writable", "file kind",
                                                  parent=parent)))
    if findings:
        raise OutputRefused(findings)


def _existing_parent(target: Path) -> Path | None:
    """The nearest folder above ``target`` that exists (outputs may create the folders in between)."""
    probe = target.absolute().parent
    while not probe.exists():
        if probe.parent == probe:
            return None
        probe = probe.parent
    return probe


# ------------------------------------------------------------------------------------------------
# Writing
# ------------------------------------------------------------------------------------------------


def _default_mode() -> int:
    # mkstemp creates 0600; an ordinary output gets the permissions a plain open() would give it
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _write_temp(target: Path, data: bytes, mode: int | None) -> str:
    """``data`` in a temporary file beside ``target``, flushed to disk; returns its name."""
    import tempfile  # here, not at the top: reading (every validation) never needs it, and it costs 4 ms

    handle, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(handle, _default_mode() if mode is None else mode)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


def _unlink(name: str | os.PathLike[str]) -> None:
    try:
        os.unlink(name)
    except FileNotFoundError:
        pass


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, mode: int | None = None) -> None:
    """Write to a temporary file in the same folder, flush it to disk, then rename it into place, so a
    reader sees either the old file or the whole new one. ``mode`` sets permissions before any byte is
    written (0o600 for private keys)."""
    target = Path(path)
    tmp = _write_temp(target, data, mode)
    try:
        os.replace(tmp, target)
    except BaseException:
        _unlink(tmp)
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


class Staged:
    """Several outputs written as one: nothing appears until :meth:`commit`, and a failure (or Ctrl-C)
    before or during it leaves no new file behind.

    Files are put with :meth:`put` (relative to ``root`` or absolute). With ``folder=True`` the whole of
    ``root`` is built under a temporary name beside it and renamed into place by ``commit`` (an existing
    empty folder is replaced; with ``force`` an existing folder keeps its other files and gains ours one by
    one). Without it, each file is staged beside its target and all are renamed at the end; files that were
    new are removed again if a later rename fails.
    """

    def __init__(self, root: str | os.PathLike[str], *, folder: bool = False, force: bool = False) -> None:
        self.root = Path(root)
        self.folder = folder
        self.force = force
        self._files: dict[Path, tuple[bytes, int | None]] = {}

    def put(self, path: str | os.PathLike[str], data: bytes, mode: int | None = None) -> Path:
        target = Path(path)
        if self.folder and not target.is_absolute() and not target.is_relative_to(self.root):
            target = self.root / target
        self._files[target] = (data, mode)
        return target

    @property
    def paths(self) -> list[Path]:
        return list(self._files)

    def commit(self) -> None:
        if self.folder:
            self._commit_folder()
        else:
            self._commit_files(self._files)

    def _commit_files(self, files: dict[Path, tuple[bytes, int | None]]) -> None:
        staged: list[tuple[str, Path, bool]] = []
        created_dirs: list[Path] = []
        try:
            for target, (data, mode) in files.items():
                created_dirs.extend(_make_parents(target.parent))
                staged.append((_write_temp(target, data, mode), target, target.exists()))
            done: list[tuple[Path, bool]] = []
            try:
                for tmp, target, existed in staged:
                    os.replace(tmp, target)
                    done.append((target, existed))
            except BaseException:
                for target, existed in done:
                    if not existed:
                        _unlink(target)
                raise
        except BaseException:
            for tmp, _, _ in staged:
                _unlink(tmp)
            for folder in reversed(created_dirs):
                try:
                    folder.rmdir()
                except OSError:
                    pass
            raise

    def _commit_folder(self) -> None:
        import shutil
        import tempfile

        root = self.root
        files = {root / t.absolute().relative_to(root.absolute()): v for t, v in self._files.items()}
        if root.is_dir() and any(root.iterdir()):
            if not self.force:  # check_output refused this already; a race must not merge silently
                raise FileExistsError(f"{root} is not empty")
            self._commit_files(files)  # into an existing folder, asked for with --force: file by file
            return
        created = _make_parents(root.absolute().parent)
        tmp_root = Path(tempfile.mkdtemp(prefix=f".{root.name}.", suffix=".tmp", dir=root.absolute().parent))
        try:
            os.chmod(tmp_root, 0o777 & ~_umask())
            for target, (data, mode) in files.items():
                destination = tmp_root / target.relative_to(root)
                destination.parent.mkdir(parents=True, exist_ok=True)
                os.replace(_write_temp(destination, data, mode), destination)
            if root.is_dir():
                root.rmdir()  # empty: replaced by the finished folder
            os.rename(tmp_root, root)
        except BaseException:
            shutil.rmtree(tmp_root, ignore_errors=True)
            for folder in reversed(created):
                try:
                    folder.rmdir()
                except OSError:
                    pass
            raise


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _make_parents(folder: Path) -> list[Path]:
    """Create ``folder`` and missing parents; returns those created, outermost first (to undo them)."""
    missing: list[Path] = []
    probe = folder.absolute()
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for item in reversed(missing):
        item.mkdir()
    return list(reversed(missing))
