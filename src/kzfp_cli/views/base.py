"""The two shapes of output: a Listing of items and a Detail of one thing.

A renderer knows these shapes and how to print records and cells, never which fields an
event or an organization has; the modules beside this one say that, per command.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic, NamedTuple, TypeVar

from kzfp_cli.dates import DateWords, PartialDate
from kzfp_cli.errors import UsageError
from kzfp_cli.model import LIST_SEPARATOR

T = TypeVar("T")
# Terminals at least this wide show event ids in a column of their own; narrower ones
# show each under its title (see Column.key).
WIDE = 120
Record = dict[str, Any]


class Nested(dict[str, Any]):
    """An object inside a record (a role held, an event of a partner): an object in JSON,
    and in a cell or a CSV value the ``text`` it stands for."""

    __slots__ = ("text",)

    def __init__(self, text: str, fields: Record) -> None:
        super().__init__(fields)
        self.text = text


# Column and Listing are plain classes rather than dataclasses or NamedTuples: they are
# generic, which a NamedTuple cannot be before Python 3.11, and a dataclass costs about a
# millisecond of start-up to define (see dates.PartialDate).
class Column(Generic[T]):
    """One column of a table: its header and how to show an item in it."""

    __slots__ = (
        "cell", "decorative", "header", "highlight", "key", "max_width", "min_width", "share",
    )  # fmt: skip

    def __init__(
        self,
        header: str,
        cell: Callable[[T], str],
        *,
        share: int = 0,
        min_width: int = 0,
        max_width: int | None = None,
        highlight: Callable[[T], frozenset[str]] | None = None,
        decorative: bool = False,
        key: bool = False,
    ) -> None:
        self.header = header
        self.cell = cell
        # Columns with a share wrap and split the width left over by the others in that
        # proportion; columns without one are kept whole (they are short: dates, ids).
        self.share = share
        # Left out of tables narrower than this, so that the essential columns stay readable.
        self.min_width = min_width
        # Wraps beyond this width (a long period breaks after its dash).
        self.max_width = max_width
        # Words to emphasise in the cell (search matches), compared case- and accent-folded.
        self.highlight = highlight
        # Only for the eyes (a bar of a chart): left out of plain, TSV and Markdown output.
        self.decorative = decorative
        # The id a user types to name the item (kzfp event show ID): in a table too narrow
        # for it as a column (min_width), it goes on a line of its own under the text of
        # the first wrapping column, so that it can be read and copied at every width.
        self.key = key


class Listing(Generic[T]):
    """Items with their two faces: ``record`` for programs, ``columns`` for people."""

    __slots__ = ("columns", "empty_message", "fields", "flat", "flat_fields", "items", "record")

    def __init__(
        self,
        *,
        items: Sequence[T],
        record: Callable[[T], Record],
        fields: Sequence[str],
        columns: Sequence[Column[T]],
        empty_message: str,
        flat: Callable[[Record], dict[str, str]] | None = None,
        flat_fields: Sequence[str] | None = None,
    ) -> None:
        self.items = items
        self.record = record
        # The keys of every record, in order: what --fields chooses from.
        self.fields = fields
        self.columns = columns
        self.empty_message = empty_message
        # A CSV row from a record, when it is more than the record flattened; then also
        # the CSV header, for when there are no rows to take it from.
        self.flat = flat
        self.flat_fields = flat_fields

    def records(self) -> Iterator[Record]:
        return (self.record(item) for item in self.items)

    def flat_records(self) -> Iterator[dict[str, str]]:
        """Records with every value as text, for CSV: lists become ``a;b``."""
        flatten = self.flat or flatten_record
        return (flatten(record) for record in self.records())

    @property
    def header(self) -> Sequence[str]:
        return self.flat_fields or self.fields

    def select(self, names: Sequence[str]) -> Listing[T]:
        """The same items with only these fields, in this order, in every format."""
        unknown = [name for name in names if name not in self.fields]
        if unknown or not names:
            valid = ", ".join(self.fields)
            what = f"unknown field '{unknown[0]}'" if unknown else "no fields named"
            raise UsageError(f"{what}; the fields are: {valid}")
        full = self.record

        def record(item: T) -> Record:
            whole = full(item)
            return {name: whole[name] for name in names}

        def cell(name: str) -> Callable[[T], str]:
            return lambda item: _shown(full(item)[name])

        return Listing(
            items=self.items,
            record=record,
            fields=tuple(names),
            columns=tuple(Column(name, cell(name), share=1) for name in names),
            empty_message=self.empty_message,
        )


def _shown(value: Any) -> str:
    """A record value for eyes: lists as ``a, b``, nothing for null."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_item_text(item) for item in value)
    return str(value)


class Detail(NamedTuple):
    """One thing shown whole (an event, a partner, statistics): a JSON object for
    programs; labelled fields and, below them, listings for people."""

    record: Record
    facts: Sequence[tuple[str, str]]
    # The headers of the facts as a table (Markdown's), in the language of their labels.
    header: tuple[str, str]
    sections: Sequence[tuple[str, Listing[Any]]] = ()
    # CSV rows; by default one row, the record flattened.
    rows: Callable[[Record], list[dict[str, str]]] | None = None

    def flat_records(self) -> list[dict[str, str]]:
        return self.rows(self.record) if self.rows else [flatten_record(self.record)]


Output = Listing[Any] | Detail


def flatten_record(record: Record) -> dict[str, str]:
    return {key: _flat_value(value) for key, value in record.items()}


def _item_text(item: Any) -> str:
    return item.text if isinstance(item, Nested) else str(item)


def _flat_value(value: Any) -> str:
    """A value as one CSV cell: lists become ``a;b``; nested objects are named by id."""
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_item_text(item) for item in value)
    return str(value)


def iso_or_none(value: PartialDate | None) -> str | None:
    """A date for a record: ISO text, or null."""
    return value.iso() if value is not None else None


def date_or_blank(value: PartialDate | None, words: DateWords) -> str:
    """A date for a cell: as people write it in the language of ``words``, or nothing."""
    return value.display(words) if value is not None else ""
