"""A listing as a table that starts printing at once and holds one batch of rows.

Rich lays out a table by measuring every cell before it prints the first line: 20,000
rows took 8 s to appear, 300,000 took 100 s and 1.9 GB. So Rich lays out only the first
batch, as it would lay out a whole table of those rows, and the header and the column
widths are taken from that layout. Then every row, from the first to the last, is wrapped
to those widths by Rich's own line breaking (``Text.wrap``) and written a batch at a
time. A table keeps its columns from its first row to its last, and no cell loses text to
an ellipsis: a word wider than its column is folded (a bar of a chart is cut short).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain, islice, pairwise
from typing import Any, NamedTuple

from rich.box import Box
from rich.cells import cell_len
from rich.console import Console, OverflowMethod
from rich.segment import Segment, SegmentLines
from rich.table import Table
from rich.text import Text

from kzfp_cli.render.records import print_records
from kzfp_cli.safe_text import visible
from kzfp_cli.views import Column, Listing

# Rows Rich lays out to set the column widths (about a millisecond a row), and rows
# written at a time.
FIRST_BATCH = 200
BATCH = 500

HIGHLIGHT = "bold yellow"

# Rich's SIMPLE_HEAD box, written out: a rule under the header, a space between columns.
_RULED = Box("    \n    \n ── \n    \n    \n    \n    \n    \n")
# The same box with a mark between the cells of the header, where the widths are read
# off; the mark is swapped back for the ruled box's space before anything is printed.
# Headers are kzfp's own words and field names, which never hold it.
_MARKED = Box("    \n  │ \n ── \n    \n    \n    \n    \n    \n")
# Cells are padded by one space on each side, except at the table's outer edges.
_PADDING = (0, 1)


def print_listing(console: Console, listing: Listing[Any]) -> None:
    """Print a listing that has items as a table the width of the console, or as records
    if the console is too narrow for it (see ``_fits``)."""
    wide = [c for c in listing.columns if console.width >= c.min_width]
    keys = [c for c in listing.columns if c.key and c not in wide]
    columns = _tucked(wide, keys)
    items = iter(listing.items)
    first = list(islice(items, FIRST_BATCH))
    drawn = _header(console, columns, first, keep_keys=True)
    layout = _Layout.of(console, columns, drawn[1]) if drawn else None
    if (layout is None or not layout.fits()) and keys:
        # Too narrow to keep the keys whole: a table that folds them is still a table.
        drawn = _header(console, columns, first, keep_keys=False)
        layout = _Layout.of(console, columns, drawn[1]) if drawn else None
    if drawn is None or layout is None or not layout.fits():
        # A record has room for every field: the ids are fields of their own.
        shown = [c for c in listing.columns if (c in wide or c.key) and not c.decorative]
        print_records(
            console,
            ([(c.header, cell_text(c, item)) for c in shown] for item in chain(first, items)),
        )
        return
    console.print(SegmentLines(drawn[0], new_lines=True))
    layout.write(console, first)
    while batch := list(islice(items, BATCH)):
        layout.write(console, batch)


class _Tucked(Column[Any]):
    """A wrapping column with, under its text, the keys the table has no room for."""

    __slots__ = ("keys",)

    def __init__(self, host: Column[Any], keys: Sequence[Column[Any]]) -> None:
        super().__init__(
            " / ".join([host.header, *(key.header for key in keys)]),
            lambda item: "\n".join([host.cell(item), *(key.cell(item) for key in keys)]),
            share=host.share,
            max_width=host.max_width,
            highlight=host.highlight,
        )
        self.keys = keys


def _tucked(columns: list[Column[Any]], keys: list[Column[Any]]) -> list[Column[Any]]:
    """The columns, with the keys left out for width under the first wrapping one."""
    for index, column in enumerate(columns):
        if keys and column.share:
            return [*columns[:index], _Tucked(column, keys), *columns[index + 1 :]]
    return columns


def _header(
    console: Console, columns: Sequence[Column[Any]], items: Sequence[Any], *, keep_keys: bool
) -> tuple[list[list[Segment]], list[int]] | None:
    """The header's lines with the rule under them, as Rich lays out a table of these
    rows, and the width of each column in it (padding included). Rich sets the widths
    from every row, then draws the table line by line: only the lines up to the rule are
    drawn, and the rows, which the caller writes itself, are not."""
    marked = _MARKED.substitute(console.options)
    mark, rule = marked.head_vertical, marked.head_row_horizontal
    space = _RULED.substitute(console.options).head_vertical
    drawn = Segment.split_and_crop_lines(
        console.render(_table(columns, items, console.width // 2 if keep_keys else 0)),
        console.width,
        pad=False,
        include_new_lines=False,
    )
    lines: list[list[Segment]] = []
    for line in drawn:  # the header's lines (a long header wraps), then the rule under it
        lines.append(line)
        if set("".join(segment.text for segment in line).strip()) == {rule}:
            break
    if not lines:  # too narrow to draw even the header
        return None
    widths = [cell_len(part) for part in "".join(s.text for s in lines[0]).split(mark)]
    if len(widths) != len(columns):  # too narrow: Rich left columns out
        return None
    for number, line in enumerate(lines[:-1]):
        lines[number] = [Segment(space, s.style) if s.text == mark else s for s in line]
    return lines, widths


def _key_width(column: Column[Any], items: Sequence[Any], limit: int) -> int | None:
    if not isinstance(column, _Tucked):
        return None
    longest = max((cell_len(key.cell(item)) for key in column.keys for item in items), default=0)
    return min(longest, limit) or None


def _table(columns: Sequence[Column[Any]], items: Iterable[Any], keys: int) -> Table:
    # Tables with wrapping columns use the whole width; tables of short cells stay compact.
    table = Table(
        box=_MARKED,
        header_style="bold",
        expand=any(column.share for column in columns),
        padding=_PADDING,
        pad_edge=False,
        show_edge=False,
    )
    items = list(items)
    for column in columns:
        if column.share:
            # A key under the text is kept whole where it can be: its column is as
            # wide as the longest key, up to ``keys`` columns.
            floor = _key_width(column, items, keys)
            table.add_column(column.header, ratio=column.share, overflow="fold", width=floor)
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
    """Where each column's text goes in every row: widths fixed from the first batch."""

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

    def fits(self) -> bool:
        """Whether every column is at least as wide as the longest word of its header.
        A narrower one breaks its own header mid-word and a word a line in its cells."""
        return all(
            place.width >= max((cell_len(word) for word in column.header.split()), default=1)
            for column, place in zip(self.columns, self.places, strict=True)
        )

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
    text = visible(column.cell(item))
    if width <= 0:
        return [""]
    if column.highlight is not None or "\t" in text:
        return _folded(console, column, _styled(text, column, item), width)
    # Line by line, as Rich would wrap them: most lines (a title, the id under it) fit and
    # need only padding; Rich wraps the others.
    lines: list[str | Text] = []
    for line in text.split("\n"):
        length = cell_len(line)
        if length <= width:
            lines.append(line + " " * (width - length))
        else:
            lines.extend(_folded(console, column, Text(line), width))
    return lines


def _folded(console: Console, column: Column[Any], text: Text, width: int) -> list[str | Text]:
    # A word wider than its column is folded: no row may lose text to an ellipsis (an id,
    # say, longer than those of the rows the widths come from). A bar is only a picture of
    # its number: it is cut short, not folded.
    overflow: OverflowMethod = "ellipsis" if column.decorative else "fold"
    lines = text.wrap(console, width, justify="left", overflow=overflow)
    return [line if line.spans else line.plain for line in lines]


def cell_text(column: Column[Any], item: Any) -> Text:
    """A cell as Rich text: never markup, control characters in caret notation and
    invisible ones by code point (safe_text.visible), search matches emphasised."""
    return _styled(visible(column.cell(item)), column, item)


def _styled(plain: str, column: Column[Any], item: Any) -> Text:
    text = Text(plain)
    if column.highlight is not None:
        _emphasise(text, column.highlight(item))
    return text


def _emphasise(text: Text, words: frozenset[str]) -> None:
    """Stylise the words of ``text`` that are in ``words`` (folded), and adjacent pairs
    whose joined form is (``Nur-Sultan`` for ``nursultan``)."""
    from kzfp_cli.words import WORD, fold  # search results only: words as search reads them

    spans = list(WORD.finditer(text.plain))
    for match in spans:
        if fold(match.group()) in words:
            text.stylize(HIGHLIGHT, match.start(), match.end())
    for first, second in pairwise(spans):
        if fold(first.group() + second.group()) in words:
            text.stylize(HIGHLIGHT, first.start(), second.end())
