"""What every command does around its own work: read the data, print to stdout or stderr.

Heavy modules (the loader, views, renderers) are imported inside the functions, so that
``kzfp --help`` and tab completion do not pay for them.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, NoReturn

import typer

from kzfp_cli.errors import EXIT_BROKEN_PIPE
from kzfp_cli.safe_text import caret

if TYPE_CHECKING:
    from kzfp_cli.cli.options import DataSource
    from kzfp_cli.model import Dataset
    from kzfp_cli.query import EventFilter, Filters
    from kzfp_cli.views import Output


class Settings:
    """Options of the kzfp command itself, set by the root callback on every run."""

    no_color = False


settings = Settings()


def say(line: str) -> None:
    """One line on stderr. Such lines echo what the user typed or what a data file
    holds: they are kept inert (control characters in caret notation)."""
    print(caret(line), file=sys.stderr)


def load(source: DataSource) -> Dataset:
    """The dataset ``source`` names: the built-in data and the user's events files."""
    from kzfp_cli.progress import file_progress
    from kzfp_cli.store import load_dataset

    with file_progress(source.files) as progress:
        return load_dataset(source.files, builtin=source.builtin, progress=progress)


def load_selected(source: DataSource, filters: Filters) -> tuple[Dataset, EventFilter]:
    """The dataset and the filter ``filters`` describe in it. A user's events are read
    keeping only those the filter selects, so a large file costs memory for what is shown.
    """
    from kzfp_cli.progress import file_progress
    from kzfp_cli.store import load_dataset

    with file_progress(source.files) as progress:
        dataset = load_dataset(
            source.files, builtin=source.builtin, select=filters.selector, progress=progress
        )
    return dataset, filters.event_filter(dataset)


def show(output: Output, output_format: str | None, fields: str | None = None) -> None:
    """Print ``output`` on stdout in the format asked for (or the one stdout suits)."""
    from kzfp_cli.render import choose_format, render
    from kzfp_cli.terminal import Terminal
    from kzfp_cli.views import Listing

    if fields is not None and isinstance(output, Listing):
        output = output.select([name.strip() for name in fields.split(",") if name.strip()])
    terminal = Terminal.of(sys.stdout, no_color=settings.no_color)
    chosen = choose_format(output_format, terminal)
    try:
        render(output, chosen, sys.stdout, sys.stderr, color=terminal.color)
        sys.stdout.flush()
    except BrokenPipeError:
        _pipe_gone()


def write_text(text: str) -> None:
    """Print text that is already what the user asked for (a chart, an export)."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _pipe_gone()


def _pipe_gone() -> NoReturn:
    # The reader has gone (kzfp ... | head -1): stop quietly, with the status a command
    # killed by SIGPIPE reports, and let nothing more reach the closed pipe (Python would
    # otherwise complain when it flushes stdout on the way out).
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests)
        pass
    raise typer.Exit(EXIT_BROKEN_PIPE) from None
