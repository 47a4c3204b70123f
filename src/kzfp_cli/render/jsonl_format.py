"""``--format jsonl``: one compact JSON object a line, written as it is made."""

from __future__ import annotations

import json
from typing import TextIO

from kzfp_cli.views import Detail, Output


def render(output: Output, out: TextIO, err: TextIO, *, color: bool = False) -> None:
    # One encoder for every line: json.dumps with options builds a new one each call. A
    # record is a fresh tree of dicts and lists: it cannot hold a cycle to look for.
    encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
    if isinstance(output, Detail):
        out.write(encode(output.record) + "\n")
        return
    write = out.write
    for record in output.records():
        write(encode(record) + "\n")
