"""``python -m kzfp_cli`` and the ``kzfp`` console script: start the command line.

From the moment this module runs, a Ctrl-C ends kzfp with ``kzfp: aborted`` and status
130, never a traceback: everything else, the ``signal`` module among it, is imported
inside ``run``'s handler, and the package and ``errors``, imported before it, import
nothing. SIGTERM and SIGHUP are turned into an exception that unwinds the same way (a
half-written temporary file is removed), ending with 143 and 129.
"""

from __future__ import annotations

import os
import sys

from kzfp_cli.errors import EXIT_INTERRUPTED, Stopped

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import FrameType


def _stop(signum: int, frame: FrameType | None) -> None:
    raise Stopped(signum)


def _hold_standard_streams() -> None:
    # When kzfp is started with stdout or stderr closed (kzfp timeline >&-), Python leaves
    # sys.stdout or sys.stderr as None. Their descriptors are then given /dev/null, so that
    # a file kzfp opens (an export's temporary file) can never take descriptor 1 or 2 and
    # receive what is meant for them.
    for descriptor in (1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            null = os.open(os.devnull, os.O_WRONLY)
            if null != descriptor:
                os.dup2(null, descriptor)
                os.close(null)


def _tell(line: str) -> None:
    # stderr may be closed (None): the line is then lost, never sent to stdout. (Not
    # contextlib.suppress: this module imports nothing it can do without.)
    if sys.stderr is not None:
        try:  # noqa: SIM105
            print(line, file=sys.stderr)
        except (OSError, ValueError):
            pass


def run() -> None:
    try:
        import signal

        for name in ("SIGTERM", "SIGHUP"):
            number = getattr(signal, name, None)
            # A signal the caller chose to ignore (nohup ignores SIGHUP) stays ignored.
            if number is not None and signal.getsignal(number) == signal.SIG_DFL:
                signal.signal(number, _stop)
        _hold_standard_streams()
        from kzfp_cli.cli import main

        main()
    except KeyboardInterrupt:
        _tell("kzfp: aborted")
        sys.exit(EXIT_INTERRUPTED)
    except Stopped as stopped:
        sys.exit(stopped.exit_code)


if __name__ == "__main__":
    run()
