"""The root ``kzfp`` command, and the group and command classes every kzfp command is made
of: they turn every error into one line on stderr with a documented exit code, refuse
words a command has no place for with the command that was meant, and write the help as
kzfp writes everything else."""

# No ``from __future__ import annotations`` here: Typer reads the signatures of the
# callbacks and completion functions below on every run, and annotations kept as strings
# would be evaluated again each time.

import os
import shlex
import sys
from collections.abc import Sequence
from dataclasses import replace
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from kzfp_cli import __version__
from kzfp_cli.cli.common import (
    Invocation,
    command_ended,
    given_before,
    say,
    stdout_stream,
    write_text,
    writing_stdout,
)
from kzfp_cli.cli.meant import command_meant, options_meant
from kzfp_cli.cli.messages import error_lines
from kzfp_cli.cli.options import DataOption, NoBuiltinOption, NoColorOption
from kzfp_cli.errors import EXIT_INTERRUPTED, EXIT_MEMORY, EXIT_USAGE, KzfpError, UsageError

# The context Click hands to the methods overridden here: the base of typer.Context, which
# Typer does not export under a name of its own.
ClickContext = Any


class HelpOnStdout:
    """Help is printed while a command reads its arguments (parse_args, in
    ``writing_stdout``), and goes to stdout like any output: a closed stdout, a full disk
    is one line and exit 4, a reader gone is 141."""

    def get_help(self, ctx: ClickContext) -> str:
        stdout_stream()  # kzfp started with stdout closed: say so, as any command does
        help_text: str = super().get_help(ctx)  # type: ignore[misc]
        return help_text


class KzfpCommand(HelpOnStdout, TyperCommand):
    """A kzfp command."""

    # Words the command has no place for are kept by Click and refused by parse_args,
    # which can say which command takes them (kzfp timeline russia).
    allow_extra_args = True

    def parse_args(self, ctx: ClickContext, args: list[str]) -> list[str]:
        if not ctx.resilient_parsing:
            _refuse_data_options_before(ctx, self)
        with writing_stdout():
            rest = super().parse_args(ctx, args)
        if ctx.args and not ctx.resilient_parsing:
            _refuse_extra_words(ctx, self)
        return rest


class KzfpGroup(HelpOnStdout, TyperGroup):
    """A group of kzfp commands (kzfp itself, kzfp org, ...). Run bare, it prints its help
    and exits 2; a word that is no command of it but names something gets the command that
    shows that (kzfp partner russia: did you mean 'kzfp partner show russia'?)."""

    def parse_args(self, ctx: ClickContext, args: list[str]) -> list[str]:
        if not args and not ctx.resilient_parsing:
            write_text(ctx.get_help() + "\n")
            raise typer.Exit(EXIT_USAGE)
        with writing_stdout():
            return super().parse_args(ctx, args)

    def resolve_command(
        self, ctx: ClickContext, args: list[str]
    ) -> tuple[str | None, Any, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except typer.TyperException:
            meant = None if ctx.resilient_parsing or not args else command_meant(ctx, args)
            if meant:
                raise UsageError(f"No such command '{args[0]}'; did you mean '{meant}'?") from None
            raise

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command; in standalone mode (the console script, and the tests' runner)
        end the process with its exit status, having said what went wrong in one line."""
        # What the run was told, and what it says at the end, on the Click context.
        run = Invocation()
        call: dict[str, Any] = {"args": args, "prog_name": prog_name, "complete_var": complete_var}
        call.update(obj=run, **extra)
        if not standalone_mode:
            return super().main(standalone_mode=False, **call)
        try:
            code = super().main(standalone_mode=False, **call)
            with writing_stdout():  # what is still buffered (the version)
                pass
        except Exception as error:
            command_ended(run, done=False)
            if os.environ.get("KZFP_DEBUG") and not isinstance(error, _EXPECTED):
                raise
            code = exit_status(error)
        else:
            command_ended(run, done=code in (None, 0))
        sys.exit(code if isinstance(code, int) else 0)


# What a user can cause; anything else is a bug, reported as an internal error.
_EXPECTED = (KzfpError, typer.Abort, typer.Exit, typer.TyperException)


def exit_status(error: Exception) -> int:
    """The exit status a command that raised ``error`` ends with, after saying what went
    wrong in one line on stderr."""
    if isinstance(error, KzfpError):
        for line in error_lines(error):
            say(f"kzfp: error: {line}")
        return error.exit_code
    if isinstance(error, typer.Abort):
        say("kzfp: aborted")
        return EXIT_INTERRUPTED
    if isinstance(error, typer.Exit):  # from writing_stdout: the reader of the pipe is gone
        return error.exit_code
    if isinstance(error, typer.TyperException):  # Click's errors: a wrong option or value
        say(_usage_error_line(error))
        return error.exit_code
    if isinstance(error, MemoryError):  # past reading (which says how far it got)
        say(
            "kzfp: error: out of memory after reading the events; select fewer "
            "(--partner, --since...) or read a smaller file"
        )
        return EXIT_MEMORY
    say(
        f"kzfp: internal error: {type(error).__name__}: {error} "
        "(set KZFP_DEBUG=1 to see the traceback, and please report it)"
    )
    return 1


def _usage_error_line(error: typer.TyperException) -> str:
    message = " ".join(error.format_message().split())
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        return f"kzfp: error: {message} (see '{ctx.command_path} --help')"
    return f"kzfp: error: {message}"


def _refuse_data_options_before(ctx: ClickContext, command: KzfpCommand) -> None:
    """The data options given before the command (kzfp --data FILE timeline) hold for
    it; a command that reads no events says so rather than ignore them."""
    before = given_before(ctx)
    takes = {param.name for param in command.params}
    for given, name, option in (
        (bool(before.data), "data", "--data"),
        (before.no_builtin, "no_builtin", "--no-builtin"),
    ):
        if given and name not in takes:
            path = ctx.command_path
            raise UsageError(f"{option} applies to the commands that read events, not to '{path}'")


def _refuse_extra_words(ctx: ClickContext, command: KzfpCommand) -> None:
    """Words a command has no place for: the command that takes them when they name
    something (kzfp timeline --partner russia), else Click's own error."""
    options = {name for param in command.params for name in getattr(param, "opts", ())}
    meant = options_meant(_typed(ctx, command), ctx.args, options)
    if meant:
        words = ", ".join(f"'{word}'" for word in ctx.args)
        plural = "s" if len(ctx.args) > 1 else ""
        raise UsageError(f"unexpected argument{plural} {words}; did you mean '{meant}'?")
    ctx.fail(f"Got unexpected extra argument(s) ({' '.join(ctx.args)})")


def _typed(ctx: ClickContext, command: KzfpCommand) -> str:
    """The command and the arguments it took (kzfp export sqlite out.db), for a
    suggestion to repeat."""
    words = [ctx.command_path]
    for param in command.params:
        value = ctx.params.get(param.name or "") if param.param_type_name == "argument" else None
        if value is not None:
            values = value if isinstance(value, (list, tuple)) else [value]
            words.extend(shlex.quote(str(item)) for item in values)
    return " ".join(words)


def group(name: str, help_text: str) -> typer.Typer:
    """A group of subcommands (``kzfp org ...``), added to ``app`` by its module."""
    return typer.Typer(cls=KzfpGroup, name=name, help=help_text, rich_markup_mode=None)


app = typer.Typer(
    cls=KzfpGroup,
    name="kzfp",
    help="Kazakhstan's foreign policy as a timeline: dated events, partners and organizations.",
    epilog="Exit codes: 0 success (also when nothing matches), 2 usage error, 3 data error, "
    "4 output not written (a file, or stdout), 5 out of memory, 130 interrupted, 141 reader "
    "of the pipe gone, 129 and 143 stopped by SIGHUP and SIGTERM.",
    # Help as plain text, as Click writes it: Rich's help costs every --help an import of
    # Rich and its Markdown parser, and a pipe gets the same text a terminal does.
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        write_text(f"kzfp {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
    no_color: NoColorOption = False,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Print long output straight to the terminal, not through a pager "
            "($KZFP_PAGER, else $PAGER, else less -FRX).",
        ),
    ] = False,
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
) -> None:
    """Kazakhstan's foreign policy as a timeline: dated events, partners and organizations."""
    # Each of these but --no-pager may also follow the command; given here, they hold for it.
    ctx.obj = replace(
        given_before(ctx),
        no_color=no_color,
        data=tuple(data or ()),
        no_builtin=no_builtin,
        no_pager=no_pager,
    )
