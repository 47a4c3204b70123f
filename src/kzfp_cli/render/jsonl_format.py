"""``--format jsonl``: one compact JSON object a line, written as it is produced."""

from __future__ import annotations

import json
from typing import TextIO

from kzfp_cli.views import Detail, Output


def render(output: Output, out: TextIO, err: TextIO, *, color: bool = False) -> None:
    records = [output.record] if isinstance(output, Detail) else output.records()
    # One encoder for every line: json.dumps with options builds a new one each call.
    encode = json.JSONEncoder(ensure_ascii=False).encode
    for record in records:
        out.write(encode(record) + "\n")
