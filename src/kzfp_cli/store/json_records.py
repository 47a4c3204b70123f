"""kzfp's own JSON and JSON lines read back as events: each object becomes the record its
CSV row would be, and goes through the same rules (:mod:`kzfp_cli.store.parse`).

A value becomes the cell the CSV would hold: a string as it is, null (or a key left
out) the empty cell, a list of strings its items joined by ``;``. What JSON says that a
cell cannot is an error at the object's line, and the object is not read: a value of
another type, a list item that is empty or holds ``;``, a lone surrogate. ``precision``,
which kzfp's JSON adds, must agree with the date it is derived from. Any other key is
unknown; the first object is checked as a CSV header is, and reading stops there when it
is not an event.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import chain, islice, repeat

from kzfp_cli.dates import parse_iso
from kzfp_cli.model import LIST_SEPARATOR
from kzfp_cli.store.chunk import CHUNK, Chunk
from kzfp_cli.store.json_values import Twice, values
from kzfp_cli.store.problems import Problems
from kzfp_cli.store.schema import MAX_CELL_CHARS, MAX_PROBLEMS

# The columns that hold a list: an event's tuple fields, a JSON list each.
LIST_COLUMNS = frozenset({"partners", "orgs", "themes", "sources"})
PRECISION = "precision"
_PRECISIONS = ("year", "month", "day")
_TEXT = frozenset({str, type(None)})
_LIST = frozenset({list, type(None)})
_TOO_LONG = f"is longer than {MAX_CELL_CHARS:,} characters"


def chunks(
    label: str, blocks: Iterator[str], columns: Sequence[str], problems: Problems
) -> Iterator[Chunk]:
    """The records of a JSON text, CHUNK at a time, cells by ``columns``, as
    :func:`reading.chunks` gives a CSV file's."""
    found = values(label, blocks, problems)
    objects = _Objects(label, columns, problems)
    start = len(problems.found)
    first = True
    while True:
        batch = list(islice(found, CHUNK))
        if not batch:
            return
        if first and not objects.header(*batch[0]):
            return
        first = False
        chunk = objects.chunk(batch)
        if chunk is not None:
            yield chunk
        count = len(problems.found) - start
        if count >= MAX_PROBLEMS:
            problems.add(label, batch[-1][0], None, f"{count} problems; stopped reading here")
            return
        if len(batch) < CHUNK:
            return


class _Objects:
    """The objects of one file into records."""

    def __init__(self, label: str, columns: Sequence[str], problems: Problems) -> None:
        self.label = label
        self.columns = columns
        self.problems = problems
        self.known = frozenset(columns) | {PRECISION}
        self.lists = [column in LIST_COLUMNS for column in columns]
        self.date_at = list(columns).index("date")

    def problem(self, line: int, column: str | None, message: str) -> None:
        self.problems.add(self.label, line, column, message)

    def header(self, line: int, value: object) -> bool:
        """Whether the first value is an object with known keys; its problems if not."""
        if not isinstance(value, dict):
            self.problem(line, None, f"{_kind(value)}, not an object; kzfp reads events as objects")
            return False
        unknown = [key for key in value if key not in self.known]
        for key in unknown:
            self.problem(line, _shown(key), self.unknown(key))
        return not unknown

    def unknown(self, key: str) -> str:
        from difflib import get_close_matches

        close = get_close_matches(key, sorted(self.known), n=1, cutoff=0.75)
        return f"unknown key; did you mean '{close[0]}'?" if close else "unknown key"

    def chunk(self, batch: list[tuple[int, object]]) -> Chunk | None:
        """A chunk of the records of ``batch``, all its objects read alike when none has
        anything to report (as in kzfp's own output), one by one otherwise."""
        lines = [line for line, _ in batch]
        made = self._alike([value for _, value in batch])
        if made is None:
            kept = [(line, self._record(line, value)) for line, value in batch]
            records = [cells for _, cells in kept if cells is not None]
            if not records:
                return None
            lines = [line for line, cells in kept if cells is not None]
            made = [list(column) for column in zip(*records, strict=True)]
        return Chunk(lines, list(made), "".join(chain.from_iterable(made)))

    def _alike(self, found: list[object]) -> list[list[str]] | None:
        """The cells of objects that are all well formed, a column at a time, mostly in C;
        None if any may not be."""
        if set(map(type, found)) != {dict}:
            return None
        objects: list[dict[str, object]] = found  # type: ignore[assignment]  # all dicts
        if not all(map(self.known.issuperset, objects)):
            return None
        made: list[list[str]] = []
        for column, is_list in zip(self.columns, self.lists, strict=True):
            cells: list[object] = list(map(dict.get, objects, repeat(column)))
            kinds = set(map(type, cells))
            if is_list:
                if not kinds <= _LIST:
                    return None
                lists: list[list[object]] = [cell or [] for cell in cells]  # type: ignore[misc]
                items = list(chain.from_iterable(lists))
                if items and (
                    set(map(type, items)) != {str}
                    or not all(map(str.strip, items))  # type: ignore[arg-type]
                    or LIST_SEPARATOR in "".join(items)  # type: ignore[arg-type]
                ):
                    return None
                made.append(list(map(LIST_SEPARATOR.join, lists)))  # type: ignore[arg-type]
            else:
                if not kinds <= _TEXT:
                    return None
                made.append(["" if cell is None else cell for cell in cells])  # type: ignore[misc]
        every = list(chain.from_iterable(made))
        if max(map(len, every)) > MAX_CELL_CHARS:
            return None
        joined = "".join(every)
        if not joined.isascii() and _has_surrogate(joined):
            return None
        precisions = list(map(dict.get, objects, repeat(PRECISION)))
        dates = made[self.date_at]
        if (
            any(precisions)
            and precisions != list(map(_precision_of, dates))
            and not all(map(_agrees, precisions, dates))
        ):
            return None
        return made

    def _record(self, line: int, value: object) -> list[str] | None:
        """An object's cells, or None when one cannot be made; its problems reported."""
        if not isinstance(value, dict):
            self.problem(line, None, f"{_kind(value)}, not an object; an event is an object")
            return None
        for key in value.twice if isinstance(value, Twice) else ():
            self.problem(line, _shown(key), "key named twice")
        for key in value:
            if key not in self.known:
                self.problem(line, _shown(key), self.unknown(key))
        cells: list[str | None] = []
        for column, is_list in zip(self.columns, self.lists, strict=True):
            found = value.get(column)
            problem = _list_problem(found) if is_list else _text_problem(found)
            if problem is not None:
                self.problem(line, column, problem)
                cells.append(None)
            elif is_list:
                cells.append(LIST_SEPARATOR.join(found or ()))
            else:
                cells.append(found or "")
        precision = value.get(PRECISION)
        date = cells[self.date_at]
        if precision is not None and date is not None and not _agrees(precision, date):
            self.problem(line, PRECISION, _disagreement(precision, date))
        if None in cells:
            return None
        return cells  # type: ignore[return-value]  # no None is left


def _text_problem(value: object) -> str | None:
    """What is wrong with a value for a cell of text, if anything."""
    if value is None:
        return None
    if type(value) is not str:
        if type(value) in (int, float):
            return f'{_kind(value)}, not a string; write it in quotes: "{value}"'
        return f"{_kind(value)}, not a string"
    problem = _string_problem(value)
    return None if problem is None else f"the value {problem}"


def _list_problem(value: object) -> str | None:
    """What is wrong with a value for a list cell, if anything."""
    if value is None:
        return None
    if type(value) is not list:
        return f"{_kind(value)}, not a list of strings"
    for number, item in enumerate(value, 1):
        if type(item) is not str:
            return f"item {number} is {_kind(item)}, not a string"
        if not item.strip():
            return f"item {number} is empty"
        if LIST_SEPARATOR in item:
            return (
                f"item {number} holds '{LIST_SEPARATOR}', which separates the items of a "
                "list in kzfp's data; make it two items, or leave the ';' out"
            )
        problem = _string_problem(item)
        if problem is not None:
            return f"item {number} {problem}"
    if len(LIST_SEPARATOR.join(value)) > MAX_CELL_CHARS:
        return f"the list {_TOO_LONG}"
    return None


def _string_problem(text: str) -> str | None:
    """What is wrong with a string for a cell, if anything, said after its subject."""
    if len(text) > MAX_CELL_CHARS:
        return _TOO_LONG
    if not text.isascii() and _has_surrogate(text):
        code = next(ord(char) for char in text if 0xD800 <= ord(char) <= 0xDFFF)
        return f"holds \\u{code:04x}, half of a surrogate pair, which is no character"
    return None


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


@lru_cache(maxsize=1 << 12)
def _precision_of(date: str) -> str | None:
    """The precision of a date cell; None when it is no date (the date rule says so)."""
    try:
        return parse_iso(date.strip()).precision.label
    except ValueError:
        return None


def _agrees(precision: object, date: str) -> bool:
    """Whether ``precision`` (None when not given) is the precision of ``date``."""
    if precision is None:
        return True
    derived = _precision_of(date)
    return precision == derived or (derived is None and precision in _PRECISIONS)


def _disagreement(precision: object, date: str) -> str:
    if precision not in _PRECISIONS:
        shown = f"'{precision}'" if type(precision) is str else _kind(precision)
        return f"{shown} is not one of {', '.join(_PRECISIONS)}"
    return (
        f"'{precision}', but the date '{date.strip()}' is a {_precision_of(date)}; "
        "mend one, or leave precision out (it is read from the date)"
    )


def _kind(value: object) -> str:
    """What a JSON value is, in words."""
    if value is None:
        return "null"
    if type(value) is bool:
        return str(value).lower()
    if type(value) in (int, float):
        return f"the number {value}"
    if type(value) is str:
        return "a string"
    if type(value) is list:
        return "a list"
    return "an object"


def _shown(key: str) -> str:
    """A key as a problem names it: as it is, or quoted when it is empty or blank; a lone
    surrogate, which no output could encode, as its escape."""
    if _has_surrogate(key):
        return key.encode("utf-8", "backslashreplace").decode("utf-8")
    return key if key.strip() else repr(key)
