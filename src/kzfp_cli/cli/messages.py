"""The command line's wording of the library's errors, where it can point to one of its
commands: the library tells the facts (an unknown name, its kind, what it is instead),
and only the command line knows what its commands are called."""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

from kzfp_cli.cli.meant import shown_by
from kzfp_cli.errors import KzfpError

if TYPE_CHECKING:
    from kzfp_cli.names import UnknownNameError

# The kinds of names the library reports, by the word the commands use for them.
_COMMAND_KINDS = {"partner": "partner", "organization": "org"}


def error_lines(error: KzfpError) -> tuple[str, ...]:
    """The lines ``kzfp: error:`` prints for ``error``."""
    from kzfp_cli.names import UnknownNameError  # the error path only

    if isinstance(error, UnknownNameError):
        return (unknown_name(error),)
    return error.lines


def unknown_name(error: UnknownNameError) -> str:
    """A name of another kind points to the command that shows it (NATO, asked for as an
    organization, is ``kzfp partner show nato``); an event id like none points to search,
    which finds events by their words."""
    other = error.elsewhere
    if other is not None and not other.option and other.kind in _COMMAND_KINDS:
        command = shown_by(_COMMAND_KINDS[other.kind], error.found, "kzfp")
        return f"{error.subject}; did you mean {command}?"
    words = " ".join(shlex.quote(word) for word in error.name.split())
    if error.kind == "event" and words and not error.close and error.known is None:
        return f"{error.lines[0]}; try kzfp search {words}"
    return error.lines[0]
