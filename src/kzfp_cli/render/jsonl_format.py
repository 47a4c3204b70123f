"""``--format jsonl``: one compact JSON object a line, written as it is made; controls
escaped as in ``--format json``."""

from __future__ import annotations

import json
from typing import TextIO

from kzfp_cli.safe_text import json_controls
from kzfp_cli.views import Detail, Output


def render(output: Output, out: TextIO, err: TextIO, *, color: bool = False) -> None:
    # One encoder for every line: json.dumps with options builds a new one each call. A
    # record is a fresh tree of dicts and lists: it cannot hold a cycle to look for.
    dumps = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode

    def encode(record: object) -> str:
        return json_controls(dumps(record))

    if isinstance(output, Detail):
        out.write(encode(output.record) + "\n")
        return
    write = out.write
    for record in output.records():
        write(encode(record) + "\n")
