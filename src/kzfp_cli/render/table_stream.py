"""A listing as a table that starts printing at once and holds one batch of rows.

Rich lays out a table by measuring every cell before it prints the first line: 20,000
rows took 8 s to appear, 300,000 took 100 s and 1.9 GB. So the column widths are those
Rich would give a whole table of the first batch (see widths), and Rich draws the header
at those widths. Then every row, from the first to the last, is wrapped to them by Rich's
own line breaking (``Text.wrap``) and written a batch at a time. A table keeps its
columns from its first row to its last, and no cell loses text to an ellipsis: a word
wider than its column is folded (a bar of a chart is cut short).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import chain, islice, pairwise
from typing import Any, NamedTuple

from rich.box import Box
from rich.cells import cell_len
from rich.console import Console, OverflowMethod, RenderableType
from rich.segment import Segment, SegmentLines
from rich.style import Style
from rich.table import Table
from rich.text import Text

from kzfp_cli.render.records import print_records
from kzfp_cli.render.widths import PADDING, Fit, column_widths, padding
from kzfp_cli.safe_text import visible
from kzfp_cli.views import Column, Listing

# Rows Rich lays out to set the column widths (about a millisecond a row), and rows
# written at a time.
FIRST_BATCH = 200
BATCH = 500

HIGHLIGHT = "bold yellow"
KEY = "dim"
_KEY_STYLE = Style.parse(KEY)

# Rich's SIMPLE_HEAD box, written out: a rule under the header, a space between columns.
_RULED = Box("    \n    \n ── \n    \n    \n    \n    \n    \n")


def print_listing(console: Console, listing: Listing[Any]) -> None:
    """Print a listing that has items as a table the width of the console, or as records
    if the console is too narrow for it (see ``_Layout.fits``)."""
    wide = [c for c in listing.columns if console.width >= c.min_width]
    keys = [c for c in listing.columns if c.key and c not in wide]
    items = iter(listing.items)
    first = list(islice(items, FIRST_BATCH))
    layout = _laid_out(console, _tucked(wide, keys), first, tucks_keys=bool(keys))
    if layout is None:
        # A record has room for every field: the ids are fields of their own.
        shown = [c for c in listing.columns if (c in wide or c.key) and not c.decorative]
        print_records(
            console,
            ([(c.header, cell_text(c, item)) for c in shown] for item in chain(first, items)),
        )
        return
    # Written in one piece with the first rows: when they cannot be written (an encoding
    # without their characters), neither is the header.
    layout.write(console, first, _printed(console, SegmentLines(layout.header, new_lines=True)))
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


def _laid_out(
    console: Console, columns: Sequence[Column[Any]], items: Sequence[Any], *, tucks_keys: bool
) -> _Layout | None:
    """The layout Rich gives a table of these rows, if every column fits it. Keys tucked
    under a column are kept whole where there is room; a table too narrow for that
    folds them, and is still a table."""
    rows = [[cell_text(column, item) for column in columns] for item in items]
    texts = [[row[index].plain for row in rows] for index in range(len(columns))]
    limit = console.width // 3
    for keep_keys in (True, False) if tucks_keys else (True,):
        keys = console.width // 2 if keep_keys else 0
        widths = _widths(console, columns, items, rows, keys)
        # Words kept whole too (Confidence-Building), or else broken only after a hyphen
        # (Confidence- / Building), where that costs the columns kept whole (a date, an
        # acronym) none of their width.
        kept = [index for index, column in enumerate(columns) if not column.share]
        for hyphens in (False, True):
            words = [_word(text, limit, hyphens=hyphens) for text in texts]
            whole = _widths(console, columns, items, rows, keys, words)
            if (
                widths is not None
                and whole is not None
                and all(whole[index] == widths[index] for index in kept)
            ):
                widths = whole
                break
        if widths is not None:
            layout = _Layout.of(console, columns, widths)
            if layout.fits() and layout.holds_words(texts, limit):
                return layout
    return None


def _widths(
    console: Console,
    columns: Sequence[Column[Any]],
    items: Sequence[Any],
    rows: Sequence[Sequence[Text]],
    keys: int,
    words: Sequence[int | None] = (),
) -> list[int] | None:
    """Each column's width (padding included) in a table of these rows (``items``, and
    their cells), or None if the table cannot be as narrow as the console. A key under
    the text is kept whole where it can be: its column is as wide as the longest key, up
    to ``keys`` columns; a wrapping column is as wide as ``words`` says, if it says."""
    fits = [
        Fit(
            c.header,
            ratio=c.share,
            width=_key_width(c, items, keys) or (words[index] if words else None),
        )
        if c.share
        else Fit(c.header, max_width=c.max_width)
        for index, c in enumerate(columns)
    ]
    widths = column_widths(console, fits, rows)
    if sum(widths) + len(widths) - 1 > console.width:
        return None
    return widths


def _word(texts: Sequence[str], limit: int, *, hyphens: bool = False) -> int | None:
    """The longest word of a column's texts, up to ``limit`` (with ``hyphens``, a word
    broken after its hyphens: ``Confidence-`` / ``Building``): its width at least, so that
    a word is cut only where no table could hold it."""
    breaks = _BREAKS if hyphens else _SPACES
    longest = max((cell_len(piece) for text in texts for piece in breaks.split(text)), default=0)
    return min(longest, limit) or None


def _key_width(column: Column[Any], items: Sequence[Any], limit: int) -> int | None:
    if not isinstance(column, _Tucked):
        return None
    longest = max((cell_len(key.cell(item)) for key in column.keys for item in items), default=0)
    return min(longest, limit) or None


def _header(
    console: Console, columns: Sequence[Column[Any]], widths: list[int]
) -> list[list[Segment]]:
    """The header's lines with the rule under them, as Rich draws a table of these
    columns at these widths (a long header wraps)."""
    table = Table(
        box=_RULED,
        header_style="bold",
        padding=PADDING,
        pad_edge=False,
        show_edge=False,
    )
    for index, (column, width) in enumerate(zip(columns, widths, strict=True)):
        _, right, _, left = padding(index, len(columns))
        overflow: OverflowMethod = "fold" if column.share else "ellipsis"
        table.add_column(column.header, width=width - left - right, overflow=overflow)
    return list(
        Segment.split_and_crop_lines(
            console.render(table), console.width, pad=False, include_new_lines=False
        )
    )


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
    # The header's lines and the rule under them, as Rich draws them.
    header: list[list[Segment]]

    @classmethod
    def of(cls, console: Console, columns: Sequence[Column[Any]], widths: list[int]) -> _Layout:
        places = []
        for index, width in enumerate(widths):
            _, right, _, left = padding(index, len(widths))
            left = min(left, width)
            right = min(right, width - left)
            places.append(_Place(" " * left, width - left - right, " " * right))
        divider = _RULED.substitute(console.options).mid_vertical
        return cls(columns, places, divider, _header(console, columns, widths))

    def fits(self) -> bool:
        """Whether every column is at least as wide as the longest word of its header.
        A narrower one breaks its own header mid-word and a word a line in its cells."""
        return all(
            place.width >= max((cell_len(word) for word in column.header.split()), default=1)
            for column, place in zip(self.columns, self.places, strict=True)
        )

    def holds_words(self, texts: Sequence[Sequence[str]], limit: int) -> bool:
        """Whether each column of text is as wide as the longest word of its cells, up to
        ``limit`` (a word may break after a hyphen): a narrower one would cut words a
        reader needs whole (``Organi`` / ``zation``), and records show them whole. A
        column given a most width (a date's) folds what is wider, at any width."""
        return all(
            place.width >= (_word(text, limit, hyphens=True) or 0)
            for column, place, text in zip(self.columns, self.places, texts, strict=True)
            if not column.decorative and column.max_width is None
        )

    def write(self, console: Console, items: Sequence[Any], before: str = "") -> None:
        """Write the rows of ``items``, after the text ``before``, in one write."""
        lines: list[str | Text] = []
        for item in items:
            self._add_row(console, item, lines)
        plain = [line for line in lines if isinstance(line, str)]
        if len(plain) == len(lines):
            # Text without style needs no renderer: this is most of a large table's rows.
            rows = "".join(plain)
        else:
            rows = _printed(console, Text.assemble(*lines, end=""), end="", soft_wrap=True)
        console.file.write(before + rows)

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


def _printed(console: Console, renderable: RenderableType, **options: Any) -> str:
    """What ``console.print`` would write, as text, to be written with what follows it."""
    with console.capture() as printed:
        console.print(renderable, **options)
    return printed.get()


def _wrapped(console: Console, column: Column[Any], item: Any, width: int) -> Sequence[str | Text]:
    """A cell's lines, each ``width`` wide: text without style as ``str``."""
    text = visible(column.cell(item))
    if width <= 0:
        return [""]
    if column.highlight is not None or "\t" in text:
        return _folded(console, column, _styled(text, column, item), width)
    # Line by line, as Rich would wrap them: most lines (a title, the id under it) fit and
    # need only padding; Rich wraps the others. The keys under a title (the lines after
    # its first) are styled in colour, as _styled styles them.
    keyed = isinstance(column, _Tucked) and console.color_system is not None
    lines: list[str | Text] = []
    for number, line in enumerate(text.split("\n")):
        style = KEY if keyed and number else ""
        length = cell_len(line)
        if length > width:
            lines.extend(_folded(console, column, Text(line, style=style), width))
        elif style:
            # As Rich writes a styled line, rendered here: a row then stays one string.
            lines.append(_KEY_STYLE.render(line) + " " * (width - length))
        else:
            lines.append(line + " " * (width - length))
    return lines


def _folded(console: Console, column: Column[Any], text: Text, width: int) -> list[str | Text]:
    # A word wider than its column is folded: no row may lose text to an ellipsis (an id,
    # say, longer than those of the rows the widths come from). A bar is only a picture of
    # its number: it is cut short, not folded.
    overflow: OverflowMethod = "ellipsis" if column.decorative else "fold"
    if not column.decorative:
        text = _broken_at_hyphens(text, width)
    lines = text.wrap(console, width, justify="left", overflow=overflow)
    return [line if line.spans else line.plain for line in lines]


def _broken_at_hyphens(text: Text, width: int) -> Text:
    """``text`` with a line break after a hyphen of each word wider than ``width``
    (``Confidence-`` / ``Building``), as few as keep its pieces within it: Rich breaks
    words at spaces only, and would cut such a word where the column ends."""
    breaks = []
    for word in _WORDS.finditer(text.plain):
        if cell_len(word.group()) <= width or "-" not in word.group():
            continue
        pieces = _BREAKS.split(word.group())
        if max(map(cell_len, pieces)) > width:  # cut anyway: Rich cuts it where it must
            continue
        line = 0  # the width of the piece of the word on the current line
        at = word.start()
        for piece in pieces:
            if line and line + cell_len(piece) > width:
                breaks.append(at)
                line = 0
            line += cell_len(piece)
            at += len(piece)
    if not breaks:
        return text
    return Text("\n").join(text.divide(breaks))


_WORDS = re.compile(r"\S+")
_SPACES = re.compile(r"\s+")
_BREAKS = re.compile(r"(?<=-)|\s+")


def cell_text(column: Column[Any], item: Any) -> Text:
    """A cell as Rich text: never markup, control characters in caret notation and
    invisible ones by code point (safe_text.visible), search matches emphasised."""
    return _styled(visible(column.cell(item)), column, item)


def _styled(plain: str, column: Column[Any], item: Any) -> Text:
    text = Text(plain)
    if column.highlight is not None:
        _emphasise(text, column.highlight(item))
    if isinstance(column, _Tucked) and "\n" in plain:
        # The keys under the text (an event's id under its title) read apart from it.
        text.stylize(KEY, plain.index("\n") + 1)
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
