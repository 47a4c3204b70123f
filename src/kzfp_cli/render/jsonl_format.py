"""``--format jsonl``: one compact JSON object a line, written as it is produced."""

from __future__ import annotations

import json
from typing import TextIO

from kzfp_cli.views import Detail, Output


def render(output: Output, out: TextIO, err: TextIO, *, color: bool = False) -> None:
    records = [output.record] if isinstance(output, Detail) else output.records()
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False))
        out.write("\n")
