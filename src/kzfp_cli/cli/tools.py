"""Commands about kzfp itself and its files: validate, fields and schema."""

# No ``from __future__ import annotations`` here: Typer reads these signatures on every
# run, and annotations kept as strings would be compiled again each time.

from typing import Annotated

import typer
from typer.core import TyperGroup

from kzfp_cli.choices import OutputFormat
from kzfp_cli.cli.app import KzfpCommand, group
from kzfp_cli.cli.common import invocation, say, show, write_text
from kzfp_cli.cli.options import (
    FormatOption,
    NoColorOption,
    choices,
    complete_listing_command,
    format_option,
    listing_fields,
    schema_names,
)
from kzfp_cli.errors import EXIT_DATA, UsageError


def validate_command(
    ctx: typer.Context,
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE...", help="Events files (CSV, JSON or JSON lines); - is standard input."
        ),
    ],
    no_builtin: Annotated[
        bool,
        typer.Option(
            "--no-builtin",
            help="Check the files without the built-in events, whose ids they may then reuse.",
        ),
    ] = False,
    output_format: FormatOption = None,
    no_color: NoColorOption = False,
) -> None:
    """Check events files as --data reads them; report every problem, then a count.

    Problems print like a compiler's, as file:line: column: message. Errors make the exit
    status 3; warnings (a new partner id, a control character) do not.
    """
    from kzfp_cli.store import check
    from kzfp_cli.views import problem_listing

    run = invocation(ctx, no_color=no_color, no_builtin=no_builtin)
    _, problems = check(files, builtin=not run.no_builtin, problems_only=True)
    found = problems.ordered()
    # Problems read like a compiler's whatever stdout is: plain unless asked otherwise.
    show(run, problem_listing(found), output_format or OutputFormat.plain)
    errors = sum(problem.severity == "error" for problem in found)
    warnings = len(found) - errors
    say(f"{_count(errors, 'error')}, {_count(warnings, 'warning')} in {_count(len(files), 'file')}")
    if errors:
        raise typer.Exit(EXIT_DATA)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def fields_command(
    ctx: typer.Context,
    command: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="COMMAND",
            autocompletion=complete_listing_command,
            help="A listing command, such as timeline or 'org list'.",
        ),
    ] = None,
    output_format: FormatOption = None,
    no_color: NoColorOption = False,
) -> None:
    """The fields each listing command can show with --fields, in their default order."""
    from kzfp_cli.views import fields_listing

    offered = listing_fields()
    wanted = " ".join(command or ())
    if wanted and wanted not in offered:
        choices = ", ".join(f"'{name}'" for name in offered)
        raise UsageError(f"'{wanted}' is not a listing command; choose one of: {choices}")
    run = invocation(ctx, no_color=no_color)
    show(run, fields_listing({wanted: offered[wanted]} if wanted else offered), output_format)


schema_app = group("schema", "JSON Schemas of the objects kzfp prints as JSON.")


@schema_app.command("list", cls=KzfpCommand)
def schema_list_command(
    ctx: typer.Context, output_format: FormatOption = None, no_color: NoColorOption = False
) -> None:
    """The JSON Schemas, one for each kind of object kzfp prints."""
    from kzfp_cli.schemas import all_schemas
    from kzfp_cli.views import schema_listing

    show(invocation(ctx, no_color=no_color), schema_listing(all_schemas()), output_format)


@schema_app.command("show", cls=KzfpCommand)
def schema_show_command(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            autocompletion=choices(schema_names),
            help="A name from kzfp schema list.",
        ),
    ],
    output_format: Annotated[
        OutputFormat | None,
        format_option(
            "json (the default): the schema itself, draft 2020-12, whatever the terminal. "
            "The others: its properties, one a row (name, type, required, description)."
        ),
    ] = None,
    no_color: NoColorOption = False,
) -> None:
    """One JSON Schema (draft 2020-12), or a listing of the properties it describes."""
    from kzfp_cli.schemas import find_schema, standalone

    schema = find_schema(name)
    if output_format in (None, OutputFormat.json):
        write_text(standalone(schema), utf8=True)  # JSON is UTF-8, whatever the locale
    else:
        from kzfp_cli.views import schema_property_listing

        show(invocation(ctx, no_color=no_color), schema_property_listing(schema), output_format)


def help_command(
    ctx: typer.Context,
    command: Annotated[
        list[str] | None,
        typer.Argument(metavar="COMMAND", help="A command, such as timeline or 'org list'."),
    ] = None,
) -> None:
    """The help of kzfp, or of one of its commands (kzfp help org list is kzfp org list -h)."""
    shown = ctx.find_root()
    for word in command or ():
        group_ = shown.command
        found = group_.get_command(shown, word) if isinstance(group_, TyperGroup) else None
        if found is None:
            raise UsageError(f"No such command '{word}' (see '{shown.command_path} --help')")
        shown = typer.Context(found, info_name=word, parent=shown)
    write_text(shown.get_help() + "\n")
