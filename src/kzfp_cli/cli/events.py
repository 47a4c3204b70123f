"""Commands about events: timeline, event show, search, stats and chart."""

# No ``from __future__ import annotations`` here: Typer reads these signatures on every
# run, and annotations kept as strings would be compiled again each time.

from typing import TYPE_CHECKING, Annotated

import typer

from kzfp_cli.cli.app import group
from kzfp_cli.cli.common import load, load_selected, say, settings, show, write_text
from kzfp_cli.cli.options import (
    DataSource,
    FieldsOption,
    FormatOption,
    LimitOption,
    choices,
    completer,
    lane_kinds,
    shared_options,
)
from kzfp_cli.errors import UsageError

if TYPE_CHECKING:
    from kzfp_cli.query import Filters


@shared_options
def timeline_command(
    *,
    filters: "Filters",
    limit: LimitOption = None,
    reverse: Annotated[bool, typer.Option("--reverse", "-r", help="Newest first.")] = False,
    fields: FieldsOption = None,
    source: DataSource,
    output_format: FormatOption = None,
) -> None:
    """Events in chronological order, filtered by partner, organization, theme, date and text.

    Filters combine with AND; several values of one filter combine with OR. Dates match by
    overlap: a period from 2017 to 2018 matches --year 2018.
    """
    from kzfp_cli import query
    from kzfp_cli.views import event_listing

    dataset, event_filter = load_selected(source, filters)
    events = query.timeline(dataset, event_filter, reverse=reverse, limit=limit)
    show(event_listing(events, dataset), output_format, fields)


event_app = group("event", "Look up one event by its id.")


@event_app.command("show")
@shared_options
def event_show_command(
    *,
    event_id: Annotated[
        str,
        typer.Argument(metavar="ID", autocompletion=completer("event"), help="The event's id."),
    ],
    source: DataSource,
    output_format: FormatOption = None,
) -> None:
    """Every field of one event, with its sources and notes."""
    from kzfp_cli.query import resolve_event
    from kzfp_cli.views import event_detail

    dataset = load(source)
    show(event_detail(resolve_event(dataset, event_id), dataset), output_format)


@shared_options
def search_command(
    *,
    words: Annotated[
        list[str], typer.Argument(metavar="TEXT...", help="A question, or words to look for.")
    ],
    limit: LimitOption = None,
    fields: FieldsOption = None,
    source: DataSource,
    output_format: FormatOption = None,
) -> None:
    """Search events, partners and organizations, best match first.

    Takes a question as typed (when did Kazakhstan join the WTO), leaving out its stop
    words, and matches other forms of a word (joined, membership), small typos and other
    spellings (Tokaev, Nursultan, Ujghurs). When nothing holds every word, shows what holds
    the most and says so on stderr.
    """
    from kzfp_cli.search import search
    from kzfp_cli.views import search_listing

    results = search(load(source), " ".join(words))
    if results.partial:
        say(
            f"Nothing holds all {len(results.words)} words ({', '.join(results.words)});"
            f" showing what holds {results.held}."
        )
    hits = results.hits
    show(search_listing(hits[:limit] if limit else hits), output_format, fields)


@shared_options
def stats_command(
    *,
    filters: "Filters",
    source: DataSource,
    output_format: FormatOption = None,
) -> None:
    """Counts of events per year, partner and theme, with the same filters as timeline."""
    from kzfp_cli import query
    from kzfp_cli.lookup import stats
    from kzfp_cli.views import stats_detail

    dataset, event_filter = load_selected(source, filters)
    show(stats_detail(stats(query.timeline(dataset, event_filter)), dataset), output_format)


@shared_options
def chart_command(
    *,
    filters: "Filters",
    by: Annotated[
        str,
        typer.Option(
            "--by",
            metavar="KIND",
            autocompletion=choices(lane_kinds),
            help="One lane per partner, org or theme.",
        ),
    ] = "partner",
    lanes: Annotated[
        int,
        typer.Option(
            "--lanes",
            min=1,
            metavar="N",
            help="N lanes of their own at most; the rest share one more.",
        ),
    ] = 12,
    source: DataSource,
) -> None:
    """A timeline chart in the terminal: a lane per partner, a mark per event, bars for
    periods. Plain characters when piped or without colour."""
    import sys

    from kzfp_cli import query
    from kzfp_cli.chart import LANE_KINDS, chart_lines
    from kzfp_cli.terminal import Terminal
    from kzfp_cli.terminal import width as terminal_width

    if by not in LANE_KINDS:
        raise UsageError(f"--by {by}: choose one of: {', '.join(LANE_KINDS)}")
    dataset, event_filter = load_selected(source, filters)
    events = query.timeline(dataset, event_filter)
    terminal = Terminal.of(sys.stdout, no_color=settings.no_color)
    width = terminal_width(sys.stdout)
    lines = chart_lines(events, dataset, by=by, width=width, lanes=lanes, unicode=terminal.color)
    if not lines:
        say("No events match these filters.")
        return
    text = "\n".join(lines) + "\n"
    write_text(paint_chart(text) if terminal.color else text)


def paint_chart(text: str) -> str:
    """Colour the marks of a Unicode chart with plain ANSI codes (no Rich needed)."""
    colours = {"●": "33", "◆": "31", "━": "36"}
    return "".join(f"\x1b[{colours[c]}m{c}\x1b[0m" if c in colours else c for c in text)
