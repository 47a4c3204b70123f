"""The command line's wording of the library's errors, where it names one of its options
or commands: the library tells the facts (the filter a value was typed into, an unknown
name, its kind, what it is instead), and only the command line knows what its options
and commands are called."""

from __future__ import annotations

import shlex
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from kzfp_cli.errors import (
    ExistingFileError,
    FilterError,
    KzfpError,
    OutOfMemoryError,
    SinceAfterUntilError,
)

if TYPE_CHECKING:
    from kzfp_cli.names import UnknownNameError

# The option that sets each filter the library knows, by the filter's field: the kinds
# of names (partner, org, theme) and the dates.
FILTER_OPTIONS = {
    "partner": "--partner",
    "org": "--org",
    "theme": "--theme",
    "on": "--on",
    "year": "--year",
    "since": "--since",
    "until": "--until",
    "when": "DATE",  # the argument of kzfp on
}
# The kinds of names the library reports, by the word the commands use for them.
_COMMAND_KINDS = {"partner": "partner", "organization": "org"}


def shown_by(kind: str, ident: str, program: str) -> str:
    """The command that shows one thing of this kind."""
    if kind == "theme":  # a theme has no page of its own: its events are its story
        return f"{program} timeline --theme {ident}"
    return f"{program} {kind} show {ident}"


def error_lines(error: KzfpError) -> tuple[str, ...]:
    """The lines ``kzfp: error:`` prints for ``error``."""
    from kzfp_cli.names import EmptyNameError, UnknownNameError  # the error path only

    if isinstance(error, UnknownNameError):
        return (unknown_name(error),)
    if isinstance(error, FilterError) and error.field in FILTER_OPTIONS:
        option = FILTER_OPTIONS[error.field]
        if isinstance(error, EmptyNameError):
            return (f"{option} {error.problem}",)
        return (f"{option}: {error.problem}",)
    if isinstance(error, SinceAfterUntilError):
        return (f"--since {error.since} is after --until {error.until}",)
    if isinstance(error, ExistingFileError):
        return (f"{error.path} already exists; add --force to overwrite it",)
    if isinstance(error, OutOfMemoryError):
        return (
            f"{error.lines[0]}; select fewer (--partner, --since...: only what a command "
            "shows is held) or split the file",
        )
    return error.lines


def unknown_name(error: UnknownNameError) -> str:
    """A name of another kind points to the option that filters by it (NATO, asked for
    as an organization, is ``--partner nato``) or, looked up, to the command that shows
    it (``kzfp partner show nato``); an event id like none points to search, which finds
    events by their words."""
    other = error.elsewhere
    if other is not None and other.field in FILTER_OPTIONS:
        return f"{error.subject}; did you mean {FILTER_OPTIONS[other.field]} {error.found}?"
    if other is not None and other.kind in _COMMAND_KINDS:
        command = shown_by(_COMMAND_KINDS[other.kind], error.found, "kzfp")
        return f"{error.subject}; did you mean {command}?"
    words = " ".join(shlex.quote(word) for word in error.name.split())
    if error.kind == "event" and words and not error.close and error.known is None:
        return f"{error.lines[0]}; try kzfp search {words}"
    return error.lines[0]


def warnings_told(warnings: Mapping[str, int], files: Sequence[str], *, builtin: bool) -> str:
    """The one line a command that read ``files`` says of their ``warnings`` (a count by
    file), which ``kzfp validate`` lists: a file may hold one a row, too many to print."""
    total = sum(warnings.values())
    validate = ["kzfp", "validate", *([] if builtin else ["--no-builtin"]), *files]
    noun, them = ("warning", "it") if total == 1 else ("warnings", "them")
    where = ", ".join(label for label, count in warnings.items() if count)
    return f"kzfp: {total} {noun} in {where}; {shlex.join(validate)} lists {them}"
