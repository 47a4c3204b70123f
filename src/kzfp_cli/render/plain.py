"""``--format plain``, the default into a pipe or a file: the table's columns as lines of
tab-separated cells, with no header, colour, box characters, wrapping or truncation, so
that ``kzfp timeline | grep WTO`` and ``cut -f1`` see whole rows (as ``gh`` does)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TextIO

from kzfp_cli.safe_text import visible
from kzfp_cli.views import Detail, Listing, Output


def cell(text: str) -> str:
    """One cell on one line: tabs and line breaks become spaces, controls caret notation,
    bidirectional and zero-width characters ``<U+202E>`` (see safe_text.visible)."""
    return visible(" ".join(text.replace("\t", " ").splitlines()))


def rows(listing: Listing[Any]) -> Iterator[list[str]]:
    """The listing's rows, made one at a time as they are written: a large listing holds
    no text of its own in memory."""
    columns = [column for column in listing.columns if not column.decorative]
    return ([cell(column.cell(item)) for column in columns] for item in listing.items)


def render(output: Output, out: TextIO, err: TextIO, *, color: bool = False) -> None:
    if isinstance(output, Detail):
        for label, value in output.facts:
            if value:
                out.write(f"{label}\t{cell(value)}\n")
        for heading, listing in output.sections:
            out.write(f"\n{heading}\n")
            out.writelines("\t".join(row) + "\n" for row in rows(listing))
    elif output.items:
        out.writelines("\t".join(row) + "\n" for row in rows(output))
    else:
        err.write(output.empty_message + "\n")
