"""``--format csv``: a header and one row a record; list cells hold ``a;b``.

A cell that starts like a spreadsheet formula (``=``, ``+``, ``-``, ``@``) gets a leading
``'``, so that opening the file in a spreadsheet never runs it; kzfp strips that quote
when it reads the file back (``--data``).

Into a pipe or a file every value is written exactly; on a terminal control characters are
shown as in the table (``^[``, ``<U+202E>``), so that data never drives the terminal."""

from __future__ import annotations

import csv
import io
from typing import Any, TextIO

from kzfp_cli.safe_text import guard, visible
from kzfp_cli.terminal import Terminal
from kzfp_cli.views import Listing, Output


def _crlf_row(row: dict[str, str], fieldnames: list[str]) -> str:
    """A row with a lone carriage return in a cell, that cell quoted. The csv module quotes
    only the characters of its line terminator, and ours is a line feed: a raw CR left
    unquoted would end the record for every reader, kzfp's own included."""
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=fieldnames, lineterminator="\r\n").writerow(row)
    return buffer.getvalue()[:-2] + "\n"


def render(output: Output, out: TextIO, err: TextIO, *, color: bool = False) -> None:
    shown = visible if Terminal.of(out).is_tty else str
    writer: Any = None
    fieldnames: list[str] = []
    for row in output.flat_records():
        if writer is None:
            fieldnames = list(row)
            writer = csv.DictWriter(out, fieldnames=fieldnames, lineterminator="\n")
            writer.writeheader()
        cells = {key: guard(shown(value)) for key, value in row.items()}
        if any("\r" in value for value in cells.values()):
            out.write(_crlf_row(cells, fieldnames))
        else:
            writer.writerow(cells)
    if writer is None and isinstance(output, Listing):
        csv.writer(out, lineterminator="\n").writerow(output.header)
