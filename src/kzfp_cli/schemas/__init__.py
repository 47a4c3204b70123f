"""JSON Schemas (draft 2020-12) of the objects kzfp prints as JSON, shipped as data."""

from __future__ import annotations

import json
from importlib import resources
from typing import NamedTuple

from kzfp_cli.names import Vocabulary


class Schema(NamedTuple):
    name: str
    title: str
    description: str
    text: str


def all_schemas() -> list[Schema]:
    folder = resources.files(__name__)
    found = []
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".json"):
            text = entry.read_text(encoding="utf-8")
            document = json.loads(text)
            found.append(Schema(entry.name[:-5], document["title"], document["description"], text))
    return found


def find_schema(name: str) -> Schema:
    """The schema of this name; a UsageError naming the closest ones otherwise."""
    schemas = {schema.name: schema for schema in all_schemas()}
    vocabulary = Vocabulary("schema", ((n, ()) for n in schemas))
    return schemas[vocabulary.resolve(name)]
