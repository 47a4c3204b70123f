"""``--format json``: a listing as one JSON array, a single thing as one object; UTF-8 as
it is, keys in contract order, one trailing newline. Every control character is written
``\\uXXXX``: the value is exact, and a terminal showing the JSON is never driven by it."""

from __future__ import annotations

import json
from typing import TextIO

from kzfp_cli.safe_text import json_controls
from kzfp_cli.views import Detail, Output


def render(output: Output, out: TextIO, err: TextIO, *, color: bool = False) -> None:
    data = output.record if isinstance(output, Detail) else list(output.records())
    out.write(json_controls(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")
