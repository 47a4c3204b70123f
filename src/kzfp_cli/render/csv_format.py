"""``--format csv``: a header and one row a record; list cells hold ``a;b``.

A cell that starts like a spreadsheet formula (``=``, ``+``, ``-``, ``@``) gets a leading
``'``, so that opening the file in a spreadsheet never runs it; kzfp strips that quote
when it reads the file back (``--data``)."""

from __future__ import annotations

import csv
from typing import Any, TextIO

from kzfp_cli.safe_text import guard
from kzfp_cli.views import Listing, Output


def render(output: Output, out: TextIO, err: TextIO, *, color: bool = False) -> None:
    writer: Any = None
    for row in output.flat_records():
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row), lineterminator="\n")
            writer.writeheader()
        writer.writerow({key: guard(value) for key, value in row.items()})
    if writer is None and isinstance(output, Listing):
        csv.writer(out, lineterminator="\n").writerow(output.header)
