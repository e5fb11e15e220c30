"""JSON Schemas of the seed files and of the published open data, generated from the models.

``python -m generator schema`` writes them to ``generator/schema/`` (committed). Each seed file
names its schema in a first-line comment that YAML editors read (yaml-language-server), e.g.
``# yaml-language-server: $schema=../generator/schema/glossary.schema.json``, so editors complete
keys and flag mistakes while typing; ``generator check`` remains the full check.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.model import FILE_MODELS, PARTIAL_DATE_PATTERN
from generator.publish.opendata import DATA_MODELS

SCHEMA_FOLDER = Path(__file__).resolve().parent.parent / "schema"  # generator/schema/: the seed files name it
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def seed_schema_name(file_name: str) -> str:
    """``facts.yml`` → ``facts.schema.json``."""
    return file_name.removesuffix(".yml") + ".schema.json"


#: What pydantic cannot see in the models' validators: (model, field) → JSON Schema of the value.
#: A JSON Schema, as JSON.
JsonSchema = dict[str, Any]
_FIELDS: dict[tuple[str, str], JsonSchema] = {
    # PartialDate: YYYY, YYYY-MM or YYYY-MM-DD; YAML reads a bare year as a number
    ("When", "date"): {"anyOf": [{"type": "string", "pattern": PARTIAL_DATE_PATTERN}, {"type": "integer"}, {"type": "null"}]},
    ("When", "before"): {"anyOf": [{"type": "string", "pattern": PARTIAL_DATE_PATTERN}, {"type": "integer"}, {"type": "null"}]},
    # PlainText: never empty
    ("Text", "vi"): {"type": "string", "minLength": 1},
    ("Text", "en"): {"type": "string", "minLength": 1},
}


def _complete(schema: JsonSchema) -> JsonSchema:
    """Add what the validators check to the generated schema, so that editors check it too."""
    for name, definition in schema.get("$defs", {}).items():
        for field, value in definition.get("properties", {}).items():
            if (name, field) in _FIELDS:
                keep = {k: v for k, v in value.items() if k in ("title", "description", "default")}
                definition["properties"][field] = {**keep, **_FIELDS[(name, field)]}

    def close(node: object) -> None:
        # a mapping keyed by a pattern (sentence ids): other keys are mistakes
        if isinstance(node, dict):
            if "patternProperties" in node and "additionalProperties" not in node:
                node["additionalProperties"] = False
            for child in node.values():
                close(child)
        elif isinstance(node, list):
            for child in node:
                close(child)

    close(schema)
    return schema


def _schema(cls: type[BaseModel], title: str) -> JsonSchema:
    schema = _complete(cls.model_json_schema(by_alias=True, mode="validation"))
    return {"$schema": DIALECT, **schema, "title": title}


def schemas() -> dict[str, JsonSchema]:
    """Every schema, keyed by its file name."""
    out = {seed_schema_name(name): _schema(cls, f"seeds: {name}") for name, cls in FILE_MODELS.items()}
    out.update({f"{name}.schema.json": _schema(cls, f"data: {name}") for name, cls in DATA_MODELS.items()})
    return dict(sorted(out.items()))


def schema_files() -> dict[str, str]:
    """The schema files' text, as committed under ``generator/schema/``."""
    return {name: json.dumps(schema, ensure_ascii=False, indent=2) + "\n" for name, schema in schemas().items()}


def stale(folder: Path = SCHEMA_FOLDER) -> list[str]:
    """Schema files that are missing, differ from the models, or are no longer generated."""
    expected = schema_files()
    present = {p.name for p in folder.glob("*.schema.json")} if folder.is_dir() else set()
    wrong = [n for n, text in expected.items() if not (folder / n).is_file() or (folder / n).read_text(encoding="utf-8") != text]
    return sorted(set(wrong) | (present - set(expected)))


def write(folder: Path = SCHEMA_FOLDER) -> list[str]:
    """Bring ``folder`` to the current schemas; return the names written or removed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = stale(folder)
    expected = schema_files()
    for name in changed:
        if name in expected:
            (folder / name).write_text(expected[name], encoding="utf-8")
        else:
            (folder / name).unlink()
    return changed
