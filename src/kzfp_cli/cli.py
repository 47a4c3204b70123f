"""The ``kzfp`` command: options in, a call into the library, a renderer out."""

import os
import shutil
import sys
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from kzfp_cli import __version__, entry
from kzfp_cli.errors import (
    EXIT_BROKEN_PIPE,
    EXIT_DATA,
    EXIT_INTERRUPTED,
    KzfpError,
    UsageError,
)
from kzfp_cli.model import Dataset, Event
from kzfp_cli.names import UnknownNameError
from kzfp_cli.progress import file_progress
from kzfp_cli.query import EventFilter, build_filter, resolve_event, timeline
from kzfp_cli.render import OutputFormat, choose_format, render
from kzfp_cli.safe_text import caret
from kzfp_cli.store import check, data_files, load_dataset
from kzfp_cli.terminal import Terminal
from kzfp_cli.views import (
    LISTING_FIELDS,
    Listing,
    Output,
    event_detail,
    event_listing,
    fields_listing,
    org_detail_view,
    org_listing,
    partner_detail,
    partner_listing,
    problem_listing,
    schema_listing,
    search_listing,
    stats_detail,
    theme_listing,
)

# Typer bundles its own Click; its base error class is reached through a public subclass.
_CLICK_ERROR: type[Exception] = next(
    cls for cls in typer.BadParameter.__mro__ if cls.__name__ == "ClickException"
)


class KzfpGroup(TyperGroup):
    """Reports every error as one line on stderr with a documented exit code.

    Click would print usage text and a hint over several lines, and an unexpected
    exception would print a traceback; both are replaced by ``kzfp: error: ...``.
    """

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        call = {"args": args, "prog_name": prog_name, "complete_var": complete_var, **extra}
        if not standalone_mode:
            return super().main(standalone_mode=False, **call)
        try:
            code = super().main(standalone_mode=False, **call)
        except KzfpError as error:
            for line in error.lines:
                _say(f"kzfp: error: {line}")
            sys.exit(error.exit_code)
        except typer.Abort:
            _say("kzfp: aborted")
            sys.exit(EXIT_INTERRUPTED)
        except _CLICK_ERROR as error:
            # With no arguments Typer has already printed the help; the error only
            # carries the exit code (Typer itself tells this error by its name).
            if type(error).__name__ != "NoArgsIsHelpError":
                _say(_click_error_line(error))
            sys.exit(getattr(error, "exit_code", 2))
        except Exception as error:  # never a traceback for the user
            if os.environ.get("KZFP_DEBUG"):
                raise
            _say(
                f"kzfp: internal error: {type(error).__name__}: {error} "
                "(set KZFP_DEBUG=1 to see the traceback, and please report it)"
            )
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def _say(line: str) -> None:
    # Error lines echo what the user typed or what a data file holds: keep them inert.
    print(caret(line), file=sys.stderr)


def _click_error_line(error: Exception) -> str:
    message = " ".join(error.format_message().split())  # type: ignore[attr-defined]
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        return f"kzfp: error: {message} (see '{ctx.command_path} --help')"
    return f"kzfp: error: {message}"


class _LazyCommands(MutableMapping[str, Any]):
    """The subcommands of ``kzfp``, each built by Typer the first time it is looked up.

    Typer turns every option of every command into Click objects when a group is built,
    which was a tenth of a lookup's time for the 19 commands it did not run. The names
    are all known at once, so listing, completing and "did you mean" work unchanged.
    """

    def __init__(self) -> None:
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name in _COMMANDS:
                self._built[name] = typer.main.get_command(_COMMANDS[name])
            else:
                self._built[name] = typer.main.get_group(_GROUPS[name])  # KeyError: unknown
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        # Commands, then groups, as Typer lists them in --help.
        return iter(dict.fromkeys([*_COMMANDS, *_GROUPS, *self._built]))

    def __len__(self) -> int:
        return len(set(self))


class KzfpRootGroup(KzfpGroup):
    """The ``kzfp`` group, whose subcommands are built only when they are needed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _LazyCommands()


# The top-level commands, each a Typer app of one command, and the groups of commands.
_COMMANDS: dict[str, typer.Typer] = {}
_GROUPS: dict[str, typer.Typer] = {}


def _command(name: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register a top-level command, as ``app.command(name)`` would, to be built lazily."""
    single = typer.Typer(add_completion=False, rich_markup_mode="markdown")
    _COMMANDS[name] = single
    return single.command(name)


def _group(name: str, help_text: str) -> typer.Typer:
    group = typer.Typer(
        cls=KzfpGroup,
        name=name,
        help=help_text,
        no_args_is_help=True,
        rich_markup_mode="markdown",
    )
    _GROUPS[name] = group
    return group


app = typer.Typer(
    cls=KzfpRootGroup,
    name="kzfp",
    help="Kazakhstan's foreign policy as a timeline: dated events, partners and organizations.",
    epilog="Exit codes: 0 success (also when nothing matches), 2 usage error, 3 data error, "
    "4 output file not written, 130 interrupted, 141 reader of the pipe gone.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
    pretty_exceptions_enable=False,
)
event_app = _group("event", "Look up one event by its id.")
partner_app = _group("partner", "States and blocs Kazakhstan deals with.")
org_app = _group("org", "International organizations Kazakhstan belongs to, and the roles it held.")
theme_app = _group("theme", "The themes events are tagged with.")
schema_app = _group("schema", "JSON Schemas of the objects kzfp prints as JSON.")
export_app = _group(
    "export", "The timeline in other programs' formats: TimelineJS, iCalendar, HTML, Markdown."
)


def _completer(kind: str) -> Callable[[str], list[tuple[str, str]]]:
    """Shell completion of the known ids of one kind, with their names as help."""

    def complete(incomplete: str) -> list[tuple[str, str]]:
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


# Options shared by several commands are declared once.
# The format is read as text and checked by render.choose_format, so that a wrong value
# gets the same one-line message whatever Typer version does the parsing.
FORMATS = ", ".join(f.value for f in OutputFormat)
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
        help="Add the events of this CSV file (repeatable; also KZFP_DATA, separated like PATH).",
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
PartnerOption = Annotated[
    list[str] | None,
    typer.Option(
        "--partner",
        "-p",
        metavar="PARTNER",
        autocompletion=_completer("partner"),
        help="Only events with this partner (id, name, ISO code or Wikidata id: russia, RUS, "
        "'Russian Federation', Q159). "
        "Repeat, or separate with commas, for any of several.",
    ),
]
OrgOption = Annotated[
    list[str] | None,
    typer.Option(
        "--org",
        "-o",
        metavar="ORG",
        autocompletion=_completer("org"),
        help="Only events involving this organization (wto, osce...).",
    ),
]
ThemeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--theme",
        "-t",
        metavar="THEME",
        autocompletion=_completer("theme"),
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
LimitOption = Annotated[
    int | None,
    typer.Option("--limit", "-n", min=1, metavar="N", help="Show at most this many."),
]


def _dataset(data: list[str] | None, no_builtin: bool) -> Dataset:
    """The built-in data with the user's events files (--data and KZFP_DATA)."""
    files = data_files(data or ())
    with file_progress(files) as progress:
        return load_dataset(files, builtin=not no_builtin, progress=progress)


def _selected(
    data: list[str] | None,
    no_builtin: bool,
    partner: list[str] | None,
    org: list[str] | None,
    theme: list[str] | None,
    year: str | None,
    since: str | None,
    until: str | None,
    search: str | None = None,
) -> tuple[Dataset, EventFilter]:
    """The dataset and the filter the shared options describe. A user's events are read
    keeping only those the filter selects, so a large file costs memory for what is shown.
    """
    files = data_files(data or ())

    def select(reference: Dataset) -> EventFilter | None:
        # A name that only the user's files define cannot filter yet: then keep every
        # event and resolve the name once they are read.
        try:
            return _filter(reference, partner, org, theme, year, since, until, search)
        except UnknownNameError:
            return None

    with file_progress(files) as progress:
        dataset = load_dataset(files, builtin=not no_builtin, select=select, progress=progress)
    return dataset, _filter(dataset, partner, org, theme, year, since, until, search)


def _filter(
    dataset: Dataset,
    partner: list[str] | None,
    org: list[str] | None,
    theme: list[str] | None,
    year: str | None,
    since: str | None,
    until: str | None,
    search: str | None = None,
) -> EventFilter:
    """The filter the shared event options describe (Typer passes None for absent lists)."""
    return build_filter(
        dataset,
        partners=partner or (),
        orgs=org or (),
        themes=theme or (),
        year=year,
        since=since,
        until=until,
        text=search,
    )


class _Settings:
    """Options of the kzfp command itself, set by the root callback on every run."""

    no_color = False


_settings = _Settings()


def _print(output: Output, output_format: str | None, fields: str | None = None) -> None:
    if entry.shown is not None:
        entry.shown.append(output)
    if fields is not None and isinstance(output, Listing):
        output = output.select([name.strip() for name in fields.split(",") if name.strip()])
    terminal = Terminal.of(sys.stdout, no_color=_settings.no_color)
    chosen = choose_format(output_format, terminal)
    try:
        render(output, chosen, sys.stdout, sys.stderr, color=terminal.color)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader has gone (kzfp ... | head -1): stop quietly, with the status a
        # command killed by SIGPIPE reports, and let nothing more reach the closed pipe.
        _discard_stdout()
        raise typer.Exit(EXIT_BROKEN_PIPE) from None


def _discard_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests)
        pass


def _version(value: bool) -> None:
    if value:
        print(f"kzfp {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colour, even on a terminal (as NO_COLOR=1).")
    ] = False,
) -> None:
    """Kazakhstan's foreign policy as a timeline: dated events, partners and organizations."""
    _settings.no_color = no_color


@_command("timeline")
def timeline_command(
    partner: PartnerOption = None,
    org: OrgOption = None,
    theme: ThemeOption = None,
    year: YearOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    search: SearchOption = None,
    limit: LimitOption = None,
    reverse: Annotated[bool, typer.Option("--reverse", "-r", help="Newest first.")] = False,
    fields: FieldsOption = None,
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
    output_format: FormatOption = None,
) -> None:
    """Events in chronological order, filtered by partner, organization, theme, date and text.

    Filters combine with AND; several values of one filter combine with OR. Dates match by
    overlap: a period from 2017 to 2018 matches --year 2018.
    """
    dataset, event_filter = _selected(
        data, no_builtin, partner, org, theme, year, since, until, search
    )
    events = timeline(dataset, event_filter, reverse=reverse, limit=limit)
    _print(event_listing(events, dataset), output_format, fields)


@event_app.command("show")
def event_show_command(
    event_id: Annotated[
        str,
        typer.Argument(metavar="ID", autocompletion=_completer("event"), help="The event's id."),
    ],
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
    output_format: FormatOption = None,
) -> None:
    """Every field of one event, with its sources and notes."""
    dataset = _dataset(data, no_builtin)
    _print(event_detail(resolve_event(dataset, event_id), dataset), output_format)


@partner_app.command("list")
def partner_list_command(
    fields: FieldsOption = None,
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
    output_format: FormatOption = None,
) -> None:
    """Partners with their number of events and the first and last dates they appear."""
    from kzfp_cli.lookup import partner_summaries

    _print(partner_listing(partner_summaries(_dataset(data, no_builtin))), output_format, fields)


@partner_app.command("show")
def partner_show_command(
    name: Annotated[
        str,
        typer.Argument(
            metavar="PARTNER", autocompletion=_completer("partner"), help="Id or alias."
        ),
    ],
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
    output_format: FormatOption = None,
) -> None:
    """Who a partner is to Kazakhstan, shared interests and tensions, and its timeline."""
    from kzfp_cli.lookup import partner_profile

    dataset = _dataset(data, no_builtin)
    _print(partner_detail(partner_profile(dataset, name), dataset), output_format)


@org_app.command("list")
def org_list_command(
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="DATE",
            help="Only memberships and roles held on this date (2016-06-01, 'Jun 2016').",
        ),
    ] = None,
    fields: FieldsOption = None,
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
    output_format: FormatOption = None,
) -> None:
    """Organizations with the date Kazakhstan joined and the roles it held, oldest first."""
    from kzfp_cli.lookup import org_summaries
    from kzfp_cli.query import window_on

    window = window_on(on) if on is not None else None
    _print(org_listing(org_summaries(_dataset(data, no_builtin), on=window)), output_format, fields)


@org_app.command("show")
def org_show_command(
    name: Annotated[
        str,
        typer.Argument(metavar="ORG", autocompletion=_completer("org"), help="Id or alias."),
    ],
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
    output_format: FormatOption = None,
) -> None:
    """An organization: Kazakhstan's membership, the roles it held and related events."""
    from kzfp_cli.lookup import org_detail

    dataset = _dataset(data, no_builtin)
    _print(org_detail_view(org_detail(dataset, name), dataset), output_format)


@theme_app.command("list")
def theme_list_command(
    fields: FieldsOption = None,
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
    output_format: FormatOption = None,
) -> None:
    """The themes, what each means, and how many events carry it."""
    from kzfp_cli.lookup import theme_summaries

    _print(theme_listing(theme_summaries(_dataset(data, no_builtin))), output_format, fields)


@_command("search")
def search_command(
    words: Annotated[list[str], typer.Argument(metavar="TEXT...", help="Words to look for.")],
    limit: LimitOption = None,
    fields: FieldsOption = None,
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
    output_format: FormatOption = None,
) -> None:
    """Search events, partners and organizations, best match first.

    Tolerates small typos and other spellings (Tokaev, Nursultan, Ujghurs).
    """
    from kzfp_cli.search import search

    hits = search(_dataset(data, no_builtin), " ".join(words))
    _print(search_listing(hits[:limit] if limit else hits), output_format, fields)


@_command("stats")
def stats_command(
    partner: PartnerOption = None,
    org: OrgOption = None,
    theme: ThemeOption = None,
    year: YearOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
    output_format: FormatOption = None,
) -> None:
    """Counts of events per year, partner and theme, with the same filters as timeline."""
    from kzfp_cli.lookup import stats

    dataset, event_filter = _selected(data, no_builtin, partner, org, theme, year, since, until)
    _print(stats_detail(stats(timeline(dataset, event_filter)), dataset), output_format)


def _events(
    data: list[str] | None,
    no_builtin: bool,
    partner: list[str] | None,
    org: list[str] | None,
    theme: list[str] | None,
    year: str | None,
    since: str | None,
    until: str | None,
    search: str | None,
) -> tuple[Dataset, list[Event]]:
    """The dataset and the events the shared filter options select, oldest first."""
    dataset, event_filter = _selected(
        data, no_builtin, partner, org, theme, year, since, until, search
    )
    return dataset, timeline(dataset, event_filter)


@_command("chart")
def chart_command(
    partner: PartnerOption = None,
    org: OrgOption = None,
    theme: ThemeOption = None,
    year: YearOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    search: SearchOption = None,
    by: Annotated[
        str,
        typer.Option("--by", metavar="KIND", help="One lane per partner, org or theme."),
    ] = "partner",
    lanes: Annotated[
        int,
        typer.Option("--lanes", min=1, metavar="N", help="At most N lanes; the rest share one."),
    ] = 12,
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
) -> None:
    """A timeline chart in the terminal: a lane per partner, a mark per event, bars for
    periods. Plain characters when piped or without colour."""
    from kzfp_cli.chart import LANE_KINDS, chart_lines

    if by not in LANE_KINDS:
        raise UsageError(f"--by {by}: choose one of: {', '.join(LANE_KINDS)}")
    dataset, events = _events(data, no_builtin, partner, org, theme, year, since, until, search)
    terminal = Terminal.of(sys.stdout, no_color=_settings.no_color)
    width = shutil.get_terminal_size((80, 24)).columns
    lines = chart_lines(events, dataset, by=by, width=width, lanes=lanes, unicode=terminal.color)
    if not lines:
        _say("No events match these filters.")
        return
    text = "\n".join(lines) + "\n"
    _print_text(paint_chart(text) if terminal.color else text)


def _print_text(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()
        raise typer.Exit(EXIT_BROKEN_PIPE) from None


def paint_chart(text: str) -> str:
    """Colour the marks of a Unicode chart with plain ANSI codes (no Rich needed)."""
    colours = {"●": "33", "◆": "31", "━": "36"}
    return "".join(f"\x1b[{colours[c]}m{c}\x1b[0m" if c in colours else c for c in text)


def _export(
    render: Callable[[Sequence[Event], Dataset], str],
    filters: tuple[Any, ...],
    output: str | None,
    force: bool,
) -> None:
    from kzfp_cli.output import write_output

    dataset, events = _events(*filters)
    text = render(events, dataset)
    if output is None or output == "-":
        _print_text(text)
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

    filters = (data, no_builtin, partner, org, theme, year, since, until, search)
    _export(timeline_sheet if sheet else timeline_json, filters, output, force)


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

    filters = (data, no_builtin, partner, org, theme, year, since, until, search)
    _export(lambda e, d: calendar(e, d, anniversaries=anniversaries), filters, output, force)


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

    filters = (data, no_builtin, partner, org, theme, year, since, until, search)
    _export(timeline_html, filters, output, force)


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

    filters = (data, no_builtin, partner, org, theme, year, since, until, search)
    _export(timeline_markdown, filters, output, force)


@_command("validate")
def validate_command(
    files: Annotated[list[str], typer.Argument(metavar="FILE...", help="Events CSV files.")],
    no_builtin: NoBuiltinOption = False,
    output_format: FormatOption = None,
) -> None:
    """Check events files as --data reads them; report every problem, then a count.

    Problems print like a compiler's, as file:line: column: message. Errors make the exit
    status 3; warnings (a new partner id, a control character) do not.
    """
    _, problems = check(files, builtin=not no_builtin, problems_only=True)
    found = problems.ordered()
    _print(problem_listing(found), output_format or OutputFormat.plain.value)
    errors = sum(problem.severity == "error" for problem in found)
    warnings = len(found) - errors
    _say(
        f"{_count(errors, 'error')}, {_count(warnings, 'warning')} in {_count(len(files), 'file')}"
    )
    if errors:
        raise typer.Exit(EXIT_DATA)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


@_command("fields")
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
    wanted = " ".join(command or ())
    if wanted and wanted not in LISTING_FIELDS:
        choices = ", ".join(f"'{name}'" for name in LISTING_FIELDS)
        raise UsageError(f"'{wanted}' is not a listing command; choose one of: {choices}")
    _print(fields_listing([wanted] if wanted else list(LISTING_FIELDS)), output_format)


@schema_app.command("list")
def schema_list_command(output_format: FormatOption = None) -> None:
    """The JSON Schemas, one for each kind of object kzfp prints."""
    from kzfp_cli.schemas import all_schemas

    _print(schema_listing(all_schemas()), output_format)


@schema_app.command("show")
def schema_show_command(
    name: Annotated[str, typer.Argument(metavar="NAME", help="A name from kzfp schema list.")],
) -> None:
    """Print one JSON Schema (draft 2020-12). It is JSON, whatever the terminal."""
    from kzfp_cli.schemas import find_schema

    sys.stdout.write(find_schema(name).text)


def main() -> None:
    """Run the kzfp command (the console script starts here through kzfp_cli.entry)."""
    app(prog_name="kzfp")
