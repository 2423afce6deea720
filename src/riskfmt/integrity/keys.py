"""Ed25519 key pairs as PEM files: the private key owner-only, the public key beside it as ``KEYFILE.pub``.

PKCS#8 and SubjectPublicKeyInfo PEM are what compliance-trestle (through pyca/cryptography) reads, so one key
pair serves both tools. Key material is never printed or put in a finding: only paths and key ids.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from riskfmt.findings import Finding
from riskfmt.i18n.text import both
from riskfmt.integrity import IntegrityError

if TYPE_CHECKING:  # pragma: no cover
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

__all__ = [
    "KeyPair",
    "exposed_mode",
    "generate_keypair",
    "key_id",
    "load_private_key",
    "load_public_key",
    "public_path",
]

PRIVATE_MODE = 0o600
PUBLIC_MODE = 0o644


@dataclass(frozen=True)
class KeyPair:
    """Where a new key pair was written, and its key id (never the key itself)."""

    private: Path
    public: Path
    keyid: str


def _problem(path: str, en: str, zh: str) -> IntegrityError:
    return IntegrityError(Finding.make("RF725", path, path=path, detail=en, detail_zh=zh))


def public_path(private: str | os.PathLike[str]) -> Path:
    """``KEYFILE.pub``: where ``keygen`` puts the public half of ``KEYFILE``."""
    path = Path(private)
    return path.with_name(path.name + ".pub")


def key_id(public_key: Ed25519PublicKey) -> str:
    """The key id securesystemslib (and so compliance-trestle) computes for an Ed25519 key: SHA-256 of the
    canonical JSON of its key type, scheme and hex public bytes. The same key has the same id in both tools.

    .. versionadded:: 0.1
    """
    from cryptography.hazmat.primitives import serialization

    from riskfmt.integrity.canonical import canonical_bytes

    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    # keys in sorted order with ASCII values: OLPC canonical JSON and RFC 8785 give the same bytes here
    body = {"keytype": "ed25519", "keyval": {"public": raw.hex()}, "scheme": "ed25519"}
    return hashlib.sha256(canonical_bytes(body)).hexdigest()


def generate_keypair(path: str | os.PathLike[str], *, password: bytes | None = None,
                     overwrite: bool = False) -> KeyPair:
    """Create an Ed25519 key pair: ``path`` (PKCS#8 PEM, mode 0600, encrypted when ``password`` is given) and
    ``path.pub`` (SubjectPublicKeyInfo PEM). Both are written atomically. An existing key file is never
    replaced unless ``overwrite``: losing a private key cannot be undone.

    .. versionadded:: 0.1
    """
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from riskfmt.io import Staged

    private_file, public_file = Path(path), public_path(path)
    for target in (private_file, public_file):
        if target.is_dir():
            raise _problem(str(target), *both("is a folder", "integrity"))
        if target.exists() and not overwrite:
            raise _problem(str(target), *both("already exists; refusing to replace a key (use --force)", "integrity"))
    key = Ed25519PrivateKey.generate()
    encryption = (serialization.BestAvailableEncryption(password) if password
                  else serialization.NoEncryption())
    private_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)
    public_pem = key.public_key().public_bytes(serialization.Encoding.PEM,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)
    # the private file is created with 0600 before a byte is written: never readable by others, even briefly;
    # both halves are staged and renamed together, so a failure never leaves a private key without its pair
    pair = Staged(private_file.parent)
    pair.put(private_file, private_pem, mode=PRIVATE_MODE)
    pair.put(public_file, public_pem, mode=PUBLIC_MODE)
    pair.commit()
    return KeyPair(private_file, public_file, key_id(key.public_key()))


def _read(path: str | os.PathLike[str]) -> bytes:
    from riskfmt.io import special_file

    name = os.fspath(path)
    special = special_file(name)  # a FIFO would block on open, /dev/zero never ends
    if special is not None:
        raise IntegrityError(special)
    try:
        with open(name, "rb") as handle:
            return handle.read(1 << 16)  # a PEM key is a few hundred bytes; never slurp a wrong, huge file
    except FileNotFoundError:
        raise IntegrityError(Finding.make("RF001", name, path=name)) from None
    except IsADirectoryError:
        raise _problem(name, *both("is a folder", "integrity")) from None
    except OSError as exc:
        raise IntegrityError(Finding.make("RF003", name, reason=exc.strerror or type(exc).__name__)) from None


def exposed_mode(path: str | os.PathLike[str]) -> str | None:
    """The file's permission bits as octal text when group or others may read it (POSIX only), else None."""
    if os.name != "posix":
        return None
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return None
    return f"{mode:04o}" if mode & 0o077 else None


def load_private_key(path: str | os.PathLike[str], password: bytes | None = None) -> Ed25519PrivateKey:
    """An Ed25519 private key from a PEM file (PKCS#8, or OpenSSL's traditional form), decrypted with
    ``password`` when it is encrypted. Raises ``IntegrityError`` (RF725) for anything else; the message never
    contains key bytes.

    .. versionadded:: 0.1
    """
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    name = os.fspath(path)
    data = _read(name)
    try:
        key = serialization.load_pem_private_key(data, password=password)
    except TypeError as exc:  # encrypted without a password, or a password for a plain key
        raise _problem(name, *_password_detail(exc)) from None
    except Exception:
        if password:
            raise _problem(name, *both("wrong password, or not a PEM private key", "integrity")) from None
        raise _problem(name, *both("not a PEM private key", "integrity")) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise _wrong_type(name, key)
    return key


def _wrong_type(name: str, key: object) -> IntegrityError:
    kind = type(key).__name__.removeprefix("_").removesuffix("PrivateKey").removesuffix("PublicKey")
    return _problem(name, *both("a {kind} key, not Ed25519", "integrity", kind=kind))


def _password_detail(exc: Exception) -> tuple[str, str]:
    text = str(exc).lower()
    if "not given" in text:
        return both("the key is encrypted: give its password (--key-password-env)", "integrity")
    if "was given" in text:
        return both("the key is not encrypted, but a password was given", "integrity")
    return both("cannot decrypt the key", "integrity")


def load_public_key(path: str | os.PathLike[str]) -> Ed25519PublicKey:
    """An Ed25519 public key from a PEM file (SubjectPublicKeyInfo). Given a private key file by mistake, it
    refuses rather than silently deriving the public half (that file should not be handed around).

    .. versionadded:: 0.1
    """
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    name = os.fspath(path)
    data = _read(name)
    if b"PRIVATE KEY" in data:
        raise _problem(name, *both("this is a private key; verify with the public key (KEYFILE.pub)", "integrity"))
    try:
        key = serialization.load_pem_public_key(data)
    except Exception:
        raise _problem(name, *both("not a PEM public key", "integrity")) from None
    if not isinstance(key, Ed25519PublicKey):
        raise _wrong_type(name, key)
    return key
