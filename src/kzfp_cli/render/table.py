"""``--format table``: Rich tables for people.

Data is printed as :class:`rich.text.Text`, never as markup, so brackets in a title stay
brackets; control characters are shown in caret notation (``^[``) so that text from a data
file cannot move the cursor or recolour the terminal, and bidirectional and zero-width
characters by code point (``<U+202E>``) so that none reorders or hides text unseen. A
listing is printed a batch of rows at a time (see :mod:`kzfp_cli.render.table_stream`).
"""

from __future__ import annotations

import re
from typing import TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.style import Style
from rich.text import Text

from kzfp_cli.render.records import print_records
from kzfp_cli.render.table_stream import print_listing
from kzfp_cli.safe_text import visible
from kzfp_cli.terminal import width
from kzfp_cli.views import Detail, Output

# The space between a label and its value.
_GAP = 2
# A line of a value that is one web address, and nothing else.
_ADDRESS = re.compile(r"https?://\S+")


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
        width=width(out),
    )
    if isinstance(output, Detail):
        _detail(console, output)
    elif output.items:
        print_listing(console, output)
    else:
        err.write(output.empty_message + "\n")


def _detail(console: Console, detail: Detail) -> None:
    facts = [(label, value) for label, value in detail.facts if value]
    label_width = max((cell_len(label) for label, _ in facts), default=0)
    # Too narrow for a value column as wide as the labels: one "Label: value" line each.
    if console.width < 2 * label_width + 1:
        print_records(console, [facts])
    else:
        _fields(console, facts)
    # Headings and messages are one line each: on a terminal too narrow for them, the
    # terminal folds them (Rich would break them a word, or a letter, a line).
    for heading, listing in detail.sections:
        console.print()
        console.print(Text(heading, style="bold"), soft_wrap=True)
        if listing.items:
            print_listing(console, listing)
        else:
            console.print(Text(listing.empty_message), soft_wrap=True)


def _fields(console: Console, facts: list[tuple[str, str]]) -> None:
    """Each fact as a label and its value beside it, the value wrapped to the room left.
    A line that is a web address is never broken: it is a link where the terminal shows
    colour, and the terminal folds it if it must, so that copying it gives it whole."""
    label_width = max(cell_len(label) for label, _ in facts)
    room = console.width - label_width - _GAP
    blank = Text(" " * (label_width + _GAP))
    for label, value in facts:
        lead = Text(label, style="bold")
        lead.pad_right(label_width + _GAP - cell_len(label))
        for shown in visible(value).split("\n"):
            if _ADDRESS.fullmatch(shown):
                address = Text(shown, style=Style(link=shown) if console.is_terminal else "")
                console.print(Text.assemble(lead, address), soft_wrap=True)
                lead = blank
                continue
            for line in Text(shown).wrap(console, room, overflow="fold"):
                line.pad_right(room - cell_len(line.plain))
                console.print(Text.assemble(lead, line), soft_wrap=True)
                lead = blank
