"""Withheld content (RF706, RF707, RF750, RF751): content of a kind the document declares withheld
(``disclosure.withholds``) that is still present; withheld records of undeclared kinds; identifiers that read
as text while sample content is withheld; and text anywhere whose digest is that of a sample's withheld input
or output (a prompt moved into a note). Sample rows are checked column by column in ``samples``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from riskfmt.integrity.leaks.collect import Collector
from riskfmt.integrity.leaks.tree import seq

KIND_NAMES = {
    "sample_input": "A sample input", "sample_output": "A sample output", "sample_target": "A sample target",
    "sample_digest": "An unsalted sample digest", "finding_title": "A finding title",
    "finding_description": "A finding description", "rationale": "A risk-level rationale", "notes": "A note",
    "extensions": "An extension",
}


def kind_zh(kind: str) -> str:
    """The Chinese of ``KIND_NAMES[kind]``, from riskfmt/i18n/zh_CN.po (msgctxt "integrity")."""
    from riskfmt.i18n.text import translate

    return translate(KIND_NAMES[kind], "zh", "integrity")


CONTENT_KINDS = frozenset({"sample_input", "sample_output", "sample_target"})


def withheld_kinds(doc: object) -> frozenset[str]:
    """The kinds of content a document declares withheld (``disclosure.withholds``)."""
    disclosure = doc.get("disclosure") if isinstance(doc, dict) else None
    kinds = disclosure.get("withholds") if isinstance(disclosure, dict) else None
    return frozenset(k for k in kinds or () if isinstance(k, str))


def iter_kinds() -> Iterator[str]:
    return iter(KIND_NAMES)


def declared_withheld(doc: dict[str, Any], out: Collector) -> set[str]:
    disclosure = doc.get("disclosure")
    if not isinstance(disclosure, dict):
        return set()
    withholds = disclosure.get("withholds")  # the scan runs before the schema: any shape may arrive here
    declared = {k for k in withholds if isinstance(k, str)} if isinstance(withholds, list) else set()
    records = disclosure.get("withheld") or []
    if isinstance(records, list) and records:
        # before the schema a kind may be any value, a list included (unhashable): only text can be a kind
        kinds = {kind for r in records if type(r) is dict and isinstance(kind := r.get("kind"), str)}
        for kind in sorted(kinds - declared):
            index = next(i for i, r in enumerate(records) if type(r) is dict and r.get("kind") == kind)
            out.add("RF707", f"/disclosure/withheld/{index}/kind", kind=kind)
    return declared


def identifiers_as_text(items: Iterator[tuple[str, Any]] | list[tuple[str, Any]], out: Collector) -> None:
    """While sample content is withheld, an identifier must not carry it: ids are short and are not
    sentences. (Real sample ids seen: numbers, hashes, ``task_17``, file names, ``doc-0001-b``.)"""
    for pointer, text in items:
        if type(text) is str and (len(text) >= 160 or len(text.split()) >= 5):
            out.add("RF750", pointer, length=len(text))


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
    for e_index, evaluation in enumerate(seq(doc.get("evaluations"))):
        if type(evaluation) is not dict:
            continue
        e_ptr = f"/evaluations/{e_index}"
        yield from lang(evaluation, "notes", e_ptr)
        for r_index, result in enumerate(seq(evaluation.get("results"))):
            yield from lang(result, "notes", f"{e_ptr}/results/{r_index}")
            if type(result) is dict:
                yield from lang(result.get("risk_level"), "rationale", f"{e_ptr}/results/{r_index}/risk_level")
        for f_index, finding in enumerate(seq(evaluation.get("findings"))):
            if type(finding) is not dict:
                continue
            f_ptr = f"{e_ptr}/findings/{f_index}"
            yield from lang(finding, "title", f_ptr)
            yield from lang(finding, "description", f_ptr)
            for s_index, sample_id in enumerate(seq(finding.get("sample_ids"))):
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


def copied_content(doc: dict[str, Any], declared: set[str], out: Collector) -> None:
    """Withheld sample inputs or outputs copied elsewhere: when the rows keep their (unsalted) digests, any
    free text, any line or paragraph of one, whose digest is a withheld sample's is that sample's content."""
    fields = [f for f, kind in (("input_digest", "sample_input"), ("output_digest", "sample_output"))
              if kind in declared]
    if not fields:
        return
    digests: dict[str, str] = {}
    for e_index, evaluation in enumerate(seq(doc.get("evaluations"))):
        samples = evaluation.get("samples") if type(evaluation) is dict else None
        rows = samples.get("inline") if type(samples) is dict else None
        streamed = getattr(rows, "first_digests", None)
        if streamed is not None:  # riskfmt.stream: the rows were read as they came, and not kept
            for digest, where in streamed(fields):
                digests.setdefault(digest, where)
            continue
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
    if declared & CONTENT_KINDS:
        identifiers_as_text([(p, t) for p, t in texts if "/sample_ids/" in p], out)
    for pointer, text in texts:
        parts = {text, text.strip(), *(p.strip() for p in text.split("\n")), *(p.strip() for p in text.split("\n\n"))}
        for part in parts:
            if part and hashlib.sha256(part.encode("utf-8", "surrogatepass")).hexdigest() in digests:
                where = digests[hashlib.sha256(part.encode("utf-8", "surrogatepass")).hexdigest()]
                out.add("RF751", pointer, where=where)
                break


def declared_content(doc: dict[str, Any], declared: set[str], out: Collector) -> None:
    """Declared-withheld kinds other than sample content: notes, titles, descriptions, rationales, extensions."""
    from riskfmt.integrity.withholding import WITHHELD_TEXT

    def present(container: Any, key: str, pointer: str, kind: str) -> None:
        if kind in declared and isinstance(container, dict) and key in container:
            out.add("RF706", pointer, kind=KIND_NAMES[kind], kind_zh=kind_zh(kind))

    present(doc, "notes", "/notes", "notes")
    if "extensions" in declared and doc.get("extensions"):
        out.add("RF706", "/extensions", kind=KIND_NAMES["extensions"], kind_zh=kind_zh("extensions"))
    for e_index, evaluation in enumerate(seq(doc.get("evaluations"))):
        if not isinstance(evaluation, dict):
            continue
        e_ptr = f"/evaluations/{e_index}"
        present(evaluation, "notes", f"{e_ptr}/notes", "notes")
        for r_index, result in enumerate(seq(evaluation.get("results"))):
            present(result, "notes", f"{e_ptr}/results/{r_index}/notes", "notes")
            if isinstance(result, dict):
                present(result.get("risk_level"), "rationale", f"{e_ptr}/results/{r_index}/risk_level/rationale",
                        "rationale")
        for f_index, finding in enumerate(seq(evaluation.get("findings"))):
            if not isinstance(finding, dict):
                continue
            f_ptr = f"{e_ptr}/findings/{f_index}"
            if "finding_title" in declared and "title" in finding and finding["title"] != WITHHELD_TEXT:
                out.add("RF706", f"{f_ptr}/title", kind=KIND_NAMES["finding_title"],
                        kind_zh=kind_zh("finding_title"))
            present(finding, "description", f"{f_ptr}/description", "finding_description")
            present(finding.get("risk_level"), "rationale", f"{f_ptr}/risk_level/rationale", "rationale")
            if declared & CONTENT_KINDS:
                ids = finding.get("sample_ids")
                if type(ids) is list:
                    identifiers_as_text([(f"{f_ptr}/sample_ids/{i}", t) for i, t in enumerate(ids)], out)
