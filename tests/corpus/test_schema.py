"""The corpus table schema: schemas/linkml/corpus.yaml is what schema.py generates, it is a LinkML schema that
LinkML itself loads, and every column's source slot exists in the report model."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from riskfmt.corpus.schema import PARTITIONS, TABLES, linkml_yaml

ROOT = Path(__file__).resolve().parents[2]
LINKML = ROOT / "schemas" / "linkml"


def test_checked_in_linkml_matches_the_tables() -> None:
    # regenerate with: python -m riskfmt.corpus.schema > schemas/linkml/corpus.yaml
    assert (LINKML / "corpus.yaml").read_text(encoding="utf-8") == linkml_yaml()


def test_linkml_loads_the_corpus_schema() -> None:
    schemaview = pytest.importorskip("linkml_runtime.utils.schemaview")
    view = schemaview.SchemaView(str(LINKML / "corpus.yaml"))
    classes = view.all_classes()
    assert {c.annotations["table"].value for c in classes.values()} == set(TABLES)
    results = view.class_induced_slots("ResultsRow")
    assert {s.name for s in results} == {c.name for c in TABLES["results"]}
    assert view.induced_slot("value", "ResultsRow").range == "float"


def _model_slots() -> set[str]:
    slots = set()
    for path in LINKML.glob("*.yaml"):
        if path.name == "corpus.yaml":
            continue
        for name, cls in (yaml.safe_load(path.read_text(encoding="utf-8")).get("classes") or {}).items():
            for attribute in (cls or {}).get("attributes") or {}:
                slots.add(f"{name}.{attribute}")
    return slots


def test_every_source_slot_exists_in_the_model() -> None:
    slots = _model_slots()
    vocabulary_slots = {"Concept.id", "Concept.scheme", "Concept.pref_label", "Concept.broader", "Concept.status",
                        "Concept.replaced_by"}
    missing = [f"{table}.{c.name} <- {c.source}" for table, columns in TABLES.items() for c in columns
               if c.source and c.source not in slots | vocabulary_slots]
    assert not missing
    assert vocabulary_slots <= slots, "the vocabulary model lost a slot a corpus column reads"


def test_partition_columns_are_columns() -> None:
    for table, columns in PARTITIONS.items():
        assert set(columns) <= {c.name for c in TABLES[table]}
