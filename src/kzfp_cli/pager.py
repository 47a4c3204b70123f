"""Long output on a terminal goes through a pager, as git and gh do.

The pager is ``$KZFP_PAGER``, else ``$PAGER``, else ``less -FRX`` (quit if it fits on
one screen, keep colours, leave the text on the screen); an empty value or ``cat`` is no
pager. ``kzfp --no-pager`` prints straight to the terminal; a pipe or a file never gets a
pager. Output that fits on the screen is printed straight too, without starting one.
"""

from __future__ import annotations

import io
import os
from typing import TextIO

from kzfp_cli.terminal import height

DEFAULT = "less -FRX"
# The shell's status for a command it cannot find or run.
_NOT_FOUND = (126, 127)


def pager_command() -> str | None:
    """The pager the environment asks for; None for none."""
    for name in ("KZFP_PAGER", "PAGER"):
        value = os.environ.get(name)
        if value is not None:
            command = value.strip()
            return None if command in ("", "cat") else command
    return DEFAULT


class Screen(io.StringIO):
    """Text laid out for ``terminal``, held to go through a pager: the renderers see the
    terminal it is bound for (its width, caret notation), and write here."""

    def __init__(self, terminal: TextIO) -> None:
        super().__init__()
        self.terminal = terminal

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.terminal.fileno()


def fits(text: str, terminal: TextIO) -> bool:
    """Whether ``text`` fits on the screen of ``terminal``, with a line to spare for the
    prompt."""
    return text.count("\n") < height(terminal)


def page(text: str, command: str, encoding: str) -> bool:
    """Show ``text`` through the pager ``command`` (a shell command line, as git runs
    $PAGER), encoded as the terminal's stream is (a character it cannot hold is the same
    UnicodeEncodeError as on stdout). False if the pager could not be started, for the
    caller to print the text itself; quitting the pager before the end is no error."""
    import signal  # the paging path only: printing straight costs no process module
    import subprocess

    environment = dict(os.environ)
    # As git: less gets -FRX unless the user has chosen its options.
    environment.setdefault("LESS", "FRX")
    environment.setdefault("LV", "-c")
    try:
        process = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=environment)
    except OSError:
        return False
    # Ctrl-C belongs to the pager while it runs (less uses it to stop a search): kzfp
    # waits for the pager to end rather than end under it.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        assert process.stdin is not None
        try:
            process.stdin.write(text.encode(encoding))
            process.stdin.close()
        except BrokenPipeError:  # the pager was quit before it read everything
            pass
        finally:
            code = process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return code not in _NOT_FOUND
