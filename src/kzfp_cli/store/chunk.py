"""What every reader of records gives, CSV or JSON: the records of a file a chunk at a
time, each record with the line it starts on and its cells in the table's column order,
so that what reads a row never needs to know how a file ordered or left out columns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from kzfp_cli.store.problems import Problems
from kzfp_cli.store.schema import MAX_PROBLEMS

# Records are read and checked this many at a time: enough for the rules over a column to
# pay for themselves, few enough that a chunk's short-lived rows stay under the count of
# new objects that wakes Python's cyclic garbage collector (700). With 1,024 the collector
# went through every event held so far some 20 times for a million rows, a fifth of the
# time; with 128, 4 times.
CHUNK = 128


class Chunk(NamedTuple):
    """Records read together: the line each starts on, and their cells as one sequence
    per column of the table, in the table's order (a column the file leaves out is
    empty cells). Rules run over a column at a time, mostly in C."""

    lines: Sequence[int]
    columns: list[Sequence[str]]
    # Every cell as read, joined: what looks for a character anywhere in the chunk
    # looks here first, once.
    text: str


def stopped(label: str, problems: Problems, before: int, line: int) -> bool:
    """Whether a file has MAX_PROBLEMS errors, of which ``before`` were found before it
    was read; if so, one more says reading stops at ``line``. Warnings do not count: a
    file with one a row is read to its end."""
    count = problems.error_count - before
    if count < MAX_PROBLEMS:
        return False
    problems.add(label, line, None, f"{count} errors; stopped reading here")
    return True
