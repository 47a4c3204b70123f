"""A table too narrow to read, printed as records: a ``Field: value`` line for each
non-empty field, and a blank line between records.

Values are not wrapped or cut: on a terminal too narrow for a table, the terminal itself
folds a long line, and no text is lost. A value's own line breaks are indented, so that
each record stays one block.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Console
from rich.text import Text

from kzfp_cli.safe_text import visible


def print_records(console: Console, records: Iterable[Sequence[tuple[str, str | Text]]]) -> None:
    """Print each record, a sequence of (field, value) pairs, as a block of lines."""
    for number, record in enumerate(records):
        parts: list[str | Text | tuple[str, str]] = ["\n"] if number else []
        for label, value in record:
            shown = Text(visible(value)) if isinstance(value, str) else value
            if not shown.plain:
                continue
            parts += [(f"{label}:", "bold"), " ", Text("\n  ").join(shown.split("\n")), "\n"]
        console.print(Text.assemble(*parts, end=""), end="", soft_wrap=True)
