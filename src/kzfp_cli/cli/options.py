"""Every option shared by several commands, declared once as an ``Annotated`` type that
each command takes as its own parameter, and the function that turns the filter options
into one ``query.Filters``."""

# No ``from __future__ import annotations`` here: Typer reads the signatures of the
# callbacks and completion functions below on every run, and annotations kept as strings
# would be evaluated again each time.

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kzfp_cli.choices import LaneKind, Lang, OutputFormat, format_spec
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


def choices(values: Callable[[], list[tuple[str, str]]]) -> Callable[[str], list[tuple[str, str]]]:
    """Shell completion of a fixed set of values, with their help; ``values`` is called
    only when completing, so its imports cost nothing on a run."""

    def complete(incomplete: str) -> list[tuple[str, str]]:
        folded = incomplete.lower()
        return [(value, about) for value, about in values() if value.startswith(folded)]

    return complete


def schema_names() -> list[tuple[str, str]]:
    from kzfp_cli.schemas import all_schemas

    return [(schema.name, schema.title) for schema in all_schemas()]


def listing_fields() -> dict[str, Sequence[str]]:
    """What --fields can choose from, per listing command: the fields of what it lists."""
    from kzfp_cli import views

    return {
        "timeline": views.EVENT_FIELDS,
        "on": views.EVENT_FIELDS,
        "org list": views.ORG_FIELDS,
        "partner list": views.PARTNER_FIELDS,
        "theme list": views.THEME_FIELDS,
        "search": views.HIT_FIELDS,
    }


def complete_listing_command(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Completion of ``kzfp fields COMMAND``, whose names may be two words (org list)."""
    typed = " ".join(ctx.params.get("command") or ())
    words = [name.split() for name in listing_fields()]
    given = typed.split()
    found = {
        name[len(given)]: " ".join(name)
        for name in words
        if len(name) > len(given) and name[: len(given)] == given
    }
    return [
        (word, f"the fields of kzfp {name}")
        for word, name in found.items()
        if word.startswith(incomplete.lower())
    ]


def complete_format(incomplete: str) -> list[tuple[str, str]]:
    """The formats, each with its help from the table of formats."""
    return [
        (chosen.value, format_spec(chosen).help)
        for chosen in OutputFormat
        if chosen.value.startswith(incomplete.lower())
    ]


def format_option(help: str) -> Any:
    """--format, -f, one of the output formats in any case, with this help."""
    return typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        case_sensitive=False,
        show_default=False,
        autocompletion=complete_format,
        help=help,
    )


FormatOption = Annotated[
    OutputFormat | None,
    format_option(
        f"One of: {', '.join(chosen.value for chosen in OutputFormat)}. Default: table on a "
        "terminal, plain (tab-separated columns) when piped."
    ),
]
# Not before the command, as --no-color is: it is given per command, or for a whole
# session in KZFP_LANG (which a value given here overrides, as Click reads it).
LangOption = Annotated[
    Lang,
    typer.Option(
        "--lang",
        metavar="LANG",
        case_sensitive=False,
        envvar="KZFP_LANG",
        show_default=False,
        help="Language of the text: en, ru or kk (Cyrillic Kazakh); also KZFP_LANG.",
    ),
]
NoColorOption = Annotated[
    bool,
    typer.Option("--no-color", help="No colour, even on a terminal (as NO_COLOR=1)."),
]
DataOption = Annotated[
    list[str] | None,
    typer.Option(
        "--data",
        metavar="FILE",
        help="Add the events of this file (CSV, or kzfp's own JSON or JSON lines); - is "
        "standard input (repeatable; also KZFP_DATA, separated like PATH).",
    ),
]
NoBuiltinOption = Annotated[
    bool,
    typer.Option("--no-builtin", help="Leave out the built-in events: only those of --data."),
]


def _file_name(value: str | None) -> str | None:
    if value == "":
        raise typer.BadParameter("needs a file name (or - for stdout)")
    return value


OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        callback=_file_name,
        help="Write to FILE instead of stdout.",
    ),
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
        help="Only events that end on or after this date (2015, 'Dec 2015', '2 years ago').",
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option(
        "--until",
        metavar="DATE",
        help="Only events that start on or before this date (2020, yesterday).",
    ),
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


ReverseOption = Annotated[bool, typer.Option("--reverse", "-r", help="Newest first.")]
LanesByOption = Annotated[
    LaneKind,
    typer.Option("--by", case_sensitive=False, help="One lane per partner, org or theme."),
]


def event_filters(
    partner: list[str] | None,
    org: list[str] | None,
    theme: list[str] | None,
    year: str | None,
    since: str | None,
    until: str | None,
    search: str | None,
) -> "Filters":
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
