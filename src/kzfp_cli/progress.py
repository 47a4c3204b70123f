"""A progress bar on stderr while a large events file is read; nothing otherwise."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress

# Below this many bytes a file reads in well under a second: no bar, and no Rich import.
LARGE = 16 * 1024 * 1024


def _regular_size(path: str) -> int:
    """The size of a regular file; 0 for standard input (``-``), a pipe, a FIFO or a
    device, whose length is not known before they are read (stat opens none of them)."""
    if path == "-":
        return 0
    with suppress(OSError):  # a missing file is reported when it is read
        status = os.stat(path)
        if stat.S_ISREG(status.st_mode):
            return status.st_size
    return 0


@contextmanager
def file_progress(paths: Sequence[str]) -> Iterator[Callable[[int], None] | None]:
    """A callback taking the characters read so far, drawing a bar on stderr, when stderr
    is a terminal and the files are large; None otherwise."""
    total = sum(_regular_size(path) for path in paths)
    if total < LARGE or sys.stderr is None or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    columns = (
        "reading events",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("read", total=total)
        yield lambda done: bar.update(task, completed=done)
