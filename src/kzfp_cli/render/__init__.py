"""Output formats. One module per format, each with ``render(output, out, err)``; which
module renders which format is in the table of formats, ``choices.format_spec``.

Modules are imported only when chosen, so ``--format json`` never pays for Rich.
"""

from __future__ import annotations

import importlib
from typing import Protocol, TextIO

from kzfp_cli.choices import OutputFormat, format_spec
from kzfp_cli.terminal import Terminal
from kzfp_cli.views import Output

__all__ = ["OutputFormat", "Renderer", "choose_format", "render", "renderer_for"]


class Renderer(Protocol):
    def __call__(self, output: Output, out: TextIO, err: TextIO, *, color: bool) -> None: ...


def choose_format(chosen: OutputFormat | None, terminal: Terminal) -> OutputFormat:
    """The format a user chose; without one, a table on a terminal and plain
    tab-separated lines into a pipe or a file."""
    if chosen is not None:
        return chosen
    return OutputFormat.table if terminal.is_tty else OutputFormat.plain


def renderer_for(output_format: OutputFormat) -> Renderer:
    module = importlib.import_module(f"{__name__}.{format_spec(output_format).module}")
    render: Renderer = module.render
    return render


def render(
    output: Output, output_format: OutputFormat, out: TextIO, err: TextIO, *, color: bool
) -> None:
    renderer_for(output_format)(output, out, err, color=color)
