"""Work in two halves at once, one per processor core: reading a large file, and
turning many items into text.

The mechanics only: where to cut a file, a text stream over a range of its bytes, line
numbers at a byte offset and back, running a function in a forked child that sends its
result back, and text made in pieces by both. What a half of a file means, and when two
halves may be joined, is the store's business (see store._Builder.read_file).
"""

from __future__ import annotations

import io
import marshal
import os
import re
import signal
import stat
import sys
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from typing import Any, TextIO, TypeVar

T = TypeVar("T")

# Below this size a file reads in a fraction of a second, and a second process would
# cost more than it saves.
SPLIT_MIN = 4 * 1024 * 1024
# The same for items to turn into text (see pieces): output records, say.
SPLIT_ITEMS = 20_000
# Items are turned into text this many at a time, to write as it is made.
PIECE = 2048
# The share of a file the child reads: a little less than half, as it first counts the
# lines before its part. Which process ends first varies from run to run by more than
# the last few percent would move it.
CHILD_SHARE = 0.48
# How far past the cut to look for a line break to cut at.
_SEARCH = 1024 * 1024
_CHUNK = 4 * 1024 * 1024  # for counting lines
# For reading text: the decoder takes 8 KB at a time, and from a buffer this small it
# finds them still in the processor's cache (a 4 MB one made reading 10% slower).
_BUFFER = 64 * 1024
_BREAK = re.compile(rb"\r\n|\r|\n")
# marshal's format 2 has no references between objects: writing a part of events took
# a third of the time of the newest format, which looks up every object it writes to
# find one written twice, and reading it is no slower.
_MARSHAL_VERSION = 2


def two_cores() -> bool:
    """Whether this process may use two cores, and fork a child to use the second (on
    Linux only: elsewhere a forked copy of a process is not safe or not possible)."""
    return sys.platform.startswith("linux") and len(os.sched_getaffinity(0)) >= 2


def split_point(path: str) -> int | None:
    """The byte offset just after the first line feed past the share of a regular file
    of at least SPLIT_MIN bytes that this process reads; None when there is none. The
    offset starts a line, which may still lie inside a quoted cell: the reader of the
    first part finds out."""
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode) or status.st_size < SPLIT_MIN:
            return None
        cut = int(status.st_size * (1 - CHILD_SHARE))
        with open(path, "rb") as handle:
            handle.seek(cut)
            found = handle.read(_SEARCH).find(b"\n")
    except OSError:
        return None  # reported when the file is read the ordinary way
    if found < 0 or cut + found + 1 >= status.st_size:
        return None
    return cut + found + 1


class _Range(io.RawIOBase):
    """The bytes of ``handle`` from where it stands up to ``stop``."""

    def __init__(self, handle: io.BufferedReader, stop: int | None) -> None:
        self._handle = handle
        self._left = stop - handle.tell() if stop is not None else None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)
        if self._left is not None:
            view = view[: self._left]
        count = self._handle.readinto(view) or 0
        if self._left is not None:
            self._left -= count
        return count

    def close(self) -> None:
        self._handle.close()
        super().close()


def text_between(path: str, start: int, stop: int | None) -> TextIO:
    """The file's text from byte ``start`` (which must begin a line) to byte ``stop``
    (the end when None), decoded as UTF-8 with line endings kept, as csv wants them. A
    byte order mark is dropped only at the very start."""
    handle = open(path, "rb")  # noqa: SIM115 - closed with the text stream
    handle.seek(start)
    encoding = "utf-8-sig" if start == 0 else "utf-8"
    buffered = io.BufferedReader(_Range(handle, stop), _BUFFER)
    return io.TextIOWrapper(buffered, encoding=encoding, newline="")


def lines_before(path: str, offset: int) -> int:
    """How many line breaks the file holds before byte ``offset``, counting CR LF, a lone
    CR and a lone LF as one each, as reading the file as text does."""
    count = 0
    with open(path, "rb") as handle:
        left, carry = offset, b""
        while left > 0:
            data = handle.read(min(_CHUNK, left))
            if not data:
                break  # the file is shorter than it was
            left -= len(data)
            chunk = carry + data
            # A CR at the end of a chunk may be the first half of a CR LF.
            carry = b"\r" if chunk.endswith(b"\r") and left > 0 else b""
            if carry:
                chunk = chunk[:-1]
            count += chunk.count(b"\n")
            if b"\r" in chunk:  # most files have none: then one count is enough
                count += chunk.count(b"\r") - chunk.count(b"\r\n")
        return count + len(carry)


def line_offset(path: str, line: int) -> int:
    """The byte offset where line number ``line`` (from 1) of the file begins, counting
    line breaks as :func:`lines_before` does; the file's size if it has fewer lines."""
    wanted = line - 1
    offset, carry = 0, b""
    with open(path, "rb") as handle:
        while wanted > 0:
            chunk = handle.read(_CHUNK)
            text, base = carry + chunk, offset - len(carry)
            # A CR at the end of a chunk waits for the next: it may begin a CR LF.
            end = len(text) - 1 if chunk and text.endswith(b"\r") else len(text)
            for found in _BREAK.finditer(text, 0, end):
                wanted -= 1
                if wanted == 0:
                    return base + found.end()
            if not chunk:
                break
            carry, offset = text[end:], offset + len(chunk)
    return offset


class Child:
    """The parts a function returns, computed in a forked copy of this process.

    Parts must be plain data (tuples, lists, strings, numbers, bytes, None): each goes
    back with marshal, three times faster than pickle and safe between two copies of one
    interpreter. By default the child makes every part before it sends the first, so it
    never waits for this process while this process is busy, and a failure sends
    nothing. With ``stream`` it sends each part as soon as it is made, for a caller that
    is ready to take them: the making and the taking then overlap. Either way this
    process holds one part at a time as it takes them."""

    def __init__(self, work: Callable[[], Iterable[Any]], *, stream: bool = False) -> None:
        read_end, write_end = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: never return into the caller's code
            os.close(read_end)
            code = 1
            try:
                parts = work() if stream else list(work())
                with os.fdopen(write_end, "wb") as sink:
                    for part in parts:
                        data = marshal.dumps(part, _MARSHAL_VERSION)
                        sink.write(len(data).to_bytes(8, "little"))
                        sink.write(data)
                        if stream:
                            sink.flush()
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        self._source = os.fdopen(read_end, "rb")

    def parts(self) -> Generator[Any, None, None] | None:
        """The parts, one at a time; None if the child failed before it sent any. The
        generator raises ChildProcessError when the child fails later, or ends while it
        sends a part. A generator closed before its end ends the child."""
        size = self._source.read(8)
        if not size:
            return _nothing() if self._reaped() else None
        return self._sent(size)

    def stop(self) -> None:
        """End the child without its result."""
        self._source.close()
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)

    def _sent(self, size: bytes) -> Generator[Any, None, None]:
        finished = False
        try:
            while size:
                # A whole part at once: marshal.load would read a pipe a few bytes a time.
                # Neither its bytes nor the part get a name here, so that the part is let
                # go of as soon as the caller is done with it.
                yield marshal.loads(self._frame(size))
                size = self._source.read(8)
            finished = True
        finally:
            # Also when the parts are left unread: the child then fails to write to the
            # closed pipe, and ends.
            sent_all = self._reaped()
        if finished and not sent_all:
            raise ChildProcessError("the second process failed while sending its work")

    def _frame(self, size: bytes) -> bytes:
        """The bytes of the part ``size`` announces, all of them."""
        wanted = int.from_bytes(size, "little")
        data = self._source.read(wanted) if len(size) == 8 else b""
        if len(size) != 8 or len(data) != wanted:
            raise ChildProcessError("the second process ended while sending a part")
        return data

    def _reaped(self) -> bool:
        self._source.close()
        _, status = os.waitpid(self.pid, 0)
        return os.waitstatus_to_exitcode(status) == 0


def _nothing() -> Generator[Any, None, None]:
    yield from ()


def pieces(items: Sequence[T], work: Callable[[Sequence[T]], str]) -> Iterator[str]:
    """``work`` done on ``items`` a piece at a time, its texts in order. With many items
    and two cores, a forked child does the second half while this process does the
    first, so the first pieces are written as the child works."""
    middle = len(items) // 2 if len(items) >= SPLIT_ITEMS and two_cores() else len(items)

    def in_pieces(start: int, stop: int) -> Iterator[str]:
        for first in range(start, stop, PIECE):
            yield work(items[first : min(first + PIECE, stop)])

    child = Child(lambda: in_pieces(middle, len(items))) if middle < len(items) else None
    try:
        yield from in_pieces(0, middle)
    except BaseException:
        if child is not None:
            child.stop()
        raise
    if child is not None:
        rest = child.parts()
        yield from in_pieces(middle, len(items)) if rest is None else rest
