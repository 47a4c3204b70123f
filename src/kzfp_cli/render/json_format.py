"""``--format json``: a listing as one JSON array, a single thing as one object; UTF-8 as
it is, keys in contract order, one trailing newline. Every control character is written
``\\uXXXX``: the value is exact, and a terminal showing the JSON is never driven by it.

A listing is written a record at a time, as ``json.dumps`` would lay out the whole array:
a million events never sit in memory as one string."""

from __future__ import annotations

import json
from typing import TextIO

from kzfp_cli.safe_text import json_controls
from kzfp_cli.views import Detail, Output

_INDENT = "  "


def render(output: Output, out: TextIO, err: TextIO, *, color: bool = False) -> None:
    # A record is a fresh tree of dicts and lists: it cannot hold a cycle to look for.
    encoder = json.JSONEncoder(ensure_ascii=False, indent=len(_INDENT), check_circular=False)
    if isinstance(output, Detail):
        out.write(json_controls(encoder.encode(output.record)) + "\n")
        return
    before = "[\n"
    for record in output.records():
        text = json_controls(encoder.encode(record))
        out.write(before + _INDENT + text.replace("\n", "\n" + _INDENT))
        before = ",\n"
    out.write("[]\n" if before == "[\n" else "\n]\n")
