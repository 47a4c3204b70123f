"""The ``kzfp`` command: options in, a call into the library, a renderer out."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from kzfp_cli import __version__
from kzfp_cli.errors import EXIT_INTERRUPTED, KzfpError
from kzfp_cli.query import build_filter, org_summaries, timeline
from kzfp_cli.render import OutputFormat, parse_format, render
from kzfp_cli.safe_text import caret
from kzfp_cli.store import load_dataset
from kzfp_cli.views import Listing, event_listing, org_listing

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


app = typer.Typer(
    cls=KzfpGroup,
    name="kzfp",
    help="Kazakhstan's foreign policy as a timeline: dated events, partners and organizations.",
    epilog="Exit codes: 0 success (also when nothing matches), 2 usage error, 3 data error.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
    add_completion=False,
    pretty_exceptions_enable=False,
)
org_app = typer.Typer(
    cls=KzfpGroup,
    help="International organizations Kazakhstan belongs to, and the roles it held.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
app.add_typer(org_app, name="org")

# Options shared by several commands are declared once.
# The format is read as text and checked by render.parse_format, so that a wrong value
# gets the same one-line message whatever Typer version does the parsing.
FORMATS = ", ".join(f.value for f in OutputFormat)
FormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help=f"Output format, one of: {FORMATS}. table is for people, the others for programs.",
    ),
]


def _print(listing: Listing[Any], output_format: str) -> None:
    render(listing, parse_format(output_format), sys.stdout, sys.stderr)


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
) -> None:
    """Kazakhstan's foreign policy as a timeline: dated events, partners and organizations."""


@app.command("timeline")
def timeline_command(
    partner: Annotated[
        list[str] | None,
        typer.Option(
            "--partner",
            "-p",
            metavar="PARTNER",
            help="Only events with this partner (id or alias: russia, RU, 'Russian Federation'). "
            "Repeat, or separate with commas, for any of several.",
        ),
    ] = None,
    org: Annotated[
        list[str] | None,
        typer.Option(
            "--org",
            "-o",
            metavar="ORG",
            help="Only events involving this organization (wto, osce...).",
        ),
    ] = None,
    theme: Annotated[
        list[str] | None,
        typer.Option(
            "--theme",
            "-t",
            metavar="THEME",
            help="Only events with this theme (security, economy...).",
        ),
    ] = None,
    year: Annotated[
        str | None,
        typer.Option("--year", "-y", metavar="YEAR", help="Only events that overlap this year."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help="Only events that end on or after this date (2015, 'Dec 2015').",
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until", metavar="DATE", help="Only events that start on or before this date."
        ),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            metavar="WORDS",
            help="Only events whose text holds every one of these words.",
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option("--limit", "-n", min=1, metavar="N", help="Show at most this many events."),
    ] = None,
    reverse: Annotated[bool, typer.Option("--reverse", "-r", help="Newest first.")] = False,
    output_format: FormatOption = OutputFormat.table.value,
) -> None:
    """Events in chronological order, filtered by partner, organization, theme, date and text.

    Filters combine with AND; several values of one filter combine with OR. Dates match by
    overlap: a period from 2017 to 2018 matches --year 2018.
    """
    dataset = load_dataset()
    event_filter = build_filter(
        dataset,
        partners=partner or (),
        orgs=org or (),
        themes=theme or (),
        year=year,
        since=since,
        until=until,
        text=search,
    )
    events = timeline(dataset, event_filter, reverse=reverse, limit=limit)
    _print(event_listing(events, dataset), output_format)


@org_app.command("list")
def org_list_command(output_format: FormatOption = OutputFormat.table.value) -> None:
    """Organizations with the date Kazakhstan joined and the roles it held, oldest first."""
    _print(org_listing(org_summaries(load_dataset())), output_format)


def main() -> None:
    """Entry point of the ``kzfp`` console script and of ``python -m kzfp_cli``."""
    app(prog_name="kzfp")
