"""Any byte stream into UTF-8 text: a file, standard input (``-``), a pipe, a FIFO or
``<(...)``, read once, front to back, never seeking, in blocks of whole lines, in memory
bounded by MAX_LINE_BYTES whatever the stream holds. What the text is read as (CSV or
JSON) is :mod:`kzfp_cli.store.reading`'s to tell."""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from io import BufferedIOBase
from typing import BinaryIO, cast

from kzfp_cli.store.schema import MAX_LINE_BYTES

STDIN = "-"
STDIN_LABEL = "<stdin>"
_TOO_LONG = f"a line longer than {MAX_LINE_BYTES:,} bytes; is this a CSV file?"
_TOO_LONG_JSON = (
    f"a line longer than {MAX_LINE_BYTES:,} bytes; write the JSON with line breaks, "
    "as kzfp's --format json or jsonl does"
)
# JSON's white space, which text of either format may begin with; what comes first after
# it tells the format: an array or an object is JSON, anything else CSV.
BLANK = " \t\r\n"
JSON_STARTS = ("[", "{")
# Bytes are read this many at a time (see texts).
_BLOCK = 1024 * 1024


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


class Rereading:
    """Files to be read more than once. A file is opened again; a stream that can be read
    only once (standard input, a pipe, a FIFO, ``<(...)``) is copied to a temporary file
    as it is first read, and read from that copy after."""

    def __init__(self) -> None:
        self.copies: dict[str, BinaryIO] = {}
        self._open = ExitStack()  # the copies, deleted when closed

    def __enter__(self) -> Rereading:
        return self

    def __exit__(self, *_: object) -> None:
        self._open.close()

    @contextmanager
    def opened(self, path: str) -> Iterator[BufferedIOBase]:
        """As :func:`opened`, for the first read of ``path`` or one after."""
        copy = self.copies.get(path)
        if copy is not None:
            copy.seek(0)
            yield cast(BufferedIOBase, copy)
            return
        with opened(path) as stream:
            # Standard input is read on from where it is, even from a file (< events.csv).
            if path != STDIN and _regular(stream):
                yield stream
                return
            from tempfile import TemporaryFile

            # Closed, and so deleted, when the Rereading is.
            copy = self._open.enter_context(TemporaryFile())  # noqa: SIM115
            self.copies[path] = copy
            yield _Copying(stream, copy)


def _regular(stream: BufferedIOBase) -> bool:
    """Whether ``stream`` is a regular file, which can be opened and read again."""
    try:
        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError):  # no file descriptor: a stream in memory
        return False


class _Copying(BufferedIOBase):
    """A stream that writes what is read of it into ``copy``."""

    def __init__(self, stream: BufferedIOBase, copy: BinaryIO) -> None:
        super().__init__()
        self.stream = stream
        self.copy = copy

    def readable(self) -> bool:
        return True

    def read1(self, size: int = -1, /) -> bytes:
        data = self.stream.read1(size)
        self.copy.write(data)
        return data


def texts(stream: BufferedIOBase, progress: Callable[[int], None] | None = None) -> Iterator[str]:
    """The stream's text in blocks of whole lines, a leading byte-order mark dropped; each
    block ends with a line break but perhaps the last. ReadError at a line that is not
    UTF-8 (after the block of the lines before it) or longer than MAX_LINE_BYTES. Bytes
    are taken a block at a time and cut after a line break, so that decoding and
    splitting run in C over many lines at once."""
    pending = b""
    before = 0  # lines in the blocks already given
    read = 0
    encoding = "utf-8-sig"  # for the first block only
    too_long = _TOO_LONG
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
                    if not before and starts_json(pending.decode("utf-8-sig", "replace")):
                        too_long = _TOO_LONG_JSON
                    raise ReadError(before + 1, too_long)
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
            good = block[: bad + 1].decode(encoding)
            yield good
            raise ReadError(before + line_breaks(good) + 1, not_utf8(block[error.start])) from None
        if encoding == "utf-8-sig" and starts_json(text):  # a long line further on is JSON
            too_long = _TOO_LONG_JSON
        encoding = "utf-8"
        yield text
        before += line_breaks(text)


# The formats file names say, by their extension: CSV (a TSV file is read as CSV, whose
# header then says it is split by tabs) or JSON (an array, or JSON lines).
_NAMED_JSON = {".csv": False, ".tsv": False, ".json": True, ".jsonl": True, ".ndjson": True}


def named_json(path: str) -> bool | None:
    """Whether the name ``path`` says its file is JSON: True for ``.json``, ``.jsonl``
    and ``.ndjson``, False for ``.csv`` and ``.tsv`` (in any case); None when it says
    neither (standard input, ``/dev/stdin``, ``<(...)``, no extension), and the content
    must tell."""
    # A Path too: the library is given them.
    return _NAMED_JSON.get(os.path.splitext(path)[1].lower())


def starts_json(text: str) -> bool | None:
    """Whether text at the start of a stream is JSON: True when the first character that
    is not white space begins an array or an object, False when it is another, None when
    there is none yet."""
    first = text.lstrip(BLANK)[:1]
    return first in JSON_STARTS if first else None


def line_breaks(text: str, start: int = 0, end: int | None = None) -> int:
    """The lines that end in ``text[start:end]``: line feeds, and carriage returns not
    before one, as a CSV reader and ``newline=""`` count them."""
    feeds = text.count("\n", start, end)
    if text.find("\r", start, end) < 0:  # as in most files: one count
        return feeds
    return feeds + text.count("\r", start, end) - text.count("\r\n", start, end)


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


def not_utf8(byte: int) -> str:
    return f"not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8"
