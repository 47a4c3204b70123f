"""The rules of the cells. Every rule a cell is held to is written here once, as a rule
over a column of cells (a method of ``Cells``), and the built-in data, ``--data`` and
``kzfp validate`` all go through it; a problem is reported at its record's file, line and
column. store.tables builds each table's records from these rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from itertools import compress

from kzfp_cli.dates import PartialDate, parse_iso
from kzfp_cli.model import LIST_SEPARATOR, Source
from kzfp_cli.safe_text import CONTROL, caret
from kzfp_cli.store.chunk import Chunk
from kzfp_cli.store.problems import Problems
from kzfp_cli.store.registry import Ids, Names, SourceIndex
from kzfp_cli.store.schema import ID, IDENTIFIERS, LANGUAGE_TAG, TABLE_COLUMNS

# Dates and lists are met again and again: each is parsed once, and records that share one
# share its object. A file holds at most as many distinct dates as the calendar has (and a
# row with an unreal one is an error, of which a file may have a thousand); lists are kept
# to the most recent _CACHED.
_CACHED = 1 << 16
_REQUIRED = "empty; a value is required"
# One rule for every list cell: a stray `;` is a slip (a lost id, or one pasted twice), so
# it is reported rather than read as nothing.
_EMPTY_ITEM = "empty item in a list (two `;` in a row, or one at the start or end)"
# What an empty item looks like in a column of list cells joined by line breaks: a `;`
# with only white space after it up to another or to a cell's end, or a cell that starts
# with one. Each pattern starts with a fixed character, which the search skips to.
_SEPARATOR = re.escape(LIST_SEPARATOR)
_EMPTY_AFTER = re.compile(rf"{_SEPARATOR}\s*(?:{_SEPARATOR}|$)", re.MULTILINE)
_EMPTY_BEFORE = re.compile(rf"\n\s*{_SEPARATOR}")
# ID, for a column of values joined by line breaks.
_ID_LINES = re.compile(rf"(?:{ID.pattern}\n)*{ID.pattern}")
_NOT_CONTROL = bytes(code for code in range(128) if not CONTROL.match(chr(code)))


class Cells:
    """A chunk of one table's records, with the rules its columns are held to. Each rule
    takes a column and gives its values, one per record, reporting what is wrong at the
    record's place; the rules of a record run in column order, so that its problems read
    left to right."""

    __slots__ = (
        "controls", "file", "lines", "named", "names", "problems", "sources", "strict",
    )  # fmt: skip

    def __init__(
        self,
        file: str,
        table: str,
        chunk: Chunk,
        problems: Problems,
        names: Names | None = None,
        *,
        strict: bool = True,
        sources: SourceIndex | None = None,
    ) -> None:
        self.file = file
        self.lines = chunk.lines
        self.named = dict(zip(TABLE_COLUMNS[table], chunk.columns, strict=True))
        self.problems = problems
        self.names = names
        self.strict = strict
        self.sources = sources if sources is not None else names.sources if names else None
        # Control characters are rare: columns are looked at one by one only when the
        # chunk holds one.
        self.controls = has_control(chunk.text)

    def problem(self, at: int, column: str | None, message: str, *, warning: bool = False) -> None:
        self.problems.add(self.file, self.lines[at], column, message, warning=warning)

    def keep(self, wanted: Sequence[bool]) -> None:
        """Go on with the records marked True only."""
        self.lines = list(compress(self.lines, wanted))
        self.named = {name: list(compress(cells, wanted)) for name, cells in self.named.items()}

    def raw(self, column: str) -> Sequence[str]:
        """A column's cells as they are, after the control-character check."""
        cells = self.named[column]
        if self.controls and has_control("".join(cells)):
            for at, cell in enumerate(cells):
                found = sorted(set(CONTROL.findall(cell)))
                if found:
                    shown = " ".join(caret(char) for char in found)
                    self.problem(
                        at, column, f"control character {shown} (shown as such)", warning=True
                    )
        return cells

    def text(self, column: str, *, required: bool = True) -> list[str]:
        values = list(map(str.strip, self.raw(column)))
        if required and not all(values):
            for at, value in enumerate(values):
                if not value:
                    self.problem(at, column, _REQUIRED)
        return values

    def ids(self, known: Ids) -> list[str]:
        """The ids of the records, registered in ``known``. A record whose id is not well
        formed, or was read before, is reported and left out of the chunk."""
        ids = self.text("id", required=False)
        if not _all_ids(ids):
            shapes = list(map(ID.fullmatch, ids))
            for at, (ident, shape) in enumerate(zip(ids, shapes, strict=True)):
                if shape is None:
                    self.problem(at, "id", not_an_id(ident))
            wanted = [shape is not None for shape in shapes]
            self.keep(wanted)
            ids = list(compress(ids, wanted))
        taken = known.claim(ids, self.file, self.lines)
        if any(taken):
            for at, message in enumerate(taken):
                if message is not None:
                    self.problem(at, "id", message)
            fresh = [message is None for message in taken]
            self.keep(fresh)
            ids = list(compress(ids, fresh))
        return ids

    def dates(self, column: str, *, required: bool) -> list[PartialDate | None]:
        values: list[PartialDate | str | None] = list(map(_date, self.raw(column)))
        kinds = set(map(type, values))  # one pass finds the rare wrong or missing date
        if str in kinds or (required and type(None) in kinds):
            for at, value in enumerate(values):
                if isinstance(value, str):
                    self.problem(at, column, value)
                    values[at] = None
                elif value is None and required:
                    self.problem(at, column, _REQUIRED)
        return values  # type: ignore[return-value]  # no message is left

    def listed(self, column: str) -> list[tuple[str, ...]]:
        """A list cell (``a;b``): its items stripped. An empty item is an error."""
        cells = self.raw(column)
        if _may_hold_empty_item("\n".join(cells)):
            for at, cell in enumerate(cells):
                if "" in list_items(cell):
                    self.problem(at, column, _EMPTY_ITEM)
        return list(map(split_list, cells))

    def cited(self, column: str) -> list[tuple[Source, ...]]:
        """Lists of sources. The built-in data names each by its id in ``sources.csv``; a
        user's file may also cite one by text (``title (publisher) | address``), which
        is the built-in record of the same address where there is one."""
        index = self.sources if self.sources is not None else SourceIndex({})
        if not self.strict:
            return list(map(index.cited, self.listed(column)))
        found: list[tuple[Source, ...]] = []
        for at, items in enumerate(self.listed(column)):
            known = tuple(map(index.by_id.get, items))
            if None in known:
                for item, source in zip(items, known, strict=True):
                    if source is None:
                        self.problem(at, column, f"unknown source '{item}'")
                known = tuple(filter(None, known))
            found.append(known)  # type: ignore[arg-type]  # every None is left out
        return found

    def id_lists(self, column: str) -> list[tuple[str, ...]]:
        """Lists of ids: each well formed, and known, or new in a user's file (then
        added, with a warning where it is first named)."""
        cells = self.raw(column)
        names = self.names
        # A file holds few distinct lists: each is judged until it is found well formed
        # and known, which it then stays, and records are looked at one by one only for
        # a list in doubt.
        judged = names.sound[column] if names is not None else set()
        doubtful = set(cells).difference(judged)
        for cell in doubtful:
            ids = list_items(cell)  # an empty item is no id: the cell stays in doubt
            if all(map(ID.fullmatch, ids)) and (
                names is None or not names.any_unknown(column, ids)
            ):
                judged.add(cell)
        doubtful.difference_update(judged)
        if doubtful:
            for at, cell in enumerate(cells):
                if cell in doubtful:
                    self._check_ids(at, column, list_items(cell))
        return list(map(split_list, cells))

    def _check_ids(self, at: int, column: str, ids: tuple[str, ...]) -> None:
        names = self.names
        if "" in ids:
            self.problem(at, column, _EMPTY_ITEM)
        for ident in filter(None, ids):
            if not ID.fullmatch(ident):
                self.problem(at, column, not_an_id(ident))
            elif names is not None and names.unknown(column, ident):
                if self.strict:
                    self.problem(at, column, f"unknown id '{ident}'")
                else:
                    self.problem(at, column, names.add_new(column, ident), warning=True)

    def languages(self, column: str) -> list[str]:
        """Language tags (BCP 47: ``en``, ``ru``, ``kk``), well formed or empty."""
        values = self.text(column, required=False)
        for at, value in enumerate(values):
            if value and not LANGUAGE_TAG.fullmatch(value):
                self.problem(at, column, f"'{value}' is not a language tag (en, ru, kk)")
                values[at] = ""
        return values

    def identifiers(self, column: str) -> list[str]:
        """Standard identifiers (ISO, COW, Wikidata), well formed or empty."""
        values = self.text(column, required=False)
        shape, meaning = IDENTIFIERS[column]
        for at, value in enumerate(values):
            if value and not shape.fullmatch(value):
                self.problem(at, column, f"'{value}' is not {meaning}")
                values[at] = ""
        return values


def _all_ids(values: Sequence[str]) -> bool:
    """Whether every value is a well-formed id: one match over the column, which
    allocates nothing per value (a value holding a line break is looked at alone)."""
    joined = "\n".join(values)
    return joined.count("\n") == len(values) - 1 and _ID_LINES.fullmatch(joined) is not None


def _may_hold_empty_item(joined: str) -> bool:
    """Whether cells joined by line breaks may hold an empty item: searches in C that find
    every one (and, rarely, a cell with a line break in it that holds none). A scan with
    one pattern for all three cases took several times as long."""
    return LIST_SEPARATOR in joined and (
        _EMPTY_AFTER.search(joined) is not None
        or _EMPTY_BEFORE.search(joined) is not None
        or joined.lstrip().startswith(LIST_SEPARATOR)
    )


def has_control(text: str) -> bool:
    """Whether ``text`` holds a control character (see safe_text.CONTROL). For ASCII text,
    deleting every other character is several times faster than the pattern's scan."""
    if text.isascii():
        return bool(text.encode("ascii").translate(None, _NOT_CONTROL))
    return CONTROL.search(text) is not None


def not_an_id(ident: str) -> str:
    return f"'{ident}' is not an id (lowercase letters, digits, hyphens)"


@lru_cache(maxsize=_CACHED)
def split_list(value: str) -> tuple[str, ...]:
    """A list cell's items, stripped, empty ones left out (they are reported: see
    list_items). Rows that share a list (of partners, say, or a source) share one tuple."""
    return tuple(filter(None, list_items(value)))


@lru_cache(maxsize=_CACHED)
def list_items(value: str) -> tuple[str, ...]:
    """A list cell's items as written, stripped: ``''`` for an empty item. A blank cell
    is the empty list, not one empty item."""
    items = tuple(map(str.strip, value.split(LIST_SEPARATOR)))
    return () if items == ("",) else items


@cache  # as many as there are dates: a few thousand, rarely more (see _CACHED)
def _date(cell: str) -> PartialDate | str | None:
    """The date in a cell, None for an empty one, or the message saying what is wrong."""
    value = cell.strip()
    if not value:
        return None
    try:
        return parse_iso(value)
    except ValueError as error:
        return str(error)
