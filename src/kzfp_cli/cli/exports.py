"""``kzfp export``: the selected events in other programs' formats, to stdout or a file.

These commands write a file's text rather than data in a chosen format, so they take
-o/--output but no -f/--format. ``export sqlite`` writes a database, which only a file
can hold: it takes the file as its argument.
"""

# No ``from __future__ import annotations`` here: Typer reads these signatures on every
# run, and annotations kept as strings would be compiled again each time.

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from kzfp_cli.cli.app import group
from kzfp_cli.cli.common import load_selected, write_text
from kzfp_cli.cli.options import (
    DataSource,
    ForceOption,
    OutputOption,
    shared_options,
)

if TYPE_CHECKING:
    from kzfp_cli.model import Dataset, Event
    from kzfp_cli.query import Filters

export_app = group(
    "export",
    "The timeline in other programs' formats: TimelineJS, iCalendar, HTML, Markdown, SQLite.",
)

Exporter = Callable[["Sequence[Event]", "Dataset"], str]


def export(
    exporter: Exporter, filters: "Filters", source: DataSource, output: str | None, force: bool
) -> None:
    """Write the text ``exporter`` makes of the selected events to stdout (no output, or
    ``-``) or to the file ``output``."""
    from kzfp_cli import query
    from kzfp_cli.output import write_output

    dataset, event_filter = load_selected(source, filters)
    text = exporter(query.timeline(dataset, event_filter), dataset)
    if output is None or output == "-":
        write_text(text, utf8=True)
    else:
        write_output(text, output, force=force)


# Written out, as options.FORMATS is, so that a start need not import the exporter.
# tests/test_export_timelinejs.py checks that the help (these) and the error (GROUPINGS in
# export/timelinejs.py) name the same choices.
GROUP_BY_CHOICES = ("partner", "org", "theme", "none")


def _complete_group_by(incomplete: str) -> list[str]:
    return [choice for choice in GROUP_BY_CHOICES if choice.startswith(incomplete.lower())]


@export_app.command("timelinejs")
@shared_options
def export_timelinejs_command(
    *,
    filters: "Filters",
    sheet: Annotated[
        bool,
        typer.Option("--sheet", help="The 18-column CSV of the TimelineJS Google Sheet instead."),
    ] = False,
    group_by: Annotated[
        str,
        typer.Option(
            "--group-by",
            metavar="|".join(GROUP_BY_CHOICES),
            autocompletion=_complete_group_by,
            help="The rows TimelineJS draws: one per partner, organization or theme, or "
            "none (one timeline).",
        ),
    ] = "none",
    source: DataSource,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """TimelineJS3 JSON (or, with --sheet, rows for its Google Sheets template)."""
    from kzfp_cli.export.timelinejs import check_group_by, timeline_json, timeline_sheet

    chosen = check_group_by(group_by)  # before any data is read

    def exporter(events: "Sequence[Event]", dataset: "Dataset") -> str:
        return (timeline_sheet if sheet else timeline_json)(events, dataset, chosen)

    export(exporter, filters, source, output, force)


@export_app.command("ics")
@shared_options
def export_ics_command(
    *,
    filters: "Filters",
    anniversaries: Annotated[
        bool, typer.Option("--anniversaries", help="Repeat each single-day event every year.")
    ] = False,
    source: DataSource,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """An iCalendar (RFC 5545) file of all-day events, for calendar programs."""
    from kzfp_cli.export.ics import calendar

    def exporter(events: "Sequence[Event]", dataset: "Dataset") -> str:
        return calendar(events, dataset, anniversaries=anniversaries)

    export(exporter, filters, source, output, force)


@export_app.command("html")
@shared_options
def export_html_command(
    *,
    filters: "Filters",
    source: DataSource,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """One self-contained HTML page with filters by partner, theme and year."""
    from kzfp_cli.export.html import timeline_html

    export(timeline_html, filters, source, output, force)


@export_app.command("md")
@shared_options
def export_md_command(
    *,
    filters: "Filters",
    source: DataSource,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """A Markdown timeline grouped by year, for reports."""
    from kzfp_cli.export.markdown import timeline_markdown

    export(timeline_markdown, filters, source, output, force)


@export_app.command("sqlite")
@shared_options
def export_sqlite_command(
    *,
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help="The database to write. Its Datasette metadata goes beside it, in "
            "FILE.metadata.json.",
        ),
    ],
    filters: "Filters",
    source: DataSource,
    force: ForceOption = False,
) -> None:
    """A SQLite database of the events and all they name, with full-text search, for
    Datasette, sqlite-utils and other SQLite clients."""
    from kzfp_cli import query
    from kzfp_cli.export.sqlite import check_database_target, database, datasette_name, metadata
    from kzfp_cli.output import write_output

    described = f"{file}.metadata.json"
    for path in (file, described):  # both, before anything is read or written
        check_database_target(path, force=force)
    dataset, event_filter = load_selected(source, filters)
    write_output(database(query.timeline(dataset, event_filter), dataset), file, force=force)
    write_output(metadata(datasette_name(file)), described, force=force)
