"""Every option shared by several commands, declared once, and the decorator that gives
them to a command as one value per group (filters, the data to read)."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, TypeVar, cast

import typer

from kzfp_cli.cli.common import settings
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


def lane_kinds() -> list[tuple[str, str]]:
    from kzfp_cli.chart import LANE_KINDS

    return [(kind, f"one lane per {kind}") for kind in LANE_KINDS]


def schema_names() -> list[tuple[str, str]]:
    from kzfp_cli.schemas import all_schemas

    return [(schema.name, schema.title) for schema in all_schemas()]


def complete_listing_command(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Completion of ``kzfp fields COMMAND``, whose names may be two words (org list)."""
    from kzfp_cli.cli.tools import listing_fields

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


# The format is read as text and checked by render.choose_format, so that a wrong value
# gets the same one-line message whatever Typer version does the parsing. The list is
# written out rather than taken from render.OutputFormat, which would cost every start
# an import of the renderers; a test checks that the two agree.
FORMAT_HELP = {
    "table": "a table for people (the default on a terminal)",
    "plain": "tab-separated columns (the default into a pipe)",
    "json": "one JSON array or object",
    "jsonl": "one JSON object a line",
    "csv": "comma-separated values with a header",
    "tsv": "tab-separated values with a header",
    "md": "a Markdown table",
}
FORMATS = ", ".join(FORMAT_HELP)
complete_format = choices(lambda: list(FORMAT_HELP.items()))


def format_option(help: str) -> Any:
    """--format, -f, completed with the formats, with this help."""
    return typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        show_default=False,
        autocompletion=complete_format,
        help=help,
    )


FormatOption = Annotated[
    str | None,
    format_option(
        f"One of: {FORMATS}. Default: table on a terminal, plain (tab-separated columns) "
        "when piped."
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


class DataSource(NamedTuple):
    """Where a command's events come from: the user's files (--data, and KZFP_DATA) and
    whether the built-in events are read too."""

    files: list[str]
    builtin: bool


def _filters(
    partner: list[str] | None,
    org: list[str] | None,
    theme: list[str] | None,
    year: str | None,
    since: str | None,
    until: str | None,
    search: str | None,
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


def _source(data: list[str] | None, no_builtin: bool) -> DataSource:
    """The data options, with those given before the command (kzfp --data FILE ...)
    first."""
    from kzfp_cli.store import data_files

    files = [*settings.data, *(data or ())]
    return DataSource(data_files(files), not (no_builtin or settings.no_builtin))


def _options(*declared: tuple[str, Any, Any]) -> tuple[inspect.Parameter, ...]:
    return tuple(
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=kind)
        for name, kind, default in declared
    )


# The options a command gets in place of a parameter of one of these names, and what
# turns their values into the one value the command receives.
_GROUPS: dict[str, tuple[tuple[inspect.Parameter, ...], Callable[..., Any]]] = {
    "filters": (
        _options(
            ("partner", PartnerOption, None),
            ("org", OrgOption, None),
            ("theme", ThemeOption, None),
            ("year", YearOption, None),
            ("since", SinceOption, None),
            ("until", UntilOption, None),
            ("search", SearchOption, None),
        ),
        _filters,
    ),
    "source": (
        _options(("data", DataOption, None), ("no_builtin", NoBuiltinOption, False)),
        _source,
    ),
}

Command = TypeVar("Command", bound=Callable[..., None])


def shared_options(command: Command) -> Command:
    """Give a command the options it shares with others, declared once here: a parameter
    named ``filters`` becomes the filter options (--partner ... --search), one named
    ``source`` the data options (--data, --no-builtin), each where the parameter stands.
    The command receives each group as one value: a ``query.Filters``, a ``DataSource``.
    Every command also gets --no-color, which kzfp itself takes too, so that it works on
    either side of the command's name.

    Typer reads a command's options from its signature, so the signature shown to it is
    the command's own with each such parameter replaced by its group's options."""
    signature = inspect.signature(command)
    groups = [name for name in signature.parameters if name in _GROUPS]
    parameters: list[inspect.Parameter] = []
    for parameter in signature.parameters.values():
        if parameter.name in _GROUPS:
            parameters.extend(_GROUPS[parameter.name][0])
        else:  # any order is valid for keyword-only parameters, which is how Typer calls
            parameters.append(parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY))
    parameters.extend(_options(("no_color", NoColorOption, False)))

    @functools.wraps(command)
    def run(**options: Any) -> None:
        if options.pop("no_color"):
            settings.no_color = True
        for name in groups:
            declared, make = _GROUPS[name]
            options[name] = make(*(options.pop(option.name) for option in declared))
        command(**options)

    # Typer reads the options from the signature, and their types from the annotations.
    run.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    run.__annotations__ = {parameter.name: parameter.annotation for parameter in parameters}
    return cast(Command, run)
