"""Every option shared by several commands, declared once, and the filters they make."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from kzfp_cli.errors import KzfpError

if TYPE_CHECKING:
    from kzfp_cli.query import Filters


def completer(kind: str) -> Callable[[str], list[tuple[str, str]]]:
    """Shell completion of the known ids of one kind, with their names as help."""

    def complete(incomplete: str) -> list[tuple[str, str]]:
        from kzfp_cli.store import data_files, load_dataset

        try:
            dataset = load_dataset(data_files())
        except KzfpError:
            return []
        choices = {
            "partner": [(p.id, p.name) for p in dataset.partners.values()],
            "org": [(o.id, o.name) for o in dataset.orgs.values()],
            "theme": [(t.id, t.name) for t in dataset.themes.values()],
            "event": [(e.id, e.title) for e in dataset.events],
        }[kind]
        return [(ident, name) for ident, name in choices if ident.startswith(incomplete.lower())]

    return complete


# The format is read as text and checked by render.choose_format, so that a wrong value
# gets the same one-line message whatever Typer version does the parsing. The list is
# written out rather than taken from render.OutputFormat, which would cost every start
# an import of the renderers; a test checks that the two agree.
FORMATS = "table, plain, json, jsonl, csv, tsv, md"
FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        show_default=False,
        help=f"One of: {FORMATS}. Default: table on a terminal, plain (tab-separated "
        "columns) when piped.",
    ),
]
DataOption = Annotated[
    list[str] | None,
    typer.Option(
        "--data",
        metavar="FILE",
        help="Add the events of this CSV file; - is standard input (repeatable; also "
        "KZFP_DATA, separated like PATH).",
    ),
]
NoBuiltinOption = Annotated[
    bool,
    typer.Option("--no-builtin", help="Leave out the built-in events: only those of --data."),
]
OutputOption = Annotated[
    str | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout."),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Overwrite FILE if it exists (it is never by default).")
]
FieldsOption = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="A,B,...",
        help="Only these fields, in this order, in every format (kzfp fields lists them).",
    ),
]
LimitOption = Annotated[
    int | None,
    typer.Option("--limit", "-n", min=1, metavar="N", help="Show at most this many."),
]

# The filters of the commands that select events (timeline, stats, chart, export).
PartnerOption = Annotated[
    list[str] | None,
    typer.Option(
        "--partner",
        "-p",
        metavar="PARTNER",
        autocompletion=completer("partner"),
        help="Only events with this partner (id, name, ISO code or Wikidata id: russia, RUS, "
        "'Russian Federation', Q159). "
        "Repeat, or separate with commas, for any of several.",
    ),
]
# No short flag: -o is --output wherever that exists, and one letter means one thing.
OrgOption = Annotated[
    list[str] | None,
    typer.Option(
        "--org",
        metavar="ORG",
        autocompletion=completer("org"),
        help="Only events involving this organization (wto, osce...).",
    ),
]
ThemeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--theme",
        "-t",
        metavar="THEME",
        autocompletion=completer("theme"),
        help="Only events with this theme (security, economy...).",
    ),
]
YearOption = Annotated[
    str | None,
    typer.Option("--year", "-y", metavar="YEAR", help="Only events that overlap this year."),
]
SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="DATE",
        help="Only events that end on or after this date (2015, 'Dec 2015').",
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option("--until", metavar="DATE", help="Only events that start on or before this date."),
]
SearchOption = Annotated[
    str | None,
    typer.Option(
        "--search",
        "-s",
        metavar="WORDS",
        help="Only events whose text holds every one of these words.",
    ),
]


def filters(
    partner: list[str] | None = None,
    org: list[str] | None = None,
    theme: list[str] | None = None,
    year: str | None = None,
    since: str | None = None,
    until: str | None = None,
    search: str | None = None,
) -> Filters:
    """The filter options as one value (Typer passes None for a list option not given)."""
    from kzfp_cli.query import Filters

    return Filters(
        partners=tuple(partner or ()),
        orgs=tuple(org or ()),
        themes=tuple(theme or ()),
        year=year,
        since=since,
        until=until,
        text=search,
    )
