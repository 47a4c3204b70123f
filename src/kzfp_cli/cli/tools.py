"""Commands about kzfp itself and its files: validate, fields and schema."""

# No ``from __future__ import annotations`` here: Typer reads these signatures on every
# run, and annotations kept as strings would be compiled again each time.

from collections.abc import Sequence
from typing import Annotated

import typer

from kzfp_cli.cli.app import group
from kzfp_cli.cli.common import say, settings, show, write_text
from kzfp_cli.cli.options import (
    FormatOption,
    choices,
    complete_listing_command,
    format_option,
    schema_names,
    shared_options,
)
from kzfp_cli.errors import EXIT_DATA, UsageError


@shared_options
def validate_command(
    *,
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
) -> None:
    """Check events files as --data reads them; report every problem, then a count.

    Problems print like a compiler's, as file:line: column: message. Errors make the exit
    status 3; warnings (a new partner id, a control character) do not.
    """
    from kzfp_cli.store import check
    from kzfp_cli.views import problem_listing

    builtin = not (no_builtin or settings.no_builtin)
    _, problems = check(files, builtin=builtin, problems_only=True)
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


@shared_options
def fields_command(
    *,
    command: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="COMMAND",
            autocompletion=complete_listing_command,
            help="A listing command, such as timeline or 'org list'.",
        ),
    ] = None,
    output_format: FormatOption = None,
) -> None:
    """The fields each listing command can show with --fields, in their default order."""
    from kzfp_cli.views import fields_listing

    offered = listing_fields()
    wanted = " ".join(command or ())
    if wanted and wanted not in offered:
        choices = ", ".join(f"'{name}'" for name in offered)
        raise UsageError(f"'{wanted}' is not a listing command; choose one of: {choices}")
    show(fields_listing({wanted: offered[wanted]} if wanted else offered), output_format)


def listing_fields() -> dict[str, Sequence[str]]:
    """What --fields can choose from, per listing command: the fields of what it lists."""
    from kzfp_cli import views

    return {
        "timeline": views.EVENT_FIELDS,
        "org list": views.ORG_FIELDS,
        "partner list": views.PARTNER_FIELDS,
        "theme list": views.THEME_FIELDS,
        "search": views.HIT_FIELDS,
    }


schema_app = group("schema", "JSON Schemas of the objects kzfp prints as JSON.")


@schema_app.command("list")
@shared_options
def schema_list_command(*, output_format: FormatOption = None) -> None:
    """The JSON Schemas, one for each kind of object kzfp prints."""
    from kzfp_cli.schemas import all_schemas
    from kzfp_cli.views import schema_listing

    show(schema_listing(all_schemas()), output_format)


@schema_app.command("show")
@shared_options
def schema_show_command(
    *,
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            autocompletion=choices(schema_names),
            help="A name from kzfp schema list.",
        ),
    ],
    output_format: Annotated[
        str | None,
        format_option(
            "json (the default): the schema itself, draft 2020-12, whatever the terminal. "
            "table, plain, jsonl, csv, tsv, md: its properties, one a row (name, type, "
            "required, description)."
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
        write_text(schema.text, utf8=True)  # JSON is UTF-8, whatever the locale
    else:
        from kzfp_cli.views import schema_property_listing

        show(schema_property_listing(schema), chosen.value)
