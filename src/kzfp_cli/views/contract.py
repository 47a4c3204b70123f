"""The output contract described: the fields each listing offers (``kzfp fields``),
and the published JSON Schemas with the properties each describes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from kzfp_cli.views.base import Column, Listing

if TYPE_CHECKING:  # only named in annotations; imported by the commands that use them
    from kzfp_cli.schemas import Schema


def fields_listing(offered: Mapping[str, Sequence[str]]) -> Listing[str]:
    """The fields each listing command offers to --fields, given by command name."""
    return Listing(
        items=list(offered),
        record=lambda command: {"command": command, "fields": list(offered[command])},
        fields=("command", "fields"),
        columns=(
            Column("Command", lambda command: f"kzfp {command}"),
            Column("Fields", lambda command: ",".join(offered[command]), share=1),
        ),
        empty_message="No commands.",
    )


def schema_listing(schemas: Sequence[Schema]) -> Listing[Schema]:
    return Listing(
        items=schemas,
        record=lambda s: {"name": s.name, "title": s.title, "description": s.description},
        fields=("name", "title", "description"),
        columns=(
            Column("Name", lambda s: s.name),
            Column("Describes", lambda s: s.description, share=1),
        ),
        empty_message="No schemas.",
    )


def schema_property_listing(schema: Schema) -> Listing[dict[str, Any]]:
    """The properties a schema describes: name, type, whether required, description."""
    import json

    document = json.loads(schema.text)
    required = set(document.get("required", ()))
    rows = [
        {
            "name": name,
            "type": _type_text(spec),
            "required": name in required,
            "description": _description(spec),
        }
        for name, spec in document.get("properties", {}).items()
    ]
    return Listing(
        items=rows,
        record=dict,
        fields=("name", "type", "required", "description"),
        columns=(
            Column("Name", lambda row: row["name"]),
            Column("Type", lambda row: row["type"], share=1),
            Column("Required", lambda row: "yes" if row["required"] else "no"),
            Column("Description", lambda row: row["description"], share=2),
        ),
        empty_message="No properties.",
        # CSV and TSV say true and false, as JSON does, rather than Python's True.
        flat=lambda row: {**row, "required": "true" if row["required"] else "false"},
    )


def _type_text(spec: dict[str, Any]) -> str:
    """A property's type as a person reads it: ``string or null``, ``array of event``."""
    if "enum" in spec:
        return "one of: " + ", ".join(str(value) for value in spec["enum"])
    if "$ref" in spec:
        # "#/$defs/role" and "event.json" both name what they point to last.
        return str(spec["$ref"]).rsplit("/", 1)[-1].removesuffix(".json")
    for either in ("oneOf", "anyOf"):
        if either in spec:
            return " or ".join(_type_text(branch) for branch in spec[either])
    kinds = spec.get("type", "any")
    names = [kinds] if isinstance(kinds, str) else list(kinds)
    if "array" in names and "items" in spec:
        names[names.index("array")] = f"array of {_type_text(spec['items'])}"
    return " or ".join(names)


def _description(spec: dict[str, Any]) -> str:
    """A property's own description, else that of its one described alternative (the
    partial date of a property that may also be null)."""
    if "description" in spec:
        return str(spec["description"])
    described = [
        str(branch["description"])
        for either in ("oneOf", "anyOf")
        for branch in spec.get(either, ())
        if "description" in branch
    ]
    return described[0] if len(described) == 1 else ""
