"""What the output stream is: a terminal or a pipe, whether colour is wanted, and (for
the formats meant for programs) its encoding.

Decided here once, from the stream and the environment, so that every renderer agrees
and so that the rules are the documented ones rather than each library's own:

- colour only on a terminal, and never with ``--no-color``, a non-empty ``NO_COLOR``
  (https://no-color.org) or ``TERM=dumb``;
- ``FORCE_COLOR`` set to anything but ``""`` or ``"0"`` forces colour, even into a pipe
  (Rich alone would also force it for ``FORCE_COLOR=0``).
"""

from __future__ import annotations

import os
from contextlib import suppress
from typing import NamedTuple, TextIO


class Terminal(NamedTuple):
    is_tty: bool
    color: bool

    @classmethod
    def of(cls, stream: TextIO, *, no_color: bool = False) -> Terminal:
        try:
            is_tty = stream.isatty()
        except (AttributeError, ValueError):  # a closed or unusual stream
            is_tty = False
        forced = os.environ.get("FORCE_COLOR", "") not in ("", "0")
        refused = (
            no_color
            or bool(os.environ.get("NO_COLOR"))
            or os.environ.get("TERM", "").lower() == "dumb"
        )
        return cls(is_tty=is_tty, color=not refused and (is_tty or forced))


def width(stream: TextIO) -> int:
    """The width to lay text out to: ``COLUMNS`` if it is a whole number of at least 1,
    else the width of the terminal (the stream's own, or that of stdin, stdout or stderr),
    else 80. A ``COLUMNS`` that is no width (``0``, ``abc``, ``-5``) is ignored, as if it
    were unset: Rich alone would lay a table out to 0 columns and print nothing."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isascii() and columns.isdigit() and int(columns) > 0:
        return int(columns)
    descriptors = [0, 1, 2]
    with suppress(AttributeError, OSError, ValueError):  # not a real file (a test's stream)
        descriptors.insert(0, stream.fileno())
    for descriptor in descriptors:
        try:
            size = os.get_terminal_size(descriptor).columns
        except (OSError, ValueError):
            continue
        if size > 0:
            return size
    return 80


def height(stream: TextIO) -> int:
    """How many lines the terminal ``stream`` shows: ``LINES`` if it is a whole number of
    at least 1, else the terminal's own, else 24."""
    lines = os.environ.get("LINES", "")
    if lines.isascii() and lines.isdigit() and int(lines) > 0:
        return int(lines)
    with suppress(AttributeError, OSError, ValueError):
        return os.get_terminal_size(stream.fileno()).lines or 24
    return 24


def use_utf8(stream: object) -> None:
    """Make a text stream (stdout) encode as UTF-8, whatever the locale says."""
    reconfigure = getattr(stream, "reconfigure", None)
    encoding = str(getattr(stream, "encoding", "") or "").lower().replace("_", "-")
    if reconfigure is not None and encoding not in ("utf-8", "utf8"):
        reconfigure(encoding="utf-8", errors="strict")
