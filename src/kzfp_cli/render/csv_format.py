"""``--format csv``: a header and one row a record; list cells hold ``a;b``."""

from __future__ import annotations

import csv
from typing import Any, TextIO

from kzfp_cli.views import Listing, Output


def render(output: Output, out: TextIO, err: TextIO, *, color: bool = False) -> None:
    writer: Any = None
    for row in output.flat_records():
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row), lineterminator="\n")
            writer.writeheader()
        writer.writerow(row)
    if writer is None and isinstance(output, Listing):
        csv.writer(out, lineterminator="\n").writerow(output.header)
