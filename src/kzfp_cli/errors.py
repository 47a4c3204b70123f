"""Errors a user can cause, each with the exit code the CLI documents."""

from __future__ import annotations

# Imported by __main__ before its Ctrl-C handler is in place: nothing here may cost time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

EXIT_USAGE = 2
EXIT_DATA = 3
EXIT_OUTPUT = 4
EXIT_MEMORY = 5
EXIT_INTERRUPTED = 130
# 128 + SIGPIPE: what a command killed by a closed pipe reports (as git and coreutils).
EXIT_BROKEN_PIPE = 141


class KzfpError(Exception):
    """An error meant for the user: its lines are printed as they are, without a traceback."""

    exit_code = 1

    def __init__(self, *lines: str) -> None:
        super().__init__(lines[0] if lines else "")
        self.lines: tuple[str, ...] = lines or ("",)


class UsageError(KzfpError):
    """Something the user typed cannot be understood (an unknown name, an impossible date)."""

    exit_code = EXIT_USAGE


class FilterError(UsageError):
    """A filter's value that cannot be read: ``since: '2015-13-45' is not a real date``.
    ``field`` is the filter (on, year, since, until, partner, org, theme), ``value`` what
    was typed and ``problem`` what is wrong with it, for a caller that names the filter
    its own way."""

    def __init__(self, field: str, value: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.value = value
        self.problem = problem


class SinceAfterUntilError(UsageError):
    """A window that ends before it begins: ``since`` and ``until`` as typed."""

    def __init__(self, since: str, until: str) -> None:
        super().__init__(f"since {since} is after until {until}")
        self.since = since
        self.until = until


class ExistingFileError(UsageError):
    """The file ``path`` exists, and was not to be replaced."""

    def __init__(self, path: str) -> None:
        super().__init__(f"{path} already exists")
        self.path = path


class DataError(KzfpError):
    """A data file is missing, malformed or inconsistent. One line per problem found."""

    exit_code = EXIT_DATA

    @classmethod
    def from_problems(cls, problems: Sequence[str]) -> DataError:
        return cls(*problems)


class OutputError(KzfpError):
    """An export could not be written where the user asked."""

    exit_code = EXIT_OUTPUT


class OutOfMemoryError(KzfpError):
    """The machine's memory ran out while ``file`` was read, after ``rows`` events (an
    endless stream of rows, a file too large to hold)."""

    exit_code = EXIT_MEMORY

    def __init__(self, file: str, rows: int) -> None:
        super().__init__(f"{file}: out of memory after {rows:,} events")
        self.file = file
        self.rows = rows


class ReaderGoneError(KzfpError):
    """The reader of a pipe kzfp writes to has gone (``-o fifo`` read by ``head``): a quiet
    end, with the status a command killed by SIGPIPE reports, as on stdout."""

    exit_code = EXIT_BROKEN_PIPE

    def __init__(self) -> None:
        super().__init__()
        self.lines = ()


# A command stopped by a signal reports 128 + its number, as a shell does: 129 for SIGHUP,
# 130 for SIGINT (Ctrl-C), 143 for SIGTERM.
EXIT_SIGNAL_BASE = 128


class Stopped(BaseException):
    """SIGTERM or SIGHUP asked kzfp to stop. Raised from the signal handler so that it
    unwinds like Ctrl-C (every ``finally`` runs: a temporary file is removed), and, like
    KeyboardInterrupt, not an Exception: no ``except Exception`` swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.exit_code = EXIT_SIGNAL_BASE + signum
