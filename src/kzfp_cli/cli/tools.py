"""Commands about kzfp itself and its files: validate, fields and schema."""

# No ``from __future__ import annotations`` here: Typer reads these signatures on every
# run, and annotations kept as strings would be compiled again each time.

from typing import TYPE_CHECKING, Annotated, Any

import typer

from kzfp_cli.cli.app import group
from kzfp_cli.cli.common import say, show, write_text
from kzfp_cli.cli.options import FormatOption, NoBuiltinOption
from kzfp_cli.errors import EXIT_DATA, UsageError

if TYPE_CHECKING:
    from kzfp_cli.schemas import Schema
    from kzfp_cli.views import Listing


def validate_command(
    files: Annotated[
        list[str], typer.Argument(metavar="FILE...", help="Events CSV files; - is standard input.")
    ],
    no_builtin: NoBuiltinOption = False,
    output_format: FormatOption = None,
) -> None:
    """Check events files as --data reads them; report every problem, then a count.

    Problems print like a compiler's, as file:line: column: message. Errors make the exit
    status 3; warnings (a new partner id, a control character) do not.
    """
    from kzfp_cli.store import check
    from kzfp_cli.views import problem_listing

    _, problems = check(files, builtin=not no_builtin, problems_only=True)
    found = problems.ordered()
    # Problems read like a compiler's whatever stdout is: plain unless asked otherwise.
    show(problem_listing(found), output_format or "plain")
    errors = sum(problem.severity == "error" for problem in found)
    warnings = len(found) - errors
    say(f"{_count(errors, 'error')}, {_count(warnings, 'warning')} in {_count(len(files), 'file')}")
    if errors:
        raise typer.Exit(EXIT_DATA)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def fields_command(
    command: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="COMMAND", help="A listing command, such as timeline or 'org list'."
        ),
    ] = None,
    output_format: FormatOption = None,
) -> None:
    """The fields each listing command can show with --fields, in their default order."""
    from kzfp_cli.views import LISTING_FIELDS, fields_listing

    wanted = " ".join(command or ())
    if wanted and wanted not in LISTING_FIELDS:
        choices = ", ".join(f"'{name}'" for name in LISTING_FIELDS)
        raise UsageError(f"'{wanted}' is not a listing command; choose one of: {choices}")
    show(fields_listing([wanted] if wanted else list(LISTING_FIELDS)), output_format)


schema_app = group("schema", "JSON Schemas of the objects kzfp prints as JSON.")


@schema_app.command("list")
def schema_list_command(output_format: FormatOption = None) -> None:
    """The JSON Schemas, one for each kind of object kzfp prints."""
    from kzfp_cli.schemas import all_schemas
    from kzfp_cli.views import schema_listing

    show(schema_listing(all_schemas()), output_format)


@schema_app.command("show")
def schema_show_command(
    name: Annotated[str, typer.Argument(metavar="NAME", help="A name from kzfp schema list.")],
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            show_default=False,
            help="json (the default): the schema itself, draft 2020-12, whatever the "
            "terminal. table, plain, jsonl, csv, tsv, md: its properties, one a row "
            "(name, type, required, description).",
        ),
    ] = None,
) -> None:
    """One JSON Schema (draft 2020-12), or a listing of the properties it describes."""
    from kzfp_cli.render import OutputFormat, choose_format
    from kzfp_cli.schemas import find_schema
    from kzfp_cli.terminal import Terminal

    schema = find_schema(name)
    chosen = choose_format(output_format or "json", Terminal(is_tty=False, color=False))
    if chosen is OutputFormat.json:
        write_text(schema.text)
    else:
        show(schema_property_listing(schema), chosen.value)


def schema_property_listing(schema: "Schema") -> "Listing[dict[str, Any]]":
    """The properties a schema describes: name, type, whether required, description."""
    import json

    from kzfp_cli.views import Column, Listing

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
