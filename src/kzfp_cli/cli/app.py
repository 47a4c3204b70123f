"""The root ``kzfp`` command: its group class, which turns every error into one line on
stderr with a documented exit code, and the options of kzfp itself."""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from kzfp_cli import __version__
from kzfp_cli.cli.common import say, settings, stdout_stream, write_text, writing_stdout
from kzfp_cli.cli.meant import command_meant, options_meant
from kzfp_cli.cli.messages import error_lines
from kzfp_cli.cli.options import DataOption, NoBuiltinOption
from kzfp_cli.errors import EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, EXIT_USAGE, KzfpError, UsageError

# Typer bundles its own Click; its base error class is reached through a public subclass.
_CLICK_ERROR: type[Exception] = next(
    cls for cls in typer.BadParameter.__mro__ if cls.__name__ == "ClickException"
)


class KzfpContext(typer.Context):
    """The context of every kzfp command. Its help, which Typer prints straight to stdout
    while it reads the arguments, is written as kzfp writes everything else: a closed
    stdout or a full disk is one line and exit 4, a reader gone is 141."""

    def get_help(self) -> str:
        with writing_stdout():
            stdout_stream()
            return super().get_help()

    def invoke(self, callback: Any, /, *args: Any, **kwargs: Any) -> Any:
        # A command's words it has no place for: Click is told to keep them (see
        # KzfpGroup), and they are refused here, before the command runs, with the
        # command that takes them when they name something (kzfp timeline russia).
        if self.args and not isinstance(self.command, TyperGroup):
            meant = options_meant(_typed(self), self.args, _option_names(self.command))
            if meant:
                words = ", ".join(f"'{word}'" for word in self.args)
                plural = "s" if len(self.args) > 1 else ""
                raise UsageError(f"unexpected argument{plural} {words}; did you mean '{meant}'?")
            self.fail(f"Got unexpected extra argument(s) ({' '.join(self.args)})")
        return super().invoke(callback, *args, **kwargs)


def _typed(ctx: Any) -> str:
    """The command and the arguments it took (kzfp export sqlite out.db), for a
    suggestion to repeat."""
    words = [ctx.command_path]
    for param in ctx.command.params:
        value = ctx.params.get(param.name) if param.param_type_name == "argument" else None
        if value is not None:
            values = value if isinstance(value, (list, tuple)) else [value]
            words.extend(shlex.quote(str(item)) for item in values)
    return " ".join(words)


def _option_names(command: Any) -> set[str]:
    return {name for param in command.params for name in getattr(param, "opts", ())}


class KzfpGroup(TyperGroup):
    """Reports every error as one line on stderr with a documented exit code.

    Click would print usage text and a hint over several lines, and an unexpected
    exception would print a traceback; both are replaced by ``kzfp: error: ...``.
    """

    context_class = KzfpContext

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        # Typer builds each command with Click's own context; the help they print is
        # stdout output like any other (context_class is Click's hook for this).
        for command in self.commands.values():
            command.context_class = KzfpContext
            if not isinstance(command, TyperGroup):
                # Extra words are checked by KzfpContext.invoke, which can suggest.
                command.allow_extra_args = True

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[Any, Any, list[str]]:
        try:
            name, command, rest = super().resolve_command(ctx, args)
        except _CLICK_ERROR:
            meant = None if ctx.resilient_parsing or not args else command_meant(ctx, args)
            if meant:
                raise UsageError(f"No such command '{args[0]}'; did you mean '{meant}'?") from None
            raise
        if command is not None and not ctx.resilient_parsing:
            _check_global_options(ctx, command, f"{ctx.command_path} {name}")
        return name, command, rest

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
            with writing_stdout():  # what is still buffered (the help, the version)
                pass
        except KzfpError as error:
            for line in error_lines(error):
                say(f"kzfp: error: {line}")
            sys.exit(error.exit_code)
        except typer.Abort:
            say("kzfp: aborted")
            sys.exit(EXIT_INTERRUPTED)
        except _CLICK_ERROR as error:
            # With no arguments Typer has already printed the help; the error only
            # carries the exit code (Typer itself tells this error by its name).
            if type(error).__name__ != "NoArgsIsHelpError":
                say(_click_error_line(error))
            sys.exit(getattr(error, "exit_code", EXIT_USAGE))
        except typer.Exit as done:  # from writing_stdout: the reader of the pipe is gone
            sys.exit(done.exit_code)
        except SystemExit as stop:
            # Rich and Typer end a write into a closed pipe (the help) with exit status 1;
            # kzfp's is 141 wherever it happens.
            # Both have already made sure nothing more reaches the pipe.
            if isinstance(stop.__context__, BrokenPipeError):
                sys.exit(EXIT_BROKEN_PIPE)
            raise
        except Exception as error:  # never a traceback for the user
            if os.environ.get("KZFP_DEBUG"):
                raise
            say(
                f"kzfp: internal error: {type(error).__name__}: {error} "
                "(set KZFP_DEBUG=1 to see the traceback, and please report it)"
            )
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


# The options of kzfp itself that a command may also take, by their parameter names.
_DATA_OPTIONS = {"data": "--data", "no_builtin": "--no-builtin"}


def _check_global_options(ctx: Any, command: Any, path: str) -> None:
    """The data options given before the command (kzfp --data FILE timeline) hold for
    it; a command that reads no events says so rather than ignore them."""
    if isinstance(command, TyperGroup):
        return
    given = ctx.find_root().params
    takes = {param.name for param in command.params}
    for name, option in _DATA_OPTIONS.items():
        if given.get(name) and name not in takes:
            raise UsageError(f"{option} applies to the commands that read events, not to '{path}'")


def _click_error_line(error: Exception) -> str:
    message = " ".join(error.format_message().split())  # type: ignore[attr-defined]
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        return f"kzfp: error: {message} (see '{ctx.command_path} --help')"
    return f"kzfp: error: {message}"


def group(name: str, help_text: str) -> typer.Typer:
    """A group of subcommands (``kzfp org ...``), added to ``app`` by its module."""
    return typer.Typer(
        cls=KzfpGroup,
        name=name,
        help=help_text,
        no_args_is_help=True,
        rich_markup_mode="markdown",
    )


app = typer.Typer(
    cls=KzfpGroup,
    name="kzfp",
    help="Kazakhstan's foreign policy as a timeline: dated events, partners and organizations.",
    epilog="Exit codes: 0 success (also when nothing matches), 2 usage error, 3 data error, "
    "4 output not written (a file, or stdout), 130 interrupted, 141 reader of the pipe "
    "gone, 129 and 143 stopped by SIGHUP and SIGTERM.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        write_text(f"kzfp {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colour, even on a terminal (as NO_COLOR=1).")
    ] = False,
    data: DataOption = None,
    no_builtin: NoBuiltinOption = False,
) -> None:
    """Kazakhstan's foreign policy as a timeline: dated events, partners and organizations."""
    # Each of these may also follow the command; given here, they hold for it.
    settings.no_color = no_color
    settings.data = tuple(data or ())
    settings.no_builtin = no_builtin
