"""``kzfp export``: the selected events in other programs' formats, to stdout or a file.

These commands write a file's text rather than data in a chosen format, so they take
-o/--output but no -f/--format.
"""

# No ``from __future__ import annotations`` here: Typer reads these signatures on every
# run, and annotations kept as strings would be compiled again each time.

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from kzfp_cli.cli.app import group
from kzfp_cli.cli.common import load_selected, write_text
from kzfp_cli.cli.options import (
    DataOption,
    ForceOption,
    NoBuiltinOption,
    OrgOption,
    OutputOption,
    PartnerOption,
    SearchOption,
    SinceOption,
    ThemeOption,
    UntilOption,
    YearOption,
    filters,
)

if TYPE_CHECKING:
    from kzfp_cli.model import Dataset, Event
    from kzfp_cli.query import Filters

export_app = group(
    "export", "The timeline in other programs' formats: TimelineJS, iCalendar, HTML, Markdown."
)

Exporter = Callable[["Sequence[Event]", "Dataset"], str]


def export(
    exporter: Exporter,
    chosen: "Filters",
    data: list[str] | None,
    no_builtin: bool,
    output: str | None,
    force: bool,
) -> None:
    """Write the text ``exporter`` makes of the selected events to stdout (no output, or
    ``-``) or to the file ``output``."""
    from kzfp_cli import query
    from kzfp_cli.output import write_output

    dataset, event_filter = load_selected(data, no_builtin, chosen)
    text = exporter(query.timeline(dataset, event_filter), dataset)
    if output is None or output == "-":
        write_text(text)
    else:
        write_output(text, output, force=force)


@export_app.command("timelinejs")
def export_timelinejs_command(
    partner: PartnerOption = None,
    org: OrgOption = None,
    theme: ThemeOption = None,
    year: YearOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    search: SearchOption = None,
    sheet: Annotated[
        bool,
        typer.Option("--sheet", help="The 18-column CSV of the TimelineJS Google Sheet instead."),
    ] = False,
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """TimelineJS3 JSON (or, with --sheet, rows for its Google Sheets template)."""
    from kzfp_cli.export.timelinejs import timeline_json, timeline_sheet

    chosen = filters(partner, org, theme, year, since, until, search)
    export(timeline_sheet if sheet else timeline_json, chosen, data, no_builtin, output, force)


@export_app.command("ics")
def export_ics_command(
    partner: PartnerOption = None,
    org: OrgOption = None,
    theme: ThemeOption = None,
    year: YearOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    search: SearchOption = None,
    anniversaries: Annotated[
        bool, typer.Option("--anniversaries", help="Repeat each single-day event every year.")
    ] = False,
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """An iCalendar (RFC 5545) file of all-day events, for calendar programs."""
    from kzfp_cli.export.ics import calendar

    def exporter(events: "Sequence[Event]", dataset: "Dataset") -> str:
        return calendar(events, dataset, anniversaries=anniversaries)

    chosen = filters(partner, org, theme, year, since, until, search)
    export(exporter, chosen, data, no_builtin, output, force)


@export_app.command("html")
def export_html_command(
    partner: PartnerOption = None,
    org: OrgOption = None,
    theme: ThemeOption = None,
    year: YearOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    search: SearchOption = None,
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """One self-contained HTML page with filters by partner, theme and year."""
    from kzfp_cli.export.html import timeline_html

    chosen = filters(partner, org, theme, year, since, until, search)
    export(timeline_html, chosen, data, no_builtin, output, force)


@export_app.command("md")
def export_md_command(
    partner: PartnerOption = None,
    org: OrgOption = None,
    theme: ThemeOption = None,
    year: YearOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    search: SearchOption = None,
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """A Markdown timeline grouped by year, for reports."""
    from kzfp_cli.export.markdown import timeline_markdown

    chosen = filters(partner, org, theme, year, since, until, search)
    export(timeline_markdown, chosen, data, no_builtin, output, force)
