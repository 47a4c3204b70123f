"""``kzfp cite``: the sources of events, or the dataset itself, as references."""

# No ``from __future__ import annotations`` here: Typer reads these signatures on every
# run, and annotations kept as strings would be compiled again each time.

from typing import Annotated

import typer

from kzfp_cli.choices import CitationFormat
from kzfp_cli.cli.common import invocation, load, load_selected, write_output_text
from kzfp_cli.cli.options import (
    DataOption,
    ForceOption,
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
    completer,
    event_filters,
)
from kzfp_cli.errors import UsageError


def cite_command(
    ctx: typer.Context,
    event_ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[ID]...",
            autocompletion=completer("event"),
            help="Events whose sources to cite; without ids, the events the filters select.",
        ),
    ] = None,
    partner: PartnerOption = None,
    org: OrgOption = None,
    theme: ThemeOption = None,
    year: YearOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    search: SearchOption = None,
    dataset: Annotated[
        bool,
        typer.Option(
            "--dataset", help="Cite kzfp's data itself, with its version and review date."
        ),
    ] = False,
    citation_format: Annotated[
        CitationFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="text: one Chicago-style note a line (17th edition, notes and "
            "bibliography); bibtex (biblatex @online); ris; csl-json.",
        ),
    ] = CitationFormat.text,
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
    output: OutputOption = None,
    force: ForceOption = False,
    no_color: NoColorOption = False,
) -> None:
    """The sources of events as references for a citation manager or a footnote: of the
    events named, or of those the filters select (the same filters as timeline), each
    source once, in the order first cited."""
    from kzfp_cli import citations
    from kzfp_cli.query import resolve_event

    run = invocation(ctx, no_color=no_color, data=data, no_builtin=no_builtin)
    filters = event_filters(partner, org, theme, year, since, until, search)
    if dataset:
        if event_ids or filters != type(filters)():
            raise UsageError("--dataset cites the data itself: leave out event ids and filters")
        about = load(run).about
        assert about is not None  # the built-in tables are always read
        refs = [citations.dataset_reference(about)]
    elif event_ids:
        if filters != type(filters)():
            raise UsageError("name events by id or select them with filters, not both")
        known = load(run)
        refs = citations.references(resolve_event(known, ident) for ident in event_ids)
    else:
        refs = citations.references(load_selected(run, filters).events)
    writer = {
        CitationFormat.text: citations.chicago,
        CitationFormat.bibtex: citations.bibtex,
        CitationFormat.ris: citations.ris,
        CitationFormat.csl_json: citations.csl_json,
    }[citation_format]
    write_output_text(writer(refs), output, force)
