"""JSON text into its values, one at a time, each with the line it starts on: the items of
one array (``--format json``), or values one after another (``--format jsonl``, or the
objects ``jq`` prints). Read from blocks of whole lines (:func:`streams.texts`) through a
window that drops what has been decoded, so that memory holds a block and the value
being read, never the whole array.

A syntax error ends the file with one problem at its line, as a broken quote ends a CSV
file: what follows it cannot be placed.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator

from kzfp_cli.store.problems import Problems
from kzfp_cli.store.schema import MAX_CELL_CHARS
from kzfp_cli.store.streams import ReadError

# The text of one value is read whole: room for every cell of an event at its limit.
_MAX_VALUE = 16 * MAX_CELL_CHARS
_SPACE = re.compile(r"[ \t\r\n]*")


class Twice(dict[str, object]):
    """An object that names a key more than once (json would keep the last in silence):
    its keys and values, with the keys named again in ``twice``."""

    def __init__(self, pairs: list[tuple[str, object]]) -> None:
        super().__init__(pairs)
        counted = Counter(key for key, _ in pairs)
        self.twice = sorted(key for key, count in counted.items() if count > 1)


def _object(pairs: list[tuple[str, object]]) -> dict[str, object]:
    made = dict(pairs)
    return made if len(made) == len(pairs) else Twice(pairs)


_DECODER = json.JSONDecoder(object_pairs_hook=_object)
_decode = _DECODER.raw_decode
# What raw_decode calls, without its wrapping: StopIteration where no value begins.
# JSONDecoder.__init__ sets it; typeshed does not declare it.
_scan: Callable[[str, int], tuple[object, int]] = _DECODER.scan_once  # type: ignore[attr-defined]


class _Window:
    """The text not yet decoded, with the line each place of it is on. Places are asked
    for in order, front to back; reading on drops the lines before the place kept."""

    __slots__ = ("blocks", "counted", "cr", "ended", "error", "line", "text")

    def __init__(self, blocks: Iterator[str]) -> None:
        self.blocks = blocks
        self.text = ""
        self.counted = 0  # the place up to which line breaks are counted
        self.line = 1  # the line of that place
        self.cr = False  # whether a carriage return was read: counting them costs
        self.error: ReadError | None = None
        self.ended = False

    def line_at(self, at: int) -> int:
        if at > self.counted:
            text, counted = self.text, self.counted
            self.line += text.count("\n", counted, at)
            if self.cr:
                self.line += text.count("\r", counted, at) - text.count("\r\n", counted, at)
            self.counted = at
        return self.line

    def more(self, keep: int) -> int | None:
        """Read the next block, keeping the text from the start of the line of ``keep``:
        where ``keep`` is now, or None at the end of the stream (``error`` says if a
        ReadError ended it)."""
        if self.ended:
            return None
        try:
            block = next(self.blocks)
        except StopIteration:
            self.ended = True
            return None
        except ReadError as error:
            self.error, self.ended = error, True
            return None
        text = self.text
        start = max(text.rfind("\n", 0, keep), text.rfind("\r", 0, keep)) + 1
        if self.counted < start:
            self.line_at(start)
        self.counted -= start
        self.text = text[start:] + block
        self.cr = self.cr or "\r" in block
        return keep - start

    def next_value(self, at: int) -> int | None:
        """The place of the next character that is not white space, from ``at``; None at
        the end of the stream."""
        while True:
            at = _SPACE.match(self.text, at).end()  # type: ignore[union-attr]  # * matches
            if at < len(self.text):
                return at
            moved = self.more(at)
            if moved is None:
                return None
            at = moved

    def column(self, at: int) -> int:
        """The character of its line that ``at`` is, from 1."""
        text = self.text
        return at - max(text.rfind("\n", 0, at), text.rfind("\r", 0, at))


def values(label: str, blocks: Iterator[str], problems: Problems) -> Iterator[tuple[int, object]]:
    """The values of a JSON text with the line each starts on: the items of its array when
    it is one, else the values it holds one after another. When the first of those is on
    one line, the text is JSON lines: every value must then be on one line."""
    window = _Window(blocks)
    at = window.next_value(0)
    if at is None:
        return
    array = window.text[at] == "["
    if array:
        at += 1
    one_a_line: bool | None = False if array else None
    after = ""  # in an array: "value" or "," when one was just read
    space = _SPACE.match
    try:
        while True:
            # Most values are whole in the text in hand, and are scanned here at once;
            # next_value and _value read on only when the text runs out, or a value does
            # not decode (cut by the end of a block, or broken).
            text = window.text
            at = space(text, at).end()  # type: ignore[union-attr]  # * matches
            if at == len(text):
                found = window.next_value(at)
                if found is None:
                    break
                at, text = found, window.text
            char = text[at]
            if array and (char == "]" or after == "value"):
                if char == "]" and after != ",":
                    _after_the_array(window, at + 1)
                    return
                if char == "," and after == "value":
                    at, after = at + 1, ","
                    continue
                expected = "an item" if after == "," else "',' or ']'"
                raise _Broken(at, _malformed(window, at, f"expected {expected}, found {char!r}"))
            try:
                value, end = _scan(text, at)
            except (StopIteration, ValueError, RecursionError):
                value, end, at = _value(window, at, one_line=bool(one_a_line))
                text = window.text
            if one_a_line is None:
                one_a_line = not _breaks_in(text, at, end)
            elif one_a_line and _breaks_in(text, at, end):
                raise _Broken(at, _NOT_ONE_LINE)
            yield window.line_at(at), value
            at, after = end, "value"
    except _Broken as broken:
        problems.add(label, window.line_at(broken.at), None, broken.message)
        return
    except ReadError as error:
        problems.add(label, error.line, None, error.message)
        return
    if window.error is not None:
        problems.add(label, window.error.line, None, window.error.message)
    elif array:
        last = window.line_at(len(window.text.rstrip(" \t\r\n")))
        problems.add(
            label, last, None, "malformed JSON (the array is never closed: ']' is missing)"
        )


class _Broken(Exception):
    """Where the text cannot be read on from, and the problem that says why."""

    def __init__(self, at: int, message: str) -> None:
        super().__init__(message)
        self.at = at
        self.message = message


_NOT_ONE_LINE = (
    "malformed JSON (the line ends before the object does; JSON lines hold one object a line)"
)


def _value(window: _Window, at: int, *, one_line: bool) -> tuple[object, int, int]:
    """The value that begins at ``at``, where it ends, and where it begins now (reading
    on moves places). Blocks end with a line, so a value cut by one fails to decode at
    the very end of the text: then the next block is read and it is decoded again."""
    while True:
        text = window.text
        try:
            value, end = _decode(text, at)
        except json.JSONDecodeError as error:
            cut = error.pos >= len(text) and not window.ended
            if one_line and (cut or _breaks_in(text, at, error.pos)):
                raise _Broken(at, _NOT_ONE_LINE) from None
            if not cut:
                message = error.msg[:1].lower() + error.msg[1:]
                raise _Broken(error.pos, _malformed(window, error.pos, message)) from None
            if len(text) - at > _MAX_VALUE:
                raise _Broken(
                    at,
                    f"a JSON value longer than {_MAX_VALUE:,} characters; is a bracket left open?",
                ) from None
            moved = window.more(at)
            if moved is None:
                if window.error is not None:
                    raise window.error from None
                continue  # the end of the stream: decoded once more, to say what is wrong
            at = moved
        except ValueError:  # what json leaves to int(): a number of more than 4,300 digits
            raise _Broken(at, "malformed JSON (a number too long to read)") from None
        except RecursionError:  # [[[[...
            raise _Broken(at, "malformed JSON (nested too deeply)") from None
        else:
            if one_line and _breaks_in(text, at, end):
                raise _Broken(at, _NOT_ONE_LINE)
            return value, end, at


def _breaks_in(text: str, start: int, end: int) -> bool:
    return text.find("\n", start, end) >= 0 or text.find("\r", start, end) >= 0


def _malformed(window: _Window, at: int, message: str) -> str:
    return f"malformed JSON ({message}, at character {window.column(at)})"


def _after_the_array(window: _Window, at: int) -> None:
    """Only white space may follow the array."""
    found = window.next_value(at)
    if found is not None:
        raise _Broken(found, _malformed(window, found, "more after the end of the array"))
    if window.error is not None:
        raise window.error
