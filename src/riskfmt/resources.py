"""Access to the shipped schema files, vocabulary releases and a `referencing` registry.

In an installed wheel the files live in ``riskfmt/schemas``; in a source checkout (editable install) they
are read from the repository's top-level ``schemas/`` folder, so there is only one copy to edit.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import referencing

__all__ = ["schemas_dir", "schema_path", "load_schema", "vocabulary_versions", "vocabulary_data", "registry"]


@functools.cache
def schemas_dir() -> Path:
    packaged = Path(__file__).resolve().parent / "schemas"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "schemas"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("riskfmt's schema files are missing from this installation")


def schema_path(kind: str, version: str) -> Path:
    """The published JSON Schema file of a document kind and format version."""
    return schemas_dir() / "jsonschema" / f"{kind}-{version}.json"


@functools.cache
def load_schema(kind: str, version: str) -> dict[str, Any]:
    with schema_path(kind, version).open("rb") as handle:
        schema: dict[str, Any] = json.load(handle)  # a shipped file, checked by tests/test_generated.py
    return schema


@functools.cache
def vocabulary_versions() -> tuple[str, ...]:
    """Released vocabulary versions shipped with this installation, oldest first."""
    base = schemas_dir() / "vocab" / "releases"
    versions = [p.name for p in base.iterdir() if (p / "vocabulary.json").is_file()]
    return tuple(sorted(versions, key=lambda v: tuple(int(x) for x in v.split("."))))


@functools.cache
def vocabulary_data(version: str) -> dict[str, Any]:
    with (schemas_dir() / "vocab" / "releases" / version / "vocabulary.json").open("rb") as handle:
        data: dict[str, Any] = json.load(handle)  # a shipped release, hash-checked by the tests
    return data


def registry() -> referencing.Registry[Any]:
    """A registry holding every shipped schema under its ``$id``, for offline use with ``jsonschema``
    (``pip install 'riskfmt[jsonschema]'``)::

        from jsonschema import Draft202012Validator
        from riskfmt.resources import registry, load_schema
        Draft202012Validator(load_schema("evaluation-report", "1.0"), registry=registry())
    """
    try:
        import referencing
        import referencing.jsonschema
    except ModuleNotFoundError as exc:  # the [jsonschema] extra: riskfmt itself validates with jsonschema-rs
        raise ModuleNotFoundError(
            "resources.registry() needs the optional package referencing: pip install 'riskfmt[jsonschema]'",
            name=exc.name,
        ) from exc

    resources = []
    for path in sorted((schemas_dir()).glob("**/*.json")):
        if "vocab" in path.relative_to(schemas_dir()).parts:
            continue
        with path.open("rb") as handle:
            contents = json.load(handle)
        if isinstance(contents, dict) and "$id" in contents:
            resources.append((contents["$id"], referencing.jsonschema.DRAFT202012.create_resource(contents)))
    return referencing.Registry().with_resources(resources)
