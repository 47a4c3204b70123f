"""A listing as a table that starts printing at once and holds one batch of rows.

Rich lays out a table by measuring every cell before it prints the first line: 20,000
rows took 8 s to appear, 300,000 took 100 s and 1.9 GB. So Rich lays out only the first
batch, exactly as it would lay out a whole table of those rows, and the column widths are
read off that batch's header. Every later row is wrapped to those widths with Rich's own
line breaking (``Text.wrap``, or ``fold_lines``, which gives the same lines faster for
plain text) and written a batch at a time, without a layout. A listing that fits in the
first batch is thus printed as Rich prints it, and a longer one keeps its columns from the
first row to the last.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import islice, pairwise
from typing import Any, NamedTuple

from rich.box import Box
from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment, SegmentLines
from rich.table import Table
from rich.text import Text

from kzfp_cli.safe_text import caret
from kzfp_cli.views import Column, Listing

# Rows Rich lays out, to set the widths (about a millisecond a row), and rows written at
# a time after them.
FIRST_BATCH = 200
BATCH = 500

HIGHLIGHT = "bold yellow"
_WORD = re.compile(r"\w+")

# Rich's SIMPLE_HEAD box, written out: a rule under the header, a space between columns.
_RULED = Box("    \n    \n ── \n    \n    \n    \n    \n    \n")
# The same box with a mark between the cells of the header, where the widths are read
# off; the mark is swapped back for the ruled box's space before anything is printed.
# Headers are kzfp's own words and field names, which never hold it.
_MARKED = Box("    \n  │ \n ── \n    \n    \n    \n    \n    \n")
# Cells are padded by one space on each side, except at the table's outer edges.
_PADDING = (0, 1)


def print_listing(console: Console, listing: Listing[Any]) -> None:
    """Print a listing that has items as a table the width of the console."""
    columns = [c for c in listing.columns if console.width >= c.min_width]
    items = iter(listing.items)
    first = list(islice(items, FIRST_BATCH))
    lines, widths = _first_batch(console, columns, first)
    console.print(SegmentLines(lines, new_lines=True))
    del first, lines
    layout = _Layout.of(console, columns, widths)
    while batch := list(islice(items, BATCH)):
        layout.write(console, batch)


def _first_batch(
    console: Console, columns: Sequence[Column[Any]], items: Sequence[Any]
) -> tuple[list[list[Segment]], list[int]]:
    """The lines Rich draws for these rows, and the width of each column in them
    (padding included)."""
    lines = console.render_lines(_table(columns, items), pad=False)
    mark = _MARKED.substitute(console.options).head_vertical
    space = _RULED.substitute(console.options).head_vertical
    header = "".join(segment.text for segment in lines[0])
    widths = [cell_len(part) for part in header.split(mark)]
    for line in lines:  # the header's lines, which a long header may wrap onto
        if not any(segment.text == mark for segment in line):
            break
        line[:] = [Segment(space, s.style) if s.text == mark else s for s in line]
    return lines, widths


def _table(columns: Sequence[Column[Any]], items: Iterable[Any]) -> Table:
    # Tables with wrapping columns use the whole width; tables of short cells stay compact.
    table = Table(
        box=_MARKED,
        header_style="bold",
        expand=any(column.share for column in columns),
        padding=_PADDING,
        pad_edge=False,
        show_edge=False,
    )
    for column in columns:
        if column.share:
            table.add_column(column.header, ratio=column.share, overflow="fold")
        else:
            table.add_column(column.header, max_width=column.max_width)
    for item in items:
        table.add_row(*(cell_text(column, item) for column in columns))
    return table


class _Place(NamedTuple):
    """Where a column's text goes in a line: the spaces before it, its width, the spaces
    after it."""

    before: str
    width: int
    after: str


class _Layout(NamedTuple):
    """The fixed widths of the rows after the first batch."""

    columns: Sequence[Column[Any]]
    places: Sequence[_Place]
    divider: str

    @classmethod
    def of(cls, console: Console, columns: Sequence[Column[Any]], widths: list[int]) -> _Layout:
        last = len(widths) - 1
        places = []
        for index, width in enumerate(widths):
            left = min(0 if index == 0 else _PADDING[1], width)
            right = min(0 if index == last else _PADDING[1], width - left)
            places.append(_Place(" " * left, width - left - right, " " * right))
        return cls(columns, places, _RULED.substitute(console.options).mid_vertical)

    def write(self, console: Console, items: Sequence[Any]) -> None:
        lines: list[str | Text] = []
        for item in items:
            self._add_row(console, item, lines)
        plain = [line for line in lines if isinstance(line, str)]
        if len(plain) == len(lines):
            # Text without style needs no renderer: this is most of a large table's rows.
            console.file.write("".join(plain))
        else:
            console.print(Text.assemble(*lines, end=""), end="", soft_wrap=True)

    def _add_row(self, console: Console, item: Any, lines: list[str | Text]) -> None:
        places = self.places
        cells = [
            _wrapped(console, column, item, place.width)
            for column, place in zip(self.columns, places, strict=True)
        ]
        for number in range(max(len(cell) for cell in cells)):
            parts: list[str | Text] = []
            for index, (cell, place) in enumerate(zip(cells, places, strict=True)):
                if index:
                    parts.append(self.divider)
                parts.append(place.before)
                parts.append(cell[number] if number < len(cell) else " " * place.width)
                parts.append(place.after)
            parts.append("\n")
            plain = [part for part in parts if isinstance(part, str)]
            if len(plain) == len(parts):
                lines.append("".join(plain))
            else:
                lines.append(Text.assemble(*parts, end=""))


def _wrapped(console: Console, column: Column[Any], item: Any, width: int) -> Sequence[str | Text]:
    """A cell's lines, each ``width`` wide: text without style as ``str``."""
    text = caret(column.cell(item))
    if width <= 0:
        return [""]
    if column.highlight is None and "\n" not in text and "\t" not in text:
        length = cell_len(text)
        if length <= width:
            return [text + " " * (width - length)]
        if length == len(text):
            return fold_lines(text, width)
    # A word wider than its column is folded, whatever the first batch did with such
    # a word: the rows after it must not lose text to an ellipsis.
    rich_text = _styled(text, column, item)
    lines = rich_text.wrap(console, width, justify="left", overflow="fold")
    return [line if line.spans else line.plain for line in lines]


_WORD_AND_SPACE = re.compile(r"\s*\S+\s*")


def fold_lines(text: str, width: int) -> list[str]:
    """``text`` broken into lines ``width`` wide, padded with spaces, as Rich's
    ``Text.wrap(justify="left", overflow="fold")`` breaks it: between words, and inside a
    word wider than a line. For one line of characters one cell wide each (no tabs, no
    line breaks, no wide or combining characters), where it gives the same lines several
    times faster; the rows of a large table are mostly such text."""
    breaks = [0]
    filled = 0  # cells taken on the current line
    for match in _WORD_AND_SPACE.finditer(text):
        start, word = match.start(), match.group()
        length = len(word.rstrip())
        if width - filled >= length:
            filled += len(word)
        elif length > width:
            for offset in range(0, len(word), width):
                if start + offset:
                    breaks.append(start + offset)
            filled = len(word) - offset
        elif filled and start:
            breaks.append(start)
            filled = len(word)
    breaks.append(len(text))
    lines = [text[begin:end][:width].ljust(width) for begin, end in pairwise(breaks) if end > begin]
    return lines or [" " * width]


def cell_text(column: Column[Any], item: Any) -> Text:
    """A cell as Rich text: never markup, control characters in caret notation, search
    matches emphasised."""
    return _styled(caret(column.cell(item)), column, item)


def _styled(plain: str, column: Column[Any], item: Any) -> Text:
    text = Text(plain)
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
