"""JSON Schemas (draft 2020-12) of the objects kzfp prints as JSON, shipped as data.

A schema may refer to another by its file name (``"$ref": "source.json"``), which
resolves against its ``$id`` (``https://kzfp.invalid/schemas/...``), an address nobody
serves. What ``kzfp schema show`` prints is therefore ``standalone``: each schema it
refers to, directly or through another, embedded under ``$defs`` with its own ``$id``, as
JSON Schema 2020-12 bundles a compound document, so that any validator resolves the
reference inside the document, offline. The files stay the one place each rule is written.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from typing import Any, NamedTuple

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


def _refs(node: Any) -> Iterator[str]:
    """Every ``$ref`` in a JSON document, at any depth."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def standalone(schema: Schema) -> str:
    """``schema`` as one document a validator reads on its own (see the module's
    docstring), as indented JSON."""
    shipped = {other.name: json.loads(other.text) for other in all_schemas()}
    document = shipped[schema.name]
    embedded: set[str] = set()
    pending = [document]
    while pending:
        for ref in _refs(pending.pop()):
            name = ref.removesuffix(".json")
            if ref.endswith(".json") and name in shipped and name not in embedded:
                embedded.add(name)
                pending.append(shipped[name])
    if embedded:
        defs = {**document.get("$defs", {}), **{name: shipped[name] for name in sorted(embedded)}}
        document = {**document, "$defs": defs}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
