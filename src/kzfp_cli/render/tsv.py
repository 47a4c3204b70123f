"""``--format tsv``: the CSV columns, tab-separated, with a header.

A tab, line break or backslash inside a value is written as ``\\t``, ``\\n``, ``\\r`` or
``\\\\`` (the convention of PostgreSQL's text format), so every record is one line. Cells that
start like a spreadsheet formula get a leading ``'``, as in CSV. Into a pipe or a file that
is all; on a terminal other characters are shown as in the table (``^[``, ``<U+202E>``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TextIO

from kzfp_cli.safe_text import guard, visible
from kzfp_cli.terminal import Terminal
from kzfp_cli.views import Listing, Output

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _line(values: Iterable[str], shown: Callable[[str], str] = str) -> str:
    return "\t".join(shown(guard(value).translate(_ESCAPES)) for value in values) + "\n"


def render(output: Output, out: TextIO, err: TextIO, *, color: bool = False) -> None:
    shown = visible if Terminal.of(out).is_tty else str
    header: Sequence[str] | None = None
    for row in output.flat_records():
        if header is None:
            header = list(row)
            out.write(_line(header, shown))
        out.write(_line(row.values(), shown))
    if header is None and isinstance(output, Listing):
        out.write(_line(output.header, shown))
