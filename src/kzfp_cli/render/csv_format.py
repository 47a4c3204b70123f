"""``--format csv``: a header and one row a record; list cells hold ``a;b``."""

from __future__ import annotations

import csv
from typing import Any, TextIO

from kzfp_cli.views import Listing


def render(listing: Listing[Any], out: TextIO, err: TextIO) -> None:
    writer: Any = None
    for row in listing.flat_records():
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row), lineterminator="\n")
            writer.writeheader()
        writer.writerow(row)
