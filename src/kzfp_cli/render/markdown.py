"""``--format md``: Markdown tables for reports, with the columns people see in a table.

Cells are escaped as ``export md`` escapes its text (safe_text.markdown_text): a viewer
shows them as written, never as a tag, a link or emphasis."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from kzfp_cli.safe_text import markdown_text
from kzfp_cli.views import Detail, Listing, Output


def _cell(text: str) -> str:
    # The escaping of `export md`; a line break would end the row, an HTML one does not.
    return markdown_text(text, line_break="<br>")


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |"]
    lines.append("|" + "|".join(" --- " for _ in header) + "|")
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _listing(listing: Listing[Any]) -> str:
    columns = [column for column in listing.columns if not column.decorative]
    rows = [[column.cell(item) for column in columns] for item in listing.items]
    return _table([column.header or " " for column in columns], rows)


def render(output: Output, out: TextIO, err: TextIO, *, color: bool = False) -> None:
    if isinstance(output, Detail):
        out.write(_table(output.header, [fact for fact in output.facts if fact[1]]))
        for heading, listing in output.sections:
            out.write(f"\n### {_cell(heading)}\n\n")
            out.write(_listing(listing) if listing.items else f"{listing.empty_message}\n")
    elif output.items:
        out.write(_listing(output))
    else:
        err.write(output.empty_message + "\n")
