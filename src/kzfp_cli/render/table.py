"""``--format table``: Rich tables for people.

Data is printed as :class:`rich.text.Text`, never as markup, so brackets in a title stay
brackets; control characters are shown in caret notation (``^[``) so that text from a data
file cannot move the cursor or recolour the terminal.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any, TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kzfp_cli.safe_text import caret
from kzfp_cli.views import Column, Detail, Listing, Output

_WORD = re.compile(r"\w+")
HIGHLIGHT = "bold yellow"


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # Rich would exit with status 1 here; let kzfp report a closed pipe its own way.
        raise BrokenPipeError


def render(output: Output, out: TextIO, err: TextIO, *, color: bool = False) -> None:
    console = _Console(
        file=out,
        markup=False,
        emoji=False,
        highlight=False,
        # Colour is decided once, in kzfp_cli.terminal; Rich is told, not left to guess.
        force_terminal=color or None,
        no_color=not color,
        color_system="auto" if color else None,
    )
    if isinstance(output, Detail):
        _detail(console, output)
    elif output.items:
        console.print(_table(console, output))
    else:
        err.write(output.empty_message + "\n")


def _table(console: Console, listing: Listing[Any]) -> Table:
    columns = [c for c in listing.columns if console.width >= c.min_width]
    # Tables with wrapping columns use the whole width; tables of short cells stay compact.
    table = Table(
        box=box.SIMPLE_HEAD,
        header_style="bold",
        expand=any(column.share for column in columns),
        pad_edge=False,
        show_edge=False,
    )
    for column in columns:
        if column.share:
            table.add_column(column.header, ratio=column.share, overflow="fold")
        else:
            table.add_column(column.header, max_width=column.max_width)
    for item in listing.items:
        table.add_row(*(_cell(column, item) for column in columns))
    return table


def _cell(column: Column[Any], item: Any) -> Text:
    text = Text(caret(column.cell(item)))
    if column.highlight is not None:
        _emphasise(text, column.highlight(item))
    return text


def _emphasise(text: Text, words: frozenset[str]) -> None:
    """Stylise the words of ``text`` that are in ``words`` (folded), and adjacent pairs
    whose joined form is (``Nur-Sultan`` for ``nursultan``)."""
    from kzfp_cli.search import fold  # search results only: other tables skip difflib

    spans = list(_WORD.finditer(text.plain))
    for match in spans:
        if fold(match.group()) in words:
            text.stylize(HIGHLIGHT, match.start(), match.end())
    for first, second in pairwise(spans):
        if fold(first.group() + second.group()) in words:
            text.stylize(HIGHLIGHT, first.start(), second.end())


def _detail(console: Console, detail: Detail) -> None:
    fields = Table(box=None, show_header=False, pad_edge=False, expand=True)
    fields.add_column(style="bold", no_wrap=True)
    fields.add_column(ratio=1, overflow="fold")
    for label, value in detail.facts:
        if value:
            fields.add_row(Text(label), Text(caret(value)))
    console.print(fields)
    for heading, listing in detail.sections:
        console.print()
        console.print(Text(heading, style="bold"))
        if listing.items:
            console.print(_table(console, listing))
        else:
            console.print(Text(listing.empty_message))
