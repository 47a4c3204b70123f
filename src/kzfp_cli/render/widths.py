"""The widths Rich's ``Table`` gives the columns of a table of given rows, found by the
same rule from Rich's public measurements (``Measurement``) of each cell. A table that
streams its rows draws only its header with Rich, at these widths, and wraps every row to
them itself (see table_stream).

The rule, for a table with a one-cell gap between columns and no outer edge: each column
wants its widest cell, padding included. When some columns have a ratio, the table takes
the whole width: the others keep what they want and those with a ratio share the rest by
it. A table still too wide narrows its widest wrapping columns first, then every column
evenly, and each column is then measured again at its narrower width.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import ceil
from typing import NamedTuple

from rich.console import Console, ConsoleOptions, RenderableType
from rich.measure import Measurement
from rich.padding import Padding

# Rich's padding of a cell: none above and below, a space each side.
PADDING = (0, 1)


class Fit(NamedTuple):
    """How a column is fitted: its header, its share of the width left by the columns
    kept whole (0 keeps it whole), a width for its text it is given whatever its cells
    (None to measure them), and the most its text may take."""

    header: str
    ratio: int = 0
    width: int | None = None
    max_width: int | None = None


def column_widths(
    console: Console, fits: Sequence[Fit], rows: Sequence[Sequence[RenderableType]]
) -> list[int]:
    """The width of each column, padding included, as Rich lays out a table of ``rows``
    (one cell a column) with these columns, one cell of padding between two columns and
    none at the table's edges, in the width of ``console``."""
    pads = [padding(index, len(fits)) for index in range(len(fits))]
    cells = [[fit.header, *(row[index] for row in rows)] for index, fit in enumerate(fits)]
    most = console.width - (len(fits) - 1)  # the dividers between the columns
    options = console.options.update_width(most)

    def measure(index: int, room: ConsoleOptions) -> Measurement:
        return _measure(console, room, fits[index], pads[index], cells[index])

    ranges = [measure(index, options) for index in range(len(fits))]
    widths = [wanted.maximum or 1 for wanted in ranges]
    expand = any(fit.ratio for fit in fits)
    if expand:
        flexible = [index for index, fit in enumerate(fits) if fit.ratio]
        kept = sum(
            wanted.maximum for fit, wanted in zip(fits, ranges, strict=True) if not fit.ratio
        )
        shares = _distribute(
            most - kept,
            [fits[index].ratio for index in flexible],
            [(fits[index].width or 1) + _width(pads[index]) for index in flexible],
        )
        for index, share in zip(flexible, shares, strict=True):
            widths[index] = share
    total = sum(widths)
    if total > most:
        widths = _collapse(widths, [fit.width is None for fit in fits], most)
        total = sum(widths)
        if total > most:
            widths = _reduce(total - most, [1] * len(widths), widths, widths)
            total = sum(widths)
        widths = [
            measure(index, options.update_width(width)).maximum or 0
            for index, width in enumerate(widths)
        ]
    if total < most and expand:
        widths = [
            width + pad
            for width, pad in zip(widths, _distribute(most - total, widths), strict=True)
        ]
    return widths


def padding(index: int, count: int) -> tuple[int, int, int, int]:
    """The padding (top, right, bottom, left) of the cells of column ``index`` of
    ``count``: a space each side, none at the table's edges (Rich's ``pad_edge=False``
    with a padding of ``PADDING``)."""
    return (0, 0 if index == count - 1 else 1, 0, 0 if index == 0 else 1)


def _width(pad: tuple[int, int, int, int]) -> int:
    return pad[1] + pad[3]


def _measure(
    console: Console,
    options: ConsoleOptions,
    fit: Fit,
    padded: tuple[int, int, int, int],
    cells: Sequence[RenderableType],
) -> Measurement:
    """The least and the most width a column takes in ``options``' width."""
    room = options.max_width
    if room < 1:
        return Measurement(0, 0)
    pad = _width(padded)
    if fit.width is not None:
        return Measurement(fit.width + pad, fit.width + pad).with_maximum(room)
    measured = [Measurement.get(console, options, Padding(cell, padded)) for cell in cells]
    least = max(minimum for minimum, _ in measured)
    wanted = Measurement(least, max(maximum for _, maximum in measured)).with_maximum(room)
    return wanted.clamp(None, None if fit.max_width is None else fit.max_width + pad)


def _distribute(total: int, ratios: Sequence[int], minimums: Sequence[int] = ()) -> list[int]:
    """``total`` split by ``ratios``, each part rounded up and at least its minimum."""
    if minimums:
        ratios = [ratio if minimum else 0 for ratio, minimum in zip(ratios, minimums, strict=True)]
    left, ratio_left = total, sum(ratios)
    parts = []
    for ratio, minimum in zip(ratios, minimums or [0] * len(ratios), strict=True):
        part = max(minimum, ceil(ratio * left / ratio_left)) if ratio_left > 0 else left
        parts.append(part)
        ratio_left -= ratio
        left -= part
    return parts


def _reduce(
    total: int, ratios: Sequence[int], maximums: Sequence[int], values: Sequence[int]
) -> list[int]:
    """``values`` less ``total`` in all, taken by ``ratios``, at most ``maximums`` each."""
    ratios = [ratio if most else 0 for ratio, most in zip(ratios, maximums, strict=True)]
    left, ratio_left = total, sum(ratios)
    if not ratio_left:
        return list(values)
    reduced = []
    for ratio, most, value in zip(ratios, maximums, values, strict=True):
        if ratio and ratio_left > 0:
            taken = min(most, round(ratio * left / ratio_left))
            reduced.append(value - taken)
            left -= taken
            ratio_left -= ratio
        else:
            reduced.append(value)
    return reduced


def _collapse(widths: list[int], wrapping: Sequence[bool], most: int) -> list[int]:
    """Narrow the widest wrapping columns, down to the next widest at a time, until the
    total is at most ``most`` or no wrapping column is wider than another."""
    excess = sum(widths) - most
    if not any(wrapping):
        return widths
    while sum(widths) and excess > 0:
        widest = max(width for width, wraps in zip(widths, wrapping, strict=True) if wraps)
        next_widest = max(
            width if wraps and width != widest else 0
            for width, wraps in zip(widths, wrapping, strict=True)
        )
        ratios = [
            int(width == widest and wraps) for width, wraps in zip(widths, wrapping, strict=True)
        ]
        if not any(ratios) or not widest - next_widest:
            break
        widths = _reduce(excess, ratios, [min(excess, widest - next_widest)] * len(widths), widths)
        excess = sum(widths) - most
    return widths
