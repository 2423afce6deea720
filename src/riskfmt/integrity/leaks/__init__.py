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
  Text is judged as a reader sees it (``patterns.normalise``).
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
else one serialisation), finds candidates at C speed a chunk at a time, skipping the searches Rust's engine shows
can find nothing in a chunk (``candidates``, ``screen``), locates only those in the tree (``tree``) and judges
them by where they are (``document``). Inline samples (the bulk of many reports) are
checked column by column with C-level iterators (``samples``). At most ``MAX_PER_CODE`` findings per code,
then one RF708 (``collect``).

The modules, each importing only those listed before it: ``patterns`` (thresholds, regular expressions,
normalisation), ``collect`` (findings and totals), ``detectors`` (weight files, credentials), ``text`` (one
string), ``screen`` (what a chunk cannot hold, asked of jsonschema-rs), ``candidates`` (the raw pass), ``tree``
(offsets to pointers), ``withheld`` (withheld content), ``samples`` (inline samples and samples files) and
``document`` (``scan``).
"""

from __future__ import annotations

from riskfmt.integrity.leaks.detectors import WEIGHT_EXTENSIONS
from riskfmt.integrity.leaks.document import scan
from riskfmt.integrity.leaks.patterns import (
    BINARY_MIN,
    BINARY_SHARE,
    BLOB_MIN,
    ENCODED_TOTAL,
    MAX_PER_CODE,
    NUMERIC_MIN,
    NUMERIC_TOTAL,
    PIECE_MIN,
)
from riskfmt.integrity.leaks.samples import SampleFileScan
from riskfmt.integrity.leaks.text import scan_strings
from riskfmt.integrity.leaks.tree import locate
from riskfmt.integrity.leaks.withheld import iter_kinds as iter_kinds
from riskfmt.integrity.leaks.withheld import withheld_kinds

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

# The name this function had when the scan was one module: tests/integrity/test_leaks.py imports it.
_locate = locate
