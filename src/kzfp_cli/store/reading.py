"""Read any byte stream of CSV, or of kzfp's own JSON, into records: a file, standard
input (``-``), a pipe, a FIFO or ``<(...)``, as text from :mod:`kzfp_cli.store.streams`.
One pass, front to back, never seeking, in memory bounded by the limits of
:mod:`kzfp_cli.store.schema` whatever the stream holds. The format is the one the file's
name says (``.csv``, ``.tsv``; ``.json``, ``.jsonl``, ``.ndjson``), so that a JSON file
that begins with something else is told what is wrong as JSON; a stream whose name says
none (``-``, a pipe, ``<(...)``) is told by its content: text whose first non-blank
character is ``[`` or ``{`` is JSON (:mod:`kzfp_cli.store.json_records`), any other is
CSV, read here. Either gives a :class:`~kzfp_cli.store.chunk.Chunk` at a time.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from io import BufferedIOBase, StringIO
from itertools import chain, islice
from typing import NamedTuple

from kzfp_cli.safe_text import unguard
from kzfp_cli.store.chunk import CHUNK, Chunk, stopped
from kzfp_cli.store.problems import MAX_NAMED, Problems
from kzfp_cli.store.schema import MAX_CELL_CHARS, MAX_LINE_BYTES
from kzfp_cli.store.streams import ReadError, line_breaks, starts_json, texts

# Separators spreadsheets save "CSV" with in some locales, and their names in the hint.
_OTHER_DELIMITERS = ((";", "';'"), ("\t", "tabs"))


def lines(stream: BufferedIOBase, progress: Callable[[int], None] | None = None) -> Iterator[str]:
    """The lines of ``stream`` as text, with their line breaks (``\\n``, ``\\r\\n`` or a
    lone ``\\r``), a leading byte-order mark dropped. ReadError at a line that is not
    UTF-8 or longer than MAX_LINE_BYTES."""
    return _lines_of(texts(stream, progress))


def _lines_of(blocks: Iterable[str]) -> Iterator[str]:
    return chain.from_iterable(StringIO(block, newline="") for block in blocks)


def records(
    label: str,
    stream: BufferedIOBase,
    columns: Sequence[str],
    required: Sequence[str],
    problems: Problems,
    progress: Callable[[int], None] | None = None,
    *,
    json: bool | None = None,
) -> Iterator[Chunk]:
    """The records of a stream, CHUNK at a time, as :func:`chunks` gives them: JSON or
    CSV as ``json`` says (what the file's name says, :func:`streams.named_json`), or
    when it is None as the first non-blank character tells (see the module's note). To
    tell, the first blocks are read now; they are given again, then the rest."""
    blocks = texts(stream, progress)
    again: Iterator[str] = blocks
    if json is None:
        seen: list[str] = []
        error: ReadError | None = None
        try:
            for block in blocks:
                seen.append(block)
                json = starts_json(block)  # the blocks before were blank
                if json is not None or sum(map(len, seen)) > MAX_LINE_BYTES:
                    break
        except ReadError as caught:
            error = caught
        again = _replay(seen, error, blocks)
    if json:
        from kzfp_cli.store import json_records  # paid for by those who read JSON

        return json_records.chunks(label, again, columns, problems)
    return chunks(label, _lines_of(again), columns, required, problems)


def _replay(seen: list[str], error: ReadError | None, rest: Iterator[str]) -> Iterator[str]:
    """The blocks already read, then the error met reading them, or else the rest."""
    yield from seen
    if error is not None:
        raise error
    yield from rest


def chunks(
    label: str,
    text: Iterator[str],
    columns: Sequence[str],
    required: Sequence[str],
    problems: Problems,
) -> Iterator[Chunk]:
    """The records of a CSV text, CHUNK at a time, after checking its header against
    ``columns`` (of which ``required`` must be there). A row with the wrong number of
    cells, a broken quote or a ReadError is a problem, never skipped in silence; the last
    two end the file, as what follows cannot be placed. Blank rows are no records."""
    csv.field_size_limit(MAX_CELL_CHARS)
    reader = csv.reader(text, strict=True)
    before = problems.error_count
    header = _header(label, reader, columns, required, problems)
    if header is None:
        return
    layout = _Layout.of(header, columns)
    line = reader.line_num  # where the last record read ends
    while True:
        records: list[list[str]] = []
        broken: Exception | None = None
        try:
            records.extend(islice(reader, CHUNK))  # keeps what it read before an error
        except (ReadError, csv.Error) as error:
            broken = error
        if broken is None and reader.line_num - line == len(records):
            lines: Sequence[int] = range(line + 1, reader.line_num + 1)  # a line each
        else:
            lines = list(_starts(records, line))
        if records:
            line = lines[-1] + _line_breaks(records[-1])
        chunk = _chunk(label, records, lines, layout, problems)
        if chunk is not None:
            yield chunk
        if isinstance(broken, ReadError):
            problems.add(label, broken.line, None, broken.message)
            return
        if broken is not None:  # placed at the start of the record it broke
            problems.add(label, line + 1, None, _malformed(broken))
            return
        if stopped(label, problems, before, line) or len(records) < CHUNK:
            return


def _header(
    label: str,
    reader: Iterator[list[str]],
    columns: Sequence[str],
    required: Sequence[str],
    problems: Problems,
) -> list[str] | None:
    """The first record, when it is a header that names known columns and every required
    one; None, its problems reported, when it is not."""
    try:
        header = next(reader, None)
    except ReadError as error:
        problems.add(label, error.line, None, error.message)
        return None
    except csv.Error as error:
        problems.add(label, 1, None, _malformed(error))
        return None
    if header is None:
        problems.add(label, 0, None, "empty file; the first line must name the columns")
        return None
    if len(header) < 2 and not "".join(header).strip():
        problems.add(label, 1, None, "the first line is blank; the header must be the first line")
        return None
    if not _header_ok(label, header, columns, required, problems):
        return None
    return header


class _Layout(NamedTuple):
    """Where a file's header puts the table's columns."""

    width: int
    # For each of the table's columns, its place among the file's, or None if left out.
    places: list[int | None]
    # Columns with no name, as a spreadsheet leaves after the last one: read, and held
    # to be empty.
    unnamed: list[int]

    @classmethod
    def of(cls, header: list[str], columns: Sequence[str]) -> _Layout:
        position = {column: index for index, column in enumerate(header)}
        return cls(
            len(header),
            [position.get(column) for column in columns],
            [at for at, column in enumerate(header) if not column.strip()],
        )


def _chunk(
    label: str,
    records: list[list[str]],
    lines: Sequence[int],
    layout: _Layout,
    problems: Problems,
) -> Chunk | None:
    """The chunk of the well-formed records read together, their problems reported; None
    when there is none."""
    kept = _well_formed(label, records, lines, layout.width, problems)
    if kept is not None:
        records, lines = kept
    if layout.unnamed:
        _unnamed_empty(label, records, lines, layout.unnamed, problems)
    if not records:
        return None
    joined = "".join(chain.from_iterable(records))
    # Cells change as data only for a line break or a quote (see _cell), both rare.
    tidy = "\r" not in joined and "'" not in joined
    cells = list(zip(*records, strict=True))
    blank = ("",) * len(records)
    by_column = [
        blank if at is None else cells[at] if tidy else _data(cells[at]) for at in layout.places
    ]
    return Chunk(lines, by_column, joined)


# What Python's csv module says, in kzfp's words: the module's own wording ("line
# contains NUL") is not shown to users.
_CSV_WORDS = {
    "field larger than field limit": (
        f"a cell longer than {MAX_CELL_CHARS:,} characters; is a quote left open?"
    ),
    "line contains nul": "malformed CSV (a NUL character: is this a binary file?)",
    "new-line character seen in unquoted field": (
        "malformed CSV (a line break alone inside a cell that is not in quotes)"
    ),
    "expected after": "malformed CSV (text after a cell's closing quote)",
    "unexpected end of data": "malformed CSV (the file ends inside a quoted cell)",
}


def _malformed(error: Exception) -> str:
    said = str(error).lower()
    for words, message in _CSV_WORDS.items():
        if words in said:
            return message
    return "malformed CSV"


def _starts(records: list[list[str]], line: int) -> Iterator[int]:
    """The line each record starts on, the first after ``line``."""
    for fields in records:
        yield line + 1
        line += 1 + _line_breaks(fields)


def _line_breaks(fields: list[str]) -> int:
    """How many line breaks a record's cells hold."""
    return line_breaks("".join(fields))


def _well_formed(
    label: str, records: list[list[str]], lines: Sequence[int], width: int, problems: Problems
) -> tuple[list[list[str]], list[int]] | None:
    """The records with ``width`` cells that are not all empty, and their lines, when
    some are not; None when all are. A record of another width is a problem, unless all
    its cells are blank."""
    if list(map(len, records)).count(width) == len(records) and all(map(any, records)):
        return None
    kept: list[list[str]] = []
    kept_lines: list[int] = []
    for fields, line in zip(records, lines, strict=True):
        if len(fields) != width:
            if any(field.strip() for field in fields):
                problems.add(
                    label, line, None, f"row has {len(fields)} fields, the header has {width}"
                )
        elif any(fields):
            kept.append(fields)
            kept_lines.append(line)
    return kept, kept_lines


def _unnamed_empty(
    label: str,
    records: list[list[str]],
    lines: Sequence[int],
    unnamed: list[int],
    problems: Problems,
) -> None:
    """Report a record with a value in a column the header leaves unnamed, which no
    rule would read: the first such column of the record."""
    for fields, line in zip(records, lines, strict=True):
        for at in unnamed:
            if fields[at].strip():
                problems.add(
                    label,
                    line,
                    None,
                    f"a value in column {at + 1}, which the header leaves unnamed; "
                    "name the column, or empty it",
                )
                break


def _data(column: tuple[str, ...]) -> Sequence[str]:
    """A column's cells as data (see _cell); as they are, when no cell can change."""
    joined = "".join(column)
    if "\r" in joined or "'" in joined:
        return list(map(_cell, column))
    return column


def _header_ok(
    label: str,
    header: list[str],
    columns: Sequence[str],
    required: Sequence[str],
    problems: Problems,
) -> bool:
    """Whether the header names known columns, each once, and every required one; the
    problems found otherwise are reported."""
    delimiter = _other_delimiter(header, required)
    if delimiter is not None:
        problems.add(
            label,
            1,
            None,
            f"the header is split by {delimiter}, not ','; save the file with commas",
        )
        return False
    before = problems.error_count
    for column in required:
        if column not in header:
            problems.add(label, 1, column, "missing column")
    named: set[str] = set()
    unknown = 0
    for column in header:
        if not column.strip():
            continue  # see chunks: an unnamed column must be empty
        if column not in columns:
            unknown += 1
            if unknown <= MAX_NAMED:
                problems.add(label, 1, column, "unknown column")
        elif column in named:
            problems.add(label, 1, column, "column named twice")
        named.add(column)
    if unknown > MAX_NAMED:
        problems.add(label, 1, None, f"and {unknown - MAX_NAMED:,} more unknown columns")
    return problems.error_count == before


def _other_delimiter(header: list[str], required: Sequence[str]) -> str | None:
    """The name of the separator the header is split by, when it is another than ``,``:
    one that splits a header that lacks a ``required`` column into names among which
    are all of them."""
    if set(header).issuperset(required):
        return None
    joined = ",".join(header)
    for mark, name in _OTHER_DELIMITERS:
        if mark in joined:
            names = {part.strip() for part in joined.replace(",", mark).split(mark)}
            if names.issuperset(required):
                return name
    return None


def _cell(value: str) -> str:
    """A cell as data: line breaks inside it as ``\\n`` whatever the file's line endings,
    and without the quote kzfp's CSV output puts before a cell that looks like a formula."""
    value = value.replace("\r\n", "\n")
    return unguard(value) if value[:1] == "'" else value
