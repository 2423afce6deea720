"""Finding codes of disclosure and integrity (RF700-RF749), merged into ``riskfmt.codes.CODES``.

Leak codes are errors: material that must not travel is never a matter of taste. Codes are stable; a retired
code is never reused.
"""

from __future__ import annotations

from riskfmt.codes import CodeSpec
from riskfmt.findings import Severity

__all__ = ["TABLE"]

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
_C = "disclosure"

TABLE: list[CodeSpec] = [
    # ---- leaks: content that must not travel in a report (riskfmt validate) -------------------------
    CodeSpec("RF701", _C, E, "numeric-array",
             "Array of {count} numbers: weights, activations or embeddings must not travel in a report"),
    CodeSpec("RF702", _C, E, "encoded-blob",
             "{encoding} blob of {length} characters: binary content must not travel in a report; give its digest"),
    CodeSpec("RF703", _C, E, "binary-text",
             "Text of {length} characters looks like binary data ({share}% control or replacement characters)"),
    CodeSpec("RF704", _C, E, "weight-file-reference",
             "Reference to a weight file ({name}): identify weights by digest only (model.digests)"),
    CodeSpec("RF705", _C, E, "credential",
             "Looks like {what}: secrets must never be in a report"),
    CodeSpec("RF706", _C, E, "withheld-content-present",
             "{kind} is declared withheld (disclosure.withholds) but present here"),
    CodeSpec("RF707", _C, E, "withheld-kind-undeclared",
             "Withheld item of kind {kind} is not declared in disclosure.withholds"),
    CodeSpec("RF708", _C, INFO, "more-of-the-same",
             "{count} more {other} findings in this document are not shown"),
    CodeSpec("RF714", _C, E, "numeric-payload",
             "{count} numbers in {places} free places (extensions, free settings, numbers written as text, "
             "numeric arrays), most of them here: together they can carry weights, activations or embeddings"),
    CodeSpec("RF715", _C, E, "encoded-payload",
             "{length} characters of encoded data in {places} places, most of them here: pieces that together "
             "can carry binary content, weights or keys"),
    CodeSpec("RF716", _C, E, "secret-setting",
             "{name} is named as a secret and holds a value: credentials must never be in a report, "
             "not even in parts"),
    # ---- markings -----------------------------------------------------------------------------------
    CodeSpec("RF710", _C, E, "granular-marking-weaker",
             "Parts marked TLP:{label} are weaker than the document's TLP:{document}; "
             "a part never carries a weaker label"),
    CodeSpec("RF711", _C, W, "selector-selects-nothing",
             "Marking selector {selector} selects nothing in this document"),
    CodeSpec("RF712", _C, W, "marking-lowered",
             "Marking lowered from TLP:{before} to TLP:{after} at {where}, at the owner's explicit request"),
    CodeSpec("RF713", _C, E, "marking-weakened",
             "Marking of {where} would be weakened from TLP:{before} to TLP:{after}"),
    # ---- withheld content elsewhere ---------------------------------------------------------------
    CodeSpec("RF750", _C, E, "identifier-carries-text",
             "An identifier of {length} characters reads as text while sample content is withheld: "
             "identifiers must not carry withheld content"),
    CodeSpec("RF751", _C, E, "withheld-content-copied",
             "This text has the digest of withheld sample content ({where}): withheld content must not be "
             "copied elsewhere"),
    # ---- canonical digest, keys and signatures ----------------------------------------------------
    CodeSpec("RF720", _C, E, "signature-invalid",
             "No signature in the envelope verifies with key {keyid}"),
    CodeSpec("RF721", _C, E, "digest-mismatch",
             "The document's canonical {algorithm} digest {found} differs from the signed {expected}: "
             "its content changed after signing"),
    CodeSpec("RF722", _C, E, "subject-mismatch",
             "The signed subject is \"{found}\", expected \"{expected}\""),
    CodeSpec("RF723", _C, E, "envelope-malformed",
             "Not a usable DSSE envelope: {detail}"),
    CodeSpec("RF724", _C, E, "statement-unsupported",
             "The signed in-toto statement is not a canonical-JSON signature: {detail}"),
    CodeSpec("RF725", _C, E, "key-unusable",
             "Cannot use the key file {path}: {detail}"),
    CodeSpec("RF726", _C, E, "not-canonicalizable",
             "The document has no RFC 8785 canonical form: {detail}"),
    CodeSpec("RF727", _C, W, "private-key-exposed",
             "Private key file {path} can be read by other users (mode {mode}); make it owner-only (chmod 600)"),
    CodeSpec("RF729", _C, E, "output-refused",
             "Refusing to write {path}: {reason}"),
    # ---- redaction --------------------------------------------------------------------------------
    CodeSpec("RF730", _C, E, "not-derived",
             "{where} differs between the original and the redacted copy and is not a withheld item"),
    CodeSpec("RF731", _C, E, "withheld-digest-mismatch",
             "Withheld item {where}: its salted digest does not match the original content"),
    CodeSpec("RF732", _C, E, "withheld-without-original",
             "Withheld item {where} has no content in the original"),
    CodeSpec("RF733", _C, E, "salt-missing",
             "The salts file has no salt for the withheld item {where}"),
    CodeSpec("RF734", _C, INFO, "digests-not-checked",
             "{count} salted digests were not checked: give the owner's salts file (--salts) to check them"),
    CodeSpec("RF735", _C, E, "proof-invalid",
             "The proof for {where} does not match the withheld record"),
    CodeSpec("RF736", _C, E, "no-withheld-record",
             "The redacted report has no withheld item at {where}"),
    CodeSpec("RF737", _C, E, "profile-invalid",
             "Redaction profile {name}: {detail}"),
    CodeSpec("RF738", _C, E, "salts-unusable",
             "Cannot use the salts file {path}: {detail}"),
    CodeSpec("RF739", _C, INFO, "marking-raised",
             "Marking raised from TLP:{before} to TLP:{after} at {where}"),
    # ---- proofs must be unambiguous ----------------------------------------------------------------
    CodeSpec("RF740", _C, E, "withheld-record-duplicate",
             "{where} has {count} withheld records (the first is record {first}): a withheld item has exactly "
             "one record, or a proof could be checked against another one than the copy was verified with"),
    CodeSpec("RF741", _C, E, "copy-marking-lowered",
             "The copy marks {where} TLP:{after}, the original TLP:{before}: a copy derived without lowering keeps "
             "at least the original's markings (if the owner lowered it on purpose, verify with --lower-marking)"),
    CodeSpec("RF742", _C, E, "withheld-records-out-of-order",
             "Withheld record {index} is for {found}, but {expected} comes next in the original: records follow "
             "the order of the document, so every copy has one form"),
    CodeSpec("RF743", _C, E, "withheld-kind-mismatch",
             "The withheld record for {where} says kind {found}; in the original the item is of kind {expected}"),
]
