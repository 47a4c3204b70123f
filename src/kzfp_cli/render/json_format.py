"""``--format json``: one JSON array, UTF-8 as it is, keys in contract order."""

from __future__ import annotations

import json
from typing import Any, TextIO

from kzfp_cli.views import Listing


def render(listing: Listing[Any], out: TextIO, err: TextIO) -> None:
    out.write(json.dumps(list(listing.records()), ensure_ascii=False, indent=2))
    out.write("\n")
