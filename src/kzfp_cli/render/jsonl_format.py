"""``--format jsonl``: one compact JSON object a line, written as it is produced."""

from __future__ import annotations

import json
from typing import Any, TextIO

from kzfp_cli.views import Listing


def render(listing: Listing[Any], out: TextIO, err: TextIO) -> None:
    for record in listing.records():
        out.write(json.dumps(record, ensure_ascii=False))
        out.write("\n")
