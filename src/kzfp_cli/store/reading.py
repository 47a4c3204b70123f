"""Read any byte stream of CSV into records: a file, standard input (``-``), a pipe, a
FIFO or ``<(...)``. One pass, front to back, never seeking, in memory bounded by the
limits of :mod:`kzfp_cli.store.schema` whatever the stream holds.

A record comes with the line it starts on and its cells in the table's column order,
so that what reads a row never needs to know how a file ordered or left out columns.
"""

from __future__ import annotations

import csv
import errno
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from io import BufferedIOBase, StringIO
from itertools import chain, islice
from typing import NamedTuple, cast

from kzfp_cli.safe_text import unguard
from kzfp_cli.store.problems import Problems
from kzfp_cli.store.schema import MAX_CELL_CHARS, MAX_LINE_BYTES, MAX_PROBLEMS

STDIN = "-"
STDIN_LABEL = "<stdin>"
_TOO_LONG = f"a line longer than {MAX_LINE_BYTES:,} bytes; is this a CSV file?"
# Bytes are read this many at a time (see lines).
_BLOCK = 1024 * 1024
# Records are read and checked this many at a time: enough for the rules over a column to
# pay for themselves, few enough that a chunk's short-lived rows stay under the count of
# new objects that wakes Python's cyclic garbage collector (700). With 1,024 the collector
# went through every event held so far some 20 times for a million rows, a fifth of the
# time; with 128, 4 times.
CHUNK = 128


class ReadError(Exception):
    """The stream cannot be read on from ``line``: the message says why."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def label_of(path: str) -> str:
    """How problems name a file: as the user typed it; standard input as ``<stdin>``."""
    return STDIN_LABEL if path == STDIN else path


@contextmanager
def opened(path: str) -> Iterator[BufferedIOBase]:
    """The bytes of ``path``, or of standard input for ``-``. OSError if it cannot be
    opened; standard input is left open for whoever owns it."""
    if path == STDIN:
        if sys.stdin is None:  # started with it closed (<&-)
            raise OSError(errno.EBADF, "standard input is closed")
        yield cast(BufferedIOBase, sys.stdin.buffer)
        return
    with open(path, "rb") as stream:
        yield stream


def lines(stream: BufferedIOBase, progress: Callable[[int], None] | None = None) -> Iterator[str]:
    """The lines of ``stream`` as text, with their line breaks (``\\n``, ``\\r\\n`` or a
    lone ``\\r``), a leading byte-order mark dropped. ReadError at a line that is not
    UTF-8 or longer than MAX_LINE_BYTES. Bytes are taken a block at a time and cut after
    a line break, so that decoding and splitting run in C over many lines at once."""
    return chain.from_iterable(_texts(stream, progress))


def _texts(stream: BufferedIOBase, progress: Callable[[int], None] | None) -> Iterator[StringIO]:
    """The stream's text in blocks of whole lines, each ready to be read line by line."""
    pending = b""
    before = 0  # lines in the blocks already given
    read = 0
    encoding = "utf-8-sig"  # for the first block only
    while True:
        data = stream.read1(_BLOCK)
        read += len(data)
        if progress is not None:
            progress(read)
        pending += data
        if not data:
            cut = len(pending)
        else:
            # After the last line feed, or else a carriage return that has a byte after it
            # (the next read may bring the line feed of a CR LF).
            cut = pending.rfind(b"\n") + 1 or pending.rfind(b"\r", 0, -1) + 1
            if not cut:  # no line break yet: wait for one, but not for ever
                if len(pending) > MAX_LINE_BYTES:
                    raise ReadError(before + 1, _TOO_LONG)
                continue
        block, pending = pending[:cut], pending[cut:]
        if not block:
            return
        if encoding == "utf-8-sig":
            wide = _wide_encoding(block)
            if wide is not None:
                raise ReadError(0, f"looks like {wide}; save it as UTF-8")
        try:
            text = block.decode(encoding)
        except UnicodeDecodeError as error:
            # The lines before the bad one are read first, as they would be one by one.
            bad = max(block.rfind(b"\n", 0, error.start), block.rfind(b"\r", 0, error.start))
            yield StringIO(block[: bad + 1].decode(encoding), newline="")
            raise ReadError(
                before + _breaks(block[: bad + 1]) + 1, not_utf8(block[error.start])
            ) from None
        encoding = "utf-8"
        yield StringIO(text, newline="")
        before += _breaks(block)


# Byte-order marks of the wide encodings Windows tools save text in (UTF-32's first, as
# UTF-32 LE's begins with UTF-16 LE's).
_WIDE_MARKS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)

# Where the NUL bytes of an ASCII character are in each: the encoding, a character's size,
# and the places of its NUL bytes (little-endian, then big-endian).
_NUL_PLACES = (
    ("UTF-32", 4, (1, 2, 3)),
    ("UTF-32", 4, (0, 1, 2)),
    ("UTF-16", 2, (1,)),
    ("UTF-16", 2, (0,)),
)


def _wide_encoding(start: bytes) -> str | None:
    """``UTF-16`` or ``UTF-32`` when the first bytes of a file are in one of them: told by
    a byte-order mark, or without one by where the NUL bytes of the first line are (an
    ASCII header in UTF-16 has one before or after every character; UTF-8 text has none).
    Read as UTF-8, such a file would decode into a header of unknown columns."""
    for mark, name in _WIDE_MARKS:
        if start.startswith(mark):
            return name
    first = start[: start.find(b"\n") + 1 or len(start)]
    if b"\x00" not in first:
        return None
    for name, size, nuls in _NUL_PLACES:
        if not any(first[at::size].strip(b"\x00") for at in nuls):
            return name
    return None


def _breaks(data: bytes) -> int:
    """Line breaks in ``data``: line feeds, and carriage returns not before one."""
    if b"\r" not in data:  # as in most files: one count
        return data.count(b"\n")
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")


def not_utf8(byte: int) -> str:
    return f"not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8"


class Chunk(NamedTuple):
    """Records read together: the line each starts on, and their cells as one sequence
    per column of the table, in the table's order (a column the file leaves out is
    empty cells). Rules run over a column at a time, mostly in C."""

    lines: Sequence[int]
    columns: list[Sequence[str]]
    # Every cell as read, joined: what looks for a character anywhere in the chunk
    # looks here first, once.
    text: str


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
    start = len(problems.found)
    try:
        header = next(reader, None)
    except ReadError as error:
        problems.add(label, error.line, None, error.message)
        return
    except csv.Error as error:
        problems.add(label, 1, None, _malformed(error))
        return
    if header is None:
        problems.add(label, 0, None, "empty file; the first line must name the columns")
        return
    if len(header) < 2 and not "".join(header).strip():
        problems.add(label, 1, None, "the first line is blank; the header must be the first line")
        return
    if not _header_ok(label, header, columns, required, problems):
        return
    # Columns with no name, as a spreadsheet leaves after the last one: read, and held
    # to be empty.
    unnamed = [at for at, column in enumerate(header) if not column.strip()]
    width = len(header)
    position = {column: index for index, column in enumerate(header)}
    places = [position.get(column) for column in columns]
    line = reader.line_num  # where the last record read ends
    while True:
        records: list[list[str]] = []
        broken: Exception | None = None
        try:
            records.extend(islice(reader, CHUNK))  # keeps what it read before an error
        except (ReadError, csv.Error) as error:
            broken = error
        count = len(records)
        if broken is None and reader.line_num - line == len(records):
            lines: Sequence[int] = range(line + 1, reader.line_num + 1)  # a line each
        else:
            lines = list(_starts(records, line))
        if records:
            line = lines[-1] + _line_breaks(records[-1])
        kept = _well_formed(label, records, lines, width, problems)
        if kept is not None:
            records, lines = kept
        if unnamed:
            _unnamed_empty(label, records, lines, unnamed, problems)
        if records:
            joined = "".join(chain.from_iterable(records))
            # Cells change as data only for a line break or a quote (see _cell), both rare.
            tidy = "\r" not in joined and "'" not in joined
            cells = list(zip(*records, strict=True))
            blank = ("",) * len(records)
            by_column = [
                blank if at is None else cells[at] if tidy else _data(cells[at]) for at in places
            ]
            yield Chunk(lines, by_column, joined)
        if isinstance(broken, ReadError):
            problems.add(label, broken.line, None, broken.message)
            return
        if broken is not None:  # placed at the start of the record it broke
            problems.add(label, line + 1, None, _malformed(broken))
            return
        found = len(problems.found) - start
        if found >= MAX_PROBLEMS:
            problems.add(label, line, None, f"{found} problems; stopped reading here")
            return
        if count < CHUNK:
            return


def _malformed(error: Exception) -> str:
    if str(error).startswith("field larger than field limit"):  # csv's words for it
        return f"a cell longer than {MAX_CELL_CHARS:,} characters; is a quote left open?"
    return f"malformed CSV ({error})"


def _starts(records: list[list[str]], line: int) -> Iterator[int]:
    """The line each record starts on, the first after ``line``."""
    for fields in records:
        yield line + 1
        line += 1 + _line_breaks(fields)


def _line_breaks(fields: list[str]) -> int:
    """How many line breaks a record's cells hold, as reading counts them."""
    joined = "".join(fields)
    return joined.count("\n") + joined.count("\r") - joined.count("\r\n")


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
    before = len(problems.found)
    for column in required:
        if column not in header:
            problems.add(label, 1, column, "missing column")
    named: set[str] = set()
    for column in header:
        if not column.strip():
            continue  # see chunks: an unnamed column must be empty
        if column not in columns:
            problems.add(label, 1, column, "unknown column")
        elif column in named:
            problems.add(label, 1, column, "column named twice")
        named.add(column)
    return len(problems.found) == before


def _cell(value: str) -> str:
    """A cell as data: line breaks inside it as ``\\n`` whatever the file's line endings,
    and without the quote kzfp's CSV output puts before a cell that looks like a formula."""
    value = value.replace("\r\n", "\n")
    return unguard(value) if value[:1] == "'" else value
