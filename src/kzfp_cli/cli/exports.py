"""``kzfp export``: the selected events in other programs' formats, to stdout or a file.

These commands write a file's text rather than data in a chosen format, so they take
-o/--output but no -f/--format. ``export sqlite`` writes a database, which only a file
can hold: it takes the file as its argument.
"""

# No ``from __future__ import annotations`` here: Typer reads these signatures on every
# run, and annotations kept as strings would be compiled again each time.

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from kzfp_cli.choices import Grouping, Lang
from kzfp_cli.cli.app import KzfpCommand, group
from kzfp_cli.cli.common import (
    Invocation,
    invocation,
    load_selected,
    read_selected,
    translations,
    write_output_text,
)
from kzfp_cli.cli.options import (
    DataOption,
    ForceOption,
    LangOption,
    NoBuiltinOption,
    NoColorOption,
    OrgOption,
    OutputOption,
    PartnerOption,
    SearchOption,
    SinceOption,
    ThemeOption,
    UntilOption,
    YearOption,
    event_filters,
)
from kzfp_cli.errors import UsageError

if TYPE_CHECKING:
    from kzfp_cli.language import Language
    from kzfp_cli.model import Dataset, Event
    from kzfp_cli.query import Filters

export_app = group(
    "export",
    "The timeline in other programs' formats: TimelineJS, iCalendar, HTML, Markdown, SQLite.",
)

# What an exporter makes: the text, whole or a piece at a time (a large export streams).
Exporter = Callable[["Sequence[Event]", "Dataset", "Language"], "str | Iterable[str]"]


def export(
    exporter: Exporter, filters: "Filters", run: Invocation, output: str | None, force: bool
) -> None:
    """Write the text ``exporter`` makes of the selected events, in the language of
    ``run``, to stdout (no output, or ``-``) or to the file ``output``."""
    dataset, events, _ = load_selected(run, filters)
    write_output_text(exporter(events, dataset, run.language), output, force)


@export_app.command("timelinejs", cls=KzfpCommand)
def export_timelinejs_command(
    ctx: typer.Context,
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
    group_by: Annotated[
        Grouping,
        typer.Option(
            "--group-by",
            case_sensitive=False,
            help="The rows TimelineJS draws: one per partner, organization or theme the "
            "filters name (else the four with most events) and one for the rest, or none "
            "(one timeline).",
        ),
    ] = Grouping.none,
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
    output: OutputOption = None,
    force: ForceOption = False,
    lang: LangOption = Lang.en,
    no_color: NoColorOption = False,
) -> None:
    """TimelineJS3 JSON (or, with --sheet, rows for its Google Sheets template)."""
    from kzfp_cli.export.timelinejs import Rows, timeline_json, timeline_sheet

    run = invocation(ctx, no_color=no_color, data=data, no_builtin=no_builtin, lang=lang)
    filters = event_filters(partner, org, theme, year, since, until, search)
    dataset, events, chosen = load_selected(run, filters)
    rows = Rows.of(group_by, chosen, events)
    text = (timeline_sheet if sheet else timeline_json)(events, dataset, run.language, rows)
    write_output_text(text, output, force)


@export_app.command("ics", cls=KzfpCommand)
def export_ics_command(
    ctx: typer.Context,
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
    lang: LangOption = Lang.en,
    no_color: NoColorOption = False,
) -> None:
    """An iCalendar (RFC 5545) file of all-day events, for calendar programs."""
    from kzfp_cli.export.ics import calendar

    run = invocation(ctx, no_color=no_color, data=data, no_builtin=no_builtin, lang=lang)
    filters = event_filters(partner, org, theme, year, since, until, search)

    def exporter(
        events: "Sequence[Event]", dataset: "Dataset", language: "Language"
    ) -> "Iterable[str]":
        return calendar(events, dataset, language, anniversaries=anniversaries)

    export(exporter, filters, run, output, force)


@export_app.command("html", cls=KzfpCommand)
def export_html_command(
    ctx: typer.Context,
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
    lang: LangOption = Lang.en,
    no_color: NoColorOption = False,
) -> None:
    """One self-contained HTML page with filters by partner, theme and year."""
    from kzfp_cli.export.html import timeline_html

    run = invocation(ctx, no_color=no_color, data=data, no_builtin=no_builtin, lang=lang)
    filters = event_filters(partner, org, theme, year, since, until, search)
    export(timeline_html, filters, run, output, force)


@export_app.command("md", cls=KzfpCommand)
def export_md_command(
    ctx: typer.Context,
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
    lang: LangOption = Lang.en,
    no_color: NoColorOption = False,
) -> None:
    """A Markdown timeline grouped by year, for reports."""
    from kzfp_cli.export.markdown import timeline_markdown

    run = invocation(ctx, no_color=no_color, data=data, no_builtin=no_builtin, lang=lang)
    filters = event_filters(partner, org, theme, year, since, until, search)
    export(timeline_markdown, filters, run, output, force)


@export_app.command("sqlite", cls=KzfpCommand)
def export_sqlite_command(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help="The database to write. Its Datasette metadata goes beside it, in "
            "FILE.metadata.json.",
        ),
    ],
    partner: PartnerOption = None,
    org: OrgOption = None,
    theme: ThemeOption = None,
    year: YearOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    search: SearchOption = None,
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
    force: ForceOption = False,
    lang: LangOption = Lang.en,
    no_color: NoColorOption = False,
) -> None:
    """A SQLite database of the events and all they name, with full-text search, for
    Datasette, sqlite-utils and other SQLite clients."""
    from kzfp_cli.export.sqlite import check_database_target, database, datasette_name, metadata
    from kzfp_cli.output import Made, names_stdout, write_outputs

    run = invocation(ctx, no_color=no_color, data=data, no_builtin=no_builtin, lang=lang)
    filters = event_filters(partner, org, theme, year, since, until, search)
    if names_stdout(file):
        raise UsageError("a database cannot go to stdout; name a file: kzfp export sqlite FILE")
    described = f"{file}.metadata.json"
    for path in (file, described):  # both, before anything is read or written
        check_database_target(path, force=force)
    # The database holds every language: the events are selected, and given, in English.
    dataset, events, _ = read_selected(run, filters)
    texts = [translations(run, code) for code in Lang if code is not Lang.en]
    # The pair is put in place together: never a new database beside old metadata.
    made = Made(lambda path: database(path, events, dataset, run.lang, texts))
    described_text = metadata(datasette_name(file), dataset.about)
    write_outputs([(made, file), (described_text, described)], force=force)
