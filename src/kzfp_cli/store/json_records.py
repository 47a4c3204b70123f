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
from itertools import chain, islice

from kzfp_cli.dates import PRECISION_LABELS, parse_iso
from kzfp_cli.model import LIST_SEPARATOR
from kzfp_cli.store.chunk import CHUNK, Chunk, stopped
from kzfp_cli.store.json_values import Twice, values
from kzfp_cli.store.problems import MAX_NAMED, Problems
from kzfp_cli.store.schema import MAX_CELL_CHARS

# The columns that hold a list: an event's tuple fields, a JSON list each.
LIST_COLUMNS = frozenset({"partners", "orgs", "themes", "sources"})
PRECISION = "precision"
SOURCES = "sources"
_TOO_LONG = f"is longer than {MAX_CELL_CHARS:,} characters"


def chunks(
    label: str, blocks: Iterator[str], columns: Sequence[str], problems: Problems
) -> Iterator[Chunk]:
    """The records of a JSON text, CHUNK at a time, cells by ``columns``, as
    :func:`reading.chunks` gives a CSV file's."""
    found = values(label, blocks, problems)
    objects = _Objects(label, columns, problems)
    before = problems.error_count
    batch = list(islice(found, CHUNK))
    if not batch or not objects.header(*batch[0]):
        return
    while batch:
        chunk = objects.chunk(batch)
        if chunk is not None:
            yield chunk
        if stopped(label, problems, before, batch[-1][0]) or len(batch) < CHUNK:
            return
        batch = list(islice(found, CHUNK))


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
        return not self.unknown_keys(line, value)

    def unknown_keys(self, line: int, value: dict[str, object]) -> bool:
        """Whether an object has keys that are not known, each reported (the first
        MAX_NAMED; the rest counted in one more)."""
        if self.known.issuperset(value):
            return False
        unknown = [key for key in value if key not in self.known]
        for key in unknown[:MAX_NAMED]:
            self.problem(line, _shown(key), self.unknown(key))
        if len(unknown) > MAX_NAMED:
            self.problem(line, None, f"and {len(unknown) - MAX_NAMED:,} more unknown keys")
        return True

    def unknown(self, key: str) -> str:
        from difflib import get_close_matches

        close = get_close_matches(key, sorted(self.known), n=1, cutoff=0.75)
        return f"unknown key; did you mean '{close[0]}'?" if close else "unknown key"

    def chunk(self, batch: list[tuple[int, object]]) -> Chunk | None:
        """The chunk of the records the objects of ``batch`` make; None if none does."""
        lines: list[int] = []
        records: list[list[str]] = []
        for line, value in batch:
            cells = self._record(line, value)
            if cells is not None:
                lines.append(line)
                records.append(cells)
        if not records:
            return None
        columns: list[Sequence[str]] = list(zip(*records, strict=True))
        return Chunk(lines, columns, "".join(chain.from_iterable(records)))

    def _record(self, line: int, value: object) -> list[str] | None:
        """An object's cells, or None when one cannot be made; its problems reported."""
        if not isinstance(value, dict):
            self.problem(line, None, f"{_kind(value)}, not an object; an event is an object")
            return None
        for key in value.twice if isinstance(value, Twice) else ():
            self.problem(line, _shown(key), "key named twice")
        self.unknown_keys(line, value)
        cells: list[str] = []
        failed: list[str] = []
        for column, is_list in zip(self.columns, self.lists, strict=True):
            found = value.get(column)
            if column == SOURCES and type(found) is list:
                found = list(map(source_text, found))
            problem = _list_problem(found, column) if is_list else _text_problem(found)
            if problem is None:
                cells.append(LIST_SEPARATOR.join(found or ()) if is_list else found or "")
            else:
                self.problem(line, column, problem)
                failed.append(column)
                cells.append("")
        precision = value.get(PRECISION)
        if precision is not None and "date" not in failed:
            date = cells[self.date_at]
            if not _agrees(precision, date):
                self.problem(line, PRECISION, _disagreement(precision, date))
        return None if failed else cells


def source_text(item: object) -> object:
    """A source as kzfp's JSON gives it (an object), as a CSV cell cites it: by its id,
    which is the built-in record, or else as ``title (publisher) | address``, whose
    address finds the built-in record where there is one. Anything else is left for the
    list's rules to judge."""
    if type(item) is not dict:
        return item
    ident, title, publisher, url = (item.get(key) for key in ("id", "title", "publisher", "url"))
    if type(ident) is str and ident:
        return ident
    if type(title) is not str or not all(type(v) in (str, type(None)) for v in (publisher, url)):
        return item
    text = f"{title} ({publisher})" if publisher else title
    return f"{text} | {url}" if url else text


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


def _list_problem(value: object, column: str) -> str | None:
    """What is wrong with a value for the list cell ``column``, if anything."""
    if value is None:
        return None
    if type(value) is not list:
        return f"{_kind(value)}, not a list of strings"
    for number, item in enumerate(value, 1):
        if type(item) is dict and column == SOURCES:  # one source_text could not read
            return f"item {number} is an object without a title"
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
    return precision == derived or (derived is None and precision in PRECISION_LABELS)


def _disagreement(precision: object, date: str) -> str:
    if precision not in PRECISION_LABELS:
        shown = f"'{precision}'" if type(precision) is str else _kind(precision)
        return f"{shown} is not one of {', '.join(PRECISION_LABELS)}"
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
