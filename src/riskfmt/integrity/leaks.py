"""The leak scan: content that must not travel in a report, reported as errors by ``riskfmt validate``.

It judges the document as a whole, not one array or string at a time:

- **numbers** (RF701, RF714): one array of ``NUMERIC_MIN`` or more numbers (nested arrays counted together),
  or ``NUMERIC_TOTAL`` or more numbers in all the places that can carry free numbers together: numeric arrays
  anywhere, every number in ``extensions``, the distinct values of free ``settings.other`` entries, and
  numbers written as text (strings holding lists of numbers). Measurement fields (results, scores) are not
  counted: they are what a report is for.
- **encoded data** (RF702, RF703, RF715): one string of ``BLOB_MIN`` or more characters that is base64, hex,
  ascii85-like, a ``data:`` URI or numbers as text (also after removing whitespace); text that looks like
  binary; or ``ENCODED_TOTAL`` or more distinct characters of encoded pieces (``PIECE_MIN`` or more
  characters each) spread over the document: in values, keys, pointers, selectors and YAML comments alike.
  Text is judged after Unicode normalisation (NFKC, so fullwidth letters are letters) with format
  characters (zero-width spaces, joiners, soft hyphens) removed.
- **weight files** (RF704): a file name with a weight-file extension anywhere in its suffixes
  (``model.safetensors.zst``, ``model.gguf.part1of2``, ``pytorch_model.bin.index.json``), except
  ``model.digests[].name`` ("digest-only") and sample content (a model talking about ``model.pt``).
- **credentials** (RF705, RF716): private keys and well-known token shapes anywhere but sample content, also
  when split over the values of one settings map or extension object; and settings or extension keys named
  like secrets that hold a value.
- **withheld content** (RF706, RF707, RF750, RF751): content of a kind the document declares withheld
  (``disclosure.withholds``) that is still present; withheld records of undeclared kinds; identifiers that
  read as text while sample content is withheld; and text anywhere whose digest is that of a sample's
  withheld input or output (a prompt moved into a note).

How, on a 100 MB report: the scan works on the document's bytes (the raw JSON when it can be used as is,
else one serialisation). One ``bytes.translate`` maps every byte to a character class, and a few compiled
regular expressions and long literal searches, each beginning with a rare character, find candidates at C
speed: mixed-case runs, hex runs, numeric arrays, number lists, weight-file suffixes, escaped control
characters, fullwidth and zero-width characters. Only candidates are located in the tree (one descent that
skips everything before them with the C decoder), to judge them by where they are and to name their pointer.
Inline samples (the bulk of many reports) are checked column by column with C-level iterators. At most
``MAX_PER_CODE`` findings per code, then one RF708.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from itertools import repeat
from operator import methodcaller
from typing import Any, AnyStr, Generic

from riskfmt.findings import Finding


class _Pattern(Generic[AnyStr]):
    """A regular expression compiled on first use: ``riskfmt validate`` on one small clean file (the quick
    path) runs the few patterns the raw pass needs and compiles none of the others. Only the methods of
    ``re.Pattern`` this module calls are forwarded, each typed as there."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: AnyStr, flags: int = 0) -> None:
        self._source: AnyStr = source
        self._flags = flags
        self._compiled: re.Pattern[AnyStr] | None = None

    def _compile(self) -> re.Pattern[AnyStr]:
        self._compiled = re.compile(self._source, self._flags)
        return self._compiled

    def search(self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[AnyStr] | None:
        return (self._compiled or self._compile()).search(string, pos, endpos)

    def match(self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[AnyStr] | None:
        return (self._compiled or self._compile()).match(string, pos, endpos)

    def fullmatch(self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[AnyStr] | None:
        return (self._compiled or self._compile()).fullmatch(string, pos, endpos)

    def finditer(self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[AnyStr]]:
        return (self._compiled or self._compile()).finditer(string, pos, endpos)

    def findall(self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return (self._compiled or self._compile()).findall(string, pos, endpos)

    def sub(self, repl: AnyStr, string: AnyStr, count: int = 0) -> AnyStr:
        return (self._compiled or self._compile()).sub(repl, string, count)


__all__ = [
    "BINARY_MIN",
    "BINARY_SHARE",
    "BLOB_MIN",
    "ENCODED_TOTAL",
    "MAX_PER_CODE",
    "NUMERIC_MIN",
    "NUMERIC_TOTAL",
    "PIECE_MIN",
    "WEIGHT_EXTENSIONS",
    "SampleFileScan",
    "scan",
    "scan_strings",
    "withheld_kinds",
]

BLOB_MIN = 1024  # characters: digests (64-128 hex), ids and short codes stay far below
BINARY_MIN = 256
BINARY_SHARE = 0.10
NUMERIC_MIN = 256  # numbers in one array, nested arrays included
NUMERIC_TOTAL = 512  # numbers in all free places together (calibrated: the largest legitimate total seen is 100)
PIECE_MIN = 20  # characters of one encoded piece; identifiers of 20+ random characters are rare outside id fields
ENCODED_TOTAL = 2048  # distinct encoded characters in all pieces together (about 1.5 KB of binary)
MAX_PER_CODE = 100

WEIGHT_EXTENSIONS = ("safetensors", "gguf", "ggml", "bin", "pt", "pth", "ckpt", "onnx", "h5", "hdf5", "pb",
                     "tflite", "mlmodel", "pkl", "pickle", "npy", "npz", "msgpack", "keras", "joblib", "llamafile")
# What may follow a weight extension and still name the weights: compression, archive, split parts, indexes,
# encryption, partial downloads. A weight extension followed by anything else (``tf.keras.layers``) is not a file.
_WEIGHT_TAIL = (r"(?:\.(?:zst|zstd|gz|xz|bz2|lz4|br|zip|tar|tgz|7z|rar|part\d*(?:of\d+)?|\d{1,5}|split\d*|chunk\d*"
                r"|index\.json|json|tmp|partial|incomplete|download|lock|enc|gpg|age|aes|b64|base64|hex|txt))*")
_WEIGHT = _Pattern(r"([\w+-][\w.+-]*?)\.(" + "|".join(WEIGHT_EXTENSIONS) + r")" + _WEIGHT_TAIL
                     + r"(?![\w/-])(?!\.\w)", re.IGNORECASE)
_SHARD = _Pattern(r"\b[\w.-]*\d{5}-of-\d{5}\b")  # sharded checkpoints name their shards this way
_TOKEN_BREAK = _Pattern(r"[\s\"'<>()\[\]{},;]")

_CREDENTIALS: tuple[tuple[str, str, str], ...] = (
    (r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----", "a private key", "私钥"),
    (r"\bsk-(?:proj-|ant-[a-z0-9]+-)?[A-Za-z0-9_-]{32,}", "an API key (sk-...)", "API 密钥（sk-...）"),
    (r"\bhf_[A-Za-z0-9]{30,}", "a Hugging Face token", "Hugging Face 访问令牌"),
    (r"\b(?:AKIA|ASIA)[0-9A-Z]{16}", "an AWS access key", "AWS 访问密钥"),
    (r"\bgh[pousr]_[A-Za-z0-9]{36,}", "a GitHub token", "GitHub 令牌"),
    (r"\bgithub_pat_[A-Za-z0-9_]{40,}", "a GitHub token", "GitHub 令牌"),
    (r"\bglpat-[A-Za-z0-9_-]{20,}", "a GitLab token", "GitLab 令牌"),
    (r"\bAIza[0-9A-Za-z_-]{35}", "a Google API key", "Google API 密钥"),
    (r"\bya29\.[0-9A-Za-z_-]{30,}", "a Google OAuth token", "Google OAuth 令牌"),
    (r"\bxox[abprs]-[A-Za-z0-9-]{10,}", "a Slack token", "Slack 令牌"),
    (r"\b[rs]k_live_[0-9A-Za-z]{20,}", "a Stripe key", "Stripe 密钥"),
    (r"\bnpm_[A-Za-z0-9]{36}", "an npm token", "npm 令牌"),
    (r"\bpypi-AgE[A-Za-z0-9_-]{50,}", "a PyPI token", "PyPI 令牌"),
    (r"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}", "a JSON web token", "JSON Web 令牌"),
    (r"\b[a-z][a-z0-9+.-]*://[^\s:/@]+:[^\s:/@]{6,}@", "a password in a URL", "URL 中的密码"),
)
_CREDENTIAL_HINT = _Pattern(r"PRIVATE KEY|sk-|hf_|AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|AIza|ya29\.|xox[abprs]-"
                              r"|k_live_|npm_|pypi-|eyJ|://[^\s/@]+:[^\s/@]+@")
# Partial tokens: a well-known prefix with a body too short for the full pattern (a key split over fields).
_CREDENTIAL_PART = _Pattern(r"(?:\bsk-(?:proj-|ant-)|\bhf_|\bgh[pousr]_|\bgithub_pat_|\bglpat-|\bAIza|\bxox[abprs]-"
                              r"|\bAKIA|\bASIA)(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{8,}")
_SECRET_NAME = _Pattern(r"(?:^|[_.-])(?:api[_-]?key|apikey|secret(?:[_-]?key)?|password|passwd|pwd|access[_-]?key"
                          r"|private[_-]?key|auth[_-]?token|access[_-]?token|bearer|token|credentials?)"
                          r"(?:[_.-]?(?:\d+|part\d*|[a-z]))?$", re.IGNORECASE)
_NOT_A_SECRET = _Pattern(r"^(?:|none|null|true|false|\*+|x+|<[^>]*>|\$\{?[A-Z_][A-Z0-9_]*\}?|env:.*|redacted|"
                           r"\[redacted\]|\[withheld\]|placeholder)$", re.IGNORECASE)

_BASE64 = _Pattern(r"[A-Za-z0-9+/]+={0,2}|[A-Za-z0-9_\-]+={0,2}")
_HEX = _Pattern(r"(?:0x)?[0-9a-fA-F]+")
_NUMBERS = _Pattern(r"[\s\[\](),;0-9eE+.\-]+")
_NUMBER = _Pattern(r"(?<![\w.])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w.])")
_PIECE = _Pattern(r"[A-Za-z0-9+/=_-]{%d,}" % PIECE_MIN)  # noqa: UP031 - an f-string would double the regex braces
_HEX_SPACED = _Pattern(r"(?:(?:0x)?[0-9a-fA-F]{2}(?:[\s:,;|-]{1,3}|$)){%d,}" % (PIECE_MIN // 2))  # noqa: UP031 - an f-string would double the regex braces
_DENSE_PRINTABLE = _Pattern(r"[!-~]{%d,}" % PIECE_MIN)  # noqa: UP031 - an f-string would double the regex braces
_DIGEST_BEFORE = _Pattern(r"(?:sha(?:256|384|512)|md5|sha1|blake2b?|git|commit|rev)[:@=]$", re.IGNORECASE)
_SPACE_RE = _Pattern(r"\s+")
_SPACE = frozenset(" \t\r\n")
_CONTROL = _Pattern("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")

_SAMPLE_TEXT = ("input", "output", "target")
_SAMPLE_DECLARED = (("input", "sample_input"), ("output", "sample_output"), ("target", "sample_target"),
                    ("input_digest", "sample_digest"), ("output_digest", "sample_digest"))
_KIND_NAMES = {
    "sample_input": "A sample input", "sample_output": "A sample output", "sample_target": "A sample target",
    "sample_digest": "An unsalted sample digest", "finding_title": "A finding title",
    "finding_description": "A finding description", "rationale": "A risk-level rationale", "notes": "A note",
    "extensions": "An extension",
}
_KIND_NAMES_ZH = {
    "sample_input": "样本输入", "sample_output": "样本输出", "sample_target": "样本参考答案",
    "sample_digest": "未加盐的样本摘要", "finding_title": "发现标题", "finding_description": "发现描述",
    "rationale": "风险等级理由", "notes": "备注", "extensions": "扩展数据",
}
_ENCODING_ZH = {"base64": "base64", "hex": "十六进制", "data URI": "data URI", "numbers as text": "数值文本",
                "ascii85": "ascii85 类"}
_CONTENT_KINDS = frozenset({"sample_input", "sample_output", "sample_target"})


class _Collector:
    """Findings with a cap per code, so a report with 500,000 leaking samples gives a readable answer."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.findings: list[Finding] = []
        self.counts: dict[str, int] = {}
        self.seen: set[tuple[str, str, Any]] = set()

    def add(self, code: str, pointer: str, **params: Any) -> None:
        key = (code, pointer, params.get("line"))
        if key in self.seen:  # the raw pass and a walk may meet the same place
            return
        self.seen.add(key)
        seen = self.counts.get(code, 0)
        self.counts[code] = seen + 1
        if seen < MAX_PER_CODE:
            self.findings.append(Finding.make(code, self.source, pointer, **params))

    def full(self, code: str) -> bool:
        return self.counts.get(code, 0) >= MAX_PER_CODE

    def has(self, code: str) -> bool:
        return code in self.counts

    def finish(self) -> list[Finding]:
        for code, count in sorted(self.counts.items()):
            if count > MAX_PER_CODE:
                self.findings.append(Finding.make("RF708", self.source, count=count - MAX_PER_CODE, other=code))
        return self.findings


class _Totals:
    """What the document carries in many small places: judged once, at the end, as a whole."""

    def __init__(self) -> None:
        self.pieces: dict[str, str] = {}  # encoded piece -> first pointer
        self.piece_places: dict[str, int] = {}  # pointer -> characters of the pieces first seen there
        self.numbers = 0
        self.number_places: dict[str, int] = {}

    def piece(self, text: str, pointer: str) -> None:
        if text not in self.pieces:
            self.pieces[text] = pointer
            self.piece_places[pointer] = self.piece_places.get(pointer, 0) + len(text)

    def count(self, numbers: int, pointer: str) -> None:
        if numbers:
            self.numbers += numbers
            self.number_places[pointer] = self.number_places.get(pointer, 0) + numbers

    def judge(self, out: _Collector) -> None:
        if self.numbers >= NUMERIC_TOTAL and not out.has("RF701"):
            where = max(self.number_places, key=self.number_places.__getitem__)
            out.add("RF714", where, count=self.numbers, places=len(self.number_places))
        length = sum(self.piece_places.values())
        if length >= ENCODED_TOTAL and not out.has("RF702"):
            where = max(self.piece_places, key=self.piece_places.__getitem__)
            out.add("RF715", where, length=length, places=len(self.piece_places))


# --------------------------------------------------------------------------------------------------
# one string
# --------------------------------------------------------------------------------------------------


def _normal(text: str) -> str:
    """Text as a reader sees it: fullwidth letters folded (NFKC), format characters (zero-width spaces and
    joiners, soft hyphens, byte-order marks) removed. ASCII text is returned as is, at no cost."""
    if text.isascii():
        return text
    import unicodedata

    folded = unicodedata.normalize("NFKC", text)
    if any(unicodedata.category(c) == "Cf" for c in folded):
        folded = "".join(c for c in folded if unicodedata.category(c) != "Cf")
    return folded


def _variety(text: str, limit: int = 512) -> int:
    """Distinct non-space characters near the start: random bytes encode to many, degenerate model output
    ("AAAA...", "hahaha...", a page of newlines) to few."""
    return len(set(text[:limit]) - _SPACE)


def _dense(text: str) -> bool:
    """Base64 of random bytes mixes the three classes and is about half capitals and digits; prose (even with
    its spaces removed), identifiers and words are mostly lower case."""
    upper = sum(1 for c in text if "A" <= c <= "Z")
    digits = sum(1 for c in text if "0" <= c <= "9")
    lower = sum(1 for c in text if "a" <= c <= "z")
    return upper > 0 and digits > 0 and lower > 0 and (upper + digits) >= 0.3 * len(text)


def _hexlike(text: str) -> bool:
    digits = sum(1 for c in text if "0" <= c <= "9")
    letters = len(text) - digits
    return 0.3 * len(text) <= digits < len(text) and letters >= 0.1 * len(text)


def _ascii85like(text: str) -> bool:
    """ascii85 and its kin use most printable characters: many distinct ones, punctuation among them."""
    if len(text) < 48 or _variety(text) < min(40, len(text) // 3):
        return False
    punct = sum(1 for c in text if not c.isalnum())
    return 0.1 * len(text) <= punct <= 0.6 * len(text) and _dense("".join(c for c in text if c.isalnum()))


def _blob(text: str, content: bool = False) -> str | None:
    """The kind of encoded blob ``text`` is, if it is one. Each pattern fails at the first character prose
    has and the pattern lacks (a space, a full stop), so ordinary text costs a few character comparisons."""
    if text.startswith("data:") and ";base64," in text[:200]:
        return "data URI"
    if _NUMBERS.fullmatch(text):
        # a model asked to list 500 primes writes numbers as text: only outside sample content is it a leak
        return "numbers as text" if not content and _variety(text) >= 4 else None
    joined = _SPACE_RE.sub("", text) if any(c in _SPACE for c in text[:4096]) else text
    if len(joined) < BLOB_MIN:
        return None
    if _HEX.fullmatch(joined) or _HEX_SPACED.fullmatch(text.strip()):
        hexdigits = joined.replace("0x", "")
        return "hex" if _variety(hexdigits) >= 8 and _hexlike(hexdigits[:4096]) else None
    if _BASE64.fullmatch(joined):
        return "base64" if _variety(joined) >= 16 and _dense(joined[:4096]) else None
    if " " not in text and _ascii85like(joined[:4096]):
        return "ascii85"
    return None


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


def _weight_name(text: str) -> str | None:
    if "." in text:
        for match in _WEIGHT.finditer(text):
            if not _is_host_or_mail(text, match.start()):
                return match.group(0)[-120:]
    if "-of-" in text:
        shard = _SHARD.search(text)
        if shard:
            return shard.group(0)[-120:]
    return None


# A signed token a service publishes to prove results (Hugging Face model cards carry ``verifyToken``, a JWT
# signed by the evaluation service) is an attestation, not a secret: under such a name a JWT is not reported.
_ATTESTATION = _Pattern(r"verif|signature|attestation|proof", re.IGNORECASE)


def _credential(text: str, pointer: str = "") -> tuple[str, str] | None:
    if _CREDENTIAL_HINT.search(text):
        for pattern, what, what_zh in _CREDENTIALS:
            if re.search(pattern, text):
                if pattern.startswith(r"\beyJ") and _ATTESTATION.search(pointer.rsplit("/", 1)[-1]):
                    continue
                return what, what_zh
    return None


def _pieces(text: str) -> Iterator[str]:
    """Encoded pieces in ``text`` (already normal): runs of the base64 alphabet that look random, hex runs,
    hex bytes with separators, ascii85-like runs. Digests written as digests (``sha256:...``) are not pieces."""
    joined = _SPACE_RE.sub("", text) if " " in text or "\n" in text else text
    for match in _PIECE.finditer(joined):
        piece = match.group(0)
        if _DIGEST_BEFORE.search(joined, max(0, match.start() - 8), match.start()):
            continue
        core = piece.strip("=-_")
        if _dense(core) or (len(core) >= 24 and _HEX.fullmatch(core) and _hexlike(core)):
            yield piece
    for match in _HEX_SPACED.finditer(text):
        piece = re.sub(r"0x|[^0-9a-fA-F]", "", match.group(0))
        if _hexlike(piece):
            yield piece
    if any(not c.isalnum() and c not in "+/=_-" for c in joined):
        for match in _DENSE_PRINTABLE.finditer(joined):
            if not _PIECE.fullmatch(match.group(0)) and _ascii85like(match.group(0)):
                yield match.group(0)


def _numbers_in_text(text: str) -> int:
    """How many numbers a string written as a list of numbers holds (0 for prose with a few numbers)."""
    tokens = _NUMBER.findall(text)
    if len(tokens) < 8:
        return 0
    body = sum(1 for c in text if not c.isspace())
    return len(tokens) if sum(map(len, tokens)) >= 0.6 * body else 0


def _check_size(text: str, pointer: str, out: _Collector, content: bool = False) -> bool:
    length = len(text)
    if length >= BLOB_MIN:
        encoding = _blob(_normal(text), content)
        if encoding is not None:
            out.add("RF702", pointer, encoding=encoding, encoding_zh=_ENCODING_ZH[encoding], length=length)
            return True
    if length >= BINARY_MIN:
        bad = len(_CONTROL.findall(text))
        if bad >= BINARY_SHARE * length:
            out.add("RF703", pointer, length=length, share=round(100 * bad / length))
            return True
    return False


def _check_text(text: str, pointer: str, out: _Collector, totals: _Totals | None = None, weights: bool = True,
                identifier: bool = False) -> None:
    """Every check a string outside sample content gets (values, keys, pointers, selectors, comments)."""
    found = _check_size(text, pointer, out)
    normal = _normal(text)
    if weights:
        name = _weight_name(normal)
        if name is not None:
            out.add("RF704", pointer, name=name)
    squeezed = _SPACE_RE.sub("", normal) if normal is not text or " " in normal else normal
    credential = _credential(normal, pointer) or (_credential(squeezed, pointer) if squeezed != normal else None)
    if credential is not None:
        out.add("RF705", pointer, what=credential[0], what_zh=credential[1])
    if totals is None or found:
        return
    for piece in _pieces(normal):
        if len(piece) >= BLOB_MIN:  # a blob inside a longer text (a URL, a sentence around it)
            encoding = "hex" if _HEX.fullmatch(piece) else "ascii85" if not _PIECE.fullmatch(piece) else "base64"
            out.add("RF702", pointer, encoding=encoding, encoding_zh=_ENCODING_ZH[encoding], length=len(piece))
            return
        # random identifiers are what id fields are for; elsewhere every piece counts
        if not identifier or (len(piece) >= 32 and not _HEX.fullmatch(piece)):
            totals.piece(piece, pointer)
    totals.count(_numbers_in_text(normal), pointer)


def scan_strings(texts: dict[str, str], source: str = "<data>") -> list[Finding]:
    """The metadata string checks on pointer -> text (for callers that hold strings outside a document)."""
    out = _Collector(source)
    totals = _Totals()
    for pointer, text in texts.items():
        _check_text(text, pointer, out, totals)
    totals.judge(out)
    return out.finish()


# --------------------------------------------------------------------------------------------------
# the raw pass: candidates at C speed
# --------------------------------------------------------------------------------------------------

_CLASSES: bytes | None = None
_RAW: dict[str, Any] = {}


def _classes() -> bytes:
    """The byte -> class table: U capitals and + /, h hex digits and letters, l other letters and _ =,
    s whitespace , and -, k ':', everything else a space. Built on first use (no start-up cost), with the
    patterns: each starts with one literal character, so the regular-expression engine skips ahead with a
    fast search instead of trying every position."""
    global _CLASSES
    if _CLASSES is None:
        table = bytearray(b" " * 256)
        for chars, cls in ((b"ABCDEFGHIJKLMNOPQRSTUVWXYZ+/", b"U"), (b"0123456789abcdef", b"h"),
                           (b"ghijklmnopqrstuvwxyz_=", b"l"), (b" \t,-", b"s"), (b":", b"k")):
            for char in chars:
                table[char] = cls[0]
        extensions = "|".join(sorted(WEIGHT_EXTENSIONS, key=len, reverse=True))
        _RAW.update(
            # on the classes: mixed case (base64, tokens, ascii85, uppercase hex); four capitals then a digit
            mixed=_Pattern(rb"U(?:[hls]{1,3}U[hls]{0,3}U|U{3,}h)"),
            # on the bytes: a weight-file suffix, or two numbers with decimals in a row (".1234, -0.5678")
            dots=_Pattern(rb"\.(?:\d{3,}(?:,\s?|\s{1,2})-?\d{1,6}\.\d{3}|[A-Za-z])"),
            extension=_Pattern(rb"(?:" + extensions.encode() + rb")(?![a-z0-9])"),  # on a lowercased slice
            arrays=_Pattern(rb"\[\s*-?\d"),
            hex_list=_Pattern(rb"x[0-9a-fA-F]{2}[,;]?\s?0x[0-9a-fA-F]{2}"),
            shards=_Pattern(rb"-of-\d{5}"),
            controls=_Pattern(rb"\\(?:u00[01]|u007[fF]|[bf])"),
            wide=_Pattern(rb"\xef(?:\xbd[\x81-\x9a]|\xbc[\x90-\x99\xa1-\xba]|\xbb\xbf|\xbf\xbd)"),
            # zero-width characters, and the soft hyphen apart: in one alternation the two lead bytes cost the
            # engine a test at every byte (562 ms against 70 ms for both on 128 MB with Chinese text)
            invisible=_Pattern(rb"\xe2(?:\x80[\x8b-\x8f]|\x81[\xa0-\xa4])"),
            soft_hyphen=_Pattern(rb"\xc2\xad"),
        )
        _CLASSES = bytes(table)
    return _CLASSES


_HEX_RUN = b" " + b"h" * 24  # a hex run that starts a token: digests start after "sha256:" (a ':' is not a space)
# hex bytes with separators ("de ad be ef", "de-ad-be-ef", "de,ad", "de:ad:be:ef"): eight in a row
_SEPARATED = (b"hhshhshhshhshhshhshhshh", b"hhkhhkhhkhhkhhkhhkhhkhh")


def _candidates(raw: bytes) -> list[int]:
    """Offsets in ``raw`` (JSON text) worth a look. Each offset is inside a string, a key or a numeric array."""
    table = _classes()
    classes = raw.translate(table)
    found: list[int] = [m.start() for m in _RAW["mixed"].finditer(classes)]
    for needle in (_HEX_RUN, *_SEPARATED):  # long literal needles: the search skips ahead
        at = classes.find(needle)
        while at != -1:
            found.append(at + 1)
            end = classes.find(b" ", at + 1)
            at = classes.find(needle, end if end != -1 else len(classes))
    # a full stop then a letter is common in text (names, hosts): only weight-file suffixes are candidates
    extension = _RAW["extension"].match
    found += [m.start() + 1 for m in _RAW["dots"].finditer(raw)
              if m.end() - m.start() > 2 or extension(raw[m.start() + 1:m.start() + 14].lower())]
    # one pattern each: a pattern that starts with one literal byte runs at memchr speed (about 0.3 ns a byte
    # here); joined into one alternation they cost the engine a test at every byte (four times slower, measured)
    for name in ("arrays", "hex_list", "shards"):
        found += [m.start() + 1 for m in _RAW[name].finditer(raw)]
    if raw.find(b"\\") != -1:  # escaped control characters; most reports have no backslash at all
        found += [m.start() + 1 for m in _RAW["controls"].finditer(raw)]
    if not raw.isascii():
        found += [m.start() for m in _RAW["wide"].finditer(raw)]
        found += [m.start() for m in _RAW["invisible"].finditer(raw)]
        found += [m.start() for m in _RAW["soft_hyphen"].finditer(raw)]
    return found


# --------------------------------------------------------------------------------------------------
# from an offset to a pointer: one descent that skips everything else with the C decoder
# --------------------------------------------------------------------------------------------------


def _locate(text: str, data: Any, offsets: list[int]) -> dict[str, str]:
    """pointer -> "key" / "value" for each place holding one of ``offsets`` (character offsets in ``text``, the
    JSON that ``data`` was parsed from or serialised to). Containers with many members are walked member by
    member; small members are skipped whole by the C decoder, so the cost is about one parse of the text
    before the last offset, and nothing after it."""
    import json
    from json.decoder import scanstring  # type: ignore[attr-defined]  # public, but missing from typeshed

    targets = sorted(set(offsets))
    found: dict[str, str] = {}
    decoder = json.JSONDecoder()
    # the pattern matches the empty string, so .match() never returns None (mypy cannot know that)
    ws: Callable[[str, int], re.Match[str]] = re.compile(r"[ \t\n\r]*").match  # type: ignore[assignment]
    state = {"next": 0}

    def pending(end: int) -> bool:
        return state["next"] < len(targets) and targets[state["next"]] < end

    def consume(end: int) -> None:
        while state["next"] < len(targets) and targets[state["next"]] < end:
            state["next"] += 1

    def skip(i: int) -> int:
        return decoder.raw_decode(text, i)[1]

    def walk(i: int, node: Any, pointer: str) -> int:
        char = text[i]
        if pending(i + 1):  # the container itself (a numeric array found by its opening bracket)
            found.setdefault(pointer, "value")
            consume(i + 1)
        if char == "{" and type(node) is dict:
            i = ws(text, i + 1).end()
            if text[i] == "}":
                consume(i + 1)
                return i + 1
            while True:
                key, end = scanstring(text, i + 1)
                key = _fix(key)
                child = f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}"
                if pending(end):
                    found.setdefault(child, "key")
                    consume(end)
                i = ws(text, end).end()
                i = ws(text, i + 1).end()
                i = visit(i, node.get(key), child)
                i = ws(text, i).end()
                if text[i] == ",":
                    i = ws(text, i + 1).end()
                    continue
                consume(i + 1)
                return i + 1
        if char == "[" and type(node) is list:
            i = ws(text, i + 1).end()
            if text[i] == "]":
                consume(i + 1)
                return i + 1
            index = 0
            while True:
                i = visit(i, node[index] if index < len(node) else None, f"{pointer}/{index}")
                i = ws(text, i).end()
                if text[i] == ",":
                    i = ws(text, i + 1).end()
                    index += 1
                    continue
                consume(i + 1)
                return i + 1
        end = skip(i)
        if pending(end):
            found.setdefault(pointer, "value")
            consume(end)
        return end

    def visit(i: int, node: Any, pointer: str) -> int:
        if state["next"] >= len(targets):
            return skip(i)
        kind = type(node)
        if (kind is dict or kind is list) and len(node) > 8:
            return walk(i, node, pointer)
        end = skip(i)
        if not pending(end):
            return end
        if kind is dict or kind is list:
            return walk(i, node, pointer)
        found.setdefault(pointer, "value")
        consume(end)
        return end

    try:
        visit(ws(text, 0).end(), data, "")
    except (ValueError, IndexError, KeyError, TypeError, RecursionError):
        pass  # a text that is not the document's: what was found so far stands, the walks cover the rest
    return found


def _fix(key: str) -> str:
    """Keys read from text decoded as Latin-1 (one character per byte, so offsets are byte offsets)."""
    if key.isascii():
        return key
    try:
        return key.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return key


def _resolve(data: Any, pointer: str) -> tuple[Any, Any, str]:
    """(parent, value, last token) at ``pointer``."""
    parent, node, token = None, data, ""
    for raw_token in pointer.split("/")[1:]:
        token = raw_token.replace("~1", "/").replace("~0", "~")
        parent = node
        if type(node) is dict:
            node = node.get(token)
        elif type(node) is list and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return parent, None, token
    return parent, node, token


# --------------------------------------------------------------------------------------------------
# places
# --------------------------------------------------------------------------------------------------

_DIGEST_NAME = _Pattern(r"/model/digests/\d+/name")
_IDENTIFIER = _Pattern(r"(?:^/report_id|/id|/sample_id|/sample_ids/\d+)$")
_CONTENT = _Pattern(r"^/evaluations/\d+/samples/inline/\d+/(?:input|output|target)$")


def _numbers(node: list[Any], limit: int) -> int:
    """How many numbers a numeric (nested) array holds, counting stops at ``limit``; 0 as soon as it holds
    anything but numbers and arrays."""
    count, stack = 0, [node]
    while stack:
        for item in stack.pop():
            kind = type(item)
            if kind is int or kind is float:
                count += 1
                if count >= limit:
                    return count
            elif kind is list:
                stack.append(item)
            else:
                return 0
    return count


def _judge(data: Any, places: dict[str, str], out: _Collector, totals: _Totals) -> None:
    """Judge each located candidate by what and where it is."""
    arrays: set[str] = set()
    for pointer, what in places.items():
        if pointer.startswith("/extensions/") or pointer == "/extensions":
            continue  # walked exactly, keys and numbers included (``_walk_free``)
        parent, value, token = _resolve(data, pointer)
        if type(value) in (int, float) and type(parent) is list:  # a number found inside its array
            pointer, value = pointer.rsplit("/", 1)[0], parent
        if type(value) is list:
            if pointer in arrays:
                continue
            arrays.add(pointer)
        if what == "key":
            _check_text(token, pointer, out, totals)
        elif type(value) is str:
            if _CONTENT.match(pointer):
                _check_size(value, pointer, out, content=True)
            else:
                _check_text(value, pointer, out, totals, weights=not _DIGEST_NAME.fullmatch(pointer),
                            identifier=bool(_IDENTIFIER.search(pointer)))
        elif type(value) is list and pointer in arrays:
            count = _numbers(value, 1 << 62)
            if count >= NUMERIC_MIN:
                out.add("RF701", pointer, count=count)
            totals.count(count, pointer)


def _walk_free(node: Any, pointer: str, out: _Collector, totals: _Totals) -> None:
    """Exact checks of a free-form subtree (``extensions``): every string and key, every number, numbers
    written as strings, secrets named as such, and tokens split over the values of one object."""
    stack: list[tuple[Any, str]] = [(node, pointer)]
    while stack:
        value, here = stack.pop()
        kind = type(value)
        if kind is str:
            _check_text(value, here, out, totals)
            if _NUMBER.fullmatch(value.strip()) and "." in value:
                totals.count(1, here)
        elif kind is int or kind is float:
            totals.count(1, here)
        elif kind is dict:
            strings = []
            for key, child in value.items():
                key = str(key)
                child_ptr = f"{here}/{key.replace('~', '~0').replace('/', '~1')}"
                _check_text(key, child_ptr, out, totals)
                if type(child) is str:
                    strings.append(child)
                    _secret(key, child, child_ptr, out)
                stack.append((child, child_ptr))
            _split_credential(strings, here, out)
        elif kind is list:
            if value and type(value[0]) in (int, float, list):
                count = _numbers(value, 1 << 62)
                if count >= NUMERIC_MIN:
                    out.add("RF701", here, count=count)
                if count:
                    totals.count(count, here)
                    continue
            stack.extend((child, f"{here}/{index}") for index, child in enumerate(value))


def _secret(key: str, value: str, pointer: str, out: _Collector) -> None:
    if _SECRET_NAME.search(key) and not _NOT_A_SECRET.match(value.strip()) and len(value.strip()) >= 8 \
            and any(c.isdigit() for c in value) and " " not in value.strip():
        out.add("RF716", pointer, name=key[:80])


def _split_credential(strings: list[str], pointer: str, out: _Collector) -> None:
    """A token split over several values of one object (``key_a: sk-proj-abc``, ``key_b: def...``)."""
    if len(strings) < 2:
        return
    for index, text in enumerate(strings):
        part = _CREDENTIAL_PART.search(text)
        if part:
            joined = "".join(strings[index:index + 8])
            credential = _credential(joined) or _credential(_SPACE_RE.sub("", joined))
            if credential is not None or len(part.group(0)) < 20:
                what = credential or ("a token split over several values", "拆分到多个值中的令牌")
                out.add("RF705", pointer, what=what[0], what_zh=what[1])
                return


def _seq(value: Any) -> Any:
    """What a loop over a field of a document may walk: the value itself when iterable (a list; a string or an
    object, which the checks below then skip item by item), else nothing. The scan runs before the schema,
    so ``results`` may be a number."""
    return value if isinstance(value, (list, dict, str)) else ()


def _settings(data: dict[str, Any], out: _Collector, totals: _Totals) -> None:
    """``settings.other`` maps: free names and values. Numbers count once per distinct (name, value), since
    a results-heavy report repeats one configuration thousands of times; secrets and split tokens."""
    distinct: set[tuple[str, Any]] = set()
    first: dict[tuple[str, Any], str] = {}
    texts: set[str] = set()
    for e_index, evaluation in enumerate(_seq(data.get("evaluations"))):
        settings = evaluation.get("settings") if type(evaluation) is dict else None
        other = settings.get("other") if type(settings) is dict else None
        if type(other) is not dict:
            continue
        here = f"/evaluations/{e_index}/settings/other"
        strings = []
        for key, value in other.items():
            kind = type(value)
            if kind is int or kind is float:
                pair = (str(key), value)
                if pair not in distinct:
                    distinct.add(pair)
                    first[pair] = here
            elif kind is str:
                strings.append(value)
                pointer = f"{here}/{str(key).replace('~', '~0').replace('/', '~1')}"
                _secret(str(key), value, pointer, out)
                if value not in texts:  # each distinct value once: configurations repeat across evaluations
                    texts.add(value)
                    _check_text(value, pointer, out, totals)
        _split_credential(strings, here, out)
    places: dict[str, int] = {}
    for where in first.values():
        places[where] = places.get(where, 0) + 1
    for where, count in places.items():
        totals.count(count, where)


def _has_other(data: dict[str, Any]) -> bool:
    evaluations = data.get("evaluations")
    if type(evaluations) is not list:
        return False
    try:  # C-level iteration over 262,000 evaluations; a Python loop only when the shape is unusual
        if not any(map(dict.__contains__, evaluations, repeat("settings"))):
            return False
        # evaluations without settings give None (and an empty map cannot hold "other"): filtered out at C
        # speed, so only a settings value of another type falls to the loop below
        settings = filter(None, map(methodcaller("get", "settings"), evaluations))
        return any(map(dict.__contains__, settings, repeat("other")))
    except (TypeError, AttributeError):
        return any(type(e) is dict and type(e.get("settings")) is dict and "other" in e["settings"]
                   for e in evaluations)


def _yaml_comments(text: str, out: _Collector, totals: _Totals, serialised: bytes) -> None:
    """YAML comments travel with the file but are not in the document: scan their text as metadata, unless it
    is also data (a '#' inside a quoted value), which the rest of the scan judges by its place."""
    for number, line in enumerate(text.splitlines(), start=1):
        at = line.find("#")
        while at != -1 and at > 0 and not line[at - 1].isspace():
            at = line.find("#", at + 1)
        if at == -1:
            continue
        comment = line[at + 1:].strip()
        if len(comment) < 8:
            continue
        probe = comment[:64].encode("utf-8", "replace")
        if probe in serialised:
            continue
        found = _Collector(out.source)
        _check_text(comment, "", found, totals)  # pieces count towards the totals at the document's root
        for finding in found.findings:
            out.add(finding.code, "", line=number, column=at + 1, **finding.params)


# --------------------------------------------------------------------------------------------------
# samples, column by column
# --------------------------------------------------------------------------------------------------


def _joined_candidates(rows: list[Any], joined: str) -> Iterator[tuple[int, str]]:
    """(index, sample id) of the rows whose id (all of them ``joined`` with newlines) holds a candidate of the
    raw pass: one pass over all of them at once; the ids are listed only when there is a candidate."""
    from bisect import bisect_right
    from itertools import accumulate

    raw = joined.encode("utf-8", "surrogatepass")
    offsets = _candidates(b" " + raw)
    if not offsets:
        return
    texts = list(map(methodcaller("get", "sample_id", ""), rows))
    if len(raw) == len(joined):  # ASCII: character offsets are byte offsets
        starts = [0, *accumulate(map((1).__add__, map(len, texts)))][:-1]
    else:
        starts, position = [], 0
        for text in texts:
            starts.append(position)
            position += len(text.encode("utf-8", "surrogatepass")) + 1
    seen = set()
    for offset in offsets:
        index = bisect_right(starts, max(offset - 1, 0)) - 1
        if index not in seen:
            seen.add(index)
            yield index, texts[index]


def _samples(rows: list[Any], pointer: str, declared: set[str], out: _Collector,
             totals: _Totals | None = None) -> None:
    """The samples array, a column at a time. Sample content (input, output, target) is content: only blobs
    and binary text count there, and only long strings can be either, so each column's longest string is
    measured with C-level iterators first. Sample ids are identifiers: the raw pass runs over all of them
    joined, and the ids it points at get the metadata checks (a token in a sample id is a leak)."""
    shaped = True
    try:  # one comprehension and C-level calls; rows short enough that no field can be a blob cost one step
        totals_ = [len(r.get("input", "")) + len(r.get("output", "")) + len(r.get("target", "")) for r in rows]
        joined = "\n".join(map(methodcaller("get", "sample_id", ""), rows))  # TypeError: an id is not a string
    except (TypeError, AttributeError):  # not the shape the schema guarantees: the slow, careful way
        shaped, totals_, joined = False, [BINARY_MIN] * len(rows), ""
    if totals_ and max(totals_) >= BINARY_MIN:
        for index, total in enumerate(totals_):
            row = rows[index]
            if total < BINARY_MIN or type(row) is not dict:
                continue
            for name in _SAMPLE_TEXT:
                text = row.get(name)
                if type(text) is str and len(text) >= BINARY_MIN:
                    _check_size(text, f"{pointer}/{index}/{name}", out, content=True)
    if not shaped:
        for index, row in enumerate(rows):
            if type(row) is dict and type(row.get("sample_id")) is str:
                _check_text(row["sample_id"], f"{pointer}/{index}/sample_id", out, totals, identifier=True)
    elif rows:
        for index, text in _joined_candidates(rows, joined):
            _check_text(text, f"{pointer}/{index}/sample_id", out, totals, identifier=True)
    if declared & _CONTENT_KINDS:
        _identifiers_as_text(((f"{pointer}/{index}/sample_id", row.get("sample_id")) for index, row in enumerate(rows)
                              if type(row) is dict), out)
    for name, kind in _SAMPLE_DECLARED:
        if kind not in declared or (shaped and not any(map(dict.__contains__, rows, repeat(name)))):
            continue
        for index, row in enumerate(rows):
            if type(row) is dict and name in row:
                if shaped and out.full("RF706"):  # early cut-off: count the rest at C speed, no more pointers
                    out.counts["RF706"] += sum(map(dict.__contains__, rows[index:], repeat(name)))
                    break
                out.add("RF706", f"{pointer}/{index}/{name}", kind=_KIND_NAMES[kind], kind_zh=_KIND_NAMES_ZH[kind])


def _identifiers_as_text(items: Iterator[tuple[str, Any]] | list[tuple[str, Any]], out: _Collector) -> None:
    """While sample content is withheld, an identifier must not carry it: ids are short and are not
    sentences. (Real sample ids seen: numbers, hashes, ``task_17``, file names, ``doc-0001-b``.)"""
    for pointer, text in items:
        if type(text) is str and (len(text) >= 160 or len(text.split()) >= 5):
            out.add("RF750", pointer, length=len(text))


# --------------------------------------------------------------------------------------------------
# withheld content
# --------------------------------------------------------------------------------------------------


def _declared(doc: dict[str, Any], out: _Collector) -> set[str]:
    disclosure = doc.get("disclosure")
    if not isinstance(disclosure, dict):
        return set()
    withholds = disclosure.get("withholds")  # the scan runs before the schema: any shape may arrive here
    declared = {k for k in withholds if isinstance(k, str)} if isinstance(withholds, list) else set()
    records = disclosure.get("withheld") or []
    if isinstance(records, list) and records:
        kinds = set(map(methodcaller("get", "kind"), (r for r in records if type(r) is dict)))
        for kind in sorted(k for k in kinds - declared if isinstance(k, str)):
            index = next(i for i, r in enumerate(records) if type(r) is dict and r.get("kind") == kind)
            out.add("RF707", f"/disclosure/withheld/{index}/kind", kind=kind)
    return declared


def _free_texts(doc: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(pointer, text) of every free text a withheld prompt could be moved into."""
    def lang(container: Any, key: str, pointer: str) -> Iterator[tuple[str, str]]:
        value = container.get(key) if type(container) is dict else None
        if type(value) is dict:
            for language, text in value.items():
                if type(text) is str:
                    yield f"{pointer}/{key}/{language}", text
        elif type(value) is str:
            yield f"{pointer}/{key}", value

    yield from lang(doc, "notes", "")
    yield from lang(doc, "title", "")
    for e_index, evaluation in enumerate(_seq(doc.get("evaluations"))):
        if type(evaluation) is not dict:
            continue
        e_ptr = f"/evaluations/{e_index}"
        yield from lang(evaluation, "notes", e_ptr)
        for r_index, result in enumerate(_seq(evaluation.get("results"))):
            yield from lang(result, "notes", f"{e_ptr}/results/{r_index}")
            if type(result) is dict:
                yield from lang(result.get("risk_level"), "rationale", f"{e_ptr}/results/{r_index}/risk_level")
        for f_index, finding in enumerate(_seq(evaluation.get("findings"))):
            if type(finding) is not dict:
                continue
            f_ptr = f"{e_ptr}/findings/{f_index}"
            yield from lang(finding, "title", f_ptr)
            yield from lang(finding, "description", f_ptr)
            for s_index, sample_id in enumerate(_seq(finding.get("sample_ids"))):
                if type(sample_id) is str:
                    yield f"{f_ptr}/sample_ids/{s_index}", sample_id
    extensions = doc.get("extensions")
    stack: list[tuple[Any, str]] = [(extensions, "/extensions")] if extensions else []
    while stack:
        node, here = stack.pop()
        if type(node) is str:
            yield here, node
        elif type(node) is dict:
            stack.extend((v, f"{here}/{str(k).replace('~', '~0').replace('/', '~1')}") for k, v in node.items())
        elif type(node) is list:
            stack.extend((v, f"{here}/{i}") for i, v in enumerate(node))


def _copied_content(doc: dict[str, Any], declared: set[str], out: _Collector) -> None:
    """Withheld sample inputs or outputs copied elsewhere: when the rows keep their (unsalted) digests, any
    free text, any line or paragraph of one, whose digest is a withheld sample's is that sample's content."""
    fields = [f for f, kind in (("input_digest", "sample_input"), ("output_digest", "sample_output"))
              if kind in declared]
    if not fields:
        return
    digests: dict[str, str] = {}
    for e_index, evaluation in enumerate(_seq(doc.get("evaluations"))):
        samples = evaluation.get("samples") if type(evaluation) is dict else None
        rows = samples.get("inline") if type(samples) is dict else None
        for index, row in enumerate(rows if type(rows) is list else []):
            if type(row) is dict:
                for field in fields:
                    value = row.get(field)
                    if type(value) is str and value.startswith("sha256:"):
                        digests.setdefault(value[7:], f"/evaluations/{e_index}/samples/inline/{index}/{field}")
    if not digests:
        return
    import hashlib

    texts = list(_free_texts(doc))
    if declared & _CONTENT_KINDS:
        _identifiers_as_text([(p, t) for p, t in texts if "/sample_ids/" in p], out)
    for pointer, text in texts:
        parts = {text, text.strip(), *(p.strip() for p in text.split("\n")), *(p.strip() for p in text.split("\n\n"))}
        for part in parts:
            if part and hashlib.sha256(part.encode("utf-8", "surrogatepass")).hexdigest() in digests:
                where = digests[hashlib.sha256(part.encode("utf-8", "surrogatepass")).hexdigest()]
                out.add("RF751", pointer, where=where)
                break


def _declared_content(doc: dict[str, Any], declared: set[str], out: _Collector) -> None:
    """Declared-withheld kinds other than sample content: notes, titles, descriptions, rationales, extensions."""
    from riskfmt.integrity.withholding import WITHHELD_TEXT

    def present(container: Any, key: str, pointer: str, kind: str) -> None:
        if kind in declared and isinstance(container, dict) and key in container:
            out.add("RF706", pointer, kind=_KIND_NAMES[kind], kind_zh=_KIND_NAMES_ZH[kind])

    present(doc, "notes", "/notes", "notes")
    if "extensions" in declared and doc.get("extensions"):
        out.add("RF706", "/extensions", kind=_KIND_NAMES["extensions"], kind_zh=_KIND_NAMES_ZH["extensions"])
    for e_index, evaluation in enumerate(_seq(doc.get("evaluations"))):
        if not isinstance(evaluation, dict):
            continue
        e_ptr = f"/evaluations/{e_index}"
        present(evaluation, "notes", f"{e_ptr}/notes", "notes")
        for r_index, result in enumerate(_seq(evaluation.get("results"))):
            present(result, "notes", f"{e_ptr}/results/{r_index}/notes", "notes")
            if isinstance(result, dict):
                present(result.get("risk_level"), "rationale", f"{e_ptr}/results/{r_index}/risk_level/rationale",
                        "rationale")
        for f_index, finding in enumerate(_seq(evaluation.get("findings"))):
            if not isinstance(finding, dict):
                continue
            f_ptr = f"{e_ptr}/findings/{f_index}"
            if "finding_title" in declared and "title" in finding and finding["title"] != WITHHELD_TEXT:
                out.add("RF706", f"{f_ptr}/title", kind=_KIND_NAMES["finding_title"],
                        kind_zh=_KIND_NAMES_ZH["finding_title"])
            present(finding, "description", f"{f_ptr}/description", "finding_description")
            present(finding.get("risk_level"), "rationale", f"{f_ptr}/risk_level/rationale", "rationale")
            if declared & _CONTENT_KINDS:
                ids = finding.get("sample_ids")
                if type(ids) is list:
                    _identifiers_as_text([(f"{f_ptr}/sample_ids/{i}", t) for i, t in enumerate(ids)], out)


# --------------------------------------------------------------------------------------------------
# the document
# --------------------------------------------------------------------------------------------------


def _dumps(data: Any) -> bytes:
    try:
        import orjson

        return orjson.dumps(data)
    except (ImportError, TypeError, ValueError):  # orjson.JSONEncodeError is a TypeError; ints past 64 bits
        import json

        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8", "surrogatepass")


def _metadata_bytes(data: dict[str, Any], raw: bytes | None) -> tuple[bytes, Any]:
    """The JSON text the raw pass reads, and the tree it stands for: the raw input when it can be read as is
    (no escapes that would hide characters from byte patterns), else one serialisation. Inline samples are
    taken out (they are checked column by column), keeping every other pointer as it is."""
    listed = data.get("evaluations")
    evaluations: list[Any] = listed if type(listed) is list else []
    with_rows: list[int] = []
    if evaluations:
        try:
            has_samples = any(map(dict.__contains__, evaluations, repeat("samples")))
        except TypeError:
            has_samples = True
        if has_samples:
            with_rows = [i for i, e in enumerate(evaluations) if type(e) is dict and type(e.get("samples")) is dict
                         and e["samples"].get("inline")]
    if not with_rows:
        if raw is not None and (raw.find(b"\\") == -1 or not re.search(rb"\\[u/]", raw)):
            return raw, data
        return _dumps(data), data
    copy = dict(data)
    copy["evaluations"] = list(evaluations)
    for index in with_rows:
        evaluation = dict(evaluations[index])
        evaluation["samples"] = {**evaluation["samples"], "inline": []}
        copy["evaluations"][index] = evaluation
    return _dumps(copy), copy


def scan(data: object, source: str, raw: bytes | str | None = None, *, syntax: str = "json",
         check_markings: bool = True) -> list[Finding]:
    """Every leak in a parsed document (evaluation or incident report), as findings.

    ``raw`` is the text the document was parsed from, when the caller has it: JSON is then read as is
    instead of serialised again, and the comments of YAML are scanned (they are not in the parsed data).

    Also checks the document's markings (``markings.check_markings``): the validator's one hook into this
    package runs both.

    .. versionadded:: 0.1
    .. versionchanged:: 0.2 judges the document as a whole; ``raw`` and ``syntax``.
    """
    if not isinstance(data, dict):
        return []
    out = _Collector(source)
    totals = _Totals()
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogatepass")
    declared = _declared(data, out)
    text, tree = _metadata_bytes(data, raw if syntax == "json" else None)
    offsets = _candidates(text)
    if offsets:
        places = _locate(text.decode("latin-1"), tree, offsets)
        _judge(tree, places, out, totals)
    if data.get("extensions"):
        _walk_free(data["extensions"], "/extensions", out, totals)
    # ``text`` spells every key of the tree literally (raw JSON is used as is only without \u escapes), so a
    # document whose text lacks the key "other" has no settings.other: one search instead of a walk
    if text.find(b'"other"') != -1 and _has_other(data):
        _settings(data, out, totals)
    for e_index, evaluation in enumerate(_seq(data.get("evaluations")) if tree is not data else []):
        samples = evaluation.get("samples") if isinstance(evaluation, dict) else None
        rows = samples.get("inline") if isinstance(samples, dict) else None
        if isinstance(rows, list):
            _samples(rows, f"/evaluations/{e_index}/samples/inline", declared, out, totals)
    if syntax == "yaml" and raw is not None and b"#" in raw:
        _yaml_comments(raw.decode("utf-8", "replace"), out, totals, _dumps(data))
    if declared:
        _declared_content(data, declared, out)
        _copied_content(data, declared, out)
    totals.judge(out)
    findings = out.finish()
    if check_markings:
        from riskfmt.integrity.markings import check_markings as markings

        findings += markings(data, source)
    return findings


def withheld_kinds(doc: object) -> frozenset[str]:
    """The kinds of content a document declares withheld (``disclosure.withholds``)."""
    disclosure = doc.get("disclosure") if isinstance(doc, dict) else None
    kinds = disclosure.get("withholds") if isinstance(disclosure, dict) else None
    return frozenset(k for k in kinds or () if isinstance(k, str))


class SampleFileScan:
    """The inline-samples leak checks for the rows of a JSONL samples file, a chunk of rows at a time.

    A samples file travels with its report (pinned by digest), so it must not carry what the report says it
    withholds, blobs in its text fields, nor tokens or encoded pieces in its sample ids. Findings name the
    samples file, the line and a pointer within the line. They are listed in (line, pointer) order whatever
    the chunking, and capped per code over the whole file as in ``scan``; the encoded pieces of sample ids
    are totalled over the whole file."""

    def __init__(self, source: str, declared: frozenset[str]) -> None:
        self.declared = set(declared)
        self._out = _Collector(source)
        self._totals = _Totals()

    def rows(self, rows: list[Any], lines: list[int] | range) -> None:
        """Check ``rows`` (parsed, schema-valid samples), which stand on ``lines`` of the file."""
        chunk = _Collector(self._out.source)
        totals = _Totals()
        _samples(rows, "", self.declared, chunk, totals)
        for piece, pointer in totals.pieces.items():  # pointers are /<index in rows>/<field>
            index, _, rest = pointer[1:].partition("/")
            self._totals.piece(piece, f"/{rest}@{lines[int(index)]}")
        listed: dict[str, int] = {}
        located = []
        for finding in chunk.findings:
            index, _, rest = finding.location.pointer[1:].partition("/")
            located.append((int(index), rest, finding))
        located.sort(key=lambda item: item[:2])
        for row, rest, finding in located:
            listed[finding.code] = listed.get(finding.code, 0) + 1
            self._out.add(finding.code, "/" + rest, line=lines[row], column=1, **finding.params)
        for code, count in chunk.counts.items():  # the ones the chunk only counted (past its own cap)
            self._out.counts[code] = self._out.counts.get(code, 0) + count - listed.get(code, 0)

    def finish(self) -> list[Finding]:
        places = self._totals.piece_places
        length = sum(places.values())
        if length >= ENCODED_TOTAL and not self._out.has("RF702"):
            pointer, _, line = max(places, key=places.__getitem__).rpartition("@")
            self._out.add("RF715", pointer, line=int(line), column=1, length=length, places=len(places))
        return self._out.finish()


def iter_kinds() -> Iterator[str]:
    return iter(_KIND_NAMES)
