"""``--format table``: a Rich table for people.

Data is printed as :class:`rich.text.Text`, never as markup, so brackets in a title stay
brackets; control characters are shown in caret notation (``^[``) so that text from a data
file cannot move the cursor or recolour the terminal.
"""

from __future__ import annotations

from typing import Any, TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kzfp_cli.safe_text import caret
from kzfp_cli.views import Listing


def render(listing: Listing[Any], out: TextIO, err: TextIO) -> None:
    if not listing.items:
        err.write(listing.empty_message + "\n")
        return
    console = Console(file=out, markup=False, emoji=False, highlight=False)
    columns = [c for c in listing.columns if console.width >= c.min_width]
    table = Table(
        box=box.SIMPLE_HEAD, header_style="bold", expand=True, pad_edge=False, show_edge=False
    )
    for column in columns:
        if column.share:
            table.add_column(column.header, ratio=column.share, overflow="fold")
        else:
            table.add_column(column.header)
    for item in listing.items:
        table.add_row(*(Text(caret(column.cell(item))) for column in columns))
    console.print(table)
