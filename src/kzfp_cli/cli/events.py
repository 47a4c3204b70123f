"""Commands about events: timeline, on, event show, search, stats and chart."""

# No ``from __future__ import annotations`` here: Typer reads these signatures on every
# run, and annotations kept as strings would be compiled again each time.

from typing import Annotated

import typer

from kzfp_cli.choices import LaneKind, Lang
from kzfp_cli.cli.app import KzfpCommand, group
from kzfp_cli.cli.common import (
    invocation,
    load,
    load_selected,
    read_again,
    say,
    show,
    translations,
    write_text,
)
from kzfp_cli.cli.options import (
    DataOption,
    FieldsOption,
    FormatOption,
    LanesByOption,
    LangOption,
    LimitOption,
    NoBuiltinOption,
    NoColorOption,
    OrgOption,
    PartnerOption,
    ReverseOption,
    SearchOption,
    SinceOption,
    ThemeOption,
    UntilOption,
    YearOption,
    completer,
    event_filters,
)


def timeline_command(
    ctx: typer.Context,
    partner: PartnerOption = None,
    org: OrgOption = None,
    theme: ThemeOption = None,
    year: YearOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    search: SearchOption = None,
    limit: LimitOption = None,
    reverse: ReverseOption = False,
    fields: FieldsOption = None,
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
    output_format: FormatOption = None,
    lang: LangOption = Lang.en,
    no_color: NoColorOption = False,
) -> None:
    """Events in chronological order, filtered by partner, organization, theme, date and text.

    Filters combine with AND; several values of one filter combine with OR. Dates match by
    overlap: a period from 2017 to 2018 matches --year 2018.
    """
    from kzfp_cli.views import event_listing

    run = invocation(ctx, no_color=no_color, data=data, no_builtin=no_builtin, lang=lang)
    filters = event_filters(partner, org, theme, year, since, until, search)
    dataset, events, _ = load_selected(run, filters, reverse=reverse, limit=limit)
    show(run, event_listing(events, dataset, run.language), output_format, fields)


def on_command(
    ctx: typer.Context,
    when: Annotated[
        str,
        typer.Argument(
            metavar="DATE",
            help="A day, a month or a year (2015-12-16, 'Dec 2015'), or a month and a day "
            "with no year (12-16, '16 Dec'): that day in every year.",
        ),
    ],
    limit: LimitOption = None,
    reverse: ReverseOption = False,
    fields: FieldsOption = None,
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
    output_format: FormatOption = None,
    lang: LangOption = Lang.en,
    no_color: NoColorOption = False,
) -> None:
    """What was happening on a date: the events whose dates cover it, as timeline lists them.

    A month and a day with no year (12-16, 16 Dec, Dec 16) lists the anniversaries: the
    events that began or ended on that day, in any year.
    """
    from kzfp_cli.query import Filters
    from kzfp_cli.views import event_listing

    run = invocation(ctx, no_color=no_color, data=data, no_builtin=no_builtin, lang=lang)
    dataset, events, _ = load_selected(run, Filters(when=when), reverse=reverse, limit=limit)
    show(run, event_listing(events, dataset, run.language), output_format, fields)


event_app = group("event", "Look up one event by its id.")


@event_app.command("show", cls=KzfpCommand)
def event_show_command(
    ctx: typer.Context,
    event_id: Annotated[
        str,
        typer.Argument(metavar="ID", autocompletion=completer("event"), help="The event's id."),
    ],
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
    output_format: FormatOption = None,
    lang: LangOption = Lang.en,
    no_color: NoColorOption = False,
) -> None:
    """Every field of one event, with its sources and notes."""
    from kzfp_cli.query import resolve_event
    from kzfp_cli.views import event_detail

    run = invocation(ctx, no_color=no_color, data=data, no_builtin=no_builtin, lang=lang)
    dataset = load(run)
    show(run, event_detail(resolve_event(dataset, event_id), dataset, run.language), output_format)


# The words of a query a message names, at most.
SHOWN_WORDS = 8


def search_command(
    ctx: typer.Context,
    words: Annotated[
        list[str], typer.Argument(metavar="TEXT...", help="A question, or words to look for.")
    ],
    limit: LimitOption = None,
    fields: FieldsOption = None,
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
    output_format: FormatOption = None,
    lang: LangOption = Lang.en,
    no_color: NoColorOption = False,
) -> None:
    """Search events, partners and organizations, best match first.

    Takes a question as typed, in English, Russian or Kazakh (when did Kazakhstan join the
    WTO; Қазақстан ШЫҰ-ға қашан кірді), leaving out its question words, and matches other
    forms of a word (joined, вступил), words of the same meaning, other names (Akmola,
    Astana) and small typos (Tokaev). A year or month in the question narrows the answer.
    What says every word comes first; when nothing does, says so on stderr.
    """
    from kzfp_cli.search import search_read
    from kzfp_cli.views import search_listing

    run = invocation(ctx, no_color=no_color, data=data, no_builtin=no_builtin, lang=lang)
    # Search reads every event in all three languages; hits are titled in the one shown.
    texts = {one: translations(run, one) for one in (Lang.ru, Lang.kk)}
    with read_again(run) as (known, read_events):
        text = " ".join(words)
        results = search_read(known, text, read_events, list(texts.values()), texts.get(run.lang))
    _ = run.language.gettext
    empty = None
    if results.when is not None and results.nearest:
        first, second = (*results.nearest, 0)[:2]
        empty = _("No events in {when}; the nearest years with events: {years}.").format(
            when=results.when.display(run.language.dates),
            years=_("{first} and {second}").format(first=first, second=second)
            if len(results.nearest) == 2
            else str(results.nearest[0]),
        )
    if results.partial:
        # A long query's words are not all echoed: the line stays one line.
        named = ", ".join(results.words[:SHOWN_WORDS])
        if len(results.words) > SHOWN_WORDS:
            more = len(results.words) - SHOWN_WORDS
            named = _("{words} and {count} more").format(words=named, count=more)
        say(
            _("Nothing holds all {count} words ({words}); the best matches hold {held}.").format(
                count=len(results.words), words=named, held=results.held
            )
        )
    hits = results.hits
    listing = search_listing(hits[:limit] if limit else hits, run.language, empty)
    show(run, listing, output_format, fields)


def stats_command(
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
    output_format: FormatOption = None,
    lang: LangOption = Lang.en,
    no_color: NoColorOption = False,
) -> None:
    """Counts of events per year, partner and theme, with the same filters as timeline."""
    from kzfp_cli.lookup import stats
    from kzfp_cli.views import stats_detail

    run = invocation(ctx, no_color=no_color, data=data, no_builtin=no_builtin, lang=lang)
    filters = event_filters(partner, org, theme, year, since, until, search)
    dataset, events, _ = load_selected(run, filters)
    show(run, stats_detail(stats(events), dataset, run.language), output_format)


def chart_command(
    ctx: typer.Context,
    partner: PartnerOption = None,
    org: OrgOption = None,
    theme: ThemeOption = None,
    year: YearOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    search: SearchOption = None,
    by: LanesByOption = LaneKind.partner,
    lanes: Annotated[
        int,
        typer.Option(
            "--lanes",
            min=1,
            metavar="N",
            help="N lanes of their own at most; the rest share one more.",
        ),
    ] = 12,
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
    lang: LangOption = Lang.en,
    no_color: NoColorOption = False,
) -> None:
    """A timeline chart in the terminal: a lane per partner, a mark per event, bars for
    periods. Plain characters when piped or without colour."""
    import sys

    from kzfp_cli.chart import chart_lines
    from kzfp_cli.terminal import Terminal
    from kzfp_cli.terminal import width as terminal_width

    run = invocation(ctx, no_color=no_color, data=data, no_builtin=no_builtin, lang=lang)
    filters = event_filters(partner, org, theme, year, since, until, search)
    dataset, events, chosen = load_selected(run, filters)
    terminal = Terminal.of(sys.stdout, no_color=run.no_color)
    width = terminal_width(sys.stdout)
    language = run.language
    # Lanes follow what was asked for: --partner china --partner russia draws those two.
    asked = {
        LaneKind.partner: chosen.partners,
        LaneKind.org: chosen.orgs,
        LaneKind.theme: chosen.themes,
    }[by]
    lines = chart_lines(
        events,
        dataset,
        language,
        by=by.value,
        width=width,
        lanes=lanes,
        unicode=terminal.color,
        asked=asked,
    )
    if not lines:
        say(language.gettext("No events match these filters."))
        return
    text = "\n".join(lines) + "\n"
    write_text(paint_chart(text) if terminal.color else text)


def paint_chart(text: str) -> str:
    """Colour the marks of a Unicode chart with plain ANSI codes (no Rich needed)."""
    colours = {"●": "33", "◆": "31", "━": "36"}
    return "".join(f"\x1b[{colours[c]}m{c}\x1b[0m" if c in colours else c for c in text)
