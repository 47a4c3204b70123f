"""The ``kzfp`` console script and ``python -m kzfp_cli``: start up, run the CLI, leave."""

import gc
import os
import sys

# What a command has shown, left for the process's end to free at once: set up by main,
# as only the console script ends without Python's teardown. Freeing a large file's
# events one by one, as the command returns, took a fifth of a second.
shown: list[object] | None = None


def main() -> None:
    global shown
    shown = []
    # A kzfp command lives for a moment and makes next to no cyclic garbage, yet the
    # collector's passes over the objects it keeps (Typer's and Click's at start-up, a
    # large file's events and output records later) were a tenth of its time and freed
    # nothing. Reference counting still frees everything the command lets go of. A
    # program using kzfp as a library keeps its collector.
    gc.disable()
    from kzfp_cli.cli import main as run

    try:
        run()
        code = 0
    except SystemExit as done:
        if done.code is not None and not isinstance(done.code, int):
            raise  # a message for Python to print
        code = done.code or 0
    # Leave without Python's teardown, which frees one by one every object the modules
    # and a large file's events are made of (a fifth of a second for a million rows)
    # just before the process ends. The output is flushed and files are closed already;
    # if flushing again fails, leave the ordinary way, which reports it.
    gc.freeze()  # and if so, its last collection has nothing to look at
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        raise SystemExit(code) from None
    os._exit(code)
