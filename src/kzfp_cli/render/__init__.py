"""Output formats. One module per format, each with ``render(listing, out, err)``.

Modules are imported only when chosen, so ``--format json`` never pays for Rich.
"""

from __future__ import annotations

import importlib
from enum import Enum
from typing import Protocol, TextIO

from kzfp_cli.choices import choose
from kzfp_cli.terminal import Terminal
from kzfp_cli.views import Output


class OutputFormat(str, Enum):
    table = "table"
    plain = "plain"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    md = "md"


class Renderer(Protocol):
    def __call__(self, output: Output, out: TextIO, err: TextIO, *, color: bool) -> None: ...


_MODULES: dict[OutputFormat, str] = {
    OutputFormat.table: "table",
    OutputFormat.plain: "plain",
    OutputFormat.json: "json_format",
    OutputFormat.jsonl: "jsonl_format",
    OutputFormat.csv: "csv_format",
    OutputFormat.tsv: "tsv",
    OutputFormat.md: "markdown",
}


def choose_format(name: str | None, terminal: Terminal) -> OutputFormat:
    """The format a user named, in any case; without one, a table on a terminal and plain
    tab-separated lines into a pipe or a file. A UsageError lists the formats."""
    if name is None:
        return OutputFormat.table if terminal.is_tty else OutputFormat.plain
    return OutputFormat(choose(name, (f.value for f in OutputFormat), "format"))


def renderer_for(output_format: OutputFormat) -> Renderer:
    module = importlib.import_module(f"{__name__}.{_MODULES[output_format]}")
    render: Renderer = module.render
    return render


def render(
    output: Output, output_format: OutputFormat, out: TextIO, err: TextIO, *, color: bool
) -> None:
    renderer_for(output_format)(output, out, err, color=color)
