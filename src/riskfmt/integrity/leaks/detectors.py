"""Weight files and credentials, wherever they are written.

- **weight files** (RF704): a file name with a weight-file extension anywhere in its suffixes
  (``model.safetensors.zst``, ``model.gguf.part1of2``, ``pytorch_model.bin.index.json``), or a shard named
  as sharded checkpoints name theirs; a host or e-mail address (a ``.pt`` site) is not a file.
- **credentials** (RF705, RF716): private keys and well-known token shapes, also when split over the values
  of one map (``split_credential``); and keys named like secrets that hold a value (``named_secret``).

Where these checks do not apply (``model.digests[].name``, sample content) is the callers' business.
"""

from __future__ import annotations

import re

from riskfmt.integrity.leaks.collect import Collector
from riskfmt.integrity.leaks.patterns import SPACE_RE, Pattern

WEIGHT_EXTENSIONS = ("safetensors", "gguf", "ggml", "bin", "pt", "pth", "ckpt", "onnx", "h5", "hdf5", "pb",
                     "tflite", "mlmodel", "pkl", "pickle", "npy", "npz", "msgpack", "keras", "joblib", "llamafile")
# What may follow a weight extension and still name the weights: compression, archive, split parts, indexes,
# encryption, partial downloads. A weight extension followed by anything else (``tf.keras.layers``) is not a file.
_WEIGHT_TAIL = (r"(?:\.(?:zst|zstd|gz|xz|bz2|lz4|br|zip|tar|tgz|7z|rar|part\d*(?:of\d+)?|\d{1,5}|split\d*|chunk\d*"
                r"|index\.json|json|tmp|partial|incomplete|download|lock|enc|gpg|age|aes|b64|base64|hex|txt))*")
_WEIGHT = Pattern(r"([\w+-][\w.+-]*?)\.(" + "|".join(WEIGHT_EXTENSIONS) + r")" + _WEIGHT_TAIL
                  + r"(?![\w/-])(?!\.\w)", re.IGNORECASE)
_SHARD = Pattern(r"\b[\w.-]*\d{5}-of-\d{5}\b")  # sharded checkpoints name their shards this way
_TOKEN_BREAK = Pattern(r"[\s\"'<>()\[\]{},;]")

# what each pattern finds, in English; the Chinese is in riskfmt/i18n/zh_CN.po (msgctxt "integrity")
_CREDENTIALS: tuple[tuple[str, str], ...] = (
    (r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----", "a private key"),
    (r"\bsk-(?:proj-|ant-[a-z0-9]+-)?[A-Za-z0-9_-]{32,}", "an API key (sk-...)"),
    (r"\bhf_[A-Za-z0-9]{30,}", "a Hugging Face token"),
    (r"\b(?:AKIA|ASIA)[0-9A-Z]{16}", "an AWS access key"),
    (r"\bgh[pousr]_[A-Za-z0-9]{36,}", "a GitHub token"),
    (r"\bgithub_pat_[A-Za-z0-9_]{40,}", "a GitHub token"),
    (r"\bglpat-[A-Za-z0-9_-]{20,}", "a GitLab token"),
    (r"\bAIza[0-9A-Za-z_-]{35}", "a Google API key"),
    (r"\bya29\.[0-9A-Za-z_-]{30,}", "a Google OAuth token"),
    (r"\bxox[abprs]-[A-Za-z0-9-]{10,}", "a Slack token"),
    (r"\b[rs]k_live_[0-9A-Za-z]{20,}", "a Stripe key"),
    (r"\bnpm_[A-Za-z0-9]{36}", "an npm token"),
    (r"\bpypi-AgE[A-Za-z0-9_-]{50,}", "a PyPI token"),
    (r"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}", "a JSON web token"),
    (r"\b[a-z][a-z0-9+.-]*://[^\s:/@]+:[^\s:/@]{6,}@", "a password in a URL"),
)
_CREDENTIAL_HINT = Pattern(r"PRIVATE KEY|sk-|hf_|AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|AIza|ya29\.|xox[abprs]-"
                           r"|k_live_|npm_|pypi-|eyJ|://[^\s/@]+:[^\s/@]+@")
# Partial tokens: a well-known prefix with a body too short for the full pattern (a key split over fields).
_CREDENTIAL_PART = Pattern(r"(?:\bsk-(?:proj-|ant-)|\bhf_|\bgh[pousr]_|\bgithub_pat_|\bglpat-|\bAIza|\bxox[abprs]-"
                           r"|\bAKIA|\bASIA)(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{8,}")
_SECRET_NAME = Pattern(r"(?:^|[_.-])(?:api[_-]?key|apikey|secret(?:[_-]?key)?|password|passwd|pwd|access[_-]?key"
                       r"|private[_-]?key|auth[_-]?token|access[_-]?token|bearer|token|credentials?)"
                       r"(?:[_.-]?(?:\d+|part\d*|[a-z]))?$", re.IGNORECASE)
_NOT_A_SECRET = Pattern(r"^(?:|none|null|true|false|\*+|x+|<[^>]*>|\$\{?[A-Z_][A-Z0-9_]*\}?|env:.*|redacted|"
                        r"\[redacted\]|\[withheld\]|placeholder)$", re.IGNORECASE)


# A signed token a service publishes to prove results (Hugging Face model cards carry ``verifyToken``, a JWT
# signed by the evaluation service) is an attestation, not a secret: under such a name a JWT is not reported.
_ATTESTATION = Pattern(r"verif|signature|attestation|proof", re.IGNORECASE)


def _is_host_or_mail(text: str, start: int) -> bool:
    """True when the match at ``start`` is part of a domain name (a .pt site, an e-mail address)."""
    token_start = start
    while token_start > 0 and not _TOKEN_BREAK.match(text, token_start - 1):
        token_start -= 1
    token = text[token_start:start]
    if "@" in token and "/" not in token.split("@", 1)[1]:
        return True
    if "://" in token:
        return "/" not in token.split("://", 1)[1]
    return token.lower().startswith("www.")


def weight_name(text: str) -> str | None:
    if "." in text:
        for match in _WEIGHT.finditer(text):
            if not _is_host_or_mail(text, match.start()):
                return match.group(0)[-120:]
    if "-of-" in text:
        shard = _SHARD.search(text)
        if shard:
            return shard.group(0)[-120:]
    return None


def credential_in(text: str, pointer: str = "") -> tuple[str, str] | None:
    from riskfmt.i18n.text import both

    if _CREDENTIAL_HINT.search(text):
        for pattern, what in _CREDENTIALS:
            if re.search(pattern, text):
                if pattern.startswith(r"\beyJ") and _ATTESTATION.search(pointer.rsplit("/", 1)[-1]):
                    continue
                return both(what, "integrity")
    return None


def named_secret(key: str, value: str, pointer: str, out: Collector) -> None:
    if _SECRET_NAME.search(key) and not _NOT_A_SECRET.match(value.strip()) and len(value.strip()) >= 8 \
            and any(c.isdigit() for c in value) and " " not in value.strip():
        out.add("RF716", pointer, name=key[:80])


def split_credential(strings: list[str], pointer: str, out: Collector) -> None:
    """A token split over several values of one object (``key_a: sk-proj-abc``, ``key_b: def...``)."""
    if len(strings) < 2:
        return
    for index, text in enumerate(strings):
        part = _CREDENTIAL_PART.search(text)
        if part:
            joined = "".join(strings[index:index + 8])
            credential = credential_in(joined) or credential_in(SPACE_RE.sub("", joined))
            if credential is not None or len(part.group(0)) < 20:
                if credential is None:
                    from riskfmt.i18n.text import both

                    credential = both("a token split over several values", "integrity")
                out.add("RF705", pointer, what=credential[0], what_zh=credential[1])
                return
